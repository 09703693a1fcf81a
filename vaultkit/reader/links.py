"""Link resolution by Obsidian's rules (SPEC §3): names, paths, aliases, headings, blocks.

Names compare casefolded and in Unicode NFC: a vault synced with a Mac holds file names in
NFD (`Tomás` as `a` + a combining accent), while links typed elsewhere are NFC; both spell
the same note. Each name is normalised once, when the index is built, and each distinct
link target once (`resolve` remembers its answers), never per comparison.

Several notes may share a name. Obsidian does not fail then, it picks (observed on 1.13,
SPEC §8), and so does vaultkit: the note at the exact vault path, else the one in the
linking note's own folder (an ancestor folder counts for nothing), else the shortest path
string; where two paths are as short, vaultkit takes the first in code-point order (no
Obsidian rule is known for that tie, so `Resolution.how` says "tie" and the vault flags it).
A pick depends on the linking note's folder only when a name has several notes: answers
are remembered by target alone when one note has the name, by (target, folder) otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from vaultkit.reader.hints import Hints
from vaultkit.reader.model import Heading, Link, Note

# Obsidian matches a heading link after dropping punctuation on both sides (`What? Now & then:
# a/b (c).` is reached by `[[Note#What Now then a b c]]` as by the heading copied whole): every
# character that is neither a letter nor a digit separates words, and only words compare.
_HEADING_NOISE = re.compile(r"[\W_]+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # not part of a heading's text: `# Plan <!-- todo -->`
HINTS = 3  # names a missing link's "did you mean" offers


def name_key(text: str) -> str:
    """How names compare: casefolded, in NFC (the ASCII common case skips normalising)."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


@lru_cache(maxsize=1 << 14)  # a vault's notes repeat their templates' headings: `Interactions`, `Notes`…
def heading_key(text: str) -> str:
    """Headings match ignoring case, spacing, punctuation, comments and Unicode normal form."""
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    return _HEADING_NOISE.sub(" ", name_key(text)).strip()


class Resolution(NamedTuple):
    """Where a link goes: `status` is "ok" or "missing".

    `path` is the target note (or attachment) when ok. When several notes answer to the
    name, `candidates` lists them all (the pick among them) and `how` says how the pick was
    made: "exact" (the vault path), "folder" (the linking note's folder), "shortest",
    "tie" (as short as another: code-point order decided), "alias" (only aliases matched).
    """

    status: str
    path: str | None = None
    candidates: tuple[str, ...] = ()
    how: str = ""

    @property
    def others(self) -> tuple[str, ...]:
        """The candidates that were not picked."""
        return tuple(c for c in self.candidates if c != self.path)


_MISSING = Resolution("missing")


def strip_md(name: str) -> str:
    """A name or path without its `.md` (any case)."""
    return name[:-3] if name.lower().endswith(".md") else name


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _join(folder: str, relative: str) -> str | None:
    """`relative` (`./x`, `../y/z`) read from `folder`; None when it climbs out of the vault."""
    parts = folder.split("/") if folder else []
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


class Names(NamedTuple):
    """What a `LinkIndex` makes of the paths of its notes and of the attachments, the notes
    themselves unread (`names_of`): made ahead of them (a cold build, while its parse workers
    parse them), and taken by the index of notes of exactly those paths, in that order."""

    paths: list[str]  # the notes' paths, in the index's order (a vault's: `sort_key`)
    keys: list[str]  # the name key of each
    attachments: tuple[str, ...]
    by_name: dict[str, tuple[str, ...]]
    by_path: dict[str, str]
    tails: dict[str, tuple[str, ...]]


def names_of(paths: Sequence[str], attachments: Iterable[str] = ()) -> Names:
    """A `LinkIndex`'s names of notes at `paths` (in the index's order) and of `attachments`."""
    # Each name's (or tail's) paths a tuple once made: a list, grown by appends, is 88 bytes for
    # one path where a tuple is 48 (~4.5 MB at 50k notes, in a build and watching).
    by_name: defaultdict[str, list[str]] = defaultdict(list)
    by_path: dict[str, str] = {}
    # Path keys by their last part: a `[[folder/name]]` that is no exact path looks only
    # at the paths ending in its name, never at every path of the vault.
    tails: defaultdict[str, list[str]] = defaultdict(list)
    keys: list[str] = []
    for path in paths:
        # `Note.stem`, `strip_md` and `_add_path` written out: this loop runs once a note, and
        # each call costs as much as the work it does (a third of a 50k vault's `Vault`).
        name = path.rsplit("/", 1)[-1]
        stem = name[:-3] if name.lower().endswith(".md") else name
        key = stem.casefold() if stem.isascii() else name_key(stem)
        keys.append(key)
        by_name[key].append(path)
        path_key = path[:-3] if path.lower().endswith(".md") else path
        path_key = path_key.casefold() if path_key.isascii() else name_key(path_key)
        by_path[path_key] = path
        tail = path_key.rsplit("/", 1)[-1]
        # (a note's path ends in its name: one string for both, not one each, 3 MB at 50k)
        tails[key if tail == key else tail].append(path_key)
    attachments = tuple(attachments)
    for path in attachments:
        name = path.rsplit("/", 1)[-1]
        if name.lower().endswith(".md"):
            # A generated note: linkable by its name, but a user's note of the same name
            # wins (a prep note must not make every link to its event ambiguous).
            name, path_key = name[:-3], path[:-3]
            _add_path(by_path, tails, name_key(path_key), path)
            if name_key(name) not in by_name:
                by_name[name_key(name)].append(path)
            continue
        by_name[name_key(name)].append(path)
        _add_path(by_path, tails, name_key(path), path)
    # One path a name, nearly always: a tuple of it, not one sorted first.
    return Names(list(paths), keys, attachments,
                 {key: tuple(found) if len(found) == 1 else tuple(sorted(found)) for key, found in by_name.items()},
                 by_path, {key: tuple(found) for key, found in tails.items()})


def _add_path(by_path: dict[str, str], tails: defaultdict[str, list[str]], key: str, path: str) -> None:
    """Index `path` by its path key (and the key by its last part, in `tails`)."""
    by_path[key] = path
    tails[key.rsplit("/", 1)[-1]].append(key)


class LinkIndex:
    """Names, paths and aliases of every note and attachment, for resolving links."""

    def __init__(self, notes: Iterable[Note], attachments: Iterable[str] = (), names: Names | None = None) -> None:
        """Index notes and attachments by name, path and alias (every key made by `name_key`);
        `names`: those of their paths and of the attachments, made already (`names_of`: taken
        where they are of these very paths and attachments, in this order, else made here)."""
        notes = list(notes)
        attachments = tuple(attachments)
        if names is None or names.attachments != attachments or names.paths != [note.path for note in notes]:
            names = names_of([note.path for note in notes], attachments)
        self.by_name: dict[str, tuple[str, ...]] = names.by_name
        self.by_path: dict[str, str] = names.by_path
        self._by_tail: dict[str, tuple[str, ...]] = names.tails
        self.display: dict[str, str] = {}
        self._memo: dict[str, Resolution] = {}  # answers that hold from any folder
        self._memo_in: dict[tuple[str, str | None], Resolution] = {}  # answers that depend on it
        self._suggest: Hints | None = None
        self._suggested: dict[str, list[str]] = {}  # worked out elsewhere (`take_hints`): target → names
        self._picks: dict[str, tuple[dict[str, str], Resolution]] = {}  # see `_pick`
        # Each alias's paths a tuple once made (as `names_of`'s).
        by_alias: defaultdict[str, list[str]] = defaultdict(list)
        display = self.display
        for note, key in zip(notes, names.keys, strict=True):
            path = note.path
            name = path.rsplit("/", 1)[-1]
            stem = name[:-3] if name.lower().endswith(".md") else name
            title = note.title
            display[key] = title if title == stem else stem  # (one string, not two: most notes' title is their name)
            title = title.casefold() if title.isascii() else name_key(title)
            if note.aliases:
                for alias in {name_key(a) for a in note.aliases} | {title} - {key}:
                    by_alias[alias].append(path)
            elif title != key:  # (most notes: no alias, and a title that is their name)
                by_alias[title].append(path)
        self.by_alias: dict[str, tuple[str, ...]] = {key: tuple(paths) if len(paths) == 1 else tuple(sorted(paths))
                                                     for key, paths in by_alias.items()}

    def resolve(self, target: str, source: str | None = None) -> Resolution:
        """Resolve a link target written in the note `source` (empty target: `source` itself).

        Without a `source` (a name typed on the command line) no folder is the linking one.
        """
        if not target:
            return Resolution("ok", source) if source else _MISSING
        # The same few names are linked thousands of times: remember each answer, by target
        # alone unless it depends on the linking note's folder.
        known = self._memo.get(target)
        if known is not None:
            return known
        folder = _folder(source) if source is not None else None
        known = self._memo_in.get((target, folder))
        if known is None:
            known, anywhere = self._resolve(target, folder)
            if anywhere:
                self._memo[target] = known
            else:
                self._memo_in[(target, folder)] = known
        return known

    def resolve_all(self, links: Sequence[Link], source: str) -> list[Resolution]:
        """Where each of the links written in the note `source` goes, in order: `resolve` for
        each, its remembered answers looked up here (a vault has ~10⁵ links and ~10⁴ distinct
        targets: most links cost a dict look-up or two, not a call)."""
        memo, memo_in, folder = self._memo, self._memo_in, _folder(source)
        # A Resolution is a non-empty tuple: `or` falls through only where nothing is remembered.
        return [memo.get(link[0]) or memo_in.get((link[0], folder)) or self.resolve(link[0], source)
                for link in links]

    def quiet(self, target: str, source: str) -> bool:
        """Does a link to `target` (written in the note `source`) go to at most one note or
        attachment, with no pick among several, whichever folder it is written in: a link to it
        warns of nothing but its heading or block (`vaultkit.reader.linkwalk`)?"""
        res = self.resolve(target, source)
        # Remembered by target alone: the answer holds from any folder (`resolve`).
        return res.status == "ok" and len(res.candidates) < 2 and self._memo.get(target) is res

    def _exact(self, key: str) -> str | None:
        return self.by_path.get(key) or self.by_path.get(strip_md(key))

    def _resolve(self, target: str, folder: str | None) -> tuple[Resolution, bool]:
        """The answer, and whether it holds whatever the linking note's folder."""
        key = name_key(target.strip())
        if key.startswith(("./", "../")) or key in (".", ".."):
            # Read from the linking note's folder, and only there: Obsidian leaves `./x`
            # unresolved even when a note `x` exists elsewhere.
            joined = _join(name_key(folder), key) if folder is not None else None
            hit = self._exact(joined) if joined else None
            return (Resolution("ok", hit) if hit else _MISSING), False
        if "/" in key:
            key = key.lstrip("/")
            exact = self._exact(key)
            if exact:
                return Resolution("ok", exact), True
            # A path from the linking note's folder (Obsidian's "relative path" link format
            # writes `sub/Note` without `./`), else any path ending in the one written.
            joined = _join(name_key(folder), key) if folder else None
            here = self._exact(joined) if joined else None
            if here:
                return Resolution("ok", here), False
            suffix = "/" + strip_md(key)
            tail = suffix.rsplit("/", 1)[-1]
            ending = sorted({self.by_path[k] for k in self._by_tail.get(tail, ()) if k.endswith(suffix)})
            return self._pick(ending, folder), False
        named = self.by_name.get(key) or self.by_name.get(strip_md(key))
        if named:
            exact = self._exact(key)  # a note at the vault's root is at the exact path
            if exact and len(named) > 1:
                return Resolution("ok", exact, tuple(named), "exact"), True
            return self._pick(named, folder, "n" + key), len(named) == 1
        aliased = self.by_alias.get(key) or self.by_alias.get(strip_md(key)) or ()
        res = self._pick(aliased, folder, "a" + key)
        if len(aliased) > 1:
            res = res._replace(how="alias")
        return res, len(aliased) <= 1

    def _pick(self, found: Sequence[str], folder: str | None, name: str | None = None) -> Resolution:
        """Obsidian's pick among the notes that answer to a name (`found` in code-point order).

        For a name (`name`: its key), what the pick needs is worked out once, not once per
        linking folder: a name shared by a note in each of a thousand folders, linked from
        each, costs a lookup per folder, not a pass over the thousand.
        """
        if not found:
            return _MISSING
        if len(found) == 1:
            return Resolution("ok", found[0])
        known = self._picks.get(name) if name is not None else None
        if known is None:
            by_folder: dict[str, str] = {}
            for path in reversed(found):  # the first in code-point order stays
                by_folder[name_key(_folder(path))] = path
            shortest = min(len(p) for p in found)
            ties = [p for p in found if len(p) == shortest]
            known = (by_folder, Resolution("ok", ties[0], tuple(found), "tie" if len(ties) > 1 else "shortest"))
            if name is not None:
                self._picks[name] = known
        by_folder, general = known
        here = by_folder.get(name_key(folder)) if folder is not None else None
        return Resolution("ok", here, general.candidates, "folder") if here else general

    def suggest(self, target: str, limit: int = HINTS) -> list[str]:
        """The closest existing note names to a missing target, best first (see `vaultkit.reader.hints`)."""
        if limit == HINTS and target in self._suggested:
            return list(self._suggested[target])
        key = name_key(strip_md(target.rsplit("/", 1)[-1]))
        if not key:
            return []
        if self._suggest is None:  # built on the first missing link, for all the others
            self._suggest = Hints({*self.display, *self.by_alias})
        # An alias is offered as the note that has it: Obsidian resolves a link by name only.
        shown = (self.display.get(m) or self._named_by_alias(m) for m in dict.fromkeys(self._suggest.close(key, limit)))
        return list(dict.fromkeys(shown))[:limit]

    def forget_names(self) -> None:
        """Let go of the names indexed for `suggest` (indexed again when a search needs them): a
        process that searched a few targets, and takes the others' hints (`take_hints`), needs
        their memory for what comes next (`vaultkit.disk.hintwork`)."""
        self._suggest = None

    def take_hints(self, found: dict[str, list[str]]) -> None:
        """Take `suggest(target)` for these targets as worked out already (by another process
        holding the same index: `vaultkit.disk.hintwork`), so that `suggest` looks them up."""
        self._suggested.update(found)

    def _named_by_alias(self, key: str) -> str:
        paths = self.by_alias.get(key)
        if not paths:
            return key
        return strip_md(paths[0].rsplit("/", 1)[-1])


class Headings:
    """A note's headings as links reach them: each `heading_key`, where it stands, and where
    its section ends, so that a link (or a heading path `h1#h2`) costs a lookup, never a pass
    over a long note's headings."""

    def __init__(self, headings: Sequence[Heading]) -> None:
        """Index the headings of one note (in document order)."""
        self.at: dict[str, list[int]] = defaultdict(list)  # key → positions, in order
        self.ends: list[int] = [len(headings)] * len(headings)  # a section ends at the next
        open_: list[int] = []  # heading of its level or above
        for i, heading in enumerate(headings):
            while open_ and headings[open_[-1]].level >= heading.level:
                self.ends[open_.pop()] = i
            open_.append(i)
            self.at[heading_key(heading.text)].append(i)

    def has(self, parts: Sequence[str]) -> bool:
        """Is there a heading path of these `heading_key`s: each part a heading inside the
        section of the one before it (help.obsidian.md/links: chain subheadings with `#`)?
        Each part takes its first heading there, as a reader scanning down the note would."""
        start, end = 0, len(self.ends)
        for part in parts:
            positions = self.at.get(part)
            if not positions:
                return False
            j = bisect_left(positions, start)
            if j == len(positions) or positions[j] >= end:
                return False
            start, end = positions[j] + 1, self.ends[positions[j]]
        return True


def check_anchor(link: Link, note: Note, headings: Headings | None = None) -> bool:
    """Does the heading (or heading path `h1#h2`) or block a link names exist in the target note?

    `headings` is the note's `Headings` when the caller keeps it (checking many links into one
    long note then costs a lookup each, not a pass over its headings).
    """
    if link.block is not None:
        return link.block in note.block_ids
    if link.heading is None:
        return True
    if headings is None:
        headings = Headings(note.headings)
    return headings.has([heading_key(p) for p in link.heading.split("#")])
