"""A watcher's notes hold what planning reads (`vaultkit.live.held`): loaded from a build's
cache, they let go of headings, an event's prep-only items and their own text, and take them
back from the notes cache (or the notes read anew) before anything reads them. The generated
notes, the closing cache and `check` stay what a fresh parse gives."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, copy_vault
from tests.test_watch import fresh_build, generated
from vaultkit.disk import cache, fs
from vaultkit.disk.build import build
from vaultkit.disk.load import parse_changed
from vaultkit.live import held
from vaultkit.live.relink import tail
from vaultkit.live.session import Session
from vaultkit.reader.model import Note

PREP = "Vaultkit/Prep/PEB Meetup January 2026.md"


def _vault(tmp_path: Path) -> Path:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    past = 1_700_000_000  # every note older than the cache's 2 s of doubt: the build's cache holds them all
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (past, past))
    build(root)
    return root


def _fresh_facts(root: Path) -> dict[str, Note]:
    """The facts of every note, parsed anew (no cache), as a build's cache would hold them."""
    config, _ = fs.read_config(str(root))
    found, _, _ = fs.scan(str(root), config)
    return {n.path: n for n in parse_changed(str(root), found, config, None)}


def _cached_facts(root: Path) -> dict[str, Note]:
    config_text = fs.read_config_text(str(root))[2]
    data = fs.read_cache(str(root), cache.stamp(config_text))
    assert data is not None
    return {path: entry[2] for path, entry in data.notes.items()}


def test_loaded_from_the_cache_the_notes_let_go_and_plan_as_a_fresh_build(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    session = Session(str(root))
    session.load()
    fresh = _fresh_facts(root)
    assert session.owed and session.preps_owed  # the example vault has no prep note: events' items let go of
    lightened = [p for p, gone in session.owed.items() if gone & held.HEADINGS]
    assert lightened and all(not session.notes[p][2].headings and fresh[p].headings for p in lightened)
    unlinked = [p for p, gone in session.owed.items() if gone & held.LINKS]  # all but a daily note's links
    assert unlinked and all(len(session.notes[p][2].links) < len(fresh[p].links) for p in unlinked)
    assert all(session.link_targets[p][1] == tuple({link.target: 0 for link in fresh[p].links}) for p in unlinked)
    # A daily note keeps the links its contacts are read from: those outside its items (an item's by its targets).
    daily = [p for p in unlinked if p.startswith("Daily/")]
    assert daily and all(session.notes[p][2].links == tuple(link for link in fresh[p].links if link.line not in {
        item.line for item in fresh[p].items if item.links} and link.field is None) for p in daily)
    session.rebuild()
    assert generated(root) == fresh_build(root, tmp_path)
    session.save_cache(closing=True)  # takes everything back first: the file holds whole notes
    assert not session.owed
    assert {p: n for p, (_, _, n) in session.notes.items()} == fresh
    assert _cached_facts(root) == fresh


def test_taken_back_from_the_notes_read_anew_when_the_cache_file_is_gone(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    session = Session(str(root))
    session.load()
    assert session.owed
    os.remove(os.path.join(fs.cache_folder(str(root)), cache.FILE))
    session.take_back()
    assert not session.owed
    assert {p: n for p, (_, _, n) in session.notes.items()} == _fresh_facts(root)


def test_a_prep_note_that_appears_is_planned_from_what_was_let_go_of(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    session = Session(str(root))
    session.load()
    session.rebuild()
    assert session.preps_owed
    (root / PREP).parent.mkdir(parents=True, exist_ok=True)
    (root / PREP).write_text("made by `vaultkit prep`\n", encoding="utf-8")
    session.update({PREP})
    session.rebuild()
    assert not session.owed
    expected = fresh_build(root, tmp_path)
    assert PREP.removeprefix("Vaultkit/") in expected
    assert generated(root) == expected


def test_with_a_prep_note_at_the_start_only_headings_and_links_are_let_go_of(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    (root / PREP).parent.mkdir(parents=True, exist_ok=True)
    (root / PREP).write_text("made by `vaultkit prep`\n", encoding="utf-8")
    build(root)
    session = Session(str(root))
    session.load()
    assert session.owed and not session.preps_owed
    assert not any(gone & held.PREP for gone in session.owed.values())
    assert {gone & (held.HEADINGS | held.LINKS) for gone in session.owed.values()} >= {held.HEADINGS, held.LINKS}
    session.rebuild()
    assert session.owed  # planning prep notes took nothing back
    assert generated(root) == fresh_build(root, tmp_path)


@pytest.mark.parametrize("where", ["plugins", "views", "templates"])
def test_nothing_let_go_of_where_a_view_may_read_anything(tmp_path: Path, where: str) -> None:
    root = _vault(tmp_path)
    config, _ = fs.read_config(str(root))
    assert held.can_lighten(str(root), config, [])
    if where == "plugins":
        config = dataclasses.replace(config, plugins=("example",))
    else:
        (root / ".vaultkit" / where).mkdir(parents=True)
    assert not held.can_lighten(str(root), config, [])
    session = Session(str(root))
    session.load()
    assert where == "plugins" or not session.owed


def test_the_link_index_finds_the_links_a_note_let_go_of(tmp_path: Path) -> None:
    """A note held without its body links still counts them in the watcher's link index
    (`Linkers`), through their targets kept aside: a rename finds the notes naming it."""
    root = _vault(tmp_path)
    session = Session(str(root))
    session.load()
    session.rebuild()
    assert session.live is not None
    linkers = session.live.links()
    gone = [(p, t) for p, (note, found) in session.link_targets.items()
            for t in found if t and t not in {link.target for link in note.links}]
    assert gone  # targets of links only the notes cache holds now
    for path, target in gone:
        keys = {tail(target)}
        assert path in linkers.of(keys), (path, target)
        assert target in linkers.naming(session.notes[path][2], keys)
