"""Interviews.md: market tests by stage, doors left open, follow-up dates, and the gaps found
(which interviews are open: `vaultkit.views.derived.interviews`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vaultkit.reader.records import Interview
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso
from vaultkit.views.derived.interviews import follow_up_groups, followed_up, is_open

NO_STAGE = "no stage"


def _latest_first(interviews: list[Interview]) -> list[Interview]:
    ordered = sorted(interviews, key=lambda i: (sort_key(i.company or i.note.title), i.note.path))
    ordered.sort(key=lambda i: i.date or dt.date.min, reverse=True)  # stable: ties keep name order
    return ordered


def _in_days(date: dt.date, today: dt.date) -> str:
    days = (date - today).days
    if days == 0:
        return "today"
    if days > 0:
        return "tomorrow" if days == 1 else f"in {days} days"
    return "yesterday" if days == -1 else f"{-days} days ago"


def _row(facts: Facts, interview: Interview) -> dict[str, Any]:
    path = interview.note.path
    round_dates = [r["date"] for r in interview.rounds if isinstance(r.get("date"), dt.date)]
    return {
        "link": facts.named(path),
        "company": interview.company or "",
        "role": interview.role or "",
        "date": iso(interview.date),
        "stage": interview.stage or NO_STAGE,
        "people": facts.refs(interview.people, path),
        "rounds": len(interview.rounds),
        "last_round": iso(max(round_dates)) if round_dates else "",
        "door_open": "" if interview.door_open is None else interview.door_open,
        "follow_up": iso(interview.follow_up),
    }


def interviews_context(facts: Facts) -> dict[str, Any]:
    """Interviews grouped by stage (in pipeline order), follow-ups, open doors and gaps."""
    today = facts.today
    interviews = facts.vault.interviews
    stages = []
    declared = facts.vault.config.schema.field("interview", "stage")
    listed = declared.values if declared else ()
    # The schema's stages in pipeline order, then stages outside it (kept as written, with a
    # warning from `check`) by name, then interviews with no stage.
    others = sorted({i.stage for i in interviews if i.stage and i.stage not in listed}, key=sort_key)
    for stage in (*listed, *others, None):
        group = [i for i in interviews if i.stage == stage]
        if group:
            stages.append({"stage": (stage or NO_STAGE).capitalize(),
                           "rows": [_row(facts, i) for i in _latest_first(group)]})
    # Overdue first (the oldest first): what to do today; then what is ahead; then done ones.
    follow_ups = []
    for state, group in zip(("overdue", "ahead", "done"), follow_up_groups(facts), strict=True):
        for i in group:
            done = followed_up(facts, i) if state == "done" else None
            follow_ups.append({**_row(facts, i), "when": _in_days(i.follow_up, today) if i.follow_up else "",
                               "state": state, "upcoming": state == "ahead",
                               "done": iso(done.date) if done else ""})
    doors = [_row(facts, i) for i in sorted(interviews, key=lambda i: (sort_key(i.company or i.note.title),
                                                                        i.note.path)) if i.door_open]
    gaps = []
    for interview in _latest_first(interviews):
        for gap in interview.gaps:
            if gap.strip():
                gaps.append({"gap": gap, "link": facts.link(interview.note.path), "date": iso(interview.date)})
    return {
        "today": iso(today),
        "total": len(interviews),
        "open": sum(1 for i in interviews if is_open(i)),
        "stages": stages,
        "follow_ups": follow_ups,
        "overdue": sum(1 for f in follow_ups if f["state"] == "overdue"),
        "doors": doors,
        "gaps": gaps,
    }
