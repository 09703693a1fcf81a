"""What an import reads out of a file: contacts and events, each with the line it starts on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class ImportFailure(ValueError):
    """The file cannot be read as the format it claims: nothing of it is imported.

    `line` is the 1-based line of the file where the problem is (None for the file as a whole).
    """

    def __init__(self, line: int | None, message: str, hint: str = "") -> None:
        self.line, self.message, self.hint = line, message, hint
        where = f"line {line}: " if line is not None else ""
        super().__init__(where + message + (f" ({hint})" if hint else ""))


@dataclass(frozen=True)
class Contact:
    """A person read from an export. Empty text means the export did not say."""

    line: int
    name: str
    company: str = ""
    role: str = ""
    email: str = ""
    links: tuple[str, ...] = ()
    connected_on: dt.date | None = None


@dataclass(frozen=True)
class EventItem:
    """An event read from a calendar (VEVENT). `date` is the day as the file writes it."""

    line: int
    name: str
    date: dt.date
    end: dt.date | None = None
    location: str = ""
    url: str = ""
    note: str = ""  # said beside the import (a recurring event, a zone), not written
    categories: tuple[str, ...] = ()  # CATEGORIES as written, in file order: one may name the event's kind
