"""The facts of a note (`vaultkit.reader.facts`): what planning reads, nothing a view needs dropped."""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT
from vaultkit.disk.fs import read_config, scan
from vaultkit.disk.load import load_notes, load_vault
from vaultkit.disk.record import resolve_today
from vaultkit.reader.facts import Interner, compact
from vaultkit.reader.model import Link
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault
from vaultkit.views.plan import plan
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

BODY = """
- plain words
- #idea a tag no view reads
- 2025-01-02 a dated line
- mood:: fine
- met [[Ada]] on the way
- 2025-01-03 lunch with [[Ada]]
- #brag shipped it impacted:: [[Ada]]
- #challenge the hard part

## Interactions
- 2025-02-01 call
"""


def _note(front: str, path: str = "n.md"):  # type: ignore[no-untyped-def]
    return parse_note(path, f"---\n{front}\n---\n{BODY}".encode())


def _texts(note) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.text for item in note.items]


def test_facts_keep_the_items_a_view_reads() -> None:
    entries = ["#brag shipped it impacted:: [[Ada]]", "#challenge the hard part"]
    plain = compact(_note("title: n"), Interner(), daily=False)
    assert _texts(plain) == ["2025-01-03 lunch with [[Ada]]", *entries]
    daily = compact(_note("title: n"), Interner(), daily=True)  # an undated link counts on the note's day
    assert _texts(daily) == ["met [[Ada]] on the way", "2025-01-03 lunch with [[Ada]]", *entries]
    person = compact(_note("type: person"), Interner(), daily=False)  # a person's dated lines
    assert _texts(person) == ["2025-01-02 a dated line", "2025-01-03 lunch with [[Ada]]", *entries,
                              "2025-02-01 call"]
    whole = _note("type: event\ndate: 2025-01-01")
    assert compact(whole, Interner(), daily=False).items == whole.items  # a prep shows them all


def test_facts_keep_everything_else_planning_reads() -> None:
    whole = _note("type: person\ncompany: Acme\ndate: 2024-05-06\nfavourite: tea\naliases: [A]")
    facts = compact(whole, Interner(), daily=False)
    for name in ("path", "title", "kind", "aliases", "tags", "fields", "links", "headings", "block_ids",
                 "body_line", "diagnostics", "fields_unreadable", "exact"):
        assert getattr(facts, name) == getattr(whole, name), name
    assert whole.extra == {"date": dt.date(2024, 5, 6), "favourite": "tea"}
    assert facts.extra == {"date": dt.date(2024, 5, 6)}  # the one unknown key a view reads
    targets = {link.target for link in facts.links}  # an item holds its links' targets (the links are the note's)
    assert all(target in targets for item in facts.items for target in item.links) and facts.items[1].links


def test_equal_values_are_shared_and_keep_their_type() -> None:
    keep = Interner()
    a = compact(_note("type: event\ndate: 2025-01-01\nspeaker: true\ngoal_new_people: 1"), keep, daily=False)
    b = compact(_note("type: event\ndate: 2025-01-01\nspeaker: true\ngoal_new_people: 1", "m.md"), keep, daily=False)
    assert a.fields["date"] is b.fields["date"]
    assert a.fields["speaker"] is True and a.fields["goal_new_people"] == 1
    assert type(a.fields["goal_new_people"]) is int
    assert a.links[0].target is b.links[0].target
    again = pickle.loads(pickle.dumps([a, b]))
    assert again == [a, b] and again[0].fields["date"] is again[1].fields["date"]  # once in the pickle too
    assert keep.value((Link("x", 1), "y", 1.0)) == (Link("x", 1), "y", 1.0)


def test_what_repeats_across_cache_chunks_is_held_once() -> None:
    # Each chunk of the notes cache is a pickle of its own (a worker's batch): a name linked
    # from many chunks, unpickled, must still be one string; a heading a template repeats at
    # the same line is one object within a batch.
    a = compact(_note("title: a", "a.md"), Interner(), daily=False)
    b = compact(_note("title: b", "b.md"), Interner(), daily=False)  # another batch, another Interner
    one, two = (pickle.loads(pickle.dumps([note], protocol=5))[0] for note in (a, b))
    assert one.links[0].target == "Ada" and one.links[0].target is two.links[0].target
    assert one.fields == a.fields and two.links == b.links
    keep = Interner()
    c, d = (compact(_note("title: t", path), keep, daily=False) for path in ("c.md", "d.md"))
    assert c.headings == d.headings and c.headings[0] is d.headings[0]
    assert type(c.headings[0]).__name__ == "Heading" and c.headings[0].text == "Interactions"
    assert c.extra == {} and c.extra is a.extra  # no unknown key a view reads: one empty mapping for all
    fields = [item.fields for item in c.items if item.fields]
    assert fields == [(("impacted", "[[Ada]]"),)]  # an item's inline fields, as equal ones elsewhere: one tuple
    assert fields[0] is next(item.fields for item in d.items if item.fields)


def test_a_link_is_held_without_its_defaults_and_reads_as_written() -> None:
    plain = Link("Ada", 3)
    assert len(plain) == 2 and plain == Link(target="Ada", line=3, heading=None, embed=False, bare=False)
    assert (plain.heading, plain.block, plain.alias, plain.embed, plain.field, plain.bare, plain.markdown) == \
        (None, None, None, False, None, False, False)
    aliased = Link("Ada", 3, alias="A")
    assert len(aliased) == 5 and aliased.alias == "A" and aliased.raw == "[[Ada|A]]" and aliased != plain
    bare = Link(target="Ada", line=1, field="met", bare=True)
    assert len(bare) == 8 and (bare.field, bare.bare, bare.markdown) == ("met", True, False)
    parsed = _note("met: \"[[Ada#Bio|A]]\"").links  # the parser makes them the same way
    assert parsed[0] == Link("Ada", 2, heading="Bio", alias="A", field="met") and len(parsed[-1]) == 2
    assert {Link("a", 1), Link("a", 1, embed=False)} == {Link("a", 1)}  # one hash for one link
    for link in (plain, aliased, bare, *parsed):
        again = pickle.loads(pickle.dumps(link, protocol=5))
        assert again == link and type(again) is Link and repr(again) == repr(link)
        assert link._replace() == link and link._replace(line=9).line == 9
    assert repr(plain) == ("Link(target='Ada', line=3, heading=None, block=None, alias=None, embed=False, "
                           "field=None, bare=False, markdown=False)")


@pytest.mark.parametrize("which", ["example", "generated"])
def test_planning_from_the_facts_writes_what_the_whole_notes_write(which: str, tmp_path: Path) -> None:
    """Every generated note planned from the facts a build keeps (`load_notes`) is the one
    planned from the notes as parsed whole (`load_vault`): the facts drop nothing a view reads."""
    if which == "example":
        root = EXAMPLE
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from gen_vault import generate

        root = tmp_path / "gen"
        generate(root, 400, seed=5)
    config, _ = read_config(str(root))
    found, attachments, said = scan(str(root), config)
    facts = Vault(load_notes(str(root), found, config, None).notes, config, attachments, said, root=str(root))
    whole = load_vault(root)
    assert any(len(n.items) < len(whole.notes[n.path].items) for n in facts.notes.values())  # facts are less
    day = resolve_today(config)
    planned = {p.path: p.text for p in plan(facts, day, Renderer(str(root), views_of(config).folders))}
    expected = {p.path: p.text for p in plan(whole, day, Renderer(str(root), views_of(config).folders))}
    assert planned == expected and len(planned) >= 8
    assert facts.diagnostics == whole.diagnostics
