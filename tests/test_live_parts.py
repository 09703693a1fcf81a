"""Saves that remove or rename a note remake only the parts of Communities.md and Events.md they
touch (SPEC §7: a delete or rename at 50,000 notes within 3x its cost at 1,000), and the note is
still byte for byte what a full plan gives.
"""

from __future__ import annotations

import pytest

from tests.test_live import ATTACHMENTS, SOURCES, TODAY, _fresh, _full, _parse
from tests.test_relink import _apply
from vaultkit.views.derived.communities import communities_view
from vaultkit.views.derived.events import EventsView, events_view, network

COMMUNITIES = ("Communities/Backend Mentoring Circle.md", "Communities/Platform Engineering Berlin.md",
               "Communities/Postgres Berlin.md")


@pytest.mark.parametrize(("changes", "remade"), [
    # Hannah is in the mentoring circle only: its parts are made again, the others' are kept.
    ({"People/Hannah Schmidt.md": None}, {"Communities/Backend Mentoring Circle.md"}),
    ({"People/Lena Hoffmann.md": None, "People/Lena H.md": "People/Lena Hoffmann.md"},
     {"Communities/Platform Engineering Berlin.md", "Communities/Postgres Berlin.md"}),
    # An event of Postgres Berlin renamed: the community lists its events.
    ({"Events/Postgres Berlin October 2025.md": None,
      "Events/Postgres Berlin Oct 2025.md": "Events/Postgres Berlin October 2025.md"},
     {"Communities/Postgres Berlin.md"}),
    # The community itself renamed: its members' links go nowhere now (listed as without a note);
    # Lena, in it, is in Platform Engineering Berlin too: the parts of a member's communities are made again.
    ({"Communities/Postgres Berlin.md": None, "Communities/PG Berlin.md": "Communities/Postgres Berlin.md"},
     {"Communities/Postgres Berlin.md", "Communities/PG Berlin.md", "Communities/Platform Engineering Berlin.md"}),
    # Nobody in a community: every part kept.
    ({"People/Aisha Bello.md": None}, set()),
])
def test_a_delete_or_rename_remakes_the_parts_of_the_communities_it_touches(
        changes: dict[str, str | None], remade: set[str]) -> None:
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    view = communities_view(live.facts)
    before = dict(view._parts)
    assert set(before) == set(COMMUNITIES)
    texts = {p: (sources[t] if t is not None else None) for p, t in changes.items()}
    parsed = _apply(texts, sources, notes)
    assert live.can_apply(parsed, ATTACHMENTS, TODAY)
    current.update({p.path: p.text for p in live.apply(parsed)})
    full = _full(notes)
    assert {p: current.get(p) for p in full} == full
    assert communities_view(live.facts) is view  # kept, not made again
    for path, part in before.items():
        if path not in remade and path in view._parts:
            assert view._parts[path] is part  # the same text object: not rendered again
    assert all(path not in view._parts or view._parts[path] is not before.get(path) for path in remade)


@pytest.mark.parametrize("changes", [
    {"People/Aisha Bello.md": None},
    {"Events/Postgres Berlin August 2026.md": None},  # upcoming: it wants to meet people
    {"People/Aisha Bello.md": None, "People/Aisha Bello-Okoro.md": "People/Aisha Bello.md"},
    {"Events/Postgres Berlin October 2025.md": None},
])
def test_the_events_view_keeps_its_index_of_people_current_person_by_person(changes: dict[str, str | None]) -> None:
    """Who was met where is updated for the people a save touches, not made again for everyone;
    it is what a fresh index of the changed vault holds, and Events.md what a full plan gives."""
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    view = events_view(live.facts)
    net, wanting = view._network(), view._who_wants()
    texts = {p: (sources[t] if t is not None else None) for p, t in changes.items()}
    parsed = _apply(texts, sources, notes)
    current.update({p.path: p.text for p in live.apply(parsed)})
    assert view._network() is net  # kept and updated in place
    fresh = network(live.facts)
    assert (net.people, net.met_at, net.met_here) == (fresh.people, fresh.met_at, fresh.met_here)
    assert wanting is view._who_wants()  # who upcoming events want to meet: kept, updated event by event
    assert wanting == EventsView(live.facts)._who_wants()
    full = _full(notes)
    assert {p: current.get(p) for p in full} == full


def test_a_person_in_a_community_by_two_names_comes_and_goes() -> None:
    """Two spellings that go to one community (and one that goes nowhere) count the person
    once, and the name without a note once; a rename and a delete take them back out."""
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    communities_view(live.facts)
    twice = ('---\ntype: person\ncommunities: ["[[Postgres Berlin]]", "[[postgres berlin]]", "[[PG Nowhere]]"]\n'
             "---\n")
    for changes in ({"People/Twice.md": twice}, {"People/Twice.md": None, "People/Twice Again.md": twice},
                    {"People/Twice Again.md": None}):
        parsed = _apply(changes, sources, notes)
        assert live.can_apply(parsed, ATTACHMENTS, TODAY)
        current.update({p.path: p.text for p in live.apply(parsed)})
        full = _full(notes)
        assert {p: current.get(p) for p in full} == full, sorted(changes)
    assert "PG Nowhere" not in current["Vaultkit/Communities.md"]
