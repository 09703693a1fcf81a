"""No silent degradation: `build` and `watch` print every error of the vault (file:line, message,
hint), `watch --quiet` too, and `build` exits 1 while any note has an error, warm or cold."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_watch import Watcher, spy, start_watch  # noqa: F401 (fixtures)
from vaultkit.cli.main import cli

BROKEN = "---\ncompany: [unclosed\n---\n- 2026-03-01 met [[Ben]]\n"


def _age(vault: Path) -> None:
    """Older than the 2 s in which an mtime is not trusted, so the next build may skip the work."""
    for path in vault.rglob("*"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10_000_000_000))


def _build(vault: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
    return result.exit_code, result.stdout, result.stderr


def test_build_prints_every_error_and_exits_1_warm_or_cold(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "People/Ben.md": "---\ncompany: X\n---\n[[Nobody]]\n",
                                         "People/Broken.md": BROKEN})
    _age(vault)
    for attempt in ("cold", "warm"):
        code, out, err = _build(vault)
        assert code == 1, (attempt, out, err)
        assert re.search(r"^People/Broken\.md:3: error: frontmatter is not valid YAML.*\[yaml-syntax\]$",
                         err, re.M), err
        assert "    hint: check the YAML" in err
        assert "Nobody" not in err  # warnings are counted, not listed
        assert "the vault has 1 error and 1 warning: see `vaultkit check`" in err
        assert (attempt == "warm") == out.startswith("0 created, 0 updated"), out
    (vault / "People" / "Broken.md").write_text("---\ncompany: Y\n---\n")
    code, _, err = _build(vault)
    assert code == 0 and "error" not in err, err
    assert "the vault has 1 warning: see `vaultkit check`" in err


def test_watch_prints_errors_even_when_quiet(tmp_path: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "People/Ben.md": "---\ncompany: X\n---\n",
                                         "People/Broken.md": BROKEN})
    watcher = start_watch(vault, quiet=True)
    watcher.wait_log(lambda line: line.startswith("People/Broken.md:3: error: frontmatter is not valid YAML")
                     and "\n    hint: check the YAML" in line, "the error at the start")
    (vault / "People" / "Ben.md").write_text("---\ncompany: X\nmet_on: [\n---\n")
    watcher.wait_log(lambda line: re.match(r"People/Ben\.md:\d+: error: frontmatter", line) is not None,
                     "the error of a changed note")
    assert not [line for line in watcher.lines if "←" in line]  # quiet: no rebuild lines, errors only


def test_problems_count_as_check_does(tmp_path: Path) -> None:
    from vaultkit.disk.load import load_vault
    from vaultkit.reader.model import Severity

    root = write_vault(tmp_path / "v", {"A/Same.md": "x\n", "B/Same.md": "y\n", "People/Broken.md": BROKEN,
                                        "Notes/Links.md": "[[Same]] [[Nobody]] [[Same#No heading]] [[Links]]\n"})
    every = load_vault(root).diagnostics
    errors = [d for d in every if d.severity is Severity.ERROR]
    assert {d.code for d in errors} == {"yaml-syntax"}
    assert "link-ambiguous" in {d.code for d in every}  # a tie between A/Same and B/Same: a warning
    assert load_vault(root).problems() == (errors, sum(d.severity is Severity.WARNING for d in every))
    assert load_vault(root).problems(warnings=False) == (errors, 0)


def test_a_build_with_nothing_to_do_counts_what_its_own_scan_finds(tmp_path: Path) -> None:
    """A sync conflict copy is no input of the build (nothing to rebuild), but it is a warning:
    the record of the last build must not hide it, nor keep counting one that is gone."""
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "People/Ben.md": "---\ncompany: X\n---\n"})
    _age(vault)
    assert _build(vault)[0] == 0
    copy = vault / "People" / "Ben.sync-conflict-20260101-120000-ABCDEFG.md"
    copy.write_text("---\ncompany: Y\n---\n")
    for expected in ("the vault has 1 warning: see `vaultkit check`", None):
        code, out, err = _build(vault)
        assert code == 0 and out.startswith("0 created, 0 updated"), (out, err)  # nothing to rebuild
        assert (expected in err) if expected else "warning" not in err, err
        copy.unlink(missing_ok=True)
