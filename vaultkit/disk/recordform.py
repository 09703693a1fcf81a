"""The last build's and the last check's records (`vaultkit.disk.record`), as the JSON files
kept beside the notes cache: small and apart from the notes, so that a build or a check with
nothing to do reads them alone, never a note. Pure: bytes in, bytes out.

Each file carries the notes cache's format version and the settings' stamp (`cache.stamp`);
a record of another version or other settings is no record (None). Each ends in a seal
(`SEAL_SIZE` bytes: a newline, the SHA-256 of its JSON keyed to the vault's real path and the
format version, a newline): a record altered since it was written (a flipped bit, an edit, a
byte lost) or written for another vault is no record either, though still valid JSON. A record is
only ever a shortcut: trusted when wrong, it hides errors or keeps stale generated notes for good.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from vaultkit.disk.cache import VERSION
from vaultkit.reader.model import Diagnostic, Severity


class Record(NamedTuple):
    """The last build: what it read (`key`), the (size, mtime) of the notes it left, and the
    vault's problems then (its errors, its number of warnings), so that a build with nothing
    to do can still report them without parsing a note."""

    key: str
    outputs: dict[str, tuple[int, int]]
    errors: tuple[Diagnostic, ...] = ()
    warnings: int = 0


SEAL_SIZE = 66  # "\n", 64 hex digits, "\n"


def _hasher(owner: str) -> Any:
    """The digest a record's seal is made with, keyed to the vault (`owner`: its real path)
    and the format: a record carried from another vault's cache folder is no record here."""
    return hashlib.sha256(b"vaultkit record\0%d\0%s\0" % (VERSION, owner.encode("utf-8", "surrogateescape")))


def sealed(chunks: Iterable[bytes], owner: str) -> Iterator[bytes]:
    """`chunks` (a record's JSON), then their seal for the vault at real path `owner`."""
    h = _hasher(owner)
    for part in chunks:
        h.update(part)
        yield part
    yield b"\n" + h.hexdigest().encode("ascii") + b"\n"


def unsealed(raw: bytes, owner: str) -> bytes | None:
    """A record's JSON, if its seal (`sealed`) is whole and matches it for the vault at `owner`; else None."""
    body, seal = raw[:-SEAL_SIZE], raw[-SEAL_SIZE:]
    if len(seal) != SEAL_SIZE or seal[:1] != b"\n" or seal[-1:] != b"\n":
        return None
    h = _hasher(owner)
    h.update(body)
    return body if h.hexdigest().encode("ascii") == seal[1:-1] else None


def dump_build(stamp_: str, record: Record, owner: str) -> bytes:
    """The record of the last build of the vault at real path `owner`, as sealed JSON.

    Small and separate from the notes, so a build with nothing to do never loads those.
    """
    data = {"version": VERSION, "stamp": stamp_, "key": record.key,
            "outputs": {p: list(v) for p, v in sorted(record.outputs.items())},
            "errors": [d.as_dict() for d in record.errors], "warnings": record.warnings}
    return b"".join(sealed([json.dumps(data, indent=1, sort_keys=True).encode("utf-8")], owner))


def load_build(raw: bytes, expected_stamp: str, owner: str) -> Record | None:
    """The last build's record of the vault at real path `owner`, or None when absent, altered,
    corrupt or stale."""
    try:
        body = unsealed(raw, owner)
        if body is None:
            return None
        data = json.loads(body)
        if data["version"] != VERSION or data["stamp"] != expected_stamp or not isinstance(data["key"], str):
            return None
        outputs = {str(p): (int(v[0]), int(v[1])) for p, v in data["outputs"].items()}
        errors = tuple(_diagnostic(d) for d in data["errors"])
        return Record(data["key"], outputs, errors, int(data["warnings"]))
    except Exception:  # any failure at all (JSON nested past the recursion limit, 1e400 as a count): no record
        return None


class CheckRecord(NamedTuple):
    """What `check` printed for a vault that read exactly `key`, with the generated notes it
    looked at as (size, mtime) in `outputs` (None: absent): a check that finds both unchanged
    prints the same without reading a note. `notes` and `exact` are its `--stats` counts."""

    key: str
    outputs: dict[str, tuple[int, int] | None]
    diagnostics: tuple[Diagnostic, ...]
    notes: int
    exact: int


def dump_check(stamp_: str, record: CheckRecord, owner: str) -> bytes:
    """The record of the last check (or build) of the vault at real path `owner`, as sealed JSON."""
    return b"".join(sealed(check_chunks(stamp_, record), owner))


def check_chunks(stamp_: str, record: CheckRecord, size: int = 1024) -> Iterator[bytes]:
    """`dump_check`'s JSON a thousand diagnostics at a time (without its seal: `sealed`): at 50k
    notes the whole text, and the dicts it is made from, were the build's last rise in memory.
    The same bytes as one `json.dumps` of the record ("diagnostics" is its first key, sorted)."""
    rest = {"version": VERSION, "stamp": stamp_, "key": record.key, "notes": record.notes, "exact": record.exact,
            "outputs": {p: None if v is None else list(v) for p, v in sorted(record.outputs.items())}}
    every = record.diagnostics
    yield b'{"diagnostics": ['
    for at in range(0, len(every), size):
        part = json.dumps([d.as_dict() for d in every[at:at + size]], sort_keys=True, ensure_ascii=False)[1:-1]
        yield (", " + part if at else part).encode("utf-8")
    yield b"], " + json.dumps(rest, sort_keys=True, ensure_ascii=False)[1:].encode("utf-8")


def load_check(raw: bytes, expected_stamp: str, owner: str) -> CheckRecord | None:
    """The last check's record of the vault at real path `owner`, or None when altered, corrupt or stale."""
    try:
        body = unsealed(raw, owner)
        if body is None:
            return None
        data = json.loads(body)
        if data["version"] != VERSION or data["stamp"] != expected_stamp or not isinstance(data["key"], str):
            return None
        outputs = {str(p): None if v is None else (int(v[0]), int(v[1])) for p, v in data["outputs"].items()}
        return CheckRecord(data["key"], outputs, tuple(_diagnostic(d) for d in data["diagnostics"]),
                           int(data["notes"]), int(data["exact"]))
    except Exception:  # any failure at all (JSON nested past the recursion limit, 1e400 as a count): no record
        return None


def _diagnostic(d: Any) -> Diagnostic:
    return Diagnostic(str(d["path"]), None if d["line"] is None else int(d["line"]), Severity(d["severity"]),
                      str(d["code"]), str(d["message"]), str(d["hint"]))


def build_key(parts: list[tuple[str, int, int]], extra: list[str]) -> str:
    """A fingerprint of everything a build reads: files (path, size, mtime) and settings."""
    h = hashlib.sha256()
    for path, size, mtime in parts:
        h.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    for item in extra:
        h.update(item.encode("utf-8", "surrogateescape") + b"\1")
    return h.hexdigest()
