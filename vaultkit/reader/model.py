"""Typed records: what a note, a link and a diagnostic are.

Everything here is plain data so that records can be compared, sorted, pickled into the
cache and handed to templates without surprises. The small, numerous records are
NamedTuples: a vault holds hundreds of thousands of them, and tuples are several times
cheaper than frozen dataclasses to create and to unpickle.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple


class Severity(StrEnum):
    """How bad a diagnostic is. Only errors make `vaultkit check` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Diagnostic(NamedTuple):
    """One problem found in the vault: where, how bad, a stable code, and what to do."""

    path: str
    line: int | None
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, str, int, str, str]:
        """Order by path (casefolded, then exact), line, code, message."""
        return (self.path.casefold(), self.path, self.line or 0, self.code, self.message)

    def describe(self) -> str:
        """`path:line: severity: message [code]`, and the hint on a second line: as printed, what a
        terminal would act on escaped (`shown`)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = shown(f"{where}: {self.severity.value}: {self.message} [{self.code}]")
        return f"{text}\n    hint: {shown(self.hint)}" if self.hint else text

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (used by `check --format json`)."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


# What a terminal acts on or shows as other text: control characters (a bell, an escape, a
# carriage return) and the bidi controls that reorder the rest of a line. A diagnostic names the
# file and the link as written in a note (a shared vault's `[[Zed\x07]]`, a name holding U+202E):
# printed, they are escaped; its fields (and `check --format json`) keep them. A hint's own line
# breaks (several lines of advice) stay.
_UNSHOWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """`text` safe to print to a terminal: `_UNSHOWABLE` characters as `\\x07`, `\\u202e`."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without the pattern
    return escaped(_UNSHOWABLE, text)


def escaped(found: re.Pattern[str], text: str) -> str:
    """`text` with each character `found` matches written as Python writes it escaped (`\\x1b`,
    `\\u202e`): what a diagnostic (`shown`), a file name (`names.printable`) and a generated
    note's value (`render.md_escape`) may not hold as it is."""
    return found.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


_LINK_FIELDS = ("target", "line", "heading", "block", "alias", "embed", "field", "bare", "markdown")


_new = tuple.__new__
_intern = sys.intern


def link_of(fields: tuple[Any, ...]) -> Link:
    """The `Link` of its nine fields in order, without `Link()`'s keyword handling: the
    parser's way to make one (~10⁵ links a vault)."""
    if fields[2] is None and fields[3] is None and fields[4] is None and fields[5] is False and fields[6] is None \
            and fields[7] is False and fields[8] is False:
        return _new(Link, fields[:2])  # type: ignore[no-any-return]
    size = 9
    while fields[size - 1] is None or fields[size - 1] is False:
        size -= 1
    return _new(Link, fields[:size])  # type: ignore[no-any-return]


class Link(tuple[Any, ...]):
    """A wikilink or embed as written: `[[target#heading|alias]]`, `![[target]]`, or a
    Markdown link `[alias](target#heading)` (`markdown`; its target URL-decoded).

    `heading` is the whole heading path (`h1#h2` for `[[Note#h1#h2]]`); `target` is empty
    for a link into the note itself (`[[#h]]`, `[[|shown]]`). `field` is the frontmatter key
    it came from, or None for a link in the body; `bare` marks a plain name in a frontmatter
    field that accepts one instead of a link.

    A tuple of (target, line, heading, block, alias, embed, field, bare, markdown) with its
    trailing defaults left off: most links are a bare `[[name]]`, held as a pair (a vault holds
    one per link written, and a pair is half a nine-tuple's size). Equal links are equal tuples,
    so comparing and hashing stay tuple's; the fields read as a NamedTuple's do.
    """

    __slots__ = ()
    _fields = _LINK_FIELDS

    def __new__(cls, target: str, line: int, heading: str | None = None, block: str | None = None,
                alias: str | None = None, embed: bool = False, field: str | None = None, bare: bool = False,
                markdown: bool = False) -> Link:
        # Interned: unpickling a chunk of the cache calls this for each link, and a vault links the
        # same names from chunk to chunk (each chunk a pickle of its own): 15 MB of copies at 50k.
        target = _intern(target)
        if heading is None and block is None and alias is None and not embed and field is None and not bare \
                and not markdown:
            return _new(cls, (target, line))  # type: ignore[no-any-return]
        return link_of((target, line, heading, block, alias, bool(embed), field, bool(bare), bool(markdown)))

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        return "Link(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in _LINK_FIELDS) + ")"

    if TYPE_CHECKING:
        @property
        def target(self) -> str:
            """The note's name or path as written (URL-decoded for a Markdown link)."""

        @property
        def line(self) -> int:
            """The line the link is on."""
    else:  # read by C, as a NamedTuple's fields are: a vault's diagnostics read them ~10⁵ times
        target = property(itemgetter(0), doc="The note's name or path as written (URL-decoded for a Markdown link).")
        line = property(itemgetter(1), doc="The line the link is on.")

    @property
    def heading(self) -> str | None:
        """The heading path after `#`, or None."""
        return self[2] if len(self) > 2 else None

    @property
    def block(self) -> str | None:
        """The block id after `#^`, or None."""
        return self[3] if len(self) > 3 else None

    @property
    def alias(self) -> str | None:
        """The text shown instead of the target (`|alias`, a Markdown link's text), or None."""
        return self[4] if len(self) > 4 else None

    @property
    def embed(self) -> bool:
        """`![[…]]`: an embed."""
        return len(self) > 5 and bool(self[5])

    @property
    def field(self) -> str | None:
        """The frontmatter key the link came from, None in the body."""
        return self[6] if len(self) > 6 else None

    @property
    def bare(self) -> bool:
        """A plain name in a frontmatter field that accepts one instead of a link."""
        return len(self) > 7 and bool(self[7])

    @property
    def markdown(self) -> bool:
        """A Markdown link `[alias](target)`."""
        return len(self) > 8 and bool(self[8])

    def _replace(self, **changes: Any) -> Link:
        values = {name: getattr(self, name) for name in _LINK_FIELDS}
        values.update(changes)
        return Link(**values)

    @property
    def raw(self) -> str:
        """The link as it would be written in a note (a Markdown link with its target decoded)."""
        inner = self.target
        if self.block is not None:
            inner += "#^" + self.block
        elif self.heading is not None:
            inner += "#" + self.heading
        if self.markdown:
            return ("!" if self.embed else "") + f"[{self.alias or ''}]({inner})"
        if self.alias is not None:
            inner += "|" + self.alias
        return ("!" if self.embed else "") + "[[" + inner + "]]"


class Heading(NamedTuple):
    """A Markdown heading: level 1–6, its text, the line it starts on."""

    level: int
    text: str
    line: int


class ListItem(NamedTuple):
    """A list item with what vaultkit reads from it.

    `date` is the ISO date the item starts with, if any; `links` the targets of the links
    written in it, in order (the links themselves are among the note's: an item needs only
    whom it names, and a long-items vault holds ~17 a note); `fields` are Dataview-style
    inline fields (`key:: value`), keys lowercased with spaces as underscores.
    `heading` is the nearest heading above the item (to find `## Interactions`).
    """

    line: int
    text: str
    date: dt.date | None
    tags: tuple[str, ...]
    links: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]
    heading: str | None = None


class QuerySpot(NamedTuple):
    """A query region in a note (`vaultkit.reader.queryregions`): the line of its begin marker,
    the query as written there, and the column the query starts at on that line."""

    line: int
    query: str
    column: int


@dataclass(slots=True)
class Note:
    """A parsed note: everything vaultkit knows about one `.md` file.

    `fields` holds the typed values of the kind's known fields (dates as
    `datetime.date`, lists as tuples, links as `Link`); `extra` holds any other
    frontmatter keys as loaded. `body_line` is the 1-based line where the body starts.
    `fields_unreadable` marks a note whose frontmatter is there but cannot be read (invalid
    YAML, a conflict block): it counts by its body only, and the generated notes say so.
    `exact` marks a body the line scanner handed over to markdown-it-py (`check --stats`
    counts them: the slow path must stay rare on real notes). `queries` are the note's query
    regions (filled by `build` and `watch`; their text counts for nothing here). `about` is a
    person note's own text: its `## Notes` section, else its last paragraph (empty for others).
    """

    path: str
    title: str
    kind: str | None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    headings: tuple[Heading, ...] = ()
    block_ids: frozenset[str] = frozenset()
    items: tuple[ListItem, ...] = ()
    body_line: int = 1
    diagnostics: tuple[Diagnostic, ...] = ()
    fields_unreadable: bool = False
    exact: bool = False
    queries: tuple[QuerySpot, ...] = ()  # its query regions, whose text was not read as the note's
    about: str = ""  # a person's or event's own text, as prep notes quote it (`vaultkit.reader.about`)

    @property
    def stem(self) -> str:
        """File name without folders and without `.md`."""
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name

    @property
    def date(self) -> dt.date | None:
        """The note's `date` field, if it has a valid one."""
        value = self.fields.get("date")
        return value if isinstance(value, dt.date) else None


class Entry(NamedTuple):
    """A brag or challenge entry, from its own note or inline in another note.

    For inline entries `path`/`line` point at the list item; `text` is the item text.
    """

    kind: str
    path: str
    line: int
    title: str
    date: dt.date | None
    fields: tuple[tuple[str, Any], ...]
    text: str = ""
    inline: bool = False
    unreadable: bool = False  # its note's frontmatter cannot be read: its fields are missing

    def get(self, key: str, default: Any = None) -> Any:
        """A field's value, or `default`."""
        for name, value in self.fields:
            if name == key:
                return value
        return default


class Interaction(NamedTuple):
    """One contact on a date, and where it was recorded. Whose contact it is, the mapping it is
    filed under says (`vaultkit.reader.career.interactions`: by person note path): an item that
    names five people is one record in five people's contacts, not five records (a vault holds
    ~10 contacts a note, and a long item names several people)."""

    date: dt.date
    path: str
    line: int
    text: str
    source: str  # "item", "daily", "event", "interview", "last_contact"
