"""The warnings of a vault's links (missing, ambiguous, to no such heading or block), and the
"did you mean" hints of the missing ones, in one pass over the links. Pure.

A vault has ~50 links a note and ~10⁴ distinct targets, nearly all of them one note's name from
whatever folder: a link to such a target warns of nothing but its heading or block. So a
note's links are sorted out by target in C (a set of its targets, against the set of those
known to be quiet), and only the links of the other targets (missing, several notes, read
from the linking folder) are looked at one by one, with the links that name a heading or a
block (the only ones longer than a pair: `Link`).

Anchors are checked last, by target note: every heading or block a target is linked with
once, on one index of its headings. Walked from the notes cache chunk by chunk (the build's
hints child, `vaultkit.disk.hintwork`), a note's headings may come back after a link to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import compress, filterfalse, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from vaultkit.reader.links import Headings, Resolution, check_anchor, heading_key, strip_md
from vaultkit.reader.model import Diagnostic, Link, Note, Severity

if TYPE_CHECKING:
    from vaultkit.reader.vault import Vault

HOW = {"exact": "its exact path", "folder": "in the linking note's folder", "shortest": "the shortest path",
       "tie": "first of the shortest paths in code-point order", "alias": "picked as a name would be"}
_target = itemgetter(0)
_new = tuple.__new__
_text = itemgetter(1)  # a `Heading`'s
_longer = (2).__lt__  # a link longer than a pair names a heading, block, alias… (`Link`)
# The links that name a heading or block, by target note, then by (heading, block): (linking note, link).
Aims = dict[str, dict[tuple[str | None, str | None], list[tuple[str, Link]]]]


def _as_link(link: tuple[Any, ...]) -> Link:
    """A `Link` of its plain tuple (the same fields in the same places), or the link itself."""
    return link if type(link) is Link else _new(Link, link)  # type: ignore[no-any-return]


def some(paths: list[str], total: int | None = None) -> str:
    """A few paths (a name shared by a thousand notes must not make a thousand-path message)."""
    total = len(paths) if total is None else total
    shown = ", ".join(paths[:3])
    return shown if total <= 3 else f"{shown} and {total - 3} more"


def folder_of(path: str) -> str:
    """Where a `./` or `../` link of the note at `path` is read from, in words."""
    folder = path.rpartition("/")[0]
    return f"this note's folder ({folder}/)" if folder else "the vault's root"


def walk(vault: Vault, walked: Iterable[tuple[Note, Sequence[tuple[Any, ...]]]], found: dict[str, list[str]] | None,
         headings_of: Callable[[str], Headings] | None = None,
         later: list[tuple[str, Link]] | None = None) -> list[Diagnostic]:
    """The warnings of the links `walked` (each note with its links: `Link`s, or their plain
    tuples as the notes cache keeps them, `vaultkit.disk.cacheform.plain`), in no particular order, with
    the hints of missing links where `found` is given (a dict that gets each missing target's
    hints), else without them. `headings_of`: a note's headings indexed, kept by the caller (else
    made for each target and let go of). `later` (with `found`): gets the missing links that
    want hints, as (linking note's path, link), instead of their warnings: the caller works out
    their targets' hints (`hint_order`) and warns of them (`missing`), wherever it likes."""
    index, notes = vault.index, vault.notes
    resolve, quiet_ones = index.resolve, index.quiet
    diags: list[Diagnostic] = []
    aims: Aims = {}
    quiet: set[str] = set()  # targets known to go to one note or attachment, with no pick, from anywhere
    for note, links in walked:
        if not links:
            continue
        source = note.path
        new = set(filterfalse(quiet.__contains__, map(_target, links)))  # one pass in C
        if new:
            loud = set()
            for target in new:
                if quiet_ones(target, source):
                    quiet.add(target)
                else:
                    loud.add(target)
            if loud:
                for link in compress(links, map(loud.__contains__, map(_target, links))):
                    link = _as_link(link)
                    res = resolve(link[0], source)
                    if res.status == "missing" or len(res.candidates) > 1:
                        _warn(vault, note, link, res, found, diags, later)
        for link in compress(links, map(_longer, map(len, links))):
            # (target, line, heading, block, …) with its trailing defaults left off (`Link`): read
            # by place, not by property, a tenth of the links being longer than a pair.
            heading, block = link[2], (link[3] if len(link) > 3 else None)
            if heading is not None or block is not None:
                path = resolve(link[0], source).path
                if path in notes:
                    aims.setdefault(path, {}).setdefault((heading, block), []).append((source, _as_link(link)))
    _anchors(vault, aims, headings_of, diags)
    return diags


def _anchors(vault: Vault, aims: Aims, headings_of: Callable[[str], Headings] | None,
             diags: list[Diagnostic]) -> None:
    """The warnings of links to no such heading or block: each (heading, block) of a target
    checked once, whoever links it (`#Context` is linked from many), on its headings indexed
    once (`headings_of`), else on the set of their keys where one heading is named (a heading
    path, `h1#h2`, needs the index: `Headings`)."""
    for path, wanted in aims.items():
        target = vault.notes[path]
        index = headings_of(path) if headings_of is not None else None
        keys: set[str] | None = None
        for (heading, block), users in wanted.items():
            if index is not None or block is not None:
                there = check_anchor(users[0][1], target, index)
            elif heading is not None and "#" not in heading:  # what `Headings.has` says of one part
                if keys is None:
                    keys = set(map(heading_key, map(_text, target.headings)))
                there = heading_key(heading) in keys
            else:
                index = Headings(target.headings)
                there = check_anchor(users[0][1], target, index)
            if there:
                continue
            what = f"block ^{block}" if block is not None else \
                "heading '" + "' > '".join((heading or "").split("#")) + "'"  # a path: h1 > h2
            for source, link in users:
                diags.append(Diagnostic(source, link.line, Severity.WARNING, "link-anchor-missing",
                                        f"{link.raw}: {path} has no {what}",
                                        "check the heading text or block id in the target note"))


def hint_order(later: list[tuple[str, Link]], found: dict[str, list[str]]) -> list[str]:
    """The targets of the missing links `later` (`walk`) whose hints are not in `found` yet, each
    once, in the order first linked."""
    return [target for target in dict.fromkeys(link.target for _, link in later) if target not in found]


def missing(path: str, link: Link, close: list[str] | None) -> Diagnostic:
    """The warning of the missing `link`, written in the note at `path`, with the names `close`
    to its target offered (None: no hints worked out)."""
    hint = "create the note, or fix the name"
    if close:
        hint = "did you mean " + ", ".join(f"[[{c}]]" for c in close) + "?"
    if link.target.startswith(("./", "../")):
        hint = f"a ./ or ../ path is read from {folder_of(path)} only; " + hint
    where = f" (in `{link.field}`)" if link.field else ""
    return Diagnostic(path, link.line, Severity.WARNING, "link-missing", f"{link.raw} points to no note{where}", hint)


def _warn(vault: Vault, note: Note, link: Link, res: Resolution, found: dict[str, list[str]] | None,
          diags: list[Diagnostic], later: list[tuple[str, Link]] | None = None) -> None:
    """A missing or ambiguous link's warning, added to `diags`, or the missing link to `later`
    (see `walk`)."""
    if res.status == "missing":
        if link.bare:
            return  # a plain name where names are allowed: not meant as a link
        close = None
        if found is not None:
            if later is not None:
                later.append((note.path, link))
                return
            close = found.get(link.target)
            if close is None:
                close = found[link.target] = vault.index.suggest(link.target)
        diags.append(missing(note.path, link, close))
        return
    why = vault.doubt(note, link, res)  # (several notes: one note leaves no doubt)
    if why is not None:
        others = list(islice((c for c in res.candidates if c != res.path), 3))
        diags.append(Diagnostic(note.path, link.line, Severity.WARNING, "link-ambiguous",
                                f"{link.raw} matches {len(res.candidates)} notes; {res.path} is taken "
                                f"({HOW[res.how]}), not {some(others, len(res.candidates) - 1)}: {why}",
                                "write the path of the one you mean, e.g. [["
                                + strip_md(others[0]) + "]], or rename one"))
