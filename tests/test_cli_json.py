"""`--format json|jsonl` (issue 14): the shapes docs/cli-json.md shows are what the commands print.

Every ```json block of docs/cli-json.md tagged `<!-- json: ARGS -->` is compared, key by key at
every depth, with `vaultkit ARGS --format json` on the example vault; jsonl is checked to be the
json document's list items, one a line with their type, then a summary of the other keys.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, ROOT, copy_vault
from vaultkit.cli.main import cli

DOC = (ROOT / "docs" / "cli-json.md").read_text("utf-8")
EXAMPLES = re.findall(r"^<!-- json: (.+?) -->\n```json\n(.*?)^```$", DOC, re.S | re.M)
LISTS = {"check": {"diagnostics": "diagnostic"},
         "build": {"notes": "note", "obsidian": "obsidian", "diagnostics": "diagnostic"},
         "followups": {"due": "due", "untold": "untold"}}


def _vault(tmp_path: Path, command: str) -> Path:
    """The example vault as each page example needs it: a bad person note for check; for build,
    an Obsidian vault (bases and types.json to write) with a new contact (notes to update)."""
    root = copy_vault(EXAMPLE, tmp_path / "v")
    if command == "check":
        (root / "People" / "Bad.md").write_text("---\ntype: person\ncadence: nonsense\n---\n", "utf-8")
    if command == "build":
        (root / ".obsidian").mkdir()
        with (root / "People" / "Jonas Weber.md").open("a", encoding="utf-8") as f:
            f.write("- 2026-07-14 call\n")
    return root


def _run(root: Path, args: list[str], code: int = 0) -> str:
    result = CliRunner().invoke(cli, ["--vault", str(root), *args])
    assert result.exit_code == code, result.output
    return result.stdout


def shape(value: Any) -> Any:
    """Keys at every depth (a list's items merged), scalars as "value": what a reader relies on."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        merged: dict[str, Any] = {}
        for item in value:
            part = shape(item)
            if not isinstance(part, dict):
                return ["value"]
            for key, sub in part.items():
                merged[key] = sub if merged.get(key) in (None, "value") else merged[key]
        return [merged] if merged else []
    return "value"


def _same_shape(doc: Any, real: Any, where: str = "") -> None:
    if isinstance(doc, dict):
        assert isinstance(real, dict), where
        assert list(doc) == list(real), f"{where}: documented keys {list(doc)}, printed {list(real)}"
        for key in doc:
            _same_shape(doc[key], real[key], f"{where}.{key}")
    elif isinstance(doc, list) and doc:
        assert isinstance(real, list) and real, f"{where}: documented a list with items, printed {real!r}"
        _same_shape(doc[0], real[0], f"{where}[]")


@pytest.mark.parametrize(("args", "block"), EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_documented_shape_is_printed(tmp_path: Path, args: str, block: str) -> None:
    words = shlex.split(args)
    if words[0] == "prep":
        words = ["prep", " ".join(words[1:])]
    root = _vault(tmp_path, words[0])
    printed = json.loads(_run(root, [*words, "--format", "json"], code=1 if words[0] == "check" else 0))
    _same_shape(shape(json.loads(block)), shape(printed), words[0])


def test_every_command_with_json_is_documented() -> None:
    documented = {shlex.split(a)[0] for a, _ in EXAMPLES}
    assert documented == {"check", "build", "followups", "review", "prep"}
    for name in documented:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        (option,) = [p for p in command.params if p.name == "fmt"]
        choices = list(option.type.choices)  # type: ignore[attr-defined]
        assert choices == (["text", "json", "jsonl"] if name in LISTS else ["text", "json"]), name


@pytest.mark.parametrize("command", [["check"], ["build", "--dry-run"], ["followups"]])
def test_jsonl_is_the_json_items_then_a_summary(tmp_path: Path, command: list[str]) -> None:
    root = _vault(tmp_path, command[0])
    code = 1 if command[0] == "check" else 0
    document = json.loads(_run(root, [*command, "--format", "json"], code))
    lines = _run(root, [*command, "--format", "jsonl"], code).splitlines()
    records = [json.loads(line) for line in lines]
    assert all(isinstance(r, dict) and "type" in r and "\n" not in line for r, line in zip(records, lines, strict=True))
    items = LISTS[command[0]]
    expected = [{"type": kind, **item} for key, kind in items.items() for item in document[key]]
    assert records[:-1] == expected and len(expected) >= 1
    assert records[-1] == {"type": "summary", **{k: v for k, v in document.items() if k not in items}}


def test_build_json_reports_errors_and_exits_1(tmp_path: Path) -> None:
    root = _vault(tmp_path, "check")  # the bad person note: an error in the vault
    document = json.loads(_run(root, ["build", "--format", "json"], code=1))
    assert document["errors"] == 1 and document["dry_run"] is False
    (bad,) = [d for d in document["diagnostics"] if d["path"] == "People/Bad.md"]
    assert bad["severity"] == "error" and bad["code"] == "field-type" and bad["line"] == 3
    assert "updated" in {n["status"] for n in document["notes"]}  # written, as without --format
    again = json.loads(_run(root, ["build", "--format", "json"], code=1))
    assert {n["status"] for n in again["notes"]} == {"unchanged"} and again["updated"] == 0


def test_review_stdout_json_writes_nothing(tmp_path: Path) -> None:
    root = copy_vault(EXAMPLE, tmp_path / "v")
    document = json.loads(_run(root, ["review", "2026-Q2", "--stdout", "--format", "json"]))
    assert document["status"] == "not written" and document["path"] == "Vaultkit/Reviews/2026-Q2.md"
    assert document["text"].startswith("---\nvaultkit: generated\n") and not (root / document["path"]).exists()
    assert document["since"] == "2026-04-01" and document["until"] == "2026-06-30"
    assert dict((h["what"], h["count"]) for h in document["headline"])["Wins"] >= 1
    written = json.loads(_run(root, ["review", "2026-Q2", "--format", "json"]))
    assert written["status"] == "created" and (root / written["path"]).exists()
    assert json.loads(_run(root, ["review", "2026-Q2", "--format", "json"]))["status"] == "unchanged"


def test_prep_json_of_a_past_event(tmp_path: Path) -> None:
    root = copy_vault(EXAMPLE, tmp_path / "v")
    document = json.loads(_run(root, ["prep", "PEB Meetup January 2026", "--format", "json"]))
    assert document["event"]["date"] == "2026-01-22" and document["days_until"] < 0
    assert document["path"] == "Vaultkit/Prep/PEB Meetup January 2026.md" and document["status"] == "created"


def test_jsonl_through_a_real_process(tmp_path: Path) -> None:
    root = copy_vault(EXAMPLE, tmp_path / "v")
    done = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(root), "followups", "--format", "jsonl"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    due = [r for r in records if r["type"] == "due"]
    assert [r["type"] for r in records] == ["due"] * len(due) + ["untold"] * (len(records) - len(due) - 1) + ["summary"]
    assert records[-1]["count"] == len(due) >= 1 and records[-1]["today"] == "2026-07-15"
