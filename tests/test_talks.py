"""An event's talks (frontmatter `talks:` or a `## Talks` section) and a person's own text, read
by `parse_note` from real note text: every shape a user writes, and hostile ones, which give
diagnostics at their own line and never an exception."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.reader.model import Note, Severity
from vaultkit.reader.parse import parse_note
from vaultkit.reader.talks import Talk, from_frontmatter, item_lines, parse_line


def event(front: str, body: str = "# E\n") -> Note:
    return parse_note("Events/E.md", f"---\ndate: 2026-05-01\n{front}---\n{body}".encode())


def talks(note: Note) -> list[tuple[list[str], str, str]]:
    return [([s.target for s in t.speakers], t.title, t.note) for t in note.fields.get("talks", ())]


def diags(note: Note, code: str = "talk-entry") -> list[tuple[int | None, str]]:
    return [(d.line, d.message) for d in note.diagnostics if d.code == code]


# --- frontmatter -------------------------------------------------------------------------------

def test_a_list_of_mappings_with_each_talk_at_its_line() -> None:
    note = event('talks:\n'
                 '  - speaker: "[[Mei Lin Chen]]"\n'
                 '    title: CDC with Debezium\n'
                 '    note: slots filled a 2 TB disk\n'
                 '  # a comment between talks\n'
                 '  - speaker: Ingrid Sørensen\n'
                 '    title: pgvector at 200 million rows\n')
    assert talks(note) == [(["Mei Lin Chen"], "CDC with Debezium", "slots filled a 2 TB disk"),
                           (["Ingrid Sørensen"], "pgvector at 200 million rows", "")]
    first, second = note.fields["talks"]
    assert (first.line, second.line) == (4, 8)
    assert not first.speakers[0].bare and second.speakers[0].bare  # a plain name, as in want_to_meet
    # the speakers count as links (backlinks), as any link in frontmatter does
    assert [(link.target, link.field) for link in note.links] == [("Mei Lin Chen", "talks"),
                                                                   ("Ingrid Sørensen", "talks")]
    assert diags(note) == []


def test_other_spellings_of_the_keys_and_several_speakers() -> None:
    note = event('talks:\n'
                 '- by: ["[[Ada]]", Grace Hopper]\n'
                 '  Talk: Compilers\n'
                 '  stood out: "bugs are moths: literally"\n'
                 '- who: "[[Linus]]"\n'
                 '  topic: 42\n'
                 '  takeaway: release early\n')
    assert talks(note) == [(["Ada", "Grace Hopper"], "Compilers", "bugs are moths: literally"),
                           (["Linus"], "42", "release early")]
    assert [t.line for t in note.fields["talks"]] == [4, 7]
    assert diags(note) == []


def test_a_flow_list_puts_every_talk_on_the_key_line() -> None:
    note = event('talks: [{speaker: "[[Ada]]", title: Engines}, "[[Bo]] — Looms: punched cards"]\n')
    assert talks(note) == [(["Ada"], "Engines", ""), (["Bo"], "Looms", "punched cards")]
    assert {t.line for t in note.fields["talks"]} == {3}


def test_hostile_entries_are_diagnosed_at_their_line_and_the_rest_still_count() -> None:
    note = event('talks:\n'
                 '  - 42\n'                                   # 4: a number
                 '  - just some words\n'                      # 5: text naming no speaker
                 '  - "[[Bo]] — Looms: punched cards"\n'      # 6: text in the section's shape: fine
                 '  - speaker: "[[Ada]]"\n'                   # 7
                 '    title: {nested: {deeper: map}}\n'       #   a nested mapping as the title
                 '    note: [a, list]\n'                      #   a list as the note
                 '    venue: Room 2\n'                        #   a key no talk has
                 '  - speaker: [[Unquoted]]\n'                # 11: YAML reads it as a list
                 '  - [[Bare Unquoted]]\n'                    # 12
                 '  -\n'                                      # 13: empty, skipped silently
                 '  - {speaker: {a: 1}}\n'                    # 14: nothing readable
                 '  - [1, 2]\n'                               # 15: a list
                 '  - true\n'                                 # 16
                 '  - 2026-05-01\n')                          # 17
    assert talks(note) == [(["Bo"], "Looms", "punched cards"), (["Ada"], "", ""), (["Unquoted"], "", ""),
                           (["Bare Unquoted"], "", "")]
    found = diags(note)
    assert [line for line, _ in found] == [4, 5, 7, 7, 7, 11, 12, 14, 14, 15, 16, 17]
    text = dict(found)
    assert text[4] == "`talks` item 1: got 42, expected a mapping of speaker, title and note"
    assert text[5] == '`talks` item 2: "just some words" names no speaker'
    assert text[11] == "`talks` item 5: speaker [[Unquoted]] is not quoted, YAML reads it as a list"
    assert any("title is" in m and "expected text" in m for line, m in found if line == 7)
    assert any("unknown key `venue`" in m for line, m in found if line == 7)
    unknown = next(d for d in note.diagnostics if "venue" in d.message)
    assert unknown.severity is Severity.INFO
    assert all(d.hint for d in note.diagnostics if d.code == "talk-entry")
    assert note.fields["date"].isoformat() == "2026-05-01"  # the other fields are read as ever


def test_talks_not_a_list() -> None:
    number = event("talks: 42\n")
    assert talks(number) == [] and diags(number) == [(3, "`talks`: got 42, expected a list of talks")]
    one = event('talks:\n  speaker: "[[Ada]]"\n  title: Engines\n')
    assert talks(one) == [(["Ada"], "Engines", "")]
    assert diags(one)[0][1].startswith("`talks` is one mapping, not a list of talks")
    text = event('talks: "[[Ada]] — Engines: the first program"\n')
    assert talks(text) == [(["Ada"], "Engines", "the first program")] and diags(text) == []
    empty = event("talks:\n")
    assert "talks" not in empty.fields and diags(empty) == []


def test_a_bad_talk_never_hides_the_frontmatter_or_the_section() -> None:
    note = event("talks: [1, {speaker: [[x]]}]\n", "## Talks\n\n- [[Ada]] — Engines\n")
    assert talks(note)[-1] == (["Ada"], "Engines", "")


# --- a `## Talks` section ----------------------------------------------------------------------

SECTION = """# Meetup

Intro with [[Elsewhere]].

## Talks

- [[Mei Lin Chen]] — "CDC: at scale": slot lag in bytes
  - page on `max_slot_wal_keep_size`
- Ingrid Sørensen – pgvector at 200 million rows
- [[Oskar]]: waves of 5%
- [[A]] and [[B|Bee]] - Panel on platforms: SLOs win
- [ ] [[C]] — Checkbox talk
- a remark that is no talk

```
- [[Not]] — In code
```

### Day 2

- [[D]] - Still under Talks: yes

## Notes

- [[E]] — not a talk: another section
"""


def test_the_section_shape() -> None:
    note = event("", SECTION)
    assert talks(note) == [
        (["Mei Lin Chen"], "CDC: at scale", "slot lag in bytes; page on `max_slot_wal_keep_size`"),
        (["Ingrid Sørensen"], "pgvector at 200 million rows", ""),
        (["Oskar"], "", "waves of 5%"),
        (["A", "B"], "Panel on platforms", "SLOs win"),
        (["C"], "Checkbox talk", ""),
        (["D"], "Still under Talks", "yes"),
    ]
    assert [t.line for t in note.fields["talks"]] == [10, 12, 13, 14, 15, 24]
    assert diags(note) == [(16, "this `## Talks` item names no speaker")]
    # the section's links count as the note's links, once each
    targets = [link.target for link in note.links]
    for name in ("Mei Lin Chen", "Oskar", "A", "B", "C", "D", "E"):
        assert targets.count(name) == 1
    assert "Not" not in targets and "Ingrid Sørensen" not in targets  # code; a plain name in the body


def test_frontmatter_talks_come_first() -> None:
    note = event('talks:\n  - speaker: "[[Z]]"\n', "## Talks\n\n- [[A]] — Engines\n")
    assert [t[0] for t in talks(note)] == [["Z"], ["A"]]


def test_only_typed_notes_of_a_kind_with_talks_read_the_section() -> None:
    plain = parse_note("Notes/n.md", b"## Talks\n\n- [[A]] - B\n- no speaker here\n")
    assert plain.fields == {} and diags(plain) == []
    person = parse_note("People/P.md", b"## Talks\n\n- no speaker here\n")
    assert diags(person) == []


def test_parse_line() -> None:
    aliased = parse_line("[[Ada|Countess]] — Engines", 3)
    assert aliased is not None and (aliased.speakers[0].target, aliased.speakers[0].alias, aliased.title) == (
        "Ada", "Countess", "Engines")
    assert parse_line("a sentence: with a colon but no speaker", 1) is None
    assert parse_line("", 1) is None
    alone = parse_line("[[Ada]]", 1)
    assert alone is not None and (alone.title, alone.note) == ("", "")
    assert parse_line("word " * 30 + "— Title", 1) is None  # a sentence, not a speaker's name
    quoted = parse_line('[[Ada]] — *Notes: on engines*: the first program', 1)
    assert quoted is not None and (quoted.title, quoted.note) == ("Notes: on engines", "the first program")


def test_item_lines() -> None:
    fm = "date: 2026-01-01\ntalks:\n- a: 1\n  b: 2\n\n- c\nnext: 3\n"
    assert item_lines(fm, 3) == [4, 7]
    assert item_lines("talks: [a, b]\nx: 1\n", 2) == []
    assert item_lines("x: 1\n", 99) == []


# --- never an exception --------------------------------------------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                     st.dates())
_values: Any = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_any_loaded_value_gives_talks_or_diagnostics(value: Any) -> None:
    found: list[Any] = []
    read = from_frontmatter(value, "talks", 3, [], "Events/E.md", found)
    assert all(isinstance(t, Talk) for t in read)
    assert all(d.code == "talk-entry" and d.line == 3 for d in found)


@settings(max_examples=200, deadline=None)
@given(_values)
def test_any_talks_yaml_parses(value: Any) -> None:
    try:
        dumped = yaml.safe_dump({"talks": value}, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        return
    note = event(dumped)
    assert isinstance(note.fields.get("talks", ()), tuple)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]|—–-: \"*_ab\n#")), max_size=40))
def test_any_section_line_parses(text: str) -> None:
    note = event("", f"## Talks\n\n- {text}\n  - {text}\n")
    assert isinstance(note.fields.get("talks", ()), tuple)


# --- a person's own text -------------------------------------------------------------------------

def person(body: str, front: str = "company: X\n") -> str:
    return parse_note("People/P.md", f"---\n{front}---\n{body}".encode()).about


def test_the_last_paragraph_of_prose() -> None:
    body = ("# P\n\nFirst paragraph.\n\nSecond paragraph,\nwrapped over lines.\n\n## Interactions\n\n"
            "- 2026-01-01 coffee\n\n| a | b |\n|---|---|\n\n> a quote\n\n```\ncode paragraph\n```\n\n"
            "<!-- a comment\nover lines -->\n\n#tag #other\n\nfield:: value\n")
    assert person(body) == "Second paragraph, wrapped over lines."


def test_a_notes_section_wins_and_reads_its_items() -> None:
    body = ("# P\n\nIntro.\n\n## Notes\n\n- likes climbing\n- moving to Lisbon\n\nAsks good questions.\n\n"
            "### Sub\n\nstill notes\n\n## Interactions\n\n- 2026-01-01 x\n\nLast words.\n")
    assert person(body) == "likes climbing; moving to Lisbon; Asks good questions. still notes"


def test_an_empty_notes_section_falls_back_to_the_last_paragraph() -> None:
    assert person("Intro.\n\n## Notes\n\n<!-- later -->\n") == "Intro."


def test_never_frontmatter_and_never_a_region() -> None:
    unclosed = parse_note("People/P.md", b"---\ncompany: X\nrole: secret\n\nReal text.\n")
    assert unclosed.about == "Real text."
    region = ("Mine.\n\n<!-- vaultkit:begin query person where company = \"X\" -->\nGenerated text.\n"
              "<!-- vaultkit:end query -->\n")
    assert person(region) == "Mine."
    assert person("") == "" and person("# Only a title\n") == ""


def test_own_text_is_cut_at_a_word() -> None:
    text = person("word " * 200)
    assert len(text) <= 320 and text.endswith("…") and " wor…" not in text


def test_person_and_event_notes_keep_their_text() -> None:
    """A person's for prep notes; an event's prose for its next event's prep ("Last time"),
    without its list items, which an event keeps anyway."""
    assert parse_note("Events/E.md", b"---\ndate: 2026-01-01\n---\nProse.\n").about == "Prose."
    event = b"---\ndate: 2026-01-01\n---\nIntro.\n\n## Notes\n\nMet Ada.\n\n- an item\n"
    assert parse_note("Events/E.md", event).about == "Met Ada."
    assert parse_note("Notes/n.md", b"Prose.\n").about == ""
