"""A build's parent plans without what no built-in view reads (`facts.unplanned`: body links,
headings) once its hints child holds them, and takes them back from the notes cache file when
something walks every link after all (`load.drop_unplanned`): the same generated notes, the same
diagnostics, the same check record."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, ROOT, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import cache, fs, hintwork, writer
from vaultkit.disk.load import drop_unplanned, load_notes, load_vault
from vaultkit.disk.record import resolve_today
from vaultkit.reader.model import Diagnostic
from vaultkit.reader.vault import Vault
from vaultkit.views.plan import plan
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")

FILES = {
    "People/Ada.md": "---\ntype: person\nmet_at: \"[[Meetup]]\"\n---\n# Ada\n\n## Interactions\n"
                     "- 2025-01-02 call with [[Bob]]\n\n## Bio\nSee [[Meetup#Agenda]] and [[Nobody]].\n",
    "People/Bob.md": "---\ntype: person\n---\n## Notes\nWorks with [[Ada#Bio]], [[Ada#Nothing]] and [[Ada#^blk]].\n",
    "Meetup.md": "---\ntype: event\ndate: 2025-01-05\nmet: [\"[[Ada]]\"]\n---\n## Agenda\n- talk to [[Bob]]\n"
                 "## Later\nAsk [[Adda]] about [[Meetup#Agenda]]. ^blk\n",
    "Daily/2025-01-03.md": "# Friday\n\n## Log\nLunch with [[Bob]].\n- [[Ada]] called\n",
    "Notes/Idea.md": "# Idea\n\n## Why\nLinks [[Ada]], [[Bob|B]] and [[Missing Note]].\n",
}


def _old(root: Path) -> None:
    """Every note older than the 2 s the cache distrusts."""
    for note in root.rglob("*.md"):
        os.utime(note, (time.time() - 100, time.time() - 100))


def _loaded(root: Path) -> tuple[Vault, list[fs.Scanned], str]:
    """The build's facts of the vault at `root`, its notes cache file written as a build writes it."""
    config, cfg_diags, text = fs.read_config_text(str(root))
    found, attachments, said = fs.scan(str(root), config)
    stamp = cache.stamp(text)
    loaded = load_notes(str(root), found, config, None, store=lambda: writer.CacheFile(str(root), stamp),
                        now_ns=time.time_ns())
    assert loaded.stored
    return Vault(loaded.notes, config, attachments, cfg_diags + said, root=str(root)), found, stamp


def _everything(vault: Vault) -> tuple[list[Diagnostic], dict[str, object], tuple[Diagnostic, ...]]:
    return sorted(vault.link_diagnostics()), dict(vault.backlinks), vault.diagnostics


def test_what_no_view_reads_is_let_go_and_taken_back_from_the_cache(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    expected = _everything(_loaded(root)[0])
    assert any(d.code == "link-anchor-missing" for d in expected[0]) and any("did you mean" in d.hint
                                                                           for d in expected[0])
    vault, found, stamp = _loaded(root)
    whole = {path: (note.links, note.headings, note.items, note.about) for path, note in vault.notes.items()}
    assert drop_unplanned(vault, str(root), stamp, found, time.time_ns()) == 5  # the daily note its headings
    notes = vault.notes
    assert notes["Notes/Idea.md"].links == () and notes["Notes/Idea.md"].headings == ()
    assert notes["Meetup.md"].links == () and notes["Meetup.md"].fields["met"][0].target == "Ada"  # the field's own
    assert notes["People/Ada.md"].headings == whole["People/Ada.md"][1]  # where its contacts are
    assert notes["People/Bob.md"].headings == () != whole["People/Bob.md"][1]  # no contact of its own to place
    assert notes["Daily/2025-01-03.md"].links == whole["Daily/2025-01-03.md"][0]  # its contacts
    assert whole["Meetup.md"][2] and notes["Meetup.md"].items == ()  # only a prep note shows them: there is none
    assert whole["People/Ada.md"][3] and notes["People/Ada.md"].about == ""  # the same
    assert vault.incomplete is not None
    assert _everything(vault) == expected  # every link walked: each taken back first
    assert vault.incomplete is None
    assert {path: (note.links, note.headings, note.items, note.about) for path, note in vault.notes.items()} == whole


def test_a_note_the_cache_no_longer_holds_as_scanned_is_read_anew(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    vault, found, stamp = _loaded(root)
    drop_unplanned(vault, str(root), stamp, found, time.time_ns())
    # Another build rewrote the cache meanwhile, after the note was saved again.
    (root / "Notes/Idea.md").write_text("# Idea\n\nNow [[Bob]] only, and [[Gone Away]].\n")
    _loaded(root)
    assert [link.target for link in vault.notes["Notes/Idea.md"].links] == []
    vault.link_diagnostics()
    assert [(link.target, link.line) for link in vault.notes["Notes/Idea.md"].links] == [("Bob", 3), ("Gone Away", 3)]
    assert vault.notes["People/Bob.md"].links  # the others from the cache


def test_without_a_cache_file_nothing_is_taken_back_wrongly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    expected = _everything(_loaded(root)[0])
    vault, found, stamp = _loaded(root)
    drop_unplanned(vault, str(root), stamp, found, time.time_ns())
    os.unlink(os.path.join(fs.cache_folder(str(root)), cache.FILE))  # removed by hand meanwhile
    assert _everything(vault) == expected  # every note read anew


def test_notes_too_recent_for_the_cache_keep_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    vault, found, stamp = _loaded(root)  # just written: none in the cache file
    assert drop_unplanned(vault, str(root), stamp, found, time.time_ns()) == 0 and vault.incomplete is None


def test_a_prep_note_keeps_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", {**FILES, "Vaultkit/Prep/Meetup.md": "made by `vaultkit prep`\n"})
    _old(root)
    vault, found, stamp = _loaded(root)
    items, about = vault.notes["Meetup.md"].items, vault.notes["People/Ada.md"].about
    drop_unplanned(vault, str(root), stamp, found, time.time_ns())
    assert vault.notes["Meetup.md"].items == items and vault.notes["People/Ada.md"].about == about != ""
    assert vault.notes["Notes/Idea.md"].links == ()


@pytest.mark.parametrize(("which", "preps"), [("generated", False), ("generated", True), ("example", False),
                                             ("example", True)])
def test_planning_without_them_writes_what_the_whole_notes_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 which: str, preps: bool) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / which
    if which == "example":
        shutil.copytree(EXAMPLE, root)
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from gen_vault import generate

        generate(root, 400, seed=7)
    events = sorted(p.stem for p in (root / "Events").glob("*.md"))
    assert len(events) > 5
    if preps:  # every event's prep note, as `vaultkit prep` leaves them: each planned again
        write_vault(root, {f"Vaultkit/Prep/{stem}.md": "prep\n" for stem in events})
    _old(root)
    vault, found, stamp = _loaded(root)
    assert drop_unplanned(vault, str(root), stamp, found, time.time_ns()) > len(vault.notes) // 2
    whole = load_vault(root)
    day = resolve_today(vault.config)
    planned = {p.path: p.text for p in plan(vault, day, Renderer(str(root), views_of(vault.config).folders))}
    assert vault.incomplete is not None  # planning walked no link of its own
    expected = {p.path: p.text for p in plan(whole, day, Renderer(str(root), views_of(whole.config).folders))}
    assert planned == expected and len(planned) >= 8 + (len(events) if preps else 0)
    assert vault.diagnostics == whole.diagnostics


def _people(count: int) -> dict[str, str]:
    files = {}
    for i in range(count):
        files[f"People/Person {i:03d}.md"] = (
            f"---\ntype: person\n---\n## Interactions\n- 2025-01-0{1 + i % 9} met [[Person {(i + 1) % count:03d}]]\n"
            f"## Bio\nKnows [[Persn {i:03d}]] and [[Person {(i + 2) % count:03d}#Bio]] and [[Person 000#Nope]].\n")
    return files


@needs_fork
@pytest.mark.parametrize("child", ["answers", "dies"])
def test_a_build_that_lets_go_writes_what_one_that_does_not_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    child: str) -> None:
    """Its child holding every link, a build's parent lets go of them (`drop_unplanned`): the
    same notes, the same check record; and when the child dies, the record still says every link."""
    dropped: list[int] = []
    real = drop_unplanned

    def spy(*args: object) -> int:
        dropped.append(real(*args))  # type: ignore[arg-type]
        return dropped[-1]

    outputs = []
    for name, least in (("alone", 10**9), ("helped", 0)):
        root = write_vault(tmp_path / name, _people(40))
        _old(root)
        monkeypatch.setattr(hintwork.Hints.__init__, "__defaults__", (True, least))
        monkeypatch.setattr("vaultkit.disk.build.drop_unplanned", spy)
        if child == "dies" and name == "helped":
            def dies(vault: Vault) -> tuple[dict[str, list[str]], list[Diagnostic]]:
                raise SystemExit(3)

            monkeypatch.setattr(Vault, "link_findings", dies)  # the fork inherits it
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
        runner = CliRunner()
        built = runner.invoke(cli, ["--vault", str(root), "build"])
        monkeypatch.undo()
        assert built.exit_code == 0, built.output
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
        checked = runner.invoke(cli, ["--vault", str(root), "check", "--stats"])  # the build's check record
        assert "notes: 40 (40 from the cache)" in checked.output
        generated = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "Vaultkit").rglob("*.md"))}
        said = [line for line in checked.output.splitlines() if not line.endswith(" s")]  # not the seconds
        outputs.append((generated, said, checked.exit_code, built.output))
    assert dropped == [40]  # the helped build only
    assert outputs[0] == outputs[1]
    assert any("did you mean [[Person 000]]" in line for line in outputs[0][1])
    assert any("has no heading 'Nope'" in line for line in outputs[0][1])
