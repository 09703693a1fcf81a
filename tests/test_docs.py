"""Docs cannot rot: every command has help with an example and is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from vaultkit.cli.main import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
_CTX = click.Context(cli)
COMMANDS = cli.list_commands(_CTX)  # as `vaultkit --help` lists them (some are loaded on first use)


def test_all_spec_commands_exist() -> None:
    expected = {"init", "new", "log", "brag", "check", "build", "watch", "review", "followups", "prep"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    command = cli.get_command(_CTX, name)
    assert isinstance(command, click.Command)
    assert command.help and len(command.help) > 40, f"{name} has no real --help text"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"{name} --help has no example"
    assert f"vaultkit {name}" in result.output or "vaultkit --vault" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert re.search(rf"`vaultkit {name}\b", README), f"README does not document `vaultkit {name}`"


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README, re.S)
    assert len(blocks) >= 2
    assert "examples/career-vault" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_readme_query_region_example_is_what_build_writes(example_copy: Path) -> None:
    """README's "Query regions" shows a region before and after `build`: the example vault gives exactly that."""
    section = README.split("## Query regions", 1)[1]
    before, after = re.findall(r"```markdown\n(.*?)```", section, re.S)[:2]
    note = example_copy / "Start here.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text + "\n" + before, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "build"])
    assert result.exit_code == 0, result.output
    begin = before.splitlines()[1]
    assert note.read_text(encoding="utf-8").endswith(begin + "\n" + after)
