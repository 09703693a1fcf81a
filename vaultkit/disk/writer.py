"""The write side of the disk: atomic writes of generated notes and new notes (the cache's
files: `vaultkit.disk.cachefiles`).

Every write is a temp file in the same folder, fsync, then rename (or link, for a note
that must not replace anything). Symlinks and paths outside the vault are refused.
"""

from __future__ import annotations

import difflib
import os
import signal
import stat
import tempfile
from collections.abc import Iterable

try:
    import fcntl
except ImportError:  # Windows: stale temp files are told by their age instead
    fcntl = None  # type: ignore[assignment]

from vaultkit.disk import fs
from vaultkit.reader.links import name_key


def _place(root: str, rel: str) -> tuple[str, str]:
    """(target, its folder) for `rel` inside the vault, folders created on the way.

    Refuses absolute paths, `..`, and any symlink or non-folder between the vault and the
    file. Each folder is looked at (lstat) before anything is created under it, and created
    one level at a time: nothing is ever made through a symlinked folder, inside or out.
    """
    parts = [part for part in rel.split("/") if part not in ("", ".")]
    if os.path.isabs(rel) or ".." in parts or not parts:
        raise PermissionError(f"refusing to write outside the vault: {rel}")
    real_root = os.path.realpath(root)
    if not os.path.isdir(real_root):  # never recreate a vault that was moved or deleted
        raise FileNotFoundError(f"the vault folder {root} is gone")
    parent = real_root
    for depth, part in enumerate(parts[:-1], 1):
        parent = os.path.join(parent, part)
        try:
            st = os.lstat(parent)
        except FileNotFoundError:
            try:
                os.mkdir(parent)
            except FileExistsError:
                pass  # made meanwhile: looked at below like any other
            st = os.lstat(parent)
        if not stat.S_ISDIR(st.st_mode):
            raise PermissionError(f"refusing to write through {'/'.join(parts[:depth])}: "
                                  "it is a symlink or not a folder")
    return os.path.join(parent, parts[-1]), parent


# A test hook, inert unless the variable is set: `VAULTKIT_TEST_KILL_AT=STEP` (or `STEP:N`, the
# Nth time) makes the process SIGKILL itself at that step of a write, as a crash or `kill -9`
# would, so tests can show what an interrupted write leaves. Steps: `temp-created`,
# `temp-written` (flushed, not yet in place), `replaced` (atomic_write) and `linked` (create_new).
_KILL_AT = os.environ.get("VAULTKIT_TEST_KILL_AT", "")
_steps_seen: dict[str, int] = {}


def _step(name: str) -> None:
    if not _KILL_AT:
        return
    step, _, nth = _KILL_AT.partition(":")
    if step == name:
        _steps_seen[name] = _steps_seen.get(name, 0) + 1
        if _steps_seen[name] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)


STALE_SECONDS = 60  # without file locks (Windows): a temp file this old belongs to no write


def temp_copy(parent: str, data: bytes | Iterable[bytes], mode: int) -> tuple[int, str]:
    """`data` (or its chunks) in a new temp file in `parent`, flushed to disk, with `mode`: (open fd, path).

    The fd holds an exclusive lock on the file until the caller closes it, after the rename:
    that is how `remove_leftovers` tells a write in progress from one a crash interrupted.
    """
    while True:
        fd, tmp = tempfile.mkstemp(prefix=fs.TEMP_PREFIX, suffix=fs.TEMP_SUFFIX, dir=parent)
        if _lock(fd, blocking=True) and os.fstat(fd).st_nlink == 0:
            os.close(fd)  # a cleaner took it between its creation and the lock: make another
            continue
        break
    try:
        _step("temp-created")
        with os.fdopen(os.dup(fd), "wb") as fh:
            for chunk in (data,) if isinstance(data, bytes) else data:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        _step("temp-written")
    except BaseException:
        unlink_quietly(tmp)
        os.close(fd)
        raise
    return fd, tmp


def _lock(fd: int, blocking: bool) -> bool:
    """Take an exclusive lock on the open file; False when it is held elsewhere or locks do
    not exist here (then `remove_leftovers` goes by age)."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def remove_leftovers(paths: list[str], root: str, now: float) -> list[str]:
    """Remove the temp files (vault-relative `paths`, named as `fs.is_temp` says) that an
    interrupted write left behind; returns those removed.

    A temp file whose write is still going on (another vaultkit process) holds a lock: it is
    left alone. Where there are no file locks, only temp files older than STALE_SECONDS go.
    """
    real_root = os.path.realpath(root)
    removed = []
    for rel in paths:
        if not fs.is_temp(rel.rsplit("/", 1)[-1]):
            continue
        full = os.path.join(real_root, *rel.split("/"))
        try:
            fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                continue
            if fcntl is not None:
                if not _lock(fd, blocking=False):
                    continue  # a write in progress
            elif now - st.st_mtime < STALE_SECONDS:
                continue
            same = os.lstat(full)
            if (same.st_ino, same.st_dev) == (st.st_ino, st.st_dev):  # not renamed into place meanwhile
                os.unlink(full)
                removed.append(rel)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


def unlink_quietly(path: str) -> None:
    """Remove the file at `path` if it is there (a temp file that must not be left behind)."""
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folder(parent: str) -> None:
    """Make a rename in `parent` durable."""
    try:
        dfd = os.open(parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass  # some filesystems cannot fsync a folder; the rename is still atomic


def create_new(root: str, rel: str, data: bytes, folders: Folders | None = None) -> str:
    """Create a new file inside the vault atomically, never replacing an existing one.

    The bytes go to a temp file first and are hard-linked into place, so the note appears
    whole or not at all; raises FileExistsError when something already has that name, or a
    name that differs only in case (`folders`: the names of the folders a command writes many
    notes into, read once; else the folder is read now). Returns the absolute path.
    """
    target, parent = _place(root, rel)
    if os.path.lexists(target):
        raise FileExistsError(f"{rel} already exists; vaultkit never overwrites a note")
    folders = Folders() if folders is None else folders
    same = folders.same(parent, os.path.basename(target))
    if same is not None:  # `ada lovelace.md` beside `Ada Lovelace.md`: Obsidian would link both alike
        shown = "/".join([*rel.split("/")[:-1], same])
        raise FileExistsError(f"{shown} already exists; vaultkit never overwrites a note (names match "
                              "whatever their case, as Obsidian's links do)")
    fd, tmp = temp_copy(parent, data, 0o644)
    try:
        os.link(tmp, target)  # fails, instead of replacing, if the name was taken meanwhile
        _step("linked")
    except FileExistsError:
        raise FileExistsError(f"{rel} already exists; vaultkit never overwrites a note") from None
    finally:
        unlink_quietly(tmp)
        os.close(fd)
    _sync_folder(parent)
    folders.add(parent, os.path.basename(target))
    return target


class Folders:
    """The names in folders notes are created in, each folder read once, by how links compare
    names (case and Unicode normal form: `vaultkit.reader.links.name_key`): a command that
    creates many notes in one folder (an import) looks each new name up instead of reading the
    folder again for each (3,000 people into People/ read it 3,000 times)."""

    def __init__(self) -> None:
        self._names: dict[str, dict[str, str]] = {}

    def same(self, parent: str, name: str) -> str | None:
        """The entry of `parent` named as `name` but for case or normal form, None if none."""
        names = self._names.get(parent)
        if names is None:
            names = self._names[parent] = {}
            try:
                with os.scandir(parent) as entries:
                    for entry in entries:
                        names.setdefault(name_key(entry.name), entry.name)
            except OSError:
                pass
        return names.get(name_key(name))

    def add(self, parent: str, name: str) -> None:
        """`name` was created in `parent`."""
        if parent in self._names:
            self._names[parent].setdefault(name_key(name), name)


def read_text(root: str, rel: str) -> str | None:
    """A generated note's current text (None when absent); refuses a symlink."""
    target = os.path.join(os.path.realpath(root), *rel.split("/"))
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise PermissionError(f"{rel} is a symlink or not a regular file; vaultkit will not write there")
    with open(target, "rb") as fh:
        return fh.read().decode("utf-8")


class Changed(OSError):
    """The file no longer holds the bytes it was read with: a save landed meanwhile."""


def atomic_write(root: str, rel: str, data: bytes | list[bytes], expect: bytes | None = None,
                 folders: set[str] | None = None) -> bool:
    """Write `data` (or its pieces, in order) to `rel` inside the vault atomically; False when the
    bytes are unchanged.

    Temp file in the same folder, fsync, rename; keeps the existing file's mode;
    refuses symlinks (at the file or any folder on the way) and paths outside the vault.
    `expect`: the bytes a user's note was read with; when it holds others now (saved since),
    nothing is written and `Changed` is raised. `folders`: the rename is made durable by the
    caller, who gets its folder there (`sync_folders`), rather than here.
    """
    target, parent = _place(root, rel)
    mode = 0o644
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            raise PermissionError(f"refusing to write over a symlink or non-file: {rel}")
        mode = stat.S_IMODE(st.st_mode)
        # A rename would replace a read-only file all the same: respect the user's lock, by
        # mode too, since root may write anything.
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise PermissionError(f"{rel} is read-only; vaultkit will not change it")
        with open(target, "rb") as fh:
            now = fh.read()
        if now == (data if isinstance(data, bytes) else b"".join(data)):
            return False
        if expect is not None and now != expect:
            raise Changed(f"{rel} was saved meanwhile")
    elif expect is not None:
        raise Changed(f"{rel} is gone")
    fd, tmp = temp_copy(parent, data, mode)
    try:
        if expect is not None and _read_or_none(target) != expect:  # saved while the copy was written
            raise Changed(f"{rel} was saved meanwhile")
        os.replace(tmp, target)
        _step("replaced")
    except BaseException:
        unlink_quietly(tmp)
        raise
    finally:
        os.close(fd)
    if folders is None:
        _sync_folder(parent)
    else:
        folders.add(parent)
    return True


def sync_folders(folders: Iterable[str]) -> None:
    """Make the renames durable that `atomic_write(folders=...)` left to its caller: one fsync a
    folder, not one a note (a build writes its generated notes into one or two folders, and each
    fsync of a folder waits for the disk: ~1-7 ms on a busy one, the build's cores idle)."""
    for parent in sorted(folders):
        _sync_folder(parent)


def _read_or_none(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def diff(path: str, before: str | None, after: str) -> str:
    """What writing `after` over `before` (None: no file yet) at vault-relative `path` would
    change, as a unified diff: what `build --dry-run` prints."""
    return "".join(difflib.unified_diff((before or "").splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
