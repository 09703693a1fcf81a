"""`vaultkit calendar [--out FILE]`: write the vault's reminders as an `.ics` file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from vaultkit.cli.main import Ctx, cli, friendly_errors, parse_day
from vaultkit.disk import writer
from vaultkit.disk.record import resolve_today
from vaultkit.exports.calendar import calendar as make_calendar

FILE_NAME = "vaultkit.ics"


@cli.command("calendar")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Where to write the file (default: {FILE_NAME} in the output folder, e.g. Vaultkit/{FILE_NAME}).")
@click.option("--today", "today", callback=parse_day, metavar="YYYY-MM-DD", help="Compute as of this date.")
@click.pass_obj
@friendly_errors
def calendar_command(obj: Ctx, out: Path | None, today: dt.date | None) -> None:
    """Write an .ics calendar of follow-ups, interview follow-ups, upcoming events and every
    date field a kind marks `calendar = true`; print its path.

    Subscribe to the file in a calendar app (or import it) to be reminded. Entries are all-day;
    each keeps its UID while its note keeps its path (a renamed note's entries get new ones).
    The same vault and date give the same bytes; an unchanged file is not written again.

    \b
    Example:
      vaultkit calendar
      vaultkit calendar --out ~/Calendars/career.ics
    """
    vault = obj.load(to_write=True)
    day = resolve_today(vault, today)
    data = make_calendar(vault, day)
    if out is None:
        root, rel = str(obj.vault_path), f"{vault.config.output_dir}/{FILE_NAME}"
        target = os.path.join(root, *rel.split("/"))
    else:
        target = os.path.abspath(out)
        root, rel = os.path.dirname(target), os.path.basename(target)
        if not os.path.isdir(root):  # the writer would call it a vault folder that is gone
            raise click.ClickException(f"{root} does not exist: make the folder first, or give --out a file "
                                       "in a folder that exists")
    changed = writer.atomic_write(root, rel, data)
    click.echo(target if changed else f"{target} (unchanged)")
