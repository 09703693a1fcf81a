"""SPEC §6's bad input: broken and hostile YAML, bad encodings, non-files, links out and in loops,
droppings, the folders vaultkit never reads. Each case writes only its own files."""

from __future__ import annotations

import os
from pathlib import Path


def _write(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def alias_bomb(root: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    _write(root, "People/Bomb.md", ("---\n" + "\n".join(rows) + "\n---\n[[Ada Lovelace]]\n").encode())


def bad_yaml(root: Path) -> None:
    _write(root, "People/Broken Yaml.md",
           b"---\ncompany: [unclosed\nrole: {a: b\n---\n- 2026-03-01 met [[Omar Haddad]]\n")
    _write(root, "Events/Tabbed.md", b"---\ntype: event\n\tdate: 2026-01-01\n---\nbody\n")
    _write(root, "Brag/List Top.md", b"---\n- just\n- a list\n---\nbody\n")
    _write(root, "Notes/Python Tag.md", b"---\nx: !!python/object/apply:os.system ['echo pwned']\n---\n")


def deep_yaml(root: Path) -> None:
    _write(root, "Notes/Deep.md", b"---\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n")


def wrong_types(root: Path) -> None:
    _write(root, "People/Typed Wrong.md",
           b"---\ntype: person\ncompany: [1, 2]\nmet_on: 2026-02-30\ncadence: soon\ntopics: 7\n---\n")
    _write(root, "Events/No Date.md", b"---\ntype: event\ndate: someday\nmet: 12\n---\n")


def encodings(root: Path) -> None:
    _write(root, "People/Latin One.md", b"---\ntype: person\ncompany: Caf\xe9\n---\nna\xefve\n")
    _write(root, "People/Bom Crlf.md", b"\xef\xbb\xbf---\r\ntype: person\r\n---\r\n[[Ada Lovelace]]\r\n")
    _write(root, "Notes/Old Mac.md", b"---\rtags: [a]\r---\r- 2026-01-02 saw [[Ada Lovelace]]\r")
    _write(root, "Notes/Binary.md", b"PK\x03\x04\x00\x00binary")


def huge(root: Path) -> None:
    _write(root, "Notes/Huge.md", b"[[Ada Lovelace]] " * (2 * 1024 * 1024 // 17 + 10))


def non_files(root: Path) -> None:
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "Pipe.md")
    (root / "Loop.md").symlink_to(root / "Loop.md")
    (root / "Dangling.md").symlink_to(root / "nowhere.md")
    (root / "Elsewhere").symlink_to(root.parent, target_is_directory=True)
    (root / "People" / "Self").symlink_to(root, target_is_directory=True)
    (root / "People" / "Alias.md").symlink_to(root / "Start here.md")


def droppings(root: Path) -> None:
    for name in (".#Ada.md", "#Ada.md#", "Ada.md~", ".Ada.md.swp", "4913", "x.md___jb_tmp___",
                 ".syncthing.Ada.md.tmp", "._Ada.md", ".DS_Store", "Thumbs.db"):
        _write(root, f"People/{name}", b"---\ntype: person\n---\n[[Ghost]]\n")


def private_folders(root: Path) -> None:
    for folder in (".git", ".obsidian", ".trash", ".stversions", "node_modules"):
        _write(root, f"{folder}/Ghost.md", b"---\ntype: person\n---\n[[Nobody]]\n")


def unreadable(root: Path) -> None:
    _write(root, "Locked/Secret.md", b"[[Ada Lovelace]]\n")
    os.chmod(root / "Locked" / "Secret.md", 0)
    os.chmod(root / "Locked", 0o300)  # no listing (root ignores both: then it is simply read)


CASES = {
    "alias_bomb": alias_bomb,
    "bad_yaml": bad_yaml,
    "deep_yaml": deep_yaml,
    "wrong_types": wrong_types,
    "encodings": encodings,
    "huge": huge,
    "non_files": non_files,
    "droppings": droppings,
    "private_folders": private_folders,
    "unreadable": unreadable,
}
