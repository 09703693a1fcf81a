"""CPU per note of what goes from a parse worker to a build's parent, in one process, gc off:
`facts.compact`, pickling a cache chunk, what a worker does instead of both (straight from the
parsed note to the chunk: `cacheparts.parts_of`, where the tree has it), the parent's unpickling
of a chunk (the part planning reads alone, and every part), and the hints child's taking the
rest back from the cache file.

    python bench/cache_cpu.py VAULT [--repeat 5]

Reads only (the vault and nothing else); prints the best of `--repeat` runs of each stage.
Works on trees before the split cache format too (then only the whole chunk is measured).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import os
import sys
import time
from importlib.util import find_spec

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from vaultkit.disk import cache, load
from vaultkit.disk.fs import read_config, scan
from vaultkit.reader.facts import Interner, compact

REST = 2  # `facts.REST` (not in trees before the split format)


def _best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    """Measure each stage on the vault given and print µs/note and bytes/note."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = args.vault
    config, _ = read_config(root)
    found, _, _ = scan(root, config)
    gc.disable()
    # Where an older tree under test keeps it: `parsework` (now), `load` before.
    work = importlib.import_module("vaultkit.disk.parsework") if find_spec("vaultkit.disk.parsework") else load
    parse = getattr(work, "parse_scanned", None) or getattr(work, "_read_parse")  # noqa: B009
    notes = parse(root, found, config)
    by_path = {s.path: s for s in found}
    date_of = config.daily.date_of
    n = len(notes)
    size = cache.CHUNK
    batches = [notes[i:i + size] for i in range(0, n, size)]

    def facts_of(batch: list) -> list:
        keep = Interner()
        return [compact(note, keep, date_of(note.path) is not None) for note in batch]

    facts = [facts_of(batch) for batch in batches]
    entries = [[(f.path, by_path[f.path].size, by_path[f.path].mtime_ns, f) for f in batch] for batch in facts]
    split = hasattr(cache, "unpack_chunk")
    daily = work.daily_notes(config) if split else None

    def encode() -> list[bytes]:
        return [cache.chunk(e, daily) if split else cache.chunk(e) for e in entries]

    blobs = encode()
    out = {"compact": _best(args.repeat, lambda: [facts_of(b) for b in batches]),
           "chunk pickle": _best(args.repeat, encode)}
    try:
        from vaultkit.disk.cacheparts import parts_of
    except ImportError:  # a tree before it: its workers compact, then chunk
        pass
    else:
        def worker(batch: list) -> bytes:
            keep, headings = Interner(), {}
            return cache.chunk_of([(n.path, by_path[n.path].size, by_path[n.path].mtime_ns,
                                    parts_of(n, keep, daily(n.path), headings)) for n in batch])

        out["worker: parts_of + chunk_of"] = _best(args.repeat, lambda: [worker(b) for b in batches])
    if split:
        from vaultkit.disk import cacheform

        try:  # where a tree keeps `links_back` (`cacheback` since the contacts' texts part)
            from vaultkit.disk import cacheback as back
        except ImportError:
            back = cacheform

        for want, name in ((0, "parent unpickle (planning part)"), (cache.ALL, "unpickle (every part)")):
            out[name] = _best(args.repeat, lambda want=want: [cache.unpack_chunk(b[cache.LEN_SIZE:], want)
                                                              for b in blobs])
        raw = cache.header("s") + b"".join(blobs)

        def take_back(want: int, share: bool, name: str) -> None:
            planned = [cache.unpack_chunk(b[cache.LEN_SIZE:], 0) for b in blobs]
            held = {e[0]: e[3] for part in planned for e in part}
            start = time.process_time()
            for part in cache.parts_kept(io.BytesIO(raw), "s", want):
                headings: dict = {}
                for path, _, _, prep, rest, *_ in part:
                    if not share and hasattr(back, "links_back"):  # the hints child, since it walks chunk by chunk
                        back.links_back(held[path], rest, headings)
                    else:
                        cacheform.restore(held[path], prep, rest, headings, share)
            out[name] = min(out.get(name, 1e9), time.process_time() - start)

        for _ in range(args.repeat):
            take_back(cache.ALL, True, "take-back (every part)")
            take_back(REST, False, "hints child's take-back (links)")
        sizes = [cacheform.PARTS.unpack_from(b, cache.LEN_SIZE) for b in blobs]
        plan_b = sum(s[0] for s in sizes)
        prep_b = sum(s[1] for s in sizes)
        total = sum(len(b) for b in blobs)
        print(f"bytes/note: planning {plan_b / n:.0f}, prep {prep_b / n:.0f}, "
              f"rest {(total - plan_b - prep_b) / n:.0f}, chunk {total / n:.0f}")
    else:
        out["unpickle (every part)"] = _best(args.repeat, lambda: [cache.unpack(b[cache.LEN_SIZE:]) for b in blobs])
        print(f"bytes/note: chunk {sum(len(b) for b in blobs) / n:.0f}")
    for name, seconds in out.items():
        print(f"{name:34s} {1e6 * seconds / n:7.1f} us/note")


if __name__ == "__main__":
    main()
