"""The parse pipeline: batches parsed in worker processes (or by the parent), each delivered as a
notes cache chunk that is written as it comes; the same facts whichever process parsed them."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, write_vault
from vaultkit.disk import cache, load, parsework
from vaultkit.disk.fs import Scanned, read_config, scan
from vaultkit.reader.config import Config


class Chunks:
    """A sink that keeps the chunks it is given (as `cachefiles.CacheFile` appends them)."""

    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.committed = False

    def add(self, data: bytes | memoryview) -> None:
        self.blobs.append(bytes(data))

    def commit(self) -> bool:
        self.committed = True
        return True

    def paths(self) -> list[str]:
        data = cache.loads(cache.header("s") + b"".join(self.blobs), "s")
        assert data is not None
        return sorted(data.notes)


def _vault(tmp_path: Path, count: int) -> tuple[str, list[Scanned], Config]:
    files = {f"People/P{i}.md": f"---\ntype: person\n---\n- 2025-01-0{1 + i % 9} met [[P{(i + 1) % count}]]\n"
             for i in range(count)}
    root = str(write_vault(tmp_path, files))
    config, _ = read_config(root)
    found, _, _ = scan(root, config)
    for item in found:  # old enough to be cached
        os.utime(os.path.join(root, item.path), ns=(item.mtime_ns - 10**10, item.mtime_ns - 10**10))
    return root, scan(root, config)[0], config


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_workers_and_the_parent_give_the_facts_one_process_gives(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    root, found, config = _vault(tmp_path, 60)
    alone = sorted(load.read_and_parse(root, found, config, workers=1), key=lambda n: n.path)
    for share in (False, True):
        monkeypatch.setattr(parsework, "PARENT_SHARE", share)
        sink = Chunks()
        shared = load.read_and_parse(root, found, config, workers=2, sink=sink, now_ns=found[0].mtime_ns + 10**10)
        assert sorted(shared, key=lambda n: n.path) == alone
        assert len(sink.blobs) == len(parsework.batches_of(found, 7, 3))  # each batch once: 5 of 7 notes, 25 of 1
        assert sink.paths() == sorted(n.path for n in alone)
        scanned = {s.path: s.path for s in found}
        assert all(n.path is scanned[n.path] for n in shared)  # one string a path, not the unpickled copy


def _die(batch: object) -> None:
    os._exit(3)  # as a worker killed by the OOM killer


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_worker_that_dies_leaves_its_batches_to_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    root, found, config = _vault(tmp_path, 30)
    monkeypatch.setattr(parsework, "_work", _die)
    monkeypatch.setattr(parsework, "PARENT_SHARE", False)
    sink = Chunks()
    notes = load.read_and_parse(root, found, config, workers=2, sink=sink, now_ns=found[0].mtime_ns + 10**10)
    assert sorted(n.path for n in notes) == sorted(s.path for s in found)
    assert sink.paths() == sorted(s.path for s in found)  # every batch written once, none twice


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_batch_refused_by_a_pool_already_broken_is_parsed_by_the_parent(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker that dies as soon as it starts breaks the pool before the next batch is submitted:
    # `submit` raises then, and that batch (taken off the queue too early) used to be lost.
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    class BreaksOnSecondSubmit(concurrent.futures.ProcessPoolExecutor):
        submitted = 0

        def submit(self, *args: Any, **kwargs: Any) -> Any:
            BreaksOnSecondSubmit.submitted += 1
            if BreaksOnSecondSubmit.submitted == 2:
                raise BrokenProcessPool("a worker died")
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", BreaksOnSecondSubmit)
    monkeypatch.setattr(cache, "CHUNK", 7)
    monkeypatch.setattr(parsework, "PARENT_SHARE", False)
    root, found, config = _vault(tmp_path, 30)
    sink = Chunks()
    notes = load.read_and_parse(root, found, config, workers=2, sink=sink, now_ns=found[0].mtime_ns + 10**10)
    assert BreaksOnSecondSubmit.submitted >= 2
    assert sorted(n.path for n in notes) == sorted(s.path for s in found)
    assert sink.paths() == sorted(s.path for s in found)  # every batch written once, none twice


def test_notes_saved_too_recently_are_planned_but_not_cached(tmp_path: Path) -> None:
    root, found, config = _vault(tmp_path, 5)
    sink = Chunks()
    recent = found[0].mtime_ns + 1  # within 2 s of every note's mtime
    loaded = load.load_notes(root, found, config, None, store=lambda: sink, now_ns=recent)
    assert len(loaded.notes) == 5 and loaded.cached == 0
    assert sink.committed and sink.paths() == []


def test_the_parent_drops_the_parsers_caches_once_done(tmp_path: Path) -> None:
    # A build's parent plans with every note in memory: what the parser keeps to go faster
    # (split links, frontmatter lines) must not ride along to its peak.
    from vaultkit.reader import inlinefields, linksyntax, markdown, yamlfront

    root, found, config = _vault(tmp_path, 30)
    notes = load.read_and_parse(root, found, config, workers=1)
    assert len(notes) == 30 and all(n.links for n in notes)
    assert not linksyntax._PARTS and not markdown._DATES and not inlinefields.KEYS
    assert not inlinefields._BRACKETED and not inlinefields._BARE
    assert not yamlfront._FLAT.lines and not yamlfront._FLAT.plain
    again = load.read_and_parse(root, found, config, workers=1)  # and parses the same without them
    assert again == notes


@pytest.mark.parametrize("count", [0, 1, 499, 500, 1999, 2000, 2001, 10_007])
@pytest.mark.parametrize("processes", [0, 2, 3, 5])
def test_batches_keep_every_note_in_order_with_a_fine_tail(count: int, processes: int) -> None:
    found = [Scanned(f"n{i}.md", i, i) for i in range(count)]
    batches = parsework.batches_of(found, 500, processes)
    assert [s for batch in batches for s in batch] == found
    assert all(batches)
    sizes = [len(b) for b in batches]
    if not processes:
        assert sizes[:-1] == [500] * (len(sizes) - 1)
        return
    small = [n for n in sizes if n <= 125]
    assert all(n == 125 for n in small[:-1])
    assert sum(small) >= min(count, processes * 500)  # the last batches' worth, in quarters
    assert sum(small) < processes * 500 + 500
    assert sizes == [500] * (len(sizes) - len(small)) + small


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_workers_give_every_shape_of_note_its_facts_and_keep_recent_ones_out_of_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker makes a chunk's parts straight from each parsed note (`cacheparts`), and the
    notes too recent for the file a chunk of their own: the parent reads back from both the
    facts it makes of its own batches (`facts.compact`), and only the older notes are cached."""
    from tests.test_cacheparts import FILES

    monkeypatch.setattr(cache, "CHUNK", 3)
    monkeypatch.setattr(parsework, "PARENT_SHARE", False)
    root = str(write_vault(tmp_path, FILES))
    config, _ = read_config(root)
    found, _, _ = scan(root, config)
    now = max(item.mtime_ns for item in found) + 1
    old = sorted(item.path for item in found)[::2]
    for path in old:
        os.utime(os.path.join(root, path), ns=(now - 10**10, now - 10**10))
    found, _, _ = scan(root, config)
    alone = sorted(load.read_and_parse(root, found, config, workers=1), key=lambda n: n.path)
    sink = Chunks()
    shared = sorted(load.read_and_parse(root, found, config, workers=2, sink=sink, now_ns=now), key=lambda n: n.path)
    assert shared == alone
    assert sink.paths() == old


def test_a_forked_worker_keeps_what_its_batches_made_up_to_its_room(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A forked worker ends with os._exit: the notes a batch parsed are kept, not freed one by one,
    # while the notes' source stays within HOLD_BYTES; a worker that is not forked keeps nothing.
    root, found, config = _vault(tmp_path, 30)
    now = found[0].mtime_ns + 10**10
    batches = [found[i:i + 10] for i in range(0, 30, 10)]
    for name in ("_held", "_job", "_room"):  # this process's, as they were, afterwards
        monkeypatch.setattr(parsework, name, [] if name == "_held" else getattr(parsework, name))
    parsework._start(root, config, now, False)
    freed = [parsework._work(batch) for batch in batches]
    assert parsework._held == []
    monkeypatch.setattr(parsework, "HOLD_BYTES", sum(s.size for s in found[:20]))
    parsework._start(root, config, now, False, hold=True)
    kept = [parsework._work(batch) for batch in batches]
    assert kept == freed  # the same chunks
    assert len(parsework._held) == 2 and parsework._room == 0  # the third batch's notes did not fit: freed
    held_notes = [note for batch in parsework._held for _, note in batch]  # type: ignore[attr-defined]
    assert sorted(n.path for n in held_notes) == sorted(s.path for s in found[:20])


# A worker killed as it sends its result (the OOM killer, `kill -9`): half a message in the pool's
# result pipe, the pipe's lock held. The pool's own thread waited for the rest for good, and the
# build with it (found attacking a cold build of 10k notes: kill -9 of a worker, 2 hangs in 25).
_KILLED_MID_RESULT = """
import os, signal, struct, sys
from vaultkit.disk import cache, load, parsework
from vaultkit.disk.fs import read_config, scan
root, flag = sys.argv[1], sys.argv[2]
original = parsework._work
def killed_mid_result(found):
    try:
        os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # the first batch's worker only
    except FileExistsError:
        return original(found)
    frame = sys._getframe()
    while "result_queue" not in frame.f_locals:  # the pool's worker loop, which sends the result
        frame = frame.f_back
    os.write(frame.f_locals["result_queue"]._writer.fileno(), struct.pack("!i", 1 << 20) + b"the first bytes")
    os.kill(os.getpid(), signal.SIGKILL)
parsework._work = killed_mid_result
parsework.PARENT_SHARE = False
cache.CHUNK = 7
config, _ = read_config(root)
found = scan(root, config)[0]
notes = load.read_and_parse(root, found, config, workers=2)
print(sorted(n.path for n in notes) == [s.path for s in found], os.path.exists(flag))
"""


# Then Ctrl-C, before the parent has looked for a worker gone (`poolwatch.wait_done`): leaving the
# pool waited on its thread, stuck on the half message, for good (and the workers ignore Ctrl-C).
_INTERRUPTED_AFTER = _KILLED_MID_RESULT.replace("""notes = load.read_and_parse""", """import time
from vaultkit.disk import poolwatch
def interrupted(pool, pending):
    while not os.path.exists(flag) or not any(p.exitcode is not None for p in pool._processes.values()):
        time.sleep(0.01)
    raise KeyboardInterrupt
poolwatch.wait_done = interrupted
started = time.monotonic()
try:
    load.read_and_parse(root, found, config, workers=2)
except KeyboardInterrupt:
    print("interrupted", time.monotonic() - started < 20)
raise SystemExit
notes = load.read_and_parse""")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_ctrl_c_right_after_a_worker_died_mid_result_ends_the_parse(tmp_path: Path) -> None:
    assert _run_killing(_INTERRUPTED_AFTER, tmp_path) == ["interrupted", "True"]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_worker_killed_as_it_sends_its_result_leaves_its_batches_to_the_parent(tmp_path: Path) -> None:
    assert _run_killing(_KILLED_MID_RESULT, tmp_path) == ["True", "True"]


def _run_killing(script: str, tmp_path: Path) -> list[str]:
    """What `script` printed, run on a vault of 30 notes with the flag file its first worker makes
    as it is killed."""
    root, _, _ = _vault(tmp_path / "v", 30)
    run = subprocess.run([sys.executable, "-c", script, root, str(tmp_path / "killed")], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)  # (a hang fails the test, not the suite)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()
