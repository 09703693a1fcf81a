"""Brag.md: wins by quarter with their evidence, impact and numbers; what needs work; challenges.

A win **has numbers** when it lists `metrics`, or when its `impact` itself holds a figure
(`impact:: duplicate refunds 14 a week → 0`): a digit in the impact counts. Wins without an
impact or without numbers are listed under "Needs work".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import Any

from vaultkit.model import Entry
from vaultkit.vault import sort_key
from vaultkit.views.charts import count_by_month, monthly_bars
from vaultkit.views.common import Facts, iso, quarter, without_date

UNDATED = "Undated"
_FIELD = re.compile(r"\[\w[\w \-]*?::(?:\[\[[^\]\n]*\]\]|[^\[\]\n])*\]|\(\w[\w \-]*?::(?:\[\[[^\]\n]*\]\]|[^()\n])*\)")
_BARE = re.compile(r"(?:^|\s)[A-Za-z_][\w\-]*::.*$", re.S)
_LINK = re.compile(r"!?\[\[([^\[\]|#\n]*)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")


def entry_text(entry: Entry) -> str:
    """What an inline entry says, without its date, `#brag`/`#challenge` tag and inline fields.

    Wikilinks are shown as their text. For an entry with its own note: the note title.
    """
    if not entry.inline:
        return entry.title
    text = _FIELD.sub(" ", entry.text)
    text = _BARE.sub(" ", text)
    text = re.sub(rf"(?<![^\s(\[,;])#{entry.kind}\b(?![\w/-])", " ", text)
    text = _LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
    text = " ".join(without_date(text.strip()).split())
    return text or entry.title


_YEAR_OR_DATE = re.compile(r"(?<![\d.,])(?:199\d|20\d\d)(?:-\d\d){0,2}(?![\d.,%])")


def has_numbers(entry: Entry) -> bool:
    """Metrics listed, or a figure in the impact that is not a year or a date."""
    impact = entry.get("impact")
    return bool(entry.get("metrics")) or (
        isinstance(impact, str) and any(c.isdigit() for c in _YEAR_OR_DATE.sub("", impact)))


def evidence(facts: Facts, entry: Entry) -> dict[str, Any]:
    """How a row shows an entry: a link to its note, or the item text and a link to the note it is in."""
    link = facts.link(entry.path)
    return {"link": link, "text": entry_text(entry) if entry.inline else "", "inline": entry.inline}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def win_row(facts: Facts, entry: Entry) -> dict[str, Any]:
    """What the notes show of one brag entry."""
    row = evidence(facts, entry)
    row.update({
        "date": iso(entry.date),
        "impact": _text(entry.get("impact")),
        "metrics": [str(m) for m in entry.get("metrics") or ()],
        "impacted": facts.refs(entry.get("impacted") or (), entry.path),
        "theme": _text(entry.get("theme")),
    })
    return row


def _flags(entry: Entry) -> list[str]:
    missing = []
    if not _text(entry.get("impact")).strip():
        missing.append("impact")
    if not has_numbers(entry):
        missing.append("numbers")
    return missing


def _by_date_desc(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: ((e.date or dt.date.min).toordinal() * -1, sort_key(e.path), e.line))


def brag_context(facts: Facts) -> dict[str, Any]:
    """Wins grouped by quarter (latest first, by date within), gaps to fix, challenges, a chart."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in facts.brags:
        groups[quarter(entry.date) if entry.date else UNDATED].append(entry)
    labels = sorted((q for q in groups if q != UNDATED), reverse=True)
    if UNDATED in groups:
        labels.append(UNDATED)
    quarters = [{"quarter": q, "wins": [win_row(facts, e) for e in groups[q]]} for q in labels]
    needs = []
    for entry in _by_date_desc(facts.brags):
        missing = _flags(entry)
        if missing:
            needs.append({**evidence(facts, entry), "date": iso(entry.date), "missing": missing})
    themes = Counter(_text(e.get("theme")).strip().casefold() or "no theme" for e in facts.brags)
    challenges = []
    ordered = _by_date_desc(facts.challenges)
    ordered.sort(key=lambda e: e.get("status") == "overcome")  # open (or unset) first, stable
    for entry in ordered:
        row = evidence(facts, entry)
        row.update({"date": iso(entry.date), "status": _text(entry.get("status")) or "open",
                    "learned": _text(entry.get("learned")),
                    "related": facts.refs(entry.get("related") or (), entry.path)})
        challenges.append(row)
    chart = monthly_bars("Wins per month", "Wins", count_by_month(e.date for e in facts.brags), facts.today)
    return {
        "total": len(facts.brags),
        "quarters": quarters,
        "needs": needs,
        "themes": [f"{name} {count}" for name, count in sorted(themes.items(), key=lambda t: (-t[1], t[0]))],
        "challenges": challenges,
        "open_challenges": sum(1 for c in challenges if c["status"] != "overcome"),
        "chart": chart,
        "today": iso(facts.today),
    }


def wins_in(facts: Facts, start: dt.date, end: dt.date) -> int:
    """How many wins are dated from `start` to `end`, both included."""
    return sum(1 for e in facts.brags if e.date is not None and start <= e.date <= end)
