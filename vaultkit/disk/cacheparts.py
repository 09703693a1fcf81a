"""A parsed note straight to the parts the notes cache keeps of its facts: what
`cacheform.split` makes of `facts.compact`'s note, in one pass and without that note. Pure.

A parse worker hands its parent a chunk of the cache, never a note: the facts' `Note` that
`compact` made (a copy of every link, item and heading; each item's links found again by their
ids) was only copied once more into plain tuples by `split` and `plain` (a second copy, two more
id-dicts a note). Here each link of the note becomes its plain tuple once, an item's links are
known by their place among the note's (found in order, as they were parsed: no id taken, no dict
made), and a `Link` is made only where `compact` makes one (a link whose heading or field text is
another object than the batch's).

The parts are those of `split(compact(note, keep, daily), daily, headings)`: equal, of the same
types, sharing what they share (tests/test_cacheparts.py compares them, and their bytes).
"""

from __future__ import annotations

import datetime as dt
from itertools import chain, compress
from operator import itemgetter
from typing import Any

from vaultkit.disk.cacheform import _field_links as field_links
from vaultkit.reader.facts import EMPTY_IDS, Interner, kept_extra, wanted
from vaultkit.reader.model import Heading, Link, Note

_plain = itemgetter(slice(None))  # a record's plain tuple (`cacheform.plain`)
_longer = (2).__lt__  # more than a bare link's (target, line)
Parts = tuple[tuple[Any, ...], tuple[Any, ...] | None, tuple[Any, ...] | None]


def parts_of(note: Note, keep: Interner, daily: bool, headings: dict[Heading, tuple[Any, ...]]) -> Parts:
    """`note` as parsed (`daily`: a daily note) in the three parts of `cacheform.split`: what
    planning reads, what only a prep note reads besides (or None), the rest (or None). Repeated
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
    # The links of items that are none of the note's (as `compact` shares them), each known by
    # its place after the note's: `n` + its index here.
    strays: list[Link] = []
    kept = [item for item in note.items if wanted(item, kind, daily)] if note.items else []
    items: list[tuple[Any, ...]] = []  # the items `compact` keeps, each link known by its place
    one, known, many = keep.one, keep.known, keep.many
    hint = 0  # where the next item's first link is likely to be among the note's
    for item in kept:
        date, tags = one(item[2], item[2]), item[3] and (known(item[3]) or many(item[3]))
        refs: tuple[int, ...] = ()
        if item[4]:  # its links are the note's, in the same order: each looked for after the last
            found = []
            for link in item[4]:
                j = hint if hint < n and links[hint] is link else _at(links, link, hint)
                if j < 0:
                    j = _stray(keep, strays, n, link)
                else:
                    hint = j + 1
                found.append(j)
            refs = tuple(found)
        pairs = item[5]
        items.append((item[0], item[1], date, tags, refs,
                      pairs and (known(pairs) or many(tuple([(one(a, a), one(b, b)) for a, b in pairs]))),
                      one(item[6], item[6])))
    extra = kept_extra(note, keep)
    kind = one(kind, kind)
    aliases, tags = note.aliases and (known(note.aliases) or many(note.aliases)), \
        note.tags and (known(note.tags) or many(note.tags))
    fields: dict[str, Any] = {}
    value = keep.value
    for name, v in note.fields.items():  # `Interner.value`, a string's or a date's without a Python call
        fields[one(name, name)] = one(v, v) if type(v) is str or type(v) is dt.date else value(v)
    values: list[Any] = [note.path, note.title, kind, aliases, tags, fields, extra, (), (),
                         note.block_ids or EMPTY_IDS, (), note.body_line, note.diagnostics, note.fields_unreadable,
                         note.exact, note.queries, ""]
    heads = tuple([headings.get(h) or headings.setdefault(h, (h[0], one(h[1], h[1]), h[2])) for h in note.headings])
    # What planning reads (`facts.planned_parts`): a daily note's links, a person's headings where
    # it dates an item, an event's items another view reads besides its prep.
    planned = items if kind != "event" else [ours for ours, item in zip(items, kept, strict=True)
                                             if item[3] or wanted(item, None, daily)]
    dated = kind == "person" and any(item[2] for item in items)
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
    rest: tuple[Any, ...] | None = None
    kept_at: list[int] = []  # where planning holds a link its fields hold: a `Link` (`cacheform.plain`)
    if daily or not n:  # every link planned (or none to plan): the plain ones of the note
        for j, _ in own:
            enc[j] = links[j]  # the field's `Link`: pickled once for both
            kept_at.append(j)
        values[7] = tuple(enc)
        plan = enc + strays if strays else enc  # a stray link is held as its `Link` there
        if planned:
            values[10] = tuple([(*item[:4], tuple(map(plan.__getitem__, item[4])), *item[5:]) for item in planned])
        if heads and not dated:
            rest = (None, (), (), heads)
    else:  # the links its planned items hold, each once in the order first met; all in the rest
        every = enc + [link[:] for link in strays] if strays else enc
        order = dict.fromkeys(chain.from_iterable([item[4] for item in planned]))
        plan = list(map(every.__getitem__, order))
        at = dict(zip(order, range(len(order)), strict=True))
        for j, _ in own:
            if j in at:
                plan[at[j]] = links[j]
                kept_at.append(at[j])
        values[7] = tuple(plan)
        if planned:
            get = at.__getitem__
            values[10] = tuple([(*item[:4], tuple(map(plan.__getitem__, map(get, item[4]))), *item[5:])
                                for item in planned])
        shared = tuple([(j, k) for j, k in at.items() if j < n]) if len(planned) == len(items) else ()
        if own or shared:
            enc = enc[:]
            for j, _ in own:
                enc[j] = ()
            for j, _ in shared:
                enc[j] = ()
        rest = (tuple(enc), tuple(own), shared, heads)
    values[8] = heads if dated else ()
    values.append(tuple(kept_at))
    values.append(daily or not n)
    prep = None
    if len(planned) != len(items) or note.about:
        prep = (None if len(planned) == len(items) else
                tuple([(*item[:4], tuple([_made(j, links, made, strays)[:] for j in item[4]]), *item[5:])
                       for item in items]), note.about)
    return tuple(values), prep, rest


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


def _stray(keep: Interner, strays: list[Link], n: int, link: Link) -> int:
    """The place of an item's link that is none of its note's (`n` and after), as `compact`
    shares it: one place for one object."""
    shared = keep.link(link)
    for i, other in enumerate(strays):
        if other is shared:
            return n + i
    strays.append(shared)
    return n + len(strays) - 1


def _made(j: int, links: tuple[Link, ...], made: dict[int, Link], strays: list[Link]) -> Link:
    """The link `compact` holds at place `j` (`parts_of`)."""
    n = len(links)
    return strays[j - n] if j >= n else made.get(j) or links[j]
