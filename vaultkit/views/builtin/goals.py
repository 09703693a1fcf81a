"""Goals.md: each active goal's measure and deadline, and its habits as of `today`: this
period's count against the target, the streak, and the last 12 periods as a chart (what
counts and the period rules: `vaultkit.views.derived.habits`). Reached and dropped goals are
listed below them, under a heading that names their statuses; a goal whose habits could not
all be read says so, and one whose status vaultkit does not know counts as active and says so.
Each goal says when it started, which decides the first period that can count as slipped.
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
        "before_start": tally.before_start,
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
        "unknown": goal.unknown,
        "statuses": ", ".join(_statuses(facts)),
        "start": iso(goal.start),
        "start_from": goal.start_from,
        "by": iso(record.by),
        "measure": record.measure or "",
        "habits": [_habit(t, what) for t, what in goal.tallies],
        "unreadable": _unreadable_habits(goal),
    }


def _statuses(facts: Facts) -> tuple[str, ...]:
    spec = facts.vault.config.schema.field("goal", "status")
    return tuple(spec.values) if spec is not None else (ACTIVE,)


def _others_title(facts: Facts, others: list[dict[str, Any]]) -> str:
    """The heading over the goals that are not active, naming their statuses in the schema's
    order: "Reached and dropped", "Reached"."""
    order = {name: index for index, name in enumerate(_statuses(facts))}
    names = sorted({g["status"] for g in others}, key=lambda n: (order.get(n, len(order)), n))
    text = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0] if names else ""
    return text[:1].upper() + text[1:]


def goals_context(facts: Facts) -> dict[str, Any]:
    """Active goals with their habits, then the others; this week, month and quarter as labels."""
    today = facts.today
    goals = [goal_row(facts, g) for g in goal_habits(facts)]
    others = [g for g in goals if g["status"] != ACTIVE]
    return {
        "today": iso(today),
        "week": label(period_start(today, "week"), "week"),
        "month": month(today),
        "quarter": quarter(today),
        "active": [g for g in goals if g["status"] == ACTIVE],
        "others": others,
        "others_title": _others_title(facts, others),
    }
