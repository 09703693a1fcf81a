"""The filter of each Obsidian base says vaultkit's rule for its kind (issue 12, point 5): the
user's own rules and field sources shape it, a folder filter picks the folders vaultkit's folder
rule picks, and every filter, evaluated as Bases defines its functions, selects exactly the notes
vaultkit reads as that kind in tests/vaults/obsidian-like.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.test_obsidian_bases import CONFIGS, _config
from vaultkit.kinds import rules
from vaultkit.kinds.proptypes import kind_fields
from vaultkit.views import bases


def test_user_rules_and_field_sources_shape_the_base() -> None:
    """The obsidian-like vault reads `org` as company, `created` as met_on, and finds people by
    a folder, a tag and a property value: the base asks the same."""
    config = _config(CONFIGS["obsidian-like"])
    text = bases.render_all(config, kind_fields(config))["Vaultkit/People.base"]
    data = yaml.safe_load(text)
    order = data["views"][0]["order"]
    assert "note.org" in order and "note.created" in order and "note.company" not in order
    claims = data["filters"]["and"][-1]["or"]
    kinds = '["brag", "challenge", "community", "event", "goal", "interview", "person", "share"]'
    below = "(\\/(?!(?:brag|challenges|communities|events|goals|interviews|sharing)(\\/|$))[^\\/]+)*$"  # deepest wins
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
