"""`vaultkit watch --quiet` prints only problems, as its --help says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cli.main import cli

LINES = [
    "watching {root}: 3 notes; 8 created (0.1 s)",
    "ready: 3 notes in memory; generated notes current (0.1 s)",
    "People.md, Follow-ups.md ← People/Ada.md (3 ms)",
    "People/Bad.md:3: error: frontmatter is not valid YAML [yaml-syntax]\n    hint: check the YAML",
    "Vaultkit/People.md: warning: not written: you have a note named People [output-name-taken]",
    "Notes/x.md:4: has git conflict markers; the lines between them count for nothing until the conflict is resolved",
    "error while handling Notes/x.md: OSError: gone",
]
PROBLEMS = LINES[3:]


def _fake_watch(root: str, options: object, log: Callable[[str], None]) -> None:
    for line in LINES:
        log(line.format(root=root))
    raise KeyboardInterrupt  # Ctrl-C


@pytest.mark.parametrize("quiet", [True, False])
def test_quiet_prints_only_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool) -> None:
    from vaultkit.live import watch as watch_mod

    monkeypatch.setattr(watch_mod, "watch", _fake_watch)
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": ""})
    result = CliRunner().invoke(cli, ["--vault", str(vault), "watch", *(["--quiet"] if quiet else [])])
    assert result.exit_code == 0, result.output
    shown = [line.split(" ", 1)[1] for line in (result.stdout + result.stderr).splitlines() if line[:2].isdigit()]
    expected = PROBLEMS if quiet else [line.format(root=vault) for line in LINES]
    assert sorted(shown) == sorted(line.partition("\n")[0] for line in expected)  # errors go to stderr
    assert ("Stopped." in result.stdout) is not quiet
