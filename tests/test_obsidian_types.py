"""`.obsidian/types.json` from the schema (issue 12, point 5): `build` adds the property types
of vaultkit's fields that the file lacks, only in a vault Obsidian opens, atomically; a type
the user set is never changed or removed, and `check` says where it disagrees; a broken file
is diagnosed and left byte for byte.

The file's shape is the one Obsidian writes (`{"types": {"aliases": "aliases", …}}`, two-space
JSON, no final newline), as found in real vaults' `.obsidian/types.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, copy_vault, snapshot
from vaultkit.cli.main import cli
from vaultkit.disk.checkrun import run_check
from vaultkit.kinds.proptypes import (
    COMMON_TYPES,
    OBSIDIAN_TYPES,
    KindField,
    TypesFileError,
    conflicts,
    kind_fields,
    merged_text,
    wanted_types,
)
from vaultkit.reader.config import Config

OBSIDIANS_OWN = '{\n  "types": {\n    "aliases": "aliases",\n    "cssclasses": "multitext",\n    "tags": "tags"\n  }\n}'
WANTED = wanted_types(kind_fields(Config()))


def test_every_field_gets_the_obsidian_type_that_edits_it() -> None:
    types = WANTED.types
    assert {k: types[k] for k in ("met_on", "last_contact", "date", "follow_up")} == dict.fromkeys(
        ("met_on", "last_contact", "date", "follow_up"), "date")
    assert types["topics"] == types["communities"] == types["met"] == types["metrics"] == "multitext"
    assert types["speaker"] == types["door_open"] == "checkbox" and types["goal_new_people"] == "number"
    assert types["introduced_by"] == types["company"] == types["kind"] == types["cadence"] == "text"
    assert types["aliases"] == "aliases" and types["tags"] == "tags"
    assert "rounds" not in types  # a list of mappings: no Obsidian type shows one (README)
    assert set(types.values()) <= set(OBSIDIAN_TYPES) and not WANTED.clashes


def test_two_kinds_typing_one_property_differently_add_no_type() -> None:
    rows = {"a": [KindField("a", "when", "when", "date", "date")],
            "b": [KindField("b", "when", "when", "text", "text")]}
    wanted = wanted_types(rows)
    assert "when" not in wanted.types and [f.kind for f in wanted.clashes["when"]] == ["a", "b"]


def test_merge_adds_only_what_is_missing_in_obsidians_own_format() -> None:
    text = merged_text(OBSIDIANS_OWN, {"aliases": "aliases", "tags": "tags", "met_on": "date", "company": "text"})
    assert text == ('{\n  "types": {\n    "aliases": "aliases",\n    "cssclasses": "multitext",\n    "tags": "tags",\n'
                    '    "company": "text",\n    "met_on": "date"\n  }\n}')
    assert merged_text(text, {"met_on": "date", "company": "text"}) is None  # nothing missing: no write


def test_merge_keeps_the_users_types_other_keys_and_line_endings() -> None:
    mine = ('{\r\n  "other": [1, 2],\r\n  "types": {\r\n    "Company": "multitext",\r\n'
            '    "Met_On": "text"\r\n  }\r\n}\r\n')
    text = merged_text(mine, {"company": "text", "met_on": "date", "role": "text"})
    assert text is not None and text.endswith("}\r\n") and "\n" not in text.replace("\r\n", "")
    data = json.loads(text)
    assert list(data) == ["other", "types"] and data["other"] == [1, 2]
    assert data["types"] == {"Company": "multitext", "Met_On": "text", "role": "text"}  # names compare without case
    assert merged_text("", {"tags": "tags"}) == '{\n  "types": {\n    "tags": "tags"\n  }\n}'  # an empty file


@pytest.mark.parametrize("broken", ['{"types": ', "[1, 2]", '{"types": ["date"]}', '"types"', "{" * 100000])
def test_a_broken_file_raises_with_where(broken: str) -> None:
    with pytest.raises(TypesFileError):
        merged_text(broken, {"tags": "tags"})


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(names, st.sampled_from(OBSIDIAN_TYPES), max_size=12))
def test_merge_never_changes_or_drops_a_users_type(users: dict[str, str]) -> None:
    before = json.dumps({"types": users}, indent=2, ensure_ascii=False)
    text = merged_text(before, WANTED.types)
    after = json.loads(text if text is not None else before)["types"]
    assert list(after)[:len(users)] == list(users) and all(after[k] == v for k, v in users.items())
    have = {k.casefold() for k in after}
    assert all(prop.casefold() in have for prop in WANTED.types)
    assert merged_text(text, WANTED.types) is None if text is not None else True


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(names, st.sampled_from(OBSIDIAN_TYPES), min_size=1, max_size=8),
       st.sampled_from([None, 1, 2, 4, "\t"]), st.sampled_from([(",", ":"), (", ", ": "), (",", " : ")]),
       st.booleans(), st.booleans())
def test_a_users_layout_keeps_every_byte(users: dict[str, str], indent: int | str | None,
                                         separators: tuple[str, str], crlf: bool, other_first: bool) -> None:
    """New types go in as one run after the last entry, laid out as the file's own entries."""
    data = {"other": {"types": {"x": [1]}}, "types": users} if other_first else {"types": users, "z": True}
    original = json.dumps(data, indent=indent, separators=separators, ensure_ascii=False)
    if crlf:
        original = original.replace("\n", "\r\n")
    text = merged_text(original, WANTED.types)
    if text is None:
        return
    at = next((i for i, (a, b) in enumerate(zip(original, text, strict=False)) if a != b), len(original))
    assert text[:at] + text[at + len(text) - len(original):] == original
    assert json.loads(text)["types"] == {**users, **json.loads(text)["types"]}
    if crlf:
        assert "\n" not in text.replace("\r\n", "")


def test_conflicts_name_the_field_and_accept_a_datetime_for_a_date() -> None:
    text = json.dumps({"types": {"met_on": "text", "last_contact": "datetime", "Speaker": "text", "mine": "date"}},
                      indent=2)
    found = {c.prop: c for c in conflicts(text, WANTED)}
    assert sorted(found) == ["Speaker", "met_on"]
    assert found["met_on"].ours == "date" and found["met_on"].theirs == "text" and found["met_on"].line == 3
    assert [f"{f.kind}.{f.name}" for f in found["Speaker"].fields] == ["event.speaker"]


def _obsidian_vault(tmp_path: Path, types: str | None = None) -> Path:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    (root / ".obsidian").mkdir()
    if types is not None:
        (root / ".obsidian" / "types.json").write_text(types, "utf-8", newline="")
    return root


def test_build_adds_the_missing_types_once_and_only_in_an_obsidian_vault(tmp_path: Path, example_copy: Path) -> None:
    root = _obsidian_vault(tmp_path, OBSIDIANS_OWN)
    runner = CliRunner()
    assert runner.invoke(cli, ["--vault", str(root), "build"]).exit_code == 0
    types = json.loads((root / ".obsidian" / "types.json").read_text("utf-8"))["types"]
    assert list(types)[:3] == ["aliases", "cssclasses", "tags"] and types["met_on"] == "date"
    assert set(WANTED.types) <= set(types)
    before = snapshot(root)
    assert runner.invoke(cli, ["--vault", str(root), "build"]).exit_code == 0
    assert snapshot(root) == before
    # Obsidian rewrites the file when the user changes a type: the next build adds nothing back over it
    edited = dict(types, met_on="text")
    (root / ".obsidian" / "types.json").write_text(json.dumps({"types": edited}, indent=2), "utf-8")
    assert runner.invoke(cli, ["--vault", str(root), "build"]).exit_code == 0
    assert json.loads((root / ".obsidian" / "types.json").read_text("utf-8"))["types"] == edited

    assert runner.invoke(cli, ["--vault", str(example_copy), "build"]).exit_code == 0
    assert not (example_copy / ".obsidian").exists()


def test_check_reports_a_conflict_with_how_to_fix_it_and_writes_nothing(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path, json.dumps({"types": {"met_on": "text", "tags": "tags"}}, indent=2))
    before = snapshot(root)
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert result.exit_code == 0, result.output
    assert ".obsidian/types.json:3: warning: property `met_on` is typed text in Obsidian" in result.output
    assert "Property type → Date" in result.output and "[obsidian-type-conflict]" in result.output
    assert snapshot(root) == before  # check never writes inside the vault
    # the same after a build, through check's record of an unchanged vault
    assert CliRunner().invoke(cli, ["--vault", str(root), "build"]).exit_code == 0
    codes = [d.code for d in run_check(root).diagnostics]
    assert codes.count("obsidian-type-conflict") == 1
    (root / ".obsidian" / "types.json").write_text(json.dumps({"types": {"met_on": "date"}}), "utf-8")
    assert "obsidian-type-conflict" not in [d.code for d in run_check(root).diagnostics]


@pytest.mark.parametrize("broken", ['{\n  "types": {\n    "met_on": "date",\n  }\n}', "[]", b"\xff\xfe{}"])
def test_a_broken_types_file_is_diagnosed_and_never_overwritten(tmp_path: Path, broken: str | bytes) -> None:
    root = _obsidian_vault(tmp_path)
    target = root / ".obsidian" / "types.json"
    target.write_bytes(broken if isinstance(broken, bytes) else broken.encode("utf-8"))
    stamp = target.stat().st_mtime_ns
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output  # a warning: the notes are built all the same
    assert "[obsidian-types-invalid]" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == (broken if isinstance(broken, bytes) else broken.encode("utf-8"))
    assert target.stat().st_mtime_ns == stamp
    check = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert "[obsidian-types-invalid]" in check.output and "never overwrites it" in check.output


def test_a_symlinked_types_file_is_left_alone(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path)
    outside = tmp_path / "shared-types.json"
    outside.write_text(OBSIDIANS_OWN, "utf-8")
    (root / ".obsidian" / "types.json").symlink_to(outside)
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0 and outside.read_text("utf-8") == OBSIDIANS_OWN
    assert (root / ".obsidian" / "types.json").is_symlink()


def test_a_missing_types_file_is_created_with_the_common_types(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path)
    assert CliRunner().invoke(cli, ["--vault", str(root), "build"]).exit_code == 0
    types = json.loads((root / ".obsidian" / "types.json").read_text("utf-8"))["types"]
    assert {k: types[k] for k in COMMON_TYPES} == COMMON_TYPES


def test_kinds_that_change_without_the_configs_text_still_get_their_types(tmp_path: Path) -> None:
    """A plugin's kinds come from the installed package, not from vaultkit.toml's text: the
    record that lets an unchanged vault skip the merge knows every kind's fields."""
    from tests.test_obsidian_bases import TALK
    from vaultkit.disk import obsidian
    from vaultkit.reader.config import parse_config

    root = _obsidian_vault(tmp_path, OBSIDIANS_OWN)
    plain, with_talks = Config(), parse_config(TALK)[0]
    assert obsidian.sync(str(root), plain, "same text").written[-1] == ".obsidian/types.json"  # after 5 bases
    assert obsidian.sync(str(root), plain, "same text").written == []
    assert obsidian.sync(str(root), with_talks, "same text").written == ["Vaultkit/Talks.base", ".obsidian/types.json"]
    assert json.loads((root / ".obsidian" / "types.json").read_text("utf-8"))["types"]["deck"] == "text"
