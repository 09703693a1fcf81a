"""Git conflict blocks in a note: where they are, and the note's text without them. Pure.

A block opens at a `<<<<<<<` line, holds a `=======` line (and, in diff3 style, a `|||||||`
base section before it), and closes at the first `>>>>>>>` line after the `=======`. Which
side is right is the user's call, so no line of a block counts: not the markers, not either
side, not the base. A `<<<<<<<` that no `=======` follows is not a conflict (text that
happens to start so). A block that is never closed runs to the end of the note: what
follows the `=======` is the other side's text as far as anyone can tell, and letting it
through would copy conflict text into generated notes.

Work is linear in the text: one regex pass over the marker lines, newlines counted
between consecutive matches only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MARKER = re.compile(r"^(?:(<{7})(?: [^\n]*)?|(={7})|>{7}(?: [^\n]*)?)$", re.M)


class Block(NamedTuple):
    """One conflict block: its first and last line (1-based, inclusive), and whether a
    `>>>>>>>` closed it (an open block runs to the last line of the note)."""

    first: int
    last: int
    closed: bool


def blocks(text: str) -> list[Block]:
    """The conflict blocks of `text` (LF line endings), in order."""
    if "<" not in text or "<<<<<<<" not in text:  # the common case: one search for a character
        return []
    found: list[Block] = []
    line, pos = 1, 0
    start = 0  # line of the open `<<<<<<<`, 0 when outside a block
    split = False  # the open block has passed its `=======`
    for m in _MARKER.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if m.group(1):
            if not start:  # a `<<<<<<<` inside a block is that block's text
                start, split = line, False
        elif m.group(2):
            split = split or bool(start)
        elif start and split:
            found.append(Block(start, line, True))
            start = 0
    if start and split:
        found.append(Block(start, line + text.count("\n", pos), False))
    return found


def blank(text: str, found: list[Block]) -> str:
    """`text` with every line of the given blocks emptied (line numbers kept)."""
    if not found:
        return text
    lines = text.split("\n")
    for block in found:
        lines[block.first - 1:block.last] = [""] * (block.last - block.first + 1)
    return "\n".join(lines)


def describe(found: list[Block]) -> str:
    """What a diagnostic says about the blocks of one note."""
    first = found[0]
    if first.closed:
        where = f"lines {first.first}–{first.last} (<<<<<<< to >>>>>>>) are left out"
    else:
        where = f"no >>>>>>> closes the <<<<<<< on line {first.first}: lines {first.first} to the end are left out"
    more = len(found) - 1
    return (f"git conflict markers: {where}" + (f", and {more} more conflict block{'s' * (more != 1)}" if more else "")
            + " until the conflict is resolved")
