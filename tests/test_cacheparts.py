"""A parsed note straight to the notes cache's parts (`vaultkit.disk.cacheparts`, a parse worker's
way): the same parts `cacheform.split` makes of the note's facts (`facts.compact`), byte for byte
on parsed notes, and read back the same facts on any shape of note."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, write_vault
from tests.test_cacheform import _types
from vaultkit.disk import cache, parsework
from vaultkit.disk.cacheform import split
from vaultkit.disk.cacheparts import parts_of
from vaultkit.disk.fs import read_config, scan
from vaultkit.reader.facts import Interner, compact, owing
from vaultkit.reader.model import Heading, Link, ListItem, Note
from vaultkit.reader.talks import Talk

FILES = {
    "People/Ada.md": "---\ntype: person\nmet_at: \"[[Conf]]\"\ncommunities: [\"[[Py]]\", \"[[Py]]\"]\n---\n"
                     "## Interactions\n- 2024-01-02 met [[Grace]] and [[Conf#Day 1|day one]] #brag\n"
                     "- plain item [[Py]] topic:: x\n- 2024-02-01 again [[Grace]] [[Grace]] #Brag/visibility\n"
                     "## Notes\nShe [[Grace|said]] ![[pic.png]] [md](Other%20Note.md#h) ^blk\n",
    "People/Bob.md": "---\ntype: person\naliases: [Bobby]\ntags: [friend]\n---\n# Bob\n\nKnows [[Ada]].\n",
    "People/Cy.md": "---\ntype: person\n---\n## Notes\n- undated [[Ada#Notes]] #challenge\n",
    "Events/Conf.md": "---\ntype: event\ndate: 2024-01-01\nmet: [\"[[Ada]]\"]\ntalks:\n  - \"[[Ada]]: On engines\"\n"
                      "---\n## Talks\n- [[Grace]]: Compilers — what stood out\n- 2024-01-01 [[Ada]] spoke #brag\n"
                      "- just a note [[Bob]]\n\nWe met [[Ada]] and [[Conf#Talks]].\n",
    "Events/Quiet.md": "---\ntype: event\ndate: 2024-03-01\n---\nNothing but prose.\n",
    "Daily/2024-01-03.md": "## Log\n- met [[Ada]] [[Ada]]\n- 2024-01-03 lunch with [[Bob|B]] mood:: fine\n"
                           "- #idea no link\n",
    "Daily/2024-01-04.md": "no items, a link [[Cy]]\n",
    "Notes/Plain.md": "no links, no headings\n",
    "Notes/Linked.md": "---\ndate: 2024-05-05\nsituation: hard\nother: [[Ada]]\n---\n## A\n- [[Ada]] and [[Bob]]\n"
                       "## A\ntext [[Cy#A]]\n",
    "Brag/Win.md": "---\ntype: brag\ndate: 2024-04-01\nimpact: \"[[Ada]]\"\n---\n"
                   "- #brag inline [[Bob]] impacted:: [[Ada]]\n",
}


def _parsed(root: Path) -> tuple[list[Note], Any]:
    config, _ = read_config(str(root))
    found, _, _ = scan(str(root), config)
    return parsework.parse_scanned(str(root), found, config), parsework.daily_notes(config)


def _both(notes: list[Note], daily: Any) -> tuple[list[Any], list[Any]]:
    """Each note's parts as a worker makes them, and as `split` makes them of its facts (one
    batch each, as a worker's: its values shared across the notes)."""
    keep, heads = Interner(), {}  # type: ignore[var-annotated]
    ours = [parts_of(n, keep, daily(n.path), heads) for n in notes]
    keep, heads = Interner(), {}
    theirs = [split(compact(n, keep, daily(n.path)), daily(n.path), heads) for n in notes]
    return ours, theirs


def test_a_workers_parts_are_the_split_of_the_facts_byte_for_byte(tmp_path: Path) -> None:
    written = write_vault(tmp_path / "shapes", FILES)
    example = shutil.copytree(EXAMPLE, tmp_path / "example")
    for root in (written, example):
        notes, daily = _parsed(root)
        ours, theirs = _both(notes, daily)
        for note, mine, split_ in zip(notes, ours, theirs, strict=True):
            assert mine == split_, note.path
            for part in range(3):  # what they share too: a pickle writes a shared object once
                assert pickle.dumps(mine[part], protocol=5) == pickle.dumps(split_[part], protocol=5), note.path
        entries = [(n.path, 1, 2, p) for n, p in zip(notes, ours, strict=True)]
        keep = Interner()
        facts = [compact(n, keep, daily(n.path)) for n in notes]
        assert cache.chunk_of(entries) == cache.chunk([(n.path, 1, 2, f) for n, f in zip(notes, facts, strict=True)],
                                                      daily)


def _read_back(parts: Any, note: Note) -> tuple[Note, int]:
    blob = cache.chunk_of([(note.path, 1, 2, parts)])
    (_, _, _, whole, lacks), = cache.unpack_chunk(blob[cache.LEN_SIZE:], cache.ALL)
    (_, _, _, _, missing), = cache.unpack_chunk(blob[cache.LEN_SIZE:], 0)
    assert lacks == 0
    return whole, missing


_NAMES = st.sampled_from(["Ada", "Grace", "Alan Kay", "x", ""])
_LINKS = st.builds(Link, _NAMES, st.integers(1, 40), st.none() | st.just("h#i"), st.none() | st.just("b1"),
                   st.none() | st.just("shown"), st.booleans(), st.none() | st.just("met"), st.booleans(),
                   st.booleans())
_ITEMS = st.tuples(st.lists(st.integers(0, 9), max_size=4), st.booleans(), st.sampled_from([(), ("brag",), ("x",)]),
                   st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINKS, max_size=8), st.lists(_ITEMS, max_size=5), st.lists(st.integers(0, 7), max_size=3),
       st.sampled_from([None, "person", "event"]), st.booleans(), st.booleans(), st.booleans())
def test_any_note_reads_back_as_its_facts(links: list[Link], items: list[Any], fields: list[int], kind: str | None,
                                          daily: bool, about: bool, headed: bool) -> None:
    """Items pick the targets of the note's links by place (a place past them names a target no
    link of the note has; `copy`: a string of its own, equal), fields its links."""
    own = tuple(links)
    made = tuple(ListItem(i, f"item {i}", dt.date(2024, 1, 1 + i) if dated else None, tags,
                          tuple((own[k].target if not copy else "".join(own[k].target)) if k < len(own) else "Stray"
                                for k in pick), (("k", "v"),) if i % 2 else ())
                 for i, (pick, dated, tags, copy) in enumerate(items))
    chosen = tuple(own[k] for k in fields if k < len(own))
    talk = Talk(3, chosen[:1], "On engines", "") if chosen else None
    note = Note("a.md", "a", kind, fields={"met": chosen, "one": chosen[0], "talks": (talk,)} if chosen else {},
                links=own, items=made, about="own words" if about else "",
                headings=(Heading(2, "H", 1),) if headed else ())
    mine = parts_of(note, Interner(), daily, {})
    facts = compact(note, Interner(), daily)
    theirs = split(facts, daily, {})
    assert mine == theirs
    assert [pickle.dumps(part, protocol=5) for part in mine] == [pickle.dumps(part, protocol=5) for part in theirs]
    whole, missing = _read_back(mine, note)
    assert whole == facts and _types(whole) == _types(facts)
    assert missing == owing(facts, daily)
