"""A vault kept in memory between changes: what `vaultkit watch` updates incrementally.

Only the files that changed are read again; a file that vanished is dropped, a folder
that appeared or vanished is rescanned. A note holding git conflict markers is read as
`build` reads it (the lines of each conflict block count for nothing), whenever the watcher
started: generated notes depend on the files alone, never on what the watcher saw before.
Then the generated notes the changes can affect are planned again (`live.LivePlan`; a full
plan when names, kinds or the set of notes changed) and the ones whose bytes change are
written through the safe writer.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vaultkit.disk import cache, cachefiles, fs, lifetime
from vaultkit.disk.build import REFUSED, BuildReport, add_report, write_planned
from vaultkit.disk.load import parse_changed, settle_heap
from vaultkit.disk.parsework import daily_notes
from vaultkit.disk.record import VaultScan, record_if_current, resolve_today
from vaultkit.disk.takeback import has_preps
from vaultkit.live import held
from vaultkit.live.startread import CacheRead, read_cache
from vaultkit.live.warned import Warned, same
from vaultkit.reader import dailynotes, obsidian
from vaultkit.reader.config import CONFIG_NAME, Config, invalid
from vaultkit.reader.matcher import rules
from vaultkit.reader.model import Diagnostic, Note, Severity
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

if TYPE_CHECKING:
    from vaultkit.live.replan import LivePlan
    from vaultkit.reader.vault import Vault
    from vaultkit.views.common import Facts


# Generated notes written at once after a save: each write waits for the disk twice (file, folder),
# most of a delete's or rename's latency at 10k notes (~5 ms a note on a busy disk, 4-6 notes a save).
WRITERS = 4
_OWN = (".vaultkit/templates", ".vaultkit/views")  # the vault's templates and views: a change reloads
_OWN_PREFIXES = tuple(f"{folder}/" for folder in _OWN)


@dataclass(slots=True)
class Update:
    """What one batch of changed paths did to the in-memory vault."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicted: list[tuple[str, int]] = field(default_factory=list)  # (note, line of its first conflict)
    reloaded: bool = False
    rescan: bool = False  # a path the scan warns of may have changed: `Session.rescan_warnings`

    @property
    def any(self) -> bool:
        """Did anything that feeds the generated notes change?"""
        return bool(self.changed or self.removed or self.reloaded)


def _reads_changed(text: str, topics: dict[str, set[str]]) -> bool:
    """Does the query `text` read a field that changed in a note of its kind? (Its rows show
    each note's link, so `title` and `path` count as read.)"""
    from vaultkit.reader.querylang import Query, parse

    query = parse(text)
    if not isinstance(query, Query) or query.kind not in topics:
        return False
    reads = {name for name, _ in query.fields()} | set(query.shown()) | {"title", "path"}
    return not reads.isdisjoint(topics[query.kind])


def _dismantle(vault: Vault | None, facts: Facts) -> None:
    """Free a plan let go of now. Its derived facts and the views they keep hold each other (and
    the vault's cached indexes) in cycles, and `settle_heap` froze them out of the cycle
    collector's sight: left so, every plan a watcher let go of (each new day, each change of
    names that plans everything) would stay in memory for good, ~20 MB a time at 10k notes.
    Emptied, they are freed by reference counting, at once. Nothing reads them afterwards."""
    vars(facts).clear()
    if vault is not None:
        vars(vault).clear()  # its notes are the session's: only the vault's own indexes go


class Unsettled(Exception):
    """A file read for a rebuild changed again before anything was written (`Session.rebuild`)."""


class Session:
    """The vault at `root`, loaded once and then updated path by path."""

    def __init__(self, root: str, today: dt.date | None = None) -> None:
        self.root = os.path.realpath(root)
        self.fixed_today = today
        self.notes: dict[str, tuple[int, int, Note]] = {}
        self.attachments: set[str] = set()
        self.scan_diags: list[Diagnostic] = []
        self._warned = Warned()  # `scan_said`'s look-ups
        self.leftovers: list[str] = []  # temp files of interrupted writes the scan met, for the watcher to remove
        self.config = Config()
        self.cfg_text = ""
        self.cfg_diags: list[Diagnostic] = []
        self.renderer = Renderer(self.root)
        self.live: LivePlan | None = None  # None: the next rebuild plans everything
        self.dirty: set[str] = set()  # note paths changed since the last successful rebuild
        self.refused = False  # the last rebuild left a generated note alone (see generated.refusal)
        self.refused_paths: set[str] = set()  # those notes: a save of one plans everything again
        # The notes that let go of what planning does not read (`live.held`), with what they let go of.
        self.owed: dict[str, int] = {}
        self.preps_owed = False  # some let go of what only a prep note reads (there was none to plan)
        # The link targets of the notes held without the links planning does not read (`held.LINKS`).
        self.link_targets: dict[str, tuple[Note, tuple[str, ...]]] = {}

    # --- loading ------------------------------------------------------------------

    def load(self, scanned: VaultScan | None = None, read: CacheRead | None = None) -> None:
        """Read the whole vault (taking unchanged notes from the cache); `scanned`: its config
        and scan, when the caller has just made them (`record.current_scan`); `read`: the notes
        cache, when the caller has read it already (`read_cache`: taken where it was read for
        this config, with the prep notes this scan found)."""
        if scanned is None:
            self.config, self.cfg_diags, self.cfg_text = fs.read_config_text(self.root)
            self.leftovers = []
            found, attachments, self.scan_diags = fs.scan(self.root, self.config, leftovers=self.leftovers)
        else:
            self.config, self.cfg_diags, self.cfg_text, found, attachments, self.scan_diags, self.leftovers = scanned
        self.renderer = Renderer(self.root, views_of(self.config).folders)
        self.attachments = set(attachments)
        preps = has_preps(self.config, self.attachments)
        if read is None or read.cfg_text != self.cfg_text or read.preps != preps:
            read = read_cache(self.root, self.config, self.cfg_text, preps)
        cached, targets = read.cached, read.targets
        read.cached = read.targets = None  # (the caller's: freed with `cached` below, not kept by it)
        parsed = {n.path: n for n in parse_changed(self.root, found, self.config, cached)}
        self.notes = {s.path: (s.size, s.mtime_ns, parsed[s.path]) for s in found if s.path in parsed}
        self.link_targets = {}
        self.owed = self._owed(cached, targets or {}) if cached is not None else {}
        del cached, targets
        if self.owed and not held.can_lighten(self.root, self.config, (n for _, _, n in self.notes.values())):
            self.take_back()  # query regions: their notes are read whole
        self.preps_owed = any(gone & held.PREP for gone in self.owed.values())
        self._let_go()
        settle_heap()
        lifetime.give_back()  # what loading freed: the watcher's memory for hours

    def _owed(self, cached: cache.CacheData, targets: dict[str, tuple[str, ...]]) -> dict[str, int]:
        """What each note taken unchanged from the notes cache was read without (`held.PREP`,
        `held.LINKS`, `held.HEADINGS`), by path; `targets`: the targets of the links of those
        read without their links, kept in `link_targets`."""
        notes = self.notes
        owed = {}
        for path, gone in cached.owed.items():
            held_ = notes.get(path)
            note = cached.notes[path][2]
            if held_ is not None and held_[2] is note:
                owed[path] = gone
                if gone & held.LINKS:
                    self.link_targets[path] = (note, targets[path])
        return owed

    def take_back(self) -> None:
        """Give the notes back what they let go of (`held.take_back`): before anything reads it."""
        if self.owed:
            held.take_back(self.root, cache.stamp(self.cfg_text), self.notes, self.owed, self.config)
            self.link_targets.clear()  # every note holds its links again
            if self.live is not None:  # (when called by the vault itself, `Vault._complete` does the same)
                self.live.vault.incomplete = None
                self.live.vault._headings.clear()

    def _let_go(self) -> None:
        """Drop the incremental plan: the next rebuild plans everything (`_dismantle`)."""
        if self.live is not None:
            _dismantle(self.live.vault, self.live.facts)
            self.live = None

    def scan_said(self, rel: str) -> bool:
        """Did the scan warn of `rel`, of something in it, or of a folder holding it (`warned`)?"""
        return self._warned.said(self.scan_diags, rel)

    def rescan_warnings(self, diags: list[Diagnostic] | None = None) -> bool:
        """Take what a scan says now (`diags`, else one made here) for the scan's warnings (`warned`):
        True when they changed, and the next rebuild plans everything (its vault holds them)."""
        if diags is None:
            diags = fs.scan(self.root, self.config)[2]
        if same(diags, self.scan_diags):
            return False
        self.scan_diags = diags
        self._let_go()
        return True

    def errors(self) -> list[Diagnostic]:
        """The vault's errors, sorted, as `Vault.problems(warnings=False)` finds them (the
        config's, the scan's and each note's own), without building a `Vault`."""
        every = {*self.cfg_diags, *self.scan_diags, *(d for _, _, n in self.notes.values() for d in n.diagnostics)}
        return sorted((d for d in every if d.severity is Severity.ERROR), key=Diagnostic.sort_key)

    def save_cache(self, closing: bool = False) -> None:
        """Store parsed notes so the next start is fast, and, when the generated notes are
        current with the disk, the build record that lets the next `build` or `watch` skip
        the work. A failure only costs speed. `closing`: the watcher stops, nothing is planned
        again; what only planning reads is let go first (the record works out every link's
        diagnostics, and the watcher's peak memory was reached there)."""
        if not os.path.isdir(self.root):
            return  # the vault is gone: writing the cache would create its folder again
        if closing and self.live is not None:
            facts = self.live.facts
            self.live.release()
            _dismantle(None, facts)  # its memory is the writing's
        self.take_back()  # the cache holds whole notes, and the record reads every link's target's headings
        try:
            data = cache.CacheData(cache.stamp(self.cfg_text), self.notes)
            sink = cachefiles.CacheFile(self.root, data.stamp)  # as a build writes it: chunk by chunk, never whole
            for blob in cache.chunks(data, time.time_ns(), daily_notes(self.config)):
                sink.add(blob)
            if not sink.commit():
                return  # no notes cache: no record either (the next start reads the notes)
            if self.live is not None and not self.dirty and not self.refused:
                vault = self.live.vault
                record_if_current(self.root, self.config, self.cfg_text, self.live.today, self.notes,
                                  self.attachments, self.live.outputs, lambda: vault.problems(scan=False))
        except OSError:
            pass

    # --- changes --------------------------------------------------------------------

    def update(self, paths: set[str]) -> Update:
        """Apply changed vault-relative paths: re-read, drop or rescan what they name."""
        result = Update()
        settings = CONFIG_NAME in paths or dailynotes.SETTINGS_FILE in paths or self._settings_changed(paths)
        if settings or any(p in _OWN or p.startswith(_OWN_PREFIXES) for p in paths):
            self.load()
            result.reloaded = True
            return result
        for rel in sorted(paths):
            if rel and self.scan_said(rel):
                result.rescan = True  # its problem may be fixed
            if not rel or not fs.relevant(rel, self.config):
                continue
            full = os.path.join(self.root, *rel.split("/"))
            try:
                st: os.stat_result | None = os.lstat(full)
            except OSError:
                st = None
            if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
                result.rescan = True  # a symlink, a FIFO…: the scan warns of it
            if st is not None and stat.S_ISDIR(st.st_mode):
                self._rescan_folder(rel, result)
            elif st is None or not stat.S_ISREG(st.st_mode):
                self._drop(rel, result)
            elif not rel.lower().endswith(".md") or rules(self.config).linkable_only(rel):
                self.attachments.add(rel)  # a new attachment, template or generated note: linkable
                if rel in self.refused_paths:  # the user fixed (or not) a note left alone: try it again
                    self._let_go()
                    result.changed.append(rel)
            else:
                self._read(rel, st.st_size, st.st_mtime_ns, result)
        return result

    def _settings_changed(self, paths: set[str]) -> bool:
        """Did a save of Obsidian's settings change what vaultkit takes from them? (Obsidian
        rewrites app.json for every setting; most of them are nothing to vaultkit.)"""
        if not any(p in obsidian.SETTINGS_FILES for p in paths):
            return False
        config, diags, _ = fs.read_config_text(self.root)
        return config != self.config or diags != self.cfg_diags

    def _read(self, rel: str, size: int, mtime_ns: int, result: Update) -> None:
        from vaultkit.reader.parse import MAX_NOTE_BYTES, parse_note, too_large  # loaded once there is reading to do

        known = self.notes.get(rel)
        if known is not None and known[0] == size and known[1] == mtime_ns:
            return
        if size > MAX_NOTE_BYTES:
            note = too_large(rel, size)
        else:
            data = fs.read_note(self.root, rel)
            if data is None:
                self._drop(rel, result)
                return
            note = parse_note(rel, data, self.config)
        result.conflicted.extend((rel, d.line or 1) for d in note.diagnostics if d.code == "conflict-markers")
        if rel in self.attachments:  # a note the start could not read (`fs.scan`), readable now: a note only
            self.attachments.discard(rel)
            self.scan_diags = [d for d in self.scan_diags if d.path != rel or d.code != "unreadable-note"]
        self.notes[rel] = (size, mtime_ns, note)
        self.owed.pop(rel, None)
        self.dirty.add(rel)
        result.changed.append(rel)

    def _drop(self, rel: str, result: Update) -> None:
        prefix = rel + "/"
        # A note or an attachment gone is that path alone (a folder cannot share its name):
        # only a folder's paths are looked for among every path of the vault.
        file = rel in self.notes or rel in self.attachments
        for path in [rel] if rel in self.notes else [] if file else [p for p in self.notes if p.startswith(prefix)]:
            del self.notes[path]
            self.owed.pop(path, None)
            self.dirty.add(path)
            result.removed.append(path)
        for path in [rel] if rel in self.attachments else [] if file else [p for p in self.attachments
                                                                           if p.startswith(prefix)]:
            self.attachments.discard(path)
            result.removed.append(path)

    def _rescan_folder(self, rel: str, result: Update) -> None:
        found, attachments, _ = fs.scan(self.root, self.config, under=rel)
        present = {s.path for s in found} | set(attachments)
        prefix = rel + "/"
        for path in [p for p in (*self.notes, *self.attachments) if p.startswith(prefix) and p not in present]:
            self._drop(path, result)
        self.attachments.update(attachments)
        for s in found:
            self._read(s.path, s.size, s.mtime_ns, result)

    # --- output ---------------------------------------------------------------------

    def _fill_queries(self, changes: dict[str, Note | None], full: bool, today: dt.date) -> BuildReport:
        """Fill the query regions a change can affect: every one after a full plan or a change
        of names, else those of the changed notes and those reading a field that changed in a
        note of their kind (`LivePlan.topics`)."""
        from vaultkit.disk.queries import write_queries

        live = self.live
        assert live is not None
        topics = None if full else live.topics
        only = set(live.queries)
        if topics is not None:
            notes = live.vault.notes
            only = {path for path in only
                    if path in changes or any(_reads_changed(q.query, topics) for q in notes[path].queries)}
        if not only:
            return BuildReport()
        return write_queries(self.root, live.vault, today, live.facts, only=only)

    def rebuild(self, settled: Callable[[], bool] | None = None, start: bool = False) -> BuildReport:
        """Plan the generated notes the changes since the last rebuild can affect, from memory,
        and write those whose bytes change. `settled` is asked once the plan is made, before
        anything is written (the watcher waits out a save in progress meanwhile, not before
        planning): False raises `Unsettled`, nothing written, and the next rebuild plans
        everything (the plan made here is thrown away, with what it consumed).

        `start`: the watcher's first plan, which it waits for before "ready". Made on both cores
        (`rowwork`), and its heap frozen without a collection first (`settle_heap`): the pass
        walks every object the plan made (~250 ms of a 50k vault's ~3.4 s to "ready") and found
        none to free (0 objects at 10k and 50k notes, plain and long items: planning's objects
        are freed by reference counting); a cycle some plugin's view left would stay, once, not
        at each full plan."""
        if not os.path.isdir(self.root):  # never recreate a vault folder that was removed
            raise FileNotFoundError(f"the vault folder {self.root} is gone")
        from vaultkit.live import rowwork  # the planner and its views: loaded once there is planning to do
        from vaultkit.live.replan import LivePlan
        from vaultkit.views.plan import collector_paused

        if invalid(self.cfg_diags):  # vaultkit.toml turned invalid: write nothing until it is fixed (its save reloads)
            self._let_go()
            return BuildReport(diagnostics=[d for d in self.cfg_diags if d.severity is Severity.ERROR],
                               config_refused=True)

        today = resolve_today(self.config, self.fixed_today)
        changes = {p: (self.notes[p][2] if p in self.notes else None) for p in self.dirty}
        if self.owed and (any(n is not None and n.queries for n in changes.values())
                          or (self.preps_owed and has_preps(self.config, self.attachments))):
            self.take_back()  # a query region's notes are read whole, and prep notes read what was let go of
        try:
            full = self.live is None or not self.live.can_apply(changes, self.attachments, today)
            if full:
                # The collector off from the vault's index to the heap settled: its one pass is
                # `settle_heap`'s. Turned on between planning and that (`plan` pauses it too), it
                # walked every object the plan made once more first (~180 ms of 2.8 s at 50k notes),
                # and ~380 young collections over the index as it was made (~50 ms); none found garbage.
                with collector_paused():
                    self._let_go()  # before the next is made: it is made in that memory, not beside it
                    self.live = LivePlan((n for _, _, n in self.notes.values()), self.config, self.attachments,
                                         self.cfg_diags + self.scan_diags, self.root, today, self.renderer,
                                         self.link_targets)
                    if self.owed:  # what walks every link (a plugin's view, `check`) takes back what they let go of
                        self.live.vault.incomplete = self.take_back
                    planned = rowwork.plan_all(self.live) if start else self.live.plan_all()
                    settle_heap(collect=not start)  # the planner's rows and caches live as long as the vault
            else:
                assert self.live is not None
                planned = self.live.apply(changes)
            if settled is not None and not settled():
                raise Unsettled  # (memory is ahead of the disk: `live` is dropped below)
            report = write_planned(self.root, planned, threads=WRITERS)
            filled = self._fill_queries(changes, full, today)
            # A refused note stays refused until a full plan finds it fine (an incremental
            # one may not plan it at all).
            self.refused = bool(report.diagnostics or filled.diagnostics) or (self.refused and not full)
            self.refused_paths = ({d.path for d in report.diagnostics if d.code in REFUSED}
                                  | (set() if full else self.refused_paths - {p.path for p in planned}))
        except BaseException:
            self._let_go()  # memory may be ahead of the disk: plan everything next time
            raise
        finally:  # the targets of notes replaced meanwhile: the link index has read them (`Linkers.remove`)
            for path in changes:
                got = self.link_targets.get(path)
                if got is not None and (path not in self.notes or self.notes[path][2] is not got[0]):
                    del self.link_targets[path]
        self.dirty.clear()
        for path in (*report.created, *report.updated, *report.unchanged):
            self.attachments.add(path)  # the generated notes (the user's notes with query regions are notes)
        add_report(report, filled)
        return report
