"""Commands that read the vault for a purpose: `review`, `followups`, `prep`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from vaultkit.cli.capture import resolve_kind
from vaultkit.cli.complete import complete_event, complete_period
from vaultkit.cli.main import Ctx, cli, friendly_errors, parse_day
from vaultkit.cli.output import emit, format_option, prep_document, review_document
from vaultkit.disk.build import write_planned
from vaultkit.disk.record import resolve_today
from vaultkit.reader import periods
from vaultkit.reader.model import Severity
from vaultkit.reader.model import shown as for_terminal
from vaultkit.reader.network import clean, looking_for
from vaultkit.views.common import Facts, iso, without_date
from vaultkit.views.derived.people import people_view
from vaultkit.views.plan import Planned, prep_note, review_note
from vaultkit.views.regions import seal
from vaultkit.views.render import Renderer, TemplateProblem


def _write_one(obj: Ctx, planned: Planned) -> tuple[str, str]:
    """Write one note; its full path and what happened to it (created, updated, unchanged)."""
    report = write_planned(str(obj.vault_path), [planned])
    for d in report.diagnostics:
        raise click.ClickException(f"{d.path}: {d.message} ({d.hint})")
    status = "created" if report.created else "updated" if report.updated else "unchanged"
    return str(Path(obj.vault_path) / planned.path), status


@cli.command()
@click.argument("period", required=False, shell_complete=complete_period)
@click.option("--since", callback=parse_day, metavar="YYYY-MM-DD", help="Start of a custom period.")
@click.option("--until", callback=parse_day, metavar="YYYY-MM-DD", help="End of a custom period (inclusive).")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the note instead of writing it.")
@click.option("--today", callback=parse_day, metavar="YYYY-MM-DD", help="Override today's date.")
@format_option(lists=False)
@click.pass_obj
@friendly_errors
def review(obj: Ctx, period: str | None, since: dt.date | None, until: dt.date | None, to_stdout: bool,
           today: dt.date | None, fmt: str) -> None:
    """Write the review note for PERIOD (2026, 2026-H2, 2026-Q3, 2026-07) and print its path.

    Default: the last six complete months. The note lands in Vaultkit/Reviews/ and is kept
    current by `build` and `watch`; text you add outside its markers is kept.

    \b
    Example:
      vaultkit review 2026-H1
      vaultkit review 2026-H1 --format json
    """
    if since and until and until < since:  # said before the vault is read: the dates alone are wrong
        raise click.BadParameter(f"--until {until} is before --since {since}, so the period holds no day; "
                                 "swap the two dates", param_hint="'--since' / '--until'")
    vault = obj.load(to_write=True)
    day = resolve_today(vault, today)
    try:
        if period and (since or until):
            raise click.UsageError("give a PERIOD or --since/--until, not both")
        if period:
            chosen = periods.parse_period(period)
        elif since or until:
            if not (since and until):
                raise click.UsageError("--since and --until go together")
            chosen = periods.between(since, until)
        else:
            chosen = periods.last_six_months(day)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="PERIOD") from None
    try:
        planned = review_note(Facts(vault, day), chosen, Renderer(obj.vault_path))
    except TemplateProblem as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        status = "not written" if to_stdout else _write_one(obj, planned)[1]
        document = review_document(Facts(vault, day), chosen, planned, status)
        if to_stdout:
            document["text"] = seal(planned.text)  # the note as it would be written
        emit(fmt, document, {})
        return
    if to_stdout:
        click.echo(seal(planned.text), nl=False)  # the note as it would be written
        return
    click.echo(_write_one(obj, planned)[0])


@cli.command()
@click.option("--today", callback=parse_day, metavar="YYYY-MM-DD", help="Override today's date.")
@format_option()
@click.pass_obj
@friendly_errors
def followups(obj: Ctx, today: dt.date | None, fmt: str) -> None:
    """Print who is due for follow-up and why: by priority, then most overdue.

    Due means: days since the last contact exceed the person's cadence (their own `cadence:`,
    else their priority's from `[cadence]`, else `default_cadence`). A loose connection you have
    not contacted yet (the lowest priority, as `import` writes it) is not due: they are counted
    in one line. With `looking_for` in vaultkit.toml (or a goal), it also lists who has not been
    told yet (no `#told` interaction).

    \b
    Example:
      vaultkit followups --today 2026-07-15 --format json
    """
    vault = obj.load(strict=True)
    facts = Facts(vault, resolve_today(vault, today))
    view = people_view(facts)
    rows: list[dict[str, Any]] = []
    for f in view.followups:
        person = f.person
        rows.append({
            "person": person.note.title, "path": person.note.path, "company": person.company,
            "priority": view.net.priority(person) or None,
            "days_since": f.days_since, "cadence_days": f.cadence_days, "never_contacted": f.never_contacted,
            "last_contact": iso(f.last.date) if f.last else None,
            "last_text": clean(without_date(facts.text(f.last))) if f.last else None, "topics": list(person.topics),
            "asks": list(person.asks), "offers": list(person.offers),
        })
    wanted = looking_for(vault)
    untold: list[dict[str, Any]] = [{"person": p.note.title, "path": p.note.path, "company": p.company,
               "priority": view.net.priority(p) or None, "asks": list(p.asks)} for p in view.untold] if wanted else []
    if fmt != "text":
        shown: dict[str, Any] = {"today": iso(facts.today), "count": len(rows), "due": rows,
                                 "loose_not_contacted": view.loose_count}
        if wanted:
            shown.update({"looking_for": list(wanted), "untold": untold})
        emit(fmt, shown, {"due": "due", **({"untold": "untold"} if wanted else {})})
        return
    if not rows:
        click.echo(f"Nobody is due for follow-up on {iso(facts.today)}.")
    for row in rows:
        if row["days_since"] is None:
            why = "never contacted, no met_on date"
        elif row["never_contacted"]:
            why = f"met {row['days_since']} days ago, never contacted since (cadence {row['cadence_days']}d)"
        else:
            why = f"{row['days_since']} days since {row['last_contact']} (cadence {row['cadence_days']}d)"
        line = row["person"] + (f" ({row['priority']})" if row["priority"] else "") + f": {why}"
        said = [("bring up", row["topics"]), ("ask", row["asks"]), ("offer", row["offers"])]
        line += "".join(f"; {what}: {', '.join(items)}" for what, items in said if items)
        click.echo(for_terminal(line))  # a shared vault's name or field may hold an escape or a bidi control
    if view.loose_count:  # counted once, never listed: a network that matters, not a queue of strangers
        n = view.loose_count
        click.echo(f"\n{n} loose connection{'s' if n != 1 else ''} you have not contacted (priority "
                   f"{view.net.lowest}, as imports write it): not due; give one a higher priority or log "
                   "a contact to follow them up")
    if wanted:
        click.echo(f"\nNot told what you are looking for ({'; '.join(wanted)}): "
                   + (f"{len(untold)}, priority first" if untold else "everyone has been told"))
        for item in untold:
            about = ", ".join(x for x in (item["priority"], item["company"]) if x)
            click.echo(for_terminal(f"  {item['person']}" + (f" ({about})" if about else "")
                                    + (f": ask for {', '.join(item['asks'])}" if item["asks"] else "")))


@cli.command()
@click.argument("event", shell_complete=complete_event)
@click.option("--today", callback=parse_day, metavar="YYYY-MM-DD", help="Override today's date.")
@format_option(lists=False)
@click.pass_obj
@friendly_errors
def prep(obj: Ctx, event: str, today: dt.date | None, fmt: str) -> None:
    """Write the prep note for EVENT (a name or alias, like a link) and print its path.

    The speakers first, each with the line that stood out from their talk (your opener);
    who you want to meet and what you know of each (their note's own text, interviews they
    were in); the community's regulars and organisers; who else is likely there; last
    time's notes. Once the event is past, the same note is its debrief: whom you met against
    the goal, who has no follow-up yet, the talk notes. `build` keeps it current afterwards.

    \b
    Example:
      vaultkit prep "Postgres Berlin August 2026"
    """
    vault = obj.load(to_write=True)
    note = resolve_kind(vault, event, "event")
    errors = [d for d in note.diagnostics if d.severity is Severity.ERROR]
    if errors and fmt == "text":
        click.echo(f"warning: {note.path} has problems: {errors[0].message}", err=True)
    facts = Facts(vault, resolve_today(vault, today))
    try:
        planned = prep_note(facts, note, Renderer(obj.vault_path))
    except TemplateProblem as exc:
        raise click.ClickException(str(exc)) from exc
    written, status = _write_one(obj, planned)
    if fmt == "json":
        emit(fmt, prep_document(facts, note, planned.path, status, errors), {})
        return
    click.echo(written)
