"""`vaultkit check`: exit codes, one diagnostic per problem, JSON output, and no writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, ROOT, snapshot
from vaultkit.cli.main import cli

HOSTILE = ROOT / "tests" / "vaults" / "hostile"

# (path, line, code): exactly one diagnostic per problem planted in the hostile vault.
EXPECTED = [
    ("4913.md", 1, "not-text"),
    ("Brag/No Impact.md", 1, "missing-field"),
    ("Events/Leap Day.md", 2, "field-type"),
    ("Events/List Date.md", 2, "field-type"),
    ("Interviews/Maybe.md", 4, "enum-value"),  # an unknown stage: a warning, the value kept
    ("Loop.md", None, "symlink-broken"),
    ("Notes/Huge.md", None, "file-too-large"),
    ("Notes/Links.md", 4, "link-anchor-missing"),
    ("Notes/Links.md", 5, "link-missing"),
    # ("Notes/Links.md", 6): [[Dup]] takes Notes/Dup.md, in the linking note's folder, as
    # Obsidian does: no diagnostic (see tests/test_obsidian_links.py).
    ("Notes/Pipe.md", None, "not-a-file"),
    ("Notes/Robot.md", 2, "unknown-kind"),
    ("Outside", None, "symlink-outside"),
    ("People/A List.md", 1, "frontmatter-not-mapping"),
    ("People/Bad Syntax.md", 3, "yaml-syntax"),
    ("People/Bom.md", 1, "bom"),
    ("People/Crlf.md", None, "crlf"),
    ("People/Latin.md", 4, "not-utf8"),
    ("People/Laughs.md", 1, "yaml-too-complex"),
    ("People/Merged.md", 3, "conflict-markers"),
    ("People/No.md", 2, "field-type"),
    ("People/Open.md", 1, "frontmatter-unclosed"),
    ("People/Snake.md", 2, "yaml-value"),
    ("People/Twice.md", 3, "yaml-duplicate-key"),
    ("People/Unquoted.md", 2, "unquoted-link"),
    ("vaultkit.toml", None, "config-invalid"),
]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The committed hostile vault, plus what cannot be committed: encodings, FIFOs, links."""
    root = tmp_path / "hostile"
    shutil.copytree(HOSTILE, root)
    (root / "People" / "Bom.md").write_bytes(b"\xef\xbb\xbf---\ntype: person\n---\n")
    (root / "People" / "Crlf.md").write_bytes(b"---\r\ntype: person\r\n---\r\n[[Ada Lovelace]]\r\n")
    (root / "People" / "Latin.md").write_bytes(b"---\ntype: person\n---\ncaf\xe9\n")
    (root / "4913.md").write_bytes(b"bin\x00ary")  # a note named like a dropping is still a note
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "Notes" / "Pipe.md")
    (root / "Outside").symlink_to(tmp_path, target_is_directory=True)
    (root / "Loop.md").symlink_to(root / "Loop.md")
    (root / "Notes" / "Huge.md").write_bytes(b"x" * (2 * 1024 * 1024 + 5))
    (root / "Notes" / "Links.md.swp").write_bytes(b"[[Ghost]]")
    (root / "4913").write_bytes(b"")
    (root / ".obsidian").mkdir()
    (root / ".obsidian" / "ghost.md").write_text("[[Ghost]]")
    os.utime(root / "People" / "No.md", ns=(1_000_000_000, 1_000_000_000))
    return root


def expected_here() -> list[tuple[str, int | None, str]]:
    return [e for e in EXPECTED if hasattr(os, "mkfifo") or e[0] != "Notes/Pipe.md"]


def test_check_on_the_example_exits_zero() -> None:
    result = CliRunner().invoke(cli, ["--vault", str(EXAMPLE), "check"])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.stderr


def test_check_on_the_example_in_a_real_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(EXAMPLE), "check", "--format", "json"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["notes"] > 50
    assert not [d for d in report["diagnostics"] if d["severity"] == "error"]


def test_check_finds_the_vault_from_the_environment(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "check"], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env={**os.environ, "VAULTKIT_VAULT": str(EXAMPLE)})
    assert proc.returncode == 0, proc.stderr


def test_check_on_a_hostile_vault(hostile: Path) -> None:
    before = snapshot(hostile)
    result = CliRunner().invoke(cli, ["--vault", str(hostile), "check", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    report = json.loads(result.stdout)
    got = [(d["path"], d["line"], d["code"]) for d in report["diagnostics"]]
    assert sorted(got, key=str) == sorted(expected_here(), key=str)
    for d in report["diagnostics"]:
        assert d["message"] and d["hint"] and d["severity"] in ("error", "warning", "info")
    assert snapshot(hostile) == before


def test_json_is_sorted_by_path_and_line(hostile: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(hostile), "check", "--format", "json"])
    diags = json.loads(result.stdout)["diagnostics"]
    keys = [(d["path"].casefold(), d["path"], d["line"] or 0) for d in diags]
    assert keys == sorted(keys)
    assert [d["path"] for d in diags][:2] == ["4913.md", "Brag/No Impact.md"]


def test_text_output_one_line_per_diagnostic(hostile: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(hostile), "check"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if not line.startswith("    hint: ")]
    assert len(lines) == len(expected_here())
    assert "People/Twice.md:3: error: " in result.stdout
    assert "[yaml-duplicate-key]" in result.stdout
    errors = sum(1 for line in lines if ": error: " in line)
    assert f"{errors} errors" in result.stderr


def test_hostile_vault_in_a_real_process_has_no_traceback(hostile: Path) -> None:
    before = snapshot(hostile)
    for fmt in ("text", "json"):
        proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(hostile), "check", "--format", fmt],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stdout + proc.stderr
        assert "internal error" not in proc.stderr
    assert snapshot(hostile) == before


def test_no_file_changes_even_the_mtimes(hostile: Path) -> None:
    before = snapshot(hostile)
    CliRunner().invoke(cli, ["--vault", str(hostile), "check"])
    after = snapshot(hostile)
    assert after == before
    assert after["People/No.md"][1] == 1_000_000_000
    assert not [p for p in after if "vaultkit-" in p or p.startswith(".vaultkit")]


def test_warnings_only_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("[[Nowhere]]\n")
    result = CliRunner().invoke(cli, ["--vault", str(tmp_path), "check"])
    assert result.exit_code == 0
    assert "a.md:1: warning: [[Nowhere]] points to no note [link-missing]" in result.stdout


@pytest.mark.parametrize("args", [
    ["check", "--format", "xml"],
    ["check", "--bogus"],
    ["no-such-command"],
    ["--vault", "/no/such/folder/anywhere", "check"],
])
def test_usage_errors_exit_two(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output


def test_usage_error_in_a_real_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "check", "--format", "xml"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "xml" in proc.stderr


def test_a_reader_that_goes_away_is_no_error(tmp_path: Path) -> None:
    """`vaultkit check | head -1`: the pipe closes while check still writes. It stops quietly
    (click's way: exit 1, nothing said), never `Error: [Errno 32] Broken pipe`."""
    for i in range(400):
        (tmp_path / f"Note {i}.md").write_text("".join(f"[[Missing {i} {j}]]\n" for j in range(5)))
    (tmp_path / "vaultkit.toml").write_text("")
    proc = subprocess.Popen([sys.executable, "-m", "vaultkit", "--vault", str(tmp_path), "check"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)  # the first line starts…
    proc.stdout.close()  # …and the reader goes away, with far more than a pipe holds still to come
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Error" not in err and "Traceback" not in err and "Exception ignored" not in err, err
