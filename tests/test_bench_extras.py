"""bench/run.py --plugin talks --queries 3: the watch sessions load the example plugin and fill
three query regions, so the watch figures are measured with them (issue 12)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import extras
import run
from gen_vault import generate


def test_extras_place_talks_and_query_regions(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    generate(vault, 120, seed=7)
    extras.add_talks(vault, seed=7, count=8)
    placed = extras.add_queries(vault, 3, plugin=True)
    assert (vault / "vaultkit.toml").read_text("utf-8").endswith('plugins = ["talks"]\n')
    assert len(list((vault / "Talks").glob("*.md"))) == 8
    assert len(placed) == 3 and all(p.startswith("Notes/") for p in placed)
    regions = [(vault / p).read_text("utf-8") for p in placed]
    assert all(r.count("<!-- vaultkit:begin query ") == 1 and r.endswith("<!-- vaultkit:end query -->\n")
               for r in regions)
    assert "talk where stage" in regions[2]
    assert extras.verify(vault, "talks", placed) == {"queries": "0/3", "plugin_note": False}
    again = tmp_path / "w"
    generate(again, 120, seed=7)
    extras.add_talks(again, seed=7, count=8)
    assert sorted(p.read_bytes() for p in (again / "Talks").glob("*.md")) == \
        sorted(p.read_bytes() for p in (vault / "Talks").glob("*.md"))  # the same for a seed
    with pytest.raises(SystemExit, match="--queries 500"):
        extras.add_queries(vault, 500, plugin=False)


def _watch(tmp_path: Path, *extra: str) -> dict[str, dict[str, Any]]:
    out = tmp_path / "results.json"
    assert run.main(["--sizes", "80", "--repeat", "1", "--saves", "1", "--shapes", "plain", "--measures", "watch",
                     *extra, "--vaults", str(tmp_path / "v"), "--out", str(out), "--timeout", "120"]) == 0
    info = json.loads(out.read_text())
    got = {r["measure"]: r for r in info["results"]}
    got["info"] = info
    for measure in ("watch-ready", *run.SAVES):
        assert got[measure]["status"] == "ok", got[measure]
    for measure in ("save-edit", "save-add", "save-delete", "save-rename"):
        assert got[measure]["logged"] == "1/1" and got[measure]["seen"] == "1/1", got[measure]
    return got


def test_watch_sessions_with_three_query_regions(tmp_path: Path) -> None:
    got = _watch(tmp_path, "--queries", "3")
    assert got["info"]["watch_extras"] == {"plugin": None, "queries": 3}
    assert got["watch-ready"]["extras"] == {"queries": "3/3"}


def test_watch_sessions_with_the_plugin_and_three_query_regions(tmp_path: Path) -> None:
    got = _watch(tmp_path, "--plugin", "talks", "--queries", "3")
    assert got["info"]["watch_extras"] == {"plugin": "talks", "queries": 3}
    assert got["watch-ready"]["extras"] == {"queries": "3/3", "plugin_note": True}
