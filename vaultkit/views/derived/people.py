"""Every person's rows and follow-up state, kept per person: what People.md, Follow-ups.md,
Events.md, the Dashboard and prep notes show of people (derived data, shared by views).

Each person's rows are rendered once (by the macros of `People.rows.md.j2` and
`Follow-ups.rows.md.j2`) and kept: after a change, `PeopleView.refresh` renders again only
the rows of the people it names, and the notes are put together by joining texts. The
order of follow-ups is kept sorted as people come and go, so one save costs the rows it
touches, not the whole vault (SPEC §7).
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from vaultkit.reader import career
from vaultkit.reader.career import contact_date
from vaultkit.reader.model import Interaction
from vaultkit.reader.network import clean, looking_for, manager_path, network, told_in
from vaultkit.reader.records import Person
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso, without_date
from vaultkit.views.derived.network import conversation, last_time, looking_for_line
from vaultkit.views.derived.rows import Rows

NO_COMPANY = "No company"
PEOPLE_ROWS = "People.rows.md.j2"
FOLLOWUP_ROWS = "Follow-ups.rows.md.j2"


def person_row(facts: Facts, person: Person, upto_today: bool = True, told: bool = True) -> dict[str, Any]:
    """What the indexes show of one person; `upto_today=False`: the last contact is the latest
    dated one, a planned one included (People.md does not change from day to day). `told=False`:
    its `last_text` and `last_source` left empty, for a caller that sets them its own way (the
    keys stay where they are: a template that walks the row sees them in the same order)."""
    path = person.note.path
    last = facts.last_contact(path, upto_today)
    text: str = ""
    source: Markup | str = ""
    if told and last is not None:
        text = clean(without_date(facts.text(last)))
        source = facts.link(last.path) if last.path != path else ""
    met_at: Any = facts.ref(person.met_at, path) if person.met_at else ""
    return {
        "link": facts.named(path),
        "name": person.note.title,
        "company": person.company or "",
        "role": person.role or "",
        "topics": list(person.topics),
        "work_together": list(person.work_together),
        "met_at": met_at,
        "met_on": iso(person.met_on),
        "last_contact": iso(last.date) if last else "",
        "last_text": text,
        "last_source": source,
        "communities": facts.refs(person.communities, path),
    }


def _name_key(person: Person) -> tuple[tuple[str, str], tuple[str, str]]:
    # By name; people of the same name keep path order (as a stable sort of vault.people would).
    return (sort_key(person.note.title), sort_key(person.note.path))


def _company(person: Person) -> str:
    return (person.company or "").strip()


def _company_key(company: str) -> tuple[Any, ...]:
    # Companies by name; people with none ("") last.
    return (1,) if not company else (0, sort_key(company))


def _bump(counter: Counter[Any], key: Any, sign: int) -> None:
    counter[key] += sign
    if not counter[key]:
        del counter[key]  # only what is there: the Dashboard counts keys


class PeopleView:
    """Every person's follow-up state and rendered rows, updated person by person."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.net = network(facts.vault)  # priorities, their cadences, the manager
        self.people: dict[str, Person] = {}
        # Follow-ups, most overdue first: those contacted before, and those never contacted.
        self._due, self._never = Rows(), Rows()
        self._key_of: dict[str, tuple[bool, Any]] = {}
        # Loose connections not contacted (`Network.not_contacted_loose`): not due, only counted.
        self._loose: set[str] = set()
        self._incomplete = Rows()  # people missing a way to work together or met_on, by name
        # Of those, loose connections never contacted on any day (People.md does not move with
        # `today`): counted, not listed, or an import of 500 is 500 lines of "add work_together".
        self._incomplete_loose: set[str] = set()
        # Who has been told what you are looking for (a `#told` interaction): worked out for
        # everyone when first asked (only a vault with `looking_for` asks: a search through every
        # contact's text), then kept person by person; the list of the others is sorted only then too.
        self._told: set[str] | None = None
        self._untold_order: list[str] | None = None
        self._untold_rows: dict[str, str] = {}
        # People.md's groups: each company's people by name (keys beside paths), the companies by
        # name and "" (no company) last. Made by one sort when first asked, then kept person by person.
        self._members: dict[str, tuple[list[Any], list[str]]] | None = None
        self._companies: tuple[list[Any], list[str]] = ([], [])
        self._groups: list[tuple[str, list[str]]] | None = None  # (company, paths by name), companies sorted
        self._group_text: dict[str, Markup] = {}
        self._rows: dict[str, str] = {}  # path → People row
        # Tallies for the Dashboard, kept as people come, go and change.
        self.companies: Counter[str] = Counter()
        self.met_on: Counter[dt.date] = Counter()
        kept = (self._due, self._never, self._incomplete)
        for rows in kept:
            rows.gather()
        self.refresh(p.note.path for p in facts.vault.people)
        for rows in kept:
            rows.settle()

    @property
    def due_count(self) -> int:
        """People due who were contacted before."""
        return len(self._due.items)

    @property
    def never_count(self) -> int:
        """People due who were never contacted since you met."""
        return len(self._never.items)

    @property
    def loose_count(self) -> int:
        """Loose connections you have not contacted (an import's, mostly): not due, counted once."""
        return len(self._loose)

    def never_contacted(self, limit: int) -> list[career.FollowUp]:
        """The first `limit` people due who were never contacted since you met, in follow-up order."""
        return self._never.items[:limit]

    @property
    def followups(self) -> list[career.FollowUp]:
        """People due for follow-up on `today`, most overdue first."""
        merged = heapq.merge(zip(self._due.keys, self._due.items, strict=True),
                             zip(self._never.keys, self._never.items, strict=True))
        return [f for _, f in merged]

    def refresh(self, paths: Iterable[str]) -> None:
        """Take the current record and contacts of each person at `paths` (gone: dropped)."""
        vault, facts = self.facts.vault, self.facts
        paths = list(paths)
        manager = manager_path(vault, vault.config)
        if manager != self.net.manager:  # the manager's note came, went or was renamed: both rows move
            paths += [p for p in (manager, self.net.manager) if p is not None and p not in paths]
            self.net = replace(self.net, manager=manager)
        for path in paths:
            record = vault.record(path)
            person = record if isinstance(record, Person) else None
            old = self.people.pop(path, None)
            if old is not None:
                self._tally(old, -1)
                self._group_text.pop(_company(old), None)
                self._leave(old)
                if _missing(old) and path not in self._incomplete_loose:
                    self._incomplete.remove(_name_key(old))
            if path in self._key_of:
                never, key = self._key_of.pop(path)
                (self._never if never else self._due).remove(key)
            self._rows.pop(path, None)
            if self._told is not None:
                self._told.discard(path)
            self._loose.discard(path)
            self._incomplete_loose.discard(path)
            self._untold_rows.pop(path, None)
            self._untold_order = None
            if person is not None:
                self.people[path] = person
                self._tally(person, 1)
                self._group_text.pop(_company(person), None)
                self._join(person)
                contacts, rank = facts.contacts.get(path, []), self.net.rank(person)
                if _missing(person):
                    if self.net.not_contacted_loose(person, contacts, dt.date.max):
                        self._incomplete_loose.add(path)
                    else:
                        self._incomplete.insert(_name_key(person), path)
                due = career.follow_up(person, contacts, facts.today, self.net.cadence_days(person))
                if self._told is not None and self._was_told(contacts):
                    self._told.add(path)
                if self.net.not_contacted_loose(person, contacts, facts.today):
                    self._loose.add(path)
                elif due is not None:
                    key = career.followup_key(due, rank)
                    self._key_of[path] = (due.never_contacted, key)
                    (self._never if due.never_contacted else self._due).insert(key, due)

    def _was_told(self, contacts: list[Interaction]) -> bool:
        # Contacts are in date order: those up to today are the first ones (a long-items vault
        # has ~40 a person, ~170 characters each: read once, not filtered one by one).
        return told_in(contacts[:bisect_right(contacts, self.facts.today, key=contact_date)])

    def _told_paths(self) -> set[str]:
        if self._told is None:
            contacts = self.facts.contacts
            self._told = {p for p in self.people if self._was_told(contacts.get(p, []))}
        return self._told

    def _tally(self, person: Person, sign: int) -> None:
        company = _company(person)
        if company:
            _bump(self.companies, company, sign)
        if person.met_on is not None:
            _bump(self.met_on, person.met_on, sign)

    # --- People.md ------------------------------------------------------------------

    def _order(self) -> list[tuple[str, list[str]]]:
        if self._members is None:
            groups: dict[str, list[Person]] = defaultdict(list)
            for person in sorted(self.people.values(), key=_name_key):
                groups[_company(person)].append(person)
            names = sorted(groups, key=_company_key)
            self._companies = ([_company_key(c) for c in names], names)
            self._members = {c: ([_name_key(p) for p in groups[c]], [p.note.path for p in groups[c]]) for c in names}
            self._groups = None
            self._group_text.clear()
        if self._groups is None:
            members = self._members
            self._groups = [(c, members[c][1]) for c in self._companies[1]]
        return self._groups

    def _leave(self, person: Person) -> None:
        """Take `person` out of their company's group (once the groups are made: `_order`)."""
        if self._members is None:
            return
        company = _company(person)
        keys, paths = self._members[company]
        i = bisect_left(keys, _name_key(person))
        del keys[i], paths[i]
        if not keys:  # the company's last person: the company goes
            del self._members[company]
            at = bisect_left(self._companies[0], _company_key(company))
            del self._companies[0][at], self._companies[1][at]
            self._groups = None

    def _join(self, person: Person) -> None:
        """Put `person` into their company's group, by name (see `_leave`)."""
        if self._members is None:
            return
        company = _company(person)
        if company not in self._members:
            self._members[company] = ([], [])
            at = bisect_left(self._companies[0], _company_key(company))
            self._companies[0].insert(at, _company_key(company))
            self._companies[1].insert(at, company)
            self._groups = None
        keys, paths = self._members[company]
        key = _name_key(person)
        i = bisect_left(keys, key)
        keys.insert(i, key)
        paths.insert(i, person.note.path)

    def _person_row(self, path: str) -> str:
        made = self._rows[path] = self.facts.renderer.macro(PEOPLE_ROWS, "person")(
            person_row(self.facts, self.people[path], upto_today=False))
        return made

    def _group(self, company: str, paths: list[str]) -> Markup:
        rows = self._rows
        made = self._group_text[company] = Markup("".join(rows.get(p) or self._person_row(p) for p in paths))
        return made

    def _incomplete_row(self, path: str) -> str:
        facts = self.facts
        return facts.renderer.macro(PEOPLE_ROWS, "incomplete")(
            {"link": facts.named(path), "missing": _missing(self.people[path])})

    def people_context(self) -> dict[str, Any]:
        """Everyone grouped by company; people missing a way to work together or a met_on."""
        groups, texts = self._order(), self._group_text
        companies = [{"company": company or NO_COMPANY, "rows": texts.get(company) or self._group(company, paths)}
                     for company, paths in groups]
        return {"companies": companies, "incomplete": self._incomplete.joined(self._incomplete_row),
                "incomplete_loose": len(self._incomplete_loose),
                "total": len(self.people), "company_count": sum(1 for c, _ in groups if c)}

    # --- Follow-ups.md ----------------------------------------------------------------

    def _followup_row(self, f: career.FollowUp) -> str:
        row = person_row(self.facts, f.person, told=False)  # its last contact as `last_time` tells it
        row.update({"days": f.days_since, "cadence": f.cadence_days, "priority": self.net.priority(f.person),
                    **last_time(self.facts, f.person, f.last), **conversation(f.person)})
        if f.never_contacted:
            row["since"] = iso(f.person.met_on)
        return self.facts.renderer.macro(FOLLOWUP_ROWS, "never" if f.never_contacted else "due")(row)

    def _untold_row(self, person: Person) -> str:
        row = {"link": self.facts.named(person.note.path), "company": person.company or "",
               "priority": self.net.priority(person), **conversation(person)}
        return self.facts.renderer.macro(FOLLOWUP_ROWS, "untold")(row)

    def _untold_paths(self) -> list[str]:
        if self._untold_order is None:
            rank, people = self.net.rank, self.people
            quiet = self._told_paths() | self._loose  # a loose connection you never spoke to: nothing to tell yet
            self._untold_order = sorted((p for p in people if p not in quiet),
                                        key=lambda p: (rank(people[p]), *_name_key(people[p])))
        return self._untold_order

    @property
    def untold(self) -> list[Person]:
        """People not yet told what you are looking for: by priority, then name."""
        return [self.people[p] for p in self._untold_paths()]

    def followups_context(self) -> dict[str, Any]:
        """Who is due, by priority then most overdue, with topics, asks, offers and the last
        interaction; with `looking_for` (vaultkit.toml or a goal), who has not been told yet."""
        wanted = looking_for(self.facts.vault)  # read at each render: a goal note may have changed it
        return {"due": self._due.joined(self._followup_row), "due_count": self.due_count,
                "never": self._never.joined(self._followup_row), "never_count": self.never_count,
                "loose_count": self.loose_count, "loose_priority": self.net.lowest or "",
                "today": iso(self.facts.today), "looking_for": looking_for_line(wanted) if wanted else "",
                "untold": self._untold_text() if wanted else "",
                "untold_count": len(self._untold_paths()) if wanted else 0}

    def _untold_text(self) -> Markup:
        rows = self._untold_rows
        return Markup("".join(rows.get(p) or rows.setdefault(p, self._untold_row(self.people[p]))
                              for p in self._untold_paths()))

    # --- rows made in another process ---------------------------------------------------

    def rendered(self) -> tuple[Any, ...]:
        """The rows People.md and Follow-ups.md rendered here (and who was told, in what order the
        others come), people by their place in `people`: for `adopt` in the process this one was
        forked from (`vaultkit.live.rowwork`), where the same people are in the same order."""
        order = {path: i for i, path in enumerate(self.people)}
        return ([self._rows.get(p) for p in self.people], dict(self._group_text),
                self._due.texts(), self._never.texts(), self._incomplete.texts(),
                None if self._told is None else sorted(order[p] for p in self._told),
                None if self._untold_order is None else [order[p] for p in self._untold_order],
                [self._untold_rows.get(p) for p in self.people])

    def adopt(self, rendered: tuple[Any, ...]) -> int:
        """Take what `rendered` gave in a process forked from this one as it is now, as if the
        notes had been rendered here: a later save renders only the rows it touches, as after
        a plan made here. Returns the rows taken; raises ValueError or TypeError, taking
        nothing, on anything else."""
        rows, groups, due, never, incomplete, told, untold, untold_rows = rendered
        paths = list(self.people)
        if type(rows) is not list or type(untold_rows) is not list or not len(rows) == len(paths) == len(untold_rows):
            raise ValueError("not these people")
        if not all(r is None or isinstance(r, str) for r in (*rows, *untold_rows)) or type(groups) is not dict \
                or not all(type(c) is str and isinstance(t, Markup) for c, t in groups.items()):
            raise TypeError("not rows")
        told_paths, untold_paths = _paths(told, paths), _paths(untold, paths)
        takes = [kept.adopt(texts) for kept, texts in ((self._due, due), (self._never, never),
                                                       (self._incomplete, incomplete)) if texts is not None]
        for take in takes:
            take()
        self._rows = {p: r for p, r in zip(paths, rows, strict=True) if r is not None}
        self._group_text = groups
        self._untold_rows = {p: r for p, r in zip(paths, untold_rows, strict=True) if r is not None}
        if told_paths is not None:
            self._told = set(told_paths)
        if untold_paths is not None:
            self._untold_order = untold_paths
        return len(self._rows) + len(self._untold_rows) + sum(len(t) for t in (due, never, incomplete) if t)

    def prepare(self) -> None:
        """Work out People.md's groups (each company's people, by name) before a save needs them:
        for a view whose notes were rendered in another process (`adopt`)."""
        self._order()


def _paths(places: Any, paths: list[str]) -> list[str] | None:
    """The paths at `places` (None: None); TypeError when they are not places in `paths`."""
    if places is None:
        return None
    if type(places) is not list or not all(type(i) is int and 0 <= i < len(paths) for i in places):
        raise TypeError("not places")
    return [paths[i] for i in places]


def _missing(person: Person) -> list[str]:
    """What a person note lacks for People.md's "To complete" list."""
    return [name for name, value in (("work_together", person.work_together), ("met_on", person.met_on))
            if not value]



def people_view(facts: Facts) -> PeopleView:
    """The people view of `facts`, made on first use and kept with it (`vaultkit watch` refreshes it)."""
    return facts.kept("people", PeopleView)
