"""Query regions in a user's note: where they are, and their text blanked for reading. Pure.

A query region is the text between a begin marker and the next end marker, each alone on a
line starting at its first column::

    <!-- vaultkit:begin query person where company = "Corvid Health" sort last_contact -->
    …vaultkit writes the answer here…
    <!-- vaultkit:end query 3f9a1c2e -->

The short hash on the end marker (`vaultkit.views.regions.digest`) is that of the text
vaultkit wrote there, so text typed inside is told from vaultkit's. Regions do not nest: a
begin before the previous one's end, an end with no begin, or a begin never ended is a
problem reported at its line, and that region is left alone (neither filled nor blanked).
Markers inside a fenced code block are examples, not markers.

The text inside a region is vaultkit's: `blank` replaces it by its line breaks only, before
either block reader sees the body, so both readers agree that it holds no link, tag, item
or field, and every line after it keeps its number. A note without the begin marker's text
pays one substring test (`MARK in body`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

MARK = "vaultkit:begin query"
BOM = "\ufeff"
# Tried only at a line start found with `str.find`; each quantifier stops at the line's end.
_BEGIN = re.compile(r"<!-- vaultkit:begin query(?:[ \t]+([^\r\n]*?))?[ \t]*-->[ \t]*(?=[\r\n]|\Z)")
_END = re.compile(r"<!-- vaultkit:end query(?:[ \t]+([0-9A-Za-z]{1,64}))?[ \t]*-->[ \t]*(?=[\r\n]|\Z)")
_LOOSE = re.compile(r"<!-- vaultkit:(begin|end) query(?=[\s-]|\Z)")
_FENCE = re.compile(r"(?:(?<=[\r\n])|\A) {0,3}(`{3,}|~{3,})([^\r\n]*)")
_FIX = "each query region is a `<!-- vaultkit:begin query … -->` line and, below it, a " \
       "`<!-- vaultkit:end query -->` line (not nested, not in a code block)"


class Spot(NamedTuple):
    """One well-formed query region of a text.

    `start`/`end` span its content (from just after the begin marker to the start of the end
    marker's line); `close` is where the end marker's text ends; `at` is where the begin
    marker starts, on `line`; `query` is the query as written, starting at `column` (1-based)
    of that line; `digest` is the hash on the end marker (None before the first fill).
    """

    line: int
    query: str
    column: int
    start: int
    end: int
    close: int
    at: int
    digest: str | None


class Problem(NamedTuple):
    """Markers that do not pair up, at a line."""

    line: int
    message: str
    hint: str = _FIX


class _Lines:
    """Line numbers of increasing line-start offsets, each counted on from the previous one
    (LF, CRLF, CR): linear however many markers a note holds."""

    def __init__(self, text: str, first: int) -> None:
        self.text, self.pos, self.line = text, 0, first

    def at(self, offset: int) -> int:
        t, pos = self.text, self.pos
        self.line += t.count("\n", pos, offset) + t.count("\r", pos, offset) - t.count("\r\n", pos, offset)
        self.pos = offset
        return self.line


def _events(text: str) -> Iterator[tuple[int, re.Match[str], bool]]:
    """Fence lines and query marker lines at line starts, in order: (offset, match, is_fence)."""
    fences = _FENCE.finditer(text)
    fence = next(fences, None)
    at = text.find("<!-- vaultkit:")
    while at != -1 or fence is not None:
        if fence is not None and (at == -1 or fence.start() < at):
            yield fence.start(), fence, True
            fence = next(fences, None)
            continue
        here = at
        at = text.find("<!-- vaultkit:", at + 1)
        if here == 0 or text[here - 1] in "\r\n" or (here == 1 and text[0] == BOM):
            loose = _LOOSE.match(text, here)
            if loose is not None:  # else a generated note's marker, or no marker: not ours
                yield here, loose, False


def find(text: str, first_line: int = 1) -> tuple[list[Spot], list[Problem]]:
    """The query regions of `text` (any line endings), in order, and the problems of markers
    that do not pair up. `first_line` is the line `text` starts on in its note.

    One walk over the fence lines and marker lines: outside a region, a fence opens a code
    block whose markers are text; inside a region, fences are vaultkit's text (a region
    ends at its end marker whatever it holds)."""
    spots: list[Spot] = []
    problems: list[Problem] = []
    lines = _Lines(text, first_line)
    fenced: re.Match[str] | None = None  # the fence of the open code block
    opened: tuple[re.Match[str], int] | None = None
    broken = False  # the open region holds a second begin: it is not filled
    for here, m, is_fence in _events(text):
        if is_fence:
            if opened is not None:
                continue
            fence, rest = m.group(1), m.group(2)
            if fenced is None:
                if not (fence[0] == "`" and "`" in rest):  # else an inline code span at a line start
                    fenced = m
            elif fence[0] == fenced.group(1)[0] and len(fence) >= len(fenced.group(1)) and not rest.strip():
                fenced = None
            continue
        if fenced is not None:
            continue
        line = lines.at(here)
        if m.group(1) == "begin":
            begin = _BEGIN.match(text, here)
            if begin is None:
                problems.append(Problem(line, "this query region's begin marker does not end with `-->` on its line"))
            elif opened is not None:
                problems.append(Problem(line, f"a query region begins inside the one begun on line {opened[1]}: "
                                              "query regions do not nest"))
                broken = True
            else:
                opened, broken = (begin, line), False
            continue
        end = _END.match(text, here)
        if end is None:
            problems.append(Problem(line, "this query region's end marker is not `<!-- vaultkit:end query -->`"))
            continue
        if opened is None:
            problems.append(Problem(line, "`vaultkit:end query` with no `vaultkit:begin query` above it"))
            continue
        begin, begin_line = opened
        opened = None
        if broken:
            continue
        query = begin.group(1) or ""
        column = (begin.start(1) - begin.start() + 1) if begin.group(1) is not None else len(begin.group()) + 1
        spots.append(Spot(begin_line, query, column, begin.end(), here, here + len(end.group().rstrip(" \t")),
                          begin.start(), end.group(1)))
    if opened is not None:
        problems.append(Problem(opened[1], "this query region is never ended: no `<!-- vaultkit:end query -->` "
                                           "below it"))
    return spots, problems


def blank(body: str, first_line: int = 1) -> tuple[str, list[Spot], list[Problem]]:
    """The body with each query region's content reduced to its line breaks (what the block
    readers see), the regions, and the problems of markers that do not pair up."""
    spots, problems = find(body, first_line)
    if not spots:
        return body, spots, problems
    out: list[str] = []
    pos = 0
    for spot in spots:
        out += [body[pos:spot.start], "\n" * body.count("\n", spot.start, spot.end)]
        pos = spot.end
    out.append(body[pos:])
    return "".join(out), spots, problems
