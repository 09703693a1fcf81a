"""Every chart the example vault's generated notes hold, rendered by Mermaid itself.

mermaid-cli (`mmdc`, pinned in `.ci/mermaid/` to Mermaid 11.4.1, the Mermaid of Obsidian 2025)
draws each chart in headless Chromium; a render error fails the test. The SVGs are then read for
what a reader sees: whole-number y ticks, the month labels we wrote, one bar group per series in
our colours (Mermaid 11.4+ reads the front-matter `config`). `.ci/run` installs both tools
(`.ci/mermaid/install`) and sets VAULTKIT_REQUIRE_MERMAID, so CI fails rather than skips; without
them (the README's two commands need only Python and pip) the test skips with the reason.

VAULTKIT_CHART_PNGS=DIR keeps a PNG of each chart there, to look at.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import warnings
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, ROOT, copy_vault
from vaultkit.cli.main import cli
from vaultkit.views.charts import PALETTE, mermaid_blocks

PINNED = ROOT / ".ci" / "mermaid"
SVG = "{http://www.w3.org/2000/svg}"


def _tools() -> tuple[str, str, str]:
    """(mmdc, chromium, Mermaid's version), or skip (fail under VAULTKIT_REQUIRE_MERMAID) naming what is missing."""
    pinned = PINNED / "node_modules" / ".bin" / "mmdc"
    mmdc = os.environ.get("VAULTKIT_MMDC") or (str(pinned) if pinned.exists() else shutil.which("mmdc"))
    if mmdc and not Path(mmdc).is_file():
        mmdc = None
    chromium = os.environ.get("VAULTKIT_CHROMIUM") or next(
        (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
    missing = [what for what, found in (("mmdc (run .ci/mermaid/install)", mmdc),
                                        ("Chromium (Debian package chromium)", chromium),
                                        ("node", shutil.which("node"))) if not found]
    if missing:
        reason = "chart render test needs " + ", ".join(missing)
        if os.environ.get("VAULTKIT_REQUIRE_MERMAID"):
            pytest.fail(reason)
        pytest.skip(reason)
    assert mmdc is not None and chromium is not None
    # Which Mermaid mmdc loads: the one its own node_modules resolves (npm may hoist it).
    version = "unknown"
    for folder in Path(mmdc).resolve().parents:
        package = folder / "node_modules" / "mermaid" / "package.json"
        if package.exists():
            version = json.loads(package.read_text("utf-8"))["version"]
            break
    if os.environ.get("VAULTKIT_REQUIRE_MERMAID"):
        assert version.startswith("11.4."), f"mmdc loads Mermaid {version}, not the pinned 11.4.x"
    return mmdc, chromium, version


def _render(mmdc: str, chromium: str, source: Path, out: Path, kind: str, tries: int = 2, timeout: float = 150) -> None:
    """Render `source`'s charts to `out` as `kind` (svg, png). A run that hangs (headless Chromium
    now and then never answers a screenshot: one PNG render waited out 300 s in CI while every
    other run takes seconds) is ended with all its processes and tried again, `tries` times in all."""
    config = source.parent / "puppeteer.json"
    # Chromium's sandbox needs user namespaces, which containers and root often lack.
    # protocolTimeout: a screenshot on a loaded machine (CI runners, the test suite in parallel) can
    # take longer than puppeteer's default 180 s; it is a wait, not a render error.
    config.write_text(json.dumps({"executablePath": chromium, "protocolTimeout": 900_000, "args": [
        "--no-sandbox", "--disable-setuid-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}))
    # Chromium's and fontconfig's caches and settings go to the test's folder, not the home folder.
    env = {**os.environ, "XDG_CACHE_HOME": str(source.parent / "cache"),
           "XDG_CONFIG_HOME": str(source.parent / "config")}
    for attempt in range(1, tries + 1):
        proc = subprocess.Popen([mmdc, "-p", str(config), "-i", str(source), "-o", str(out), "-e", kind, "-b",
                                 "white", "-w", "800", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(proc.pid)  # node and the Chromium it started (in a process group of its own)
            proc.communicate()
            if attempt == tries:
                raise
            continue
        assert proc.returncode == 0, f"mmdc failed on {source.name}:\n{stdout}\n{stderr[-3000:]}"
        return


def _kill_tree(pid: int) -> None:
    """SIGKILL the process `pid` and every process descended from it (read from /proc, before any
    dies: a child outliving its parent is no longer found by its parent's id)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():  # (self, thread-self, the kernel's files)
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    todo, found = [pid], []
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    for each in found:
        with contextlib.suppress(OSError):
            os.kill(each, signal.SIGKILL)


def _charts(tmp_path: Path) -> dict[str, str]:
    """Every ```mermaid block of the example's generated notes, with a review note of half a year
    (three stacked series) and of two years (by quarter), by note and number."""
    root = copy_vault(EXAMPLE, tmp_path / "career-vault")
    runner = CliRunner()
    for args in (["build"], ["review", "2026-H1"], ["review", "--since", "2024-08-01", "--until", "2026-07-31"]):
        result = runner.invoke(cli, ["--vault", str(root), *args])
        assert result.exit_code == 0, result.output
    found = {}
    for note in sorted((root / "Vaultkit").rglob("*.md")):
        for number, block in enumerate(mermaid_blocks(note.read_text("utf-8")), start=1):
            found[f"{note.relative_to(root / 'Vaultkit').with_suffix('').as_posix()} #{number}"] = block
    return found


def _texts(svg: ElementTree.Element, group: str) -> list[str]:
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == group:
            labels = next(x for x in g if x.get("class") == "label")
            return [t.text or "" for t in labels.iter(f"{SVG}text")]
    raise AssertionError(f"no {group} in the SVG")


def test_every_chart_renders_with_mermaid_11_4(tmp_path: Path) -> None:
    mmdc, chromium, version = _tools()
    charts = _charts(tmp_path)
    names = list(charts)
    assert len(names) >= 5, names  # Brag, Sharing, Dashboard, two reviews (and what other notes add)
    assert any("Reviews/" in n for n in names) and any("Brag" in n for n in names)
    source = tmp_path / "charts.md"
    source.write_text("".join(f"```mermaid\n{block}```\n\n" for block in charts.values()), "utf-8")
    _render(mmdc, chromium, source, tmp_path / "out.md", "svg")
    keep = os.environ.get("VAULTKIT_CHART_PNGS")
    if keep:  # pictures for a person to look at; the SVGs above and below are what the test reads
        index = f"Mermaid {version}\n" + "".join(f"charts-{i}.png: {n}\n" for i, n in enumerate(names, 1))
        try:
            _render(mmdc, chromium, source, Path(keep).resolve() / "charts.md", "png")
        except subprocess.TimeoutExpired as exc:  # Chromium hung on both tries: no pictures, said so
            warnings.warn(f"no chart PNGs: {exc}", stacklevel=1)
            index = f"no PNGs: Chromium did not finish ({exc})\n" + index
        (Path(keep) / "index.txt").write_text(index)
    for number, (name, block) in enumerate(charts.items(), start=1):
        text = (tmp_path / f"out-{number}.svg").read_text("utf-8")
        assert 'aria-roledescription="xychart"' in text and "Syntax error" not in text, name
        svg = ElementTree.fromstring(text)
        ticks = _texts(svg, "left-axis")
        assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), (name, ticks)  # whole counts only
        assert ticks[0] == re.search(r"y-axis .* 0 --> (\d+)", block).group(1), (name, ticks)  # type: ignore[union-attr]
        labels = re.findall(r'"([^"]*)"', re.search(r"x-axis \[(.*)\]", block).group(1))  # type: ignore[union-attr]
        assert _texts(svg, "bottom-axis") == labels, name
        series = block.count("    bar [")
        plots = [g for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("bar-plot-")]
        assert len(plots) == series, name
        # Tallest series first: the bottom series (PALETTE[0]) is drawn last, over the others.
        fills = [{r.get("fill") for r in g.iter(f"{SVG}rect")} for g in plots]
        assert fills == [{PALETTE[i]} for i in reversed(range(series))], (name, fills)
