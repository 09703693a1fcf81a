"""Generated regions: `<!-- vaultkit:begin NAME -->` … `<!-- vaultkit:end NAME HASH -->`. Pure.

A generated note is vaultkit's when its frontmatter says `vaultkit: generated`. Only the
text between a pair of markers is vaultkit's; everything else is the user's and is kept
byte for byte when the note is regenerated.

Line endings: git (`core.autocrlf`), Windows editors and old Mac tools turn a note's LF
into CRLF or CR, and an editor may add a BOM. Markers are found after any of them, and a
region is written back in the line ending the file already uses (that of its first line),
so a converted note never gains a second copy of a region and is not rewritten for nothing.

The end marker carries a short hash of the region's text as vaultkit wrote it. Text
between the markers that no longer matches its hash was typed by someone: `merge` refuses
to overwrite it (`RegionEdited`) unless forced. The hash needs no local state, so a region
written by a build on another machine and pulled with git verifies as vaultkit's. It is
an integrity check against accidents, not a signature: whoever can edit the note can also
recompute it, which is then an explicit choice to hand the region back to vaultkit.

Every function here is linear in the length of its input: markers and frontmatter fences
are found with `str.find`; lines are counted only for what is reported, in one pass.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

HASH_LEN = 8
QUERY = "query"  # reserved: no generated region has this name
BOM = "\ufeff"
SHOWN = 5  # edited lines quoted in a refusal; the rest are counted
# Only ever tried at a line start found by `str.find`; every quantifier is bounded by the line.
_MARKER = re.compile(r"<!-- vaultkit:(?:begin ([A-Za-z0-9_.-]+)|end ([A-Za-z0-9_.-]+)(?: ([0-9A-Za-z]{1,64}))?)"
                     r" -->[ \t]*(?=[\r\n]|\Z)")
_FENCE = re.compile(r"---[ \t]*(?:\r\n|\r|\n|\Z)")
_GENERATED = re.compile(r"^vaultkit:[ \t]*generated[ \t]*$", re.M)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class RegionError(ValueError):
    """The markers of a generated note are unbalanced, nested or duplicated."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Edit:
    """A region whose text is not what vaultkit wrote there.

    `changed` holds the first lines (line number, text) of the region that the build would
    not write there now; `more` counts the others; `missing` counts the lines the build
    would write that the region lacks.
    """

    name: str
    line: int
    changed: tuple[tuple[int, str], ...]
    more: int
    missing: int


class RegionEdited(RegionError):
    """Text inside one or more regions was typed by hand: overwriting it would lose it."""

    def __init__(self, edits: list[Edit]) -> None:
        names = ", ".join(f"'{e.name}'" for e in edits)
        word = "region" if len(edits) == 1 else "regions"
        super().__init__(f"the text inside {word} {names} was edited by hand (it is not what vaultkit wrote there)",
                         edits[0].changed[0][0] if edits[0].changed else edits[0].line)
        self.edits = edits


@dataclass(frozen=True, slots=True)
class Region:
    """One generated region.

    `start`/`end` span its content (from just after the begin marker to the start of the
    end marker's line); `close` is where the end marker's text ends (before its line
    break); `digest` is the hash on the end marker, None on one written before hashes;
    `at` is where the begin marker starts (`line_of` gives its line).
    """

    name: str
    start: int
    end: int
    close: int
    digest: str | None
    at: int


def begin(name: str) -> str:
    """The opening marker of region `name`."""
    return f"<!-- vaultkit:begin {name} -->"


def end(name: str, digest: str | None = None) -> str:
    """The closing marker of region `name`, with the hash of its content when given."""
    return f"<!-- vaultkit:end {name} {digest} -->" if digest else f"<!-- vaultkit:end {name} -->"


def to_lf(text: str) -> str:
    """`text` with every CRLF and lone CR turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def digest(content: str) -> str:
    """The short hash of a region's content, the same for any line ending.

    Trailing blanks on a line do not count either: editors strip them on save, and that
    is no edit worth refusing a note for.
    """
    # `watch` hashes a note's region when it writes it and again, as read back, on the next
    # save: remember the last few by Python's own (salted, 64-bit) string hash and length.
    key = (len(content), hash(content))
    found = _DIGESTS.get(key)
    if found is None:
        found = hashlib.sha256(_normal(content).encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LEN]
        if len(_DIGESTS) >= 64:
            _DIGESTS.clear()
        _DIGESTS[key] = found
    return found


_DIGESTS: dict[tuple[int, int], str] = {}


def _normal(content: str) -> str:
    """`content` with LF line endings and no blanks at the end of a line (what `digest` hashes)."""
    text = to_lf(content)
    # What vaultkit writes has no line ending in a blank: a few searches, not a pass over every line
    # (People.md at 50k notes is 15,000 lines, hashed at every save that writes it).
    if not _normalised(text, 0, len(text)):
        text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return text


def newline(text: str) -> str:
    """The line ending of the first line of `text` (LF when it has none)."""
    m = LINE_BREAK.search(text)
    return m.group() if m else "\n"


def is_owned(text: str) -> bool:
    """Does this text start with frontmatter saying `vaultkit: generated`?

    Any line ending and a leading BOM are accepted. Linear: the closing fence is found
    with `str.find`, then one anchored search runs over the frontmatter alone.
    """
    first = _FENCE.match(text, 1 if text.startswith(BOM) else 0)
    if first is None or first.end() == len(text) or text[first.end() - 1] not in "\r\n":
        return False
    at = first.end()
    while True:
        at = text.find("---", at)
        if at == -1:
            return False
        if text[at - 1] in "\r\n" and _FENCE.match(text, at):
            return _GENERATED.search(to_lf(text[first.end():at])) is not None
        at += 3


class _Lines:
    """Line numbers of increasing offsets, each counted from the previous one (CR, LF, CRLF)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.cr = "\r" in text

    def at(self, offset: int) -> int:
        t, pos = self.text, self.pos
        self.line += t.count("\n", pos, offset)
        if self.cr:
            self.line += t.count("\r", pos, offset) - t.count("\r\n", pos, offset)
        self.pos = offset
        return self.line


def line_of(text: str, offset: int) -> int:
    """The line `offset` of `text` is on (any line ending)."""
    return _Lines(text).at(offset)


def regions(text: str) -> list[Region]:
    """The regions of a text in order; raises `RegionError` when markers don't pair up."""
    found: list[Region] = []
    seen: set[str] = set()
    open_name: str | None = None
    open_at = open_start = 0
    for m in _markers(text):
        opened, closed = m.group(1), m.group(2)
        if opened is not None:
            if open_name is not None:
                raise RegionError(f"region '{opened}' begins inside region '{open_name}'", line_of(text, m.start()))
            if opened in seen:
                raise RegionError(f"region '{opened}' appears twice", line_of(text, m.start()))
            open_name, open_at, open_start = opened, m.end(), m.start()
        else:
            if open_name != closed:
                raise RegionError(f"'end {closed}' without a matching begin", line_of(text, m.start()))
            seen.add(closed)
            found.append(Region(closed, open_at, m.start(), m.start() + len(m.group().rstrip(" \t")),
                                m.group(3), open_start))
            open_name = None
    if open_name is not None:
        raise RegionError(f"region '{open_name}' is never closed", line_of(text, open_start))
    return found


def _markers(text: str) -> Iterator[re.Match[str]]:
    """The marker lines of a text. Generated notes run to megabytes: find the few candidate
    spots with `str.find` rather than trying the pattern at every line start. The name
    `query` is the user's query regions' (`vaultkit.reader.queryregions`): in a generated
    note they are text of the user's, not a region of the note."""
    at = text.find("<!-- vaultkit:")
    while at != -1:
        if at == 0 or text[at - 1] in "\r\n" or (at == 1 and text[0] == BOM):
            m = _MARKER.match(text, at)
            if m is not None and QUERY not in (m.group(1), m.group(2)):
                yield m
        at = text.find("<!-- vaultkit:", at + 1)


def edited(text: str) -> list[Region]:
    """The regions whose content no longer matches the hash on their end marker.

    A region without a hash was written before vaultkit put one there: it counts as
    vaultkit's (the next build adds the hash). Raises `RegionError` on broken markers.
    """
    return [r for r in regions(text) if r.digest is not None and r.digest != digest(text[r.start:r.end])]


def as_written(text: str) -> bool:
    """Is this a vaultkit note as vaultkit wrote it: owned, sound markers, every region's content
    matching its hash? Exactly when `merge(text, text)` raises nothing and `edited(text)` is
    empty, without their copies of the text (the hashes of regions just written are memoized)."""
    try:
        return is_owned(text) and not edited(text)
    except RegionError:
        return False


def seal(generated: str) -> str:
    """Freshly rendered text with the hash of each region on its end marker."""
    out: list[str] = []
    pos = 0
    for region in regions(generated):
        content = to_lf(generated[region.start:region.end])
        out += [generated[pos:region.start], content, end(region.name, digest(content))]
        pos = region.close
    out.append(generated[pos:])
    return "".join(out)


PIECE = 1 << 20  # characters hashed and encoded at a time (`sealed_bytes`)


def sealed_bytes(generated: str) -> tuple[list[bytes], bool]:
    """`seal(generated)` encoded in UTF-8, in pieces, and whether that text is `as_written`:
    without a copy of the whole text, or of a region's. Brag.md at 50k notes is 4.5 MB: its
    text, the sealed text, its bytes and the slices hashed were four or five copies at once,
    the peak of a cold build's memory. Raises as `seal` does, and as `str.encode` on a lone
    surrogate."""
    out: list[bytes] = []
    found = regions(generated)
    pos = 0
    for region in found:
        _encode(generated, pos, region.start, out)
        start, stop = region.start, region.end
        if _normalised(generated, start, stop):
            hashed = _digest_of(generated, start, stop)
            _encode(generated, start, stop, out)
        else:  # line endings or blanks to make LF or cut first: as `seal` does, on a copy
            content = to_lf(generated[start:stop])
            hashed = digest(content)
            _encode(content, 0, len(content), out)
        out.append(end(region.name, hashed).encode("utf-8"))
        pos = region.close
    _encode(generated, pos, len(generated), out)
    # Every region's hash is its content's: as written exactly when owned, which the frontmatter
    # says, before the first region (else, rarely, the whole text is asked).
    if is_owned(generated[:found[0].start] if found else generated):
        return out, True
    return out, bool(found) and as_written(seal(generated))


def _encode(text: str, start: int, stop: int, out: list[bytes]) -> None:
    """Add `text[start:stop]` encoded to `out`, `PIECE` characters at a time."""
    for at in range(start, stop, PIECE):
        out.append(text[at:min(at + PIECE, stop)].encode("utf-8"))


def _normalised(text: str, start: int, stop: int) -> bool:
    """Is `text[start:stop]` as `_normal` makes it (LF endings, no blank ending a line)?"""
    # A one-character search is a `memchr`; a two-character one a pass ~80 times slower (2.4 ms
    # over Brag.md's 3 MB at 50k notes, at each save that changes it): a text without a tab (every
    # built-in template's) needs no search for a tab ending a line.
    return stop <= start or (text.find("\r", start, stop) < 0 and text.find(" \n", start, stop) < 0
                             and (text.find("\t", start, stop) < 0 or text.find("\t\n", start, stop) < 0)
                             and text[stop - 1] not in " \t")


def _digest_of(text: str, start: int, stop: int) -> str:
    """`digest(text[start:stop])` of a span `_normalised` already, hashed `PIECE` characters at a time."""
    hashed = hashlib.sha256()
    for at in range(start, stop, PIECE):
        hashed.update(text[at:min(at + PIECE, stop)].encode("utf-8", "surrogatepass"))
    return hashed.hexdigest()[:HASH_LEN]


def merge(existing: str, generated: str, force: bool = False) -> str:
    """Put the regions of `generated` into `existing`, keeping every other byte of it.

    Regions the existing text lacks are appended at its end; regions it has that the new
    text lacks are left as they are. Each region is written in the line ending of the
    existing text's first line, with the hash of its content on the end marker. Raises
    `RegionError` when `existing` is not a vaultkit note or its markers are broken, and
    `RegionEdited` when a region's text was edited by hand, unless `force`.
    """
    if not is_owned(existing):
        raise RegionError("this file is not a vaultkit generated note (no `vaultkit: generated` frontmatter)", 1)
    old = regions(existing)
    new = {r.name: to_lf(generated[r.start:r.end]) for r in regions(generated)}
    nl = newline(existing)
    edits: list[tuple[Region, str, str]] = []
    out: list[str] = []
    pos = 0
    for region in old:
        fresh = new.pop(region.name, None)
        if fresh is None:
            continue  # not generated any more: left as it is, markers included
        fresh_digest = digest(fresh)
        content = existing[region.start:region.end]
        written = fresh.replace("\n", nl) if nl != "\n" else fresh
        if region.digest is not None and content != written and not force:
            mine = digest(content)  # only hashed when it differs from what would be written
            if mine != region.digest and mine != fresh_digest:
                edits.append((region, content, fresh))
        out += [existing[pos:region.start], written, end(region.name, fresh_digest)]
        pos = region.close
    if edits:
        lines = _Lines(existing)
        raise RegionEdited([_edit(region, lines.at(region.at), content, fresh) for region, content, fresh in edits])
    out.append(existing[pos:])
    merged = "".join(out)
    for name, fresh in new.items():
        sep = "" if merged.endswith(nl + nl) else (nl if merged.endswith(nl) else nl + nl)
        written = fresh.replace("\n", nl) if nl != "\n" else fresh
        merged += f"{sep}{begin(name)}{written}{end(name, digest(fresh))}{nl}"
    return merged


def _edit(region: Region, line: int, content: str, fresh: str) -> Edit:
    """What differs between a region's text and what the build would write there now.

    Without the text vaultkit last wrote (only its hash is kept), the lines to show are
    the region's lines that the build would not write now: the user's additions and
    changes, and rows whose source changed since. Linear: one set of each side's lines.
    """
    mine = to_lf(content).split("\n")[1:-1]  # the begin marker's line break … the end marker's line
    theirs = fresh.split("\n")[1:-1]
    want = {line.rstrip(" \t") for line in theirs}
    have = {line.rstrip(" \t") for line in mine}
    changed = [(line + 1 + i, text) for i, text in enumerate(mine) if text.rstrip(" \t") not in want]
    missing = sum(1 for text in theirs if text.rstrip(" \t") not in have)
    return Edit(region.name, line, tuple(changed[:SHOWN]), max(0, len(changed) - SHOWN), missing)
