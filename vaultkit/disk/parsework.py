"""The parse side of loading a vault: notes read and parsed in batches, in this process or in a
pool of forked worker processes that send each batch back as a notes cache chunk (`load` takes
them). Reads through `vaultkit.disk.noteread`; writes nothing."""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from vaultkit.disk import cache, forked
from vaultkit.disk.cacheparts import Parts, parts_of
from vaultkit.disk.fs import Scanned
from vaultkit.disk.noteread import reader
from vaultkit.reader.config import Config
from vaultkit.reader.facts import Interner, compact
from vaultkit.reader.model import Heading, Note

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from vaultkit.disk.earlyparse import Early

PARENT_SHARE = True  # the parent parses a batch itself when no worker has one done


def daily_notes(config: Config) -> Callable[[str], bool]:
    """Is the note at a path a daily note (`cache.chunk`)? Each path's answer remembered: a
    batch asks for each note twice (its facts, then its chunk), and a date pattern is slow to try."""
    date_of = config.daily.date_of
    known: dict[str, bool] = {}

    def daily(path: str) -> bool:
        found = known.get(path)
        if found is None:
            found = known[path] = date_of(path) is not None
        return found

    return daily


def parse_scanned(root: str, found: list[Scanned], config: Config) -> list[Note]:
    """The notes of `found` read and parsed here, whole (a note too large: its diagnostic)."""
    return [note for _, note in parsed_notes(root, found, config)]


def parsed_notes(root: str, found: list[Scanned], config: Config) -> list[tuple[Scanned, Note]]:
    """Each note of `found` that is still there, read and parsed (too large: its diagnostic)."""
    # The parser (YAML, markdown-it) is imported where it is used: a build that finds nothing
    # changed, and a watcher's start from a current cache, never need it.
    if not found:
        return []
    from vaultkit.reader.parse import MAX_NOTE_BYTES, parse_note, too_large

    notes = []
    # Parsing allocates millions of small acyclic objects; the cycle collector would
    # rescan them all again and again for nothing. Pause it for the loop.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with reader(root) as read:
            for item in found:
                if item.size > MAX_NOTE_BYTES:
                    notes.append((item, too_large(item.path, item.size)))
                    continue
                data = read(item.path)
                if data is not None:
                    notes.append((item, parse_note(item.path, data, config)))
    finally:
        if was_enabled:
            gc.enable()
    return notes


def facts_of(root: str, found: list[Scanned], config: Config, whole: bool,
           daily: Callable[[str], bool]) -> list[cache.Entry]:
    """Read and parse a batch of notes: their facts (or, `whole`, the parsed notes) as cache
    entries (`daily`: `daily_notes`)."""
    keep = Interner()
    return [(s.path, s.size, s.mtime_ns, n if whole else compact(n, keep, daily(n.path)))
            for s, n in parsed_notes(root, found, config)]


_job: tuple[str, Config, int, bool] = ("", Config(), 0, False)  # a worker's task, from `_start`
# A forked worker ends with `os._exit`, its heap never torn down: the notes its batches parsed
# are kept rather than freed object by object (~6 µs a plain note, ~16 a long-items one, against
# ~120 and ~200 to parse it), up to this many bytes of their source (~3 bytes of heap a byte
# at long items: +36 MB a worker, which parses ~16 MB of a 10k-note vault).
HOLD_BYTES = 12 << 20
_held: list[object] = []  # the notes the worker's batches parsed, never freed (`_start`)
_room = 0  # bytes of source whose notes the worker may still keep


def _start(root: str, config: Config, now_ns: int, whole: bool, hold: bool = False, parent: int = 0) -> None:
    """A worker's task (`_work`); `hold`: it is forked (it ends with `os._exit`), keep the notes
    its batches parse (`HOLD_BYTES`); `parent`: the process that started it (`forked.as_helper`)."""
    global _job, _room
    forked.as_helper(parent)
    _job = (root, config, now_ns, whole)
    _room = HOLD_BYTES if hold else 0


def _work(found: list[Scanned]) -> tuple[bytes, bytes]:
    """A worker's batch: the cache chunk of its notes' facts, and the chunk (without its length)
    of the notes left out of it (too recent to trust); for a whole parse, every note pickled whole."""
    global _room
    root, config, now_ns, whole = _job
    daily = daily_notes(config)
    if whole:
        return b"", cache.pack(facts_of(root, found, config, True, daily))
    # Straight from each parsed note to the chunk's parts: the parent makes the facts' notes
    # of the chunk (`take`), never this process.
    keep = Interner()
    headings: dict[Heading, tuple[Any, ...]] = {}
    stored: list[tuple[str, int, int, Parts]] = []
    racy: list[tuple[str, int, int, Parts]] = []
    parsed = parsed_notes(root, found, config)
    for s, note in parsed:
        (racy if cache.is_racy(s.mtime_ns, now_ns) else stored).append(
            (s.path, s.size, s.mtime_ns, parts_of(note, keep, daily(s.path), headings)))
    done = cache.chunk_of(stored), cache.chunk_of(racy)[cache.LEN_SIZE:] if racy else b""
    size = sum(s.size for s in found)
    if size <= _room:
        _room -= size
        _held.append(parsed)
    return done


def batches_of(found: list[Scanned], size: int, processes: int) -> list[list[Scanned]]:
    """`found` cut into batches of `size` notes in order, the last `processes` batches' worth in
    quarters: when the work runs out, the processes should end together, not one still parsing
    a whole batch while the other cores sit idle (half a batch of wall time on average, 0.05-0.1 s
    of a cold build of 10k notes). With no `processes`, whole batches only."""
    whole = len(found)
    if processes > 0:
        whole = max(0, whole - processes * size)
        whole -= whole % size
    small = max(1, size // 4)
    return ([found[i:i + size] for i in range(0, whole, size)]
            + [found[i:i + small] for i in range(whole, len(found), small)])


def forget_parser() -> None:
    """Drop the parser's caches in this process, if it parsed at all: it goes on to plan with
    every note in memory, and what they hold (tens of MB on a big vault) would add to its peak."""
    parse = sys.modules.get("vaultkit.reader.parse")
    if parse is not None:
        parse.forget_caches()


def start_pool(job: tuple[str, Config, int, bool], workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` parse worker processes for `job` (root, config, now_ns, whole: `_start`),
    forked at its first batch (raises `OSError` where processes cannot be had)."""
    from concurrent.futures import ProcessPoolExecutor

    import vaultkit.reader.parse  # noqa: F401 (loaded before the fork, so each worker has it already)

    ctx: multiprocessing.context.BaseContext
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: the default start method works too
        ctx = multiprocessing.get_context()
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start,
                               initargs=(*job, ctx.get_start_method() == "fork", os.getpid()))


def submit(pool: ProcessPoolExecutor, batch: list[Scanned]) -> Future[tuple[bytes, bytes]]:
    """`batch` handed to a worker of `pool` (`_work`), Ctrl-C held back meanwhile: the workers are
    forked at the first batch, and are born ignoring it (`forked.as_helper`)."""
    with forked.interrupts_held():
        return pool.submit(_work, batch)


def in_workers(job: tuple[str, Config, int, bool], workers: int, batches: list[list[Scanned]],
                local: Callable[[list[Scanned]], None],
                take: Callable[[bytes, bytes, list[Scanned]], None], early: Early | None = None) -> None:
    """Hand `batches` to worker processes (`take` each result as it comes), the parent parsing
    one itself (`local`) whenever none is done; without processes to be had, all here. `early`:
    the workers to use, and the batches they have already (`earlyparse.Early`)."""
    from concurrent.futures.process import BrokenProcessPool

    from vaultkit.disk.poolwatch import ended, wait_done

    todo = collections.deque(batches)
    pending: dict[Future[tuple[bytes, bytes]], list[Scanned]] = early.pending if early is not None else {}
    try:
        with ended(early.pool if early is not None and early.pool is not None else start_pool(job, workers)) as pool:
            while todo or pending:
                while todo and len(pending) < 2 * workers:  # a batch queued behind each running one
                    # Taken off `todo` only once submitted: a pool broken meanwhile (a worker that
                    # died) raises here, and the batch must still be among those done below.
                    pending[submit(pool, todo[0])] = todo[0]
                    todo.popleft()
                finished = [f for f in pending if f.done()]
                if not finished and todo and PARENT_SHARE:
                    local(todo.popleft())  # rather than wait: the parent's core would sit idle
                    continue
                if not finished:
                    finished = list(wait_done(pool, pending))  # (a worker killed mid-result breaks the pool)
                for future in finished:
                    result = future.result()  # raises BrokenProcessPool before the batch is dropped
                    take(*result, pending.pop(future))
    except (OSError, BrokenProcessPool):  # no processes to be had: what is left is done here
        for batch in [*pending.values(), *todo]:
            local(batch)
