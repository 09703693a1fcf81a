"""Reading notes' bytes (`vaultkit.disk.noteread`): path by path, or a batch of a vault's notes
through its folder held open, the same bytes; never through a symlink, never from a FIFO."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from vaultkit.disk.noteread import read_note, reader


def _vault(tmp_path: Path) -> Path:
    root = tmp_path / "v"
    (root / "People").mkdir(parents=True)
    (root / "People" / "Ada.md").write_bytes(b"---\ntype: person\n---\nHi \xc3\xa9\r\n")
    (root / "Empty.md").write_bytes(b"")
    (root / "Big.md").write_bytes(b"x" * (3 << 20) + b"end")  # past one read's buffer
    (root / "outside.txt").write_bytes(b"not a note")
    return root


def test_a_batch_reads_what_each_read_reads(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    rels = ["People/Ada.md", "Empty.md", "Big.md", "Gone.md", "People"]
    alone = [read_note(str(root), rel) for rel in rels]
    assert alone[:3] == [(root / rel).read_bytes() for rel in rels[:3]]
    assert alone[3:] == [None, None]  # vanished; a folder is no note
    with reader(str(root)) as read:
        assert [read(rel) for rel in rels] == alone
    with reader(str(tmp_path / "no such vault")) as read:  # nothing to hold open: read path by path
        assert read("People/Ada.md") is None


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs")
def test_a_symlink_or_a_fifo_is_never_read(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    (root / "Link.md").symlink_to(root / "outside.txt")
    os.mkfifo(root / "Pipe.md")  # would block a reader opening it to read
    with reader(str(root)) as read:
        assert read("Link.md") is None and read("Pipe.md") is None
    assert read_note(str(root), "Link.md") is None and read_note(str(root), "Pipe.md") is None


def test_a_file_that_grew_since_it_was_sized_is_read_to_its_end(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The read asks for the size `fstat` gave: a note appended to meanwhile reads on."""
    root = _vault(tmp_path)
    real = os.fstat

    def smaller(fd: int) -> os.stat_result:
        st = real(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                               max(0, st.st_size - 5), st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(os, "fstat", smaller)
    with reader(str(root)) as read:
        assert read("People/Ada.md") == (root / "People" / "Ada.md").read_bytes()
        assert read("Big.md") == (root / "Big.md").read_bytes()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_folder_swapped_for_a_symlink_after_the_scan_is_not_followed(tmp_path: Path) -> None:
    """The scan follows no symlinked folder; one swapped in after it (a sync tool, another user
    of a shared vault) is not followed by the read either: the note is gone, and nothing outside
    the vault is read (an open of the whole path follows every folder but its last name's)."""
    root = _vault(tmp_path)
    (root / "People" / "Deep").mkdir()
    (root / "People" / "Deep" / "Bo.md").write_bytes(b"Bo\n")
    outside = tmp_path / "secrets"
    (outside / "Deep").mkdir(parents=True)
    (outside / "Ada.md").write_bytes(b"private key")
    (outside / "Deep" / "Bo.md").write_bytes(b"private key")
    rels = ["Big.md", "People/Ada.md", "People/Deep/Bo.md", "Empty.md"]
    with reader(str(root)) as read:
        assert [read(rel) for rel in rels] == [(root / rel).read_bytes() for rel in rels]
        (root / "People").rename(tmp_path / "People moved")
        (root / "People").symlink_to(outside)  # swapped while the batch is being read
        assert [read(rel) for rel in rels] == [(root / "Big.md").read_bytes(), None, None, b""]
    assert read_note(str(root), "People/Ada.md") is None and read_note(str(root), "People/Deep/Bo.md") is None
    (root / "People").unlink()
    (root / "People").mkdir()
    (root / "People" / "Deep").symlink_to(outside / "Deep")  # a folder deeper down
    assert read_note(str(root), "People/Deep/Bo.md") is None
    with reader(str(root)) as read:
        assert read("People/Deep/Bo.md") is None


def test_a_path_that_climbs_out_of_the_vault_is_not_read(tmp_path: Path) -> None:
    """A path with `..`, `.` or an empty name in it (never the scan's; a watcher's event made
    one) names no note of the vault."""
    root = _vault(tmp_path)
    for rel in ("../v/People/Ada.md", "People/../People/Ada.md", "People/../../v/Empty.md", "./Empty.md",
                "People//Ada.md", "/Empty.md", "People/..", ".."):
        assert read_note(str(root), rel) is None, rel
        with reader(str(root)) as read:
            assert read(rel) is None, rel


def test_notes_read_in_any_order_across_folders(tmp_path: Path) -> None:
    """The folders held open follow the notes read, in path order or not."""
    root = tmp_path / "v"
    rels = [f"{a}/{b}/n{i}.md" for a in ("A", "B") for b in ("x", "y") for i in range(2)] + ["top.md", "A/a.md"]
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(rel.encode())
    order = sorted(rels) + list(reversed(rels)) + rels[::3]
    with reader(str(root)) as read:
        assert [read(rel) for rel in order] == [rel.encode() for rel in order]
