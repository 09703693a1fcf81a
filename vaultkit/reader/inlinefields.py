"""Dataview inline fields in a block's masked text: `[key:: value]`, `(key:: value)`, and bare
`key:: value` (a whole line, or pairs on one line). Pure.

`inline_fields` reads a one-line text with a single `::` (most items that hold a field) with
anchored matches where `general_fields`, the reading of any text, searches: the same answers
(a hypothesis test holds the two together), for a third of the regex work. A text of several
lines is read line by line, each line that holds a single `::` that same way (no field spans
lines; `tests/test_markdown.py` holds the reading to the whole-text one it replaced).
"""

from __future__ import annotations

import re
import sys
from typing import Any

_CACHE_MAX = 1 << 16  # entries in the key cache below; cleared when full

LINE_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w \-]*?)::[ \t]*((?:(?!\s[A-Za-z_][\w\-]*::).)*)$")
# `[key:: value]` (a value may hold links) or `(key:: value)`. A key holds no colon, so reading
# it greedily ends where reading it lazily does; a `[...]` value is written as runs of plain
# characters between links (plain characters exclude `[`, so each text splits one way only),
# which the engine reads a run at a time, not a character at a time through an alternation.
# `tests/test_markdown.py` holds it to the pattern as first written (`BRACKET_FIELD_AS_WRITTEN`).
BRACKET_FIELD = re.compile(
    r"\[(\w[\w \-]*)::[ \t]*([^\[\]\n]*(?:\[\[[^\]\n]*\]\][^\[\]\n]*)*)\]"
    r"|\((\w[\w \-]*)::[ \t]*((?:\[\[[^\]\n]*\]\]|[^()\n])*)\)"
)
BARE_FIELD = re.compile(r"(?:^|(?<=\s))([A-Za-z_][\w\-]*)::[ \t]*([^\n]*?)[ \t]*(?=(?:\s[A-Za-z_][\w\-]*::)|$)", re.M)
# `BARE_FIELD` up to where its value starts. Its value, read lazily up to blanks before the next
# key or the end of the line, makes the engine try the look-ahead at every character (a word's
# worth of steps at each blank): `bare_fields` finds that end from the next `::` instead.
_BARE_KEY = re.compile(r"(?:^|(?<=\s))([A-Za-z_][\w\-]*)::[ \t]*", re.M)
_KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def inline_fields(text: str, first: int | None = None) -> list[tuple[str, str]]:
    """Dataview inline fields: `[key:: value]`, `(key:: value)` and bare `key:: value`
    (`first`: where the text's first `::` is, when the caller has found it already)."""
    if first is None:
        first = text.find("::")
    if first < 0:
        return []
    if "\n" in text:
        return general_fields(text, first)
    if text.find("::", first + 2) >= 0:  # a second `::` (as `count` counts them), searched after the first
        brackets: list[tuple[str, str]] = []
        others: list[tuple[str, str]] = []
        _line_fields(text, first, brackets, others)
        return brackets + others if brackets else others
    found = _one_field(text, first)
    return [found[1]] if found is not None else []


def _one_field(text: str, first: int) -> tuple[bool, tuple[str, str]] | None:
    """The field of a one-line text with a single run of colons holding `::` (it starts at
    `first`), and whether it is a bracketed one; None when it holds none. Every field is read
    at that `::`, by anchored matches where `_line_fields` searches."""
    # Its key holds no bracket and no colon, so a bracketed field opens at the last bracket
    # before it (`br`), or nowhere; and a bracket there also keeps the line from being one
    # whole-line field, whose key runs from the line's start to the `::`.
    br = text.rfind("[", 0, first)
    paren = text.rfind("(", br + 1, first)  # a `(` after the last `[`, if any: the later of the two
    if paren >= 0:
        br = paren
    if br >= 0 and text.find("]", br, first) < 0:
        # (A `]` between the bracket and the `::`, as after a link's `[[name]]`, is in no key:
        # no field opens there, and the match, which would read the whole name and then
        # step back through it a character at a time, is not tried.)
        # The match, anchored at `br` with no look-behind, reads `text[br:]` alone: a vault
        # writes the same few fields (`[effort:: 5]`, `(topic:: ml)`) at the end of its lines.
        tail = text[br:] if len(text) - br <= _TAIL_MAX else None
        found = _BRACKETED.get(tail) if tail is not None else None
        if found is not None:
            return found
        m = BRACKET_FIELD.match(text, br)
        if m is not None:  # the one field: the text around it holds no `::`
            key = m[1]
            if key is not None:
                found = True, (KEYS.get(key) or field_key(key), m[2].strip())
            else:
                key = m[3]
                found = True, (KEYS.get(key) or field_key(key), m[4].strip())
            if tail is not None:
                _remember(_BRACKETED, tail, found)
            return found
    elif br < 0:
        whole = LINE_FIELD.match(text)
        if whole:
            return False, (field_key(whole.group(1)), " ".join(whole.group(2).split()))
    # A bare field: its key starts after a blank, none before the last space ahead of the `::`.
    # Its reading depends on the text from there on alone (at its start both `^` and the
    # look-behind's blank let a key open): remembered as the bracketed ones are.
    start = text.rfind(" ", 0, first) + 1
    tail = text[start:] if len(text) - start <= _TAIL_MAX else None
    seen = _BARE.get(tail, _UNSEEN) if tail is not None else _UNSEEN
    if seen is not _UNSEEN:
        return seen  # type: ignore[return-value]
    bare = bare_fields(text, start, 1)
    found = (False, (field_key(bare[0][0]), " ".join(bare[0][1].split()))) if bare else None
    if tail is not None:
        _remember(_BARE, tail, found)
    return found


# The tail of a one-line text with one `::`, from the bracket (`_BRACKETED`) or the blank
# (`_BARE`) before it on (see `_one_field`) → its field: (bracketed?, (key, value)), None for
# a bare tail holding none. A bracketed tail is kept only where a field opens at its bracket
# (one that holds none is read as a bare one). Tails longer than `_TAIL_MAX` are read each
# time: a long value is prose (`learned:: <a sentence>`), seldom written twice, and keeping
# them cost more than it saved (the plain bench shape, first pass: +0.35% a note at 64).
# Bounded: each is cleared when full.
_BRACKETED: dict[str, tuple[bool, tuple[str, str]]] = {}
_BARE: dict[str, tuple[bool, tuple[str, str]] | None] = {}
_TAIL_MAX = 32
_UNSEEN = object()


def _remember(tails: dict[str, Any], tail: str, found: tuple[bool, tuple[str, str]] | None) -> None:
    if len(tails) >= _CACHE_MAX:
        tails.clear()
    tails[tail] = found


def general_fields(text: str, first: int) -> list[tuple[str, str]]:
    """`inline_fields` of any text, `first` being its first `::`: the bracketed fields of all
    its lines, then the whole-line and bare ones, each in the order written.

    No field spans lines (none of the patterns reads a newline), so each line that holds a
    `::` is read on its own, a line with a single one by `_one_field`'s anchored matches (which
    tell a bracketed field from the others: it opens at a bracket); lines before the first `::`
    hold none."""
    if "\n" not in text:
        brackets: list[tuple[str, str]] = []
        others: list[tuple[str, str]] = []
        _line_fields(text, first, brackets, others)
        return brackets + others if brackets else others
    brackets, others = [], []
    start = text.rfind("\n", 0, first) + 1
    for line in text[start:].split("\n"):
        at = line.find("::")
        if at < 0:
            continue
        if line.count("::") > 1:
            _line_fields(line, at, brackets, others)
            continue
        found = _one_field(line, at)
        if found is not None:
            (brackets if found[0] else others).append(found[1])
    return brackets + others if brackets else others


def _line_fields(text: str, first: int, brackets: list[tuple[str, str]], others: list[tuple[str, str]]) -> None:
    """The fields of one line (`first`: its first `::`): bracketed ones into `brackets`, whole-line
    and bare ones into `others`."""
    kept: list[str] = []  # the text around the bracketed fields, each cut to a space
    done = 0
    for m in BRACKET_FIELD.finditer(text, bracket_start(text, first)):
        key, value = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        brackets.append((field_key(key), value.strip()))
        kept.append(text[done:m.start()])
        done = m.end()
    # A full-line field may have spaces in its key (`Met at:: a meetup`): the line as written
    # must start with it, not what is left once `[k:: v]` fields are cut out.
    whole = LINE_FIELD.match(text)
    if kept:
        line = " ".join(kept) + " " + text[done:]  # the bracketed fields cut out
        if whole is not None:
            whole = LINE_FIELD.match(line)
    else:
        line = text
    if whole:
        others.append((field_key(whole.group(1)), " ".join(whole.group(2).split())))
        return
    at = line.find("::")
    if at >= 0:
        # No field starts before the last space ahead of the first `::` (a key holds no
        # space, and its `::` is at or after that one): the search starts there, not at
        # every word of the line (the look-behind still sees the space before it).
        for key, value in bare_fields(line, line.rfind(" ", 0, at) + 1):
            others.append((field_key(key), " ".join(value.split())))


def bare_fields(line: str, pos: int = 0, most: int = -1) -> list[tuple[str, str]]:
    """(key, value as written) of each match of `BARE_FIELD` in one line (no newline) from
    `pos` on, as `BARE_FIELD.finditer` gives them; at most `most` of them when not -1.

    A value ends before the blanks ahead of the first place from its start where another key
    opens (a whitespace, a key, `::`), or at the end of the line; the next search starts there."""
    found: list[tuple[str, str]] = []
    while most and (m := _BARE_KEY.search(line, pos)) is not None:
        start = m.end()
        end = _next_key(line, start)
        value_end = end
        while value_end > start and line[value_end - 1] in " \t":
            value_end -= 1
        found.append((m.group(1), line[start:value_end]))
        pos = end
        most -= 1
    return found


def _next_key(line: str, start: int) -> int:
    """The first place at or after `start` where `\\s[A-Za-z_][\\w\\-]*::` matches, else the
    line's end. Such a place stands right before the run of word characters and dashes that a
    `::` follows (a key holds no colon, so only the whole run can be one), so each `::` of the
    line from `start` on is looked at once, backwards."""
    colons = line.find("::", start)
    while colons >= 0:
        at = colons
        while at > start and (line[at - 1].isalnum() or line[at - 1] in "_-"):
            at -= 1
        # `at`: where the run starts; the place is the character before it, if that is no
        # earlier than `start`, is whitespace, and the run opens with a key's first character.
        if start < at < colons and line[at - 1].isspace() and line[at] in _KEY_START:
            return at - 1
        colons = line.find("::", colons + 1)
    return len(line)


def bracket_start(text: str, first: int) -> int:
    """Where the first bracketed field (`[k:: v]`, `(k:: v)`) of `text` can start, `first` being
    its first `::`: a field's key runs from its bracket to the first `::` after it and holds no
    bracket, so none starts before the last bracket ahead of that `::` (or, with none there,
    before the `::` itself). The search starts there, not at every `[[` of the links before."""
    bracket = max(text.rfind("[", 0, first), text.rfind("(", 0, first))
    return bracket if bracket >= 0 else first


KEYS: dict[str, str] = {}  # a field's key as written → as read: a vault writes the same few keys


def field_key(key: str) -> str:
    """A key as read: trimmed, its blanks and dashes runs made `_`, lower-cased, interned."""
    read = KEYS.get(key)
    if read is None:
        read = sys.intern(re.sub(r"[\s\-]+", "_", key.strip()).lower())
        if len(KEYS) >= _CACHE_MAX:
            KEYS.clear()
        KEYS[key] = read
    return read


def forget() -> None:
    """Empty this module's caches (a parent process done parsing: see `parse.forget_caches`)."""
    KEYS.clear()
    _BRACKETED.clear()
    _BARE.clear()
