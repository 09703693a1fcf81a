"""The fast block reader: a line scanner for the shapes real notes have.

It finds fences, ATX and setext headings, list items (tracking each item's content column,
empty items included), paragraphs, HTML blocks (CommonMark's seven kinds, in markdown-it's own
patterns: comments, `<div>`, `<details>`, a lone `<br>`…, inside list items too) and quotes
with anything inside them (callouts holding lists, headings, code, nested quotes, lazy lines),
at the top or inside a list item, and returns the same `Segment`s as the markdown-it-py reader
in `vaultkit.reader.exact_reader`. Whatever it cannot decide exactly (indented code, a list item whose
first block is a quote that does not open on plain text, a tab among a quote's markers)
makes it return None, and then markdown-it-py reads the note. A differential test holds the
two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import markdown_it.common.utils as _md_utils
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from vaultkit.reader.model import Link

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


class _Bail(Exception):
    """The scanner cannot read this note exactly: markdown-it-py must."""


# What a line inside a quote may start with before its text: a tab among these (after a list
# marker, say) stands at another column than the same line outside the quote, and the scanner
# counts columns from the quote's edge. Such a line goes to markdown-it-py. (The indentation
# a quote's line starts with is turned into spaces at the note's tab stops: `quote_line`.)
_STRUCTURE = " \t>-+*0123456789.)"
MAX_QUOTE_DEPTH = 16


# A line starting with none of these starts no block: with nothing open but a paragraph or an
# item's text, it continues that text or opens a paragraph (what `_Blocks.read` decides for it).
_BLOCK_START = frozenset(" \t>-+*0123456789#<`~=_")
_MARKERS = frozenset("-+*")
_BLANKS = (" ", "\t")
_HEADING_END = frozenset("# \t")


def segments_scan(body: str, first_line: int) -> list[Segment] | None:
    """Read blocks with a line scanner; None when the note needs the exact reader."""
    blocks = _Blocks(0)
    special = _BLOCK_START
    try:
        for lineno, raw in enumerate(body.split("\n"), first_line):
            # Most lines of a note are text, a blank line or a bullet item of text, outside any
            # fence, HTML block or quote: those are decided here, as `read` would, without it.
            fence = blocks.fence
            if fence is not None and not fence[2] and raw[:1] not in (fence[0], " ", "\t"):
                continue  # inside a fence at column 0: only its marker (or indentation) can end it
            if fence is None and blocks.html is None and blocks.quote is None:
                if not raw:
                    if blocks.empty_item:
                        blocks.empty_item = False
                        blocks.items.pop()  # an item may start with one blank line only
                    if blocks.cur is not None:
                        blocks.close()
                    continue
                first = raw[0]
                if first == "#":
                    level = len(raw) - len(raw.lstrip("#"))
                    if level <= 6 and raw[level:level + 1] in _BLANKS and raw[-1] not in _HEADING_END:
                        # `## Text`, no closing hashes, no trailing blanks: what `_ATX` reads, at once
                        title: str | None = raw[level:].lstrip(" \t")
                    else:
                        heading = _ATX.match(raw)
                        title, level = (heading.group(2) or "", len(heading.group(1))) if heading else (None, 0)
                    if title is not None:
                        blocks.empty_item = False  # at column 0: every list item is over
                        blocks.items.clear()
                        if blocks.cur is not None:
                            blocks.close()
                        blocks.segments.append(Segment("heading", lineno, md_trim(title), level))
                        continue
                if first not in special or first == "#":  # `#tag text` starts a paragraph
                    blocks.empty_item = False
                    if blocks.cur is not None:
                        blocks.cur_lines.append(raw)
                    else:  # at column 0: every list item is over
                        blocks.items.clear()
                        blocks.cur, blocks.cur_lines, blocks.cur_blk = Segment("para", lineno, ""), [raw], 0
                    continue
                if first in _MARKERS and raw[1:2] == " " and raw[2:3] and (
                        raw[2] not in special or ("0" <= raw[2] <= "9" and not _LIST.match(raw[2:]))):
                    blocks.empty_item = False  # `- text`: an item at column 0, its text at 2
                    blocks.items.clear()
                    if blocks.cur is not None:
                        blocks.close()
                    blocks.items.append(2)
                    blocks.cur, blocks.cur_lines, blocks.cur_blk = Segment("item", lineno, ""), [raw[2:]], 2
                    continue
            blocks.feed(raw, lineno)
        return blocks.finish()
    except _Bail:
        return None


class _Blocks:
    """The open blocks of one container, the note or the inside of a quote, fed line by line.

    Indentation is read as CommonMark does, relative to the content column of the list item
    a line sits in (`items` holds the content columns of the open items). A quote's inside is
    a container of its own (`quote`), fed its lines without the `>`, and lines without `>`
    that continue its innermost paragraph ("lazy" lines). A quote may sit in a list item
    (`quote_blk`: the item's content column); the items stay open around it.
    """

    __slots__ = (
        "cur",
        "cur_blk",
        "cur_lines",
        "depth",
        "empty_item",
        "fence",
        "html",
        "items",
        "quote",
        "quote_blk",
        "quote_empty",
        "segments",
    )

    def __init__(self, depth: int) -> None:
        self.segments: list[Segment] = []
        self.cur: Segment | None = None  # the open paragraph or item, accepting continuation lines
        self.cur_lines: list[str] = []
        self.cur_blk = 0  # content column of the container the open paragraph sits in
        self.items: list[int] = []  # content columns of the open list items, outermost first
        self.fence: tuple[str, int, int] | None = None  # marker, length, column of its container
        self.html: tuple[re.Pattern[str], bool, int] | None = None  # HTML block: its end, ends on blank, column
        self.quote: _Blocks | None = None  # the inside of the open quote
        self.quote_blk = 0  # content column of the list item the open quote sits in (0: none)
        self.quote_empty = False  # the quote's last line held nothing after its `>`
        self.depth = depth  # how many quotes this container sits in
        self.empty_item = False  # the last line was a list item with no text

    def close(self) -> None:
        """Close the open paragraph or item text, as markdown-it trims a paragraph's content."""
        if self.cur is not None:
            self.cur.text = md_trim("\n".join(self.cur_lines))
            self.segments.append(self.cur)
            self.cur = None

    def finish(self) -> list[Segment]:
        """Close everything open; the segments of the container, in order."""
        self.end_quote()
        self.close()
        return self.segments

    def end_quote(self) -> None:
        """Close the open quote: its segments follow what came before it."""
        if self.quote is not None:
            self.segments.extend(self.quote.finish())
            self.quote = None

    def lazy(self, text: str, ind: int) -> bool:
        """Take a line without `>` as a continuation of the innermost open paragraph, if any."""
        if self.quote is not None:
            # A quote inside a quote checks the line again for a block start, ignoring its
            # indentation (markdown-it marks it -1): that differs only from 4 columns on
            # (`ind`: counted from the outer quote's container).
            if ind >= 4:
                raise _Bail
            return not self.quote_empty and self.quote.lazy(text, ind)
        if self.cur is None:
            return False
        self.cur_lines.append(text)
        return True

    def quote_line(self, text: str, lineno: int, col: int) -> None:
        """Feed the open quote a line that starts with `>` (after any indentation), the `>`
        standing at column `col` of the note's line."""
        assert self.quote is not None
        rest = text[1:]
        if rest[:1] in (" ", "\t"):
            # Tabs stop every 4 columns of the note's line, not of the quote's inside: turn the
            # indentation into spaces there, then take one as the `>`'s optional space (a tab
            # right after `>` counts partly as that space, as CommonMark says).
            n, width = _lead(rest, col + 1)
            rest = " " * (width - 1) + rest[n:]
            col += 1
        self.quote_empty = not rest.strip(" \t")
        self.quote.feed(rest, lineno, col + 1)

    def feed(self, raw: str, lineno: int, col: int = 0) -> None:
        """Read one line, whose first character stands at column `col` of the note's line
        (inside a quote, `raw` has no tab before its text)."""
        if self.depth and "\t" in raw and "\t" in raw[:len(raw) - len(raw.lstrip(_STRUCTURE)) + 1]:
            raise _Bail
        if self.fence is not None:
            fence = self.fence
            n, ind = _lead(raw) if raw[:1] in " \t" else (0, 0)
            if fence[2] and ind < fence[2] and raw.strip(" \t"):
                self.fence = None  # a less indented line ends the list item, and the fence in it
            else:
                if raw[n:n + 1] == fence[0] and ind - fence[2] < 4:
                    m = _FENCE.match(raw[n:])
                    if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] \
                            and not m.group(2).strip(" \t"):
                        self.fence = None
                return
        if self.html is not None:
            # Its lines are no Markdown. It ends on its end pattern (that line included), or,
            # for the kinds that end on a blank line, before one; a less indented line than
            # its list item (blank or not for those kinds, not blank for the others) ends the
            # item, and the block in it.
            html = self.html
            blank = not raw.strip(" \t")
            if html[2] and _indent(raw) < html[2] and (html[1] or not blank):
                self.html = None
            elif html[1]:
                if not blank:
                    return
                self.html = None
            else:
                if html[0].search(raw):
                    self.html = None
                return
        if self.quote is not None:
            n, ind = _lead(raw) if raw[:1] in " \t" else (0, 0)
            stripped = raw[n:]
            rel = ind - self.quote_blk  # markdown-it's indentation, from the quote's container
            if stripped[:1] == ">" and rel >= 0:  # at any indentation, a line of the open quote
                self.quote_line(stripped, lineno, col + ind)
                return
            # A line without `>` continues the quote's innermost paragraph, unless it is
            # blank, follows an empty quote line or starts a block (a block from 4 columns
            # past the container on is indented code, no block start). A `>` less indented
            # than the quote's list item ends the item, and the quote in it.
            if stripped[:1] != ">" and stripped.strip(" \t") and not self.quote_empty:
                if rel < 0 and ind - (self.items[-2] if len(self.items) > 1 else 0) >= 4 \
                        and _LIST.match(stripped) and not _HR.match(stripped):
                    # 4 columns past the item's list, less than its text: markdown-it takes no
                    # list marker here (its `listIndent` case), so the line is lazy, though a
                    # quote inside the quote would end on it: leave that to markdown-it.
                    if self.quote.lazy(stripped, 4):
                        return
                elif (rel >= 4 or not _starts_block(stripped)) and self.quote.lazy(stripped, rel):
                    return
            self.end_quote()
        self.read(raw, lineno, col)

    def read(self, line: str, lineno: int, col: int = 0) -> None:
        """Read a line that no open fence, HTML block or quote takes."""
        items = self.items
        empty_item, self.empty_item = self.empty_item, False
        # Each block rule needs a given first character: test that before any regex.
        if line.lstrip(" \t")[:1] == ">" and self._open_quote(line, lineno, col, empty_item):
            return
        if not line.strip(" \t"):  # blank for Markdown: spaces and tabs only
            if empty_item:
                items.pop()  # an item may start with one blank line only: this one stays empty
            self.close()
            return
        n, ind = _lead(line) if line[0] in " \t" else (0, 0)
        stripped = line[n:]
        c = stripped[:1]
        cur = self.cur
        lazy = False
        if cur is not None:
            if ind >= self.cur_blk + 4:  # indented code cannot interrupt a paragraph
                self.cur_lines.append(stripped)
                return
            lazy = ind < self.cur_blk
            if lazy:
                # Less indented than the paragraph's list item: a block starting here belongs
                # to an outer container; markdown-it reads a list marker indented 4 or more
                # past the enclosing list as text.
                outer = [col for col in items if col <= ind]
                if ind - (outer[-1] if outer else 0) >= 4:
                    if ind - (items[-2] if len(items) > 1 else 0) >= 4 and (c in "-+*" or "0" <= c <= "9") \
                            and _LIST.match(stripped) and not _HR.match(stripped):
                        self.cur_lines.append(stripped)
                        return
                    raise _Bail
        else:
            if empty_item and items and items[-1] > ind:
                empty_item = False  # a text less indented than an empty item is not its text
            while items and items[-1] > ind:
                items.pop()
            if ind >= (items[-1] if items else 0) + 4:
                raise _Bail  # indented code
        block = html_block(stripped) if c == "<" else None
        if block is not None and (cur is None or block[2]):  # the last kind cannot interrupt a paragraph
            self._pop(ind)
            if not block[0].search(stripped):  # else it ends on the line it starts on
                self.html = (block[0], block[1], items[-1] if items else 0)
            return
        m = _FENCE.match(stripped) if c in "`~" else None
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            self._pop(ind)
            self.fence = (m.group(1)[0], len(m.group(1)), items[-1] if items else 0)
            return
        if cur is not None and not lazy and c in "=-" and _SETEXT.match(stripped):
            cur.kind, cur.level = "heading", 1 if c == "=" else 2
            self.close()
            return
        if c in "-*_" and _HR.match(stripped):
            self._pop(ind)
            return
        m = _ATX.match(stripped) if c == "#" else None
        if m:
            self._pop(ind)
            self.segments.append(Segment("heading", lineno, md_trim(m.group(2) or ""), len(m.group(1))))
            return
        lm = _LIST.match(stripped) if (c in "-+*" or "0" <= c <= "9") else None
        if lm:
            marker = stripped.split(None, 1)[0]
            content = stripped[lm.end():]
            # A list item interrupts a paragraph of its own container only when it has text,
            # and, when ordered, starts at 1.
            if cur is None or lazy or (content.strip(" \t") and (marker[0] in "-+*" or int(marker[:-1]) == 1)):
                if not content.strip(" \t"):  # an empty item: a text on the next line may be its own
                    self._pop(ind)
                    items.append(ind + len(marker) + 1)
                    self.empty_item = True
                    return
                spaces = _lead(stripped[len(marker):], ind + len(marker))[1]
                block = html_block(content) if content[:1] == "<" else None
                if spaces >= 5 or _FENCE.match(content) or _LIST.match(content) \
                        or _ATX.match(content) or _HR.match(content):
                    raise _Bail
                self._pop(ind)
                self.cur_blk = ind + len(marker) + spaces
                items.append(self.cur_blk)
                if content[:1] == ">":  # `- > quote`: the item starts with a quote
                    self._item_quote(content, lineno, col + self.cur_blk)
                    return
                if block is not None:  # the item starts with an HTML block: it has no text
                    if not block[0].search(content):
                        self.html = (block[0], block[1], self.cur_blk)
                    return
                self.cur, self.cur_lines = Segment("item", lineno, ""), [content]
                return
        if cur is not None:
            self.cur_lines.append(stripped)
            return
        # The first paragraph of an item that had no text on its own line is the item's text.
        self.cur, self.cur_lines = Segment("item" if empty_item and items else "para", lineno, ""), [stripped]
        self.cur_blk = items[-1] if items else 0

    def _open_quote(self, line: str, lineno: int, col: int, empty_item: bool) -> bool:
        """Open a quote on a line starting with `>` after its indentation, in the innermost
        list item that holds it (or the container itself), as markdown-it does; False when
        the line is no quote's (indented code, or the open paragraph's continuation)."""
        n, ind = _lead(line)
        items = self.items
        if self.cur is not None and ind >= self.cur_blk + 4:
            return False  # indented code cannot interrupt a paragraph: it continues it
        base = 0  # the content column of the innermost item the quote falls in
        for item in items:
            if item <= ind:
                base = item
        if ind - base >= 4:
            if self.cur is None:
                return False  # indented code (`read` hands it to markdown-it)
            raise _Bail  # a paragraph's lazy line indented as code in an outer item
        if self.depth >= MAX_QUOTE_DEPTH:
            raise _Bail
        first = empty_item and items and base == items[-1]  # the empty item (`-` alone) holds it
        self._pop(ind)
        self.quote = _Blocks(self.depth + 1)
        self.quote_blk = base
        self.quote_line(line[n:], lineno, col + ind)
        if first:
            self._item_text_in_quote()
        return True

    def _item_quote(self, content: str, lineno: int, col: int) -> None:
        """Open a quote on a list marker's own line (`- > text`), its `>` at column `col`."""
        if self.depth >= MAX_QUOTE_DEPTH:
            raise _Bail
        self.quote = _Blocks(self.depth + 1)
        self.quote_blk = self.cur_blk
        self.quote_line(content, lineno, col)
        self._item_text_in_quote()

    def _item_text_in_quote(self) -> None:
        """The quote just opened is its list item's first block: markdown-it's reader takes the
        quote's first paragraph as the item's text. The scanner reads only a first line of
        plain text (anything else, a blank `>` included: markdown-it)."""
        inner = self.quote
        assert inner is not None
        if inner.cur is None or inner.cur.kind != "para" or inner.segments or inner.quote is not None:
            raise _Bail
        inner.cur.kind = "item"

    def _pop(self, ind: int) -> None:
        """A block starts at column `ind`: close the items it is outside of, and the open text."""
        while self.items and self.items[-1] > ind:
            self.items.pop()
        self.close()


def _starts_block(stripped: str) -> bool:
    """Does a line (without its indentation, under 4 columns) start a block that ends a quote's
    paragraph (markdown-it's terminators of a quote: fence, quote, rule, list, heading, HTML)?"""
    c = stripped[:1]
    return bool((c in "`~" and (m := _FENCE.match(stripped)) and not (c == "`" and "`" in m.group(2)))
                or (c in "-*_" and _HR.match(stripped)) or (c == "#" and _ATX.match(stripped))
                or ((c in "-+*" or "0" <= c <= "9") and _LIST.match(stripped))
                or (c == "<" and (b := html_block(stripped)) is not None and b[2]))
