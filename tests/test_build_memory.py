"""A build lets go of its plan before it writes (`Facts.release`): the views' kept state and the
derived facts hold each other in cycles, and the build plans with the cycle collector off, so
without the release they would live until the process ends, beside everything writing and the
check record add. With query regions to fill, the facts serve them first and are kept."""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, copy_vault, snapshot
from vaultkit.disk import build as build_module
from vaultkit.disk.build import build
from vaultkit.views import common

QUERY = '<!-- vaultkit:begin query person sort title -->\n<!-- vaultkit:end query -->\n'


def _watched(monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[bool]]:
    """Every `Facts` a build makes, weakly, and at each `write_planned`: are the views' kept
    objects of those facts all freed by then?"""
    made: list[Any] = []
    kept: list[weakref.ref[Any]] = []
    freed: list[bool] = []
    init, keep, write = common.Facts.__init__, common.Facts.kept, build_module.write_planned

    def watched_init(self: common.Facts, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(weakref.ref(self))

    def watched_kept(self: common.Facts, name: str, make: Any) -> Any:
        found = keep(self, name, make)
        kept.append(weakref.ref(found))
        return found

    def watched_write(*args: Any, **kwargs: Any) -> Any:
        freed.append(bool(kept) and all(ref() is None for ref in kept))
        return write(*args, **kwargs)

    monkeypatch.setattr(common.Facts, "__init__", watched_init)
    monkeypatch.setattr(common.Facts, "kept", watched_kept)
    monkeypatch.setattr(build_module, "write_planned", watched_write)
    return made, freed


def test_a_build_frees_its_plan_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               collector_off: None) -> None:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    made, freed = _watched(monkeypatch)
    build(root)
    assert made and freed == [True]  # the views' state (people, brag, events...) gone before the first write
    monkeypatch.undo()
    again = copy_vault(EXAMPLE, tmp_path / "again")
    build(again)
    assert snapshot(root, folder_mtimes=False).keys() == snapshot(again, folder_mtimes=False).keys()
    assert {p: v[0] for p, v in snapshot(root, folder_mtimes=False).items()} == \
        {p: v[0] for p, v in snapshot(again, folder_mtimes=False).items()}


def test_query_regions_are_filled_from_the_plans_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       collector_off: None) -> None:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    note = root / "Queries.md"
    note.write_text("# People\n\n" + QUERY, encoding="utf-8")
    made, freed = _watched(monkeypatch)
    build(root)
    assert made and freed == [False]  # kept for the query regions
    text = note.read_text(encoding="utf-8")
    assert "| [[" in text and "<!-- vaultkit:end query " in text
