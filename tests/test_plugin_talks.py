"""The example plugin `examples/plugins/vaultkit-talks`, installed and used as a user would.

The plugin is made importable the way an installed package is: its source folder on
`sys.path` and a `vaultkit_talks-<version>.dist-info` whose `entry_points.txt` is written
from the plugin's own `pyproject.toml`, so `importlib.metadata` finds the entry point that
`pip install examples/plugins/vaultkit-talks` would install (no network, no build backend).
Then the example vault is built through the CLI with `plugins = ["talks"]`.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, ROOT
from tests.test_watch import (  # noqa: F401 (fixtures used by name)
    CONVERGE_TIMEOUT,
    RebuildSpy,
    Watcher,
    save_vim,
    spy,
    start_watch,
    wait_until,
)
from vaultkit.cli.main import cli
from vaultkit.plugins import forget_plugins

PLUGIN = ROOT / "examples" / "plugins" / "vaultkit-talks"
BUILTIN_NOTES = sorted(p.name for p in (EXAMPLE / "Vaultkit").glob("*.md"))
STAGES = "idea, submitted, accepted, given"


def _forget() -> None:
    forget_plugins()
    for name in [m for m in sys.modules if m == "vaultkit_talks" or m.startswith("vaultkit_talks.")]:
        del sys.modules[name]


def install_metadata(site: Path) -> Path:
    """A dist-info for the plugin in `site`, its entry points read from the plugin's pyproject."""
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text("utf-8"))["project"]
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    points = "".join(f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in table.items())
                     for group, table in project["entry-points"].items())
    (info / "entry_points.txt").write_text(points)
    return info


@pytest.fixture
def talks_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The plugin installed for this test only (and forgotten, modules and all, after it)."""
    site = tmp_path / "site-packages"
    install_metadata(site)
    _forget()
    monkeypatch.syspath_prepend(str(PLUGIN))
    monkeypatch.syspath_prepend(str(site))
    yield site
    _forget()


def with_talks(vault: Path, extra: str = "") -> Path:
    """The vault's config with the plugin listed (and `extra` TOML after it)."""
    config = vault / "vaultkit.toml"
    config.write_text(config.read_text("utf-8") + '\nplugins = ["talks"]\n' + extra, "utf-8")
    return vault


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_the_plugin_package_depends_on_vaultkits_distribution() -> None:
    plugin = tomllib.loads((PLUGIN / "pyproject.toml").read_text("utf-8"))
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["name"]
    assert [d.split(">")[0].split("=")[0].strip() for d in plugin["project"]["dependencies"]] == [ours]
    assert plugin["build-system"]["build-backend"] == "hatchling.build"


def test_the_entry_point_is_the_hook_vaultkit_loads(talks_installed: Path) -> None:
    from importlib.metadata import entry_points

    (point,) = [ep for ep in entry_points(group="vaultkit.plugins") if ep.name == "talks"]
    hook = point.load()
    assert hook.__module__ == "vaultkit_talks" and callable(hook)
    assert Path(sys.modules["vaultkit_talks"].__file__ or "").is_relative_to(PLUGIN)


def test_build_with_the_plugin_writes_talks_and_keeps_the_eight_notes(
        example_copy: Path, talks_installed: Path, golden: Callable[[str, dict[str, str]], None]) -> None:
    with_talks(example_copy)
    code, out = run("--vault", str(example_copy), "build")
    assert code == 0, out
    assert "1 created" in out
    for name in BUILTIN_NOTES:  # a plugin's kind and view change none of vaultkit's own notes
        assert (example_copy / "Vaultkit" / name).read_bytes() == (EXAMPLE / "Vaultkit" / name).read_bytes(), name
    golden("talks", {"Talks.md": (example_copy / "Vaultkit" / "Talks.md").read_text("utf-8")})
    code, out = run("--vault", str(example_copy), "build")
    assert code == 0 and "0 created, 0 updated" in out, out
    code, out = run("--vault", str(example_copy), "check")
    assert code == 0 and "0 errors, 0 warnings" in out, out


def test_talks_read_as_a_user_reads_them(example_copy: Path, talks_installed: Path) -> None:
    """What the golden file holds, said in words: the pipeline, deadlines in 60 days, years."""
    with_talks(example_copy)
    assert run("--vault", str(example_copy), "build")[0] == 0
    text = (example_copy / "Vaultkit" / "Talks.md").read_text("utf-8")
    assert "6 talks as of 2026-07-15: 2 ideas, 1 submitted, 1 accepted, 2 given." in text
    pipeline = text.split("## Pipeline")[1].split("## CFP")[0]
    assert [line for line in pipeline.splitlines() if line.startswith("### ")] == [
        "### Idea (2)", "### Submitted (1)", "### Accepted (1)", "### Given (2)"]
    assert ("| [[PgBouncer transaction pooling gotchas]] | [[Postgres Berlin August 2026]] | 2026-08-20 | "
            "2026-07-31 | [slides](https://speakerdeck.com/samrivera/pgbouncer-gotchas) |") in pipeline
    deadlines = text.split("## CFP deadlines in the next 60 days")[1].split("##")[0]
    # 2026-10-15 is 92 days away and 2026-04-30 has passed: neither is listed.
    assert [line for line in deadlines.splitlines() if line.startswith("- ")] == [
        "- 2026-07-31 (16 days left): [[PgBouncer transaction pooling gotchas]] for "
        "[[Postgres Berlin August 2026]], submitted",
        "- 2026-08-31 (47 days left): [[Kafka exactly-once in practice]], idea"]
    assert ("| 2026 | 2 | [[Retry budgets - stop your retries from DDoSing you]], "
            "[[Self-service Postgres in seven minutes]] |") in text


def test_an_unknown_stage_is_a_warning_listing_the_stages(example_copy: Path, talks_installed: Path) -> None:
    with_talks(example_copy)
    note = example_copy / "Talks" / "Kafka exactly-once in practice.md"
    note.write_text(note.read_text("utf-8").replace("stage: idea", "stage: drafting"), "utf-8")
    code, out = run("--vault", str(example_copy), "check")
    assert code == 0, out  # a warning, never an error
    said = f'Talks/Kafka exactly-once in practice.md:2: warning: talk field `stage`: "drafting" is not one of {STAGES}'
    assert said in out, out
    assert '[kinds.talk.fields.stage] values = ["+drafting"]' in out
    demo = example_copy / "Talks" / "Self-service Postgres in seven minutes.md"  # given, but not marked so
    demo.write_text(demo.read_text("utf-8").replace("stage: given", "stage: accepted"), "utf-8")
    code, out = run("--vault", str(example_copy), "build")
    assert code == 0, out
    text = (example_copy / "Vaultkit" / "Talks.md").read_text("utf-8")
    assert "### Drafting (1)\n\n| Talk |" in text and "1 idea, 1 submitted, 2 accepted, 1 given, 1 drafting." in text
    assert "| [[Self-service Postgres in seven minutes]] (date passed: given?) | [[Lumen Pay Demo Day June 2026]] |" \
        in text


def test_the_vault_extends_the_plugins_kind(example_copy: Path, talks_installed: Path) -> None:
    """The README's "Make it yours": `[kinds.talk.fields.stage] values = ["+rejected"]`."""
    with_talks(example_copy, '\n[kinds.talk.fields.stage]\nvalues = ["+rejected"]\n')
    note = example_copy / "Talks" / "Retry budgets, one year later.md"
    note.write_text(note.read_text("utf-8").replace("stage: idea", "stage: rejected"), "utf-8")
    code, out = run("--vault", str(example_copy), "check")
    assert code == 0 and "0 errors, 0 warnings" in out, out
    assert run("--vault", str(example_copy), "build")[0] == 0
    assert "\n### Rejected (1)\n" in (example_copy / "Vaultkit" / "Talks.md").read_text("utf-8")


def test_without_plugins_listed_the_plugin_is_never_imported(example_copy: Path, talks_installed: Path) -> None:
    code, out = run("--vault", str(example_copy), "build")
    assert code == 0 and "0 created, 0 updated" in out, out
    code, out = run("--vault", str(example_copy), "check")
    assert code == 0 and "0 errors, 0 warnings" in out, out
    assert "vaultkit_talks" not in sys.modules
    assert not (example_copy / "Vaultkit" / "Talks.md").exists()


def test_listed_but_not_installed_builds_without_it(example_copy: Path) -> None:
    _forget()
    with_talks(example_copy)
    try:
        code, out = run("--vault", str(example_copy), "build")
    finally:
        _forget()
    assert code == 1 and "no installed plugin is named 'talks'" in out, out
    assert not (example_copy / "Vaultkit" / "Talks.md").exists()
    for name in BUILTIN_NOTES:
        assert (example_copy / "Vaultkit" / name).read_bytes() == (EXAMPLE / "Vaultkit" / name).read_bytes(), name


def test_watch_updates_talks_when_a_talk_is_added(example_copy: Path, talks_installed: Path, spy: RebuildSpy,  # noqa: F811
                                                  start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    with_talks(example_copy)
    talks = example_copy / "Vaultkit" / "Talks.md"
    watcher = start_watch(example_copy)
    wait_until(talks.exists, CONVERGE_TIMEOUT, "Talks.md written by the first build")
    assert "6 talks as of" in talks.read_text("utf-8")
    save_vim(example_copy / "Talks" / "Ledger migrations without fear.md",
             b"---\nstage: submitted\nevent: \"[[Platform Engineering Day Berlin 2026]]\"\n"
             b"cfp_deadline: 2026-08-01\n---\nA second proposal for the same conference.\n")

    def shown() -> bool:
        text = talks.read_text("utf-8")
        return "7 talks as of 2026-07-15: 2 ideas, 2 submitted" in text and (
            "- 2026-08-01 (17 days left): [[Ledger migrations without fear]] for "
            "[[Platform Engineering Day Berlin 2026]], submitted") in text

    wait_until(shown, CONVERGE_TIMEOUT, "the new talk in Talks.md")
    watcher.converge()  # and every note is what a fresh build (with the plugin) writes
    watcher.check()
