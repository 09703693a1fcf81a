"""Note bodies: headings, wikilinks, tags, block ids and list items, code-aware.

Two block readers produce the same thing, a list of `Segment`s (the inline text of
one paragraph, heading or list item, with the line it starts on):

* `markdown-it-py`, restricted to the block rules we need plus its `backticks` and
  `html_inline` inline rules and our own `[[wikilink]]` rule (`vaultkit.reader.exact_reader`).
  It is the reference: exact CommonMark.
* the line scanner in `vaultkit.reader.blockscan`, for the shapes of real notes (fences, headings,
  lists, paragraphs, HTML blocks, quotes and callouts with anything inside), several times
  faster. It gives up (returns None) on what it cannot decide exactly — indented code, a
  list item opening on a quote without plain text — and then markdown-it-py reads the note
  (`BodyScan.exact`).

Neither reader has a table, footnote or math rule: their text is read as text (a `[[link]]`
inside `$$` math is still a link; LaTeX writes `\\#`, which is never a tag).

A differential hypothesis test holds the two to the same answers.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from dataclasses import field as _field
from operator import itemgetter

from vaultkit.reader import inlinefields, linksyntax
from vaultkit.reader.blockscan import Block, Segment, md_trim, segments_scan
from vaultkit.reader.inlinefields import BARE_FIELD as _BARE_FIELD  # noqa: F401  (read by tests)
from vaultkit.reader.inlinefields import BRACKET_FIELD as _BRACKET_FIELD  # noqa: F401
from vaultkit.reader.inlinefields import bracket_start as bracket_start  # re-exported: tests, edits.capture
from vaultkit.reader.inlinefields import inline_fields as inline_fields
from vaultkit.reader.inlinemask import WIKILINK as _WIKILINK
from vaultkit.reader.inlinemask import mask_code
from vaultkit.reader.linksyntax import MD_LINK, body_links, known_head, link_head, markdown_link, new_link, parse_link
from vaultkit.reader.model import Heading, Link, ListItem
from vaultkit.reader.queryregions import MARK, Problem, Spot, blank

_CACHE_MAX = 1 << 16  # entries in each per-process cache below; cleared when full

# --- inline pieces shared by both readers -------------------------------------------

# The same links where no `![[` is written (most text): a pattern that opens with the literal
# `[[` is searched for as a string, where `!?` first makes the engine try every position.
# Greedy and lazy read the same inside, which holds no `]`.
_WIKILINK_PLAIN = re.compile(r"\[\[([^\[\]\n`]+)\]\]")
# `#` first, then what stands before it: the regex engine jumps from `#` to `#`, rather than
# trying the look-behind at every character of the text.
_TAG = re.compile(r"#(?<![^\s\[,;]#)([\w/-]+)")
# Where a `#` inside a link (its insides joined by `[`) stands where `_TAG` would read a tag.
_TAG_IN_LINK = re.compile(r"#(?<![^\s\[,;]#)")  # `#` first: the engine jumps from `#` to `#` (see `_TAG`)
_BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)[ \t]*$", re.M)
_ITEM_DATE = re.compile(r"^(?:\[[ xX]\]\s+)?([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9-])")
_DIGITS = frozenset("0123456789")


def _find_links(masked: str, line: int) -> list[Link]:
    if "\n" not in masked and "![[" not in masked:  # one line (most items), no embed
        return body_links(_WIKILINK_PLAIN.findall(masked), line)
    links: list[Link] = []
    if "![[" not in masked:  # no embed: line by line (no link spans two)
        for at, text in enumerate(masked.split("\n"), line):
            if "[[" in text:
                links += body_links(_WIKILINK_PLAIN.findall(text), at)
        return links
    if "\n" not in masked:  # one line: no line to count
        for m in _WIKILINK.finditer(masked):
            link = parse_link(m.group(2), line, embed=m.group(1) is not None)
            if link is not None:
                links.append(link)
        return links
    pos = 0  # newlines are counted from the previous link on, never from the start again
    for m in _WIKILINK.finditer(masked):
        line += masked.count("\n", pos, m.start())
        pos = m.start()
        link = parse_link(m.group(2), line, embed=m.group(1) is not None)
        if link is not None:
            links.append(link)
    return links


def _markdown_links(masked: str, line: int) -> tuple[list[Link], str]:
    """The Markdown links of masked text, and the text with their destinations blanked (a
    `#` in a destination is no tag)."""
    text = _WIKILINK.sub(lambda m: " " * len(m.group()), masked) if "[[" in masked else masked
    links: list[Link] = []
    pieces: list[str] = []
    pos = done = 0
    for m in MD_LINK.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        link = markdown_link(m.group(2), m.group(3), line, embed=m.group(1) is not None)
        if link is not None:
            links.append(link)
        pieces.append(masked[done:m.start(3)])
        pieces.append(" ")
        done = m.end(3)
    if not pieces:
        return links, masked
    pieces.append(masked[done:])
    return links, "".join(pieces)


def tags_in(text: str) -> list[str]:
    """Obsidian tags in already-masked text: `#word`, not all digits, not inside links."""
    if "[[" in text:  # an embed's `!` left before the blank is never right before a `#`
        text = _WIKILINK_PLAIN.sub(" ", text)
    return _tags(text)


def _tags(text: str) -> list[str]:
    """The tags of masked text whose links are blanked (or read alike without it: `_read_scanned`)."""
    return list(filter(None, map(_tag_of, _TAG.findall(text))))  # "": all digits, no tag


class _Tags(dict[str, str]):
    """A `#tag` as found → as read: interned, or "" when it is all digits (no tag). A vault
    writes the same few tags over and over: each is read once per process. Bounded."""

    __slots__ = ()

    def __missing__(self, found: str) -> str:
        read = "" if found.replace("/", "").replace("-", "").isdigit() else sys.intern(found)
        if len(self) >= _CACHE_MAX:
            self.clear()
        self[found] = read
        return read


_TAGS = _Tags()
_tag_of = _TAGS.__getitem__
# What a list item keeps of its links: their targets (the links themselves are the note's).
_targets = itemgetter(0)


# --- from segments to what a note holds ----------------------------------------------


@dataclass(slots=True)
class BodyScan:
    """What the body of a note holds."""

    links: list[Link]
    headings: list[Heading]
    block_ids: set[str]
    tags: list[str]
    items: list[ListItem]
    fields: list[tuple[str, str, int]]  # a paragraph's inline fields (empty unless `scan_body(para_fields=True)`)
    exact: bool
    queries: list[Spot] = _field(default_factory=list)  # query regions: their text is blanked, not read
    query_problems: list[Problem] = _field(default_factory=list)  # their markers that do not pair up
    paras: list[tuple[int, str]] = _field(default_factory=list)  # paragraphs: (line, text), for `reader.about`


def scan_body(body: str, first_line: int = 1, exact: bool = False, para_fields: bool = True) -> BodyScan:
    """Read a note body (text after frontmatter, LF line endings); never raises on text.

    The text inside query regions is vaultkit's, not the note's: it is blanked (line breaks
    kept) before either block reader sees the body, so both read nothing there.
    `para_fields`: read the inline fields of paragraphs too (`BodyScan.fields`), not only
    those of list items; a note's record keeps only the items' (SPEC §2: inline entries), so
    `parse_note` asks for none (~6 fields a note on long-item notes, a third of them in prose)."""
    spots: list[Spot] = []
    problems: list[Problem] = []
    if MARK in body:  # the one cost a note without query regions pays
        body, spots, problems = blank(body, first_line)
    blocks = None if exact else segments_scan(body, first_line)
    out = BodyScan([], [], set(), [], [], [], blocks is None, spots, problems)
    if blocks is None:
        from vaultkit.reader.exact_reader import segments_markdown_it  # loaded only when a note needs it

        _read_segments(segments_markdown_it(body, first_line), out, para_fields=para_fields)
    else:
        _read_scanned(blocks, out, body, para_fields)
    return out


def _read_scanned(blocks: list[Block], out: BodyScan, body: str, para_fields: bool = True) -> None:
    """What the line scanner's blocks hold, into `out`.

    `_read_segments` (which reads markdown-it's segments, and comments) in one loop with no call
    per segment but the regexes a segment's text needs (`body_links` and `_tags` written out in
    it): its tags found without first blanking its links where no link holds a `#` that could
    open a tag or is followed by one. The first segment
    that holds a `<!--` and the rest go to `_read_segments`: a comment may open there and hide
    what follows, blocks later (an HTML block's comment is no segment: it hides nothing else).
    The differential tests (scanner against markdown-it) hold the two loops to the same records."""
    items, paras, all_links, all_tags = out.items, out.paras, out.links, out.tags
    intern, tag_of, head_of, bare_of = sys.intern, _tag_of, known_head, linksyntax.bare_target
    # What the whole body lacks no segment holds (a segment's text is lines of the body, joined
    # by newlines): one search of the body each, not one of each segment that has a link.
    # A character is looked for first where it is rarer than the string that holds it: a search
    # for one character skips through a note's text ~50x faster than one for several.
    html = "<" in body
    code = html or "`" in body
    embeds, md_links = "!" in body and "![[" in body, "(" in body and "](" in body
    carets, comments = "^" in body, html and "<!--" in body
    heading: str | None = None
    rest = iter(blocks)
    for kind, line, text, level in rest:
        if "[" not in text and "#" not in text and "`" not in text and "<" not in text and "^" not in text:
            # Most blocks hold no link, tag, code, HTML or block id: a heading is its text, a
            # paragraph gives nothing, an item only itself (and a date it starts with), unless
            # a field is there.
            if kind == "heading":
                text = intern(text.strip())  # the same few headings (`Notes`, `Plan`) recur in every note
                out.headings.append(new_link(Heading, (level, text, line)))
                heading = text
                continue
            if ":" not in text or (kind != "item" and not para_fields) or "::" not in text:  # (`:` first: see `html`)
                if kind == "item":
                    lead = text.lstrip()
                    dm = _ITEM_DATE.match(lead) if lead[:1] in _DIGITS else None
                    items.append(new_link(ListItem, (line, text.strip(), _iso_date(dm.group(1)) if dm else None,
                                                     (), (), (), heading)))
                else:
                    paras.append((line, text))
                continue
        if comments and "<!--" in text:
            _read_segments([Segment(kind, line, text, level), *(Segment(*block) for block in rest)], out, heading,
                           para_fields)
            return
        masked = mask_code(text) if code and ("`" in text or "<" in text) else text
        inners: list[str] | None = None  # the insides of the links, when read on one line
        hashed = False  # one of `inners` holds a `#` (a bare name holds none)
        if "[[" not in masked:
            links: list[Link] = []
        elif "\n" not in masked and not (embeds and "![[" in masked):
            inners = _WIKILINK_PLAIN.findall(masked)
            links = []
            for inner in inners:  # `body_links`, without the call (a long-item note has a dozen lines of links)
                target = bare_of(inner)
                if target is not None:  # a bare name seen before: most links
                    links.append(new_link(Link, (target, line)))
                    continue
                head = head_of(inner) or link_head(inner)
                if head.__class__ is str:
                    if head:
                        links.append(new_link(Link, (head, line)))
                else:
                    links.append(new_link(Link, (head[0], line, *head[1])))
                    if "#" in inner:
                        hashed = True
        else:
            links = _find_links(masked, line)
        tag_text = masked
        if md_links and "](" in masked:
            found, tag_text = _markdown_links(masked, line)
            links = links + found if links else found
            inners = None
        all_links.extend(links)
        tags: list[str] = []
        if "#" in tag_text:
            # `tags_in` blanks the links first; that changes which tags are read only where a `#`
            # stands right after a link's `]]`, or inside a link where a tag could open (after a
            # blank, `[`, `,` or `;`: `[[#h]]`, `[[a #b]]`; not `[[Note#Heading]]`). The insides
            # joined by `[` (which none holds) put the `[` before each where the text has it; when
            # none holds a `#` (`hashed`: most lines, their links bare names), none is looked at.
            if "[[" not in tag_text or (inners is not None and "]]#" not in tag_text
                                        and (not hashed or _TAG_IN_LINK.search("[".join(inners)) is None)):
                tags = list(filter(None, map(tag_of, _TAG.findall(tag_text))))  # `_tags`, without the call
            else:
                tags = tags_in(tag_text)
            all_tags.extend(tags)
        if carets and "^" in masked:
            out.block_ids.update(_BLOCK_ID.findall(masked))
        if kind == "heading":
            # Interned: the same few headings (`Notes`, `Plan`) recur in every note.
            text = intern(_BLOCK_ID.sub("", text).strip() if "^" in text else text.strip())
            out.headings.append(new_link(Heading, (level, text, line)))
            heading = text
            continue
        if kind == "item":
            # `::` found once, here, not again by `inline_fields` (a two-character search walks
            # the text at a fraction of the speed of a one-character one: see `html` above)
            fields = inline_fields(masked, first) if ":" in masked and (first := masked.find("::")) >= 0 else []
            lead = masked.lstrip()
            c = lead[:1]  # one character: no new string
            # `_ITEM_DATE` opens on a digit, or on `[ ]`/`[x]` (not on a link's `[[`); read in the first 16
            dm = _ITEM_DATE.match(lead[:16]) if c in _DIGITS or (c == "[" and lead[1:2] in " xX") else None
            items.append(new_link(ListItem, (line, text.strip(), _iso_date(dm.group(1)) if dm else None, tuple(tags),
                                             tuple(map(_targets, links)), tuple(fields), heading)))
        else:
            if para_fields and ":" in masked and (first := masked.find("::")) >= 0:
                out.fields.extend((key, value, line) for key, value in inline_fields(masked, first))
            paras.append((line, text))


def _read_segments(segments: list[Segment], out: BodyScan, current_heading: str | None = None,
                   para_fields: bool = True) -> None:
    """What any reader's segments hold, comments opened in one block and closed in another
    included, into `out` (`current_heading`: the heading the first segment stands under;
    `para_fields`: see `scan_body`)."""
    hidden = False  # inside a comment opened in an earlier block and not closed yet
    for seg in segments:
        text = seg.text
        if not hidden and seg.links is None and seg.kind != "heading" and "[" not in text and "#" not in text \
                and "`" not in text and "<" not in text and "^" not in text and "::" not in text:
            # Most paragraphs and items hold no link, tag, code, HTML, block id or field: a
            # paragraph gives nothing, an item only itself (and a date it starts with).
            if seg.kind == "item":
                dm = _ITEM_DATE.match(text.lstrip()) if text.lstrip()[:1] in _DIGITS else None
                out.items.append(new_link(ListItem, (seg.line, text.strip() if seg.raw is None else seg.raw.strip(),
                                                      _iso_date(dm.group(1)) if dm else None, (), (), (),
                                                      current_heading)))
            else:
                out.paras.append((seg.line, text))
            continue
        premasked: str | None = None
        if hidden or "<!--" in seg.text:
            cut, hidden, premasked = _outside_comments(seg, hidden)
            if cut is None:
                continue
            seg = cut
        # Cheap substring tests first: most segments hold no link, tag, field or code.
        text = seg.text
        if seg.links is None:
            masked = premasked if premasked is not None else \
                mask_code(text) if ("`" in text or "<" in text) else text
            links = _find_links(masked, seg.line) if "[[" in masked else []
        else:
            masked, links = text, seg.links
        tag_text = masked
        if "](" in masked:
            found, tag_text = _markdown_links(masked, seg.line)
            links = links + found if links else found
        out.links.extend(links)
        tags = tags_in(tag_text) if "#" in tag_text else []
        out.tags.extend(tags)
        if "^" in masked:
            out.block_ids.update(_BLOCK_ID.findall(masked))
        text = text if seg.raw is None else seg.raw  # item and heading text: as written
        if seg.kind == "heading":
            # Interned: the same few headings (`Notes`, `Plan`) recur in every note.
            text = sys.intern(_BLOCK_ID.sub("", text).strip() if "^" in text else text.strip())
            out.headings.append(Heading(seg.level, text, seg.line))
            current_heading = text
            continue
        fields = inline_fields(masked) if (para_fields or seg.kind == "item") and "::" in masked else []
        if seg.kind == "item":
            first = masked.lstrip()[:16]
            dm = _ITEM_DATE.match(first) if first[:1] in "0123456789[" else None
            date = _iso_date(dm.group(1)) if dm else None
            out.items.append(new_link(ListItem, (seg.line, text.strip(), date, tuple(tags), tuple(map(_targets, links)),
                                                  tuple(fields), current_heading)))
        else:
            out.fields.extend((key, value, seg.line) for key, value in fields)
            out.paras.append((seg.line, text))


def _outside_comments(seg: Segment, hidden: bool) -> tuple[Segment | None, bool, str | None]:
    """A comment opened inside a block and closed blocks later (`text <!--`, a heading, `-->`)
    hides what lies between, as Obsidian reads it, though CommonMark ends it with the block.
    Returns the segment cut to what is outside comments (None when nothing is), whether a
    comment is still open after it, and the segment's masked text when it is not cut (masked
    once, not again by the caller). Both readers give the same masked text, so cut alike."""
    masked = seg.text if seg.links is not None else mask_code(seg.text)
    if not hidden and "<!--" not in masked:
        return seg, False, masked  # every comment in it closes in it: masked already
    kept: list[str] = []
    pos = 0
    while True:
        if hidden:
            end = masked.find("-->", pos)
            if end < 0:
                break
            kept.append("\n" * masked.count("\n", pos, end + 3))  # keep the lines counted
            pos, hidden = end + 3, False
        else:
            start = masked.find("<!--", pos)
            if start < 0:
                kept.append(masked[pos:])
                break
            kept.append(masked[pos:start])
            pos, hidden = start + 4, True
    text = "".join(kept)
    if not text.strip():
        return None, hidden, None
    lead = len(text) - len(text.lstrip("\n"))  # a segment starts on its first line of text
    # markdown-it's text keeps a continuation line's extra indent; its raw text, which an item's
    # text is read from, does not (the line scanner's text never has it). In both, a line that
    # opens on code is masked to blanks there: stripped alike, or the two readers disagree on a
    # heading cut by a comment (`# a` / `` `x` b <!-- c`` / `===`).
    if seg.raw is not None or "\n" in text:
        text = "\n".join(line.lstrip(" \t") for line in text.split("\n"))
    return Segment(seg.kind, seg.line + lead, md_trim(text), seg.level), hidden, None


_DATES: dict[str, dt.date | None] = {}  # an item's date as written → as read, one object a day


def _iso_date(text: str) -> dt.date | None:
    try:
        return _DATES[text]
    except KeyError:
        pass
    try:
        date: dt.date | None = dt.date.fromisoformat(text)
    except ValueError:
        date = None
    if len(_DATES) >= _CACHE_MAX:
        _DATES.clear()
    _DATES[text] = date
    return date


def forget() -> None:
    """Empty this module's caches (a parent process done parsing: see `parse.forget_caches`)."""
    inlinefields.forget()
    _DATES.clear()
    _TAGS.clear()
