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

from vaultkit.reader.blocks import Blocks
from vaultkit.reader.blocksyntax import ATX, LIST, Bail, Block, Segment, md_trim

__all__ = ["Block", "Segment", "md_trim", "segments_scan"]


# A line starting with none of these starts no block: with nothing open but a paragraph or an
# item's text, it continues that text or opens a paragraph (what `Blocks.read` decides for it).
_BLOCK_START = frozenset(" \t>-+*0123456789#<`~=_")
_MARKERS = frozenset("-+*")
_BLANKS = (" ", "\t")
_HEADING_END = frozenset("# \t")


def segments_scan(body: str, first_line: int) -> list[Block] | None:
    """Read blocks with a line scanner; None when the note needs the exact reader."""
    blocks = Blocks(0)
    special = _BLOCK_START
    items, add = blocks.items, blocks.segments.append  # the same list objects for the whole note
    # Only `feed` opens a fence, an HTML block or a quote, or leaves an empty item open: the
    # state the lines below look at is read again after it, not on every line.
    simple, empty_item = True, False
    try:
        for lineno, raw in enumerate(body.split("\n"), first_line):
            # Most lines of a note are text, a blank line or a bullet item of text, outside any
            # fence, HTML block or quote: those are decided here, as `read` would, without it.
            if simple:
                if not raw:
                    if empty_item:
                        blocks.empty_item = empty_item = False
                        items.pop()  # an item may start with one blank line only
                    cur = blocks.cur
                    if cur is not None:  # `blocks.close()`, without the call
                        lines = blocks.cur_lines
                        add((cur[0], cur[1], md_trim(lines[0] if len(lines) == 1 else "\n".join(lines)), cur[2]))
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
                        lines = blocks.cur_lines
                        add((cur[0], cur[1], md_trim(lines[0] if len(lines) == 1 else "\n".join(lines)), cur[2]))
                    items.append(2)
                    blocks.cur, blocks.cur_lines, blocks.cur_blk = ("item", lineno, 0), [raw[2:]], 2
                    continue
            else:
                fence = blocks.fence
                if fence is not None and not fence[2] and raw[:1] not in (fence[0], " ", "\t"):
                    continue  # inside a fence at column 0: only its marker (or indentation) can end it
            blocks.feed(raw, lineno)
            simple = blocks.fence is None and blocks.html is None and blocks.quote is None
            empty_item = blocks.empty_item
        return blocks.finish()
    except Bail:
        return None
