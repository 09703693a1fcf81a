"""A forked child that works something out from the parent's memory as it is now and sends it
back pickled through a pipe, while the parent goes on with other work (`hintwork`, `planwork`).

Forking shares the parent's memory (copied page by page as either process writes to it, which
reference counting does wherever an object is read), so the child needs nothing sent to it.
Anything that goes wrong (no fork on this platform, a process that cannot start, a child that
raises or dies) only means `result` is None: the caller does the work itself, as it could
always have.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any


def can_fork(threads: bool = False) -> bool:
    """Is a helping child worth forking here: more than one core, fork to be had, and no thread
    but this one (a thread holding a lock as the process forks leaves it held in the child for
    good: the parent would wait for a child that never answers)? `threads`: other threads may
    run, for a caller whose child takes none of their locks and who waits for it a bounded time
    (`Child.result(timeout)`)."""
    return ((os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()
            and (threads or threading.active_count() == 1))


class Channel:
    """The child's side of a `Child(talk=True)`: what the parent asked, and messages sent to it
    before the result."""

    def __init__(self, conn: Connection, asks: Connection) -> None:
        self._conn, self._asks = conn, asks

    def asked(self) -> bool:
        """Has the parent asked something (`Child.ask`) since the last call? Never waits."""
        try:
            if not self._asks.poll():
                return False
            self._asks.recv_bytes()
        except (EOFError, OSError):  # the parent is gone, or closed its end: it asks nothing more
            return False
        return True

    def send(self, message: object) -> None:
        """Send `message` to the parent, which takes it with `Child.receive` before the result."""
        self._conn.send_bytes(pickle.dumps(message, protocol=5))


class Child:
    """A forked process running `work()` (with `talk`, `work(channel)`: `Channel`); `result`
    waits for what it returned."""

    def __init__(self, work: Callable[..., object], talk: bool = False) -> None:
        """Fork the child (`can_fork` is the caller's to ask); when it cannot start, `running`
        is False and `result` None. With `talk`, the parent can `ask` and the child answer
        (`Channel`) before it returns."""
        self._proc: Any = None
        self._conn: Connection | None = None
        self._asks: Connection | None = None
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:
            return
        reader, writer = ctx.Pipe(duplex=False)
        asks, ask = ctx.Pipe(duplex=False) if talk else (None, None)
        try:
            proc = ctx.Process(target=_run, args=(work, writer, asks, os.getpid()), daemon=True)
            # Born with Ctrl-C held back, and ignoring it (`as_helper`): the parent handles it, and
            # ends the child; a Ctrl-C meanwhile reaches the parent as the block ends (once the child
            # is its own: should it stop the parent here, the child ends with it).
            with interrupts_held():
                proc.start()
                writer.close()  # the child's end: held only by the child now, so its death reads as EOF
                if asks is not None:
                    asks.close()
                self._proc, self._conn, self._asks = proc, reader, ask
        except OSError:
            for end in (reader, writer, asks, ask):
                if end is not None:
                    end.close()
            return

    @property
    def running(self) -> bool:
        """A child was started and its result not taken yet."""
        return self._conn is not None

    def busy(self) -> bool:
        """Is the child at work still (started, and neither sent what it found nor ended)?"""
        if self._conn is None:
            return False
        try:
            return not self._conn.poll()  # what it found, or the end of the pipe: readable either way
        except OSError:
            return False

    def ask(self) -> None:
        """Ask the child something (`Channel.asked`: what, the work's own protocol says); a
        child that ended, or was started without `talk`, is asked nothing."""
        if self._asks is not None:
            try:
                self._asks.send_bytes(b"?")
            except OSError:  # it ended: what it found is in the pipe, or it died
                pass

    def receive(self, timeout: float | None = None) -> object | None:
        """Wait for the child's next message (`Channel.send`) or, after the last, what `work()`
        returned; None when it raised, died or never started, or sent nothing in `timeout`
        seconds (None: no limit). The child goes on."""
        if self._conn is None:
            return None
        found: object | None
        try:
            if timeout is not None and not self._conn.poll(timeout):
                return None
            found = pickle.loads(self._conn.recv_bytes())  # from our own fork: no stranger's bytes
        except (EOFError, OSError, pickle.UnpicklingError):
            found = None
        return found

    def result(self, timeout: float | None = None) -> object | None:
        """Wait for the child and return what `work()` returned; None when it raised, died or
        never started, or returned nothing in `timeout` seconds (then it is ended)."""
        found = self.receive(timeout)
        self.stop()
        return found

    def result_within_share(self, started: float, least: float) -> object | None:
        """`result`, waited for no longer than the parent's own share of the work took since
        `started` (`time.perf_counter`), and at least `least` seconds: a child slower than the
        parent is given up, and the parent does its part itself."""
        return self.result(timeout=max(least, time.perf_counter() - started))

    def stop(self) -> None:
        """End the child, whether or not it is done."""
        if self._asks is not None:
            self._asks.close()
            self._asks = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._proc = None

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# The signals that stop vaultkit as Ctrl-C does: SIGINT, and SIGTERM and SIGHUP where `watch`
# makes them one (`vaultkit.cli.main`). A helper is born with them held back (`interrupts_held`),
# and takes none as its parent does (`as_helper`).
_HANGUP = getattr(signal, "SIGHUP", None)
_STOPS = {signal.SIGINT, signal.SIGTERM} | ({_HANGUP} if _HANGUP is not None else set())


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (blocked in this thread) meanwhile: a process forked now is
    born with them blocked, and ignores Ctrl-C, dies of SIGTERM, before letting them through
    (`as_helper`), so neither, which reach the whole process group (a terminal's Ctrl-C, a
    service manager's stop), prints a helper's traceback; this process gets them once the block
    ends, not lost. Where signals cannot be blocked, nothing changes."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def as_helper(parent: int) -> None:
    """In a helper (a parse worker, a `Child`) forked by `parent` under `interrupts_held`: Ctrl-C
    ignored, the parent handles it and ends its helpers; SIGTERM (SIGHUP) ends it at once and quietly (the
    parent's handler, inherited, raised KeyboardInterrupt in the helper: its traceback on the
    terminal, `watch` stopped by a service manager); and the helper ends with its parent
    (`die_with_parent`). Nothing in `parent` itself (a worker's start run in-process)."""
    if parent <= 0 or parent == os.getpid():
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _HANGUP is not None and signal.getsignal(_HANGUP) is not signal.SIG_IGN:
        signal.signal(_HANGUP, signal.SIG_DFL)  # (ignored under `nohup`: stays so)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """End this process (a helper forked by `parent`) when `parent` dies, on Linux (the kernel's
    parent-death signal): a parent killed outright (kill -9, the out-of-memory killer) cannot end
    its helpers, and a parse worker waiting for its next batch, or blocked writing a result no
    one reads, would wait for good, holding its memory and the pipes of whatever ran vaultkit
    (`vaultkit build | cat` would never end). Elsewhere, and where the request fails, nothing
    changes."""
    if not sys.platform.startswith("linux") or parent <= 0 or parent == os.getpid():
        return  # (the parent itself, running a worker's start in-process: nothing to ask)
    try:
        import ctypes  # (only here, in the helper: the parent never needs it)

        if ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL) != 0:  # 1: PR_SET_PDEATHSIG
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request: no signal will come
        os._exit(1)


def _run(work: Callable[..., object], conn: Connection, asks: Connection | None, parent: int) -> None:
    as_helper(parent)
    # The collector off: it would walk the parent's whole heap again, for a process that makes
    # no cycle worth collecting and ends.
    gc.disable()
    try:
        done = work() if asks is None else work(Channel(conn, asks))
        conn.send_bytes(pickle.dumps(done, protocol=5))
    except Exception:  # whatever it was, the parent does the work itself (and sees it there)
        pass
    finally:
        conn.close()
