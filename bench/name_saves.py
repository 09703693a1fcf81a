"""The saves of `watch_latency.py` that change names: a new note, a rename, a title change, an alias
change, a delete (SPEC §7: each ≤ 100 ms at 10k, the 20 ms debounce included).

Each round ``i`` makes five saves, each atomic (temp file + ``os.replace``, or one ``os.replace`` /
``os.remove``), timed from just before the rename or removal until ``People.md`` shows it:

- ``add``: ``People/WL Add i.md``, a person with a unique ``role``; done when People.md holds the role;
- ``rename``: that note moved to ``People/WL Moved i.md``; done when People.md links the new name only;
- ``title``: a seeded person gets ``title: WL Title i``, a name that a note made before the first
  build (`prepare`) links in a line dated the vault's today: the link now resolves to that person,
  who was last contacted then; done when People.md or Follow-ups.md changes;
- ``alias``: another person gets ``aliases: ["WL Alias i"]``, linked the same way; the same;
- ``delete``: ``People/WL Moved i.md`` removed; done when People.md no longer links it.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from run import OUTPUT_DIR

KINDS = ("add", "rename", "title", "alias", "delete")
LINKS_NOTE = "Notes/WL name saves.md"  # made before the first build: links to names no note has yet


def prepare(vault: Path, rounds: int, date: str) -> None:
    """Write the note whose dated lines link `WL Title i` and `WL Alias i` (for i < rounds)."""
    note = vault / LINKS_NOTE
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("".join(f"- {date} coffee with [[WL Title {i}]]\n- {date} lunch with [[WL Alias {i}]]\n"
                            for i in range(rounds)), encoding="utf-8")


def _with_key(text: str, key: str, value: str) -> str:
    """A note's text with a frontmatter key set to `value` (its old value, on any number of lines, gone)."""
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        return f"---\n{key}: {value}\n---\n" + text
    end = text.index("\n---", 3) + 1  # where the closing line starts
    front = re.sub(rf"^{re.escape(key)}:.*\n(?:[ \t]+.*\n|-[ \t].*\n)*", "", text[4:end], flags=re.M)
    return f"---\n{key}: {value}\n" + front + text[end:]


Save = tuple[str, str, Callable[[], float], Callable[[str], bool]]  # kind, rel for the log, do it, done?


def round_saves(copy: Path, i: int, token: str, titled: Path, aliased: Path,
                save_atomic: Callable[[Path, str], float], changed: Callable[[], bool]) -> list[Save]:
    """The five saves of round `i`, in order; `changed()` tells whether the generated notes changed."""
    people = copy / "People"
    added, moved = people / f"WL Add {i}.md", people / f"WL Moved {i}.md"

    def rename() -> float:
        t0 = time.perf_counter()
        os.replace(added, moved)
        return t0

    def delete() -> float:
        t0 = time.perf_counter()
        os.remove(moved)
        return t0

    def rel(path: Path) -> str:
        return path.relative_to(copy).as_posix()

    return [
        ("add", rel(added), lambda: save_atomic(added, f"---\nrole: {token}\ncompany: WL Co\n---\n# WL Add {i}\n"),
         lambda text: token in text),
        ("rename", rel(moved), rename, lambda text: f"[[WL Moved {i}]]" in text and f"[[WL Add {i}]]" not in text),
        ("title", rel(titled), lambda: save_atomic(titled, _with_key(titled.read_text(encoding="utf-8"), "title",
                                                                     f"WL Title {i}")),
         lambda _: changed()),
        ("alias", rel(aliased), lambda: save_atomic(aliased, _with_key(aliased.read_text(encoding="utf-8"), "aliases",
                                                                       f'["WL Alias {i}"]')),
         lambda _: changed()),
        ("delete", rel(moved), delete, lambda text: f"[[WL Moved {i}]]" not in text),
    ]


def run(proc: Any, lines: Any, copy: Path, rounds: int, seed: int, size: int, date: str) -> dict[str, Any]:
    """Time `rounds` rounds of the five saves against the running watcher `proc` (its output in
    `lines`, a `watch_latency.Lines`); the results under `<kind>_…` keys, as `summary` makes them."""
    import watch_latency as wl  # here: watch_latency imports this module

    people = copy / OUTPUT_DIR / "People.md"
    outputs = (people, copy / OUTPUT_DIR / "Follow-ups.md")
    rng = random.Random(f"{seed}-names")
    done = wl.contacted_on(people, date)  # a person already contacted on `date` may show no change
    spare = sorted(p for p in (copy / "People").glob("*.md") if p.stem not in done and not p.stem.startswith("WL "))
    spare = rng.sample(spare, min(len(spare), 2 * rounds))
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    before: list[list[tuple[int, int, int] | None]] = [[]]
    status = "ok"
    for i in range(rounds):
        if len(spare) < 2:
            break
        token = f"wn{seed}x{size}x{i}x{rng.randrange(16**8):08x}"
        saves = round_saves(copy, i, token, spare.pop(), spare.pop(), wl.save_atomic,
                            lambda: [wl.stamp(p) for p in outputs] != before[0])
        for kind, rel, act, finished in saves:
            if proc.poll() is not None:
                status = f"watcher exited ({proc.returncode}) before {kind} save {i + 1}"
                break
            start, before[0] = len(lines.items), [wl.stamp(p) for p in outputs]
            last, seen = before[0], None
            t0 = act()
            while time.perf_counter() < t0 + wl.SEEN_TIMEOUT_S and proc.poll() is None:
                now = [wl.stamp(p) for p in outputs]
                if now != last:
                    last = now
                    with contextlib.suppress(FileNotFoundError):
                        if finished(people.read_text(encoding="utf-8")):
                            seen = time.perf_counter()
                            break
                time.sleep(wl.POLL_S)
            logged = lines.wait_for(wl.logged_for(rel), wl.LOG_TIMEOUT_S if seen else 0.5, start)
            found = wl.MS.search(logged[1]) if logged else None
            runs[kind].append({"note": rel, "e2e_ms": None if seen is None else round((seen - t0) * 1000, 2),
                               "proc_ms": float(found.group(1)) if found else None,
                               "log_at_ms": round((logged[0] - t0) * 1000, 2) if logged else None,
                               "log": logged[1] if logged else None})
            time.sleep(wl.GAP_S)
        if status != "ok":
            break
    out: dict[str, Any] = {"name_rounds": rounds, "name_status": status}
    for kind in KINDS:
        out.update(wl.summary(runs[kind], f"{kind}_"))
    return out


def report(results: list[dict[str, Any]], fmt: Callable[..., str]) -> str:
    """The table of name-changing saves, with SPEC §7 verdicts (≤ 100 ms end to end)."""
    named = [r for r in results if r.get("name_rounds")]
    if not named:
        return ""
    rows = ["Saves that change names (until People.md shows it; see bench/name_saves.py):\n",
            "| size | save | e2e median ms | e2e p95 ms | processing median ms | processing p95 ms | seen / logged |",
            "|---:|---|---:|---:|---:|---:|---:|"]
    verdicts = []
    for r in named:
        for kind in KINDS:
            if f"{kind}_seen" not in r:
                continue
            rows.append(f"| {r['size']:,} | {kind} | {fmt(r[f'{kind}_e2e_median_ms'])} "
                        f"| {fmt(r[f'{kind}_e2e_p95_ms'])} "
                        f"| {fmt(r[f'{kind}_proc_median_ms'], '.0f')} | {fmt(r[f'{kind}_proc_p95_ms'], '.0f')} "
                        f"| {r[f'{kind}_seen']} / {r[f'{kind}_logged']} |")
            p95 = r[f"{kind}_e2e_p95_ms"]
            if p95 is not None:
                verdicts.append(f"- {r['size']:,} notes, {kind}: end-to-end p95 {p95:.1f} ms "
                                "(SPEC §7 budget ≤ 100 ms): " + ("OK" if p95 <= 100 else "OVER"))
    return "\n".join(rows) + "\n" + "\n".join(verdicts)
