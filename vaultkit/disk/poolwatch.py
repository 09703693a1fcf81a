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

`ended` ends a pool whose user stops (Ctrl-C) without waiting on it: `with pool:` shut it down
waiting for its thread, which, stuck on such a half message, never ended (a Ctrl-C right after
a worker died mid-result hung the build for good, the second Ctrl-C too: the pool's workers
ignore it).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
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


@contextlib.contextmanager
def ended(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """`with pool:`, but a block left by an exception (Ctrl-C, a broken pool) waits on nothing:
    the workers are ended where they are, the pool broken if its thread is stuck on a half message
    (`_break`), and shut down without its batches. A block that ends normally shuts it down as
    `with pool:` does, waiting for its thread."""
    try:
        yield pool
    except BaseException:
        _break(pool)
        thread = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=thread is None or not thread.is_alive(), cancel_futures=True)
        raise
    pool.shutdown(wait=True)


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
