"""Generated regions: `<!-- vaultkit:begin NAME -->` … `<!-- vaultkit:end NAME -->`. Pure.

A generated note is vaultkit's when its frontmatter says `vaultkit: generated`. Only the
text between a pair of markers is vaultkit's; everything else is the user's and is kept
byte for byte when the note is regenerated.

Line endings: git (`core.autocrlf`), Windows editors and old Mac tools turn a note's LF
into CRLF or CR, and an editor may add a BOM. Markers are found after any of them, and a
region is written back in the line ending the file already uses (that of its first line),
so a converted note never gains a second copy of a region and is not rewritten for nothing.

Every function here is linear in the length of its input: markers and frontmatter fences
are found with `str.find`, lines are counted incrementally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

BOM = "\ufeff"
# Only ever tried at a line start found by `str.find`; every quantifier is bounded by the line.
_MARKER = re.compile(r"<!-- vaultkit:(begin|end) ([A-Za-z0-9_.-]+) -->[ \t]*(?=[\r\n]|\Z)")
_FENCE = re.compile(r"---[ \t]*(?:\r\n|\r|\n|\Z)")
_GENERATED = re.compile(r"^vaultkit:[ \t]*generated[ \t]*$", re.M)
_BREAK = re.compile(r"\r\n|\r|\n")


class RegionError(ValueError):
    """The markers of a generated note are unbalanced, nested or duplicated."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Region:
    """One generated region.

    `start`/`end` span its content (from just after the begin marker to the start of the
    end marker's line); `close` is where the end marker's text ends (before its line
    break); `line` is the begin marker's line.
    """

    name: str
    start: int
    end: int
    close: int
    line: int


def begin(name: str) -> str:
    """The opening marker of region `name`."""
    return f"<!-- vaultkit:begin {name} -->"


def end(name: str) -> str:
    """The closing marker of region `name`."""
    return f"<!-- vaultkit:end {name} -->"


def to_lf(text: str) -> str:
    """`text` with every CRLF and lone CR turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def newline(text: str) -> str:
    """The line ending of the first line of `text` (LF when it has none)."""
    m = _BREAK.search(text)
    return m.group() if m else "\n"


def is_owned(text: str) -> bool:
    """Does this text start with frontmatter saying `vaultkit: generated`?

    Any line ending and a leading BOM are accepted. Linear: the closing fence is found
    with `str.find`, then one anchored search runs over the frontmatter alone.
    """
    first = _FENCE.match(text, 1 if text.startswith(BOM) else 0)
    if first is None or first.end() == len(text) or text[first.end() - 1] not in "\r\n":
        return False
    at = first.end()
    while True:
        at = text.find("---", at)
        if at == -1:
            return False
        if text[at - 1] in "\r\n" and _FENCE.match(text, at):
            return _GENERATED.search(to_lf(text[first.end():at])) is not None
        at += 3


class _Lines:
    """Line numbers of increasing offsets, counted once from the previous offset (CR, LF, CRLF)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1

    def at(self, offset: int) -> int:
        t, pos = self.text, self.pos
        self.line += t.count("\n", pos, offset) + t.count("\r", pos, offset) - t.count("\r\n", pos, offset)
        self.pos = offset
        return self.line


def regions(text: str) -> list[Region]:
    """The regions of a text in order; raises `RegionError` when markers don't pair up."""
    found: list[Region] = []
    seen: set[str] = set()
    lines = _Lines(text)
    open_name: str | None = None
    open_at = open_line = 0
    for m in _markers(text):
        kind, name = m.group(1), m.group(2)
        line = lines.at(m.start())
        if kind == "begin":
            if open_name is not None:
                raise RegionError(f"region '{name}' begins inside region '{open_name}'", line)
            if name in seen:
                raise RegionError(f"region '{name}' appears twice", line)
            open_name, open_at, open_line = name, m.end(), line
        else:
            if open_name != name:
                raise RegionError(f"'end {name}' without a matching begin", line)
            seen.add(name)
            found.append(Region(name, open_at, m.start(), m.start() + len(m.group().rstrip(" \t")), open_line))
            open_name = None
    if open_name is not None:
        raise RegionError(f"region '{open_name}' is never closed", open_line)
    return found


def _markers(text: str) -> Iterator[re.Match[str]]:
    """The marker lines of a text. Generated notes run to megabytes: find the few candidate
    spots with `str.find` rather than trying the pattern at every line start."""
    at = text.find("<!-- vaultkit:")
    while at != -1:
        if at == 0 or text[at - 1] in "\r\n" or (at == 1 and text[0] == BOM):
            m = _MARKER.match(text, at)
            if m is not None:
                yield m
        at = text.find("<!-- vaultkit:", at + 1)


def merge(existing: str, generated: str) -> str:
    """Put the regions of `generated` into `existing`, keeping every other byte of it.

    Regions the existing text lacks are appended at its end; regions it has that the new
    text lacks are left as they are. Each region is written in the line ending of the
    existing text's first line. Raises `RegionError` when `existing` is not a vaultkit
    note or its markers are broken.
    """
    if not is_owned(existing):
        raise RegionError("this file is not a vaultkit generated note (no `vaultkit: generated` frontmatter)", 1)
    old = regions(existing)
    new = {r.name: to_lf(generated[r.start:r.end]) for r in regions(generated)}
    nl = newline(existing)
    out: list[str] = []
    pos = 0
    for region in old:
        fresh = new.pop(region.name, None)
        if fresh is None:
            continue  # not generated any more: left as it is, markers included
        out += [existing[pos:region.start], fresh.replace("\n", nl) if nl != "\n" else fresh]
        pos = region.end
    out.append(existing[pos:])
    merged = "".join(out)
    for name, fresh in new.items():
        sep = "" if merged.endswith(nl + nl) else (nl if merged.endswith(nl) else nl + nl)
        written = fresh.replace("\n", nl) if nl != "\n" else fresh
        merged += f"{sep}{begin(name)}{written}{end(name)}{nl}"
    return merged
