"""Interviews as the views see them: which are still open, the next follow-up (derived data,
shared by Interviews.md and the Dashboard).

An interview is **open** while its stage is not a final one (accepted, declined, rejected,
withdrawn); an interview without a stage counts as open.
"""

from __future__ import annotations

import datetime as dt

from vaultkit.reader.records import Interview
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts

CLOSED = frozenset({"accepted", "declined", "rejected", "withdrawn"})


def is_open(interview: Interview) -> bool:
    """Still in progress: its stage is not a final one."""
    return interview.stage not in CLOSED


def next_follow_up(facts: Facts) -> tuple[dt.date, Interview] | None:
    """The soonest interview follow-up from today on, if any."""
    ahead = [(i.follow_up, i) for i in facts.vault.interviews if i.follow_up and i.follow_up >= facts.today]
    ahead.sort(key=lambda t: (t[0], sort_key(t[1].note.title), t[1].note.path))
    return ahead[0] if ahead else None


def overdue_follow_ups(facts: Facts) -> list[Interview]:
    """Open interviews whose follow-up date is past, longest overdue first."""
    late = [i for i in facts.vault.interviews if i.follow_up and i.follow_up < facts.today and is_open(i)]
    late.sort(key=lambda i: (i.follow_up, sort_key(i.note.title), i.note.path))
    return late
