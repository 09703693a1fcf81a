"""The one module that touches the disk: scanning and reading a vault, atomic writes."""

from __future__ import annotations

import errno
import fnmatch
import gc
import multiprocessing
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from vaultkit.config import CONFIG_NAME, Config, parse_config
from vaultkit.model import Diagnostic, Note, Severity
from vaultkit.parse import MAX_NOTE_BYTES, parse_note, too_large
from vaultkit.vault import Vault

PARALLEL_MIN_NOTES = 1500  # below this, starting processes costs more than it saves
SKIP_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit", ".stfolder", ".stversions", "node_modules"})
# Editor, OS and sync droppings (SPEC §6): never notes, never worth a diagnostic.
_DROPPINGS = re.compile(
    r"(^\.#)|(^#.*#$)|(~$)|(\.sw[a-p]$)|(^4913$)|(___jb_(tmp|old)___$)|(^\.syncthing\..*\.tmp$)"
    r"|(\.sync-conflict-)|(\(conflicted copy)|(^\._)|(^\.DS_Store$)|(^Thumbs\.db$)|(\.tmp$)|(^\.~lock\.)"
)


def is_dropping(name: str) -> bool:
    """True for editor/OS/sync temporary files that must never be read as notes."""
    return bool(_DROPPINGS.search(name))


@dataclass(frozen=True, slots=True)
class Scanned:
    """A note file found by the scan: vault-relative path, size and mtime in ns."""

    path: str
    size: int
    mtime_ns: int


def _ignored(rel: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(rel + "/", g) for g in globs)


def scan(root: str, config: Config) -> tuple[list[Scanned], list[str], list[Diagnostic]]:
    """Walk the vault: note files, attachment paths, and diagnostics for odd entries.

    Never follows a symlinked folder, never reads outside the vault, skips non-regular
    files and the generated notes of the output folder (their names are still linkable).
    """
    real_root = os.path.realpath(root)
    notes: list[Scanned] = []
    attachments: list[str] = []
    diags: list[Diagnostic] = []
    out_prefix = config.output_dir.strip("/") + "/"
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(real_root, rel_dir)))
        except OSError as exc:
            diags.append(Diagnostic(rel_dir or ".", None, Severity.WARNING, "unreadable-folder",
                                    f"folder could not be read: {exc.strerror}", "check its permissions"))
            continue
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if _ignored(rel, config.ignore):
                continue
            try:
                if entry.is_symlink():
                    _symlink(real_root, entry.path, rel, diags)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIP_DIRS:
                        stack.append(rel)
                    continue
                if is_dropping(entry.name):
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                if entry.name.lower().endswith(".md"):
                    diags.append(Diagnostic(rel, None, Severity.WARNING, "not-a-file",
                                            "not a regular file (a FIFO, socket or device): skipped",
                                            "replace it with a regular file, or remove it"))
                continue
            if not entry.name.lower().endswith(".md"):
                if not entry.name.startswith("."):
                    attachments.append(rel)
                continue
            if rel.startswith(out_prefix) and not rel.startswith(out_prefix + "Reviews/"):
                continue  # generated indexes would feed themselves; they are rebuilt from sources
            notes.append(Scanned(rel, st.st_size, st.st_mtime_ns))
    notes.sort(key=lambda s: s.path)
    return notes, attachments, diags


def _symlink(real_root: str, path: str, rel: str, diags: list[Diagnostic]) -> None:
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):
        if rel.lower().endswith(".md"):
            diags.append(Diagnostic(rel, None, Severity.WARNING, "symlink-broken",
                                    "symlink is broken or loops: skipped", "remove it or point it at a note"))
        return
    inside = target == real_root or target.startswith(real_root + os.sep)
    if not inside:
        diags.append(Diagnostic(rel, None, Severity.WARNING, "symlink-outside",
                                "symlink points outside the vault: not followed",
                                "move the target into the vault, or add the link to `ignore`"))
    # Symlinks inside the vault are not followed either: the target is read on its own.


def read_note(root: str, rel: str) -> bytes | None:
    """Read a note's bytes without following a symlink; None if it vanished or is too big."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(os.path.join(root, rel), flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_config(root: str) -> tuple[Config, list[Diagnostic]]:
    """Read and validate `vaultkit.toml` at the vault root (defaults when absent)."""
    path = os.path.join(root, CONFIG_NAME)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        return parse_config(None)
    except OSError as exc:
        return Config(), [Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-unreadable",
                                     f"could not read: {exc.strerror}", "check its permissions")]
    try:
        return parse_config(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(), [Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-syntax", "not UTF-8",
                                     "save vaultkit.toml as UTF-8")]


def load_vault(path: str | os.PathLike[str], config: Config | None = None) -> Vault:
    """Read a vault from disk into a `Vault`. Never modifies any file.

    Raises `FileNotFoundError`/`NotADirectoryError` only when `path` itself is not a folder.
    """
    root = os.fspath(path)
    if not os.path.isdir(root):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", root)
    cfg_diags: list[Diagnostic] = []
    if config is None:
        config, cfg_diags = read_config(root)
    found, attachments, diags = scan(root, config)
    notes = read_and_parse(root, found, config)
    return Vault(notes, config, attachments, cfg_diags + diags, root=os.path.realpath(root))


def _read_parse(root: str, found: list[Scanned], config: Config) -> list[Note]:
    notes = []
    # Parsing allocates millions of small acyclic objects; the cycle collector would
    # rescan them all again and again for nothing. Pause it for the loop.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for item in found:
            if item.size > MAX_NOTE_BYTES:
                notes.append(too_large(item.path, item.size))
                continue
            data = read_note(root, item.path)
            if data is not None:
                notes.append(parse_note(item.path, data, config))
    finally:
        if was_enabled:
            gc.enable()
    return notes


def read_and_parse(root: str, found: list[Scanned], config: Config, workers: int | None = None) -> list[Note]:
    """Read and parse notes; on big vaults, in worker processes (parsing is CPU-bound)."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(found) >= PARALLEL_MIN_NOTES else 1
    if workers <= 1:
        return _read_parse(root, found, config)
    chunks = [found[i::workers * 4] for i in range(workers * 4)]
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: the default start method works too
        ctx = multiprocessing.get_context()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            parts = list(pool.map(_read_parse, [root] * len(chunks), chunks, [config] * len(chunks)))
    except (OSError, BrokenProcessPool):
        return _read_parse(root, found, config)  # no processes to be had: do it here
    return [note for part in parts for note in part]


def iter_files(root: str) -> Iterator[str]:
    """Every regular file under `root` (for tests and tools), vault-relative, sorted."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")


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
    real_root = os.path.realpath(root)
    target = os.path.join(real_root, *rel.split("/"))
    parent = os.path.dirname(target)
    if os.path.isabs(rel) or ".." in rel.split("/"):
        raise PermissionError(f"refusing to write outside the vault: {rel}")
    os.makedirs(parent, exist_ok=True)
    if os.path.realpath(parent) != parent:
        raise PermissionError(f"refusing to write through a symlinked folder: {rel}")
    mode = 0o644
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            raise PermissionError(f"refusing to write over a symlink or non-file: {rel}")
        mode = stat.S_IMODE(st.st_mode)
        with open(target, "rb") as fh:
            if fh.read() == data:
                return False
    fd, tmp = tempfile.mkstemp(prefix=".vaultkit-", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass  # some filesystems cannot fsync a folder; the rename is still atomic
    return True
