"""Shared helpers: build real vaults in temporary folders, snapshot every byte and mtime."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "career-vault"


def run_python(code: str, check: bool = False, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`code` run by a fresh interpreter (this one's), from the repository's folder so that it
    imports this tree's vaultkit; its output captured as text (`check`: raise when it fails;
    `env`: the environment, else this one's)."""
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=check, env=env)


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (vault-relative path → text or bytes) under `root`."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def snapshot(root: Path, folder_mtimes: bool = True) -> dict[str, tuple[bytes, int]]:
    """Every regular file's bytes and mtime (symlinks and FIFOs are recorded by kind).

    A file that cannot be read is recorded by its size and mode. `folder_mtimes=False` records
    folders without their mtime, which moves whenever a file is written inside.
    """
    out: dict[str, tuple[bytes, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            st = full.lstat()
            if full.is_symlink():
                out[rel] = (os.readlink(full).encode(), st.st_mtime_ns)
            elif full.is_file() and not full.is_fifo():
                try:
                    out[rel] = (full.read_bytes(), st.st_mtime_ns)
                except OSError:
                    out[rel] = (f"<unreadable {st.st_size} {st.st_mode:o}>".encode(), st.st_mtime_ns)
            elif full.is_dir() and not folder_mtimes:
                out[rel] = (b"<folder>", 0)
            else:
                out[rel] = (b"<non-file>", st.st_mtime_ns)
    return out


def copy_vault(source: Path, dest: Path) -> Path:
    """A copy of a vault without any cache an earlier vaultkit left in `.vaultkit/` (template
    overrides and views stay). The cache now lives outside the vault (see `private_cache`), but a checkout
    built by hand with an older vaultkit may still hold one, and the first build removes it.
    """
    def no_cache(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n not in ("templates", "views")} if Path(folder) == source / ".vaultkit" else set()

    shutil.copytree(source, dest, symlinks=True, ignore=no_cache)
    return dest


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder (`$XDG_CACHE_HOME`, inherited by subprocesses): no
    test sees a cache another one, or a build by hand, left behind."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example vault, without any cache a build by hand left in it."""
    return copy_vault(EXAMPLE, tmp_path / "career-vault")


GOLDEN = ROOT / "tests" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output (review the diff before committing)")


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare a generated tree with tests/golden/<name>/, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, produced: dict[str, str]) -> None:
        folder = GOLDEN / name
        if update:
            if folder.exists():
                shutil.rmtree(folder)
            for rel, text in produced.items():
                path = folder / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
            return
        expected = {p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8")
                    for p in sorted(folder.rglob("*")) if p.is_file()}
        assert sorted(produced) == sorted(expected), "generated file set differs; run pytest --update-golden"
        for rel in produced:
            assert produced[rel] == expected[rel], f"{rel} differs from tests/golden/{name}/{rel}"
    return check


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The cycle collector off for the test, as in a build or a watcher's plan: only reference
    counting frees anything meanwhile (what it leaves, a one-shot build carries and a long
    watcher keeps)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@pytest.fixture
def one_thread() -> None:
    """For a test that needs a helping child really forked: wait (up to 30 s) for the threads an
    earlier test left ending (a watcher's observer, a writer pool) to end, since a child is forked
    only from a process with no other thread (`forked.can_fork`); fail, naming them, if they do not."""
    deadline = time.monotonic() + 30
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert threading.active_count() == 1, f"threads still running: {[t.name for t in threading.enumerate()]}"



def child_raises(*_: object) -> Any:
    """A forked child's work that fails (the fork inherits it, set before)."""
    raise RuntimeError("the child's work failed")


def fail_child(monkeypatch: pytest.MonkeyPatch, module: Any, work: str, trouble: str) -> bool:
    """Make `module.<work>`, run by a forked child, fail as `trouble` says: it "raises", "dies"
    without a word (as a killed process), or "is slow" (waited for no longer than the parent's own
    share: `module.MIN_WAIT` cut to 50 ms). False, and nothing done, for any other trouble."""
    if trouble == "raises":
        monkeypatch.setattr(module, work, child_raises)
    elif trouble == "dies":
        monkeypatch.setattr(module, work, lambda *_: os._exit(3))
    elif trouble == "is slow":
        monkeypatch.setattr(module, "MIN_WAIT", 0.05)
        monkeypatch.setattr(module, work, lambda *_: time.sleep(60))
    else:
        return False
    return True
