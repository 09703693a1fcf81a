"""Parse workers started while a cold build is still walking the vault.

A build parses its notes in worker processes (`load.read_and_parse`) once the scan has listed
them all. Until then the parent works alone: the scan (a `stat` a note: ~45 ms at 10k notes),
the build's fingerprint, the cache's look-up, the workers' fork. When the build will parse every
note anyway (no notes cache to take any from, no record that could say nothing changed), the
scan hands each note it finds to `Early` instead: once the vault is big enough for workers
(`load.PARALLEL_MIN_NOTES`), they start and get batches as the scan fills them, a batch queued
behind each running one as `load` keeps them; `load.read_and_parse` then goes on with the same
workers and the notes not handed yet (the last batches' worth among them, cut finer there:
`parsework.batches_of`). The notes, and the cache chunks the workers make of them, are those of a
build that started its workers after the scan; only the order differs, as it does from run to run.

Anything that goes wrong (no processes to be had, a worker that dies) leaves the notes to
`load`, which parses what no worker delivered itself; a build that turns out not to need them
(a record written meanwhile by another build) ends the workers when it leaves (`close`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from vaultkit.disk import cache, fs, load, parsework
from vaultkit.disk.fs import Scanned
from vaultkit.reader.config import Config


class Early:
    """Parse workers (`pool`, None until started) fed notes as a scan finds them (`add`), with
    the futures of the batches handed to them (`pending`, as `load` keeps them)."""

    def __init__(self, root: str, config: Config, now_ns: int, workers: int | None = None) -> None:
        """For the notes of the vault at `root` read with `config`, those modified within 2 s of
        `now_ns` left out of the cache chunks (`load.read_and_parse`); `workers` processes (else
        one a core, at most 4, as `load` starts them)."""
        self._job = (root, config, now_ns, False)
        self.workers = min(os.cpu_count() or 1, 4) if workers is None else workers
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[Future[tuple[bytes, bytes]], list[Scanned]] = {}
        self.found: list[Scanned] = []  # every note added, in the scan's order
        self._sent = 0  # the notes of `found` handed to the workers: its first ones
        self._next = load.PARALLEL_MIN_NOTES  # the count of notes at which to look again
        self._off = self.workers <= 1  # nothing more to hand (one core, a pool broken)

    def add(self, item: Scanned) -> None:
        """One more note the scan found: handed to the workers in a batch once there are enough."""
        found = self.found
        found.append(item)
        if len(found) >= self._next and not self._off:
            self._feed()

    def _feed(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        size = cache.CHUNK
        # Kept back for the end: the last batches' worth (`parsework.batches_of` cuts it finer), and
        # the batch being filled.
        keep = (self.workers + 1) * size
        while len(self.found) - self._sent >= keep + size and len(self.pending) < 2 * self.workers:
            batch = self.found[self._sent:self._sent + size]
            try:
                if self.pool is None:
                    self.pool = parsework.start_pool(self._job, self.workers)
                self.pending[parsework.submit(self.pool, batch)] = batch
            except (OSError, BrokenProcessPool):  # `load` sees the pool broken, and parses the rest itself
                self._off = True
                return
            self._sent += size
        # (With a batch queued behind each running one, the rest waits for `load`: the parent
        # parses its share there, and the workers take the others as they are done.)
        self._off = len(self.pending) >= 2 * self.workers
        self._next = len(self.found) + size

    def handed(self) -> set[str]:
        """The paths of the notes handed to the workers."""
        return {item.path for item in self.found[:self._sent]}

    def close(self) -> None:
        """End the workers (their batches not started are dropped, those running finish)."""
        if self.pool is not None:
            from vaultkit.disk.poolwatch import unstick

            unstick(self.pool)  # (a worker killed as it sent a result would keep the shutdown waiting)
            self.pool.shutdown(wait=True, cancel_futures=True)


def wanted(root: str, use_cache: bool, dry_run: bool, force: bool) -> bool:
    """Will a build parse every note the scan finds: no notes cache to take any from (`use_cache`
    off, or no file), and no record to find the vault as the last build left it (the look is only
    made `use_cache`, not `dry_run` nor `force`)? A guess from the files there now: a wrong one
    costs only the workers' start (a file of another vaultkit or config counts as one: no early start)."""
    if not use_cache:
        return True
    folder = fs.cache_folder(root)
    return not os.path.lexists(os.path.join(folder, cache.FILE)) and (
        dry_run or force or not os.path.lexists(os.path.join(folder, cache.BUILD_FILE)))


@contextmanager
def early(root: str, config: Config, now_ns: int, start: bool) -> Iterator[Early | None]:
    """An `Early` for the scan of the vault at `root` when `start` (`wanted`), else None; its
    workers ended on the way out."""
    if not start or (os.cpu_count() or 1) < 2:
        yield None
        return
    parse = Early(root, config, now_ns)
    try:
        yield parse
    finally:
        parse.close()
