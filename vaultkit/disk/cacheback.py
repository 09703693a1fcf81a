"""Putting back what a note of the notes cache was read without (`vaultkit.disk.cacheform`): the
parts of a chunk other than what planning reads, read apart (`kept`), and given back to the
note read without them (`put_back`), or walked once (`links_back`). Pure: bytes in, records out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from vaultkit.disk.cacheform import HEADINGS, _field_links, _others, _texts_part, restore
from vaultkit.reader.facts import PREP, REST, TEXT
from vaultkit.reader.itemtext import Unread
from vaultkit.reader.model import Heading, ListItem, Note

_new = tuple.__new__
_second = itemgetter(1)


def put_back(note: Note, gone: int, prep: tuple[Any, ...] | None, rest: tuple[Any, ...] | None,
             headings: dict[int, Heading], texts: tuple[str, ...] | None = None) -> bool:
    """Give `note` back what `gone` says it was read without, from its parts in a chunk
    (`parts_kept`): `PREP` (what only a prep note reads), `REST` (its links), `HEADINGS`
    (its headings; a build's note read without `REST` lacks both) and `TEXT` (its contacts'
    texts). False, and nothing done, where the chunk holds no such part of it. Raises as `restore`."""
    if (gone & (REST | HEADINGS) and rest is None) or (gone & PREP and prep is None) or (gone & TEXT and texts is None):
        return False
    items = _texts_back(note.items, texts) if gone & TEXT and texts is not None else None  # (raises first)
    if rest is not None and gone & (REST | HEADINGS):
        rest = (*(rest[:2] if gone & REST else (None, None)), rest[2] if gone & HEADINGS else None)
    else:
        rest = None
    restore(note, prep if gone & PREP else None, rest, headings)
    if items is not None:
        note.items = items
    return True


def _texts_back(items: tuple[ListItem, ...], texts: tuple[str, ...]) -> tuple[ListItem, ...]:
    """`items` with their stand-ins' texts (`Unread`) put back from `texts`, in order (raises where
    they do not match)."""
    made = list(items)
    at = 0
    for i, item in enumerate(made):
        if type(item[1]) is Unread:
            made[i] = _new(ListItem, (item[0], texts[at], *item[2:]))
            at += 1
    if at != len(texts) or not all(type(t) is str for t in texts):
        raise ValueError("not its texts")
    return tuple(made)


def links_back(note: Note, rest: tuple[Any, ...], headings: dict[int, Heading]) -> list[tuple[Any, ...]]:
    """The links `restore` would give `note` back from `rest` (`split`'s third part), in another
    order (its fields' last) and without putting them in the note: those that only
    `rest` holds in their plain form (`plain`: a `Link`'s tuple), the others the note's own
    `Link`s; the note's headings are put back. For a process that walks every link once and
    ends (`vaultkit.disk.takeback.TakeBack.walk`): no object made and no Python step a link,
    a long-item note having ~50. Raises on anything not of `split`'s shape, as `restore`."""
    enc, places, heads = rest
    if enc is None:
        links: list[tuple[Any, ...]] = list(note.links)
    else:
        links = list(filter(None, enc))  # () where the note holds it already
        if not set(map(type, links)) <= {tuple}:
            raise ValueError("not a link")
        if places:
            links.extend(map(_field_links(note.fields).__getitem__, map(_second, places)))
        if len(links) != len(enc):
            raise ValueError("a link left out")
    note.headings = tuple([headings.get(id(e)) or headings.setdefault(id(e), _new(Heading, e)) for e in heads])
    return links


def kept(prep: memoryview, rest: memoryview, texts: memoryview, want: int,
         loads: Callable[[memoryview], Any]) -> Iterator[tuple[str, int, int, Any, Any, Any]]:
    """The parts in `want` of each note a chunk kept some apart for, from the chunk's second,
    third and fourth parts (`joined`): (path, size, mtime_ns, what only a prep reads or None, the
    rest or None, its contacts' texts or None), for `restore` and `put_back`. Raises on anything malformed."""
    found: dict[str, list[Any]] = {}
    for bit, part in ((PREP, prep), (REST, rest)):
        if want & bit:
            for values in _others(loads(part), bit):
                got = found.setdefault(values[0], [values[1], values[2], None, None, None])
                if (got[0], got[1]) != (values[1], values[2]):
                    raise ValueError("not of its chunk")
                got[2 if bit == PREP else 3] = values[3:]
    if want & TEXT:
        for path, (size, mtime, said) in _texts_part(loads(texts)).items():
            got = found.setdefault(path, [size, mtime, None, None, None])
            if (got[0], got[1]) != (size, mtime):
                raise ValueError("not of its chunk")
            got[4] = said
    for path, (size, mtime, prep_, rest_, texts_) in found.items():
        yield path, size, mtime, prep_, rest_, texts_
