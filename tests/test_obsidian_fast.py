"""Fast on real Markdown (issue 10, point 5): the constructs real notes hold are read by the
line scanner, not the slow markdown-it path, and read as Obsidian reads them.

Each row of CASES names a note of `tests/vaults/obsidian-like/Fast/`, the construct it holds,
what Obsidian does with it (and where that is written), and what vaultkit must read from it.
Every one of these notes must be read by the line scanner (`Note.exact` false), and the line
scanner must give what markdown-it-py gives. A generated vault shaped like the community vault
(HTML footers on nearly every note, callouts, tables, footnotes) must fall back on ≤ 1% of its
notes, as `check --stats` reports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.test_markdown import facts
from vaultkit.cli.main import cli
from vaultkit.reader.markdown import scan_body
from vaultkit.reader.parse import parse_note
from vaultkit.reader.yamlfront import split

VAULT = ROOT / "tests" / "vaults" / "obsidian-like"
FAST = VAULT / "Fast"
HELP = "https://help.obsidian.md/"

# (note, construct, what Obsidian does, source, what vaultkit reads: links (target, line),
#  tags, headings, list items (line, text))
CASES: list[tuple[str, str, str, str, dict[str, Any]]] = [
    ("Fast Footer", "an HTML `<span>` footer ending the note, holding a link and a tag",
     "Obsidian renders inline HTML; a line that starts with `<span>` and holds text is a paragraph "
     "(CommonMark HTML blocks start only with block tags or a tag alone on its line)",
     HELP + "Editing+and+formatting/HTML+content; CommonMark 0.31 §4.6",
     {"links": [("Fast Callouts", 7), ("Fast Tables", 7), ("Fast Html Blocks", 9)], "tags": ["footer"]}),
    ("Fast Callouts", "a callout holding list items, a heading, a nested callout, code and a lazy line",
     "callouts are blockquotes whose content is Markdown: lists, headings and nested callouts inside count; "
     "code inside is code",
     HELP + "Editing+and+formatting/Callouts (nested callouts, Markdown inside)",
     {"links": [("Fast Footer", 3), ("Fast Tables", 4), ("Fast Math", 11), ("Fast Footnotes", 18)],
      "tags": ["reading"], "headings": ["Fast Callouts", "Inside the callout"],
      "items": [(4, "2026-01-02 read [[Fast Tables]] #reading"), (5, "[ ] follow up"), (6, "nested item")]}),
    ("Fast Tables", "a table with `[[Note\\|alias]]` and a pipe inside inline code",
     "in a table, a link's alias is written after an escaped pipe `\\|`; code spans are not links",
     HELP + "Editing+and+formatting/Advanced+formatting+syntax#Tables",
     {"links": [("Fast Callouts", 5), ("Fast Callouts", 6)], "tags": ["table"]}),
    ("Fast Footnotes", "footnote references `[^1]` and definitions `[^1]: text [[link]]`",
     "footnotes are Markdown text: their links count; `[^1]` is no block id",
     HELP + "Editing+and+formatting/Basic+formatting+syntax#Footnotes",
     {"links": [("Fast Math", 5), ("Fast Tables", 6)], "tags": ["footnote"]}),
    ("Fast Math", "inline `$…$` and a `$$` block holding `\\#` and a `[[link]]`",
     "math is rendered by MathJax; LaTeX writes `\\#`, which is never a tag. vaultkit reads math as text "
     "(no math rule in either reader): the link written inside the block still counts",
     HELP + "Editing+and+formatting/Advanced+formatting+syntax#Math",
     {"links": [("Fast Footer", 6), ("Fast Footnotes", 9)], "tags": []}),
    ("Fast Html Blocks", "`<div>`, `<details>`, a lone `<br>`, `<kbd>` in an item, an empty item, a comment",
     "Markdown inside an HTML block is not rendered; after a blank line inside `<details>` it is Markdown "
     "again (CommonMark: the block ends at the blank line)",
     HELP + "Editing+and+formatting/HTML+content; CommonMark 0.31 §4.6 (kinds 6 and 7)",
     {"links": [("Fast Footer", 10), ("Fast Math", 14), ("Fast Callouts", 18), ("Fast Tables", 23)],
      "tags": ["details"], "items": [(18, "item <kbd>Ctrl</kbd> [[Fast Callouts]]")]}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_case_is_read_fast_and_as_expected(case: tuple[str, str, str, str, dict[str, Any]]) -> None:
    name, _, _, _, expected = case
    data = (FAST / f"{name}.md").read_bytes()
    note = parse_note(f"Fast/{name}.md", data)
    assert not note.exact, f"{name}: the line scanner handed it to markdown-it-py"
    body_links = [(k.target, k.line) for k in note.links if k.field is None]
    assert body_links == expected["links"]
    assert [t for t in note.tags if t != "fast"] == expected["tags"]
    if "headings" in expected:
        assert [h.text for h in note.headings] == expected["headings"]
    assert [(i.line, i.text) for i in note.items] == expected.get("items", [])
    _, body, body_line = split(data.decode("utf-8"))
    assert facts(scan_body(body, body_line)) == facts(scan_body(body, body_line, exact=True))


def test_every_fast_note_is_a_case() -> None:
    assert sorted(p.stem for p in FAST.glob("*.md")) == sorted(c[0] for c in CASES)


def test_fast_notes_are_clean() -> None:
    result = CliRunner().invoke(cli, ["--vault", str(VAULT), "check", "--stats", "--format", "json"])
    out = json.loads(result.stdout)
    assert [d for d in out["diagnostics"] if d["path"].startswith("Fast/")] == []
    assert out["stats"]["notes"] >= len(CASES)


def test_a_vault_shaped_like_the_community_vault_falls_back_on_at_most_one_percent(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_vault import generate

    vault = tmp_path / "community"
    generate(vault, 400, seed=7, shape="html-footer")
    ended_in_html = sum(p.read_text(encoding="utf-8").rstrip().endswith(("</span>", "</div>"))
                        for p in vault.rglob("*.md"))
    assert ended_in_html >= 0.9 * 400  # nearly every note ends in an HTML footer
    result = CliRunner().invoke(cli, ["--vault", str(vault), "check", "--stats", "--format", "json"])
    stats = json.loads(result.stdout)["stats"]
    assert stats["notes"] == 400 and stats["slow_reader"] <= 4, stats
