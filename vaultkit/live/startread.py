"""The watcher's start on both cores: a forked child walks the vault (`record.current_scan`: every
file's stat, and whether the last build's record says the generated notes are current) while the
parent reads the notes cache, the two costliest steps before planning (at 50k notes ~0.35 s and
~1 s of CPU), neither waiting for the other.

The cache read depends on the scan in one point only: whether there are prep notes to plan
(what only those read is loaded then). The parent guesses it from a listing of the prep folder,
and `Session.load` reads the cache again, as it did before, where the scan says otherwise (a file
there the scan leaves out). The child sends its scan as plain columns (a list of 50k `Scanned`
pickles and unpickles at twice the cost of making them anew), and not its config: the parent
takes its own, read before the fork, where the child read the same text (a `Config` pickled
loses the vault's views and the plugins').

The watcher's own threads (watchdog's) run meanwhile: they hold only their own locks, which the
child never takes, and the parent waits for the child no longer than its own share took (at least
a second). Anything going wrong (no fork, a child that dies, raises or does not answer in time, a
scan that does not fit) only means the parent scans the vault itself, as without a child.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from typing import Any

from vaultkit.disk import cache, forked, fs
from vaultkit.disk.record import VaultScan, current_scan
from vaultkit.disk.takeback import has_preps
from vaultkit.live import held
from vaultkit.reader.config import Config
from vaultkit.reader.facts import PREP, TEXT
from vaultkit.reader.model import Diagnostic

MIN_WAIT = 1.0  # seconds the child is waited for at least, however short the parent's own share


@dataclass(slots=True)
class CacheRead:
    """The notes cache as `Session.load` reads it (`read_cache`), and what for."""

    cfg_text: str  # the config it was read for
    preps: bool  # read for prep notes to plan
    cached: cache.CacheData | None
    targets: dict[str, tuple[str, ...]] | None  # of the notes read without their links, the links' targets


def read_cache(root: str, config: Config, cfg_text: str, preps: bool) -> CacheRead:
    """The notes cache of the vault at `root` as a watcher holds it, for `config` (read as
    `cfg_text`), with prep notes to plan or not (`takeback.has_preps`)."""
    # Of each note the notes cache holds, what planning reads and its links (the link index and
    # relinking read them): where no view may read anything else, neither the headings planning
    # reads none of nor, without prep notes to plan, what only those read (`live.held`). Its
    # contacts' texts, always: a watcher's rows show them change by change.
    lean = held.can_lighten(root, config, ())
    want = cache.ALL if not lean else (PREP if preps else 0) | TEXT
    # A chunk at a time, never the file's bytes whole (they were the peak of a start at 50k notes).
    # Of the links planning does not read, only their targets (`link_targets`).
    targets: dict[str, tuple[str, ...]] | None = {} if lean else None
    return CacheRead(cfg_text, preps, fs.stream_cache(root, cache.stamp(cfg_text), want, not lean, targets), targets)


def scan_and_read(root: str, today: dt.date | None) -> tuple[bool, VaultScan | None, CacheRead | None]:
    """`current_scan(root, today)` and, when a forked child could make that scan meanwhile, the
    notes cache read here (`read_cache`, for `Session.load`); else the scan made here, and None."""
    if not forked.can_fork(threads=True):
        return (*current_scan(root, today), None)
    config, cfg_diags, cfg_text = fs.read_config_text(root)
    started = time.perf_counter()
    with forked.Child(lambda: _scan(root, today)) as child:
        read = read_cache(root, config, cfg_text, _preps(root, config))
        got = child.result_within_share(started, MIN_WAIT)
    taken = _taken(got, config, cfg_diags, cfg_text)
    return (*(current_scan(root, today) if taken is None else taken), read)


def _preps(root: str, config: Config) -> bool:
    """Are there prep notes to plan, as far as a listing of their folder tells (`has_preps` on the scan's)?"""
    from vaultkit.views.plan import PREP_FOLDER

    folder = f"{config.output_dir.strip('/')}/{PREP_FOLDER}"
    try:
        names = os.listdir(os.path.join(root, *folder.split("/")))
    except OSError:
        return False
    return has_preps(config, (f"{folder}/{name}" for name in names))


def _scan(root: str, today: dt.date | None) -> tuple[bool, tuple[Any, ...] | None]:
    """In the child: `current_scan`, without its config (the parent has its own: a `Config`
    pickled loses its views, the vault's and the plugins'), the notes found sent as columns."""
    early, scanned = current_scan(root, today)
    if scanned is None:
        return early, None
    found = scanned.found
    return early, (scanned.cfg_text, scanned.attachments, scanned.diags, scanned.leftovers,
                   [s.path for s in found], [s.size for s in found], [s.mtime_ns for s in found])


def _taken(got: Any, config: Config, cfg_diags: list[Diagnostic],
           cfg_text: str) -> tuple[bool, VaultScan | None] | None:
    """What `_scan` sent, as `current_scan` returns it, with the parent's `config` read as
    `cfg_text` (`cfg_diags`); None when it is not that, or the child read another config."""
    if not (isinstance(got, tuple) and len(got) == 2 and type(got[0]) is bool):
        return None
    early, sent = got
    if sent is None:
        return early, None
    if not (type(sent) is tuple and len(sent) == 7 and sent[0] == cfg_text):
        return None
    _, attachments, diags, leftovers, paths, sizes, mtimes = sent
    if not (type(attachments) is type(diags) is type(leftovers) is type(paths) is type(sizes) is type(mtimes) is list
            and len(paths) == len(sizes) == len(mtimes)):
        return None
    found = list(map(fs.Scanned, paths, sizes, mtimes))
    return early, VaultScan(config, cfg_diags, cfg_text, found, attachments, diags, leftovers)
