"""The last build's and the last check's records (`vaultkit.disk.record`), as the JSON files
kept beside the notes cache: small and apart from the notes, so that a build or a check with
nothing to do reads them alone, never a note. Pure: bytes in, bytes out.

Each file carries the notes cache's format version and the settings' stamp (`cache.stamp`);
a record of another version or other settings is no record (None).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
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


def dump_build(stamp_: str, record: Record) -> bytes:
    """The record of the last build, as JSON.

    Small and separate from the notes, so a build with nothing to do never loads those.
    """
    data = {"version": VERSION, "stamp": stamp_, "key": record.key,
            "outputs": {p: list(v) for p, v in sorted(record.outputs.items())},
            "errors": [d.as_dict() for d in record.errors], "warnings": record.warnings}
    return json.dumps(data, indent=1, sort_keys=True).encode("utf-8")


def load_build(raw: bytes, expected_stamp: str) -> Record | None:
    """The last build's record, or None when absent, corrupt or stale."""
    try:
        data = json.loads(raw)
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


def dump_check(stamp_: str, record: CheckRecord) -> bytes:
    """The record of the last check (or build), as JSON."""
    return b"".join(check_chunks(stamp_, record))


def check_chunks(stamp_: str, record: CheckRecord, size: int = 1024) -> Iterator[bytes]:
    """`dump_check`'s bytes a thousand diagnostics at a time: at 50k notes the whole text, and
    the dicts it is made from, were the build's last rise in memory. The same bytes as one
    `json.dumps` of the record ("diagnostics" is its first key, sorted)."""
    rest = {"version": VERSION, "stamp": stamp_, "key": record.key, "notes": record.notes, "exact": record.exact,
            "outputs": {p: None if v is None else list(v) for p, v in sorted(record.outputs.items())}}
    every = record.diagnostics
    yield b'{"diagnostics": ['
    for at in range(0, len(every), size):
        part = json.dumps([d.as_dict() for d in every[at:at + size]], sort_keys=True, ensure_ascii=False)[1:-1]
        yield (", " + part if at else part).encode("utf-8")
    yield b"], " + json.dumps(rest, sort_keys=True, ensure_ascii=False)[1:].encode("utf-8")


def load_check(raw: bytes, expected_stamp: str) -> CheckRecord | None:
    """The last check's record, or None when corrupt or stale."""
    try:
        data = json.loads(raw)
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
