"""Why a date the user typed is no date, said one way wherever one is read (`--date`, `--today`,
`VAULTKIT_TODAY`, `today` in vaultkit.toml, an imported calendar's DTSTART): "February 2026 has
no day 30 (it has 28 days)", not a parser's message. Pure; English month names whatever the locale.
"""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fixed English names: calendar.month_name follows the locale


def day_of(value: object) -> dt.date | None:
    """The day a property value holds: a date, a date-time's date, or a string starting
    YYYY-MM-DD (a time after it is ignored); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def day_problem(value: str) -> str:
    """Why `value` (meant as YYYY-MM-DD) is no date: a day the month does not have, a month past
    12, or not YYYY-MM-DD."""
    parts = value.strip().split("-")
    if len(parts) == 3 and [len(p) for p in parts] == [4, 2, 2] and all(p.isdigit() for p in parts):
        return _no_such_day(value, *(int(p) for p in parts)) or f"{value!r} is not a date as YYYY-MM-DD"
    return f"{value!r} is not a date as YYYY-MM-DD"


def day_reason(value: str) -> str:
    """`day_problem` without the value: "February 2026 has no day 30 (it has 28 days)", for a
    message that has already named it."""
    return day_problem(value).removeprefix(f"{value!r} is not a date: ").removeprefix(f"{value!r} is ")


def compact_day_problem(value: str) -> str | None:
    """Why `value`, a calendar file's YYYYMMDD (a date-time's date part, `20260230T100000Z`),
    holds no real day; None when its first eight digits are one (or it is not that form)."""
    text = value.strip()
    digits = text[:8]
    if len(digits) < 8 or not digits.isdigit() or (len(text) > 8 and text[8] != "T"):
        return None
    return _no_such_day(value, int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _no_such_day(value: str, year: int, month: int, day: int) -> str | None:
    if year < dt.MINYEAR:
        return f"{value!r} is not a date: there is no year 0 (years start at 0001)"
    if not 1 <= month <= 12:
        return f"{value!r} is not a date: there is no month {month} (months are 01 to 12)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{value!r} is not a date: {MONTHS[month - 1]} {year} has no day {day} (it has {last} days)"
    return None
