"""The persistent cache of parsed notes, and the fingerprint of the last build. Pure: bytes in/out.

Kept in `<vault>/.vaultkit/cache-v{VERSION}.pickle`, never committed (vaultkit writes a
`.gitignore` there). It is a convenience, never a source of truth: anything that does not
load cleanly, is of another version or names a class outside the allowlist is discarded
and the vault is read again. The unpickler only resolves vaultkit's record classes and
dates, so a planted cache file cannot run code.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import io
import json
import pickle
from dataclasses import dataclass, field
from typing import Any

from vaultkit import __version__
from vaultkit.model import Note

VERSION = 1
FILE = f".vaultkit/cache-v{VERSION}.pickle"
BUILD_FILE = f".vaultkit/last-build-v{VERSION}.json"
GITIGNORE = ".vaultkit/.gitignore"
_ALLOWED = {
    ("vaultkit.model", "Note"), ("vaultkit.model", "Link"), ("vaultkit.model", "Heading"),
    ("vaultkit.model", "ListItem"), ("vaultkit.model", "Diagnostic"), ("vaultkit.model", "Severity"),
    ("vaultkit.yamlfront", "BadDate"), ("datetime", "date"), ("datetime", "datetime"),
    ("builtins", "frozenset"), ("builtins", "set"), ("copyreg", "_reconstructor"), ("builtins", "object"),
}


@dataclass(slots=True)
class CacheData:
    """Parsed notes by path with the (size, mtime_ns) they were read at."""

    stamp: str
    notes: dict[str, tuple[int, int, Note]] = field(default_factory=dict)


def stamp(config_text: str) -> str:
    """What a cache is only valid for: this vaultkit, this cache format, this vault config."""
    digest = hashlib.sha256(config_text.encode("utf-8")).hexdigest()[:16]
    return f"{__version__}/{VERSION}/{digest}"


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


CHUNK = 500


def dumps(data: CacheData, now_ns: int) -> bytes:
    """Serialize a cache, notes in chunks of CHUNK, leaving out notes too recent to trust.

    One pickler over a whole big vault keeps a memo entry for each of its millions of
    objects (most of a 50k build's peak memory); a pickler per chunk keeps a small one.
    """
    items = [(path, entry) for path, entry in data.notes.items() if not is_racy(entry[1], now_ns)]
    chunks = [pickle.dumps(dict(items[i:i + CHUNK]), protocol=5) for i in range(0, len(items), CHUNK)]
    return pickle.dumps((VERSION, data.stamp, chunks), protocol=5)


def loads(raw: bytes, expected_stamp: str) -> CacheData | None:
    """A cache from bytes, or None when it is corrupt, of another version, or for another config."""
    was_enabled = gc.isenabled()
    gc.disable()  # a flood of small acyclic objects: the cycle collector would only slow it down
    try:
        notes = _load_notes(raw, expected_stamp)
    except Exception:  # any failure at all means: do not trust it
        return None
    finally:
        if was_enabled:
            gc.enable()
    if notes is None:
        return None
    for key, value in notes.items():
        if not (isinstance(key, str) and isinstance(value, tuple) and len(value) == 3
                and isinstance(value[0], int) and isinstance(value[1], int) and isinstance(value[2], Note)
                and value[2].path == key):
            return None
    return CacheData(expected_stamp, notes)


def _load_notes(raw: bytes, expected_stamp: str) -> dict[Any, Any] | None:
    payload = _SafeUnpickler(io.BytesIO(raw)).load()
    if not (isinstance(payload, tuple) and len(payload) == 3 and payload[0] == VERSION
            and payload[1] == expected_stamp and isinstance(payload[2], list)):
        return None
    notes: dict[Any, Any] = {}
    for chunk in payload[2]:
        part = _SafeUnpickler(io.BytesIO(chunk)).load() if isinstance(chunk, bytes) else None
        if not isinstance(part, dict):
            return None
        notes.update(part)
    return notes


def dump_build(stamp_: str, key: str, outputs: dict[str, tuple[int, int]]) -> bytes:
    """The record of the last build: its input fingerprint and the outputs' size and mtime.

    Small and separate from the notes, so a build with nothing to do never loads those.
    """
    data = {"version": VERSION, "stamp": stamp_, "key": key,
            "outputs": {p: list(v) for p, v in sorted(outputs.items())}}
    return json.dumps(data, indent=1, sort_keys=True).encode("utf-8")


def load_build(raw: bytes, expected_stamp: str) -> tuple[str, dict[str, tuple[int, int]]] | None:
    """(key, outputs) of the last build, or None when absent, corrupt or stale."""
    try:
        data = json.loads(raw)
        if data["version"] != VERSION or data["stamp"] != expected_stamp or not isinstance(data["key"], str):
            return None
        outputs = {str(p): (int(v[0]), int(v[1])) for p, v in data["outputs"].items()}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    return data["key"], outputs


def build_key(parts: list[tuple[str, int, int]], extra: list[str]) -> str:
    """A fingerprint of everything a build reads: files (path, size, mtime) and settings."""
    h = hashlib.sha256()
    for path, size, mtime in parts:
        h.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    for item in extra:
        h.update(item.encode("utf-8", "surrogateescape") + b"\1")
    return h.hexdigest()


def is_racy(mtime_ns: int, now_ns: int) -> bool:
    """A file modified within 2 s of now may change again without its mtime moving: distrust it."""
    return now_ns - mtime_ns < 2_000_000_000


def today_text(day: dt.date) -> str:
    """`today` as it enters the build fingerprint."""
    return day.isoformat()
