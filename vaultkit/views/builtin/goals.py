"""Goals.md: each active goal's measure and deadline, and its habits as of `today`: this
period's count against the target, the streak, and the last 12 periods as a chart (what
counts and the period rules: `vaultkit.views.derived.habits`). Reached and dropped goals are
listed below them; a goal whose habits could not all be read says so.
"""

from __future__ import annotations

from typing import Any

from vaultkit.reader.model import Severity
from vaultkit.views.charts import bars
from vaultkit.views.common import Facts, iso, month, quarter
from vaultkit.views.derived.habits import ACTIVE, GoalHabits, Tally, goal_habits, label, period_start

_PER = {"week": "weeks", "month": "months", "quarter": "quarters"}


def _habit(tally: Tally, what: str) -> dict[str, Any]:
    habit = tally.habit
    return {
        "text": habit.text,
        "what": what,
        "period": habit.period,
        "label": tally.period,
        "this": tally.this,
        "target": habit.target,
        "met": tally.met,
        "previous": tally.previous,
        "slipped": tally.slipped,
        "streak": tally.streak,
        "unit": habit.period if tally.streak == 1 else _PER[habit.period],
        "last": iso(tally.last),
        "chart": bars(f"{habit.text}, last {len(tally.window)} {_PER[habit.period]}",
                      "Count", list(tally.window), target=habit.target),
    }


def _unreadable_habits(goal: GoalHabits) -> int:
    return sum(1 for d in goal.goal.note.diagnostics if d.code == "habit-invalid" and d.severity is Severity.ERROR)


def goal_row(facts: Facts, goal: GoalHabits) -> dict[str, Any]:
    """What Goals.md shows of one goal."""
    record = goal.goal
    return {
        "link": facts.named(record.note.path),
        "status": goal.status,
        "by": iso(record.by),
        "measure": record.measure or "",
        "habits": [_habit(t, what) for t, what in goal.tallies],
        "unreadable": _unreadable_habits(goal),
    }


def goals_context(facts: Facts) -> dict[str, Any]:
    """Active goals with their habits, then the others; this week, month and quarter as labels."""
    today = facts.today
    goals = [goal_row(facts, g) for g in goal_habits(facts)]
    return {
        "today": iso(today),
        "week": label(period_start(today, "week"), "week"),
        "month": month(today),
        "quarter": quarter(today),
        "active": [g for g in goals if g["status"] == ACTIVE],
        "others": [g for g in goals if g["status"] != ACTIVE],
    }
