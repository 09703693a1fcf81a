"""A parsed note straight to the parts the notes cache keeps of its facts: what
`cacheform.split` makes of `facts.compact`'s note, in one pass and without that note. Pure.

A parse worker hands its parent a chunk of the cache, never a note: the facts' `Note` that
`compact` made (a copy of every link, item and heading; each item's links found again by their
ids) was only copied once more into plain tuples by `split` and `plain` (a second copy, two more
id-dicts a note). Here each link of the note becomes its plain tuple once, an item keeps its
links' targets (`ListItem.links`), and a `Link` is made only where `compact` makes one (a link
whose heading or field text is another object than the batch's).

The parts are those of `split(compact(note, keep, daily), daily, headings)`: equal, of the same
types, sharing what they share (tests/test_cacheparts.py compares them, and their bytes).
"""

from __future__ import annotations

import datetime as dt
from itertools import compress
from operator import itemgetter
from typing import Any

from vaultkit.disk.cacheform import _field_links as field_links
from vaultkit.reader.facts import EMPTY_IDS, Interner, kept_extra, kept_items, wanted
from vaultkit.reader.itemtext import apart
from vaultkit.reader.model import Heading, Link, Note

_plain = itemgetter(slice(None))  # a record's plain tuple (`cacheform.plain`)
_longer = (2).__lt__  # more than a bare link's (target, line)
_date = dt.date
Parts = tuple[tuple[Any, ...], tuple[Any, ...] | None, tuple[Any, ...] | None, tuple[str, ...] | None]


def parts_of(note: Note, keep: Interner, daily: bool, headings: dict[Heading, tuple[Any, ...]]) -> Parts:
    """`note` as parsed (`daily`: a daily note) in the four parts of `cacheform.split`: what
    planning reads, what only a prep note reads besides (or None), the rest (or None), its contacts'
    texts (or None: `itemtext.apart`). Repeated
    values are shared via `keep` as `facts.compact` shares them; `headings`: as for `split`."""
    links = note.links
    n = len(links)
    kind = note.kind
    enc: list[Any] = list(map(_plain, links))
    made: dict[int, Link] = {}  # by place: the link `compact` holds there where not the parsed one
    if n:
        interned = keep.link
        for j in compress(range(n), map(_longer, map(len, links))):  # a bare link's target is shared already
            new = interned(links[j])
            if new is not links[j]:
                made[j] = new
                enc[j] = new[:]
    kept: list[Any] = kept_items(note.items, kind, daily) if note.items else []
    items: list[tuple[Any, ...]] = []  # the items `compact` keeps, as plain tuples
    one, known, many = keep.one, keep.known, keep.many
    # An item's tags and links' targets shared as `keep.many` shares them (the equal tuple seen
    # before, else this one's values shared, itself kept), in C calls: no Python call for either.
    for item in kept:
        tags, targets, pairs = item[3], item[4], item[5]
        items.append((item[0], item[1], one(item[2], item[2]),
                      tags and (known(tags) or one(tags, tuple(map(one, tags, tags)))),
                      targets and (known(targets) or one(targets, tuple(map(one, targets, targets)))),
                      pairs and (known(pairs) or many(tuple([(one(a, a), one(b, b)) for a, b in pairs]))),
                      one(item[6], item[6])))
    extra = kept_extra(note, keep)
    kind = one(kind, kind)
    aliases, tags = note.aliases and (known(note.aliases) or many(note.aliases)), \
        note.tags and (known(note.tags) or many(note.tags))
    fields: dict[str, Any] = {}
    value = keep.value
    for name, v in note.fields.items():  # `Interner.value`, a string's or a date's without a Python call
        fields[one(name, name)] = one(v, v) if type(v) is str or type(v) is _date else value(v)
    values: list[Any] = [note.path, note.title, kind, aliases, tags, fields, extra, (), (),
                         note.block_ids or EMPTY_IDS, (), note.body_line, note.diagnostics, note.fields_unreadable,
                         note.exact, note.queries, ""]
    heads = tuple([headings.get(h) or headings.setdefault(h, (h[0], one(h[1], h[1]), h[2])) for h in note.headings])
    # What planning reads (`facts.planned_parts`): a daily note's body links outside its items, a
    # person's headings where it dates an item, an event's items another view reads besides its prep.
    planned, texts = apart(items, kind) if kind != "event" else \
        ([ours for ours, item in zip(items, kept, strict=True) if item[3] or wanted(item, None, daily)], None)
    dated = kind == "person" and any(item[2] for item in items)
    pick: list[int] = []
    if daily and n:
        lines = {item[0] for item in items if item[4]}
        pick = [j for j, link in enumerate(links) if (len(link) < 7 or link[6] is None) and link[1] not in lines]
    # The places of its fields' links (and which field link each is), where `compact` keeps the
    # parsed link (the field holds that very object; elsewhere two equal ones).
    own: list[tuple[int, int]] = []
    if fields and n:
        hint = 0
        for k, link in enumerate(field_links(fields)):
            j = _at(links, link, hint)
            if j >= 0:
                hint = j + 1
                if j not in made:
                    own.append((j, k))
    plan = list(map(enc.__getitem__, pick))
    kept_at: list[int] = []  # where planning holds a link its fields hold: a `Link` (`cacheform.plain`)
    if fields and pick:
        held = [made.get(j) or links[j] for j in pick]
        for link in field_links(fields):
            try:  # as `cacheform.plain` finds it: the first equal one, else this very object
                at = held.index(link)
            except ValueError:
                continue
            if held[at] is not link:
                at = next((i for i, other in enumerate(held) if other is link), at)
                if held[at] is not link:
                    continue
            plan[at] = held[at]
            kept_at.append(at)
    values[7] = tuple(plan)
    values[8] = heads if dated else ()
    values[10] = tuple(planned)
    values.append(tuple(kept_at))
    rest: tuple[Any, ...] | None = None
    if len(pick) != n or (heads and not dated):
        left: tuple[Any, ...] | None = None
        if len(pick) != n:
            if own:
                enc = enc[:]
                for j, _ in own:
                    enc[j] = ()
            left = tuple(enc)
        rest = (left, tuple(own) if left is not None else (), heads)
    prep = None
    if len(planned) != len(items) or note.about:
        prep = (None if len(planned) == len(items) else tuple(items), note.about)
    return tuple(values), prep, rest, texts


def _at(links: tuple[Link, ...], link: Link, start: int) -> int:
    """The place of `link`, this very object, among `links`: looked for from `start` on, then
    before it; -1 where it is none of them."""
    if start < len(links) and links[start] is link:
        return start
    for low, high in ((start, len(links)), (0, start)):
        j = low
        while j < high:
            try:
                j = links.index(link, j, high)  # the first equal one, as a rule this very one
            except ValueError:
                break
            if links[j] is link:
                return j
            j += 1
    return -1
