"""`vaultkit open NOTE`: the obsidian:// URI of a note, or its path."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cli.main import cli


def _open(vault: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "open", *args])
    return result.exit_code, result.output


def test_a_name_a_path_and_a_link_give_the_uri(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "my vault", {
        "vaultkit.toml": "", "People/Ada Lovelace.md": "---\naliases: [Ada]\n---\n",
        "Vaultkit/People.md": "---\nvaultkit: generated\n---\n", "Notes/R&D #1 (draft).md": "x\n",
    })
    uri = "obsidian://open?vault=my%20vault&file=People%2FAda%20Lovelace\n"
    for given in ("Ada Lovelace", "Ada", "[[Ada Lovelace|her]]", "People/Ada Lovelace.md", "People/Ada Lovelace"):
        assert _open(vault, given) == (0, uri), given
    assert _open(vault, "Vaultkit/People.md") == (0, "obsidian://open?vault=my%20vault&file=Vaultkit%2FPeople\n")
    assert _open(vault, "R&D #1 (draft)")[1] == \
        "obsidian://open?vault=my%20vault&file=Notes%2FR%26D%20%231%20%28draft%29\n"
    code, out = _open(vault, "Ada", "--print-path")
    assert code == 0 and out == f"{vault / 'People' / 'Ada Lovelace.md'}\n"


def test_an_unknown_or_outside_note_is_an_error(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "People/Ada.md": "x\n"})
    (tmp_path / "outside.md").write_text("x\n")
    for given in ("Nobody", "../outside.md", str(tmp_path / "outside.md")):
        code, out = _open(vault, given)
        assert code == 1 and "no note named" in out, (given, out)
