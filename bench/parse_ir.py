"""Instructions per note of a warm parse, under valgrind's callgrind: a figure load does not move.

``python bench/parse_ir.py VAULT [--notes 250]`` samples `--notes` notes evenly from the vault
(sorted by path, as `bench/parse_stages.py` reads them), then runs Python under callgrind twice:
once parsing them one time, once parsing them again a second and third time (each pass keeps its
records, as a parse worker does; the cycle collector paused, as there). The difference of the two
totals, over two passes and the notes, is the instructions (`Ir`) of one warm `parse_note` a
note: start-up, imports and the first pass's cache filling cancel out. Hash seeds are fixed, so
a run repeats to within a few hundred instructions a note.

``--cold`` measures what a build's parse worker pays instead: the FIRST pass, its caches (link
heads, tags, YAML lines, dates) empty, as the difference of a run parsing the sample once and one
parsing it not at all (start-up, imports and reading the sample cancel out). The sample should be
about as big as a worker's share of a vault (`--notes 2000` of 10k: each of two workers and the
parent parses a third), or the caches hit less than in a build.

Run it with the tree to measure first on `PYTHONPATH` (another tree's `bench/` works the same).
``--passes-only N FILE`` is what runs under valgrind: parse the pickled sample N times.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parse_stages import notes_of  # a script beside this one


def _passes(count: int, sample: str) -> None:
    from vaultkit.reader.config import Config
    from vaultkit.reader.parse import parse_note

    notes = pickle.loads(Path(sample).read_bytes())
    config = Config()
    gc.disable()
    kept = [[parse_note(path, data, config) for path, data in notes] for _ in range(count)]
    del kept


def _collected(count: int, sample: str) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/out",
                               sys.executable, __file__, "--passes-only", str(count), sample],
                              env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind said no total:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def instructions(vault: str, notes: int = 250, cold: bool = False) -> int:
    """Callgrind instructions of one warm `parse_note` a note, over `notes` notes of `vault`
    (`cold`: of the first pass over them)."""
    every = notes_of(vault)
    sample = every[::max(len(every) // notes, 1)][:notes]
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as handle:
        handle.write(pickle.dumps(sample))
    try:
        if cold:
            return (_collected(1, handle.name) - _collected(0, handle.name)) // len(sample)
        one, three = _collected(1, handle.name), _collected(3, handle.name)
    finally:
        os.unlink(handle.name)
    return (three - one) // (2 * len(sample))


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("vaults", nargs="*")
    ap.add_argument("--notes", type=int, default=None, help="notes sampled (default 250; 2000 with --cold)")
    ap.add_argument("--cold", action="store_true", help="the first pass, caches empty (what a build pays)")
    ap.add_argument("--passes-only", nargs=2, metavar=("N", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.passes_only:
        _passes(int(args.passes_only[0]), args.passes_only[1])
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    for vault in args.vaults:
        notes = args.notes or (2000 if args.cold else 250)
        print(vault, f"{instructions(vault, notes, args.cold):,} Ir/note", "(first pass)" if args.cold else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
