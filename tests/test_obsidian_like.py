"""The whole of tests/vaults/obsidian-like at once (issue 10): every rule of its areas together.

Each area (Links/, Scan/, Kinds/, Fast/) has its own test module that holds its notes to what
Obsidian does, case by case, with the source; this one checks that together they make a vault
on which `check` says exactly what those modules say and nothing more, and on which `build`
changes no byte of a user's note.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import ROOT, snapshot
from vaultkit.cli.main import cli

VAULT = ROOT / "tests" / "vaults" / "obsidian-like"

# (path, line, severity, code): the area modules explain each one.
EXPECTED = {
    ("Kinds/Contacts/Signe Lund.md", 3, "info", "field-mapped-both"),
    ("Kinds/Notes/Two kinds.md", 3, "warning", "kind-ambiguous"),
    ("Links/Anchors.md", 7, "warning", "link-anchor-missing"),
    ("Links/Anchors.md", 8, "warning", "link-anchor-missing"),
    ("Links/Anchors.md", 9, "warning", "link-anchor-missing"),
    ("Links/Doubt/Hawk Fair.md", 4, "warning", "link-ambiguous"),
    ("Links/Md/Md Source.md", 5, "warning", "link-anchor-missing"),
    ("Links/Md/Md Source.md", 9, "warning", "link-missing"),
    ("Links/Pick/Source.md", 7, "warning", "link-ambiguous"),
    ("Links/Pick/Source.md", 8, "warning", "link-ambiguous"),
    ("Links/Rel/Sub/Rel Source.md", 5, "warning", "link-missing"),
    ("Links/Rel/Sub/Rel Source.md", 6, "warning", "link-missing"),
    ("Links/Rel/Sub/Rel Source.md", 9, "warning", "link-anchor-missing"),
    ("Links/Rel/Sub/Rel Source.md", 10, "warning", "link-anchor-missing"),
    ("Links/Tags/One String.md", 2, "warning", "tags-string"),
    ("Links/Tags/Spaced String.md", 2, "warning", "tags-string"),
    ("Scan/Typo.md", 2, "info", "unknown-kind"),
    ("Vaultkit/Dashboard.md", None, "warning", "output-collision"),
}


def _check(root: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["--vault", str(root), "check", "--format", "json", "--stats"])
    return result.exit_code, json.loads(result.stdout)


def test_check_says_what_the_area_tests_say_and_nothing_more(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    shutil.copytree(VAULT, root)
    code, report = _check(root)
    found = {(d["path"], d["line"], d["severity"], d["code"]) for d in report["diagnostics"]}
    assert found == EXPECTED
    assert code == 0  # warnings and infos only: nothing Obsidian accepts is an error
    assert report["stats"]["slow_reader"] == 0


def test_build_changes_no_user_byte_and_check_agrees_after_it(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    shutil.copytree(VAULT, root)
    before = snapshot(root, folder_mtimes=False)
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output
    after = snapshot(root, folder_mtimes=False)
    written = {p for p in after if p not in before or after[p] != before[p]}
    # Obsidian opens this vault: the property types of vaultkit's fields join `.obsidian/` (issue 12)
    assert written and all(p == "Vaultkit" or p.startswith("Vaultkit/") or p == ".obsidian/types.json"
                           for p in written), written
    assert {p for p in written if p.endswith(".base")} == {f"Vaultkit/{n}.base" for n in
                                                            ("People", "Events", "Brag", "Interviews", "Sharing")}
    assert "Vaultkit/Dashboard.md" not in after  # the user's Scan/Dashboard.md keeps its name
    people = (root / "Vaultkit" / "People.md").read_text()
    assert "[[Ottilie Brandt]]" in people  # a person found by the user's own folder rule
    # A second build writes nothing; check after it says the same as before it.
    again = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert again.exit_code == 0 and snapshot(root, folder_mtimes=False) == after
    assert {(d["path"], d["line"], d["severity"], d["code"]) for d in _check(root)[1]["diagnostics"]} == EXPECTED
