"""`vaultkit watch` from a current cache: time to ready, and each kind of save (SPEC §7).

One session (``session``): an untimed ``build`` (so the cache and build record are current), then
``watch --debounce D --verbose`` started in the tree's environment (``children.WRAP``). Measured:

* ``watch-ready``  - spawn to the line saying the vault is in memory ("ready: …", or the
  "watching …: N notes" line when the watcher had to build first);
* per save, atomically (temp file + ``os.replace``, as editors do) on notes of ``People/`` drawn
  with a seeded stream, never the same note twice in a session:
  ``save-edit`` a person's ``role:`` set to a fresh token; ``save-add`` a new person note;
  ``save-delete`` a person note removed; ``save-rename`` a person note renamed (``os.rename``);
  ``save-names`` a title change and an alias change, alternately (both change what names
  resolve to). Each save's time is from just before ``os.replace`` (or ``unlink``/``rename``)
  to when the watcher's log line for it is read (it is logged once the generated notes are
  written; the debounce is included), and its processing time is the "(NN ms)" of that line.
  For edit, add, delete and rename, People.md is then checked to show the change ("seen").

Peak RSS: ``children.WRAP``'s figures at the watcher's exit (SIGINT), else ``VmHWM`` before it.
Every wait is bounded; the watcher is killed in a ``finally`` if it does not stop.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from children import OUTPUT_DIR, Tree, read_rss, run, vaultkit_argv
from watch_latency import MS, Lines, peak_mb, save_atomic

KINDS = ("edit", "add", "delete", "rename", "names")
GAP_S, LOG_TIMEOUT_S, SEEN_TIMEOUT_S, STOP_TIMEOUT_S = 0.25, 120.0, 2.0, 60.0  # 100k notes: slow saves
ROLE = re.compile(r"^role:.*$", re.MULTILINE)


def with_front(text: str, key: str, value: str) -> str:
    """The note with `key: value` set in its frontmatter (replaced if there, else added first)."""
    if not text.startswith("---\n"):
        return f"---\n{key}: {value}\n---\n{text}"
    end = text.index("\n---", 3)
    front, rest = text[4:end + 1], text[end + 1:]
    line = re.compile(rf"^{re.escape(key)}:.*(?:\n[ -].*)*$", re.MULTILINE)  # with a block list under it
    front = line.sub(f"{key}: {value}", front, count=1) if line.search(front) else f"{key}: {value}\n{front}"
    return "---\n" + front + rest


class Saver:
    """Makes the saves of one session on a vault copy; each returns (paths named, People.md check)."""

    def __init__(self, root: Path, seed: int, session: int) -> None:
        self.root, self.token, self.n = root, f"vkb{seed}s{session}", 0
        people = sorted((root / "People").glob("*.md"))
        self.free = random.Random(f"{seed}/{session}").sample(people, len(people))

    def person(self) -> Path:
        if not self.free:
            raise RuntimeError("no person note left to save")
        return self.free.pop()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def fresh(self) -> str:
        self.n += 1
        return f"{self.token}x{self.n}"

    def save(self, kind: str) -> tuple[float, list[str], Callable[[str], bool] | None]:
        """Make one save of `kind`: (perf_counter just before it, vault paths it touches, check of People.md)."""
        token = self.fresh()
        if kind == "edit":
            note = self.person()
            t0 = save_atomic(note, with_front(note.read_text("utf-8"), "role", token))
            return t0, [self.rel(note)], lambda text: token in text
        if kind == "add":
            note = self.root / "People" / f"Added {token}.md"
            t0 = save_atomic(note, f"---\nrole: {token}\ncompany: Bench Works\n---\n# Added {token}\n")
            return t0, [self.rel(note)], lambda text: token in text
        if kind == "delete":
            note = self.person()
            row = re.compile(rf"\[\[(?:People/)?{re.escape(note.stem)}(?:\]\]|\|)")
            t0 = time.perf_counter()
            note.unlink()
            return t0, [self.rel(note)], lambda text: row.search(text) is None
        if kind == "rename":
            note = self.person()
            new = note.with_name(f"{note.stem} {token}.md")
            t0 = time.perf_counter()
            os.rename(note, new)
            return t0, [self.rel(note), self.rel(new)], lambda text: token in text
        note = self.person()  # names: a title (sorted by in the indexes) or an alias (links resolve by it)
        key, value = ("title", f'"0 {token}"') if self.n % 2 else ("aliases", f'["Alias {token}"]')
        return save_atomic(note, with_front(note.read_text("utf-8"), key, value)), [self.rel(note)], None


def ready_line(line: str) -> bool:
    """The watcher's line once the vault is in memory (from a cache: "ready: …")."""
    return line.startswith("ready: ") or " ready: " in line or ("watching" in line and "loading" not in line)


def session(copy: Path, tree: Tree, kinds: list[str], saves: int, debounce: float, seed: int, number: int,
            timeout: float) -> dict[str, Any]:
    """One watcher session on `copy`: ready time, then `saves` saves of each kind."""
    built = run(vaultkit_argv(copy, "build"), tree, timeout)
    if built.code != 0:
        return {"status": "n/a", "error": f"build exit {built.code}: {built.err.strip()[-300:]}"}
    res: dict[str, Any] = {"status": "ok", **{k: [] for k in kinds}}
    people_md = copy / OUTPUT_DIR / "People.md"
    with tempfile.TemporaryDirectory(prefix="vkbench-watch-") as scratch:
        rss_file = Path(scratch) / "rss.json"
        env = {**tree.env(), "PYTHONUNBUFFERED": "1", "VKBENCH_RSS": str(rss_file)}
        t_spawn = time.perf_counter()
        proc = subprocess.Popen(vaultkit_argv(copy, "watch", "--debounce", str(debounce), "--verbose"),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, cwd=tree.path)
        try:
            assert proc.stdout is not None and proc.stderr is not None
            lines = Lines([proc.stdout, proc.stderr])
            ready = lines.wait_for(ready_line, timeout)
            if ready is None:
                return {"status": "n/a", "error": "no ready line", "log": [s for _, s in lines.items][-20:]}
            res["ready_s"], res["ready_line"] = ready[0] - t_spawn, ready[1]
            saver = Saver(copy, seed, number)
            for kind, _ in ((k, i) for k in kinds for i in range(saves)):
                if proc.poll() is not None:
                    return {**res, "status": "died", "log": [s for _, s in lines.items][-20:]}
                res[kind].append(one_save(saver, kind, lines, people_md))
                if res[kind][-1]["e2e_ms"] is None:  # not logged in LOG_TIMEOUT_S: the rest would wait as long
                    res.update(status="stuck", log=[s for _, s in lines.items][-20:])
                    break
                time.sleep(GAP_S)
            res["vmhwm_mb"] = peak_mb(proc.pid)
            proc.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(STOP_TIMEOUT_S)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(STOP_TIMEOUT_S)
        main, worker = read_rss(rss_file)
        res["main_rss"], res["worker_rss"] = main, worker
    return res


def one_save(saver: Saver, kind: str, lines: Lines, people_md: Path) -> dict[str, Any]:
    """Make a save and wait (bounded) for the watcher's log line naming it."""
    start = len(lines.items)
    t0, paths, shows = saver.save(kind)
    logged = lines.wait_for(lambda s: MS.search(s) is not None and any(p in s for p in paths), LOG_TIMEOUT_S, start)
    got: dict[str, Any] = {"paths": paths, "e2e_ms": None, "proc_ms": None, "seen": None}
    if logged is None:
        return got
    found = MS.search(logged[1])
    got.update(e2e_ms=(logged[0] - t0) * 1000, proc_ms=float(found.group(1)) if found else None, log=logged[1])
    if shows is not None:
        deadline = time.monotonic() + SEEN_TIMEOUT_S
        while True:
            with contextlib.suppress(OSError):
                if shows(people_md.read_text("utf-8")):
                    got["seen"] = True
                    break
            if time.monotonic() > deadline:
                got["seen"] = False
                break
            time.sleep(0.005)
    return got
