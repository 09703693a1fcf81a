"""Where a save's time goes inside the real watcher: file events, debounce, read, plan, wait, write.

``python bench/watch_trace.py VAULT [--saves N] [--kinds edit,add,delete,rename,names] [--debounce 0.02]``

It traces the vaultkit of the source tree it is in (`run.py` puts that tree first on the path).
VAULT is copied (without its generated notes) to a temp folder and built; then
`vaultkit.live.watch.watch` runs in a thread of this process, as ``vaultkit watch --debounce D
--verbose`` runs it (its watchdog observer, its loop), with timestamps taken at each step, and
the saves of `watch_saves.py` are made on the copy (``GAP_S`` apart). Per kind, the medians over
its saves, in ms from just before the save:

* ``event``    the watcher's handler records the save's first path (watchdog's threads);
* ``drain``    the loop takes the paths (the debounce over);
* ``read``     `Session.update` (the changed files read and parsed);
* ``plan``     from the read to the check that no save is in progress (`watch._settled`, for a
  save that removes a note: it waits until `SAVE_GRACE` after the read) or else to the writes;
* ``grace``    that wait;
* ``write``    `write_planned` (each changed generated note read, merged and written, fsync);
* ``logged``   the log line naming the save (what `watch_saves.py` times end to end);

with the process's CPU time over the save (every thread), the file events the handler was handed
(by type; its own writes and reads included) and the cycle collector's time. The wall clock is
the machine's: on a loaded one, compare the CPU figures and the fixed waits (debounce, grace).
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from watch_saves import GAP_S, KINDS, MS, Saver

import vaultkit
from vaultkit.disk.build import build
from vaultkit.live import session as session_mod
from vaultkit.live import watch as watch_mod

STEPS = ("event", "drain", "read", "plan", "grace", "write", "logged")
TIMEOUT_S = 120.0


class Trace:
    """Timestamps of the watcher's steps, from any thread, and its log lines."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.marks: list[tuple[float, str]] = []
        self.lines: list[tuple[float, str]] = []
        self.gc_ms = 0.0
        self._gc_start = 0.0

    def mark(self, tag: str) -> None:
        with self.lock:
            self.marks.append((time.perf_counter(), tag))

    def log(self, line: str) -> None:
        with self.lock:
            self.lines.append((time.perf_counter(), line))
            self.lock.notify_all()

    def collector(self, phase: str, _: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.gc_ms += (time.perf_counter() - self._gc_start) * 1000

    def wait_line(self, start: int, match: Any) -> tuple[float, str] | None:
        deadline = time.monotonic() + TIMEOUT_S
        with self.lock:
            while True:
                for t, line in self.lines[start:]:
                    if match(line):
                        return t, line
                if time.monotonic() > deadline:
                    return None
                self.lock.wait(0.5)


def instrument(trace: Trace) -> None:
    """Wrap the watcher's steps so that each marks its start (``name>``) and end (``name<``)."""
    def around(owner: Any, name: str, tag: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            trace.mark(tag + ">")
            try:
                return inner(*args, **kwargs)
            finally:
                trace.mark(tag + "<")
        setattr(owner, name, timed)

    around(watch_mod.Pending, "drain", "drain")
    around(session_mod.Session, "update", "read")
    around(session_mod, "write_planned", "write")
    add, handle, settled = watch_mod.Pending.add, watch_mod._Handler.on_any_event, watch_mod._settled

    def pending_add(self: Any, rel: str) -> None:
        trace.mark("path:" + rel)
        add(self, rel)

    def on_any_event(self: Any, event: Any) -> None:
        trace.mark("event:" + event.event_type)
        handle(self, event)

    def timed_settled(pending: Any, update: Any, read_at: float) -> Any:
        check = settled(pending, update, read_at)
        if check is None:
            return None

        def checked() -> bool:
            trace.mark("grace>")
            try:
                return check()
            finally:
                trace.mark("grace<")
        return checked

    watch_mod.Pending.add = pending_add  # type: ignore[method-assign]
    watch_mod._Handler.on_any_event = on_any_event  # type: ignore[method-assign]
    watch_mod._settled = timed_settled
    gc.callbacks.append(trace.collector)


def steps_of(marks: list[tuple[float, str]], t0: float, paths: list[str]) -> dict[str, float]:
    """The step times (ms after `t0`) of one save, from the marks made meanwhile."""
    first: dict[str, float] = {}
    for t, tag in marks:
        first.setdefault(tag, (t - t0) * 1000)
    got: dict[str, float] = {}
    events = [first[f"path:{p}"] for p in paths if f"path:{p}" in first]
    if events:
        got["event"] = min(events)
    for step, tag in (("drain", "drain<"), ("read", "read<"), ("grace", "grace<"), ("write", "write<")):
        if tag in first:
            got[step] = first[tag]
    settle = first.get("grace>", first.get("write>"))
    if settle is not None and "read" in got:
        got["plan"] = settle
    return got


def main() -> int:
    """Trace the saves and print the medians per kind."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vault", type=Path)
    ap.add_argument("--saves", type=int, default=6, help="saves of each kind")
    ap.add_argument("--kinds", default=",".join(KINDS), help="of " + ",".join(KINDS))
    ap.add_argument("--debounce", type=float, default=0.02)
    a = ap.parse_args()
    print(f"vaultkit: {vaultkit.__file__}", file=sys.stderr)
    trace = Trace()
    instrument(trace)
    scratch = Path(tempfile.mkdtemp(prefix="vkbench-trace-"))
    stop = threading.Event()
    thread: threading.Thread | None = None
    try:
        copy = scratch / "vault"
        shutil.copytree(a.vault, copy, symlinks=True, ignore=shutil.ignore_patterns("Vaultkit"))
        os.environ["XDG_CACHE_HOME"] = str(scratch / "cache")
        build(str(copy))
        options = watch_mod.WatchOptions(debounce=a.debounce, verbose=True)
        thread = threading.Thread(target=watch_mod.watch, args=(str(copy), options, trace.log, stop), daemon=True)
        thread.start()
        if trace.wait_line(0, lambda s: s.startswith("ready: ") or ("watching" in s and "loading" not in s)) is None:
            raise SystemExit("the watcher did not get ready")
        time.sleep(2.0)  # its links index, made while nothing waits (`LivePlan.link_step`)
        saver = Saver(copy, 42, 1)
        print(f"{'kind':7} " + " ".join(f"{s:>7}" for s in STEPS) + "  cpu ms  events/save  gc ms/save")
        for kind in a.kinds.split(","):
            rows: list[dict[str, float]] = []
            counts: collections.Counter[str] = collections.Counter()
            gc_before = trace.gc_ms
            for _ in range(a.saves):
                start, mark0, cpu0 = len(trace.lines), len(trace.marks), time.process_time()
                t0, paths, _ = saver.save(kind)
                logged = trace.wait_line(start, lambda s, p=paths: MS.search(s) is not None and any(x in s for x in p))
                if logged is None:
                    raise SystemExit(f"no log line for a {kind} save")
                cpu = (time.process_time() - cpu0) * 1000
                with trace.lock:
                    marks = [(t, tag) for t, tag in trace.marks[mark0:] if t <= logged[0]]
                row = steps_of(marks, t0, paths)
                row["logged"], row["cpu"] = (logged[0] - t0) * 1000, cpu
                counts.update(tag[6:] for _, tag in marks if tag.startswith("event:"))
                rows.append(row)
                time.sleep(GAP_S)
            cells = [statistics.median(r[step] for r in rows) if all(step in r for r in rows) else None
                     for step in STEPS]
            shown = " ".join(f"{c:7.1f}" if c is not None else f"{'-':>7}" for c in cells)
            total = sum(counts.values()) / a.saves
            print(f"{kind:7} {shown} {statistics.median(r['cpu'] for r in rows):7.1f}  {total:11.1f}  "
                  f"{(trace.gc_ms - gc_before) / a.saves:10.1f}   {dict(counts)}")
    finally:
        stop.set()
        if thread is not None:
            thread.join(60)  # it writes its cache as it stops
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
