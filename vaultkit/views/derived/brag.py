"""Brag and challenge entries as the views see them: their text, whether a win has numbers,
and Brag.md's rows kept per entry (derived data, shared by Brag.md and review notes).

A win **has numbers** when it lists `metrics`, or when its `impact` itself holds a figure
(`impact:: duplicate refunds 14 a week → 0`): a digit in the impact counts. Wins without an
impact or without numbers are listed under "Needs work".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from markupsafe import Markup

from vaultkit.reader.model import Entry
from vaultkit.reader.vault import sort_key
from vaultkit.views.charts import stacked_bars
from vaultkit.views.common import Facts, iso, month, quarter, without_date

UNDATED = "Undated"
_FIELD = re.compile(r"\[\w[\w \-]*?::(?:\[\[[^\]\n]*\]\]|[^\[\]\n])*\]|\(\w[\w \-]*?::(?:\[\[[^\]\n]*\]\]|[^()\n])*\)")
_BARE = re.compile(r"(?:^|\s)[A-Za-z_][\w\-]*::.*$", re.S)
_LINK = re.compile(r"!?\[\[([^\[\]|#\n]*)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")


@lru_cache(maxsize=8)
def _tag(kind: str) -> re.Pattern[str]:
    """The entry's own tag (`#brag`, `#brag/theme`) where it stands as a tag."""
    return re.compile(rf"(?<![^\s(\[,;])#{kind}(?:/[\w/-]*)?(?![\w/-])", re.I)


def entry_text(entry: Entry) -> str:
    """What an inline entry says, without its date, `#brag`/`#challenge` tag and inline fields.

    Wikilinks are shown as their text. For an entry with its own note: the note title.
    """
    if not entry.inline:
        return entry.title
    text = entry.text
    # Each pass only where what it removes can be (most items hold a tag and few fields or links).
    if "::" in text:
        text = _BARE.sub(" ", _FIELD.sub(" ", text))
    if "#" in text:
        text = _tag(entry.kind).sub(" ", text)
    if "[[" in text:
        text = _LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
    text = " ".join(without_date(text.strip()).split())
    return text or entry.title


_YEAR_OR_DATE = re.compile(r"(?<![\d.,])(?:199\d|20\d\d)(?:-\d\d){0,2}(?![\d.,%])")


def has_numbers(entry: Entry) -> bool:
    """Metrics listed, or a figure in the impact that is not a year or a date."""
    return _has_numbers(entry.get("impact"), entry.get("metrics"))


def _has_numbers(impact: Any, metrics: Any) -> bool:
    return bool(metrics) or (isinstance(impact, str) and any(c.isdigit() for c in _YEAR_OR_DATE.sub("", impact)))


def evidence(facts: Facts, entry: Entry) -> dict[str, Any]:
    """How a row shows an entry: a link to its note, or the item text and a link to the note it is in."""
    link = facts.link(entry.path) if entry.inline else facts.named(entry.path)
    return {"link": link, "text": entry_text(entry) if entry.inline else "", "inline": entry.inline}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def win_row(facts: Facts, entry: Entry) -> dict[str, Any]:
    """What the notes show of one brag entry."""
    return _win_row(facts, entry, dict(entry.fields))


def _win_row(facts: Facts, entry: Entry, fields: dict[str, Any]) -> dict[str, Any]:
    """`win_row`, the entry's fields given as a dict (`Entry.get` looks through them one by one)."""
    row = evidence(facts, entry)
    row.update({
        "date": iso(entry.date),
        "impact": _text(fields.get("impact")),
        "metrics": [str(m) for m in fields.get("metrics") or ()],
        "impacted": facts.refs(fields.get("impacted") or (), entry.path),
        "theme": _text(fields.get("theme")),
    })
    return row


def _flags(fields: dict[str, Any]) -> list[str]:
    """What a win lacks for "Needs work", from its fields."""
    missing = []
    impact = fields.get("impact")
    if not _text(impact).strip():
        missing.append("impact")
    if not _has_numbers(impact, fields.get("metrics")):
        missing.append("numbers")
    return missing


def _desc_key(entry: Entry) -> tuple[int, tuple[str, str], int]:
    # Latest first; undated last; then path and line.
    return ((entry.date or dt.date.min).toordinal() * -1, sort_key(entry.path), entry.line)


ROWS = "Brag.rows.md.j2"


class _Win(NamedTuple):
    entry: Entry
    row: str
    quarter: str
    month: str | None
    theme: str
    order: tuple[int, tuple[str, str], int]
    need: str  # its "Needs work" line, or ""


class _Challenge(NamedTuple):
    entry: Entry
    row: str
    overcome: bool
    order: tuple[int, tuple[str, str], int]


class BragView:
    """Brag.md kept per entry: a row is rendered once for each entry object, so after a save
    only the entries of the changed note (new objects) are rendered again."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._wins: dict[int, _Win] = {}  # by id(entry); the entry is held, so its id stays its own
        self._challenges: dict[int, _Challenge] = {}

    def _win(self, entry: Entry) -> _Win:
        facts = self.facts
        fields = dict(entry.fields)  # read five times below: a dict once, not a search each time
        row, missing = _win_row(facts, entry, fields), _flags(fields)
        # Its "Needs work" line shows the evidence of its row (worked out once: the item's text).
        need = facts.renderer.macro(ROWS, "need")({"link": row["link"], "text": row["text"], "inline": row["inline"],
                                                   "date": row["date"], "missing": missing}) if missing else ""
        made = _Win(entry, facts.renderer.macro(ROWS, "win")(row),
                    quarter(entry.date) if entry.date else UNDATED, month(entry.date) if entry.date else None,
                    row["theme"].strip().casefold() or "no theme", _desc_key(entry), need)
        self._wins[id(entry)] = made
        return made

    def _challenge(self, entry: Entry) -> _Challenge:
        facts = self.facts
        row = evidence(facts, entry)
        status = _text(entry.get("status")) or "open"
        row.update({"date": iso(entry.date), "status": status, "learned": _text(entry.get("learned")),
                    "related": facts.refs(entry.get("related") or (), entry.path)})
        made = _Challenge(entry, facts.renderer.macro(ROWS, "challenge")(row), entry.get("status") == "overcome",
                          _desc_key(entry))
        self._challenges[id(entry)] = made
        return made

    def context(self) -> dict[str, Any]:
        """Wins grouped by quarter (latest first, by date within), gaps to fix, challenges, a chart."""
        facts, known = self.facts, self._wins
        wins = [w if (w := known.get(id(e))) is not None and w.entry is e else self._win(e) for e in facts.brags]
        seen = self._challenges
        challenges = [c if (c := seen.get(id(e))) is not None and c.entry is e else self._challenge(e)
                      for e in facts.challenges]
        # The caches hold the entries of old versions of notes alive: now and then, keep only the current.
        if len(self._wins) > 2 * len(wins) + 64:
            self._wins = {id(w.entry): w for w in wins}
        if len(self._challenges) > 2 * len(challenges) + 64:
            self._challenges = {id(c.entry): c for c in challenges}
        groups: dict[str, list[str]] = defaultdict(list)
        for win in wins:
            groups[win.quarter].append(win.row)
        labels = sorted((q for q in groups if q != UNDATED), reverse=True)
        if UNDATED in groups:
            labels.append(UNDATED)
        needs = sorted((w for w in wins if w.need), key=_WIN_ORDER)
        themes = Counter(w.theme for w in wins)
        ordered = sorted(challenges, key=_CHALLENGE_ORDER)
        ordered.sort(key=_OVERCOME)  # open (or unset) first, stable
        # Ends at the latest entry, not today: Brag.md does not change from day to day.
        end = max((d for d in (_latest(wins), _latest(challenges)) if d is not None), default=None)
        dated = [month(c.entry.date) for c in challenges if c.entry.date]
        # Counted per month here, in one pass (the chart sums what it is given per month).
        chart = stacked_bars("Wins and challenges" if dated else "Wins", "Entries", [
            ("wins", Counter(w.month for w in wins if w.month).items()),
            ("challenges", Counter(dated).items())], end) if end else ""
        return {
            "total": len(wins),
            "quarters": [{"quarter": q, "rows": Markup("".join(groups[q]))} for q in labels],
            "needs": Markup("".join(w.need for w in needs)),
            "themes": [f"{name} {count}" for name, count in sorted(themes.items(), key=lambda t: (-t[1], t[0]))],
            "challenges": Markup("".join(c.row for c in ordered)),
            "challenge_count": len(challenges),
            "open_challenges": sum(1 for c in challenges if not c.overcome),
            "chart": chart,
        }


_WIN_ORDER = itemgetter(5)  # a _Win's `order`
_CHALLENGE_ORDER = itemgetter(3)  # a _Challenge's `order`
_OVERCOME = itemgetter(2)  # a _Challenge's `overcome`


def _latest(made: list[_Win] | list[_Challenge]) -> dt.date | None:
    """The date of the latest dated entry: entries are kept by date, the undated last
    (`career.entry_key`), so the last dated one, not a pass over every entry."""
    for item in reversed(made):
        date: dt.date | None = item.entry.date
        if date is not None:
            return date
    return None


def brag_view(facts: Facts) -> BragView:
    """The brag view of `facts`, made on first use and kept with it."""
    return facts.kept("brag", BragView)


def wins_in(facts: Facts, start: dt.date, end: dt.date) -> int:
    """How many wins are dated from `start` to `end`, both included."""
    return sum(1 for e in facts.brags if e.date is not None and start <= e.date <= end)
