"""Obsidian Bases (`.base` files) from the schema (issue 12, point 5).

Each generated base is checked against a schema written from Obsidian's published syntax
(help.obsidian.md "Bases syntax", "Functions", "Views"): its top-level keys, view types,
filter forms, property references, and every `note.X` it names is a field of its kind. Then
golden files, how the kind's recognition rules become a filter, and the files on disk: written
by `build` only where Obsidian opens the vault, only when absent, the user's from then on,
`vaultkit bases [--refresh NAME]`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import EXAMPLE, GOLDEN, ROOT, copy_vault, snapshot
from vaultkit.cli.main import cli
from vaultkit.kinds import rules
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


CONFIGS = {
    "default": None,
    "obsidian-like": (ROOT / "tests" / "vaults" / "obsidian-like" / "vaultkit.toml").read_text("utf-8"),
    "renamed": '[outputs]\npeople = "Network"\nsharing = "Shared things"\n',
}


@pytest.mark.parametrize("which", sorted(CONFIGS))
def test_every_base_follows_the_published_syntax_and_names_only_its_kinds_fields(which: str) -> None:
    config = _config(CONFIGS[which])
    fields = kind_fields(config)
    texts = bases.render_all(config, fields)
    assert len(texts) == 5
    for spec in bases.BASES:
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


def test_user_rules_and_field_sources_shape_the_base() -> None:
    """The obsidian-like vault reads `org` as company, `created` as met_on, and finds people by
    a folder, a tag and a property value: the base asks the same."""
    config = _config(CONFIGS["obsidian-like"])
    text = bases.render_all(config, kind_fields(config))["Vaultkit/People.base"]
    data = yaml.safe_load(text)
    order = data["views"][0]["order"]
    assert "note.org" in order and "note.created" in order and "note.company" not in order
    claims = data["filters"]["and"][-1]["or"]
    kinds = '["brag", "challenge", "community", "event", "interview", "person", "share"]'
    below = "(\\/(?!(?:brag|challenges|communities|events|interviews|sharing)(\\/|$))[^\\/]+)*$"  # deepest wins
    assert claims == [
        'note.type == "person"',
        # a property rule, unless `type:` names a kind, or a kind before it in the alphabet claims the note too
        {"and": [f"!{kinds}.contains(note.type)", {"not": ['list(note["up"]).contains(link("Meetups"))']},
                 'list(note["categories"]).contains(link("Humans"))']},
        # with no `type:`: the tag, unless another kind's property rule claims the note first
        {"and": ["!note.type", {"not": ['list(note["up"]).contains(link("Meetups"))']}, 'file.hasTag("person")']},
        # then the folders, unless another kind's property or tag rule does
        {"and": ["!note.type", {"not": ['list(note["up"]).contains(link("Meetups"))']},
                 {"or": [f"/(^|\\/)people{below}/.matches(file.folder.lower())",
                         f"/^kinds\\/contacts{below}/.matches(file.folder.lower())"]}]},
    ]
    events = yaml.safe_load(bases.render_all(config, kind_fields(config))["Vaultkit/Events.base"])
    assert events["filters"]["and"][-1]["or"][-1]["and"][1] == {
        "not": ['list(note["categories"]).contains(link("Humans"))', 'file.hasTag("person")']}


def test_outputs_renaming_names_the_base_and_refresh_finds_it() -> None:
    config = _config(CONFIGS["renamed"])
    paths = bases.base_paths(config)
    assert paths["people"] == "Vaultkit/Network.base" and paths["sharing"] == "Vaultkit/Shared things.base"
    assert paths["events"] == "Vaultkit/Events.base"
    for name in ("people", "person", "Network", "network.base", "Vaultkit/Network.base"):
        assert bases.find(config, name) == "people", name
    assert bases.find(config, "communities") is None


def _js_to_python(regex: str) -> re.Pattern[str]:
    return re.compile(regex.replace("\\/", "/"))


@pytest.mark.parametrize("glob", ["People/", "**/People/", "Work/People/", "**/Team */", "Areas/**/Contacts/",
                                  "**/Pe?ple/"])
def test_a_folder_filter_agrees_with_vaultkits_folder_rule(glob: str) -> None:
    """Evaluated as Bases would (inFolder: that folder or below; a regular expression on the
    lower-cased folder), each filter picks exactly the folders vaultkit's rule picks."""
    statement = bases.folder_filter(glob)
    kinds = rules.Kinds((rules.KindSpec("person", (glob,), user=True),))
    folders = ["People", "People/Archive", "Work/People", "Work/People/x", "Peoples", "My People", "Team A",
               "Team A/x", "Areas/One/Contacts", "Areas/Contacts", "Contacts", "Pexple", "Work", "Team"]
    for folder in folders:
        theirs = kinds.detect(f"{folder}/n.md", {}, (), False).kind == "person"
        m = re.fullmatch(r'file\.inFolder\("(.*)"\)', statement)
        if m:
            ours = folder == m.group(1) or folder.startswith(m.group(1) + "/")
        else:
            m = re.fullmatch(r"/(.*)/\.matches\(file\.folder\.lower\(\)\)", statement)
            assert m, statement
            ours = _js_to_python(m.group(1)).search(folder.lower()) is not None
        assert ours == theirs, (glob, folder, statement)


def _obsidian_vault(tmp_path: Path) -> Path:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    (root / ".obsidian").mkdir()
    return root


def test_build_writes_the_bases_in_an_obsidian_vault_once_and_leaves_them_to_the_user(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output
    assert "6 Obsidian files written" in result.output  # five bases and types.json
    written = {p.name: p.read_text("utf-8") for p in (root / "Vaultkit").glob("*.base")}
    assert sorted(written) == ["Brag.base", "Events.base", "Interviews.base", "People.base", "Sharing.base"]
    assert written == {name: (GOLDEN / "bases" / name).read_text("utf-8") for name in written}
    for note in (GOLDEN / "career-vault").iterdir():  # the eight generated notes: byte for byte
        assert (root / "Vaultkit" / note.name).read_bytes() == note.read_bytes()
    before = snapshot(root)
    again = runner.invoke(cli, ["--vault", str(root), "build"])
    assert again.exit_code == 0 and "Obsidian" not in again.output
    assert snapshot(root) == before  # nothing rewritten: no mtime moved

    mine = root / "Vaultkit" / "People.base"
    mine.write_text("views:\n  - type: table\n    name: Mine\n", "utf-8")  # as Obsidian saves a user's view
    (root / "Vaultkit" / "Events.base").unlink()
    third = runner.invoke(cli, ["--vault", str(root), "build"])
    assert third.exit_code == 0 and "1 Obsidian file written" in third.output
    assert mine.read_text("utf-8") == "views:\n  - type: table\n    name: Mine\n"
    assert (root / "Vaultkit" / "Events.base").read_text("utf-8") == written["Events.base"]


def test_build_writes_no_base_where_obsidian_does_not_open_the_vault(example_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "build"])
    assert result.exit_code == 0 and "Obsidian" not in result.output
    assert not list(example_copy.rglob("*.base")) and not (example_copy / ".obsidian").exists()


def test_dry_run_shows_the_bases_and_writes_nothing(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path)
    before = snapshot(root)
    result = CliRunner().invoke(cli, ["--vault", str(root), "build", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "+++ b/Vaultkit/People.base" in result.output and "+++ b/.obsidian/types.json" in result.output
    assert "would be: " in result.output and "6 Obsidian files written" in result.output
    assert snapshot(root) == before


def test_bases_command_writes_the_missing_ones_and_refreshes_one_on_request(example_copy: Path) -> None:
    runner = CliRunner()
    vault = ["--vault", str(example_copy)]
    first = runner.invoke(cli, [*vault, "bases"])
    assert first.exit_code == 0, first.output
    assert first.output.count("wrote Vaultkit/") == 5
    people = example_copy / "Vaultkit" / "People.base"
    people.write_text("views: []\n", "utf-8")
    second = runner.invoke(cli, [*vault, "bases"])
    assert second.exit_code == 0 and "wrote" not in second.output and "5 already there" in second.output
    assert people.read_text("utf-8") == "views: []\n"
    refreshed = runner.invoke(cli, [*vault, "bases", "--refresh", "People.base"])
    assert refreshed.exit_code == 0 and refreshed.output == "wrote Vaultkit/People.base\n"
    assert people.read_text("utf-8") == (GOLDEN / "bases" / "People.base").read_text("utf-8")
    same = runner.invoke(cli, [*vault, "bases", "--refresh", "people"])
    assert same.exit_code == 0 and "already as vaultkit writes it" in same.output
    unknown = runner.invoke(cli, [*vault, "bases", "--refresh", "Goals"])
    assert unknown.exit_code == 2 and "people (People.base)" in unknown.output and "Traceback" not in unknown.output


def test_bases_command_refuses_an_invalid_config_and_a_symlink(example_copy: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    (example_copy / "Vaultkit" / "People.base").symlink_to(tmp_path / "elsewhere.base")
    (tmp_path / "elsewhere.base").write_text("mine\n", "utf-8")
    refused = runner.invoke(cli, ["--vault", str(example_copy), "bases", "--refresh", "people"])
    assert refused.exit_code == 1 and "base-not-written" in refused.output
    assert (tmp_path / "elsewhere.base").read_text("utf-8") == "mine\n"
    (example_copy / "vaultkit.toml").write_text("output_dir = 3\n", "utf-8")
    bad = runner.invoke(cli, ["--vault", str(example_copy), "bases"])
    assert bad.exit_code == 1 and "vaultkit.toml is invalid" in bad.output
    assert not (example_copy / "Vaultkit" / "Events.base").exists()


# --- the filters, evaluated as Bases evaluates the statements vaultkit writes ------------------
def _frontmatter(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8", errors="replace")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _link_target(value: Any) -> str | None:
    m = re.fullmatch(r"\s*!?\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]\s*", value) if isinstance(value, str) else None
    return m.group(1).strip() if m else None


Resolve = Any  # (target, source path) → the path of the note a link goes to, or None


def holds(statement: str, path: str, fm: dict[str, Any], tags: tuple[str, ...], resolve: Resolve = None) -> bool:
    """One statement of the forms `bases.kind_filter` writes, as the published functions define
    them (file.inFolder: that folder or below; file.hasTag: the tag or a nested one; two links
    are equal when they go to the same file, else when their text is the same)."""
    folder = path.rsplit("/", 1)[0] if "/" in path else "/"
    if statement.startswith("!"):
        return not holds(statement[1:], path, fm, tags, resolve)
    if statement == 'file.ext == "md"':
        return path.endswith(".md")
    if statement == "note.type":
        return bool(fm.get("type"))
    if m := re.fullmatch(r'note\.type == "(.*)"', statement):
        return fm.get("type") == m.group(1)
    if m := re.fullmatch(r"\[(.*)\]\.contains\(note\.type\)", statement):
        return fm.get("type") in [k.strip().strip('"') for k in m.group(1).split(",")]
    if m := re.fullmatch(r'list\(note\["(.*)"\]\)\.contains\((link\()?"(.*)"\)?\)', statement):
        values = fm.get(m.group(1))
        items = values if isinstance(values, list) else [values]
        if m.group(2):
            def same(target: str | None) -> bool:
                if target is None:
                    return False
                theirs, ours = resolve(target, path), resolve(m.group(3), path)
                return theirs == ours if theirs and ours else target == m.group(3)
            return any(same(_link_target(v)) for v in items)
        return m.group(3) in items
    if m := re.fullmatch(r'file\.hasTag\("(.*)"\)', statement):
        want = m.group(1).casefold()
        return any(t.casefold() == want or t.casefold().startswith(want + "/") for t in tags)
    if m := re.fullmatch(r'file\.inFolder\("(.*)"\)', statement):
        return folder == m.group(1) or folder.startswith(m.group(1) + "/")
    if m := re.fullmatch(r"/(.*)/\.matches\(file\.folder\.lower\(\)\)", statement):
        return _js_to_python(m.group(1)).search(folder.lower()) is not None
    raise AssertionError(f"a statement the evaluator does not know: {statement}")


def selects(node: Any, path: str, fm: dict[str, Any], tags: tuple[str, ...], resolve: Resolve) -> bool:
    if isinstance(node, str):
        return holds(node, path, fm, tags, resolve)
    (op, items), = node.items()
    results = [selects(item, path, fm, tags, resolve) for item in items]
    return all(results) if op == "and" else any(results) if op == "or" else not any(results)


def test_each_base_selects_the_notes_vaultkit_gives_its_kind_in_the_obsidian_like_vault() -> None:
    """Every note of tests/vaults/obsidian-like (user rules: folders, a tag, property values,
    field sources): the base of a kind shows exactly the notes vaultkit reads as that kind."""
    from vaultkit import load_vault

    root = ROOT / "tests" / "vaults" / "obsidian-like"
    vault = load_vault(root)
    config = vault.config
    filters = {spec.kind: yaml.safe_load(bases.render(spec, kind_fields(config)[spec.kind], config))["filters"]
               for spec in bases.specs(config)}
    checked = 0
    for path, note in sorted(vault.notes.items()):
        fm = _frontmatter(root / path)
        shown = {kind for kind, f in filters.items()
                 if selects(f, path, fm, note.tags, lambda target, source: vault.resolve(target, source).path)}
        expected = {note.kind} & set(filters)
        assert shown == expected, (path, note.kind, shown)
        checked += bool(expected)
    assert checked >= 10
