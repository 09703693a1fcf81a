"""Filling the query regions of a user's note: its text → the same text with fresh answers. Pure.

The rules are those of generated regions (SPEC §4, `vaultkit.views.regions`), applied to a
note that is the user's everywhere else:

* only the text between a begin marker and its end marker changes; every other byte stays,
  and each region is written in the line ending the note already uses (that of its first
  line), so a CRLF note stays CRLF;
* the end marker gets the short hash of what was written (`<!-- vaultkit:end query 3f9a1c2e -->`):
  text typed inside a region since is the user's, and the whole note is refused
  (`RegionEdited`) unless forced;
* a region whose query is not one (a diagnostic says so at its line) is left as it is;
* a region is filled only where the note's parse recorded it (same line, same query): text
  saved since that parse is not written over with answers planned for the text before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from vaultkit.reader.model import Note
from vaultkit.reader.queryregions import Spot, find
from vaultkit.reader.vault import Vault
from vaultkit.views.budget import Budget
from vaultkit.views.common import Facts
from vaultkit.views.query import Query, QueryError, check_fields, parse, render, run, schema_fields
from vaultkit.views.regions import LINE_BREAK, Edit, Region, RegionEdited, digest, newline, to_lf
from vaultkit.views.regions import _edit as region_edit

Answer = Callable[[Query], str]
END = "<!-- vaultkit:end query {} -->"


def answerer(vault: Vault, today: dt.date, facts: Facts | None = None) -> Answer:
    """The text each query gets in a region: its rendered rows on `today`."""
    facts = facts or Facts(vault, today)
    return lambda query: render(query, run(query, vault, today, facts), facts)


def valid(text: str, vault: Vault) -> Query | None:
    """The query written on a begin marker, or None when it is not one (already diagnosed)."""
    query = parse(text)
    if isinstance(query, QueryError) or check_fields(query, schema_fields(vault)) is not None:
        return None
    return query


def refill(existing: str, note: Note, vault: Vault, answer: Answer, force: bool = False,
           budget: Budget | None = None) -> str:
    """`existing` (the note's text, any line ending) with its query regions filled anew.

    Raises `RegionEdited` when a region holds text vaultkit did not write there, unless
    `force`. Regions the parse of `note` did not record, and those of a bad query, are kept.
    A note's regions spend `budget` (a step per note a query goes through, the characters
    written): a shared note of thousands of regions raises `LimitExceeded` instead of
    growing by hundreds of megabytes.
    """
    recorded = {(q.line, q.query) for q in note.queries}
    body = _line_start(existing, note.body_line)  # markers in the frontmatter are no region's
    spots, _ = find(existing[body:], note.body_line)
    spots = [s._replace(start=s.start + body, end=s.end + body, close=s.close + body, at=s.at + body) for s in spots]
    nl = newline(existing)
    out: list[str] = []
    edits: list[tuple[Spot, str, str]] = []
    pos = 0
    for spot in spots:
        query = valid(spot.query, vault) if (spot.line, spot.query) in recorded else None
        if query is None:
            continue
        if budget is not None:
            budget.step(1 + len(vault.of_kind(query.kind)))
        fresh = "\n" + answer(query) + "\n"
        if budget is not None:
            budget.grow(len(fresh))
        fresh_digest = digest(fresh)
        content = existing[spot.start:spot.end]
        written = fresh.replace("\n", nl) if nl != "\n" else fresh
        if spot.digest is not None and content != written and not force:
            mine = digest(content)
            if mine not in (spot.digest, fresh_digest):
                edits.append((spot, content, fresh))
        out += [existing[pos:spot.start], written, END.format(fresh_digest)]
        pos = spot.close
    if edits:
        raise QueryEdited([_edit(spot, content, fresh) for spot, content, fresh in edits])
    out.append(existing[pos:])
    return "".join(out)


def _line_start(text: str, line: int) -> int:
    """Where 1-based `line` of `text` starts (LF, CRLF or CR); the end when it has fewer lines."""
    if line <= 1:
        return 0
    for n, m in enumerate(LINE_BREAK.finditer(text), 2):
        if n == line:
            return m.end()
    return len(text)


class QueryEdited(RegionEdited):
    """Text typed inside one or more query regions: filling them would lose it."""

    def __init__(self, edits: list[Edit]) -> None:
        super().__init__(edits)
        lines = ", ".join(str(e.line) for e in edits)
        word = "region" if len(edits) == 1 else "regions"
        self.args = (f"the text inside the query {word} on line {lines} was edited by hand "
                     "(it is not what vaultkit wrote there)",)


def _edit(spot: Spot, content: str, fresh: str) -> Edit:
    region = Region("query", spot.start, spot.end, spot.close, spot.digest, spot.at)
    return region_edit(region, spot.line, to_lf(content), fresh)
