"""Waiting on parse workers (`load`'s `ProcessPoolExecutor`) that may be killed outright.

A worker killed while it sends its result (`kill -9`, the OOM killer on a big vault: the result is
a pickled chunk of hundreds of kB) leaves half a message in the pool's result pipe and the pipe's
lock held. The pool's own thread then waits for the rest of that message for good, never seeing
the worker gone, and the other workers wait for the lock: the build waited with them, for good.

`wait_done` waits as `concurrent.futures.wait` does, looking every `LOOK` seconds for a worker
gone; finding one while the pool has not noticed, it ends the pool's processes and completes the
half message with bytes no result unpickles as, so that the pool's thread breaks the pool as it
would have for a worker that died between results: every pending batch then raises
`BrokenProcessPool`, and `load` parses what is left itself.
"""

from __future__ import annotations

import contextlib
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

LOOK = 0.5  # seconds between looks at the workers while none has a batch done
_GIVE_UP = 10.0  # seconds of feeding the pipe before leaving the pool's thread as it is


def wait_done(pool: ProcessPoolExecutor, pending: dict[Future[Any], Any]) -> set[Future[Any]]:
    """The futures of `pending` done (at least one), as `wait(..., FIRST_COMPLETED)`; a pool
    stuck on a worker killed mid-result is broken first (their futures then raise `BrokenProcessPool`)."""
    while True:
        done = wait(pending, timeout=LOOK, return_when=FIRST_COMPLETED)[0]
        if done:
            return done
        if _lost_worker(pool):
            _break(pool)


def unstick(pool: ProcessPoolExecutor) -> None:
    """Break `pool` if a worker of it is gone (`wait_done`): its shutdown would otherwise wait
    for good on the pool's thread, stuck on a half message."""
    if _lost_worker(pool):
        _break(pool)


def _lost_worker(pool: ProcessPoolExecutor) -> bool:
    """Has a worker of `pool` ended (it never does by itself while there is work)?"""
    processes = getattr(pool, "_processes", None) or {}
    return any(process.exitcode is not None for process in list(processes.values()))


def _break(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers and feed its result pipe until the pool's thread, waiting there on
    a half message, reads the rest, fails to unpickle it and breaks the pool (a pool that breaks
    by itself meanwhile stops the feeding too)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    thread = getattr(pool, "_executor_manager_thread", None)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if thread is None or writer is None:
        return  # another Python's pool: nothing known to feed
    try:
        fd = writer.fileno()
        os.set_blocking(fd, False)  # never blocked here on a full pipe: its reader may be gone
    except (OSError, ValueError):
        return
    zeros = bytes(1 << 16)
    until = time.monotonic() + _GIVE_UP
    while thread.is_alive() and time.monotonic() < until:
        try:
            os.write(fd, zeros)
        except BlockingIOError:
            pass  # full: the pool's thread reads it meanwhile
        except OSError:
            return  # the pipe is closed: the pool has ended its thread, or will
        thread.join(0.01)
