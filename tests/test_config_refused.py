"""An invalid vaultkit.toml writes nothing at all: every command that writes refuses with the
config's diagnostics and exit 1, and leaves every byte and mtime of the vault as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, snapshot
from tests.hostile.disk import CONFIG_CASES
from vaultkit.cli.main import cli
from vaultkit.disk import fs
from vaultkit.live.session import Session
from vaultkit.live.watch import WatchError, WatchOptions, watch

COMMANDS = [["build"], ["build", "--dry-run"], ["watch"], ["review", "2026-H1"],
            ["prep", "KubeCon EU 2026"], ["new", "person", "Bo Test"], ["log", "Ben Okafor", "coffee"],
            ["brag", "a win"], ["brag", "a win", "--daily"]]


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_every_writing_command_refuses_an_invalid_config(example_copy: Path, case: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VAULTKIT_TODAY", "2026-06-30")
    (example_copy / "vaultkit.toml").write_bytes(CONFIG_CASES[case])
    before = snapshot(example_copy)
    cache_before = sorted(Path(os.environ["XDG_CACHE_HOME"]).rglob("*"))
    for args in COMMANDS:
        result = CliRunner().invoke(cli, ["--vault", str(example_copy), *args])
        assert result.exit_code == 1, (args, result.output)
        assert ("vaultkit.toml" in result.output and "nothing was written" in result.output) \
            or "did not start" in result.output, (args, result.output)
        assert "[config-" in result.output, (args, result.output)  # the diagnostics themselves
        assert snapshot(example_copy) == before, args
    assert sorted(Path(os.environ["XDG_CACHE_HOME"]).rglob("*")) == cache_before  # no cache either


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_followups_does_not_answer_from_an_invalid_config(example_copy: Path, case: str) -> None:
    """A config half understood (an `ignore` or `output_dir` lost) would list the wrong people."""
    (example_copy / "vaultkit.toml").write_bytes(CONFIG_CASES[case])
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["--vault", str(example_copy), "followups", "--format", fmt])
        assert result.exit_code == 1, result.output
        assert "vaultkit.toml is invalid, fix it first" in result.output and "[config-" in result.output


def test_watch_does_not_start_on_an_invalid_config(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not even the observer: the refusal comes before anything is watched or read."""
    (example_copy / "vaultkit.toml").write_bytes(CONFIG_CASES["unknown_key"])
    import vaultkit.live.watch as watch_mod

    def no_observer() -> None:
        raise AssertionError("an observer was made")
    monkeypatch.setattr(watch_mod, "Observer", no_observer)
    lines: list[str] = []
    with pytest.raises(WatchError, match="colour: unknown key"):
        watch(str(example_copy), WatchOptions(), lines.append, threading.Event())
    assert lines == []


def test_a_real_watch_process_exits_at_once(example_copy: Path) -> None:
    (example_copy / "vaultkit.toml").write_bytes(CONFIG_CASES["syntax_error"])
    before = snapshot(example_copy)
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(example_copy), "watch"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert proc.returncode == 1, proc.stderr
    assert "not valid TOML" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(example_copy) == before


def test_a_watcher_whose_config_turns_invalid_writes_nothing_until_fixed(example_copy: Path) -> None:
    session = Session(str(example_copy))
    session.load()
    session.rebuild()
    good = (example_copy / "vaultkit.toml").read_bytes()
    (example_copy / "vaultkit.toml").write_bytes(CONFIG_CASES["output_outside"])
    note = example_copy / "People" / "Ben Okafor.md"
    note.write_text(note.read_text(encoding="utf-8").replace("company:", "company: Changed Co\nold:", 1),
                    encoding="utf-8")
    before = snapshot(example_copy)
    session.update({"vaultkit.toml", "People/Ben Okafor.md"})
    report = session.rebuild()
    assert report.config_refused and not report.created and not report.updated
    assert any(d.code == "config-invalid" for d in report.diagnostics)
    assert snapshot(example_copy) == before
    (example_copy / "vaultkit.toml").write_bytes(good)
    session.update({"vaultkit.toml"})
    assert "Vaultkit/People.md" in session.rebuild().updated
    assert "Changed Co" in (example_copy / "Vaultkit" / "People.md").read_text(encoding="utf-8")


def test_an_absolute_output_folder_is_invalid() -> None:
    from vaultkit.reader.config import parse_config

    for text in ('output_dir = "/tmp/x"\n', 'output_dir = "C:/x"\n', 'output_dir = "../x"\n'):
        config, diags = parse_config(text)
        assert config.output_dir == "Vaultkit" and [d.code for d in diags] == ["config-invalid"], text
    assert fs.read_config  # the same parser reads the vault's file


@pytest.mark.parametrize("table", ['[outputs]\npeople = "Network"', '[folders]\n"People" = "person"',
                                   '[kinds.talk]\nfolder = "Talks"', '[kinds.share.fields.kind]\nvalues = ["+blog"]'])
def test_a_top_level_key_written_after_a_table_says_where_it_belongs(table: str) -> None:
    """`plugins = [...]` appended at the end of the file lands inside the last table (TOML's rule):
    the hint says to move it up, not which keys that table knows."""
    from vaultkit.reader.config import parse_config

    _, diags = parse_config(f'{table}\nplugins = ["talks"]\n')
    (diag,) = [d for d in diags if d.message.split(":")[0].endswith(".plugins")]
    assert "`plugins` is a top-level key" in diag.hint and "above the first [table]" in diag.hint
    config, diags = parse_config(f'plugins = ["talks"]\n{table}\n')
    assert not [d for d in diags if d.severity.name == "ERROR"] and config.plugins == ("talks",)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX's")
@pytest.mark.parametrize("args", [["build"], ["check"]])
def test_a_fifo_named_vaultkit_toml_is_refused_not_waited_on(example_copy: Path, args: list[str]) -> None:
    # Opened for reading, a FIFO waits for a writer: `build` and `check` never ended.
    config = example_copy / "vaultkit.toml"
    config.unlink()
    os.mkfifo(config)
    before = snapshot(example_copy)
    run = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(example_copy), *args],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "vaultkit.toml: error: not a regular file" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(example_copy) == before
