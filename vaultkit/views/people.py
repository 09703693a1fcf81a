"""People.md and Follow-ups.md, kept per person.

Each person's rows are rendered once (by the macros of `People.rows.md.j2` and
`Follow-ups.rows.md.j2`) and kept: after a change, `PeopleView.refresh` renders again only
the rows of the people it names, and the notes are put together by joining texts. The
order of follow-ups is kept sorted as people come and go, so one save costs the rows it
touches, not the whole vault (SPEC §7).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from vaultkit import career
from vaultkit.records import Person
from vaultkit.vault import sort_key
from vaultkit.views.common import iso, without_date

if TYPE_CHECKING:
    from vaultkit.views.common import Facts

NO_COMPANY = "No company"
PEOPLE_ROWS = "People.rows.md.j2"
FOLLOWUP_ROWS = "Follow-ups.rows.md.j2"


def person_row(facts: Facts, person: Person) -> dict[str, Any]:
    """What the indexes show of one person."""
    path = person.note.path
    last = facts.last_contact(path)
    met_at: Any = facts.ref(person.met_at, path) if person.met_at else ""
    return {
        "link": facts.link(path),
        "name": person.note.title,
        "company": person.company or "",
        "role": person.role or "",
        "topics": list(person.topics),
        "work_together": list(person.work_together),
        "met_at": met_at,
        "met_on": iso(person.met_on),
        "last_contact": iso(last.date) if last else "",
        "last_text": without_date(last.text) if last else "",
        "last_source": facts.link(last.path) if last and last.path != path else "",
        "communities": facts.refs(person.communities, path),
    }


def _name_key(person: Person) -> tuple[tuple[str, str], tuple[str, str]]:
    # By name; people of the same name keep path order (as a stable sort of vault.people would).
    return (sort_key(person.note.title), sort_key(person.note.path))


def _company(person: Person) -> str:
    return (person.company or "").strip()


def _bump(counter: Counter[Any], key: Any, sign: int) -> None:
    counter[key] += sign
    if not counter[key]:
        del counter[key]  # only what is there: the Dashboard counts keys


class PeopleView:
    """Every person's follow-up state and rendered rows, updated person by person."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.default_cadence = career.default_cadence(facts.vault)
        self.people: dict[str, Person] = {}
        self._due_keys: list[Any] = []  # sorted follow-up keys, and the follow-ups in that order
        self._due: list[career.FollowUp] = []
        self._key_of: dict[str, Any] = {}
        self._groups: list[tuple[str, list[str]]] | None = None  # (company, paths by name), companies sorted
        self._by_name: list[str] | None = None
        self._rows: dict[str, tuple[str, str]] = {}  # path → (People row, "To complete" line or "")
        self._fu_rows: dict[str, str] = {}
        # Tallies for the Dashboard, kept as people come, go and change.
        self.companies: Counter[str] = Counter()
        self.met_on: Counter[dt.date] = Counter()
        self.due_count = self.never_count = 0
        self.refresh(p.note.path for p in facts.vault.people)

    @property
    def followups(self) -> list[career.FollowUp]:
        """People due for follow-up on `today`, most overdue first."""
        return list(self._due)

    def refresh(self, paths: Iterable[str]) -> None:
        """Take the current record and contacts of each person at `paths` (gone: dropped)."""
        vault, facts = self.facts.vault, self.facts
        for path in paths:
            record = vault.record(path)
            person = record if isinstance(record, Person) else None
            old = self.people.pop(path, None)
            if old is not None:
                self._tally(old, -1)
            if path in self._key_of:
                i = bisect_left(self._due_keys, self._key_of.pop(path))
                self._count(self._due[i], -1)
                del self._due_keys[i], self._due[i]
            if person is not None:
                self.people[path] = person
                self._tally(person, 1)
                due = career.follow_up(person, facts.contacts.get(path, []), facts.today, self.default_cadence)
                if due is not None:
                    key = self._key_of[path] = career.followup_key(due)
                    i = bisect_left(self._due_keys, key)
                    self._due_keys.insert(i, key)
                    self._due.insert(i, due)
                    self._count(due, 1)
            if old is None or person is None or _name_key(old) != _name_key(person) or _company(old) != _company(
                    person):
                self._groups = self._by_name = None
            self._rows.pop(path, None)
            self._fu_rows.pop(path, None)

    def _tally(self, person: Person, sign: int) -> None:
        company = _company(person)
        if company:
            _bump(self.companies, company, sign)
        if person.met_on is not None:
            _bump(self.met_on, person.met_on, sign)

    def _count(self, f: career.FollowUp, sign: int) -> None:
        if f.never_contacted:
            self.never_count += sign
        else:
            self.due_count += sign

    # --- People.md ------------------------------------------------------------------

    def _order(self) -> tuple[list[tuple[str, list[str]]], list[str]]:
        if self._groups is None or self._by_name is None:
            ordered = sorted(self.people.values(), key=_name_key)
            groups: dict[str, list[str]] = defaultdict(list)
            for person in ordered:
                groups[_company(person)].append(person.note.path)
            companies = sorted((c for c in groups if c), key=sort_key)
            if "" in groups:
                companies.append("")
            self._groups = [(c, groups[c]) for c in companies]
            self._by_name = [p.note.path for p in ordered]
        return self._groups, self._by_name

    def _people_rows(self, path: str) -> tuple[str, str]:
        made = self._rows.get(path)
        if made is None:
            facts, person = self.facts, self.people[path]
            renderer = facts.renderer
            row = renderer.macro(PEOPLE_ROWS, "person")(person_row(facts, person))
            missing = [name for name, value in (("work_together", person.work_together), ("met_on", person.met_on))
                       if not value]
            todo = renderer.macro(PEOPLE_ROWS, "incomplete")({"link": facts.link(path), "missing": missing}) \
                if missing else ""
            made = self._rows[path] = (row, todo)
        return made

    def people_context(self) -> dict[str, Any]:
        """Everyone grouped by company; people missing a way to work together or a met_on."""
        groups, by_name = self._order()
        rows = self._rows
        companies = [{"company": company or NO_COMPANY,
                      "rows": Markup("".join((rows.get(p) or self._people_rows(p))[0] for p in paths))}
                     for company, paths in groups]
        incomplete = Markup("".join((rows.get(p) or self._people_rows(p))[1] for p in by_name))
        return {"companies": companies, "incomplete": incomplete, "total": len(self.people),
                "company_count": sum(1 for c, _ in groups if c)}

    # --- Follow-ups.md ----------------------------------------------------------------

    def _followup_row(self, f: career.FollowUp) -> str:
        path = f.person.note.path
        made = self._fu_rows.get(path)
        if made is None:
            row = person_row(self.facts, f.person)
            row.update({"days": f.days_since, "cadence": f.cadence_days})
            if f.never_contacted:
                row["since"] = iso(f.person.met_on)
            made = self._fu_rows[path] = self.facts.renderer.macro(
                FOLLOWUP_ROWS, "never" if f.never_contacted else "due")(row)
        return made

    def followups_context(self) -> dict[str, Any]:
        """Who is due, most overdue first, with topics and the last interaction."""
        due = [f for f in self._due if not f.never_contacted]
        never = [f for f in self._due if f.never_contacted]
        return {"due": Markup("".join(self._followup_row(f) for f in due)), "due_count": len(due),
                "never": Markup("".join(self._followup_row(f) for f in never)), "never_count": len(never),
                "today": iso(self.facts.today)}


def people_context(facts: Facts) -> dict[str, Any]:
    """The context of People.md."""
    return facts.people_view.people_context()


def followups_context(facts: Facts) -> dict[str, Any]:
    """The context of Follow-ups.md."""
    return facts.people_view.followups_context()
