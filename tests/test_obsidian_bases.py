"""Obsidian Bases (`.base` files) from the schema (issue 12, point 5).

Each generated base is checked against a schema written from Obsidian's published syntax
(help.obsidian.md "Bases syntax", "Functions", "Views"): its top-level keys, view types,
filter forms, property references, and every `note.X` it names is a field of its kind. Then
golden files, a kind of the user's, and names. The filters are tested in
test_obsidian_bases_filters.py, the files on disk and `vaultkit bases` in test_obsidian_bases_cli.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from vaultkit.kinds.proptypes import COMMON_TYPES, KindField, kind_fields
from vaultkit.reader.config import Config, parse_config
from vaultkit.views import bases

# --- the schema, from help.obsidian.md/bases/syntax -------------------------------------------
TOP_KEYS = {"filters", "formulas", "properties", "summaries", "views"}  # "Bases syntax": the sections
VIEW_TYPES = {"table", "cards", "list", "map"}  # "Views": Layout (table, cards 1.9; list, map 1.10)
# "Bases syntax", Views: type, name, limit, groupBy, filters, order, summaries; `sort` is what
# Obsidian writes for the Sort menu ("Views": sort and group results).
VIEW_KEYS = {"type", "name", "limit", "groupBy", "filters", "order", "summaries", "sort"}
DIRECTIONS = {"ASC", "DESC"}
FILTER_OPS = {"and", "or", "not"}  # "a filter object may contain one of and, or, not"
# "Bases syntax", File properties (the table), and the File functions of "Functions".
FILE_PROPS = {"backlinks", "ctime", "embeds", "ext", "file", "folder", "links", "mtime", "name", "path",
              "properties", "size", "tags"}
FILE_FUNCS = {"asLink", "hasLink", "hasProperty", "hasTag", "inFolder"}
GLOBAL_FUNCS = {"escapeHTML", "date", "duration", "file", "html", "if", "image", "icon", "link", "list", "max", "min",
                "now", "number", "today"}
# "Date arithmetic": the duration units. vaultkit's fields hold days: no base needs hours or
# less, so a minute unit (`m`, where vaultkit's cadence means a month) is a mistake here.
DURATION = re.compile(r"^\s*(\d*)\s*(y|year|years|M|month|months|d|day|days|w|week|weeks|h|hour|hours|"
                      r"m|minute|minutes|s|second|seconds)\s*$")
REF = re.compile(r"^(?:(note|file|formula)\.)?([A-Za-z_][A-Za-z0-9_]*)$")


def _durations(expr: str) -> list[str]:
    """The string literals an expression adds to or takes from something, or parses as a
    duration: where Obsidian reads a duration ("1d", or "d" after a computed number)."""
    return [m.group(2) for m in re.finditer(r"(?:[+-]|duration\()\s*([\"'])((?:\\.|(?!\1).)*)\1", expr)]


def check_expression(expr: str, names: set[str], formulas: set[str], where: str) -> None:
    """An expression's lexical shape and every property it names."""
    assert isinstance(expr, str) and expr.strip(), f"{where}: an expression is a non-empty string"
    bare = re.sub(r"([\"'])(?:\\.|(?!\1).)*\1", '""', expr)  # string literals out of the way
    bare = re.sub(r"/(?:\\.|[^/\n])+/\.matches", "R.matches", bare)  # and regular expressions
    for open_, close in ("()", "[]"):
        depth = 0
        for ch in bare:
            depth += (ch == open_) - (ch == close)
            assert depth >= 0, f"{where}: {close} before {open_} in {expr!r}"
        assert depth == 0, f"{where}: unbalanced {open_}{close} in {expr!r}"
    assert bare.count('"') % 2 == 0 and bare.count("'") == 0, f"{where}: a quote is not closed in {expr!r}"
    for prop in re.findall(r"\bnote\.([A-Za-z_]\w*)", bare) + re.findall(r'\bnote\["([^"]+)"\]', expr):
        assert prop in names, f"{where}: note.{prop} is no field of the kind"
    for prop in re.findall(r"\bformula\.([A-Za-z_]\w*)", bare):
        assert prop in formulas, f"{where}: formula.{prop} is not defined in formulas"
    for member in re.findall(r"\bfile\.([A-Za-z_]\w*)", bare):
        assert member in FILE_PROPS | FILE_FUNCS, f"{where}: file.{member} is no file property or function"
    for func in re.findall(r"(?<![.\w])([A-Za-z_]\w*)\(", bare):
        assert func in GLOBAL_FUNCS, f"{where}: {func}() is no global function"
    for literal in _durations(expr):
        m = DURATION.match(literal)
        if m:
            assert m.group(2) not in ("m", "minute", "minutes"), f"{where}: {literal!r} is minutes in Obsidian"


def check_filter(node: Any, names: set[str], formulas: set[str], where: str) -> None:
    """A statement string, or an object with exactly one of and/or/not over a list of filters."""
    if isinstance(node, str):
        check_expression(node, names, formulas, where)
        return
    assert isinstance(node, dict) and len(node) == 1, f"{where}: a filter object has exactly one key"
    (op, items), = node.items()
    assert op in FILTER_OPS, f"{where}: {op!r} is not and/or/not"
    assert isinstance(items, list) and items, f"{where}.{op}: a non-empty list"
    for i, item in enumerate(items):
        check_filter(item, names, formulas, f"{where}.{op}[{i}]")


def check_ref(ref: Any, names: set[str], formulas: set[str], where: str) -> None:
    """A property reference: `note.X` (or a bare X), `file.X`, `formula.X`, each existing."""
    m = REF.match(ref) if isinstance(ref, str) else None
    assert m, f"{where}: {ref!r} is no property reference"
    prefix, name = m.group(1) or "note", m.group(2)
    known = {"note": names, "file": FILE_PROPS, "formula": formulas}[prefix]
    assert name in known, f"{where}: {ref} does not exist"


def validate_base(text: str, fields: list[KindField], config: Config | None = None) -> dict[str, Any]:
    """Check one base against the published syntax and its kind's schema (its fields, and the
    properties the kinds' rules recognise notes by: the filter names another kind's to leave
    out the notes that kind's rule claims first); returns it parsed."""
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and set(data) <= TOP_KEYS, f"top-level keys: {sorted(data)}"
    names = {f.prop for f in fields} | set(COMMON_TYPES)
    names |= {prop for ks in (config or Config()).kinds for prop, _ in ks.properties}
    formulas = data.get("formulas") or {}
    assert isinstance(formulas, dict) and all(isinstance(v, str) for v in formulas.values())
    for name, expr in formulas.items():
        check_expression(expr, names, set(formulas), f"formulas.{name}")
    if "filters" in data:
        check_filter(data["filters"], names, set(formulas), "filters")
    for ref, config in (data.get("properties") or {}).items():
        check_ref(ref, names, set(formulas), f"properties.{ref}")
        assert isinstance(config, dict) and set(config) == {"displayName"} and isinstance(config["displayName"], str)
    views = data["views"]
    assert isinstance(views, list) and views
    for i, view in enumerate(views):
        where = f"views[{i}]"
        assert isinstance(view, dict) and set(view) <= VIEW_KEYS, f"{where}: keys {sorted(view)}"
        assert view["type"] in VIEW_TYPES, f"{where}: view type {view['type']!r}"
        assert isinstance(view["name"], str)
        if "filters" in view:
            check_filter(view["filters"], names, set(formulas), f"{where}.filters")
        for ref in view.get("order", []):
            check_ref(ref, names, set(formulas), f"{where}.order")
        for j, sort in enumerate(view.get("sort", [])):
            assert set(sort) == {"property", "direction"} and sort["direction"] in DIRECTIONS, f"{where}.sort[{j}]"
            check_ref(sort["property"], names, set(formulas), f"{where}.sort[{j}]")
        if "groupBy" in view:
            assert set(view["groupBy"]) == {"property", "direction"} and view["groupBy"]["direction"] in DIRECTIONS
            check_ref(view["groupBy"]["property"], names, set(formulas), f"{where}.groupBy")
    assert [v["name"] for v in views] == sorted({v["name"] for v in views}, key=[v["name"] for v in views].index)
    return data


def _config(toml: str | None) -> Config:
    config, diags = parse_config(toml)
    assert not diags, diags
    return config


TALK = """
[kinds.talk]
match = { folder = "**/Talks/" }
fields.stage = { type = "enum", values = ["idea", "submitted", "accepted", "given"] }
fields.event = { type = "link" }
fields.date = { type = "date" }
fields.slides = { type = "text", from = "deck" }
"""
CONFIGS = {
    "default": None,
    "obsidian-like": (ROOT / "tests" / "vaults" / "obsidian-like" / "vaultkit.toml").read_text("utf-8"),
    "renamed": '[outputs]\npeople = "Network"\nsharing = "Shared things"\n',
    "talk": TALK,
}


@pytest.mark.parametrize("which", sorted(CONFIGS))
def test_every_base_follows_the_published_syntax_and_names_only_its_kinds_fields(which: str) -> None:
    config = _config(CONFIGS[which])
    fields = kind_fields(config)
    texts = bases.render_all(config, fields)
    assert len(texts) == 5 + (which == "talk")
    for spec in bases.specs(config):
        path = bases.base_paths(config)[spec.key]
        data = validate_base(texts[path], fields[spec.kind], config)
        assert data["views"][0]["type"] == "table"


def test_a_kind_of_the_users_gets_a_base_of_its_fields() -> None:
    """A `talk` kind (vaultkit.toml or a plugin): a table of its fields, latest first by its date."""
    fields = [KindField("talk", "stage", "stage", "enum", "text"), KindField("talk", "event", "event", "link", "text"),
              KindField("talk", "cfp_deadline", "cfp", "date", "date"),
              KindField("talk", "sessions", "sessions", "list", None)]
    spec = bases.user_spec("talk", "Talks", fields)
    data = validate_base(bases.render(spec, fields, Config()), fields)
    assert data["views"] == [{"type": "table", "name": "Talks", "order": ["file.name", "note.stage", "note.event",
                                                                          "note.cfp"],
                              "sort": [{"property": "note.cfp", "direction": "DESC"}]}]
    assert data["filters"] == {"and": ['file.ext == "md"', '!file.inFolder("Templates")', 'note.type == "talk"']}


def test_a_kind_declared_in_vaultkit_toml_gets_its_base_and_is_left_out_of_the_others() -> None:
    config = _config(TALK)
    paths = bases.base_paths(config)
    assert paths["talk"] == "Vaultkit/Talks.base"
    assert bases.find(config, "Talks") == bases.find(config, "talk") == "talk"
    texts = bases.render_all(config, kind_fields(config))
    talks = yaml.safe_load(texts["Vaultkit/Talks.base"])
    assert talks["views"][0]["order"] == ["file.name", "note.stage", "note.event", "note.date", "note.deck"]
    assert "talks" in texts["Vaultkit/People.base"]  # a Talks folder below a People folder holds talks


def test_open_processes_follow_the_stages_of_the_schema() -> None:
    """A vault that adds a stage (and a synonym) sees its processes in that stage as open."""
    config = _config('[kinds.interview.fields.stage]\nvalues = ["+take-home"]\n'
                     'synonyms = { onsite = "interviewing" }\n')
    data = yaml.safe_load(bases.render_all(config, kind_fields(config))["Vaultkit/Interviews.base"])
    assert data["views"][1]["filters"] == {"and": [
        '["applied", "screening", "interviewing", "offer", "take-home", "onsite"].contains(note.stage)']}


def test_the_validator_catches_what_it_is_for() -> None:
    fields = kind_fields(Config())["person"]
    good = bases.render_all(Config(), kind_fields(Config()))["Vaultkit/People.base"]
    for broken, why in [
        (good.replace("note.company", "note.employer"), "does not exist"),
        (good.replace("type: cards", "type: kanban-board"), "kanban"),
        (good.replace("formula.next_contact", "formula.next_call"), "does not exist"),
        (good.replace('+ "d"', '+ "m"'), "minutes"),
        (good.replace("  and:\n    - 'file.ext", "  also:\n    - 'file.ext"), "and/or/not"),
        (good + "extra: 1\n", "top-level"),
    ]:
        with pytest.raises(AssertionError, match=why):
            validate_base(broken, fields)


def test_bases_as_golden_files(golden: Any) -> None:
    """tests/golden/bases/: what a user opens (read them: they say where they come from)."""
    config = Config()
    golden("bases", {path.rsplit("/", 1)[-1]: text for path, text in bases.render_all(config, kind_fields(config))
                     .items()})


def test_outputs_renaming_names_the_base_and_refresh_finds_it() -> None:
    config = _config(CONFIGS["renamed"])
    paths = bases.base_paths(config)
    assert paths["people"] == "Vaultkit/Network.base" and paths["sharing"] == "Vaultkit/Shared things.base"
    assert paths["events"] == "Vaultkit/Events.base"
    for name in ("people", "person", "Network", "network.base", "Vaultkit/Network.base"):
        assert bases.find(config, name) == "people", name
    assert bases.find(config, "communities") is None
