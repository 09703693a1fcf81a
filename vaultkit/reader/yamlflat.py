"""Flat frontmatter without libyaml: `key: scalar`, `key: [a, "b"]`, `key:` over `- item` lines
or over indented `sub: scalar` lines.

Nearly every note's frontmatter is that flat. Reading it through libyaml costs more than the rest
of the note (a node per value, and PyYAML's resolver and constructors in Python for each), so
`vaultkit.reader.yamlfront.load` asks `read` first. `read` accepts only a narrow grammar whose YAML
meaning is certain — single-line plain scalars that hold no `: `, ` #` or tab and start with no
indicator, quoted scalars without escapes or doubled quotes, flow lists of those, block lists at
one indentation, one level of `sub: value` mapping — and answers None for anything else
(comments, deeper nesting, anchors, tags, block scalars, continuation lines, keys YAML reads as no
text, any character `str.isprintable` refuses), which libyaml then reads.
A plain scalar's type is decided by PyYAML's own resolver and built by the loader's own
constructors (YAML 1.1: `no` is False, `012` is 10, `1:30` is 90, a date a `date`), so values are
the same in type and value as libyaml's; `tests/test_yaml_fast.py` holds the two to it.

Each distinct plain scalar is resolved and built once per process and the result shared (they
are immutable: text, numbers, dates): keys and repeated values are one object each.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import yaml

# One entry of a mapping: key, value, its line (0-based in the frontmatter), the text of a
# scalar value (None for a list), the text of each item of a list value (None for a scalar).
Entry = tuple[str, Any, int, "str | None", "list[str] | None"]

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*):(?: +(.*))?$")
_ITEM = re.compile(r"( *)-(?: +(.*))?$")
# A plain scalar: no indicator first (a `-` only before a digit or a dot: `-5`, `-.5`), no
# `: ` or ` #` inside, no `:` last; in a flow list, no `,[]{}:#` or quote at all.
_FIRST = r"(?:[^-?:,\[\]{}#&*!|>'\"%@` ]|-[0-9.])"
_PLAIN = re.compile(_FIRST + r"(?:(?!: | #).)*(?<!:)$")  # what `_is_plain` reads (tests hold the two together)
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_AFTER_DASH = frozenset("0123456789.")
# A flow item's plain text is read greedily, its trailing blanks then cut: what the lazy
# `[^…]*?` before ` *(,|$)` reads (its first character is no blank), without the engine trying
# the rest of the pattern after each character.
_FLOW_ITEM = re.compile(r" *(?:\"([^\"\\]*)\"|'([^']*)'|(" + _FIRST + r"[^,\[\]{}:#'\"]*)) *(,|$)")
_DOUBLE = re.compile(r"\"([^\"\\]*)\"$")
_SINGLE = re.compile(r"'([^']*)'$")

_SHORT = 64  # quoted values up to this long are interned
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ten characters: `$` cannot stand before a line break
_SCALAR = (True, False)  # implicit for a plain scalar, as the parser hands it to the resolver
# libyaml gives up on a `key:` whose key is longer than this (a simple key must end within 1024
# characters of its start): `mapping values are not allowed` or `could not find expected ':'`.
_LONGEST_KEY = 1024


def flat_size(entries: list[Entry]) -> int:
    """How many YAML nodes the entries came from (the mapping, each key and value, each item),
    as `yamlfront._check_tree` counts them."""
    return 1 + sum(1 + _size(value) for _, value, _, _, _ in entries)


def _size(value: Any) -> int:
    if isinstance(value, list):
        return 1 + len(value)  # its items are scalars
    if isinstance(value, dict):
        return 1 + sum(1 + _size(v) for v in value.values())
    return 1


def _is_plain(text: str) -> bool:
    """Whether a one-line text (not empty) is a plain scalar as `_PLAIN` reads it, by substring
    tests rather than a look-ahead at every character: its first character (or `-` and a digit
    or dot) is no blank and opens no `: ` or ` #`, so those can be searched for in the whole text."""
    c = text[0]
    if c in _NOT_FIRST and (c != "-" or text[1:2] not in _AFTER_DASH):
        return False
    return ": " not in text and " #" not in text and text[-1] != ":"


class _NotFlat(Exception):
    """The frontmatter is outside `read`'s grammar: libyaml must read it."""


class Flat:
    """The reader, bound to a loader for PyYAML's resolver and constructors by tag."""

    def __init__(self, loader: Any, constructors: dict[str, Callable[[Any, yaml.ScalarNode], Any]]) -> None:
        self.loader = loader
        self.constructors = constructors
        self.plain: dict[str, tuple[str, Any]] = {}  # plain scalar text → (tag, value)
        # A `key: value` line at the left edge → (key, value, its text, item texts): what it holds
        # depends on the line alone, and a vault repeats most of its lines (`type: person`,
        # `draft: true`): each is read once per process. A flow list's items are kept as a tuple
        # and handed out as a new list.
        self.lines: dict[str, tuple[str, Any, str | None, tuple[str, ...] | None]] = {}
        # A block list's `- item` line → (its indentation, value, text): `  - "[[Ada Lovelace]]"`
        # recurs from note to note as `type: person` does.
        self.items: dict[str, tuple[int, Any, str]] = {}
        # PyYAML's resolver tries the patterns registered for a plain scalar's first character
        # only (with none for every character, nor a path to resolve by): a text opening on
        # another character is text, without a call of it (names: `Ada Lovelace`, `platform`).
        table = loader.yaml_implicit_resolvers
        self.firsts = frozenset(table) if None not in table and not loader.yaml_path_resolvers else None

    def forget(self) -> None:
        """Empty the caches (a parent process done parsing: they hold tens of MB on a big vault)."""
        self.plain.clear()
        self.lines.clear()
        self.items.clear()

    def _key(self, text: str) -> str:
        """A `key:`'s key as text, or _NotFlat where libyaml reads no text key there."""
        if len(text) > _LONGEST_KEY:
            raise _NotFlat  # libyaml reports a syntax error
        tag, key = self._plain(text)
        if tag != _STR:
            raise _NotFlat  # `yes:`, `null:`, `1:`: the key is no text, libyaml's path says so
        return str(key)  # the shared object itself (a str's str is the str)

    def _plain(self, text: str) -> tuple[str, Any]:
        found = self.plain.get(text)
        if found is None:
            tag = self._tag(text)
            if tag == _STR:
                found = (tag, text)
            else:
                ctor = self.constructors.get(tag)
                if ctor is None:
                    raise _NotFlat  # `=`, `<<`: what PyYAML makes of them is its own business
                found = (tag, ctor(self.loader, yaml.ScalarNode(tag, text)))
            if len(self.plain) >= 1 << 16:
                self.plain.clear()
            self.plain[text] = found
        return found

    def _tag(self, text: str) -> str:
        """The tag PyYAML's resolver gives a plain scalar. Asked of it only for a text that opens
        on a character it has patterns for and is not a day (`2025-04-29`) or a whole number
        without a leading zero (`5526493`): of its patterns for a digit (float, int, timestamp,
        tried in that order), a float needs a `.` or a `:`, an int no `-` inside; a leading zero
        may make an octal number. `tests/test_yaml_fast.py` holds the answers to the resolver's."""
        if self.firsts is not None:
            if text[:1] not in self.firsts:
                return _STR
            if text.isascii():
                if text.isdigit() and (text[0] != "0" or len(text) == 1):
                    return _INT
                if len(text) == 10 and _DAY.match(text):
                    return _TIMESTAMP
        return str(self.loader.resolve(yaml.ScalarNode, text, _SCALAR))

    def _scalar(self, text: str) -> tuple[Any, str]:
        """A block scalar's value and its text as YAML holds it (quotes off)."""
        c = text[0]
        if c == '"' or c == "'":
            m = (_DOUBLE if c == '"' else _SINGLE).match(text)
            if m is None:
                raise _NotFlat
            quoted = m.group(1)
            if len(quoted) <= _SHORT:  # a name or a link, likely in other notes too: one object
                quoted = sys.intern(quoted)
            return quoted, quoted
        if not _is_plain(text):
            raise _NotFlat
        return self._plain(text)[1], text

    def _flow(self, text: str) -> tuple[list[Any], list[str]]:
        """The items of `[a, "b", c]` and their texts."""
        inner = text[1:-1]
        values: list[Any] = []
        texts: list[str] = []
        if not inner.strip(" "):
            return values, texts
        pos = 0
        while True:
            m = _FLOW_ITEM.match(inner, pos)
            if m is None or m.end() == pos:
                raise _NotFlat
            plain = m.group(3)
            if plain is not None:
                plain = plain.rstrip(" ")
                values.append(self._plain(plain)[1])
                texts.append(plain)
            else:
                quoted = m.group(1) if m.group(1) is not None else m.group(2)
                if len(quoted) <= _SHORT:
                    quoted = sys.intern(quoted)
                values.append(quoted)
                texts.append(quoted)
            pos = m.end()
            if not m.group(4):
                if pos != len(inner):
                    raise _NotFlat
                return values, texts

    def _mapping(self, lines: list[str], i: int) -> tuple[dict[str, Any], int]:
        """The `sub: value` lines from `lines[i]` on, at its indentation; and the line after them."""
        indent = len(lines[i]) - len(lines[i].lstrip(" "))
        out: dict[str, Any] = {}
        while i < len(lines):
            line = lines[i]
            if not line:
                i += 1
                continue
            if not line.startswith(" "):
                break
            if not line.isprintable() or line[-1] == " ":
                raise _NotFlat
            if len(line) <= indent or line[indent] == " " or line[:indent].strip(" "):
                raise _NotFlat
            m = _KEY.match(line, indent)
            text = m.group(2) if m is not None else None
            if m is None or text is None:
                raise _NotFlat  # a deeper level, or no `sub: value` line
            key = self._key(m.group(1))
            if key in out:
                raise _NotFlat  # twice (libyaml's path counts both)
            out[key] = self._flow(text)[0] if text[0] == "[" and text[-1] == "]" else self._scalar(text)[0]
            i += 1
        return out, i

    def _seen(self, line: str, read: tuple[str, Any, str | None, tuple[str, ...] | None]) -> None:
        if len(self.lines) >= 1 << 16:
            self.lines.clear()
        self.lines[line] = read

    def read(self, fm: str) -> list[Entry] | None:
        """The entries of flat frontmatter, in order (duplicates kept), or None when it is not flat."""
        try:
            return self._read(fm)
        except _NotFlat:
            return None
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return None  # a constructor refused: libyaml's path reports it as it always has

    def _read(self, fm: str) -> list[Entry]:
        entries: list[Entry] = []
        # Each line is checked where it is first read, not on a hit of a cache (which holds only
        # lines checked so): characters YAML may refuse (in ASCII, the controls: what
        # `isprintable` refuses, a C loop ~3x faster than a regex's search), and trailing blanks.
        lines = fm.split("\n")
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if not line:
                i += 1
                continue
            seen = self.lines.get(line)
            if seen is not None:
                key, value, literal, items = seen
                entries.append((key, value, i, literal, None) if items is None else
                               (key, list(value), i, None, list(items)))
                i += 1
                continue
            if not line.isprintable() or line[-1] == " ":
                raise _NotFlat
            m = _KEY.match(line)
            if m is None:
                raise _NotFlat
            key = self._key(m.group(1))
            text = m.group(2)
            if text is not None:
                if text[0] == "[" and text[-1] == "]":
                    values, texts = self._flow(text)
                    entries.append((key, values, i, None, texts))
                    self._seen(line, (key, tuple(values), None, tuple(texts)))
                else:
                    value, literal = self._scalar(text)
                    entries.append((key, value, i, literal, None))
                    self._seen(line, (key, value, literal, None))
                i += 1
                continue
            # `key:` alone: a block list on the lines below (one indentation), a mapping of
            # `sub: scalar` lines (one indentation, more than the key's), or nothing (null).
            start, indent = i, -1
            i += 1
            while i < n and not lines[i]:
                i += 1
            if i < n and lines[i][:1] == " " and lines[i].lstrip(" ")[:1] != "-":
                mapping, i = self._mapping(lines, i)
                entries.append((key, mapping, start, None, None))
                continue
            i = start
            values, texts = [], []
            i += 1
            while i < n:
                line = lines[i]
                if not line:
                    i += 1
                    continue
                read = self.items.get(line)
                if read is None:
                    if not line.isprintable() or line[-1] == " ":
                        raise _NotFlat
                    item = _ITEM.match(line)
                    if item is None:
                        break
                    text = item.group(2)
                    if text is None:
                        read = (len(item.group(1)), None, "")
                    elif text[0] == "[":
                        raise _NotFlat  # a list in the list (`- [[Ada]]` unquoted): libyaml's path
                    else:
                        read = (len(item.group(1)), *self._scalar(text))
                    if len(self.items) >= 1 << 16:
                        self.items.clear()
                    self.items[line] = read
                if indent >= 0 and read[0] != indent:
                    raise _NotFlat
                indent = read[0]
                values.append(read[1])
                texts.append(read[2])
                i += 1
            if indent < 0:
                entries.append((key, None, start, "", None))
            else:
                entries.append((key, values, start, None, texts))
        return entries
