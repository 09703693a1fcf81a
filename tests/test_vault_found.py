"""Which folder is the vault: found upwards by its markers, or named; never just any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import fs

NOTE = {"People/Ada.md": "---\ncompany: X\n---\nmet [[Omar]]\n"}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VAULTKIT_VAULT", "VAULTKIT_TODAY")}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


def _run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vaultkit", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=_env(**env), stdin=subprocess.DEVNULL)


def test_a_folder_without_markers_is_not_a_vault(tmp_path: Path) -> None:
    home = write_vault(tmp_path / "home", NOTE)  # notes, but no vaultkit.toml nor .obsidian/
    before = snapshot(home)
    proc = _run(home / "People", "build")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "not a vault" in proc.stderr and "vaultkit init" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(home) == before  # no Vaultkit/ made, nothing written


@pytest.mark.parametrize("args", [["build"], ["check"], ["watch"], ["followups"], ["review", "2026"],
                                  ["new", "person", "Bo"], ["log", "Ada", "hi"], ["brag", "a win"]])
def test_refused_before_any_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    write_vault(tmp_path, NOTE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAULTKIT_VAULT", raising=False)

    def no_scan(*a: object, **k: object) -> None:
        raise AssertionError("scanned a folder that is not a vault")
    monkeypatch.setattr(fs, "scan", no_scan)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "not a vault" in result.output and "vaultkit init" in result.output
    assert not (tmp_path / "Vaultkit").exists()


def test_help_and_init_work_outside_a_vault(tmp_path: Path) -> None:
    assert _run(tmp_path, "build", "--help").returncode == 0
    made = _run(tmp_path, "init")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "vaultkit.toml").is_file()
    assert _run(tmp_path / "People", "check").returncode == 0  # now found upwards


def test_found_upwards_by_either_marker(tmp_path: Path) -> None:
    for marker in ("vaultkit.toml", ".obsidian/app.json"):
        root = write_vault(tmp_path / marker.split("/")[0].strip("."), {**NOTE, marker: ""})
        proc = _run(root / "People", "check")
        assert proc.returncode == 0, proc.stderr
        assert "1 note checked" in proc.stderr


def test_a_named_folder_needs_a_note(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "Sub").mkdir(parents=True)
    (empty / "Sub" / "picture.png").write_bytes(b"png")
    (empty / ".hidden").mkdir()
    (empty / ".hidden" / "x.md").write_text("hidden\n")
    for proc in (_run(tmp_path, "--vault", str(empty), "build"), _run(tmp_path, "build", VAULTKIT_VAULT=str(empty))):
        assert proc.returncode == 1, proc.stderr
        assert "not a vault" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in empty.iterdir()) == [".hidden", "Sub"]
    deep = write_vault(tmp_path / "deep", {"a/b/c/Note.md": "[[x]]\n"})
    for proc in (_run(tmp_path, "--vault", str(deep), "build"), _run(tmp_path, "build", VAULTKIT_VAULT=str(deep))):
        assert proc.returncode == 0, proc.stderr
    assert (deep / "Vaultkit" / "People.md").is_file()
