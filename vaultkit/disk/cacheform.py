"""A note's facts as the notes cache pickles them: plain tuples where the records are tuple
subclasses. Pure.

Pickle reduces every object of a class of its own through `__reduce_ex__` (a `Link` cost
~1.2 µs to pickle and ~0.55 µs to unpickle, against ~0.15 µs each for a plain tuple), and a
long-item note holds ~70 links: most of what a parse worker's chunk cost to pickle, and of
what the parent spent unpickling it. So a note's links, list items and headings go into the
pickle as plain tuples (`plain`), and come out as records again (`note_of`), rebuilt by
`tuple.__new__` without a Python call each.

A field's link may be one of the note's own link objects: the plain form keeps that sharing
(pickle writes a shared object once), so the notes rebuilt hold no more objects than the notes
pickled. An item holds its links' targets alone (`ListItem.links`), interned as they come out.

The notes cache keeps each note in four parts (`split`), each chunk's pickled apart (`joined`):
what planning reads, what only a prep note reads besides, the rest (body links, headings), and
its contacts' texts (`vaultkit.reader.itemtext`: planning holds a stand-in for each). A build's
parent unpickles the first alone; the others are put back (`vaultkit.disk.cacheback`) by what
walks every link, or shows a text. The places of the links its fields hold, which the rest leaves
out, are kept by position, so that put back together the note shares them as before.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any

from vaultkit.reader.facts import PREP, REST, TEXT, planned_parts
from vaultkit.reader.itemtext import STAND_INS, apart
from vaultkit.reader.model import Heading, Link, ListItem, Note
from vaultkit.reader.talks import Talk

_SLOTS: tuple[str, ...] = Note.__slots__  # type: ignore[attr-defined]
_values = attrgetter(*_SLOTS)
_LINKS = _SLOTS.index("links")
_HEADINGS = _SLOTS.index("headings")
_ITEMS = _SLOTS.index("items")
_ABOUT = _SLOTS.index("about")
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


def plain(note: Note, headings: dict[Heading, tuple[Any, ...]], values: list[Any] | None = None) -> tuple[Any, ...]:
    """`note`'s slot values in order (`values`: others to use instead), its links, headings and
    items as plain tuples, then the positions of the links kept as `Link`s: those a field holds
    too (the field pickles it as one, so it stays one object, written once). `headings`: the
    plain form of each heading seen in the chunk, one for equal ones (a template repeats its
    headings)."""
    if values is None:
        values = list(_values(note))
    links = values[_LINKS]
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
                if links[at] is not link:  # equal, but none of these objects: it pickles as itself
                    continue
            enc[at] = links[at]
            kept.append(at)
    values[_LINKS] = tuple(enc)
    if values[_HEADINGS]:
        values[_HEADINGS] = tuple([headings.get(h) or headings.setdefault(h, h[:]) for h in values[_HEADINGS]])
    if values[_ITEMS]:
        values[_ITEMS] = tuple(map(_plain, values[_ITEMS]))
    values.append(tuple(kept))
    return tuple(values)


def split(note: Note, daily: bool, headings: dict[Heading, tuple[Any, ...]]
          ) -> tuple[tuple[Any, ...], tuple[Any, ...] | None, tuple[Any, ...] | None, tuple[str, ...] | None]:
    """`note` (its facts; `daily`: a daily note) in the four parts the notes cache keeps apart:
    what planning reads (`plain` of `facts.planned_parts`, its contacts' texts as their stand-ins'
    numbers), what only a prep note reads besides (None when nothing: else its items, or None when
    those are all planned, and its own text), what no view reads (None when nothing: else its
    links or None where planning reads them all, the links' places among those its fields hold
    (`_places`), and its headings; `restore` puts them back), and its contacts' texts in order
    (None when none: `itemtext.apart`)."""
    links, heads, items = planned_parts(note, daily)
    texts = None
    if items and note.kind != "event":
        plain_items, texts = apart(map(_plain, items), note.kind)
    rest = prep = None
    if len(links) != len(note.links) or len(heads) != len(note.headings):
        enc: tuple[Any, ...] | None = None
        places: tuple[tuple[int, int], ...] = ()
        if len(links) != len(note.links):
            enc, places = _places(note)
        rest = (enc, places, tuple([headings.get(h) or headings.setdefault(h, h[:]) for h in note.headings]))
    if len(items) != len(note.items) or note.about:
        prep = (None if len(items) == len(note.items) else _plain_items(note.items), note.about)
    if rest is None and prep is None and texts is None:
        return plain(note, headings), None, None, None
    values = list(_values(note))
    values[_LINKS], values[_HEADINGS], values[_ITEMS], values[_ABOUT] = \
        links, heads, tuple(plain_items) if texts is not None else items, ""
    return plain(note, headings, values), prep, rest, texts


def _places(note: Note) -> tuple[tuple[Any, ...], tuple[tuple[int, int], ...]]:
    """A note's links in plain form, but () where the link is one its fields hold, and those
    places: (position, which field link). `restore` puts those objects there again."""
    links = note.links
    fields = _field_links(note.fields) if note.fields else ()
    if not fields:
        return tuple(map(_plain, links)), ()
    at = dict(zip(map(id, links), range(len(links)), strict=True)).get  # `map`s: no Python call a link
    enc: list[Any] = list(map(_plain, links))
    places = tuple([(i, k) for k, i in enumerate(map(at, map(id, fields))) if i is not None])
    for i, _ in places:
        enc[i] = ()
    return tuple(enc), places


def _plain_items(items: tuple[ListItem, ...]) -> tuple[tuple[Any, ...], ...]:
    """List items as plain tuples."""
    return tuple(map(_plain, items))


def _items_of(plain_items: tuple[tuple[Any, ...], ...], texts: tuple[str, ...] | None = None) -> tuple[ListItem, ...]:
    """List items of their plain form, their links' targets interned: each chunk is a pickle of
    its own, and a vault's items name the same people from chunk to chunk. A contact's text held
    apart (a number: `itemtext.apart`) is the next of `texts`, else (None) its stand-in. Raises
    where they do not match."""
    if texts is None:
        stand_in = _BY_MARK.__getitem__  # (a number no stand-in has raises)
        return tuple([_new(ListItem, (item[0], item[1] if type(item[1]) is str else stand_in(item[1]), item[2],
                                      item[3], tuple(map(_intern, item[4])), item[5], item[6]))
                      for item in plain_items])
    told = iter(texts)
    text = told.__next__  # (too few texts raise StopIteration)
    made = tuple([_new(ListItem, (item[0], item[1] if type(item[1]) is str else text(), item[2],
                                  item[3], tuple(map(_intern, item[4])), item[5], item[6]))
                  for item in plain_items])
    if next(told, None) is not None:
        raise ValueError("not its texts")
    return made


_BY_MARK = dict(enumerate(STAND_INS))  # a stand-in by its number


def note_of(values: tuple[Any, ...], headings: dict[int, Heading], texts: tuple[str, ...] | None = None) -> Note:
    """The `Note` of its `plain` form (raises on anything else: the cache's reader refuses it).
    `headings`: the heading made of each plain one of the chunk, by its id (one for equal ones).
    `texts`: its contacts' texts (`split`'s fourth part), else they are stand-ins (`Unread`)."""
    enc = values[_LINKS]
    args = list(values[:-1])
    # Targets interned: each chunk is a pickle of its own, and a vault links the same names
    # from chunk to chunk (a `Link` unpickled as one interns its target in `Link.__new__`).
    if enc or type(enc) is not tuple:  # (planning reads a daily note's links alone; else () as is)
        made = [_new(Link, (_intern(e[0]), e[1]) if len(e) == 2 else (_intern(e[0]), *e[1:])) for e in enc]
        for at in values[-1]:
            made[at] = enc[at]
        args[_LINKS] = tuple(made)
    if args[_HEADINGS]:
        args[_HEADINGS] = tuple([headings.get(id(e)) or headings.setdefault(id(e), _new(Heading, e))
                                 for e in args[_HEADINGS]])
    if args[_ITEMS]:
        args[_ITEMS] = _items_of(args[_ITEMS], texts)
    return Note(*args)


def restore(note: Note, prep: tuple[Any, ...] | None, rest: tuple[Any, ...] | None,
            headings: dict[int, Heading], share: bool = True) -> None:
    """Give `note` (of `note_of`, its planning part) back the parts `split` kept apart: `prep`
    (its items, its own text) and `rest` (its links, headings); None where not wanted. Its
    fields' links are its own link objects again, and (`share`) the links' targets are interned,
    one object for equal ones. Raises on anything not of `split`'s shape. `headings`: as for
    `note_of`, one a chunk's part."""
    if rest is not None:
        enc, places, heads = rest
        if enc is not None:
            # Targets interned where the links stay (a chunk's are one object each already: its pickle's
            # memo); a process that only walks them and ends spares the call (a third of its work).
            links: list[Any] = ([_new(Link, (_intern(e[0]), *e[1:])) if e else e for e in enc] if share
                                else list(map(_new, repeat(Link), enc)))
            if places:
                fields = _field_links(note.fields)
                for at, k in places:
                    links[at] = fields[k]
            if () in links:
                raise ValueError("a link left out")
            note.links = tuple(links)
        if heads is not None:  # (None: its headings left as they are, `entries_of`)
            note.headings = tuple([headings.get(id(e)) or headings.setdefault(id(e), _new(Heading, e))
                                   for e in heads])
    if prep is not None:
        items, about = prep
        if type(about) is not str:
            raise ValueError("not a note's text")
        note.about = about
        if items is not None:
            note.items = _items_of(items)


# A chunk of the notes cache (`vaultkit.disk.cache.chunk`) is four pickles, one for each part
# of its notes (`split`), after the lengths of the first three: the fourth runs to its end.
PARTS = struct.Struct("<QQQ")
Owed = tuple[str, int, int, Note, int]  # a cache entry, and the parts its note was read without
# Read with the rest's links but not its headings (`entries_of`): a note planning reads no heading
# of holds only the links of that part (`vaultkit watch` keeps every link, `vaultkit.live.held`).
HEADINGS = 4


def joined(parts: list[bytes]) -> bytes:
    """A chunk of the four pickled parts of its notes (what planning reads, what only a prep
    note reads besides, the rest, the contacts' texts)."""
    return b"".join((PARTS.pack(len(parts[0]), len(parts[1]), len(parts[2])), *parts))


def _pickles(blob: memoryview) -> tuple[memoryview, memoryview, memoryview, memoryview]:
    """A chunk's four parts (`joined`), as bytes."""
    first, second, third = PARTS.unpack_from(blob)
    a = PARTS.size + first
    b = a + second
    c = b + third
    if c > len(blob):
        raise ValueError("truncated")
    return blob[PARTS.size:a], blob[a:b], blob[b:c], blob[c:]


def _texts_part(part: Any) -> dict[str, tuple[int, int, tuple[str, ...]]]:
    """A chunk's fourth part (`split`: its notes' contacts' texts), by path, checked for its shape."""
    if not isinstance(part, list):
        raise ValueError("not a chunk's part")
    found = {}
    for values in part:
        if not (type(values) is tuple and len(values) == 4 and type(values[0]) is str and type(values[1]) is int
                and type(values[2]) is int and type(values[3]) is tuple and set(map(type, values[3])) <= {str}):
            raise ValueError("not an entry")
        found[values[0]] = values[1:]
    return found


def entries_of(blob: memoryview, want: int, loads_: Callable[[memoryview], Any], heads: bool = True,
               targets: dict[str, tuple[str, ...]] | None = None) -> list[Owed]:
    """A chunk's entries (path, size, mtime_ns, note, the parts it was read without), the note
    with the parts in `want`; without `heads`, the rest (`REST`) put back without its headings,
    a note keeping those planning reads (`HEADINGS` among the parts it was read without, where
    it had more). `targets` (`want` without `REST`): the rest read for the targets of each note's
    links alone, by path, where planning reads not all its links (those notes lack `REST`), its
    headings as without `heads`. Raises on anything malformed (a file's caller discards the file)."""
    plan, prep, rest, told = _pickles(blob)
    part = loads_(plan)
    if not isinstance(part, list):
        raise ValueError("not a chunk")
    # Its contacts' texts, wanted: read first, for each note's items to be made with them at once.
    texts = _texts_part(loads_(told)) if want & TEXT and told else {}
    headings: dict[int, Heading] = {}  # the plain headings stay alive meanwhile: their ids stand
    entries: list[Owed] = []
    for entry in part:
        if not (type(entry) is tuple and len(entry) == 5 and type(entry[0]) is str and type(entry[1]) is int
                and type(entry[2]) is int and type(entry[3]) is tuple and type(entry[4]) is int):
            raise ValueError("not an entry")
        lacks = entry[4]
        said = None
        if lacks & TEXT and want & TEXT:
            size, mtime, said = texts.pop(entry[0])  # (none: raises)
            if (size, mtime) != entry[1:3]:
                raise ValueError("not of its chunk")
            lacks &= ~TEXT
        note = note_of(entry[3], headings, said)
        if note.path != entry[0]:
            raise ValueError("not its path")
        entries.append((entry[0], entry[1], entry[2], note, lacks))
    if texts:
        raise ValueError("texts of no note")
    read = want | (REST if targets is not None else 0)
    if read & entry_parts(entries):
        by_path = {e[0]: i for i, e in enumerate(entries)}
        alive = [part]  # every part's plain forms live until the end: `headings` goes by their ids
        for bit, blob_ in ((REST, rest), (PREP, prep)):  # its links first: its items share them
            if read & bit:
                alive.append(loads_(blob_))
                for values in _others(alive[-1], bit):
                    i = by_path[values[0]]
                    path, size, mtime, note, lacks = entries[i]
                    if not lacks & bit or (size, mtime) != values[1:3]:
                        raise ValueError("not of its chunk")
                    done = bit  # the part it holds now
                    if bit == PREP:
                        restore(note, values[3:], None, headings)
                    elif heads and targets is None:
                        restore(note, None, values[3:], headings)
                    else:
                        if type(values[5]) is not tuple:
                            raise ValueError("not a note's headings")
                        if targets is None or values[3] is None:  # (None: planning reads all its links)
                            restore(note, None, (*values[3:5], None), headings)
                        else:
                            targets[path] = _targets(note, *values[3:5])
                            done = 0  # its links left out
                        lacks |= HEADINGS if len(values[5]) != len(note.headings) else 0
                    entries[i] = (path, size, mtime, note, lacks & ~done)
        if any(e[4] & want for e in entries):
            raise ValueError("a part missing")
    return entries


def _targets(note: Note, enc: tuple[Any, ...], places: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    """The targets of a note's links, each once, from the rest `split` kept of them (as `restore`
    would put them back), without a `Link` made: its fields' links hold some."""
    found: list[str | None] = [_intern(e[0]) if e else None for e in enc]
    if places:
        fields = _field_links(note.fields)
        for at, k in places:
            found[at] = fields[k][0]
    if None in found:
        raise ValueError("a link left out")
    return tuple(dict.fromkeys(found))  # type: ignore[arg-type]


def entry_parts(entries: list[Owed]) -> int:
    """The parts some of `entries` were read without."""
    found = 0
    for entry in entries:
        found |= entry[4]
    return found


def _others(part: Any, bit: int) -> list[tuple[Any, ...]]:
    """The entries of a chunk's second or third part (`bit`), checked for their shape."""
    if not isinstance(part, list):
        raise ValueError("not a chunk's part")
    for values in part:
        if not (type(values) is tuple and len(values) == (5 if bit == PREP else 6) and type(values[0]) is str
                and type(values[1]) is int and type(values[2]) is int):
            raise ValueError("not an entry")
    return part
