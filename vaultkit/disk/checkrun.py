"""`vaultkit check`: every diagnostic of the vault, read through the cache `build` keeps, and
the figures `check --stats` prints (how many notes the slow reader had to read, where the time
went).

Notes whose size and mtime are unchanged since the last `build`, `watch` or `check` are taken
from the cache, so a check after a build parses nothing; a check that parsed notes stores them
there, so the build after it is warm too. The cache lives outside the vault: a check never
writes inside it.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vaultkit.disk import cache, cachefiles, fs, obsidian
from vaultkit.disk.generated import check_generated, store_check
from vaultkit.disk.load import load_notes, settle_heap
from vaultkit.disk.record import check_if_current, inputs_key, resolve_today, settled
from vaultkit.reader.model import Diagnostic
from vaultkit.reader.vault import Vault

STAGES = ("scan", "read+parse", "links+diagnostics", "generated notes", "cache write")


@dataclass(slots=True)
class CheckStats:
    """How a check went: notes read, how many needed the exact (slow) reader, how many came
    from the cache, and the seconds spent in each stage (`STAGES`)."""

    notes: int = 0
    exact: int = 0
    cached: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exact_percent(self) -> float:
        """The share of notes the line scanner handed to markdown-it-py, in percent."""
        return 100.0 * self.exact / self.notes if self.notes else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the "stats" key of `check --format json --stats`)."""
        return {"notes": self.notes, "slow_reader": self.exact,
                "slow_reader_percent": round(self.exact_percent, 2), "from_cache": self.cached,
                "seconds": {stage: round(s, 4) for stage, s in self.seconds.items()}}

    def describe(self) -> list[str]:
        """The lines `check --stats` prints."""
        lines = [f"notes: {self.notes} ({self.cached} from the cache)",
                 f"slow reader (markdown-it-py): {self.exact} notes ({self.exact_percent:.1f}%)"]
        lines += [f"{stage}: {self.seconds[stage]:.3f} s" for stage in STAGES if stage in self.seconds]
        return lines


@dataclass(slots=True)
class CheckResult:
    """What `check` found: the number of notes, the diagnostics sorted for printing, the stats."""

    notes: int
    diagnostics: list[Diagnostic]
    stats: CheckStats


def run_check(root: str | os.PathLike[str], use_cache: bool = True,
              clock: Callable[[], float] = time.perf_counter) -> CheckResult:
    """Check the vault at `root`: the vault's diagnostics and the generated notes' problems.

    Reads notes unchanged since the last run from the cache and, when it had to parse some,
    stores them there (outside the vault). Never writes inside the vault.
    """
    root = os.fspath(root)
    if not os.path.isdir(root):
        raise NotADirectoryError(f"not a folder: {root}")
    stats = CheckStats()
    start = clock()
    config, cfg_diags, cfg_text = fs.read_config_text(root)
    found, attachments, scan_diags = fs.scan(root, config)
    stats.seconds["scan"], start = clock() - start, clock()
    stamp = cache.stamp(cfg_text)
    now = time.time_ns()
    try:
        day = resolve_today(config)
    except ValueError:  # a bad $VAULTKIT_TODAY: said where a template needs the date, not here
        day = None
    key = inputs_key(root, config, cfg_text, day, found, attachments) if use_cache and day else ""
    last = check_if_current(root, stamp, key, found, now) if key else None
    if last is not None:  # nothing check reads has changed since the last check or build
        stats.notes, stats.exact, stats.cached = last.notes, last.exact, last.notes
        stats.seconds["read+parse"] = clock() - start
        return CheckResult(last.notes, sorted((*last.diagnostics, *obsidian.check_types(root, config, cfg_text)),
                                              key=Diagnostic.sort_key), stats)
    store = functools.partial(cachefiles.CacheFile, root, stamp) if use_cache else None
    loaded = load_notes(root, found, config, fs.read_cache(root, stamp) if use_cache else None,
                        store=store, now_ns=now)  # the notes cache is written as the notes come
    vault = Vault(loaded.notes, config, attachments, cfg_diags + scan_diags, root=os.path.realpath(root))
    settle_heap()
    stats.notes, stats.cached = len(vault.notes), loaded.cached
    stats.exact = sum(note.exact for note in vault.notes.values())
    stats.seconds["read+parse"], start = clock() - start, clock()
    diags = list(vault.diagnostics)
    stats.seconds["links+diagnostics"], start = clock() - start, clock()
    seen: dict[str, tuple[int, int] | None] = {}  # each note as it was read: a save since shows to the next check
    generated = check_generated(root, vault, seen=seen)
    stats.seconds["generated notes"], start = clock() - start, clock()
    if use_cache:
        try:
            if key and settled(found, now):  # (a note read too soon after it was saved: no record)
                store_check(root, stamp, key, vault, generated, seen)
        except OSError:
            pass  # a record we cannot write is only a slower next run
        stats.seconds["cache write"] = clock() - start
    # Said afresh each time (not in the check record): types.json is no input of the vault's.
    for_obsidian = obsidian.check_types(root, config, cfg_text)
    return CheckResult(len(vault.notes), sorted((*diags, *generated, *for_obsidian), key=Diagnostic.sort_key), stats)
