"""The read-only query API a vault's own view renders with (`.vaultkit/views/NAME.md.j2`).

Its template gets three functions and `today`, and only plain data back: text, numbers, ISO
dates (`"2026-07-15"`), lists and mappings of them, and `Markup` wikilinks vaultkit made:

- `notes(kind=None, where=None, sort=None, limit=None)`: notes (of one kind), each
  `{"link", "title", "path", "kind", "tags", FIELD…}` (a person also has `last_contact`);
  `where` is a condition in the query language (`'company = "Corvid Health" and role != CTO'`:
  `=`, `!=`, `<`, `>`, `contains`, joined by `and`), `sort` a field, `"FIELD desc"` for the
  other way; by title when not given;
- `entries(kind="brag", since=None, until=None)`: brag or challenge entries (notes and inline
  `#brag` items), oldest first, each `{"link", "text", "title", "date", "path", "inline", FIELD…}`;
  `since`/`until` ISO dates, both included;
- `contacts(person)`: the interactions with a person (a name as a link is written), latest
  first, each `{"date", "text", "link", "source"}` (`source`: item, daily, event, interview,
  or last_contact for the person's own `last_contact:`, which has no text).

Nothing here writes, and nothing reaches the `Vault` or a record object: a template cannot
call back into vaultkit. `notes(...)` runs through `select`, the one place that runs a query.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from vaultkit.reader.links import name_key
from vaultkit.reader.model import Link, Note
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso, without_date

_COND = re.compile(r'^\s*([\w-]+)\s*(!=|=|<|>|\bcontains\b)\s*(?:"([^"]*)"|\'([^\']*)\'|(.*?))\s*$')
_SORT = re.compile(r"^\s*([\w-]+)(?:\s+(asc|desc))?\s*$", re.I)


class QueryError(ValueError):
    """A `where` or `sort` that cannot be read: the template's problem, shown with its line."""


def template_context(facts: Facts) -> dict[str, Any]:
    """What a vault view's template gets: `notes`, `entries`, `contacts` and `today`."""
    api = QueryAPI(facts)
    return {"notes": api.notes, "entries": api.entries, "contacts": api.contacts, "today": iso(facts.today)}


def plain(facts: Facts, value: Any, source: str) -> Any:
    """A field's value as template data: dates as ISO text, links as wikilinks (or their text)."""
    if isinstance(value, Link):
        return facts.ref(value, source)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str | Markup) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): plain(facts, v, source) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(facts, v, source) for v in value]
    return str(value)


def _comparable(value: Any) -> Any:
    """A value as conditions compare it: dates as dates, numbers as numbers, links and text by name."""
    if isinstance(value, Link):
        return name_key(value.target)
    if isinstance(value, bool | int | float | dt.date):
        return value
    return name_key(str(value))


def _literal(text: str, like: Any) -> Any:
    """A condition's value, read as the field's value reads (a date, a number, a name)."""
    if isinstance(like, dt.date):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            return None
    if isinstance(like, bool):
        return text.strip().lower() in ("true", "yes")
    if isinstance(like, int | float):
        try:
            return float(text)
        except ValueError:
            return None
    return name_key(text.strip().removeprefix("[[").removesuffix("]]"))


def _holds(value: Any, op: str, text: str) -> bool:
    if op == "contains":
        items = value if isinstance(value, list | tuple) else [value]
        wanted = name_key(text.strip().removeprefix("[[").removesuffix("]]"))
        return any(wanted in _comparable(i) if isinstance(_comparable(i), str) else False for i in items)
    if isinstance(value, list | tuple):
        return any(_holds(v, op, text) for v in value) if op != "!=" else all(_holds(v, op, text) for v in value)
    if value is None:
        return op == "!="
    mine, theirs = _comparable(value), _literal(text, value)
    if theirs is None or (type(mine) is not type(theirs) and not (
            isinstance(mine, int | float) and isinstance(theirs, int | float))):
        return op == "!="
    if op == "=":
        return bool(mine == theirs)
    if op == "!=":
        return bool(mine != theirs)
    return bool(mine < theirs) if op == "<" else bool(mine > theirs)


def _conditions(where: str) -> list[tuple[str, str, str]]:
    found = []
    for part in re.split(r"\s+and\s+", where.strip()):
        match = _COND.match(part)
        if match is None:
            raise QueryError(f"where: cannot read {part!r}: write FIELD = VALUE (or !=, <, >, contains), "
                             "joined by and")
        value = next(g for g in (match.group(3), match.group(4), match.group(5)) if g is not None)
        found.append((match.group(1), match.group(2), value))
    return found


def _field(note: Note, name: str) -> Any:
    if name == "title":
        return note.title
    if name == "tags":
        return list(note.tags)
    return note.fields.get(name, note.extra.get(name))


def select(facts: Facts, kind: str | None, where: str | None, sort: str | None, limit: int | None,
           extra: Callable[[Note, str], Any] | None = None) -> list[Note]:
    """The notes a query names, in order: the minimal engine, until `vaultkit.views.query` (issue
    12 point 4) runs queries; this is the one function to switch then."""
    vault = facts.vault
    notes = vault.of_kind(kind) if kind else list(vault.notes.values())

    def get(note: Note, name: str) -> Any:
        found = extra(note, name) if extra is not None else None
        return found if found is not None else _field(note, name)

    if where:
        conditions = _conditions(where)
        notes = [n for n in notes if all(_holds(get(n, f), op, v) for f, op, v in conditions)]
    notes = sorted(notes, key=lambda n: (sort_key(n.title), sort_key(n.path)))
    if sort:
        match = _SORT.match(sort)
        if match is None:
            raise QueryError(f"sort: cannot read {sort!r}: write a field, then desc for the other way")
        name, desc = match.group(1), (match.group(2) or "").lower() == "desc"
        present = [n for n in notes if get(n, name) is not None]
        missing = [n for n in notes if get(n, name) is None]  # last, either way
        present.sort(key=lambda n: _comparable(get(n, name)), reverse=desc)
        notes = present + missing
    if limit is not None:
        notes = notes[: max(0, int(limit))]
    return notes


class QueryAPI:
    """The functions a vault view's template calls (see the module docstring)."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts

    def _last_contact(self, note: Note, name: str) -> Any:
        if name != "last_contact" or note.kind != "person":
            return None
        last = self._facts.last_contact(note.path)
        return last.date if last else note.fields.get("last_contact")

    def notes(self, kind: str | None = None, where: str | None = None, sort: str | None = None,
              limit: int | None = None) -> list[dict[str, Any]]:
        """Notes of `kind` (all notes when None) that meet `where`, sorted, at most `limit`."""
        facts = self._facts
        rows = []
        for note in select(facts, kind, where, sort, limit, self._last_contact):
            row = {name: plain(facts, value, note.path) for name, value in sorted(note.fields.items())}
            row.update({"link": facts.named(note.path), "title": note.title, "path": note.path,
                        "kind": note.kind or "", "tags": list(note.tags)})
            if note.kind == "person":
                row["last_contact"] = plain(facts, self._last_contact(note, "last_contact"), note.path) or ""
            rows.append(row)
        return rows

    def entries(self, kind: str = "brag", since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Brag or challenge entries dated from `since` to `until` (ISO dates, both included)."""
        from vaultkit.views.derived.brag import entry_text

        facts = self._facts
        if kind not in ("brag", "challenge"):
            raise QueryError(f"entries: kind is brag or challenge, not {kind!r}")
        start, end = _date(since, "since"), _date(until, "until")
        rows = []
        for entry in facts.brags if kind == "brag" else facts.challenges:
            if (start or end) and (entry.date is None or (start and entry.date < start) or (end and entry.date > end)):
                continue
            row = {name: plain(facts, value, entry.path) for name, value in entry.fields}
            row.update({"link": facts.link(entry.path) if entry.inline else facts.named(entry.path),
                        "text": entry_text(entry), "title": entry.title, "date": iso(entry.date),
                        "path": entry.path, "inline": entry.inline})
            rows.append(row)
        return rows

    def contacts(self, person: str) -> list[dict[str, Any]]:
        """The interactions with `person` (a note name or link target), latest first."""
        facts = self._facts
        path = facts.vault.index.resolve(str(person).removeprefix("[[").removesuffix("]]")).path
        found = facts.contacts.get(path, []) if path else []
        return [{"date": iso(i.date), "text": "" if i.source == "last_contact" else without_date(i.text),
                 "link": facts.link(i.path), "source": i.source} for i in reversed(found)]


def _date(text: str | None, what: str) -> dt.date | None:
    if text is None or text == "":
        return None
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise QueryError(f"entries: {what} must be a date (YYYY-MM-DD), got {text!r}") from None
