"""Where a cold build's parent reaches its peak memory: its resident size and its peak so far
(`ru_maxrss`) at each phase of one `vaultkit build`, in one process run as the command line runs it
(one-shot: the collector off, parse workers, the hints child and the planning child forked as usual).

    python bench/mem_phases.py VAULT          # from the tree to measure; XDG_CACHE_HOME emptied for a cold build

Deletes the vault's `Vaultkit/` folder first (it writes the generated notes again, and the notes
cache). The marks: loading done, the `Vault` made, `plan.before_apart`, people's contacts
(`Facts.contacts`), each index note rendered, writing, the check record; then the parse workers'
and children's peak (`RUSAGE_CHILDREN`: the largest of them). Samples are taken at the marks only,
never by a thread: a thread alive would keep the build from forking its helpers (`forked.can_fork`).
A phase whose peak so far rises past the one before it is where the peak grew.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.getcwd())  # the tree measured: the one this is run from

_T0 = time.perf_counter()
_marks: list[tuple[str, float, float, float]] = []  # (what, seconds, resident MB, peak so far MB)


def _resident_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def mark(what: str) -> None:
    """Note the process's resident size and its peak so far, now."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    _marks.append((what, time.perf_counter() - _T0, _resident_mb(), peak))


def _wrap(owner: Any, name: str, label: str, at_start: bool = False) -> None:
    """Mark after each call of `owner.name` (and before, `at_start`), where the tree has it."""
    inner: Callable[..., Any] | None = getattr(owner, name, None)
    if inner is None:
        return

    def marked(*args: Any, **kwargs: Any) -> Any:
        if at_start:
            mark(label + " (start)")
        out = inner(*args, **kwargs)
        mark(label)
        return out

    setattr(owner, name, marked)


def instrument() -> None:
    """Put the marks in: the build's phases, the contacts, each index note rendered."""
    from vaultkit.disk import build, planwork
    from vaultkit.views import common, render

    for name, label in (("load_notes", "notes loaded"), ("Vault", "Vault made"),
                        ("write_planned", "generated notes written"), ("store_check", "check record stored")):
        _wrap(build, name, label, at_start=name == "write_planned")
    _wrap(planwork, "before_apart", "before_apart")
    contacts = vars(common.Facts).get("contacts")
    if contacts is not None and hasattr(contacts, "func"):  # a cached_property: wrap what it computes
        _wrap(contacts, "func", "contacts", at_start=True)
    inner = render.Renderer.render

    def rendered(self: Any, template: str, context: Any) -> Any:
        out = inner(self, template, context)
        mark(f"rendered {template}")
        return out

    render.Renderer.render = rendered  # type: ignore[method-assign]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("vault", help="the vault to build (its Vaultkit/ folder is deleted first)")
    args = ap.parse_args()
    from vaultkit.disk import build, lifetime

    lifetime.one_shot()  # as `vaultkit.cli.main` declares its process
    mark("imported")
    instrument()
    shutil.rmtree(os.path.join(args.vault, "Vaultkit"), ignore_errors=True)
    report = build.build(args.vault)
    mark("built")
    last = 0.0
    for what, seconds, resident, peak in _marks:
        grew = f"+{peak - last:6.1f}" if peak > last + 0.05 else " " * 7
        print(f"{seconds:8.2f} s  resident {resident:7.1f} MB  peak {peak:7.1f} MB {grew}  {what}")
        last = max(last, peak)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak: this process {last:.1f} MB, largest child {children:.1f} MB; {report.summary()}")


if __name__ == "__main__":
    main()
