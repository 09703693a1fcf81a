"""The `.ics` of `vaultkit calendar`: a calendar app subscribed to it reminds the user of
follow-ups, interview follow-ups, upcoming events and every date field a kind marks
`calendar = true` (a plugin's CFP deadlines too). Pure: vault and `today` in, bytes out.

Deterministic, as generated notes are: the same vault and `today` give the same bytes on any
machine, in any time zone and locale. Entries are all-day (a date is a calendar date, never a
moment in a zone), sorted by day, then summary, then UID; each UID is made from the kind, the
note's path and the field, so an entry keeps its UID while the note keeps its path (a renamed
or moved note's entries get new UIDs: the calendar app drops the old ones and adds new ones);
DTSTAMP is `today`, never the wall clock; lines end in CRLF and fold at 75 octets (RFC 5545).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from vaultkit.reader import career
from vaultkit.reader.model import Interaction
from vaultkit.reader.vault import Vault

Contacts = Mapping[str, Sequence[Interaction]]
PRODID = "-//vaultkit//vaultkit calendar//EN"
_FAR = dt.timedelta(days=36500)


class Entry(NamedTuple):
    """One all-day calendar entry: `end` is its last day (inclusive)."""

    start: dt.date
    end: dt.date
    summary: str
    uid: str
    description: str


def uid(kind: str, path: str, field: str) -> str:
    """The entry's UID: from the kind, the note's vault path and the field (stable while the
    note keeps its path)."""
    digest = hashlib.sha256(f"{kind}\0{path}\0{field}".encode()).hexdigest()[:32]
    return f"{digest}@vaultkit"


def _plus(day: dt.date, days: int) -> dt.date:
    """`day` + `days`, held at the last date there is (a `today` or cadence near year 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def followup_entries(vault: Vault, today: dt.date, contacts: Contacts | None = None) -> list[Entry]:
    """One entry per person: the day they fall due for a follow-up (as Follow-ups.md counts:
    more days than their cadence since the last contact, else since `met_on`). Someone already
    due, or never contacted and never met on a known day, is due `today`. A loose connection you
    have not contacted has none (`Network.not_contacted_loose`), as Follow-ups.md lists none.
    `contacts`: `career.interactions(vault)`, worked out here when not given."""
    # Follow-ups.md's own rule (`career.followups`) says who is due today and, asked a century
    # ahead with the contacts up to today, each person's cadence: the two never disagree, however
    # that rule picks a cadence (the person's own, their priority's, the vault's default).
    contacts = career.interactions(vault) if contacts is None else contacts
    past = {path: [i for i in items if i.date <= today] for path, items in contacts.items()}
    due_now = {f.person.note.path for f in career.followups(vault, today, past)}
    out = []
    for f in career.followups(vault, _plus(today, _FAR.days), past):
        person, last = f.person, f.last
        since = last.date if last is not None else person.met_on
        if since is None:
            day, said = today, "no contact and no met_on yet"
        else:
            day = today if person.note.path in due_now else _plus(since, f.cadence_days + 1)
            said = f"last contact {since.isoformat()}" if last else f"met {since.isoformat()}, no contact since"
            said += f"; every {f.cadence_days} days"
        out.append(Entry(day, day, f"Follow up with {person.note.title}",
                         uid("person", person.note.path, "follow-up"), f"{said}. Note: {person.note.path}"))
    return out


def field_entries(vault: Vault, today: dt.date, contacts: Contacts | None = None) -> list[Entry]:
    """Every upcoming date of a field its kind marks `calendar = true` (an event's `date`, an
    interview's `follow_up`, a talk's `cfp_deadline`…). An event's `date` runs to its `end`.

    An interview follow-up that is overdue (`career.interview_overdue`: its date has passed and
    nobody of its process has been contacted since, as Interviews.md and the Dashboard say) is
    put on `today`, with the UID it had while ahead, so the calendar app moves it rather than
    dropping it; one done, or a past date of any other field, is left out."""
    out = []
    schema = vault.config.schema
    overdue: set[str] | None = None  # worked out the first time a past interview follow_up is met
    for kind in schema.names:
        for name, spec in schema.fields(kind).items():
            if not spec.calendar:
                continue
            for note in vault.of_kind(kind):
                day = note.fields.get(name)
                if not isinstance(day, dt.date):
                    continue
                end = note.fields.get("end") if name == "date" else None
                last = end if isinstance(end, dt.date) and end > day else day
                said = f"{kind} {name}: {day.isoformat()}"
                if last < today:
                    if kind != "interview" or name != "follow_up":
                        continue  # only what is still ahead (or happening today)
                    if overdue is None:
                        contacts = career.interactions(vault) if contacts is None else contacts
                        overdue = {i.note.path for i in vault.interviews
                                   if career.interview_overdue(vault, contacts, i, today)}
                    if note.path not in overdue:
                        continue  # followed up: someone of the process was contacted since
                    late = (today - day).days
                    said += f", overdue by {late} day{'s' if late != 1 else ''} (no contact with its people since)"
                    day = last = today
                summary = note.title if name == "date" else f"{note.title}: {name.replace('_', ' ')}"
                out.append(Entry(day, last, summary, uid(kind, note.path, name), f"{said}. Note: {note.path}"))
    return out


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    parts, limit = [], 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut])
        data, limit = data[cut:], 74  # a continuation line starts with a space
    parts.append(data)
    return b"\r\n ".join(parts).decode("utf-8")


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def render(entries: list[Entry], today: dt.date) -> bytes:
    """The calendar file: entries sorted by day, summary (casefolded), UID; CRLF lines."""
    stamp = f"{_date(today)}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:vaultkit"]
    for e in sorted(entries, key=lambda e: (e.start, e.summary.casefold(), e.summary, e.uid)):
        # DTEND is the day after the last; on 9999-12-31 there is none, and a DATE start
        # without an end is one day long (RFC 5545 3.6.1).
        end = [f"DTEND;VALUE=DATE:{_date(e.end + dt.timedelta(days=1))}"] if e.end < dt.date.max else []
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{_date(e.start)}",
                  *end, f"SUMMARY:{_escape(e.summary)}", f"DESCRIPTION:{_escape(e.description)}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def calendar(vault: Vault, today: dt.date) -> bytes:
    """The whole `.ics` for `vault` as of `today`."""
    contacts = career.interactions(vault)
    return render(followup_entries(vault, today, contacts) + field_entries(vault, today, contacts), today)
