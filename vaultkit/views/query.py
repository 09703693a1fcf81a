"""Queries over a vault: the language (`vaultkit.reader.querylang`), the engine and its output.

The language, in short (the grammar is in `vaultkit.reader.querylang`)::

    KIND [where COND [and COND …]] [sort FIELD [desc] [, FIELD …]] [limit N]
         [columns A, B, …] [as table | as list]
    COND := FIELD (= | != | < | > | contains) VALUE
    VALUE := "text" | 12 | 1.5 | 2026-03-04 | [[Link]] | true | false

Semantics, which `run` implements:

* The notes are those of KIND. A field is read typed: a date as a date, a number as a
  number, a link as the note it names; `title`, `path` and `tags` exist on every kind, and
  people have `last_contact` (the latest contact on or before today: a dated item, a daily
  note, an event's `met`, an interview's `people`, or the field itself) and `contacts` (how
  many there were).
* `=` and `!=` compare as the field's type: dates as dates (a quoted "2026-03-04" is read as
  a date there), numbers as numbers, links and names as names compare (case- and
  Unicode-form-insensitive; `[[Ada]]` and "Ada" are the same name, and two links to one note
  are equal whatever name they use), text ignoring case. `contains` is true when the field's
  text holds the value's, ignoring case. `<` and `>` order dates, numbers and text (text
  casefolded). On a list field (tags, topics, links…) a condition is true when it is true of
  some item; `!=` when no item equals the value. A condition on a field the note does not set
  is false, except `!=`, which is true.
* Rows are ordered by the `sort` keys in turn (a row missing a key's field comes after those
  having it, in either direction), then by title (casefolded) and path: the same vault gives
  the same rows on every machine. `limit N` keeps the first N.
* Output is a Markdown table whose first column links each note, as the built-in notes link
  (`Facts.named`), followed by the `columns` (by default the fields the `where` and `sort`
  clauses name); or, `as list`, a list of links each followed by its columns. Cell text is
  escaped: a `|` cannot split a cell, a line break cannot end a row, a `<` cannot open HTML.

`run(query, vault, today)` is a plain function: the views' `notes(kind=…, where=…, sort=…)`
and query regions both call it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from markupsafe import Markup

from vaultkit.reader.dates import day_of
from vaultkit.reader.links import name_key
from vaultkit.reader.model import Interaction, Link, Note
from vaultkit.reader.querylang import (
    COMPUTED,
    Cond,
    LinkValue,
    Query,
    QueryError,
    SortKey,
    Value,
    check_fields,
    known_fields,
    parse,
)
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts

__all__ = ["COMPUTED", "Cond", "LinkValue", "Query", "QueryError", "Row", "SortKey", "Value", "check_fields",
           "compose", "known_fields", "parse", "render", "run", "schema_fields"]

EMPTY = "*No notes match.*"
_WIKI = re.compile(r"\[\[([^\[\]|#\n]+)(?:[#|][^\[\]\n]*)?\]\]\Z")


class Row(NamedTuple):
    """One note a query found: its path, title, kind and every field a query may name (typed:
    dates, numbers, `Link`s, tuples for lists; a field the note does not set is absent)."""

    path: str
    title: str
    kind: str
    fields: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value, or `default`."""
        return self.fields.get(name, default)


def schema_fields(vault: Vault) -> dict[str, dict[str, object]]:
    """Each kind's declared fields by name (the one place this module reads the schema)."""
    return {name: dict(kind.fields) for name, kind in vault.config.schema.kinds.items()}


def compose(kind: str, where: str | None = None, sort: str | None = None, limit: int | None = None,
            vault: Vault | None = None) -> Query | QueryError:
    """A query from its parts, as a template's `notes(kind=…, where=…, sort=…, limit=…)` gives
    them (`where`: conditions joined by `and`; `sort`: keys joined by commas), read as the one
    line `KIND where … sort … limit …`; with `vault`, its fields are checked against the schema.
    An error's column counts in that line."""
    parts = [kind]
    if where:
        parts.append(f"where {where}")
    if sort:
        parts.append(f"sort {sort}")
    if limit is not None:
        parts.append(f"limit {limit}")
    query = parse(" ".join(parts))
    if isinstance(query, Query) and vault is not None:
        return check_fields(query, schema_fields(vault)) or query
    return query


def run(query: Query, vault: Vault, today: dt.date, facts: Facts | None = None) -> list[Row]:
    """The rows of `query` over `vault` on `today`, ordered and limited as it says.

    `facts` (the `Facts` a build or `watch` already holds) spares computing every person's
    contacts again. A query naming an unknown kind finds nothing.
    """
    facts = facts or Facts(vault, today)
    kind = query.kind
    fields = _Fields(facts, kind)
    notes = vault.of_kind(kind)
    if query.where:
        notes = [n for n in notes if all(_holds(fields, n, cond) for cond in query.where)]
    notes.sort(key=lambda n: (n.title.casefold(), n.title, n.path))
    for key in reversed(query.sort):
        notes.sort(key=_sorter(key, fields), reverse=key.desc)
    if query.limit is not None:
        notes = notes[:query.limit]
    return [_row(facts, note, kind) for note in notes]


class _Fields:
    """The fields of notes of one kind as a query reads them, one at a time: rows are made only
    for the notes a query keeps. A person's contacts are counted once per run."""

    def __init__(self, facts: Facts, kind: str) -> None:
        self.facts = facts
        self.kind = kind
        self.computed = COMPUTED.get(kind, ())
        self.seen: dict[str, tuple[int, dt.date | None]] = {}

    def get(self, note: Note, name: str) -> Any:
        """The value of field `name` of `note` (None: not set)."""
        if name == "title":
            return note.title
        if name == "path":
            return note.path
        if name == "tags":
            return note.tags or None
        if name in self.computed:
            known = self.seen.get(note.path)
            if known is None:
                known = self.seen[note.path] = _contacts(self.facts, note.path)
            return known[0] if name == "contacts" else known[1]
        return note.fields.get(name)


def _contacts(facts: Facts, path: str) -> tuple[int, dt.date | None]:
    """How many contacts a person had on or before today, and the latest one's date. (A
    person's interactions are in date order: the ones up to today are found by bisection.)"""
    seen = facts.contacts.get(path, ())
    count = bisect_right(seen, facts.today, key=_date_of)
    return count, seen[count - 1].date if count else None


def _date_of(interaction: Interaction) -> dt.date:
    return interaction.date


def _row(facts: Facts, note: Note, kind: str) -> Row:
    values = {**note.fields, "title": note.title, "path": note.path}
    if note.tags:
        values["tags"] = note.tags
    if kind == "person":
        count, last = _contacts(facts, note.path)
        values.pop("last_contact", None)  # the computed one, as conditions read it, else none
        if last is not None:
            values["last_contact"] = last
        values["contacts"] = count
    return Row(note.path, note.title, kind, values)


# --- conditions ---------------------------------------------------------------------


def _name(target: str) -> str:
    """A link target's note name: its last path segment, without `.md`."""
    stem = target.rstrip("/").rsplit("/", 1)[-1]
    return stem[:-3] if stem.lower().endswith(".md") else stem


def _link_key(facts: Facts, target: str, source: str) -> tuple[str, str]:
    """What two links are compared by: the note they resolve to, else the name they say."""
    found = facts.vault.resolve(target, source).path
    return ("path", found) if found and found in facts.vault.notes else ("name", name_key(_name(target)))


def _text(value: Any) -> str:
    """A value's text, as `contains` and text comparison read it."""
    if isinstance(value, str):
        if value.startswith("[[") and (m := _WIKI.match(value)):
            return _name(m.group(1))  # a text field holding one link ("[[Corvid Health]]"): its name
        return value
    if isinstance(value, Link):
        return _name(value.target)
    if isinstance(value, LinkValue):
        return _name(value.target)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return " ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _equal(facts: Facts, value: Any, literal: Value, source: str) -> bool:
    if isinstance(value, Link) or isinstance(literal, LinkValue):
        mine = _link_key(facts, value.target, source) if isinstance(value, Link) else ("name", name_key(_text(value)))
        theirs = _link_key(facts, literal.target, source) if isinstance(literal, LinkValue) else \
            ("name", name_key(_text(literal)))
        return mine == theirs or (mine[0] != theirs[0] and _names_of(facts, mine) == _names_of(facts, theirs))
    if isinstance(value, bool) or isinstance(literal, bool):
        return isinstance(value, bool) and isinstance(literal, bool) and value == literal
    if isinstance(value, dt.date):
        return day_of(literal) == day_of(value)
    if isinstance(value, int | float):
        return _number(literal) is not None and _number(literal) == float(value)
    return name_key(_text(value)) == name_key(_text(literal))


def _names_of(facts: Facts, key: tuple[str, str]) -> str:
    """A link key as a name (a resolved note's stem), to compare with a link that resolves nowhere."""
    if key[0] == "path":
        return name_key(facts.vault.notes[key[1]].stem)
    return key[1]


def _order(value: Any, literal: Value, op: str) -> bool:
    mine: Any
    theirs: Any
    if isinstance(value, dt.date):
        mine, theirs = day_of(value), day_of(literal)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        mine, theirs = float(value), _number(literal)
    elif isinstance(value, bool) or isinstance(literal, bool):
        return False
    else:
        mine, theirs = _text_key(_text(value)), _text_key(_text(literal))
    if theirs is None:
        return False
    return bool(mine < theirs) if op == "<" else bool(mine > theirs)


def _text_key(text: str) -> tuple[str, str]:
    return (name_key(text), text)


def _holds(fields: _Fields, note: Note, cond: Cond) -> bool:
    facts = fields.facts
    value = fields.get(note, cond.field)
    items: tuple[Any, ...] = tuple(value) if isinstance(value, tuple | list) and not isinstance(value, Link) \
        else (() if value is None or value == "" else (value,))  # a Link is a tuple too, but one value
    if cond.op == "!=":
        return not any(_equal(facts, item, cond.value, note.path) for item in items)
    if cond.op == "=":
        return any(_equal(facts, item, cond.value, note.path) for item in items)
    if cond.op == "contains":
        wanted = name_key(_text(cond.value))
        return any(wanted in name_key(_text(item)) or (isinstance(cond.value, LinkValue)
                                                       and _equal(facts, item, cond.value, note.path))
                   for item in items)
    return any(_order(item, cond.value, cond.op) for item in items)


# --- order --------------------------------------------------------------------------


def _sorter(key: SortKey, fields: _Fields) -> Callable[[Note], tuple[Any, ...]]:
    """The sort key of notes for one `sort` key: notes without the field come last either way
    (`run` sorts with `reverse=key.desc`)."""
    absent = (0,) if key.desc else (2,)
    facts = fields.facts

    def of(note: Note) -> tuple[Any, ...]:
        value = fields.get(note, key.field)
        if isinstance(value, str):
            return (1, 3, name_key(_text(value)), "") if value else absent  # equal to `=`: the next key decides
        if isinstance(value, tuple | list) and not isinstance(value, Link):  # a list: by its first item
            value = value[0] if value else None
        if value is None or value == "":
            return absent
        if isinstance(value, dt.date):
            return (1, 0, day_of(value), "")
        if isinstance(value, bool):
            return (1, 2, int(value), "")
        if isinstance(value, int | float):
            return (1, 1, float(value), "")
        if isinstance(value, Link):
            found = _link_key(facts, value.target, note.path)
            return (1, 3, _names_of(facts, found), "")
        return (1, 3, name_key(_text(value)), "")  # names equal to `=` are equal here: the next key decides
    return of


# --- output -------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text made safe for one table cell or list item: no `|`, line break or `<` acting as
    Markdown or HTML."""
    text = " ".join(text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").split())
    return text


def shown(facts: Facts, value: Any, source: str) -> str:
    """A field's value as cell text: links as links (where they resolve), lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, Link):
        ref = facts.ref(value, source)
        return str(ref) if isinstance(ref, Markup) else cell(ref)
    if isinstance(value, tuple | list):
        return ", ".join(part for part in (shown(facts, v, source) for v in value) if part)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return cell(repr(value))
    return cell(_text(value))


def render(query: Query, rows: Iterable[Row], facts: Facts) -> str:
    """The rows as a Markdown table (or list, `as list`), lines joined by LF, no final break."""
    columns = query.shown()
    lines: list[str] = []
    for row in rows:
        link = str(facts.named(row.path))
        values = [shown(facts, row.fields.get(c), row.path) for c in columns]
        if query.form == "list":
            said = "; ".join(f"{c}: {v}" for c, v in zip(columns, values, strict=True) if v)
            lines.append(f"- {link} — {said}" if said else f"- {link}")
        else:
            lines.append("| " + " | ".join([link, *values]) + " |")
    if not lines:
        return EMPTY
    if query.form == "list":
        return "\n".join(lines)
    head = "| " + " | ".join([query.kind, *columns]) + " |"
    rule = "|" + "---|" * (len(columns) + 1)
    return "\n".join([head, rule, *lines])
