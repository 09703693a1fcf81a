"""Starting `vaultkit watch` from the cache, and what it leaves for the next start.

When the last build's record shows the generated notes are current, the watcher says
"watching" before it loads the vault (changes are recorded from then on), then "ready"
once the vault is in memory and planned. On a clean exit it writes the build record again, but only
when the disk still holds exactly what its generated notes were made from.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_watch import (  # noqa: F401 (fixtures)
    BEN,
    BEN_ROW,
    RebuildSpy,
    Watcher,
    row,
    save_plain,
    spy,
    start_watch,
    with_role,
)
from vaultkit.disk import cache, fs
from vaultkit.disk.build import build
from vaultkit.disk.record import is_current
from vaultkit.live.session import Session


def test_after_a_build_watching_comes_before_loading(example_copy: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    build(example_copy)
    assert is_current(str(example_copy))
    watcher = start_watch(example_copy)
    assert watcher.lines[0].startswith("watching") and "generated notes are current" in watcher.lines[0]
    watcher.wait_log(lambda line: line.startswith("ready: "), "the 'ready' line")
    note = example_copy / BEN
    save_plain(note, with_role(note.read_text(encoding="utf-8"), "After Ready").encode("utf-8"))
    watcher.converge()
    assert "After Ready" in (row(example_copy, BEN_ROW) or "")


def test_from_a_current_cache_ready_comes_once_planned(example_copy: Path, spy: RebuildSpy,  # noqa: F811
                                                      start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    """"Ready" is ready to plan a save (SPEC §7): the planner's facts are made before it, writing
    nothing (the generated notes are current), so a save made at "ready" waits for none of them;
    the vault's errors are said at "ready" all the same."""
    bad = example_copy / "People" / "Nul Byte.md"
    bad.write_bytes(b"---\nrole: x\n---\nnot\0text\n")
    os.utime(bad, ns=(time.time_ns() - 10**10,) * 2)  # not saved "just now": the build record can trust it
    build(example_copy)
    assert is_current(str(example_copy))
    before = {p: p.stat().st_mtime_ns for p in (example_copy / "Vaultkit").rglob("*.md")}
    watcher = start_watch(example_copy, verbose=True)
    watcher.wait_log(lambda line: "Nul Byte.md" in line and "[not-text]" in line, "the vault's errors")
    planned = next(i for i, line in enumerate(watcher.lines) if line.startswith("planned, nothing to rewrite"))
    ready = next(i for i, line in enumerate(watcher.lines) if line.startswith("ready: "))
    assert planned < ready and "generated notes current" in watcher.lines[ready]
    assert any("Nul Byte.md" in line and "[not-text]" in line for line in watcher.lines[ready:]), watcher.log()
    assert {p: p.stat().st_mtime_ns for p in (example_copy / "Vaultkit").rglob("*.md")} == before
    assert spy.starts[0] is True  # planned as a start (`Session.rebuild`)
    note = example_copy / BEN
    save_plain(note, with_role(note.read_text(encoding="utf-8"), "Planned Ahead").encode("utf-8"))
    watcher.converge()
    assert "Planned Ahead" in (row(example_copy, BEN_ROW) or "")


def test_a_start_on_both_cores_answers_a_save_made_at_ready(example_copy: Path, spy: RebuildSpy,  # noqa: F811
                                                            start_watch: Callable[..., Watcher],  # noqa: F811
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Brag.md and its rows planned by a forked child at the start (`live.rowwork`, here whatever
    the vault's size): a save of brag entries made at "ready" is planned from the rows it sent."""
    from vaultkit.live import rowwork

    monkeypatch.setattr(rowwork, "MIN_NOTES", 0)
    build(example_copy)
    note = next((example_copy / "Brag").glob("*.md"))
    text = note.read_text(encoding="utf-8")

    def save_at_ready(line: str) -> None:
        if line.startswith("ready: "):
            save_plain(note, (text + "\n- 2026-07-01 shipped at ready #brag impact:: 2x faster\n").encode("utf-8"))

    watcher = start_watch(example_copy, on_line=save_at_ready)
    watcher.wait_log(lambda line: line.startswith("ready: "), "the 'ready' line")
    watcher.converge()
    assert "shipped at ready" in (example_copy / "Vaultkit" / "Brag.md").read_text(encoding="utf-8")
    assert spy.starts[0] is True


def test_save_at_the_early_watching_line_is_seen(example_copy: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    build(example_copy)
    note = example_copy / BEN
    text = note.read_text(encoding="utf-8")

    def save_on_watching(line: str) -> None:
        if line.startswith("watching"):
            save_plain(note, with_role(text, "Saved Before Ready").encode("utf-8"))

    watcher = start_watch(example_copy, on_line=save_on_watching)
    watcher.converge()
    assert "Saved Before Ready" in (row(example_copy, BEN_ROW) or "")


def test_without_a_build_record_watch_loads_first(example_copy: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    assert not is_current(str(example_copy))  # a copy has no cache yet
    watcher = start_watch(example_copy)
    assert watcher.lines[0].startswith("watching") and "notes;" in watcher.lines[0]
    assert not any(line.startswith("ready") for line in watcher.lines)


def test_clean_exit_leaves_a_record_the_next_build_trusts(example_copy: Path,
                                                          start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    build(example_copy)
    watcher = start_watch(example_copy)
    note = example_copy / BEN
    save_plain(note, with_role(note.read_text(encoding="utf-8"), "Recorded On Exit").encode("utf-8"))
    watcher.converge()
    watcher.close()
    time.sleep(2.1)  # files changed in the last 2 s are never trusted by their mtime (cache.is_racy)
    assert is_current(str(example_copy))
    people = (example_copy / "Vaultkit" / "People.md").read_bytes()
    report = build(example_copy)
    assert not report.created and not report.updated
    assert (example_copy / "Vaultkit" / "People.md").read_bytes() == people
    assert b"Recorded On Exit" in people


def test_no_record_when_the_disk_moved_on(example_copy: Path) -> None:
    """A note saved after the last rebuild (an event not yet handled) must not be covered up."""
    build(example_copy)
    session = Session(str(example_copy))
    session.load()
    session.rebuild()
    note = example_copy / BEN
    save_plain(note, with_role(note.read_text(encoding="utf-8"), "Not Yet Built").encode("utf-8"))
    session.save_cache()
    time.sleep(2.1)  # past the racy window, so only the record can say "not current"
    assert not is_current(str(example_copy))
    report = build(example_copy)
    assert "Vaultkit/People.md" in report.updated
    assert "Not Yet Built" in (row(example_copy, BEN_ROW) or "")


def test_closing_lets_planning_go_and_writes_the_same_record(example_copy: Path) -> None:
    """The watcher's last `save_cache` drops what only planning reads before it works out the
    record (its peak memory was there): the record is the one a session still planning writes."""
    from vaultkit.disk import cache, fs

    build(example_copy)
    session = Session(str(example_copy))
    session.load()
    session.rebuild()
    session.live.links()  # type: ignore[union-attr]
    record = os.path.join(fs.cache_folder(str(example_copy)), cache.BUILD_FILE)
    os.remove(record)
    session.save_cache()
    kept = Path(record).read_bytes()
    os.remove(record)
    session.save_cache(closing=True)
    assert Path(record).read_bytes() == kept
    assert session.live is not None and session.live.linkers is None
    note = example_copy / BEN  # released, a session still plans (from scratch what it let go)
    save_plain(note, with_role(note.read_text(encoding="utf-8"), "After Closing").encode("utf-8"))
    session.update({BEN})
    session.rebuild()
    assert "After Closing" in (row(example_copy, BEN_ROW) or "")


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as for `vaultkit watch &` from a script


@pytest.mark.parametrize(("signum", "inherited"), [(signal.SIGINT, "ignored"), (signal.SIGTERM, "default"),
                                                 (getattr(signal, "SIGHUP", signal.SIGTERM), "default")])
def test_signals_stop_the_watcher_cleanly(example_copy: Path, signum: int, inherited: str) -> None:
    """SIGINT, even when inherited as ignored, SIGTERM and SIGHUP (its terminal closed) stop it as
    Ctrl-C does: state saved."""
    build(example_copy)
    notes_cache = Path(fs.cache_folder(str(example_copy))) / cache.FILE
    before = notes_cache.stat().st_mtime_ns
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("VAULTKIT_TODAY", None)
    proc = subprocess.Popen([sys.executable, "-m", "vaultkit", "--vault", str(example_copy), "watch"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True, encoding="utf-8",
                            preexec_fn=_ignore_sigint if inherited == "ignored" else None)
    # A thread reads the watcher's lines, so a watcher that never prints one fails the test at its
    # deadline instead of blocking it in readline (a hang here once held a whole suite run).
    lines: queue.Queue[str | None] = queue.Queue()
    seen: list[str] = []

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()

    def wait_for(text: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line with {text!r} in {seconds} s; so far: {seen!r}") from None
            assert line is not None, f"the watcher ended before a line with {text!r}: {seen!r}"
            seen.append(line)
            if text in line:
                return

    try:
        wait_for("ready")
        note = example_copy / BEN
        save_plain(note, with_role(note.read_text(encoding="utf-8"), "Stopped By Signal").encode("utf-8"))
        wait_for("←")
        proc.send_signal(signum)
        code = proc.wait(timeout=30)
        while (line := lines.get(timeout=30)) is not None:
            seen.append(line)
        output = "".join(seen)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == 0, output
    assert "Stopped." in output and "Traceback" not in output, output
    assert notes_cache.stat().st_mtime_ns != before  # the cache was stored on the way out
    assert "Stopped By Signal" in (row(example_copy, BEN_ROW) or "")


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP")
def test_a_hangup_ignored_as_under_nohup_stays_ignored() -> None:
    """`nohup vaultkit watch` outlives its terminal: the watcher takes SIGHUP as a stop only when
    it was not ignored."""
    from vaultkit.cli import main

    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        previous = main._stop_on_signals()
        try:
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN and signal.SIGHUP not in previous
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        previous = main._stop_on_signals()
        try:
            assert signal.getsignal(signal.SIGHUP) is main._interrupt
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
    finally:
        signal.signal(signal.SIGHUP, before)


def test_quiet_and_verbose_together_is_a_usage_error(example_copy: Path) -> None:
    from click.testing import CliRunner

    from vaultkit.cli.main import cli

    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "watch", "--quiet", "--verbose"])
    assert result.exit_code == 2
    assert "--quiet and --verbose" in result.output


def test_example_copies_leave_a_hand_made_cache_behind(tmp_path: Path) -> None:
    """The README's first command builds the example in place; tests must not inherit that build."""
    from tests.conftest import copy_vault, write_vault

    source = write_vault(tmp_path / "src", {
        "People/Ada.md": "---\ncompany: X\n---\n",
        ".vaultkit/cache-v1.pickle": b"\x80\x04N.",
        ".vaultkit/last-build-v1.json": "{}",
        ".vaultkit/templates/People.md.j2": "override\n",
    })
    copy = copy_vault(source, tmp_path / "copy")
    assert (copy / "People" / "Ada.md").exists()
    assert (copy / ".vaultkit" / "templates" / "People.md.j2").read_text() == "override\n"
    assert sorted(p.name for p in (copy / ".vaultkit").iterdir()) == ["templates"]
