"""The fast block reader: a line scanner for the shapes real notes have.

It finds fences, ATX and setext headings, list items (tracking each item's content column,
empty items included), paragraphs, HTML blocks (CommonMark's seven kinds, in markdown-it's own
patterns: comments, `<div>`, `<details>`, a lone `<br>`…, inside list items too) and quotes
with anything inside them (callouts holding lists, headings, code, nested quotes, lazy lines),
at the top or inside a list item, and returns the same blocks as the markdown-it-py reader
in `vaultkit.reader.exact_reader` (as `Block` tuples, where that reader gives `Segment`s).
Whatever it cannot decide exactly (indented code, a list item whose first block is a quote
that does not open on plain text, a tab among a quote's markers) makes it return None, and
then markdown-it-py reads the note. A differential test holds the two to the same answers.
"""

from __future__ import annotations

import re

from vaultkit.reader.blocks import Blocks
from vaultkit.reader.blocksyntax import ATX, FENCE, LIST, Bail, Block, Segment, html_block, md_trim

__all__ = ["Block", "Segment", "md_trim", "segments_scan"]


# A line starting with none of these starts no block: with nothing open but a paragraph or an
# item's text, it continues that text or opens a paragraph (what `Blocks.read` decides for it).
_BLOCK_START = frozenset(" \t>-+*0123456789#<`~=_")
_MARKERS = frozenset("-+*")
_BLANKS = (" ", "\t")
_HEADING_END = frozenset("# \t")
_FENCES = frozenset("`~")


def _comment_end() -> re.Pattern[str]:
    """What ends an HTML comment block (`-->`; a blank line does not), as `html_block` reads a
    line that opens one."""
    block = html_block("<!--")
    assert block is not None and not block[1], block
    return block[0]


_COMMENT_END = _comment_end()


def segments_scan(body: str, first_line: int) -> list[Block] | None:
    """Read blocks with a line scanner; None when the note needs the exact reader."""
    blocks = Blocks(0)
    special = _BLOCK_START
    items, add = blocks.items, blocks.segments.append  # the same list objects for the whole note
    # Only `feed` opens a fence, an HTML block or a quote, or leaves an empty item open: the
    # state the lines below look at is read again after it, not on every line.
    simple, empty_item = True, False
    lines = body.split("\n")
    last = first_line + len(lines) - 1
    try:
        for lineno, raw in enumerate(lines, first_line):
            # Most lines of a note are text, a blank line or a bullet item of text, outside any
            # fence, HTML block or quote: those are decided here, as `read` would, without it.
            if simple:
                if not raw:
                    if empty_item:
                        blocks.empty_item = empty_item = False
                        items.pop()  # an item may start with one blank line only
                    cur = blocks.cur
                    if cur is not None:  # `blocks.close()`, without the call
                        text = blocks.cur_lines
                        add((cur[0], cur[1], md_trim(text[0] if len(text) == 1 else "\n".join(text)), cur[2]))
                        blocks.cur = None
                    continue
                first = raw[0]
                if first == "#":
                    level = len(raw) - len(raw.lstrip("#"))
                    if level <= 6 and raw[level:level + 1] in _BLANKS and raw[-1] not in _HEADING_END:
                        # `## Text`, no closing hashes, no trailing blanks: what `ATX` reads, at once
                        title: str | None = raw[level:].lstrip(" \t")
                    else:
                        heading = ATX.match(raw)
                        title, level = (heading.group(2) or "", len(heading.group(1))) if heading else (None, 0)
                    if title is not None:
                        if empty_item:
                            blocks.empty_item = empty_item = False
                        items.clear()  # at column 0: every list item is over
                        if blocks.cur is not None:
                            blocks.close()
                        add(("heading", lineno, md_trim(title), level))
                        continue
                if first not in special or first == "#":  # `#tag text` starts a paragraph
                    if empty_item:
                        blocks.empty_item = empty_item = False
                    if blocks.cur is not None:
                        blocks.cur_lines.append(raw)
                    else:  # at column 0: every list item is over
                        items.clear()
                        blocks.cur, blocks.cur_lines, blocks.cur_blk = ("para", lineno, 0), [raw], 0
                    continue
                if first in _MARKERS and raw[1:2] == " " and raw[2:3] and (
                        raw[2] not in special or ("0" <= raw[2] <= "9" and not LIST.match(raw[2:]))):
                    if empty_item:  # `- text`: an item at column 0, its text at 2
                        blocks.empty_item = empty_item = False
                    items.clear()
                    cur = blocks.cur
                    if cur is not None:  # `blocks.close()`, without the call
                        text = blocks.cur_lines
                        add((cur[0], cur[1], md_trim(text[0] if len(text) == 1 else "\n".join(text)), cur[2]))
                    items.append(2)
                    blocks.cur, blocks.cur_lines, blocks.cur_blk = ("item", lineno, 0), [raw[2:]], 2
                    continue
                # Three more blocks at column 0 that `read` would open after closing every item and
                # the open text (each may interrupt a paragraph, and a list item's text is more
                # indented): a fence, an HTML comment, and a one-line quote of plain text before a
                # blank line (or the end), which reads as a paragraph of its text.
                m = FENCE.match(raw) if first in _FENCES else None
                if (m is not None and not (first == "`" and "`" in m.group(2))) \
                        or (first == "<" and raw.startswith("<!--")) \
                        or (first == ">" and raw[1:2] == " " and raw[2:3] and raw[2] not in special
                            and "\t" not in raw and (lineno == last or not lines[lineno - first_line + 1])):
                    if empty_item:
                        blocks.empty_item = empty_item = False
                    items.clear()
                    if blocks.cur is not None:
                        blocks.close()
                    if m is not None:
                        blocks.fence = (first, len(m.group(1)), 0)
                        simple = False
                    elif first == ">":
                        add(("para", lineno, md_trim(raw[2:]), 0))
                    elif "-->" not in raw:  # else the comment ends on the line it starts on
                        blocks.html = (_COMMENT_END, False, 0)
                        simple = False
                    continue
            else:
                fence = blocks.fence
                if fence is not None and not fence[2]:
                    if raw[:1] not in (fence[0], " ", "\t"):
                        continue  # inside a fence at column 0: only its marker (or indentation) can end it
                    if raw[:1] == fence[0]:  # what `feed` reads of a line at column 0 in such a fence
                        m = FENCE.match(raw)
                        if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] \
                                and not m.group(2).strip(" \t"):
                            blocks.fence = None
                            simple = blocks.html is None and blocks.quote is None
                        continue
            blocks.feed(raw, lineno)
            simple = blocks.fence is None and blocks.html is None and blocks.quote is None
            empty_item = blocks.empty_item
        return blocks.finish()
    except Bail:
        return None
