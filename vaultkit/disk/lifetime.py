"""How long what a command loads lives: in a one-shot process, until the process ends.

A one-shot command (`build`, `check`, `review`, …) ends with a whole vault in memory and, after
planning, the views' cycles waiting for the cycle collector. Freeing the vault object by object
and the collector's pass over what planning left cost 0.1-0.2 s of a cold build of 10k notes
(BENCHMARKS.md), for memory the operating system takes back whole a moment later.

The command line (`vaultkit.cli.main`) declares its process one-shot: the collector then stays off
(loading and planning pause it anyway, and `load.settle_heap` collects once the notes are read),
what the loaders `hold` is kept, and `end` leaves without tearing the heap down. A library caller
holds nothing and changes nothing (the default), and so does `watch`, which runs for hours and
says so with `long_running`.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

_held: list[object] | None = None  # None: not a one-shot process, nothing is held


def one_shot() -> None:
    """This process runs one command and ends: hold what is loaded, the collector off."""
    global _held
    _held = []
    gc.disable()


def long_running() -> None:
    """This process runs for long (`watch`): what is dropped is freed, the collector on."""
    global _held
    _held = None
    gc.enable()


def hold(value: object) -> None:
    """Keep `value` until the process ends when it is one-shot (else nothing: it is freed as
    usual once dropped)."""
    if _held is not None:
        _held.append(value)


def end(code: int) -> NoReturn:
    """End the process with exit status `code`: output flushed, no heap teardown when
    one-shot (files are written and closed by then, atomically: nothing is pending but memory)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with that descriptor closed (`vaultkit check >&-`)
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone (`check | head`) or a closed stream: nothing to say it to
            pass
    if _held is None:
        sys.exit(code)
    os._exit(code)
