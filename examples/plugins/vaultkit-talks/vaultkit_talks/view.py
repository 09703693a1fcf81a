"""Talks.md's data: the pipeline by stage, CFP deadlines coming up, talks given per year.

Only the plugin API is used (docs/plugins.md): `facts.vault.records("talk")` gives each talk
note as a record of the fields `[kinds.talk]` declares, `facts.link` / `facts.ref` make the
wikilinks, `facts.today` is the build's date. Everything returned is plain data (text,
numbers, lists, mappings) or a `Markup` link vaultkit or this module made safe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from markupsafe import Markup

from vaultkit_talks import STAGES

DEADLINE_DAYS = 60
# A URL printed as a Markdown link only when nothing in it can end the link, split a table
# cell or open an HTML comment; anything else is printed as (escaped) text.
_SAFE_URL = re.compile(r"^https?://[^\s()<>\[\]|`\\]+$")


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _url(label: str, value: Any) -> Markup | str:
    text = str(value).strip() if value else ""
    return Markup(f"[{label}]({text})") if _SAFE_URL.match(text) else text


def _stage(talk: Any) -> str:
    """The talk's stage as the schema spells it; a value outside the list (which `check`
    warns about) is shown as written, under its own heading after the four stages."""
    return str(talk.stage or "idea")


def _sort_key(talk: Any) -> tuple[Any, ...]:
    # Dated talks first, by date; then by title, casefolded; the path breaks ties.
    return (talk.date is None, talk.date or dt.date.min, talk.note.title.casefold(), talk.note.path)


def _row(facts: Any, talk: Any) -> dict[str, Any]:
    event = talk.event
    return {
        "link": facts.named(talk.note.path),
        "stage": _stage(talk),
        "event": facts.ref(event, talk.note.path) if event is not None else "",
        "date": _iso(talk.date),
        "cfp_deadline": _iso(talk.cfp_deadline),
        "slides": _url("slides", talk.slides),
        "recording": _url("recording", talk.recording),
        "topics": [str(t) for t in talk.topics or ()],
        # An accepted talk whose date has passed is probably given: say so rather than guess.
        "overdue": _stage(talk) == "accepted" and talk.date is not None and talk.date < facts.today,
    }


def context(facts: Any) -> dict[str, Any]:
    """The template's data for `Talks.md.j2`."""
    today: dt.date = facts.today
    talks = sorted(facts.vault.records("talk"), key=_sort_key)
    stages: dict[str, list[dict[str, Any]]] = {s: [] for s in STAGES}
    for talk in talks:
        stages.setdefault(_stage(talk), []).append(_row(facts, talk))
    horizon = today + dt.timedelta(days=DEADLINE_DAYS)
    deadlines = sorted((t for t in talks if t.cfp_deadline is not None and today <= t.cfp_deadline <= horizon),
                       key=lambda t: (t.cfp_deadline, t.note.title.casefold(), t.note.path))
    given: dict[int, list[Any]] = defaultdict(list)
    for talk in talks:
        if _stage(talk) == "given" and talk.date is not None:
            given[talk.date.year].append(talk)
    counts = [(len(rows), stage) for stage, rows in stages.items() if rows]
    return {
        "today": today.isoformat(),
        "count": len(talks),
        # "2 ideas, 1 submitted, 1 accepted, 2 given": only "idea" is a noun among the stages.
        "summary": ", ".join(f"{n} {s}{'s' if s == 'idea' and n != 1 else ''}" for n, s in counts),
        "days": DEADLINE_DAYS,
        "pipeline": [{"stage": s, "talks": rows} for s, rows in stages.items()],
        "deadlines": [{**_row(facts, t), "left": (t.cfp_deadline - today).days} for t in deadlines],
        "years": [{"year": year, "talks": [_row(facts, t) for t in given[year]]}
                  for year in sorted(given, reverse=True)],
        "undated_given": [_row(facts, t) for t in talks if _stage(t) == "given" and t.date is None],
    }
