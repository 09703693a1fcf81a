"""Mermaid `xychart-beta` bar charts over the last 12 months, and a checker for what we emit.

Charts cover a fixed window of months ending at `today`'s month, every month shown (zeros
included), labelled `YYYY-MM`: the same vault and `today` always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from markupsafe import Markup

from vaultkit.views.common import month

MONTHS = 12

_STR = r'"[^"\n]*"'
_NUM = r"-?\d+(?:\.\d+)?"
_TITLE = re.compile(rf"^title\s+({_STR})$")
_X_AXIS = re.compile(rf"^x-axis(?:\s+{_STR})?\s*\[(.*)\]$")
_Y_AXIS = re.compile(rf"^y-axis(?:\s+{_STR})?\s+({_NUM})\s*-->\s*({_NUM})$")
_SERIES = re.compile(rf"^(bar|line)(?:\s+{_STR})?\s*\[(.*)\]$")
_STR_LIST = re.compile(rf"^\s*{_STR}\s*(?:,\s*{_STR}\s*)*$")
_NUM_LIST = re.compile(rf"^\s*{_NUM}\s*(?:,\s*{_NUM}\s*)*$")


def month_window(today: dt.date, months: int = MONTHS) -> list[str]:
    """The `months` month labels (YYYY-MM) ending at today's month, oldest first."""
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1)]


def count_by_month(dates: Iterable[dt.date | None]) -> list[tuple[str, int]]:
    """(YYYY-MM, 1) for each date, ready for `monthly_bars` (None dates are skipped)."""
    return [(month(d), 1) for d in dates if d is not None]


def _quoted(text: str) -> str:
    return '"' + " ".join(text.replace('"', "'").split()) + '"'


def monthly_bars(title: str, y_title: str, pairs: Iterable[tuple[str, int]], today: dt.date,
                 months: int = MONTHS) -> Markup:
    """A fenced Mermaid bar chart of values summed per month over the window ending at today.

    `pairs` are (YYYY-MM, value); labels outside the window are left out. Returns the whole
    ```mermaid block as `Markup` (every part of it is built here, never note text).
    """
    totals = dict.fromkeys(month_window(today, months), 0)
    for label, value in pairs:
        if label in totals:
            totals[label] += value
    return bars(title, y_title, list(totals.items()))


def bars(title: str, y_title: str, values: list[tuple[str, int]], target: int | None = None) -> Markup:
    """A fenced Mermaid bar chart of `values` ((label, value), in the order shown), and a line at
    `target` when given (a habit's goal per period). Every part of it is built here, never note text."""
    top = max([1, target or 0, *(v for _, v in values)])
    lines = [
        "```mermaid",
        "xychart-beta",
        f"    title {_quoted(title)}",
        "    x-axis [" + ", ".join(_quoted(label) for label, _ in values) + "]",
        f"    y-axis {_quoted(y_title)} 0 --> {top}",
        "    bar [" + ", ".join(str(v) for _, v in values) + "]",
        *(["    line [" + ", ".join(str(target) for _ in values) + "]"] if target is not None else []),
        "```",
    ]
    return Markup("\n".join(lines))


def mermaid_blocks(text: str) -> list[str]:
    """The contents of every ```mermaid fenced block of a Markdown text."""
    return re.findall(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", text, re.S | re.M)


def validate_xychart(text: str) -> list[str]:
    """Problems of an xychart against Mermaid's grammar, for the subset vaultkit emits.

    Accepts the chart text or a whole ```mermaid fenced block; an empty list means valid.
    Checks: first line `xychart-beta`, at most one `title "..."`, one `x-axis [...]` of quoted
    strings, one `y-axis "title" a --> b` with a < b, one or more `bar`/`line` series of
    numbers within the y range, as many as there are x-axis labels.
    """
    lines = [line.strip() for line in text.strip().split("\n")]
    problems: list[str] = []
    if lines and lines[0].startswith("```"):
        if lines[0] != "```mermaid" or len(lines) < 2 or lines[-1] != "```":
            return ["not a ```mermaid fenced block"]
        lines = lines[1:-1]
    lines = [line for line in lines if line and not line.startswith("%%")]
    if not lines or not re.fullmatch(r"xychart-beta(?:\s+(?:horizontal|vertical))?", lines[0]):
        return ["first line is not `xychart-beta`"]
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
    return problems
