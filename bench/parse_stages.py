"""Parse cost per note, stage by stage, and the records parsing gives (to hold a parser to another).

``python bench/parse_stages.py VAULT...``  prints µs/note per stage of `vaultkit.reader.parse.parse_note`
(CPU time, one process, every note read into memory first: no disk in the figures).
``--dump FILE`` writes one line per note, `path<TAB>canonical record`, and ``--compare FILE``
checks this tree's records against such a dump (made by another tree: run it with that tree on
``PYTHONPATH``); ``--long-items DIR`` writes notes of long, link-heavy list items to bench with.

`stages(root)` is what `bench/run.py` calls: {stage: µs/note}. The stages are timed one after
the other over all notes, each fed what the one before produced, so their sum is close to the
whole parse (`total`, timed on its own; `fields+build` is what `total` has beyond the others).
Each is the best of `--repeat` runs, so its caches (link heads, tags, YAML lines and scalars,
field keys, dates) are warm: a build's parse worker parses each note once, with them empty.
`first` is that pass, what a build pays: the whole parse over every note, timed first of all
in the process (its caches empty, its heap not yet grown); `yaml-first` and `inline-first` are
those stages' first runs, the caches emptied before each (their miss paths: what `first` pays
beyond `total`, with the heap's growth).

The cycle collector runs as usual unless ``--no-gc``: then it is paused, as a build's parse
workers pause it (`vaultkit.disk.load`). With it running, each stage also pays for the
collector's passes over the records the stage has made so far, and `total`, which keeps the
most, pays the most: on long-item notes most of `fields+build` is that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from vaultkit.reader import conflicts, parse, yamlfront
from vaultkit.reader.blockscan import segments_scan
from vaultkit.reader.config import Config
from vaultkit.reader.markdown import scan_body
from vaultkit.reader.model import Link


def notes_of(root: str | os.PathLike[str]) -> list[tuple[str, bytes]]:
    """Every readable `.md` file under `root` (dot-folders skipped), as (vault path, bytes), sorted."""
    found: list[tuple[str, bytes]] = []
    base = Path(root)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            full = Path(folder) / name
            if not name.lower().endswith(".md") or not full.is_file() or full.is_symlink():
                continue
            try:
                data = full.read_bytes()
            except OSError:
                continue
            found.append((full.relative_to(base).as_posix(), data))
    return sorted(found)


def canon(value: Any) -> Any:
    """A value as nested tuples naming every type: equal for equal records of equal types (a
    str and a `BadDate`, 1 and True, a list and a tuple differ), NaN equal to itself."""
    if isinstance(value, parse.Note):
        # `queries` (issue 12) only where a note has query regions: the reference of notes
        # without them stays what it was; `about` (issue 13) likewise, where a person note
        # has text of its own.
        return ("Note", tuple((name, canon(getattr(value, name))) for name in value.__slots__
                              if name not in ("queries", "about") or getattr(value, name)))
    kind = type(value).__name__
    if isinstance(value, Link):  # all nine fields, though a `Link` leaves its trailing defaults off
        return (kind, tuple(canon(getattr(value, name)) for name in Link._fields))
    if isinstance(value, tuple | list):
        return (kind, tuple(canon(v) for v in value))
    if isinstance(value, dict):
        return (kind, tuple((canon(k), canon(v)) for k, v in value.items()))
    if isinstance(value, frozenset | set):
        return (kind, tuple(sorted(repr(canon(v)) for v in value)))
    return (kind, repr(value))


def records(root: str | os.PathLike[str], config: Config | None = None) -> dict[str, str]:
    """Every note's parse, as the text of its canonical form, by vault path."""
    return {path: repr(canon(parse.parse_note(path, data, config))) for path, data in notes_of(root)}


def _clock(run: Callable[[], Any], repeat: int, first: dict[str, float] | None = None,
           name: str = "") -> tuple[float, Any]:
    """The least CPU time of `repeat` runs, and the last run's result; with `first`, the parser's
    caches are emptied before the first run, whose time goes in `first[name]`."""
    best, result = float("inf"), None
    if first is not None:
        parse.forget_caches()
    for run_number in range(repeat):
        start = time.process_time()
        result = run()
        took = time.process_time() - start
        if first is not None and not run_number:
            first[name] = took
        best = min(best, took)
    return best, result


def stages(root: str | os.PathLike[str], repeat: int = 3, collector: bool = True) -> dict[str, float]:
    """µs/note of each stage of parsing every note under `root` (best of `repeat` runs):
    decode, split (frontmatter and conflict markers), yaml, blockscan (the line scanner), inline
    (the rest of the body scan: links, tags, fields, dates, items), fields+build, and total; then
    first (one whole parse, caches empty: what a build pays), yaml-first and inline-first (those
    stages' first runs, caches emptied). `collector`: False pauses the cycle collector meanwhile,
    as the parse workers do."""
    was_enabled = gc.isenabled()
    if not collector:
        gc.disable()
    try:
        return _stages(root, repeat)
    finally:
        if was_enabled:
            gc.enable()


def _stages(root: str | os.PathLike[str], repeat: int) -> dict[str, float]:
    notes = notes_of(root)
    n = max(len(notes), 1)
    config = Config()
    times: dict[str, float] = {}
    first: dict[str, float] = {}
    # Before any other stage: the process's first parse, as a worker's is (the records kept
    # until the pass ends, then dropped; a worker drops them a chunk at a time).
    _clock(lambda: [parse.parse_note(path, data, config) for path, data in notes], 1, first, "first")

    def decode() -> list[tuple[str, str | None]]:
        return [(path, parse.decode(path, data, [])) for path, data in notes]

    times["decode"], texts = _clock(decode, repeat)

    def split() -> list[tuple[str, tuple[str | None, str, int]]]:
        out = []
        for path, text in texts:
            if text is not None:
                conflicts.blocks(text)
                out.append((path, yamlfront.split(text)))
        return out

    times["split"], parts = _clock(split, repeat)
    times["yaml"], _ = _clock(lambda: [yamlfront.load(fm, path) for path, (fm, _, _) in parts if fm], repeat,
                              first, "yaml-first")
    times["blockscan"], _ = _clock(lambda: [segments_scan(body, line) for _, (_, body, line) in parts], repeat)
    body_scan, _ = _clock(lambda: [scan_body(body, line) for _, (_, body, line) in parts], repeat, first, "scan")
    times["inline"] = max(body_scan - times["blockscan"], 0.0)
    first["inline-first"] = max(first.pop("scan") - times["blockscan"], 0.0)  # the line scanner keeps no cache
    times["total"], _ = _clock(lambda: [parse.parse_note(path, data, config) for path, data in notes], repeat)
    times["fields+build"] = max(times["total"] - sum(times[k] for k in ("decode", "split", "yaml")) - body_scan,
                                0.0)
    order = ("decode", "split", "yaml", "blockscan", "inline", "fields+build", "total")
    times.update(first)
    return {name: round(times[name] / n * 1e6, 1) for name in (*order, "first", "yaml-first", "inline-first")}


# --- notes of long, link-heavy list items (the second vault shape) -------------------

_WORDS = ("review", "latency", "roadmap", "incident", "design", "budget", "retro", "metric", "users", "docs",
          "ship", "plan", "follow", "cache", "team", "talked", "about", "with", "next", "win")
_NAMES = ("Ada Lovelace", "Grace Hopper", "Alan Kay", "Barbara Liskov", "Edsger Dijkstra", "Frances Allen",
          "Ken Thompson", "Radia Perlman", "Donald Knuth", "Margaret Hamilton", "Tim Berners-Lee")


def long_items_note(rng: random.Random, index: int) -> str:
    """One note: 6–15 frontmatter keys, then headings over list items of 80–200 characters,
    each with 3–8 links (some with a heading or an alias) and, on most, a tag or inline field."""
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600))
    keys = [f"type: {rng.choice(('person', 'event', 'brag', 'note'))}", f"date: {day.isoformat()}",
            f"tags: [{rng.choice(_WORDS)}, \"career/{rng.choice(_WORDS)}\"]",
            f"company: {rng.choice(_NAMES).split()[1]} Inc", f'met_at: "[[{rng.choice(_NAMES)}]]"',
            f"impact: {' '.join(rng.choices(_WORDS, k=5))}"]
    keys += [f"extra_{k}: {rng.choice(_WORDS)}" for k in range(rng.randint(0, 9))]
    lines = ["---", *keys, "---", f"# Note {index}", ""]
    for section in range(rng.randint(2, 4)):
        lines += [f"## {rng.choice(_WORDS).title()} {section}", ""]
        for _ in range(rng.randint(4, 12)):
            lines.append(_long_item(rng, day))
        lines.append("")
    return "\n".join(lines) + "\n"


def _long_item(rng: random.Random, day: dt.date) -> str:
    parts: list[str] = []
    if rng.random() < 0.4:
        parts.append((day + dt.timedelta(days=rng.randrange(90))).isoformat())
    for _ in range(rng.randint(3, 8)):
        name = rng.choice(_NAMES)
        shape = rng.random()
        link = f"[[{name}|{name.split()[0]}]]" if shape < 0.2 else f"[[{name}#Notes]]" if shape < 0.3 else \
            f"[[{name}]]"
        parts += [*rng.choices(_WORDS, k=rng.randint(1, 2)), link]
    extra = rng.random()
    if extra < 0.35:
        parts.append(f"#{rng.choice(_WORDS)}")
    elif extra < 0.6:
        parts.append(f"[impact:: {rng.choice(_WORDS)} {rng.choice(_WORDS)}]")
    elif extra < 0.8:
        parts += ["with", f"`code {rng.choice(_WORDS)}`", f"topic:: {rng.choice(_WORDS)}"]
    while len(" ".join(parts)) > 200:  # cut whole words and links, never inside one
        parts.pop(-2 if parts[-1].startswith(("#", "[impact")) else -1)
    text = " ".join(parts)
    while len(text) < 80:
        text += " " + rng.choice(_WORDS)
    return ("- [ ] " if rng.random() < 0.15 else "- ") + text


def write_long_items(root: str | os.PathLike[str], notes: int = 200, seed: int = 11) -> None:
    """Write `notes` long-item notes under `root/Notes/`."""
    rng = random.Random(seed)
    folder = Path(root) / "Notes"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(notes):
        (folder / f"Long {i:05d}.md").write_text(long_items_note(rng, i), encoding="utf-8")


def _lines(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f"{path}\t{record}\n" for path, record in pairs)


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("vaults", nargs="*")
    ap.add_argument("--dump", help="write the records of the (first) vault to this file")
    ap.add_argument("--compare", help="compare the records of the (first) vault with this dump")
    ap.add_argument("--long-items", metavar="DIR", help="write long-item notes into DIR")
    ap.add_argument("--notes", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-gc", action="store_true", help="pause the cycle collector, as the parse workers do")
    args = ap.parse_args(argv)
    if args.long_items:
        write_long_items(args.long_items, args.notes)
    if args.dump or args.compare:
        found = records(args.vaults[0])
        if args.dump:
            Path(args.dump).write_text(_lines(found.items()), encoding="utf-8")
        if args.compare:
            ref = dict(line.split("\t", 1) for line in Path(args.compare).read_text("utf-8").splitlines())
            differ = sorted(p for p in ref.keys() | found.keys() if ref.get(p) != found.get(p))
            for path in differ[:10]:
                print(f"differs: {path}\n  ref: {ref.get(path)}\n  now: {found.get(path)}")
            print(f"{len(found)} notes, {len(differ)} differ")
            return 1 if differ else 0
        return 0
    for vault in args.vaults:
        figures = stages(vault, args.repeat, collector=not args.no_gc)
        print(vault, " ".join(f"{k}={v}" for k, v in figures.items()), "µs/note")
    return 0


if __name__ == "__main__":
    sys.exit(main())
