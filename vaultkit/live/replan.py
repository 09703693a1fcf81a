"""Incremental planning for `vaultkit watch`: after a save, plan only what it can change. Pure.

A `LivePlan` keeps one `Vault` and its derived facts (contacts per person, brag and challenge
entries, every person's rendered rows) between changes. A change that keeps every changed
note's path, kind and names (the common save: new text, new fields) leaves link resolution
as it was, so each changed note's contribution is replaced in place:

- its interactions in the contacts of the people it names (old and new contribution compared);
- its brag and challenge entries, kept in order by insertion;
- the rows of the people whose note or contacts changed;

and then only the generated notes whose views read what changed (`View.reads`: the topics of
`vaultkit.views.registry`) are rendered again. A note added,
removed or renamed, or whose title, aliases or kind changed, changes where some links go: those
naming one of its old or new names (`relink`). The notes holding such links count as changed
too (their contacts, entries and rows are made again), the vault's indexes are updated in place,
and only a change to how every link to a note is written (a name now shared) or to the generated
notes' own names plans everything. New attachments, a new day or a burst of many changes are
answered by `can_apply` with False: the caller starts a fresh `LivePlan`, i.e. a full plan.
The result is always the same text a full `plan` would give; tests hold it to that.
"""

from __future__ import annotations

import datetime as dt
from bisect import insort
from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from vaultkit.live.relink import Held, Linkers, names, tail, update_vault
from vaultkit.live.topics import (
    changed_fields,
    contacts_topics,
    field_targets,
    has_error,
    member,
    members_moved,
    met_of,
    untold,
)
from vaultkit.reader import career
from vaultkit.reader.config import Config
from vaultkit.reader.links import name_key
from vaultkit.reader.model import Diagnostic, Entry, Note
from vaultkit.reader.records import Person
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.derived.events import events_view
from vaultkit.views.derived.people import people_view
from vaultkit.views.outputs import held_back, index_names
from vaultkit.views.plan import Planned, plan
from vaultkit.views.registry import ERRORS, MEMBERS, MET, WANTED, views_of
from vaultkit.views.render import Renderer

ENTRY_KINDS = ("brag", "challenge")
MAX_CHANGES = 64  # more notes changed at once (a git pull): a full plan costs less than each one's effects
MAX_RELINKED = 500  # more notes linking to the names that changed: the same


_NO_MET = (None, None, None)  # `_met_key` of a note that is no person


def _names(note: Note) -> tuple[str | None, tuple[str, ...], str]:
    """What link resolution and the typed records depend on, besides the path."""
    return (note.kind, note.aliases, note.title)


def _kind(note: Note | None) -> object:
    """A note's kind; a missing note has one of its own."""
    return _GONE if note is None else note.kind


_GONE = object()


def _refresh_communities(facts: Facts, paths: Iterable[str]) -> None:
    """Communities.md's parts of the communities the notes at `paths` are, are in or were in (the
    notes that changed, and those whose links go elsewhere now), once that view is made."""
    view = facts.made("communities")
    if view is not None:
        view.refresh(sorted(paths))


class LivePlan:
    """A vault in memory whose generated notes can be planned again change by change."""

    def __init__(self, notes: Iterable[Note], config: Config, attachments: Collection[str],
                 diagnostics: Iterable[Diagnostic], root: str | None, today: dt.date, renderer: Renderer,
                 held: Held | None = None) -> None:
        """`held`: the link targets of the notes held without their links (`relink.targets`),
        as the caller keeps them current."""
        self.held: Held = {} if held is None else held
        self.today = today
        self.renderer = renderer
        self.attachments = frozenset(attachments)
        self.vault = Vault(notes, config, self.attachments, diagnostics, root=root)
        self.facts = Facts(self.vault, today, renderer)
        self.people = {n.path for n in self.vault.of_kind("person")}
        self.outputs: list[str] = []  # every generated note's path, as of the last `plan_all`
        self.linkers: Linkers | None = None  # see `links`
        self._linking: Linkers | None = None  # the one `link_step` is making
        self.queries = {n.path for n in self.vault.notes.values() if n.queries}  # the notes holding query regions
        # What the last `apply` changed of what query regions read: by kind, the fields that
        # changed in some note of it (a person's "last_contact" and "contacts" when contacts
        # moved); None: anything may have changed (a full plan, a rename).
        self.topics: dict[str, set[str]] | None = None

    def release(self) -> None:
        """Let go of what only planning reads (the derived facts, the links index): the
        vault, its outputs and `today` stay, for the build record; a later plan makes them again."""
        self.facts = Facts(self.vault, self.today, self.renderer)
        self.linkers = self._linking = None

    def _fresh_facts(self) -> None:
        """Derived facts made anew in place of the current ones, which are emptied: they and
        their views hold each other in cycles, and the heap frozen after a full plan
        (`settle_heap`) would keep them for good (the whole plan's memory, at each such change)."""
        old, self.facts = self.facts, Facts(self.vault, self.today, self.renderer)
        vars(old).clear()  # nothing reads them any more: freed by reference counting, at once

    def plan_all(self, given: Mapping[str, Planned] | None = None) -> list[Planned]:
        """Every generated note, as `vaultkit build` plans them (`given`: index notes planned
        already, by view key, as `plan` takes them: `live.rowwork`)."""
        planned = plan(self.vault, self.today, self.renderer, self.facts, given=given)
        self.facts.forget_links()  # kept for as long as the watcher runs, for the few a save makes again
        self.outputs = [p.path for p in planned]
        self.topics = None
        return planned

    def links(self) -> Linkers:
        """Which notes link to which names: made when first asked (`vaultkit watch` makes it
        while nothing waits, after the first plan, a slice at a time: `link_step`), then kept
        current change by change."""
        if self.linkers is None:
            if self._linking is None:
                self.linkers = Linkers(self.vault.notes.values(), self.held)
            else:  # the rest of what `link_step` started
                self._linking.step(self.vault.notes, len(self.vault.notes))
                self.linkers, self._linking = self._linking, None
        return self.linkers

    def link_step(self, count: int) -> bool:
        """Index the links of up to `count` more notes for `links`; True once it is made.
        (A save that comes meanwhile waits for one slice, not for the whole vault's links.)"""
        if self.linkers is None:
            if self._linking is None:
                self._linking = Linkers.start(self.vault.notes, self.held)
            if self._linking.step(self.vault.notes, count):
                self.linkers, self._linking = self._linking, None
        return self.linkers is not None

    def can_apply(self, changes: Mapping[str, Note | None], attachments: Collection[str], today: dt.date) -> bool:
        """Can `apply` take these changes, or do they need a fresh plan (see the module docstring)?"""
        if today != self.today or frozenset(attachments) != self.attachments:
            return False
        if len(changes) > MAX_CHANGES:
            return False
        keys = self._renamed(changes)
        return not keys or len(self.links().of(keys)) <= MAX_RELINKED

    def _renamed(self, changes: Mapping[str, Note | None]) -> set[str]:
        """The name keys of the notes among `changes` that come, go, or change names or kind."""
        keys: set[str] = set()
        for path, note in changes.items():
            old = self.vault.notes.get(path)
            if old is None and note is None:
                continue
            if old is None or note is None or _names(old) != _names(note):
                keys |= (names(old) if old else set()) | (names(note) if note else set())
        return keys

    def apply(self, changes: Mapping[str, Note | None]) -> list[Planned]:
        """Take new versions of notes, new notes and removals (None) (see `can_apply`); return
        the generated notes they can change."""
        changes = {p: n for p, n in changes.items() if n is not None or p in self.vault.notes}
        for path, note in changes.items():
            if note is not None and note.queries:
                self.queries.add(path)
            else:
                self.queries.discard(path)
        keys = self._renamed(changes)
        if keys:
            return self._apply_names(changes, keys)
        news = {p: n for p, n in changes.items() if n is not None}
        index = self.linkers or self._linking  # (not started yet: it will be, from the notes as they are then)
        if index is not None:
            for path, note in news.items():
                index.remove(self.vault.notes[path])
                index.add(note)
        return self._apply_edits(news)

    def _apply_edits(self, changes: Mapping[str, Note]) -> list[Planned]:
        """New versions of notes whose names and kind are unchanged: links go where they went."""
        vault, facts = self.vault, self.facts
        olds = {path: vault.notes[path] for path in changes}
        records = {path: vault.record(path) for path in changes}
        for note in changes.values():
            vault.replace(note)
        persons = {p for p in changes if p in self.people}
        contacts_of, dated = self._update_contacts(olds, changes)
        entries_changed = self._update_entries(olds, changes)
        touched = persons | contacts_of
        if touched:
            people_view(facts).refresh(sorted(touched))
        kinds = {n.kind for n in changes.values()}
        self.topics = changed_fields(olds, changes, contacts_of)  # for query regions
        topics: set[str] = {*(k for k in kinds if k), *entries_changed}
        if touched:
            topics.update(contacts_topics(facts, dated, topics))
        if any(has_error(olds[p]) != has_error(n) for p, n in changes.items()):
            topics.add(ERRORS)  # the Dashboard counts notes with errors
        after = {p: vault.record(p) for p in persons}
        met_changed = any(met_of(records[p]) != met_of(after[p]) for p in persons)
        if met_changed:
            topics.add(MET)
        events = events_view(facts)
        events.refresh({p for p, n in changes.items() if n.kind == "event"}, touched, met_changed)
        _refresh_communities(facts, changes)
        if not touched.isdisjoint(events.wanted()):
            topics.add(WANTED)
        if any(member(records[p]) != member(after[p]) for p in persons):
            topics.add(MEMBERS)
        # Review and prep notes read every typed note, entries and contacts: a change to
        # none of those (prose in a plain note) leaves them as they are.
        extras = bool(touched or entries_changed or kinds - {None})
        return self._plan(topics, extras)

    def _plan(self, topics: set[str], extras: bool, relinked: Collection[str] = ()) -> list[Planned]:
        """Bump `topics` and `relinked` (what `Facts.memo` keeps is made again) and plan the views
        that read them (`relinked`: kinds of notes left as they were whose links go elsewhere)."""
        facts = self.facts
        for topic in (*topics, *relinked):
            facts.versions[topic] += 1
        only = {view.key for view in views_of(self.vault.config)
                if view.reads_any(topics) or view.reads_relinked(relinked)}
        return plan(self.vault, self.today, self.renderer, facts, only=only, extras=extras)

    def _apply_names(self, changes: Mapping[str, Note | None], keys: set[str]) -> list[Planned]:
        """Changes that add, remove or rename notes, or change a title, aliases or kind (`keys`:
        those notes' old and new names): the notes with a link that now goes elsewhere (or to a
        note that came, went or changed kind) count as changed too."""
        vault, facts = self.vault, self.facts
        self.topics = None  # where links go changed: every query region may show it
        linkers = self.links()
        olds = {p: vault.notes.get(p) for p in changes}
        others = {p: vault.notes[p] for p in linkers.of(keys) - set(changes)}
        was = {(t, p): vault.resolve(t, p).path for p, n in others.items() for t in linkers.naming(n, keys)}
        looked = {**olds, **others}
        held, people = held_back(vault), frozenset(self.people)  # (as before: `self.people` changes in place below)
        befores = {p: career.note_interactions(vault, n, people) if n else [] for p, n in looked.items()}
        entries = {(k, p): career.note_entries(vault, n, k) if n else []
                   for k in ENTRY_KINDS for p, n in looked.items()}
        met = {p: self._met_key(p) for p in looked if p in people}
        for old in olds.values():
            if old is not None:
                linkers.remove(old)
        update_vault(vault, [p for p, n in olds.items() if n is not None], [n for n in changes.values() if n],
                     linkers)
        for note in changes.values():
            if note is not None:
                linkers.add(note)
        for path, note in changes.items():  # (not a pass over every person of the vault)
            if note is not None and note.kind == "person":
                self.people.add(path)
            else:
                self.people.discard(path)
        if held_back(vault) != held or self._shared_changed(changes, olds) or not keys.isdisjoint(self._output_keys()):
            # How links to some note are written, or which generated notes are written, changed.
            self._fresh_facts()
            return self.plan_all()
        reborn = {p for p, n in changes.items() if _kind(n) != _kind(olds[p])}  # came, went, or changed kind
        moved_links = {(t, p) for (t, p), path in was.items()
                       if path in reborn or (now := vault.resolve(t, p).path) != path or now in reborn}
        moved = {p for _, p in moved_links}
        # The changed notes' own links may go elsewhere too (a new alias can be a name the note itself
        # holds): their entries' rows are made again, as the moved notes' are.
        redone = set(changes) | moved
        news = {p: vault.notes.get(p) for p in redone}
        before = {p: looked[p] for p in redone}
        touched, dated = self._swap_contacts({p: befores[p] for p in redone},
                                             {p: career.note_interactions(vault, n, self.people) if n else []
                                              for p, n in news.items()})
        touched = touched | {p for p in redone if p in people or p in self.people}  # their rows show their links
        afters = {(k, p): career.note_entries(vault, n, k) if n else [] for k in ENTRY_KINDS for p, n in news.items()}
        # An entry's row shows where the links of its fields go (`impacted`, `related`): those of a
        # note left as it was are made again where one of them names a name that changed (so may go
        # elsewhere), not for any link of the note.
        named = keys | {""}  # ("": a folder-like target, resolved again whatever name changed)
        shown = set(changes) | {p for p in moved - set(changes) if any(
            tail(t) in named for k in ENTRY_KINDS for e in afters[(k, p)] for t in field_targets(e.fields))}
        entries_changed = self._swap_entries({(k, p): entries[(k, p)] for k in ENTRY_KINDS for p in redone},
                                             afters, force=shown)
        events = {n.path for n in (*before.values(), *news.values()) if n is not None and n.kind == "event"}
        relinked_events = events - set(changes)  # left as they were: only their links go elsewhere
        met_events: set[str] = set()
        met_on: set[str] = set()  # names of people whose `met_on` changed
        for path in redone:  # the events a person met at list them, by name
            if met.get(path) != (after := self._met_key(path) if path in self.people else None):
                met_events |= {k[1] for k in (met.get(path), after) if k is not None and k[1] is not None}
                if (met.get(path) or _NO_MET)[2] != (after or _NO_MET)[2]:
                    met_on |= {k for n in (looked.get(path), vault.notes.get(path)) if n is not None for k in names(n)}
        if met_on:  # an event whose dates hold a person's `met_on` counts them new: those listing them
            met_events |= {p for p in linkers.of(met_on) if _kind(vault.notes.get(p)) == "event"}
        people_view(facts).refresh(sorted(touched))
        view = events_view(facts)
        view.refresh(events & set(changes), touched, False, relinked_events | met_events)
        _refresh_communities(facts, redone)
        # The kinds of the notes that changed, and of those only whose links go elsewhere (the
        # views that show none of their links, `View.relinks`, are not planned for them).
        topics: set[str] = {*entries_changed,
                            *(n.kind for n in (*olds.values(), *changes.values()) if n is not None and n.kind)}
        relinked = {n.kind for p, n in before.items() if p not in changes and n is not None and n.kind} - topics
        if any(has_error(olds[p]) != has_error(n) for p, n in changes.items()):
            topics.add(ERRORS)
        if touched:
            topics.update(contacts_topics(facts, dated, topics | relinked))
        if met_events:
            topics.add(MET)
        if not touched.isdisjoint(view.wanted()):
            topics.add(WANTED)
        if members_moved(vault, olds, changes, moved_links):
            topics.add(MEMBERS)
        return self._plan(topics, True, relinked)

    def _met_key(self, path: str) -> tuple[str, str | None, object] | None:
        """What Events.md reads of a person: title, the note `met_at` resolves to, `met_on`."""
        person = self.vault.record(path)
        if not isinstance(person, Person):
            return None
        target = self.vault.resolve(person.met_at, path).path if person.met_at is not None else None
        return (person.note.title, target, person.met_on)

    def _shared_changed(self, changes: Mapping[str, Note | None], olds: Mapping[str, Note | None]) -> bool:
        """Did a name come to be shared by several notes, or stop being shared (`Facts.shared_names`:
        every link to such a note is written by its path)? Only the stems of `changes` can have."""
        shared, counts = self.facts.shared_names, Counter(self._output_keys())
        notes, index = self.vault.notes, self.vault.index
        for note in (*changes.values(), *olds.values()):
            if note is not None:
                key = name_key(note.stem)
                if (sum(p in notes for p in index.by_name.get(key, ())) + counts[key] > 1) != (key in shared):
                    return True
        return False

    def _output_keys(self) -> list[str]:
        """The names of the generated index notes, as names compare (the Dashboard links them by name)."""
        return [name_key(name.removesuffix(".md")) for name in index_names(self.vault.config).values()]

    def _update_contacts(self, olds: Mapping[str, Note], news: Mapping[str, Note]) -> tuple[set[str], set[str]]:
        """Replace each changed note's interactions; return `_swap_contacts`'s two sets."""
        return self._swap_contacts({p: career.note_interactions(self.vault, olds[p], self.people) for p in news},
                                   {p: career.note_interactions(self.vault, n, self.people) for p, n in news.items()})

    def _swap_contacts(self, befores: Mapping[str, list[career.Recorded]],
                       afters: Mapping[str, list[career.Recorded]]) -> tuple[set[str], set[str]]:
        """Replace each note's interactions (`befores` → `afters`, by note path); return the people
        whose contacts changed, and those whose contacts changed in more than their texts (`untold`:
        a note held with stand-ins for them, `live.held`, differs from itself read anew in those)."""
        contacts = self.facts.contacts
        touched: set[str] = set()
        dated: set[str] = set()
        for path, after in afters.items():
            if befores[path] == after:
                continue
            was, now = career.spread(befores[path]), career.spread(after)
            for person in was.keys() | now.keys():
                mine = now.get(person, [])
                if mine == was.get(person, []):
                    # The others a note names keep their contacts (a daily note naming a person
                    # who was deleted still names the rest): their rows are not made again.
                    continue
                kept = [i for i in contacts.get(person, ()) if i.path != path]
                kept.extend(mine)
                kept.sort(key=career.interaction_key)
                if kept:
                    contacts[person] = kept
                else:
                    contacts.pop(person, None)
                touched.add(person)
                if list(map(untold, mine)) != list(map(untold, was.get(person, ()))):
                    dated.add(person)
        return touched, dated

    def _update_entries(self, olds: Mapping[str, Note], news: Mapping[str, Note]) -> set[str]:
        """Replace each changed note's brag and challenge entries, in place and in order;
        return the entry kinds that changed."""
        return self._swap_entries(
            {(k, p): career.note_entries(self.vault, olds[p], k) for k in ENTRY_KINDS for p in news},
            {(k, p): career.note_entries(self.vault, n, k) for k in ENTRY_KINDS for p, n in news.items()})

    def _swap_entries(self, befores: Mapping[tuple[str, str], list[Entry]],
                      afters: Mapping[tuple[str, str], list[Entry]], force: Collection[str] = ()) -> set[str]:
        """Replace each note's entries of each kind (`befores` → `afters`, by (kind, note path)),
        also where equal for the notes in `force` (their links may go elsewhere: rows made
        again); return the entry kinds that changed."""
        changed: set[str] = set()
        for kind in ENTRY_KINDS:
            redo = {path: after for (of, path), after in afters.items()
                    if of == kind and (befores[(of, path)] != after or (path in force and after))}
            if not redo:
                continue
            found = self.facts.brags if kind == "brag" else self.facts.challenges
            found[:] = [e for e in found if e.path not in redo]  # one pass, however many notes changed
            for after in redo.values():
                for entry in after:
                    insort(found, entry, key=career.entry_key)
            changed.add(kind)
        return changed
