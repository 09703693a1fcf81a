"""People.md and Follow-ups.md."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from vaultkit.records import Person
from vaultkit.vault import sort_key
from vaultkit.views.common import Facts, by_name, iso, without_date

NO_COMPANY = "No company"


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


def people_context(facts: Facts) -> dict[str, Any]:
    """Everyone grouped by company; people missing a way to work together or a met_on."""
    groups: dict[str, list[Person]] = defaultdict(list)
    for person in facts.vault.people:
        groups[(person.company or "").strip()].append(person)
    companies = sorted((c for c in groups if c), key=sort_key)
    if "" in groups:
        companies.append("")
    rows = [
        {"company": company or NO_COMPANY,
         "people": [person_row(facts, p) for p in by_name(groups[company], lambda p: p.note.title)]}
        for company in companies
    ]
    incomplete = []
    for person in by_name(facts.vault.people, lambda p: p.note.title):
        missing = [name for name, value in (("work_together", person.work_together), ("met_on", person.met_on))
                   if not value]
        if missing:
            incomplete.append({"link": facts.link(person.note.path), "missing": missing})
    return {"companies": rows, "incomplete": incomplete, "total": len(facts.vault.people),
            "company_count": len([c for c in companies if c])}


def followups_context(facts: Facts) -> dict[str, Any]:
    """Who is due, most overdue first, with topics and the last interaction."""
    due = []
    never = []
    for f in facts.followups:
        row = person_row(facts, f.person)
        row.update({"days": f.days_since, "cadence": f.cadence_days})
        if f.never_contacted:
            row["since"] = iso(f.person.met_on)
            never.append(row)
        else:
            due.append(row)
    return {"due": due, "never": never, "today": iso(facts.today)}
