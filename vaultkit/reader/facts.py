"""What planning needs of a note: its facts, a `Note` without what no view, diagnostic or
check reads. Pure.

A build, `check` and `watch` keep every note of the vault in memory while they plan, so
what a note holds decides the peak memory of a big vault. A parsed note keeps every list
item; but only a few feed a view (`wanted`: brag and challenge entries, interactions, an
event's items), the rest only their links, which the note keeps. Of the frontmatter keys no
kind knows (`extra`), only `date` is read (an entry's date). The rest is dropped here, so the cache and the planner hold
facts, never the parsed note as a whole (`load_vault` still returns whole notes).

Equal values a vault repeats (tags, link targets, field names and values, dates, heading
texts) are made one object within a batch of notes (`Interner`): pickled together, each
is written once, and unpickled, held once.
"""

from __future__ import annotations

import datetime as dt
import sys
from operator import itemgetter
from typing import Any

from vaultkit.reader.model import Heading, Link, ListItem, Note

EMPTY_IDS: frozenset[str] = frozenset()  # one for the notes with no block id
_new = tuple.__new__
_intern = sys.intern
# One empty `extra` for the notes with none left (most: 4 in 5 at 50k, 64 bytes each). Facts
# are read, never changed, so sharing it is safe.
_NO_EXTRA: dict[str, Any] = {}


class Interner:
    """One object for each equal value seen: strings, dates, tags tuples, links' parts."""

    __slots__ = ("_headings", "_seen", "known", "one")

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}
        self._headings: dict[Heading, Heading] = {}  # apart: a Heading is equal to a plain tuple
        # The table's own methods, for a caller that shares values by the million (C calls, not
        # Python ones): `one(v, v)` is `self(v)` (None too), `known(v)` the value shared for `v` or None.
        self.one = self._seen.setdefault
        self.known = self._seen.get

    def __call__(self, value: Any) -> Any:
        """`value` (a string, a date or None), or the equal one seen before it."""
        if value is None:
            return None
        return self._seen.setdefault(value, value)

    def many(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """A tuple of interned values, itself interned (a note's tags, an item's tags, an item's
        inline fields: long list items repeat the same `key:: value` pairs)."""
        if not values:
            return ()
        seen = self._seen
        shared: tuple[Any, ...] = seen.setdefault(values, tuple([seen.setdefault(v, v) for v in values]))
        return shared

    def link(self, link: Link) -> Link:
        """The same link, its target, heading and field shared with equal ones (the link
        itself when they already are: no new tuple)."""
        size = len(link)
        if size == 2:  # a bare `[[name]]`: its target is shared already (`Link`)
            return link
        # By position, not by the properties' names (a long-item note holds ~50 links): target 0,
        # heading 2, field 6 (a `Link` leaves its trailing defaults off: `model.link_of`).
        seen = self._seen
        old = link[0]
        target = seen.get(old)
        if target is None:
            target = seen.setdefault(old, _intern(old))
        heading = link[2]
        if heading is not None:
            heading = seen.setdefault(heading, heading)
        field = link[6] if size > 6 else None
        if field is not None:
            field = seen.setdefault(field, field)
        if target is old and heading is link[2] and (size <= 6 or field is link[6]):
            return link
        values = list(link)
        values[0], values[2] = target, heading
        if size > 6:
            values[6] = field
        return _new(Link, tuple(values))  # type: ignore[no-any-return]

    def heading(self, heading: Heading) -> Heading:
        """The equal heading seen before, else this one with its text shared. Notes made from
        one template repeat their headings at the same lines (`## Log` on line 17): held once,
        pickled once a chunk (half a vault's headings at 10k)."""
        shared = self._headings.get(heading)
        if shared is None:
            text = self._seen.setdefault(heading.text, heading.text)
            shared = self._headings[heading] = heading if text is heading.text else \
                Heading(heading.level, text, heading.line)
        return shared

    def value(self, value: Any) -> Any:
        """A field value with its strings, dates and links shared; anything else as it is.

        Only exact strings and dates are shared: 1, 1.0 and True are equal keys, and a
        field's value must keep its own type.
        """
        kind = type(value)
        if kind is str or kind is dt.date:
            return self._seen.setdefault(value, value)
        if kind is Link:
            return self.link(value)
        if kind is tuple:
            return tuple([self.value(v) for v in value])
        return value


# The tags that make a list item an entry of its own (`career.note_entries`).
ENTRY_TAGS = ("brag", "challenge")


def entry_tag(tags: tuple[str, ...], kind: str) -> str | None:
    """Is an item with `tags` an entry of `kind`? None when not; else the theme its tag nests
    ("visibility" for `#brag/visibility`), "" for the plain tag. Obsidian's tags ignore case:
    `#Brag` is `#brag`."""
    found: str | None = None
    for tag in tags:
        if tag[:len(kind)].casefold() != kind:
            continue
        if len(tag) == len(kind):
            found = found or ""
        elif tag[len(kind)] == "/" and tag[len(kind) + 1:].strip("/"):
            return tag[len(kind) + 1:].strip("/")  # the first nested tag names the theme
    return found


def wanted(item: ListItem, kind: str | None, daily: bool) -> bool:
    """Does any view read this list item of a note of `kind` (`daily`: a daily note)?

    An event's items are all shown (a prep's notes of last time); elsewhere an item counts
    as a brag or challenge entry (`#brag`, `#challenge`), or as an interaction
    (`career.note_interactions`): a person's dated item, or an item linking someone on a
    date (its own, or its daily note's). Any other item's links are in the note's links.
    """
    # The cheap tests first (a parse worker asks for every item of every note), by position:
    # date 2, tags 3, links 4.
    if kind == "event" or (item[2] is not None and (kind == "person" or item[4])) or (daily and item[4]):
        return True
    tags = item[3]
    # Only B, b, C and c casefold to a text starting with "b" or "c": a tag that starts with none
    # of them is no entry's, and most tags are not.
    return bool(tags) and any(tag[:1] in _ENTRY_FIRST for tag in tags) and \
        any(entry_tag(tags, k) is not None for k in ENTRY_TAGS)


_ENTRY_FIRST = frozenset("bBcC")  # the first letters of ENTRY_TAGS' tags, in either case
# An item none of whose tags starts as an entry's tag does (most tagged items) is no entry: told
# in C calls, without `wanted`'s Python call (its own first test after the cheap ones).
_first = itemgetter(slice(0, 1))
_NO_ENTRY = _ENTRY_FIRST.isdisjoint


def kept_items(items: tuple[ListItem, ...], kind: str | None, daily: bool) -> list[ListItem]:
    """The `items` of a note of `kind` that some view reads (`wanted`), in order. `wanted`'s
    cheap tests are asked here first: a parse worker asks this of every note, and the call
    is most of what an item not kept costs."""
    if kind == "event":
        return list(items)
    person = kind == "person"
    return [item for item in items if (item[2] is not None and (person or item[4])) or (daily and item[4])
            or (item[3] and not _NO_ENTRY(map(_first, item[3])) and wanted(item, kind, daily))]


# Frontmatter keys no kind declares that views read all the same: an entry's `date:` in a plain
# note, a person's `asks` (1-1 notes) until a kind declares it, a win's `situation`/`problem` (its story).
EXTRA_READ = ("date", "asks", "situation", "problem")
# Kept for one kind only (a vault may put `created:` on every note): a goal's `created`, its start
# where it has no `start` field (`vaultkit.views.derived.habits.goal_start`).
EXTRA_READ_BY_KIND = {"goal": ("created",)}


def compact(note: Note, keep: Interner, daily: bool) -> Note:
    """The facts of a parsed note (`daily`: a daily note): what planning reads of it, repeated
    values shared via `keep`."""
    shared = keep.link
    links = [link if len(link) == 2 else shared(link) for link in note.links]  # a bare link is shared already
    kept = kept_items(note.items, note.kind, daily)
    items: tuple[ListItem, ...] = ()
    if kept:
        many = keep.many
        items = tuple([_new(ListItem, (item[0], item[1], keep(item[2]), many(item[3]), many(item[4]),
                                       many(tuple([(keep(k), keep(v)) for k, v in item[5]])), keep(item[6])))
                       for item in kept])
    extra = kept_extra(note, keep)
    return Note(
        path=note.path, title=note.title, kind=keep(note.kind), aliases=keep.many(note.aliases),
        tags=keep.many(note.tags), fields={keep(k): keep.value(v) for k, v in note.fields.items()},
        extra=extra, links=tuple(links),
        headings=tuple([keep.heading(h) for h in note.headings]),
        block_ids=note.block_ids or EMPTY_IDS, items=items, body_line=note.body_line,
        diagnostics=note.diagnostics, fields_unreadable=note.fields_unreadable, exact=note.exact,
        queries=note.queries, about=note.about)


def kept_extra(note: Note, keep: Interner) -> dict[str, Any]:
    """What planning reads of a note's frontmatter keys no kind knows (`EXTRA_READ`), shared via `keep`."""
    if not note.extra:
        return _NO_EXTRA
    extra = {k: keep.value(note.extra[k]) for k in EXTRA_READ + EXTRA_READ_BY_KIND.get(note.kind or "", ())
             if k in note.extra}
    return extra or _NO_EXTRA


# The parts of a note's facts that a build's parent can plan without (`planned_parts`), as bits:
# what only a prep note reads (an event's other items, `about`), and what no view reads at all
# (body links, headings). The notes cache keeps each part of a note apart (`vaultkit.disk.cacheform`).
PREP = 1
REST = 2
TEXT = 8  # contacts' texts (`vaultkit.reader.itemtext`; 4 is `cacheform.HEADINGS`)


def planned_parts(note: Note, daily: bool) -> tuple[tuple[Link, ...], tuple[Heading, ...], tuple[ListItem, ...]]:
    """What the built-in views read of a note's facts (`daily`: a daily note), once the link
    diagnostics are worked out elsewhere (`vaultkit.disk.hintwork`): its links (a daily note's
    body links outside its items are its contacts, kept: `career.note_interactions`; an item's
    are its item's targets, a field's its field's), its headings (a person's place its dated
    items under "Interactions": kept where it has one), and, without prep notes to plan, its
    items (an event's all are kept for a prep, `wanted`: here only those another view reads).
    Without prep notes, its own text (`about`) is read by none either."""
    links: tuple[Link, ...] = ()
    if daily and note.links:
        # A long-items vault's daily notes hold ~50 links, nearly all in their items.
        lines = {item[0] for item in note.items if item[4]}
        links = tuple([link for link in note.links if (len(link) < 7 or link[6] is None) and link[1] not in lines])
    headings = note.headings if note.kind == "person" and any(item.date for item in note.items) else ()
    items = note.items
    if note.kind == "event":
        items = tuple([item for item in items if item.tags or wanted(item, None, daily)])
    return links, headings, items


def owing(note: Note, daily: bool) -> int:
    """Which parts (`PREP`, `REST`, `TEXT`) `planned_parts` leaves something of `note` out of (0: none)."""
    from vaultkit.reader.itemtext import apart  # (here: it reads this module's entry tags)

    links, headings, items = planned_parts(note, daily)
    return ((PREP if len(items) != len(note.items) or note.about else 0)
            | (REST if len(links) != len(note.links) or len(headings) != len(note.headings) else 0)
            | (TEXT if apart(items, note.kind)[1] is not None else 0))


def unplanned(note: Note, daily: bool, preps: bool) -> int:
    """Let go of what no built-in view reads of a note's facts (`planned_parts`; with prep notes
    to plan, `preps`, what they read is kept). Changes `note` in place; returns the parts it
    let go of something of (0: nothing). The notes cache still holds them all
    (`vaultkit.disk.takeback`)."""
    links, headings, items = planned_parts(note, daily)
    gone = REST if len(links) != len(note.links) or len(headings) != len(note.headings) else 0
    if gone:
        note.links, note.headings = links, headings
    if not preps and (len(items) != len(note.items) or note.about):
        note.items, note.about = items, ""
        gone |= PREP
    return gone
