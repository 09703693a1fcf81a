"""Reading a note's bytes, as every reader of the vault does: never through a symlink, never from
a FIFO or a device; a note that vanished meanwhile is None. Whether a note may be read at all is
told by the scan from its permission bits (`readable`)."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable, Iterator

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_note(root: str, rel: str) -> bytes | None:
    """Read a note's bytes without following a symlink; None if it vanished or is no file."""
    return _read(os.path.join(root, rel), None)


@contextlib.contextmanager
def reader(root: str) -> Iterator[Callable[[str], bytes | None]]:
    """`read_note` for many notes of the vault at `root`: each opened relative to the vault's
    folder, held open meanwhile, so the kernel walks each note's own path only, not the vault's
    again (a sixth of a note's reading, a parse worker's whole batch of notes)."""
    folder = -1
    if os.open in os.supports_dir_fd:
        with contextlib.suppress(OSError):
            folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    if folder < 0:  # no such call here (Windows), or the folder unreadable: path by path
        yield functools.partial(read_note, root)
        return
    try:
        yield functools.partial(_read, folder=folder)
    finally:
        os.close(folder)


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
