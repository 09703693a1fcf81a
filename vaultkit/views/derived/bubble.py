"""Outside the bubble: how many of your recent interactions were with people outside your own
company (`company` in vaultkit.toml), as a share and a trend (derived data for the Dashboard).

An interaction counts once per person and day (`vaultkit.reader.career.interactions`), on or
before `today`, in the last `DAYS` days (today included); the trend compares that share with
the `DAYS` days before. People whose note gives no `company` cannot be placed: they are counted
apart and left out of the share. Companies compare casefolded, spaces collapsed, `[[…]]` dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vaultkit.views.common import Facts

DAYS = 90


def company_key(name: str | None) -> str:
    """A company name as compared: `[[Lumen Pay]]`, ` lumen  pay` and `Lumen Pay` are one."""
    text = re.sub(r"^\[\[([^\]|#]*)[^\]]*\]\]$", r"\1", (name or "").strip())
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class Share:
    """Interactions in one window: with people outside the company, in total (those whose
    company is known), and with people whose company is not known."""

    outside: int
    known: int
    unknown: int

    @property
    def percent(self) -> int | None:
        """The share outside, rounded to a whole percent (half up); None with no interaction placed."""
        return (self.outside * 200 + self.known) // (2 * self.known) if self.known else None


def outside_share(facts: Facts, since: dt.date, until: dt.date) -> Share:
    """Interactions from `since` to `until` (both included) by where the person works."""
    own = company_key(facts.vault.config.company)
    people = {p.note.path: company_key(p.company) for p in facts.vault.people}
    outside = known = unknown = 0
    for path, found in facts.contacts.items():
        days = {i.date for i in found if since <= i.date <= until}
        company = people.get(path, "")
        if not company:
            unknown += len(days)
            continue
        known += len(days)
        if company != own:
            outside += len(days)
    return Share(outside, known, unknown)


def bubble(facts: Facts) -> dict[str, object]:
    """The last `DAYS` days and the `DAYS` before them, for the Dashboard ({} when `company` is unset)."""
    if not company_key(facts.vault.config.company):
        return {}
    today = facts.today
    start = today - dt.timedelta(days=DAYS - 1)
    now = outside_share(facts, start, today)
    before = outside_share(facts, start - dt.timedelta(days=DAYS), start - dt.timedelta(days=1))
    trend = ""
    if now.percent is not None and before.percent is not None:
        trend = "up" if now.percent > before.percent else "down" if now.percent < before.percent else "level"
    return {"company": facts.vault.config.company, "days": DAYS, "since": start.isoformat(),
            "outside": now.outside, "known": now.known, "unknown": now.unknown, "percent": now.percent,
            "before_outside": before.outside, "before_known": before.known, "before_percent": before.percent,
            "trend": trend}
