"""A helper forked by vaultkit (a parse worker, `forked.Child`) takes the signals that stop
vaultkit as its parent wants: Ctrl-C ignored (the parent handles it), SIGTERM (a service manager
stopping `watch`, sent to the whole process group) ends it quietly, never a traceback of its own."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from vaultkit.cli import main
from vaultkit.disk import forked

needs_fork = pytest.mark.skipif(sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods(),
                                reason="forked helpers")


def _slow(started: Path) -> str:
    started.touch()  # at work: the signal comes now
    time.sleep(5)
    return "done"


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert path.exists()


@needs_fork
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_reaching_a_helper_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                                         signum: int) -> None:
    """Under `watch`'s handlers (SIGINT and SIGTERM raise KeyboardInterrupt), a helper forked then
    inherited them: SIGTERM raised KeyboardInterrupt in the helper, whose traceback reached the
    terminal ("Process ForkProcess-1: Traceback …"). Now it ends at once and quietly; Ctrl-C it
    ignores, and answers."""
    previous = main._stop_on_signals()
    try:
        started = tmp_path / "started"
        child = forked.Child(lambda: _slow(started))
        assert child.running
        _wait_for(started)
        pid = child._proc.pid
        os.kill(pid, signum)
        found = child.result(timeout=None if signum == signal.SIGINT else 30)
        assert found == ("done" if signum == signal.SIGINT else None)
        assert signal.getsignal(signal.SIGTERM) is main._interrupt  # the parent's own, untouched
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err and "ForkProcess" not in err
