"""Communities.md: each community you invest in, with its people and its events.

A person is **in** a community when their `communities` field links its note; an event is
**in** it when its `community` field does. Links to communities that have no note are
listed at the end, so they can be created (or fixed).

Nothing here depends on `today`, so the note does not change from day to day: events are listed
by date, latest first (which are still ahead is for Events.md and the Dashboard to say).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from vaultkit.reader.links import name_key
from vaultkit.reader.model import Link
from vaultkit.reader.records import Community, Event, Person
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso


def _target(facts: Facts, link: Link, source: str) -> str | None:
    return facts.vault.index.resolve(link.target, source).path


def members(facts: Facts) -> tuple[dict[str, list[Person]], dict[str, list[Event]], dict[str, list[str]]]:
    """People and events per community path, and the names of linked communities without a note.

    The third mapping is keyed by casefolded name and lists each spelling once per person or event.
    """
    communities = {c.note.path for c in facts.vault.communities}
    people: dict[str, list[Person]] = defaultdict(list)
    events: dict[str, list[Event]] = defaultdict(list)
    missing: dict[str, list[str]] = defaultdict(list)
    for person in facts.vault.people:
        joined: set[str] = set()  # by path: comparing whole records would be quadratic
        # Once per name: the same community written twice (on two lines) is one membership.
        for target in dict.fromkeys(link.target for link in person.communities):
            path = facts.vault.index.resolve(target, person.note.path).path
            if path in communities:
                assert path is not None
                if path not in joined:
                    joined.add(path)
                    people[path].append(person)
            elif path is None:
                missing[name_key(target)].append(target)
    for event in facts.vault.events:
        if event.community is None:
            continue
        path = _target(facts, event.community, event.note.path)
        if path in communities:
            assert path is not None
            events[path].append(event)
        elif path is None:
            missing[name_key(event.community.target)].append(event.community.target)
    return people, events, missing


def _community(facts: Facts, community: Community, people: list[Person], events: list[Event]) -> dict[str, Any]:
    dated = sorted((e for e in events if e.date is not None),
                   key=lambda e: (e.date or dt.date.min, sort_key(e.note.title), e.note.path))
    undated = sorted((e for e in events if e.date is None), key=lambda e: (sort_key(e.note.title), e.note.path))
    return {
        "link": facts.named(community.note.path),
        "focus": community.focus or "",
        "role": community.role or "",
        "joined": iso(community.joined),
        "url": community.url or "",
        "people": [facts.link(p.note.path)
                   for p in sorted(people, key=lambda p: (sort_key(p.note.title), p.note.path))],
        "events": [{"date": iso(e.date), "link": facts.link(e.note.path)} for e in [*reversed(dated), *undated]],
        "first_event": iso(dated[0].date) if dated else "",
        "latest_event": iso(dated[-1].date) if dated else "",
    }


def communities_context(facts: Facts) -> dict[str, Any]:
    """Every community by name, with focus, role, joined, people, events, first and latest event date."""
    people, events, missing = members(facts)
    rows = [_community(facts, c, people.get(c.note.path, []), events.get(c.note.path, []))
            for c in sorted(facts.vault.communities, key=lambda c: (sort_key(c.note.title), c.note.path))]
    unlinked = [{"name": min(names, key=sort_key), "count": len(names)}
                for _, names in sorted(missing.items(), key=lambda t: sort_key(min(t[1], key=sort_key)))]
    return {"communities": rows, "unlinked": unlinked}
