"""The cache's files, in this machine's cache folder, never in the vault: one written whole
(`write_cache`), the notes cache written chunk by chunk as the notes are parsed (`CacheFile`),
and the cache an earlier vaultkit kept in the vault removed unread (`remove_legacy_cache`).
Every file goes in place by rename, as `vaultkit.disk.writer` puts notes."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from typing import BinaryIO

from vaultkit.disk import cache, fs
from vaultkit.disk.writer import temp_copy, unlink_quietly


def write_cache(root: str, data: bytes | Iterable[bytes], name: str = cache.FILE) -> None:
    """Store one of vaultkit's cache files (its bytes, or their chunks) in this machine's cache
    folder for the vault at `root` (created private to this user), never in the vault: sync must
    not carry it."""
    folder = fs.cache_folder(root)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    fd, tmp = temp_copy(folder, data, 0o600)
    try:
        os.replace(tmp, os.path.join(folder, name))
    except BaseException:
        unlink_quietly(tmp)
        raise
    finally:
        os.close(fd)


class CacheFile:
    """The notes cache file, written chunk by chunk as the notes are parsed (`add`) into a
    temp file in the cache folder, and put in place whole by `commit`: no process holds the
    whole file in memory, and a reader never sees half of one. Writing it is a convenience:
    a failure (a full disk) only drops it, quietly."""

    def __init__(self, root: str, stamp: str) -> None:
        """Start the notes cache file of the vault at `root`, for `stamp` (`cache.header`)."""
        self.target = os.path.join(fs.cache_folder(root), cache.FILE)
        self._fh: BinaryIO | None = None
        self._tmp = ""
        try:
            os.makedirs(os.path.dirname(self.target), mode=0o700, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=".notes-", suffix=".tmp", dir=os.path.dirname(self.target))
            self._fh = os.fdopen(fd, "wb")  # mkstemp made it private to this user (0600)
            self._fh.write(cache.header(stamp))
        except OSError:
            self.discard()

    def add(self, data: bytes | memoryview) -> None:
        """Append a chunk (`cache.chunk`, or one as read from the last file)."""
        if self._fh is not None:
            try:
                self._fh.write(data)
            except OSError:
                self.discard()

    def commit(self) -> bool:
        """Put the file in place (flushed to disk first); False when it could not be written."""
        if self._fh is None:
            return False
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None
            os.replace(self._tmp, self.target)
            self._tmp = ""
            folder, ours = os.path.split(self.target)
            for name in os.listdir(folder):  # another version's files are never read again, nor temp files left
                if ((cache.OTHER_VERSIONS.match(name) and name not in (ours, cache.BUILD_FILE, cache.CHECK_FILE))
                        or (_LEFT_TEMP.match(name) and _untouched(os.path.join(folder, name)))):
                    unlink_quietly(os.path.join(folder, name))
        except OSError:
            self.discard()
            return not self._tmp
        return True

    def discard(self) -> None:
        """Drop the file being written (the one in place, if any, stays)."""
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None
        if self._tmp:
            unlink_quietly(self._tmp)
            self._tmp = ""


# A notes cache file (or a record) that a build stopped before putting in place (Ctrl-C, kill -9)
# left in the cache folder: tens of MB at 50k notes, one more each time, never read. Removed by
# the next notes cache put in place once nothing has written to it for this long: another
# build's, still writing, is left to it.
_LEFT_TEMP = re.compile(r"^(\.notes-|\.vaultkit-)[A-Za-z0-9_]{8}\.tmp$")
LEFT_TEMP_SECONDS = 600


def _untouched(path: str) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and time.time() - st.st_mtime > LEFT_TEMP_SECONDS


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
