"""Obsidian's `.obsidian/app.json`, `templates.json` and Templater's `data.json` as no Obsidian
writes them: a FIFO, a symlink out of the vault, a huge or deeply nested file, bytes that are
not JSON, excluded-files regexes whose matching time explodes, a templates folder outside the
vault (see `vaultkit.reader.obsidian`)."""

from __future__ import annotations

import os
from pathlib import Path

APP = Path(".obsidian") / "app.json"
TEMPLATES = Path(".obsidian") / "templates.json"
TEMPLATER = Path(".obsidian") / "plugins" / "templater-obsidian" / "data.json"


def fresh(root: Path, name: Path) -> Path:
    """`root/name` made ready for a hostile settings file: its folder there, nothing in its place."""
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.exists():
        target.unlink()
    return target


def fifo(root: Path) -> None:
    os.mkfifo(fresh(root, APP))


def symlink_out(root: Path) -> None:
    fresh(root, TEMPLATES).symlink_to("/etc/passwd")


def huge(root: Path) -> None:
    fresh(root, APP).write_bytes(b'{"userIgnoreFilters": ["' + b"x" * (2 << 20) + b'"]}')


def not_json(root: Path) -> None:
    fresh(root, TEMPLATER).write_bytes(b"\xff\xfe\x00{templates_folder: People")


def deep(root: Path) -> None:
    fresh(root, TEMPLATES).write_bytes(b'{"folder": ' + b"[" * 30_000 + b"]" * 30_000 + b"}")


def slow_regexes(root: Path) -> None:
    # Each would take exponential (or high polynomial) time on a long path; this one makes one.
    fresh(root, APP).write_text('{"userIgnoreFilters": ["/^(a+)+$/", "/(a|aa)*b/", "/((a?)){2,}c/", '
                                 '"/.*.*.*.*.*x/"]}')
    (root / ("a" * 200 + ".md")).write_text("a note with a long name\n")


def outside(root: Path) -> None:
    fresh(root, TEMPLATES).write_text('{"folder": "../../etc"}')
    fresh(root, TEMPLATER).write_text('{"templates_folder": "/"}')


CASES = {"fifo": fifo, "symlink_out": symlink_out, "huge": huge, "not_json": not_json, "deep": deep,
         "slow_regexes": slow_regexes, "outside": outside}
