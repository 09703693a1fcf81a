"""The block reader's containers: the note, or the inside of a quote, read line by line
(`Blocks`), for the lines `vaultkit.reader.blockscan`'s fast path does not decide itself —
anything inside a fence, an HTML block or a quote, indented lines, list markers other than a
plain `- text` at column 0. Raises `Bail` where only markdown-it-py can read the note exactly.
"""

from __future__ import annotations

import re

from vaultkit.reader.blocksyntax import (
    ATX,
    FENCE,
    HR,
    LIST,
    MAX_QUOTE_DEPTH,
    SETEXT,
    STRUCTURE,
    Bail,
    Block,
    html_block,
    indent,
    lead,
    md_trim,
    starts_block,
)


class Blocks:
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
        self.segments: list[Block] = []
        # The open paragraph or item, accepting continuation lines: (kind, first line, level).
        self.cur: tuple[str, int, int] | None = None
        self.cur_lines: list[str] = []
        self.cur_blk = 0  # content column of the container the open paragraph sits in
        self.items: list[int] = []  # content columns of the open list items, outermost first
        self.fence: tuple[str, int, int] | None = None  # marker, length, column of its container
        self.html: tuple[re.Pattern[str], bool, int] | None = None  # HTML block: its end, ends on blank, column
        self.quote: Blocks | None = None  # the inside of the open quote
        self.quote_blk = 0  # content column of the list item the open quote sits in (0: none)
        self.quote_empty = False  # the quote's last line held nothing after its `>`
        self.depth = depth  # how many quotes this container sits in
        self.empty_item = False  # the last line was a list item with no text

    def close(self) -> None:
        """Close the open paragraph or item text, as markdown-it trims a paragraph's content."""
        cur = self.cur
        if cur is not None:
            lines = self.cur_lines
            self.segments.append((cur[0], cur[1], md_trim(lines[0] if len(lines) == 1 else "\n".join(lines)), cur[2]))
            self.cur = None

    def finish(self) -> list[Block]:
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
                raise Bail
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
            n, width = lead(rest, col + 1)
            rest = " " * (width - 1) + rest[n:]
            col += 1
        self.quote_empty = not rest.strip(" \t")
        self.quote.feed(rest, lineno, col + 1)

    def feed(self, raw: str, lineno: int, col: int = 0) -> None:
        """Read one line, whose first character stands at column `col` of the note's line
        (inside a quote, `raw` has no tab before its text)."""
        if self.depth and "\t" in raw and "\t" in raw[:len(raw) - len(raw.lstrip(STRUCTURE)) + 1]:
            raise Bail
        if self.fence is not None:
            fence = self.fence
            n, ind = lead(raw) if raw[:1] in " \t" else (0, 0)
            if fence[2] and ind < fence[2] and raw.strip(" \t"):
                self.fence = None  # a less indented line ends the list item, and the fence in it
            else:
                if raw[n:n + 1] == fence[0] and ind - fence[2] < 4:
                    m = FENCE.match(raw[n:])
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
            if html[2] and indent(raw) < html[2] and (html[1] or not blank):
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
            n, ind = lead(raw) if raw[:1] in " \t" else (0, 0)
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
                        and LIST.match(stripped) and not HR.match(stripped):
                    # 4 columns past the item's list, less than its text: markdown-it takes no
                    # list marker here (its `listIndent` case), so the line is lazy, though a
                    # quote inside the quote would end on it: leave that to markdown-it.
                    if self.quote.lazy(stripped, 4):
                        return
                elif (rel >= 4 or not starts_block(stripped)) and self.quote.lazy(stripped, rel):
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
        n, ind = lead(line) if line[0] in " \t" else (0, 0)
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
                            and LIST.match(stripped) and not HR.match(stripped):
                        self.cur_lines.append(stripped)
                        return
                    raise Bail
        else:
            if empty_item and items and items[-1] > ind:
                empty_item = False  # a text less indented than an empty item is not its text
            while items and items[-1] > ind:
                items.pop()
            if ind >= (items[-1] if items else 0) + 4:
                raise Bail  # indented code
        block = html_block(stripped) if c == "<" else None
        if block is not None and (cur is None or block[2]):  # the last kind cannot interrupt a paragraph
            self._pop(ind)
            if not block[0].search(stripped):  # else it ends on the line it starts on
                self.html = (block[0], block[1], items[-1] if items else 0)
            return
        m = FENCE.match(stripped) if c in "`~" else None
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            self._pop(ind)
            self.fence = (m.group(1)[0], len(m.group(1)), items[-1] if items else 0)
            return
        if cur is not None and not lazy and c in "=-" and SETEXT.match(stripped):
            self.cur = ("heading", cur[1], 1 if c == "=" else 2)
            self.close()
            return
        if c in "-*_" and HR.match(stripped):
            self._pop(ind)
            return
        m = ATX.match(stripped) if c == "#" else None
        if m:
            self._pop(ind)
            self.segments.append(("heading", lineno, md_trim(m.group(2) or ""), len(m.group(1))))
            return
        lm = LIST.match(stripped) if (c in "-+*" or "0" <= c <= "9") else None
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
                spaces = lead(stripped[len(marker):], ind + len(marker))[1]
                block = html_block(content) if content[:1] == "<" else None
                if spaces >= 5 or FENCE.match(content) or LIST.match(content) \
                        or ATX.match(content) or HR.match(content):
                    raise Bail
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
                self.cur, self.cur_lines = ("item", lineno, 0), [content]
                return
        if cur is not None:
            self.cur_lines.append(stripped)
            return
        # The first paragraph of an item that had no text on its own line is the item's text.
        self.cur, self.cur_lines = ("item" if empty_item and items else "para", lineno, 0), [stripped]
        self.cur_blk = items[-1] if items else 0

    def _open_quote(self, line: str, lineno: int, col: int, empty_item: bool) -> bool:
        """Open a quote on a line starting with `>` after its indentation, in the innermost
        list item that holds it (or the container itself), as markdown-it does; False when
        the line is no quote's (indented code, or the open paragraph's continuation)."""
        n, ind = lead(line)
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
            raise Bail  # a paragraph's lazy line indented as code in an outer item
        if self.depth >= MAX_QUOTE_DEPTH:
            raise Bail
        first = empty_item and items and base == items[-1]  # the empty item (`-` alone) holds it
        self._pop(ind)
        self.quote = Blocks(self.depth + 1)
        self.quote_blk = base
        self.quote_line(line[n:], lineno, col + ind)
        if first:
            self._item_text_in_quote()
        return True

    def _item_quote(self, content: str, lineno: int, col: int) -> None:
        """Open a quote on a list marker's own line (`- > text`), its `>` at column `col`."""
        if self.depth >= MAX_QUOTE_DEPTH:
            raise Bail
        self.quote = Blocks(self.depth + 1)
        self.quote_blk = self.cur_blk
        self.quote_line(content, lineno, col)
        self._item_text_in_quote()

    def _item_text_in_quote(self) -> None:
        """The quote just opened is its list item's first block: markdown-it's reader takes the
        quote's first paragraph as the item's text. The scanner reads only a first line of
        plain text (anything else, a blank `>` included: markdown-it)."""
        inner = self.quote
        assert inner is not None
        if inner.cur is None or inner.cur[0] != "para" or inner.segments or inner.quote is not None:
            raise Bail
        inner.cur = ("item", inner.cur[1], 0)

    def _pop(self, ind: int) -> None:
        """A block starts at column `ind`: close the items it is outside of, and the open text."""
        while self.items and self.items[-1] > ind:
            self.items.pop()
        self.close()
