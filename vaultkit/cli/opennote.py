"""`vaultkit open NOTE`: the `obsidian://` URI that opens a note in Obsidian."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import click

from vaultkit.cli.complete import complete_note
from vaultkit.cli.main import Ctx, cli, friendly_errors


def obsidian_uri(vault: Path, rel: str) -> str:
    """`obsidian://open?vault=NAME&file=PATH`, as Obsidian's URI documentation writes it.

    The vault is named by its folder's name (Obsidian's vault name); the file is its path
    from the vault root, `.md` left out, and both are percent-encoded whole (`/` as `%2F`,
    a space as `%20`): a reserved character left as it is breaks the URI.
    """
    file = rel[:-3] if rel.lower().endswith(".md") else rel
    return f"obsidian://open?vault={quote(vault.resolve().name, safe='')}&file={quote(file, safe='')}"


def _as_path(vault: Path, note: str) -> str | None:
    """NOTE as a vault-relative path of a file that exists (as given, or with `.md`), else None."""
    root = vault.resolve()
    for candidate in (note, note + ".md"):
        given = Path(candidate)
        path = (given if given.is_absolute() else root / given).resolve()
        if path.is_file() and path.is_relative_to(root):
            return path.relative_to(root).as_posix()
        if not given.is_absolute() and Path.cwd().joinpath(given).is_file():  # as the shell completes it
            found = Path.cwd().joinpath(given).resolve()
            if found.is_relative_to(root):
                return found.relative_to(root).as_posix()
    return None


@cli.command("open")
@click.argument("note", shell_complete=complete_note)
@click.option("--print-path", is_flag=True, help="Print the note's path instead of its URI.")
@click.pass_obj
@friendly_errors
def open_note(obj: Ctx, note: str, print_path: bool) -> None:
    """Print the obsidian:// URI that opens a note in Obsidian (or, with --print-path, its path).

    NOTE is a path (`Vaultkit/People.md`), or a note's name, alias or `[[link]]` as links
    resolve. The vault is named by its folder's name, as Obsidian names it. vaultkit only
    prints the URI: hand it to your system's opener.

    \b
    Example:
      vaultkit open "Ada Lovelace"
      xdg-open "$(vaultkit open 'Ada Lovelace')"      # Linux; macOS: open
      vaultkit open Vaultkit/People.md --print-path
    """
    vault = obj.vault_path
    rel = _as_path(vault, note)
    if rel is None:
        from vaultkit.cli.capture import resolve_note  # loads the parser: only for a name

        found = resolve_note(obj.load(), note, "note")
        if found is None:
            raise click.ClickException(f"no note named {note!r} in {vault}: give its name, alias or path")
        rel = found.path
    click.echo(os.path.join(vault, *rel.split("/")) if print_path else obsidian_uri(vault, rel))
