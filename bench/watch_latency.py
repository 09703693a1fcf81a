"""Watch latency benchmark: a saved person or daily note -> the generated notes on disk (SPEC §7).

``python bench/watch_latency.py [--sizes 1000,10000,50000] [--saves 30] [--daily-saves N] [--debounce 0.02]
[--seed 42] [--query-regions N]``

Per size, run.py's cached seeded vault is copied to a temp folder, built once (so the cache exists),
and ``python -m vaultkit --vault COPY watch --debounce D`` is started. Measured: warm start (spawn to
the first log line containing "watching") and ready (spawn to the "ready:" line: from the cache the
watcher watches before it loads the vault, and saves are timed only once it is ready); per save
of a seeded person note, rewritten atomically
(temp file + ``os.replace``) with ``role:`` set to a unique token, the end-to-end latency (just before
``os.replace`` until People.md, polled every 1 ms for at most 20 s, holds the token) and the
processing time the watcher logs ("(NN ms)", work after the debounce; ``log_at_ms`` in the JSON is
when that line was read). Then, with ``--daily-saves`` (default: ``--saves``; 0 disables), per save
of a random note in ``Daily/``, rewritten the same way with one line appended,
``- DATE coffee with [[PERSON]] TOKEN`` (DATE: the vault's ``today`` from ``vaultkit.toml``, else the
real date, so the item is the person's latest contact; PERSON: the stem of a note in ``People/`` whose
People.md row does not already show DATE, drawn without replacement while there are unused ones, so
each save makes a new last contact): the end-to-end latency until ``People.md`` or ``Follow-ups.md``
changes on disk (inode, mtime or size; same polling and bound) and the logged processing time for
that daily note (``daily_*`` keys in the JSON). Saves are GAP_S apart. Peak RSS (``VmHWM`` in /proc
before SIGINT) covers both patterns. Every wait is bounded and the watcher is always killed in a
``finally``. Linux only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from run import BENCH, OUTPUT_DIR, REPO, cache_folder, child_env, reset, run_once, vault_for

ROLE = re.compile(r"^role:.*$", re.MULTILINE)
MS = re.compile(r"\((\d+) ms\)\s*$")
ROW = re.compile(r"^\| \[\[([^\]\\]+)(?:\\\|[^\]]*)?\]\] \|.*\| (\d{4}-\d{2}-\d{2}) \|$")  # People.md row, last contact
POLL_S, SEEN_TIMEOUT_S, LOG_TIMEOUT_S, GAP_S, STOP_TIMEOUT_S = 0.001, 20.0, 5.0, 0.3, 10.0


class Lines:
    """The lines a child writes to stdout and stderr, each with the perf_counter time it was read."""

    def __init__(self, streams: list[IO[bytes]]) -> None:
        self.cond = threading.Condition()
        self.items: list[tuple[float, str]] = []
        self.open = len(streams)
        self.threads = [threading.Thread(target=self._read, args=(s,), daemon=True) for s in streams]
        for t in self.threads:
            t.start()

    def _read(self, stream: IO[bytes]) -> None:
        try:
            for raw in iter(stream.readline, b""):
                with self.cond:
                    self.items.append((time.perf_counter(), raw.decode(errors="replace").rstrip("\r\n")))
                    self.cond.notify_all()
        finally:
            with self.cond:
                self.open -= 1
                self.cond.notify_all()

    def wait_for(self, match: Callable[[str], bool], timeout: float, start: int = 0) -> tuple[float, str] | None:
        """The first line from index `start` on that matches, waiting at most `timeout` s (None: none)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            i = start
            while True:
                for t, line in self.items[i:]:
                    if match(line):
                        return t, line
                i = len(self.items)
                left = deadline - time.monotonic()
                if left <= 0 or self.open == 0:
                    return None
                self.cond.wait(left)


def stamp(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime ns, size) of path, or None when it does not exist."""
    try:
        st = os.stat(path)
        return st.st_ino, st.st_mtime_ns, st.st_size
    except FileNotFoundError:
        return None


def save_atomic(note: Path, text: str) -> float:
    """Write text to ``.NAME.wl.tmp`` then os.replace it over note; return perf_counter() just before."""
    tmp = note.with_name(f".{note.name}.wl.tmp")  # an editor dropping (SPEC §6): never read as a note
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    t0 = time.perf_counter()
    os.replace(tmp, note)
    return t0


def save_with_role(note: Path, token: str) -> float:
    """Atomically rewrite note with ``role: token``; return perf_counter() just before os.replace."""
    text = note.read_text(encoding="utf-8")
    end = text.index("\n---\n", 3)  # generated notes always open with a frontmatter block
    front = text[4:end + 1]
    front = ROLE.sub(f"role: {token}", front, count=1) if ROLE.search(front) else f"role: {token}\n{front}"
    return save_atomic(note, "---\n" + front + text[end + 1:])


def save_with_item(note: Path, item: str) -> float:
    """Atomically rewrite note with the list item line appended; return perf_counter() just before os.replace."""
    text = note.read_text(encoding="utf-8")
    return save_atomic(note, text + ("" if not text or text.endswith("\n") else "\n") + item + "\n")


def vault_today(vault: Path) -> str:
    """The ISO date vaultkit takes as today: ``today`` in vaultkit.toml, else the real date."""
    with contextlib.suppress(OSError, ValueError, tomllib.TOMLDecodeError):
        value = tomllib.loads((vault / "vaultkit.toml").read_text(encoding="utf-8")).get("today")
        if isinstance(value, dt.date | str):
            return dt.date.fromisoformat(str(value)[:10]).isoformat()
    return dt.date.today().isoformat()


def logged_for(rel: str) -> Callable[[str], bool]:
    """Matches the watcher's log line for a save of `rel`: names it and ends with "(NN ms)"."""
    return lambda line: rel in line and MS.search(line) is not None


def peak_mb(pid: int) -> float | None:
    """VmHWM (peak resident set) of a live process in MB, from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def pct(xs: list[float], q: float) -> float | None:
    """The q-quantile (0..1) of xs, linearly interpolated; None for no data."""
    if not xs:
        return None
    s, k = sorted(xs), (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return round(s[lo] + (s[hi] - s[lo]) * (k - lo), 2)


def summary(runs: list[dict[str, Any]], prefix: str = "") -> dict[str, Any]:
    """Counts, medians and p95s of timed saves, under keys starting with prefix."""
    e2e = [r["e2e_ms"] for r in runs if r["e2e_ms"] is not None]
    work = [r["proc_ms"] for r in runs if r["proc_ms"] is not None]
    return {f"{prefix}seen": len(e2e), f"{prefix}logged": len(work), f"{prefix}runs": runs,
            f"{prefix}e2e_median_ms": round(statistics.median(e2e), 2) if e2e else None,
            f"{prefix}e2e_p95_ms": pct(e2e, 0.95),
            f"{prefix}proc_median_ms": statistics.median(work) if work else None,
            f"{prefix}proc_p95_ms": pct(work, 0.95)}


def contacted_on(index: Path, date: str) -> set[str]:
    """Names whose People.md row shows `date` as last contact: a new item of that date may change nothing."""
    with contextlib.suppress(OSError):
        found = (ROW.match(line) for line in index.read_text(encoding="utf-8").splitlines())
        return {m.group(1).rsplit("/", 1)[-1] for m in found if m and m.group(2) == date}
    return set()


# Query regions over people (`--query-regions`): every person save re-fills each of them.
QUERIES = (
    "person sort last_contact desc limit 20 columns role, last_contact",
    'person where role contains "engineer" sort title limit 50 columns company, role',
    "person where contacts > 0 sort contacts desc, title limit 30 columns contacts, last_contact",
)


def add_query_notes(vault: Path, count: int) -> None:
    """`count` notes in `Queries/`, each holding one query region of people (see QUERIES)."""
    for i in range(count):
        note = vault / "Queries" / f"Query {i + 1}.md"
        note.parent.mkdir(exist_ok=True)
        query = QUERIES[i % len(QUERIES)]
        note.write_text(f"# Query {i + 1}\n\n<!-- vaultkit:begin query {query} -->\n<!-- vaultkit:end query -->\n",
                        encoding="utf-8")


def measure(size: int, vault: Path, saves: int, daily_saves: int, debounce: float, seed: int,
            timeout: float, query_regions: int = 0) -> dict[str, Any]:
    """Copy, build, start the watcher and time its warm start, `saves` person and `daily_saves` daily saves
    (with `query_regions` notes of query regions in the vault)."""
    res: dict[str, Any] = {"size": size, "debounce_s": debounce, "status": "ok", "query_regions": query_regions}
    tmpdir = Path(tempfile.mkdtemp(prefix="vk-watch-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        copy = tmpdir / "vault"
        shutil.copytree(vault, copy, symlinks=True)
        reset(copy)
        add_query_notes(copy, query_regions)
        build_s, _, code, _, err = run_once([sys.executable, "-m", "vaultkit", "--vault", str(copy), "build"], timeout)
        res["first_build_s"] = round(build_s, 2)
        if code != 0:
            return {**res, "status": "n/a", "error": f"build exit {code}: {err.strip()[-400:]}"}
        people = copy / OUTPUT_DIR / "People.md"
        outputs = (people, copy / OUTPUT_DIR / "Follow-ups.md")
        persons = sorted((copy / "People").glob("*.md"))
        dailies = sorted((copy / "Daily").glob("*.md"))
        if daily_saves and not (dailies and persons):
            return {**res, "status": "n/a", "error": "--daily-saves needs notes in Daily/ and People/"}
        argv = [sys.executable, "-m", "vaultkit", "--vault", str(copy), "watch", "--debounce", str(debounce)]
        env = {**child_env(), "PYTHONUNBUFFERED": "1"}
        t_spawn = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=REPO)
        assert proc.stdout is not None and proc.stderr is not None
        lines = Lines([proc.stdout, proc.stderr])
        ready = lines.wait_for(lambda s: "watching" in s, timeout)
        if ready is None:
            return {**res, "status": "n/a", "error": "no 'watching' line", "log": [s for _, s in lines.items][-40:]}
        res["warm_start_s"] = round(ready[0] - t_spawn, 3)
        res["watching_line"] = ready[1]
        # From the cache the watcher says "watching" before it loads the vault, then "ready":
        # saves are timed from then on (one made earlier waits for the load; see ready_s).
        loaded = ready if "loading" not in ready[1] else lines.wait_for(
            lambda s: s.startswith("ready: ") or " ready: " in s, timeout)  # log lines may start with a time
        if loaded is None:
            return {**res, "status": "n/a", "error": "no 'ready' line", "log": [s for _, s in lines.items][-40:]}
        res["ready_s"] = round(loaded[0] - t_spawn, 3)
        rng = random.Random(seed)
        runs: list[dict[str, Any]] = []
        for i in range(saves):
            if proc.poll() is not None:
                res.update(status="died", error=f"watcher exited ({proc.returncode}) before save {i + 1}")
                break
            note = rng.choice(persons)
            rel = note.relative_to(copy).as_posix()
            token = f"wl{seed}x{size}x{i}x{rng.randrange(16**8):08x}"
            start, before = len(lines.items), stamp(people)
            t0 = save_with_role(note, token)
            seen: float | None = None
            while seen is None and time.perf_counter() < t0 + SEEN_TIMEOUT_S and proc.poll() is None:
                now = stamp(people)
                if now != before:
                    before = now
                    with contextlib.suppress(FileNotFoundError):
                        if token in people.read_text(encoding="utf-8"):
                            seen = time.perf_counter()
                            break
                time.sleep(POLL_S)
            logged = lines.wait_for(logged_for(rel), LOG_TIMEOUT_S if seen else 0.5, start)
            found = MS.search(logged[1]) if logged else None
            proc_ms = float(found.group(1)) if found else None
            runs.append({"note": rel, "e2e_ms": None if seen is None else round((seen - t0) * 1000, 2),
                         "proc_ms": proc_ms, "log_at_ms": round((logged[0] - t0) * 1000, 2) if logged else None,
                         "log": logged[1] if logged else None})
            time.sleep(GAP_S)
        res.update(saves=saves, **summary(runs))
        drng, date = random.Random(f"{seed}-daily"), vault_today(copy)
        done = contacted_on(people, date)
        fresh = [p for p in persons if p.stem not in done] or persons
        order: list[Path] = []
        druns: list[dict[str, Any]] = []
        for i in range(daily_saves if res["status"] == "ok" else 0):
            if proc.poll() is not None:
                res.update(status="died", error=f"watcher exited ({proc.returncode}) before daily save {i + 1}")
                break
            if not order:  # each person once before any repeats (a repeat may change nothing)
                order = drng.sample(fresh, len(fresh))
            note, person = drng.choice(dailies), order.pop()
            rel = note.relative_to(copy).as_posix()
            token = f"wd{seed}x{size}x{i}x{drng.randrange(16**8):08x}"
            start, stamps = len(lines.items), [stamp(p) for p in outputs]
            t0 = save_with_item(note, f"- {date} coffee with [[{person.stem}]] {token}")
            seen, changed = None, []
            while time.perf_counter() < t0 + SEEN_TIMEOUT_S and proc.poll() is None:
                changed = [p.name for p, was in zip(outputs, stamps, strict=True) if stamp(p) != was]
                if changed:
                    seen = time.perf_counter()
                    break
                time.sleep(POLL_S)
            logged = lines.wait_for(logged_for(rel), LOG_TIMEOUT_S if seen else 0.5, start)
            found = MS.search(logged[1]) if logged else None
            druns.append({"note": rel, "person": person.stem, "changed": changed,
                          "e2e_ms": None if seen is None else round((seen - t0) * 1000, 2),
                          "proc_ms": float(found.group(1)) if found else None,
                          "log_at_ms": round((logged[0] - t0) * 1000, 2) if logged else None,
                          "log": logged[1] if logged else None})
            time.sleep(GAP_S)
        res.update(daily_saves=daily_saves, daily_date=date, **summary(druns, "daily_"))
        res["peak_mb"] = peak_mb(proc.pid)
        proc.send_signal(signal.SIGINT)
        t_stop = time.perf_counter()
        try:
            res["exit_code"], res["killed"] = proc.wait(STOP_TIMEOUT_S), False
        except subprocess.TimeoutExpired:
            proc.kill()
            res["exit_code"], res["killed"] = proc.wait(STOP_TIMEOUT_S), True
        res["stop_s"] = round(time.perf_counter() - t_stop, 3)
        for t in lines.threads:
            t.join(2)
        res["log"] = [s for _, s in lines.items][-(saves + daily_saves + 20):]
        return res
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(STOP_TIMEOUT_S)
        shutil.rmtree(cache_folder(str(tmpdir / "vault")), ignore_errors=True)  # the copy's cache, outside it
        shutil.rmtree(tmpdir, ignore_errors=True)


def fmt(x: float | None, spec: str = ".1f") -> str:
    """A number for the table, or n/a."""
    return "n/a" if x is None else format(x, spec)


def report(results: list[dict[str, Any]]) -> str:
    """The Markdown table, ratios to the smallest size and SPEC §7 verdicts."""
    rows = ["| size | warm start s | ready s | e2e median ms | e2e p95 ms | processing median ms | "
            "processing p95 ms | debounce ms | seen / logged / saves | peak MB |", "|---:|" + "---:|" * 9]
    ok = [r for r in results if r["status"] == "ok"]
    for r in results:
        if "e2e_p95_ms" not in r:
            rows.append(f"| {r['size']:,} | n/a ({r.get('error', '')[:60]}) |" + " n/a |" * 8)
            continue
        rows.append(f"| {r['size']:,} | {r['warm_start_s']:.2f} | {fmt(r.get('ready_s'), '.2f')} "
                    f"| {fmt(r['e2e_median_ms'])} "
                    f"| {fmt(r['e2e_p95_ms'])} | {fmt(r['proc_median_ms'], '.0f')} | {fmt(r['proc_p95_ms'], '.0f')} "
                    f"| {r['debounce_s'] * 1000:.0f} | {r['seen']} / {r['logged']} / {r['saves']} "
                    f"| {fmt(r['peak_mb'], '.0f')} |" + ("" if r["status"] == "ok" else f" {r['status']}"))
    lines = ["\n".join(rows)]
    if len(ok) >= 2:
        small, big = min(ok, key=lambda r: r["size"]), max(ok, key=lambda r: r["size"])
        for key, name in (("e2e_p95_ms", "end-to-end"), ("proc_p95_ms", "processing")):
            if small[key] and big[key] is not None:
                lines.append(f"- {name} p95({big['size']:,}) / p95({small['size']:,}) = {big[key] / small[key]:.2f}x"
                             + (" (SPEC §7 budget for 50,000 / 1,000: ≤ 3x)" if (small["size"], big["size"]) ==
                                (1000, 50000) else ""))
    for r in ok:
        if r["e2e_p95_ms"] is not None:
            lines.append(f"- {r['size']:,} notes: end-to-end p95 {r['e2e_p95_ms']:.1f} ms, debounce included "
                         f"(SPEC §7 budget ≤ 50 ms): " + ("OK" if r["e2e_p95_ms"] <= 50 else "OVER"))
    daily = [r for r in results if r.get("daily_saves")]
    if daily:
        rows = ["Daily note saves (a dated item appended; until People.md or Follow-ups.md changes):\n",
                "| size | e2e median ms | e2e p95 ms | processing median ms | processing p95 ms | "
                "seen / logged / saves | item date |", "|---:|" + "---:|" * 6]
        for r in daily:
            rows.append(f"| {r['size']:,} | {fmt(r['daily_e2e_median_ms'])} | {fmt(r['daily_e2e_p95_ms'])} "
                        f"| {fmt(r['daily_proc_median_ms'], '.0f')} | {fmt(r['daily_proc_p95_ms'], '.0f')} "
                        f"| {r['daily_seen']} / {r['daily_logged']} / {r['daily_saves']} | {r['daily_date']} |"
                        + ("" if r["status"] == "ok" else f" {r['status']}"))
        lines.append("\n" + "\n".join(rows))
        for r in daily:
            if r["status"] == "ok" and r["daily_e2e_p95_ms"] is not None:
                lines.append(f"- {r['size']:,} notes: daily end-to-end p95 {r['daily_e2e_p95_ms']:.1f} ms "
                             f"(SPEC §7 budget ≤ 50 ms): " + ("OK" if r["daily_e2e_p95_ms"] <= 50 else "OVER"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="Time `vaultkit watch`: a save -> generated notes on disk (SPEC §7).")
    ap.add_argument("--sizes", default="1000,10000,50000", help="comma-separated note counts")
    ap.add_argument("--saves", type=int, default=30, help="person-note saves timed per size")
    ap.add_argument("--daily-saves", type=int, default=None,
                    help="daily-note saves timed per size, after the person saves (default: --saves; 0: none)")
    ap.add_argument("--debounce", type=float, default=0.02, help="the watcher's --debounce, seconds")
    ap.add_argument("--seed", type=int, default=42, help="generator and note-picking seed")
    ap.add_argument("--out", type=Path, default=BENCH / ".vaults" / "watch_results.json", help="JSON results")
    ap.add_argument("--vaults", type=Path, default=BENCH / ".vaults", help="generated-vault cache")
    ap.add_argument("--timeout", type=float, default=600.0, help="bound on the first build and the warm start")
    ap.add_argument("--query-regions", type=int, default=0,
                    help="notes with a query region over people to add to each vault (issue 12)")
    a = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()]
    if a.daily_saves is None:
        a.daily_saves = a.saves
    if a.saves < 1 or a.daily_saves < 0 or not sizes:
        ap.error("need --saves >= 1, --daily-saves >= 0 and at least one size")
    a.vaults.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "machine": f"{platform.platform()}, {platform.machine()}, cpu_count={os.cpu_count()}",
        "cpu_count": os.cpu_count(), "seed": a.seed, "saves": a.saves, "daily_saves": a.daily_saves,
        "debounce_s": a.debounce, "results": [],
    }
    for size in sizes:
        vault, _ = vault_for(size, a.seed, a.vaults)
        print(f"size {size:,}: {vault}", file=sys.stderr)
        r = measure(size, vault, a.saves, a.daily_saves, a.debounce, a.seed, a.timeout, a.query_regions)
        print(f"  warm start {r.get('warm_start_s')} s, e2e median {r.get('e2e_median_ms')} ms, "
              f"p95 {r.get('e2e_p95_ms')} ms; daily e2e median {r.get('daily_e2e_median_ms')} ms, "
              f"p95 {r.get('daily_e2e_p95_ms')} ms; status {r['status']}", file=sys.stderr)
        info["results"].append(r)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nCommand: `{info['command']}`\nPython: {info['python']}\nMachine: {info['machine']}\n")
    print(report(info["results"]))
    print(f"\nJSON: {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
