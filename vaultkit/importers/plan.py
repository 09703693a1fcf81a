"""What an import would do to a vault: notes to add, empty fields to fill in notes that are
already there, and what it leaves alone and why. Pure: a loaded `Vault` and the records read
from a file in, a `Plan` out; `vaultkit.cli.imports` carries it out (or prints it).

An import never changes a value the user has: a field is filled only where the note leaves it
empty, and a differing value is reported, not replaced. So importing the same file again
adds nothing. People are matched by a profile URL in their `links`, else by name or alias;
events by URL, else by name or alias.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from vaultkit.edits.capture import check_title, safe_title
from vaultkit.importers.records import Contact, EventItem
from vaultkit.reader.links import name_key
from vaultkit.reader.model import Note
from vaultkit.reader.vault import Vault


@dataclass(frozen=True)
class NewNote:
    """A note to add with `vaultkit new KIND TITLE --set …`: the values as `--set` takes them."""

    line: int
    kind: str
    title: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Fill:
    """Empty fields to fill in a note that exists: field → value as `--set` takes it."""

    line: int
    path: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Skip:
    """Something of the file left alone (a record or one field of it), and why."""

    line: int
    name: str
    why: str


@dataclass
class Plan:
    """An import's plan. `same`: records whose note leaves nothing to fill; `kept`: per matched
    note, the values it has that differ from the file's (never replaced, but said)."""

    new: list[NewNote] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    same: list[tuple[int, str]] = field(default_factory=list)
    kept: list[Skip] = field(default_factory=list)  # a matched note's values that differ from the file's
    said: list[Skip] = field(default_factory=list)  # what to know of a record (a recurring event)
    kept_values: int = 0  # how many values `kept` names (a note may keep several)


def url_key(url: str) -> str:
    """A profile URL as compared: no scheme, no `www.`, host casefolded, no query, fragment or
    trailing slash (`https://www.linkedin.com/in/ada/` is `http://linkedin.com/in/ada`)."""
    text = url.strip()
    parts = urlsplit(text if "//" in text else "//" + text)
    host = (parts.hostname or "").casefold().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else text.casefold().rstrip("/")


class _Index:
    """The notes of one kind by name, alias and URL keys."""

    def __init__(self, notes: Iterable[Note], url_field: str) -> None:
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_alias: dict[str, set[str]] = defaultdict(set)
        self.by_url: dict[str, set[str]] = defaultdict(set)
        for note in notes:
            self.by_name[name_key(note.title)].add(note.path)
            for alias in note.aliases:
                self.by_alias[name_key(alias)].add(note.path)
            urls = note.fields.get(url_field) or ()
            for url in [urls] if isinstance(urls, str) else urls:
                if isinstance(url, str) and url.strip():
                    self.by_url[url_key(url)].add(note.path)

    def find(self, names: Iterable[str], urls: Iterable[str]) -> tuple[set[str], str]:
        """The paths a record matches, and how (by URL first, then by name, then by alias)."""
        for url in urls:
            found = self.by_url.get(url_key(url))
            if found:
                return found, "URL"
        for table, how in ((self.by_name, "name"), (self.by_alias, "alias")):
            for name in names:
                found = table.get(name_key(name))
                if found:
                    return found, how
        return set(), ""


def _title(name: str) -> tuple[str, str | None]:
    """A note title for a name, and the name as an alias where the title had to differ."""
    if check_title(name) is None:
        return name, None
    title = safe_title(name)
    base, dot, rest = title.partition(".")
    if check_title(title) is not None:  # `CON` or `com1.txt`: no file can have that name on Windows
        title = f"{base}_{dot}{rest}"
    return title, (name if "," not in name else None)  # `--set aliases=` reads a comma as a list


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _plan(plan: Plan, vault: Vault, index: _Index, line: int, kind: str, name: str, urls: tuple[str, ...],
          values: list[tuple[str, str, Any]], taken: dict[str, int]) -> None:
    """Plan one record: `values` are (field, value as `--set` takes it, value as the note
    would read it). `taken`: name keys of the notes this file adds so far → their line."""
    values = [v for v in values if v[1]]
    title, alias = _title(name)
    found, how = index.find((name, title), urls)
    if len(found) > 1:
        shown = ", ".join(sorted(found))
        plan.skips.append(Skip(line, name, f"matches several {kind} notes by {how} ({shown}): "
                                           "add the URL to one of them, or merge them"))
        return
    if not found:
        key = name_key(title)
        if key in taken:
            plan.skips.append(Skip(line, name, f"the same name as line {taken[key]} of this file"))
            return
        taken[key] = line
        extra = [("aliases", alias)] if alias else []
        plan.new.append(NewNote(line, kind, title, tuple((f, v) for f, v, _ in values) + tuple(extra)))
        return
    note = vault.notes[next(iter(found))]
    if note.fields_unreadable:
        plan.skips.append(Skip(line, name, f"{note.path} (matched by {how}) has frontmatter vaultkit cannot "
                                           "read: fix it (vaultkit check), then import again"))
        return
    fill, kept = [], []
    for name_, value, typed in values:
        have = note.fields.get(name_)
        if have in (None, "", [], ()):
            fill.append((name_, value))
        elif not _same(name_, have, typed):
            kept.append(f"{name_} {_shown(have)} (the file: {_shown(typed)})")
    if kept:
        plan.kept_values += len(kept)
        plan.kept.append(Skip(line, name, f"{note.path} (matched by {how}) keeps {'; '.join(kept)}"))
    if fill:
        plan.fills.append(Fill(line, note.path, tuple(fill)))
    else:
        plan.same.append((line, note.path))


def _same(name: str, have: Any, typed: Any) -> bool:
    if name == "links":
        mine = {url_key(u) for u in ([have] if isinstance(have, str) else have) if isinstance(u, str)}
        return all(url_key(u) in mine for u in typed)
    if isinstance(have, str) and isinstance(typed, str):
        return " ".join(have.split()).casefold() == " ".join(typed.split()).casefold()
    return bool(have == typed)


def _url_text(url: str) -> str:
    return url.strip().replace(",", "%2C")  # `--set links=` reads a comma as a list


def loose(vault: Vault) -> str | None:
    """The `priority` a person known only from an export gets: the lowest of the person kind's
    priorities (`loose` in the built-in inner/active/loose, the last of a vault's own list), where
    there are at least two; else None. The same value `Network.not_contacted_loose` reads, so an
    imported connection you have not contacted is not due for follow-up, only counted."""
    from vaultkit.reader.network import network

    return network(vault).lowest


def plan_people(vault: Vault, contacts: Iterable[Contact], priority: str | None = None) -> Plan:
    """What importing `contacts` does: people to add, empty fields to fill, what is kept.
    `priority`: written on each person added (never on one already there)."""
    plan, taken = Plan(), dict[str, int]()
    index = _Index(vault.of_kind("person"), "links")
    for c in contacts:
        if not c.name:
            plan.skips.append(Skip(c.line, "(no name)", "a row without a name (LinkedIn writes these for "
                                                        "members who left): nothing to add"))
            continue
        links = tuple(_url_text(u) for u in c.links if u.strip())
        values: list[tuple[str, str, Any]] = [
            ("company", c.company, c.company), ("role", c.role, c.role), ("email", c.email, c.email),
            ("links", ", ".join(links), links),
            ("met_on", c.connected_on.isoformat() if c.connected_on else "", c.connected_on)]
        added = len(plan.new)
        _plan(plan, vault, index, c.line, "person", c.name, links, values, taken)
        if priority and len(plan.new) > added:
            last = plan.new[-1]
            plan.new[-1] = NewNote(last.line, last.kind, last.title, (*last.values, ("priority", priority)))
    return plan


def event_kind(vault: Vault, categories: Iterable[str]) -> str:
    """The event `kind` the calendar says: the first of its CATEGORIES that is one of the event
    kind's values or synonyms (casefolded: `Conference`, `MEETUP`), as the schema spells it; ""
    where none is (a calendar's own words, `Work` or `Berlin`, are no kind: left empty, not guessed)."""
    spec = vault.config.schema.field("event", "kind")
    if spec is None or spec.type != "enum":
        return ""
    return next((spec.choices[key] for c in categories if (key := c.strip().casefold()) in spec.choices), "")


def plan_events(vault: Vault, events: Iterable[EventItem]) -> Plan:
    """What importing calendar `events` does: events to add, empty fields to fill, what is kept."""
    plan, taken = Plan(), dict[str, int]()
    index = _Index(vault.of_kind("event"), "url")
    for e in events:
        kind = event_kind(vault, e.categories)
        values: list[tuple[str, str, Any]] = [
            ("date", e.date.isoformat(), e.date), ("end", e.end.isoformat() if e.end else "", e.end),
            ("kind", kind, kind), ("location", e.location, e.location), ("url", e.url, e.url)]
        name = re.sub(r"\s+", " ", e.name).strip()
        if e.note:
            plan.said.append(Skip(e.line, name, e.note))
        _plan(plan, vault, index, e.line, "event", name, (e.url,) if e.url else (), values, taken)
    return plan
