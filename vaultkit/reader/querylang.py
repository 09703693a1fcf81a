"""The query language of query regions and template views: text → `Query`. Pure.

Grammar (keywords are case-insensitive; clauses after KIND come in any order, each once)::

    query   := KIND [where COND (and COND)*] [sort KEY (, KEY)*] [limit N]
               [columns FIELD (, FIELD)*] [as table | as list]
    COND    := FIELD OP VALUE          OP    := = | != | < | > | contains
    KEY     := FIELD [asc | desc]
    VALUE   := "text" | 'text' | NUMBER | YYYY-MM-DD | [[Link]] | true | false

KIND names a kind of note (`person`, `event`…). FIELD is one of that kind's fields, or
`title`, `path`, `tags`, or a computed field (`last_contact` and `contacts` for people: the
latest contact on or before today, and how many there were). A text VALUE may use `\\"` and
`\\\\` escapes. `limit N` keeps the first N rows (N ≥ 1).

`parse` never raises: text that is no query gives a `QueryError` (a message and the 1-based
column it points at), which vaultkit reports as a diagnostic at the region's line. Which
fields a kind has is checked by `check_fields` against the schema, separately, so this
module's grammar does not depend on the vault.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

from vaultkit.reader.model import Diagnostic, QuerySpot, Severity
from vaultkit.reader.queryregions import Problem, Spot

OPS = ("=", "!=", "<", ">", "contains")
CLAUSES = ("where", "sort", "limit", "columns", "as")
COMPUTED: dict[str, tuple[str, ...]] = {"person": ("last_contact", "contacts")}
COMMON_FIELDS = ("title", "path", "tags")
MAX_QUERY = 2000  # characters: a query is one line a person typed


class LinkValue(NamedTuple):
    """A `[[Link]]` written as a value: compared by the note it names."""

    target: str


Value = str | int | float | bool | dt.date | LinkValue


class Cond(NamedTuple):
    """`FIELD OP VALUE`; `column` is where the field starts in the query text (1-based)."""

    field: str
    op: str
    value: Value
    column: int


class SortKey(NamedTuple):
    """One `sort` key: a field and its direction."""

    field: str
    desc: bool
    column: int


class Query(NamedTuple):
    """A parsed query. `text` is the query as written (stripped)."""

    kind: str
    where: tuple[Cond, ...] = ()
    sort: tuple[SortKey, ...] = ()
    limit: int | None = None
    columns: tuple[str, ...] | None = None
    form: str = "table"  # "table" or "list"
    text: str = ""
    kind_column: int = 1
    column_at: tuple[int, ...] = ()  # where each of `columns` is written

    def fields(self) -> list[tuple[str, int]]:
        """Every field the query names, with its column, in the order written."""
        return [(c.field, c.column) for c in self.where] + [(k.field, k.column) for k in self.sort] \
            + list(zip(self.columns or (), self.column_at, strict=False))

    def shown(self) -> tuple[str, ...]:
        """The columns after the note's link: as listed, else the fields of `where` and `sort`
        (what the query was about), once each, in the order written."""
        if self.columns is not None:
            return self.columns
        return tuple(dict.fromkeys(f for f, _ in self.fields() if f not in ("title", "path")))


class QueryError(NamedTuple):
    """Text that is no query: what is wrong and the 1-based column it starts at."""

    message: str
    column: int

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}"


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<link>\[\[[^\[\]\n]*\]\])
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\w-]))
  | (?P<number>-?[0-9]+(?:\.[0-9]+)?(?![\w.-]))
  | (?P<op>!=|=|<|>)
  | (?P<comma>,)
  | (?P<word>[A-Za-z_][\w-]*)
""", re.X)
_UNESCAPE = re.compile(r"\\(.)")


class _Token(NamedTuple):
    kind: str
    text: str
    column: int


class _Fail(Exception):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.error = QueryError(message, column)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            char = text[pos]
            if char in "\"'":
                raise _Fail(f"the text opened by {char} is never closed", pos + 1)
            if text.startswith("[[", pos):
                raise _Fail("the link opened by [[ is never closed with ]]", pos + 1)
            raise _Fail(f"unexpected {char!r}", pos + 1)
        kind = m.lastgroup or ""
        if kind != "space":
            out.append(_Token(kind, m.group(), pos + 1))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def end_column(self) -> int:
        return len(self.text.rstrip()) + 1

    def next(self, what: str) -> _Token:
        token = self.peek()
        if token is None:
            raise _Fail(f"expected {what}, found the end of the query", self.end_column())
        self.at += 1
        return token

    def word(self, what: str) -> _Token:
        token = self.next(what)
        if token.kind != "word":
            raise _Fail(f"expected {what}, found {token.text!r}", token.column)
        return token

    def keyword(self) -> str | None:
        token = self.peek()
        return token.text.lower() if token is not None and token.kind == "word" else None

    def field(self) -> _Token:
        token = self.word("a field name")
        if token.text.lower() in CLAUSES or token.text.lower() == "and":
            raise _Fail(f"expected a field name, found the word {token.text!r}", token.column)
        return token

    def value(self) -> Value:
        token = self.next('a value ("text", a number, a YYYY-MM-DD date, [[Link]], true or false)')
        if token.kind == "string":
            return _UNESCAPE.sub(r"\1", token.text[1:-1])
        if token.kind == "number":
            return float(token.text) if "." in token.text else int(token.text)
        if token.kind == "date":
            try:
                return dt.date.fromisoformat(token.text)
            except ValueError:
                raise _Fail(f"{token.text} is not a real date", token.column) from None
        if token.kind == "link":
            target = token.text[2:-2].split("|", 1)[0].split("#", 1)[0].strip()
            if not target:
                raise _Fail("the link names no note", token.column)
            return LinkValue(target)
        if token.kind == "word" and token.text.lower() in ("true", "false"):
            return token.text.lower() == "true"
        hint = f' (quote text: "{token.text}")' if token.kind == "word" else ""
        raise _Fail(f"expected a value, found {token.text!r}{hint}", token.column)

    def parse(self) -> Query:
        kind = self.word("a kind of note (person, event, …)")
        query = Query(kind=kind.text.lower(), text=self.text.strip(), kind_column=kind.column)
        seen: set[str] = set()
        while (token := self.peek()) is not None:
            clause = self.keyword()
            if clause not in CLAUSES:
                raise _Fail(f"expected one of {', '.join(CLAUSES)}, found {token.text!r}", token.column)
            if clause in seen:
                raise _Fail(f"`{clause}` is written twice", token.column)
            seen.add(clause)
            self.at += 1
            query = getattr(self, "_" + clause)(query, token)
        return query

    def _where(self, query: Query, _: _Token) -> Query:
        conds = []
        while True:
            field = self.field()
            op = self.next("an operator (=, !=, <, >, contains)")
            if not (op.kind == "op" or (op.kind == "word" and op.text.lower() == "contains")):
                raise _Fail(f"expected an operator (=, !=, <, >, contains) after {field.text}, found {op.text!r}",
                            op.column)
            conds.append(Cond(field.text.lower(), op.text.lower(), self.value(), field.column))
            if self.keyword() != "and":
                return query._replace(where=tuple(conds))
            self.at += 1

    def _sort(self, query: Query, _: _Token) -> Query:
        keys = []
        while True:
            field = self.field()
            desc = False
            if self.keyword() in ("asc", "desc"):
                desc = self.next("").text.lower() == "desc"
            keys.append(SortKey(field.text.lower(), desc, field.column))
            if not self._comma():
                return query._replace(sort=tuple(keys))

    def _limit(self, query: Query, _: _Token) -> Query:
        token = self.next("a number of rows")
        if token.kind != "number" or "." in token.text or int(token.text) < 1:
            raise _Fail(f"`limit` takes a whole number of rows, 1 or more, not {token.text!r}", token.column)
        return query._replace(limit=int(token.text))

    def _columns(self, query: Query, _: _Token) -> Query:
        names, at = [], []
        while True:
            field = self.field()
            names.append(field.text.lower())
            at.append(field.column)
            if not self._comma():
                return query._replace(columns=tuple(names), column_at=tuple(at))

    def _as(self, query: Query, _: _Token) -> Query:
        form = self.word("table or list")
        if form.text.lower() not in ("table", "list"):
            raise _Fail(f"expected `as table` or `as list`, found {form.text!r}", form.column)
        return query._replace(form=form.text.lower())

    def _comma(self) -> bool:
        token = self.peek()
        if token is not None and token.kind == "comma":
            self.at += 1
            return True
        return False


def parse(text: str) -> Query | QueryError:
    """A query's text → a `Query`, or a `QueryError` saying what is wrong and where. Never raises."""
    if len(text) > MAX_QUERY:
        return QueryError(f"the query is {len(text):,} characters long; at most {MAX_QUERY:,} are read", 1)
    if not text.strip():
        return QueryError("the query is empty: write at least a kind, e.g. `person`", 1)
    try:
        return _Parser(text).parse()
    except _Fail as exc:
        return exc.error


def check_fields(query: Query, kinds: dict[str, dict[str, object]]) -> QueryError | None:
    """Does the query name a known kind and only fields that kind has? (`kinds`: each kind's
    fields by name, as the schema declares them.)"""
    if query.kind not in kinds:
        return QueryError(f"no kind is called {query.kind!r}; kinds: {', '.join(sorted(kinds))}", query.kind_column)
    known = known_fields(query.kind, kinds[query.kind])
    for name, column in query.fields():
        if name not in known:
            return QueryError(f"a {query.kind} has no field {name!r}; fields: {', '.join(known)}", column)
    return None


def known_fields(kind: str, declared: dict[str, object]) -> tuple[str, ...]:
    """Every field a query on `kind` may name: the declared ones, the common and computed ones."""
    return tuple(dict.fromkeys((*COMMON_FIELDS, *declared, *COMPUTED.get(kind, ()))))


def diagnose(path: str, spots: Iterable[Spot], problems: Iterable[Problem],
             kinds: dict[str, dict[str, object]]) -> tuple[tuple[QuerySpot, ...], list[Diagnostic]]:
    """A note's query regions as recorded on its `Note`, and the diagnostics of those whose
    markers do not pair up or whose query is not one (each at its line; the column in the
    message)."""
    diags = [Diagnostic(path, p.line, Severity.ERROR, "query-markers", p.message, p.hint) for p in problems]
    found: list[QuerySpot] = []
    for spot in spots:
        found.append(QuerySpot(spot.line, spot.query, spot.column))
        query = parse(spot.query)
        error = query if isinstance(query, QueryError) else check_fields(query, kinds)
        if error is not None:
            diags.append(Diagnostic(path, spot.line, Severity.ERROR, "query-invalid",
                                    f"query region, column {spot.column + error.column - 1}: {error.message}",
                                    "fix the query on the begin marker (see README, \"Query regions\"); "
                                    "until then vaultkit leaves this region as it is"))
    return tuple(found), diags
