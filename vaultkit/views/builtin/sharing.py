"""Sharing.md: what you shared outside work, by month and channel, and your longest weekly
streak (the streak rule: `vaultkit.views.derived.sharing`).

Nothing here depends on `today`, so the note does not change from day to day: the chart ends at
the latest share, and this month's count and the current streak are the Dashboard's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from vaultkit.reader.records import Share
from vaultkit.reader.vault import sort_key
from vaultkit.views.charts import count_by_month, last_date, monthly_bars
from vaultkit.views.common import Facts, iso, month
from vaultkit.views.derived.sharing import NO_CHANNEL, iso_week, streaks, titled_link


def _row(facts: Facts, share: Share) -> dict[str, Any]:
    return {"date": iso(share.date), "link": titled_link(facts, share.note), "kind": share.kind or "",
            "channel": share.channel or "", "topics": list(share.topics)}


def sharing_context(facts: Facts) -> dict[str, Any]:
    """Shares by month (latest first; by date, then channel, within), per channel, the longest
    streak, a chart."""
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
    latest = last_date(s.date for s in shares)
    streak = streaks((s.date for s in shares), latest or dt.date.max)  # every dated share counts
    undated = [titled_link(facts, s.note) for s in sorted(shares, key=lambda s: sort_key(s.note.path))
               if s.date is None]
    return {
        "total": len(shares),
        "latest": iso(latest),
        "longest": streak.longest,
        "longest_from": iso_week(streak.longest_from) if streak.longest_from else "",
        "longest_to": iso_week(streak.longest_to) if streak.longest_to else "",
        "channels": channels,
        "months": months,
        "undated": undated,
        "chart": monthly_bars("Shares", "Shares", count_by_month(s.date for s in shares), latest) if latest else "",
    }
