"""LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).

The export opens with a preamble — a `Notes:` line, a quoted paragraph about missing emails
and a blank line — then the header `First Name,Last Name,URL,Email Address,Company,Position,
Connected On` and one row a connection, dated like `12 Mar 2024`. Dates are read with a fixed
English month table, never the machine's locale (`strptime("%b")` follows LC_TIME).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from vaultkit.importers.contentlines import decode
from vaultkit.importers.records import Contact, ImportFailure

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_FULL = {"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
         "september": 9, "october": 10, "november": 11, "december": 12, "sept": 9}
_DATE = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})")


def parse_date(text: str) -> dt.date:
    """`12 Mar 2024` (or `12 March 2024`, `12-Mar-2024`) as a date; ValueError otherwise."""
    m = _DATE.fullmatch(text.strip())
    month = (_MONTHS.get(m.group(2).casefold()) or _FULL.get(m.group(2).casefold())) if m else None
    if m is None or month is None:
        raise ValueError(f"{text!r} is not a date like 12 Mar 2024")
    try:
        return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (a quoted value may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            out.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailure(start, f"not CSV as LinkedIn writes it: {exc}",
                            "a quote is left open or stray; export the file again") from None
    return out


def parse(data: bytes) -> list[Contact]:
    """The connections in a LinkedIn `Connections.csv`, in file order.

    Raises `ImportFailure` naming the line for a file that is not this export: no header (or
    one lacking a column), a row of the wrong width, a date that is not a date. A row without
    a name is kept out (LinkedIn writes such rows for members who left), as a contact without
    a name that the plan skips and says so.
    """
    rows = _rows(decode(data, "CSV file"))
    index = 0
    if rows and [c.strip() for c in rows[0][1]] == ["Notes:"]:
        while index < len(rows) and any(c.strip() for c in rows[index][1]):
            index += 1  # the preamble runs to its blank line
    while index < len(rows) and not any(c.strip() for c in rows[index][1]):
        index += 1
    if index == len(rows):
        raise ImportFailure(None, "no header line found: this is not LinkedIn's Connections.csv",
                            "the file should have the line " + ",".join(HEADER))
    line, header = rows[index]
    names = [c.strip() for c in header]
    missing = [c for c in HEADER if c not in names]
    if missing:
        raise ImportFailure(line, f"the header lacks {', '.join(missing)}: it reads {','.join(names)!r}",
                            "LinkedIn's Connections.csv has the header " + ",".join(HEADER))
    col = {name: names.index(name) for name in HEADER}
    contacts = []
    for line, row in rows[index + 1:]:
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(names):
            raise ImportFailure(line, f"{len(row)} values where the header has {len(names)}",
                                "a comma inside a value needs the value in double quotes")
        value = {name: row[i].strip() for name, i in col.items()}
        try:
            day = parse_date(value["Connected On"]) if value["Connected On"] else None
        except ValueError as exc:
            raise ImportFailure(line, f"Connected On: {exc}", "LinkedIn writes dates like 12 Mar 2024") from None
        name = " ".join(f"{value['First Name']} {value['Last Name']}".split())
        url = value["URL"]
        contacts.append(Contact(line, name, value["Company"], value["Position"], value["Email Address"],
                                (url,) if url else (), day))
    return contacts
