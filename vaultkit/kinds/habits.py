"""A goal's habits as written: `WHAT N/PERIOD` (SPEC §2, the goal kind).

WHAT is a kind (`share`, `event`, `brag`, `interview`…), a brag theme (`demo`,
`documentation`…), `contact` (any interaction) or a tag (`#coffee`); N a whole number from 1;
PERIOD `week` (ISO, Monday first), `month` or `quarter`. What each counts is decided where the
vault is known (`vaultkit.views.derived.habits`); here a habit is only read and written back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

PERIODS = ("week", "month", "quarter")
# Said wherever a habit cannot be read: every accepted form, with an example of each.
FORMS = ("WHAT N/PERIOD, e.g. `share 1/week`, `contact 2/week`, `#coffee 1/week`, `demo 1/quarter`: "
         "WHAT is a kind (share, event, brag, interview…), a brag theme, `contact` or a #tag; "
         "N a whole number from 1; PERIOD is week, month or quarter")

_HABIT = re.compile(r"^(#?[^\s#/\d`][^\s`]*)\s+(\d{1,4})\s*/\s*(week|month|quarter)s?$", re.I)


class Habit(NamedTuple):
    """One habit: what counts (casefolded; a tag keeps its `#`), how many, in which period."""

    what: str
    target: int
    period: str

    @property
    def text(self) -> str:
        """The habit as vaultkit writes it back: `share 1/week`."""
        return f"{self.what} {self.target}/{self.period}"

    @property
    def tag(self) -> str | None:
        """The tag it counts, without `#` (None for a kind, a theme or `contact`)."""
        return self.what[1:] if self.what.startswith("#") else None


def parse_habit(text: str) -> Habit | None:
    """The habit a text states (`Share 2 / weeks` reads as `share 2/week`), or None."""
    m = _HABIT.match(" ".join(text.split()))
    if m is None or int(m.group(2)) < 1:
        return None
    return Habit(m.group(1).casefold(), int(m.group(2)), m.group(3).lower())


def has_tag(tags: Iterable[str], tag: str) -> bool:
    """Does a habit's `#tag` (casefolded, without `#`) count something carrying `tags`: the tag
    itself or one nested under it (`#coffee/berlin` counts for `#coffee`), whatever the case."""
    nested = tag + "/"
    return any((low := t.casefold()) == tag or low.startswith(nested) for t in tags)


def item_line(frontmatter: str, key_line: int, item: str) -> int:
    """The note line holding `item` of a list whose key is on `key_line` (both 1-based in the
    note; the frontmatter starts on line 2), or `key_line` where it cannot be told."""
    lines = frontmatter.split("\n")
    for index in range(max(key_line - 2, 0), len(lines)):
        if index > key_line - 2 and not lines[index].startswith((" ", "\t", "-")):
            break  # the next key: the item is not in a block list below this one
        if item in lines[index]:
            return index + 2
    return key_line
