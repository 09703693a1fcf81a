"""vaultkit benchmark: time and peak memory of every stage against the floor, at every size (SPEC §7).

Run from the repository root, with the project's venv::

    python bench/run.py                                   # 1k,10k,50k,100k; plain,long-items; medians of 3
    python bench/run.py --sizes 1000,10000 --repeat 3 --shapes plain,long-items --measures build-cold,watch
    python bench/run.py --vaults /work/bench-vaults       # reuse vaults generated there (by source hash)
    python bench/run.py --vaultkit /tmp/before --vaultkit .   # two source trees, alternating, one run

Measures (``--measures``; default all but ``load`` and ``check-cold``), each a fresh child process
timed from spawn to exit (``children.py``: wall clock, interpreter start-up included; peak RSS of
the largest single process, vaultkit's main process or any parse worker, from ``RUSAGE_SELF`` and
``RUSAGE_CHILDREN`` at its exit):

* ``floor``      - one process that walks the vault and reads every file's bytes (every ratio's base;
  run ``--repeat`` times before the other measures of a size and again after them, median of all);
* ``load``       - ``vaultkit.load_vault(path)``;
* ``build-cold`` - ``vaultkit build`` with no generated notes and no cache;
* ``build-warm`` - ``build`` again with nothing changed (after an untimed build of the same tree);
* ``check-cold`` - ``check`` with no generated notes and no cache;
* ``check-warm`` - ``check`` right after a build;
* ``watch``      - ``watch-ready`` and the saves ``save-edit``, ``save-add``, ``save-delete``,
  ``save-rename``, ``save-names`` (title and alias changes) on a copy of the vault
  (``watch_saves.py``: ``--saves`` of each kind per session, debounce ``--debounce``); with
  ``--plugin talks`` the copy loads the example plugin (and has talk notes), with ``--queries N``
  it holds N query regions (``extras.py``);
* ``stages``     - µs/note by stage: ``stages(root) -> dict[str, float]`` of ``bench/parse_stages.py``,
  ``bench/plan_stages.py`` and ``bench/build_stages.py``, when present, run in a child of each tree
  (``--stage-runs`` times; CPU time, each process its own: they say what each stage costs, not the
  wall clock of a build; ``build_stages`` times a whole cold build, its workers and children too).

Each measure runs ``--repeat`` times (median reported), alternating between shapes and trees
(A, B, A, B…). Printed: the table (median, range, p95 of saves, ratio to the floor of the same size
and shape, peak MB and main / largest worker MB), the growth per 10× of time and memory between
consecutive sizes (flagging any stage that grows faster than the vault), µs/note by stage, whether
every cold build (every run, every tree) wrote the same generated notes (SHA-256), and the SPEC §7
verdicts; everything also goes to ``--out`` as JSON.

``--vaultkit PATH`` (repeatable, default this repository) is the source tree the children import:
put first on ``PYTHONPATH`` and made their working folder; each tree gets a cache folder of its own
(``XDG_CACHE_HOME``), emptied for a cold run. Vaults are generated once per (size, seed, shape,
generator source) under ``--vaults`` (default ``bench/.vaults/``); measures build in them in place,
watch sessions work on a temporary copy. A failing measure is ``n/a`` and the run goes on. Unix only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(REPO))  # the vaultkit the children run by default, for where it keeps a vault's cache
import extras  # noqa: E402
import report  # noqa: E402
from children import OUTPUT_DIR, Run, Tree, run, vaultkit_argv  # noqa: E402
from children import reset as reset_tree  # noqa: E402
from gen_vault import SHAPES, generate  # noqa: E402

from vaultkit.disk.fs import cache_folder  # noqa: E402

FLOOR = """import os, sys
files = size = 0
for root, _dirs, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(root, name), "rb") as f:
            size += len(f.read())
        files += 1
print(files, size)
"""
LOAD = "import sys, vaultkit; vaultkit.load_vault(sys.argv[1])"
# vaultkit is imported first, from the working folder (the tree under test): a stage module that puts
# another tree on sys.path then still gets this tree's vaultkit modules (they load from its package).
STAGES = ("import json, sys, vaultkit; sys.path.insert(0, sys.argv[1]); import {module} as m; "
          "print(json.dumps(m.stages(sys.argv[2])))")
STAGE_MODULES = ("parse_stages", "plan_stages", "build_stages")
MEASURES = ("floor", "load", "build-cold", "build-warm", "check-cold", "check-warm", "watch", "stages")
DEFAULT_MEASURES = ("floor", "build-cold", "build-warm", "check-warm", "watch", "stages")
SAVES = tuple(f"save-{k}" for k in ("edit", "add", "delete", "rename", "names"))
HERE = Tree("repo", REPO)  # this repository, with the caller's cache folder: watch_latency.py's children


# --- the API watch_latency.py uses (this repository's vaultkit, the caller's cache folder) -------


def child_env() -> dict[str, str]:
    """The environment of every child: ours, with the repository first on PYTHONPATH."""
    return HERE.env()


def reset(vault: Path) -> None:
    """Remove vaultkit's output folder and cache, back to the freshly generated vault."""
    reset_tree(vault, HERE, Path(cache_folder(str(vault))))


def run_once(argv: list[str], timeout: float) -> tuple[float, int, int, str, str]:
    """Run argv to completion; return (seconds, peak RSS bytes, exit code, stdout, stderr)."""
    done = run(argv, HERE, timeout)
    return done.seconds, done.peak, done.code, done.out, done.err


# --- one measure ---------------------------------------------------------------------------


def argv_for(measure: str, vault: Path) -> list[str]:
    """The child command line of a measure."""
    if measure == "floor":
        return [sys.executable, "-c", FLOOR, str(vault)]
    if measure == "load":
        return [sys.executable, "-c", LOAD, str(vault)]
    return vaultkit_argv(vault, measure.split("-")[0])


def run_measure(name: str, vault: Path, tree: Tree, timeout: float) -> Run | dict[str, Any]:
    """One run of a measure, or the n/a result when it fails."""
    if name in ("build-cold", "check-cold", "load"):
        reset_tree(vault, tree)
    elif name in ("build-warm", "check-warm"):
        run(argv_for("build-warm", vault), tree, timeout)  # untimed: this tree's cache and build record
    done = run(argv_for(name, vault), tree, timeout)
    if done.code != 0:
        tail = "\n".join(done.err.rstrip().splitlines()[-12:])
        print(f"  {name} ({tree.label}): n/a (exit {done.code}):\n    " + tail.replace("\n", "\n    "), file=sys.stderr)
        return {"measure": name, "status": "n/a", "exit_code": done.code, "error": tail}
    return done


def summary(name: str, runs: list[Run], extra: dict[str, Any]) -> dict[str, Any]:
    """A measure's result: median and range of its runs' times, the largest peak memory."""
    def mb(x: int) -> float | None:
        return round(x / 2**20, 1) if x else None

    seconds = [r.seconds for r in runs]
    return {"measure": name, "status": "ok", "runs": [round(t, 5) for t in seconds],
            "median_s": statistics.median(seconds), "min_s": min(seconds), "max_s": max(seconds),
            "peak_mb": mb(max(r.peak for r in runs)), "main_mb": mb(max(r.main_rss or 0 for r in runs)),
            "worker_mb": mb(max(r.worker_rss or 0 for r in runs)), **extra}


def outputs_digest(vault: Path) -> str:
    """SHA-256 over the generated notes' paths and bytes."""
    digest = hashlib.sha256()
    for path in sorted((vault / OUTPUT_DIR).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(vault).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def measure(name: str, vaults: dict[str, Path], trees: list[Tree], repeat: int,
            timeout: float) -> list[dict[str, Any]]:
    """`repeat` runs of a measure on every (shape, tree), alternating; one result each."""
    pairs = [(shape, tree) for shape in vaults for tree in (trees if name != "floor" else trees[:1])]
    done: dict[tuple[str, str], list[Run]] = {(s, t.label): [] for s, t in pairs}
    failed: dict[tuple[str, str], dict[str, Any]] = {}
    made: dict[tuple[str, str], set[str]] = {key: set() for key in done}
    for _ in range(repeat):
        for shape, tree in pairs:
            if (shape, tree.label) not in failed:
                got = run_measure(name, vaults[shape], tree, timeout)
                if isinstance(got, dict):
                    failed[shape, tree.label] = got
                else:
                    done[shape, tree.label].append(got)
                    if name == "build-cold":  # untimed: what the build wrote, to compare trees
                        made[shape, tree.label].add(outputs_digest(vaults[shape]))
    out = []
    for shape, tree in pairs:
        key = (shape, tree.label)
        extra: dict[str, Any] = {"stdout": done[key][-1].out.strip()} if done[key] else {}
        if made[key]:
            extra["outputs_sha256"] = sorted(made[key])
        result = failed.get(key) or summary(name, done[key], extra)
        out.append({"shape": shape, "tree": tree.label if name != "floor" else "", **result})
        if result["status"] == "ok":
            print(f"  {name} ({shape}, {tree.label}): median {result['median_s']:.3f} s, "
                  f"peak {result.get('peak_mb')} MB", file=sys.stderr)
    return out


def watch(vaults: dict[str, Path], trees: list[Tree], a: argparse.Namespace) -> list[dict[str, Any]]:
    """Watch sessions on a copy of each vault, alternating trees: ready time and every kind of save."""
    from watch_saves import KINDS, session  # watch_latency imports this module: load it once we are loaded

    out = []
    for shape, vault in vaults.items():
        with tempfile.TemporaryDirectory(prefix="vkbench-copy-") as tmp:
            copy = Path(tmp) / vault.name
            shutil.copytree(vault, copy, symlinks=True, ignore=shutil.ignore_patterns(OUTPUT_DIR))
            if a.plugin:
                extras.add_talks(copy, a.seed)
            placed = extras.add_queries(copy, a.queries, bool(a.plugin))
            got: dict[str, list[dict[str, Any]]] = {t.label: [] for t in trees}
            for number in range(a.repeat):
                for tree in trees:
                    one = session(copy, tree, list(KINDS), a.saves, a.debounce, a.seed, number, a.timeout)
                    got[tree.label].append(one)
                    if one["status"] != "ok":
                        print(f"  watch ({shape}, {tree.label}) session {number + 1}: {one['status']} "
                              f"{one.get('error', '')}; log tail:\n    " + "\n    ".join(one.get("log", [])[-8:]),
                              file=sys.stderr)
            seen = extras.verify(copy, a.plugin, placed) if a.plugin or placed else {}
            for tree in trees:
                out += [{**r, "extras": seen} if seen and r["measure"] == "watch-ready" else r
                        for r in watch_results(shape, tree.label, got[tree.label])]
    return out


def watch_results(shape: str, tree: str, sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The watch-ready and save-* results of a tree's sessions (peak memory: the largest session's)."""
    ok = [s for s in sessions if s["status"] in ("ok", "died", "stuck") and "ready_s" in s]
    if not ok:
        error = next((s.get("error", s["status"]) for s in sessions), "no session")
        return [{"shape": shape, "tree": tree, "measure": m, "status": "n/a", "error": error}
                for m in ("watch-ready", *SAVES)]
    peaks = [max(s.get("main_rss") or 0, s.get("worker_rss") or 0, int((s.get("vmhwm_mb") or 0) * 2**20)) for s in ok]
    memory = {"peak_mb": round(max(peaks) / 2**20, 1),
              "main_mb": round(max(s.get("main_rss") or 0 for s in ok) / 2**20, 1) or None,
              "worker_mb": round(max(s.get("worker_rss") or 0 for s in ok) / 2**20, 1) or None}
    ready = [s["ready_s"] for s in ok]
    out = [{"shape": shape, "tree": tree, "measure": "watch-ready", "status": "ok", "runs": ready,
            "median_s": statistics.median(ready), "min_s": min(ready), "max_s": max(ready),
            "ready_line": ok[0].get("ready_line"), **memory}]
    for kind, name in zip(("edit", "add", "delete", "rename", "names"), SAVES, strict=True):
        saves = [x for s in ok for x in s.get(kind, [])]
        e2e = sorted(x["e2e_ms"] / 1000 for x in saves if x["e2e_ms"] is not None)
        if not e2e:
            out.append({"shape": shape, "tree": tree, "measure": name, "status": "n/a", "error": "no save logged"})
            continue
        work = [x["proc_ms"] for x in saves if x["proc_ms"] is not None]
        seen = [x["seen"] for x in saves if x["seen"] is not None]
        out.append({"shape": shape, "tree": tree, "measure": name, "status": "ok", "runs": e2e,
                    "median_s": statistics.median(e2e), "min_s": e2e[0], "max_s": e2e[-1],
                    "p95_s": e2e[min(len(e2e) - 1, round(0.95 * (len(e2e) - 1)))],
                    "proc_median_ms": statistics.median(work) if work else None,
                    "logged": f"{len(e2e)}/{len(saves)}", "seen": f"{sum(seen)}/{len(seen)}" if seen else "", **memory})
        if seen and not all(seen):
            print(f"  {name} ({shape}, {tree}): People.md did not show {len(seen) - sum(seen)} save(s)",
                  file=sys.stderr)
    return out


def stages(vaults: dict[str, Path], trees: list[Tree], repeat: int, timeout: float) -> list[dict[str, Any]]:
    """µs/note by stage from each stage module present in bench/, per shape and tree (median of
    `repeat` runs; the modules take the best of several passes themselves)."""
    out = []
    for module in (m for m in STAGE_MODULES if (BENCH / f"{m}.py").is_file()):
        for shape, vault in vaults.items():
            for tree in trees:
                runs: list[dict[str, float]] = []
                error = ""
                for _ in range(repeat):
                    reset_tree(vault, tree)
                    done = run([sys.executable, "-c", STAGES.format(module=module), str(BENCH), str(vault)],
                               tree, timeout)
                    try:
                        runs.append({k: float(v) for k, v in json.loads(done.out.strip().splitlines()[-1]).items()})
                    except (ValueError, IndexError, AttributeError):
                        error = f"exit {done.code}: " + (done.err.strip().splitlines() or [""])[-1]
                        break
                row: dict[str, Any] = {"shape": shape, "tree": tree.label, "module": module}
                if error or not runs:
                    out.append({**row, "status": "n/a", "error": error or "no run"})
                else:
                    out.append({**row, "status": "ok",
                                "stages": {k: statistics.median(r[k] for r in runs if k in r) for k in runs[0]}})
    return out


# --- vaults ----------------------------------------------------------------------------------


def vault_for(size: int, seed: int, root: Path, shape: str = "plain") -> tuple[Path, float | None]:
    """The cached vault for (size, seed, shape, generator source), generating it if missing."""
    digest = hashlib.sha256()
    for src in sorted([BENCH / "gen_vault.py", *(BENCH / "vaultgen").glob("*.py")]):
        digest.update(src.read_bytes())
    prefix = f"n{size}-s{seed}-" + ("" if shape == "plain" else f"{shape}-")
    key = f"{prefix}{digest.hexdigest()[:10]}"
    vault, done = root / key, root / f"{key}.done"
    if vault.is_dir() and done.is_file():
        return vault, None
    # Only a half-written vault of this very key goes: vaults of other generator versions stay
    # (reference outputs are kept for them, and other runs may be using them).
    shutil.rmtree(vault, ignore_errors=True)
    print(f"generating {size} notes (seed {seed}, {shape}) in {vault}", file=sys.stderr)
    t0 = time.perf_counter()
    generate(vault, size, seed, shape)
    done.write_text("ok\n")
    return vault, time.perf_counter() - t0


def trees_of(paths: list[Path], scratch: Path, extra: list[str] | None = None) -> list[Tree]:
    """The source trees to run, each with its own cache folder; labelled by folder name (made unique)."""
    trees: list[Tree] = []
    for i, path in enumerate(paths or [REPO]):
        label = path.resolve().name
        label = label if label not in {t.label for t in trees} else f"{label}#{i + 1}"
        tree = Tree(label, path.resolve(), scratch / f"xdg-{i}", extra_path=tuple(extra or ()))
        print(f"tree {label}: children import {tree.check()}", file=sys.stderr)
        trees.append(tree)
    return trees


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="Benchmark vaultkit against the floor (SPEC §7).")
    ap.add_argument("--sizes", default="1000,10000,50000,100000", help="comma-separated note counts")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure (median reported)")
    ap.add_argument("--seed", type=int, default=42, help="generator seed")
    ap.add_argument("--shapes", default="plain,long-items", help="comma-separated vault shapes, of " + ",".join(SHAPES))
    ap.add_argument("--measures", default=",".join(DEFAULT_MEASURES), help="subset of " + ",".join(MEASURES))
    ap.add_argument("--vaultkit", type=Path, action="append", default=[], metavar="PATH",
                    help="source tree the children run (repeat it to compare trees, alternating)")
    ap.add_argument("--saves", type=int, default=5, help="saves of each kind per watch session")
    ap.add_argument("--stage-runs", type=int, default=1,
                    help="runs of each stage module (each takes the best of several passes itself)")
    ap.add_argument("--debounce", type=float, default=0.02, help="the watcher's --debounce, seconds")
    ap.add_argument("--out", type=Path, default=BENCH / "results.json", help="JSON results file")
    ap.add_argument("--vaults", type=Path, default=BENCH / ".vaults", help="generated-vault cache")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds before a run is killed")
    ap.add_argument("--plugin", choices=sorted(extras.PLUGINS), help="watch sessions load this example plugin")
    ap.add_argument("--queries", type=int, default=0, help="query regions in each watch session's vault")
    a = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()]
    chosen = [m for m in MEASURES if m in a.measures.split(",")]
    shapes = list(dict.fromkeys(s.strip() for s in a.shapes.split(",") if s.strip())) or ["plain"]
    if (min(a.repeat, a.saves, a.stage_runs) < 1 or a.queries < 0 or not sizes or not chosen
            or not set(shapes) <= set(SHAPES)):
        ap.error("need --repeat, --saves, --stage-runs >= 1, at least one size, one known measure, known shapes")
    a.vaults.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="vkbench-"))
    try:
        extra = extras.plugin_paths(a.plugin, scratch / "site") if a.plugin else []
        trees = trees_of(a.vaultkit, scratch, extra)
        info = run_all(a, sizes, chosen, shapes, trees)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print_report(info, a.seed)
    print(f"\nJSON: {a.out}")
    return 0


def run_all(a: argparse.Namespace, sizes: list[int], chosen: list[str], shapes: list[str],
            trees: list[Tree]) -> dict[str, Any]:
    """Every chosen measure at every size; the JSON document of the run."""
    info: dict[str, Any] = {
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "machine": f"{platform.platform()}, {platform.machine()}, cpu_count={os.cpu_count()}",
        "trees": {t.label: {"path": str(t.path), "imports": t.module_file} for t in trees},
        "seed": a.seed, "repeat": a.repeat, "vaults": {}, "results": [], "stages": [],
        "watch_extras": {"plugin": a.plugin, "queries": a.queries},
    }
    for size in sizes:
        vaults: dict[str, Path] = {}
        for shape in shapes:
            vault, gen_s = vault_for(size, a.seed, a.vaults, shape)
            vaults[shape] = vault
            run(argv_for("floor", vault), trees[0], a.timeout)  # warm the page cache; not timed
            info["vaults"][f"{size}/{shape}"] = {"path": str(vault), "size": size, "shape": shape,
                                                 "generated_s": None if gen_s is None else round(gen_s, 2)}
            print(f"size {size:,}, {shape}: {vault}", file=sys.stderr)
        for name in chosen:
            if name == "watch":
                got = watch(vaults, trees, a)
            elif name == "stages":
                info["stages"] += [{"size": size, **s} for s in stages(vaults, trees, a.stage_runs, a.timeout)]
                continue
            else:
                got = measure(name, vaults, trees, a.repeat, a.timeout)
            for result in got:
                result = {"size": size, **result}
                stdout = result.pop("stdout", "")
                if name == "floor" and result["status"] == "ok":
                    files, nbytes = (int(x) for x in stdout.split())
                    info["vaults"][f"{size}/{result['shape']}"].update(files=files, bytes=nbytes)
                info["results"].append(result)
        if "floor" in chosen and len(chosen) > 1:
            again = measure("floor", vaults, trees, a.repeat, a.timeout)  # the load may have changed since
            for first, second in zip([r for r in info["results"] if r["size"] == size and r["measure"] == "floor"],
                                     again, strict=True):
                if first["status"] == "ok" and second["status"] == "ok":
                    times = first["runs"] + second["runs"]
                    first.update(runs=times, median_s=statistics.median(times), min_s=min(times), max_s=max(times))
        for tree in trees:
            for vault in vaults.values():
                reset_tree(vault, tree)  # leave the vaults as generated
    return info


def print_report(info: dict[str, Any], seed: int) -> None:
    """The report on stdout."""
    print(f"\nCommand: `{info['command']}`\nPython: {info['python']}\nMachine: {info['machine']}")
    for label, t in info["trees"].items():
        print(f"Tree {label}: {t['path']} (imports {t['imports']})")
    extra = info.get("watch_extras") or {}
    if extra.get("plugin") or extra.get("queries"):
        print(f"Watch sessions: plugin {extra.get('plugin') or 'none'}, {extra.get('queries', 0)} query regions")
    for v in info["vaults"].values():
        if "files" in v:
            print(f"Vault {v['size']:,} notes, {v['shape']} (seed {seed}): {v['files']:,} files, "
                  f"{v['bytes'] / 2**20:.1f} MB")
    print("\n" + report.table(info["results"]))
    saves = report.saves_table(info["results"])
    if saves:
        print("\nWatch saves (end to end: from the save until the watcher logs it, debounce included):\n\n" + saves)
    grown = report.growth(info["results"])
    if grown:
        print("\nGrowth per 10× of size (time, peak memory):\n\n" + grown)
    if info["stages"]:
        print("\nµs/note by stage:\n\n" + report.stages_table(info["stages"]))
    same = report.same_outputs(info["results"])
    if same:
        print("\nGenerated notes of the cold builds (every run, every tree):\n" + "\n".join(same))
    verdicts = report.budgets(info["results"])
    if verdicts:
        print("\nSPEC §7 budgets:\n" + "\n".join(verdicts))


if __name__ == "__main__":
    sys.exit(main())
