"""Link syntax: the inside of a `[[wikilink]]` or a Markdown link's destination → a `Link`. Pure.

Obsidian's reading: `[[note#h1#h2|shown]]` is a heading path and an alias, `[[note#^id]]` a block,
an empty target links the note itself; a Markdown link's destination is URL-decoded after its `#`
is split off, and an external URL (a scheme) or a bare anchor is no note link.
"""

from __future__ import annotations

import re
import sys
from typing import Any
from urllib.parse import unquote

from vaultkit.reader.model import Link, link_of


def parse_link(inner: str, line: int, embed: bool = False, field: str | None = None) -> Link | None:
    """Split the inside of `[[...]]` into target, heading path or block, and alias.

    An empty target links the note itself, as Obsidian's metadata cache records it (`link:
    ""`, which `getFirstLinkpathDest` resolves to the linking note): `[[#Heading]]`, and
    `[[|shown]]`. Only a link with nothing at all to go to (`[[#]]`, `[[ ]]`) is no link.
    """
    parts = link_parts(inner)
    if parts is None:
        return None
    return link_of((parts[0], line, parts[1], parts[2], parts[3], embed, field, False, False))


new_link = tuple.__new__  # a Link from its nine fields, without NamedTuple's keyword handling
# The inside of a `[[...]]` → (target, heading, block, alias), or None: a vault links the same
# few names over and over, so each is split once per process, and every Link to a name shares
# one target string (smaller pickles, fewer objects). Bounded: cleared when full.
_PARTS: dict[str, tuple[str, str | None, str | None, str | None] | None] = {}
_PARTS_MAX = 1 << 16
_UNSEEN = object()


def link_parts(inner: str) -> tuple[str, str | None, str | None, str | None] | None:
    """`parse_link`'s reading of the inside of `[[...]]`: (target, heading, block, alias), or
    None when it links nothing."""
    found = _PARTS.get(inner, _UNSEEN)  # (a miss raising KeyError cost more than splitting a bare name)
    if found is not _UNSEEN:
        return found  # type: ignore[return-value]
    parts: tuple[str, str | None, str | None, str | None] | None
    if "|" not in inner and "#" not in inner:  # a bare name (most links; a `\|` holds a `|` too)
        target = sys.intern(inner.strip())
        parts = (target, None, None, None) if target else None
    else:
        alias: str | None = None
        text = inner
        for sep in ("\\|", "|"):
            if sep in text:
                text, alias = text.split(sep, 1)
                alias = alias.strip()
                break
        target, heading, block = split_subpath(text)
        target = sys.intern(target.strip())
        parts = None if not target and heading is None and block is None and not alias else \
            (target, heading, block, alias)
    if len(_PARTS) >= _PARTS_MAX:
        _PARTS.clear()
    _PARTS[inner] = parts
    return parts


# The inside of a `[[...]]` → what a body link (no embed, no field) holds beside its line: for
# a bare `[[name]]` (most links) its target, kept in `_BARE`; else, kept in `_HEADS`, (target,
# its fields after the line without the trailing defaults), or "" when it links nothing. One
# look-up a link, where `link_parts` and `link_of` were two calls; the `Link` is the one they
# make. A bare name's has a dict of its own so that the loop making a line's links asks one
# question of most (a target, or not seen yet), not two (is it a string, is it empty).
_HEADS: dict[str, str | tuple[str, tuple[str | None, ...]]] = {}
_BARE: dict[str, str] = {}


def link_head(inner: str) -> str | tuple[str, tuple[str | None, ...]]:
    """The body link of the inside of `[[...]]` less its line (see `_HEADS`), remembered."""
    head: str | tuple[str, tuple[str | None, ...]]
    if "|" not in inner and "#" not in inner:  # a bare name: `link_parts`' target, "" when blank
        head = sys.intern(inner.strip())
        kept: dict[str, Any] = _BARE if head else _HEADS
        if len(kept) >= _PARTS_MAX:
            kept.clear()
        kept[inner] = head
        return head
    # `link_parts`' reading, written out: a body link's inside is looked up in `_HEADS`, never
    # in `_PARTS` (most of a vault's are seen once, in its first pass: one cache entry, not two).
    alias: str | None = None
    text = inner
    if "|" in inner:
        text, alias = inner.split("\\|" if "\\|" in inner else "|", 1)
        alias = alias.strip()
    target, heading, block = split_subpath(text)
    target = sys.intern(target.strip())
    if alias is None and block is None:
        # a heading, or nothing: "" when the target is empty too (an empty target with nothing
        # after it links nothing)
        head = target if heading is None else (target, (heading,))
    elif alias is None:
        head = (target, (heading, block))
    else:
        head = (target, (heading, block, alias)) if target or heading is not None or block is not None or alias \
            else ""
    if len(_HEADS) >= _PARTS_MAX:
        _HEADS.clear()
    _HEADS[inner] = head
    return head


# The head of an inside already seen, else None (then `link_head`), and the target of a bare
# name already seen, else None: `_HEADS` and `_BARE` are emptied in place, never replaced, so
# these stay their look-ups.
known_head = _HEADS.get
bare_target = _BARE.get


def body_links(inners: list[str], line: int) -> list[Link]:
    """The links of the insides of `[[...]]` on one `line` of a note's body, none an embed."""
    links: list[Link] = []
    get, bare = known_head, bare_target
    for inner in inners:
        target = bare(inner)
        if target is not None:  # a bare name seen before: most links
            links.append(new_link(Link, (target, line)))
            continue
        head = get(inner) or link_head(inner)
        if head.__class__ is str:
            if head:
                links.append(new_link(Link, (head, line)))
        else:
            links.append(new_link(Link, (head[0], line, *head[1])))
    return links


def forget() -> None:
    """Empty the caches of split links (a parent process done parsing: see `parse.forget_caches`)."""
    _PARTS.clear()
    _HEADS.clear()
    _BARE.clear()


def split_subpath(text: str) -> tuple[str, str | None, str | None]:
    """`note#h1#h2` → (note, "h1#h2", None); `note#^id` → (note, None, "id"). Empty parts
    (`note##h`) are dropped; the heading path is kept whole."""
    if "#" not in text:
        return text, None, None
    target, rest = text.split("#", 1)
    parts = [p.strip() for p in rest.split("#") if p.strip()]
    if parts and parts[-1].startswith("^"):
        return target, None, parts[-1][1:]
    return target, "#".join(parts) or None, None


# A Markdown link or image, on masked text (code and HTML gone, so neither reader's link
# rule is needed): `[text](dest "title")`, `[text](<dest with spaces>)`. The text may hold one
# level of brackets; wikilinks are blanked before this runs, so `[[x]](y)` is never one. Group 1
# is "" for an image (`![`), None for a link: each alternative opens with a literal, which the
# regex engine skips to, where `(!?)` first has it try every position.
MD_LINK = re.compile(
    r"(?:!()\[|\[)((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?:[ \t]*)(<[^<>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def markdown_link(text: str, dest: str, line: int, embed: bool = False) -> Link | None:
    """The note link a Markdown link stands for, or None for an external URL (`https:`,
    `mailto:`, `obsidian:`…) or an anchor in the same note (`#h`). The destination is
    URL-decoded after its `#` is split off, as Obsidian reads `[x](Some%20Note.md#h)`."""
    if dest.startswith("<"):
        dest = dest[1:-1]
    dest = dest.strip()
    if not dest or dest.startswith("#") or _SCHEME.match(dest):
        return None
    target, heading, block = split_subpath(dest)
    target = unquote(target).strip()
    if not target:
        return None
    return Link(target=target, line=line, heading=unquote(heading) if heading else None,
                block=unquote(block) if block else None, alias=text.strip(), embed=embed, markdown=True)
