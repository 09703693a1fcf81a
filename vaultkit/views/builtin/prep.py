"""Prep/<event>.md: who to meet at an event and what you know of them; once the event is past,
the same note is its debrief.

Before (and during) the event: the speakers first, each with the line that stood out from
their talk (this one's, else the last one of theirs you noted: the opener to use when you
approach them); then the others you want to meet; then the community's regulars (met at two
or more of its other events) and organisers (a person of the community whose `role` or tags
say organiser); then who else is likely there (the same community, or the company of someone
you want to meet); and last time's notes. Each person comes with their note's own text (its
`## Notes` section, else its last paragraph), what interviews say about them ("interviewed
you at Helix Systems …; door open"), topics, ways to work together and the last contact.

After its last day: who you met against the goal of new people, whom you wanted to meet and
did not, who has no contact logged since the event (a follow-up to write), and the talk notes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from vaultkit.reader.model import Note
from vaultkit.reader.records import Community, Event, Person
from vaultkit.views.common import Facts, by_name, iso
from vaultkit.views.derived.events import goal, is_upcoming, last_day, met_people, network
from vaultkit.views.derived.interviews import about_person, shown
from vaultkit.views.derived.people import person_row
from vaultkit.views.derived.talks import talk_rows

REGULAR = 2  # met at this many of the community's other events: a regular
_ORGANISER = re.compile(r"\b(?:co-?)?organi[sz](?:er|ers|ing|es)\b", re.IGNORECASE)


def _community(facts: Facts, event: Event) -> str | None:
    if event.community is None:
        return None
    return facts.vault.index.resolve(event.community.target, event.note.path).path


def _previous(facts: Facts, event: Event, community: str | None) -> Event | None:
    """The latest earlier event of the same community (or, without one, of the same kind and place)
    that is over by `today`: one still to come has no notes of yours to show (its template's)."""
    earlier = []
    for other in facts.vault.events:
        if other.note.path == event.note.path or other.date is None or event.date is None:
            continue
        if other.date >= event.date or is_upcoming(other, facts.today):
            continue
        same = (_community(facts, other) == community) if community else (
            other.kind == event.kind and other.location == event.location and event.location is not None)
        if same:
            earlier.append(other)
    return max(earlier, key=lambda e: (e.date, e.note.path), default=None)


def _person(facts: Facts, person: Person) -> dict[str, Any]:
    """A person as a prep note shows them: their row, own text and what interviews say."""
    path = person.note.path
    row = person_row(facts, person)
    last = facts.last_contact(path)
    if last is not None and last.source == "last_contact":
        row["last_text"] = ""  # a date in the frontmatter says nothing more
    row["about"] = person.note.about
    row["interviews"] = [shown(r) for r in about_person(facts, path)]
    row["path"] = path
    return row


def _organises(person: Person) -> bool:
    return bool(person.role and _ORGANISER.search(person.role)) or any(
        _ORGANISER.fullmatch(tag.rsplit("/", 1)[-1]) for tag in person.note.tags)


def _regulars(facts: Facts, event: Event, community: str | None, people: dict[str, Person],
              listed: set[str]) -> list[dict[str, Any]]:
    """The community's organisers and the people met at several of its other events."""
    if community is None:
        return []
    net = network(facts)
    times: Counter[str] = Counter()
    for other in facts.vault.events:
        if other.note.path != event.note.path and _community(facts, other) == community:
            times.update({m["path"] for m in met_people(facts, other, net) if m["path"]})
    mine = facts.vault.record(community)
    organiser = "co-organiser" if isinstance(mine, Community) and mine.role == "organizer" else "organiser"
    out = []
    for person in by_name(people.values(), lambda p: p.note.title):
        path = person.note.path
        if path in listed:
            continue
        member = any(facts.vault.index.resolve(c.target, path).path == community for c in person.communities)
        why = [organiser] if member and _organises(person) else []
        if times[path] >= REGULAR:
            why.append(f"met at {times[path]} of its events")
        if why:
            out.append({**_person(facts, person), "why": why})
    return out


def _likely(facts: Facts, community: str | None, people: dict[str, Person], wanted: set[str],
            listed: set[str]) -> list[dict[str, Any]]:
    companies = {(people[p].company or "").casefold() for p in wanted} - {""}
    likely = []
    for person in by_name(people.values(), lambda p: p.note.title):
        if person.note.path in listed:
            continue
        reasons = []
        if community and any(facts.vault.index.resolve(c.target, person.note.path).path == community
                             for c in person.communities):
            reasons.append("same community")
        if person.company and person.company.casefold() in companies:
            reasons.append(f"works at {person.company}")
        if reasons:
            row = person_row(facts, person)
            row["why"] = reasons
            likely.append(row)
    return likely


def _debrief(facts: Facts, event: Event, people: dict[str, Person]) -> dict[str, Any]:
    """Who you met against the goal, whom you missed, who has no follow-up yet, the talk notes."""
    met = met_people(facts, event, network(facts))
    new = sum(1 for m in met if m["new"])
    target = goal(facts, event)
    met_paths = {m["path"] for m in met if m["path"]}
    missed = []
    for link in event.want_to_meet:
        path = facts.vault.index.resolve(link.target, event.note.path).path
        if path not in met_paths:
            missed.append(facts.ref(link, event.note.path))
    end = last_day(event)
    pending = []
    for m in met:
        path = m["path"]
        if path is None or path not in people or end is None:
            continue
        since = [i for i in facts.contacts.get(path, ()) if end < i.date <= facts.today]
        if not since:
            pending.append({"link": m["ref"], "name": people[path].note.title, "new": m["new"]})
    return {"met": met, "new": new, "goal": target, "reached": new >= target, "missed": missed,
            "pending": pending, "unnamed": [m["ref"] for m in met if not m["person"]]}


def prep_context(facts: Facts, note: Note) -> dict[str, Any]:
    """Everything to read before an event, or its debrief once it is past."""
    event = Event.from_note(note)
    vault = facts.vault
    people = {p.note.path: p for p in vault.people}
    community = _community(facts, event)
    upcoming = event.date is None or is_upcoming(event, facts.today)
    talks = talk_rows(facts, event)
    speakers = []
    for row in talks:
        path = row["path"]
        if row["speaker"]:
            speakers.append({**row, "person": _person(facts, people[path]) if path in people else None})
    listed = {s["path"] for s in speakers if s["path"]}
    wanted: list[dict[str, Any]] = []
    wanted_paths: set[str] = set()
    for link in event.want_to_meet:
        target = vault.index.resolve(link.target, note.path).path
        if target in people:
            wanted_paths.add(target)
            if target not in listed:
                wanted.append(_person(facts, people[target]))
        elif not any(s["speaker"] == link.target for s in speakers):
            wanted.append({"link": link.target, "name": link.target, "unknown": True})
    listed |= wanted_paths
    regulars = _regulars(facts, event, community, people, listed)
    listed |= {r["path"] for r in regulars}
    previous = _previous(facts, event, community)
    last_time: dict[str, Any] | None = None
    if previous is not None:
        talk_lines = {t.line for t in previous.talks}
        last_time = {
            "link": facts.link(previous.note.path),
            "date": iso(previous.date),
            "met": facts.refs(previous.met, previous.note.path),
            "about": previous.note.about,  # its prose: the `## Notes` section's, else the last paragraph
            # Its list items but the talks, shown below with the debrief's talk reader (frontmatter too).
            "notes": [item.text for item in previous.note.items if item.line not in talk_lines],
            "talks": talk_rows(facts, previous, earlier=False),
        }
    days = (event.date - facts.today).days if event.date else None
    end = last_day(event)
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
        "goal": goal(facts, event),
        "speakers": speakers,
        "talks": talks if upcoming else talk_rows(facts, event, earlier=False),
        "wanted": wanted,
        "regulars": regulars,
        "likely": _likely(facts, community, people, wanted_paths, listed),
        "last_time": last_time,
        "days_until": days,
        "under_way": days is not None and days < 0 and upcoming,
        "days_since": (facts.today - end).days if end and not upcoming else None,
        "debrief": None if upcoming else _debrief(facts, event, people),
    }
