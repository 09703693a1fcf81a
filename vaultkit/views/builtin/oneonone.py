"""1-1/<person>.md: what to bring to the next 1-1 with someone (SPEC §4, issue 13 point 2).

"1-1s are a great place to make your work visible." A **1-1** is an interaction with the
person (`career.note_interactions`) whose text, after its checkbox and date, starts with `1:1`
or `1-1`, or that carries the tag `#1-1`. The note covers what happened **since the last 1-1**
on or before `today` (the day after it, to `today`); with none logged yet, the last
`NO_ONE_ON_ONE_DAYS` days, and it says so:

- **wins to mention**: brag entries dated in the window, each told as a story
  (`views.derived.story`);
- **open challenges** to ask for help with: every challenge not `overcome`, dated on or before
  `today` (an old one still open is the one to raise), those of the window marked new;
- **visibility**: wins of a visible theme (demo, documentation, facilitation, visibility) or seen
  beyond the team, events where you spoke, and shares, all in the window;
- **asks**: the person's `asks` field (what I could ask them for), as written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from vaultkit.reader.itemtext import Unread, one_on_one_text
from vaultkit.reader.model import Entry, Interaction, Link, Note
from vaultkit.reader.network import clean
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts, iso, without_date
from vaultkit.views.derived.brag import entry_text
from vaultkit.views.derived.story import talking_point

NO_ONE_ON_ONE_DAYS = 90  # a quarter: what a first 1-1 with someone new is about
VISIBLE_THEMES = frozenset({"demo", "facilitation", "documentation", "visibility"})
VISIBLE_LEVELS = frozenset({"org", "company", "external"})


def is_one_on_one(interaction: Interaction) -> bool:
    """Is this interaction a 1-1: its text starts with `1:1`/`1-1`, or it is tagged `#1-1`
    (a text held apart: as its stand-in says, `vaultkit.reader.itemtext`)?"""
    text = interaction.text
    return text.one_on_one if type(text) is Unread else one_on_one_text(text)


def last_one_on_one(facts: Facts, path: str) -> Interaction | None:
    """The latest 1-1 with the person at `path` on or before today (the last written, on a day)."""
    found = None
    for interaction in facts.contacts.get(path, ()):
        if interaction.date <= facts.today and interaction.source != "last_contact" and is_one_on_one(interaction):
            found = interaction
    return found


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _asks(facts: Facts, note: Note) -> list[Markup | str]:
    """The person's `asks` (a declared field, or the raw frontmatter value): text or links."""
    value = note.fields.get("asks", note.extra.get("asks"))
    items = value if isinstance(value, list | tuple) else [value]
    out: list[Markup | str] = []
    for item in items:
        if isinstance(item, Link):
            out.append(facts.ref(item, note.path))
        elif isinstance(item, str | int | float) and not isinstance(item, bool) and str(item).strip():
            out.append(" ".join(str(item).split()))
    return out


def _evidence(facts: Facts, entry: Entry) -> list[Markup | str]:
    link = facts.link(entry.path)
    return [entry_text(entry), Markup(" (in "), link, Markup(")")] if entry.inline else [link]


def _visible(entry: Entry) -> bool:
    return _text(entry.get("theme")).casefold() in VISIBLE_THEMES or _text(entry.get("visibility")) in VISIBLE_LEVELS


def one_on_one_context(facts: Facts, note: Note) -> dict[str, Any]:
    """Everything the 1-1 note of the person `note` shows, as of `facts.today`."""
    today, vault = facts.today, facts.vault
    last = last_one_on_one(facts, note.path)
    start = last.date + dt.timedelta(days=1) if last else today - dt.timedelta(days=NO_ONE_ON_ONE_DAYS - 1)

    def within(date: dt.date | None) -> bool:
        return date is not None and start <= date <= today

    wins = [e for e in facts.brags if within(e.date)]
    challenges = [e for e in facts.challenges if e.date is None or e.date <= today]
    open_ones = [e for e in challenges if _text(e.get("status")) != "overcome"]
    events = sorted((e for e in vault.events if e.speaker and within(e.date)),
                    key=lambda e: (e.date, sort_key(e.note.title), e.note.path))
    shares = sorted((s for s in vault.shares if within(s.date)), key=lambda s: (s.date, sort_key(s.note.path)))
    person = next((p for p in vault.people if p.note.path == note.path), None)
    return {
        "title": note.title,
        "person": facts.link(note.path),
        "role": (person.role or "") if person else "",
        "company": (person.company or "") if person else "",
        "today": iso(today),
        "since": iso(start),
        "last": {"date": iso(last.date), "text": clean(without_date(facts.text(last).strip())),
                 "where": facts.link(last.path),
                 "days": (today - last.date).days} if last else None,
        "window_days": NO_ONE_ON_ONE_DAYS,
        "wins": [{"date": iso(e.date), "evidence": _evidence(facts, e), "story": talking_point(facts, e),
                  "theme": _text(e.get("theme"))} for e in wins],
        "challenges": [{"date": iso(e.date), "evidence": _evidence(facts, e), "new": within(e.date),
                        "learned": _text(e.get("learned"))} for e in open_ones],
        "visible": [{"date": iso(e.date), "evidence": _evidence(facts, e), "theme": _text(e.get("theme")),
                     "visibility": _text(e.get("visibility"))} for e in wins if _visible(e)],
        "talks": [{"date": iso(e.date), "link": facts.link(e.note.path), "kind": e.kind or ""} for e in events],
        "shares": [{"date": iso(s.date), "link": facts.link(s.note.path), "kind": s.kind or "",
                    "channel": _text(s.channel)} for s in shares],
        "asks": _asks(facts, note),
    }
