"""Parse workers started while a cold build's scan walks the vault (`disk.earlyparse`): the same
notes and cache as workers started after it, whatever goes wrong."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_python, write_vault
from tests.test_load_pipeline import Chunks, _die, _vault
from vaultkit.disk import build, cache, earlyparse, fs, load, parsework

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")


def _fed(root: str, config: object, found: list[fs.Scanned], now: int) -> earlyparse.Early:
    early = earlyparse.Early(root, config, now, workers=2)  # type: ignore[arg-type]
    for item in reversed(found):  # in the walk's order, whatever it is: not the sorted one
        early.add(item)
    return early


@needs_fork
def test_workers_fed_by_the_scan_give_the_facts_one_process_gives(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 10)
    root, found, config = _vault(tmp_path, 60)
    alone = sorted(load.read_and_parse(root, found, config, workers=1), key=lambda n: n.path)
    now = found[0].mtime_ns + 10**10
    for share in (False, True):
        monkeypatch.setattr(parsework, "PARENT_SHARE", share)
        early = _fed(root, config, found, now)
        handed = early.handed()
        # Batches handed as the scan went (a batch queued behind each running one), the last
        # batches' worth and the one being filled kept for the end.
        assert len(handed) == 4 * 7 and len(early.pending) == 4
        assert handed == {s.path for s in found[::-1][:28]}
        sink = Chunks()
        try:
            shared = load.read_and_parse(root, found, config, sink=sink, now_ns=now, early=early)
        finally:
            early.close()
        assert sorted(shared, key=lambda n: n.path) == alone
        assert sink.paths() == sorted(n.path for n in alone)  # each note written once
        assert len(sink.blobs) == 4 + len(parsework.batches_of(found[:32], 7, 3))
        scanned = {s.path: s.path for s in found}
        assert all(n.path is scanned[n.path] for n in shared)  # one string a path, not the unpickled copy


@needs_fork
def test_a_small_vault_starts_no_worker_while_it_is_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 100)
    root, found, config = _vault(tmp_path, 60)
    early = _fed(root, config, found, found[0].mtime_ns + 10**10)
    assert early.pool is None and not early.handed()
    notes = load.read_and_parse(root, found, config, early=early)  # as without it: all here
    assert sorted(n.path for n in notes) == sorted(s.path for s in found)


@needs_fork
def test_a_worker_fed_by_the_scan_that_dies_leaves_its_batches_to_the_parent(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 10)
    monkeypatch.setattr(parsework, "_work", _die)
    root, found, config = _vault(tmp_path, 40)
    now = found[0].mtime_ns + 10**10
    early = _fed(root, config, found, now)
    assert early.handed()
    sink = Chunks()
    try:
        notes = load.read_and_parse(root, found, config, sink=sink, now_ns=now, early=early)
    finally:
        early.close()
    assert sorted(n.path for n in notes) == sorted(s.path for s in found)
    assert sink.paths() == sorted(s.path for s in found)  # every batch written once, none twice


@needs_fork
def test_workers_closed_before_their_notes_are_taken_are_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 10)
    root, found, config = _vault(tmp_path, 60)
    with earlyparse.early(root, config, found[0].mtime_ns + 10**10, True) as early:
        assert early is not None
        for item in found:
            early.add(item)
        assert early.pool is not None and early.pending
    assert not multiprocessing.active_children()


def test_workers_start_with_the_scan_only_when_every_note_will_be_parsed(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = str(write_vault(tmp_path / "v", {"a.md": "# A\n"}))
    assert earlyparse.wanted(root, use_cache=True, dry_run=False, force=False)
    build.build(root)  # writes the notes cache and the build record
    assert os.path.exists(os.path.join(fs.cache_folder(root), cache.FILE))
    assert not earlyparse.wanted(root, use_cache=True, dry_run=False, force=False)
    assert earlyparse.wanted(root, use_cache=False, dry_run=False, force=False)
    os.remove(os.path.join(fs.cache_folder(root), cache.FILE))
    assert not earlyparse.wanted(root, use_cache=True, dry_run=False, force=False)  # the record may say "as before"
    assert earlyparse.wanted(root, use_cache=True, dry_run=False, force=True)


@needs_fork
def test_a_cold_build_with_workers_fed_by_the_scan_writes_what_one_without_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import EXAMPLE

    monkeypatch.setattr(cache, "CHUNK", 4)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 8)
    handed: list[int] = []
    close = earlyparse.Early.close

    def noted(self: earlyparse.Early) -> None:
        handed.append(len(self.handed()))
        close(self)

    monkeypatch.setattr(earlyparse.Early, "close", noted)
    built = {}
    for fed in (False, True):
        with monkeypatch.context() as m:
            if not fed:
                m.setattr(earlyparse, "wanted", lambda *args: False)
            root = tmp_path / f"v{fed}"
            shutil.copytree(EXAMPLE, root)
            m.setenv("XDG_CACHE_HOME", str(tmp_path / f"xdg{fed}"))
            report = build.build(root)
            data = fs.read_cache(str(root), cache.stamp((root / "vaultkit.toml").read_text(encoding="utf-8")))
        built[fed] = ({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "Vaultkit").rglob("*"))
                       if p.is_file()}, report.summary(), sorted(data.notes) if data else None)
    assert handed and handed[-1] > 0  # the fed build's scan handed notes to the workers; the other had none
    assert len(handed) == 1
    assert built[True] == built[False]
    assert built[True][2]  # the notes cache was written, every note in it


def test_ready_imports_what_planning_the_views_runs() -> None:
    code = ("import sys\nfrom vaultkit.disk import planwork\nfrom vaultkit.reader.config import Config\n"
            "names = ('jinja2', 'vaultkit.views.builtin.people', 'vaultkit.disk.queries')\n"
            "print([n in sys.modules for n in names])\nplanwork.ready(Config())\n"
            "print([n in sys.modules for n in names])\n")
    out = run_python(code, check=True)
    assert out.stdout.split("\n")[:2] == ["[False, False, False]", "[True, True, True]"]


@needs_fork
def test_a_cold_build_imports_what_planning_runs_while_its_workers_parse(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import EXAMPLE
    from vaultkit.disk import planwork

    monkeypatch.setattr(cache, "CHUNK", 4)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 8)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    workers: list[int] = []
    ready = planwork.ready

    def counted(config: object) -> None:
        workers.append(len(multiprocessing.active_children()))
        ready(config)  # type: ignore[arg-type]

    monkeypatch.setattr(planwork, "ready", counted)
    shutil.copytree(EXAMPLE, tmp_path / "v")
    build.build(tmp_path / "v")
    assert len(workers) == 1 and workers[0] >= 1  # once, the workers started
    build.build(tmp_path / "v")  # from the cache: no workers, nothing imported ahead
    assert len(workers) == 1


@needs_fork
def test_a_cold_build_names_its_notes_for_the_link_index_while_its_workers_parse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the link index makes of the notes' paths took ~20 ms at 10k notes (~150 at 50k) once
    # they were loaded, nothing else running then; it is made while the workers parse them.
    from tests.conftest import EXAMPLE
    from vaultkit.reader import links

    monkeypatch.setattr(cache, "CHUNK", 4)
    monkeypatch.setattr(load, "PARALLEL_MIN_NOTES", 8)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    made: list[tuple[int, int]] = []  # (paths named, live worker processes then)
    names_of = links.names_of

    def counted(paths: list[str], attachments: tuple[str, ...] = ()) -> links.Names:
        made.append((len(paths), len(multiprocessing.active_children())))
        return names_of(paths, attachments)

    monkeypatch.setattr(links, "names_of", counted)
    monkeypatch.setattr(build, "names_of", counted)
    shutil.copytree(EXAMPLE, tmp_path / "v")
    build.build(tmp_path / "v")
    config, _ = fs.read_config(str(tmp_path / "v"))
    notes = len(fs.scan(str(tmp_path / "v"), config)[0])
    assert len(made) == 1 and made[0][0] == notes and made[0][1] >= 1  # once, the workers at work


@needs_fork
def test_the_parts_a_build_loads_are_asked_past_its_workers_threads(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # A cold build asks which parts of the notes its parent loads while the parse workers' pool
    # runs its threads: the hints child forks after loading, once they have ended, so the parent
    # still loads what planning reads alone (it loaded every part: +200 MB at 50k long-items).
    import threading

    from vaultkit.disk import hintwork, takeback

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(hintwork, "MIN_NOTES", 1)
    root = str(write_vault(tmp_path / "v", {"a.md": "# A\n[[b]]\n", "b.md": "# B\n"}))
    config, _ = fs.read_config(root)
    found, attachments, _ = fs.scan(root, config)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not hintwork.can_start(len(found))  # no fork now, with another thread running
        assert takeback.wanted_parts(root, config, found, attachments, True, False) == 0
    finally:
        stop.set()
        other.join()
