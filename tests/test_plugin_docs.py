"""docs/plugins.md and README's "Extending vaultkit" are tested as written.

Each example is tagged with an HTML comment (invisible when the page is read) saying what to do
with it, in order, in a temporary folder holding `my-vault` (a copy of the example vault):

- `file PATH` / `append PATH`: write the next code block to PATH (or add it at the end);
- `run`: run the next (Python) block there;
- `install PATH`: make the plugin package at PATH importable as pip would, from its
  `pyproject.toml`'s entry points (a `.dist-info` with `entry_points.txt`, on `sys.path`);
- `build PATH`: `vaultkit --vault PATH build` through the CLI, which must succeed;
- `region PATH` / `region-starts PATH`: the next block is the text between that generated
  note's markers (or its start).

Every Python, TOML and Jinja block of the page must carry a tag: no example goes untested.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, ROOT, copy_vault
from vaultkit.cli.main import cli
from vaultkit.plugins import forget_plugins
from vaultkit.views import registry

DOCS = ROOT / "docs" / "plugins.md"
README = ROOT / "README.md"
_TAG = re.compile(r"^<!-- test: (\S+)(?: (.+?))? -->$")
_FENCE = re.compile(r"^```(\w*)$")
NEEDS_BLOCK = {"file", "append", "run", "region", "region-starts"}


def items(text: str, first_line: int = 1) -> Iterator[tuple[str, str, str, int]]:
    """(kind, name, value, line): ("tag", action, argument) and ("block", language, text)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        tag, fence = _TAG.match(line), _FENCE.match(line)
        if tag:
            yield "tag", tag.group(1), tag.group(2) or "", first_line + i
        elif fence:
            end = lines.index("```", i + 1)
            yield "block", fence.group(1), "\n".join(lines[i + 1:end]) + "\n", first_line + i
            i = end
        i += 1


def region(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = re.search(r"^<!-- vaultkit:begin [\w-]+ -->\n", text, re.M)
    assert start is not None, f"{path} has no region"
    return text[start.end():text.index("<!-- vaultkit:end", start.end())]


def install(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    points = project["entry-points"]["vaultkit.plugins"]
    module = project["name"].replace("-", "_")
    info = folder / f"{module}-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[vaultkit.plugins]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()),
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    forget_plugins()


def run_page(text: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_line: int = 1) -> int:
    """Do what the tags of `text` say; return how many examples ran."""
    copy_vault(EXAMPLE, tmp_path / "my-vault")
    monkeypatch.chdir(tmp_path)
    pending: tuple[str, str, int] | None = None
    done = 0
    for kind, name, value, line in items(text, first_line):
        at = f"{where}:{line}"
        if kind == "tag":
            assert pending is None, f"{at}: tag {name} follows {pending[0]} at line {pending[2]} before its block"
            if name in NEEDS_BLOCK:
                pending = (name, value, line)
            elif name == "build":
                result = CliRunner().invoke(cli, ["--vault", value, "build"])
                assert result.exit_code == 0, f"{at}: build failed:\n{result.output}"
                done += 1
            elif name == "install":
                install(tmp_path / value, monkeypatch)
            else:
                raise AssertionError(f"{at}: unknown test tag {name!r}")
            continue
        if pending is None:
            assert name not in ("python", "toml", "jinja"), f"{at}: a {name} example without a test tag"
            continue
        action, arg, _ = pending
        pending = None
        path = tmp_path / arg if arg else tmp_path
        if action == "file":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(value, encoding="utf-8")
        elif action == "append":
            with path.open("a", encoding="utf-8") as fh:
                fh.write(value)
        elif action == "run":
            exec(compile(value, at, "exec"), {"__name__": "__docs__"})
            done += 1
        elif action == "region":
            assert region(path) == value, f"{at}: {arg} holds:\n{region(path)}"
            done += 1
        elif action == "region-starts":
            assert region(path).startswith(value), f"{at}: {arg} holds:\n{region(path)}"
            done += 1
    assert pending is None, f"{where}: tag {pending[0]} at line {pending[2]} has no block"
    return done


@pytest.fixture(autouse=True)
def clean_registrations() -> Iterator[None]:
    before = list(registry._SCRIPT), dict(registry._SCRIPT_FOLDERS)
    forget_plugins()
    yield
    registry._SCRIPT[:] = before[0]
    registry._SCRIPT_FOLDERS.clear()
    registry._SCRIPT_FOLDERS.update(before[1])
    forget_plugins()
    for module in [m for m in sys.modules if m.startswith("vaultkit_companies")]:
        del sys.modules[module]


def test_docs_plugins_md_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_page(DOCS.read_text(encoding="utf-8"), "docs/plugins.md", tmp_path, monkeypatch) >= 6


def test_readme_extending_section_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Extending vaultkit\n")
    end = text.index("\n## ", start + 1)
    first = text[:start].count("\n") + 2
    assert run_page(text[start + 1:end], "README.md", tmp_path, monkeypatch, first) >= 2


def names(params: str) -> list[str]:
    """Parameter names of a documented signature (commas inside brackets are not separators)."""
    found, depth, current = [], 0, ""
    for char in params + ",":
        depth += (char in "[(" and 1) or 0
        depth -= (char in "])" and 1) or 0
        if char == "," and depth == 0:
            found.append(current.split(":")[0].split("=")[0].strip())
            current = ""
        else:
            current += char
    return found


def test_the_documented_signatures_are_the_real_ones() -> None:
    import inspect

    import vaultkit

    docs = DOCS.read_text(encoding="utf-8")
    for name in ("add_view", "add_kind", "add_templates"):
        params = ", ".join(p for p in inspect.signature(getattr(vaultkit.PluginAPI, name)).parameters if p != "self")
        documented = re.search(rf"api\.{name}\(([^)]*)\)", docs)
        assert documented is not None, name
        assert names(documented.group(1)) == params.split(", "), name
    documented = re.search(r"vaultkit\.register_view\(([^)]*)\) -> vaultkit\.View", docs)
    assert documented is not None
    assert names(documented.group(1)) == list(inspect.signature(vaultkit.register_view).parameters)
    assert vaultkit.PluginAPI.version == 1
