"""CPU time of each kind of save in `vaultkit watch`'s `Session`, trees side by side.

``python bench/watch_cpu.py VAULT --vaultkit TREE [--vaultkit TREE ...] [--saves N] [--repeat R]``

What the watcher does for a save once the debounce is over, without the watchdog thread, the
debounce or the wait for a save in progress (`live.watch`): `Session.update` + `Session.rebuild`
on a copy of VAULT, built first, loaded from its cache, fully planned as `watch` plans at its
start (`Session.rebuild(start=True)`, where the tree has it) and
its links index made, as `watch` has them before the first save. Then N saves of each kind, on
person notes drawn with a seeded stream, as `watch_saves.py` makes them: ``edit`` (role),
``add`` (a new person), ``delete``, ``rename`` (``os.rename``), ``names`` (title, then alias).

CPU time (`time.process_time`) is what the machine's load moves least (SPEC §7 budgets are wall
time: see `watch_saves.py` for end to end); wall time, fsync included, is reported beside it.
Each tree runs in its own process (``PYTHONPATH``, its own ``XDG_CACHE_HOME``), trees alternating,
R times; a kind's figure is the median over every save of the R runs.

``ready`` (each run too): ``vaultkit watch`` spawned on a copy built by the same tree, and its
process's CPU time (``/proc/PID/stat``: user + system, interpreter start-up included) when it
logs "ready: " (from a current cache it has planned every generated note by then: a save is
planned incrementally from there), with the wall time beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("edit", "add", "delete", "rename", "names")

CHILD = r"""
import json, os, random, sys, time
from pathlib import Path
# The tree's vaultkit first: `watch_saves` imports bench/run.py, which puts the bench's own tree
# ahead on sys.path (every tree measured was that one until this was so). Its submodules then load
# from the package's folder, whatever sys.path says.
import vaultkit
from vaultkit.disk.build import build
from vaultkit.live.session import Session
if not vaultkit.__file__.startswith(os.path.join(os.getcwd(), "")):
    raise SystemExit(f"imported {vaultkit.__file__}, not the tree's vaultkit")
sys.path.insert(0, sys.argv[3])
from watch_saves import with_front

root, saves = sys.argv[1], int(sys.argv[2])
build(root)
session = Session(root)
session.load()
try:
    session.rebuild(start=True)  # as `watch` plans at its start (on both cores: `live.rowwork`)
except TypeError:  # a tree from before `start`
    session.rebuild()
session.live.links()
people = sorted(Path(root, "People").glob("*.md"))
random.Random(42).shuffle(people)
out = {}
for kind in %(kinds)r:
    out[kind] = []
    for n in range(saves):
        note = people.pop()
        rel = note.relative_to(root).as_posix()
        if kind == "edit":
            note.write_text(with_front(note.read_text("utf-8"), "role", f"cpu{n}"), "utf-8")
            paths = {rel}
        elif kind == "add":
            new = note.with_name(f"Cpu Person {n}.md")
            new.write_text(f"---\ntype: person\nrole: r{n}\n---\n# Cpu {n}\n", "utf-8")
            paths = {new.relative_to(root).as_posix()}
        elif kind == "delete":
            note.unlink()
            paths = {rel}
        elif kind == "rename":
            new = note.with_name(f"{note.stem} cpu{n}.md")
            os.rename(note, new)
            paths = {rel, new.relative_to(root).as_posix()}
        else:
            key, value = ("title", f"Cpu Title {n}") if n %% 2 == 0 else ("aliases", f"[Cpu Alias {n}]")
            note.write_text(with_front(note.read_text("utf-8"), key, value), "utf-8")
            paths = {rel}
        wall, cpu = time.perf_counter(), time.process_time()
        session.update(paths)
        session.rebuild()
        out[kind].append(((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000))
        if session.live is None or session.live.linkers is None:
            session.rebuild() if session.live is None else session.live.links()  # as the watcher's idle time
print(json.dumps(out))
"""


def run_tree(tree: Path, vault: Path, saves: int, kinds: tuple[str, ...] = KINDS) -> dict[str, list[list[float]]]:
    """One process of `tree` on a fresh copy of `vault`: {kind: [[cpu ms, wall ms], ...]}."""
    with tempfile.TemporaryDirectory(prefix="vkbench-cpu-") as scratch:
        copy = Path(scratch) / "vault"
        shutil.copytree(vault, copy)
        env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(Path(scratch) / "cache")}
        done = subprocess.run([sys.executable, "-c", CHILD % {"kinds": kinds}, str(copy), str(saves),
                               str(Path(__file__).resolve().parent)],
                              env=env, cwd=tree, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{tree}: exit {done.returncode}\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def ready_tree(tree: Path, vault: Path, timeout: float = 300.0) -> list[float]:
    """`vaultkit watch` of `tree` on a fresh copy of `vault` built first: [cpu ms, wall ms] at "ready: "."""
    with tempfile.TemporaryDirectory(prefix="vkbench-ready-") as scratch:
        copy = Path(scratch) / "vault"
        shutil.copytree(vault, copy)
        env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(Path(scratch) / "cache"),
               "PYTHONUNBUFFERED": "1"}
        argv = [sys.executable, "-m", "vaultkit", "--vault", str(copy)]
        subprocess.run([*argv, "build"], env=env, cwd=tree, capture_output=True, check=True, timeout=timeout)
        ticks = os.sysconf("SC_CLK_TCK")
        started = time.perf_counter()
        proc = subprocess.Popen([*argv, "watch", "--debounce", "0.02"], env=env, cwd=tree, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            assert proc.stdout is not None
            for line in proc.stdout:  # (bounded by `timeout`: the finally kills it)
                if "ready: " in line:
                    wall = time.perf_counter() - started
                    fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
                    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
                    return [cpu * 1000, wall * 1000]
                if time.perf_counter() - started > timeout:
                    break
            raise SystemExit(f"{tree}: no 'ready: ' line from the watcher")
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> None:
    """Run the trees alternating and print a table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--vaultkit", type=Path, action="append", required=True, help="source tree (repeatable)")
    parser.add_argument("--saves", type=int, default=10, help="saves of each kind per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tree")
    parser.add_argument("--kinds", default=",".join(("ready", *KINDS)), help="of ready," + ",".join(KINDS))
    args = parser.parse_args()
    kinds = [k for k in ("ready", *KINDS) if k in args.kinds.split(",")]
    got: dict[str, dict[str, list[list[float]]]] = {str(t): {k: [] for k in kinds} for t in args.vaultkit}
    for _ in range(args.repeat):
        for tree in args.vaultkit:
            if "ready" in kinds:
                got[str(tree)]["ready"].append(ready_tree(tree.resolve(), args.vault))
            saved = tuple(k for k in KINDS if k in kinds)
            if saved:
                for kind, figures in run_tree(tree.resolve(), args.vault, args.saves, saved).items():
                    got[str(tree)][kind].extend(figures)
    print(f"{'kind':8} " + " ".join(f"{Path(t).name + ' cpu / wall ms':>28}" for t in got))
    for kind in kinds:
        cells = []
        for tree in got:
            figures = got[tree][kind]
            cpu, wall = statistics.median(f[0] for f in figures), statistics.median(f[1] for f in figures)
            cells.append(f"{cpu:13.1f} / {wall:9.1f}")
        print(f"{kind:8} " + " ".join(f"{c:>28}" for c in cells))


if __name__ == "__main__":
    main()
