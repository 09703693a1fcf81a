"""Brag and challenge entries as the views see them: their text, whether a win has numbers,
and Brag.md's rows kept per entry (derived data, shared by Brag.md and review notes).

A win **has numbers** when it lists `metrics`, or when its `impact` itself holds a figure
(`impact:: duplicate refunds 14 a week → 0`): a digit in the impact counts. Wins without an
impact or without numbers are listed under "Needs work".
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from bisect import bisect_left
from collections import Counter
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
_intern = sys.intern


class _Win(NamedTuple):
    """What a win's entry makes, kept for `watch` (one a win: ~20k at 50k notes). Its month and theme
    interned (a few dozen values: one string each, not one a win, in this process and in the one
    `rendered` hands them to); no sort key, made only for the few with a "Needs work" line (`_need_order`)."""

    entry: Entry
    row: str
    month: str | None
    theme: str
    need: str  # its "Needs work" line, or ""


class _Quarter(NamedTuple):
    label: str
    ids: list[int]  # its entries', in order
    wins: list[_Win]
    rows: Markup
    themes: Counter[str]
    months: Counter[str]
    needs: list[_Win]  # those with a "Needs work" line, latest first


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
        self._by_quarter: dict[str, _Quarter] = {}  # as the last `context` found them

    def _win(self, entry: Entry) -> _Win:
        facts = self.facts
        fields = dict(entry.fields)  # read five times below: a dict once, not a search each time
        row, missing = _win_row(facts, entry, fields), _flags(fields)
        # Its "Needs work" line shows the evidence of its row (worked out once: the item's text).
        need = facts.renderer.macro(ROWS, "need")({"link": row["link"], "text": row["text"], "inline": row["inline"],
                                                   "date": row["date"], "missing": missing}) if missing else ""
        made = _Win(entry, facts.renderer.macro(ROWS, "win")(row), _intern(month(entry.date)) if entry.date else None,
                    _intern(row["theme"].strip().casefold() or "no theme"), need)
        if not facts.once:
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
        if not facts.once:
            self._challenges[id(entry)] = made
        return made

    def _quarters(self) -> list[_Quarter]:
        """The wins by quarter, oldest first, the undated last. Entries are kept by date (the
        undated last: `career.entry_key`), so a quarter is a run of them, found by a bisect; a
        quarter that holds the very entries it held last time is taken as it was (after a save,
        one or two quarters are made again, not 80 of them at 20,000 wins)."""
        if self.facts.once:
            return [self._once(label, entries) for label, entries, _ in _runs(self.facts.brags)]
        known, made = self._wins, {}
        for label, entries, ids in _runs(self.facts.brags):
            was = self._by_quarter.get(label)
            # (ids are the entries' own while `was` holds them: an equal list is the same entries)
            if was is not None and was.ids == ids:
                made[label] = was
                continue
            wins = [w if (w := known.get(id(e))) is not None and w.entry is e else self._win(e) for e in entries]
            made[label] = _Quarter(label, ids, wins, Markup("".join(w.row for w in wins)),
                                   Counter(w.theme for w in wins), Counter(w.month for w in wins if w.month),
                                   sorted((w for w in wins if w.need), key=_need_order))
        self._by_quarter = made
        return list(made.values())

    def _once(self, label: str, entries: list[Entry]) -> _Quarter:
        """A quarter of a plan made once (`Facts.once`): its rows joined as they are made, each win
        let go of once counted but for those with a "Needs work" line (at 50k long-item notes the
        wins kept for `watch` hold ~20 MB of the build's peak: rows, their join, keys, months)."""
        rows: list[str] = []
        themes: Counter[str] = Counter()
        months: Counter[str] = Counter()
        needs: list[_Win] = []
        for entry in entries:
            win = self._win(entry)
            rows.append(win.row)
            themes[win.theme] += 1
            if win.month:
                months[win.month] += 1
            if win.need:
                needs.append(win)
        needs.sort(key=_need_order)
        return _Quarter(label, [], [], Markup("".join(rows)), themes, months, needs)

    def context(self) -> dict[str, Any]:
        """Wins grouped by quarter (latest first, by date within), gaps to fix, challenges, a chart."""
        facts = self.facts
        quarters = self._quarters()
        if quarters and quarters[-1].label == UNDATED:  # latest first, the undated last
            quarters = [*reversed(quarters[:-1]), quarters[-1]]
        else:
            quarters.reverse()
        themes: Counter[str] = Counter()
        months: Counter[str] = Counter()
        for q in quarters:
            themes.update(q.themes)
            months.update(q.months)
        total = len(facts.brags)
        seen = self._challenges
        challenges = [c if (c := seen.get(id(e))) is not None and c.entry is e else self._challenge(e)
                      for e in facts.challenges]
        # The caches hold the entries of old versions of notes alive: now and then, keep only the current.
        if len(self._wins) > 2 * total + 64:
            self._wins = {id(w.entry): w for q in quarters for w in q.wins}
        if len(self._challenges) > 2 * len(challenges) + 64:
            self._challenges = {id(c.entry): c for c in challenges}
        ordered = sorted(challenges, key=_CHALLENGE_ORDER)
        ordered.sort(key=_OVERCOME)  # open (or unset) first, stable
        # Ends at the latest entry, not today: Brag.md does not change from day to day.
        end = max((d for d in (_latest(facts.brags), _latest(challenges)) if d is not None), default=None)
        dated = [month(c.entry.date) for c in challenges if c.entry.date]
        # Counted per month (the chart sums what it is given per month).
        chart = stacked_bars("Wins and challenges" if dated else "Wins", "Entries", [
            ("wins", months.items()), ("challenges", Counter(dated).items())], end) if end else ""
        return {
            "total": total,
            "quarters": [{"quarter": q.label, "rows": q.rows} for q in quarters],
            "needs": Markup("".join(w.need for w in _needs(quarters))),
            "themes": [f"{name} {count}" for name, count in sorted(themes.items(), key=lambda t: (-t[1], t[0]))],
            "challenges": Markup("".join(c.row for c in ordered)),
            "challenge_count": len(challenges),
            "open_challenges": sum(1 for c in challenges if not c.overcome),
            "chart": chart,
        }


    def rendered(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """What `context` made of each entry (its rows, and what is kept beside them), without
        the entry, in the order of `facts.brags` and of `facts.challenges`: for `adopt` in the
        process this one was forked from (`vaultkit.live.rowwork`). Raises KeyError when
        `context` did not make them all."""
        wins, challenges = self._wins, self._challenges
        return ([tuple(wins[id(e)])[1:] for e in self.facts.brags],
                [tuple(challenges[id(e)])[1:] for e in self.facts.challenges])

    def adopt(self, wins: list[tuple[Any, ...]], challenges: list[tuple[Any, ...]]) -> None:
        """Take what `rendered` gave in a process forked from this one, once its facts held these
        very entries, as if `context` had made it here (the quarters put together from it: no
        row rendered). Raises ValueError or TypeError, adopting nothing, on anything else."""
        facts = self.facts
        made = {id(e): _Win(e, *w) for e, w in zip(facts.brags, wins, strict=True)}
        taken = {id(e): _Challenge(e, *c) for e, c in zip(facts.challenges, challenges, strict=True)}
        if not all(type(w.row) is str and type(w.need) is str for w in made.values()) or \
                not all(type(c.row) is str for c in taken.values()):
            raise TypeError("not rows")
        self._wins, self._challenges = made, taken
        self._quarters()




def _need_order(win: _Win) -> tuple[int, tuple[str, str], int]:
    """The order of the wins with a "Needs work" line: `_desc_key` of their entries."""
    return _desc_key(win.entry)


_CHALLENGE_ORDER = itemgetter(3)  # a _Challenge's `order`
_OVERCOME = itemgetter(2)  # a _Challenge's `overcome`


def _latest(made: list[Entry] | list[_Challenge]) -> dt.date | None:
    """The date of the latest dated entry: entries are kept by date, the undated last
    (`career.entry_key`), so the last dated one, not a pass over every entry."""
    for item in reversed(made):
        date: dt.date | None = item.date if isinstance(item, Entry) else item.entry.date
        if date is not None:
            return date
    return None


def _needs(quarters: list[_Quarter]) -> list[_Win]:
    """The wins with a "Needs work" line, in `_desc_key` order: quarter by quarter (latest first,
    the undated last), each in its own order, which is that order (no two quarters share a day)
    except that an undated win orders as one of 0001-01-01 would: then as one list."""
    needs = [w for q in quarters for w in q.needs]
    if len(quarters) > 1 and quarters[-1].label == UNDATED and quarters[-2].label == quarter(dt.date.min):
        needs.sort(key=_need_order)
    return needs


def _entry_date(entry: Entry) -> dt.date:
    return entry.date or dt.date.max  # (as `career.entry_key` orders entries)


def _runs(brags: list[Entry]) -> list[tuple[str, list[Entry], list[int]]]:
    """(quarter, its entries, their ids) of `brags` (in `career.entry_key` order), oldest first,
    the undated last. A quarter is a run of entries, found by bisecting, but for the last: an
    undated entry sorts as one of 9999-12-31 would (both by path among themselves)."""
    ids = list(map(id, brags))
    tail = bisect_left(brags, dt.date.max, key=_entry_date)  # the undated, and any of 9999-12-31
    runs: list[tuple[str, list[Entry], list[int]]] = []
    i = 0
    while i < tail:
        date = brags[i].date
        assert date is not None
        first = date.replace(month=(date.month - 1) // 3 * 3 + 1, day=1)
        if first.month == 10 and first.year == dt.MAXYEAR:  # no next quarter to bisect by
            end = tail
        else:
            after = first.replace(year=first.year + 1, month=1) if first.month == 10 else \
                first.replace(month=first.month + 3)
            end = bisect_left(brags, after, lo=i, hi=tail, key=_entry_date)
        runs.append((quarter(date), brags[i:end], ids[i:end]))
        i = end
    last = [(e, n) for e, n in zip(brags[tail:], ids[tail:], strict=True) if e.date is not None]
    if last:  # 9999-12-31: the end of 9999-Q4
        label = quarter(dt.date.max)
        head = runs.pop() if runs and runs[-1][0] == label else (label, [], [])
        runs.append((label, head[1] + [e for e, _ in last], head[2] + [n for _, n in last]))
        undated = [(e, n) for e, n in zip(brags[tail:], ids[tail:], strict=True) if e.date is None]
        runs.append((UNDATED, [e for e, _ in undated], [n for _, n in undated]))
    elif tail < len(brags):
        runs.append((UNDATED, brags[tail:], ids[tail:]))
    return [run for run in runs if run[1]]


def brag_view(facts: Facts) -> BragView:
    """The brag view of `facts`, made on first use and kept with it."""
    return facts.kept("brag", BragView)


def wins_in(facts: Facts, start: dt.date, end: dt.date) -> int:
    """How many wins are dated from `start` to `end`, both included."""
    return sum(1 for e in facts.brags if e.date is not None and start <= e.date <= end)
