"""A contact's text read apart from its note's facts: what planning asks of it beforehand. Pure.

A long-items vault's list items are mostly contacts (158k of 179k at 50k notes), and their texts
were ~40 MB of a build's parent. Planning asks two things of each (`#told`: the person was told
what you are looking for; is it a 1-1) and shows the text of a few only (a person's last
contact: ~6,300 notes at 50k). So a parse worker works the two answers out (`marks`), the notes
cache keeps the texts in a part of their own (`vaultkit.disk.cacheform`), and a build's parent
holds a contact item's text as one of four shared stand-ins (`Unread`); what shows a text asks
for it (`vaultkit.views.common.Facts.text`). `vaultkit watch` and `check` read the texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from vaultkit.reader.facts import ENTRY_TAGS, entry_tag
from vaultkit.reader.model import ListItem, Note

_new = tuple.__new__

_LEADING_DATE = re.compile(r"^(?:\[[^\]\n]\]\s+)?(?:\d{4}-\d{2}-\d{2}\s*[-—:]?\s*)?")
# `#` first, then what stands before it (at the start, or after a blank, `[`, `,` or `;`): the
# engine jumps from `#` to `#` rather than trying the look-behind at every character (with re.I,
# `(?:^|(?<=…))#told` was 20× slower on a long item, and it runs for every person's contacts).
TOLD = re.compile(r"#(?<![^\s\[,;]#)told(?![\w/-])", re.I)
_ONE_ON_ONE = re.compile(r"^1[:-]1(?![\d])")
_ONE_ON_ONE_TAG = re.compile(r"(?<![^\s(\[,;])#1-1(?![\w/-])", re.I)


def without_date(text: str) -> str:
    """A list item's text without its checkbox (`[ ]`, `[x]`, `[/]`…) and leading date ("2026-03-04 — ")."""
    return _LEADING_DATE.sub("", text)


def told_text(text: str) -> bool:
    """Does the text carry `#told` (I told them what I am looking for)?"""
    return "#" in text and TOLD.search(text) is not None


def one_on_one_text(text: str) -> bool:
    """Is this a 1-1's text: it starts with `1:1`/`1-1` (after its date), or it is tagged `#1-1`?"""
    return bool(_ONE_ON_ONE.match(without_date(text.strip())) or _ONE_ON_ONE_TAG.search(text))


class Unread(str):
    """A contact item's text not read (kept in the notes cache apart), standing in for it: one of
    four (`STAND_INS`), by what planning asks of the text (`told`, `one_on_one`). Its own characters
    answer those questions as the text does (`told_text`, `one_on_one_text`: "#told", "#1-1"), so a
    person's texts joined and searched at once (`network.told_in`) read the same; anything that
    shows the text asks for the real one (`vaultkit.views.common.Facts.text`)."""

    told: bool
    one_on_one: bool


TOLD_MARK, ONE_ON_ONE_MARK = 1, 2  # the bits of a stand-in's number (`marks`)


def _stand_in(marks: int) -> Unread:
    said = Unread(" ".join(word for bit, word in ((ONE_ON_ONE_MARK, "#1-1"), (TOLD_MARK, "#told")) if marks & bit))
    said.told, said.one_on_one = bool(marks & TOLD_MARK), bool(marks & ONE_ON_ONE_MARK)
    return said


STAND_INS: tuple[Unread, ...] = tuple(map(_stand_in, range(4)))  # by `marks`


# `one_on_one_text`'s first test in one match, without the copies `strip` and `without_date`
# make (a parse worker asks `marks` of each of ~3.6 contacts a long-items note).
_STARTS_ONE_ON_ONE = re.compile(r"\s*" + _LEADING_DATE.pattern[1:] + _ONE_ON_ONE.pattern[1:])


def marks(text: str) -> int:
    """What planning asks of a contact's text, as the number of its stand-in (`STAND_INS`):
    `told_text` and `one_on_one_text` (tests/test_itemtext.py holds them equal)."""
    found = TOLD_MARK if "#" in text and TOLD.search(text) is not None else 0
    if _STARTS_ONE_ON_ONE.match(text) is not None or ("#1-1" in text and _ONE_ON_ONE_TAG.search(text) is not None):
        found |= ONE_ON_ONE_MARK
    return found


_ENTRY_FIRST = frozenset("bBcC")  # the first letters of an entry's tags, in either case (`facts.wanted`)
_first = itemgetter(slice(0, 1))


def is_entry(tags: tuple[str, ...]) -> bool:
    """Is an item with `tags` a brag or challenge entry (its text is shown as it is: kept)?"""
    return bool(tags) and not _ENTRY_FIRST.isdisjoint(map(_first, tags)) and \
        any(entry_tag(tags, kind) is not None for kind in ENTRY_TAGS)


def apart(items: Iterable[tuple[Any, ...]], kind: str | None) -> tuple[list[tuple[Any, ...]], tuple[str, ...] | None]:
    """The planned `items` of a note of `kind` (plain tuples, or `ListItem`s) with each contact's
    text as the number of its stand-in (`marks`), and those texts in order (None: none taken out).
    An event's items and a brag or challenge entry keep their text (a prep note or Brag shows it)."""
    items = list(items)
    if kind == "event":
        return items, None
    texts: list[str] = []
    out: list[tuple[Any, ...]] = []
    for item in items:
        if is_entry(item[3]):
            out.append(item)
        else:
            text = item[1]
            if type(text) is Unread:  # a text read without its own: it must never be written as one
                raise ValueError("a contact's text not read")
            texts.append(text)
            out.append((item[0], marks(text), *item[2:]))
    return out, tuple(texts) if texts else None


def unread(note: Note) -> bool:
    """Let go of a note's contacts' texts (of its facts, `vaultkit.reader.facts`): each becomes its
    stand-in, as a note read from the notes cache without them is (`apart`). Changes `note` in
    place; False where it has none. The notes cache still holds them."""
    if not note.items or note.kind == "event":
        return False
    items, texts = apart(note.items, note.kind)
    if texts is None:
        return False
    made: list[Any] = [item if type(item[1]) is str else _new(ListItem, (item[0], STAND_INS[item[1]], *item[2:]))
                       for item in items]
    note.items = tuple(made)
    return True
