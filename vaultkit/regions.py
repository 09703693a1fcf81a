"""Generated regions: `<!-- vaultkit:begin NAME -->` … `<!-- vaultkit:end NAME -->`. Pure.

A generated note is vaultkit's when its frontmatter says `vaultkit: generated`. Only the
text between a pair of markers is vaultkit's; everything else is the user's and is kept
byte for byte when the note is regenerated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARKER = re.compile(r"^<!-- vaultkit:(begin|end) ([A-Za-z0-9_.-]+) -->[ \t]*$", re.M)
_OWNED = re.compile(r"\A---\n(?:.*\n)*?vaultkit:[ \t]*generated[ \t]*\n(?:.*\n)*?---[ \t]*(\n|\Z)")


class RegionError(ValueError):
    """The markers of a generated note are unbalanced, nested or duplicated."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Region:
    """One generated region: its name and the span of its content (between the markers)."""

    name: str
    start: int
    end: int


def begin(name: str) -> str:
    """The opening marker of region `name`."""
    return f"<!-- vaultkit:begin {name} -->"


def end(name: str) -> str:
    """The closing marker of region `name`."""
    return f"<!-- vaultkit:end {name} -->"


def is_owned(text: str) -> bool:
    """Does this text start with frontmatter saying `vaultkit: generated`?"""
    return bool(_OWNED.match(text.replace("\r\n", "\n") if "\r" in text else text))


def regions(text: str) -> list[Region]:
    """The regions of a text in order; raises `RegionError` when markers don't pair up."""
    found: list[Region] = []
    seen: set[str] = set()
    open_name: str | None = None
    open_at = 0
    for m in _markers(text):
        kind, name = m.group(1), m.group(2)
        if kind == "begin":
            if open_name is not None:
                raise RegionError(f"region '{name}' begins inside region '{open_name}'", _line(text, m.start()))
            if name in seen:
                raise RegionError(f"region '{name}' appears twice", _line(text, m.start()))
            open_name, open_at = name, m.end()
        else:
            if open_name != name:
                raise RegionError(f"'end {name}' without a matching begin", _line(text, m.start()))
            seen.add(name)
            found.append(Region(name, open_at, m.start()))
            open_name = None
    if open_name is not None:
        raise RegionError(f"region '{open_name}' is never closed", _line(text, open_at))
    return found


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _markers(text: str) -> Iterator[re.Match[str]]:
    """The marker lines of a text. Generated notes run to megabytes: find the few candidate
    spots with `str.find` rather than trying the pattern at every line start."""
    at = text.find("<!-- vaultkit:")
    while at != -1:
        if at == 0 or text[at - 1] == "\n":
            m = _MARKER.match(text, at)
            if m is not None:
                yield m
        at = text.find("<!-- vaultkit:", at + 1)


def merge(existing: str, generated: str) -> str:
    """Put the regions of `generated` into `existing`, keeping every other byte of it.

    Regions the existing text lacks are appended at its end; regions it has that the new
    text lacks are left as they are. Raises `RegionError` when `existing` is not a
    vaultkit note or its markers are broken.
    """
    if not is_owned(existing):
        raise RegionError("this file is not a vaultkit generated note (no `vaultkit: generated` frontmatter)", 1)
    old = regions(existing)
    new = {r.name: generated[r.start:r.end] for r in regions(generated)}
    out: list[str] = []
    pos = 0
    for region in old:
        out.append(existing[pos:region.start])
        out.append(new.pop(region.name, existing[region.start:region.end]))
        pos = region.end
    out.append(existing[pos:])
    merged = "".join(out)
    for name, content in new.items():
        sep = "" if merged.endswith("\n\n") else ("\n" if merged.endswith("\n") else "\n\n")
        merged += f"{sep}{begin(name)}{content}{end(name)}\n"
    return merged
