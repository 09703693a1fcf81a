"""Mermaid `xychart-beta` bar charts of counts per month, and a checker for what we emit.

What the charts are made to survive (SPEC §8 on Obsidian's Mermaid): `xychart-beta` draws from
Mermaid 10.6.1; the colours sit in a front-matter `config` block, which Mermaid 11.4+ honours and
older versions ignore (their default palette is pale but readable). Mermaid asks d3 for about ten
y ticks, which are fractional on an axis shorter than 8: a count axis ends at 8 or more, rounded up
to a whole tick step (`y_axis_top`), so every tick is a whole number. Month labels are three
letters ("Jul") and the title says the years, so twelve labels fit a phone; a window longer than
twelve months is shown by quarter ("Q3 2026"). Mermaid's xychart has no grouped bars and no legend:
several series are drawn as stacked bars (each series' bar is the running total, drawn tallest
first) with a caption naming them from the bottom up.

A chart covers a fixed window of months ending at a given date's month, every month shown (zeros
included): the same data and end date always give the same bytes. A note that must not change
from day to day ends its window at its latest entry (`last_date`), never at `today`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

from markupsafe import Markup

from vaultkit.views.common import month

MONTHS = 12
# Okabe-Ito blue, orange and green: told apart with the common colour-vision deficiencies and
# readable on Obsidian's light and dark backgrounds. One per series, bottom to top.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
MIN_TOP = 8  # the shortest count axis d3's ~10 ticks divide into whole numbers
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_STR = r'"[^"\n]*"'
_NUM = r"-?\d+(?:\.\d+)?"
_TITLE = re.compile(rf"^title\s+({_STR})$")
_X_AXIS = re.compile(rf"^x-axis(?:\s+{_STR})?\s*\[(.*)\]$")
_Y_AXIS = re.compile(rf"^y-axis(?:\s+{_STR})?\s+({_NUM})\s*-->\s*({_NUM})$")
_SERIES = re.compile(rf"^(bar|line)(?:\s+{_STR})?\s*\[(.*)\]$")
_STR_LIST = re.compile(rf"^\s*{_STR}\s*(?:,\s*{_STR}\s*)*$")
_NUM_LIST = re.compile(rf"^\s*{_NUM}\s*(?:,\s*{_NUM}\s*)*$")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def month_window(end: dt.date, months: int = MONTHS) -> list[str]:
    """The `months` month labels (YYYY-MM) ending at `end`'s month, oldest first (fewer when
    they would start before year 1: a date typed as 0001-02-03 is not a reason to fail)."""
    index = end.year * 12 + end.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(max(12, index - months + 1), index + 1)]


def count_by_month(dates: Iterable[dt.date | None]) -> list[tuple[str, int]]:
    """(YYYY-MM, 1) for each date, ready for `monthly_bars` (None dates are skipped)."""
    return [(month(d), 1) for d in dates if d is not None]


def last_date(*dates: Iterable[dt.date | None]) -> dt.date | None:
    """The latest of all the dates given (None where there is none): where a chart that must
    not move with `today` ends its window."""
    found = [d for group in dates for d in group if d is not None]
    return max(found) if found else None


def tick_step(top: float, count: int = 10) -> float:
    """The step between the y ticks Mermaid draws on an axis from 0 to `top`: d3's
    `scaleLinear().ticks()` (about `count` ticks, steps of 1, 2 or 5 times a power of ten)."""
    step = top / count
    power = math.floor(math.log10(step))
    error = step / 10 ** power
    factor = 10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2) else 1
    return factor * 10.0 ** power


def y_axis_top(largest: int) -> int:
    """The top of a count axis holding `largest`: at least `MIN_TOP` and a whole number of tick
    steps, so every tick is a whole number and the top one is labelled."""
    top = max(largest, MIN_TOP)
    while True:
        step = round(tick_step(top))
        rounded = -(-top // step) * step
        if rounded == top:
            return top
        top = rounded


def _quoted(text: str) -> str:
    return '"' + " ".join(text.replace('"', "'").split()) + '"'


def _month_name(label: str) -> str:
    return _MONTH_NAMES[int(label[5:7]) - 1]


def _span(first: str, last: str) -> str:
    name = f"{_month_name(first)} {first[:4]}"
    return name if first == last else f"{name} to {_month_name(last)} {last[:4]}"


def _buckets(window: list[str]) -> tuple[dict[str, str], list[str], str]:
    """Each month's bucket label, the labels in order, and what one bucket is."""
    if len(window) <= MONTHS:
        return {m: _month_name(m) for m in window}, [_month_name(m) for m in window], "month"
    of = {m: f"Q{(int(m[5:7]) - 1) // 3 + 1} {m[:4]}" for m in window}
    return of, list(dict.fromkeys(of[m] for m in window)), "quarter"


def stacked_bars(title: str, y_title: str, series: Sequence[tuple[str, Iterable[tuple[str, int]]]],
                 end: dt.date, months: int = MONTHS) -> Markup:
    """A fenced Mermaid chart of counts per month over the `months` ending at `end`'s month.

    `series` are (name, pairs of (YYYY-MM, count)), bottom to top; labels outside the window are
    left out. One series is plain bars; several are stacked, and a caption after the block names
    them; a series with no count in the window is not drawn. `title` gets the window's span
    ("Wins per month, Aug 2025 to Jul 2026"). Returns `Markup`
    (every part is built here, never note text).
    """
    window = month_window(end, months)
    of, labels, unit = _buckets(window)
    totals = [dict.fromkeys(labels, 0) for _ in series]
    for totals_of, (_, pairs) in zip(totals, series, strict=True):
        for label, value in pairs:
            if label in of:
                totals_of[of[label]] += value
    # A series with nothing in the window would draw the bars below it again, a duplicate line
    # of the same heights: it is left out (and from the caption), unless every series is empty.
    drawn = [i for i, found in enumerate(totals) if any(found.values())] or [0]
    series, totals = [series[i] for i in drawn], [totals[i] for i in drawn]
    # Running totals, bottom to top: series i's bar reaches the sum of series 0..i.
    stacked = [[sum(totals[j][label] for j in range(i + 1)) for label in labels] for i in range(len(series))]
    top = y_axis_top(max([0, *(v for row in stacked for v in row)]))
    colours = [PALETTE[i % len(PALETTE)] for i in drawn]  # a series keeps its colour
    lines = [
        *_opening(list(reversed(colours))),
        f"    title {_quoted(f'{title} per {unit}, {_span(window[0], window[-1])}')}",
        "    x-axis [" + ", ".join(_quoted(label) for label in labels) + "]",
        f"    y-axis {_quoted(y_title)} 0 --> {top}",
    ]
    # Tallest first: Mermaid draws later series over earlier ones at the same place.
    lines += ["    bar [" + ", ".join(map(str, row)) + "]" for row in reversed(stacked)]
    lines.append("```")
    if len(series) > 1:
        names = ", ".join(name for name, _ in series)
        lines += ["", f"Stacked bars, from the bottom: {names}."]
    return Markup("\n".join(lines))


def _opening(colours: list[str]) -> list[str]:
    """A chart's first lines: the fence, the front-matter `config` with its colours (Mermaid
    11.4+ honours it, older versions ignore it) and the chart type."""
    return ["```mermaid", "---", "config:", "  themeVariables:", "    xyChart:",
            f'      plotColorPalette: "{", ".join(colours)}"', "---", "xychart-beta"]


def monthly_bars(title: str, y_title: str, pairs: Iterable[tuple[str, int]], end: dt.date,
                 months: int = MONTHS) -> Markup:
    """One series of `stacked_bars`: values summed per month over the window ending at `end`.

    `title` names what is counted ("Wins"); the chart's title adds "per month" and the span.
    """
    return stacked_bars(title, y_title, [(title, pairs)], end, months)


_LABEL_MONTH = re.compile(r"\d{4}-(\d\d)")
_LABEL_QUARTER = re.compile(r"\d\d(\d\d)-Q([1-4])")
_LABEL_WEEK = re.compile(r"\d{4}-(W\d\d)")


def short_labels(labels: Sequence[str]) -> list[str]:
    """Period labels short enough for twelve to fit a phone: 2026-07 → Jul, 2026-Q3 → Q3 '26,
    2026-W28 → W28; the labels as given where another shape, or where shortening would repeat one."""
    def short(label: str) -> str:
        if m := _LABEL_MONTH.fullmatch(label):
            return _MONTH_NAMES[int(m.group(1)) - 1] if 1 <= int(m.group(1)) <= 12 else label
        if m := _LABEL_QUARTER.fullmatch(label):
            return f"Q{m.group(2)} '{m.group(1)}"
        if m := _LABEL_WEEK.fullmatch(label):
            return m.group(1)
        return label
    shorter = [short(label) for label in labels]
    return shorter if len(set(shorter)) == len(set(labels)) else list(labels)


def bars(title: str, y_title: str, values: list[tuple[str, int]], target: int | None = None) -> Markup:
    """A fenced Mermaid bar chart of `values` ((label, count), in the order shown), and a line at
    `target` when given (a habit's goal per period): whole-number ticks, our colours (bars
    PALETTE[0], the line PALETTE[1]), labels shortened by `short_labels`. Every part of it is
    built here, never note text."""
    top = y_axis_top(max([0, target or 0, *(v for _, v in values)]))
    lines = [
        *_opening([PALETTE[0], PALETTE[1]]),
        f"    title {_quoted(title)}",
        "    x-axis [" + ", ".join(_quoted(label) for label in short_labels([lb for lb, _ in values])) + "]",
        f"    y-axis {_quoted(y_title)} 0 --> {top}",
        "    bar [" + ", ".join(str(v) for _, v in values) + "]",
        *(["    line [" + ", ".join(str(target) for _ in values) + "]"] if target is not None else []),
        "```",
    ]
    return Markup("\n".join(lines))


def mermaid_blocks(text: str) -> list[str]:
    """The contents of every ```mermaid fenced block of a Markdown text."""
    return re.findall(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", text, re.S | re.M)


def _front_matter(text: str) -> tuple[str, list[str]]:
    """The chart without its front matter, and problems with the front matter."""
    m = _FRONT.match(text)
    if not m:
        return text, []
    problems = []
    for line in m.group(1).split("\n"):
        if line.strip() and not re.fullmatch(r"( *)[A-Za-z]\w*:( .*)?", line):
            problems.append(f"front matter: not a `key: value` line: {line}")
    return text[m.end():], problems


def validate_xychart(text: str) -> list[str]:
    """Problems of an xychart against Mermaid's grammar, for the subset vaultkit emits.

    Accepts the chart text or a whole ```mermaid fenced block; an empty list means valid.
    Checks: an optional `---` front matter of `key: value` lines, first line `xychart-beta`, at
    most one `title "..."`, one `x-axis [...]` of distinct quoted strings, one
    `y-axis "title" a --> b` with a < b, one or more `bar`/`line` series of numbers within the y
    range, as many as there are x-axis labels; where every value is a whole number (a count),
    every y tick Mermaid draws must be one too.
    """
    lines = text.strip().split("\n")
    if lines and lines[0].startswith("```"):
        if lines[0].strip() != "```mermaid" or len(lines) < 2 or lines[-1].strip() != "```":
            return ["not a ```mermaid fenced block"]
        lines = lines[1:-1]
    body, problems = _front_matter("\n".join(lines) + "\n")
    lines = [line.strip() for line in body.split("\n")]
    lines = [line for line in lines if line and not line.startswith("%%")]
    if not lines or not re.fullmatch(r"xychart-beta(?:\s+(?:horizontal|vertical))?", lines[0]):
        return [*problems, "first line is not `xychart-beta`"]
    labels: list[str] | None = None
    y_range: tuple[float, float] | None = None
    series: list[tuple[int, list[float]]] = []
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        word = line.split(None, 1)[0]
        if word in ("title", "x-axis", "y-axis"):
            if word in seen:
                problems.append(f"line {number}: second `{word}`")
            seen.add(word)
        if word == "title":
            if not _TITLE.match(line):
                problems.append(f'line {number}: title must be one quoted string: {line}')
        elif word == "x-axis":
            m = _X_AXIS.match(line)
            if not m or not _STR_LIST.match(m.group(1)):
                problems.append(f"line {number}: x-axis must be a list of quoted strings: {line}")
            else:
                labels = re.findall(r'"([^"\n]*)"', m.group(1))
                if len(set(labels)) != len(labels):
                    problems.append(f"line {number}: x-axis labels repeat (Mermaid merges them): {line}")
        elif word == "y-axis":
            m = _Y_AXIS.match(line)
            if not m:
                problems.append(f'line {number}: y-axis must be `y-axis "title" min --> max`: {line}')
            elif float(m.group(1)) >= float(m.group(2)):
                problems.append(f"line {number}: y-axis min must be below max: {line}")
            else:
                y_range = (float(m.group(1)), float(m.group(2)))
        elif word in ("bar", "line"):
            m = _SERIES.match(line)
            if not m or not _NUM_LIST.match(m.group(2)):
                problems.append(f"line {number}: {word} must be a list of numbers: {line}")
            else:
                series.append((number, [float(v) for v in m.group(2).split(",")]))
        else:
            problems.append(f"line {number}: not part of an xychart: {line}")
    if labels is None:
        problems.append("no valid x-axis")
    if y_range is None:
        problems.append("no valid y-axis")
    if not series:
        problems.append("no bar or line series")
    for number, values in series:
        if labels is not None and len(values) != len(labels):
            problems.append(f"line {number}: {len(values)} values for {len(labels)} x-axis labels")
        if y_range is not None and any(not y_range[0] <= v <= y_range[1] for v in values):
            problems.append(f"line {number}: a value is outside the y-axis range")
    counts = series and all(v.is_integer() for _, values in series for v in values)
    if counts and y_range is not None and y_range[0] == 0 and not tick_step(y_range[1]).is_integer():
        problems.append(f"y-axis 0 --> {y_range[1]:g}: Mermaid draws fractional ticks "
                        f"(every {tick_step(y_range[1]):g}) for whole counts")
    return problems
