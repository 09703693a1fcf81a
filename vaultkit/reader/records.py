"""Typed records per kind, built from a parsed `Note` (SPEC §2).

Each record keeps its `note` (path, title, links, body facts) and exposes the kind's
fields with real types; absent fields are None or empty tuples.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vaultkit.reader.model import Link, Note
from vaultkit.reader.talks import Talk

if TYPE_CHECKING:
    from vaultkit.kinds.schema import KindSchema


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in your network."""

    note: Note
    company: str | None
    role: str | None
    met_at: Link | None
    met_on: dt.date | None
    topics: tuple[str, ...]
    work_together: tuple[str, ...]
    introduced_by: Link | None
    communities: tuple[Link, ...]
    links: tuple[str, ...]
    email: str | None
    cadence: str | None
    last_contact: dt.date | None
    priority: str | None = None  # one of the person kind's `priority` values (else kept as written)
    asks: tuple[str, ...] = ()  # what I could ask them for
    offers: tuple[str, ...] = ()  # how I can help them

    @classmethod
    def from_note(cls, note: Note) -> Person:
        """The person record of a note of kind person."""
        get = note.fields.get  # ~16 fields a record, a few thousand records a plan
        return cls(note, get("company"), get("role"), get("met_at"), get("met_on"),
                   get("topics", ()), get("work_together", ()), get("introduced_by"),
                   get("communities", ()), get("links", ()), get("email"),
                   get("cadence"), get("last_contact"), get("priority"),
                   get("asks", ()), get("offers", ()))


@dataclass(frozen=True, slots=True)
class Event:
    """An event you go to."""

    note: Note
    date: dt.date | None
    end: dt.date | None
    kind: str | None
    location: str | None
    url: str | None
    community: Link | None
    want_to_meet: tuple[Link, ...]
    met: tuple[Link, ...]
    speaker: bool
    goal_new_people: int | None
    talks: tuple[Talk, ...] = ()  # frontmatter `talks:`, then the `## Talks` section's

    @classmethod
    def from_note(cls, note: Note) -> Event:
        """The event record of a note of kind event."""
        get = note.fields.get  # ~16 fields a record, a few thousand records a plan
        return cls(note, get("date"), get("end"), get("kind"), get("location"),
                   get("url"), get("community"), get("want_to_meet", ()),
                   get("met", ()), bool(get("speaker", False)), get("goal_new_people"),
                   get("talks", ()))


@dataclass(frozen=True, slots=True)
class Interview:
    """A market test: one interview process."""

    note: Note
    company: str | None
    role: str | None
    date: dt.date | None
    stage: str | None
    people: tuple[Link, ...]
    rounds: tuple[dict[str, Any], ...]
    gaps: tuple[str, ...]
    door_open: bool | None
    follow_up: dt.date | None

    @classmethod
    def from_note(cls, note: Note) -> Interview:
        """The interview record of a note of kind interview."""
        get = note.fields.get  # ~16 fields a record, a few thousand records a plan
        return cls(note, get("company"), get("role"), get("date"), get("stage"),
                   get("people", ()), get("rounds", ()), get("gaps", ()),
                   get("door_open"), get("follow_up"))


@dataclass(frozen=True, slots=True)
class Share:
    """Something shared outside work."""

    note: Note
    date: dt.date | None
    kind: str | None
    channel: str | None
    url: str | None
    topics: tuple[str, ...]
    metrics: tuple[str, ...]

    @classmethod
    def from_note(cls, note: Note) -> Share:
        """The share record of a note of kind share."""
        get = note.fields.get  # ~16 fields a record, a few thousand records a plan
        return cls(note, get("date"), get("kind"), get("channel"), get("url"),
                   get("topics", ()), get("metrics", ()))


@dataclass(frozen=True, slots=True)
class Community:
    """A community you invest in."""

    note: Note
    focus: str | None
    role: str | None
    joined: dt.date | None
    url: str | None

    @classmethod
    def from_note(cls, note: Note) -> Community:
        """The community record of a note of kind community."""
        get = note.fields.get  # ~16 fields a record, a few thousand records a plan
        return cls(note, get("focus"), get("role"), get("joined"), get("url"))


@dataclass(frozen=True, slots=True)
class Record:
    """A note of a kind with no record class of its own (a kind of the vault's or a plugin's,
    brag, challenge): every field its schema declares, read as `record.stage` or
    `record["stage"]`; an absent field is None, or () for a list or links field."""

    note: Note
    kind: str
    fields: dict[str, Any]

    @classmethod
    def from_note(cls, note: Note, kind: KindSchema) -> Record:
        """The record of a note of `kind` (its fields' defaults are already in the note)."""
        return cls(note, kind.name, {name: note.fields.get(name, () if spec.type in ("list", "links") else None)
                                     for name, spec in kind.fields.items()})

    def __getattr__(self, name: str) -> Any:
        if name == "fields" or name.startswith("__"):  # unset while copy or pickle builds one
            raise AttributeError(name)
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(f"{self.kind} has no field {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]
