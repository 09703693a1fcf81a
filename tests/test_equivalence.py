"""The cache, the compact facts and `watch` give the generated notes a fresh full parse gives.

Through public behaviour only (the CLI, files on disk, the watcher's log), so these tests hold
whatever the load pipeline, the cache format or the watcher keep in memory. The reference is
always a build with no cache of a copy of the vault as it is at that moment (`fresh_build`).

- Builds: a cold build (which writes the cache), then rounds of every kind of change (an edit
  that adds and drops links, mtime-only touches, a new note, a delete, a rename, a title change,
  an alias change) each followed by a warm build, part from the cache and part parsed; after
  each, every generated note and `check`'s output must equal the fresh build's.
- Watch: a build, then a watcher started from its current cache; after each kind of save the
  generated notes must become exactly those of a fresh build, and stay so; after the watcher
  stops, `check` and `build` on the cache it left agree with a fresh copy too.

Both run on the example vault and on a seeded generated vault (`bench/gen_vault.py`); the build
test also on one big enough that notes are parsed in worker processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, GOLDEN, ROOT, copy_vault
from tests.test_watch import RebuildSpy, Watcher, fresh_build, generated, save_plain, save_rename, show_diff, wait_until
from vaultkit.cli.main import cli
from vaultkit.disk.build import build
from vaultkit.live.watch import WatchOptions

SEED = 11
SMALL, BIG = 300, 1600  # BIG: above the size where a cold build parses in worker processes
SETTLE_TIMEOUT = 10.0
DIGESTS = GOLDEN / "generated-vaults" / "sha256.json"  # made by main at 8ffbc2c, before issue 11


# --- vaults ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_vaults(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Seeded generated vaults, made once for the module (tests work on copies)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_vault import generate

    out: dict[int, Path] = {}
    for size in (SMALL, BIG):
        out[size] = tmp_path_factory.mktemp("gen") / f"n{size}"
        generate(out[size], size, seed=SEED)
    return out


def vault_copy(which: str, generated_vaults: dict[int, Path], dest: Path) -> Path:
    """A private copy of the example vault (`example`) or of a generated one (`gen300`, `gen1600`)."""
    source = EXAMPLE if which == "example" else generated_vaults[int(which.removeprefix("gen"))]
    return copy_vault(source, dest / which)


# --- the public behaviour compared ---------------------------------------------------------


def run_cli(root: Path, *args: str) -> tuple[int, str]:
    """`vaultkit --vault ROOT ARGS…` in-process; (exit code, output)."""
    result = CliRunner().invoke(cli, ["--vault", str(root), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def fresh_check(root: Path, scratch: Path) -> tuple[int, str]:
    """`check` of a copy of the vault built with no cache (so check parses every note): the reference."""
    dest = copy_vault(root, scratch / f"check-{time.monotonic_ns()}")
    try:
        build(dest, use_cache=False)
        return run_cli(dest, "check")
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def assert_same_as_fresh(root: Path, scratch: Path, what: str) -> dict[str, bytes]:
    """Every generated note, and `check`'s output, equal a fresh cache-less build of a copy."""
    expected = fresh_build(root, scratch)
    actual = generated(root)
    assert actual == expected, f"{what}: generated notes differ from a fresh build:\n" + show_diff(expected, actual)
    code, out = run_cli(root, "check")
    assert (code, out) == fresh_check(root, scratch), f"{what}: check differs from a fresh copy's"
    return actual


def digests(root: Path) -> dict[str, str]:
    """SHA-256 of every generated note and of `check`'s output (a generated vault's outputs are
    too big to keep whole in tests/golden)."""
    out = {name: hashlib.sha256(data).hexdigest() for name, data in generated(root).items()}
    code, text = run_cli(root, "check")
    out["check"] = hashlib.sha256(f"{code}\n{text}".encode()).hexdigest()
    return out


def assert_as_before_the_issue(which: str, root: Path, update: bool) -> None:
    """A cold build's outputs are those vaultkit gave before issue 11 (its compact facts, workers
    and cache change no byte): the committed notes of the example vault, the digests of the
    generated ones (rewritten with --update-golden)."""
    if which == "example":
        expected = generated(EXAMPLE)
        assert generated(root) == expected, "cold build differs from examples/career-vault/Vaultkit:\n" + show_diff(
            expected, generated(root))
        return
    known = json.loads(DIGESTS.read_text("utf-8")) if DIGESTS.is_file() else {}
    if update:
        known[which] = digests(root)
        DIGESTS.parent.mkdir(parents=True, exist_ok=True)
        DIGESTS.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    changed = {k for k, v in digests(root).items() if known.get(which, {}).get(k) != v}
    assert not changed, (f"{which}: {sorted(changed)} differ from before issue 11 (compare with a build by "
                         f"`git worktree add /tmp/before 8ffbc2c` of bench/gen_vault.py's vault, seed {SEED})")


# --- changes of every kind --------------------------------------------------------------------


def today_of(root: Path) -> dt.date:
    """The vault's pinned `today` (both vaults pin it, so the generated notes are reproducible)."""
    return dt.date.fromisoformat(str(tomllib.loads((root / "vaultkit.toml").read_text("utf-8"))["today"]))


def front_has(text: str, *keys: str) -> bool:
    """Does the note's frontmatter set any of `keys`?"""
    end = text.find("\n---\n", 3)
    return any(re.search(rf"^{k}:", text[4:end], re.M) for k in keys)


def with_front(text: str, line: str) -> str:
    """The note with a frontmatter line added at the top of its frontmatter."""
    assert text.startswith("---\n")
    return "---\n" + line + "\n" + text[4:]


@dataclass
class Plan:
    """Which notes of a vault each kind of change touches: people others link to, so that every
    change shows in the generated notes."""

    root: Path
    day: str  # dated items added are of the day before `today`: each is a person's latest contact
    daily: Path
    people: list[Path]  # most linked first, none setting title: or aliases:

    @classmethod
    def of(cls, root: Path) -> Plan:
        texts = {p: p.read_text("utf-8") for p in sorted(root.rglob("*.md")) if "Vaultkit" not in p.parts}
        body = "\n".join(texts.values())
        people = [p for p in sorted((root / "People").glob("*.md"))
                  if texts[p].startswith("---\n") and not front_has(texts[p], "title", "aliases")]
        people.sort(key=lambda p: -body.count(f"[[{p.stem}"))
        assert len(people) >= 6, "the vault needs six person notes others link to"
        day = today_of(root) - dt.timedelta(days=1)
        return cls(root, day.isoformat(), sorted((root / "Daily").glob("*.md"))[-1], people)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def edit(self) -> list[str]:
        """Append dated items: a contact with a person, and links to two notes that do not exist yet."""
        text = self.daily.read_text("utf-8")
        save_rename(self.daily, (text.rstrip("\n") + f"\n\n- {self.day} coffee with [[{self.people[5].stem}]]\n"
                                 f"- {self.day} lunch with [[Ghost One]]\n- {self.day} call with [[Ghost Two]]\n")
                    .encode())
        return [self.rel(self.daily)]

    def unlink(self) -> list[str]:
        """An edit that drops links: the daily note loses the items `edit` added."""
        text = self.daily.read_text("utf-8")
        save_rename(self.daily, text[:text.rindex("\n\n- " + self.day)].encode() + b"\n")
        return [self.rel(self.daily)]

    def add(self) -> list[str]:
        """A new person note that a link already names."""
        note = self.root / "People" / "Ghost One.md"
        save_plain(note, b"---\ncompany: Ghost Works\nrole: Haunting\n---\n# Ghost One\n")
        return [self.rel(note)]

    def delete(self) -> list[str]:
        """The most linked person goes."""
        self.people[0].unlink()
        return [self.rel(self.people[0])]

    def rename(self) -> list[str]:
        """The next most linked person moves to a new name: links to the old one break."""
        old = self.people[1]
        self.people[1] = old.with_name(f"{old.stem} Renamed.md")
        os.rename(old, self.people[1])
        return [self.rel(old), self.rel(self.people[1])]

    def title(self) -> list[str]:
        """A person gets a `title:`: the indexes sort people by it (this one now comes first)."""
        note = self.people[2]
        save_rename(note, with_front(note.read_text("utf-8"), f'title: "0 Retitled {note.stem}"').encode())
        return [self.rel(note)]

    def alias(self) -> list[str]:
        """A person gets the alias a link names: that link resolves to them now."""
        note = self.people[3]
        save_rename(note, with_front(note.read_text("utf-8"), 'aliases: ["Ghost Two"]').encode())
        return [self.rel(note)]

    def alias_change(self) -> list[str]:
        """The alias moves to another person."""
        old, new = self.people[3], self.people[4]
        text = old.read_text("utf-8")
        save_rename(old, text.replace('aliases: ["Ghost Two"]\n', 'aliases: ["Someone Else"]\n', 1).encode())
        save_rename(new, with_front(new.read_text("utf-8"), 'aliases: ["Ghost Two"]').encode())
        return [self.rel(old), self.rel(new)]

    def touch(self, count: int) -> list[str]:
        """New mtimes, same bytes (a sync tool, `git checkout`): parsed again or not, same notes."""
        paths = sorted(self.root.rglob("*.md"))
        touched = [p for p in paths[:: max(1, len(paths) // count)] if "Vaultkit" not in p.parts][:count]
        for p in touched:
            st = p.stat()
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        return [self.rel(p) for p in touched]


SAVE_KINDS: list[Callable[[Plan], list[str]]] = [Plan.edit, Plan.add, Plan.delete, Plan.rename, Plan.title,
                                                 Plan.alias, Plan.alias_change, Plan.unlink]


# --- build: cache and compact facts -----------------------------------------------------------


@pytest.mark.parametrize("which", ["example", f"gen{SMALL}", f"gen{BIG}"])
def test_warm_builds_after_every_kind_of_change_equal_a_fresh_parse(
        which: str, generated_vaults: dict[int, Path], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    root = vault_copy(which, generated_vaults, tmp_path)
    big = which == f"gen{BIG}"  # one round there: it is about the worker processes' facts, and slow
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    shutil.rmtree(root / "Vaultkit", ignore_errors=True)
    code, out = run_cli(root, "build")  # cold: parses everything, writes the cache
    assert code == 0, out
    assert_as_before_the_issue(which, root, request.config.getoption("--update-golden"))
    before = generated(root) if big else assert_same_as_fresh(root, scratch, "cold build")
    plan = Plan.of(root)
    rounds = ([[Plan.edit, Plan.add, Plan.delete, Plan.rename, Plan.title, Plan.alias]] if big else
              [[Plan.edit, Plan.add, Plan.delete], [Plan.rename, Plan.title, Plan.alias],
               [Plan.alias_change, Plan.unlink]])
    for i, kinds in enumerate(rounds):
        for change in kinds:
            change(plan)
        plan.touch(10)
        code, out = run_cli(root, "build")  # warm: most notes from the cache, the changed ones parsed
        assert code == 0, out
        after = assert_same_as_fresh(root, scratch, f"warm build after round {i} ({[k.__name__ for k in kinds]})")
        assert after != before, f"round {i} changes no generated note: it proves nothing"
        before = after
    if big:
        return
    stamps = {p: p.stat().st_mtime_ns for p in (root / "Vaultkit").rglob("*.md")}
    code, out = run_cli(root, "build")  # nothing changed: no note rewritten
    assert code == 0 and "0 created, 0 updated" in out, out
    assert {p: p.stat().st_mtime_ns for p in (root / "Vaultkit").rglob("*.md")} == stamps
    assert_same_as_fresh(root, scratch, "build with nothing changed")


# --- watch: every kind of save --------------------------------------------------------------


@pytest.fixture
def watchers(tmp_path: Path) -> Iterator[list[Watcher]]:
    """Watchers started by a test; each is stopped and joined at teardown."""
    started: list[Watcher] = []
    yield started
    for w in started:
        if w.thread.is_alive():
            w.close()


def settled(watcher: Watcher, expected: dict[str, bytes], names: list[str], start: int, what: str) -> None:
    """Wait until the watcher has handled a save naming one of `names` and the generated notes
    equal `expected`; then they must still equal it (no later rebuild undoes it)."""
    def handled() -> bool:
        return any("←" in line and any(n in line for n in names) for line in watcher.lines[start:])

    deadline = time.monotonic() + SETTLE_TIMEOUT
    while not (handled() and generated(watcher.root) == expected):
        watcher.check()
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: the watched vault's generated notes are not a fresh build's after "
                                 f"{SETTLE_TIMEOUT:.0f} s:\n" + show_diff(expected, generated(watcher.root))
                                 + "\nlog:\n" + watcher.log())
        time.sleep(0.02)
    time.sleep(0.2)  # a second rebuild of the same save would come within the debounce
    assert generated(watcher.root) == expected, f"{what}: changed again after settling:\n" + show_diff(
        expected, generated(watcher.root))


@pytest.fixture
def adopted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The watcher's start on both cores whatever the vault's size (`live.startread`: a child walks
    the vault; `live.rowwork`: children render Brag.md's, People.md's and Follow-ups.md's rows), and
    the notes found and rows the start took from them."""
    from vaultkit.live import rowwork, startread
    from vaultkit.views.derived.brag import BragView
    from vaultkit.views.derived.people import PeopleView

    taken: list[tuple[str, int]] = []
    brag, people, scan = BragView.adopt, PeopleView.adopt, startread._taken

    def scan_taken(got: Any, *parent: Any) -> Any:
        made = scan(got, *parent)
        if made is not None and made[1] is not None:
            taken.append(("scan", len(made[1].found)))
        return made

    def brag_adopt(self: BragView, wins: list[Any], challenges: list[Any]) -> None:
        brag(self, wins, challenges)
        taken.append(("brag", len(wins) + len(challenges)))

    def people_adopt(self: PeopleView, rendered: tuple[Any, ...]) -> int:
        rows = people(self, rendered)
        taken.append(("people", rows))
        return rows

    monkeypatch.setattr(rowwork, "MIN_NOTES", 0)
    monkeypatch.setattr(startread, "_taken", scan_taken)
    monkeypatch.setattr(BragView, "adopt", brag_adopt)
    monkeypatch.setattr(PeopleView, "adopt", people_adopt)
    return taken


@pytest.mark.parametrize("which", ["example", f"gen{SMALL}"])
def test_watch_after_every_kind_of_save_equals_a_fresh_parse(
        which: str, generated_vaults: dict[int, Path], tmp_path: Path, watchers: list[Watcher]) -> None:
    _every_kind_of_save(vault_copy(which, generated_vaults, tmp_path), tmp_path, watchers)


@pytest.mark.parametrize("which", ["example", f"gen{SMALL}"])
def test_watch_started_on_both_cores_after_every_kind_of_save_equals_a_fresh_parse(
        which: str, generated_vaults: dict[int, Path], tmp_path: Path, watchers: list[Watcher],
        adopted: list[tuple[str, int]]) -> None:
    """As above, the start's scan made and rows rendered by forked children and taken by the
    parent: the saves after it are planned from those (taken wrongly, they differ from a fresh build's)."""
    _every_kind_of_save(vault_copy(which, generated_vaults, tmp_path), tmp_path, watchers)
    assert [key for key, _ in adopted] == ["scan", "people", "brag"] and all(n > 0 for _, n in adopted), adopted


def _every_kind_of_save(root: Path, tmp_path: Path, watchers: list[Watcher]) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    code, out = run_cli(root, "build")  # the cache and build record the watcher starts from
    assert code == 0, out
    plan = Plan.of(root)
    watcher = Watcher(root, RebuildSpy(), scratch, WatchOptions(debounce=0.02, rescan_every=3600.0, verbose=True))
    watchers.append(watcher)
    watcher.start()
    wait_until(lambda: any(line.startswith(("ready:", "watching")) and "(" in line for line in watcher.lines),
               SETTLE_TIMEOUT, "the watcher to be ready", every=0.01)
    before = generated(root)
    for change in SAVE_KINDS:
        start = len(watcher.lines)
        names = change(plan)
        expected = fresh_build(root, scratch)
        assert expected != before, f"{change.__name__} changes no generated note: it proves nothing"
        settled(watcher, expected, names, start, change.__name__)
        before = expected
    watcher.close()  # stores the cache it holds: check and build start from it now
    code, out = run_cli(root, "check")
    assert (code, out) == fresh_check(root, scratch), "check from the watcher's cache differs from a fresh copy's"
    code, out = run_cli(root, "build")
    assert code == 0 and "0 created, 0 updated" in out, out
    assert generated(root) == before


@pytest.mark.parametrize("change", [Plan.edit, Plan.add, Plan.delete, Plan.rename, Plan.title, Plan.alias],
                         ids=lambda change: change.__name__)
def test_watch_save_made_right_at_ready_equals_a_fresh_parse(
        change: Callable[[Plan], list[str]], generated_vaults: dict[int, Path], tmp_path: Path,
        watchers: list[Watcher]) -> None:
    """A save made the moment the watcher says "ready" (from its log callback: before it looks
    for a change at all) is planned from what the start made ahead, link index not made yet; it
    and the save after it give a fresh build's notes."""
    root = vault_copy(f"gen{SMALL}", generated_vaults, tmp_path)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    plan = Plan.of(root)
    if change is Plan.alias:
        plan.edit()  # a link to the alias it gives, made before the build
        os.utime(plan.daily, ns=(time.time_ns() - 10**10,) * 2)  # not "just now": the build record trusts it
    code, out = run_cli(root, "build")
    assert code == 0, out
    before = generated(root)
    named: list[str] = []

    def at_ready(line: str) -> None:
        if line.startswith("ready: "):
            named.extend(change(plan))

    watcher = Watcher(root, RebuildSpy(), scratch, WatchOptions(debounce=0.02, rescan_every=3600.0, verbose=True),
                      at_ready)
    watchers.append(watcher)
    watcher.start()
    wait_until(lambda: bool(named), SETTLE_TIMEOUT, "the 'ready' line", every=0.01)
    expected = fresh_build(root, scratch)
    assert expected != before, f"{change.__name__} changes no generated note: it proves nothing"
    settled(watcher, expected, named, 0, f"{change.__name__} at ready")
    start = len(watcher.lines)
    names = (Plan.edit if change not in (Plan.edit, Plan.alias) else Plan.unlink)(plan)
    settled(watcher, fresh_build(root, scratch), names, start, f"a save after {change.__name__} at ready")
