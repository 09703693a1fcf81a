"""Dashboard.md: one page linking every generated note with its headline numbers, and a chart.

Numbers are as of `today`: wins this quarter and year by calendar period, shares this month
up to today, the weekly sharing streak (see `sharing.streaks`), interviews still open (see
`interviews.is_open`). The chart counts people by the month you met them (`met_on`) over the
last 12 months; the coming-up list covers events and interview follow-ups in the next 30 days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from vaultkit.vault import sort_key
from vaultkit.views.charts import count_by_month, month_window, monthly_bars
from vaultkit.views.common import Facts, iso, month, quarter
from vaultkit.views.events import is_upcoming
from vaultkit.views.interviews import is_open, next_follow_up
from vaultkit.views.sharing import shares_this_month, streaks

SOON_DAYS = 30


def note_link(facts: Facts, name: str) -> Markup:
    """A wikilink to a generated note: by name, or by its path when another note has that name.

    The generated note itself is ignored, so the link is the same before and after the first build.
    """
    base = facts.vault.config.output_dir.strip("/")
    own = f"{base}/{name}.md".casefold()
    others = [p for p in facts.vault.index.by_name.get(name.casefold(), []) if p.casefold() != own]
    return Markup(f"[[{base}/{name}]]" if base and others else f"[[{name}]]")


def _coming_up(facts: Facts) -> list[dict[str, Any]]:
    today = facts.today
    horizon = today + dt.timedelta(days=SOON_DAYS)
    items: list[tuple[Any, ...]] = []
    for event in facts.vault.events:
        if event.date is not None and is_upcoming(event, today) and event.date <= horizon:
            items.append((event.date, sort_key(event.note.title), event.note.path,
                          {"date": iso(event.date), "what": event.kind or "event",
                           "link": facts.link(event.note.path)}))
    for interview in facts.vault.interviews:
        if interview.follow_up is not None and today <= interview.follow_up <= horizon:
            items.append((interview.follow_up, sort_key(interview.note.title), interview.note.path,
                          {"date": iso(interview.follow_up), "what": "interview follow-up",
                           "link": facts.link(interview.note.path)}))
    items.sort(key=lambda t: (max(t[0], today), t[1], t[2]))
    return [t[3] for t in items]


def dashboard_context(facts: Facts) -> dict[str, Any]:
    """Links to the generated notes, headline numbers, what comes up soon, and people met per month."""
    vault, today = facts.vault, facts.today
    people = vault.people
    upcoming = sorted((e for e in vault.events if e.date is not None and is_upcoming(e, today)),
                      key=lambda e: (e.date, sort_key(e.note.title), e.note.path))
    this_quarter = quarter(today)
    window = set(month_window(today))
    streak = streaks((s.date for s in vault.shares), today)
    follow_up = next_follow_up(facts)
    names = ("People", "Follow-ups", "Events", "Brag", "Interviews", "Sharing", "Communities")
    return {
        "today": iso(today),
        "links": {name: note_link(facts, name) for name in names},
        "people": len(people),
        "companies": len({(p.company or "").strip() for p in people} - {""}),
        "met_12m": sum(1 for p in people if p.met_on and p.met_on <= today and month(p.met_on) in window),
        "due": sum(1 for f in facts.followups if not f.never_contacted),
        "never": sum(1 for f in facts.followups if f.never_contacted),
        "upcoming": len(upcoming),
        "next_event": facts.link(upcoming[0].note.path) if upcoming else "",
        "next_event_date": iso(upcoming[0].date) if upcoming else "",
        "quarter": this_quarter,
        "year": today.year,
        "wins_quarter": sum(1 for e in facts.brags if e.date and quarter(e.date) == this_quarter),
        "wins_year": sum(1 for e in facts.brags if e.date and e.date.year == today.year),
        "open_challenges": sum(1 for e in facts.challenges if e.get("status") != "overcome"),
        "shares_month": shares_this_month(facts),
        "streak": streak.current,
        "longest": streak.longest,
        "interviews": len(vault.interviews),
        "open_interviews": sum(1 for i in vault.interviews if is_open(i)),
        "next_follow_up": iso(follow_up[0]) if follow_up else "",
        "communities": len(vault.communities),
        "soon": _coming_up(facts),
        "soon_days": SOON_DAYS,
        "chart": monthly_bars("People met per month", "People", count_by_month(p.met_on for p in people), today),
    }
