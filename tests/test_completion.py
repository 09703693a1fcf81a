"""Shell completion (issue 14): person, event, note and period names, through click's own
completion machinery (what `_VAULTKIT_COMPLETE=bash_complete` runs), and once as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from tests.conftest import EXAMPLE, copy_vault
from vaultkit.cli.main import cli


def complete(args: list[str], incomplete: str) -> list[str]:
    """What the shell would be offered for `vaultkit ARGS INCOMPLETE<Tab>`."""
    shell = ShellComplete(cli, {}, "vaultkit", "_VAULTKIT_COMPLETE")
    return [item.value for item in shell.get_completions(args, incomplete)]


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = copy_vault(EXAMPLE, tmp_path / "v")
    # A person in a folder `[folders]` maps, an event typed only by `type:` (not offered: no note
    # is opened while completing), and a plain note that is no person.
    (root / "vaultkit.toml").write_text((root / "vaultkit.toml").read_text("utf-8")
                                        + '\n[folders]\n"Contacts" = "person"\n', "utf-8")
    (root / "Contacts").mkdir()
    (root / "Contacts" / "Jo March.md").write_text("# Jo\n", "utf-8")
    (root / "Notes").mkdir()
    (root / "Notes" / "Jonas ideas.md").write_text("---\ntype: event\n---\n", "utf-8")
    return root


def test_person_names_for_log_and_brag_impacted(vault: Path) -> None:
    base = ["--vault", str(vault)]
    assert complete([*base, "log"], "jo") == ["Jo March", "Jonas Weber"]  # casefolded, sorted
    assert complete([*base, "log"], "TOM") == ["Tomás Ortega"]
    assert len(complete([*base, "log"], "")) == len(list((vault / "People").glob("*.md"))) + 1  # and Jo March
    assert complete([*base, "brag", "Shipped it", "--impacted"], "Pri") == ["Priya Natarajan"]
    assert complete([*base, "log", "Jonas Weber"], "") == []  # TEXT is free text


def test_event_names_for_prep(vault: Path) -> None:
    assert complete(["--vault", str(vault), "prep"], "po") == [
        "Postgres Berlin August 2026", "Postgres Berlin October 2025"]
    assert "Jonas ideas" not in complete(["--vault", str(vault), "prep"], "")


def test_any_note_for_open(vault: Path) -> None:
    assert complete(["--vault", str(vault), "open"], "jo") == ["Jo March", "Jonas ideas", "Jonas Weber"]


def test_periods_for_review(vault: Path) -> None:
    base = ["--vault", str(vault), "review"]
    # The example pins today to 2026-07-15: this year and the two before.
    assert complete(base, "2026-h") == ["2026-H1", "2026-H2"]
    assert complete(base, "2026-Q") == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert complete(base, "2024")[:3] == ["2024", "2024-H1", "2024-H2"] and complete(base, "2023") == []
    assert len(complete(base, "2025-")) == 2 + 4 + 12
    reviews = vault / "Vaultkit" / "Reviews"
    reviews.mkdir()
    (reviews / "2025-08..2026-01.md").write_text("x", "utf-8")  # a custom period reviewed before
    assert complete(base, "2025-08")[0] == "2025-08..2026-01"


def test_the_vault_is_found_as_the_command_finds_it(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(vault / "People")  # a folder inside the vault: the nearest one with vaultkit.toml
    monkeypatch.delenv("VAULTKIT_VAULT", raising=False)
    assert complete(["log"], "Yus") == ["Yusuf Demir"]
    monkeypatch.setenv("VAULTKIT_VAULT", str(vault))
    monkeypatch.chdir(vault.parent)
    assert complete(["log"], "Yus") == ["Yusuf Demir"]


def test_no_vault_or_a_broken_one_completes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAULTKIT_VAULT", raising=False)
    assert complete(["log"], "") == [] and complete(["review"], "") == []
    assert complete(["--vault", str(tmp_path / "missing"), "prep"], "") == []
    broken = tmp_path / "b"
    broken.mkdir()
    (broken / "vaultkit.toml").write_text('today = "not a date"\n', "utf-8")
    monkeypatch.setenv("VAULTKIT_TODAY", "nope")
    assert complete(["--vault", str(broken), "review"], "") == []  # no traceback into the shell


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o nosort -F"), ("zsh", "compdef"),
                                               ("fish", "complete --no-files --command vaultkit")])
def test_the_documented_source_lines_work(shell: str, marker: str, vault: Path) -> None:
    """README's `eval "$(_VAULTKIT_COMPLETE=bash_source vaultkit)"` (and zsh, fish) print a script;
    the script's call (`..._complete`) answers with the names, through a real process."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert f"_VAULTKIT_COMPLETE={shell}_source vaultkit" in readme
    env = {**os.environ, "_VAULTKIT_COMPLETE": f"{shell}_source"}
    source = subprocess.run([sys.executable, "-m", "vaultkit"], env=env, capture_output=True, text=True, timeout=120)
    assert source.returncode == 0 and marker in source.stdout, source.stderr
    env = {**os.environ, "_VAULTKIT_COMPLETE": f"{shell}_complete",
           # fish passes the word being completed, bash and zsh its index.
           "COMP_WORDS": f"vaultkit --vault {vault} prep Po", "COMP_CWORD": "Po" if shell == "fish" else "4"}
    done = subprocess.run([sys.executable, "-m", "vaultkit"], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0 and "Postgres Berlin August 2026" in done.stdout, done.stderr
