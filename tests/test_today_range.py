"""A "today" that vaultkit cannot plan around (its windows reach years before and a century
after it) is refused where it was given, naming that place, before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import snapshot
from vaultkit.cli.main import cli

FAR = ["0001-02-01", "1899-12-31", "9000-01-01", "9999-12-01"]


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("command", [["build"], ["followups"], ["review", "2026"], ["calendar"], ["watch"]])
def test_a_far_today_option_is_refused_naming_it(example_copy: Path, day: str, command: list[str]) -> None:
    before = snapshot(example_copy)
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), *command, "--today", day]
                                if command != ["followups"] else ["--vault", str(example_copy), "followups"],
                                env={"VAULTKIT_TODAY": day})
    assert result.exit_code != 0, result.output
    assert "outside the dates vaultkit plans for" in result.output and "internal error" not in result.output
    assert ("--today" in result.output) or ("VAULTKIT_TODAY" in result.output)
    assert snapshot(example_copy) == before


@pytest.mark.parametrize("day", FAR)
def test_a_far_today_in_the_config_is_a_config_error(example_copy: Path, day: str) -> None:
    toml = example_copy / "vaultkit.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text("".join(f'today = "{day}"\n' if line.startswith("today =") else line
                            for line in text.splitlines(keepends=True)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "VAULTKIT_TODAY"}
    checked = CliRunner().invoke(cli, ["--vault", str(example_copy), "check"], env={**env, "VAULTKIT_TODAY": ""})
    assert checked.exit_code == 1 and "today:" in checked.output and "[config-invalid]" in checked.output
    before = snapshot(example_copy)
    built = CliRunner().invoke(cli, ["--vault", str(example_copy), "build"], env={"VAULTKIT_TODAY": ""})
    assert built.exit_code == 1 and "nothing was written" in built.output
    assert snapshot(example_copy) == before


@pytest.mark.parametrize("day", ["1900-01-01", "8999-12-31"])
def test_the_ends_of_the_range_build(example_copy: Path, day: str) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "build", "--today", day])
    assert result.exit_code == 0, result.output
