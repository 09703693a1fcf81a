"""`vaultkit watch` keeps the scan's warnings as the vault now stands: one whose problem was
fixed while it runs (a symlink out of the vault removed, a FIFO replaced by a note, a conflict
copy deleted, a badly named note renamed) goes, as a new build would drop it; a new one comes."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import write_vault
from vaultkit.live.session import Session
from vaultkit.live.watch import _matters, _rescan_changes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs")

FILES = {
    "vaultkit.toml": 'today = "2026-06-30"\n',
    "People/Ada.md": "---\ntype: person\n---\nMet [[Bob]].\n",
    "People/Bob.md": "---\ntype: person\n---\nBob.\n",
    "People/Ada.sync-conflict-20260101-120000-ABCDEFG.md": "an older Ada\n",
    "Notes/Bad\x07Bell.md": "a name with a bell\n",
}


def _codes(session: Session) -> set[tuple[str, str]]:
    return {(d.path, d.code) for d in session.scan_diags}


def _problems(tmp_path: Path) -> tuple[Path, Session]:
    vault = write_vault(tmp_path / "v", FILES)
    (tmp_path / "outside.md").write_text("outside\n")
    (vault / "Out.md").symlink_to(tmp_path / "outside.md")
    os.mkfifo(vault / "Notes" / "Pipe.md")
    session = Session(str(vault), dt.date(2026, 6, 30))
    session.load()
    session.rebuild(start=True)
    assert _codes(session) == {("Out.md", "symlink-outside"), ("Notes/Pipe.md", "not-a-file"),
                               ("People/Ada.sync-conflict-20260101-120000-ABCDEFG.md", "sync-conflict-copy"),
                               ("Notes/Bad\\x07Bell.md", "name-unusable")}
    return vault, session


def test_the_scan_warnings_of_problems_fixed_while_watching_go(tmp_path: Path) -> None:
    vault, session = _problems(tmp_path)
    planned = set(session.live.vault.diagnostics) if session.live else set()
    assert {d.code for d in planned} >= {"symlink-outside", "not-a-file"}
    (vault / "Out.md").unlink()
    (vault / "Notes" / "Pipe.md").unlink()
    (vault / "Notes" / "Pipe.md").write_text("a note now\n")
    (vault / "People" / "Ada.sync-conflict-20260101-120000-ABCDEFG.md").unlink()
    os.rename(vault / "Notes" / "Bad\x07Bell.md", vault / "Notes" / "Bell.md")
    events = {"Out.md", "Notes/Pipe.md", "People/Ada.sync-conflict-20260101-120000-ABCDEFG.md",
              "Notes/Bad\x07Bell.md", "Notes/Bell.md"}
    # Each event reaches the session: those of no note's path too (the watcher filters by `_matters`).
    assert all(_matters(rel, session) for rel in events)
    update = session.update(events)
    assert update.rescan and sorted(update.changed) == ["Notes/Bell.md", "Notes/Pipe.md"]
    assert session.rescan_warnings()
    assert _codes(session) == set()
    session.rebuild()
    assert session.live is not None
    assert not {d.code for d in session.live.vault.diagnostics} & {"symlink-outside", "not-a-file",
                                                                    "sync-conflict-copy", "name-unusable"}
    assert not session.rescan_warnings()  # nothing more to take


def test_a_problem_that_comes_while_watching_is_warned_of(tmp_path: Path) -> None:
    """A symlink made while the watcher runs is seen at its event; any other problem by the
    periodic rescan, whose scan gives the warnings as it gives the changed paths."""
    vault, session = _problems(tmp_path)
    (vault / "Link.md").symlink_to(tmp_path / "outside.md")
    update = session.update({"Link.md"})
    assert update.rescan and session.rescan_warnings()
    assert ("Link.md", "symlink-outside") in _codes(session)
    (vault / "People" / "Bob.sync-conflict-20260102-120000-ABCDEFG.md").write_text("an older Bob\n")
    changed, warned = _rescan_changes(session)
    assert not changed and session.rescan_warnings(warned)
    assert ("People/Bob.sync-conflict-20260102-120000-ABCDEFG.md", "sync-conflict-copy") in _codes(session)


def test_an_event_of_a_note_the_scan_said_nothing_of_asks_no_scan(tmp_path: Path) -> None:
    """A save of a note is no reason to walk the vault again."""
    vault, session = _problems(tmp_path)
    (vault / "People" / "Bob.md").write_text("---\ntype: person\n---\nBob, again.\n")
    update = session.update({"People/Bob.md"})
    assert update.changed == ["People/Bob.md"] and not update.rescan
    assert not session.scan_said("People/Bob.md") and not session.scan_said("Teams")
    assert session.scan_said("People") and session.scan_said("Out.md")  # a folder holding one, one
    assert session.scan_said("Notes/Bad\x07Bell.md")  # as the scan names it, "Notes/Bad\\x07Bell.md"
