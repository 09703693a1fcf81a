"""Talking points told as a story with the grammar of what users write (issue 13 point 6), and
the review's `[criteria]` sections and "Outside work", through `vaultkit review`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_cli_capture import ok, vk
from vaultkit.cli.main import cli
from vaultkit.views.derived.story import sentence


@pytest.mark.parametrize("written, said", [
    ("Shipped the retry budget.", "I shipped the retry budget"),
    ("I mentored Hannah through her first on-call", "I mentored Hannah through her first on-call"),
    ("i mentored Hannah", "I mentored Hannah"),
    ("We moved CI to Bazel;", "We moved CI to Bazel"),
    ("Mentor Hannah on incident reviews", "I mentored Hannah on incident reviews"),
    ("Ship the cache", "I shipped the cache"),
    ("Write the runbook", "I wrote the runbook"),
    ("Lead the failover review", "I led the failover review"),
    ("Facilitate the retro", "I facilitated the retro"),
    ("Ines led two incidents after our pairing", "Ines led two incidents after our pairing"),
    ("Postgres 16 upgrade runbook", "I worked on Postgres 16 upgrade runbook"),  # without an impact
    ("2026-03-04 — Led the review", "I led the review"),
    ("Design review", "I worked on Design review"),
    ("Launch plan for Q3", "I worked on Launch plan for Q3"),
    ("Write docs for the API", "I wrote docs for the API"),
    ("Plan the offsite", "I planned the offsite"),
    ("Stop the pager noise", "I stopped the pager noise"),
    ("Open the office hours", "I opened the office hours"),
    ("Pushed back on the scope. ", "I pushed back on the scope"),
])
def test_openings_become_sentences(written: str, said: str) -> None:
    assert sentence(written) == said


def points(out: str) -> list[str]:
    return re.findall(r"^  - Talking point: (.*)$", out, re.M)


@pytest.fixture()
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n[criteria]\n"Technical leadership" = ["leadership", "Delivery"]\n'
                         '"Strategy" = ["strategy"]\n"Multiplying others" = ["mentoring"]\n',
        "People/Hannah Schulz.md": "---\naliases: [Hannah]\n---\n",
        "Teams/Payments team.md": "# Payments\n",
        "Projects/Checkout Reliability.md": "# CR\n",
        "Brag/2026-02-01 Mentored Hannah through her first on-call.md":
            "---\ndate: 2026-02-01\ntheme: mentoring\nimpact: She led 2 incidents alone.\n"
            'impacted: ["[[Hannah Schulz]]", "[[Payments team]]"]\n---\n',
        "Brag/Retry budget.md":
            "---\ndate: 2026-02-02\ntheme: delivery\nimpact: Stopped retry storms\n"
            "project: '[[Checkout Reliability]]'\nmetrics: ['pages 4 → 0']\n"
            "situation: Provider brownouts were turning into checkout outages.\n---\n",
        "Brag/Talk at PEB.md":
            "---\ndate: 2026-01-22\ntheme: visibility\nvisibility: external\nimpact: 120 came\n---\n",
        "Brag/Demo.md": "---\ndate: 2026-03-01\ntheme: demo\nvisibility: org\nimpact: two teams signed up\n---\n",
        "Events/Meetup.md": "---\ndate: 2026-01-22\nkind: meetup\nspeaker: true\n---\n",
        "Daily/2026-03-02.md": "- [x] Mentor [[Hannah]] on on-call handovers. #Brag [impacted:: [[Hannah]]] "
                               "(theme:: mentoring) impact:: she runs handovers alone\n",
    })


def test_review_tells_each_win_as_a_story(vault: Path) -> None:
    out = ok(vk(vault, "review", "2026-H1", "--today", "2026-07-15")).out
    text = Path(out.strip()).read_text(encoding="utf-8")
    said = points(text)
    assert ("I mentored Hannah through her first on-call. The result: she led 2 incidents alone. "
            "It also helped [[Payments team]].") in said  # Hannah is named in the text: no "for Hannah"
    assert ("Provider brownouts were turning into checkout outages. Retry budget: I stopped retry storms, measured as "
            "pages 4 → 0.") in said  # the situation first, the impact as what I did
    assert "I mentored Hannah on on-call handovers. The result: she runs handovers alone." in said  # imperative task
    assert not any(".." in p or "for Hannah" in p or "[x]" in p for p in said)


def test_review_criteria_and_outside_work(vault: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "review", "2026-H1", "--stdout"])
    assert result.exit_code == 0, result.output
    out = result.output
    criteria = out.split("## Promotion criteria\n", 1)[1].split("\n## ", 1)[0]
    assert [h for h in re.findall(r"^### (.*)$", criteria, re.M)] == [
        "Technical leadership (1)", "Strategy (0)", "Multiplying others (2)"]  # the user's order
    assert "[[Retry budget]]: Stopped retry storms" in criteria  # "Delivery" matches theme delivery
    assert "No evidence yet: no win in this period has the theme strategy." in criteria
    assert "Criteria with no evidence yet: Strategy." in criteria
    inside = out.split("## Visibility inside work\n", 1)[1].split("\n## ", 1)[0]
    outside = out.split("## Outside work\n", 1)[1].split("\n## ", 1)[0]
    assert "[[Demo]]" in inside and "Talk at PEB" not in inside and "Meetup" not in inside
    assert "- 2026-01-22 [[Talk at PEB]] (theme: visibility)" in outside
    assert "- 2026-01-22 spoke at [[Meetup]] (meetup)" in outside


def test_no_criteria_no_section(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"Brag/x.md": "---\ndate: 2026-02-01\nimpact: y\n---\n"})
    result = CliRunner().invoke(cli, ["--vault", str(vault), "review", "2026-H1", "--stdout", "--today", "2026-07-15"])
    assert result.exit_code == 0 and "## Promotion criteria" not in result.output
