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
