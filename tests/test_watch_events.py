"""What the file watcher hands `vaultkit watch`: the events that can change a note, not reads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent

from tests.conftest import write_vault
from vaultkit.live import watch as watch_mod

TIMEOUT = 30.0


def _wait(predicate: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT:.0f} s"
        time.sleep(0.01)


def test_reads_in_the_vault_never_reach_the_watcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening and reading notes (the watcher's own reads of the generated notes it writes, a
    reader polling People.md) is no change: the kernel is not asked for those events, nor for a
    folder's "modified" (each entry's own event comes with it)."""
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": "",
        "People/Ada.md": "---\ntype: person\nrole: Engineer\n---\n# Ada\n",
        "Daily/2026-01-05.md": "- 2026-01-05 coffee with [[Ada]]\n",
    })
    seen: list[tuple[str, bool, str]] = []
    handle = watch_mod._Handler.on_any_event

    def spy(self: watch_mod._Handler, event: FileSystemEvent) -> None:
        seen.append((event.event_type, event.is_directory, str(event.src_path)))
        handle(self, event)

    monkeypatch.setattr(watch_mod._Handler, "on_any_event", spy)
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_mod.watch, daemon=True,
                              args=(str(root), watch_mod.WatchOptions(debounce=0.02, rescan_every=3600.0),
                                    lines.append, stop))
    thread.start()
    try:
        _wait(lambda: any(line.startswith(("watching", "ready")) and "loading" not in line for line in lines),
              "'watching' line")
        time.sleep(0.3)  # the first build's own writes have been told by now
        del seen[:]
        for _ in range(5):
            for note in ("People/Ada.md", "Daily/2026-01-05.md", "Vaultkit/People.md"):
                (root / note).read_bytes()
        note = root / "People" / "Ada.md"
        note.write_text(note.read_text(encoding="utf-8").replace("Engineer", "Architect"), encoding="utf-8")
        _wait(lambda: any("People/Ada.md" in line and "←" in line for line in lines), "rebuild line")
        assert "Architect" in (root / "Vaultkit" / "People.md").read_text(encoding="utf-8")
    finally:
        stop.set()
        thread.join(10)
    kinds = {kind for kind, _, _ in seen}
    assert "modified" in kinds or "closed" in kinds, seen  # the save itself was told
    assert not kinds & {"opened", "closed_no_write"}, seen
    assert not [e for e in seen if e[0] == "modified" and e[1]], seen
