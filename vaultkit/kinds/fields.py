"""Typed fields per kind (SPEC §2): the schema, and turning loaded YAML into typed values.

Every wrong type becomes a diagnostic naming the field, the value and what was expected;
the note keeps every field that could be read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from vaultkit.reader.config import parse_cadence
from vaultkit.reader.markdown import parse_link
from vaultkit.reader.model import Diagnostic, Link, Severity
from vaultkit.reader.yamlfront import BadDate

EVENT_KINDS = ("meetup", "conference", "demo", "party", "coffee", "webinar", "other")
STAGES = ("applied", "screening", "interviewing", "offer", "accepted", "declined", "rejected", "withdrawn")
SHARE_KINDS = ("post", "article", "video", "talk", "podcast", "newsletter", "thread")
VISIBILITY = ("team", "org", "company", "external")
COMMUNITY_ROLES = ("member", "organizer", "mentor", "speaker")
CHALLENGE_STATUS = ("open", "overcome")

# Field types: text, texts, date, link, links, names (links or plain names),
# link_or_text, bool, int, cadence, metrics, rounds, or ("enum", choices).
SCHEMA: dict[str, dict[str, Any]] = {
    "person": {
        "company": "text", "role": "text", "met_at": "link_or_text", "met_on": "date", "topics": "texts",
        "work_together": "texts", "introduced_by": "link", "communities": "links", "links": "texts",
        "email": "text", "cadence": "cadence", "last_contact": "date",
    },
    "event": {
        "date": "date", "end": "date", "kind": ("enum", EVENT_KINDS), "location": "text", "url": "text",
        "community": "link", "want_to_meet": "names", "met": "links", "speaker": "bool",
        "goal_new_people": "int",
    },
    "brag": {
        "date": "date", "impact": "text", "impacted": "names", "metrics": "metrics", "theme": "text",
        "project": "link", "visibility": ("enum", VISIBILITY),
    },
    "challenge": {"date": "date", "status": ("enum", CHALLENGE_STATUS), "learned": "text", "related": "links"},
    "interview": {
        "company": "text", "role": "text", "date": "date", "stage": ("enum", STAGES), "people": "links",
        "rounds": "rounds", "gaps": "texts", "door_open": "bool", "follow_up": "date",
    },
    "share": {
        "date": "date", "kind": ("enum", SHARE_KINDS), "channel": "text", "url": "text", "topics": "texts",
        "metrics": "metrics",
    },
    "community": {"focus": "text", "role": ("enum", COMMUNITY_ROLES), "joined": "date", "url": "text"},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "event": ("date",), "brag": ("date", "impact"), "challenge": ("date",),
    "interview": ("company", "date"), "share": ("date",),
}
COMMON = ("type", "tags", "aliases", "title")
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")
_WIKI = re.compile(r"^\s*(!?)\[\[([^\[\]\n]+)\]\]\s*$")


class FieldError(Exception):
    """A value of the wrong type; `expected` says what would have been right."""

    def __init__(self, expected: str, severity: Severity = Severity.ERROR) -> None:
        super().__init__(expected)
        self.expected = expected
        self.severity = severity


def show(value: Any) -> str:
    """A short rendering of a YAML value for a message."""
    if isinstance(value, str):
        text = f'"{value}"'
    else:  # as YAML would write it (dates as YYYY-MM-DD, false, null), not as Python would
        try:
            text = json.dumps(value, default=str, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def to_link(value: Any, line: int, key: str, bare_ok: bool = True) -> Link:
    """A link from `"[[X]]"`, an unquoted `[[X]]` (YAML reads it as a nested list) or a plain name."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list) \
            and len(value[0]) == 1 and isinstance(value[0][0], str):
        link = parse_link(value[0][0], line, field=key)
        if link is None:
            raise FieldError("a link like \"[[Note]]\"")
        raise _Unquoted(link)
    if not isinstance(value, str) or not value.strip():
        raise FieldError('a link like "[[Note]]"')
    m = _WIKI.match(value)
    if m:
        link = parse_link(m.group(2), line, embed=bool(m.group(1)), field=key)
        if link is None:
            raise FieldError('a link like "[[Note]]"')
        return link
    if not bare_ok:
        raise FieldError('a link like "[[Note]]"')
    return Link(target=value.strip(), line=line, field=key, alias=None, heading=None, block=None, embed=False,
                bare=True)


class _Unquoted(Exception):
    def __init__(self, link: Link) -> None:
        super().__init__(link.target)
        self.link = link


def _text(value: Any, literal: str | None) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float) and literal is not None:
        raise FieldError(f'text; YAML read {literal!r} as {type(value).__name__}: quote it, "{literal}"',
                         Severity.WARNING)
    if isinstance(value, dt.date | int | float):
        return str(value)
    if isinstance(value, dict) and len(value) == 1:
        raise FieldError("text; a `: ` inside a list item makes YAML read it as `key: value`, so quote the item")
    raise FieldError("text")


def _date(value: Any) -> dt.date:
    if isinstance(value, BadDate):
        raise FieldError("a real calendar date as YYYY-MM-DD (this date does not exist)")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_TEXT.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise FieldError("a date as YYYY-MM-DD")


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        # `- [[X]]` unquoted in a block list reads as [["X"]]: keep it whole for to_link.
        return [[v] if isinstance(v, list) and len(v) == 1 and isinstance(v[0], str) else v for v in value]
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return list(value)
    raise FieldError("a list")


def _metrics(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return tuple(f"{k}: {v}" for k, v in value.items())
    items = _as_list(value)
    if not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in items):
        raise FieldError('a list of strings like "p95 latency -40%", or a mapping name: value')
    return tuple(str(v) for v in items)


def _rounds(value: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise FieldError("a list of mappings with date, kind, with, notes")
    rounds = []
    for r in value:
        clean = {str(k): v for k, v in r.items()}
        if "date" in clean and clean["date"] is not None:
            clean["date"] = _date(clean["date"])
        rounds.append(clean)
    return tuple(rounds)


def convert(kind: str, key: str, value: Any, literal: str | None, line: int, path: str,
            diags: list[Diagnostic]) -> Any:
    """The typed value of one field, or None after adding a diagnostic."""
    ftype = SCHEMA[kind][key]

    def bad(expected: str, severity: Severity = Severity.ERROR) -> None:
        diags.append(Diagnostic(path, line, severity, "field-type",
                                f"{kind} field `{key}`: got {show(value)}, expected {expected}",
                                f"fix `{key}:` in the frontmatter"))

    try:
        return _convert(ftype, key, value, literal, line)
    except _Unquoted as unq:
        diags.append(Diagnostic(path, line, Severity.WARNING, "unquoted-link",
                                f"field `{key}`: [[{unq.link.target}]] is not quoted, YAML reads it as a list",
                                f'write {key}: "[[{unq.link.target}]]"'))
        if isinstance(unq, _UnquotedList):
            return tuple(unq.links)
        return (unq.link,) if ftype in ("links", "names") else unq.link
    except FieldError as err:
        bad(err.expected, err.severity)
        if err.severity is not Severity.ERROR and literal is not None:
            return literal
        return None


def _convert(ftype: Any, key: str, value: Any, literal: str | None, line: int) -> Any:
    if isinstance(ftype, tuple):
        if not isinstance(value, str) or value.strip().lower() not in ftype[1]:
            raise FieldError("one of " + ", ".join(ftype[1]))
        return value.strip().lower()
    return _CONVERTERS[ftype](value, literal, line, key)


def _list_links(value: Any, line: int, key: str) -> list[Link]:
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list):
        return [to_link(value, line, key)]  # a single unquoted [[X]]
    links = []
    unquoted: _Unquoted | None = None
    for v in _as_list(value):
        try:
            links.append(to_link(v, line, key))
        except _Unquoted as unq:
            links.append(unq.link)
            unquoted = unq
    if unquoted is not None:
        raise _UnquotedList(links, unquoted.link)
    return links


# Each field type's converter: (value, its literal text, its line, its key) → typed value. One
# table for the module, not a dict of closures made again for every field of every note.
_CONVERTERS: dict[str, Callable[[Any, str | None, int, str], Any]] = {
    "text": lambda value, literal, line, key: _text(value, literal),
    "texts": lambda value, literal, line, key: tuple(_text(v, None) for v in _as_list(value)),
    "date": lambda value, literal, line, key: _date(value),
    "link": lambda value, literal, line, key: to_link(value, line, key, bare_ok=True),
    "link_or_text": lambda value, literal, line, key: to_link(value, line, key, bare_ok=True),
    "links": lambda value, literal, line, key: tuple(_list_links(value, line, key)),
    "names": lambda value, literal, line, key: tuple(_list_links(value, line, key)),
    "bool": lambda value, literal, line, key: _bool(value),
    "int": lambda value, literal, line, key: _int(value),
    "cadence": lambda value, literal, line, key: _cadence(value),
    "metrics": lambda value, literal, line, key: _metrics(value),
    "rounds": lambda value, literal, line, key: _rounds(value),
}


class _UnquotedList(_Unquoted):
    def __init__(self, links: list[Link], first: Link) -> None:
        super().__init__(first)
        self.links = links


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError("true or false")


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and -10**9 < value < 10**9:
        return value
    raise FieldError("a whole number")


def _cadence(value: Any) -> str:
    if isinstance(value, str) and parse_cadence(value) is not None:
        return value.strip().lower()
    raise FieldError("a cadence like 30d, 6w, 3m or 1y")
