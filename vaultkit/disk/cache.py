"""The persistent cache of parsed notes, and the fingerprint of the last build. Pure: bytes in/out.

Kept outside the vault, in the machine's cache folder (`location`): a sync tool or git never
carries it to another machine, so nothing another machine wrote is ever unpickled. It is a
convenience, never a source of truth: anything that does not load cleanly, is of another
version or names a class outside the allowlist is discarded and the vault is read again. The
unpickler only resolves vaultkit's record classes and dates, so a planted cache file cannot
run code all the same.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import io
import ntpath
import pickle
import posixpath
import re
import struct
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, BinaryIO

from vaultkit import __version__
from vaultkit.disk.cacheback import kept
from vaultkit.disk.cacheform import PARTS, Owed, entries_of, joined, note_of, plain, split
from vaultkit.disk.cacheparts import Parts
from vaultkit.reader.facts import PREP, REST, TEXT
from vaultkit.reader.model import Heading, Note

_BUILTIN_KINDS = resources.files("vaultkit.kinds").joinpath("builtin.toml").read_bytes()
VERSION = 18  # 2: conflict blocks left out, `Note.fields_unreadable`; 3: Markdown links, heading paths;
# 4: `Note.exact`; 5: a header and chunks of note facts (`vaultkit.reader.facts`); 6: the records'
# classes moved into `vaultkit.reader` (a pickle names them by module); 7: `Note.queries`; 8: fields
# read by the kind schema (an enum value outside its list is kept, a field's default filled in);
# 9: an event's `talks` (`vaultkit.reader.talks.Talk`), a person's own text (`Note.about`)
# 10: `#Brag` and `#brag/theme` items are entries (the facts of 8 left them out), and `asks`,
# `situation` and `problem` are kept from frontmatter; 11: a `Link` without its trailing defaults;
# 12: a goal's `created`, and a habit whose WHAT counts nothing warned of at its line
# (`vaultkit.kinds.habitcheck`); 13: an event's own text (`Note.about`: its prose, for the next
# event's prep); 14: a note's links, items and headings pickled as plain tuples (`cacheform`);
# 15: each chunk in three parts pickled apart: what planning reads, what only a prep note reads, the rest
# 16: a list item's links as their targets alone (`ListItem.links`), a daily note's planned links only those outside
# its items; 17: a fourth part, contacts' texts (`vaultkit.reader.itemtext`), a number for each in the first
# 18: each part of a chunk sealed (`SEAL`), and the build and check records (`recordform.sealed`)
FILE = f"notes-v{VERSION}.cache"  # in the vault's cache folder (`location`)
BUILD_FILE = f"last-build-v{VERSION}.json"
CHECK_FILE = f"last-check-v{VERSION}.json"
# What earlier vaultkits kept inside the vault, in `.vaultkit/`: removed by the next build.
LEGACY = re.compile(r"^(cache-v\d+\.pickle|last-build-v\d+\.json)$")
# Cache files of other versions in the cache folder: removed when a new notes cache is in place.
OTHER_VERSIONS = re.compile(r"^(cache-v\d+\.pickle|notes-v\d+\.cache|last-(build|check)-v\d+\.json)$")
LEGACY_GITIGNORE = b"# vaultkit's cache: local to this machine\n*\n"
_ALLOWED = {
    *(("vaultkit.reader.model", name) for name in ("Note", "Link", "Heading", "ListItem", "Diagnostic", "Severity",
                                                          "QuerySpot")),
    ("vaultkit.reader.yamlfront", "BadDate"), ("vaultkit.reader.talks", "Talk"), ("datetime", "date"),
    ("datetime", "datetime"),
    ("builtins", "frozenset"), ("builtins", "set"), ("copyreg", "_reconstructor"), ("builtins", "object"),
}


ALL = PREP | REST | TEXT  # every part of each note (`loads`)


@dataclass(slots=True)
class CacheData:
    """Notes' facts by path with the (size, mtime_ns) they were read at; read from a file, its
    `chunks` as they are there (their paths, their bytes): a chunk whose notes are all
    unchanged is copied into the next file, not pickled again. `owed`: the notes read without
    some part (`loads`), by path, with the parts (`facts.PREP`, `facts.REST`) left in the file."""

    stamp: str
    notes: dict[str, tuple[int, int, Note]] = field(default_factory=dict)
    chunks: list[tuple[tuple[str, ...], memoryview]] = field(default_factory=list)
    owed: dict[str, int] = field(default_factory=dict)


def location(real_root: str, env: Mapping[str, str], platform: str, home: str) -> str:
    """The folder holding the cache of the vault whose real path is `real_root`.

    `$XDG_CACHE_HOME/vaultkit/<hash>` when that is set to an absolute path, else the platform's
    cache folder: `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows, `~/.cache` elsewhere.
    The hash of the vault's real path keeps two vaults (or two clones) apart.
    """
    path = ntpath if platform == "win32" else posixpath
    base = env.get("XDG_CACHE_HOME", "")
    if not path.isabs(base):
        if platform == "darwin":
            base = path.join(home, "Library", "Caches")
        elif platform == "win32":
            base = env.get("LOCALAPPDATA", "") or path.join(home, "AppData", "Local")
        else:
            base = path.join(home, ".cache")
    digest = hashlib.sha256(real_root.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return str(path.join(base, "vaultkit", digest))


def stamp(config_text: str) -> str:
    """What a cache is only valid for: this vaultkit, this cache format, this vault config and
    the built-in kinds (a field added to `builtin.toml` changes how every note of that kind reads,
    even where the version number has not moved yet)."""
    digest = hashlib.sha256(config_text.encode("utf-8") + b"\0" + _BUILTIN_KINDS).hexdigest()[:16]
    return f"{__version__}/{VERSION}/{digest}"


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


# The notes cache file: MAGIC, the format VERSION and the stamp (`header`), then chunks as
# the parse workers deliver them, each its length (8 bytes, little-endian) and four pickles
# (the lengths of the first three, 8 bytes each, before them), one for each part of its notes
# (`cacheform.split`): what planning reads, as (path, size, mtime_ns, plain note, parts kept
# apart) entries; what only a prep note reads besides, as (path, size, mtime_ns, items, own
# text); the rest, no view's, as (path, size, mtime_ns, links, fields' places, headings); its
# contacts' texts, as (path, size, mtime_ns, texts). A build's parent unpickles the first alone
# (and the second when it plans prep notes): the rest is read back only by what walks every
# link, the texts a row shows as it is made (`vaultkit.disk.takeback`). Chunks are pickled apart
# (a worker's memo, not one for the whole vault), so no process ever holds a pickle of the whole vault.
MAGIC = b"vaultkit cache\n"
_HEAD = struct.Struct("<HI")  # version, length of the stamp
_LEN = struct.Struct("<Q")
LEN = _LEN  # the length before each chunk (`cachestream` reads it)
LEN_SIZE = _LEN.size
CHUNK = 500  # notes in a chunk
Entry = tuple[str, int, int, Note]


def header(stamp_: str) -> bytes:
    """The bytes a notes cache file starts with: it is of this format and for this `stamp`."""
    text = stamp_.encode("utf-8")
    return MAGIC + _HEAD.pack(VERSION, len(text)) + text


def chunk(entries: list[Entry], daily: Callable[[str], bool]) -> bytes:
    """One chunk of the notes cache, length-prefixed: appended to a file after its `header`.
    `daily`: whether the note at a path is a daily note (its links are planned: `facts.planned_parts`).
    Anything but a list of entries is pickled as it is (a test plants wrong shapes through here,
    for the reader to refuse)."""
    if type(entries) is not list:
        return _chunk(entries, [], [], [])
    headings: dict[Heading, tuple[Any, ...]] = {}
    parts: tuple[list[Any], list[Any], list[Any], list[Any]] = ([], [], [], [])
    for e in entries:
        if type(e) is tuple and len(e) == 4 and type(e[3]) is Note:
            _add(parts, e[0], e[1], e[2], split(e[3], daily(e[0]), headings))
        else:
            parts[0].append(e)
    return _chunk(*parts)


def chunk_of(entries: list[tuple[str, int, int, Parts]]) -> bytes:
    """`chunk` of notes already in their parts (`cacheform.split`, `cacheparts.parts_of`):
    (path, size, mtime_ns, parts) each."""
    parts: tuple[list[Any], list[Any], list[Any], list[Any]] = ([], [], [], [])
    for path, size, mtime, note in entries:
        _add(parts, path, size, mtime, note)
    return _chunk(*parts)


def _add(parts: tuple[list[Any], list[Any], list[Any], list[Any]], path: str, size: int, mtime: int,
         note: Parts) -> None:
    """A note's parts into the chunk's four lists."""
    values, prep, rest, texts = note
    parts[0].append((path, size, mtime, values, (PREP if prep is not None else 0) | (REST if rest is not None else 0)
                     | (TEXT if texts is not None else 0)))
    if prep is not None:
        parts[1].append((path, size, mtime, *prep))
    if rest is not None:
        parts[2].append((path, size, mtime, *rest))
    if texts is not None:
        parts[3].append((path, size, mtime, texts))


def _chunk(plan: Any, prep: list[Any], rest: list[Any], texts: list[Any]) -> bytes:
    parts = joined([seal_part(pickle.dumps(part, protocol=5)) for part in (plan, prep, rest, texts)])
    return _LEN.pack(len(parts)) + parts


# Each pickle of a chunk's part starts with its seal: the SHA-256 of the pickle after it. The
# restricted unpickler stops code, not lies: a part altered after it was written (a flipped bit on
# disk, an edit) could still unpickle, a note's title or a field's value changed, and the
# generated notes be made from it for as long as the note's size and mtime stand. A part whose
# seal does not match makes the file no cache (`safe_loads` raises). ~2 GB/s: 5 ms of a 10k vault's file.
SEAL = 32


def seal_part(pickled: bytes) -> bytes:
    """A chunk's part as written: its pickle after its seal."""
    return hashlib.sha256(pickled).digest() + pickled


def pack(entries: list[Entry]) -> bytes:
    """A pickle of cache entries, each note whole in its plain form (notes too recent for the
    file, or a whole parse, `load_vault`'s: from a worker to its parent)."""
    headings: dict[Heading, tuple[Any, ...]] = {}
    return pickle.dumps([(e[0], e[1], e[2], plain(e[3], headings)) for e in entries], protocol=5)


def unpack(blob: bytes | memoryview) -> list[Entry]:
    """The entries of a `pack` made by this process or its own worker (trusted: no stranger's
    bytes; a file's chunks are read by `loads`)."""
    headings: dict[int, Heading] = {}  # the plain headings stay alive meanwhile: their ids stand
    return [(e[0], e[1], e[2], note_of(e[3], headings)) for e in pickle.loads(blob)]


def unpack_chunk(blob: bytes | memoryview, want: int = ALL) -> list[Owed]:
    """The entries of a `chunk` (without its length) made by this process or its own worker
    (trusted), with the parts in `want`, and for each the parts it was read without."""
    return entries_of(memoryview(blob), want, _own_loads)


def _own_loads(blob: memoryview) -> Any:
    """A part pickled by this process or its own worker (trusted: its seal is not checked)."""
    return pickle.loads(blob[SEAL:])


def whole_chunk(blob: memoryview) -> list[Entry]:
    """The entries of a chunk as read from a file (`CacheData.chunks`: its length first), each
    note whole."""
    return [e[:4] for e in entries_of(blob[_LEN.size:], ALL, safe_loads)]


def chunks(data: CacheData, now_ns: int, daily: Callable[[str], bool]) -> Iterator[bytes]:
    """The chunks of a notes cache file for `data`, one at a time, leaving out notes too recent
    to trust (`daily`: as for `chunk`). Its notes must be whole (`data.owed` empty)."""
    items = [(path, *entry) for path, entry in data.notes.items() if not is_racy(entry[1], now_ns)]
    for i in range(0, len(items), CHUNK):
        yield chunk(items[i:i + CHUNK], daily)


def dumps(data: CacheData, now_ns: int, daily: Callable[[str], bool]) -> bytes:
    """A whole notes cache file, leaving out notes too recent to trust."""
    return header(data.stamp) + b"".join(chunks(data, now_ns, daily))


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Make a flood of long-lived acyclic objects (a vault's notes) with the cycle collector
    paused, then move them out of its sight (`gc.freeze`): re-enabled with them all young,
    its next collections would walk every one of them again, generation after generation
    (0.25 s of a 10k vault's construction). Reference counting still frees them.

    Cyclic garbage made before is collected first, or it would be frozen for good (a
    watcher reloads); that pass is short, the vault loaded before being frozen already."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def loads(raw: bytes, expected_stamp: str, want: int = ALL) -> CacheData | None:
    """A cache from bytes, or None when it is corrupt, truncated, of another version, or for
    another config. Each note with the parts in `want` (`facts.PREP`, `facts.REST`; what
    planning reads, always): `CacheData.owed` says what the others were read without. Never
    trusted: only vaultkit's record classes and dates are unpickled."""
    with long_lived():
        try:
            return _load(memoryview(raw), expected_stamp, want)
        except Exception:  # any failure at all means: do not trust it
            return None


def _load(raw: memoryview, expected_stamp: str, want: int) -> CacheData | None:
    at = _start(raw, expected_stamp)
    if at < 0:
        return None
    data = CacheData(expected_stamp)
    for start, end in _spans(raw, at):
        part = entries_of(raw[start + _LEN.size:end], want, safe_loads)
        if not take(data, part):
            return None
        data.chunks.append((tuple(entry[0] for entry in part), raw[start:end]))
    return data


def take(data: CacheData, part: list[Owed]) -> bool:
    """Add a chunk's entries to `data`; False where a path is there already (not a file we wrote)."""
    notes, owed = data.notes, data.owed
    for path, size, mtime, note, lacks in part:
        if path in notes:
            return False
        notes[path] = (size, mtime, note)
        if lacks:
            owed[path] = lacks
    return True


def head(fh: BinaryIO, expected_stamp: str) -> bool:
    """Read a notes cache file's header: is it of this format and for this stamp?"""
    first = fh.read(len(MAGIC) + _HEAD.size)
    if len(first) < len(MAGIC) + _HEAD.size:
        return False
    return _start(memoryview(first + fh.read(_HEAD.unpack_from(first, len(MAGIC))[1])), expected_stamp) >= 0


def safe_loads(blob: memoryview) -> Any:
    """A part of a chunk as read from a file: its seal checked (`SEAL`), then unpickled
    restricted to vaultkit's record classes and dates. Raises on anything else."""
    if len(blob) < SEAL or hashlib.sha256(blob[SEAL:]).digest() != blob[:SEAL]:
        raise ValueError("a part altered since it was written")
    return _SafeUnpickler(io.BytesIO(blob[SEAL:])).load()


def _start(raw: memoryview, expected_stamp: str) -> int:
    """Where a cache file's chunks start, or -1 when it is not one of this format and stamp."""
    if raw[:len(MAGIC)] != MAGIC:
        return -1
    at = len(MAGIC) + _HEAD.size
    version, size = _HEAD.unpack_from(raw, len(MAGIC))
    if version != VERSION or bytes(raw[at:at + size]) != expected_stamp.encode("utf-8"):
        return -1
    return at + int(size)


def _spans(raw: memoryview, at: int) -> Iterator[tuple[int, int]]:
    """Where each chunk of a cache file is, from offset `at` on (its length first). Raises
    where one is cut short (its caller discards the file)."""
    while at < len(raw):
        (size,) = _LEN.unpack_from(raw, at)
        start, at = at, at + _LEN.size + size
        if at > len(raw):
            raise ValueError("truncated")
        yield start, at


def parts_kept(fh: BinaryIO, expected_stamp: str, want: int) -> Iterator[list[tuple[str, int, int, Any, Any, Any]]]:
    """From a notes cache file open for reading, the parts in `want` of every note it kept
    some apart for, a chunk's notes at a time (never all of them at once, nor the file's
    bytes), without reading what planning reads: (path, size, mtime_ns, what only a prep
    reads or None, the rest or None, its contacts' texts or None), for `cacheback.put_back`
    (one `headings` for each list).
    Stops quietly where the file is not valid: a reader taking back some notes' facts
    (`vaultkit.disk.takeback`) reads the others anew."""
    try:
        if not head(fh, expected_stamp):
            return
        while True:
            size = fh.read(_LEN.size)
            if not size:
                return
            (length,) = _LEN.unpack(size)
            first, second, third = PARTS.unpack(fh.read(PARTS.size))
            fourth = length - PARTS.size - first - second - third
            if fourth < 0:
                return
            fh.seek(first, 1)  # what planning reads: not read at all
            parts = []
            for bit, part in ((PREP, second), (REST, third), (TEXT, fourth)):
                if want & bit:
                    parts.append(fh.read(part))
                else:
                    fh.seek(part, 1)
                    parts.append(b"")
            prep, rest, texts = parts
            yield list(kept(memoryview(prep), memoryview(rest), memoryview(texts), want, safe_loads))
    except Exception:  # any failure at all means: do not trust the rest
        return


def is_racy(mtime_ns: int, now_ns: int) -> bool:
    """A file modified within 2 s of now may change again without its mtime moving: distrust it."""
    return now_ns - mtime_ns < 2_000_000_000


def today_text(day: dt.date) -> str:
    """`today` as it enters the build fingerprint."""
    return day.isoformat()
