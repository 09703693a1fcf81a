"""The "did you mean" hints of a vault's missing links, worked out in a second process while
the build plans its generated notes.

After a cold build has parsed its notes, the worker processes are done and one core sits idle
while the parent plans and renders; the hints (a fuzzy search for each missing link, the
costliest part of the vault's diagnostics) need only the vault as it is now. A forked child,
which shares the parent's memory as it was, works them out meanwhile and sends them back
through a pipe; the parent's `LinkIndex` takes them (`LinkIndex.take_hints`), and the
diagnostics it works out afterwards are the ones it would have worked out alone.

Anything that goes wrong in the child (no fork on this platform, a process that cannot start,
one that dies) only means the parent works the hints out itself, as it always could.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from multiprocessing.connection import Connection
from typing import Any

from vaultkit.reader.vault import Vault

MIN_NOTES = 1500  # below this, a process costs more than the hints it saves (`load.PARALLEL_MIN_NOTES`)


class Hints:
    """A child process working out `vault.hints()`; `finish` hands them to the vault's index."""

    def __init__(self, vault: Vault, wanted: bool = True, min_notes: int = MIN_NOTES) -> None:
        """Start the child when the hints are `wanted`, for a vault of at least `min_notes`
        notes, on a machine of more than one core where processes can be forked."""
        self._vault = vault
        self._proc: Any = None
        self._conn: Connection | None = None
        if not wanted or len(vault.notes) < min_notes or (os.cpu_count() or 1) < 2:
            return
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork here: the child would have to read the vault again
            return
        reader, writer = ctx.Pipe(duplex=False)
        try:
            proc = ctx.Process(target=_child, args=(vault, writer), daemon=True)
            proc.start()
        except OSError:
            reader.close()
            writer.close()
            return
        writer.close()  # the child's end: held only by the child now, so its death reads as EOF
        self._proc, self._conn = proc, reader

    def finish(self) -> None:
        """Wait for the child and give its hints to the vault's index (when it failed, the
        index works them out itself, as it would have without a child)."""
        if self._conn is None:
            return
        try:
            found = pickle.loads(self._conn.recv_bytes())  # from our own fork: no stranger's bytes
        except (EOFError, OSError, pickle.UnpicklingError):
            found = None
        self.stop()
        if isinstance(found, dict):
            self._vault.index.take_hints(found)

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


def _child(vault: Vault, conn: Connection) -> None:
    try:
        conn.send_bytes(pickle.dumps(vault.hints(), protocol=5))
    except (OSError, BrokenPipeError):
        pass  # the parent stopped waiting
    finally:
        conn.close()
