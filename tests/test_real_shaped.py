"""`check` on a vault shaped like a real Obsidian vault reports only its true problems (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import snapshot
from tests.realshaped import write_real_shaped
from vaultkit.cli.main import cli


def _check(root: Path, *extra: str) -> dict:
    result = CliRunner().invoke(cli, ["--vault", str(root), "check", "--format", "json", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.stdout)


def test_check_reports_only_the_true_problems(tmp_path: Path) -> None:
    planted = write_real_shaped(tmp_path)
    before = snapshot(tmp_path)
    report = _check(tmp_path)
    found = {(d["path"], d["code"]) for d in report["diagnostics"] if d["severity"] in ("error", "warning")}
    assert found == planted
    # Templates, excluded files and dot-folders are no notes: nothing of theirs is counted.
    paths = {d["path"] for d in report["diagnostics"]}
    assert not {p for p in paths if p.startswith(("Meta/Templates/", "Archive/", ".github/", ".hidden"))}
    assert snapshot(tmp_path) == before  # checking reads, never writes


def test_the_line_scanner_reads_nearly_every_note(tmp_path: Path) -> None:
    """Real notes (HTML footers, callouts, tables, footnotes, tab-indented lists, quotes in list
    items, math) stay on the fast reader: markdown-it-py reads at most 1% of them."""
    write_real_shaped(tmp_path)
    stats = _check(tmp_path, "--stats")["stats"]
    assert stats["notes"] == 314
    assert stats["slow_reader"] <= stats["notes"] // 100, stats
