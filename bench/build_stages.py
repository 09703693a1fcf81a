"""What a cold `build` costs stage by stage in every process it runs, in CPU µs/note.

``python bench/build_stages.py VAULT...``

`stages(root)` runs one cold build of the vault at `root` in this process (the notes cache in a
temporary `XDG_CACHE_HOME`; the generated notes written into the vault, as ``bench/run.py``'s
``build-cold`` does: remove its `Vaultkit/` folder first for a cold build's writes), with probes on
its stages, and returns their CPU time (`time.process_time`, each process its own) per note of the
vault, so that a stage's figure at 10k and 100k notes says whether it grows faster than the vault
(``bench/run.py --measures stages`` prints that growth):

* ``scan``, ``load`` (the parent's part of `load_notes`: its own batches, ``parse_here``, and
  taking the workers' chunks, ``take``), ``vault`` (`Vault(...)`), ``plan`` (every generated note,
  ``contacts`` among it), ``write``, ``record`` (the diagnostics, the build and check records),
  ``parent`` (the whole build in this process);
* ``workers``: the parse workers' batches, all of them; ``parse_each``: a note's parse in a worker
  (per note *they* parsed: the parent's share varies from run to run), ``parts_each`` and
  ``chunk_each`` its cache parts and their pickling;
* ``hints``: the hints child (`vaultkit.disk.hintwork`), of which ``hints_takeback`` (reading the
  links back from the notes cache file), ``hints_walk`` (the walk itself) and ``hints_suggest``
  (its "did you mean" searches); ``children``: every child process, the plan child too.

The probes wrap module attributes for the one build and put them back after; a build measured
writes what one not measured would (`tests/test_build_stages.py`).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_log = ""  # the file each child appends its figures to (a JSON line), set for the build measured
_kept: dict[str, Callable[..., Any]] = {}  # the functions wrapped, by probe name


def _note(kind: str, **figures: Any) -> None:
    with open(_log, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"kind": kind, **figures}) + "\n")


_batch = {"parse": 0.0, "parts": 0.0, "chunk": 0.0}  # a worker's current batch


def _timed(probe: str, stage: str, into: dict[str, float]) -> Callable[..., Any]:
    """The function `probe` wraps, its CPU time added to `into[stage]`."""
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return _kept[probe](*args, **kwargs)
        finally:
            into[stage] = into.get(stage, 0.0) + time.process_time() - start
    return run


def _work(found: list[Any]) -> Any:
    """A parse worker's batch (`parsework._work`), its figures noted. Module-level: the pool sends
    it to the workers by name."""
    for key in _batch:
        _batch[key] = 0.0
    start = time.process_time()
    done = _kept["parsework._work"](found)
    _note("batch", notes=len(found), cpu=time.process_time() - start, **_batch)
    return done


def _findings(vault: Any, channel: Any = None) -> Any:
    """The hints child's work (`hintwork._findings`), its figures noted (this process is the child:
    what it wraps here is its own)."""
    from vaultkit.disk import hintwork, takeback

    figures = {"takeback": 0.0, "suggest": 0.0}
    walk, share = takeback.TakeBack.walk, hintwork._share

    def reading(self: Any) -> Iterator[Any]:
        notes = walk(self)
        while True:
            start = time.process_time()
            try:
                item = next(notes)
            except StopIteration:
                figures["takeback"] += time.process_time() - start
                return
            figures["takeback"] += time.process_time() - start
            yield item

    def sharing(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return share(*args, **kwargs)
        finally:
            figures["suggest"] += time.process_time() - start

    takeback.TakeBack.walk, hintwork._share = reading, sharing  # type: ignore[method-assign]
    start = time.process_time()
    try:
        return _kept["hintwork._findings"](vault, channel)
    finally:
        _note("hints", cpu=time.process_time() - start, **figures)


def _probes(parent: dict[str, float]) -> dict[str, tuple[Any, str, Callable[..., Any]]]:
    """Each probe by name: (module or class, attribute, its wrapper)."""
    from vaultkit.disk import build, cache, fs, hintwork, parsework, planwork, queries
    from vaultkit.views import common

    probes: dict[str, tuple[Any, str, Callable[..., Any]]] = {
        "parsework._work": (parsework, "_work", _work), "hintwork._findings": (hintwork, "_findings", _findings)}
    # In the workers (forked with these in place): a batch's parse, its notes' cache parts, their pickling.
    for owner, name, stage in ((parsework, "parsed_notes", "parse"), (parsework, "parts_of", "parts"),
                               (cache, "chunk_of", "chunk")):
        probes[f"{owner.__name__}.{name}"] = (owner, name, _timed(f"{owner.__name__}.{name}", stage, _batch))
    # In the parent, each looked up where the build looks it up as it runs.
    for owner, name, stage in ((fs, "scan", "scan"), (build, "load_notes", "load"),
                               (parsework, "facts_of", "parse_here"), (cache, "unpack_chunk", "take"),
                               (build, "Vault", "vault"), (planwork, "plan_both", "plan"),
                               (common.Facts.__dict__["contacts"], "func", "contacts"),
                               (build, "write_planned", "write"), (queries, "write_queries", "write"),
                               (hintwork.Hints, "finish", "record"), (build, "save_record", "record"),
                               (build, "stale_outputs", "record"), (build, "check_generated", "record"),
                               (build, "store_check", "record")):
        probe = f"{getattr(owner, '__name__', 'Facts.contacts')}.{name}"
        probes[probe] = (owner, name, _timed(probe, stage, parent))
    return probes


def stages(root: str | os.PathLike[str]) -> dict[str, float]:
    """CPU µs per note of each stage of one cold build of the vault at `root` (see the module's
    docstring), in whichever process it ran."""
    global _log
    from vaultkit.disk import build, fs, lifetime

    root = os.fspath(root)
    config, _ = fs.read_config(root)
    notes = max(1, len(fs.scan(root, config)[0]))
    parent: dict[str, float] = {}
    old_env, was_enabled, held = os.environ.get("XDG_CACHE_HOME"), gc.isenabled(), lifetime._held
    probes = _probes(parent)
    with tempfile.TemporaryDirectory() as home:
        _log = os.path.join(home, "figures.jsonl")
        os.environ["XDG_CACHE_HOME"] = home
        for name, (owner, attr, wrapper) in probes.items():
            _kept[name] = getattr(owner, attr)
            setattr(owner, attr, wrapper)
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.process_time()
        try:
            lifetime.one_shot()  # as the command: the collector off for the build
            build.build(root)
            parent_s = time.process_time() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            lines = []
            if os.path.exists(_log):  # (no child noted anything: a vault too small for workers)
                with open(_log, encoding="utf-8") as fh:
                    lines = [json.loads(line) for line in fh]
        finally:
            for name, (owner, attr, _) in probes.items():
                setattr(owner, attr, _kept.pop(name))
            lifetime._held = held
            (gc.enable if was_enabled else gc.disable)()
            if old_env is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = old_env
    batches = [line for line in lines if line["kind"] == "batch"]
    hints = [line for line in lines if line["kind"] == "hints"]
    parsed = max(1, sum(b["notes"] for b in batches))
    out = {stage: parent.get(stage, 0.0) * 1e6 / notes for stage in
           ("scan", "load", "parse_here", "take", "vault", "plan", "contacts", "write", "record")}
    out["parent"] = parent_s * 1e6 / notes
    out["workers"] = sum(b["cpu"] for b in batches) * 1e6 / notes
    for key, field in (("parse_each", "parse"), ("parts_each", "parts"), ("chunk_each", "chunk")):
        out[key] = sum(b[field] for b in batches) * 1e6 / parsed
    figures = hints[0] if hints else {"cpu": 0.0, "takeback": 0.0, "suggest": 0.0}
    out["hints"] = figures["cpu"] * 1e6 / notes
    out["hints_takeback"] = figures["takeback"] * 1e6 / notes
    out["hints_suggest"] = figures["suggest"] * 1e6 / notes
    out["hints_walk"] = max(0.0, out["hints"] - out["hints_takeback"] - out["hints_suggest"])
    out["children"] = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1e6 / notes
    return out


def main(argv: list[str] | None = None) -> int:
    """Print µs/note of each stage for each vault given."""
    ap = argparse.ArgumentParser(description="CPU per note of a cold build's stages, in every process.")
    ap.add_argument("vaults", type=Path, nargs="+")
    a = ap.parse_args(argv)
    for vault in a.vaults:
        got = stages(vault)
        print(vault)
        for name, us in got.items():
            print(f"  {name:15s} {us:8.1f} µs/note")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
