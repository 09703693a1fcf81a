"""Obsidian's `.obsidian/daily-notes.json` as no Obsidian writes it: a FIFO (reading it would
block), a symlink out of the vault, a huge file, bytes that are not JSON, a deeply nested value."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostile.obsidian import fresh

SETTINGS = Path(".obsidian") / "daily-notes.json"


def _fresh(root: Path) -> Path:
    return fresh(root, SETTINGS)


def fifo(root: Path) -> None:
    os.mkfifo(_fresh(root))


def symlink_out(root: Path) -> None:
    _fresh(root).symlink_to("/etc/passwd")


def huge(root: Path) -> None:
    _fresh(root).write_bytes(b'{"folder": "' + b"x" * (1 << 20) + b'"}')


def not_json(root: Path) -> None:
    _fresh(root).write_bytes(b"\xff\xfe\x00{folder: Daily")


def deep(root: Path) -> None:
    _fresh(root).write_bytes(b'{"format": ' + b"[" * 30_000 + b"]" * 30_000 + b"}")


CASES = {"fifo": fifo, "symlink_out": symlink_out, "huge": huge, "not_json": not_json, "deep": deep}
