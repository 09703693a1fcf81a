"""iCalendar files (`.ics`): each VEVENT becomes an event, read with icalendar.

The date of an event is the day its DTSTART writes, never shifted into the machine's time zone:
an all-day event (`DTSTART;VALUE=DATE:20260304`) is that day; a timed one is the date as written
in its own zone — `DTSTART;TZID=Europe/Berlin:20260304T233000` is 2026-03-04, and so is a UTC
time `20260304T233000Z` (the UTC date, whatever the zone of the machine or the user) and a
floating time without a zone. The same file gives the same notes on every machine.

Its last day (`end`, only where it is not the first): an all-day span's last day (DTEND is the
day after, RFC 5545); a timed event's end day, except that an end in the small hours (up to
06:00) belongs to the day before — a meetup from 19:00 to 01:00 is an evening, not two days.
CATEGORIES are kept as written: `vaultkit.importers.plan` reads an event kind from them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import icalendar

from vaultkit.importers.contentlines import Component, block, decode, scan, split_lines
from vaultkit.importers.records import EventItem, ImportFailure
from vaultkit.reader.dates import compact_day_problem


def _day(value: Any) -> dt.date:
    """The calendar day of a DATE or DATE-TIME as written (its own zone, never converted)."""
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[no-any-return]


# A timed event that ends by this hour of the next day ended the night of its first: one evening.
NIGHT_ENDS = dt.time(6, 0)


def _last_day(day: dt.date, stop: Any) -> dt.date | None:
    """The event's last day from its DTEND (or DTSTART + DURATION), None where it is `day`."""
    last: dt.date | None = None
    if isinstance(stop, dt.datetime):
        last = _day(stop)  # a timed end is on its own day, as written in its own zone
        if last > day and stop.time() <= NIGHT_ENDS:
            last -= dt.timedelta(days=1)  # 19:00 to 01:00: the evening it began
    elif isinstance(stop, dt.date) and stop > day:
        last = stop - dt.timedelta(days=1)  # an all-day DTEND is the day after the last (RFC 5545)
    return last if last is not None and last > day else None


def _categories(ev: Any) -> tuple[str, ...]:
    """The CATEGORIES of a VEVENT, every line's values in file order, each once."""
    value = ev.get("CATEGORIES")
    found: list[str] = []
    for item in value if isinstance(value, list) else [] if value is None else [value]:
        cats = getattr(item, "cats", None)  # icalendar's vCategory
        if cats is None:  # an older icalendar's text: split at the commas not escaped
            raw = item.to_ical() if hasattr(item, "to_ical") else str(item)
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
            cats = [c.replace("\\,", ",") for c in re.split(r"(?<!\\),", text)]
        found += [name for c in cats if (name := _one_line(c))]
    return tuple(dict.fromkeys(found))


def _no_day(value: Any) -> str | None:
    """A date value that names a day its month does not have (`20260230T100000Z`), said as a
    date typed anywhere is ("February 2026 has no day 30 (it has 28 days)"); else None."""
    try:
        raw = value.to_ical() if hasattr(value, "to_ical") else value
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    except Exception:  # a value icalendar could not even keep as text: its own message says more
        return None
    return compact_day_problem(text) if isinstance(text, str) else None


def _one_line(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _event(ev: Any, comp: Component) -> EventItem | str:
    """The event of one VEVENT, or why it is left out (text)."""
    for name, problem in getattr(ev, "errors", []):
        line = comp.props.get(str(name).upper(), comp.begin)
        raise ImportFailure(line, f"{name} cannot be read: {_no_day(ev.get(name)) or problem}",
                            "fix the value or export the file again")
    if "DTSTART" not in ev:
        raise ImportFailure(comp.begin, "an event (VEVENT) without DTSTART: it has no date",
                            "every event needs a DTSTART line")
    at = comp.props.get("DTSTART", comp.begin)
    try:
        start = ev.decoded("DTSTART")
        stop = ev.decoded("DTEND") if "DTEND" in ev else None
        duration = ev.decoded("DURATION") if "DURATION" in ev else None
        if stop is None and isinstance(duration, dt.timedelta):
            stop = start + duration  # OverflowError for a duration past the calendar's end
    except Exception as exc:  # icalendar raises ValueError and others for a value it cannot decode
        raise ImportFailure(at, f"DTSTART, DTEND or DURATION cannot be read: {exc}") from None
    if not isinstance(start, dt.date):
        raise ImportFailure(at, f"DTSTART cannot be read: {start!r} is not a date or date-time")
    name = _one_line(ev.get("SUMMARY"))
    if not name:
        return "it has no SUMMARY (title)"
    if _one_line(ev.get("STATUS")).upper() == "CANCELLED":
        return "it is cancelled (STATUS:CANCELLED)"
    day = _day(start)
    last = _last_day(day, stop)
    said = []
    if "RRULE" in ev or "RDATE" in ev:
        said.append(f"recurring: only its first date ({day.isoformat()}) is imported")
    return EventItem(comp.begin, name, day, last, _one_line(ev.get("LOCATION")), _one_line(ev.get("URL")),
                     "; ".join(said), _categories(ev))


def parse(data: bytes) -> tuple[list[EventItem], list[tuple[int, str, str]]]:
    """The events of an iCalendar file in file order, and those left out as (line, name, why).

    `ImportFailure` naming the line for a malformed file: a line that is no iCalendar line, a
    block cut short, a value icalendar cannot read, an event without a date.
    """
    text = decode(data, "iCalendar file")
    events: list[EventItem] = []
    left: list[tuple[int, str, str]] = []
    lines = split_lines(text)
    for comp in scan(text, "iCalendar file", "VCALENDAR"):
        try:
            cal = icalendar.Calendar.from_ical(block(lines, comp))
        except Exception as exc:  # ValueError mostly; never a traceback for a user's file
            raise ImportFailure(comp.begin, f"this calendar cannot be read: {exc}", "export it again") from None
        parsed = [c for c in cal.subcomponents if c.name == "VEVENT"]
        scanned = [c for c in comp.children if c.name == "VEVENT"]
        for ev, where in zip(parsed, scanned, strict=False):
            got = _event(ev, where)
            if isinstance(got, str):
                left.append((where.begin, _one_line(ev.get("SUMMARY")), got))
            else:
                events.append(got)
    return events, left
