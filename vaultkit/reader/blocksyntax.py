"""The line syntax of the block reader (`vaultkit.reader.blockscan`): what a line of a note
starts — a fence, an ATX heading, a list marker, a rule, a setext underline, one of CommonMark's
seven HTML blocks — as markdown-it-py reads it, and the `Segment` both readers return. Pure.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from vaultkit.reader.htmlsyntax import HTML_SEQUENCES, MD_TRIM_CHARS
from vaultkit.reader.model import Link

# markdown-it trims paragraphs and headings of CommonMark's whitespace (not all of str.strip's):
# its characters stripped by a C-level call, once per segment, rather than through `mdTrim`'s frame.
md_trim: Callable[[str], str] = operator.methodcaller("strip", MD_TRIM_CHARS)


# What the line scanner gives for a block: (kind, first line, inline text, heading level or 0),
# kind "heading", "item" or "para". A plain tuple: a note has ~20 blocks, and a tuple is made
# and unpacked for a fraction of what an object with named fields costs.
Block = tuple[str, int, str, int]


@dataclass(slots=True)
class Segment:
    """Inline text of one block, as the markdown-it reader gives it (a scanned `Block` is made
    one where the general reading loop takes it). `kind` is "heading", "item" or "para"."""

    kind: str
    line: int
    text: str
    level: int = 0
    links: list[Link] | None = None  # set by the markdown-it reader; the scanner finds them later
    raw: str | None = None  # the source text (code spans kept), when `text` is masked


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
LIST = re.compile(r"^ *(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def html_block(text: str) -> tuple[re.Pattern[str], bool, bool] | None:
    """The HTML block a line starts (`text`: the line after its indentation), as CommonMark's
    seven kinds in markdown-it's own patterns: (the pattern of the line that ends it, whether a
    blank line ends it instead, whether it can interrupt a paragraph); None when it starts none."""
    if text[:1] != "<":
        return None
    for start, end, by_blank, interrupts in _HTML_KINDS:
        if start.search(text):
            return end, by_blank, interrupts
    return None


# markdown-it's sequences, each with whether a blank line ends it (its end pattern matches
# the empty string): a fact of the pattern, worked out once, not for every line opening on `<`.
_HTML_KINDS = tuple((start, end, bool(end.search("")), interrupts) for start, end, interrupts in HTML_SEQUENCES)


def indent(line: str) -> int:
    return lead(line)[1]


def lead(text: str, col: int = 0) -> tuple[int, int]:
    """(characters, columns) of the spaces and tabs `text` starts with, read from column `col`."""
    start, i = col, 0
    for ch in text:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
        i += 1
    return i, col - start


class Bail(Exception):
    """The scanner cannot read this note exactly: markdown-it-py must."""


# What a line inside a quote may start with before its text: a tab among these (after a list
# marker, say) stands at another column than the same line outside the quote, and the scanner
# counts columns from the quote's edge. Such a line goes to markdown-it-py. (The indentation
# a quote's line starts with is turned into spaces at the note's tab stops: `quote_line`.)
STRUCTURE = " \t>-+*0123456789.)"
MAX_QUOTE_DEPTH = 16


def starts_block(stripped: str) -> bool:
    """Does a line (without its indentation, under 4 columns) start a block that ends a quote's
    paragraph (markdown-it's terminators of a quote: fence, quote, rule, list, heading, HTML)?"""
    c = stripped[:1]
    return bool((c in "`~" and (m := FENCE.match(stripped)) and not (c == "`" and "`" in m.group(2)))
                or (c in "-*_" and HR.match(stripped)) or (c == "#" and ATX.match(stripped))
                or ((c in "-+*" or "0" <= c <= "9") and LIST.match(stripped))
                or (c == "<" and (b := html_block(stripped)) is not None and b[2]))
