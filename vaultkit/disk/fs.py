"""The read side of the disk: scanning and reading a vault, its config and its cache (which lives
outside the vault, in this machine's cache folder: `cache_folder`).

Turning what is read into a `Vault` is `vaultkit.disk.load`'s; writes live in `vaultkit.disk.writer`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import BinaryIO

from vaultkit.disk import cache, cachestream, recordform
from vaultkit.disk.cache import CacheData
from vaultkit.disk.noteread import read_note as read_note  # its home was here
from vaultkit.disk.noteread import readable
from vaultkit.reader import names, obsidian, synccopies
from vaultkit.reader.config import CONFIG_NAME, Config, invalid, parse_config
from vaultkit.reader.matcher import SKIP_DIRS, rules
from vaultkit.reader.model import Diagnostic, Severity

# Editor, OS and sync droppings (SPEC §6): never notes, never worth a diagnostic.
_DROPPINGS = re.compile(
    r"(^\.#)|(^#.*#$)|(~$)|(\.sw[a-p]$)|(^4913$)|(___jb_(tmp|old)___$)|(^\.syncthing\..*\.tmp$)"
    r"|(\.sync-conflict-)|(\([^()]*conflicted copy)|(^\._)|(^\.DS_Store$)|(^Thumbs\.db$)|(\.tmp$)|(^\.~lock\.)"
)


def is_dropping(name: str) -> bool:
    """True for editor/OS/sync temporary files that must never be read as notes."""
    if name.endswith(".md") and name[:1] not in ".#" and "conflict" not in name:
        return False  # the common case, without the pattern: no dropping ends so or lacks these
    return bool(_DROPPINGS.search(name))


TEMP_PREFIX, TEMP_SUFFIX = ".vaultkit-", ".tmp"  # the writer's temp files, as `tempfile.mkstemp` names them
_TEMP = re.compile(r"^\.vaultkit-[A-Za-z0-9_]{8}\.tmp$")


def is_temp(name: str) -> bool:
    """Is `name` one of the writer's temp files (`.vaultkit-XXXXXXXX.tmp`)?"""
    return bool(_TEMP.match(name))


@dataclass(frozen=True, slots=True)
class Scanned:
    """A note file found by the scan: vault-relative path, size and mtime in ns."""

    path: str
    size: int
    mtime_ns: int


def relevant(rel: str, config: Config) -> bool:
    """Could a change at vault-relative `rel` matter? Answered as `scan` would: not in a
    folder it leaves out, not hidden or ignored, not a dropping, not a name no note can have."""
    if names.unusable(rel) is not None:
        return False  # as the scan: a name no note can have (the scan warns)
    return rules(config).relevant(rel) and not is_dropping(rel.rsplit("/", 1)[-1])


def scan(root: str, config: Config, under: str = "", leftovers: list[str] | None = None,
         each: Callable[[Scanned], None] | None = None) -> tuple[list[Scanned], list[str], list[Diagnostic]]:
    """Walk the vault (or the folder `under` in it): notes, attachment paths, diagnostics.

    Never follows a symlinked folder, never reads outside the vault, skips non-regular
    files, and leaves out what `vaultkit.reader.matcher` says: dot-files and dot-folders, `ignore`
    globs; templates, Obsidian's excluded files and the generated notes of the output folder
    are listed with the attachments (their names stay linkable) and never read.
    The writer's temp files met on the way are added to `leftovers`, if given; `each`, if given,
    is called with each note as it is found (in the walk's order, not yet sorted).
    """
    real_root = os.path.realpath(root)
    notes: list[Scanned] = []
    attachments: list[str] = []
    diags: list[Diagnostic] = []
    out_prefix = config.output_dir.strip("/") + "/"
    matcher = rules(config)
    spec = matcher.spec  # None without `ignore` globs: then no path is matched against anything
    stack = [under.strip("/")]
    if not matcher.visible_folder(stack[0]):
        return notes, attachments, diags  # a folder left out (a watcher asks about any folder)
    while stack:
        rel_dir = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(real_root, rel_dir)))
        except OSError as exc:
            diags.append(Diagnostic(rel_dir or ".", None, Severity.WARNING, "unreadable-folder",
                                    f"folder could not be read: {exc.strerror}", "check its permissions"))
            continue
        for entry in entries:
            name = entry.name
            rel = f"{rel_dir}/{name}" if rel_dir else name
            hidden = name[:1] == "."  # dot-files and dot-folders: Obsidian does not show them either
            if spec is not None and not hidden:
                try:
                    folder = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if spec.match_file(rel + "/" if folder else rel):
                    continue  # by gitignore's rules; a folder left out is never looked into
            if hidden or is_dropping(name):
                if leftovers is not None and is_temp(name):
                    leftovers.append(rel)
                elif "conflict" in name and is_dropping(name):
                    _conflict_copy(real_root, rel_dir, rel, out_prefix, diags)
                continue  # before the symlink test: Emacs's `.#note.md` lock is a dangling symlink
            try:
                if _bad_name(entry, rel, diags):
                    continue
                if entry.is_symlink():
                    _symlink(real_root, entry.path, rel, diags)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if name not in SKIP_DIRS:
                        stack.append(rel)
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
            if not name.lower().endswith(".md"):
                attachments.append(rel)
                continue
            if matcher.linkable_only(rel):
                # Generated notes would feed themselves; templates and excluded files are no
                # notes of the user's: all stay linkable, none is read.
                attachments.append(rel)
                continue
            if not readable(st.st_mode, st.st_uid, st.st_gid):
                # Said, and no note: read, it would drop out unsaid (as one that vanished), and
                # a record of this scan would still be trusted once it is readable again (a
                # chmod moves no mtime). Its name stays linkable, as an attachment's.
                diags.append(Diagnostic(rel, None, Severity.WARNING, "unreadable-note",
                                        "note cannot be read (no read permission): skipped",
                                        "check its permissions (chmod u+r)"))
                attachments.append(rel)
                continue
            if names.unlinkable(entry.name[:-3]):
                diags.append(names.unlinkable_warning(rel))  # kept: shown as text where linked
            notes.append(Scanned(rel, st.st_size, st.st_mtime_ns))
            if each is not None:
                each(notes[-1])
    notes.sort(key=lambda s: s.path)
    return notes, attachments, diags


def _bad_name(entry: os.DirEntry[str], rel: str, diags: list[Diagnostic]) -> bool:
    """Skip a file or folder whose name no note can have (see `vaultkit.reader.names`); warn for notes and folders."""
    reason = names.unusable(entry.name)
    if reason is None:
        return False
    try:
        folder = entry.is_dir(follow_symlinks=False)
    except OSError:
        folder = False
    if folder or entry.name.lower().endswith(".md"):
        diags.append(names.unusable_warning(rel, reason, folder))
    return True


def _conflict_copy(real_root: str, rel_dir: str, rel: str, out_prefix: str, diags: list[Diagnostic]) -> None:
    """A sync tool's conflict copy of a note: never a note itself, but always a warning."""
    found = synccopies.original(rel.rsplit("/", 1)[-1])
    if found is None or not found[0].lower().endswith(".md"):
        return  # a copy of an attachment: nothing of the vault's content is at stake
    original = f"{rel_dir}/{found[0]}" if rel_dir else found[0]
    exists = os.path.lexists(os.path.join(real_root, *original.split("/")))
    diags.append(synccopies.warning(rel, original, found[1], exists, rel.startswith(out_prefix)))


def _symlink(real_root: str, path: str, rel: str, diags: list[Diagnostic]) -> None:
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError) as exc:
        # A dangling link to an attachment is not worth a word; a loop always is.
        loops = isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP
        if loops or rel.lower().endswith(".md"):
            diags.append(Diagnostic(rel, None, Severity.WARNING, "symlink-broken",
                                    "symlink is broken or loops: skipped", "remove it or point it at a note"))
        return
    inside = target == real_root or target.startswith(real_root + os.sep)
    if not inside:
        diags.append(Diagnostic(rel, None, Severity.WARNING, "symlink-outside",
                                "symlink points outside the vault: not followed",
                                "move the target into the vault, or add the link to `ignore`"))
    # Symlinks inside the vault are not followed either: the target is read on its own.


def has_own_templates(root: str) -> bool:
    """Has the vault templates or views of its own (in `.vaultkit/`)? Jinja2 then renders what
    it holds, and a view of its own may read anything of a note."""
    return any(os.path.lexists(os.path.join(root, ".vaultkit", d)) for d in ("templates", "views"))


def has_marker(root: str) -> bool:
    """Does the folder say it is a vault: a `vaultkit.toml`, or Obsidian's `.obsidian/`?"""
    return os.path.isfile(os.path.join(root, CONFIG_NAME)) or os.path.isdir(os.path.join(root, ".obsidian"))


def holds_note(root: str, limit: int | None = None) -> bool:
    """Does the folder hold a note (`.md`) anywhere a scan would look? Breadth-first, so it
    stops early in any real vault. With `limit`, a folder with more entries than that to
    look through counts as holding one: the safe answer where "empty" would allow a write."""
    queue = deque([root])
    seen = 0
    while queue:
        folder = queue.popleft()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        seen += len(entries)
        if limit is not None and seen > limit:
            return True
        for entry in entries:
            try:
                if entry.name.startswith(".") or entry.name in SKIP_DIRS or entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    queue.append(entry.path)
                elif entry.name.lower().endswith(".md") and not is_dropping(entry.name):
                    return True
            except OSError:
                continue
    return False


def read_config(root: str) -> tuple[Config, list[Diagnostic]]:
    """Read and validate `vaultkit.toml` at the vault root (defaults when absent)."""
    config, diags, _ = read_config_text(root)
    return config, diags


def read_config_text(root: str) -> tuple[Config, list[Diagnostic], str]:
    """`read_config`, plus the file's text ("" when absent) for fingerprints; the settings
    taken from Obsidian's (`read_daily_settings`, `read_obsidian`) are in both, and
    `vaultkit.toml` wins over them."""
    from vaultkit.disk.appsettings import read_daily_settings, read_obsidian  # (they read through this module)

    config, diags, text = read_daily_settings(root, *_read_toml(root))
    settings, more = read_obsidian(root)
    config = replace(config, obsidian_templates=settings.templates, excluded=settings.excluded)
    text = text + settings.fingerprint() if settings != obsidian.Settings() else text
    # Nothing acts on an invalid config: no plugin is loaded for it. Its kind tables' problems
    # may be answered by a plugin's kinds (a `[kinds.talk]` extending a plugin's `talk`).
    if invalid([d for d in diags if d not in config.kind_diagnostics]):
        return config, diags + more, text
    from vaultkit.plugins import extend  # plugins, and the vault's views

    config, found, extra, replaced = extend(root, config)
    return config, [d for d in diags if d not in replaced] + more + found, text + extra


def _read_toml(root: str) -> tuple[Config, list[Diagnostic], str]:
    path = os.path.join(root, CONFIG_NAME)
    try:
        # Never waiting (a FIFO would block the open for good); a symlink is followed (dotfiles).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        config, diags = parse_config(None)
        return config, diags, ""
    except OSError as exc:
        return Config(), [Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-unreadable",
                                     f"could not read: {exc.strerror}", "check its permissions")], ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return Config(), [Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-unreadable",
                                         "not a regular file (a FIFO, a device or a folder)",
                                         "replace it with a text file, or remove it")], ""
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return Config(), [Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-unreadable",
                                     f"could not read: {exc.strerror}", "check its permissions")], ""
    finally:
        os.close(fd)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Config(), [Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-syntax", "not UTF-8",
                                     "save vaultkit.toml as UTF-8")], ""
    config, diags = parse_config(text)
    return config, diags, text


def cache_folder(root: str) -> str:
    """This machine's cache folder for the vault at `root` (`cache.location`), never inside it."""
    return cache.location(os.path.realpath(root), os.environ, sys.platform, os.path.expanduser("~"))


def read_private(root: str, name: str) -> bytes | None:
    """One of vaultkit's cache files for the vault at `root`, or None when it is absent or
    cannot be read, or is a symlink, not a regular file or not this user's (someone else may
    have planted it)."""
    fh = open_private(root, name)
    if fh is None:
        return None
    try:
        with fh:
            return fh.read()
    except OSError:
        return None


def open_private(root: str, name: str) -> BinaryIO | None:
    """One of vaultkit's cache files for the vault at `root` open for reading (`read_private`),
    or None."""
    try:
        # Never waiting: a FIFO put there would block the open until a writer came, for good.
        fd = os.open(os.path.join(cache_folder(root), name),
                     os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            return None
        return os.fdopen(os.dup(fd), "rb")
    except OSError:
        return None
    finally:
        os.close(fd)


def read_cache(root: str, expected_stamp: str, want: int = cache.ALL) -> CacheData | None:
    """The vault's cache if present and valid for this vaultkit and config, else None; each
    note with the parts in `want` (`cache.loads`)."""
    raw = read_private(root, cache.FILE)
    return None if raw is None else cache.loads(raw, expected_stamp, want)


def stream_cache(root: str, expected_stamp: str, want: int = cache.ALL, heads: bool = True,
                 targets: dict[str, tuple[str, ...]] | None = None) -> CacheData | None:
    """`read_cache` a chunk at a time, never the file's bytes whole (`cachestream.load_file`: without
    the chunks a next notes cache file would copy; `heads`, `targets` as it says)."""
    fh = open_private(root, cache.FILE)
    if fh is None:
        return None
    with fh:
        return cachestream.load_file(fh, expected_stamp, want, heads, targets)


def read_build_record(root: str, expected_stamp: str) -> recordform.Record | None:
    """The last build's record, if there is one for this vaultkit and config."""
    raw = read_private(root, cache.BUILD_FILE)
    return None if raw is None else recordform.load_build(raw, expected_stamp, os.path.realpath(root))


def read_check_record(root: str, expected_stamp: str) -> recordform.CheckRecord | None:
    """The record of the last check (or build) of the vault, or None when absent, corrupt or stale."""
    raw = read_private(root, cache.CHECK_FILE)
    return None if raw is None else recordform.load_check(raw, expected_stamp, os.path.realpath(root))


def stat_mtime(root: str, rel: str) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file in the vault without following symlinks, or None."""
    try:
        st = os.lstat(os.path.join(root, *rel.split("/")))
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def template_stamps(root: str, packaged: str, folders: tuple[str, ...] = ()) -> list[str]:
    """Names, sizes and mtimes of the template files a build reads (vault overrides first, then
    the vault's own views, `.vaultkit/views/`, vaultkit's, and the plugins' `folders`)."""
    stamps = []
    for folder in (os.path.join(root, ".vaultkit", "templates"), os.path.join(root, ".vaultkit", "views"), packaged,
                   *folders):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}")
    return stamps
