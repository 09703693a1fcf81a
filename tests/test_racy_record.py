"""A build or check that read a note within 2 s of its mtime leaves no record a later run trusts.

On a file system whose mtimes are coarse (FAT and exFAT: 2 s, HFS+: 1 s, some network shares),
or after a tool that sets mtimes (rsync -t, a sync client), a note saved again just after it was
read keeps its size and mtime. The notes cache already leaves such notes out (`cache.is_racy`);
a build or check record that vouched for them would make every later run skip the vault while
its generated notes (or the diagnostics printed) are of the old text, for good.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from vaultkit.disk.build import build
from vaultkit.disk.checkrun import run_check

NOTE = "People/Aisha Bello.md"


def _vault(tmp_path: Path) -> Path:
    dest = tmp_path / "v"
    shutil.copytree(EXAMPLE, dest)
    shutil.rmtree(dest / ".vaultkit", ignore_errors=True)
    for path in dest.rglob("*"):  # a vault not touched for a while
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))
    return dest


def _read_just_after_save(vault: Path, monkeypatch: pytest.MonkeyPatch, run: object) -> None:
    """Run `run(vault)` as if half a second after the note was saved (its mtime is in the racy window)."""
    saved = (vault / NOTE).stat().st_mtime_ns
    with monkeypatch.context() as patch:
        patch.setattr(time, "time_ns", lambda: saved + 500_000_000)
        run(vault)  # type: ignore[operator]


def _saved_again_same_stamp(vault: Path, old: bytes, new: bytes) -> None:
    """The note rewritten with text of the same size, its mtime as it was (coarse mtimes)."""
    note = vault / NOTE
    st = note.stat()
    data = note.read_bytes()
    assert data.count(old) == 1 and len(old) == len(new)
    note.write_bytes(data.replace(old, new))
    os.utime(note, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_build_record_of_a_racy_note_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = _vault(tmp_path)
    _read_just_after_save(vault, monkeypatch, build)
    _saved_again_same_stamp(vault, b"company: Corvid Health", b"company: Corvid Wealth")
    build(vault)
    clean = _vault(tmp_path / "clean")
    (clean / NOTE).write_bytes((vault / NOTE).read_bytes())
    shutil.rmtree(clean / "Vaultkit")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))
    build(clean)
    people = (vault / "Vaultkit" / "People.md").read_text()
    assert "Corvid Wealth" in people and "Corvid Health" not in people
    assert people == (clean / "Vaultkit" / "People.md").read_text()


def test_check_record_of_a_racy_note_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = _vault(tmp_path)
    _read_just_after_save(vault, monkeypatch, run_check)
    _saved_again_same_stamp(vault, b'introduced_by: "[[Priya Natarajan]]"', b'introduced_by: "[[Priya NatarajaX]]"')
    found = run_check(vault).diagnostics
    assert any(d.path == NOTE and "Priya NatarajaX" in d.message for d in found), [d.describe() for d in found]
