"""What `bench/run.py --plugin talks --queries N` adds to each watch session's copy of a vault.

* ``--plugin talks``: the example plugin `examples/plugins/vaultkit-talks` made importable for
  the children as an installed package is (its source folder and a dist-info whose
  ``entry_points.txt`` is written from the plugin's ``pyproject.toml``, both on ``PYTHONPATH``:
  the entry-point machinery finds it, no pip and no network), ``plugins = ["talks"]`` added to
  the copy's ``vaultkit.toml`` and ``TALKS`` talk notes written in its ``Talks/`` folder, so
  every plan has a ``Talks.md`` to write.
* ``--queries N``: N query regions (``<!-- vaultkit:begin query … -->``), one per note, in the
  first N notes of ``Notes/`` (plain notes: the saves of ``watch_saves.py`` touch ``People/``
  only), reading people of one company, the latest events and (with the plugin) the submitted
  talks, or the latest brag entries.

Only the watch sessions' copies change: the generated vaults (and the other measures) stay as
generated. Everything here is deterministic for a vault and seed.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLUGINS = {"talks": REPO / "examples" / "plugins" / "vaultkit-talks"}
TALKS = 40
STAGES = ("idea", "submitted", "accepted", "given")


def plugin_paths(name: str, site: Path) -> list[str]:
    """Make plugin `name` importable through `site` (a dist-info is written there); the folders
    to put on the children's PYTHONPATH."""
    source = PLUGINS[name]
    project = tomllib.loads((source / "pyproject.toml").read_text("utf-8"))["project"]
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    (info / "entry_points.txt").write_text("".join(
        f"[{group}]\n" + "".join(f"{key} = {target}\n" for key, target in table.items())
        for group, table in project["entry-points"].items()))
    return [str(site), str(source)]


def with_pythonpath(env: dict[str, str], paths: list[str]) -> dict[str, str]:
    """`env` with `paths` after what its PYTHONPATH already holds (the tree under test stays first)."""
    return {**env, "PYTHONPATH": os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), *paths) if p)}


def add_talks(vault: Path, seed: int, count: int = TALKS) -> None:
    """`plugins = ["talks"]` in the vault's config and `count` talk notes in `Talks/`."""
    config = vault / "vaultkit.toml"
    text = config.read_text("utf-8") if config.exists() else ""
    if not re.search(r"^plugins\s*=", text, re.MULTILINE):
        config.write_text(text + ("" if text.endswith("\n") or not text else "\n") + 'plugins = ["talks"]\n', "utf-8")
    events = sorted(p.stem for p in (vault / "Events").glob("*.md"))
    rng = random.Random(f"talks/{seed}")
    folder = vault / "Talks"
    folder.mkdir(exist_ok=True)
    start = dt.date(2025, 1, 1)
    for i in range(count):
        date = start + dt.timedelta(days=rng.randrange(730))
        front = [f"stage: {STAGES[i % len(STAGES)]}", f"date: {date.isoformat()}",
                 f"cfp_deadline: {(date - dt.timedelta(days=rng.randrange(30, 120))).isoformat()}",
                 f"topics: [bench, topic{rng.randrange(12)}]"]
        if events:
            front.append(f'event: "[[{rng.choice(events)}]]"')
        (folder / f"Bench talk {i:03d}.md").write_text("---\n" + "\n".join(front) + "\n---\nA talk.\n", "utf-8")


def queries(vault: Path, plugin: bool) -> list[str]:
    """The query regions' queries for this vault (a company taken from its first person note)."""
    company = "Bench Works"
    for person in sorted((vault / "People").glob("*.md")):
        found = re.search(r"^company: *(.+)$", person.read_text("utf-8"), re.MULTILINE)
        if found:
            company = found.group(1).strip().strip("'\"")
            break
    third = 'talk where stage = "submitted" sort cfp_deadline limit 20' if plugin else "brag sort date desc limit 20"
    return [f'person where company = "{company}" sort last_contact desc columns role, last_contact',
            "event sort date desc limit 20", third]


def add_queries(vault: Path, count: int, plugin: bool) -> list[str]:
    """`count` query regions, one at the end of each of the first `count` notes of `Notes/`;
    returns the vault paths of those notes."""
    if count <= 0:
        return []
    notes = sorted((vault / "Notes").glob("*.md"))
    if len(notes) < count:
        raise SystemExit(f"--queries {count}: the vault has {len(notes)} notes in Notes/ to hold them")
    made = queries(vault, plugin)
    placed = []
    for i, note in enumerate(notes[:count]):
        text = note.read_text("utf-8")
        region = f"<!-- vaultkit:begin query {made[i % len(made)]} -->\n<!-- vaultkit:end query -->\n"
        note.write_text(text + ("" if text.endswith("\n") else "\n") + "\n" + region, "utf-8")
        placed.append(note.relative_to(vault).as_posix())
    return placed


def verify(vault: Path, plugin: str | None, placed: list[str]) -> dict[str, object]:
    """After the sessions: did the plugin's note get written, and were the query regions filled
    (a region holds a table or list once filled, and its end marker carries the hash)?"""
    filled = 0
    for rel in placed:
        text = (vault / rel).read_text("utf-8")
        filled += bool(re.search(r"vaultkit:begin query .*-->\n(?:[|-] .*\n|\|.*\n)+<!-- vaultkit:end query \w+ -->",
                                 text))
    found: dict[str, object] = {"queries": f"{filled}/{len(placed)}"}
    if plugin:
        found["plugin_note"] = (vault / "Vaultkit" / "Talks.md").is_file()
    return found
