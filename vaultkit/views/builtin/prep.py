"""Prep/<event>.md: who to meet at an event, what you know of them, and last time's notes."""

from __future__ import annotations

from typing import Any

from vaultkit.reader.model import Note
from vaultkit.reader.records import Event
from vaultkit.views.common import Facts, by_name, iso
from vaultkit.views.derived.people import person_row


def _community(facts: Facts, event: Event) -> str | None:
    if event.community is None:
        return None
    return facts.vault.index.resolve(event.community.target, event.note.path).path


def _previous(facts: Facts, event: Event, community: str | None) -> Event | None:
    """The latest earlier event of the same community (or, without one, of the same kind and place)."""
    earlier = []
    for other in facts.vault.events:
        if other.note.path == event.note.path or other.date is None or event.date is None:
            continue
        if other.date >= event.date:
            continue
        same = (_community(facts, other) == community) if community else (
            other.kind == event.kind and other.location == event.location and event.location is not None)
        if same:
            earlier.append(other)
    return max(earlier, key=lambda e: (e.date, e.note.path), default=None)


def prep_context(facts: Facts, note: Note) -> dict[str, Any]:
    """Everything to read before an event."""
    event = Event.from_note(note)
    vault = facts.vault
    people = {p.note.path: p for p in vault.people}
    wanted: list[dict[str, Any]] = []
    wanted_paths: set[str] = set()
    for link in event.want_to_meet:
        target = vault.index.resolve(link.target, note.path).path
        if target in people:
            wanted_paths.add(target)
            wanted.append(person_row(facts, people[target]))
        else:
            wanted.append({"link": link.target, "name": link.target, "unknown": True})
    community = _community(facts, event)
    companies = {(people[p].company or "").casefold() for p in wanted_paths} - {""}
    likely: list[dict[str, Any]] = []
    for person in by_name(vault.people, lambda p: p.note.title):
        if person.note.path in wanted_paths:
            continue
        reasons = []
        if community and any(vault.index.resolve(c.target, person.note.path).path == community
                             for c in person.communities):
            reasons.append("same community")
        if person.company and person.company.casefold() in companies:
            reasons.append(f"works at {person.company}")
        if reasons:
            row = person_row(facts, person)
            row["why"] = reasons
            likely.append(row)
    previous = _previous(facts, event, community)
    last_time: dict[str, Any] | None = None
    if previous is not None:
        last_time = {
            "link": facts.link(previous.note.path),
            "date": iso(previous.date),
            "met": facts.refs(previous.met, previous.note.path),
            "notes": [item.text for item in previous.note.items],
        }
    goal = event.goal_new_people or vault.config.event_goal_new_people
    return {
        "title": note.title,
        "link": facts.link(note.path),
        "date": iso(event.date),
        "end": iso(event.end),
        "kind": event.kind or "",
        "location": event.location or "",
        "url": event.url or "",
        "community": facts.ref(event.community, note.path) if event.community else "",
        "speaker": event.speaker,
        "goal": goal,
        "wanted": wanted,
        "likely": likely,
        "last_time": last_time,
        "days_until": (event.date - facts.today).days if event.date else None,
    }
