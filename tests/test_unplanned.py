"""A build's parent plans without what no built-in view reads (`facts.planned_parts`: body links,
headings), reading only that part of each note from the chunks its workers send, and takes the
rest back from the notes cache file when something walks every link after all (`takeback`: its
hints child does): the same generated notes, the same diagnostics, the same check record."""

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
from vaultkit.disk import cache, cachefiles, fs, hintwork, load, parsework, takeback
from vaultkit.disk.load import load_notes, load_vault
from vaultkit.disk.record import resolve_today
from vaultkit.reader.facts import PREP
from vaultkit.reader.itemtext import Unread
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


def _loaded(root: Path, want: int = cache.ALL, workers: int = 1,
            monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[Vault, list[fs.Scanned], int]:
    """The build's facts of the vault at `root`, each note with the parts in `want`, its notes
    cache file written as a build writes it (its notes parsed in `workers` processes); and how
    many notes were read without some part, which the vault knows to take back."""
    config, cfg_diags, text = fs.read_config_text(str(root))
    found, attachments, said = fs.scan(str(root), config)
    stamp = cache.stamp(text)
    if monkeypatch is not None:
        monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 1 if workers > 1 else 10**9)
    loaded = load_notes(str(root), found, config, None, store=lambda: cachefiles.CacheFile(str(root), stamp),
                        now_ns=time.time_ns(), want=want)
    assert loaded.stored
    vault = Vault(loaded.notes, config, attachments, cfg_diags + said, root=str(root))
    takeback.owe(vault, str(root), stamp, found, loaded.owed)
    return vault, found, len(loaded.owed)


def _everything(vault: Vault) -> tuple[list[Diagnostic], dict[str, object], tuple[Diagnostic, ...]]:
    return sorted(vault.link_diagnostics()), dict(vault.backlinks), vault.diagnostics


def _parts(vault: Vault) -> dict[str, tuple[object, ...]]:
    return {path: (note.links, note.headings, note.items, note.about) for path, note in vault.notes.items()}


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=needs_fork)])
def test_what_no_view_reads_is_left_out_and_taken_back_from_the_cache(tmp_path: Path, workers: int,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(parsework, "PARENT_SHARE", False)  # with workers, theirs: read from their chunks
    monkeypatch.setattr(cache, "CHUNK", 2)  # taken back chunk by chunk
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    whole_vault, _, none = _loaded(root)
    expected = _everything(whole_vault)
    assert none == 0 and whole_vault.incomplete is None
    assert any(d.code == "link-anchor-missing" for d in expected[0]) and any("did you mean" in d.hint
                                                                           for d in expected[0])
    whole = _parts(whole_vault)
    vault, _, owed = _loaded(root, 0, workers, monkeypatch)
    assert owed == 5  # the daily note its headings
    notes = vault.notes
    assert notes["Notes/Idea.md"].links == () and notes["Notes/Idea.md"].headings == ()
    assert notes["Meetup.md"].links == () and notes["Meetup.md"].fields["met"][0].target == "Ada"  # the field's own
    assert notes["People/Ada.md"].headings == whole["People/Ada.md"][1]  # where its contacts are
    # Its contacts, with their links, their texts standing apart (`itemtext`): asked for, from the file.
    assert [i[:1] + i[2:] for i in notes["People/Ada.md"].items] == [i[:1] + i[2:] for i in whole["People/Ada.md"][2]]
    assert type(notes["People/Ada.md"].items[0].text) is Unread
    assert vault.texts is not None and vault.texts(["People/Ada.md", "Notes/Idea.md"]) == {
        "People/Ada.md": {8: "2025-01-02 call with [[Bob]]"}, "Notes/Idea.md": {}}
    assert type(notes["People/Ada.md"].items[0].text) is Unread  # (asking put nothing back)
    assert notes["People/Bob.md"].headings == () != whole["People/Bob.md"][1]  # no contact of its own to place
    # Its contacts outside its items (an item's are counted by the targets the item holds).
    assert notes["Daily/2025-01-03.md"].links == whole["Daily/2025-01-03.md"][0][:1]
    assert notes["Daily/2025-01-03.md"].items[0].links == ("Ada",)
    assert whole["Meetup.md"][2] and notes["Meetup.md"].items == ()  # only a prep note shows them: there is none
    assert whole["People/Ada.md"][3] and notes["People/Ada.md"].about == ""  # the same
    assert vault.incomplete is not None
    assert _everything(vault) == expected  # every link walked: each taken back first
    assert vault.incomplete is None
    assert _parts(vault) == whole


def test_a_note_the_cache_no_longer_holds_as_scanned_is_read_anew(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    vault, _, _ = _loaded(root, 0)
    # Another build rewrote the cache meanwhile, after the note was saved again.
    (root / "Notes/Idea.md").write_text("# Idea\n\nNow [[Bob]] only, and [[Gone Away]].\n")
    _loaded(root)
    assert [link.target for link in vault.notes["Notes/Idea.md"].links] == []
    vault.link_diagnostics()
    assert [(link.target, link.line) for link in vault.notes["Notes/Idea.md"].links] == [("Bob", 3), ("Gone Away", 3)]
    assert vault.notes["People/Bob.md"].links  # the others from the cache


@pytest.mark.parametrize("spoil", ["removed", "cut short"])
def test_without_a_cache_file_nothing_is_taken_back_wrongly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            spoil: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    whole_vault = _loaded(root)[0]
    expected, whole = _everything(whole_vault), _parts(whole_vault)
    vault, _, _ = _loaded(root, 0)
    path = os.path.join(fs.cache_folder(str(root)), cache.FILE)
    if spoil == "removed":  # by hand, meanwhile
        os.unlink(path)
    else:
        Path(path).write_bytes(Path(path).read_bytes()[:-3])
    assert _everything(vault) == expected  # every note read anew
    assert _parts(vault) == whole


def test_notes_too_recent_for_the_cache_keep_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", FILES)
    vault, _, owed = _loaded(root, 0)  # just written: none in the cache file
    assert owed == 0 and vault.incomplete is None and vault.notes["Notes/Idea.md"].links


def test_a_prep_note_keeps_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = write_vault(tmp_path / "v", {**FILES, "Vaultkit/Prep/Meetup.md": "made by `vaultkit prep`\n"})
    _old(root)
    config, _, _ = fs.read_config_text(str(root))
    found, attachments, _ = fs.scan(str(root), config)
    monkeypatch.setattr(hintwork, "MIN_NOTES", 1)
    assert takeback.wanted_parts(str(root), config, found, attachments, True, False) == PREP
    assert takeback.wanted_parts(str(root), config, found, attachments, True, True) == cache.ALL  # a dry run
    whole = _parts(_loaded(root)[0])
    for workers in (1, 2):
        vault, _, _ = _loaded(root, PREP, workers, monkeypatch)
        assert vault.notes["Meetup.md"].items == whole["Meetup.md"][2]
        assert vault.notes["People/Ada.md"].about == whole["People/Ada.md"][3] != ""
        assert vault.notes["Notes/Idea.md"].links == ()
        vault.link_diagnostics()
        assert _parts(vault) == whole


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
    vault, _, owed = _loaded(root, PREP if preps else 0)
    assert owed > len(vault.notes) // 2
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
def test_a_build_that_leaves_them_out_writes_what_one_that_does_not_writes(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           child: str) -> None:
    """Its child taking every link back from the notes cache, a build's parent plans without them
    (`takeback`): the same notes, the same check record; and when the child dies, the record
    still says every link (the parent takes them back itself)."""
    owed: list[int] = []
    real = takeback.owe

    def spy(vault: Vault, root: str, stamp: str, found: list[fs.Scanned], parts: dict[str, int]) -> None:
        owed.append(len(parts))
        real(vault, root, stamp, found, parts)

    outputs = []
    for name, least in (("alone", 10**9), ("helped", 0)):
        root = write_vault(tmp_path / name, _people(40))
        _old(root)
        monkeypatch.setattr(hintwork, "MIN_NOTES", least)
        monkeypatch.setattr("vaultkit.disk.build.owe", spy)
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
    assert owed == [0, 40]  # the helped build only
    assert outputs[0] == outputs[1]
    assert any("did you mean [[Person 000]]" in line for line in outputs[0][1])
    assert any("has no heading 'Nope'" in line for line in outputs[0][1])
