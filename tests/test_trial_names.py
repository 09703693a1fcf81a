"""Names that differ only in case (issue 13, new-user trial): Obsidian links them alike, so
`vaultkit new` refuses a note beside one so named, as it refuses an existing file, and an
import matches the existing note instead of adding a second one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import writer

TODAY = "2026-11-27"
ADA = "---\ncompany: Analytical Engines\n---\n# Ada Lovelace\n"


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env={"VAULTKIT_TODAY": TODAY},
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(("kind", "existing", "title"), [
    ("person", "People/Ada Lovelace.md", "ada lovelace"),
    ("event", "Events/Rust Berlin.md", "RUST BERLIN"),
    ("goal", "Goals/Staff by 2028.md", "staff BY 2028"),
    ("person", "People/Zoë.md", "ZOË"),  # Unicode case folds too
])
def test_new_refuses_a_name_that_differs_only_in_case(tmp_path: Path, kind: str, existing: str, title: str) -> None:
    vault = write_vault(tmp_path / "v", {existing: "---\ndate: 2026-01-01\n---\n"})
    before = snapshot(vault)
    result = run(vault, "new", kind, title, "--set", "date=2026-12-01")
    assert result.exit_code == 1
    assert f"Error: {existing} already exists; vaultkit never overwrites a note" in result.output
    assert "whatever their case" in result.output
    assert snapshot(vault) == before


def test_new_still_writes_a_name_of_its_own(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"People/Ada Lovelace.md": ADA})
    result = run(vault, "new", "person", "Ada Byron")
    assert result.exit_code == 0 and (vault / "People" / "Ada Byron.md").is_file()


def test_create_new_names_the_file_that_is_there(tmp_path: Path) -> None:
    (tmp_path / "People").mkdir()
    (tmp_path / "People" / "Ada Lovelace.md").write_text(ADA, encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"^People/Ada Lovelace\.md already exists"):
        writer.create_new(str(tmp_path), "People/ADA LOVELACE.md", b"x")
    assert sorted(p.name for p in (tmp_path / "People").iterdir()) == ["Ada Lovelace.md"]


def test_imports_match_a_name_in_another_case(tmp_path: Path) -> None:
    csv = ("Notes:\r\n\"x\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
           "ada,lovelace,,ada@example.com,Analytical Engines,Engineer,12 Mar 2024\r\n")
    vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ADA LOVELACE\r\nEND:VCARD\r\n"
    ics = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261201\r\nSUMMARY:rust berlin\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    vault = write_vault(tmp_path / "v", {"People/Ada Lovelace.md": ADA, "c.csv": csv, "a.vcf": vcf, "e.ics": ics,
                                         "Events/Rust Berlin.md": "---\ndate: 2026-12-01\n---\n"})
    for fmt, name in (("linkedin", "c.csv"), ("vcard", "a.vcf"), ("ics", "e.ics")):
        result = run(vault, "import", fmt, str(vault / name))
        assert result.exit_code == 0, result.output
        assert f": 0 {'events' if fmt == 'ics' else 'people'} added, " in result.output, result.output
    assert sorted(p.name for p in (vault / "People").iterdir()) == ["Ada Lovelace.md"]
    assert sorted(p.name for p in (vault / "Events").iterdir()) == ["Rust Berlin.md"]


def test_new_note_named_as_another_notes_alias_says_so(tmp_path: Path) -> None:
    """A second trial made `new person countess` where Countess is Ada's alias and was told
    'another note is already called countess'; it is an alias, and the new note's name now wins
    over it for a bare link, which the warning says, with the link that keeps Ada."""
    vault = write_vault(tmp_path / "v", {"People/Ada Lovelace.md": "---\naliases: [Ada L, Countess]\n---\n# Ada\n",
                                         "Other/Bob.md": "# Bob\n"})
    result = run(vault, "new", "person", "countess")
    assert result.exit_code == 0, result.output
    assert ("warning: 'countess' is an alias of People/Ada Lovelace.md; a bare [[countess]] now takes the new "
            "note (a name wins over an alias): link the other as [[Ada Lovelace|countess]]") in result.output
    assert "already called" not in result.output
    assert run(vault, "log", "countess", "hello").exit_code == 0
    assert "hello" in (vault / "People" / "countess.md").read_text("utf-8")
    bob = run(vault, "new", "person", "Bob")
    assert "warning: another note is already called 'Bob'" in bob.output and "alias" not in bob.output
