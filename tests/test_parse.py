"""Frontmatter and note parsing: every hostile input is one diagnostic, never an exception.

Each case writes a real note into a temporary vault, loads it with `load_vault` and
checks the note's diagnostics exactly: (code, line) pairs, nothing more.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from tests.conftest import write_vault
from vaultkit import Note, Severity, load_vault
from vaultkit.reader.config import Config
from vaultkit.reader.parse import parse_note
from vaultkit.reader.yamlfront import load, split


def load_one(tmp_path: Path, rel: str, content: str | bytes) -> Note:
    """Write one note into a fresh vault and load it."""
    vault = load_vault(write_vault(tmp_path / "v", {rel: content}))
    return vault.notes[rel]


def codes(note: Note) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in note.diagnostics]


# --- frontmatter: syntax and shape ---------------------------------------------------


@pytest.mark.parametrize(("fm", "line"), [
    ("company: Acme\nrole: a: b\n", 3),             # `: ` inside an unquoted value
    ("company: Acme\n  role: x\nnext: y\n", 3),    # bad indentation
    ('company: "unclosed\nrole: x\n', 4),          # unclosed quote (reported where it ends)
    ("topics: [a, b\nrole: x\n", 3),               # unclosed flow list: where `]` was due
])
def test_yaml_syntax_error_is_one_diagnostic_with_its_line(tmp_path: Path, fm: str, line: int) -> None:
    note = load_one(tmp_path, "People/Ada.md", f"---\n{fm}---\n# Ada\n[[Somewhere]]\n")
    assert codes(note) == [("yaml-syntax", line)]
    assert note.diagnostics[0].severity is Severity.ERROR
    assert note.kind == "person"  # from the folder: the note is still indexed
    assert [link.target for link in note.links] == ["Somewhere"]


def test_yaml_syntax_error_with_unquoted_link_hints_quoting(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\nrelated: [[Ada]], [[Bob]]\n---\n")
    assert codes(note) == [("yaml-syntax", 2)]
    assert '"[[' in note.diagnostics[0].hint


@pytest.mark.parametrize("fm", ["- a\n- b\n", "just a sentence\n", "42\n", "[a, b]\n"])
def test_frontmatter_that_is_not_a_mapping(tmp_path: Path, fm: str) -> None:
    note = load_one(tmp_path, "People/Ada.md", f"---\n{fm}---\nbody [[X]]\n")
    assert codes(note) == [("frontmatter-not-mapping", 1)]
    assert note.kind == "person" and note.fields == {} and note.extra == {}
    assert [link.target for link in note.links] == ["X"]


@pytest.mark.parametrize("fm", ["", "\n", "# only a comment\n", "   \n\n"])
def test_empty_frontmatter_is_fine(tmp_path: Path, fm: str) -> None:
    note = load_one(tmp_path, "a.md", f"---\n{fm}---\n# A\n")
    assert codes(note) == []
    assert [h.text for h in note.headings] == ["A"]


def test_unclosed_frontmatter_is_read_as_text_with_a_warning(tmp_path: Path) -> None:
    note = load_one(tmp_path, "People/Ada.md", "---\ntype: event\ncompany: Acme\n\n# Ada\n[[Bob]]\n")
    assert codes(note) == [("frontmatter-unclosed", 1)]
    assert note.diagnostics[0].severity is Severity.WARNING
    assert note.kind == "person"  # `type: event` was not read
    assert note.fields == {}
    assert [(link.target, link.line) for link in note.links] == [("Bob", 6)]


def test_frontmatter_must_open_on_the_first_line(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "\n---\ntype: person\n---\n")
    assert note.kind is None and codes(note) == []
    assert split("----\na: 1\n---\n")[0] is None  # four dashes do not open frontmatter


def test_closing_line_may_have_trailing_spaces_and_body_line_is_counted(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntitle: T\nx: 1\n---  \n\n[[L]]\n")
    assert note.title == "T" and note.body_line == 5
    assert [link.line for link in note.links] == [6]


# --- encodings and bytes -------------------------------------------------------------


def test_bom_is_an_info_and_frontmatter_is_still_read(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", b"\xef\xbb\xbf---\ntype: person\ncompany: Acme\n---\n# Ada\n")
    assert codes(note) == [("bom", 1)]
    assert note.diagnostics[0].severity is Severity.INFO
    assert note.kind == "person" and note.fields["company"] == "Acme"


def test_crlf_is_an_info_and_lines_are_counted_right(tmp_path: Path) -> None:
    data = b"---\r\ntype: person\r\ncompany: Acme\r\n---\r\n# Ada\r\n\r\n- 2026-01-02 met [[Bob]]\r\n"
    note = load_one(tmp_path, "a.md", data)
    assert codes(note) == [("crlf", None)]
    assert note.diagnostics[0].severity is Severity.INFO
    assert note.fields["company"] == "Acme"  # no stray "\r"
    assert note.headings[0].text == "Ada" and note.headings[0].line == 5
    assert [(link.target, link.line) for link in note.links] == [("Bob", 7)]
    assert note.items[0].date == dt.date(2026, 1, 2)
    said = note.diagnostics[0]
    assert "CRLF" in said.message and "never rewrites" not in said.hint  # a note of query regions is written
    assert "query regions" in said.hint and "keeps" in said.hint


@pytest.mark.parametrize(("data", "ending"), [(b"# A\r\rtext\r", "CR line endings"),
                                             (b"# A\r\ntext\rmore\n", "mixed (CRLF, CR, LF) line endings")])
def test_a_cr_or_mixed_note_is_said_to_be_so(tmp_path: Path, data: bytes, ending: str) -> None:
    note = load_one(tmp_path, "a.md", data)
    assert codes(note) == [("crlf", None)]
    assert f"uses {ending}" in note.diagnostics[0].message, note.diagnostics[0]


def test_bare_cr_line_endings(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", b"---\rtype: person\r---\r[[Bob]]\r")
    assert note.kind == "person" and [link.line for link in note.links] == [4]


def test_non_utf8_bytes_are_an_error_at_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    data = b"---\ntype: person\ncompany: Acme\n---\nfine\nbad \xff\xfe here [[Bob]]\n"
    note = load_one(tmp_path, "a.md", data)
    assert codes(note) == [("not-utf8", 6)]
    assert note.kind == "person" and note.fields["company"] == "Acme"
    assert [link.target for link in note.links] == ["Bob"]


def test_latin1_note_in_frontmatter(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: person\ncompany: Café\n---\n".encode("latin-1"))
    assert codes(note) == [("not-utf8", 3)]
    assert note.fields["company"] == "Caf\ufffd"


def test_nul_bytes_make_a_file_not_text(tmp_path: Path) -> None:
    note = load_one(tmp_path, "People/a.md", b"---\ntype: person\n---\nx\n\x00\x01binary")
    assert codes(note) == [("not-text", 5)]
    assert note.kind is None and note.links == ()


# --- keys and values -----------------------------------------------------------------


def test_keys_that_are_not_text(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\n1: a\n[a, b]: c\nnull: x\ntrue: y\n2026-01-01: z\nok: 1\n---\n")
    assert codes(note) == [("yaml-key-not-text", n) for n in (2, 3, 4, 5, 6)]
    assert note.extra == {"ok": 1}


def test_duplicate_key_keeps_the_first_and_points_at_the_second(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: person\ncompany: A\nrole: r\ncompany: B\n---\n")
    assert codes(note) == [("yaml-duplicate-key", 5)]
    assert note.fields["company"] == "A"


def test_impossible_date(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: event\ndate: 2026-02-30\n---\n")
    assert codes(note) == [("field-type", 3)]
    wanted = "a real calendar date as YYYY-MM-DD: February 2026 has no day 30 (it has 28 days)"
    assert wanted in note.diagnostics[0].message
    assert "date" not in note.fields


@pytest.mark.parametrize("value", ["2026-13-01", "2026-00-10", "0000-01-01", '"2026-02-30"', "2026-02-29"])
def test_other_impossible_dates(tmp_path: Path, value: str) -> None:
    note = load_one(tmp_path, "a.md", f"---\ntype: event\ndate: {value}\n---\n")
    assert codes(note) == [("field-type", 3)]


def test_impossible_date_in_an_unknown_key_is_kept_as_text(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\nwhen: 2026-02-30\n---\n")
    assert codes(note) == [] and note.extra["when"] == "2026-02-30"


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-01T23:30:00-05:00", dt.date(2026, 3, 1)),   # UTC would be March 2nd
    ("2026-03-01T01:30:00+09:00", dt.date(2026, 3, 1)),   # UTC would be February 28th
    ("2026-03-01 00:15:00 +14:00", dt.date(2026, 3, 1)),
    ("2026-03-01T23:59:59Z", dt.date(2026, 3, 1)),
    ("2026-03-01T10:00", dt.date(2026, 3, 1)),
    ('"2026-03-01T10:00"', dt.date(2026, 3, 1)),
    ("2026-03-01", dt.date(2026, 3, 1)),
])
def test_datetimes_with_zones_never_shift_the_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   value: str, expected: dt.date) -> None:
    for zone in ("Pacific/Kiritimati", "America/Adak"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        note = load_one(tmp_path / zone.replace("/", "_"), "a.md",
                        f"---\ntype: event\ndate: {value}\nstarted: {value}\n---\n")
        assert codes(note) == []
        assert note.fields["date"] == expected
        started = note.extra["started"]
        assert (started.date() if isinstance(started, dt.datetime) else dt.date.fromisoformat(str(started)[:10])) \
            == expected
    monkeypatch.delenv("TZ")
    time.tzset()


def test_huge_numbers_are_kept_as_text_or_diagnosed(tmp_path: Path) -> None:
    digits = "9" * 5000
    note = load_one(tmp_path, "a.md",
                    f"---\ntype: event\ndate: 2026-01-01\ngoal_new_people: {digits}\nbig: -{digits}\n"
                    f"hex: 0x{'f' * 5000}\nfloat: 1.0e+99999\nsexagesimal: {'1:' * 30}1\n---\n")
    assert codes(note) == [("field-type", 4)]
    assert "whole number" in note.diagnostics[0].message
    assert note.extra["big"] == "-" + digits
    assert note.extra["hex"] == "0x" + "f" * 5000
    assert note.extra["float"] == float("inf")


def test_goal_out_of_range(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: event\ndate: 2026-01-01\ngoal_new_people: 10000000000\n---\n")
    assert codes(note) == [("field-type", 4)]


@pytest.mark.parametrize("fm", [
    "deep: " + "[" * 40 + "]" * 40 + "\n",
    "deep: " + "{a: " * 40 + "1" + "}" * 40 + "\n",
    "deep:\n" + "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "v\n",
    "deep:\n" + "".join("  " * i + "-\n" for i in range(40)),
    "deep: " + "- " * 40 + "x\n",
    "deep: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep: " + "[" * 900 + "]" * 900 + "\n",
])
def test_deep_nesting_is_refused(tmp_path: Path, fm: str) -> None:
    note = load_one(tmp_path, "a.md", f"---\ntype: person\n{fm}---\nbody [[X]]\n")
    assert len(note.diagnostics) == 1
    assert note.diagnostics[0].code in ("yaml-too-complex", "yaml-syntax", "yaml-value")
    assert note.diagnostics[0].severity is Severity.ERROR
    assert "deep" not in note.extra
    assert [link.target for link in note.links] == ["X"]


def test_moderate_nesting_is_fine(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\nx: " + "[" * 10 + "1" + "]" * 10 + "\n---\n")
    assert codes(note) == []


BILLION_LAUGHS = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
# Laughs
"""


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    note = load_one(tmp_path, "a.md", BILLION_LAUGHS)
    assert time.perf_counter() - start < 2
    assert codes(note) == [("yaml-too-complex", 1)]
    assert "alias" in note.diagnostics[0].message
    assert note.extra == {}


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\nbase: &b [x, y]\ncopy: *b\n---\n")
    assert codes(note) == [] and note.extra["copy"] == ["x", "y"]


def test_recursive_alias(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\na: &a [*a]\nb: 1\n---\n")
    assert codes(note) == [("yaml-value", 2)]
    assert note.extra == {"b": 1}


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/object:collections.OrderedDict {{}}",
    "!!python/module:os",
])
def test_python_tags_are_refused(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    note = load_one(tmp_path, "a.md", f"---\nok: 1\nevil: {tag.format(marker=marker)}\n---\n")
    assert codes(note) == [("yaml-value", 3)]
    assert not marker.exists()
    assert note.extra == {"ok": 1}


def test_unknown_local_tag_is_refused(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\nx: !custom 1\n---\n")
    assert codes(note) == [("yaml-value", 2)]


# --- fields and kinds ----------------------------------------------------------------


def test_unquoted_link_in_a_link_field_is_accepted_with_a_warning(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: person\nintroduced_by: [[Ada Lovelace]]\n---\n")
    assert codes(note) == [("unquoted-link", 3)]
    diag = note.diagnostics[0]
    assert diag.severity is Severity.WARNING
    assert 'introduced_by: "[[Ada Lovelace]]"' in diag.hint
    assert note.fields["introduced_by"].target == "Ada Lovelace"
    assert [(link.target, link.field) for link in note.links] == [("Ada Lovelace", "introduced_by")]


def test_unquoted_links_in_a_block_list(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: event\ndate: 2026-01-01\nmet:\n  - [[Ada]]\n  - \"[[Bob]]\"\n"
                                       "  - [[Cy|C]]\n---\n")
    assert codes(note) == [("unquoted-link", 4)]
    assert [(link.target, link.alias) for link in note.fields["met"]] == [("Ada", None), ("Bob", None), ("Cy", "C")]


def test_unquoted_link_in_an_unknown_key(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\nmentor: [[Grace Hopper]]\n---\n")
    assert codes(note) == [("unquoted-link", 2)]
    assert [(link.target, link.field) for link in note.links] == [("Grace Hopper", "mentor")]


def test_no_for_a_text_field_warns_and_keeps_the_text(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: person\ncompany: no\nrole: 1.10\n---\n")
    assert codes(note) == [("field-type", 3), ("field-type", 4)]
    assert all(d.severity is Severity.WARNING for d in note.diagnostics)
    assert '"no"' in note.diagnostics[0].message
    assert note.fields["company"] == "no"
    assert note.fields["role"] == "1.10"  # as written, not the float 1.1


def test_a_list_where_a_date_belongs(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: event\ndate: [2026-01-01, 2026-01-02]\n---\n")
    assert codes(note) == [("field-type", 3)]
    assert "date" in note.diagnostics[0].message
    assert "date" not in note.fields


def test_unknown_stage_is_a_warning_listing_the_stages_and_is_kept(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: interview\ncompany: X\ndate: 2026-01-01\nstage: maybe\n---\n")
    assert codes(note) == [("enum-value", 5)]
    assert note.diagnostics[0].severity is Severity.WARNING
    assert "screening" in note.diagnostics[0].message and '"+maybe"' in note.diagnostics[0].hint
    assert note.fields["stage"] == "maybe"


def test_enum_values_are_case_insensitive(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: Interview\ncompany: X\ndate: 2026-01-01\nstage: Offer\n---\n")
    assert codes(note) == [] and note.kind == "interview" and note.fields["stage"] == "offer"


@pytest.mark.parametrize("value", ["robot", "[person]", "42", "project", "people"])
def test_a_type_of_the_users_own_is_a_plain_note_silently(tmp_path: Path, value: str) -> None:
    """SPEC §2: a `type:` value the user owns that names no kind makes a plain note, silently."""
    note = load_one(tmp_path, "People/x.md", f"---\ntype: {value}\n---\n[[Y]]\n")
    assert codes(note) == []
    assert note.kind is None  # an explicit type of the user's is not overridden by the folder
    assert [link.target for link in note.links] == ["Y"]


@pytest.mark.parametrize(("value", "meant"), [("persn", "person"), ("Events", "event"), ("challenges", "challenge")])
def test_a_type_one_typo_from_a_kind_gets_an_info_hint(tmp_path: Path, value: str, meant: str) -> None:
    note = load_one(tmp_path, "x.md", f"---\ntitle: X\ntype: {value}\n---\n")
    assert codes(note) == [("unknown-kind", 3)]
    assert note.diagnostics[0].severity is Severity.INFO and f"did you mean {meant}?" in note.diagnostics[0].message
    assert note.kind is None  # a hint, never a guess


@pytest.mark.parametrize(("kind", "fm", "missing"), [
    ("brag", "date: 2026-01-01", "impact"),
    ("brag", "impact: faster CI", "date"),
    ("event", "kind: meetup", "date"),
    ("challenge", "status: open", "date"),
    ("interview", "date: 2026-01-01", "company"),
    ("share", "kind: post", "date"),
])
def test_missing_required_field(tmp_path: Path, kind: str, fm: str, missing: str) -> None:
    note = load_one(tmp_path, "a.md", f"---\ntype: {kind}\n{fm}\n---\n")
    assert codes(note) == [("missing-field", 1)]
    assert f"`{missing}`" in note.diagnostics[0].message


def test_required_field_with_a_bad_value_is_not_also_missing(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: event\ndate: someday\n---\n")
    assert codes(note) == [("field-type", 3)]


def test_empty_required_field_is_missing(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: event\ndate:\n---\n")
    assert codes(note) == [("missing-field", 1)]


def test_kind_from_folder_and_config(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "vaultkit.toml": '[folders]\n"Network/Contacts" = "person"\n',
        "People/A.md": "",
        "Network/Contacts/B.md": "",
        "Network/C.md": "",
        "people/D.md": "",
    }))
    kinds = {p: n.kind for p, n in vault.notes.items()}
    assert kinds == {"People/A.md": "person", "Network/Contacts/B.md": "person", "Network/C.md": None,
                     "people/D.md": "person"}


def test_common_fields(tmp_path: Path) -> None:
    note = load_one(tmp_path, "Folder/File name.md",
                    "---\ntitle: Shown Title\naliases: [One, Two]\ntags: [a, \"#b\", c]\n---\nText #d #a\n")
    assert codes(note) == []
    assert note.title == "Shown Title" and note.stem == "File name"
    assert note.aliases == ("One", "Two")
    assert note.tags == ("a", "b", "c", "d")


def test_tags_as_one_string_of_several_are_no_tags_as_in_obsidian(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntags: \"a, #b c\"\n---\nText #d #a\n")
    assert codes(note) == [("tags-string", 2)]
    assert note.diagnostics[0].hint == "write the tags as a list: tags: [a, b, c]"
    assert note.tags == ("d", "a")  # the body's tags still count


def test_wrong_types_for_common_fields(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntitle: [x]\naliases: {a: 1}\ntags: [[x]]\n---\n")
    assert [code for code, _ in codes(note)] == ["field-type"] * 3
    assert note.title == "a" and note.aliases == () and note.tags == ()


def test_fields_are_typed(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", """---
type: person
company: Acme
met_at: "[[PEB Meetup]]"
met_on: 2026-01-22
topics: [retries, kafka]
cadence: 6W
communities: ["[[PEB]]", "[[Postgres Berlin]]"]
last_contact: "2026-03-04"
---
""")
    assert codes(note) == []
    f = note.fields
    assert f["company"] == "Acme" and f["met_on"] == dt.date(2026, 1, 22) and f["topics"] == ("retries", "kafka")
    assert f["cadence"] == "6w" and f["last_contact"] == dt.date(2026, 3, 4)
    assert f["met_at"].target == "PEB Meetup" and not f["met_at"].bare
    assert [link.target for link in f["communities"]] == ["PEB", "Postgres Berlin"]


def test_plain_name_in_a_link_field_is_a_bare_link(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: person\nmet_at: work\n---\n")
    assert codes(note) == [] and note.fields["met_at"].bare


# --- conflict markers ----------------------------------------------------------------


def test_conflict_markers_in_the_body(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "---\ntype: person\n---\n# A\n<<<<<<< HEAD\nmine\n=======\ntheirs\n"
                                       ">>>>>>> branch\n")
    assert codes(note) == [("conflict-markers", 5)]
    assert note.kind == "person"


def test_conflict_markers_in_the_frontmatter_are_one_diagnostic(tmp_path: Path) -> None:
    note = load_one(tmp_path, "People/a.md", "---\ntype: person\n<<<<<<< HEAD\ncompany: A\n=======\ncompany: B\n"
                                              ">>>>>>> theirs\n---\n[[X]]\n")
    assert codes(note) == [("conflict-markers", 3)]
    assert note.kind == "person" and note.fields == {}
    assert [link.target for link in note.links] == ["X"]


def test_lone_marker_lookalikes_are_not_conflicts(tmp_path: Path) -> None:
    note = load_one(tmp_path, "a.md", "<<<<<<< not a conflict without a separator\n")
    assert codes(note) == []


# --- never raises --------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"", b"---", b"---\n", b"---\n---", b"\xef\xbb\xbf", b"\r\n\r\n", b"---\n:\n---\n", b"---\n? \n---\n",
    b"---\n&a\n---\n", b"---\n*a\n---\n", b"---\n!!binary x\n---\n", b"---\na: !!binary aGVsbG8=\n---\n",
    b"---\na: !!timestamp nope\n---\n", b"---\na: !!int x\n---\n", b"---\na: !!float x\n---\n",
    b"---\nx: \x07\n---\n", b"---\n\t- a\n---\n", b"---\n%YAML 1.1\n---\n", b"---\na: 1\n...\n---\n",
    b"---\n<<: {type: person}\n---\n", b"---\na: !!set {a, b}\n---\n", b"---\na: !!omap [a: 1]\n---\n",
])
def test_parse_note_never_raises(data: bytes) -> None:
    note = parse_note("x/y.md", data, Config())
    assert note.path == "x/y.md" and note.title == "y"


def test_yaml_load_returns_line_per_key_and_literals() -> None:
    fm = load("a: 1\nb: no\nc:\n  - x\n", "n.md", first_line=2)
    assert fm.data == {"a": 1, "b": False, "c": ["x"]}
    assert fm.lines == {"a": 2, "b": 3, "c": 4}
    assert fm.literals == {"a": "1", "b": "no"}


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "v" / "a.md"
    data = b"\xef\xbb\xbf---\r\ntype: person\r\ncompany: no\r\n---\r\n\xff [[x]]\r\n"
    write_vault(tmp_path / "v", {"a.md": data})
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    load_vault(tmp_path / "v")
    assert path.read_bytes() == data and path.stat().st_mtime_ns == 1_000_000_000


@pytest.mark.parametrize(("frontmatter", "hint"), [
    # a link quoted right above the line YAML stumbles on is no reason to talk about links
    ('categories: "[[People]]"\norg: Les Misérables: Inc\n', 'quote it, org: "Les Misérables: Inc"'),
    ('title: a: b "c"\n', 'quote it, title: "a: b \\"c\\""'),
    ("related:\n  - [[Ada]]\n  - x: y: z\n", 'quote links in frontmatter: related: "[[Ada Lovelace]]"'),
    ("x: [unclosed\n", "check the YAML between the `---` lines"),
])
def test_a_yaml_error_hint_says_what_to_quote(frontmatter: str, hint: str) -> None:
    note = parse_note("a.md", f"---\n{frontmatter}---\nbody\n".encode())
    [diag] = [d for d in note.diagnostics if d.code == "yaml-syntax"]
    assert hint in diag.hint


@pytest.mark.parametrize(("frontmatter", "tags", "aliases"), [
    ("tag: team\n", (), ()),                  # Obsidian 1.9 reads no tag from `tag:`
    ("alias: Gracie\n", (), ("Gracie",)),     # still read here, but said
])
def test_a_singular_property_is_said_to_be_renamed(frontmatter: str, tags: tuple[str, ...],
                                                   aliases: tuple[str, ...]) -> None:
    note = parse_note("a.md", f"---\n{frontmatter}---\n".encode())
    assert note.tags == tags and note.aliases == aliases
    [diag] = note.diagnostics
    assert (diag.code, diag.line, diag.severity.value) == ("property-renamed", 2, "warning")
    assert "rename the property to" in diag.hint
    # Both spellings: the plural is read, the other is the user's own property.
    both = parse_note("a.md", b"---\ntags: [a]\ntag: b\n---\n")
    assert both.tags == ("a",) and not both.diagnostics


def test_short_field_texts_are_one_string_across_notes_and_in_a_chunk_of_the_cache() -> None:
    """A role, a company, a topic: the same few values in thousands of notes are one string each,
    so a chunk of the notes cache pickles each once and its reader holds one, not one a note."""
    from vaultkit.disk import cache

    # Each written its own way: the YAML reader shares what equal lines read as, not equal values.
    texts = ["role: Staff Engineer\ncompany: Acme Systems\ntopics: [rust, sre]",
             "role: 'Staff Engineer'\ncompany: 'Acme Systems'\ntopics: ['rust', 'sre']",
             'role:  "Staff Engineer"\ncompany:  "Acme Systems"\ntopics:\n  - rust\n  - sre']
    notes = [parse_note(f"People/P{n}.md", f"---\ntype: person\n{text}\n---\n".encode(), Config())
             for n, text in enumerate(texts)]
    long_value = "a sentence long enough that nobody writes it twice in a whole vault of notes"
    notes.append(parse_note("People/Q.md", f"---\ntype: person\nrole: {long_value}\n---\n".encode(), Config()))
    blob = cache.chunk([(n.path, 1, 1, n) for n in notes], lambda _: False)
    for made in (notes, [e[3] for e in cache.unpack_chunk(blob[cache.LEN_SIZE:])]):
        assert [n.fields["role"] for n in made] == ["Staff Engineer"] * 3 + [long_value]
        assert len({id(n.fields["role"]) for n in made[:3]}) == 1
        assert len({id(n.fields["company"]) for n in made[:3]}) == 1
        assert len({id(t) for n in made[:3] for t in n.fields["topics"]}) == 2
