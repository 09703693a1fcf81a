"""bench/parse_stages.py: its stages add up, with the cycle collector running or paused as
the parse workers pause it, and the collector is as it was afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

from bench.parse_stages import stages, write_long_items

_ORDER = ["decode", "split", "yaml", "blockscan", "inline", "fields+build", "total", "first", "yaml-first",
          "inline-first"]


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
            assert figures["total"] > 0 and figures["first"] > 0


def test_parse_ir_passes_parse_the_sample_it_is_given(tmp_path: Path) -> None:
    # What `bench/parse_ir.py` runs under callgrind: the pickled sample parsed N times (the
    # valgrind runs themselves take minutes, and are left to the benchmark).
    import pickle

    from bench import parse_ir
    from bench.parse_stages import notes_of

    write_long_items(tmp_path / "vault", notes=5)
    sample = tmp_path / "sample.pickle"
    sample.write_bytes(pickle.dumps(notes_of(tmp_path / "vault")))
    was_enabled = gc.isenabled()
    try:
        assert parse_ir.main(["--passes-only", "2", str(sample)]) == 0
    finally:
        (gc.enable if was_enabled else gc.disable)()
