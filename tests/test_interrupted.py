"""Nothing created outside, nothing left behind: the writer looks at every folder before it
creates one, and the temp files of a write killed at any step are removed by the next build."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import fs, writer

VAULT = {
    "vaultkit.toml": 'today = "2026-06-30"\n',
    "People/Ada Lovelace.md": "---\ncompany: Analytical\nrole: engineer\n---\n## Interactions\n\n"
                              "- 2026-03-04 coffee\n",
    "Events/Meetup.md": "---\ndate: 2026-07-10\nwant_to_meet: ['[[Ada Lovelace]]']\n---\n",
}


def _vk(root: Path, *args: str, kill_at: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VAULTKIT_TODAY", "VAULTKIT_TEST_KILL_AT")}
    if kill_at:
        env["VAULTKIT_TEST_KILL_AT"] = kill_at
    return subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(root), *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)})


def _temps(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if fs.is_temp(p.name))


def _files(root: Path) -> dict[str, bytes]:
    return {rel: data for rel, (data, _) in snapshot(root).items() if (root / rel).is_file()}


# --- nothing created through a symlink -----------------------------------------------------

def test_no_folder_is_created_through_a_symlinked_folder(tmp_path: Path) -> None:
    vault, outside = tmp_path / "vault", tmp_path / "outside"
    vault.mkdir()
    outside.mkdir()
    (vault / "Out").symlink_to(outside, target_is_directory=True)
    (vault / "In").mkdir()
    (vault / "Also").symlink_to(vault / "In", target_is_directory=True)
    (vault / "plain.md").write_text("a file, not a folder\n")
    for rel in ("Out/Reviews/x.md", "Out/x.md", "Also/Deep/x.md", "plain.md/x.md"):
        with pytest.raises(PermissionError, match="symlink or not a folder"):
            writer.atomic_write(str(vault), rel, b"x\n")
        with pytest.raises(PermissionError):
            writer.create_new(str(vault), rel, b"x\n")
    assert list(outside.iterdir()) == [] and list((vault / "In").iterdir()) == []


@pytest.mark.parametrize("link", ["Vaultkit", "Vaultkit/Reviews", "Vaultkit/Prep"])
def test_review_and_prep_create_nothing_through_a_symlinked_output_folder(tmp_path: Path, link: str) -> None:
    vault = write_vault(tmp_path / "vault", VAULT)
    outside = tmp_path / "outside"
    outside.mkdir()
    (vault / link).parent.mkdir(parents=True, exist_ok=True)
    (vault / link).symlink_to(outside, target_is_directory=True)
    before = snapshot(vault)
    for args in (["review", "2026-H1"], ["prep", "Meetup"]):
        result = CliRunner().invoke(cli, ["--vault", str(vault), *args])
        if link == "Vaultkit" or link.endswith("Reviews" if args[0] == "review" else "Prep"):
            assert result.exit_code == 1, result.output
            assert "symlink" in result.output
    assert list(outside.iterdir()) == []
    assert {k: v for k, v in snapshot(vault).items() if not k.startswith("Vaultkit")
            } == {k: v for k, v in before.items() if not k.startswith("Vaultkit")}


# --- nothing left behind ---------------------------------------------------------------------

@pytest.mark.parametrize("step", ["temp-created", "temp-written", "replaced"])
def test_a_build_killed_at_any_step_leaves_nothing_after_the_next(tmp_path: Path, step: str) -> None:
    vault = write_vault(tmp_path / "vault", VAULT)
    assert _vk(vault, "build").returncode == 0
    old = _files(vault)
    person = vault / "People" / "Ada Lovelace.md"
    person.write_text(person.read_text().replace("Analytical", "Difference Engines"))
    expected = write_vault(tmp_path / "expected", {**VAULT, "People/Ada Lovelace.md": person.read_text()})
    assert _vk(expected, "build").returncode == 0
    new = _files(expected)

    killed = _vk(vault, "build", kill_at=step)
    assert killed.returncode == -9, killed.stderr
    temps = _temps(vault)
    assert len(temps) == (step != "replaced"), temps
    for rel, data in _files(vault).items():  # every note whole: its old bytes or its new ones
        if not fs.is_temp(rel.rsplit("/", 1)[-1]):
            assert data in (old.get(rel), new.get(rel)), rel
    assert _vk(vault, "build").returncode == 0
    assert _temps(vault) == []
    assert _files(vault) == {rel: data for rel, data in new.items()}


@pytest.mark.parametrize("step", ["temp-created", "temp-written", "linked"])
def test_a_new_note_killed_at_any_step_is_whole_or_absent(tmp_path: Path, step: str) -> None:
    vault = write_vault(tmp_path / "vault", VAULT)
    killed = _vk(vault, "new", "person", "Bo Test", kill_at=step)
    assert killed.returncode == -9, killed.stderr
    people = sorted(p.name for p in (vault / "People").iterdir())
    assert len([n for n in people if fs.is_temp(n)]) == 1
    made = vault / "People" / "Bo Test.md"
    assert made.exists() == (step == "linked")
    assert _vk(vault, "build").returncode == 0
    assert _temps(vault) == []
    assert sorted(p.name for p in (vault / "People").iterdir()) == sorted(
        ["Ada Lovelace.md", *(["Bo Test.md"] if step == "linked" else [])])
    if step == "linked":  # the interrupted `new` had written it whole: `new` again makes nothing new
        assert "Bo Test" in made.read_text()
        assert _vk(vault, "new", "person", "Bo Test").returncode == 1


def test_a_log_killed_before_its_rename_leaves_the_note_as_it_was(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "vault", VAULT)
    person = vault / "People" / "Ada Lovelace.md"
    before = person.read_bytes()
    assert _vk(vault, "log", "Ada Lovelace", "lunch", "--date", "2026-06-01", kill_at="temp-written").returncode == -9
    assert person.read_bytes() == before
    assert len(_temps(vault)) == 1
    assert _vk(vault, "build").returncode == 0
    assert _temps(vault) == [] and person.read_bytes() == before


def test_a_write_in_progress_keeps_its_temp_file(tmp_path: Path) -> None:
    """Another vaultkit writing right now holds a lock on its temp file: a build leaves it alone."""
    vault = write_vault(tmp_path / "vault", VAULT)
    busy = vault / "People" / ".vaultkit-abcd1234.tmp"
    busy.write_bytes(b"half a note")
    others = ["People/.vaultkit-notes.tmp", "People/mine.tmp", "People/.vaultkit-abcd1234.tmp.bak",
              "Notes/.vaultkit-zz_99yy8.tmp"]
    for rel in others[:-1]:
        (vault / rel).write_bytes(b"not vaultkit's")
    (vault / "Notes").mkdir()
    (vault / others[-1]).write_bytes(b"vaultkit's, interrupted")
    with open(busy, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        assert CliRunner().invoke(cli, ["--vault", str(vault), "build"]).exit_code == 0
        assert busy.read_bytes() == b"half a note"
    assert not (vault / others[-1]).exists()  # not locked by anyone: an interrupted write's
    assert all((vault / rel).exists() for rel in others[:-1])  # not vaultkit's pattern: not touched
    assert CliRunner().invoke(cli, ["--vault", str(vault), "build", "--dry-run"]).exit_code == 0
    assert busy.exists()  # a dry run removes nothing
    assert CliRunner().invoke(cli, ["--vault", str(vault), "build"]).exit_code == 0
    assert not busy.exists()


def test_the_kill_hook_is_inert_without_its_variable(tmp_path: Path) -> None:
    assert writer._KILL_AT == ""  # the test process never sets it; only the children above do
    assert writer.atomic_write(str(tmp_path), "a/b.md", b"x") is True
