"""Where daily notes live and how they are named: `vaultkit.toml`'s `daily_notes`, else
Obsidian's `.obsidian/daily-notes.json` (`{"folder": "Journal", "format": "YYYY-MM-DD"}`).
Pure: `vaultkit.disk.appsettings.read_daily_settings` reads the file.

Formats are the subset of moment.js that daily notes use: `YYYY`, `YY`, `MM`, `M`, `DD`, `D`,
`Do`, `ddd`, `dddd`, `MMM`, `MMMM`, `[literal text]`, a backslash before a letter, and `/`
for subfolders (`YYYY/MMMM/YYYY-MM-DD` files 2023-01-01 as `2023/January/2023-01-01`).
Month and weekday names are English, whatever the machine's locale, so every clone agrees.

Which notes are daily notes follows Obsidian's daily-notes plugin (as its helper library
`obsidian-daily-notes-interface` reads them): any note under the folder, at any depth, whose
file name parses strictly with the format's last `/` part (a weekday must agree with the
date). A `daily_notes = "Daily/{date}"` pattern from `vaultkit.toml` is matched as a whole
path, as vaultkit always has.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from vaultkit.reader.links import name_key

SETTINGS_FILE = ".obsidian/daily-notes.json"
OBSIDIAN_DEFAULT_FORMAT = "YYYY-MM-DD"

MONTHS = (  # English, never the locale's (calendar.month_name follows LC_TIME)
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SUPPORTED = ("YYYY", "YY", "MMMM", "MMM", "MM", "M", "Do", "DD", "D", "dddd", "ddd")
# moment.js's own tokenizer: a [bracketed] literal, or an optionally escaped token, or one char.
_MOMENT = re.compile(
    r"(\[[^\[]*\])|(\\)?([Hh]mm(?:ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}"
    r"|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(?:ggg?)?|GG(?:GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?"
    r"|ZZ?|LTS|LT|LL?L?L?|l{1,4}|.)", re.S)
_LETTER_TOKENS = frozenset("MDdeEwWQYyGgaAhHkmsSxXzZNLl")  # one letter moment reads as a token

Token = tuple[str, str]  # ("lit", text) or (token, "")


class FormatError(ValueError):
    """A format vaultkit cannot read dates from; the message names the part."""


@dataclass(frozen=True, slots=True)
class DailyNotes:
    """The daily-notes setting in force: `folder` ("" is the vault root), the format as tokens,
    whether the whole path is matched (`exact`, vaultkit.toml's pattern) or, as Obsidian
    does, the file name under the folder; and where the setting came from (`source`)."""

    folder: str
    tokens: tuple[Token, ...]
    exact: bool
    source: str

    def date_of(self, path: str) -> dt.date | None:
        """The date of the daily note at vault-relative `path`, or None for any other note."""
        if not path.lower().endswith(".md"):
            return None
        rel = path[:-3]
        if self.folder:  # compared as names compare: a folder synced from a Mac may be in NFD
            parts, depth = rel.split("/"), self.folder.count("/") + 1
            if len(parts) <= depth or name_key("/".join(parts[:depth])) != name_key(self.folder):
                return None
            rel = "/".join(parts[depth:])
        if self.exact:
            return _parse(self.tokens, rel)
        last = _last_part(self.tokens)
        if _complete(last):
            return _parse(last, rel.rsplit("/", 1)[-1])
        return _parse(self.tokens, rel)  # a name that is not a whole date: the path says the rest

    def path_for(self, day: dt.date) -> str:
        """The vault-relative path of the daily note for `day` (with `.md`)."""
        name = render(self.tokens, day)
        return (f"{self.folder}/{name}" if self.folder else name) + ".md"

    def describe(self) -> str:
        """The setting as a person reads it, e.g. `Journal/YYYY-MM-DD (from .obsidian/daily-notes.json)`."""
        shown = "".join(text if kind == "lit" else kind for kind, text in self.tokens)
        return f"{self.folder}/{shown}" if self.folder else shown


def tokenize(fmt: str) -> tuple[Token, ...]:
    """A moment.js format → tokens; raises FormatError for a token outside the subset."""
    out: list[Token] = []
    for m in _MOMENT.finditer(fmt):
        bracket, escaped, token = m.groups()
        if bracket is not None:
            out.append(("lit", bracket[1:-1]))
        elif escaped or token in SUPPORTED:
            out.append(("lit", token) if escaped else (token, ""))
        elif len(token) > 1 or token in _LETTER_TOKENS:
            raise FormatError(f"the moment.js token {token!r} is not one vaultkit reads "
                              f"(it reads {', '.join(SUPPORTED)}, [text] and /)")
        else:
            out.append(("lit", token))
    merged: list[Token] = []
    for tok in out:  # adjacent literals as one, so `/` splits cleanly
        if tok[0] == "lit" and merged and merged[-1][0] == "lit":
            merged[-1] = ("lit", merged[-1][1] + tok[1])
        else:
            merged.append(tok)
    if not _complete(tuple(merged)):
        raise FormatError(f"the format {fmt!r} does not hold a year, a month and a day")
    return tuple(merged)


def from_obsidian(folder: object, fmt: object) -> DailyNotes:
    """The setting from daily-notes.json's values (Obsidian's defaults for missing ones: the
    vault root and `YYYY-MM-DD`). Raises FormatError for a value vaultkit cannot use."""
    if folder is not None and not isinstance(folder, str):
        raise FormatError(f'"folder" must be text, got {folder!r}')
    if fmt is not None and not isinstance(fmt, str):
        raise FormatError(f'"format" must be text, got {fmt!r}')
    folder = (folder or "").strip().strip("/")
    if ".." in folder.split("/"):
        raise FormatError(f'"folder" must be inside the vault, got {folder!r}')
    daily = DailyNotes(folder, tokenize((fmt or "").strip() or OBSIDIAN_DEFAULT_FORMAT), False, SETTINGS_FILE)
    sample = render(daily.tokens, dt.date(2000, 1, 1))
    if sample.startswith("/") or any(part in ("", ".", "..") for part in sample.split("/")):
        raise FormatError(f'"format" must name a note inside its folder, got {fmt!r}')
    return daily


def from_pattern(pattern: str, source: str) -> DailyNotes:
    """vaultkit.toml's `daily_notes = "Daily/{date}"` ({date} is YYYY-MM-DD) as a setting."""
    before, _, after = pattern.partition("{date}")
    iso: tuple[Token, ...] = (("YYYY", ""), ("lit", "-"), ("MM", ""), ("lit", "-"), ("DD", ""))
    tokens = ((("lit", before),) if before else ()) + iso + ((("lit", after),) if after else ())
    return DailyNotes("", tokens, True, source)


def _last_part(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    for i in range(len(tokens) - 1, -1, -1):
        kind, text = tokens[i]
        if kind == "lit" and "/" in text:
            rest = text.rsplit("/", 1)[1]
            return ((("lit", rest),) if rest else ()) + tokens[i + 1:]
    return tokens


def _complete(tokens: tuple[Token, ...]) -> bool:
    kinds = {k for k, _ in tokens}
    return bool(kinds & {"YYYY", "YY"}) and bool(kinds & {"MMMM", "MMM", "MM", "M"}) \
        and bool(kinds & {"Do", "DD", "D"})


_ORDINAL = "(?:st|nd|rd|th)"
_PIECES = {
    "YYYY": r"(\d{4})", "YY": r"(\d{2})", "MM": r"(\d{2})", "M": r"(\d{1,2})", "DD": r"(\d{2})", "D": r"(\d{1,2})",
    "Do": r"(\d{1,2})" + _ORDINAL, "MMMM": "(" + "|".join(MONTHS) + ")",
    "MMM": "(" + "|".join(m[:3] for m in MONTHS) + ")", "dddd": "(" + "|".join(DAYS) + ")",
    "ddd": "(" + "|".join(d[:3] for d in DAYS) + ")",
}


_YMD = ("YYYY", "MM", "DD")


@lru_cache(maxsize=32)
def _regex(tokens: tuple[Token, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    parts, groups = [], []
    for kind, text in tokens:
        if kind == "lit":
            parts.append(re.escape(text))
        else:
            parts.append(_PIECES[kind])
            groups.append(kind)
    return re.compile("".join(parts), re.IGNORECASE), tuple(groups)


def _parse(tokens: tuple[Token, ...], text: str) -> dt.date | None:
    rx, groups = _regex(tokens)
    m = rx.fullmatch(text)
    if not m:
        return None
    if groups == _YMD:  # the usual format, each part once: what the loop below would make of it
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            return None
    year: set[int] = set()
    month: set[int] = set()
    day: set[int] = set()
    weekday: set[int] = set()
    for kind, value in zip(groups, m.groups(), strict=True):
        if kind == "YYYY":
            year.add(int(value))
        elif kind == "YY":  # moment's pivot: 00–68 are 20xx, 69–99 are 19xx
            year.add(int(value) + (2000 if int(value) <= 68 else 1900))
        elif kind in ("MM", "M"):
            month.add(int(value))
        elif kind in ("MMMM", "MMM"):
            month.add(next(i for i, name in enumerate(MONTHS, 1) if name.lower().startswith(value.lower())))
        elif kind in ("DD", "D", "Do"):
            day.add(int(value))
        else:
            weekday.add(next(i for i, name in enumerate(DAYS) if name.lower().startswith(value.lower())))
    if len(year) != 1 or len(month) != 1 or len(day) != 1 or len(weekday) > 1:
        return None  # a part given twice, differently: `2024/2023-01-01`
    try:
        date = dt.date(year.pop(), month.pop(), day.pop())
    except ValueError:
        return None
    return date if not weekday or weekday.pop() == date.weekday() else None


def _ordinal(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def render(tokens: tuple[Token, ...], day: dt.date) -> str:
    """A date written in the format, in English (`dddd` → Monday), as moment.js writes it."""
    out = {
        "YYYY": f"{day.year:04d}", "YY": f"{day.year % 100:02d}", "MM": f"{day.month:02d}", "M": str(day.month),
        "DD": f"{day.day:02d}", "D": str(day.day), "Do": _ordinal(day.day), "MMMM": MONTHS[day.month - 1],
        "MMM": MONTHS[day.month - 1][:3], "dddd": DAYS[day.weekday()], "ddd": DAYS[day.weekday()][:3],
    }
    return "".join(text if kind == "lit" else out[kind] for kind, text in tokens)


DEFAULT_PATTERN = "Daily/{date}"
DEFAULT = from_pattern(DEFAULT_PATTERN, "default")
