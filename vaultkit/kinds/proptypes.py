"""Obsidian property types from the kinds' fields, and merging them into `.obsidian/types.json`. Pure.

Obsidian keeps one type per property name, for the whole vault, in `.obsidian/types.json`:

    {
      "types": {
        "aliases": "aliases",
        "tags": "tags",
        "met_on": "date"
      }
    }

(the shape Obsidian itself writes: `JSON.stringify(…, null, 2)`, no final newline; new entries
go in after the user's in the file's own layout, `merged_text`). Its types
are `text`, `multitext`, `number`, `checkbox`, `date`, `datetime`, `aliases` and `tags`
(help.obsidian.md "Properties"). vaultkit only ever adds the types of its fields that the file
does not name yet: a type the user chose is theirs, and where it disagrees with vaultkit's
reading of the field, `check` says so (`conflicts`) and nothing is changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vaultkit.reader.config import Config

OBSIDIAN_TYPES = ("text", "multitext", "number", "checkbox", "date", "datetime", "aliases", "tags")

# A field's public type (the schema's: text, number, date, link, links, list, enum, bool) → the
# Obsidian property type that edits it. A link is a text property holding "[[Note]]"; an enum is
# text (Obsidian has no choice type); links and lists are multitext.
PUBLIC_TO_OBSIDIAN = {"text": "text", "number": "number", "date": "date", "link": "text", "links": "multitext",
                      "list": "multitext", "enum": "text", "bool": "checkbox"}

# The properties every kind shares: Obsidian's own two, and the two vaultkit reads everywhere.
COMMON_TYPES = {"aliases": "aliases", "tags": "tags", "type": "text", "title": "text"}

# A user's type that vaultkit reads as well as its own: a datetime property holds dates
# vaultkit reads (`2026-03-04T10:00` is the 4th of March).
_COMPATIBLE = {("date", "datetime")}


@dataclass(frozen=True, slots=True)
class KindField:
    """One field of a kind as Obsidian sees it: the frontmatter property it is read from
    (`from` in `[kinds.K.fields]`, else its name), its public type, the Obsidian type (None
    when no Obsidian type fits) and, for an enum, each word a note may write with the value it
    means (the values, then the synonyms)."""

    kind: str
    name: str
    prop: str
    public: str
    obsidian: str | None
    choices: tuple[tuple[str, str], ...] = ()


def kind_fields(config: Config) -> dict[str, list[KindField]]:
    """Every kind's fields (`Config.schema`: built-in, plugins', the vault's own), in declared
    order, with their Obsidian types; a `rounds` or `talks` field (a list of mappings) has none."""
    out: dict[str, list[KindField]] = {}
    for kind, declared in config.schema.kinds.items():
        out[kind] = [KindField(kind, name, spec.source or name, spec.type,
                               None if spec.parse in ("rounds", "talks") else PUBLIC_TO_OBSIDIAN[spec.type],
                               (*((v, v) for v in spec.values), *sorted(spec.synonyms.items())))
                     for name, spec in declared.fields.items()]
    return out


def user_kinds(config: Config) -> list[tuple[str, str, list[KindField]]]:
    """The kinds vaultkit does not ship (a plugin's, the vault's `[kinds.NAME]`): each kind, the
    name its base takes (the last part of the kind's folder, where `new` puts its notes), its fields."""
    fields = kind_fields(config)
    found = []
    for kind, declared in config.schema.kinds.items():
        if declared.builtin:
            continue
        name = declared.folder.strip("/").rsplit("/", 1)[-1] or kind.capitalize()
        found.append((kind, name, fields[kind]))
    return found


@dataclass(frozen=True, slots=True)
class Wanted:
    """The types vaultkit would give properties (property → type, with the fields behind each),
    and the properties two kinds would type differently (left out: Obsidian has one type a name)."""

    types: dict[str, str]
    owners: dict[str, list[KindField]]
    clashes: dict[str, list[KindField]]


def wanted_types(fields: Mapping[str, list[KindField]]) -> Wanted:
    """The Obsidian type of every property a kind declares, plus the common ones."""
    owners: dict[str, list[KindField]] = {}
    for rows in fields.values():
        for f in rows:
            if f.obsidian is not None and f.prop not in COMMON_TYPES:
                owners.setdefault(f.prop, []).append(f)
    types = dict(COMMON_TYPES)
    clashes = {}
    for prop, rows in owners.items():
        kinds = {f.obsidian for f in rows}
        if len(kinds) == 1:
            types[prop] = rows[0].obsidian or "text"
        else:
            clashes[prop] = rows
    return Wanted(types, owners, clashes)


class TypesFileError(ValueError):
    """`.obsidian/types.json` cannot be read as Obsidian writes it; `line` where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_types(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parsed file and its `types` table; raises TypesFileError when it is not the shape
    Obsidian writes (an object whose `types` is an object)."""
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise TypesFileError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise TypesFileError("not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise TypesFileError(f"expected a JSON object, got {type(data).__name__}", 1)
    types = data.get("types", {})
    if not isinstance(types, dict):
        raise TypesFileError(f'"types" should be an object of property → type, got {type(types).__name__}',
                             line_of_key(text, "types"))
    return data, types


def missing(types: Mapping[str, Any], wanted: Mapping[str, str]) -> dict[str, str]:
    """The wanted types whose property the file does not name. Obsidian compares property
    names without case (`Company` is `company`), so does this."""
    have = {str(k).casefold() for k in types}
    return {prop: t for prop, t in sorted(wanted.items()) if prop.casefold() not in have}


def merged_text(text: str | None, wanted: Mapping[str, str]) -> str | None:
    """The new text of `types.json` with the `wanted` types it lacks added (after the user's,
    in name order), or None when nothing is missing. Raises TypesFileError for a broken file.

    The new entries go in after the last one, in the file's own layout (indent, line endings,
    spacing): every byte the user's file had stays. Where that cannot be done (no `types`
    object yet, an empty one), the file is written as Obsidian writes it (two-space JSON, keys in
    their order, non-ASCII as is, the final newline and line endings it had).
    """
    data, types = read_types(text or "")
    added = missing(types, wanted)
    if not added:
        return None
    expected = {**data, "types": {**types, **added}}
    if text:
        inserted = _insert(text, added)
        if inserted is not None and json.loads(inserted) == expected:
            return inserted
    out = json.dumps(expected, indent=2, ensure_ascii=False)
    if text and text.endswith("\n"):
        out += "\n"
    if text and "\r\n" in text:
        out = out.replace("\n", "\r\n")
    return out


def _insert(text: str, added: Mapping[str, str]) -> str | None:
    """`text` with `added` written into its (last) top-level `types` object after its last entry,
    separated and indented as its first entry is; None when there is no non-empty one."""
    span = _types_object(text)
    if span is None:
        return None
    start, end = span  # the braces
    body = text[start + 1:end]
    first = len(body) - len(body.lstrip())
    lead = body[:first]  # what comes before an entry: "\n    " (or "\r\n    ", or " ", or "")
    if not body.strip():
        return None
    colon = re.match(r'"(?:\\.|[^"\\])*"(\s*):(\s*)', body[first:])
    before, after = (colon.group(1), colon.group(2)) if colon else ("", " ")
    last = start + 1 + len(body.rstrip())  # just after the last entry
    entries = "".join(f",{lead}{json.dumps(k, ensure_ascii=False)}{before}:{after}{json.dumps(v)}"
                      for k, v in added.items())
    return text[:last] + entries + text[last:]


def _types_object(text: str) -> tuple[int, int] | None:
    """The offsets of the braces of the top-level `"types": {…}` (the last, as JSON readers
    take the last of two equal keys), by one scan that knows strings and nesting."""
    depth, i, key, expect_key = 0, 0, None, False
    opened: int | None = None  # the `{` of a `types` object not closed yet
    found = None
    while i < len(text):
        ch = text[i]
        if ch == '"':
            m = _STRING.match(text, i)
            if m is None:
                return None
            if depth == 1 and expect_key:
                key, expect_key = json.loads(m.group(0)), False
            i = m.end()
            continue
        if ch in "{[":
            if ch == "{" and depth == 1 and key == "types":
                opened = i
            depth += 1
            expect_key = depth == 1
        elif ch in "}]":
            depth -= 1
            if depth == 1 and opened is not None:
                found, opened, key = (opened, i), None, None
        elif ch == "," and depth == 1:
            key, expect_key = None, True
        i += 1
    return None if opened is not None else found


_STRING = re.compile(r'"(?:\\.|[^"\\])*"')


@dataclass(frozen=True, slots=True)
class Conflict:
    """A property the user typed otherwise than vaultkit reads it."""

    prop: str
    theirs: str
    ours: str
    fields: tuple[KindField, ...]
    line: int | None


def conflicts(text: str, wanted: Wanted) -> list[Conflict]:
    """The properties `types.json` types differently from vaultkit's fields (case-blind names,
    as Obsidian compares them). Raises TypesFileError for a broken file."""
    _, types = read_types(text)
    by_fold = {prop.casefold(): prop for prop in wanted.types}
    found = []
    for key, theirs in types.items():
        prop = by_fold.get(str(key).casefold())
        if prop is None or not isinstance(theirs, str):
            continue
        ours = wanted.types[prop]
        if theirs == ours or (ours, theirs) in _COMPATIBLE:
            continue
        found.append(Conflict(str(key), theirs, ours, tuple(wanted.owners.get(prop, ())), line_of_key(text, key)))
    return found


def line_of_key(text: str, key: str) -> int | None:
    """The line of `"key":` in a JSON text (the first), for a diagnostic; None when not found."""
    needle = json.dumps(key, ensure_ascii=False)
    at = text.find(needle + ":")
    if at < 0:
        at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None
