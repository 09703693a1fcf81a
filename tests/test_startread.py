"""The watcher's start on both cores (`vaultkit.live.startread`): a forked child walks the vault
while the parent reads the notes cache, and the watcher loads what it would have loaded from its
own scan; a child that fails, dies, is slow or sends what does not fit only means the parent scans
the vault itself."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, copy_vault, fail_child
from vaultkit.disk import forked, fs
from vaultkit.disk.build import build
from vaultkit.disk.record import current_scan
from vaultkit.live import startread
from vaultkit.live.session import Session
from vaultkit.views.registry import views_of


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A copy of the example vault, built (its notes cache and build record written)."""
    root = copy_vault(EXAMPLE, tmp_path / "career-vault")
    build(root)
    return root


@pytest.fixture
def scans_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The walks of the vault this process made (a forked child's are not counted here)."""
    mine, parent, real = [], os.getpid(), fs.scan

    def counted(root: str, *args: Any, **kwargs: Any) -> Any:
        if os.getpid() == parent:
            mine.append(root)
        return real(root, *args, **kwargs)

    monkeypatch.setattr(fs, "scan", counted)
    return mine


def _loaded(root: Path, scanned: Any = None, read: Any = None) -> dict[str, Any]:
    session = Session(str(root))
    session.load(scanned, read)
    return {p: (size, mtime, note) for p, (size, mtime, note) in session.notes.items()}


def test_the_scan_comes_from_the_child_and_the_load_is_as_one_cores(built: Path, scans_here: list[str]) -> None:
    (built / ".vaultkit" / "views").mkdir(parents=True)
    (built / ".vaultkit" / "views" / "Shares.md.j2").write_text("---\nreads: share\n---\n{{ 1 }}\n", "utf-8")
    early, scanned, read = startread.scan_and_read(str(built), None)
    assert scans_here == []  # the walk was the child's
    assert scanned is not None and "shares" in views_of(scanned.config)  # the config's own views kept
    assert (early, scanned) == current_scan(str(built)) and not early  # (a view added since the build)
    assert read is not None and read.cached is not None and len(read.cached.notes) == len(scanned.found)
    assert _loaded(built, scanned, read) == _loaded(built)
    assert read.cached is None  # the load took it: not kept by the caller's reference


@pytest.mark.parametrize("trouble", ["raises", "dies", "is slow", "sends nonsense", "sends a short scan",
                                     "read another config", "no fork"])
def test_the_parent_scans_itself_when_the_child_does_not_help(trouble: str, built: Path, scans_here: list[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    real = startread._scan
    if trouble == "sends nonsense":
        monkeypatch.setattr(startread, "_scan", lambda *args: (*real(*args)[:2], "paths"))
    elif trouble == "sends a short scan":  # a note's size missing: the scan taken never, not in part
        def short(*args: Any) -> Any:
            early, (*head, paths, sizes, mtimes) = real(*args)
            return early, (*head, paths, sizes[1:], mtimes)
        monkeypatch.setattr(startread, "_scan", short)
    elif trouble == "read another config":  # vaultkit.toml saved between the parent's read and the child's
        def other(*args: Any) -> Any:
            early, (cfg_text, *rest) = real(*args)
            return early, (cfg_text + "# saved meanwhile\n", *rest)
        monkeypatch.setattr(startread, "_scan", other)
    elif trouble == "no fork":
        monkeypatch.setattr(forked, "can_fork", lambda threads=False: False)
    else:  # raises, dies, is slow (waited for no longer than the parent's own share)
        assert fail_child(monkeypatch, startread, "_scan", trouble)
    started = time.monotonic()
    early, scanned, read = startread.scan_and_read(str(built), None)
    assert time.monotonic() - started < 30  # the slow child was not waited for
    assert scans_here == [str(built)]  # walked here, once
    assert (early, scanned) == current_scan(str(built)) and early
    assert _loaded(built, scanned, read) == _loaded(built)


@pytest.mark.parametrize("prep", ["a prep note", "a hidden file"])
def test_the_cache_is_read_again_when_the_scan_finds_other_prep_notes_than_guessed(
        prep: str, built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether there are prep notes is guessed from a listing of their folder before the scan; a
    file there that the scan leaves out (hidden) makes a wrong guess: the load reads the cache again."""
    folder = built / "Vaultkit" / "Prep"
    folder.mkdir()
    (folder / ("Team offsite.md" if prep == "a prep note" else ".draft.md")).write_text("# Prep\n", "utf-8")
    reads, real = [], startread.read_cache

    def counted(*args: Any) -> Any:
        reads.append(args[-1])
        return real(*args)

    monkeypatch.setattr("vaultkit.live.session.read_cache", counted)
    monkeypatch.setattr(startread, "read_cache", counted)
    _, scanned, read = startread.scan_and_read(str(built), None)
    assert read is not None and read.preps
    loaded = _loaded(built, scanned, read)
    assert reads == ([True] if prep == "a prep note" else [True, False])
    assert loaded == _loaded(built)
