"""`vaultkit build`: golden output, idempotence, determinism, refusal, dry run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.conftest import EXAMPLE, copy_vault, snapshot, write_vault
from vaultkit.cli.main import cli


def generated(vault: Path) -> dict[str, str]:
    out = vault / "Vaultkit"
    return {p.relative_to(out).as_posix(): p.read_bytes().decode("utf-8")
            for p in sorted(out.rglob("*.md"))}


def run_build(vault: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--vault", str(vault), "build", *args])


def test_example_build_matches_golden(example_copy: Path, golden: Any) -> None:
    shutil.rmtree(example_copy / "Vaultkit", ignore_errors=True)
    result = run_build(example_copy)
    assert result.exit_code == 0, result.output
    golden("career-vault", generated(example_copy))


def test_committed_example_output_is_current() -> None:
    """The generated notes committed in examples/ are what a build writes today."""
    before = snapshot(EXAMPLE)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(EXAMPLE), "build", "--dry-run"],
                          capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "0 created, 0 updated" in proc.stdout, proc.stdout
    assert snapshot(EXAMPLE) == before


def test_second_build_writes_nothing(example_copy: Path) -> None:
    assert run_build(example_copy).exit_code == 0
    before = snapshot(example_copy)
    result = run_build(example_copy)
    assert result.exit_code == 0
    assert "0 created, 0 updated" in result.output
    assert snapshot(example_copy) == before


def test_dry_run_prints_diff_and_writes_nothing(example_copy: Path) -> None:
    shutil.rmtree(example_copy / "Vaultkit", ignore_errors=True)
    before = snapshot(example_copy)
    result = run_build(example_copy, "--dry-run")
    assert result.exit_code == 0
    assert "+++ b/Vaultkit/People.md" in result.output
    assert "would be: " in result.output
    assert snapshot(example_copy) == before


def test_user_text_in_generated_note_survives_build(example_copy: Path) -> None:
    run_build(example_copy)
    people = example_copy / "Vaultkit" / "People.md"
    text = people.read_text()
    text = text.replace("# People\n", "# People\n\nMy own notes: call Priya first.\n", 1) + "\nTail notes.\n"
    people.write_text(text)
    (example_copy / "People" / "Zed Quinn.md").write_text("---\ncompany: Acme\n---\nNew person.\n")
    assert run_build(example_copy).exit_code == 0
    after = people.read_text()
    assert "My own notes: call Priya first.\n" in after
    assert after.endswith("\nTail notes.\n")
    assert "[[Zed Quinn]]" in after


def test_foreign_file_is_refused_not_overwritten(tmp_path: Path) -> None:
    vault = write_vault(tmp_path, {"People/Ada.md": "---\ncompany: X\n---\n",
                                   "Vaultkit/People.md": "# My own people list\n"})
    result = run_build(vault)
    assert result.exit_code == 1
    assert "not a vaultkit generated note" in result.output
    assert (vault / "Vaultkit" / "People.md").read_text() == "# My own people list\n"
    assert (vault / "Vaultkit" / "Follow-ups.md").exists()  # the others are still written


def test_unbalanced_markers_are_refused(example_copy: Path) -> None:
    run_build(example_copy)
    path = example_copy / "Vaultkit" / "People.md"
    broken = re.sub(r"<!-- vaultkit:end people [0-9a-f]+ -->", "", path.read_text())
    path.write_text(broken)
    result = run_build(example_copy)
    assert result.exit_code == 1
    assert "never closed" in result.output
    assert path.read_text() == broken


def _build_in_subprocess(vault: Path, env_extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "LANG", "LC_ALL", "VAULTKIT_TODAY")}
    env.update(env_extra)
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(vault), "build"],
                          capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    return generated(vault)


def test_same_bytes_across_time_zones_and_locales(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    copy_vault(EXAMPLE, a)
    copy_vault(EXAMPLE, b)
    for v in (a, b):
        shutil.rmtree(v / "Vaultkit", ignore_errors=True)
    out_a = _build_in_subprocess(a, {"TZ": "UTC", "LANG": "C.UTF-8"})
    out_b = _build_in_subprocess(b, {"TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"})
    assert out_a == out_b
    assert out_a


def test_same_bytes_when_files_are_created_in_another_order(tmp_path: Path) -> None:
    files = sorted(p for p in EXAMPLE.rglob("*") if p.is_file() and "Vaultkit" not in p.parts
                   and ".vaultkit" not in p.parts)
    forward, backward = tmp_path / "f", tmp_path / "r"
    for dest, order in ((forward, files), (backward, list(reversed(files)))):
        for src in order:
            target = dest / src.relative_to(EXAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    assert run_build(forward).exit_code == 0
    assert run_build(backward).exit_code == 0
    assert generated(forward) == generated(backward)


def test_check_reports_generated_notes_build_would_refuse(example_copy: Path) -> None:
    (example_copy / "Vaultkit" / "Sharing.md").write_text("# my own sharing log\n")
    people = example_copy / "Vaultkit" / "People.md"
    people.write_text(re.sub(r"<!-- vaultkit:end people [0-9a-f]+ -->", "", people.read_text()))
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "check"])
    assert result.exit_code == 1
    assert "Vaultkit/Sharing.md:1: error: build will not regenerate it: this file is not a vaultkit" in result.output
    assert "Vaultkit/People.md:6: error: build will not regenerate it: region 'people' is never closed" \
        in result.output


def test_a_build_pauses_the_collector_and_freezes_nothing_it_planned(tmp_path: Path) -> None:
    """The collector is off from planning to the end of a build, and on again after; what the
    build planned is not frozen (the views' rows hold cycles: frozen, a process that builds again
    and again would keep every build's), so builds after the first leave no more frozen objects."""
    import gc

    from vaultkit.disk.build import build

    root = copy_vault(EXAMPLE, tmp_path / "v")
    frozen = []
    for _ in range(3):
        build(root, use_cache=False)
        assert gc.isenabled()
        gc.collect()
        frozen.append(gc.get_freeze_count())
    assert frozen[1] == frozen[2]
