"""bench/parse_stages.py: its stages add up, with the cycle collector running or paused as
the parse workers pause it, and the collector is as it was afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

from bench.parse_stages import stages, write_long_items

_ORDER = ["decode", "split", "yaml", "blockscan", "inline", "fields+build", "total"]


def test_stages_with_the_collector_running_or_paused_leave_it_as_it_was(tmp_path: Path) -> None:
    write_long_items(tmp_path, notes=12)
    for collector in (True, False):
        for before in (True, False):
            (gc.enable if before else gc.disable)()
            try:
                figures = stages(tmp_path, repeat=1, collector=collector)
                assert gc.isenabled() is before
            finally:
                gc.enable()
            assert list(figures) == _ORDER and all(v >= 0 for v in figures.values())
            assert figures["total"] > 0
