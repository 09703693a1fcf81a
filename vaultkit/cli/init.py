"""`vaultkit init`: a new vault's skeleton, or a commented `vaultkit.toml` proposed for a folder in use."""

from __future__ import annotations

import os
from pathlib import Path

import click

from vaultkit.cli.main import cli, friendly_errors
from vaultkit.disk import fs, gitsetup, writer
from vaultkit.disk.gitsetup import GITATTRIBUTES
from vaultkit.edits import capture
from vaultkit.reader.config import CONFIG_NAME, KINDS
from vaultkit.views.render import packaged_templates

DAILY_FOLDER = "Daily"
_SCAN_LIMIT = 10_000  # entries looked at for a note before init assumes the folder is in use


@cli.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
@friendly_errors
def init(ctx: click.Context, path: Path | None) -> None:
    """Create a vault skeleton: kind folders, a commented vaultkit.toml, note templates.

    In a new or empty folder it adds only what is missing and overwrites nothing, and sets
    git up as `vaultkit git-setup` does: `.gitattributes` lines that keep generated notes in LF
    and merge them with `vaultkit merge-driver`, a `post-merge` hook that rebuilds (when the
    folder is in a git repository), and the `git config` line to run. In a vault that already
    has notes (or Obsidian's `.obsidian/`) it writes only `vaultkit.toml`: a proposal, all
    commented out, of the kind rules and field names that fit what it finds there; and it
    prints what `vaultkit git-setup` would add. It never changes a `vaultkit.toml`.

    \b
    Example:
      vaultkit init ~/career
    """
    # PATH, else --vault or $VAULTKIT_VAULT, else the current folder: never a vault found further
    # up, which would put the skeleton into some other vault than the folder you are in.
    given = ctx.parent.params.get("vault") if ctx.parent else None
    env = os.environ.get("VAULTKIT_VAULT")
    root = path or given or (Path(env) if env else Path.cwd())
    root.mkdir(parents=True, exist_ok=True)
    # Asked before init adds notes of its own (the templates); a vaultkit.toml alone (init run
    # before) leaves the vault new. A folder too big to look through quickly counts as in use.
    fresh = not ((root / ".obsidian").is_dir() or fs.holds_note(str(root), limit=_SCAN_LIMIT))
    if not fresh:
        _adopt(root)
        return
    added: list[str] = []
    for folder in (*capture.KIND_FOLDERS.values(), DAILY_FOLDER, "Templates"):
        if not (root / folder).exists():
            (root / folder).mkdir()
            added.append(folder + "/")
    shipped = packaged_templates()
    files = {CONFIG_NAME: shipped / "vaultkit.toml"}
    files.update({f"Templates/{kind}.md": shipped / "notes" / f"{kind}.md" for kind in KINDS})
    for rel, source in files.items():
        try:
            writer.create_new(str(root), rel, source.read_bytes())
            added.append(rel)
        except FileExistsError:
            continue
    if gitsetup.add_lines(root, GITATTRIBUTES, gitsetup.attribute_lines(fs.read_config_text(str(root))[0].output_dir)):
        added.append(GITATTRIBUTES)
    click.echo(f"Vault ready at {root}" + (f" (added {len(added)}: {', '.join(added)})" if added
                                          else " (nothing to add)"))
    click.echo('Next: vaultkit new person "Ada Lovelace" --set company=… --set met_on=YYYY-MM-DD, '
               'then vaultkit build')
    from vaultkit.cli.git import report_hook  # the git commands' module, loaded only here

    report_hook(root)


def _adopt(root: Path) -> None:
    """`init` in a vault that already holds notes: write only `vaultkit.toml`, a proposal read
    from the vault (`vaultkit.edits.propose`), and only if there is none; print the git line."""
    from vaultkit.disk.load import load_vault
    from vaultkit.edits.propose import propose

    config, _ = fs.read_config(str(root))  # the proposal written below is all comments: it changes nothing
    if os.path.lexists(root / CONFIG_NAME):
        click.echo(f"{root} already has {CONFIG_NAME}: nothing written (init never changes it).")
    else:
        text, found = propose(load_vault(root, config))  # reads the vault; writes nothing
        writer.create_new(str(root), CONFIG_NAME, text.encode("utf-8"))
        click.echo(f"This folder already holds notes, so init wrote only {root / CONFIG_NAME}: a proposal, "
                   "every line commented out. Uncomment what fits" + (":" if found else "."))
        for finding in found:
            click.echo(f"  {finding}")
        click.echo("Then run vaultkit check and vaultkit build.")
    lines = [line for line in gitsetup.attribute_lines(config.output_dir)
             if not gitsetup.has_line(root / GITATTRIBUTES, line)]
    if lines:
        click.echo(f"git set-up is left to you. If git keeps the vault, run `vaultkit git-setup`: it adds these "
                   f"lines to {GITATTRIBUTES} (generated notes in LF on every clone, merged by vaultkit) and a "
                   "post-merge hook that rebuilds them:\n" + "".join(f"  {line}\n" for line in lines), nl=False)
