"""The vault's link diagnostics and their "did you mean" hints, worked out in a second process
while the build plans its generated notes.

After a cold build has parsed its notes, the worker processes are done and one core sits idle
while the parent plans and renders; the link diagnostics (a fuzzy search for each missing
link's hint, the costliest part of the vault's diagnostics, and every link's anchor and doubt)
need only the vault as it is now. A forked child, which shares the parent's memory as it was,
works them out meanwhile and sends them back through a pipe; the parent's vault takes them
(`Vault.take_link_diagnostics`, `LinkIndex.take_hints`), and the diagnostics it sorts
afterwards are the ones it would have worked out alone. Should the build replace a note
meanwhile (a note whose query regions it filled is read again), the diagnostics are the
child's no longer and the parent works them out again, with the hints (names only) it took.

Anything that goes wrong in the child (no fork on this platform, a process that cannot start,
one that dies) only means the parent works them out itself, as it always could.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from vaultkit.reader.vault import Vault

MIN_NOTES = 1500  # below this, a process costs more than the hints it saves (`load.PARALLEL_MIN_NOTES`)


def can_start(notes: int, min_notes: int | None = None) -> bool:
    """Would `Hints` start a child for a vault of `notes` notes: at least `min_notes` (else
    `MIN_NOTES`), on a machine of more than one core where processes can be forked?"""
    return (notes >= (MIN_NOTES if min_notes is None else min_notes) and (os.cpu_count() or 1) >= 2
            and "fork" in multiprocessing.get_all_start_methods())


class Hints:
    """A child process working out a vault's hints and link diagnostics; `finish` hands them
    to the vault."""

    def __init__(self, vault: Vault, wanted: bool = True, min_notes: int | None = None) -> None:
        """Start the child when the hints are `wanted`, for a vault of at least `min_notes`
        notes, on a machine of more than one core where processes can be forked."""
        self._vault = vault
        self._proc: Any = None
        self._conn: Connection | None = None
        if not wanted or not can_start(len(vault.notes), min_notes):
            return
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork here: the child would have to read the vault again
            return
        reader, writer = ctx.Pipe(duplex=False)
        try:
            proc = ctx.Process(target=_child, args=(vault, writer), daemon=True)
            with _no_interrupt():  # born ignoring Ctrl-C: the parent handles it, and ends the child
                proc.start()
        except OSError:
            reader.close()
            writer.close()
            return
        writer.close()  # the child's end: held only by the child now, so its death reads as EOF
        self._proc, self._conn = proc, reader

    @property
    def running(self) -> bool:
        """A child was started and not stopped: it holds the vault as it was then."""
        return self._conn is not None

    def busy(self) -> bool:
        """Is the child at work still (started, and neither sent what it found nor ended)? The
        build plans on both cores only once it is not (`planwork`)."""
        if self._conn is None:
            return False
        try:
            return not self._conn.poll()  # what it found, or the end of the pipe: readable either way
        except OSError:
            return False

    def finish(self) -> None:
        """Wait for the child and give what it found to the vault (when it failed, the vault
        works it out itself, as it would have without a child)."""
        if self._conn is None:
            return
        try:
            found = pickle.loads(self._conn.recv_bytes())  # from our own fork: no stranger's bytes
        except (EOFError, OSError, pickle.UnpicklingError):
            found = None
        self.stop()
        if isinstance(found, tuple):
            hints, diags, changes = found
            self._vault.index.take_hints(hints)  # names only: still right if notes were replaced
            self._vault.take_link_diagnostics(diags, changes)

    def stop(self) -> None:
        """End the child, whether or not it is done (its hints no longer wanted)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._proc = None

    def __enter__(self) -> Hints:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """SIGINT ignored meanwhile (in the main thread, the only one that may set it), so that a
    child forked now ignores it: a Ctrl-C reaches the whole process group, and in the child it
    would only print multiprocessing's traceback of an interrupted process."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def _child(vault: Vault, conn: Connection) -> None:
    from vaultkit.disk.takeback import TakeBack

    # Forked before the parent froze its heap (`load.settle_heap`): the collector would walk the
    # whole vault here again and again, for a process that makes no cycle worth collecting and ends.
    gc.disable()
    try:
        walked = None
        if isinstance(vault.incomplete, TakeBack):  # what the parent planned without: walked as taken back
            walked, vault.incomplete = vault.incomplete.walk(), None
        hints, diags = vault.link_findings(walked)
        conn.send_bytes(pickle.dumps((hints, diags, vault.changes), protocol=5))
    except Exception:  # the parent stopped waiting, or anything else: it works them out itself
        pass
    finally:
        conn.close()
