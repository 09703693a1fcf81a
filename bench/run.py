"""vaultkit benchmark: time load and build against the floor on seeded synthetic vaults (SPEC §7).

``python bench/run.py [--sizes 1000,10000,50000] [--repeat 5] [--seed 42] [--shapes plain,html-footer,long-items]
[--out bench/results.json]``

Each measurement is a fresh child process (``sys.executable``), timed wall-clock from spawn to exit
(interpreter start-up included), with its own peak RSS read from ``os.wait4``:

* ``floor``      - one process that walks the vault and reads every file's bytes;
* ``load``       - ``import vaultkit; vaultkit.load_vault(path)``;
* ``build-cold`` - ``python -m vaultkit --vault PATH build`` after deleting ``Vaultkit/`` and
  the vault's cache folder (outside the vault: ``vaultkit.fs.cache_folder``);
* ``build-warm`` - the same command again with nothing changed;
* ``check-cold`` - ``python -m vaultkit --vault PATH check`` with no output folder and no cache;
* ``check-warm`` - the same command right after a build, nothing changed.

With several ``--shapes`` (``gen_vault.SHAPES``: ``html-footer`` notes end in HTML footers, as a
real community vault's do), each vault is generated once, and every measure's runs alternate
between the shapes (A, B, A, B…), each shape with its own floor. The fallback rate (notes the
line scanner handed to markdown-it-py) of each vault is read from ``check --stats``.

A measure whose command fails is reported as ``n/a`` (with its stderr tail) and the run goes on.
Vaults are generated once per (size, seed, shape, generator source) under ``bench/.vaults/``; vaults of
other generator versions there are left alone.
The repository root is put first on the children's ``PYTHONPATH``. Unix only (``os.wait4``).
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
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(REPO))  # the vaultkit the children run, for where it keeps a vault's cache
from gen_vault import SHAPES, generate  # noqa: E402

from vaultkit.fs import cache_folder  # noqa: E402

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
MEASURES = ("floor", "load", "build-cold", "build-warm", "check-cold", "check-warm")
OUTPUT_DIR = "Vaultkit"  # SPEC §4 default; the generated vaultkit.toml does not change it
RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere


def argv_for(measure: str, vault: Path) -> list[str]:
    """The child command line of a measure."""
    if measure == "floor":
        return [sys.executable, "-c", FLOOR, str(vault)]
    if measure == "load":
        return [sys.executable, "-c", LOAD, str(vault)]
    return [sys.executable, "-m", "vaultkit", "--vault", str(vault), measure.split("-")[0]]


def reset(vault: Path) -> None:
    """Remove vaultkit's output folder and cache, back to the freshly generated vault."""
    shutil.rmtree(vault / OUTPUT_DIR, ignore_errors=True)
    shutil.rmtree(cache_folder(str(vault)), ignore_errors=True)


def child_env() -> dict[str, str]:
    """The environment of every child: ours, with the repository first on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def run_once(argv: list[str], timeout: float) -> tuple[float, int, int, str, str]:
    """Run argv to completion; return (seconds, peak RSS bytes, exit code, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                env=child_env(), cwd=REPO)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        return (seconds, usage.ru_maxrss * RSS_UNIT, proc.returncode,
                out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def run_measure(name: str, vault: Path, timeout: float) -> tuple[float, int, str] | dict[str, Any]:
    """One run of a measure: (seconds, peak RSS, stdout), or the n/a result when it fails."""
    if name in ("build-cold", "check-cold"):
        reset(vault)
    elif name == "check-warm" or (name == "build-warm" and not (vault / OUTPUT_DIR).is_dir()):
        run_once(argv_for("build-warm", vault), timeout)  # untimed: the build a warm run follows
    seconds, rss, code, stdout, stderr = run_once(argv_for(name, vault), timeout)
    if code != 0:
        tail = "\n".join(stderr.rstrip().splitlines()[-12:])
        print(f"  {name}: n/a (exit {code}); stderr tail:\n    " + tail.replace("\n", "\n    "), file=sys.stderr)
        return {"measure": name, "status": "n/a", "exit_code": code, "error": tail}
    return seconds, rss, stdout


def summary(name: str, runs: list[tuple[float, int, str]], label: str = "") -> dict[str, Any]:
    """The result of a measure's runs: median, range and peak memory."""
    times = [t for t, _, _ in runs]
    stdout = runs[-1][2]
    last = (stdout.strip().splitlines() or [""])[-1]
    print(f"  {name}{label}: median {statistics.median(times):.3f}s over {len(runs)}"
          + (f"; last output: {last}" if name != "floor" and last else ""), file=sys.stderr)
    return {"measure": name, "status": "ok", "times_s": [round(t, 4) for t in times],
            "median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
            "max_s": round(max(times), 4), "peak_mb": round(max(r for _, r, _ in runs) / 2**20, 1),
            "stdout": stdout.strip()}


def measure_alternating(name: str, vaults: dict[str, Path], repeat: int, timeout: float) -> dict[str, dict[str, Any]]:
    """Time one measure `repeat` times on every vault, alternating between them; a failing run
    makes that vault's measure n/a."""
    runs: dict[str, list[tuple[float, int, str]]] = {shape: [] for shape in vaults}
    failed: dict[str, dict[str, Any]] = {}
    for _ in range(repeat):
        for shape, vault in vaults.items():
            if shape in failed:
                continue
            got = run_measure(name, vault, timeout)
            if isinstance(got, dict):
                failed[shape] = got
            else:
                runs[shape].append(got)
    return {shape: failed.get(shape) or summary(name, runs[shape], f" ({shape})") for shape in vaults}


def fallback(vault: Path, timeout: float) -> dict[str, Any]:
    """`check --stats` of a vault: its notes and how many the slow reader read."""
    reset(vault)
    _, _, code, stdout, _ = run_once([*argv_for("check-cold", vault), "--stats", "--format", "json"], timeout)
    try:
        stats = json.loads(stdout)["stats"]
    except (ValueError, KeyError):
        return {"status": "n/a", "exit_code": code}
    return {"status": "ok", "notes": stats["notes"], "slow_reader": stats["slow_reader"],
            "slow_reader_percent": stats["slow_reader_percent"]}


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


def table(results: list[dict[str, Any]]) -> str:
    """The Markdown results table (ratios to the floor of the same size and shape)."""
    rows = ["| size | shape | measure | median s | p-min | p-max | ratio to floor | peak MB |",
            "|---:|---|---|---:|---:|---:|---:|---:|"]
    floors = {(r["size"], r["shape"]): r["median_s"] for r in results
              if r["measure"] == "floor" and r["status"] == "ok"}
    for r in results:
        where = f"| {r['size']:,} | {r['shape']} | {r['measure']} |"
        if r["status"] != "ok":
            rows.append(f"{where} n/a | n/a | n/a | n/a | n/a |")
            continue
        floor = floors.get((r["size"], r["shape"]))
        ratio = f"{r['median_s'] / floor:.1f}x" if floor else "n/a"
        rows.append(f"{where} {r['median_s']:.3f} | {r['min_s']:.3f} | {r['max_s']:.3f} | {ratio} | "
                    f"{r['peak_mb']:.0f} |")
    return "\n".join(rows)


def budgets(results: list[dict[str, Any]]) -> list[str]:
    """SPEC §7 verdicts that this run can judge (10k ratios, 50k peak memory, HTML footers)."""
    by = {(r["size"], r["shape"], r["measure"]): r for r in results if r["status"] == "ok"}
    lines = []
    ratios: dict[tuple[str, str], float] = {}
    for shape in dict.fromkeys(r["shape"] for r in results):
        floor = by.get((10000, shape, "floor"))
        for name, limit in (("build-cold", 15), ("build-warm", 4), ("check-cold", 15), ("check-warm", 4)):
            r = by.get((10000, shape, name))
            if floor and r:
                ratio = ratios[shape, name] = r["median_s"] / floor["median_s"]
                lines.append(f"- 10,000 notes, {shape}, {name}: {ratio:.1f}x floor (budget ≤ {limit}x): "
                             + ("OK" if ratio <= limit else "OVER"))
    for name in ("build-cold", "check-cold"):
        if ("plain", name) in ratios and ("html-footer", name) in ratios:
            times = ratios["html-footer", name] / ratios["plain", name]
            lines.append(f"- 10,000 notes {name}, html-footer against plain: {times:.2f}x (budget ≤ 1.2x): "
                         + ("OK" if times <= 1.2 else "OVER"))
    peaks = [r["peak_mb"] for (size, _, name), r in by.items() if size == 50000 and name != "floor"]
    peak = max(peaks, default=None)
    if peak is not None:
        lines.append(f"- 50,000 notes peak memory: {peak:.0f} MB (budget ≤ 300 MB): "
                     + ("OK" if peak <= 300 else "OVER"))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="Benchmark vaultkit against the floor (SPEC §7).")
    ap.add_argument("--sizes", default="1000,10000,50000", help="comma-separated note counts")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measure (median reported)")
    ap.add_argument("--seed", type=int, default=42, help="generator seed")
    ap.add_argument("--shapes", default="plain", help="comma-separated vault shapes, of " + ",".join(SHAPES)
                    + " (runs alternate between them)")
    ap.add_argument("--measures", default=",".join(MEASURES), help="subset of " + ",".join(MEASURES))
    ap.add_argument("--out", type=Path, default=BENCH / "results.json", help="JSON results file")
    ap.add_argument("--vaults", type=Path, default=BENCH / ".vaults", help="generated-vault cache")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is killed")
    a = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()]
    chosen = [m for m in MEASURES if m in a.measures.split(",")]
    shapes = list(dict.fromkeys(s.strip() for s in a.shapes.split(",") if s.strip()))
    if a.repeat < 1 or not sizes or not chosen or not shapes or not set(shapes) <= set(SHAPES):
        ap.error("need --repeat >= 1, at least one size, one known measure and known shapes")
    a.vaults.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "parent_pythonpath": os.environ.get("PYTHONPATH", ""),
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "machine": f"{platform.platform()}, {platform.machine()}, cpu_count={os.cpu_count()}",
        "cpu_count": os.cpu_count(), "child_pythonpath": child_env()["PYTHONPATH"],
        "seed": a.seed, "repeat": a.repeat, "vaults": {}, "results": [],
    }
    for size in sizes:
        vaults: dict[str, Path] = {}
        for shape in shapes:
            vault, gen_s = vault_for(size, a.seed, a.vaults, shape)
            vaults[shape] = vault
            reset(vault)
            run_once(argv_for("floor", vault), a.timeout)  # warm the page cache; not timed
            info["vaults"][f"{size}/{shape}"] = {"path": str(vault), "size": size, "shape": shape,
                                                 "generated_s": None if gen_s is None else round(gen_s, 2)}
            print(f"size {size:,}, {shape}: {vault}", file=sys.stderr)
        for name in chosen:
            for shape, got in measure_alternating(name, vaults, a.repeat, a.timeout).items():
                result = {"size": size, "shape": shape, **got}
                if name == "floor" and result["status"] == "ok":
                    files, nbytes = (int(x) for x in result.pop("stdout").split())
                    info["vaults"][f"{size}/{shape}"].update(files=files, bytes=nbytes)
                elif result["status"] == "ok":
                    result["last_output"] = (result.pop("stdout").splitlines() or [""])[-1]
                info["results"].append(result)
        for shape, vault in vaults.items():
            info["vaults"][f"{size}/{shape}"]["fallback"] = fallback(vault, a.timeout)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    env = f"PYTHONPATH={shlex.quote(info['parent_pythonpath'])} " if info["parent_pythonpath"] else ""
    print(f"\nCommand: `{env}{info['command']}`\nPython: {info['python']}\nMachine: {info['machine']}")
    for v in info["vaults"].values():
        if "files" in v:
            fb = v.get("fallback", {})
            slow = (f"; slow reader {fb['slow_reader']} of {fb['notes']} notes ({fb['slow_reader_percent']}%)"
                    if fb.get("status") == "ok" else "")
            print(f"Vault {v['size']:,} notes, {v['shape']} (seed {a.seed}): {v['files']:,} files, "
                  f"{v['bytes'] / 2**20:.1f} MB{slow}")
    print()
    print(table(info["results"]))
    verdicts = budgets(info["results"])
    if verdicts:
        print("\nSPEC §7 budgets:\n" + "\n".join(verdicts))
    print(f"\nJSON: {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
