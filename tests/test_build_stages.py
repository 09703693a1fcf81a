"""bench/build_stages.py: a cold build measured in every process writes what one not measured
writes, gives a figure for each stage (the workers' and the hints child's among them), and leaves
the functions it probed, the collector and the process's lifetime as they were."""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from bench.build_stages import stages
from tests.conftest import snapshot, write_vault
from vaultkit.disk import build, cache, hintwork, lifetime, load, parsework, planwork
from vaultkit.views.common import Facts

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")

_FIGURES = ["scan", "load", "parse_here", "take", "vault", "plan", "contacts", "write", "record", "parent",
            "workers", "parse_each", "parts_each", "chunk_each", "hints", "hints_takeback", "hints_suggest",
            "hints_walk", "children"]


def _files(count: int) -> dict[str, str]:
    """People whose dated items link each other (some names misspelt: hints to search) and daily notes."""
    files = {}
    for i in range(count):
        typo = f"Persn {i + 1:03d}" if i % 3 == 0 else f"Person {(i + 1) % count:03d}"
        files[f"People/Person {i:03d}.md"] = (
            f"---\ntype: person\ncompany: Acme {i % 4}\n---\n# Interactions\n"
            f"- 2025-01-0{1 + i % 9} met [[{typo}]] and [[Person {(i + 7) % count:03d}#Interactions]]\n")
        files[f"Daily/2025-02-{1 + i % 28:02d}.md"] = f"- talked to [[Person {i:03d}]] #followup\n"
    return files


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_a_measured_build_writes_what_a_build_does_and_puts_everything_back(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)
    for module in (load, hintwork, planwork):  # workers, the hints child and the plan child on a small vault
        monkeypatch.setattr(module, "PARALLEL_MIN_NOTES" if module is load else "MIN_NOTES", 10)
    plain, measured = write_vault(tmp_path / "plain", _files(60)), tmp_path / "measured"
    hour_ago = time.time() - 3600  # not too recent for the notes cache: the hints child reads links back from it
    for dirpath, _, names in os.walk(plain):
        for name in names:
            os.utime(os.path.join(dirpath, name), (hour_ago, hour_ago))
    shutil.copytree(plain, measured)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    build.build(plain)

    originals = (parsework._work, parsework.parsed_notes, build.Vault, build.load_notes, hintwork._findings,
                 Facts.__dict__["contacts"].func)
    was_enabled, held = gc.isenabled(), lifetime._held
    figures = stages(measured)

    def generated(root: Path) -> dict[str, bytes]:
        return {path: data for path, (data, _) in snapshot(root / "Vaultkit", folder_mtimes=False).items()}

    assert generated(measured) == generated(plain) != {}
    assert list(figures) == _FIGURES and all(value >= 0 for value in figures.values())
    # The workers parsed notes, the hints child read the links back from the notes cache and walked
    # them: each noted what it did.
    assert figures["workers"] > 0 and figures["parse_each"] > 0
    assert figures["hints"] > 0 and figures["hints_takeback"] > 0
    assert figures["load"] >= figures["take"] and figures["children"] > 0
    assert (parsework._work, parsework.parsed_notes, build.Vault, build.load_notes, hintwork._findings,
            Facts.__dict__["contacts"].func) == originals
    assert gc.isenabled() is was_enabled and lifetime._held is held
    assert os.environ["XDG_CACHE_HOME"] == str(tmp_path / "xdg")
