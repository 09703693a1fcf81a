"""Events.md: plans for upcoming events, past events against the new-people goal, and talks.

Who counts as **new** at an event: a person you met there (listed in its `met`, or whose
`met_at` links the event) whose own note says you first met there: `met_at` links this
event, or `met_on` falls within the event's dates (`date` … `end`). A name in `met` without a
person note is listed but not counted: vaultkit cannot tell whether you knew them before.
The goal is the event's `goal_new_people`, else `event_goal_new_people` from vaultkit.toml.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from vaultkit.records import Event, Person
from vaultkit.vault import sort_key
from vaultkit.views.common import Facts, iso
from vaultkit.views.people import person_row


@dataclass(frozen=True, slots=True)
class Network:
    """Person records by note path, and the event each person's `met_at` links (resolved once)."""

    people: dict[str, Person]
    met_at: dict[str, str]
    met_here: dict[str, list[Person]]


def network(facts: Facts) -> Network:
    """Index the people of a vault for the event views."""
    people = {p.note.path: p for p in facts.vault.people}
    met_at: dict[str, str] = {}
    met_here: dict[str, list[Person]] = defaultdict(list)
    for person in sorted(people.values(), key=lambda p: (sort_key(p.note.title), p.note.path)):
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

    Each is {"ref", "new", "person"}; a person linked twice is listed once.
    """
    path = event.note.path
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for link in event.met:
        target = _resolved(facts, link.target, path)
        person = net.people.get(target) if target else None
        key = target if target else "?" + link.target.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append({"ref": facts.ref(link, path), "person": person is not None,
                    "new": person is not None and is_new(net, person, event)})
    for person in net.met_here.get(path, []):
        if person.note.path not in seen:
            out.append({"ref": facts.link(person.note.path), "person": True, "new": True})
    return out


def _want(facts: Facts, event: Event, net: Network) -> list[dict[str, Any]]:
    rows = []
    for link in event.want_to_meet:
        target = _resolved(facts, link.target, event.note.path)
        person = net.people.get(target) if target else None
        if person is None:
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


def events_context(facts: Facts) -> dict[str, Any]:
    """Upcoming events (soonest first) with who to meet; past events (latest first) and their goal."""
    today = facts.today
    net = network(facts)
    dated = [e for e in facts.vault.events if e.date is not None]
    upcoming = []
    for event in sorted((e for e in dated if is_upcoming(e, today)), key=_order):
        upcoming.append({"link": facts.link(event.note.path), "facts": _facts_line(facts, event, today),
                         "want": _want(facts, event, net), "met": met_people(facts, event, net)})
    past = []
    earlier = sorted((e for e in dated if not is_upcoming(e, today)), key=_order)
    earlier.sort(key=lambda e: e.date or dt.date.min, reverse=True)  # stable: ties keep name order
    for event in earlier:
        met = met_people(facts, event, net)
        new = sum(1 for m in met if m["new"])
        target = goal(facts, event)
        past.append({"link": facts.link(event.note.path), "date": iso(event.date), "kind": event.kind or "",
                     "met": met, "new": new, "goal": target, "reached": new >= target})
    talks = [{"link": facts.link(e.note.path), "date": iso(e.date), "kind": e.kind or "",
              "upcoming": is_upcoming(e, today)}
             for e in sorted(sorted((e for e in dated if e.speaker), key=_order),
                             key=lambda e: e.date or dt.date.min, reverse=True)]
    undated = [facts.link(e.note.path)
               for e in sorted(facts.vault.events, key=lambda e: (sort_key(e.note.title), e.note.path))
               if e.date is None]
    return {"today": iso(today), "upcoming": upcoming, "past": past, "talks": talks, "undated": undated,
            "reached": sum(1 for p in past if p["reached"])}
