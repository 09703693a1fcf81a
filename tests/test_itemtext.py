"""A contact's text held apart (`vaultkit.reader.itemtext`): its stand-in answers what planning
asks of the text as the text does, and what shows the text gets the real one, from the notes
cache file, or from the note read anew where the file does not hold it (removed, cut short,
spoiled): the same generated notes as the notes read whole, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from tests.test_unplanned import _loaded, _old
from vaultkit.disk import cache, fs
from vaultkit.disk.load import load_vault
from vaultkit.disk.record import resolve_today
from vaultkit.reader.itemtext import STAND_INS, Unread, marks, one_on_one_text, told_text
from vaultkit.reader.model import Interaction
from vaultkit.reader.network import told, told_in
from vaultkit.views.builtin.oneonone import is_one_on_one
from vaultkit.views.plan import plan
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

EDGES = ["", "#told", "#TOLD so far", "x#told", "(#told)", "[#told]", "a,#told", "#told/x", "#tolds", "#told-",
         "1-1 with Ada", "1:1", "1-12 people", " 1-1", "[x] 1-1 done", "[x]  2025-01-02 — 1:1 weekly",
         "2025-01-02 1-1", "2025-01-02: 1-1x", "2025-01-02 -1-1", "2025-01-02 —1:1", "2025-01-0 1-1", "#1-1",
         "(#1-1)", "x#1-1", "#1-1/a", "met #1-1 #told", "2025-01-02 met [[Ada]] #1-1\u00a0#told", "\u20031-1",
         "[ ]1-1", "[xx] 1-1"]


def _contact(text: str) -> Interaction:
    return Interaction(dt.date(2025, 1, 2), "Daily/2025-01-02.md", 3, text, "daily")


@pytest.mark.parametrize("text", EDGES)
def test_a_stand_in_answers_as_its_text(text: str) -> None:
    said = STAND_INS[marks(text)]
    assert type(said) is Unread
    assert (said.told, said.one_on_one) == (told_text(text), one_on_one_text(text)), text
    assert told(_contact(said)) == told(_contact(text)) and is_one_on_one(_contact(said)) == is_one_on_one(
        _contact(text))
    assert told_text(said) == said.told and one_on_one_text(said) == said.one_on_one  # its own characters too


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="#1-:toldTOLD[]x 2025-01-02—(),;/\u00a0\t", max_size=30), max_size=5))
def test_stand_ins_joined_read_as_their_texts_do(texts: list[str]) -> None:
    for text in texts:
        assert marks(text) == (1 if told_text(text) else 0) | (2 if one_on_one_text(text) else 0), text
    stand_ins = [_contact(STAND_INS[marks(t)]) for t in texts]
    assert told_in(stand_ins) == told_in([_contact(t) for t in texts])


FILES = {
    "People/Ada.md": "---\ntype: person\n---\n# Ada\n\n## Interactions\n- 2025-01-02 1-1 with [[Bob]] #told\n"
                     "- 2025-01-06 lunch, talked [[Bob]] through it\n",
    "People/Bob.md": "---\ntype: person\npriority: inner\n---\n## Notes\nWorks with [[Ada]].\n",
    "People/Cy.md": "---\ntype: person\n---\n# Cy\n",
    "Daily/2025-01-03.md": "# Friday\n\n## Log\n- [[Cy]] called about the [[Bob]] thing #told\n- 1:1 with [[Ada]]\n",
    "Daily/2025-01-04.md": "# Saturday\n\n- met [[Cy]] — [[Ada]] said hi (it: yes)\n"
                           "- 2025-01-01 [[Bob]] #brag shipped\n",
    "Vaultkit/1-1/Ada.md": "made by `vaultkit one-on-one`\n",
}


@pytest.mark.parametrize("spoil", ["none", "removed", "cut short", "texts spoiled"])
def test_what_shows_a_text_gets_it_whatever_became_of_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               spoil: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK", 2)
    root = write_vault(tmp_path / "v", FILES)
    _old(root)
    whole = load_vault(root)
    day = resolve_today(whole.config)
    expected = {p.path: p.text for p in plan(whole, day, Renderer(str(root), views_of(whole.config).folders))}
    assert "Vaultkit/1-1/Ada.md" in expected and "#told" not in "".join(expected.values())
    vault, _, _ = _loaded(root, 0)
    assert sum(type(i.text) is Unread for n in vault.notes.values() for i in n.items) == 5
    path = Path(fs.cache_folder(str(root))) / cache.FILE
    if spoil == "removed":
        os.unlink(path)
    elif spoil == "cut short":
        path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    elif spoil == "texts spoiled":  # each text part the same length, but no pickle of texts
        raw = bytearray(path.read_bytes())
        at = len(cache.header(cache.stamp(fs.read_config_text(str(root))[2])))
        while at < len(raw):
            (length,) = cache.LEN.unpack_from(raw, at)
            sizes = cache.PARTS.unpack_from(raw, at + cache.LEN.size)
            start = at + cache.LEN.size + cache.PARTS.size + sum(sizes)
            end = at + cache.LEN.size + length
            raw[start:end] = b"\x80\x05N." + b"x" * (end - start - 4) if end - start >= 4 else raw[start:end]
            at = end
        path.write_bytes(bytes(raw))
    day = resolve_today(vault.config)
    planned = {p.path: p.text for p in plan(vault, day, Renderer(str(root), views_of(vault.config).folders))}
    assert planned == expected
