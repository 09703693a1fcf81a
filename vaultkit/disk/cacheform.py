"""A note's facts as the notes cache pickles them: plain tuples where the records are tuple
subclasses. Pure.

Pickle reduces every object of a class of its own through `__reduce_ex__` (a `Link` cost
~1.2 µs to pickle and ~0.55 µs to unpickle, against ~0.15 µs each for a plain tuple), and a
long-item note holds ~70 links: most of what a parse worker's chunk cost to pickle, and of
what the parent spent unpickling it. So a note's links, list items and headings go into the
pickle as plain tuples (`plain`), and come out as records again (`note_of`), rebuilt by
`tuple.__new__` without a Python call each.

An item's links are the note's own link objects (`vaultkit.reader.facts.compact`), and a
field's link may be one of them too: the plain form keeps that sharing (pickle writes a shared
object once), so the notes rebuilt hold no more objects than the notes pickled.
"""

from __future__ import annotations

import sys
from operator import attrgetter, itemgetter
from typing import Any

from vaultkit.reader.model import Heading, Link, ListItem, Note
from vaultkit.reader.talks import Talk

_SLOTS: tuple[str, ...] = Note.__slots__  # type: ignore[attr-defined]
_values = attrgetter(*_SLOTS)
_LINKS = _SLOTS.index("links")
_HEADINGS = _SLOTS.index("headings")
_ITEMS = _SLOTS.index("items")
_new = tuple.__new__
_intern = sys.intern
_plain = itemgetter(slice(None))  # a record's plain tuple: `record[:]`, as `map` calls it (faster than `tuple`)


def _field_links(fields: dict[str, Any]) -> list[Link]:
    """The links a note's fields hold (a `Link`, a tuple of them, talks' speakers)."""
    found: list[Link] = []
    for value in fields.values():
        kind = type(value)
        if kind is Link:
            found.append(value)
        elif kind is tuple:
            for v in value:
                if type(v) is Link:
                    found.append(v)
                elif type(v) is Talk:
                    found.extend(v.speakers)
    return found


def plain(note: Note, headings: dict[Heading, tuple[Any, ...]]) -> tuple[Any, ...]:
    """`note`'s slot values in order, its links, headings and items as plain tuples, and last
    the positions of the links kept as `Link`s: those a field holds too (the field pickles
    it as one, so it stays one object, written once). `headings`: the plain form of each
    heading seen in the chunk, one for equal ones (a template repeats its headings)."""
    values = list(_values(note))
    links = note.links
    enc: list[Any] = list(map(_plain, links))
    kept: list[int] = []
    if note.fields and links:
        for link in _field_links(note.fields):
            try:  # the first link equal to it: itself, as a rule (field links come first)
                at = links.index(link)
            except ValueError:
                continue
            if links[at] is not link:  # an equal one before it (a field naming the same link twice)
                at = next((i for i, other in enumerate(links) if other is link), at)
            enc[at] = links[at]
            kept.append(at)
    values[_LINKS] = tuple(enc)
    if note.headings:
        values[_HEADINGS] = tuple([headings.get(h) or headings.setdefault(h, h[:]) for h in note.headings])
    if note.items:
        get = dict(zip(map(id, links), enc, strict=True)).get  # `map`s, not comprehensions: no call each
        values[_ITEMS] = tuple([(item[0], item[1], item[2], item[3], tuple(map(get, map(id, item[4]), item[4])),
                                 item[5], item[6]) for item in note.items])
    values.append(tuple(kept))
    return tuple(values)


def note_of(values: tuple[Any, ...], headings: dict[int, Heading]) -> Note:
    """The `Note` of its `plain` form (raises on anything else: the cache's reader refuses it).
    `headings`: the heading made of each plain one of the chunk, by its id (one for equal ones)."""
    enc = values[_LINKS]
    args = list(values[:-1])
    # Targets interned: each chunk is a pickle of its own, and a vault links the same names
    # from chunk to chunk (a `Link` unpickled as one interns its target in `Link.__new__`).
    made = [_new(Link, (_intern(e[0]), e[1]) if len(e) == 2 else (_intern(e[0]), *e[1:])) for e in enc]
    for at in values[-1]:
        made[at] = enc[at]
    links: tuple[Link, ...] = tuple(made)
    args[_LINKS] = links
    if args[_HEADINGS]:
        args[_HEADINGS] = tuple([headings.get(id(e)) or headings.setdefault(id(e), _new(Heading, e))
                                 for e in args[_HEADINGS]])
    if args[_ITEMS]:
        get = dict(zip(map(id, enc), links, strict=True)).get
        args[_ITEMS] = tuple([_new(ListItem, (item[0], item[1], item[2], item[3], _item_links(get, item[4]),
                                              item[5], item[6])) for item in args[_ITEMS]])
    return Note(*args)


def _item_links(get: Any, enc: tuple[Any, ...]) -> tuple[Link, ...]:
    """An item's links: its note's link objects (`get`: by the id of their plain form), or one
    that is none of its note's, which `plain` left a `Link`."""
    return tuple(map(get, map(id, enc), enc))
