"""Fuzz: `build` and `check`, as real processes, over random mixes of the hostile corpus.

Every mix is written into a copy of the example vault. Then, whatever the mix holds:
no process hangs (a generous limit only catches hangs), none shows a traceback or an
internal error, the exit status is 0 or 1, no user file's bytes or mtime change, every
generated note vaultkit wrote holds each of its regions once, and a second build on the
same vault writes nothing. `VAULTKIT_FUZZ_MIXES` sets how many random mixes run (default
16, to keep CI fast) and `VAULTKIT_FUZZ_SEED` the seed; a failure names the mix to replay.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT, copy_vault, snapshot
from tests.hostile import all_cases
from vaultkit.disk import fs

MIXES = int(os.environ.get("VAULTKIT_FUZZ_MIXES", "16"))
SEED = int(os.environ.get("VAULTKIT_FUZZ_SEED", "20261127"))
HANG = 180  # seconds: far beyond any build of the example vault; only a hang gets there
OUTPUT = "Vaultkit"
CASES = all_cases()
# at a line start after any line ending: LF, CRLF, or a lone CR (a note an old Mac tool converted)
_BEGIN = re.compile(rb"(?:^|(?<=\r))<!-- vaultkit:begin ([A-Za-z0-9_.-]+) -->", re.M)


def _mix(index: int) -> list[str]:
    rng = random.Random(SEED * 1000 + index)
    return sorted(rng.sample(sorted(CASES), rng.randint(1, min(6, len(CASES)))))


def _state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry's bytes and mtime; folders without theirs (it moves when vaultkit writes inside)."""
    return snapshot(root, folder_mtimes=False)


def _users(state: dict[str, tuple[bytes, int]], made: frozenset[str] = frozenset()) -> dict[str, tuple[bytes, int]]:
    """The user's files: all but the output folder, vaultkit's own leftovers in `.vaultkit/`, the
    temp files of vaultkit's interrupted writes (the next build removes them), and `made`: files
    vaultkit created (`.obsidian/types.json` where there was none)."""
    def vaultkits(rel: str) -> bool:
        if rel in (OUTPUT, ".vaultkit") or rel.startswith(OUTPUT + "/") or fs.is_temp(rel.rsplit("/", 1)[-1]):
            return True
        if rel in made:
            return True
        if rel.startswith(".vaultkit/"):
            name = rel[len(".vaultkit/"):]
            return name.startswith(("cache-", "last-build-")) or name == ".gitignore"
        return False
    return {rel: value for rel, value in state.items() if not vaultkits(rel)}


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VAULTKIT_TODAY": "2026-06-30"}
    try:
        proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(root), *args],
                              capture_output=True, text=True, timeout=HANG, cwd=ROOT, env=env,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`vaultkit {' '.join(args)}` did not finish in {HANG} s")
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    assert proc.returncode in (0, 1), f"exit {proc.returncode}: {output[-3000:]}"
    return proc


def _regions_once(root: Path, before: dict[str, tuple[bytes, int]]) -> None:
    """Every generated note a build wrote holds each region once (a begin and an end line)."""
    out = root / OUTPUT
    for path in sorted(out.rglob("*.md")) if out.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file() or before.get(rel, (None,))[0] == path.read_bytes():
            continue  # not vaultkit's to write, or left as it was
        data = path.read_bytes()
        names = _BEGIN.findall(data)
        assert names, f"{rel} was written without a region"
        for name in set(names):
            assert names.count(name) == 1, f"{rel}: region {name!r} appears {names.count(name)} times"
            ends = re.findall(rb"(?:^|(?<=\r))<!-- vaultkit:end " + re.escape(name) + rb"[ >]", data, re.M)
            assert len(ends) == 1, f"{rel}: region {name!r} has {len(ends)} end markers"


def _fuzz(tmp_path: Path, mix: list[str]) -> None:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    for name in mix:
        CASES[name](root)
    before = _state(root)
    first = _run(root, "build")
    _run(root, "check")
    after_first = _state(root)
    made = frozenset({".obsidian/types.json"} - set(before))  # an Obsidian vault's types: `build` adds them
    assert _users(after_first, made) == _users(before), f"mix {mix}: a user file changed"
    _regions_once(root, before)
    second = _run(root, "build")
    assert _state(root) == after_first, f"mix {mix}: a second build on an unchanged vault wrote something"
    assert second.returncode == first.returncode, (mix, first.stderr[-2000:], second.stderr[-2000:])


def test_the_corpus_covers_every_area() -> None:
    areas = {name.split(".", 1)[0] for name in CASES}
    assert {"basics", "disk", "reading", "regions", "sandbox"} <= areas, areas
    assert len(CASES) >= 10


@pytest.mark.parametrize("index", range(MIXES))
def test_random_mix(tmp_path: Path, index: int) -> None:
    mix = _mix(index)
    try:
        _fuzz(tmp_path, mix)
    except BaseException as exc:
        exc.add_note(f"replay: VAULTKIT_FUZZ_SEED={SEED} mix #{index}: {mix}")
        raise
    finally:
        _unlock(tmp_path)


def test_every_case_at_once(tmp_path: Path) -> None:
    try:
        _fuzz(tmp_path, sorted(CASES))
    finally:
        _unlock(tmp_path)


def _unlock(tmp_path: Path) -> None:
    """Give back the permissions a case took away, so the temporary folder can be removed."""
    for dirpath, dirnames, _ in os.walk(tmp_path):
        for name in dirnames:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full):
                os.chmod(full, 0o755)
    for dirpath, _, filenames in os.walk(tmp_path):
        for name in filenames:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full) and os.path.isfile(full):
                os.chmod(full, 0o644)
