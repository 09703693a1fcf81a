"""`vaultkit watch`: keep generated notes current while files change.

The watchdog thread only records paths. One loop, in the calling thread, waits until
changes settle, waits for git to finish (index.lock, merges, rebases), then updates the
in-memory vault for just those paths and rewrites the generated notes whose bytes
change. A full rescan repairs anything missed (queue overflow, a slow sync).
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from watchdog import events as watchdog_events
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from vaultkit.disk import cachefiles, fs, writer
from vaultkit.disk.build import HELD, QUERY_LEFT, BuildReport
from vaultkit.live.session import Session, Unsettled, Update
from vaultkit.live.startread import scan_and_read
from vaultkit.reader import dailynotes, obsidian
from vaultkit.reader.config import invalid, refusal
from vaultkit.reader.model import Diagnostic, Severity

# Events that mean bytes or names changed; reads (opened, closed_no_write) do not.
_CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed", "attrib"})
# The event classes of those, as the file watcher is asked for them (`_wanted`); a folder's
# "modified" is left out too (`_Handler` drops it: each entry's own event comes with it).
_WANTED = ("FileCreatedEvent", "DirCreatedEvent", "FileDeletedEvent", "DirDeletedEvent", "FileModifiedEvent",
           "FileMovedEvent", "DirMovedEvent", "FileClosedEvent", "FileAttribEvent", "DirAttribEvent")
SAVE_GRACE = 0.03  # seconds for the events of a save in progress to reach us
TEMPLATES = ".vaultkit/templates"  # the vault's template overrides (SPEC §4)
VIEWS = ".vaultkit/views"  # the vault's own views (vaultkit.views.local)
GIT_BUSY = (".git/index.lock", ".git/MERGE_HEAD", ".git/rebase-merge", ".git/rebase-apply", ".git/CHERRY_PICK_HEAD")
LINK_SLICE = 400  # notes whose links are indexed between two looks for a change (~3 ms at 10k notes)
INOTIFY_HINT = ("the system's inotify watch limit is reached. Raise it, e.g.\n"
                "  sudo sysctl fs.inotify.max_user_watches=524288\n"
                "and add `fs.inotify.max_user_watches=524288` to /etc/sysctl.conf to keep it.")


class WatchError(Exception):
    """The watcher cannot go on (vault gone, observer dead, no inotify watches left)."""


class Pending:
    """Paths changed since the last rebuild; filled by the watchdog thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self.last_event = 0.0
        self.rescan = False
        self.wake = threading.Event()

    def add(self, rel: str) -> None:
        """Record one changed path (thread-safe)."""
        with self._lock:
            self._paths.add(rel)
            self.last_event = time.monotonic()
        self.wake.set()

    def request_rescan(self) -> None:
        """Events were lost: compare the whole vault with memory at the next chance."""
        with self._lock:
            self.rescan = True
            self.last_event = time.monotonic()
        self.wake.set()

    def touched(self, paths: list[str]) -> bool:
        """Has any of `paths` changed again since the last `drain`?"""
        with self._lock:
            return any(p in self._paths for p in paths)

    def drain(self) -> tuple[set[str], bool]:
        """Take every recorded path, and whether a full rescan was asked for."""
        with self._lock:
            paths, rescan = self._paths, self.rescan
            self._paths, self.rescan = set(), False
            self.wake.clear()
        return paths, rescan


class _Handler(FileSystemEventHandler):
    def __init__(self, root: str, pending: Pending, session: Session) -> None:
        self.root = root
        self.pending = pending
        self.session = session

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES:
            return
        if event.is_directory and event.event_type == "modified":
            return  # its entries report themselves; rescanning the folder on every save is slow
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw)
            if not path:
                continue
            rel = os.path.relpath(path, self.root).replace(os.sep, "/")
            if rel == ".":
                continue
            # Only what could matter wakes the loop: a long `git fetch` writing under .git/,
            # or droppings like our own temp files, must not keep postponing the debounce.
            if not rel.startswith("../") and _matters(rel, self.session):
                self.pending.add(rel)


class _OverflowLog(logging.Handler):
    """watchdog only logs a queue overflow; turn that log line into a rescan."""

    def __init__(self, pending: Pending) -> None:
        super().__init__(logging.WARNING)
        self.pending = pending

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.pending.request_rescan()


@dataclass(slots=True)
class WatchOptions:
    """How the watcher behaves; the defaults suit a person typing."""

    debounce: float = 0.15
    rescan_every: float = 30.0
    today: dt.date | None = None
    verbose: bool = False
    quiet: bool = False


def _wanted() -> list[type[FileSystemEvent]]:
    """The events `_Handler` acts on, asked of the kernel alone (inotify's mask) rather than sorted
    out in `_Handler`: every file opened and read in the vault (a save's own reads of each generated
    note it writes, twice; a reader of People.md) was an event through watchdog's threads, each
    taking the interpreter from the save being planned and written (a delete at 10k notes handed
    the handler 64 events; 23 now).
    (`FileAttribEvent` is newer than some watchdog releases: there, a change of mode is `modified`.)"""
    return [getattr(watchdog_events, name) for name in _WANTED if hasattr(watchdog_events, name)]


def _matters(rel: str, session: Session) -> bool:
    """Could a change at `rel` change the generated notes? Template overrides and views live in `.vaultkit/`."""
    if rel in (TEMPLATES, VIEWS) or rel.startswith((TEMPLATES + "/", VIEWS + "/")):
        return not fs.is_dropping(rel.rsplit("/", 1)[-1])
    if rel == dailynotes.SETTINGS_FILE or rel in obsidian.SETTINGS_FILES:  # Obsidian's settings
        return True
    # A path the scan warned of, though no note (a conflict copy, a name no note can have): its
    # removal or rename is what fixes it.
    return fs.relevant(rel, session.config) or session.scan_said(rel)


def _still_changing(pending: Pending, update: Update) -> bool:
    """Did a path just read change again meanwhile? Then what was read is not its final state."""
    return pending.touched(update.removed + update.changed)


def _settled(pending: Pending, update: Update, read_at: float) -> Callable[[], bool] | None:
    """For an update that found notes gone: a check, made once the changes are planned and
    before anything is written, that no event came for them `SAVE_GRACE` after they were read.

    A save that starts while the watcher reads (vim renames the note away, VS Code truncates
    it) must not be taken for a delete: a note found gone is confirmed only once the events
    of a save in progress would have arrived. Planning takes part of that time, so the wait
    is only what remains of it.
    """
    if not update.removed:
        return None

    def check() -> bool:
        left = read_at + SAVE_GRACE - time.monotonic()
        if left > 0:
            time.sleep(left)
        return not _still_changing(pending, update)

    return check


def git_busy(root: str) -> bool:
    """Is git in the middle of writing the work tree (lock held, merge or rebase going on)?"""
    return any(os.path.lexists(os.path.join(root, *p.split("/"))) for p in GIT_BUSY)


def _rescan_changes(session: Session) -> tuple[set[str], list[Diagnostic]]:
    """Paths whose presence, size or mtime differ between the disk and memory, and what the
    scan warns of now."""
    found, attachments, diags = fs.scan(session.root, session.config)
    on_disk = {s.path: (s.size, s.mtime_ns) for s in found}
    changed = {p for p, stamp in on_disk.items() if session.notes.get(p, (None, None))[:2] != stamp}
    changed |= {p for p in session.notes if p not in on_disk}
    changed |= set(attachments) ^ session.attachments
    return changed, diags


def watch(root: str, options: WatchOptions, log: Callable[[str], None],
          stop: threading.Event | None = None) -> None:
    """Build once, then keep generated notes current until `stop` is set or Ctrl-C.

    Raises `WatchError` when it cannot go on.
    """
    root = os.path.realpath(root)
    _, cfg_diags, _ = fs.read_config_text(root)
    if invalid(cfg_diags):  # not a byte written, no observer started
        raise WatchError(refusal(cfg_diags, "so the watcher did not start"))
    stop = stop or threading.Event()
    session = Session(root, options.today)
    loaded = False
    pending = Pending()
    observer = Observer()
    overflow = _OverflowLog(pending)
    logging.getLogger("watchdog").addHandler(overflow)
    try:
        # Watch first, then read: a change made while the vault loads (or right after the
        # "watching" line) is recorded and handled by the loop instead of being missed.
        observer.schedule(_Handler(root, pending, session), root, recursive=True, event_filter=_wanted())
        try:
            observer.start()
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise WatchError(INOTIFY_HINT) from exc
            raise WatchError(f"cannot watch {root}: {exc}") from exc
        started = time.perf_counter()
        # The scan made after the observer started (nothing missed), on the other core while the
        # notes cache is read here, where it can be.
        early, scanned, read = scan_and_read(root, options.today)
        if early:
            # The last build's record shows the generated notes are current, and changes are
            # being recorded from now on: say so, then load (changes made meanwhile wait for it).
            log(f"watching {root}: generated notes are current; loading the vault")
        session.load(scanned, read)
        scanned = read = None  # (every file's stat: not kept for as long as the watcher runs)
        loaded = True
        cachefiles.remove_legacy_cache(root)  # never read: it may have come from another machine
        writer.remove_leftovers(session.leftovers, root, time.time())  # of writes a crash interrupted
        said: set[str] = set()  # the generated notes held back for their name, already told
        owed = False  # the plan made ahead failed: the generated notes wait for the next change
        if early:
            # "Ready" is ready to plan a save (SPEC §7): the planner's facts are made first. Said
            # before them, a save made at "ready" waited for all of them (~0.5 s at 10k notes, ten
            # times an edit's budget). Changes made meanwhile are recorded, and handled next.
            owed = not _plan_ahead(session, log, said, options)
            log(f"ready: {len(session.notes)} notes in memory; generated notes current "
                f"({time.perf_counter() - started:.1f} s)")
            _log_errors(session.errors(), log, said)
        else:
            report = session.rebuild(start=True)
            log(f"watching {root}: {len(session.notes)} notes; {report.summary()} "
                f"({time.perf_counter() - started:.1f} s)")
            _log_errors([*report.diagnostics, *session.errors()], log, said)
        _loop(session, pending, observer, options, log, stop, said, owed)
    finally:
        logging.getLogger("watchdog").removeHandler(overflow)
        observer.stop()
        if observer.is_alive():
            observer.join(timeout=5)
        if loaded:
            session.save_cache(closing=True)


def _loop(session: Session, pending: Pending, observer: BaseObserver, options: WatchOptions,
          log: Callable[[str], None], stop: threading.Event, said: set[str], owed: bool = False) -> None:
    """Handle changes until `stop`; `owed`: the generated notes are behind memory (a rebuild
    failed) until one succeeds."""
    last_rescan = time.monotonic()
    # Paths read but not yet written for (a save in progress was found): the rebuild that
    # writes for them names them, as if they had been read with it.
    carried: list[str] = []
    while not stop.is_set():
        if session.live is not None and session.live.linkers is None and not pending.wake.is_set():
            # For the first save that changes names, a slice at a time: a save that comes
            # meanwhile waits for one slice (a few ms), not for every link of the vault.
            session.live.link_step(LINK_SLICE)
            continue
        woke = pending.wake.wait(timeout=0.25)
        if not os.path.isdir(session.root):
            raise WatchError(f"the vault folder {session.root} is gone")
        if not observer.is_alive() or not all(e.is_alive() for e in observer.emitters):
            raise WatchError("the file watcher stopped unexpectedly")  # deaf from now on: say so
        if not woke:
            if time.monotonic() - last_rescan >= options.rescan_every:
                pending.request_rescan()
            continue
        # Let a burst (a save, a git pull) settle before reading anything: until `debounce` after its
        # last event, not a third of it later (a save's events come over a few ms: vim's are three).
        while not stop.is_set() and (left := pending.last_event + options.debounce - time.monotonic()) > 0:
            time.sleep(min(left, options.debounce / 3))
        while not stop.is_set() and git_busy(session.root):
            time.sleep(0.1)  # git is rewriting the tree: read it when it is done
        paths, rescan = pending.drain()
        if not os.path.isdir(session.root):  # removed while the burst settled: read nothing, write nothing
            raise WatchError(f"the vault folder {session.root} is gone")
        warned: list[Diagnostic] | None = None  # what the scan warns of now, when a rescan found it
        if rescan:
            last_rescan = time.monotonic()
            changed, warned = _rescan_changes(session)
            paths |= changed
        paths = {p for p in paths if _matters(p, session)}
        out_prefix = session.config.output_dir.strip("/") + "/"
        shown = sorted(p for p in paths if not p.startswith(out_prefix) and p != out_prefix[:-1])
        if options.verbose and shown:  # our own writes are not news
            log("changed: " + ", ".join(shown[:20]) + (" …" if len(shown) > 20 else ""))
        try:
            started = time.perf_counter()
            update = session.update(paths)
            read_at = time.monotonic()
            if _still_changing(pending, update):
                owed = True  # read in the middle of a save: read it again once it settles
                carried.extend(update.changed + update.removed)
                continue
            # The start's warnings are not kept once their problem is fixed (a symlink removed).
            warnings_moved = (warned is not None or update.rescan) and session.rescan_warnings(warned)
            if not update.any and not owed and not warnings_moved:
                continue
            report = session.rebuild(_settled(pending, update, read_at))
            owed = False
        except Unsettled:
            owed = True  # as above, found while planning: nothing was written
            carried.extend(update.changed + update.removed)
            continue
        except Exception as exc:  # one bad change must not stop the watcher
            log(f"error while handling {', '.join(sorted(paths)[:5])}: {type(exc).__name__}: {exc}")
            owed = True  # retried at the next change or periodic rescan, not in a loop
            continue
        for path, line in update.conflicted:
            log(f"{path}:{line}: has git conflict markers; the lines between them count for nothing until "
                "the conflict is resolved")
        # The errors of what changed (every error of the vault was shown at the start); conflict
        # markers have their line just above.
        causes = list(dict.fromkeys(carried + update.changed + update.removed))
        carried = []
        _log_errors([*report.diagnostics, *(d for p in causes if p in session.notes
                                            for d in session.notes[p][2].diagnostics
                                            if d.code != "conflict-markers")], log, said)
        why = ", ".join(causes[:3]) + (f" and {len(causes) - 3} more" if len(causes) > 3 else "")
        if update.reloaded:
            why = "configuration or templates"
        elif not why:
            why = "retry after an error"
        _say_written(report, started, options, log, why, f"nothing to rewrite ← {why}")


def _plan_ahead(session: Session, log: Callable[[str], None], said: set[str], options: WatchOptions) -> bool:
    """Plan every generated note before "ready", after a start from a current cache, so that the
    first change is planned incrementally; a note that turns out not to be current after all
    is written. False when it failed."""
    started = time.perf_counter()
    try:
        report = session.rebuild(start=True)
    except Exception as exc:  # as for a change: said, and tried again at the next one
        log(f"error while planning: {type(exc).__name__}: {exc}")
        return False
    _log_errors(report.diagnostics, log, said)
    _say_written(report, started, options, log, "not current", "planned, nothing to rewrite")
    return True


def _say_written(report: BuildReport, started: float, options: WatchOptions, log: Callable[[str], None],
                 why: str, idle: str) -> None:
    """The log line of one rebuild: the notes it wrote and why (unless --quiet), else `idle`
    with --verbose; both with the time since `started`."""
    written = [p.rsplit("/", 1)[-1] for p in (*report.created, *report.updated)]
    ms = (time.perf_counter() - started) * 1000
    if written and not options.quiet:
        log(f"{', '.join(written)} ← {why} ({ms:.0f} ms)")
    elif options.verbose:
        log(f"{idle} ({ms:.0f} ms)")


def _log_errors(diagnostics: list[Diagnostic], log: Callable[[str], None], said: set[str]) -> None:
    """Every error, one log line each with its hint (shown even with --quiet: errors are never
    silent), and once each a generated note not written for its name or a user note whose query
    regions were not filled (in `said`); other warnings are left to `vaultkit check`."""
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            log(d.describe())  # `path:line: error: message [code]`, its hint on the next line
        elif (d.code == HELD or d.code in QUERY_LEFT) and d.describe() not in said:
            said.add(d.describe())
            log(d.describe())
