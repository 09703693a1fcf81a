"""Shares as the views see them: weekly streaks, this month's count, a share's link (derived
data, shared by Sharing.md, the Dashboard and review notes).

**Streak rule**: weeks are ISO weeks (Monday to Sunday, so a streak runs across New Year
without a break). The current streak counts back, week by week, from the week holding
`today` as long as each week has at least one share dated on or before `today`; when this
week has nothing yet, counting starts from last week (the streak is not lost until a whole
week passes empty). The longest streak is the longest such run at any time (the latest on a tie).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from vaultkit.reader.model import Note
from vaultkit.views.common import Facts

NO_CHANNEL = "no channel"
WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Streaks:
    """Weekly sharing streaks: the current one and the longest, with its first and last week (Mondays)."""

    current: int
    longest: int
    longest_from: dt.date | None
    longest_to: dt.date | None


def week_start(date: dt.date) -> dt.date:
    """The Monday of a date's ISO week."""
    return date - dt.timedelta(days=date.weekday())


def iso_week(date: dt.date) -> str:
    """A date's ISO week as YYYY-Www (the ISO year, which may differ from the calendar year)."""
    year, week, _ = date.isocalendar()
    return f"{year:04d}-W{week:02d}"


def streaks(dates: Iterable[dt.date | None], today: dt.date) -> Streaks:
    """Current and longest runs of consecutive ISO weeks with at least one date (see module doc)."""
    weeks = {week_start(d) for d in {d for d in dates if d is not None and d <= today}}  # (each day once)
    start = week_start(today)
    if start not in weeks and start > dt.date.min + WEEK:
        start -= WEEK
    current = 0
    while start in weeks and start > dt.date.min + WEEK:  # a share dated in year 1 stops the count
        current += 1
        start -= WEEK
    longest, run = 0, 0
    best: tuple[dt.date | None, dt.date | None] = (None, None)
    previous: dt.date | None = None
    for week in sorted(weeks):
        run = run + 1 if previous is not None and week - previous == WEEK else 1
        previous = week
        if run >= longest:
            longest, best = run, (week - WEEK * (run - 1), week)
    return Streaks(current, longest, best[0], best[1])


def titled_link(facts: Facts, note: Note) -> Markup:
    """A wikilink to a note, showing its `title:` when that differs from the file name."""
    if note.title == note.stem:
        return facts.named(note.path)
    return facts.named(note.path, re.sub(r"[<>`\\]", "", note.title))


def shares_this_month(facts: Facts) -> int:
    """Shares dated in today's month, up to today."""
    today = facts.today
    first = today.replace(day=1)
    return sum(1 for s in facts.vault.shares if s.date is not None and first <= s.date <= today)
