"""`manager` in vaultkit.toml that names no person note is a warning of `check` (and counted by
`build`), not something `one-on-one` alone finds out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultkit.cli.main import cli


def _set_manager(vault: Path, value: str) -> None:
    toml = vault / "vaultkit.toml"
    lines = toml.read_text(encoding="utf-8").splitlines(keepends=True)
    assert any(line.startswith("manager =") for line in lines)
    toml.write_text("".join(f"manager = {value}\n" if line.startswith("manager =") else line for line in lines),
                    encoding="utf-8")


def _warnings(vault: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "check", "--format", "json"])
    assert result.exit_code == 0, result.output
    return [d for d in json.loads(result.output)["diagnostics"] if d["code"] == "config-manager-unresolved"]


def test_the_example_manager_is_a_person(example_copy: Path) -> None:
    assert _warnings(example_copy) == []


@pytest.mark.parametrize(("value", "says"), [('"[[Nope]]"', "names no note"),
                                             ('"[[KubeCon EU 2026]]"', "which is not a person note")])
def test_a_manager_naming_no_person_is_a_warning(example_copy: Path, value: str, says: str) -> None:
    _set_manager(example_copy, value)
    found = _warnings(example_copy)
    assert len(found) == 1 and found[0]["path"] == "vaultkit.toml" and found[0]["severity"] == "warning"
    assert says in str(found[0]["message"]) and "manager" in str(found[0]["message"])
    assert ("vaultkit new person" in str(found[0]["hint"])) == (says == "names no note")
    built = CliRunner().invoke(cli, ["--vault", str(example_copy), "build"])
    assert built.exit_code == 0 and "1 warning" in built.output
    assert len(_warnings(example_copy)) == 1  # the check after a build keeps it


def test_an_alias_of_a_person_is_fine(example_copy: Path) -> None:
    _set_manager(example_copy, '"Marta Kowalski"')
    assert _warnings(example_copy) == []
