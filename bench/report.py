"""The benchmark's Markdown report: results against the floor, growth per 10×, µs/note, budgets.

A result is a dict with ``size``, ``shape``, ``tree``, ``measure``, ``status`` and, when ok,
``median_s`` (``min_s``, ``max_s``, ``p95_s`` for saves), ``peak_mb`` (largest single process),
``main_mb`` and ``worker_mb`` (vaultkit's main process, its largest worker) and ``runs``.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

FASTER = 10.5  # growth per 10× above which a stage grows faster than the vault (5% for noise)


def fmt_time(measure: str, seconds: float | None) -> str:
    """A time as the table shows it: saves in ms, the rest in s."""
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.1f} ms" if measure.startswith("save-") else f"{seconds:.3f} s"


def mb(x: float | None) -> str:
    """Megabytes, or n/a."""
    return "n/a" if x is None else f"{x:.0f}"


def floors(results: list[dict[str, Any]]) -> dict[tuple[int, str], float]:
    """The floor's median per (size, shape)."""
    return {(r["size"], r["shape"]): r["median_s"] for r in results if r["measure"] == "floor" and r["status"] == "ok"}


def table(results: list[dict[str, Any]]) -> str:
    """One row per (size, shape, tree, measure): median, range, ratio to the floor, peak memory."""
    rows = ["| size | shape | tree | measure | median | min | max | p95 | × floor | peak MB | main / worker MB "
            "| runs |",
            "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    floor = floors(results)
    for r in results:
        where = f"| {r['size']:,} | {r['shape']} | {r.get('tree', '')} | {r['measure']} |"
        if r["status"] != "ok":
            rows.append(f"{where} n/a ({r.get('error', '')[:50]}) |" + " |" * 7)
            continue
        m, f = r["measure"], floor.get((r["size"], r["shape"]))
        ratio = f"{r['median_s'] / f:.1f}×" if f and m != "floor" else ""
        rows.append(f"{where} {fmt_time(m, r['median_s'])} | {fmt_time(m, r['min_s'])} | {fmt_time(m, r['max_s'])} | "
                    f"{fmt_time(m, r.get('p95_s')) if 'p95_s' in r else ''} | {ratio} | {mb(r.get('peak_mb'))} | "
                    f"{mb(r.get('main_mb'))} / {mb(r.get('worker_mb'))} | {len(r['runs'])} |")
    return "\n".join(rows)


def saves_table(results: list[dict[str, Any]]) -> str:
    """The watch saves: end-to-end median and p95, the watcher's own processing time, what it showed."""
    rows = ["| size | shape | tree | save | e2e median | e2e p95 | processing median | logged | People.md shows it |",
            "|---:|---|---|---|---:|---:|---:|---:|---:|"]
    for r in results:
        if r["measure"].startswith("save-") and r["status"] == "ok":
            work = r.get("proc_median_ms")
            rows.append(f"| {r['size']:,} | {r['shape']} | {r['tree']} | {r['measure']} | "
                        f"{fmt_time(r['measure'], r['median_s'])} | {fmt_time(r['measure'], r['p95_s'])} | "
                        f"{'n/a' if work is None else f'{work:.0f} ms'} | {r['logged']} | {r['seen']} |")
    return "\n".join(rows) if len(rows) > 2 else ""


def same_outputs(results: list[dict[str, Any]]) -> list[str]:
    """Whether every cold build of a vault, by every tree, wrote the same generated notes."""
    lines = []
    builds = [r for r in results if r["measure"] == "build-cold" and r.get("outputs_sha256")]
    for size, shape in dict.fromkeys((r["size"], r["shape"]) for r in builds):
        seen = {r["tree"]: r["outputs_sha256"] for r in builds if (r["size"], r["shape"]) == (size, shape)}
        every = {d for ds in seen.values() for d in ds}
        lines.append(f"- {size:,} {shape}: " + (f"identical ({next(iter(every))[:12]}, {len(seen)} tree(s))"
                     if len(every) == 1 else "DIFFER: " + "; ".join(f"{t} {', '.join(d[:12] for d in ds)}"
                                                                   for t, ds in seen.items())))
    return lines


def per_ten(a: float, b: float, size_a: int, size_b: int) -> float:
    """How much b grew over a, per 10× of size (b/a when the sizes are 10× apart)."""
    return (b / a) ** (1 / math.log10(size_b / size_a)) if a > 0 and b > 0 else math.nan


def growth(results: list[dict[str, Any]]) -> str:
    """Growth per 10× between consecutive sizes, time and peak memory, flagging what outgrows the vault."""
    ok = [r for r in results if r["status"] == "ok"]
    sizes = sorted({r["size"] for r in ok})
    if len(sizes) < 2:
        return ""
    steps = list(itertools.pairwise(sizes))
    head = " | ".join(f"{a:,}→{b:,}" for a, b in steps)
    rows = [f"| shape | tree | measure | {head} |", "|---|---|---|" + "---:|" * len(steps)]
    by = {(r["size"], r["shape"], r.get("tree", ""), r["measure"]): r for r in ok}
    flagged: list[str] = []
    for shape, tree, measure in dict.fromkeys((r["shape"], r.get("tree", ""), r["measure"]) for r in ok):
        cells = []
        for a, b in steps:
            ra, rb = by.get((a, shape, tree, measure)), by.get((b, shape, tree, measure))
            if not (ra and rb):
                cells.append("")
                continue
            t = per_ten(ra["median_s"], rb["median_s"], a, b)
            m = per_ten(ra.get("peak_mb") or 0, rb.get("peak_mb") or 0, a, b)
            mark = " **faster than the vault**" if t > FASTER else ""
            if mark:
                flagged.append(f"{measure} ({shape}, {tree}) {a:,}→{b:,}: time ×{t:.1f} per 10×")
            cells.append(f"time ×{t:.1f}, mem ×{m:.1f}{mark}")
        rows.append(f"| {shape} | {tree} | {measure} | " + " | ".join(cells) + " |")
    note = ("\nA vault 10× bigger is 10× the notes and bytes: a stage growing more than ×"
            f"{FASTER} per 10× grows faster than the vault (the floor's own factor is the reference).")
    if flagged:
        note += "\n\nFaster than the vault:\n" + "\n".join(f"- {x}" for x in flagged)
    return "\n".join(rows) + "\n" + note


def stages_table(stages: list[dict[str, Any]]) -> str:
    """µs/note by stage, one table per module (bench/parse_stages.py, bench/plan_stages.py), a row per
    (size, shape, tree)."""
    out = []
    for module in dict.fromkeys(s["module"] for s in stages):
        rows = [s for s in stages if s["module"] == module]
        names = list(dict.fromkeys(k for s in rows if s["status"] == "ok" for k in s["stages"]))
        lines = [f"{module} (µs/note):\n", "| size | shape | tree | " + " | ".join(names) + " |",
                 "|---:|---|---|" + "---:|" * len(names)]
        for s in rows:
            where = f"| {s['size']:,} | {s['shape']} | {s['tree']} |"
            if s["status"] != "ok":
                lines.append(f"{where} n/a ({s.get('error', '')[:80]}) |")
                continue
            lines.append(where + "".join(f" {s['stages'][n]:,.1f} |" if n in s["stages"] else " |" for n in names))
        out.append("\n".join(lines))
    grown = stages_growth(stages)
    return "\n\n".join(out + ([grown] if grown else []))


def stages_growth(stages: list[dict[str, Any]]) -> str:
    """Each stage's whole time (µs/note × notes) per 10× of size, between consecutive sizes."""
    ok = [s for s in stages if s["status"] == "ok"]
    sizes = sorted({s["size"] for s in ok})
    if len(sizes) < 2:
        return ""
    by = {(s["size"], s["module"], s["shape"], s["tree"]): s["stages"] for s in ok}
    steps = list(itertools.pairwise(sizes))
    rows = ["Stage time per 10× of size (µs/note × notes; above ×" f"{FASTER} it grows faster than the vault):\n",
            "| module | shape | tree | stage | " + " | ".join(f"{a:,}→{b:,}" for a, b in steps) + " |",
            "|---|---|---|---|" + "---:|" * len(steps)]
    for module, shape, tree in dict.fromkeys((s["module"], s["shape"], s["tree"]) for s in ok):
        names = dict.fromkeys(k for s in ok if (s["module"], s["shape"], s["tree"]) == (module, shape, tree)
                              for k in s["stages"])
        for name in names:
            cells = []
            for a, b in steps:
                sa, sb = by.get((a, module, shape, tree), {}), by.get((b, module, shape, tree), {})
                if name in sa and name in sb:
                    g = per_ten(sa[name] * a, sb[name] * b, a, b)
                    big = g > FASTER and sb[name] >= 1.0  # below 1 µs/note a factor is noise
                    cells.append(f"×{g:.1f}" + (" **faster than the vault**" if big else ""))
                else:
                    cells.append("")
            rows.append(f"| {module} | {shape} | {tree} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


BUDGETS = (  # (measure, size, limit, kind): kind "floor" is a ratio to the floor, "s" seconds, "mb" peak
    ("build-cold", 10000, 15, "floor"), ("build-cold", 50000, 15, "floor"), ("build-warm", 10000, 4, "floor"),
    ("check-warm", 10000, 4, "floor"), ("watch-ready", 10000, 1.0, "s"), ("watch-ready", 50000, 3.0, "s"),
    ("save-edit", 10000, 0.05, "p95"), ("save-add", 10000, 0.1, "p95"), ("save-delete", 10000, 0.1, "p95"),
    ("save-rename", 10000, 0.1, "p95"), ("save-names", 10000, 0.1, "p95"),
    ("build-cold", 50000, 300, "mb"), ("watch-ready", 50000, 150, "mb"),
)


def budgets(results: list[dict[str, Any]]) -> list[str]:
    """SPEC §7 verdicts this run can judge."""
    by = {(r["size"], r["shape"], r.get("tree", ""), r["measure"]): r for r in results if r["status"] == "ok"}
    floor = floors(results)
    lines = []
    for (size, shape, tree, measure), r in sorted(by.items(), key=lambda kv: kv[0]):
        for name, at, limit, kind in BUDGETS:
            if (name, at) != (measure, size):
                continue
            if kind == "floor" and (size, shape) in floor:
                value, shown, unit = r["median_s"] / floor[size, shape], "", "×floor"
            elif kind == "s":
                value, shown, unit = r["median_s"], "", "s"
            elif kind == "p95" and r.get("p95_s") is not None:
                value, unit = r["p95_s"] * 1000, "ms p95"
                limit, shown = limit * 1000, " (debounce included)"
            elif kind == "mb" and r.get("peak_mb") is not None:
                value, shown, unit = r["peak_mb"], " (largest single process)", "MB"
            else:
                continue
            lines.append(f"- {size:,} {shape} {tree} {measure}: {value:.2f} {unit}{shown}, budget ≤ {limit:g}: "
                         + ("OK" if value <= limit else "OVER"))
    for tree in dict.fromkeys(k[2] for k in by):
        for name in ("build-cold", "check-cold"):
            plain, footer = by.get((10000, "plain", tree, name)), by.get((10000, "html-footer", tree, name))
            if plain and footer and (10000, "plain") in floor and (10000, "html-footer") in floor:
                x = (footer["median_s"] / floor[10000, "html-footer"]) / (plain["median_s"] / floor[10000, "plain"])
                lines.append(f"- 10,000 {tree} {name}, html-footer against plain: {x:.2f}× (budget ≤ 1.2×): "
                             + ("OK" if x <= 1.2 else "OVER"))
    return lines
