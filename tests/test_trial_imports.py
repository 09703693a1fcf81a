"""Imports as a new user read them (issue 13, new-user trial): the summary counts the kept
values it listed (README's example is the command's output), and every note written carries
`aliases` as a list, as Obsidian reads it."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from tests.conftest import ROOT, write_vault
from vaultkit.cli.main import cli

HEADER = "Notes:\r\n\"x\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env={"VAULTKIT_TODAY": "2026-11-27"},
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def frontmatter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_the_summary_counts_values_as_listed(tmp_path: Path) -> None:
    ada = "---\ncompany: Analytical Engines\nrole: Staff Engineer\n---\n"
    vault = write_vault(tmp_path / "v", {"People/Ada Lovelace.md": ada, "c.csv": HEADER + (
        "Ada,Lovelace,,,Analytical Engines Ltd,Principal Engineer,12 Mar 2024\r\n")})
    out = run(vault, "import", "linkedin", str(vault / "c.csv"), "--dry-run").output
    assert ("line 5: People/Ada Lovelace.md (matched by name) keeps company Analytical Engines (the file: "
            "Analytical Engines Ltd); role Staff Engineer (the file: Principal Engineer)") in out
    assert "; 2 kept values that differ from the file, in 1 note (dry run: nothing written)" in out


def test_readmes_import_example_is_what_the_command_prints(example_copy: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    command = "$ vaultkit import linkedin examples/career-vault/imports/Connections.csv --dry-run\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    out = run(example_copy, "import", "linkedin", str(example_copy / "imports" / "Connections.csv"), "--dry-run")
    assert out.exit_code == 0 and out.output == shown
    assert "6 kept values that differ from the file, in 4 notes" in shown


def test_aliases_and_tags_are_lists_from_every_importer_and_new(tmp_path: Path) -> None:
    ics = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261201\r\nSUMMARY:Rust/Go: a night\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann/Lee\r\nEND:VCARD\r\n"
    csv = HEADER + "Bo,Li/Chen,,,,,12 Mar 2024\r\n"
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "e.ics": ics, "a.vcf": vcf, "c.csv": csv})
    for fmt, name in (("ics", "e.ics"), ("vcard", "a.vcf"), ("linkedin", "c.csv")):
        assert run(vault, "import", fmt, str(vault / name)).exit_code == 0
    assert frontmatter(vault / "Events" / "Rust Go a night.md")["aliases"] == ["Rust/Go: a night"]
    assert frontmatter(vault / "People" / "Ann Lee.md")["aliases"] == ["Ann/Lee"]
    assert frontmatter(vault / "People" / "Bo Li Chen.md")["aliases"] == ["Bo Li/Chen"]
    assert run(vault, "new", "person", "Cy", "--set", "aliases=Cyrus", "--set", "tags=mentor").exit_code == 0
    cy = frontmatter(vault / "People" / "Cy.md")
    assert cy["aliases"] == ["Cyrus"] and cy["tags"] == ["mentor"]
    check = run(vault, "check")
    assert "aliases" not in check.output and "tags" not in check.output, check.output
