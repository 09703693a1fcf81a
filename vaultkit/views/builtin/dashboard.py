"""Dashboard.md: what needs attention first, then one page linking every generated note with
its headline numbers, this week's habits, how much of your networking is outside your own
company, and a chart.

**Needs attention**: interview follow-ups overdue (`interviews.overdue_follow_ups`), notes with
errors of their own (counted from each note's file alone, so every clone counts the same: run
`vaultkit check`), people not contacted since you met them (a loose connection you have not
contacted is not due: only counted, under "At a glance"), and goals whose habits slipped
(the last whole period fell short: `vaultkit.views.derived.habits`).

Numbers are as of `today`: wins this quarter and year by calendar period, shares this month
up to today, the weekly sharing streak (see `sharing.streaks`), interviews still open (see
`interviews.is_open`). The chart counts people by the month you met them (`met_on`) over the
last 12 months; the coming-up list covers events and interview follow-ups in the next 30 days.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Entry, Severity
from vaultkit.reader.names import plain
from vaultkit.reader.vault import sort_key
from vaultkit.views.charts import month_window, monthly_bars
from vaultkit.views.common import Facts, iso, month, quarter
from vaultkit.views.derived.bubble import bubble
from vaultkit.views.derived.events import is_upcoming
from vaultkit.views.derived.habits import ACTIVE, GoalHabits, goal_habits
from vaultkit.views.derived.interviews import is_open, next_follow_up, overdue_follow_ups
from vaultkit.views.derived.people import people_view
from vaultkit.views.derived.sharing import shares_this_month, streaks
from vaultkit.views.outputs import held_back, index_names
from vaultkit.views.registry import CONTACTS, ERRORS, INTERVIEWED

SOON_DAYS = 30
NEVER_SHOWN = 5  # people not contacted since meeting named in "Needs attention"; the rest counted


def _note_links(facts: Facts, names: Iterable[str]) -> dict[str, Markup]:
    held = held_back(facts.vault)  # the index notes not written, by built-in name (as `plan` has them)
    return {name: note_link(facts, name, held) for name in names}


def note_link(facts: Facts, name: str, held: Collection[str]) -> Markup:
    """A wikilink to a generated note (`name` its built-in name; `[outputs]` may rename it), by
    its bare name. A note not written because a note of the user's has its name (`held`:
    built-in file names, from `outputs.held_back`) is shown as text: a link would lead to nothing.

    Written, it shares its name with no note of the user's (else it would be held back); a
    template may share it (`Templates/brag.md`), which Obsidian indexes although vaultkit leaves
    it out. The Dashboard stands in the same folder as the note it links, and a name several
    notes share resolves to the one in the linking note's folder first (SPEC §8,
    `vaultkit.reader.links`), so the bare `[[Brag]]` leads to the generated note there too.
    """
    config = facts.vault.config
    written = f"{name}.md" not in held
    name = index_names(config)[f"{name}.md"][:-3]
    if not written:  # a link to it would lead nowhere
        return Markup(f"{plain(name)} (not written: its name is taken, see `vaultkit check`)")
    return Markup(f"[[{name}]]")


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


def _people(facts: Facts) -> dict[str, Any]:
    # From the tallies the people view keeps, so a save costs no walk over everyone.
    view, today = people_view(facts), facts.today
    first = month_window(today)[0]
    start = dt.date(int(first[:4]), int(first[5:]), 1)  # the first day of the chart's window
    recent = [(d, n) for d, n in view.met_on.items() if d >= start]
    return {
        "people": len(view.people),
        "companies": len(view.companies),
        "met_12m": sum(n for d, n in recent if d <= today),
        "due": view.due_count,
        "never": view.never_count,
        "loose": view.loose_count,  # not due, so not in "Needs attention": counted here once
        "chart": monthly_bars("People met", "People", ((month(d), n) for d, n in recent), today),
    }


def _events(facts: Facts) -> dict[str, Any]:
    today = facts.today
    upcoming = sorted((e for e in facts.vault.events if e.date is not None and is_upcoming(e, today)),
                      key=lambda e: (e.date, sort_key(e.note.title), e.note.path))
    return {
        "upcoming": len(upcoming),
        "next_event": facts.link(upcoming[0].note.path) if upcoming else "",
        "next_event_date": iso(upcoming[0].date) if upcoming else "",
    }


def _wins(facts: Facts) -> dict[str, Any]:
    today = facts.today
    first = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)  # of this quarter
    last = dt.date(today.year + (first.month == 10), (first.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
    year_first, year_last = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    # Entries are kept in date order, the undated last (`career.entry_key`): two bisects a count,
    # not a pass over every win (20,000 at 50k notes, after any save that touches an entry).
    brags = facts.brags

    def dated(start: dt.date, end: dt.date) -> int:
        return bisect_right(brags, end, key=_entry_date) - bisect_left(brags, start, key=_entry_date)
    return {
        "wins_quarter": dated(first, last),
        "wins_year": dated(year_first, year_last),
        "open_challenges": sum(1 for e in facts.challenges if e.get("status") != "overcome"),
    }


def _entry_date(entry: Entry) -> dt.date:
    return entry.date or dt.date.max  # (as `career.entry_key` orders them)


def _shares(facts: Facts) -> dict[str, Any]:
    streak = streaks((s.date for s in facts.vault.shares), facts.today)
    return {"shares_month": shares_this_month(facts), "streak": streak.current, "longest": streak.longest}


def _interviews(facts: Facts) -> dict[str, Any]:
    follow_up = next_follow_up(facts)
    interviews = facts.vault.interviews
    return {"interviews": len(interviews), "open_interviews": sum(1 for i in interviews if is_open(i)),
            "next_follow_up": (iso(follow_up[0]) + (" (overdue)" if follow_up[0] < facts.today else ""))
            if follow_up else ""}


def error_notes(facts: Facts) -> int:
    """How many notes have an error of their own (read from the note's file alone, so every
    clone counts the same: not link errors, which depend on the other notes, nor anything
    about generated notes, the cache or this machine)."""
    return sum(1 for note in facts.vault.notes.values()
               if any(d.severity is Severity.ERROR for d in note.diagnostics))


def _overdue(facts: Facts) -> list[dict[str, Any]]:
    return [{"link": facts.link(i.note.path), "date": iso(i.follow_up), "days": (facts.today - i.follow_up).days}
            for i in overdue_follow_ups(facts) if i.follow_up is not None]


def _never(facts: Facts) -> dict[str, Any]:
    view = people_view(facts)  # kept current person by person: no walk over everyone here
    return {"never_links": [facts.link(f.person.note.path) for f in view.never_contacted(NEVER_SHOWN)],
            "never_more": max(view.never_count - NEVER_SHOWN, 0)}


def _goals(facts: Facts) -> dict[str, Any]:
    """This period's habits of the active goals, and the goals whose habits slipped."""
    goals: list[GoalHabits] = goal_habits(facts) if facts.vault.of_kind("goal") else []
    active = [g for g in goals if g.status == ACTIVE]
    habits = [{"text": t.habit.text, "goal": facts.link(g.goal.note.path), "this": t.this, "target": t.habit.target,
               "label": t.period, "met": t.met, "streak": t.streak,
               "unit": t.habit.period + ("" if t.streak == 1 else "s")}
              for g in active for t, _ in g.tallies]
    slipped = [{"link": facts.link(g.goal.note.path),
                "habits": [{"text": t.habit.text, "previous": t.previous, "label": t.window[-2][0]} for t in g.slipped]}
               for g in active if g.slipped]
    return {"goals_active": len(active), "habits": habits, "habits_met": sum(1 for h in habits if h["met"]),
            "slipped": slipped}


def dashboard_context(facts: Facts) -> dict[str, Any]:
    """Links to the generated notes, headline numbers, what comes up soon, and people met per month.

    Each part is kept until a note of the kinds it reads changes (`Facts.memo`): the Dashboard
    is planned again after every save in `vaultkit watch`.
    """
    today = facts.today
    names = ("People", "Follow-ups", "Events", "Brag", "Interviews", "Sharing", "Communities", "Goals")
    context: dict[str, Any] = {
        "today": iso(today),
        "quarter": quarter(today),
        "year": today.year,
        "soon_days": SOON_DAYS,
        "links": facts.memo("dashboard.links", (), lambda: _note_links(facts, names)),
        "communities": facts.memo("dashboard.communities", ("community",), lambda: len(facts.vault.communities)),
        "soon": facts.memo("dashboard.soon", ("event", "interview"), lambda: _coming_up(facts)),
        "error_notes": facts.memo("dashboard.errors", (ERRORS,), lambda: error_notes(facts)),
        "overdue": facts.memo("dashboard.overdue", ("interview", INTERVIEWED), lambda: _overdue(facts)),
        "bubble": facts.memo("dashboard.bubble", (CONTACTS,), lambda: bubble(facts)),
    }
    context.update(_never(facts))
    context.update(_goals(facts))  # habits count what any note holds: not kept by topic
    context.update(_people(facts))
    context.update(facts.memo("dashboard.events", ("event",), lambda: _events(facts)))
    context.update(facts.memo("dashboard.wins", ("brag", "challenge"), lambda: _wins(facts)))
    context.update(facts.memo("dashboard.shares", ("share",), lambda: _shares(facts)))
    context.update(facts.memo("dashboard.interviews", ("interview", INTERVIEWED), lambda: _interviews(facts)))
    return context
