"""`vaultkit import linkedin|vcard|ics FILE [--dry-run]`: add people or events from another
tool's export. Reads the file (`vaultkit.importers`), plans against the vault, then writes:
new notes as `vaultkit new` makes them, empty fields filled in place (every other byte kept)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from vaultkit.cli.capture import compose_note
from vaultkit.cli.main import Ctx, cli, friendly_errors
from vaultkit.disk import writer
from vaultkit.disk.record import resolve_today
from vaultkit.edits.capture import yaml_value
from vaultkit.edits.fill import fill_fields
from vaultkit.importers import ics, linkedin, vcard
from vaultkit.importers.plan import Fill, NewNote, Plan, Skip, loose, plan_events, plan_people
from vaultkit.importers.records import Contact, ImportFailure
from vaultkit.reader import conflicts
from vaultkit.reader.model import Severity
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault
from vaultkit.views.regions import to_lf


@dataclass
class _Ready:
    """One write, worked out before any is made: a new note or a filled one."""

    line: int
    rel: str
    text: str
    before: bytes | None = None  # a filled note's bytes as read (None: a new note)
    keys: tuple[str, ...] = ()
    said: str = ""  # a warning printed with it


@cli.group("import")
def import_group() -> None:
    """Add people or events from another tool's export.

    Idempotent: a person or event already in the vault (matched by profile URL, else by name
    or alias) only gets the fields its note leaves empty; a field that has a value is never
    changed, and each one kept is listed with both values. Importing the same file again adds
    nothing. New notes are made as `vaultkit new` makes them (the kind's folder and template).
    A malformed file is an error naming its line, and then nothing is written.

    \b
    Example:
      vaultkit import linkedin ~/Downloads/Connections.csv --dry-run
    """


_DRY = click.option("--dry-run", is_flag=True, help="Print what the import would do; write nothing.")
_FILE = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))


def _import_command(name: str) -> Callable[[Callable[[Ctx, Path, bool], None]], click.Command]:
    """`vaultkit import NAME FILE [--dry-run]`: the decorators each import command had, once."""
    def make(run: Callable[[Ctx, Path, bool], None]) -> click.Command:
        return import_group.command(name)(_FILE(_DRY(click.pass_obj(friendly_errors(run)))))
    return make


@_import_command("linkedin")
def import_linkedin(obj: Ctx, file: Path, dry_run: bool) -> None:
    """Add people from LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).

    Each connection gives a person note: company, role (Position), email, the profile URL in
    `links`, and `met_on` from Connected On (dates like 12 Mar 2024). A person added gets the
    lowest priority (`loose`): a connection is not yet someone you keep up with, so until you
    log a contact or raise the priority, Follow-ups counts them in one line instead of listing them.

    \b
    Example:
      vaultkit import linkedin Connections.csv
    """
    def read(data: bytes) -> tuple[Planner, list[Skip]]:
        contacts = linkedin.parse(data)
        return (lambda vault: plan_people(vault, contacts, loose(vault))), []

    _run(obj, file, dry_run, "person", read)


@_import_command("vcard")
def import_vcard(obj: Ctx, file: Path, dry_run: bool) -> None:
    """Add people from a vCard file (.vcf, as address books export them).

    FN is the name; ORG the company, TITLE the role, the first EMAIL, every URL in `links`. A
    person added gets the lowest priority (`loose`), as from `import linkedin`.

    \b
    Example:
      vaultkit import vcard contacts.vcf --dry-run
    """
    _run(obj, file, dry_run, "person", lambda data: (_people(vcard.parse(data)), []))


@_import_command("ics")
def import_ics(obj: Ctx, file: Path, dry_run: bool) -> None:
    """Add events from an iCalendar file (.ics).

    SUMMARY is the title; the date is the day DTSTART writes, in the event's own zone (a UTC
    time keeps its UTC date), never moved into this machine's zone; `end` is the last day of a
    multi-day event (one that ends by 06:00 the next morning is one evening); `kind` is the
    first CATEGORIES value that is an event kind (meetup, conference, …), else left empty;
    LOCATION and URL fill those fields. A recurring event gives its first date; a cancelled
    one is left out.

    \b
    Example:
      vaultkit import ics meetups.ics
    """
    def read(data: bytes) -> tuple[Planner, list[Skip]]:
        events, left = ics.parse(data)
        return (lambda vault: plan_events(vault, events)), [Skip(line, name or "(no title)", why)
                                                             for line, name, why in left]

    _run(obj, file, dry_run, "event", read)


Planner = Callable[[Vault], Plan]


def _people(contacts: list[Contact]) -> Planner:
    # An address book holds strangers as well as friends: loose until you say otherwise, as LinkedIn's.
    return lambda vault: plan_people(vault, contacts, loose(vault))


def _run(obj: Ctx, file: Path, dry_run: bool, kind: str, read: Callable[[bytes], tuple[Planner, list[Skip]]]) -> None:
    """Read `file` (all of it, before the vault: a malformed file stops here), plan, write."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from exc
    try:
        planner, left = read(data)
    except ImportFailure as exc:
        where = f"{file}:{exc.line}" if exc.line is not None else str(file)
        hint = f" ({exc.hint})" if exc.hint else ""
        raise click.ClickException(f"{where}: {exc.message}{hint}; nothing was imported") from None
    vault = obj.load(to_write=not dry_run)
    plan = planner(vault)
    plan.skips.extend(left)
    root = str(obj.vault_path)
    ready = [r for r in (_prepare_new(obj.vault_path, vault, n, plan) for n in plan.new) if r]
    ready += [r for r in (_prepare_fill(root, vault, f, plan) for f in plan.fills) if r]
    lines: list[tuple[int, str]] = []
    failed: list[_Ready] = []  # not counted as added or filled
    folders = writer.Folders()  # each folder's names read once, not once per new note
    for r in ready:
        what = f"fill {', '.join(r.keys)} in" if r.before is not None else "add"
        if dry_run:
            lines.append((r.line, f"would {what} {r.rel}{r.said}"))
            continue
        try:
            if r.before is None:
                writer.create_new(root, r.rel, r.text.encode("utf-8"), folders)
            else:
                writer.atomic_write(root, r.rel, r.text.encode("utf-8"), expect=r.before)
        except OSError as exc:  # a read-only note, one saved meanwhile, a name taken meanwhile
            failed.append(r)
            lines.append((r.line, f"not written: {r.rel}: {exc}"))
            continue
        done = f"filled {', '.join(r.keys)} in" if r.before is not None else "added"
        lines.append((r.line, f"{done} {r.rel}{r.said}"))
    lines += [(s.line, f"skipped {s.name}: {s.why}") for s in plan.skips]
    lines += [(k.line, k.why) for k in plan.kept]
    lines += [(n.line, f"{n.name}: {n.why}") for n in plan.said]
    for line, text in sorted(lines, key=lambda x: x[0]):
        click.echo(f"line {line}: {text}")
    written = [r for r in ready if all(r is not f for f in failed)]
    added = sum(r.before is None for r in written)
    filled = len(written) - added
    noun = ("person" if added == 1 else "people") if kind == "person" else ("event" if added == 1 else "events")
    click.echo(f"{file.name}: {added} {noun} {'to add' if dry_run else 'added'}, {filled} "
               f"{'note' if filled == 1 else 'notes'} {'to fill' if dry_run else 'filled'}, "
               f"{len(plan.same)} with nothing to fill, {len(plan.skips)} skipped"
               + _kept(plan)
               + (" (dry run: nothing written)" if dry_run else ""))
    if failed:
        count = len(failed)
        raise click.ClickException(f"{count} {'note' if count == 1 else 'notes'} could not be written (see above)")


def _kept(plan: Plan) -> str:
    """The summary's count of values notes keep that differ from the file: values, as listed
    above it, and the notes that keep them where those are fewer."""
    values, notes = plan.kept_values, len(plan.kept)
    if not values:
        return ""
    said = f"; {values} kept value{'s' if values != 1 else ''} that differ{'' if values != 1 else 's'} from the file"
    return said + (f", in {notes} note{'s' if notes != 1 else ''}" if notes < values else "")


def _prepare_new(root: Path, vault: Vault, new: NewNote, plan: Plan) -> _Ready | None:
    """The note `vaultkit new` would make for `new`; None (and a skip) where it cannot."""
    values = list(new.values)
    try:
        rel, text, note = compose_note(root, vault, new.kind, new.title, values)
    except click.ClickException as exc:
        plan.skips.append(Skip(new.line, new.title, exc.message))
        return None
    # A date field the template filled with today (`met_on: {{date}}`) is not known from the
    # file: left empty rather than saying the person was met on the day of the import.
    # So is a value the template chose for an enum the file does not give (an event's `kind: meetup`):
    # the import writes what the file says, and a guess would read as the user's own.
    today, given = resolve_today(vault), {key for key, _ in values}
    blank = [(spec.source or name, "") for name, spec in vault.config.schema.fields(new.kind).items()
             if not spec.required and name not in given and note.fields.get(name) not in (None, "")
             and ((spec.type == "date" and note.fields.get(name) == today)
                  or (spec.type == "enum" and _written(text, spec.source or name)))]
    if blank:
        text, _ = fill_fields(text, blank, overwrite=True)
    if os.path.lexists(os.path.join(root, *rel.split("/"))):
        plan.skips.append(Skip(new.line, new.title, f"{rel} exists and is not a {new.kind} note; rename one of them"))
        return None
    said = ""
    if vault.index.resolve(new.title).status != "missing":  # as `vaultkit new` warns
        said = (f" (another note is already called {new.title!r}; a bare [[{new.title}]] takes the one in the "
                "linking note's folder, else the shortest path, as in Obsidian)")
    return _Ready(new.line, rel, text, said=said)


def _written(text: str, key: str) -> bool:
    """Does the frontmatter of `text` give `key` a value on its own line (not a schema default)?"""
    head = text.split("\n---", 1)[0] if text.startswith("---") else ""
    return re.search(rf"^{re.escape(key)}[ \t]*:[ \t]*[^\s#]", head, re.M) is not None


def _prepare_fill(root: str, vault: Vault, fill: Fill, plan: Plan) -> _Ready | None:
    """`fill.path`'s text with the empty fields filled; None (and a skip) where it cannot be."""
    note = vault.notes[fill.path]
    name = note.title
    try:
        current = writer.read_text(root, fill.path)
    except (OSError, UnicodeDecodeError) as exc:
        plan.skips.append(Skip(fill.line, name, f"{fill.path} cannot be read: {exc}"))
        return None
    if current is None:
        plan.skips.append(Skip(fill.line, name, f"{fill.path} is gone"))
        return None
    if conflicts.blocks(to_lf(current)):
        plan.skips.append(Skip(fill.line, name, f"{fill.path} holds git conflict markers: resolve them first"))
        return None
    schema = vault.config.schema
    written = []
    for key, value in fill.values:
        spec = schema.field(note.kind, key)
        written.append(((spec.source if spec and spec.source else key), yaml_value(note.kind, key, value, schema)))
    text, refused = fill_fields(current, written)
    for key in refused:
        plan.skips.append(Skip(fill.line, name, f"{fill.path}: {key} holds a value vaultkit cannot read as "
                                                "empty (vaultkit check names it); kept as it is"))
    keys = tuple(key for key, _ in fill.values if key not in refused)
    if not keys:
        return None
    before, after = (parse_note(fill.path, t.encode("utf-8"), vault.config) for t in (current, text))
    kept = all(after.fields.get(k) == v for k, v in before.fields.items() if k not in keys)
    # An error the note had before (a value vaultkit cannot read, kept) is no reason to refuse.
    had = {(d.code, d.message) for d in before.diagnostics if d.severity is Severity.ERROR}
    errors = [d for d in after.diagnostics if d.severity is Severity.ERROR and (d.code, d.message) not in had]
    if not kept or errors or any(k not in after.fields for k in keys):
        plan.skips.append(Skip(fill.line, name, f"{fill.path}: filling {', '.join(keys)} would not read back as "
                                                "written (unusual frontmatter); fill it by hand"))
        return None
    return _Ready(fill.line, fill.path, text, current.encode("utf-8"), keys)
