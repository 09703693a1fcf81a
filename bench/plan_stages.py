"""What a cold `build` costs in the parent after the notes are parsed, stage by stage, in CPU µs/note.

``python bench/plan_stages.py VAULT [--profile STAGE] [--repeat N]``

`stages(root)` reads and parses the vault's notes once, in this process (one worker), then runs
what `vaultkit.disk.build.build` does with them, timing each step with `time.process_time()`:

* ``vault``       - `Vault(...)` (link index, sorting);
* ``gc``          - `settle_heap` (a full collection, then freezing what is alive);
* ``plan``        - `plan(...)`: every view's context and the rendering of every generated note;
* ``write``       - `write_planned` into an empty folder (a cold build: nothing there yet);
* ``diagnostics`` - `vault.diagnostics` (link diagnostics with their "did you mean" hints);
* ``problems``    - `stale_outputs` and `vault.problems()`, as the build reports them;
* ``check``       - `check_generated` and `store_check`: the check record a build stores.

Nothing is written inside the vault: generated notes go to a temporary folder, the cache to a
temporary `XDG_CACHE_HOME`. ``read+parse`` (single process) is returned too, for scale.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGES = ("vault", "gc", "plan", "write", "diagnostics", "problems", "check")


def _steps(root: str, work: str) -> tuple[int, float, list[tuple[str, Callable[[], Any]]]]:
    """Parse the vault at `root`; return (notes, parse CPU seconds, the stages as callables that
    share one state, in the order a cold build runs them, writing into `work`)."""
    from vaultkit.disk import build, cache, fs, record
    from vaultkit.disk.load import read_and_parse, settle_heap
    from vaultkit.reader.vault import Vault
    from vaultkit.views.plan import plan
    from vaultkit.views.render import Renderer

    config, cfg_diags, cfg_text = fs.read_config_text(root)
    day = record.resolve_today(config)
    found, attachments, scan_diags = fs.scan(root, config)
    t0 = time.process_time()
    notes = read_and_parse(root, found, config, workers=1)
    parse_s = time.process_time() - t0
    state: dict[str, Any] = {}

    def vault() -> None:
        state["vault"] = Vault(notes, config, attachments, cfg_diags + scan_diags, root=os.path.realpath(root))

    def planned() -> None:
        gc.disable()  # as `build`: the collector off from planning to the end (`stages` turns it on again)
        state["planned"] = plan(state["vault"], day, Renderer(root))

    def write() -> None:
        state["report"] = build.write_planned(work, state["planned"])

    def diagnostics() -> None:
        state["vault"].diagnostics  # noqa: B018 (the stage is computing it)

    def problems() -> None:
        build.stale_outputs(work, state["vault"])
        state["vault"].problems()

    def check() -> None:
        v = state["vault"]
        build.store_check(work, cache_stamp, "key", v, build.check_generated(work, v))

    cache_stamp = cache.stamp(cfg_text)
    return len(notes), parse_s, [("vault", vault), ("gc", settle_heap), ("plan", planned), ("write", write),
                                 ("diagnostics", diagnostics), ("problems", problems), ("check", check)]


def stages(root: str | os.PathLike[str], profile: str | None = None) -> dict[str, float]:
    """CPU µs per note of each stage of a cold build after parsing (`STAGES`, plus ``read+parse``
    and ``total`` of the stages), measured once on the vault at `root`. With `profile` (a stage
    name), that stage runs under cProfile and its top functions are printed to stderr."""
    old = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory() as cache_home, tempfile.TemporaryDirectory() as work:
        os.environ["XDG_CACHE_HOME"] = cache_home
        try:
            count, parse_s, steps = _steps(os.fspath(root), work)
            out = {"read+parse": parse_s * 1e6 / count}
            for name, step in steps:
                prof = cProfile.Profile() if name == profile else None
                t0 = time.process_time()
                if prof is not None:
                    prof.runcall(step)
                else:
                    step()
                out[name] = (time.process_time() - t0) * 1e6 / count
                if prof is not None:
                    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        finally:
            gc.enable()
            if old is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = old
    out["total"] = sum(out[s] for s in STAGES)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print µs/note of each stage (and seconds for the whole vault)."""
    ap = argparse.ArgumentParser(description="CPU cost of a cold build's stages after parsing.")
    ap.add_argument("vault", type=Path)
    ap.add_argument("--profile", choices=STAGES, help="run this stage under cProfile")
    a = ap.parse_args(argv)
    got = stages(a.vault, a.profile)
    for name, us in got.items():
        print(f"{name:12s} {us:8.1f} µs/note")
    return 0


if __name__ == "__main__":
    sys.exit(main())
