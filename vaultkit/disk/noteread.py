"""Reading a note's bytes, as every reader of the vault does: never through a symlink, never from
a FIFO or a device; a note that vanished meanwhile is None. Whether a note may be read at all is
told by the scan from its permission bits (`readable`).

Never through a symlink means no component of its path: the scan follows no symlinked folder,
but a folder swapped for a symlink between the scan and the read (a sync tool, another user of
a shared vault: `People` -> `/home/me/.ssh`) would be followed by an open of the whole path,
`O_NOFOLLOW` guarding its last component only. Each folder is opened from the one above it,
`O_NOFOLLOW | O_DIRECTORY`, the note from its folder, so nothing outside the vault is ever read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_FOLDER = (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
           | getattr(os, "O_CLOEXEC", 0))
_STEPS = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY")


def read_note(root: str, rel: str) -> bytes | None:
    """Read a note's bytes without following a symlink (in any folder of its path); None if it
    vanished or is no file."""
    with reader(root) as read:
        return read(rel)


@contextlib.contextmanager
def reader(root: str) -> Iterator[Callable[[str], bytes | None]]:
    """`read_note` for many notes of the vault at `root`: the folders of the note last read
    held open (`_Folders`), so the kernel walks each note's own name only, not the vault's path
    again (a sixth of a note's reading, a parse worker's whole batch of notes): notes read in
    path order open each folder once."""
    if not _STEPS:  # no such calls here (Windows, where a symlink needs rights to make): path by path
        yield lambda rel: _read(os.path.join(root, rel), None)
        return
    try:
        folders = _Folders(os.open(root, _FOLDER & ~getattr(os, "O_NOFOLLOW", 0)))  # the vault itself may be a link
    except OSError:
        yield lambda rel: None  # no vault folder to read from
        return
    try:
        yield folders.read
    finally:
        folders.close()


class _Folders:
    """The vault's folder open, and the folders down to the last note read (`read`), each
    opened from the one above it without following a symlink."""

    __slots__ = ("fds", "names")

    def __init__(self, root_fd: int) -> None:
        self.fds = [root_fd]  # the vault's, then one per folder in `names`
        self.names: list[str] = []

    def read(self, rel: str) -> bytes | None:
        """The bytes of the note at vault-relative `rel` ('/'-separated), or None."""
        *path, name = rel.split("/")
        if path != self.names and not self._down(path):
            return None
        if name in ("", ".", ".."):
            return None
        return _read(name, self.fds[-1])

    def _down(self, path: list[str]) -> bool:
        """Hold open the folders of `path`, keeping those it shares with the last; False where
        one is not a folder of the vault (gone, a symlink, a file, `..`)."""
        names, fds = self.names, self.fds
        keep = 0
        for mine, theirs in zip(names, path, strict=False):
            if mine != theirs:
                break
            keep += 1
        while len(names) > keep:
            names.pop()
            os.close(fds.pop())
        for part in path[keep:]:
            if part in ("", ".", ".."):
                return False
            try:
                fd = os.open(part, _FOLDER, dir_fd=fds[-1])
            except OSError:  # gone, or a symlink (ELOOP) or a file (ENOTDIR) where a folder was
                return False
            fds.append(fd)
            names.append(part)
        return True

    def close(self) -> None:
        for fd in self.fds:
            os.close(fd)
        self.fds.clear()
        self.names.clear()


def _read(path: str, folder: int | None) -> bytes | None:
    try:
        fd = os.open(path, _FLAGS, dir_fd=folder)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        # The size it has now in one read, as a rule the whole file: no second read to find its end
        # there. A read short of it, or past it (the file changed since), reads on to the end.
        data = os.read(fd, st.st_size + 1)
        if len(data) == st.st_size:
            return data
        chunks = [data]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(fd)


_READ_ALL = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def readable(mode: int, uid: int, gid: int) -> bool:
    """May this process read a file of this mode and owner, by its permission bits (as the
    kernel decides for the owner, the group, the others; anything for root)? Where there are no
    such ids (Windows), yes."""
    if mode & _READ_ALL == _READ_ALL or not hasattr(os, "geteuid"):
        return True  # the common case, told without asking who this process is (a call each)
    me = os.geteuid()
    if me == 0:
        return True
    if uid == me:
        return bool(mode & stat.S_IRUSR)
    if gid == os.getegid() or gid in _groups():
        return bool(mode & stat.S_IRGRP)
    return bool(mode & stat.S_IROTH)


def _groups() -> set[int]:
    try:
        return set(os.getgroups())
    except OSError:
        return set()
