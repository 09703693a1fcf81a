"""Who and what is in each community, and Communities.md's parts kept per community (derived
data: `vaultkit watch` refreshes it note by note).

A person is **in** a community when their `communities` field links its note; an event is
**in** it when its `community` field does. Links to communities that have no note are
listed at the end, so they can be created (or fixed).

Each note's contribution (where its `communities` or `community` links go) is kept by the note's
path; each community's table row and section are rendered once (by the macros of
`Communities.rows.md.j2`) and again only when the community's note, or a note in it (or that
was), changed: a delete or rename in a vault of 500 communities costs the parts it touches,
not the whole note (SPEC §7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from vaultkit.reader.links import name_key
from vaultkit.reader.records import Community, Event, Person
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso

ROWS = "Communities.rows.md.j2"

# A note's contribution: the notes its links name, as (target as written, the path it goes to or None).
Targets = tuple[tuple[str, str | None], ...]


class CommunitiesView:
    """Every community's members and events, and its rendered parts, kept note by note."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._people: dict[str, Targets] = {}  # person path → where its `communities` links go (each name once)
        self._events: dict[str, Targets] = {}  # event path → where its `community` link goes
        # The same by the note the links go to (a community's, or any note's), and by the name of
        # none (casefolded: each spelling once per person or event).
        self._people_in: dict[str, dict[str, Person]] = {}  # (by path: in it by two names, in it once)
        self._events_in: dict[str, dict[str, Event]] = {}
        self._missing: dict[str, list[str]] = {}
        self._parts: dict[str, tuple[str, str]] = {}  # community path → (table row, section)
        vault = facts.vault
        for person in vault.people:  # (`refresh` of every person and event, without what none of them had)
            if person.communities:
                self._put(self._people, self._people_in, person, _names(person))
        for event in vault.events:
            if event.community is not None:
                self._put(self._events, self._events_in, event, (event.community.target,))

    def refresh(self, paths: Iterable[str]) -> None:
        """Take the current record of each note at `paths` (a person, an event, a community; gone:
        dropped), and forget the parts of the communities it is in, was in, or is."""
        vault = self.facts.vault
        for path in paths:
            for table, members in ((self._people, self._people_in), (self._events, self._events_in)):
                for target, community in table.pop(path, ()):
                    self._take(members, target, community, path, None)
            record = vault.record(path)
            if isinstance(record, Person) and record.communities:
                self._put(self._people, self._people_in, record, _names(record))
            elif isinstance(record, Event) and record.community is not None:
                self._put(self._events, self._events_in, record, (record.community.target,))
            self._parts.pop(path, None)  # a community's own note

    def _put(self, table: dict[str, Targets], members: dict[str, Any], record: Person | Event,
             targets: Iterable[str]) -> None:
        path = record.note.path
        made = table[path] = tuple((target, self.facts.vault.index.resolve(target, path).path) for target in targets)
        for target, community in made:
            self._take(members, target, community, path, record)

    def _take(self, members: dict[str, Any], target: str, community: str | None, path: str,
              record: Person | Event | None) -> None:
        """Count the note at `path` (its `record`; None: stop counting it) in `community`, or its
        `target` as a name without a note; the community's parts are made again."""
        if community is None:
            spellings = self._missing.setdefault(name_key(target), [])
            if record is not None:
                spellings.append(target)
            else:
                spellings.remove(target)
                if not spellings:
                    del self._missing[name_key(target)]
            return
        if record is not None:
            members.setdefault(community, {})[path] = record
        elif (held := members.get(community)) is not None:  # (gone already: two names of one note)
            held.pop(path, None)
            if not held:
                del members[community]
        self._parts.pop(community, None)

    def context(self) -> dict[str, Any]:
        """Every community by name, as table rows and sections; the linked names without a note."""
        facts = self.facts
        communities = sorted(facts.vault.communities, key=lambda c: (sort_key(c.note.title), c.note.path))
        known, people, events = self._parts, self._people_in, self._events_in
        parts = [known.get(c.note.path) or self._part(c, people.get(c.note.path, {}), events.get(c.note.path, {}))
                 for c in communities]
        unlinked = [{"name": min(names, key=sort_key), "count": len(names)}
                    for _, names in sorted(self._missing.items(), key=lambda t: sort_key(min(t[1], key=sort_key)))]
        return {"count": len(parts), "table": Markup("".join(row for row, _ in parts)),
                "sections": Markup("".join(section for _, section in parts)), "unlinked": unlinked}

    def _part(self, community: Community, people: dict[str, Person], events: dict[str, Event]) -> tuple[str, str]:
        facts = self.facts
        members, held = people.values(), events.values()
        dated = sorted((e for e in held if e.date is not None),
                       key=lambda e: (e.date or dt.date.min, sort_key(e.note.title), e.note.path))
        undated = sorted((e for e in held if e.date is None), key=lambda e: (sort_key(e.note.title), e.note.path))
        row = {
            "link": facts.named(community.note.path),
            "focus": community.focus or "",
            "role": community.role or "",
            "joined": iso(community.joined),
            "url": community.url or "",
            "people": [facts.link(p.note.path)
                       for p in sorted(members, key=lambda p: (sort_key(p.note.title), p.note.path))],
            "events": [{"date": iso(e.date), "link": facts.link(e.note.path)} for e in [*reversed(dated), *undated]],
            "first_event": iso(dated[0].date) if dated else "",
            "latest_event": iso(dated[-1].date) if dated else "",
        }
        renderer = facts.renderer
        made = self._parts[community.note.path] = (renderer.macro(ROWS, "row")(row),
                                                   renderer.macro(ROWS, "section")(row))
        return made


def _names(person: Person) -> Iterable[str]:
    """What a person's `communities` links name, each once: the same community written twice
    (on two lines) is one membership."""
    return dict.fromkeys(link.target for link in person.communities)


def communities_view(facts: Facts) -> CommunitiesView:
    """The communities view of `facts`, made on first use and kept with it (`vaultkit watch` refreshes it)."""
    return facts.kept("communities", CommunitiesView)
