"""Events as the views see them: who was met where, what is upcoming, the talks you gave and
saw, and Events.md's sections and rows kept per event (derived data, shared by Events.md, Communities.md, the
Dashboard and review notes).

Who counts as **new** at an event: a person you met there (listed in its `met`, or whose
`met_at` links the event) whose own note says you first met there: `met_at` links this
event, or `met_on` falls within the event's dates (`date` … `end`). A name in `met` without a
person note is listed but not counted: vaultkit cannot tell whether you knew them before.
The goal is the event's `goal_new_people`, else `event_goal_new_people` from vaultkit.toml.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from vaultkit.reader.links import name_key
from vaultkit.reader.records import Event, Person
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso
from vaultkit.views.derived.people import person_row


@dataclass(frozen=True, slots=True)
class Network:
    """Person records by note path, and the event each person's `met_at` links (resolved once)."""

    people: dict[str, Person]
    met_at: dict[str, str]
    met_here: dict[str, list[Person]]

    def update(self, facts: Facts, paths: Iterable[str]) -> None:
        """Take the current record of each person at `paths` (gone: dropped) and where their
        `met_at` goes now: what `network` would make of the vault as it is, person by person."""
        for path in paths:
            old, target = self.people.pop(path, None), self.met_at.pop(path, None)
            if old is not None and target is not None:
                here = self.met_here[target]
                del here[bisect_left(here, _person_key(old), key=_person_key)]
                if not here:
                    del self.met_here[target]
            person = facts.vault.record(path)
            if isinstance(person, Person):
                self.people[path] = person
                target = _resolved(facts, person.met_at.target, path) if person.met_at is not None else None
                if target is not None:
                    self.met_at[path] = target
                    insort(self.met_here.setdefault(target, []), person, key=_person_key)


def _person_key(person: Person) -> tuple[tuple[str, str], str]:
    return (sort_key(person.note.title), person.note.path)


def network(facts: Facts) -> Network:
    """Index the people of a vault for the event views."""
    people = {p.note.path: p for p in facts.vault.people}
    met_at: dict[str, str] = {}
    met_here: dict[str, list[Person]] = defaultdict(list)
    for person in sorted(people.values(), key=_person_key):
        if person.met_at is not None:
            target = _resolved(facts, person.met_at.target, person.note.path)
            if target is not None:
                met_at[person.note.path] = target
                met_here[target].append(person)
    return Network(people, met_at, dict(met_here))


def last_day(event: Event) -> dt.date | None:
    """The event's last day: `end` when it is set and not before `date`, else `date`."""
    if event.date is None:
        return None
    return max(event.date, event.end) if event.end else event.date


def is_upcoming(event: Event, today: dt.date) -> bool:
    """Still to come or under way on `today` (its last day is today or later)."""
    last = last_day(event)
    return last is not None and last >= today


def goal(facts: Facts, event: Event) -> int:
    """How many new people to meet at this event."""
    if event.goal_new_people is not None:
        return event.goal_new_people
    return facts.vault.config.event_goal_new_people


def _resolved(facts: Facts, target: str, source: str) -> str | None:
    return facts.vault.index.resolve(target, source).path


def is_new(net: Network, person: Person, event: Event) -> bool:
    """Did you first meet this person at this event (by their `met_at` or `met_on`)?"""
    if net.met_at.get(person.note.path) == event.note.path:
        return True
    last = last_day(event)
    return bool(event.date and last and person.met_on and event.date <= person.met_on <= last)


def met_people(facts: Facts, event: Event, net: Network) -> list[dict[str, Any]]:
    """Who you met at an event: its `met` in the order written, then people whose `met_at` links it.

    Each is {"ref", "new", "person", "path"} (`path`: their note's, None without one); a person
    linked twice is listed once.
    """
    path = event.note.path
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for link in event.met:
        target = _resolved(facts, link.target, path)
        person = net.people.get(target) if target else None
        key = target if target else "?" + name_key(link.target)
        if key in seen:
            continue
        seen.add(key)
        out.append({"ref": facts.ref(link, path), "person": person is not None,
                    "new": person is not None and is_new(net, person, event),
                    "path": target if person is not None else None})
    for person in net.met_here.get(path, []):
        if person.note.path not in seen:
            out.append({"ref": facts.link(person.note.path), "person": True, "new": True, "path": person.note.path})
    return out


def _want(facts: Facts, event: Event, net: Network) -> list[dict[str, Any]]:
    rows = []
    for link in event.want_to_meet:
        target = _resolved(facts, link.target, event.note.path)
        person = facts.vault.record(target) if target in net.people else None  # the current record
        if not isinstance(person, Person):
            rows.append({"link": facts.ref(link, event.note.path), "role": "", "company": "", "topics": [],
                         "last_contact": "", "last_text": "", "last_source": "", "note": False})
            continue
        row = person_row(facts, person)
        last = facts.last_contact(person.note.path)
        if last is not None and last.source == "last_contact":
            row["last_text"] = ""
        row["note"] = True
        rows.append(row)
    return rows


def _when(event: Event, today: dt.date) -> str:
    assert event.date is not None
    last = last_day(event)
    days = (event.date - today).days
    span = iso(event.date) + (f" to {iso(last)}" if last and last != event.date else "")
    if days < 0:
        return f"{span}, under way"
    return f"{span}, " + ("today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days")


def _facts_line(facts: Facts, event: Event, today: dt.date) -> list[Markup | str]:
    parts: list[Markup | str] = [_when(event, today)]
    parts += [value for value in (event.kind, event.location) if value]
    if event.community is not None:
        parts.append(facts.ref(event.community, event.note.path))
    parts.append(f"goal: {goal(facts, event)} new people")
    if event.speaker:
        parts.append("you are speaking")
    return parts


def _order(event: Event) -> tuple[Any, ...]:
    return (event.date, sort_key(event.note.title), event.note.path)


ROWS = "Events.rows.md.j2"


class EventsView:
    """Events.md kept per event: each upcoming event's section and each past event's row is
    rendered once and again only when it can have changed (see `refresh`)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._net: Network | None = None
        # upcoming, past, talks given, undated, past events holding talks you saw (latest first)
        self._order: tuple[list[str], list[str], Markup, Markup, list[str]] | None = None
        self._blocks: dict[str, Markup] = {}  # upcoming event path → its section
        self._rows: dict[str, tuple[Markup, bool]] = {}  # past event path → (its row, goal reached)
        self._wanting: dict[str, set[str]] | None = None  # person path → upcoming events that list them
        self._wants: dict[str, set[str]] = {}  # the same, by event

    def refresh(self, events: set[str], people: set[str], met_changed: bool, relinked: Collection[str] = ()) -> None:
        """Forget what changed: `events` (paths of event notes that changed, came or went), the
        people whose rows changed (`people`: their records and where their `met_at` goes are
        taken again), when some person's name, `met_at` or `met_on` changed (`met_changed`), who
        counts as met where; `relinked`: events left as they were that show someone who changed
        (a link that goes elsewhere now, a person met there): their sections and rows only."""
        if self._net is not None and people:
            self._net.update(self.facts, people)  # (the whole index made again was 40 ms at 50k)
        if events:
            self._order = None
        if met_changed:
            self._blocks.clear()
            self._rows.clear()
        for path in (*events, *relinked):
            self._blocks.pop(path, None)
            self._rows.pop(path, None)
            if self._wanting is not None:  # who it wants to meet, where its links go now
                self._unwant(path)
                self._want(path, self.facts.vault.record(path))
        if people:
            wanting = self._who_wants()
            for person in people:
                for path in wanting.get(person, ()):
                    self._blocks.pop(path, None)

    def _network(self) -> Network:
        if self._net is None:
            self._net = network(self.facts)
        return self._net

    def wanted(self) -> Collection[str]:
        """People on an upcoming event's want-to-meet list: this note shows their rows."""
        return self._who_wants().keys()

    def _who_wants(self) -> dict[str, set[str]]:
        if self._wanting is None:
            self._wanting, self._wants = {}, {}
            for event in self.facts.vault.events:
                self._want(event.note.path, event)
        return self._wanting

    def _want(self, path: str, event: Any) -> None:
        """Count who the event at `path` wants to meet, if it is an upcoming event."""
        if isinstance(event, Event) and event.want_to_meet and is_upcoming(event, self.facts.today):
            targets = {t for link in event.want_to_meet if (t := _resolved(self.facts, link.target, path)) is not None}
            wanting = self._wanting
            assert wanting is not None
            if targets:
                self._wants[path] = targets
                for target in targets:
                    wanting.setdefault(target, set()).add(path)

    def _unwant(self, path: str) -> None:
        wanting = self._wanting
        assert wanting is not None
        for target in self._wants.pop(path, ()):
            wanting[target].discard(path)
            if not wanting[target]:
                del wanting[target]

    def _ordered(self) -> tuple[list[str], list[str], Markup, Markup, list[str]]:
        if self._order is None:
            facts, today = self.facts, self.facts.today
            events = facts.vault.events
            dated = [e for e in events if e.date is not None]
            upcoming = [e.note.path for e in sorted((e for e in dated if is_upcoming(e, today)), key=_order)]
            earlier = sorted((e for e in dated if not is_upcoming(e, today)), key=_order)
            earlier.sort(key=lambda e: e.date or dt.date.min, reverse=True)  # stable: ties keep name order
            talk = facts.renderer.macro(ROWS, "talk")
            talks = "".join(talk({"link": facts.link(e.note.path), "date": iso(e.date), "kind": e.kind or "",
                                  "upcoming": is_upcoming(e, today)})
                            for e in sorted(sorted((e for e in dated if e.speaker), key=_order),
                                            key=lambda e: e.date or dt.date.min, reverse=True))
            undated = facts.renderer.macro(ROWS, "undated")
            without = "".join(undated(facts.named(e.note.path))
                              for e in sorted(events, key=lambda e: (sort_key(e.note.title), e.note.path))
                              if e.date is None)
            # Talks you saw are those of past events: an upcoming event's are in its prep note.
            heard = sorted(sorted((e for e in dated if e.talks and not is_upcoming(e, today)), key=_order),
                           key=lambda e: e.date or dt.date.min, reverse=True)
            self._order = (upcoming, [e.note.path for e in earlier], Markup(talks), Markup(without),
                           [e.note.path for e in heard])
        return self._order

    def _heard(self, path: str) -> dict[str, Any]:
        """An event's talks you saw, as written: speakers (links where they resolve, so read again
        at every plan: a name can come or go with any note), title and what stood out."""
        facts, event = self.facts, self.facts.vault.record(path)
        return {"link": facts.link(path), "date": iso(event.date),
                "talks": [{"speakers": facts.refs(t.speakers, path), "title": t.title, "note": t.note}
                          for t in event.talks]}

    def _block(self, path: str) -> Markup:
        facts, net = self.facts, self._network()
        event = facts.vault.record(path)
        made = self._blocks[path] = Markup(facts.renderer.macro(ROWS, "upcoming")({
            "link": facts.named(path), "facts": _facts_line(facts, event, facts.today),
            "want": _want(facts, event, net), "met": met_people(facts, event, net)}))
        return made

    def _row(self, path: str) -> tuple[Markup, bool]:
        facts, net = self.facts, self._network()
        event = facts.vault.record(path)
        met = met_people(facts, event, net)
        new = sum(1 for m in met if m["new"])
        target = goal(facts, event)
        row = {"link": facts.named(path), "date": iso(event.date), "kind": event.kind or "",
               "met": met, "new": new, "goal": target, "reached": new >= target}
        made = self._rows[path] = (Markup(facts.renderer.macro(ROWS, "past")(row)), new >= target)
        return made

    def context(self) -> dict[str, Any]:
        """Upcoming events (soonest first) with who to meet; past events (latest first) and their goal."""
        upcoming, past, talks, undated, heard = self._ordered()
        blocks, rows = self._blocks, self._rows
        past_rows = [rows.get(p) or self._row(p) for p in past]
        return {"today": iso(self.facts.today), "upcoming_count": len(upcoming), "past_count": len(past),
                "upcoming": Markup("".join(blocks.get(p) or self._block(p) for p in upcoming)),
                "past": Markup("".join(r for r, _ in past_rows)), "talks": talks, "undated": undated,
                "heard": [self._heard(p) for p in heard],
                "reached": sum(1 for _, reached in past_rows if reached)}



def events_view(facts: Facts) -> EventsView:
    """The events view of `facts`, made on first use and kept with it (`vaultkit watch` refreshes it)."""
    return facts.kept("events", EventsView)
