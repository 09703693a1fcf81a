"""Issue 13 point 7, bullets 1–2, end to end: `#Brag`, `#brag/theme` and `- [x] … #brag` tasks
are brag entries (the nested tag gives the theme; the checkbox is no part of the text), and
what a user typed (`p99 500ms -> 300ms`, `a < b`) shows as typed while `|` and anything that
could open HTML or forge a marker stays escaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_cli_capture import ok, vk
from vaultkit import load_vault
from vaultkit.cli.main import cli
from vaultkit.reader.markdown import scan_body
from vaultkit.views.common import Facts
from vaultkit.views.derived.brag import entry_text

DAILY = (
    "# Thursday\n\n"
    "- [x] Cut checkout p99 500ms -> 300ms #Brag impact:: checkout p99 500ms -> 300ms\n"
    "- Wrote the on-call guide #brag/documentation impact:: ramp-up 3 weeks → 1\n"
    "- Ran the demo #brag/demo (theme:: visibility) impact:: 40 people saw it\n"
    "* [ ] 2026-07-01 Paired with Ines on a | pipe and a <!-- vaultkit:end brag --> #BRAG impact:: a < b, <= 3\n"
    "- not a win #brag-ish and #bragging\n"
    "- [x] moved the retro #challenge/process learned:: ask early\n"
)


@pytest.fixture()
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Daily/2026-07-02.md": DAILY,
    })


def test_tag_spellings_and_tasks_make_entries_with_their_theme(vault: Path) -> None:
    loaded = load_vault(vault)
    facts = Facts(loaded, loaded.config.today or dt.date(2026, 7, 15))
    wins = [(entry_text(e), e.get("theme"), e.date.isoformat() if e.date else None) for e in facts.brags]
    assert wins == [
        ("Paired with Ines on a | pipe and a <!-- vaultkit:end brag -->", None, "2026-07-01"),
        ("Cut checkout p99 500ms -> 300ms", None, "2026-07-02"),
        ("Wrote the on-call guide", "documentation", "2026-07-02"),
        ("Ran the demo", "visibility", "2026-07-02"),  # the field wins over the nested tag
    ]
    assert [(entry_text(e), e.get("theme")) for e in facts.challenges] == [("moved the retro", "process")]


def test_both_block_readers_read_task_items_alike() -> None:
    assert scan_body(DAILY, 1, exact=False).items == scan_body(DAILY, 1, exact=True).items


def test_brag_note_shows_text_as_typed_and_stays_safe(vault: Path) -> None:
    ok(vk(vault, "build"))
    text = (vault / "Vaultkit" / "Brag.md").read_text(encoding="utf-8")
    assert text.count("<!--") == 2  # the markers alone: no note text opened a comment
    assert "| 2026-07-02 | Cut checkout p99 500ms -> 300ms ([[2026-07-02]]) | checkout p99 500ms -> 300ms |" in text
    assert "[x]" not in text and "[ ]" not in text and "#Brag" not in text and "#brag/" not in text
    row = next(line for line in text.splitlines() if line.startswith("| 2026-07-01"))
    assert row.startswith("| 2026-07-01 | Paired with Ines on a \\| pipe and a &lt;!-- vaultkit:end brag --> ")
    assert "| a < b, <= 3 |" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells, the user's pipe escaped
    assert "documentation 1" in text and "visibility 1" in text


def test_review_counts_them_and_talks_as_typed(vault: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "review", "2026-07", "--stdout"])
    assert result.exit_code == 0, result.output
    assert "| Wins | 4 |" in result.output
    assert "-&gt;" not in result.output and "500ms -> 300ms" in result.output
    assert "### Documentation (1)" in result.output and "### Visibility (1)" in result.output
