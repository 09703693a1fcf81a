"""Interviews as the views see them: which are still open, which follow-ups are overdue, the next
one, and what an interview says about a person (derived data, shared by Interviews.md, the
Dashboard and prep notes).

An interview is **open** while its stage is not a final one (accepted, declined, rejected,
withdrawn); an interview without a stage counts as open. Its follow-up is **overdue** once
`follow_up` is before today and no contact with anyone in its `people` is logged from that
date on (a logged contact is the follow-up done, whatever the stage).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from markupsafe import Markup

from vaultkit.reader import career
from vaultkit.reader.model import Interaction
from vaultkit.reader.records import Interview
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso

CLOSED = frozenset({"accepted", "declined", "rejected", "withdrawn"})


def is_open(interview: Interview) -> bool:
    """Still in progress: its stage is not a final one."""
    return interview.stage not in CLOSED


def people_paths(facts: Facts, interview: Interview) -> list[str]:
    """The notes its `people` link to, in the order written (each once)."""
    return career.interview_people(facts.vault, interview)


def followed_up(facts: Facts, interview: Interview) -> Interaction | None:
    """The first contact logged with someone of the interview from its `follow_up` date to
    today, if any: the follow-up, done (`career.interview_followed_up`)."""
    return career.interview_followed_up(facts.vault, facts.contacts, interview, facts.today)


def interviewed(facts: Facts) -> frozenset[str]:
    """The people whose contacts an interview's follow-up reads: those its `people` name, of
    every interview with a `follow_up` date (`vaultkit watch` plans Interviews.md again when
    one of them has a contact logged, not after every person's save). Kept until an interview
    changes."""
    return facts.memo("interviews.interviewed", ("interview",), lambda: frozenset(
        path for i in facts.vault.interviews if i.follow_up is not None for path in people_paths(facts, i)))


def is_overdue(facts: Facts, interview: Interview) -> bool:
    """Its follow-up date has passed and nobody in its process has been contacted since
    (`career.interview_overdue`, which `vaultkit calendar` uses too)."""
    return career.interview_overdue(facts.vault, facts.contacts, interview, facts.today)


def _by_date(interviews: list[Interview]) -> list[Interview]:
    return sorted(interviews, key=lambda i: (i.follow_up or dt.date.min, sort_key(i.note.title), i.note.path))


def follow_up_groups(facts: Facts) -> tuple[list[Interview], list[Interview], list[Interview]]:
    """Interviews with a follow-up date: overdue (oldest first), ahead from today (soonest
    first), and passed with the follow-up done (latest first)."""
    dated = [i for i in facts.vault.interviews if i.follow_up is not None]
    overdue = _by_date([i for i in dated if is_overdue(facts, i)])
    ahead = _by_date([i for i in dated if i.follow_up and i.follow_up >= facts.today])
    done = _by_date([i for i in dated if i.follow_up and i.follow_up < facts.today and not is_overdue(facts, i)])
    done.reverse()
    return overdue, ahead, done


def next_follow_up(facts: Facts) -> tuple[dt.date, Interview] | None:
    """The interview follow-up to do next: the oldest overdue one, else the soonest from today on."""
    overdue, ahead, _ = follow_up_groups(facts)
    first = (overdue or ahead)[0] if overdue or ahead else None
    return (first.follow_up, first) if first is not None and first.follow_up is not None else None


def about_person(facts: Facts, path: str) -> list[dict[str, Any]]:
    """What the interviews listing a person say about them, latest first: where, the rounds
    they were in, how it ended, whether the door is open, the follow-up of an open one."""
    out = []
    for interview in sorted(facts.vault.interviews, key=lambda i: (i.date or dt.date.min, sort_key(i.note.title),
                                                                   i.note.path), reverse=True):
        if path not in people_paths(facts, interview):
            continue
        rounds: list[str] = []
        for r in interview.rounds:
            kind = r.get("kind")
            if not isinstance(kind, str) or not kind.strip() or kind.strip() in rounds:
                continue
            if any(facts.vault.index.resolve(name, interview.note.path).path == path for name in _names(r.get("with"))):
                rounds.append(kind.strip())
        out.append({
            "link": facts.link(interview.note.path),
            "company": interview.company or interview.note.title,
            "role": interview.role or "",
            "rounds": rounds,
            "date": iso(interview.date)[:7],
            "stage": interview.stage or "",
            "open": is_open(interview),
            "door_open": interview.door_open,
            "follow_up": iso(interview.follow_up) if is_open(interview) or is_overdue(facts, interview) else "",
        })
    return out


_WIKI = re.compile(r"\[\[([^\[\]|#\n]+)")


def _names(value: Any) -> list[str]:
    """Who a round's `with` names: its links, else its text as one name (a list: each item)."""
    if isinstance(value, list):
        return [name for v in value for name in _names(v)]
    if not isinstance(value, str) or not value.strip():
        return []
    links = [m.group(1).strip() for m in _WIKI.finditer(value)]
    return links or [value.strip()]


def shown(row: dict[str, Any]) -> Markup:
    """One interview about a person as a prep note says it: "interviewed you at Helix Systems
    (system design, team fit), 2026-05: declined; door open ([[Helix …]])"."""
    from vaultkit.views.render import md_escape

    text = f"interviewed you at {md_escape(row['company'])}"
    if row["rounds"]:
        text += f" ({md_escape(', '.join(row['rounds']))})"
    if row["date"]:
        text += f", {row['date']}"
    state = [md_escape(row["stage"]) if row["stage"] else ("in process" if row["open"] else "")]
    if row["door_open"] is True:
        state.append("door open")
    elif row["door_open"] is False:
        state.append("door closed")
    if row["follow_up"]:
        state.append(f"follow-up {row['follow_up']}")
    state = [s for s in state if s]
    if state:
        text += ": " + "; ".join(state)
    return Markup(f"{text} ({row['link']})")


def overdue_follow_ups(facts: Facts) -> list[Interview]:
    """Interviews whose follow-up is overdue (see `is_overdue`: a contact since is the follow-up
    done), longest overdue first. Whatever the stage: a follow-up date on a closed process is the
    user's own reminder (ask for feedback, keep a door open), and Interviews.md and the Dashboard's
    next follow-up count it too, so the three never disagree."""
    return follow_up_groups(facts)[0]
