"""Small things a new user read wrong (issue 13, new-user trial): the Dashboard's people row
without companies, its list of people never contacted (some have no `met_on`: "since you met"
was not true of them), `new community`, which dated `joined` today, and a person's asks, joined
by ", " under Due and by " or " under Not told: ", " in both now."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from tests.conftest import write_vault
from vaultkit.cli.main import cli


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env={"VAULTKIT_TODAY": "2026-11-27"},
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_dashboard_people_row_and_never_contacted(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"People/Solo One.md": "# Solo\n"})
    assert run(vault, "build").exit_code == 0
    text = (vault / "Vaultkit" / "Dashboard.md").read_text("utf-8")
    assert "| 1 person, no company noted; 0 met in the last 12 months |" in text
    assert "- Never contacted: [[Solo One]] (see [[Follow-ups]])" in text and "since you met" not in text
    write_vault(vault, {"People/Ada.md": "---\ncompany: Acme\n---\n"})
    assert run(vault, "build").exit_code == 0
    assert "| 2 people at 1 company; " in (vault / "Vaultkit" / "Dashboard.md").read_text("utf-8")


def test_new_community_leaves_joined_for_you(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "Events/Rust Berlin June.md": (
        '---\ndate: 2026-06-10\ncommunity: "[[Rust Berlin]]"\n---\n')})
    assert run(vault, "new", "community", "Rust Berlin").exit_code == 0
    front = yaml.safe_load((vault / "Communities" / "Rust Berlin.md").read_text("utf-8").split("---\n")[1])
    assert front["joined"] is None and front["role"] == "member"
    assert run(vault, "build").exit_code == 0
    communities = (vault / "Vaultkit" / "Communities.md").read_text("utf-8")
    assert "- Your role: member\n" in communities and "since 2026-11-27" not in communities


def test_asks_are_joined_alike_under_due_and_not_told(tmp_path: Path) -> None:
    ada = "---\npriority: inner\nmet_on: 2026-01-01\nasks: [an intro, a referral]\n---\n- 2026-02-01 coffee\n"
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": 'looking_for = "a staff role"\n', "People/Ada.md": ada})
    out = run(vault, "followups").output
    assert "Ada (inner): " in out and "; ask: an intro, a referral" in out
    assert "  Ada (inner): ask for an intro, a referral\n" in out and " or " not in out
    assert run(vault, "build").exit_code == 0
    note = (vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8")
    assert "ask: an intro, a referral" in note and "- [[Ada]] (inner): ask for an intro, a referral\n" in note
    assert " or " not in note
