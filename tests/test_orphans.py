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

SCRIPT = """
import sys, time
from vaultkit.disk import forked, load
from vaultkit.reader.config import Config

pool = load.start_pool((sys.argv[1], Config(), 0, False), 2)
for future in [pool.submit(load._work, []) for _ in range(4)]:
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
