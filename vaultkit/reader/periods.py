"""Review periods: `2026`, `2026-H2`, `2026-Q3`, `2026-07`, or explicit since/until dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_MONTHS = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
FORMS = "use 2026, 2026-H2, 2026-Q3 or 2026-07"


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive date range with the label used as the review note's file name."""

    label: str
    start: dt.date
    end: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _label_months(start: dt.date, end: dt.date) -> str:
    """The shortest name for a span of whole months: a year, half, quarter or month."""
    if start.month == 1 and end.month == 12 and start.year == end.year:
        return f"{start.year}"
    if start.year == end.year and end.month - start.month == 5 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    if start.year == end.year and end.month - start.month == 2 and start.month in (1, 4, 7, 10):
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-{start.month:02d}..{end.year}-{end.month:02d}"


def parse_period(text: str) -> Period:
    """Parse a PERIOD argument; raises ValueError with the accepted forms."""
    raw = text.strip()
    m = _PERIOD.match(raw)
    if m:
        year = int(m.group(1))
        part = (m.group(2) or "").upper()
        if not part:
            first, last = 1, 12
        elif part.startswith("H"):
            first = 1 if part == "H1" else 7
            last = first + 5
        elif part.startswith("Q"):
            first = (int(part[1]) - 1) * 3 + 1
            last = first + 2
        else:
            first = last = int(part)
            if not 1 <= first <= 12:
                raise ValueError(f"no month {part} in {raw!r}; {FORMS}")
        if year < 1:
            raise ValueError(f"no year {year}; {FORMS}")
        start, end = dt.date(year, first, 1), _month_end(year, last)
        return Period(_label_months(start, end), start, end)
    r = _RANGE.match(raw)
    if r:
        try:
            since, until = dt.date.fromisoformat(r.group(1)), dt.date.fromisoformat(r.group(2))
        except ValueError as exc:
            raise ValueError(f"not a date range: {raw!r} ({exc})") from None
        return between(since, until)
    mm = _MONTHS.match(raw)
    if mm:
        y1, m1, y2, m2 = (int(g) for g in mm.groups())
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            return between(dt.date(y1, m1, 1), _month_end(y2, m2))
    raise ValueError(f"not a period: {text!r}; {FORMS}")


def between(since: dt.date, until: dt.date) -> Period:
    """An explicit range; labelled like a named period when it is one."""
    if until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    if since.day == 1 and until == _month_end(until.year, until.month):
        return Period(_label_months(since, until), since, until)
    return Period(f"{since.isoformat()}..{until.isoformat()}", since, until)


def last_six_months(today: dt.date) -> Period:
    """The six complete months before `today`'s month."""
    end_year, end_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    start_index = end_year * 12 + (end_month - 1) - 5
    start = dt.date(start_index // 12, start_index % 12 + 1, 1)
    return between(start, _month_end(end_year, end_month))
