"""Unicode names as the OS gives them (issue 9, point 9): NFC and NFD spellings of a name
are the same note; names that collide on macOS or Windows, and names holding bidi or
zero-width characters, get a warning."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit import load_vault
from vaultkit.cli.main import cli
from vaultkit.reader.config import Config
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def vault_of(files: dict[str, str]) -> Vault:
    config = Config()
    return Vault([parse_note(path, text.encode("utf-8"), config) for path, text in files.items()], config)


def codes(vault: Vault) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in vault.diagnostics]


@pytest.mark.parametrize(("file_form", "link_form"), [(nfd, nfc), (nfc, nfd)])
def test_names_paths_aliases_and_headings_resolve_across_normal_forms(file_form, link_form) -> None:  # type: ignore[no-untyped-def]
    name, alias, heading = "Tomás Ortega", "Señor Ortega", "Café notes"
    assert file_form(name) != link_form(name)
    vault = vault_of({
        f"Team/Équipe/{file_form(name)}.md": f"---\naliases: [{file_form(alias)}]\n---\n# {file_form(heading)}\n",
        "Daily/2026-03-04.md": (f"[[{link_form(name)}]] [[{link_form('Équipe')}/{link_form(name)}]] "
                                f"[[{link_form(alias)}]] [[{link_form(name)}#{link_form(heading)}]] "
                                f"[[Team/{link_form('Équipe')}/{link_form(name)}]]\n"),
    })
    target = f"Team/Équipe/{file_form(name)}.md"
    assert [vault.resolve(link).path for link in vault.notes["Daily/2026-03-04.md"].links] == [target] * 5
    assert codes(vault) == []  # no missing link, no missing heading
    assert [src for src, _ in vault.backlinks[target]] == ["Daily/2026-03-04.md"] * 5


def test_a_folder_spelled_in_nfd_still_gives_the_kind() -> None:
    config = Config(folders=(("Événements", "event"),))
    assert parse_note(nfd("Événements/Meetup.md"), b"", config).kind == "event"


@pytest.mark.parametrize("other", [nfd("Tomás.md"), "tomás.md", "TOMÁS.md", nfc("Tomás.MD")])
def test_names_that_collide_on_macos_or_windows_are_a_warning_naming_both(other: str) -> None:
    first = nfc("People/Tomás.md")
    vault = vault_of({first: "", f"People/{other}": "", "People/Tomás Other.md": "", "Else/Tomás.md": ""})
    found = [d for d in vault.diagnostics if d.code == "name-collision"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert first in found[0].message and f"People/{other}" in found[0].message


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u200b", "\u200d",
                                  "\u2060", "\ufeff"])
def test_bidi_and_zero_width_characters_in_a_name_are_a_warning(char: str) -> None:
    path = f"People/Ada{char}gpj.exe.md"
    note = parse_note(path, b"[[x]]\n", Config())
    [diag] = [d for d in note.diagnostics if d.code == "name-invisible"]
    assert diag.path == path and f"U+{ord(char):04X}" in diag.message and diag.severity == "warning"
    assert [link.target for link in note.links] == ["x"]  # the note is still read


def test_plain_unicode_names_get_no_warning() -> None:
    vault = vault_of({"People/Zoë Ñandú 李.md": "", "People/Ada.md": "[[zoë ñandú 李]]"})
    assert codes(vault) == []


def test_check_names_both_spellings_on_a_real_vault(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": "", nfc("People/Tomás.md"): "---\ntype: person\n---\n",
                                        nfd("People/Tomás.md"): "---\ntype: person\n---\n",
                                        "Daily/2026-03-04.md": nfd("coffee with [[Tomás]]\n")})
    names = {p.name for p in (root / "People").iterdir()}
    if len(names) < 2:
        pytest.skip("this file system folds NFC and NFD names into one")
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert "name-collision" in result.output and nfc("Tomás") in result.output and nfd("Tomás") in result.output
    assert {note for note in load_vault(root).notes} >= {nfc("People/Tomás.md"), nfd("People/Tomás.md")}
