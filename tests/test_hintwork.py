"""The link diagnostics and their hints worked out in a forked child while the build plans
(`vaultkit.disk.hintwork`): the same diagnostics as the parent alone, not taken once a note was
replaced meanwhile, and a build that writes the same notes and check record whichever did the
work."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import hintwork
from vaultkit.disk.load import load_vault
from vaultkit.reader.links import LinkIndex
from vaultkit.reader.model import Diagnostic
from vaultkit.reader.vault import Vault

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")


def _files(count: int) -> dict[str, str]:
    """People linking each other, some links misspelt (each misspelling a hint to find), an
    alias, a link that is a bare name in a field (no warning, so no hint)."""
    files = {}
    for i in range(count):
        typo = f"Persn {i + 1:03d}" if i % 3 == 0 else f"Person {(i + 1) % count:03d}"
        files[f"People/Person {i:03d}.md"] = (
            f"---\ntype: person\naliases: [P{i}]\nmet_at: Meetup {i % 4}\n---\n"
            f"- 2025-01-0{1 + i % 9} met [[{typo}]] and [[Nobody At All {i % 5}]]\n")
    return files


def _vault(tmp_path: Path, count: int = 40) -> Vault:
    return load_vault(write_vault(tmp_path, _files(count)))


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_the_child_gives_the_hints_the_parent_would_find(tmp_path: Path) -> None:
    alone = _vault(tmp_path / "a")
    helped = _vault(tmp_path / "b")
    with hintwork.Hints(helped, min_notes=0) as hints:
        assert hints.running  # a child really was started
        hints.finish()
    assert helped.index._suggested  # taken from the child, not worked out here
    assert helped.index._suggested == alone.hints()
    assert helped._given is not None and sorted(helped._given) == sorted(alone.link_diagnostics())
    assert helped.diagnostics == alone.diagnostics
    assert any("did you mean [[Person 001]]" in d.hint for d in helped.diagnostics)


@needs_fork
def test_what_the_child_found_is_not_taken_once_a_note_was_replaced(tmp_path: Path) -> None:
    helped = _vault(tmp_path / "b")
    with hintwork.Hints(helped, min_notes=0) as hints:
        note = helped.notes["People/Person 002.md"]
        helped.replace(replace(note, links=()))  # its missing link is gone: the child's list is stale
        hints.finish()
    assert helped._given is None and helped.index._suggested  # the hints (names only) still hold
    alone = _vault(tmp_path / "a")
    alone.replace(replace(alone.notes["People/Person 002.md"], links=()))
    assert helped.diagnostics == alone.diagnostics
    assert not any(d.path == "People/Person 002.md" and d.code == "link-missing" for d in helped.diagnostics)


@needs_fork
def test_a_child_that_dies_leaves_the_parent_to_find_the_hints(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _vault(tmp_path / "a")
    helped = _vault(tmp_path / "b")

    def dies(vault: Vault, walked: object = None,
             later: object = None) -> tuple[dict[str, list[str]], list[Diagnostic]]:
        raise SystemExit(3)

    monkeypatch.setattr(Vault, "link_findings", dies)  # the fork inherits it
    with hintwork.Hints(helped, min_notes=0) as hints:
        hints.finish()
    monkeypatch.undo()
    assert not helped.index._suggested
    assert helped.diagnostics == alone.diagnostics


@needs_fork
def test_ctrl_c_reaching_the_child_prints_nothing_and_it_still_answers(
        tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _vault(tmp_path / "a")
    helped = _vault(tmp_path / "b")
    real, handler, started = Vault.link_findings, signal.getsignal(signal.SIGINT), tmp_path / "started"

    def slow(vault: Vault, walked: object = None,
             later: object = None) -> tuple[dict[str, list[str]], list[Diagnostic]]:
        started.touch()  # the child is at work: the signal comes now
        time.sleep(1.0)
        return real(vault, walked, later)  # type: ignore[arg-type]

    monkeypatch.setattr(Vault, "link_findings", slow)  # the fork inherits it
    with hintwork.Hints(helped, min_notes=0) as hints:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert hints._child is not None
        os.kill(hints._child._proc.pid, signal.SIGINT)  # as a Ctrl-C in the terminal reaches the whole group
        hints.finish()
    assert signal.getsignal(signal.SIGINT) is handler  # the parent's, as it was
    assert helped._given is not None and helped.diagnostics == alone.diagnostics
    assert "Traceback" not in capfd.readouterr().err


def test_no_child_for_a_small_vault_or_when_the_hints_are_not_wanted(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    for hints in (hintwork.Hints(vault), hintwork.Hints(vault, wanted=False, min_notes=0)):
        assert not hints.running
        hints.finish()  # nothing to wait for
        hints.stop()
    assert not vault.index._suggested


@needs_fork
def test_a_build_with_the_child_writes_what_one_without_it_writes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = []
    for name, least in (("alone", 10**9), ("helped", 0)):
        root = write_vault(tmp_path / name, _files(40))
        for note in root.rglob("*.md"):  # old enough for the cache and the check record to be trusted
            os.utime(note, (time.time() - 100, time.time() - 100))
        monkeypatch.setattr(hintwork, "MIN_NOTES", least)
        monkeypatch.setattr(hintwork.Hints.__init__, "__defaults__", (True, least))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
        runner = CliRunner()
        built = runner.invoke(cli, ["--vault", str(root), "build"])
        assert built.exit_code == 0, built.output
        checked = runner.invoke(cli, ["--vault", str(root), "check", "--stats"])  # the build's check record
        assert "notes: 40 (40 from the cache)" in checked.output
        generated = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "Vaultkit").rglob("*.md"))}
        said = [line for line in checked.output.splitlines() if not line.endswith(" s")]  # not the seconds
        outputs.append((generated, said, checked.exit_code))
    assert outputs[0] == outputs[1]
    assert any("did you mean [[Person 001]]" in line for line in outputs[0][1])


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_a_parent_done_first_searches_a_share_of_the_hints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _vault(tmp_path / "a", 120)
    expected = (alone.hints(), sorted(alone.link_diagnostics()), alone.diagnostics)  # before `slow`
    helped = _vault(tmp_path / "b", 120)
    real = LinkIndex.suggest
    here: list[str] = []  # the targets searched in this process (the child's own list is its copy)

    def slow(index: LinkIndex, target: str, limit: int = 3) -> list[str]:
        here.append(target)
        until = time.process_time() + 0.004  # CPU time, as the child measures a search
        while time.process_time() < until:
            pass
        return real(index, target, limit)

    monkeypatch.setattr(LinkIndex, "suggest", slow)  # the fork inherits it
    monkeypatch.setattr(hintwork, "SHARE_MIN", 0.0)
    with hintwork.Hints(helped, min_notes=0) as hints:
        assert hints.running and hints.busy()  # still at work: asked for a share at once
        hints.finish()
    assert here and set(here) < set(expected[0])  # a share searched here, the rest in the child
    assert helped.index._suggested == expected[0]
    assert helped._given is not None and sorted(helped._given) == expected[1]
    assert helped.diagnostics == expected[2]
    assert helped.index._suggest is None  # the names indexed for the share let go of


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_no_share_asked_of_a_child_that_is_done(tmp_path: Path) -> None:
    alone = _vault(tmp_path / "a")
    helped = _vault(tmp_path / "b")
    with hintwork.Hints(helped, min_notes=0) as hints:
        deadline = time.monotonic() + 60
        while hints.busy() and time.monotonic() < deadline:
            time.sleep(0.01)
        hints.finish()
    assert helped.index._suggest is None  # nothing searched here
    assert helped.index._suggested == alone.hints()
    assert helped.diagnostics == alone.diagnostics


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_a_ctrl_c_while_the_parent_searches_its_share_ends_the_child(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    helped = _vault(tmp_path / "b", 120)
    real, parent = LinkIndex.suggest, os.getpid()

    def slow(index: LinkIndex, target: str, limit: int = 3) -> list[str]:
        if os.getpid() == parent:
            raise KeyboardInterrupt  # the parent, searching its share
        until = time.process_time() + 0.004
        while time.process_time() < until:
            pass
        return real(index, target, limit)

    monkeypatch.setattr(LinkIndex, "suggest", slow)  # the fork inherits it
    monkeypatch.setattr(hintwork, "SHARE_MIN", 0.0)
    hints = hintwork.Hints(helped, min_notes=0)
    assert hints._child is not None and hints.busy()
    proc = hints._child._proc
    with pytest.raises(KeyboardInterrupt):
        hints.finish()
    assert not hints.running and not proc.is_alive()  # ended and reaped, not left to the end of the process
