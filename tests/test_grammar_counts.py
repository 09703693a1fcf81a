"""Counts in generated notes agree with their nouns: "1 win", "1 market test" (a new user's vault
said "1 wins and 0 challenges" and "1 market tests")."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cli.main import cli


def _build(root: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output


def test_one_win_one_challenge_one_market_test(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Brag/Win.md": "---\ndate: 2026-07-01\nimpact: cut CI time 40%\n---\n",
        "Challenges/Hard.md": "---\ndate: 2026-07-02\nstatus: open\n---\n",
        "Interviews/Acme.md": "---\ncompany: Acme\ndate: 2026-06-01\nstage: interviewing\n---\n",
    })
    _build(root)
    brag = (root / "Vaultkit" / "Brag.md").read_text(encoding="utf-8")
    interviews = (root / "Vaultkit" / "Interviews.md").read_text(encoding="utf-8")
    assert "1 win and 1 challenge (1 open)." in brag
    assert "1 market test, 1 still open;" in interviews


def test_plurals_stay_plural(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Brag/A.md": "---\ndate: 2026-07-01\nimpact: a\n---\n",
        "Brag/B.md": "---\ndate: 2026-07-02\nimpact: b\n---\n",
    })
    _build(root)
    brag = (root / "Vaultkit" / "Brag.md").read_text(encoding="utf-8")
    assert "2 wins and 0 challenges (0 open)." in brag
    assert "0 market tests, 0 still open;" in (root / "Vaultkit" / "Interviews.md").read_text(encoding="utf-8")


def test_one_kept_value_is_singular(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "People/Ada Lovelace.md": "---\ncompany: Analytical Engines\n---\n",
    })
    csv = tmp_path / "Connections.csv"
    csv.write_text("Notes:\n\"When exporting your connection data, you may notice...\"\n\n"
                   "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   "Ada,Lovelace,https://www.linkedin.com/in/ada,,Babbage & Co,Engineer,12 Mar 2024\n",
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["--vault", str(root), "import", "linkedin", str(csv), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 kept value that differs from the file" in result.output
