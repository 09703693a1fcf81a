"""Incremental planning for `vaultkit watch`: after a save, plan only what it can change. Pure.

A `LivePlan` keeps one `Vault` and its derived facts (contacts per person, brag and challenge
entries, every person's rendered rows) between changes. A change that keeps every changed
note's path, kind and names (the common save: new text, new fields) leaves link resolution
as it was, so each changed note's contribution is replaced in place:

- its interactions in the contacts of the people it names (old and new contribution compared);
- its brag and challenge entries, kept in order by insertion;
- the rows of the people whose note or contacts changed;

and then only the generated notes that read what changed are rendered again. Anything else
(a note added, removed or renamed, a kind or alias changed, new attachments, a new day) is
answered by `can_apply` with False: the caller starts a fresh `LivePlan`, i.e. a full plan.
The result is always the same text a full `plan` would give; tests hold it to that.
"""

from __future__ import annotations

import datetime as dt
from bisect import insort
from collections.abc import Collection, Iterable, Mapping

from vaultkit import career
from vaultkit.config import Config
from vaultkit.model import Diagnostic, Link, Note, Severity
from vaultkit.plan import Planned, plan
from vaultkit.records import Person
from vaultkit.render import Renderer
from vaultkit.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.dashboard import ERRORS_TOPIC

ENTRY_KINDS = ("brag", "challenge")


def _names(note: Note) -> tuple[str | None, tuple[str, ...], str]:
    """What link resolution and the typed records depend on, besides the path."""
    return (note.kind, note.aliases, note.title)


def _has_error(note: Note) -> bool:
    return any(d.severity is Severity.ERROR for d in note.diagnostics)


def _target(link: Link | None) -> str | None:
    # Views resolve and print a field's link by its target; its line moves with any edit above.
    return None if link is None else link.target


def _met(person: Person | None) -> object:
    """What Events.md reads of a person who is not on a want-to-meet list."""
    return None if person is None else (person.note.title, _target(person.met_at), person.met_on)


def _member(person: Person | None) -> object:
    """What Communities.md reads of a person."""
    return None if person is None else (person.note.title, tuple(map(_target, person.communities)))


class LivePlan:
    """A vault in memory whose generated notes can be planned again change by change."""

    def __init__(self, notes: Iterable[Note], config: Config, attachments: Collection[str],
                 diagnostics: Iterable[Diagnostic], root: str | None, today: dt.date, renderer: Renderer) -> None:
        self.today = today
        self.renderer = renderer
        self.attachments = frozenset(attachments)
        self.vault = Vault(notes, config, self.attachments, diagnostics, root=root)
        self.facts = Facts(self.vault, today, renderer)
        self.people = {n.path for n in self.vault.of_kind("person")}
        self.outputs: list[str] = []  # every generated note's path, as of the last `plan_all`

    def plan_all(self) -> list[Planned]:
        """Every generated note, as `vaultkit build` plans them."""
        planned = plan(self.vault, self.today, self.renderer, self.facts)
        self.outputs = [p.path for p in planned]
        return planned

    def can_apply(self, changes: Mapping[str, Note | None], attachments: Collection[str], today: dt.date) -> bool:
        """Can `apply` take these changes, or do they need a fresh plan (see the module docstring)?"""
        if today != self.today or frozenset(attachments) != self.attachments:
            return False
        notes = self.vault.notes
        for path, note in changes.items():
            old = notes.get(path)
            if note is None or old is None or _names(old) != _names(note):
                return False
        return True

    def apply(self, changes: Mapping[str, Note]) -> list[Planned]:
        """Take new versions of notes (see `can_apply`); return the generated notes they can change."""
        vault, facts = self.vault, self.facts
        olds = {path: vault.notes[path] for path in changes}
        records = {path: vault.record(path) for path in changes}
        for note in changes.values():
            vault.replace(note)
        persons = {p for p in changes if p in self.people}
        contacts_of = self._update_contacts(olds, changes)
        entries_changed = self._update_entries(olds, changes)
        touched = persons | contacts_of
        if touched:
            facts.people_view.refresh(sorted(touched))
        kinds = {n.kind for n in changes.values()}
        for topic in (*(k for k in kinds if k), *entries_changed):
            facts.versions[topic] += 1
        if any(_has_error(olds[p]) != _has_error(n) for p, n in changes.items()):
            facts.versions[ERRORS_TOPIC] += 1  # the Dashboard counts notes with errors
        only = {"Dashboard.md"}
        if touched:
            only |= {"People.md", "Follow-ups.md"}
        if entries_changed:
            only.add("Brag.md")
        if "interview" in kinds:
            only.add("Interviews.md")
        if "share" in kinds:
            only.add("Sharing.md")
        after = {p: vault.record(p) for p in persons}
        met_changed = any(_met(records[p]) != _met(after[p]) for p in persons)
        facts.events_view.refresh({p for p, n in changes.items() if n.kind == "event"}, touched, met_changed)
        if "event" in kinds or met_changed or not touched.isdisjoint(facts.events_view.wanted()):
            only.add("Events.md")
        if kinds & {"event", "community"} or any(_member(records[p]) != _member(after[p]) for p in persons):
            only.add("Communities.md")
        # Review and prep notes read every typed note, entries and contacts: a change to
        # none of those (prose in a plain note) leaves them as they are.
        extras = bool(touched or entries_changed or kinds - {None})
        return plan(vault, self.today, self.renderer, facts, only=only, extras=extras)

    def _update_contacts(self, olds: Mapping[str, Note], news: Mapping[str, Note]) -> set[str]:
        """Replace each changed note's interactions; return the people whose contacts changed."""
        contacts = self.facts.contacts
        touched: set[str] = set()
        for path, note in news.items():
            before = career.note_interactions(self.vault, olds[path], self.people)
            after = career.note_interactions(self.vault, note, self.people)
            if before == after:
                continue
            for person in {i.person for i in before} | {i.person for i in after}:
                kept = [i for i in contacts.get(person, ()) if i.path != path]
                kept.extend(i for i in after if i.person == person)
                kept.sort(key=career.interaction_key)
                if kept:
                    contacts[person] = kept
                else:
                    contacts.pop(person, None)
                touched.add(person)
        return touched

    def _update_entries(self, olds: Mapping[str, Note], news: Mapping[str, Note]) -> set[str]:
        """Replace each changed note's brag and challenge entries, in place and in order;
        return the entry kinds that changed."""
        changed: set[str] = set()
        for kind in ENTRY_KINDS:
            found = self.facts.brags if kind == "brag" else self.facts.challenges
            for path, note in news.items():
                before = career.note_entries(self.vault, olds[path], kind)
                after = career.note_entries(self.vault, note, kind)
                if before == after:
                    continue
                found[:] = [e for e in found if e.path != path]
                for entry in after:
                    insort(found, entry, key=career.entry_key)
                changed.add(kind)
        return changed
