"""Loading a vault: scan it, take unchanged notes from the cache, parse the rest (in worker
processes on a big vault) and build the `Vault`. Reads through `vaultkit.disk.fs`; writes nothing."""

from __future__ import annotations

import collections
import errno
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from vaultkit.disk import cache, forked, lifetime
from vaultkit.disk.cache import CacheData
from vaultkit.disk.cacheparts import Parts, parts_of
from vaultkit.disk.fs import Scanned, read_config, scan
from vaultkit.disk.noteread import reader
from vaultkit.reader.config import Config
from vaultkit.reader.facts import PREP, TEXT, Interner, compact, unplanned
from vaultkit.reader.itemtext import unread
from vaultkit.reader.model import Diagnostic, Heading, Note
from vaultkit.reader.vault import Vault

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from vaultkit.disk.earlyparse import Early

Progress = Callable[[int, int], None]
PARALLEL_MIN_NOTES = 1500  # below this, starting processes costs more than it saves
PARENT_SHARE = True  # the parent parses a batch itself when no worker has one done


def load_vault(path: str | os.PathLike[str], config: Config | None = None) -> Vault:
    """Read a vault from disk into a `Vault`, every note whole (not only its facts, as a
    build reads them: `vaultkit.reader.facts`). Never modifies any file.

    Raises `NotADirectoryError` only when `path` itself is not a folder.
    """
    root = os.fspath(path)
    if not os.path.isdir(root):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", root)
    cfg_diags: list[Diagnostic] = []
    if config is None:
        config, cfg_diags = read_config(root)
    found, attachments, diags = scan(root, config)
    notes = read_and_parse(root, found, config, whole=True)
    vault = Vault(notes, config, attachments, cfg_diags + diags, root=os.path.realpath(root))
    settle_heap()
    lifetime.hold(vault)
    return vault


def settle_heap(collect: bool = True) -> None:
    """Move what is alive now out of the cycle collector's sight.

    A loaded vault is millions of long-lived acyclic objects; without this, every later
    collection walks them all again, and planning spends most of its time in the GC.
    Reference counting still frees them when they are dropped.

    A one-shot process (`lifetime.one_shot`) skips the collection: its collector never runs
    again, and the pass found nothing to free in a build (0 objects at 10k and 50k notes) while
    it walked every object the vault was made of since loading (50-70 ms at 50k notes), and
    wrote to each, copying the pages the hints child (`hintwork`), forked before, still shares.
    So does a caller that knows the pass would free nothing (`collect=False`: see `Session.rebuild`).
    """
    if collect and not lifetime.is_one_shot():
        gc.collect()
    gc.freeze()


class Sink(Protocol):
    """Where the notes cache file goes as its chunks are made (`cachefiles.CacheFile`)."""

    def add(self, data: bytes | memoryview) -> None:
        """Append one chunk (`cache.chunk`)."""

    def commit(self) -> bool:
        """Put the file in place."""


class Loaded(NamedTuple):
    """The facts of a vault's notes (`vaultkit.reader.facts`), how many came from the cache,
    whether the notes cache file now holds the facts of every note not too recent to trust, and
    the notes read without some part of their facts (by path: the parts, `facts.PREP`, `facts.REST`)."""

    notes: list[Note]
    cached: int
    stored: bool = False
    owed: Mapping[str, int] = MappingProxyType({})
    sink: Sink | None = None  # the notes cache, for the caller to commit (`load_notes(commit=False)`)


def parse_changed(root: str, found: list[Scanned], config: Config, cached: CacheData | None,
                  progress: Progress | None = None) -> list[Note]:
    """The facts of every scanned note: from the cache where size and mtime match, else parsed."""
    return load_notes(root, found, config, cached, progress).notes


def load_notes(root: str, found: list[Scanned], config: Config, cached: CacheData | None,
               progress: Progress | None = None, store: Callable[[], Sink] | None = None,
               now_ns: int = 0, want: int = cache.ALL, early: Early | None = None, commit: bool = True) -> Loaded:
    """The facts of every scanned note: from the cache where size and mtime match, else parsed.

    When some note was parsed or is gone, `store()` gives the sink the notes cache is written
    to, chunk by chunk as the notes come, leaving out notes modified too recently to trust
    (within 2 s of `now_ns`). Each note stored there comes with the parts of its facts in
    `want` only (`facts.PREP`, `facts.REST`; what planning reads, always: `cached` read so too).
    `early`: parse workers the scan has handed notes already (`earlyparse`), for a load that parses
    every note of `found` (with `now_ns` theirs); else they are not used. `commit`: else `Loaded.sink`.
    """
    reused: list[cache.Entry] = []
    stale: list[Scanned] = []
    known = cached.notes if cached is not None else {}
    for item in found:
        hit = known.get(item.path)
        if hit is not None and hit[0] == item.size and hit[1] == item.mtime_ns:
            reused.append((item.path, *hit))
        else:
            stale.append(item)
    sink = store() if store is not None and (stale or len(known) != len(reused)) else None
    if sink is not None and cached is not None:
        _store_reused(sink, cached, reused, config)
    notes = [entry[3] for entry in reused]
    owed = {entry[0]: cached.owed[entry[0]] for entry in reused if entry[0] in cached.owed} if cached else {}
    if stale:
        notes += read_and_parse(root, stale, config, progress=progress, sink=sink, now_ns=now_ns, want=want,
                                owed=owed, early=early if not reused else None)
    if sink is not None and not commit:
        return Loaded(notes, len(reused), False, owed, sink)
    stored = sink.commit() if sink is not None else cached is not None and not stale
    return Loaded(notes, len(reused), stored, owed)


def _store_reused(sink: Sink, cached: CacheData, reused: list[cache.Entry], config: Config) -> None:
    """Write the notes taken from `cached` to `sink`: each chunk of the old file whose notes
    are all unchanged as it is, the others' unchanged notes pickled again (whole: read again
    from their chunk where `cached` holds them without some part)."""
    hits = {entry[0]: entry for entry in reused}
    rest: list[cache.Entry] = []
    for paths, blob in cached.chunks:
        if all(path in hits for path in paths):
            sink.add(blob)
        elif any(path in cached.owed and path in hits for path in paths):
            rest += [entry for entry in cache.whole_chunk(blob) if entry[0] in hits]
        else:
            rest += [hits[path] for path in paths if path in hits]
    daily = daily_notes(config)
    for i in range(0, len(rest), cache.CHUNK):
        sink.add(cache.chunk(rest[i:i + cache.CHUNK], daily))


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
    return [note for _, note in _parsed(root, found, config)]


def _parsed(root: str, found: list[Scanned], config: Config) -> list[tuple[Scanned, Note]]:
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


def _facts(root: str, found: list[Scanned], config: Config, whole: bool,
           daily: Callable[[str], bool]) -> list[cache.Entry]:
    """Read and parse a batch of notes: their facts (or, `whole`, the parsed notes) as cache
    entries (`daily`: `daily_notes`)."""
    keep = Interner()
    return [(s.path, s.size, s.mtime_ns, n if whole else compact(n, keep, daily(n.path)))
            for s, n in _parsed(root, found, config)]


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
        return b"", cache.pack(_facts(root, found, config, True, daily))
    # Straight from each parsed note to the chunk's parts: the parent makes the facts' notes
    # of the chunk (`take`), never this process.
    keep = Interner()
    headings: dict[Heading, tuple[Any, ...]] = {}
    stored: list[tuple[str, int, int, Parts]] = []
    racy: list[tuple[str, int, int, Parts]] = []
    parsed = _parsed(root, found, config)
    for s, note in parsed:
        (racy if cache.is_racy(s.mtime_ns, now_ns) else stored).append(
            (s.path, s.size, s.mtime_ns, parts_of(note, keep, daily(s.path), headings)))
    done = cache.chunk_of(stored), cache.chunk_of(racy)[cache.LEN_SIZE:] if racy else b""
    size = sum(s.size for s in found)
    if size <= _room:
        _room -= size
        _held.append(parsed)
    return done


def read_and_parse(root: str, found: list[Scanned], config: Config, workers: int | None = None,
                   progress: Progress | None = None, sink: Sink | None = None, now_ns: int = 0,
                   whole: bool = False, want: int = cache.ALL, owed: dict[str, int] | None = None,
                   early: Early | None = None) -> list[Note]:
    """Read and parse notes into their facts (`whole`: the notes as parsed); on big vaults,
    in worker processes (parsing is CPU-bound), the parent taking a batch itself whenever no
    worker has one done.

    Each batch comes back as a notes cache chunk, pickled by its worker: the parent appends it
    to `sink` as it is, and unpickles the facts for itself, each note with the parts of its
    facts in `want` only (and what planning reads) where the chunk holds it (`owed` gets what
    each was read without). `progress(done, total)` is called as batches are finished. `early`:
    workers already parsing some of `found` (`earlyparse.Early`, started with this `now_ns`): the
    same go on with the rest.
    """
    if early is not None and early.pool is not None and not whole:
        workers = early.workers
        handed = early.handed()
        rest = [item for item in found if item.path not in handed]
    else:
        early = None
        rest = found
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(found) >= PARALLEL_MIN_NOTES else 1
    batches = batches_of(rest, cache.CHUNK, workers + 1 if workers > 1 else 0)
    notes: list[Note] = []
    done = 0
    daily = daily_notes(config)
    owed = {} if owed is None else owed
    if whole:
        want = cache.ALL

    def local(batch: list[Scanned]) -> None:
        nonlocal done
        entries = _facts(root, batch, config, whole, daily)
        if sink is not None or want != cache.ALL:
            stored = [e for e in entries if not cache.is_racy(e[2], now_ns)]
            if sink is not None:
                sink.add(cache.chunk(stored, daily))
            if want != cache.ALL:  # as if read from that chunk: without the parts not wanted
                for path, _, _, note in stored:
                    lacks = unplanned(note, daily(path), bool(want & PREP))
                    if not want & TEXT and unread(note):
                        lacks |= TEXT
                    if lacks:
                        owed[path] = lacks
        notes.extend(e[3] for e in entries)
        done += len(batch)
        if progress is not None:
            progress(done, len(found))

    def take(blob: bytes, racy: bytes, batch: list[Scanned]) -> None:
        nonlocal done
        # Each note's path the scan's own string, not the copy unpickled: the build keeps both
        # (the scan for its record), ~4 MB of paths at 50k.
        paths = {s.path: s.path for s in batch}
        if blob:
            if sink is not None:
                sink.add(blob)
            for path, _, _, note, lacks in cache.unpack_chunk(blob[cache.LEN_SIZE:], want):  # our own worker's
                note.path = paths.get(path, path)
                notes.append(note)
                if lacks:
                    owed[note.path] = lacks
        if racy:  # every part: a note too recent for the file is not taken back from it
            for entry in cache.unpack(racy) if whole else cache.unpack_chunk(racy, cache.ALL):
                note = entry[3]
                note.path = paths.get(note.path, note.path)
                notes.append(note)
        done += len(batch)
        if progress is not None:
            progress(done, len(found))

    with cache.long_lived():  # parsing or unpickling, a flood of small objects that last
        if workers <= 1:
            for batch in batches:
                local(batch)
        else:
            _in_workers((root, config, now_ns, whole), workers, batches, local, take, early)
    _forget_parser()
    return notes


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


def _forget_parser() -> None:
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


def _in_workers(job: tuple[str, Config, int, bool], workers: int, batches: list[list[Scanned]],
                local: Callable[[list[Scanned]], None],
                take: Callable[[bytes, bytes, list[Scanned]], None], early: Early | None = None) -> None:
    """Hand `batches` to worker processes (`take` each result as it comes), the parent parsing
    one itself (`local`) whenever none is done; without processes to be had, all here. `early`:
    the workers to use, and the batches they have already (`earlyparse.Early`)."""
    from concurrent.futures.process import BrokenProcessPool

    from vaultkit.disk.poolwatch import wait_done

    todo = collections.deque(batches)
    pending: dict[Future[tuple[bytes, bytes]], list[Scanned]] = early.pending if early is not None else {}
    try:
        with early.pool if early is not None and early.pool is not None else start_pool(job, workers) as pool:
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
