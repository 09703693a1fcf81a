"""A build's helpers (parse workers, forked children) end when the build is killed outright.

kill -9, or the out-of-memory killer on a big vault, ends the build's process without a word to
its helpers: a parse worker waiting for its next batch, or a child still at its work, would go on
for good, holding its memory and the pipes of whatever ran vaultkit (`vaultkit build | cat` never
ends). On Linux the kernel ends them with their parent (`forked.die_with_parent`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vaultkit.disk import forked

SCRIPT = """
import sys, time
from vaultkit.disk import forked, parsework
from vaultkit.reader.config import Config

pool = parsework.start_pool((sys.argv[1], Config(), 0, False), 2)
for future in [pool.submit(parsework._work, []) for _ in range(4)]:
    future.result()  # the workers are running
child = forked.Child(lambda: time.sleep(600))
print("ready", flush=True)
time.sleep(600)
"""


def _children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                status = Path(f"/proc/{name}/status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(name))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended (PID 1 of a container may never reap it)


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="the parent-death signal is Linux's; helpers start on 2 cores or more")
def test_helpers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "ready\n"
        helpers = _children(parent.pid)
        assert len(helpers) >= 3  # two parse workers and the child (and multiprocessing's own, if any)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 30  # (they end at once: the bound only tells for good from soon)
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in helpers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "helpers outlived their killed parent"


INTERRUPTED = """
import sys, time
from vaultkit.disk import parsework
from vaultkit.reader.config import Config

original = parsework._work

def slow(found):  # (forked: the workers run this) slow enough that the parent takes a batch of its own
    time.sleep(0.3)
    return original(found)

def local(batch):  # the parent's share: it waits here for the Ctrl-C
    print("ready", flush=True)
    time.sleep(60)

parsework._work = slow

try:
    parsework.in_workers((sys.argv[1], Config(), 0, False), 2, [[] for _ in range(6)], local, lambda *a: None)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask") or (os.cpu_count() or 1) < 2,
                    reason="POSIX signals; workers start on 2 cores or more")
def test_ctrl_c_reaches_the_parent_and_no_worker_prints_a_traceback(tmp_path: Path) -> None:
    # Ctrl-C goes to the whole process group: a parse worker waiting for its next batch printed
    # multiprocessing's traceback of an interrupted process (found with `vaultkit check` on 10k notes).
    parent = subprocess.Popen([sys.executable, "-c", INTERRUPTED, str(tmp_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "ready\n"
        time.sleep(1.5)  # the workers done with their (empty) batches, waiting for more
        os.killpg(parent.pid, signal.SIGINT)
        out, err = parent.communicate(timeout=60)
    finally:
        if parent.poll() is None:
            os.killpg(parent.pid, signal.SIGKILL)
            parent.wait()
    assert out == "interrupted\n"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask") or not forked.can_fork(),
                    reason="POSIX signals and fork")
def test_a_ctrl_c_while_a_child_is_forked_reaches_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    # The child used to be forked with SIGINT ignored in the parent: a Ctrl-C then was lost.
    from multiprocessing.process import BaseProcess

    start = BaseProcess.start

    def interrupted_start(self: BaseProcess) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the child is forked
        start(self)

    monkeypatch.setattr(BaseProcess, "start", interrupted_start)
    with pytest.raises(KeyboardInterrupt):
        forked.Child(lambda: 1)
