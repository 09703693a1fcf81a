"""Scanning a vault: what is read, what is skipped silently, what is diagnosed."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import snapshot, write_vault
from vaultkit import Vault, load_vault
from vaultkit.disk import fs, noteread
from vaultkit.disk.build import build
from vaultkit.disk.fs import is_dropping
from vaultkit.reader import names
from vaultkit.reader.parse import MAX_NOTE_BYTES

GHOST = "---\ntype: robot\n---\n[[Ghost]] #ghost\n"  # would give diagnostics if it were read


def codes(vault: Vault) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in vault.diagnostics]


def test_tool_folders_are_ignored(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "Note.md": "ok",
        ".git/x.md": GHOST, ".git/objects/y.md": GHOST,
        ".obsidian/workspace.md": GHOST, ".obsidian/plugins/p.json": "{}",
        ".trash/old.md": GHOST,
        "Sub/.git/z.md": GHOST, "Sub/.trash/z.md": GHOST, "Sub/n.md": "",
    }))
    assert list(vault.notes) == ["Note.md", "Sub/n.md"]
    assert vault.attachments == ()
    assert codes(vault) == []


DROPPINGS = [
    ".Note.md.swp", ".Note.md.swo", "Note.md.swp", "4913", ".#Note.md", "#Note.md#", "Note.md~",
    "Note.md___jb_tmp___", "Note.md___jb_old___", ".syncthing.Note.md.tmp",
    "._Note.md", ".DS_Store", "Thumbs.db", ".~lock.Note.md#",
]  # sync conflict copies are not notes either, but each gets a warning: tests/test_sync_copies.py


@pytest.mark.parametrize("name", DROPPINGS)
def test_droppings_are_ignored_silently(tmp_path: Path, name: str) -> None:
    assert is_dropping(name)
    vault = load_vault(write_vault(tmp_path, {"People/Note.md": "ok", f"People/{name}": GHOST}))
    assert list(vault.notes) == ["People/Note.md"]
    assert vault.attachments == ()
    assert codes(vault) == []


@pytest.mark.parametrize("name", ["C# notes.md", "#hashtag.md", "a~b.md", "Q4 (draft).md", "4913 notes.md",
                                  "Résumé.MD", "sync-conflict notes.md"])
def test_ordinary_names_are_notes(tmp_path: Path, name: str) -> None:
    assert not is_dropping(name)
    vault = load_vault(write_vault(tmp_path, {name: "ok"}))
    assert list(vault.notes) == [name]


def test_attachments_and_hidden_files(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "a.md": "![[pic.png]] [[doc.pdf]]", "img/pic.png": b"\x89PNG", "doc.pdf": b"%PDF", ".hidden": "x",
        "img/.hidden.png": b"",
    }))
    assert vault.attachments == ("doc.pdf", "img/pic.png")
    assert codes(vault) == []


def test_symlink_to_a_folder_outside_is_not_followed(tmp_path: Path) -> None:
    outside = write_vault(tmp_path / "outside", {"Secret.md": GHOST, "deep/s.md": GHOST})
    root = write_vault(tmp_path / "vault", {"a.md": "[[Secret]]"})
    (root / "Linked").symlink_to(outside, target_is_directory=True)
    (root / "secret.md").symlink_to(outside / "Secret.md")
    vault = load_vault(root)
    assert list(vault.notes) == ["a.md"]
    assert sorted(codes(vault)) == [("Linked", "symlink-outside"), ("a.md", "link-missing"),
                                    ("secret.md", "symlink-outside")]


def test_symlinks_inside_the_vault_are_not_followed_either(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"People/Ada.md": "", "a.md": "[[Ada]]"})
    (root / "Alias").symlink_to(root / "People", target_is_directory=True)
    (root / "Ada2.md").symlink_to(root / "People" / "Ada.md")
    (root / "People" / "up").symlink_to(root, target_is_directory=True)
    vault = load_vault(root)
    assert list(vault.notes) == ["a.md", "People/Ada.md"]  # read once, from where it lives
    assert codes(vault) == []


def test_symlink_loops_are_diagnosed_and_do_not_hang(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a.md": ""})
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    (root / "self.md").symlink_to(root / "self.md")
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    (root / "dangling.png").symlink_to(root / "nowhere.png")
    vault = load_vault(root)
    assert list(vault.notes) == ["a.md"]
    assert sorted(codes(vault)) == [("dangling.md", "symlink-broken"), ("loop1", "symlink-broken"),
                                    ("loop2", "symlink-broken"), ("self.md", "symlink-broken")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_like_a_note_does_not_hang(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a.md": "[[x]]"})
    os.mkfifo(root / "x.md")
    result: list[Vault] = []
    worker = threading.Thread(target=lambda: result.append(load_vault(root)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader before failing
        with open(root / "x.md", "wb"):
            pass
        pytest.fail("load_vault blocked on a FIFO")
    [vault] = result
    assert list(vault.notes) == ["a.md"]
    assert ("x.md", "not-a-file") in codes(vault)


def test_ignore_globs_from_the_config(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "vaultkit.toml": 'ignore = ["Templates/**", "*.draft.md", "Archive", "Private/secret.md"]\n',
        "Templates/Person.md": GHOST, "Templates/deep/x.md": GHOST, "Archive/old.md": GHOST,
        "Notes/idea.draft.md": GHOST, "Private/secret.md": GHOST, "Private/open.md": "", "Note.md": "",
    }))
    assert list(vault.notes) == ["Note.md", "Private/open.md"]
    assert codes(vault) == []


def test_generated_notes_are_not_inputs(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "Vaultkit/People.md": "---\nvaultkit: generated\n---\n[[Ghost]] #ghost\n- 2026-01-01 [[Ada]] #brag\n",
        "Vaultkit/Reviews/2026-H1.md": "---\nvaultkit: generated\n---\n[[Ghost]]\n",
        "Ada.md": "---\ntype: person\n---\n",
        "Dashboard.md": "[[Vaultkit/People]]",
    }))
    assert list(vault.notes) == ["Ada.md", "Dashboard.md"]
    assert "Ada.md" not in vault.backlinks or all(s != "Vaultkit/People.md" for s, _ in vault.backlinks["Ada.md"])
    assert codes(vault) == []  # and a link to a generated note is not broken


def test_output_dir_from_the_config(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "vaultkit.toml": 'output_dir = "Generated/Career"\n',
        "Generated/Career/People.md": GHOST, "Generated/other.md": "", "Vaultkit/People.md": "",
    }))
    assert list(vault.notes) == ["Generated/other.md", "Vaultkit/People.md"]
    assert codes(vault) == []


def test_note_over_the_size_cap_is_diagnosed_and_skipped(tmp_path: Path) -> None:
    big = b"---\ntype: robot\n---\n" + b"[[Ghost]]\n" * (MAX_NOTE_BYTES // 10 + 1)
    vault = load_vault(write_vault(tmp_path, {"Big.md": big, "a.md": "[[Big]]", "edge.md": b"x" * MAX_NOTE_BYTES}))
    assert codes(vault) == [("Big.md", "file-too-large")]
    note = vault.notes["Big.md"]
    assert note.links == () and note.kind is None
    assert vault.resolve(vault.notes["a.md"].links[0], "a.md").path == "Big.md"  # still linkable
    assert "edge.md" in vault.notes


@pytest.mark.parametrize(("toml", "key", "code"), [
    ("bogus = 1\n", "bogus", "config-invalid"),
    ('output_dir = 3\n', "output_dir", "config-invalid"),
    ('today = "someday"\n', "today", "config-invalid"),
    ("today = 5\n", "today", "config-invalid"),
    ('default_cadence = "often"\n', "default_cadence", "config-invalid"),
    ("event_goal_new_people = true\n", "event_goal_new_people", "config-invalid"),
    ('ignore = "Templates/**"\n', "ignore", "config-invalid"),
    ("ignore = [1, 2]\n", "ignore", "config-invalid"),
    ('ignore = ["!"]\n', "ignore", "config-invalid"),            # no gitignore pattern: named, not a crash
    ('ignore = ["Archive/", "x\\\\"]\n', "ignore", "config-invalid"),
    ('daily_notes = "Daily"\n', "daily_notes", "config-invalid"),
    ('output_dir = "../elsewhere"\n', "output_dir", "config-invalid"),
    ('output_dir = "Out\\u0000put"\n', "output_dir", "config-invalid"),  # ended the build: "embedded null byte"
    ('output_dir = "Two\\nLines"\n', "output_dir", "config-invalid"),
    ('output_dir = "Gen\\u202eerated"\n', "output_dir", "config-invalid"),  # a bidi override: shown reversed
    ('[folders]\n"People" = "friend"\n', "folders.People", "config-invalid"),
    ("[folders\n", "", "config-syntax"),
])
def test_bad_config_is_an_error_naming_the_key(tmp_path: Path, toml: str, key: str, code: str) -> None:
    vault = load_vault(write_vault(tmp_path, {"vaultkit.toml": toml, "People/Ada.md": "", "a.md": "[[Ada]]"}))
    [diag] = vault.diagnostics
    assert (diag.path, diag.code, diag.severity.value) == ("vaultkit.toml", code, "error")
    assert diag.message.startswith(f"{key}:") if key else diag.message
    assert sorted(vault.notes) == ["People/Ada.md", "a.md"]  # the rest is read with defaults
    assert vault.notes["People/Ada.md"].kind == "person"


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {"vaultkit.toml": b"today = \"\xff\"\n", "a.md": ""}))
    assert codes(vault) == [("vaultkit.toml", "config-syntax")]


def test_load_vault_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        load_vault(tmp_path / "missing")
    (tmp_path / "file.md").write_text("x")
    with pytest.raises(NotADirectoryError):
        load_vault(tmp_path / "file.md")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads anything")
def test_unreadable_folder_is_diagnosed(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"Locked/a.md": "", "b.md": ""})
    (root / "Locked").chmod(0)
    try:
        vault = load_vault(root)
    finally:
        (root / "Locked").chmod(0o755)
    assert list(vault.notes) == ["b.md"]
    assert codes(vault) == [("Locked", "unreadable-folder")]


@pytest.mark.parametrize(("mode", "owner", "group", "groups", "expected"), [
    (0o644, 1000, 1000, [], True), (0o000, 1000, 1000, [], False), (0o044, 1000, 1000, [], False),
    (0o640, 2000, 1000, [], True), (0o600, 2000, 1000, [], False), (0o604, 2000, 3000, [], True),
    (0o640, 2000, 3000, [], False), (0o640, 2000, 3000, [3000], True),
])
def test_a_note_is_readable_by_its_permission_bits(monkeypatch: pytest.MonkeyPatch, mode: int, owner: int,
                                                   group: int, groups: list[int], expected: bool) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(os, "getegid", lambda: 1000)
    monkeypatch.setattr(os, "getgroups", lambda: groups)
    assert noteread.readable(mode, owner, group) is expected
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert noteread.readable(mode, owner, group)  # root reads anything


def test_an_unreadable_note_is_said_and_counts_once_it_can_be_read(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A note without read permission dropped out of every generated note unsaid, and once it
    could be read again (a chmod moves no mtime) builds took the last one's record for the vault
    and left it out for good: `0 updated`, until the cache folder was cleared."""
    root = write_vault(tmp_path / "v", {"People/Ada.md": "---\ncompany: Acme\n---\n",
                                        "People/Bo.md": "---\ncompany: Beecorp\n---\n",
                                        "Notes/n.md": "Met [[Bo]].\n"})
    for note in root.rglob("*.md"):
        os.utime(note, ns=(1_700_000_000_000_000_000,) * 2)  # long saved: no racy note keeps the record untrusted
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # as a user other than the notes' owner: root reads anything
        monkeypatch.setattr(os, "geteuid", lambda: os.stat(root).st_uid + 1)
        monkeypatch.setattr(os, "getegid", lambda: os.stat(root).st_gid + 1)
        monkeypatch.setattr(os, "getgroups", lambda: [])
    (root / "People/Bo.md").chmod(0o600)
    build(root, dt.date(2026, 6, 30))
    assert "Beecorp" not in (root / "Vaultkit/People.md").read_text()
    vault = load_vault(root)
    assert ("People/Bo.md", "unreadable-note") in codes(vault)
    assert not [d for d in vault.diagnostics if d.code == "link-broken"]  # its name still links
    (root / "People/Bo.md").chmod(0o644)
    build(root, dt.date(2026, 6, 30))
    assert "Beecorp" in (root / "Vaultkit/People.md").read_text()


def test_scanning_changes_nothing(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a.md": "x", ".obsidian/w.json": "{}", "a.md~": "y", "4913": ""})
    (root / "link").symlink_to(tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "f.md")
    before = snapshot(root)
    load_vault(root).diagnostics  # noqa: B018 - computing them reads everything
    assert snapshot(root) == before


@given(st.lists(st.sampled_from([*"abc.#~_-() 4913swpmdtDSThumbsMD", "conflict", "conflicted copy", ".md",
                                 ".sync-conflict-", "___jb_tmp___", ".tmp", ".~lock.", ".swp"]),
                max_size=8).map("".join))
def test_the_droppings_fast_path_agrees_with_the_pattern(name: str) -> None:
    assert fs.is_dropping(name) == bool(fs._DROPPINGS.search(name))


def test_every_unusable_character_is_one_isprintable_refuses() -> None:
    """`names.unusable` skips its pattern for printable names: that is only right if so."""
    assert not [c for c in map(chr, range(0x110000)) if names._UNUSABLE.search(c) and c.isprintable()]


def test_an_output_dir_holding_a_nul_is_refused_naming_the_key(tmp_path: Path) -> None:
    """`build` ended with "Error: embedded null byte", the key unnamed."""
    from click.testing import CliRunner

    from vaultkit.cli.main import cli

    vault = write_vault(tmp_path, {"vaultkit.toml": 'output_dir = "Out\\u0000put"\n', "a.md": "x"})
    result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
    assert result.exit_code == 1 and "output_dir: must be a folder inside the vault" in result.output
    assert "embedded null byte" not in result.output and not (vault / "Out").exists()
