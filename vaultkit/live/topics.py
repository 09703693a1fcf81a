"""What a save touches, as the topics of `vaultkit.views.registry` say it (`live.replan`). Pure.

The incremental planner compares what a view reads of the notes before and after a change:
these are those comparisons, kept apart from the planner's bookkeeping.
"""

from __future__ import annotations

from collections.abc import Mapping

from vaultkit.reader.model import Interaction, Link, Note, Severity
from vaultkit.reader.records import Event, Person
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.derived.interviews import interviewed
from vaultkit.views.registry import CONTACTS, INTERVIEWED


def has_error(note: Note | None) -> bool:
    """Does the note (if any) hold an error of its own?"""
    return note is not None and any(d.severity is Severity.ERROR for d in note.diagnostics)


def _target(link: Link | None) -> str | None:
    # Views resolve and print a field's link by its target; its line moves with any edit above.
    return None if link is None else link.target


def met_of(person: Person | None) -> object:
    """What Events.md reads of a person who is not on a want-to-meet list."""
    return None if person is None else (person.note.title, _target(person.met_at), person.met_on)


def member(person: Person | None) -> object:
    """What Communities.md reads of a person."""
    return None if person is None else (person.note.title, tuple(map(_target, person.communities)))


def contacts_topics(facts: Facts, contacts_of: set[str], topics: set[str]) -> set[str]:
    """The topics of a change to the rows of people: `contacts`, and `interviewed` when one of
    `contacts_of` (the people whose contacts changed in more than their texts, not only their
    rows: a follow-up reads a contact's date, never its text) is named by an interview with a
    follow-up. (Where an interview changed, or its links went elsewhere,
    `topics` holds `interview` already: the set of people interviews name is asked only when no
    interview changed, so it is the one before the change.)"""
    if "interview" in topics or contacts_of.isdisjoint(interviewed(facts)):
        return {CONTACTS}
    return {CONTACTS, INTERVIEWED}


def untold(interaction: Interaction) -> tuple[object, ...]:
    """An interaction without its text: its date, note, line and source (`contacts_topics`)."""
    date, path, line, _, source = interaction
    return date, path, line, source


def field_targets(value: object) -> set[str]:
    """The targets of the links in a field value (a link, or lists and pairs holding links)."""
    if isinstance(value, Link):
        return {value.target}
    if isinstance(value, (list, tuple)):
        return {t for v in value for t in field_targets(v)}
    if isinstance(value, dict):
        return {t for v in value.values() for t in field_targets(v)}
    return set()


def changed_fields(olds: Mapping[str, Note], news: Mapping[str, Note], contacts_of: set[str]) -> dict[str, set[str]]:
    """By kind, the fields (and `title`, `tags`) whose values differ between old and new notes
    of that kind; for people, `last_contact` and `contacts` when someone's contacts changed."""
    found: dict[str, set[str]] = {}
    for path, new in news.items():
        old = olds[path]
        if new.kind is None:
            continue
        names = {k for k in old.fields.keys() | new.fields.keys() if old.fields.get(k) != new.fields.get(k)}
        if old.tags != new.tags:
            names.add("tags")
        if old.fields_unreadable != new.fields_unreadable:  # its link says so: every row shows it
            names.add("title")
        found.setdefault(new.kind, set()).update(names)
    if contacts_of:
        found.setdefault("person", set()).update(("last_contact", "contacts"))
    return found


def members_moved(vault: Vault, olds: Mapping[str, Note | None], changes: Mapping[str, Note | None],
                   moved_links: set[tuple[str, str]]) -> bool:
    """Can who or what is in which community have changed (Communities.md)? A person who came,
    went or changed with `communities` set, or a `communities` or `community` link of a note
    left as it was that now goes elsewhere (`moved_links`: (target, source) pairs)."""
    if any(n is not None and n.kind == "person" and n.fields.get("communities")
           for n in (*olds.values(), *changes.values())):
        return True
    for target, path in moved_links:
        if path in changes:
            continue
        record = vault.record(path)
        if isinstance(record, Person) and any(link.target == target for link in record.communities):
            return True
        if isinstance(record, Event) and record.community is not None and record.community.target == target:
            return True
    return False
