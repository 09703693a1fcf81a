"""Sync tools' conflict copies: never notes, never deleted, each a warning naming its original."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import snapshot, write_vault
from tests.test_watch import Watcher, spy, start_watch  # noqa: F401 (fixtures)
from vaultkit.cli.main import cli
from vaultkit.reader import synccopies

ADA = "---\ncompany: Analytical\n---\n- 2026-03-01 met [[Ben]]\n"
COPY = "---\ncompany: Copy Co\n---\n- 2026-03-02 met [[Ben]]\n"
COPIES = {
    "People/Ada.sync-conflict-20260301-101500-ABCDEF7.md": "People/Ada.md",
    "People/Ada (Bob's conflicted copy 2026-03-02).md": "People/Ada.md",
    "People/Ada (conflicted copy 2026-03-03 (1)).md": "People/Ada.md",
    "People/Gone (conflicted copy 2026-03-04).md": "People/Gone.md",
    "Notes/v1.2.sync-conflict-20260301-101500-ZZZZZZZ.md": "Notes/v1.2.md",
    "Vaultkit/People.sync-conflict-20260301-101500-ABCDEF7.md": "Vaultkit/People.md",
}


def test_names_of_both_tools() -> None:
    assert synccopies.original("Ada.sync-conflict-20260301-101500-ABCDEF7.md") == ("Ada.md", "Syncthing")
    assert synccopies.original("a.b.sync-conflict-20260301-101500-X1.md") == ("a.b.md", "Syncthing")
    assert synccopies.original("README.sync-conflict-20260301-101500-X1") == ("README", "Syncthing")
    assert synccopies.original("Ada (Bob's conflicted copy 2026-03-02).md") == ("Ada.md", "Dropbox")
    assert synccopies.original("Ada (1) (conflicted copy 2026-03-02).md") == ("Ada (1).md", "Dropbox")
    assert synccopies.original("Ada (conflicted copy 2026-03-03 (2)).md") == ("Ada.md", "Dropbox")
    for plain in ("Ada.md", "My conflicted copy notes.md", "Ada.sync-conflict.md", "(conflicted copy).md"):
        assert synccopies.original(plain) is None, plain


def _vault(tmp_path: Path, name: str, with_copies: bool) -> Path:
    files: dict[str, str | bytes] = {"vaultkit.toml": 'today = "2026-06-30"\n', "People/Ada.md": ADA,
                                     "People/Ben.md": "---\ncompany: B\n---\n", "Notes/v1.2.md": "hi\n"}
    if with_copies:
        files.update({rel: COPY for rel in COPIES})
        files["People/photo (Bob's conflicted copy 2026-03-02).png"] = b"png"
    return write_vault(tmp_path / name, files)


def test_copies_are_warned_about_never_read_never_deleted(tmp_path: Path) -> None:
    vault, plain = _vault(tmp_path, "v", True), _vault(tmp_path, "plain", False)
    result = CliRunner().invoke(cli, ["--vault", str(vault), "check", "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0, result.output
    assert report["notes"] == 3  # the copies are not notes
    found = {d["path"]: d for d in report["diagnostics"] if d["code"] == "sync-conflict-copy"}
    assert sorted(found) == sorted(COPIES)  # the picture's copy is no note's: no word about it
    for copy, original in COPIES.items():
        d = found[copy]
        assert d["severity"] == "warning" and original in d["message"] and original in d["hint"], d
        assert ("no longer exists" in d["message"]) == (original in ("People/Gone.md", "Vaultkit/People.md"))
    assert "merge what differs into People/Ada.md by hand, then delete this copy" in found[
        "People/Ada (Bob's conflicted copy 2026-03-02).md"]["hint"]
    assert "regenerates Vaultkit/People.md" in found["Vaultkit/People.sync-conflict-20260301-101500-ABCDEF7.md"]["hint"]

    before = {rel: got for rel, got in snapshot(vault).items() if "conflict" in rel}
    built = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
    assert built.exit_code == 0, built.output
    assert "the vault has 6 warnings" in built.stderr
    assert CliRunner().invoke(cli, ["--vault", str(plain), "build"]).exit_code == 0
    for name in ("People.md", "Dashboard.md", "Follow-ups.md"):  # as if the copies were not there
        assert (vault / "Vaultkit" / name).read_bytes() == (plain / "Vaultkit" / name).read_bytes(), name
    assert b"Copy Co" not in (vault / "Vaultkit" / "People.md").read_bytes()
    assert {rel: got for rel, got in snapshot(vault).items() if "conflict" in rel} == before


def test_watch_never_reads_a_copy(tmp_path: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    vault = _vault(tmp_path, "v", False)
    watcher = start_watch(vault)
    (vault / "People" / "Ada.sync-conflict-20260301-101500-ABCDEF7.md").write_text(COPY)
    (vault / "People" / "Ada (Bob's conflicted copy 2026-03-02).md").write_text(COPY)
    ben = vault / "People" / "Ben.md"
    ben.write_text("---\ncompany: Ben Co\n---\n")
    os.utime(ben)
    watcher.converge()  # equal to a fresh build of the vault as it is now, copies included
    people = (vault / "Vaultkit" / "People.md").read_text()
    assert "Ben Co" in people and "Copy Co" not in people
