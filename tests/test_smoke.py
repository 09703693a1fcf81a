"""The example vault loads and checks clean."""

from __future__ import annotations

from click.testing import CliRunner

from tests.conftest import EXAMPLE
from vaultkit import Severity, load_vault
from vaultkit.cli.main import cli


def test_example_vault_loads_with_no_errors() -> None:
    vault = load_vault(EXAMPLE)
    assert len(vault.notes) > 50
    errors = [d for d in vault.diagnostics if d.severity is Severity.ERROR]
    assert errors == []


def test_check_exits_zero_on_example() -> None:
    result = CliRunner().invoke(cli, ["--vault", str(EXAMPLE), "check"])
    assert result.exit_code == 0, result.output
