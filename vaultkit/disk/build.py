"""`vaultkit build`: plan every generated note and write the ones whose bytes change."""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
import time
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vaultkit.disk import cache, cachefiles, earlyparse, fs, hintwork, lifetime, obsidian, writer
from vaultkit.disk.generated import check_generated, refusal, stale_outputs, store_check, template_refusal
from vaultkit.disk.load import Progress, load_notes, settle_heap
from vaultkit.disk.record import inputs_key, last_if_current, resolve_today, save_record, settled
from vaultkit.disk.takeback import owe, wanted_parts
from vaultkit.reader.config import Config, invalid
from vaultkit.reader.links import Names, names_of
from vaultkit.reader.model import Diagnostic, Severity
from vaultkit.reader.vault import Vault, sort_key
from vaultkit.views.regions import (
    RegionError,
    as_written,
    merge,
    seal,
    sealed_bytes,
)
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

if TYPE_CHECKING:
    from vaultkit.views.plan import Planned

REFUSED = ("generated-refused", "region-edited")  # the codes of a generated note left alone
HELD = "output-collision"  # a generated note not written: a note of the user's has its name
QUERY_LEFT = ("query-edited", "query-refused")  # a user note's query regions not filled (`disk.queries`)


@dataclass(slots=True)
class BuildReport:
    """What a build did (or, in a dry run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    vault_errors: list[Diagnostic] = field(default_factory=list)  # of the vault's files, as `check` finds
    vault_warnings: int = 0
    config_refused: bool = False  # vaultkit.toml is invalid: nothing was read or written
    notices: list[Diagnostic] = field(default_factory=list)  # worth a word, never a failure (a stale note)
    obsidian: list[str] = field(default_factory=list)  # bases and .obsidian/types.json written (`disk.obsidian`)

    def summary(self) -> str:
        """One line: counts of created, updated and unchanged notes (and Obsidian's files written)."""
        text = f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        if self.obsidian:
            text += f", {len(self.obsidian)} Obsidian file{'s' if len(self.obsidian) != 1 else ''} written"
        refused = sum(d.code in REFUSED for d in self.diagnostics)
        if refused:
            text += f", {refused} refused"
        held = sum(d.code == HELD for d in self.diagnostics)
        if held:
            text += f", {held} not written (name taken)"
        return text


def new_text(existing: str | None, planned: Planned, force: bool = False) -> str:
    """The text a generated note should have, keeping the user's text around the regions;
    `force` overwrites text typed inside them."""
    if existing is not None:
        return merge(existing, planned.text, force)
    try:
        return seal(planned.text)
    except RegionError as exc:  # only a template of the user's can get its markers wrong
        raise RegionError(f"the template {planned.template} writes broken markers: {exc}", exc.line) from exc


def fresh_bytes(planned: Planned) -> tuple[list[bytes], bool]:
    """`new_text(None, planned)` encoded, in pieces, and whether it is `as_written`: a note not
    there yet, written without a whole copy of its text (`regions.sealed_bytes`)."""
    try:
        return sealed_bytes(planned.text)
    except RegionError as exc:  # only a template of the user's can get its markers wrong
        raise RegionError(f"the template {planned.template} writes broken markers: {exc}", exc.line) from exc


@dataclass(slots=True)
class _Write:
    """A planned note whose bytes change (`write_planned`), and how writing it went."""

    path: str
    created: bool
    size: int  # of its bytes
    as_written: bool  # (for `clean`: see `write_planned`)
    after: tuple[int, int] | OSError | None = None  # its (size, mtime) once written (for `clean`), or the error


def write_planned(root: str, notes: list[Planned], dry_run: bool = False,
                  force: Collection[str] = (), clean: dict[str, tuple[int, int]] | None = None,
                  threads: int = 1) -> BuildReport:
    """Write planned notes through the safe writer; refuse, with a diagnostic, where unsafe.

    A note whose regions hold hand-typed text is refused unless its path is in `force`.
    `clean`, when given, gets the notes written or found unchanged in which `check_generated`
    would find nothing (`as_written`: a region no view writes any more is left as the user left
    it), each with its (size, mtime) as written or read. `threads`: how many notes are written
    at once (each write waits for the disk for its file: `vaultkit watch`, where those waits are
    most of a save's latency, overlaps them); the report is the same either way. Each folder
    written to is made durable once, after the last write (`writer.sync_folders`).
    """
    report = BuildReport()
    outcomes: list[Diagnostic | _Write] = []  # of the notes not found unchanged, in order
    later: list[tuple[_Write, bytes | list[bytes]]] = []  # written together once all are planned (`threads`)
    folders: set[str] = set()  # of the notes written: each made durable once, after the last (`sync_folders`)

    def put(write: _Write, data: bytes | list[bytes]) -> None:
        try:
            writer.atomic_write(root, write.path, data, folders=folders)
        except OSError as exc:
            write.after = exc
            return
        if clean is not None:
            write.after = fs.stat_mtime(root, write.path)  # a save after the write changes it

    try:
        for note in notes:
            if note.held is not None:  # its name is a note of the user's: not written, whatever is there
                outcomes.append(note.held)
                continue
            if note.problem is not None:  # its template failed: the note stays as it is
                outcomes.append(template_refusal(note, "not regenerated"))
                continue
            existing: str | None = None
            before = fs.stat_mtime(root, note.path) if clean is not None and not dry_run else None
            fresh: tuple[list[bytes], bool] | None = None  # a new note's bytes, and whether `as_written`
            try:
                existing = writer.read_text(root, note.path)
                if existing is None and not dry_run:
                    fresh = fresh_bytes(note)
                else:
                    text = new_text(existing, note, note.path in force)
            except (RegionError, OSError, UnicodeDecodeError) as exc:
                outcomes.append(refusal(note.path, exc, existing, "not regenerated"))
                continue
            data: bytes | list[bytes]
            if fresh is not None:
                data, written = fresh
            else:
                if existing == text:
                    report.unchanged.append(note.path)
                    if before is not None and clean is not None and as_written(text):  # stat before the read
                        clean[note.path] = before
                    continue
                if dry_run:
                    report.diffs.append(writer.diff(note.path, existing, text))
                    outcomes.append(_Write(note.path, existing is None, 0, False))
                    continue
                data = text.encode("utf-8")
                written = clean is not None and as_written(text)
            write = _Write(note.path, existing is None, len(data) if isinstance(data, bytes) else sum(map(len, data)),
                           clean is not None and written)
            outcomes.append(write)
            if threads > 1:
                later.append((write, data))
            else:
                put(write, data)  # (one note's text in memory at a time)
        if len(later) > 1:
            with ThreadPoolExecutor(min(threads, len(later))) as pool:
                list(pool.map(lambda job: put(*job), later))
        elif later:
            put(*later[0])
    finally:  # (a build interrupted meanwhile too: the notes written so far)
        writer.sync_folders(folders)
    for outcome in outcomes:
        if not isinstance(outcome, _Write):
            report.diagnostics.append(outcome)
        elif isinstance(outcome.after, OSError):
            report.diagnostics.append(Diagnostic(outcome.path, None, Severity.ERROR, "generated-refused",
                                                 f"not written: {outcome.after}", "check the file and its folder"))
        else:
            (report.created if outcome.created else report.updated).append(outcome.path)
            if clean is not None and outcome.after is not None and outcome.after[0] == outcome.size \
                    and outcome.as_written:
                clean[outcome.path] = outcome.after
    return report


def build(root: str | os.PathLike[str], today: dt.date | None = None, dry_run: bool = False,
          use_cache: bool = True, progress: Progress | None = None, force: Collection[str] = ()) -> BuildReport:
    """Regenerate every generated note of the vault at `root`, writing only what changed.

    `force` names generated notes (vault-relative paths) whose regions are overwritten
    even where they hold text typed by hand; naming a note that is not generated fails.

    With the cache, notes unchanged since the last run are not parsed again, and when
    nothing the build reads has changed (files, config, templates, today) and the
    generated notes are as the last build left them, nothing is planned at all.
    """
    root = os.fspath(root)
    if not os.path.isdir(root):
        raise NotADirectoryError(f"not a folder: {root}")
    config, cfg_diags, cfg_text = fs.read_config_text(root)
    if invalid(cfg_diags):  # a config half understood writes nothing
        return BuildReport(diagnostics=cfg_diags, config_refused=True)
    # Before the scan, so that the scan sees the bases it writes (and the next build's does too).
    for_obsidian = obsidian.sync(root, config, cfg_text, dry_run)
    report = _build(root, config, cfg_diags, cfg_text, today, dry_run, use_cache, progress, force)
    report.obsidian = for_obsidian.written
    report.diffs += for_obsidian.diffs
    report.diagnostics += for_obsidian.diagnostics
    return report


def _build(root: str, config: Config, cfg_diags: list[Diagnostic], cfg_text: str, today: dt.date | None,
           dry_run: bool, use_cache: bool, progress: Progress | None, force: Collection[str]) -> BuildReport:
    """`build` of the generated notes, once the config is known to be valid."""
    day = resolve_today(config, today)
    leftovers: list[str] = []
    stamp = cache.stamp(cfg_text)
    now = time.time_ns()  # before the scan: a note saved while it walks is one too recent to trust
    # When every note will be parsed, the parse workers start as the scan finds the first notes.
    with earlyparse.early(root, config, now, earlyparse.wanted(root, use_cache, dry_run, bool(force))) as early:
        found, attachments, scan_diags = fs.scan(root, config, leftovers=leftovers,
                                                 each=early.add if early is not None else None)
        if not dry_run:
            writer.remove_leftovers(leftovers, root, time.time())  # of a write a crash interrupted
            cachefiles.remove_legacy_cache(root)  # never read: it may come from another machine
        key = inputs_key(root, config, cfg_text, day, found, attachments)
        if use_cache and not dry_run and not force:
            last = last_if_current(root, stamp, key, found, now)
            if last is not None:  # nothing the build reads has changed
                said = cfg_diags + scan_diags  # what the scan says now (a sync copy is no input, but a warning)
                return BuildReport(unchanged=sorted(last.outputs),
                                   vault_errors=sorted([*last.errors,
                                                        *(d for d in said if d.severity is Severity.ERROR)],
                                                       key=Diagnostic.sort_key),
                                   vault_warnings=last.warnings + sum(d.severity is Severity.WARNING for d in said))
        store = functools.partial(cachefiles.CacheFile, root, stamp) if use_cache and not dry_run else None
        # Without what no built-in view reads when a hints child works out the link diagnostics (`takeback`).
        want = wanted_parts(root, config, found, attachments, use_cache, dry_run)
        names: Names | None = None
        if early is not None and early.pool is not None:  # the workers parse meanwhile: both cores busy
            from vaultkit.disk.planwork import ready

            ready(config)
            # What the vault's link index makes of the notes' paths alone: made now, not once the
            # notes are loaded, when the parent works alone (~20 ms at 10k notes, ~150 at 50k).
            names = names_of(sorted((s.path for s in found), key=sort_key), sorted(attachments, key=sort_key))
        loaded = load_notes(root, found, config, fs.read_cache(root, stamp, want) if use_cache else None, progress,
                            store, now, want, early, commit=False)  # the notes cache is written as the notes come
    # The notes cache file put in place (flushed to disk first: ~10 ms at 10k notes, ~50 at 50k,
    # both cores idle) while the vault is made; before anything reads it back (`owe`, the hints
    # child) or forks (no thread may run then: `forked.can_fork`).
    committed = _meanwhile(loaded.sink.commit) if loaded.sink is not None else None
    try:
        vault = Vault(loaded.notes, config, attachments, cfg_diags + scan_diags, root=os.path.realpath(root),
                      names=names)
    finally:
        if committed is not None:
            committed.join()
    del names  # (its lists of every path and key: the index keeps the rest)
    owe(vault, root, stamp, found, loaded.owed)
    del loaded
    lifetime.give_back()  # what loading freed, before the hints child forks with it
    from vaultkit.views.plan import collector_paused

    # The check record (below) wants the missing links' hints: worked out on the other core while
    # this one plans, where the record will be written (the child forked before this one settles).
    # From planning to the end the collector is off: planning's rows and contacts live that long,
    # and each collection would walk them all again (after planning, one would walk them all at
    # once). Not frozen either (`settle_heap`): the views' cycles are garbage once the build returns.
    with hintwork.Hints(vault, wanted=use_cache and not dry_run and not fs.has_own_templates(root)) as hints:
        settle_heap()
        lifetime.hold(vault)
        with collector_paused():
            return _plan_write(root, config, vault, found, attachments, cfg_text, day, dry_run, use_cache, force,
                               cfg_diags + scan_diags, stamp, key if settled(found, now) else "", hints)


def _meanwhile(work: Callable[[], object]) -> threading.Thread:
    """`work` started in a thread of its own (a wait for the disk, which lets this one go on)."""
    thread = threading.Thread(target=work, name="vaultkit-meanwhile")
    thread.start()
    return thread


def _plan_write(root: str, config: Config, vault: Vault, found: list[fs.Scanned], attachments: list[str],
                cfg_text: str, day: dt.date, dry_run: bool, use_cache: bool, force: Collection[str],
                said: list[Diagnostic], stamp: str, key: str, hints: hintwork.Hints) -> BuildReport:
    """The rest of `_build` once the vault is read: plan, write, and keep the records (none that a
    later run trusts when `key` is empty: a note was read too soon after it was saved)."""
    from vaultkit.disk.planwork import plan_both  # the views and their parsers: only when there is work to do
    from vaultkit.disk.queries import query_notes, write_queries
    from vaultkit.views.common import Facts

    renderer = Renderer(root, views_of(config).folders)
    facts = Facts(vault, day, renderer, once=True)  # one for the generated notes and the query regions
    planned = plan_both(vault, day, renderer, facts, hints.busy)  # on both cores, when the other is free
    queried = query_notes(vault)
    if not queried:  # nothing reads the facts again: writing and the check record take their memory
        facts.release()
    unknown = sorted(set(force) - {p.path for p in planned} - {n.path for n in queried})
    if unknown:
        raise ValueError(f"--force {unknown[0]}: not a generated note of this vault, nor a note with query regions; "
                         f"give its path from the vault's folder, e.g. "
                         f"{planned[0].path if planned else 'Vaultkit/People.md'}")
    clean: dict[str, tuple[int, int]] = {}  # generated notes the check record need not read back
    report = write_planned(root, planned, dry_run, force, clean)
    outputs = [*report.created, *report.updated, *report.unchanged]  # the generated notes, for the record
    filled = write_queries(root, vault, day, facts if queried else None, dry_run=dry_run, force=force)
    del planned  # its notes' text (a few MB at 50k notes) is not read again: the diagnostics below reuse that memory
    add_report(report, filled)
    if filled.updated and not dry_run:  # user notes this build wrote: read as they are now
        found = _refilled(root, config, vault, filled.updated, found)
        key = inputs_key(root, config, cfg_text, day, found, attachments) if key else ""
    outputs += filled.updated + filled.unchanged
    # What `check` would print, for the check after this build: only without templates of the
    # user's (they render again there) and when every generated note was written.
    recheck = use_cache and not dry_run and not report.diagnostics and not fs.has_own_templates(root) and bool(key)
    if recheck or vault.incomplete is not None:  # (without the child's, every link would be read back)
        hints.finish()
    if recheck:
        vault.diagnostics  # noqa: B018 (computed once, with hints: `problems` below reuses it)
    hints.stop()
    report.notices = stale_outputs(root, vault)
    report.vault_errors, report.vault_warnings = vault.problems()
    scanned = set(said)  # the record keeps the rest: a build with nothing to do scans anew
    own = ([d for d in report.vault_errors if d not in scanned],
           report.vault_warnings - sum(d.severity is Severity.WARNING for d in scanned))
    if use_cache and not dry_run:
        try:
            save_record(root, stamp, key if not report.diagnostics else "", outputs, own)
        except OSError:
            pass  # a record we cannot write is only a slower next run
        if recheck:
            try:
                seen: dict[str, tuple[int, int] | None] = dict(clean)
                store_check(root, stamp, key, vault, check_generated(root, vault, clean, seen), seen)
            except OSError:
                pass
    return report


def _refilled(root: str, config: Config, vault: Vault, paths: list[str], found: list[fs.Scanned]) -> list[fs.Scanned]:
    """After query regions were written into `paths`: those notes parsed again into `vault`
    (lines after a region moved; nothing else did, its text being no content) and `found` with
    their new size and mtime, so the build's record says what the disk now holds."""
    from vaultkit.reader.parse import parse_note

    stamps = {}
    for path in paths:
        now = fs.stat_mtime(root, path)
        data = fs.read_note(root, path)
        if now is None or data is None:
            continue
        stamps[path] = now
        try:
            vault.replace(parse_note(path, data, config))
        except ValueError:  # saved meanwhile as another kind: the next build reads it
            stamps.pop(path)
    return [fs.Scanned(s.path, *stamps[s.path]) if s.path in stamps else s for s in found]


def add_report(report: BuildReport, more: BuildReport) -> None:
    """Add what filling the query regions of user notes did to a build's report."""
    report.updated += more.updated
    report.unchanged += more.unchanged
    report.diagnostics += more.diagnostics
    report.diffs += more.diffs

