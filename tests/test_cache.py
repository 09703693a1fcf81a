"""The cache: used when valid, discarded (never trusted) when corrupt, stale or hostile."""

from __future__ import annotations

import os
import pickle
import shutil
import struct
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import cache, cachefiles, fs
from vaultkit.disk.build import build
from vaultkit.disk.cacheform import joined, plain
from vaultkit.reader.facts import REST
from vaultkit.reader.model import Note


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


def test_cache_round_trip_outside_the_vault(tmp_path: Path, private_cache: Path) -> None:
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    assert not (vault / ".vaultkit").exists()  # nothing of the cache, not even a .gitignore, in the vault
    folder = Path(fs.cache_folder(str(vault)))
    assert folder.parent == private_cache / "vaultkit"
    assert sorted(p.name for p in folder.iterdir()) == sorted([cache.FILE, cache.BUILD_FILE, cache.CHECK_FILE])
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
    target = Path(fs.cache_folder(str(vault))) / cache.FILE
    good = target.read_bytes()
    assert fs.read_cache(str(vault), stamp) is not None
    for raw in _spoiled(good, stamp):
        target.write_bytes(raw)
        (target.parent / cache.BUILD_FILE).unlink(missing_ok=True)
        shutil.rmtree(vault / "Vaultkit")
        assert fs.read_cache(str(vault), stamp) is None
        result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
        assert result.exit_code == 0, result.output
        got = {p: t[0] for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")}
        assert got == {p: t[0] for p, t in expected.items()}


def test_a_cache_altered_into_other_valid_pickles_is_not_believed(tmp_path: Path, private_cache: Path) -> None:
    """The restricted unpickler stops code and wrong shapes, not a lie: a notes cache altered
    in place (a name changed to another of the same length: every pickle still loads, every
    length still stands) is no cache. Its notes, believed, made the generated notes of a text no
    note holds, for as long as the notes' sizes and mtimes stood."""
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    expected = {p: t[0] for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")}
    assert "Jonas Weber" in expected["Vaultkit/People.md"].decode()
    target = Path(fs.cache_folder(str(vault))) / cache.FILE
    altered = target.read_bytes().replace(b"Jonas Weber", b"Jonas Wexer")
    assert altered != target.read_bytes()
    target.write_bytes(altered)
    (target.parent / cache.BUILD_FILE).unlink()
    shutil.rmtree(vault / "Vaultkit")
    assert fs.read_cache(str(vault), cache.stamp((vault / "vaultkit.toml").read_text())) is None
    build(vault)
    assert {p: t[0] for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")} == expected


class _Evil:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("echo the cache ran code >&2",))


def _no_daily(path: str) -> bool:
    return False


def _spoiled(good: bytes, stamp: str) -> list[bytes]:
    """A good notes cache file made corrupt, truncated, of another version or config, or planted."""
    head = cache.header(stamp)
    other_version = head.replace(struct.pack("<H", cache.VERSION), struct.pack("<H", cache.VERSION - 1), 1)
    return [
        b"garbage", b"", good[:len(head) - 1], good[:100], good[:-1], good + b"\0",  # corrupt or cut short
        other_version + good[len(head):], cache.header("another/config") + good[len(head):],
        pickle.dumps((cache.VERSION, stamp, [])),  # the format before chunks
        head + cache.chunk([("x.md", 1, 2, os.system)], _no_daily),  # a class outside the allowlist
        head + cache.chunk([_Evil()], _no_daily),  # a pickle that runs code when loaded
        head + cache.chunk([("x.md", 1, 2, "not a note")], _no_daily),  # well-formed, of the wrong shape
        head + cache.chunk([("x.md", 1, 2, Note("y.md", "y", None))], _no_daily),  # a note filed under another path
        head + cache.chunk({"x.md": (1, 2, Note("x.md", "x", None))}, _no_daily),  # the shape of another version
        good[:len(head)] + struct.pack("<Q", 2**40) + good[len(head) + 8:],  # a length past the end
        head + _parts([("x.md", 1, 2, plain(Note("x.md", "x", None), {}), REST)], [], []),  # its rest missing
        head + _parts([("x.md", 1, 2, plain(Note("x.md", "x", None), {}), REST)], [],
                      [("y.md", 1, 2, (), (), (), ())]),  # the rest of a note the chunk does not hold
        head + _parts([("x.md", 1, 2, plain(Note("x.md", "x", None), {}), REST)], [],
                      [("x.md", 1, 3, (), (), (), ())]),  # the rest of another version of it
        head + _parts([("x.md", 1, 2, plain(Note("x.md", "x", None), {}), REST)], [],
                      [("x.md", 1, 2, ((),), (), (), ())]),  # a link left out with nothing to put there
    ]


def _parts(plan: list[object], prep: list[object], rest: list[object]) -> bytes:
    """A chunk of the parts given, as `cache.chunk` would write them (`cacheform.joined`)."""
    blob = joined([cache.seal_part(pickle.dumps(part, protocol=5)) for part in (plan, prep, rest)])
    return struct.pack("<Q", len(blob)) + blob


def test_the_notes_cache_format_round_trips_and_refuses_anything_else(capfd: pytest.CaptureFixture[str]) -> None:
    notes = {f"n{i}.md": (i, 10**18 + i, Note(f"n{i}.md", f"n{i}", "person", tags=("a",))) for i in range(1201)}
    notes["recent.md"] = (5, 10**19, Note("recent.md", "recent", None))  # saved too recently to trust
    stamp = cache.stamp("config")
    raw = cache.dumps(cache.CacheData(stamp, notes), 10**19 + 1, _no_daily)
    assert raw.startswith(cache.MAGIC)
    back = cache.loads(raw, stamp)
    assert back is not None and back.notes == {p: e for p, e in notes.items() if p != "recent.md"}
    assert cache.loads(cache.dumps(cache.CacheData(stamp, {}), 0, _no_daily), stamp) == cache.CacheData(stamp, {})
    for spoiled in _spoiled(raw, stamp):
        assert cache.loads(spoiled, stamp) is None, spoiled[:80]
    assert "ran code" not in capfd.readouterr().err


def test_the_cache_file_is_written_in_chunks_and_put_in_place_whole(tmp_path: Path, private_cache: Path) -> None:
    root = str(tmp_path)
    stamp = cache.stamp("")
    entries = [(f"n{i}.md", i, i, Note(f"n{i}.md", f"n{i}", None)) for i in range(3)]
    os.makedirs(fs.cache_folder(root))
    for old in ("cache-v4.pickle", "last-build-v4.json", "notes-v1.cache"):  # another version's
        (Path(fs.cache_folder(root)) / old).write_bytes(b"old")
    first = cachefiles.CacheFile(root, stamp)
    first.add(cache.chunk(entries[:2], _no_daily))
    assert fs.read_cache(root, stamp) is None  # nothing in place before the commit
    first.add(cache.chunk(entries[2:], _no_daily))
    assert first.commit()
    assert sorted(p.name for p in Path(fs.cache_folder(root)).iterdir()) == [cache.FILE]  # the others gone
    data = fs.read_cache(root, stamp)
    assert data is not None and list(data.notes) == ["n0.md", "n1.md", "n2.md"]
    dropped = cachefiles.CacheFile(root, stamp)
    dropped.add(cache.chunk(entries[:1], _no_daily))
    dropped.discard()
    assert not dropped.commit()
    assert sorted(p.name for p in Path(fs.cache_folder(root)).iterdir()) == [cache.FILE]  # no temp file left
    assert fs.read_cache(root, stamp) == data


def test_what_a_stopped_build_left_in_the_cache_folder_goes_with_the_next_notes_cache(tmp_path: Path) -> None:
    """A build stopped (Ctrl-C, kill -9) before it put its notes cache or a record in place left
    the temp file in the cache folder, and every later build left it there: one more each time,
    tens of MB at 50k notes (found interrupting cold builds of 10k notes). Another build's, still
    being written, stays."""
    root = write_vault(tmp_path / "v", {"a.md": "[[b]]\n", "b.md": "x\n"})
    folder = Path(fs.cache_folder(str(root)))
    folder.mkdir(parents=True)
    left = [folder / ".notes-k3j9x_2q.tmp", folder / ".vaultkit-ab12cd34.tmp"]
    for path in left:
        path.write_bytes(b"half a file")
        os.utime(path, (time.time() - 3600,) * 2)
    writing = folder / ".notes-w7r1t9n0.tmp"
    writing.write_bytes(b"another build's, being written")
    build(root)
    assert not any(path.exists() for path in left)
    assert writing.exists()


def test_a_build_puts_the_notes_cache_in_place_while_it_makes_the_vault(tmp_path: Path, private_cache: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Its flush to disk (~10 ms at 10k notes, ~50 at 50k) kept both cores idle before the vault
    # was made; now the vault is made meanwhile, and the file is in place before anything reads
    # it back (`takeback.owe`, the hints child) or forks.
    import threading

    from vaultkit.disk import build as building
    from vaultkit.reader import vault as vaults

    making = threading.Event()
    seen: dict[str, object] = {}
    commit, make, owe = cachefiles.CacheFile.commit, vaults.Vault.__init__, building.owe

    def committed(self: cachefiles.CacheFile) -> bool:
        seen["commit"] = threading.current_thread() is threading.main_thread(), making.wait(10)
        return commit(self)

    def made(self: vaults.Vault, *args: object, **kwargs: object) -> None:
        making.set()
        make(self, *args, **kwargs)  # type: ignore[arg-type]

    def owed(vault: vaults.Vault, root: str, stamp: str, *args: object) -> None:
        seen["in place"] = fs.read_cache(root, stamp) is not None
        seen["threads"] = threading.active_count()
        owe(vault, root, stamp, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cachefiles.CacheFile, "commit", committed)
    monkeypatch.setattr(building, "Vault", type("V", (vaults.Vault,), {"__init__": made}))
    monkeypatch.setattr(building, "owe", owed)
    vault = _copy(tmp_path)
    build(vault)
    assert seen == {"commit": (False, True), "in place": True, "threads": 1}
    data = fs.read_cache(str(vault), cache.stamp((vault / "vaultkit.toml").read_text(encoding="utf-8")))
    assert data is not None and data.notes


def test_the_cache_folder_is_the_platforms() -> None:
    home = "/home/ada"
    linux = cache.location("/v", {}, "linux", home)
    assert linux.startswith("/home/ada/.cache/vaultkit/")
    assert cache.location("/v", {"XDG_CACHE_HOME": "/x"}, "linux", home).startswith("/x/vaultkit/")
    assert cache.location("/v", {"XDG_CACHE_HOME": "rel"}, "linux", home) == linux  # relative: ignored
    assert cache.location("/v", {}, "darwin", "/Users/ada").startswith("/Users/ada/Library/Caches/vaultkit/")
    win = cache.location(r"C:\v", {"LOCALAPPDATA": r"C:\Users\ada\AppData\Local"}, "win32", r"C:\Users\ada")
    assert win.startswith("C:\\Users\\ada\\AppData\\Local\\vaultkit\\")
    assert cache.location("/v", {}, "linux", home) != cache.location("/w", {}, "linux", home)


def _old_cache(vault: Path, proof: Path) -> bytes:
    """An in-vault cache as earlier vaultkits left it, with a pickle that would run code if loaded."""
    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {proof}",))
    stamp = cache.stamp((vault / "vaultkit.toml").read_text())
    folder = vault / ".vaultkit"
    folder.mkdir(exist_ok=True)
    (folder / "cache-v1.pickle").write_bytes(pickle.dumps((cache.VERSION, stamp, [pickle.dumps(Evil())])))
    (folder / "cache-v0.pickle").write_bytes(pickle.dumps(Evil()))
    (folder / "last-build-v1.json").write_text('{"version": 1}')
    (folder / ".gitignore").write_bytes(cache.LEGACY_GITIGNORE)
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "templates" / "mine.txt").write_text("the user's\n")
    return (folder / "cache-v1.pickle").read_bytes()


def test_an_old_in_vault_cache_is_never_read_and_is_removed(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    proof = tmp_path / "pwned"
    _old_cache(vault, proof)
    dry = CliRunner().invoke(cli, ["--vault", str(vault), "build", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert (vault / ".vaultkit" / "cache-v1.pickle").exists()  # a dry run writes and removes nothing
    result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
    assert result.exit_code == 0, result.output
    assert not proof.exists()
    assert sorted(p.name for p in (vault / ".vaultkit").iterdir()) == ["templates"]
    assert (vault / ".vaultkit" / "templates" / "mine.txt").read_text() == "the user's\n"


def test_only_what_vaultkit_wrote_goes(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    folder = vault / ".vaultkit"
    folder.mkdir()
    (folder / ".gitignore").write_bytes(cache.LEGACY_GITIGNORE + b"!templates/\n")  # edited: the user's now
    (folder / "last-build-v1.json").write_text("{}")
    (folder / "cache-notes.txt").write_text("mine\n")
    build(vault)
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "cache-notes.txt"]
    # and with nothing of the user's left, `.vaultkit/` itself goes
    (folder / ".gitignore").unlink()
    (folder / "cache-notes.txt").unlink()
    (folder / "cache-v1.pickle").write_bytes(b"old")
    build(vault)
    assert not folder.exists()


def test_watch_removes_an_old_cache_too(tmp_path: Path) -> None:
    import threading

    from vaultkit.live.watch import WatchOptions, watch

    vault = _copy(tmp_path)
    proof = tmp_path / "pwned"
    _old_cache(vault, proof)
    stop = threading.Event()
    watch(str(vault), WatchOptions(), lambda line: stop.set(), stop)  # stops after its first line
    assert not proof.exists()
    assert sorted(p.name for p in (vault / ".vaultkit").iterdir()) == ["templates"]


def test_without_a_writable_cache_folder_vaultkit_still_works(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    vault = _copy(tmp_path)
    expected = _copy(tmp_path / "expected")
    build(expected)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for _ in range(2):
        result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
        assert result.exit_code == 0, result.output
    got = {p.relative_to(vault / "Vaultkit"): p.read_bytes() for p in (vault / "Vaultkit").rglob("*.md")}
    want = {p.relative_to(expected / "Vaultkit"): p.read_bytes() for p in (expected / "Vaultkit").rglob("*.md")}
    assert got == want
    assert blocker.read_text() == "a file where the cache folder would go\n"


def test_a_symlinked_cache_file_is_not_read(tmp_path: Path) -> None:
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    stamp = cache.stamp((vault / "vaultkit.toml").read_text())
    target = Path(fs.cache_folder(str(vault))) / cache.FILE
    elsewhere = tmp_path / "planted.pickle"
    target.rename(elsewhere)
    target.symlink_to(elsewhere)
    assert cache.loads(elsewhere.read_bytes(), stamp) is not None
    assert fs.read_cache(str(vault), stamp) is None


def test_a_warm_build_copies_the_chunks_whose_notes_are_unchanged(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 3)
    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    stamp = cache.stamp((vault / "vaultkit.toml").read_text())
    before = fs.read_cache(str(vault), stamp)
    assert before is not None and len(before.chunks) > 10
    note = vault / "People" / "Jonas Weber.md"
    note.write_text(note.read_text() + "\n- 2025-01-01 one more line\n")
    st = note.stat()
    os.utime(note, ns=(st.st_atime_ns, st.st_mtime_ns - 5_000_000_000))
    pickled: list[str] = []
    real_chunk = cache.chunk
    monkeypatch.setattr(cache, "chunk", lambda entries, daily: pickled.extend(e[0] for e in entries)
                        or real_chunk(entries, daily))
    build(vault)
    after = fs.read_cache(str(vault), stamp)
    assert after is not None and after.notes.keys() == before.notes.keys()
    assert after.notes["People/Jonas Weber.md"][0] == st.st_size
    kept = {bytes(blob) for paths, blob in before.chunks if "People/Jonas Weber.md" not in paths}
    assert kept <= {bytes(blob) for _, blob in after.chunks}  # as they were, not pickled again
    assert len(kept) == len(before.chunks) - 1
    changed = next(paths for paths, _ in before.chunks if "People/Jonas Weber.md" in paths)
    assert sorted(pickled) == sorted(changed)  # the changed note and its chunk's others: nothing else


def test_long_lived_objects_are_put_out_of_the_collectors_sight() -> None:
    import gc

    before = gc.get_freeze_count()
    enabled = gc.isenabled()
    try:
        gc.enable()
        with cache.long_lived():
            assert not gc.isenabled()  # paused while they are made
            made = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(made)
    finally:
        gc.unfreeze()
        if not enabled:
            gc.disable()


@pytest.mark.parametrize("name", [cache.FILE, cache.BUILD_FILE, cache.CHECK_FILE])
def test_a_fifo_in_place_of_a_cache_file_is_not_waited_on(tmp_path: Path, name: str) -> None:
    import threading

    from vaultkit.disk.checkrun import run_check

    vault = _copy(tmp_path)
    _age(vault)
    build(vault)
    expected = {p: t[0] for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")}
    target = Path(fs.cache_folder(str(vault))) / name
    target.unlink()
    os.mkfifo(target)  # opened for reading, it would wait for a writer that never comes
    (vault / "Vaultkit" / "People.md").unlink()
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.extend([run_check(vault), build(vault), run_check(vault)]),
                              daemon=True)
    worker.start()
    worker.join(30)  # (a second or two: the bound only tells a wait for good from work)
    hung = worker.is_alive()
    if hung:  # let it go on (a writer that opens and closes the FIFO), then say so
        os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(30)
    assert not hung and len(done) == 3, f"a FIFO at {name} was waited on"
    assert {p: t[0] for p, t in snapshot(vault).items() if p.startswith("Vaultkit/")} == expected
