"""The read-only query API a vault's own view renders with (`.vaultkit/views/NAME.md.j2`).

Its template gets three functions and `today`, and only plain data back: text, numbers, ISO
dates (`"2026-07-15"`), lists and mappings of them, and `Markup` wikilinks vaultkit made:

- `notes(kind=None, where=None, sort=None, limit=None)`: notes (of one kind), each
  `{"link", "title", "path", "kind", "tags", FIELD…}` (a person also has `last_contact`);
  `where` and `sort` are those clauses of the query language of query regions
  (`vaultkit.views.query`: `'company = "Corvid Health" and met_on > 2026-01-01'`,
  `"last_contact desc"`); by title when not given;
- `entries(kind="brag", since=None, until=None)`: brag or challenge entries (notes and inline
  `#brag` items), oldest first, each `{"link", "text", "title", "date", "path", "inline", FIELD…}`;
  `since`/`until` ISO dates, both included;
- `contacts(person)`: the interactions with a person (a name as a link is written), latest
  first, each `{"date", "text", "link", "source"}` (`source`: item, daily, event, interview,
  or last_contact for the person's own `last_contact:`, which has no text).

Nothing here writes, and nothing reaches the `Vault` or a record object: a template cannot
call back into vaultkit. `notes(...)` runs through `select`, the query engine's one caller here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Link, Note
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso, without_date


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


def select(facts: Facts, kind: str | None, where: str | None, sort: str | None, limit: int | None) -> list[Note]:
    """The notes a query names, in its order: `KIND [where …] [sort …] [limit N]` run by the
    query engine of query regions (`vaultkit.views.query`), so both read a condition alike.
    Without a kind, every note by title (a condition or an order needs a kind)."""
    vault = facts.vault
    if kind is None:
        if where or sort:
            raise QueryError("notes(): give a kind to filter or sort, e.g. notes(kind=\"person\", where=…)")
        notes = sorted(vault.notes.values(), key=lambda n: (sort_key(n.title), sort_key(n.path)))
        return notes[: max(0, int(limit))] if limit is not None else notes
    from vaultkit.views.query import parse, run

    text = " ".join(part for part in (
        str(kind), f"where {where}" if where else "", f"sort {sort}" if sort else "",
        f"limit {max(0, int(limit))}" if limit is not None else "") if part)
    query = parse(text)
    if not hasattr(query, "kind"):  # a QueryError: what is wrong, at which column of `text`
        raise QueryError(f"notes(): {text!r}: {query}")
    return [vault.notes[row.path] for row in run(query, vault, facts.today, facts)]  # type: ignore[arg-type]


class QueryAPI:
    """The functions a vault view's template calls (see the module docstring)."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts

    def _spend(self, read: int) -> None:
        # The sandbox charges a call one step; these go through `read` notes or entries each.
        # Charged by that, a loop of calls over a large (shared, hostile) vault stops within
        # the note's budget instead of running for minutes.
        self._facts.renderer.env.budget.step(read)

    def _last_contact(self, note: Note, name: str) -> Any:
        if name != "last_contact" or note.kind != "person":
            return None
        last = self._facts.last_contact(note.path)
        return last.date if last else note.fields.get("last_contact")

    def notes(self, kind: str | None = None, where: str | None = None, sort: str | None = None,
              limit: int | None = None) -> list[dict[str, Any]]:
        """Notes of `kind` (all notes when None) that meet `where`, sorted, at most `limit`."""
        facts = self._facts
        self._spend(len(facts.vault.notes) if kind is None else len(facts.vault.of_kind(str(kind))))
        rows = []
        for note in select(facts, kind, where, sort, limit):
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
        self._spend(len(facts.brags if kind == "brag" else facts.challenges))
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
        self._spend(len(found))
        return [{"date": iso(i.date), "text": "" if i.source == "last_contact" else without_date(facts.text(i)),
                 "link": facts.link(i.path), "source": i.source} for i in reversed(found)]


def _date(text: str | None, what: str) -> dt.date | None:
    if text is None or text == "":
        return None
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise QueryError(f"entries: {what} must be a date (YYYY-MM-DD), got {text!r}") from None
