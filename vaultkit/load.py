"""Loading a vault: scan it, take unchanged notes from the cache, parse the rest (in worker
processes on a big vault) and build the `Vault`. Reads through `vaultkit.fs`; writes nothing."""

from __future__ import annotations

import errno
import gc
import multiprocessing
import os
from collections.abc import Callable

from vaultkit.cache import CacheData
from vaultkit.config import Config
from vaultkit.fs import Scanned, read_config, read_note, scan
from vaultkit.model import Diagnostic, Note
from vaultkit.vault import Vault

Progress = Callable[[int, int], None]
PARALLEL_MIN_NOTES = 1500  # below this, starting processes costs more than it saves


def load_vault(path: str | os.PathLike[str], config: Config | None = None,
               cached: CacheData | None = None) -> Vault:
    """Read a vault from disk into a `Vault`. Never modifies any file.

    With `cached`, notes whose size and mtime are unchanged are taken from it instead of
    being read again. Raises `NotADirectoryError` only when `path` itself is not a folder.
    """
    root = os.fspath(path)
    if not os.path.isdir(root):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", root)
    cfg_diags: list[Diagnostic] = []
    if config is None:
        config, cfg_diags = read_config(root)
    found, attachments, diags = scan(root, config)
    notes = parse_changed(root, found, config, cached)
    vault = Vault(notes, config, attachments, cfg_diags + diags, root=os.path.realpath(root))
    settle_heap()
    return vault


def settle_heap() -> None:
    """Move what is alive now out of the cycle collector's sight.

    A loaded vault is millions of long-lived acyclic objects; without this, every later
    collection walks them all again, and planning spends most of its time in the GC.
    Reference counting still frees them when they are dropped.
    """
    gc.collect()
    gc.freeze()


def parse_changed(root: str, found: list[Scanned], config: Config, cached: CacheData | None,
                  progress: Progress | None = None) -> list[Note]:
    """Notes for every scanned file: from the cache where size and mtime match, else parsed."""
    if cached is None:
        return read_and_parse(root, found, config, progress=progress)
    reused: list[Note] = []
    stale: list[Scanned] = []
    for item in found:
        hit = cached.notes.get(item.path)
        if hit is not None and hit[0] == item.size and hit[1] == item.mtime_ns:
            reused.append(hit[2])
        else:
            stale.append(item)
    return reused + read_and_parse(root, stale, config, progress=progress)


def cache_hits(found: list[Scanned], cached: CacheData | None) -> int:
    """How many scanned notes `parse_changed` takes from `cached` (same size and mtime)."""
    if cached is None:
        return 0
    hits = 0
    for item in found:
        hit = cached.notes.get(item.path)
        hits += hit is not None and hit[0] == item.size and hit[1] == item.mtime_ns
    return hits


def cache_entries(vault: Vault, found: list[Scanned]) -> dict[str, tuple[int, int, Note]]:
    """The vault's notes as the cache keeps them: path → (size, mtime the scan saw, note)."""
    by_path = {s.path: s for s in found}
    return {path: (by_path[path].size, by_path[path].mtime_ns, note)
            for path, note in vault.notes.items() if path in by_path}


def _read_parse(root: str, found: list[Scanned], config: Config) -> list[Note]:
    # The parser (YAML, markdown-it) is imported where it is used: a build that finds nothing
    # changed, and a watcher's start, never need it.
    from vaultkit.parse import MAX_NOTE_BYTES, parse_note, too_large

    notes = []
    # Parsing allocates millions of small acyclic objects; the cycle collector would
    # rescan them all again and again for nothing. Pause it for the loop.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for item in found:
            if item.size > MAX_NOTE_BYTES:
                notes.append(too_large(item.path, item.size))
                continue
            data = read_note(root, item.path)
            if data is not None:
                notes.append(parse_note(item.path, data, config))
    finally:
        if was_enabled:
            gc.enable()
    return notes


def read_and_parse(root: str, found: list[Scanned], config: Config, workers: int | None = None,
                   progress: Progress | None = None) -> list[Note]:
    """Read and parse notes; on big vaults, in worker processes (parsing is CPU-bound).

    `progress(done, total)` is called as chunks of notes are finished.
    """
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(found) >= PARALLEL_MIN_NOTES else 1
    if workers <= 1:
        notes = _read_parse(root, found, config)
        if progress is not None:
            progress(len(found), len(found))
        return notes
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import vaultkit.parse  # noqa: F401 (loaded before the fork, so each worker has it already)

    chunks = [found[i::workers * 4] for i in range(workers * 4)]
    ctx: multiprocessing.context.BaseContext
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: the default start method works too
        ctx = multiprocessing.get_context()
    was_enabled = gc.isenabled()
    gc.disable()  # unpickling the workers' notes is another flood of small objects
    try:
        parts: list[list[Note]] = []
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            for part in pool.map(_read_parse, [root] * len(chunks), chunks, [config] * len(chunks)):
                parts.append(part)
                if progress is not None:
                    progress(sum(len(p) for p in parts), len(found))
    except (OSError, BrokenProcessPool):
        return _read_parse(root, found, config)  # no processes to be had: do it here
    finally:
        if was_enabled:
            gc.enable()
    return [note for part in parts for note in part]
