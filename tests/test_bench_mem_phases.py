"""bench/mem_phases.py: a cold build of the example vault, in a process of its own, marked phase by
phase; it writes the generated notes a build writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_mem_phases_marks_each_phase_of_a_cold_build(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(REPO / "examples" / "career-vault", vault)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = subprocess.run([sys.executable, str(REPO / "bench" / "mem_phases.py"), str(vault)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for what in ("imported", "notes loaded", "Vault made", "rendered People.md.j2", "generated notes written",
                 "built"):
        assert any(line.endswith(f"  {what}") for line in lines), (what, done.stdout)
    assert lines[-1].startswith("peak: this process ") and "created" in lines[-1]
    assert (vault / "Vaultkit" / "People.md").is_file()
