"""Kind rules and field mapping (`vaultkit.kinds.rules`, `[kinds.NAME]` in vaultkit.toml): globs,
precedence, ties, value matching, config errors and mapped fields with their checks."""

from __future__ import annotations

import datetime as dt
import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import write_vault
from vaultkit import load_vault
from vaultkit.kinds.rules import Kinds, glob_regex, value_keys
from vaultkit.reader.config import Config, parse_config
from vaultkit.reader.parse import parse_note


def config(toml: str) -> Config:
    cfg, diags = parse_config(toml)
    assert diags == [], diags
    return cfg


def kind_of(cfg: Config, path: str, text: str = "") -> str | None:
    return parse_note(path, text.encode("utf-8"), cfg).kind


@pytest.mark.parametrize("glob, yes, no", [
    ("**/People/", ["People", "a/People", "a/b/people", "Ü/People"], ["Peoples", "People2", "a/xPeople"]),
    ("People/", ["People", "people"], ["a/People"]),
    ("People", ["People"], ["a/People"]),
    ("Work/**", ["Work", "Work/a", "Work/a/b"], ["Worky", "a/Work"]),
    ("**/Clients/*/", ["Clients/acme", "x/Clients/b"], ["Clients", "Clients/a/b"]),
    ("Pe?ple/", ["People", "Pexple"], ["Peple"]),
    ("[PQ]eople/", ["People", "Qeople"], ["Reople"]),
    ("[!P]eople/", ["Qeople"], ["People"]),
    ("a/**/b/", ["a/b", "a/x/b", "a/x/y/b"], ["b", "a/bb"]),
    ("Notes (old)/", ["Notes (old)"], ["Notes old"]),
])
def test_folder_globs_name_folders_from_the_vault_root(glob: str, yes: list[str], no: list[str]) -> None:
    from vaultkit.reader.links import name_key

    rx = glob_regex(glob)
    assert all(rx.fullmatch(name_key(f)) for f in yes), glob
    assert not any(rx.fullmatch(name_key(f)) for f in no), glob


@pytest.mark.parametrize("glob", ["", "/", "a/../b", "..", "a//b", "[abc/", "a**b/", "./People"])
def test_a_glob_that_names_no_folder_is_refused(glob: str) -> None:
    with pytest.raises(ValueError):
        glob_regex(glob)


@pytest.mark.parametrize("toml, key, says", [
    ('[kinds."My Talks"]\nmatch = { folder = "**/Talks/" }\n', "kinds.My Talks", "kinds.my_talks"),
    ('[kinds.person]\nmatch = { folder = "[abc" }\n', "kinds.person.match.folder", "bad folder glob"),
    ('[kinds.person]\nmatch = { folder = 3 }\n', "kinds.person.match.folder", "expected text"),
    ('[kinds.person]\nmatch = { where = "x" }\n', "kinds.person.match.where", "folder, tag, property"),
    ('[kinds.person]\nmatch = { tag = "two words" }\n', "kinds.person.match.tag", "not a tag"),
    ('[kinds.person]\nmatch = { property = { up = 1 } }\n', "kinds.person.match.property.up", "expected text"),
    ('[kinds.person]\nmatch = { property = "up" }\n', "kinds.person.match.property", "property = value"),
    ('[kinds.person]\nmatch = "People"\n', "kinds.person.match", "expected a table"),
    ('[kinds.person]\nmatches = {}\n', "kinds.person.matches", "match, folder, template, fields"),
    ('[kinds.person.fields]\nemployer = { from = "org" }\n', "kinds.person.fields.employer", "company, role"),
    ('[kinds.person.fields]\ncompany = "org"\n', "kinds.person.fields.company", 'from = "NAME"'),
    ('[kinds.person.fields]\ncompany = { from = "role" }\n', "kinds.person.fields.company.from", "of its own"),
    ('[kinds.person.fields]\ncompany = { from = "org" }\nrole = { from = "org" }\n', "kinds.person.fields",
     "two fields"),
    ("kinds = 3\n", "kinds", "expected dict"),
])
def test_a_kinds_config_error_names_the_key(toml: str, key: str, says: str) -> None:
    cfg, diags = parse_config(toml)
    assert diags, toml
    assert any(d.message.startswith(f"{key}: ") and (says in d.message or says in d.hint) for d in diags), diags
    assert all(d.code == "config-invalid" and d.severity.value == "error" for d in diags)
    assert kind_of(cfg, "People/Ada.md") == "person"  # the rest still holds: defaults for what was wrong


def test_precedence_type_then_property_then_tag_then_folder() -> None:
    cfg = config('[kinds.person]\nmatch = { folder = "**/People/", tag = "person", property = { up = "[[P]]" } }\n'
                 '[kinds.event]\nmatch = { folder = "**/Events/", tag = "event", property = { cat = "meetup" } }\n')
    assert kind_of(cfg, "People/a.md", "---\ntype: event\n---\n") == "event"  # type names a kind
    assert kind_of(cfg, "People/a.md", "---\ncat: meetup\n---\n#person\n") == "event"  # property beats tag, folder
    assert kind_of(cfg, "Events/a.md", "#person\n") == "person"  # tag beats folder
    assert kind_of(cfg, "People/a.md", "---\ntype: book\n---\n#event\n") is None  # a user type: plain note
    # ...unless a property rule claims it
    assert kind_of(cfg, "People/a.md", "---\ntype: book\ncat: Meetup\n---\n") == "event"
    assert kind_of(cfg, "Events/People/a.md") == "person" and kind_of(cfg, "People/Events/a.md") == "event"


def test_a_property_rule_can_claim_the_users_own_type() -> None:
    cfg = config('[kinds.person]\nmatch = { property = { type = ["contact", "[[Person]]"] } }\n')
    note = parse_note("x.md", b"---\ntype: Contact\n---\n", cfg)
    assert note.kind == "person" and not [d for d in note.diagnostics if d.code == "unknown-kind"]
    assert kind_of(cfg, "x.md", '---\ntype: "[[person]]"\n---\n') == "person"
    assert kind_of(cfg, "People/x.md") is None  # `match` replaced the default folder rule


@pytest.mark.parametrize("value", ['"[[People]]"', '"[[people]]"', '"[[People|folks]]"', '"[[Lists/People]]"',
                                   '"[[People#Team]]"', "[[People]]", '["[[Other]]", "[[People]]"]', "People",
                                   '"[[People.md]]"', '"  [[People]] "'])
def test_a_link_value_matches_by_its_target(value: str) -> None:
    cfg = config('[kinds.person]\nmatch = { property = { categories = "[[People]]" } }\n')
    assert kind_of(cfg, "x.md", f"---\ncategories: {value}\n---\n") == "person", value


def test_numbers_dates_and_booleans_match_as_yaml_writes_them() -> None:
    cfg = config('[kinds.brag]\nmatch = { property = { win = "true", level = ["3", "2026-01-02"] } }\n')
    assert kind_of(cfg, "a.md", "---\nwin: yes\n---\n") == "brag"  # YAML 1.1: yes is true
    assert kind_of(cfg, "a.md", "---\nlevel: 3\n---\n") == "brag"
    assert kind_of(cfg, "a.md", "---\nlevel: 2026-01-02\n---\n") == "brag"
    assert kind_of(cfg, "a.md", "---\nwin: false\nlevel: 4\n---\n") is None


@pytest.mark.parametrize("value", ['"[[Peoples]]"', '"[[Other]]"', "[]", "3", "true", '{a: "[[People]]"}', "null",
                                   '"People/x"'])
def test_other_values_do_not_match(value: str) -> None:
    cfg = config('[kinds.person]\nmatch = { property = { categories = "[[People]]" } }\n')
    assert kind_of(cfg, "x.md", f"---\ncategories: {value}\n---\n") is None, value


def test_names_compare_across_unicode_normal_forms() -> None:
    nfd = unicodedata.normalize("NFD", "Événements")
    cfg = config('[kinds.event]\nmatch = { folder = "**/Événements/", tag = "réunion", '
                 'property = { "catégorie" = "[[Événements]]" } }\n')
    assert kind_of(cfg, f"x/{nfd}/a.md") == "event"
    assert kind_of(cfg, "a.md", f'---\ncatégorie: "[[{nfd}]]"\n---\n') == "event"
    assert kind_of(cfg, "a.md", unicodedata.normalize("NFD", "---\ntags: [Réunion]\n---\n")) == "event"


def test_tags_match_with_their_nested_tags_only() -> None:
    cfg = config('[kinds.person]\nmatch = { tag = "#person" }\n')
    assert kind_of(cfg, "a.md", "---\ntags: [Person/Friend]\n---\n") == "person"
    assert kind_of(cfg, "a.md", "#person\n") == "person"
    assert kind_of(cfg, "a.md", "#personal #people/person\n") is None


def test_two_kinds_at_one_level_take_the_first_by_name_and_warn() -> None:
    cfg = config('[kinds.person]\nmatch = { tag = "x" }\n[kinds.brag]\nmatch = { tag = "y" }\n'
                 '[kinds.event]\nmatch = { folder = "**/Meet*/" }\n[kinds.share]\nmatch = { folder = "**/*ups/" }\n')
    note = parse_note("a.md", b"#y #x\n", cfg)
    [warn] = [d for d in note.diagnostics if d.code == "kind-ambiguous"]
    assert note.kind == "brag" and "person (tag #x)" in warn.message and warn.severity.value == "warning"
    assert parse_note("a.md", b"#x #y\n", cfg).kind == "brag"  # never the order in the note
    note = parse_note("Meetups/a.md", b"", cfg)
    assert note.kind == "event" and "share (folder" in note.diagnostics[0].message


def test_a_rule_the_user_wrote_beats_a_default_at_the_same_depth() -> None:
    cfg = config('[folders]\n"People" = "event"\n')
    assert kind_of(cfg, "People/a.md") == "event" and kind_of(cfg, "x/People/a.md") == "person"
    assert not parse_note("People/a.md", b"---\ndate: 2026-01-01\n---\n", cfg).diagnostics


def test_the_old_folders_table_and_kinds_tables_work_together(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "vaultkit.toml": '[folders]\n"Network" = "person"\n[kinds.event]\nmatch = { folder = "**/Gigs/" }\n',
        "Network/a.md": "", "Gigs/b.md": "---\ndate: 2026-01-01\n---\n", "Events/c.md": "", "x/People/d.md": "",
    }))
    assert {p: n.kind for p, n in vault.notes.items()} == {
        "Network/a.md": "person", "Gigs/b.md": "event", "Events/c.md": None, "x/People/d.md": "person"}


def test_the_rules_survive_the_trip_to_a_worker_process() -> None:
    cfg = config('[kinds.person]\nmatch = { folder = "**/Contacts/", tag = "p" }\nfields.company = { from = "org" }\n')
    kind_of(cfg, "Contacts/a.md")  # the memo is filled: it must not travel
    again = pickle.loads(pickle.dumps(cfg))
    assert again == cfg and again.rules == cfg.rules
    note = parse_note("Contacts/a.md", b"---\norg: Acme\n---\n", again)
    assert note.kind == "person" and note.fields == {"company": "Acme"}


def test_the_answer_for_a_folder_is_remembered() -> None:
    rules = Kinds(config('[kinds.person]\nmatch = { folder = "**/A*/" }\n').kinds)
    for i in range(50):
        rules.detect(f"x/Abc/n{i}.md", {}, (), False)
    assert list(rules._by_folder) == ["x/Abc"]


@given(st.lists(st.sampled_from(["People", "Events", "x", "Brag", "Sharing"]), min_size=1, max_size=6))
def test_the_deepest_kind_folder_decides(folders: list[str]) -> None:
    path = "/".join(folders) + "/n.md"
    names = {"People": "person", "Events": "event", "Brag": "brag", "Sharing": "share"}
    deepest = next((names[f] for f in reversed(folders) if f in names), None)
    assert kind_of(Config(), path) == deepest


# --- field mapping ----------------------------------------------------------------------------

MAP = '[kinds.person.fields]\ncompany = { from = "org" }\nmet_on = { from = "created" }\n' \
      'introduced_by = { from = "referrer" }\n[kinds.event.fields]\ndate = { from = "when" }\n'


def test_a_mapped_field_is_converted_and_checked_as_its_vaultkit_name() -> None:
    cfg = config(MAP)
    note = parse_note("People/a.md", b"---\norg: Acme\ncreated: 2026-01-05\nreferrer: \"[[Bo]]\"\n---\n", cfg)
    assert note.fields == {"company": "Acme", "met_on": dt.date(2026, 1, 5), "introduced_by": note.links[0]}
    assert note.links[0].target == "Bo" and note.links[0].line == 4 and note.extra == {}
    bad = parse_note("People/a.md", b"---\ncreated: someday\norg: 7\n---\n", cfg)
    [date_diag] = [d for d in bad.diagnostics if "met_on" in d.message]
    assert "`met_on` (from `created`)" in date_diag.message and date_diag.line == 2
    assert "`created:`" in date_diag.hint and date_diag.severity.value == "error"
    [text_diag] = [d for d in bad.diagnostics if "company" in d.message]
    assert text_diag.line == 3 and '"7"' in text_diag.message  # YAML read 7 as a number: quote it
    assert bad.fields == {"company": "7"}


def test_a_note_with_both_names_keeps_the_vaultkit_one_and_says_so() -> None:
    note = parse_note("People/a.md", b"---\ncompany: Real\norg: Other\n---\n", config(MAP))
    assert note.fields == {"company": "Real"} and note.extra == {"org": "Other"}
    [info] = note.diagnostics
    assert info.code == "field-mapped-both" and info.severity.value == "info" and info.line == 3
    empty = parse_note("People/a.md", b"---\ncompany:\norg: Other\n---\n", config(MAP))
    assert empty.fields == {"company": "Other"}  # an empty `company:` says nothing


def test_a_missing_required_field_names_its_source_too() -> None:
    note = parse_note("Events/a.md", b"", config(MAP))
    [diag] = note.diagnostics
    assert diag.code == "missing-field" and "`when:`" in diag.hint
    assert parse_note("Events/a.md", b"---\nwhen: 2026-02-01\n---\n", config(MAP)).date == dt.date(2026, 2, 1)


def test_mapping_applies_to_its_kind_only() -> None:
    note = parse_note("Notes/a.md", b"---\norg: Acme\n---\n", config(MAP))
    assert note.kind is None and note.extra == {"org": "Acme"} and note.fields == {}


def test_a_mapped_link_counts_as_a_backlink(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "vaultkit.toml": MAP, "People/Ada.md": '---\nreferrer: "[[Bo]]"\n---\n', "People/Bo.md": "",
    }))
    assert [src for src, _ in vault.backlinks["People/Bo.md"]] == ["People/Ada.md"]
    [ada] = [p for p in vault.people if p.note.title == "Ada"]
    assert ada.introduced_by is not None


@pytest.mark.parametrize("value", ['"[[People]]"', "People", '["a", "b"]'])
def test_value_keys_are_casefolded(value: str) -> None:
    import yaml

    keys = value_keys(yaml.safe_load(f"k: {value}")["k"])
    assert keys and all(k == k.casefold() for k in keys)
