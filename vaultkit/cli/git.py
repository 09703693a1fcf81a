"""Commands that make git and vaultkit get along: `merge-driver` and `git-setup`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vaultkit.cli.main import Ctx, cli, friendly_errors
from vaultkit.disk import fs, gitsetup
from vaultkit.views import diff3
from vaultkit.views.regionmerge import merge_note


def _text_merge(base: str, ours: str, theirs: str) -> tuple[str, int]:
    """`git merge-file` when git can do it, else vaultkit's own diff3."""
    merged = gitsetup.git_merge_file(base, ours, theirs)
    return merged if merged is not None else diff3.merge3(base, ours, theirs)


@cli.command("merge-driver")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", required=False, default="")
@friendly_errors
def merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> None:
    """Merge a generated note three ways: git's merge driver for `Vaultkit/`.

    Git runs it once per file as `vaultkit merge-driver %O %A %B %P` (ancestor, current,
    other, path in the repository) and takes the result from the current file. The text
    outside the markers is merged line by line as git merges it; inside the markers one
    side's region is taken whole (a region is never mixed from both sides). Exits 1 when
    a conflict remains, as git's own merge would, with the conflict marked in the file.
    Enable it with `vaultkit git-setup`, which also installs the hook that rebuilds after
    the merge.

    \b
    Example:
      git config merge.vaultkit.driver "vaultkit merge-driver %O %A %B %P"
      vaultkit merge-driver base.md ours.md theirs.md Vaultkit/People.md
    """
    result = merge_note(_read(base), _read(ours), _read(theirs), _text_merge)
    data = result.text.encode("utf-8", "surrogateescape")
    if data != ours.read_bytes():
        # git's temporary file (or a note), its mode kept
        gitsetup.replace_file(ours, data, ours.stat().st_mode & 0o7777, ".vaultkit-merge-")
    name = path or str(ours)
    for line in result.said:
        click.echo(f"vaultkit merge-driver: {name}: {line}", err=True)
    if result.conflicts:
        sys.exit(1)


def _read(path: Path) -> str:
    """A file git handed over, as text; undecodable bytes kept as they are."""
    return path.read_bytes().decode("utf-8", "surrogateescape")


@cli.command("git-setup")
@click.pass_obj
@friendly_errors
def git_setup(obj: Ctx) -> None:
    """Set up git for the vault: .gitattributes, the post-merge hook, the merge driver line.

    Adds to `.gitattributes` the lines that check generated notes out in LF and merge
    them with `vaultkit merge-driver` (only those missing), installs a `post-merge` hook
    that runs `vaultkit build` after every merge (appended to a hook you have, or refused
    with the lines to add when it cannot be appended to safely), and prints the one
    `git config` line that enables the driver in this clone.

    \b
    Example:
      vaultkit git-setup
    """
    root = obj.vault_path
    config, _ = fs.read_config(str(root))
    if gitsetup.repository_top(root) is None:
        raise click.ClickException(f"{root} is not in a git repository (or git is not installed): "
                                   "run `git init` there first")
    added = gitsetup.add_lines(root, gitsetup.GITATTRIBUTES, gitsetup.attribute_lines(config.output_dir))
    if added:
        click.echo(f"{gitsetup.GITATTRIBUTES}: added " + ", ".join(f"`{line}`" for line in added))
    else:
        click.echo(f"{gitsetup.GITATTRIBUTES}: has the lines already")
    if not report_hook(root):
        sys.exit(1)


def report_hook(root: Path) -> bool:
    """Install the post-merge hook, say what was done and print the `git config` line;
    False when an existing hook had to be left alone."""
    hook = gitsetup.install_hook(root)
    if hook.status in ("written", "appended"):
        click.echo(f"post-merge hook {hook.status}: {hook.path} (runs `vaultkit build` after every merge)")
    elif hook.status == "refused":
        click.echo(f"{hook.path} exists and vaultkit cannot add to it safely (not a shell script, or it may "
                   f"exit before its end): add these lines to it yourself:\n{hook.block}", err=True)
    elif hook.status == "present":
        click.echo(f"post-merge hook: {hook.path} runs `vaultkit build` already")
    elif hook.status == "no-repository":
        click.echo("not a git repository yet: after `git init`, run `vaultkit git-setup` to install the "
                   "post-merge hook")
    click.echo("Enable the merge driver in this clone (git keeps it out of the repository: once per clone):\n"
               f"  {gitsetup.CONFIG_LINE}")
    return hook.status != "refused"
