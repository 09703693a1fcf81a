"""The build's hints child walks the links its parent planned without a chunk of the notes cache
at a time (`TakeBack.walk`), never putting them back in the notes: the same link diagnostics and
hints as the vault read whole, from notes taken back, read anew, or holding their links still."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_link_findings import add_trouble
from tests.test_unplanned import _loaded, _old
from vaultkit.disk import cache
from vaultkit.disk.cacheform import _field_links
from vaultkit.disk.takeback import TakeBack
from vaultkit.reader.model import Diagnostic

sys.path.insert(0, str(ROOT / "bench"))
from gen_vault import generate


def _findings(found: tuple[dict[str, list[str]], list[Diagnostic]]) -> tuple[dict[str, list[str]], list[Diagnostic]]:
    return found[0], sorted(found[1])  # in no particular order: `Vault.diagnostics` sorts them


@pytest.mark.parametrize("shape", ["plain", "long-items"])
def test_walking_from_the_cache_finds_what_the_whole_vault_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 shape: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK", 7)  # links into a note walked before its headings come back
    root = tmp_path / "v"
    generate(root, 120, seed=5, shape=shape)
    add_trouble(root, seed=5)
    _old(root)
    whole = _loaded(root)[0]
    expected = _findings(whole.link_findings())
    codes = {d.code for d in expected[1]}
    assert {"link-missing", "link-ambiguous", "link-anchor-missing"} <= codes, codes
    assert any("did you mean" in d.hint for d in expected[1])

    vault, _, owed = _loaded(root, 0)
    assert owed > 100 and isinstance(vault.incomplete, TakeBack)
    # Saved again, and the cache written again meanwhile: read anew, not taken from the file.
    changed = root / "Trouble" / "Trouble 00.md"
    changed.write_text(changed.read_text("utf-8") + "- and [[Nobody Here Either]]\n", "utf-8")
    expected_now = _findings(_loaded(root)[0].link_findings())
    assert expected_now != expected
    walked, vault.incomplete = vault.incomplete.walk(), None
    assert _findings(vault.link_findings(walked)) == expected_now
    assert vault.notes["Trouble/Trouble 03.md"].links == ()  # walked, not put back
    assert vault.notes["Trouble/Trouble 03.md"].headings  # these are (links into it are checked last)


def test_a_walk_gives_every_link_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each note's links, in another order: those a field or an item holds, the note's own objects."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK", 3)
    root = tmp_path / "v"
    generate(root, 40, seed=8, shape="long-items")
    _old(root)
    whole = _loaded(root)[0]
    vault = _loaded(root, 0)[0]
    paths = []
    for note, links in vault.incomplete.walk():  # type: ignore[union-attr]
        paths.append(note.path)
        assert Counter(map(tuple, links)) == Counter(map(tuple, whole.notes[note.path].links)), note.path
        assert note.headings == whole.notes[note.path].headings
        own = {id(link) for link in (*note.links, *_field_links(note.fields))}
        assert all(id(link) in own for link in links if type(link) is not tuple)  # none made anew
    assert sorted(paths) == [n.path for n in whole.notes.values() if n.links]
    assert not any(note.items for note in vault.notes.values())  # let go of once walked
