"""The cache: used when valid, discarded (never trusted) when corrupt, stale or hostile."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import EXAMPLE, snapshot
from vaultkit import cache, fs
from vaultkit.build import build
from vaultkit.cli import cli


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "v"
    shutil.copytree(EXAMPLE, dest)
    shutil.rmtree(dest / ".vaultkit", ignore_errors=True)
    return dest


def _age(vault: Path) -> None:
    """Make every file look older than the racy window, as on a vault not touched for a while."""
    for path in vault.rglob("*"):
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10_000_000_000))


def test_cache_round_trip_and_gitignore(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    assert (vault / ".vaultkit" / ".gitignore").read_text().endswith("*\n")
    stamp = cache.stamp((vault / "vaultkit.toml").read_text())
    data = fs.read_cache(str(vault), stamp)
    assert data is not None and len(data.notes) > 50
    assert fs.read_cache(str(vault), cache.stamp("other config")) is None


def test_warm_build_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    build(vault)
    _age(vault)
    build(vault)  # records the fingerprint once nothing is racy
    before = snapshot(vault)
    report = build(vault)
    assert report.created == report.updated == []
    assert snapshot(vault) == before


def test_a_changed_note_is_seen_through_the_cache(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    note = vault / "People" / "Jonas Weber.md"
    note.write_text(note.read_text().replace("company:", "company: Zeta Corp\nold_company:", 1))
    st = note.stat()
    os.utime(note, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    build(vault)
    assert "## Zeta Corp" in (vault / "Vaultkit" / "People.md").read_text()


def test_corrupt_stale_or_hostile_cache_is_discarded(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    expected = {p: t for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")}
    stamp = cache.stamp((vault / "vaultkit.toml").read_text())
    target = vault / cache.FILE
    hostile = pickle.dumps((cache.VERSION, stamp, [pickle.dumps({"x": (1, 2, os.system)})]))
    for raw in (b"garbage", target.read_bytes()[:100], pickle.dumps((0, stamp, [])), hostile):
        target.write_bytes(raw)
        (vault / cache.BUILD_FILE).unlink(missing_ok=True)
        shutil.rmtree(vault / "Vaultkit")
        assert fs.read_cache(str(vault), stamp) is None
        result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
        assert result.exit_code == 0, result.output
        got = {p: t[0] for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")}
        assert got == {p: t[0] for p, t in expected.items()}
