"""The facts of a note (`vaultkit.reader.facts`): what planning reads, nothing a view needs dropped."""

from __future__ import annotations

import datetime as dt
import pickle

from vaultkit.reader.facts import Interner, compact
from vaultkit.reader.model import Link
from vaultkit.reader.parse import parse_note

BODY = """
- plain words
- #idea a tag no view reads
- 2025-01-02 a dated line
- mood:: fine
- met [[Ada]] on the way
- 2025-01-03 lunch with [[Ada]]
- #brag shipped it impacted:: [[Ada]]
- #challenge the hard part

## Interactions
- 2025-02-01 call
"""


def _note(front: str, path: str = "n.md"):  # type: ignore[no-untyped-def]
    return parse_note(path, f"---\n{front}\n---\n{BODY}".encode())


def _texts(note) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.text for item in note.items]


def test_facts_keep_the_items_a_view_reads() -> None:
    entries = ["#brag shipped it impacted:: [[Ada]]", "#challenge the hard part"]
    plain = compact(_note("title: n"), Interner(), daily=False)
    assert _texts(plain) == ["2025-01-03 lunch with [[Ada]]", *entries]
    daily = compact(_note("title: n"), Interner(), daily=True)  # an undated link counts on the note's day
    assert _texts(daily) == ["met [[Ada]] on the way", "2025-01-03 lunch with [[Ada]]", *entries]
    person = compact(_note("type: person"), Interner(), daily=False)  # a person's dated lines
    assert _texts(person) == ["2025-01-02 a dated line", "2025-01-03 lunch with [[Ada]]", *entries,
                              "2025-02-01 call"]
    whole = _note("type: event\ndate: 2025-01-01")
    assert compact(whole, Interner(), daily=False).items == whole.items  # a prep shows them all


def test_facts_keep_everything_else_planning_reads() -> None:
    whole = _note("type: person\ncompany: Acme\ndate: 2024-05-06\nfavourite: tea\naliases: [A]")
    facts = compact(whole, Interner(), daily=False)
    for name in ("path", "title", "kind", "aliases", "tags", "fields", "links", "headings", "block_ids",
                 "body_line", "diagnostics", "fields_unreadable", "exact"):
        assert getattr(facts, name) == getattr(whole, name), name
    assert whole.extra == {"date": dt.date(2024, 5, 6), "favourite": "tea"}
    assert facts.extra == {"date": dt.date(2024, 5, 6)}  # the one unknown key a view reads
    shared = {id(link) for link in facts.links}  # an item's links are the note's, not copies
    assert all(id(link) in shared for item in facts.items for link in item.links) and facts.items[1].links


def test_equal_values_are_shared_and_keep_their_type() -> None:
    keep = Interner()
    a = compact(_note("type: event\ndate: 2025-01-01\nspeaker: true\ngoal_new_people: 1"), keep, daily=False)
    b = compact(_note("type: event\ndate: 2025-01-01\nspeaker: true\ngoal_new_people: 1", "m.md"), keep, daily=False)
    assert a.fields["date"] is b.fields["date"]
    assert a.fields["speaker"] is True and a.fields["goal_new_people"] == 1
    assert type(a.fields["goal_new_people"]) is int
    assert a.links[0].target is b.links[0].target
    again = pickle.loads(pickle.dumps([a, b]))
    assert again == [a, b] and again[0].fields["date"] is again[1].fields["date"]  # once in the pickle too
    assert keep.value((Link("x", 1), "y", 1.0)) == (Link("x", 1), "y", 1.0)
