"""Loading a vault: scan it, take unchanged notes from the cache, parse the rest (in worker
processes on a big vault) and build the `Vault`. Reads through `vaultkit.disk.fs`; writes nothing."""

from __future__ import annotations

import errno
import gc
import os
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from vaultkit.disk import cache, lifetime, parsework
from vaultkit.disk.cache import CacheData
from vaultkit.disk.fs import Scanned, read_config, scan
from vaultkit.reader.config import Config
from vaultkit.reader.facts import PREP, TEXT, unplanned
from vaultkit.reader.itemtext import unread
from vaultkit.reader.model import Diagnostic, Note
from vaultkit.reader.vault import Vault

if TYPE_CHECKING:

    from vaultkit.disk.earlyparse import Early

Progress = Callable[[int, int], None]
PARALLEL_MIN_NOTES = 1500  # below this, starting processes costs more than it saves


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
    daily = parsework.daily_notes(config)
    for i in range(0, len(rest), cache.CHUNK):
        sink.add(cache.chunk(rest[i:i + cache.CHUNK], daily))


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
    batches = parsework.batches_of(rest, cache.CHUNK, workers + 1 if workers > 1 else 0)
    notes: list[Note] = []
    done = 0
    daily = parsework.daily_notes(config)
    owed = {} if owed is None else owed
    if whole:
        want = cache.ALL

    def local(batch: list[Scanned]) -> None:
        nonlocal done
        entries = parsework.facts_of(root, batch, config, whole, daily)
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
            parsework.in_workers((root, config, now_ns, whole), workers, batches, local, take, early)
    parsework.forget_parser()
    return notes
