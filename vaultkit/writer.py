"""The write side of the disk: atomic writes of generated notes, new notes, the cache.

Every write is a temp file in the same folder, fsync, then rename (or link, for a note
that must not replace anything). Symlinks and paths outside the vault are refused; the
cache alone is written outside the vault, in this machine's cache folder.
"""

from __future__ import annotations

import os
import stat
import tempfile

from vaultkit import cache, fs


def _place(root: str, rel: str) -> tuple[str, str]:
    """(target, its folder) for `rel` inside the vault, folders created on the way.

    Refuses absolute paths, `..`, and any symlinked folder between the vault and the file.
    """
    if os.path.isabs(rel) or ".." in rel.split("/"):
        raise PermissionError(f"refusing to write outside the vault: {rel}")
    real_root = os.path.realpath(root)
    if not os.path.isdir(real_root):  # never recreate a vault that was moved or deleted
        raise FileNotFoundError(f"the vault folder {root} is gone")
    target = os.path.join(real_root, *rel.split("/"))
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    if os.path.realpath(parent) != parent:
        raise PermissionError(f"refusing to write through a symlinked folder: {rel}")
    return target, parent


def _temp_copy(parent: str, data: bytes, mode: int) -> str:
    """`data` in a new temp file in `parent`, flushed to disk, with `mode`; returns its path."""
    fd, tmp = tempfile.mkstemp(prefix=".vaultkit-", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: str) -> None:
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


def create_new(root: str, rel: str, data: bytes) -> str:
    """Create a new file inside the vault atomically, never replacing an existing one.

    The bytes go to a temp file first and are hard-linked into place, so the note appears
    whole or not at all; raises FileExistsError when something already has that name.
    Returns the absolute path.
    """
    target, parent = _place(root, rel)
    if os.path.lexists(target):
        raise FileExistsError(f"{rel} already exists; vaultkit never overwrites a note")
    tmp = _temp_copy(parent, data, 0o644)
    try:
        os.link(tmp, target)  # fails, instead of replacing, if the name was taken meanwhile
    except FileExistsError:
        raise FileExistsError(f"{rel} already exists; vaultkit never overwrites a note") from None
    finally:
        _unlink(tmp)
    _sync_folder(parent)
    return target


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


def atomic_write(root: str, rel: str, data: bytes) -> bool:
    """Write `data` to `rel` inside the vault atomically; False when the bytes are unchanged.

    Temp file in the same folder, fsync, rename; keeps the existing file's mode;
    refuses symlinks (at the file or any folder on the way) and paths outside the vault.
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
            if fh.read() == data:
                return False
    tmp = _temp_copy(parent, data, mode)
    try:
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise
    _sync_folder(parent)
    return True


def write_cache(root: str, data: bytes, name: str = cache.FILE) -> None:
    """Store one of vaultkit's cache files in this machine's cache folder for the vault at
    `root` (created private to this user), never in the vault: sync must not carry it."""
    folder = fs.cache_folder(root)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    tmp = _temp_copy(folder, data, 0o600)
    try:
        os.replace(tmp, os.path.join(folder, name))
    except BaseException:
        _unlink(tmp)
        raise


def remove_legacy_cache(root: str) -> list[str]:
    """Remove the cache an earlier vaultkit kept in the vault: `.vaultkit/cache-v*.pickle`,
    `.vaultkit/last-build-v*.json`, and the `.gitignore` it wrote there if still exactly as it
    wrote it (`.vaultkit/` itself too, once that leaves it empty). Returns the paths removed.

    It is never read: a pickle a sync tool brought from another machine must not be loaded.
    """
    folder = os.path.join(os.path.realpath(root), ".vaultkit")
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return []  # a symlinked `.vaultkit` is not gone through
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    removed = []
    for name in names:
        full = os.path.join(folder, name)
        try:
            st = os.lstat(full)
            if not stat.S_ISREG(st.st_mode):
                continue
            if cache.LEGACY.match(name) or (name == ".gitignore" and st.st_size == len(cache.LEGACY_GITIGNORE)
                                            and _read(full) == cache.LEGACY_GITIGNORE):
                os.unlink(full)
                removed.append(f".vaultkit/{name}")
        except OSError:
            continue
    if removed:
        try:
            os.rmdir(folder)  # only when nothing of the user's (templates, views) is left there
        except OSError:
            pass
    return removed


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()
