"""docs/library.md runs as written: its Python blocks in order, in one session, in a folder
holding `my-vault` (a copy of the example vault), and what each prints is the `text` block the
page shows under it.

Tags (HTML comments, invisible when the page is read): `<!-- test: run -->` before a Python
block, `<!-- test: output -->` before the text block that must equal what the run before it
printed. Every Python block must be tagged: no example goes untested.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT, copy_vault
from tests.test_plugin_docs import items

PAGE = ROOT / "docs" / "library.md"


def test_docs_library_md_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_vault(EXAMPLE, tmp_path / "my-vault")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAULTKIT_TODAY", raising=False)
    session: dict[str, object] = {"__name__": "__docs__"}
    pending = printed = None
    runs = outputs = 0
    for kind, name, value, line in items(PAGE.read_text("utf-8")):
        at = f"docs/library.md:{line}"
        if kind == "tag":
            assert name in ("run", "output") and pending is None, f"{at}: unexpected tag {name!r}"
            pending = name
            continue
        if pending is None:
            assert name != "python", f"{at}: a Python example without a test tag"
            continue
        if pending == "run":
            assert name == "python", f"{at}: `run` tags a Python block"
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(value, at, "exec"), session)
            printed, runs = out.getvalue(), runs + 1
        else:
            assert name == "text" and printed is not None, f"{at}: `output` follows a run, tags a text block"
            assert printed == value, f"{at}: the run before printed:\n{printed}"
            printed, outputs = None, outputs + 1
        pending = None
    assert pending is None and runs >= 6 and outputs == runs


def test_every_section_the_issue_asks_for_is_there() -> None:
    headings = [line for line in PAGE.read_text("utf-8").splitlines() if line.startswith("## ")]
    assert headings == ["## Load a vault", "## Iterate kinds", "## Resolve links", "## Read entries",
                        "## Plan and write generated notes"]
