"""Link resolution by Obsidian's rules (SPEC §3): names, paths, aliases, headings, blocks.

Names compare casefolded and in Unicode NFC: a vault synced with a Mac holds file names in
NFD (`Tomás` as `a` + a combining accent), while links typed elsewhere are NFC; both spell
the same note. Each name is normalised once, when the index is built, and each distinct
link target once (`resolve` remembers its answers), never per comparison.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from vaultkit.model import Link, Note

_HEADING_NOISE = re.compile(r"[\s#|^:%\[\]*_`]+")


def name_key(text: str) -> str:
    """How names compare: casefolded, in NFC (the ASCII common case skips normalising)."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def heading_key(text: str) -> str:
    """Headings match ignoring case, spacing, Unicode normal form and the characters links
    cannot hold."""
    return name_key(_HEADING_NOISE.sub(" ", text).strip())


class Resolution(NamedTuple):
    """Where a link goes: `status` is "ok", "ambiguous" or "missing".

    `path` is the target note (or attachment) when ok; `candidates` lists every
    matching path when ambiguous.
    """

    status: str
    path: str | None = None
    candidates: tuple[str, ...] = ()


def _strip_md(name: str) -> str:
    return name[:-3] if name.lower().endswith(".md") else name


class LinkIndex:
    """Names, paths and aliases of every note and attachment, for resolving links."""

    def __init__(self, notes: Iterable[Note], attachments: Iterable[str] = ()) -> None:
        """Index notes and attachments by name, path and alias (every key made by `name_key`)."""
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_alias: dict[str, list[str]] = defaultdict(list)
        self.by_path: dict[str, str] = {}
        self.display: dict[str, str] = {}
        # Path keys by their last part: a `[[folder/name]]` that is no exact path looks only
        # at the paths ending in its name, never at every path of the vault.
        self._by_tail: dict[str, list[str]] = defaultdict(list)
        self._memo: dict[str, Resolution] = {}
        self._suggest: dict[str, list[str]] | None = None
        for note in notes:
            key = name_key(note.stem)
            self.by_name[key].append(note.path)
            self._add_path(name_key(_strip_md(note.path)), note.path)
            self.display[key] = note.stem
            for alias in {name_key(a) for a in note.aliases} | {name_key(note.title)} - {key}:
                self.by_alias[alias].append(note.path)
        for path in attachments:
            name = path.rsplit("/", 1)[-1]
            if name.lower().endswith(".md"):
                # A generated note: linkable by its name, but a user's note of the same name
                # wins (a prep note must not make every link to its event ambiguous).
                name, path_key = name[:-3], path[:-3]
                self._add_path(name_key(path_key), path)
                if name_key(name) not in self.by_name:
                    self.by_name[name_key(name)].append(path)
                continue
            self.by_name[name_key(name)].append(path)
            self._add_path(name_key(path), path)
        for paths in (*self.by_name.values(), *self.by_alias.values()):
            paths.sort()

    def _add_path(self, key: str, path: str) -> None:
        self.by_path[key] = path
        self._by_tail[key.rsplit("/", 1)[-1]].append(key)

    def resolve(self, target: str, source: str | None = None) -> Resolution:
        """Resolve a link target written in `source` (empty target: the source itself)."""
        if not target:
            return Resolution("ok", source) if source else Resolution("missing")
        # The same few names are linked thousands of times: remember each answer.
        known = self._memo.get(target)
        if known is None:
            known = self._memo[target] = self._resolve(target)
        return known

    def _resolve(self, target: str) -> Resolution:
        key = name_key(target.strip())
        if "/" in key:
            key = key.lstrip("/")
            exact = self.by_path.get(key) or self.by_path.get(_strip_md(key))
            if exact:
                return Resolution("ok", exact)
            suffix = "/" + _strip_md(key)
            tail = suffix.rsplit("/", 1)[-1]
            found = sorted({self.by_path[k] for k in self._by_tail.get(tail, ()) if k.endswith(suffix)})
            return self._pick(found)
        by_name = self.by_name.get(key) or self.by_name.get(_strip_md(key))
        if by_name:
            return self._pick(by_name)
        return self._pick(self.by_alias.get(key) or self.by_alias.get(_strip_md(key)) or [])

    @staticmethod
    def _pick(found: list[str]) -> Resolution:
        if not found:
            return Resolution("missing")
        if len(found) == 1:
            return Resolution("ok", found[0])
        return Resolution("ambiguous", None, tuple(found))

    def suggest(self, target: str, limit: int = 3) -> list[str]:
        """The closest existing note names to a missing target, best first."""
        key = name_key(_strip_md(target.rsplit("/", 1)[-1]))
        if not key:
            return []
        by_gram = self._suggestion_index()
        # difflib against every name is far too slow on a big vault: first keep the names
        # sharing the most letter triples with the target, then let difflib rank those.
        shared: dict[str, int] = defaultdict(int)
        for gram in _grams(key):
            names = by_gram.get(gram, ())
            if len(names) <= 500:  # a gram most names share tells nothing
                for name in names:
                    shared[name] += 1
        pool = sorted(shared, key=lambda n: (-shared[n], n))[:40]
        # A name that starts with what was typed ("ada" → "Ada Lovelace") beats a fuzzy match.
        prefixed = sorted(n for n in pool if n.startswith(key) or any(w.startswith(key) for w in n.split()))
        fuzzy = difflib.get_close_matches(key, pool, n=limit, cutoff=0.6)
        matches = list(dict.fromkeys(prefixed[:limit] + fuzzy))[:limit]
        return [self.display.get(m, m) for m in matches]

    def _suggestion_index(self) -> dict[str, list[str]]:
        if self._suggest is None:
            by_gram: dict[str, list[str]] = defaultdict(list)
            for name in sorted({*self.display, *self.by_alias}):
                for gram in _grams(name):
                    by_gram[gram].append(name)
            self._suggest = dict(by_gram)
        return self._suggest


def _grams(text: str) -> set[str]:
    """Letter triples of a name, its start marked (so the first letters weigh more)."""
    padded = "  " + text
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def check_anchor(link: Link, note: Note, headings: frozenset[str] | None = None) -> bool:
    """Does the heading or block a link names exist in the target note?

    `headings` is the note's set of `heading_key`s when the caller keeps it (checking many
    links into one long note then costs one set lookup each, not a pass over its headings).
    """
    if link.block is not None:
        return link.block in note.block_ids
    if link.heading is not None:
        if headings is None:
            headings = frozenset(heading_key(h.text) for h in note.headings)
        return heading_key(link.heading) in headings
    return True
