"""Daily churn (issue 14): only notes about what is due or coming up move with `today`.

People.md, Brag.md, Communities.md and Sharing.md must be the same bytes whatever day they are
built on, so a vault whose `Vaultkit/` is committed does not change every day.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.conftest import EXAMPLE, copy_vault
from vaultkit.cli.main import cli

STEADY = ("People.md", "Brag.md", "Communities.md", "Sharing.md")
DATED = ("Follow-ups.md", "Dashboard.md", "Events.md", "Interviews.md")


def _build(tmp_path: Path, name: str, today: str) -> dict[str, bytes]:
    root = copy_vault(EXAMPLE, tmp_path / name)
    result = CliRunner().invoke(cli, ["--vault", str(root), "build", "--today", today])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes() for p in (root / "Vaultkit").glob("*.md")}


def test_steady_notes_are_the_same_bytes_on_any_day(tmp_path: Path) -> None:
    # Days chosen to cross what could move: the example's upcoming events (2026-08-20, 2026-09-17),
    # month and year ends, a planned contact, a share streak's weeks.
    days = ["2026-07-15", "2026-11-03", "2027-01-01"]
    built = {day: _build(tmp_path, day, day) for day in days}
    for name in STEADY:
        assert len({built[day][name] for day in days}) == 1, name
        assert b"as of" not in built[days[0]][name].lower(), name
    for name in DATED:  # these say which day they are for, and do change
        assert b"as of 2026-11-03" in built["2026-11-03"][name].lower(), name
        assert built["2026-07-15"][name] != built["2026-11-03"][name], name


def test_a_planned_contact_shows_in_people_whatever_the_day(tmp_path: Path) -> None:
    """People.md's last contact is the latest dated one (a planned coffee included), so it
    does not flip on the day the plan comes due; Follow-ups counts only contacts up to today."""
    root = tmp_path / "v"
    (root / "People").mkdir(parents=True)
    (root / "vaultkit.toml").write_text('today = "2026-07-15"\n')
    (root / "People" / "Ana.md").write_text(
        "---\ncompany: Acme\n---\n## Interactions\n- 2026-03-01 lunch\n- 2026-08-01 coffee planned\n")
    runner = CliRunner()
    texts = []
    for today in ("2026-07-15", "2026-08-15"):
        assert runner.invoke(cli, ["--vault", str(root), "build", "--today", today]).exit_code == 0
        texts.append((root / "Vaultkit" / "People.md").read_text())
        assert "| [[Ana]] |  |  |  | 2026-08-01 |" in texts[-1]
    assert texts[0] == texts[1]
