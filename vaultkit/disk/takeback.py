"""What a build's parent plans without, and how a vault gets it back.

A cold build's parent plans with each note's facts as the built-in views read them: the notes
cache keeps each note's facts in three parts (`vaultkit.disk.cacheform.split`), and the parent
unpickles only what planning reads (and what a prep note reads, when there are prep notes to
plan). The rest (body links, headings, the items and text only a prep note shows) stays in the
notes cache file the build has just written: should anything walk every link after all (the
link diagnostics: the hints child, `vaultkit.disk.hintwork`, does it on the core that is idle
while the parent plans; `Vault.incomplete`), `TakeBack` reads it back from there, or reads a
note anew where the file no longer holds it as scanned.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO

from vaultkit.disk import cache, hintwork
from vaultkit.disk.cacheback import links_back, put_back
from vaultkit.disk.cacheform import HEADINGS
from vaultkit.disk.fs import Scanned, has_own_templates, open_private
from vaultkit.reader.config import Config
from vaultkit.reader.facts import PREP, REST, TEXT, Interner, compact
from vaultkit.reader.itemtext import Unread
from vaultkit.reader.model import Heading, Note
from vaultkit.reader.vault import Vault


def wanted_parts(root: str, config: Config, found: list[Scanned], attachments: list[str], use_cache: bool,
                 dry_run: bool) -> int:
    """The parts of each note's facts a build's parent reads (`facts.PREP`, `facts.REST`):
    all of them, unless a hints child will work out the link diagnostics meanwhile (a big
    enough vault, cores and fork to be had, the cache written: `hintwork.can_start`) and the
    vault has no plugin (a plugin's view may read anything). Without prep notes to plan, what
    only those read is left in the file too. Asked before loading, while a cold build's parse
    workers may be at work already (`earlyparse`): the threads of their pool, ended by the time
    the hints child forks, are not counted."""
    if (not use_cache or dry_run or config.plugins or not hintwork.can_start(len(found), alone=False)
            or has_own_templates(root)):
        return cache.ALL
    return PREP if has_preps(config, attachments) else 0


def has_preps(config: Config, attachments: Iterable[str]) -> bool:
    """Are there prep notes to plan (the generated notes in the prep folder)?"""
    from vaultkit.views.plan import PREP_FOLDER

    prefix = f"{config.output_dir.strip('/')}/{PREP_FOLDER}/"
    return any(p.startswith(prefix) and p.endswith(".md") and "/" not in p[len(prefix):] for p in attachments)


def owe(vault: Vault, root: str, stamp: str, found: list[Scanned], owed: Mapping[str, int]) -> None:
    """Let `vault` know that its notes were read without the parts `owed` says (by path), to take
    them back when something walks every link (`Vault.incomplete`). With query regions in its
    notes, at once: a build fills them, then reads those notes again whole."""
    if owed:
        back = vault.incomplete = TakeBack(vault, root, stamp, found, owed)
        if any(gone & TEXT for gone in owed.values()):
            vault.texts = back.texts
        if any(note.queries for note in vault.notes.values()):
            vault.incomplete()
            vault.incomplete = None


class TakeBack:
    """Puts back the parts of their facts that notes of a vault were read without (`Vault.incomplete`)."""

    def __init__(self, vault: Vault, root: str, stamp: str, found: list[Scanned], owed: Mapping[str, int]) -> None:
        """`owed`: the parts each note was read without, by path (`load.Loaded.owed`)."""
        self.vault, self.root, self.stamp, self.found = vault, root, stamp, found
        self.owed = {path: (vault.notes[path], parts) for path, parts in owed.items() if path in vault.notes}

    def __call__(self) -> None:
        """Put them back: from the notes cache file where it holds the note as scanned, else
        from the note read anew (the file changed or went meanwhile)."""
        # Read without the rest: without its links and its headings both.
        owed = {path: (note, parts | HEADINGS if parts & REST else parts)
                for path, (note, parts) in self._owed(cache.ALL).items()}
        scanned = {s.path: (s.size, s.mtime_ns) for s in self.found}
        fh = open_private(self.root, cache.FILE) if owed else None
        if fh is not None:
            with fh:
                from_file(fh, self.stamp, owed, scanned)
        for note, facts in self._anew(owed):
            whole(note, facts)

    def texts(self, paths: Collection[str]) -> dict[str, dict[int, str]]:
        """The texts of the list items of the notes at `paths`, by line (`Vault.texts`): where a
        note holds its contacts' stand-ins (`itemtext.Unread`), from the notes cache file, in one
        pass over its texts' parts, where it holds the note as scanned, else from the note read anew."""
        found: dict[str, dict[int, str]] = {}
        lines: dict[str, list[int]] = {}  # of the stand-ins, by path
        for path in paths:
            note = self.vault.notes.get(path)
            if note is not None:
                found[path] = {item[0]: item[1] for item in note.items if type(item[1]) is not Unread}
                unread = [item[0] for item in note.items if type(item[1]) is Unread]
                if unread:
                    lines[path] = unread
        fh = open_private(self.root, cache.FILE) if lines else None
        if fh is not None:
            scanned = {s.path: (s.size, s.mtime_ns) for s in self.found}
            with fh:
                for part in cache.parts_kept(fh, self.stamp, TEXT):
                    for path, size, mtime_ns, _, _, said in part:
                        at = lines.get(path)
                        if at is None or said is None or scanned.get(path) != (size, mtime_ns) or len(said) != len(at):
                            continue
                        found[path].update(zip(at, said, strict=True))
                        del lines[path]
                    if not lines:
                        break
        by_path = {s.path: s for s in self.found}
        for again in read_anew(self.root, [by_path[p] for p in lines if p in by_path], self.vault.config):
            found[again.path].update((item[0], item[1]) for item in again.items)
        return found

    def walk(self) -> Iterator[tuple[Note, Sequence[tuple[Any, ...]]]]:
        """Every note of the vault that has links, with them all, for a process that only walks
        them once and ends (`hintwork`, through `Vault.link_findings`): those it was read without
        are taken back a chunk of the notes cache file at a time, or read anew, and let go of
        once walked (never all of them at once: 200 MB at 50k long-items), while its headings
        are put back for good (a link into it, walked before or after, is checked last). Each
        note walked lets go of its items (what planning read of them), so that what the walk
        keeps takes their memory rather than more; those only a prep note reads are not taken
        back at all."""
        owed = self._owed(REST)
        for path, note in self.vault.notes.items():
            if note.links and path not in owed:
                yield note, note.links
                note.items = ()  # walked: the memory of its items (the most of a note's) serves what comes
        fh = open_private(self.root, cache.FILE) if owed else None
        if fh is not None:
            scanned = {s.path: (s.size, s.mtime_ns) for s in self.found}
            with fh:
                for part in cache.parts_kept(fh, self.stamp, REST):
                    headings: dict[int, Heading] = {}  # a chunk's: their plain forms live as long as `part`
                    for path, size, mtime_ns, _, rest, _ in part:
                        held = owed.get(path)
                        if held is None or scanned.get(path) != (size, mtime_ns) or rest is None:
                            continue
                        note = held[0]
                        try:
                            links = links_back(note, rest, headings)
                        except Exception:  # not of the shape written: read anew
                            continue
                        del owed[path]
                        if links:
                            yield note, links
                        note.items = ()
        for note, facts in self._anew(owed):
            note.headings, note.items = facts.headings, ()
            if facts.links:
                yield note, facts.links

    def _owed(self, want: int) -> dict[str, tuple[Note, int]]:
        """The notes still owed some part in `want` (and not replaced since), with those parts;
        after this, none is (they are being put back)."""
        notes = self.vault.notes
        owed = {path: (held[0], held[1] & want) for path, held in self.owed.items()
                if notes.get(path) is held[0] and held[1] & want}  # not replaced since
        self.owed = {}
        return owed

    def _anew(self, owed: dict[str, tuple[Note, int]]) -> Iterator[tuple[Note, Note]]:
        """The notes `owed` (those the notes cache file did not give back), each with its facts as
        read anew."""
        by_path = {s.path: s for s in self.found}
        for again in read_anew(self.root, [by_path[p] for p in owed if p in by_path], self.vault.config):
            yield owed[again.path][0], again


def from_file(fh: BinaryIO, stamp: str, owed: dict[str, tuple[Note, int]],
              stats: Mapping[str, tuple[int, int]]) -> None:
    """Put back what the notes cache file `fh` holds of the notes `owed` (path → the note, what it
    was read without: `cacheback.put_back`) at the (size, mtime_ns) in `stats`, a chunk at a time;
    each note put back is taken out of `owed` (those left are for `read_anew`)."""
    want = 0
    for _, gone in owed.values():
        want |= (gone & (PREP | TEXT)) | (REST if gone & (REST | HEADINGS) else 0)
    for part in cache.parts_kept(fh, stamp, want):
        headings: dict[int, Heading] = {}  # a chunk's: their plain forms live as long as `part`
        for path, size, mtime_ns, prep, rest, texts in part:
            held = owed.get(path)
            if held is None or stats.get(path) != (size, mtime_ns):
                continue
            try:
                if not put_back(held[0], held[1], prep, rest, headings, texts):
                    continue
            except Exception:  # not of the shape written: read anew
                continue
            del owed[path]


def read_anew(root: str, found: list[Scanned], config: Config) -> Iterator[Note]:
    """The notes of `found` read and parsed anew, each as its facts (`facts.compact`): for notes
    the notes cache file no longer holds as they were read."""
    if not found:
        return
    from vaultkit.disk.parsework import parse_scanned

    keep = Interner()
    for again in parse_scanned(root, found, config):
        yield compact(again, keep, config.daily.date_of(again.path) is not None)


def whole(note: Note, facts: Note) -> None:
    """Give `note` back what `facts.unplanned` may have taken from it, from `facts` of the same note."""
    note.links, note.headings, note.items, note.about = facts.links, facts.headings, facts.items, facts.about
