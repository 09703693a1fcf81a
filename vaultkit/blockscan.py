"""The fast block reader: a line scanner for the common shape of a note.

It finds fences, ATX and setext headings, list items (tracking each item's content
column), paragraphs, comment blocks and simple quotes, and returns the same `Segment`s
as the markdown-it-py reader in `vaultkit.markdown`. Whatever it cannot decide exactly
(indented code, HTML blocks, deep nesting in quotes) makes it return None, and then
markdown-it-py reads the note. A differential test holds the two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import markdown_it.common.utils as _md_utils
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from vaultkit.model import Link

# markdown-it trims paragraphs and headings of CommonMark's whitespace (not all of str.strip's).
md_trim: Callable[[str], str] = getattr(_md_utils, "mdTrim", str.strip)


@dataclass(slots=True)
class Segment:
    """Inline text of one block. `kind` is "heading", "item" or "para"."""

    kind: str
    line: int
    text: str
    level: int = 0
    links: list[Link] | None = None  # set by the markdown-it reader; the scanner finds them later
    raw: str | None = None  # the source text (code spans kept), when `text` is masked


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
_LIST = re.compile(r"^ *(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_START = re.compile(r"^ {0,3}<(?:[A-Za-z/?!])")
_QUOTE = re.compile(r"^ {0,3}>[ ]?")


def html_block(text: str) -> tuple[re.Pattern[str], bool, bool] | None:
    """The HTML block a line starts (`text`: the line after its indentation), as CommonMark's
    seven kinds in markdown-it's own patterns: (the pattern of the line that ends it, whether a
    blank line ends it instead, whether it can interrupt a paragraph); None when it starts none."""
    if text[:1] != "<":
        return None
    for start, end, interrupts in HTML_SEQUENCES:
        if start.search(text):
            return end, bool(end.search("")), interrupts
    return None


def _indent(line: str) -> int:
    return _lead(line)[1]


def _lead(text: str, col: int = 0) -> tuple[int, int]:
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


def segments_scan(body: str, first_line: int) -> list[Segment] | None:
    """Read blocks with a line scanner; None when the note needs the exact reader.

    Indentation is read as CommonMark does, relative to the content column of the
    list item a line sits in (`items` holds the content columns of the open items).
    """
    segments: list[Segment] = []
    cur: Segment | None = None  # the open paragraph or item, accepting continuation lines
    cur_lines: list[str] = []
    cur_blk = 0  # content column of the container the open paragraph sits in
    items: list[int] = []  # content columns of the open list items, outermost first
    fence: tuple[str, int, int] | None = None  # marker, length, column of its container
    html: tuple[re.Pattern[str], bool, int] | None = None  # an HTML block: its end, ends on blank, column

    def close() -> None:
        nonlocal cur
        if cur is not None:
            cur.text = md_trim("\n".join(cur_lines))  # as markdown-it trims a paragraph's content
            segments.append(cur)
            cur = None

    for offset, raw in enumerate(body.split("\n")):
        lineno = first_line + offset
        if fence is not None:
            n, ind = _lead(raw) if raw[:1] in " \t" else (0, 0)
            if fence[2] and ind < fence[2] and raw.strip(" \t"):
                fence = None  # a less indented line ends the list item, and the fence in it
            else:
                if raw[n:n + 1] == fence[0] and ind - fence[2] < 4:
                    m = _FENCE.match(raw[n:])
                    if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] \
                            and not m.group(2).strip(" \t"):
                        fence = None
                continue
        if html is not None:
            # Its lines are no Markdown. It ends on its end pattern (that line included), or,
            # for the kinds that end on a blank line, before one; a less indented line than
            # its list item (blank or not for those kinds, not blank for the others) ends the
            # item, and the block in it.
            blank = not raw.strip(" \t")
            if html[2] and _indent(raw) < html[2] and (html[1] or not blank):
                html = None
            elif html[1]:
                if not blank:
                    continue
                html = None
            else:
                if html[0].search(raw):
                    html = None
                continue
        line = raw
        # Each block rule needs a given first character: test that before any regex.
        if raw.lstrip(" ")[:1] == ">" and _QUOTE.match(line):
            if items and _indent(line) >= items[0]:
                return None  # a quote inside a list item
            items.clear()
            line = _QUOTE.sub("", line, count=1)
            if _QUOTE.match(line) or _FENCE.match(line) or _LIST.match(line) or _ATX.match(line) \
                    or _HTML_START.match(line) or _indent(line) >= 4 or _HR.match(line) or _SETEXT.match(line):
                return None
            if not line.strip(" \t"):
                close()
                continue
            if cur is None or cur.kind != "quote":
                close()
                cur, cur_lines = Segment("quote", lineno, ""), []
            cur_lines.append(line)
            continue
        if not line.strip(" \t"):  # blank for Markdown: spaces and tabs only
            close()
            continue
        n, ind = _lead(line) if line[0] in " \t" else (0, 0)
        stripped = line[n:]
        c = stripped[:1]
        lazy = False
        if cur is not None and cur.kind == "quote":
            # A line without `>` continues the quote's paragraph, unless it starts a block.
            if ind >= 4 or not (
                    (c in "`~" and (m := _FENCE.match(stripped)) and not (c == "`" and "`" in m.group(2)))
                    or (c in "-*_" and _HR.match(stripped)) or (c == "#" and _ATX.match(stripped))
                    or ((c in "-+*" or "0" <= c <= "9") and _LIST.match(stripped))
                    or (c == "<" and (b := html_block(stripped)) is not None and b[2])):
                cur_lines.append(stripped)
                continue
            close()
        if cur is not None:
            if ind >= cur_blk + 4:  # indented code cannot interrupt a paragraph
                cur_lines.append(stripped)
                continue
            lazy = ind < cur_blk
            if lazy:
                # Less indented than the paragraph's list item: a block starting here belongs
                # to an outer container; markdown-it reads a list marker indented 4 or more
                # past the enclosing list as text.
                outer = [col for col in items if col <= ind]
                if ind - (outer[-1] if outer else 0) >= 4:
                    if ind - (items[-2] if len(items) > 1 else 0) >= 4 and (c in "-+*" or "0" <= c <= "9") \
                            and _LIST.match(stripped) and not _HR.match(stripped):
                        cur_lines.append(stripped)
                        continue
                    return None
        else:
            while items and items[-1] > ind:
                items.pop()
            if ind >= (items[-1] if items else 0) + 4:
                return None  # indented code
        block = html_block(stripped) if c == "<" else None
        if block is not None and (cur is None or block[2]):  # the last kind cannot interrupt a paragraph
            while items and items[-1] > ind:
                items.pop()
            close()
            if not block[0].search(stripped):  # else it ends on the line it starts on
                html = (block[0], block[1], items[-1] if items else 0)
            continue
        m = _FENCE.match(stripped) if c in "`~" else None
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            while items and items[-1] > ind:
                items.pop()
            close()
            fence = (m.group(1)[0], len(m.group(1)), items[-1] if items else 0)
            continue
        if cur is not None and not lazy and c in "=-" and _SETEXT.match(stripped):
            cur.kind, cur.level = "heading", 1 if c == "=" else 2
            close()
            continue
        if c in "-*_" and _HR.match(stripped):
            while items and items[-1] > ind:
                items.pop()
            close()
            continue
        m = _ATX.match(stripped) if c == "#" else None
        if m:
            while items and items[-1] > ind:
                items.pop()
            close()
            segments.append(Segment("heading", lineno, md_trim(m.group(2) or ""), len(m.group(1))))
            continue
        lm = _LIST.match(stripped) if (c in "-+*" or "0" <= c <= "9") else None
        if lm:
            marker = stripped.split(None, 1)[0]
            content = stripped[lm.end():]
            # A list item interrupts a paragraph of its own container only when it has text,
            # and, when ordered, starts at 1.
            if cur is None or lazy or (content.strip(" \t") and (marker[0] in "-+*" or int(marker[:-1]) == 1)):
                spaces = _lead(stripped[len(marker):], ind + len(marker))[1]
                if not content.strip(" \t") or spaces >= 5 or _FENCE.match(content) or \
                        html_block(content) or _QUOTE.match(content) or _LIST.match(content) \
                        or _ATX.match(content) or _HR.match(content):
                    return None
                while items and items[-1] > ind:
                    items.pop()
                close()
                cur_blk = ind + len(marker) + spaces
                items.append(cur_blk)
                cur, cur_lines = Segment("item", lineno, ""), [content]
                continue
        if cur is not None:
            cur_lines.append(stripped)
            continue
        cur, cur_lines = Segment("para", lineno, ""), [stripped]
        cur_blk = items[-1] if items else 0
    close()
    for seg in segments:
        if seg.kind == "quote":
            seg.kind = "para"
    return segments
