"""`vaultkit one-on-one [PERSON]`: write the 1-1 prep note and print its path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.capture import resolve_kind
from vaultkit.cli.main import Ctx, cli, friendly_errors, parse_day
from vaultkit.disk.build import write_planned
from vaultkit.disk.record import resolve_today
from vaultkit.reader.config import CONFIG_NAME
from vaultkit.reader.model import Note, Severity
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.plan import one_on_one_note
from vaultkit.views.regions import seal
from vaultkit.views.render import Renderer, TemplateProblem


def _person(vault: Vault, person: str | None) -> Note:
    """The person PERSON names, else the config's `manager`; a ClickException saying what to do."""
    if person is not None and person.strip():
        return resolve_kind(vault, person, "person")
    manager = vault.config.manager
    if manager is None:
        raise click.UsageError(f'name the person (vaultkit one-on-one "Marta Kowalski"), or set your manager in '
                               f'{CONFIG_NAME}: manager = "[[Marta Kowalski]]"')
    try:
        return resolve_kind(vault, manager, "person")
    except click.ClickException as exc:
        raise click.ClickException(f'manager = "[[{manager}]]" in {CONFIG_NAME}: {exc.message}') from None


@cli.command("one-on-one")
@click.argument("person", required=False)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the note instead of writing it.")
@click.option("--today", callback=parse_day, metavar="YYYY-MM-DD", help="Override today's date.")
@click.pass_obj
@friendly_errors
def one_on_one(obj: Ctx, person: str | None, to_stdout: bool, today: dt.date | None) -> None:
    """Write the 1-1 prep note for PERSON (a name or alias, like a link) and print its path.

    With no PERSON: your manager, `manager = "[[Name]]"` in vaultkit.toml. The note covers
    what happened since the last 1-1 you logged with them (an interaction starting `1:1` or
    `1-1`, or tagged `#1-1`): wins to mention, open challenges to ask for help with,
    visibility (demos, docs, talks, shares) and the `asks` noted for them. It lands in
    Vaultkit/1-1/ and is kept current by `build` and `watch`; text you add outside its
    markers is kept.

    \b
    Example:
      vaultkit one-on-one
      vaultkit one-on-one "Ben Okafor"
    """
    vault = obj.load(to_write=not to_stdout)
    note = _person(vault, person)
    errors = [d for d in note.diagnostics if d.severity is Severity.ERROR]
    if errors:
        click.echo(f"warning: {note.path} has problems: {errors[0].message}", err=True)
    try:
        planned = one_on_one_note(Facts(vault, resolve_today(vault, today)), note, Renderer(obj.vault_path))
    except TemplateProblem as exc:
        raise click.ClickException(str(exc)) from exc
    if to_stdout:
        click.echo(seal(planned.text), nl=False)
        return
    report = write_planned(str(obj.vault_path), [planned])
    for d in report.diagnostics:
        raise click.ClickException(f"{d.path}: {d.message} ({d.hint})")
    click.echo(str(Path(obj.vault_path) / planned.path))
