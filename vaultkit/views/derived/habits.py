"""Goals' habits counted from what the vault already holds (derived data, shared by Goals.md
and the Dashboard).

**What counts** for a habit `WHAT N/PERIOD` (`vaultkit.kinds.habits`):

- a kind (`share`, `event`, `interview`, a kind of the vault's own…): each of its notes, on its
  `date` (a kind without one: its first date field, e.g. a person's `met_on`); `brag` and
  `challenge` count inline `#brag`/`#challenge` entries too;
- `contact`: each interaction (`vaultkit.reader.career.interactions`), one per person and day;
- `#tag`: each dated list item carrying the tag (or a nested `#tag/…`), on its date (else its
  daily note's); a note carrying it where none of its items does counts once, on its date;
- any other word: brag entries of that theme (`demo`, `documentation`…).

**Periods** are relative to `today`, never the wall clock: ISO weeks (Monday first, so a week
runs across New Year), calendar months, calendar quarters. This period counts up to `today`.
The **streak** counts back from this period while each period meets the target; while this
period has not met it yet, counting starts from the one before (a streak is not lost until a
whole period passes short). A habit has **slipped** when the last whole period fell short and
began on or after the goal's start: a goal made this week has not slipped last week.

A goal's **start** (`goal_start`) is its `start` field (`vaultkit new goal` writes today), else
a `created` or `date` property of the user's own (what note templates commonly write), else the
first day any of its habits counts: never a file time, which a sync or a checkout moves. A goal
with none of these starts today.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from vaultkit.kinds.habits import Habit, has_tag, parse_habit
from vaultkit.reader.dates import day_of
from vaultkit.reader.model import Note
from vaultkit.reader.records import Record
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts
from vaultkit.views.registry import CONTACTS

WINDOW = 12  # periods in a habit's chart
ACTIVE = "active"
_ENTRY_KINDS = ("brag", "challenge")


def period_start(date: dt.date, period: str) -> dt.date:
    """The first day of the week (Monday), month or quarter holding `date`."""
    if period == "week":
        return date - dt.timedelta(days=date.weekday())
    if period == "month":
        return date.replace(day=1)
    return dt.date(date.year, (date.month - 1) // 3 * 3 + 1, 1)


def shift(start: dt.date, period: str, count: int) -> dt.date:
    """The start of the period `count` periods after (negative: before) the one at `start`."""
    if period == "week":
        return start + dt.timedelta(weeks=count)
    months = start.year * 12 + start.month - 1 + count * (3 if period == "quarter" else 1)
    return dt.date(months // 12, months % 12 + 1, 1)


def label(start: dt.date, period: str) -> str:
    """A period as text: 2026-W29 (the ISO year), 2026-07, 2026-Q3."""
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"


@dataclass(frozen=True, slots=True)
class Tally:
    """One habit as of `today`: this period's count, the last whole period's, the streak, the
    counts of the last `WINDOW` periods (oldest first, this one last) and the latest day counted."""

    habit: Habit
    this: int
    previous: int
    streak: int
    window: tuple[tuple[str, int], ...]
    last: dt.date | None
    before_start: bool = False  # the last whole period began before the goal's start

    @property
    def met(self) -> bool:
        """This period has reached the target."""
        return self.this >= self.habit.target

    @property
    def slipped(self) -> bool:
        """The last whole period fell short of the target, and the goal had started by then."""
        return self.previous < self.habit.target and not self.before_start

    @property
    def period(self) -> str:
        """This period's label (`2026-W29`)."""
        return self.window[-1][0]


def tally(habit: Habit, dates: Iterable[dt.date], today: dt.date, periods: int = WINDOW,
          start: dt.date | None = None) -> Tally:
    """Count `dates` (the days something counted happened; repeats count again) per period of
    `habit`, as of `today` (see the module doc). Days after `today` do not count. A period that
    began before the period holding `start` (the goal's start) never counts as slipped."""
    counts: dict[dt.date, int] = {}
    last: dt.date | None = None
    for date, times in Counter(dates).items():  # a vault's contacts fall on far fewer days than there are
        if date <= today:
            begins = period_start(date, habit.period)
            counts[begins] = counts.get(begins, 0) + times
            last = date if last is None or date > last else last
    current = period_start(today, habit.period)
    previous = shift(current, habit.period, -1)
    window = tuple((label(shift(current, habit.period, -back), habit.period),
                    counts.get(shift(current, habit.period, -back), 0)) for back in range(periods - 1, -1, -1))
    at = current if counts.get(current, 0) >= habit.target else previous
    streak = 0
    earliest = min(counts, default=current)
    while at >= earliest and counts.get(at, 0) >= habit.target:
        streak += 1
        at = shift(at, habit.period, -1)
    before = start is not None and previous < period_start(start, habit.period)
    return Tally(habit, counts.get(current, 0), counts.get(previous, 0), streak, window, last, before)


def counted(facts: Facts, habit: Habit) -> tuple[str, list[dt.date]]:
    """What `habit` counts, in words ("shares", "brags of theme demo"), and the day of each.

    Kept until a note of what it reads changes (`Facts.memo`: `vaultkit watch` plans Goals.md
    and the Dashboard after every save); a tag can change in any note, so tags are read again
    each time, note by note from what is kept of each unchanged note (`_tagged`).
    """
    if habit.tag is not None:
        return f"dated items and notes tagged `#{habit.tag}`", _tagged(facts, habit.tag.casefold())
    what = habit.what
    kinds = facts.vault.config.schema.kinds
    topic = CONTACTS if what == "contact" else what if what in kinds else "brag"
    return facts.memo(f"habits.{what}", (topic,), lambda: _counted(facts, habit))


def _counted(facts: Facts, habit: Habit) -> tuple[str, list[dt.date]]:
    vault = facts.vault
    if habit.what == "contact":
        pairs = {(person, i.date) for person, found in facts.contacts.items() for i in found}
        return "interactions (one per person and day)", [date for _, date in pairs]
    if habit.what in _ENTRY_KINDS:
        entries = facts.brags if habit.what == "brag" else facts.challenges
        return f"{habit.what} entries", [e.date for e in entries if e.date is not None]
    kind = vault.config.schema.kinds.get(habit.what)
    if kind is not None:
        dates = [name for name, spec in kind.fields.items() if spec.type == "date"]
        field = "date" if "date" in dates else (dates[0] if dates else None)
        found = [n.fields.get(field) for n in vault.of_kind(habit.what)] if field else []
        by = "" if field in (None, "date") else f", by `{field}`"
        return f"{habit.what} notes{by}", [d for d in found if isinstance(d, dt.date)]
    themed = [e.date for e in facts.brags if e.date is not None and _theme(e.fields) == habit.what]
    return f"brags of theme {habit.what}", themed


def _theme(fields: tuple[tuple[str, object], ...]) -> str:
    for name, value in fields:
        if name == "theme":
            return value.casefold() if isinstance(value, str) else ""
    return ""


def _note_day(facts: Facts, note: Note) -> dt.date | None:
    value = note.fields.get("date") if note.kind else note.extra.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return facts.vault.config.daily.date_of(note.path)


def _note_tagged(facts: Facts, note: Note, tag: str) -> tuple[dt.date, ...]:
    """The days one note counts for `#tag`: its tagged items', else its own (once)."""
    if not has_tag(note.tags, tag):  # a note's tags hold its items' tags too
        return ()
    items = [item for item in note.items if has_tag(item.tags, tag)]
    if items:
        day = facts.vault.config.daily.date_of(note.path)
        return tuple(d for d in (item.date or day for item in items) if d is not None)
    own = _note_day(facts, note)
    return (own,) if own is not None else ()


def _tagged(facts: Facts, tag: str) -> list[dt.date]:
    # What each note gave is kept with the note it came from: after a save only the notes that
    # changed (a new `Note` object) are looked at again.
    kept: dict[str, tuple[Note, tuple[dt.date, ...]]] = facts.kept(f"habits.#{tag}", lambda _: {})
    notes = facts.vault.notes
    found: list[dt.date] = []
    for path, note in notes.items():
        hit = kept.get(path)
        if hit is None or hit[0] is not note:
            hit = kept[path] = (note, _note_tagged(facts, note, tag))
        found.extend(hit[1])
    if len(kept) > len(notes):
        for path in [p for p in kept if p not in notes]:
            del kept[path]
    return found


@dataclass(frozen=True, slots=True)
class GoalHabits:
    """A goal note and its habits' tallies (with what each counts, in words), its status (an
    unknown one counts as active: `unknown` keeps it as written), and its start (`goal_start`)
    with where that came from: `start`, `created`, `date`, `habits` or `today`."""

    goal: Record
    status: str
    tallies: tuple[tuple[Tally, str], ...]
    start: dt.date | None = None
    start_from: str = ""
    unknown: str = ""

    @property
    def slipped(self) -> tuple[Tally, ...]:
        """The habits whose last whole period fell short."""
        return tuple(t for t, _ in self.tallies if t.slipped)


_CREATED = ("created", "date")  # a goal's own properties that say when it was written


def goal_start(goal: Record, counted: Iterable[dt.date], today: dt.date) -> tuple[dt.date, str]:
    """When a goal began, and where that is read: its `start` field, else a `created` or
    `date` property of the user's own, else the first of the `counted` days (what its habits
    count, up to `today`), else `today` (see the module doc)."""
    if isinstance(goal.fields.get("start"), dt.date):
        return goal.fields["start"], "start"
    for key in _CREATED:
        day = day_of(goal.note.fields.get(key, goal.note.extra.get(key)))
        if day is not None:
            return day, key
    first = min((d for d in counted if d <= today), default=None)
    return (first, "habits") if first is not None else (today, "today")


def _status(facts: Facts, goal: Record) -> tuple[str, str]:
    """The goal's status, and the status as written when vaultkit does not know it (`check`
    warns of it): a goal counts as active until it says it is reached, dropped or another
    status the schema lists."""
    status = goal.status or ACTIVE
    spec = facts.vault.config.schema.field("goal", "status")
    if spec is not None and spec.type == "enum" and status not in spec.values:
        return ACTIVE, status
    return status, ""


def goal_habits(facts: Facts) -> list[GoalHabits]:
    """Every goal with its habits counted as of `today`: active goals first, then by `by`
    (undated last) and title. Each habit's dates are gathered once for all goals."""
    goals = facts.vault.records("goal")
    known: dict[str, tuple[str, list[dt.date]]] = {}  # by WHAT: the days do not depend on N or PERIOD
    firsts: dict[str, dt.date | None] = {}  # by WHAT: its first day up to today, for goals with no start

    def first(what: str) -> dt.date | None:
        if what not in firsts:
            firsts[what] = min((d for d in known[what][1] if d <= facts.today), default=None)
        return firsts[what]

    found: list[GoalHabits] = []
    for goal in goals:
        habits = []
        for text in goal.habits or ():
            habit = parse_habit(text)
            if habit is None:  # the converter keeps only habits that parse: a plugin's own field
                continue
            if habit.what not in known:
                known[habit.what] = counted(facts, habit)
            habits.append(habit)
        start, start_from = goal_start(goal, (d for h in habits if (d := first(h.what)) is not None), facts.today)
        tallies = tuple((tally(h, known[h.what][1], facts.today, start=start), known[h.what][0]) for h in habits)
        status, unknown = _status(facts, goal)
        found.append(GoalHabits(goal, status, tallies, start, start_from, unknown))
    found.sort(key=lambda g: (g.status != ACTIVE, g.goal.by or dt.date.max, sort_key(g.goal.note.title),
                              g.goal.note.path))
    return found
