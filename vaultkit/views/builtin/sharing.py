"""Sharing.md: what you shared outside work, by month and channel, and your weekly streak.

**Streak rule**: weeks are ISO weeks (Monday to Sunday, so a streak runs across New Year
without a break). The current streak counts back, week by week, from the week holding
`today` as long as each week has at least one share dated on or before `today`; when this
week has nothing yet, counting starts from last week (the streak is not lost until a whole
week passes empty). The longest streak is the longest such run at any time (the latest on a tie).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Note
from vaultkit.reader.records import Share
from vaultkit.reader.vault import sort_key
from vaultkit.views.charts import count_by_month, monthly_bars
from vaultkit.views.common import Facts, iso, month

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
    weeks = {week_start(d) for d in dates if d is not None and d <= today}
    start = week_start(today)
    if start not in weeks:
        start -= WEEK
    current = 0
    while start in weeks:
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


def _row(facts: Facts, share: Share) -> dict[str, Any]:
    return {"date": iso(share.date), "link": titled_link(facts, share.note), "kind": share.kind or "",
            "channel": share.channel or "", "topics": list(share.topics)}


def shares_this_month(facts: Facts) -> int:
    """Shares dated in today's month, up to today."""
    return sum(1 for s in facts.vault.shares
               if s.date is not None and s.date <= facts.today and month(s.date) == month(facts.today))


def sharing_context(facts: Facts) -> dict[str, Any]:
    """Shares by month (latest first; by date, then channel, within), per channel, streaks, a chart."""
    today = facts.today
    shares = facts.vault.shares
    dated = [s for s in shares if s.date is not None]
    groups: dict[str, list[Share]] = defaultdict(list)
    for share in dated:
        assert share.date is not None
        groups[month(share.date)].append(share)
    months = [{"month": label,
               "rows": [_row(facts, s) for s in sorted(groups[label], key=lambda s: (
                   s.date, sort_key(s.channel or ""), sort_key(s.note.path)))]}
              for label in sorted(groups, reverse=True)]
    spellings: dict[str, list[str]] = defaultdict(list)
    last: dict[str, dt.date] = {}
    for share in shares:
        name = (share.channel or "").strip() or NO_CHANNEL
        spellings[name.casefold()].append(name)
        if share.date is not None:
            last[name.casefold()] = max(last.get(name.casefold(), share.date), share.date)
    shown = {key: min(names, key=sort_key) for key, names in spellings.items()}
    channels = [{"channel": shown[key], "count": len(names), "last": iso(last.get(key))}
                for key, names in sorted(spellings.items(), key=lambda t: (-len(t[1]), sort_key(shown[t[0]])))]
    streak = streaks((s.date for s in shares), today)
    undated = [titled_link(facts, s.note) for s in sorted(shares, key=lambda s: sort_key(s.note.path))
               if s.date is None]
    return {
        "today": iso(today),
        "total": len(shares),
        "this_month": shares_this_month(facts),
        "month": month(today),
        "current": streak.current,
        "longest": streak.longest,
        "longest_from": iso_week(streak.longest_from) if streak.longest_from else "",
        "longest_to": iso_week(streak.longest_to) if streak.longest_to else "",
        "channels": channels,
        "months": months,
        "undated": undated,
        "chart": monthly_bars("Shares per month", "Shares", count_by_month(s.date for s in shares), today),
    }
