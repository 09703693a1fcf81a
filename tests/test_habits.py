"""Habits (`WHAT N/PERIOD`): reading them, the periods (ISO weeks, months, quarters, as of
`today`) and counting at the boundaries, the streak and the slip rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.kinds.habits import Habit, item_line, parse_habit
from vaultkit.views.derived.habits import label, period_start, shift, tally

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2900, 12, 31))
PERIODS = st.sampled_from(["week", "month", "quarter"])


@pytest.mark.parametrize(("text", "habit"), [
    ("share 1/week", Habit("share", 1, "week")),
    ("Share 2 / Weeks", Habit("share", 2, "week")),
    ("  contact   3/week ", Habit("contact", 3, "week")),
    ("#coffee 1/week", Habit("#coffee", 1, "week")),
    ("#Brag/Demo 1/quarter", Habit("#brag/demo", 1, "quarter")),
    ("demo 1/quarter", Habit("demo", 1, "quarter")),
    ("documentation 12/month", Habit("documentation", 12, "month")),
])
def test_habits_that_read(text: str, habit: Habit) -> None:
    assert parse_habit(text) == habit


@pytest.mark.parametrize("text", [
    "share weekly", "share 1/fortnight", "share 0/week", "share /week", "1/week", "share 1", "share 1/week extra",
    "coffee chat 1/week", "# 1/week", "#1/week", "", "share -1/week", "share 1.5/week", "`x` 1/week",
])
def test_habits_that_do_not_read(text: str) -> None:
    assert parse_habit(text) is None


@given(st.from_regex(r"#?[a-z][a-z0-9_/-]{0,12}", fullmatch=True), st.integers(1, 9999), PERIODS)
def test_a_habit_reads_back_as_written(what: str, target: int, period: str) -> None:
    habit = Habit(what, target, period)
    assert parse_habit(habit.text) == habit


def test_a_bad_habit_is_found_on_its_own_line() -> None:
    fm = "by: 2027-01-01\nhabits:\n  - share 1/week\n  - talk monthly\nstatus: active\n"
    assert item_line(fm, 3, "talk monthly") == 5  # note lines: `---` is line 1
    assert item_line("habits: [share 1/week, oops]\n", 2, "oops") == 2  # a flow list: the key's line
    assert item_line("habits:\n  - a\nother: oops\n", 2, "oops") == 2  # never past the list


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "period", "start", "text"), [
    (dt.date(2026, 12, 31), "week", dt.date(2026, 12, 28), "2026-W53"),  # a Thursday: ISO year 2026
    (dt.date(2027, 1, 3), "week", dt.date(2026, 12, 28), "2026-W53"),  # Sunday: still 2026's last week
    (dt.date(2027, 1, 4), "week", dt.date(2027, 1, 4), "2027-W01"),
    (dt.date(2024, 12, 30), "week", dt.date(2024, 12, 30), "2025-W01"),  # ISO year ahead of the calendar's
    (dt.date(2026, 7, 15), "week", dt.date(2026, 7, 13), "2026-W29"),
    (dt.date(2026, 7, 13), "week", dt.date(2026, 7, 13), "2026-W29"),  # Monday opens the week
    (dt.date(2026, 7, 12), "week", dt.date(2026, 7, 6), "2026-W28"),  # Sunday closes the one before
    (dt.date(2024, 2, 29), "month", dt.date(2024, 2, 1), "2024-02"),
    (dt.date(2026, 12, 31), "month", dt.date(2026, 12, 1), "2026-12"),
    (dt.date(2026, 3, 31), "quarter", dt.date(2026, 1, 1), "2026-Q1"),
    (dt.date(2026, 4, 1), "quarter", dt.date(2026, 4, 1), "2026-Q2"),
    (dt.date(2026, 12, 31), "quarter", dt.date(2026, 10, 1), "2026-Q4"),
])
def test_period_boundaries(day: dt.date, period: str, start: dt.date, text: str) -> None:
    assert period_start(day, period) == start
    assert label(start, period) == text


@given(DATES, PERIODS)
def test_every_day_falls_in_exactly_one_period(day: dt.date, period: str) -> None:
    start = period_start(day, period)
    following = shift(start, period, 1)
    assert start <= day < following
    assert period_start(following, period) == following
    assert shift(following, period, -1) == start
    assert period_start(following - dt.timedelta(days=1), period) == start
    if period == "week":
        assert start.weekday() == 0 and label(start, period) == "{:04d}-W{:02d}".format(*day.isocalendar()[:2])


# --- counting -----------------------------------------------------------------------------


def test_counting_at_week_boundaries() -> None:
    habit = Habit("share", 1, "week")
    today = dt.date(2026, 7, 15)  # a Wednesday of 2026-W29
    found = tally(habit, [dt.date(2026, 7, 12), dt.date(2026, 7, 13), dt.date(2026, 7, 16)], today)
    assert (found.this, found.previous) == (1, 1)  # Sunday the 12th is last week; the 16th is not yet
    assert found.window[-2:] == (("2026-W28", 1), ("2026-W29", 1))
    assert found.streak == 2 and found.met and not found.slipped
    assert found.last == dt.date(2026, 7, 13)


def test_counting_across_new_year_keeps_a_weekly_streak() -> None:
    habit = Habit("share", 1, "week")
    days = [dt.date(2026, 12, 22), dt.date(2026, 12, 29), dt.date(2027, 1, 5)]
    found = tally(habit, days, dt.date(2027, 1, 6))
    assert found.streak == 3 and found.period == "2027-W01"
    assert [n for _, n in found.window[-4:]] == [0, 1, 1, 1]


def test_this_period_short_does_not_break_the_streak_until_it_ends() -> None:
    habit = Habit("contact", 2, "week")
    days = [dt.date(2026, 6, 29), dt.date(2026, 7, 1), dt.date(2026, 7, 6), dt.date(2026, 7, 8)]
    midweek = tally(habit, days, dt.date(2026, 7, 14))
    assert (midweek.this, midweek.streak, midweek.slipped) == (0, 2, False)
    a_week_later = tally(habit, days, dt.date(2026, 7, 20))
    assert (a_week_later.streak, a_week_later.slipped, a_week_later.previous) == (0, True, 0)


def test_counting_at_month_and_quarter_boundaries() -> None:
    monthly = Habit("documentation", 1, "month")
    days = [dt.date(2026, 5, 31), dt.date(2026, 6, 1), dt.date(2026, 6, 30)]
    found = tally(monthly, days, dt.date(2026, 7, 1))
    assert (found.this, found.previous, found.streak, found.slipped) == (0, 2, 2, False)
    assert found.window[-3:] == (("2026-05", 1), ("2026-06", 2), ("2026-07", 0))
    quarterly = Habit("demo", 1, "quarter")
    found = tally(quarterly, [dt.date(2025, 12, 31), dt.date(2026, 3, 31)], dt.date(2026, 4, 1))
    assert (found.this, found.previous, found.streak) == (0, 1, 2)
    assert found.window[-3:] == (("2025-Q4", 1), ("2026-Q1", 1), ("2026-Q2", 0))
    assert len(found.window) == 12 and found.window[0][0] == "2023-Q3"


def test_nothing_yet_is_a_slip_with_no_streak() -> None:
    found = tally(Habit("mentoring", 1, "month"), [], dt.date(2026, 7, 15))
    assert (found.this, found.streak, found.slipped, found.last) == (0, 0, True, None)
    assert all(n == 0 for _, n in found.window)


@given(st.lists(DATES, max_size=40), DATES, PERIODS, st.integers(1, 3))
def test_counts_agree_with_a_plain_count(days: list[dt.date], today: dt.date, period: str, target: int) -> None:
    habit = Habit("x", target, period)
    found = tally(habit, days, today)
    current = period_start(today, period)
    assert found.this == sum(1 for d in days if current <= d <= today)
    assert found.previous == sum(1 for d in days if shift(current, period, -1) <= d < current)
    oldest = shift(current, period, -11)
    assert sum(n for _, n in found.window) == sum(1 for d in days if oldest <= d <= today)
    assert found.last == max((d for d in days if d <= today), default=None)
    # The streak: the run of periods meeting the target, ending at this period or the one before.
    start = current if found.met else shift(current, period, -1)
    for back in range(found.streak):
        begin = shift(start, period, -back)
        assert sum(1 for d in days if begin <= d < shift(begin, period, 1) and d <= today) >= target
    before = shift(start, period, -found.streak)
    assert sum(1 for d in days if before <= d < shift(before, period, 1)) < target
