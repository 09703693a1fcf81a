"""Differential: parsing gives the records the parser of main at 8ffbc2c gave, note for note.

Issue 11 rewrote the parse for speed (whole-body passes, a YAML fast path, interning) under the
rule that no `Note` changes. `tests/parse_reference.json` holds, for four corpora, a digest of
every note's record in `bench/parse_stages.canon` form (every value with its type: a `BadDate`
is no str, 1 no True, a list no tuple), as that parser made them (but for one deliberate change
since: a list item holds its links' targets, `ListItem.links`; written again from a tree where
that parser's records, each item's links mapped to their targets, gave every digest here):

* the example vault (its generated notes too: they are the most link-heavy notes there);
* the example vault with every case of the hostile corpus written into it;
* the real-shaped vault (`tests/realshaped.py`: HTML footers, callouts, tables, math);
* notes of long, link-heavy list items (`bench/parse_stages.write_long_items`).

To see what differs in a record: `python bench/parse_stages.py VAULT --dump FILE` in both trees
and compare. To write the reference again from a tree (only for a deliberate change of
records): `PYTHONPATH=TREE:. python -m tests.test_parse_reference`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.parse_stages import canon, notes_of, write_long_items
from tests.conftest import EXAMPLE, ROOT
from tests.hostile import all_cases
from tests.realshaped import write_real_shaped
from vaultkit.disk.fs import read_config
from vaultkit.reader.parse import parse_note

REFERENCE = ROOT / "tests" / "parse_reference.json"


def _example(root: Path) -> None:
    # `Talks/` came after the reference (the notes of the example plugin's kind, issue 12): the
    # example vault as 8ffbc2c's parser read it is the vault without that folder.
    shutil.copytree(EXAMPLE, root, symlinks=True, ignore=shutil.ignore_patterns(".vaultkit", "Talks"),
                    dirs_exist_ok=True)


def _hostile(root: Path) -> None:
    _example(root)
    for _, case in sorted(all_cases().items()):
        case(root)


CORPORA: dict[str, Callable[[Path], object]] = {
    "example": _example,
    "hostile": _hostile,
    "realshaped": lambda root: write_real_shaped(root, notes=300, seed=7),
    "long-items": lambda root: write_long_items(root, notes=60, seed=11),
}


def digests(name: str, root: Path) -> dict[str, str]:
    """Write corpus `name` under `root`; the digest of every note's parse, by vault path."""
    root.mkdir(parents=True)
    CORPORA[name](root)
    config, _ = read_config(str(root))
    return {path: hashlib.sha256(repr(canon(parse_note(path, data, config))).encode()).hexdigest()[:20]
            for path, data in notes_of(root)}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_records_equal_the_reference(name: str, tmp_path: Path) -> None:
    expected = json.loads(REFERENCE.read_text("utf-8"))[name]
    found = digests(name, tmp_path / name)
    # A hostile file this user cannot read (a note with no permissions, when not root) is in
    # the reference but not here: every note read must match, and only unreadable ones be missing.
    missing = sorted(set(expected) - set(found))
    assert all(not (tmp_path / name / p).is_file() or not _readable(tmp_path / name / p) for p in missing), missing
    assert len(found) > 20
    differ = sorted(p for p in found if found[p] != expected.get(p))
    assert not differ, f"{len(differ)} of {len(found)} notes parse otherwise than at 8ffbc2c: {differ[:8]}"


def _readable(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True


def main() -> None:
    """Write the reference from the vaultkit on `sys.path` (see the module's docstring)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        table = {name: digests(name, Path(tmp) / name) for name in sorted(CORPORA)}
    REFERENCE.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print({name: len(v) for name, v in table.items()}, file=sys.stderr)


if __name__ == "__main__":
    main()
