"""How long what a command loads lives: in a one-shot process, until the process ends.

A one-shot command (`build`, `check`, `review`, …) ends with a whole vault in memory and, after
planning, the views' cycles waiting for the cycle collector. Freeing the vault object by object
and the collector's pass over what planning left cost 0.1-0.2 s of a cold build of 10k notes
(BENCHMARKS.md), for memory the operating system takes back whole a moment later.

The command line (`vaultkit.cli.main`) declares its process one-shot: the collector then stays off
(loading and planning pause it anyway; `load.settle_heap` then only freezes what is loaded),
what the loaders `hold` is kept, and `end` leaves without tearing the heap down. A library caller
holds nothing and changes nothing (the default), and so does `watch`, which runs for hours and
says so with `long_running`.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, NoReturn

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


def is_one_shot() -> bool:
    """Does this process run one command and end (`one_shot`), the collector off for good?"""
    return _held is not None


def hold(value: object) -> None:
    """Keep `value` until the process ends when it is one-shot (else nothing: it is freed as
    usual once dropped)."""
    if _held is not None:
        _held.append(value)


_libc: list[Any] = []  # glibc's `malloc_trim`, once looked for (None: not to be had here)


def give_back() -> None:
    """Hand the heap's free pages back to the operating system, where the C library can
    (glibc's `malloc_trim`; elsewhere nothing).

    Loading a vault frees as much as it keeps: each worker's pickled chunk, the plain tuples a
    chunk unpickles to before its records are made, whole notes parsed here and cut down to
    their facts. glibc keeps those pages mapped for reuse, and they count in the process's
    resident size until then: ~25 MB of a cold build's parent at 50k notes, and of the hints
    child forked from it (`vaultkit.disk.hintwork`), whose peak is the parent's pages plus its
    own. A few ms on such a heap."""
    if not _libc:
        trim = None
        if sys.platform.startswith("linux"):
            import ctypes  # (only here: a build that loads no vault never needs it)

            try:  # the process's own symbols, the C library's among them: no library looked for on disk
                trim = ctypes.CDLL(None).malloc_trim
            except (OSError, AttributeError):  # a C library without it (musl)
                trim = None
        _libc.append(trim)
    if _libc[0] is not None:
        _libc[0](0)


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
