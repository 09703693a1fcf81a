"""Typed fields (SPEC §2): turning loaded YAML into the typed value a `FieldSpec` declares.

The fields themselves are data (`vaultkit.kinds.schema`). Every wrong type becomes a diagnostic
naming the field, the value and what was expected; the note keeps every field that could be
read. An enum value outside the field's values is a warning listing them, and is kept as written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from typing import Any

from vaultkit.kinds.habits import FORMS, item_line, parse_habit
from vaultkit.kinds.schema import FieldSpec
from vaultkit.reader.config import parse_cadence
from vaultkit.reader.dates import day_reason
from vaultkit.reader.linksyntax import parse_link
from vaultkit.reader.model import Diagnostic, Link, Severity
from vaultkit.reader.yamlfront import BadDate

_SHORT = 40  # characters: a longer text (a summary, a sentence) is seldom written twice
_intern = sys.intern
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
        # the one wording for a day that does not exist ("February 2026 has no day 30 …")
        raise FieldError(f"a real calendar date as YYYY-MM-DD: {day_reason(str(value))}")
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


class _Unlisted(Exception):
    """An enum value outside the field's values: kept as written, with a warning."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def convert(spec: FieldSpec, kind: str, value: Any, literal: str | None, line: int, path: str,
            diags: list[Diagnostic], frontmatter: str | None = None) -> Any:
    """The typed value of one field, or None after adding a diagnostic. `frontmatter` (its
    text, for a habits field) places a diagnostic about one item on that item's line."""
    key = spec.name
    try:
        if spec.type == "enum":
            return _enum(spec, value, literal)
        return _shared(_CONVERTERS[spec.converter](value, literal, line, key))
    except _Unlisted as other:
        add = json.dumps("+" + other.value, ensure_ascii=False)
        diags.append(Diagnostic(path, line, Severity.WARNING, "enum-value",
                                f"{kind} field `{key}`: {show(other.value)} is not one of {', '.join(spec.values)}",
                                f"use one of them, or allow it in vaultkit.toml: [kinds.{kind}.fields.{key}] "
                                f"values = [{add}]"))
        return other.value
    except _Partial as part:
        for item in part.bad:
            at = item_line(frontmatter, line, item) if frontmatter is not None else line
            diags.append(Diagnostic(path, at, Severity.ERROR, "habit-invalid",
                                    f"{kind} field `{key}`: {show(item)} is not a habit vaultkit can count",
                                    f"write it as {FORMS}"))
        return part.value
    except _Unquoted as unq:
        diags.append(Diagnostic(path, line, Severity.WARNING, "unquoted-link",
                                f"field `{key}`: [[{unq.link.target}]] is not quoted, YAML reads it as a list",
                                f'write {key}: "[[{unq.link.target}]]"'))
        if isinstance(unq, _UnquotedList):
            return tuple(unq.links)
        return (unq.link,) if spec.type == "links" else unq.link
    except FieldError as err:  # (no closure for this: it made every field's conversion pay for one)
        diags.append(Diagnostic(path, line, err.severity, "field-type",
                                f"{kind} field `{key}`: got {show(value)}, expected {err.expected}",
                                f"fix `{key}:` in the frontmatter"))
        if err.severity is not Severity.ERROR and literal is not None:
            return literal
        return None


def _shared(value: Any) -> Any:
    """A typed value with its short texts interned (a role, a company, a topic: the same few
    values in thousands of notes). A worker's chunk of the notes cache then pickles each once, and
    the process that loads it holds one string a chunk, not one a note (~8 MB at 50k notes, for as
    long as `vaultkit watch` runs)."""
    if type(value) is str:
        return _intern(value) if len(value) <= _SHORT else value
    if type(value) is tuple and value and type(value[0]) is str:
        return tuple([_intern(v) if type(v) is str and len(v) <= _SHORT else v for v in value])
    return value


def _enum(spec: FieldSpec, value: Any, literal: str | None) -> str:
    """The canonical value (as the schema spells it) of a value or of one of its synonyms."""
    if isinstance(value, bool | int | float) and literal is not None:
        value = literal  # `stage: 2` or `status: no`: the text the user typed, not YAML's reading
    if not isinstance(value, str) or not value.strip():
        raise FieldError("one of " + ", ".join(spec.values))
    text = value.strip()
    found = spec.choices.get(text.casefold())
    if found is None:
        raise _Unlisted(text)
    return found


def typed_default(spec: FieldSpec, raw: Any) -> tuple[Any, str | None]:
    """A `default = ...` of the schema as the field's typed value, or (None, why it is no value)."""
    diags: list[Diagnostic] = []
    literal = str(raw).lower() if isinstance(raw, bool) else str(raw) if isinstance(raw, int | float) else None
    try:
        value = convert(spec, "", raw, literal, 0, "", diags)
    except (TypeError, ValueError, RecursionError) as exc:  # a TOML value no frontmatter can hold
        return None, str(exc)
    if diags or value is None:
        return None, diags[0].message.split(": ", 1)[-1] if diags else "empty"
    return value, None


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
    "list": lambda value, literal, line, key: tuple(_text(v, None) for v in _as_list(value)),
    "date": lambda value, literal, line, key: _date(value),
    "link": lambda value, literal, line, key: to_link(value, line, key, bare_ok=True),
    "link_or_text": lambda value, literal, line, key: to_link(value, line, key, bare_ok=True),
    "links": lambda value, literal, line, key: tuple(_list_links(value, line, key)),
    "names": lambda value, literal, line, key: tuple(_list_links(value, line, key)),
    "bool": lambda value, literal, line, key: _bool(value),
    "int": lambda value, literal, line, key: _int(value),
    "number": lambda value, literal, line, key: _number(value),
    "cadence": lambda value, literal, line, key: _cadence(value),
    "metrics": lambda value, literal, line, key: _metrics(value),
    "rounds": lambda value, literal, line, key: _rounds(value),
    "habits": lambda value, literal, line, key: _habits(value),
    "talks": lambda value, literal, line, key: _talks(value, line, key),
}


class _Partial(Exception):
    """A list read in part: `value` holds the items that could be read, `bad` the others."""

    def __init__(self, value: tuple[str, ...], bad: list[str]) -> None:
        super().__init__(bad)
        self.value = value
        self.bad = bad


def _habits(value: Any) -> tuple[str, ...]:
    # Each habit as vaultkit writes it (`share 1/week`); one that does not parse is left out
    # with a diagnostic of its own, and the others still count.
    if not isinstance(value, list | str):
        raise FieldError(f"a list of habits, {FORMS}")
    good: list[str] = []
    bad: list[str] = []
    for item in _as_list(value):
        habit = parse_habit(item) if isinstance(item, str) else None
        if habit is None:
            bad.append(item if isinstance(item, str) else show(item))
        elif habit.text not in good:
            good.append(habit.text)
    if bad:
        raise _Partial(tuple(good), bad)
    return tuple(good)


def _talks(value: Any, line: int, key: str) -> tuple[Any, ...]:
    """Talks read where no note is at hand (a default): the first problem is the error. A note's
    talks are read by `vaultkit.reader.parse`, each entry diagnosed at its own line."""
    from vaultkit.reader import talks

    found: list[Diagnostic] = []
    read = talks.from_frontmatter(value, key, line, [], "", found)
    if found:
        raise FieldError(found[0].message.split(": ", 1)[-1])
    return read


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


def _number(value: Any) -> int | float:
    if isinstance(value, int | float) and not isinstance(value, bool) and -10**15 < value < 10**15:
        return value
    raise FieldError("a number")


def _cadence(value: Any) -> str:
    if isinstance(value, str) and parse_cadence(value) is not None:
        return value.strip().lower()
    raise FieldError("a cadence like 30d, 6w, 3m or 1y")
