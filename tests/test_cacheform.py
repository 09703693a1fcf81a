"""The notes cache's plain form of a note (`vaultkit.disk.cacheform`): through a chunk and back,
every note is equal to itself, of the same types, and shares what it shared."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from vaultkit.disk import cache, cachestream
from vaultkit.disk.cacheback import put_back
from vaultkit.disk.cacheform import HEADINGS, note_of, plain
from vaultkit.disk.fs import read_config, read_note, scan
from vaultkit.reader.facts import PREP, REST, TEXT, Interner, compact, owing, planned_parts
from vaultkit.reader.itemtext import STAND_INS, apart
from vaultkit.reader.model import Heading, Link, ListItem, Note
from vaultkit.reader.parse import parse_note
from vaultkit.reader.talks import Talk


def _through_chunk(notes: list[Note], daily: bool = False) -> list[Note]:
    """`notes` through a chunk of the notes cache and back, whole."""
    blob = cache.chunk([(n.path, 1, 2, n) for n in notes], lambda path: daily)
    back = cache.unpack_chunk(blob[cache.LEN_SIZE:], cache.ALL)
    assert all(entry[4] == 0 for entry in back)
    return [entry[3] for entry in back]


def _types(value: object) -> object:
    """`value` with the type of every part named (a `Link` and a tuple are equal otherwise)."""
    if isinstance(value, Note):
        return tuple((name, _types(getattr(value, name))) for name in value.__slots__)  # type: ignore[attr-defined]
    if isinstance(value, tuple | list):
        return (type(value).__name__, tuple(_types(v) for v in value))
    if isinstance(value, dict):
        return tuple((k, _types(v)) for k, v in value.items())
    return (type(value).__name__, value)


def _shared(note: Note) -> tuple[bool, bool]:
    """Are its items' link targets interned (one string a name, from chunk to chunk), and its
    fields' links its own link objects?"""
    own = {id(link) for link in note.links}
    items = all(target is sys.intern(target) for item in note.items for target in item.links)
    fields = [v for value in note.fields.values() for v in (value if isinstance(value, tuple) else (value,))]
    speakers = [s for v in fields if isinstance(v, Talk) for s in v.speakers]
    return items, all(id(v) in own for v in fields + speakers if isinstance(v, Link))


def test_a_note_of_every_part_comes_back_equal_typed_and_shared() -> None:
    met, talk_by = Link("Ada", 2, field="met_at"), Link("Grace", 3, heading="Talks", field="talks")
    body = [Link("Ada", 9), Link("Alan Kay", 9, alias="Alan"), Link("x", 10, embed=True), Link("", 11, "h")]
    twice = Link("Ada", 9)  # equal to a body link, another object
    note = Note(
        path="People/Ada.md", title="Ada", kind="person", aliases=("A",), tags=("t", "t/u"),
        fields={"met_at": met, "talks": (Talk(3, (talk_by,), "On engines", ""),), "met_on": dt.date(2024, 1, 2),
                "topics": ("a", "b")},
        extra={"date": dt.date(2024, 1, 1), "other": [1, {"k": "v"}]},
        links=(met, talk_by, *body, twice),
        headings=(Heading(2, "Notes", 8),),
        block_ids=frozenset({"b1"}),
        items=(ListItem(9, "2024-01-05 met [[Ada]] [[Alan Kay|Alan]]", dt.date(2024, 1, 5), ("brag",),
                        ("Ada", "Alan Kay"), (("k", "v"),), "Notes"),
               ListItem(10, "![[x]]", None, (), ("x",), (), None),
               ListItem(12, "again [[Ada]]", None, (), ("Ada",), (), "Notes")),
        body_line=4, fields_unreadable=False, exact=True, about="her own words")
    for daily in (False, True):  # its links in the part planning reads (a daily note's) or apart
        back, = _through_chunk([note], daily)
        assert back == note and _types(back) == _types(note)
        assert _shared(back) == (True, True)
        assert back.links[-1] is not back.links[2] and back.links[-1] == back.links[2]  # two links, as written
    assert note_of(plain(Note("a.md", "a", None), {}), {}) == Note("a.md", "a", None)


def test_a_daily_notes_planned_links_are_those_outside_its_items() -> None:
    """What planning reads of a daily note's links: its body links on no line of an item with
    links (`career.note_interactions` counts its items' by their targets); the rest comes back."""
    links = (Link("Ada", 2, field="met"), Link("Bo", 5), Link("Cy", 5), Link("Di", 7), Link("Ed", 8))
    note = Note("Daily/2026-01-02.md", "2026-01-02", None, fields={"met": (links[0],)}, links=links,
                items=(ListItem(5, "[[Bo]] [[Cy]]", None, (), ("Bo", "Cy"), ()), ListItem(8, "x", None, (), (), ())))
    assert planned_parts(note, True)[0] == (links[3], links[4])
    assert planned_parts(note, False)[0] == ()
    back, = _through_chunk([note], True)
    assert back == note and back.fields["met"][0] is back.links[0]


_NAMES = st.sampled_from(["Ada", "Grace", "Alan Kay", "x", ""])
_LINKS = st.builds(Link, _NAMES, st.integers(1, 40), st.none() | st.just("h#i"), st.none() | st.just("b1"),
                   st.none() | st.just("shown"), st.booleans(), st.none() | st.just("met"), st.booleans(),
                   st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINKS, max_size=8), st.lists(st.lists(st.integers(0, 7), max_size=4), max_size=4),
       st.lists(st.integers(0, 7), max_size=3))
def test_any_links_items_and_fields_round_trip(links: list[Link], items: list[list[int]], fields: list[int]) -> None:
    """Items pick the targets of links of the note, fields its links (the same object, as a parse gives)."""
    own = tuple(links)
    made = tuple(ListItem(i, "t", None, (), tuple(own[k].target for k in pick if k < len(own)), ())
                 for i, pick in enumerate(items))
    chosen = tuple(own[k] for k in fields if k < len(own))
    note = Note("a.md", "a", "person", fields={"met": chosen, "one": chosen[0]} if chosen else {},
                links=own, items=made)
    for daily in (False, True):
        back, = _through_chunk([note], daily)
        assert back == note and _types(back) == _types(note)
        assert _shared(back) == _shared(note)


def test_a_vaults_notes_and_facts_come_back_as_parsed(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {
        "People/Ada.md": "---\ntype: person\nmet_at: \"[[Conf]]\"\ncommunities: [\"[[Py]]\", \"[[Py]]\"]\n---\n"
                         "## Notes\n- 2024-01-02 met [[Grace]] and [[Conf#Day 1|day one]] #brag\n"
                         "- plain item [[Py]] topic:: x\n\nText ![[pic.png]] [md](Other%20Note.md#h) ^blk\n",
        "Events/Conf.md": "---\ntype: event\ndate: 2024-01-01\ntalks:\n  - \"[[Ada]]: On engines\"\n---\n"
                          "## Talks\n- [[Grace]]: Compilers — what stood out\n- 2024-01-01 [[Ada]] spoke\n",
        "Daily/2024-01-03.md": "- met [[Ada]] [[Ada]]\n",
    })
    config, _ = read_config(str(root))
    found, _, _ = scan(str(root), config)
    whole = [parse_note(s.path, read_note(str(root), s.path) or b"", config) for s in found]
    keep = Interner()
    facts = [compact(n, keep, config.daily.date_of(n.path) is not None) for n in whole]
    for notes in (whole, facts):
        for daily in (False, True):
            back = _through_chunk(notes, daily)
            assert back == notes and [_types(n) for n in back] == [_types(n) for n in notes]
            assert [_shared(n) for n in back] == [_shared(n) for n in notes]


def test_equal_headings_of_a_chunk_come_back_as_one_object() -> None:
    """A template repeats its headings at the same lines (`compact` shares them in a batch):
    through a chunk they stay one object each, and of their own type."""
    notes = [Note(f"n{i}.md", f"n{i}", None, headings=(Heading(2, "Log", 5), Heading(2, f"Own {i}", 9)))
             for i in range(3)]
    back = _through_chunk(notes)
    assert back == notes and all(type(h) is Heading for n in back for h in n.headings)
    assert back[0].headings[0] is back[1].headings[0] is back[2].headings[0]
    assert back[0].headings[1] is not back[1].headings[1]


def test_each_part_of_a_note_read_alone_then_taken_back(tmp_path: Path) -> None:
    """A chunk keeps what planning reads apart from what only a prep note reads and from the
    rest (`split`): read without them, a note holds what `facts.planned_parts` keeps and says
    which parts it lacks; what `cache.parts_kept` reads back of the others makes it whole again,
    its items' and fields' links its own objects as before."""
    root = write_vault(tmp_path, {
        "People/Ada.md": "---\ntype: person\nmet_at: \"[[Conf]]\"\n---\n## Interactions\n"
                         "- 2024-01-02 met [[Grace]] and [[Conf#Day 1|day one]] #brag\n## Notes\nShe [[Grace|said]].\n",
        "People/Bob.md": "---\ntype: person\n---\n# Bob\n\nKnows [[Ada]].\n",
        "Events/Conf.md": "---\ntype: event\ndate: 2024-01-01\nmet: [\"[[Ada]]\"]\n---\n## Talks\n"
                          "- [[Grace]]: Compilers\n- 2024-01-01 [[Ada]] spoke #brag\n\nWe met [[Ada]].\n",
        "Daily/2024-01-03.md": "## Log\n- met [[Ada]] [[Ada]]\n",
        "Notes/Plain.md": "no links, no headings\n",
    })
    config, _ = read_config(str(root))
    found, _, _ = scan(str(root), config)
    keep = Interner()
    daily = {s.path: config.daily.date_of(s.path) is not None for s in found}
    facts = [compact(parse_note(s.path, read_note(str(root), s.path) or b"", config), keep, daily[s.path])
             for s in found]
    blob = cache.chunk([(n.path, 1, 2, n) for n in facts], daily.__getitem__)
    raw = cache.header("s") + blob
    for want in (0, PREP, REST, cache.ALL):
        back = cache.unpack_chunk(blob[cache.LEN_SIZE:], want)
        for (path, _, _, note, lacks), whole in zip(back, facts, strict=True):
            assert lacks == owing(whole, daily[path]) & ~want, path
            links, headings, items = planned_parts(whole, daily[path])
            assert note.links == (whole.links if want & REST else links)
            assert note.headings == (whole.headings if want & REST else headings)
            assert note.items == stand_ins(whole.items if want & PREP else items, whole.kind, want)
            assert note.about == (whole.about if want & PREP else "")
            assert (note.path, note.fields, note.tags) == (whole.path, whole.fields, whole.tags)
        kept = {e[0]: e[1:] for part in cache.parts_kept(io.BytesIO(raw), "s", cache.ALL & ~want) for e in part}
        assert set(kept) == {e[0] for e in back if e[4]}
        for path, _, _, note, lacks in back:
            if lacks:
                _, _, prep, rest, texts = kept[path]
                assert put_back(note, lacks | (HEADINGS if lacks & REST else 0), prep, rest, {}, texts)
        assert [e[3] for e in back] == facts and [_types(e[3]) for e in back] == [_types(n) for n in facts]
        assert [_shared(e[3]) for e in back] == [_shared(n) for n in facts]
    lacking = {e[0]: e[4] for e in cache.unpack_chunk(blob[cache.LEN_SIZE:], 0)}
    # (Ada's dated item is a brag entry: its text is kept, Brag shows it; the daily note's is a contact's)
    assert lacking == {"Daily/2024-01-03.md": REST | TEXT, "Events/Conf.md": PREP | REST, "Notes/Plain.md": 0,
                       "People/Ada.md": PREP | REST, "People/Bob.md": PREP | REST}


def stand_ins(items: tuple[ListItem, ...], kind: str | None, want: int) -> tuple[ListItem, ...]:
    """`items` as a note read without `want`'s parts holds them: without `TEXT`, each contact's text
    its stand-in (`itemtext.STAND_INS`)."""
    if want & TEXT:
        return items
    planned, _ = apart(items, kind)
    return tuple([ListItem(i[0], i[1] if type(i[1]) is str else STAND_INS[i[1]], *i[2:]) for i in planned])


def test_a_file_read_a_chunk_at_a_time_with_links_but_not_headings(tmp_path: Path) -> None:
    """`cachestream.load_file` (what `vaultkit watch` starts from) reads what `cache.loads` reads of the
    whole file; without `heads`, each note holds its links but only the headings planning reads,
    and says it lacks the others (`cacheform.HEADINGS`) where it had more."""
    root = write_vault(tmp_path, {
        "People/Ada.md": "---\ntype: person\n---\n## Interactions\n- 2024-01-02 met [[Grace]] #x\n## Notes\nHi.\n",
        "People/Bob.md": "---\ntype: person\n---\n# Bob\n\nKnows [[Ada]].\n",
        "Events/Conf.md": "---\ntype: event\ndate: 2024-01-01\n---\n## Talks\n- [[Grace]]: Compilers\n\nMet [[Ada]].\n",
        "Notes/Plain.md": "no links, no headings\n",
    })
    config, _ = read_config(str(root))
    found, _, _ = scan(str(root), config)
    keep = Interner()
    facts = [compact(parse_note(s.path, read_note(str(root), s.path) or b"", config), keep, False) for s in found]
    raw = cache.header("s") + cache.chunk([(n.path, 1, 2, n) for n in facts[:2]], lambda p: False) \
        + cache.chunk([(n.path, 1, 2, n) for n in facts[2:]], lambda p: False)
    whole = cache.loads(raw, "s")
    streamed = cachestream.load_file(io.BytesIO(raw), "s")
    assert whole is not None and streamed is not None
    assert streamed.notes == whole.notes and not streamed.chunks and not streamed.owed
    lean = cachestream.load_file(io.BytesIO(raw), "s", REST | TEXT, heads=False)  # (a watcher reads the texts)
    assert lean is not None
    for note in facts:
        held = lean.notes[note.path][2]
        _, headings, items = planned_parts(note, False)
        assert (held.links, held.headings, held.items) == (note.links, headings, items), note.path
        lacks = (HEADINGS if headings != note.headings else 0) | (PREP if owing(note, False) & PREP else 0)
        assert lean.owed.get(note.path, 0) == lacks, note.path
    assert lean.owed["People/Bob.md"] & HEADINGS and "Notes/Plain.md" not in lean.owed
    assert lean.notes["People/Ada.md"][2].headings  # a person filing dated items under "Interactions"
    targets: dict[str, tuple[str, ...]] = {}
    bare = cachestream.load_file(io.BytesIO(raw), "s", TEXT, heads=False, targets=targets)
    assert bare is not None
    for note in facts:  # of the links planning does not read, only their targets
        held = bare.notes[note.path][2]
        links, headings, _ = planned_parts(note, False)
        assert (held.links, held.headings) == (links, headings)
        assert targets.get(note.path) == (tuple({link.target: 0 for link in note.links}) if links != note.links
                                          else None)
        assert bare.owed.get(note.path, 0) == lean.owed.get(note.path, 0) | (REST if links != note.links else 0)
    assert set(targets) == {"People/Ada.md", "People/Bob.md", "Events/Conf.md"}
    assert cachestream.load_file(io.BytesIO(raw[:-3]), "s") is None  # cut short
    assert cachestream.load_file(io.BytesIO(raw), "other") is None
