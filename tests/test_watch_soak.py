"""Soak: a seeded random stream of saves, creates, renames and deletes under a real watcher.

`VAULTKIT_SOAK_OPS` sets the number of operations (default 300, so CI stays fast) and
`VAULTKIT_SOAK_SEED` the seed (printed on failure, to replay a run).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_watch import SAVES, RebuildSpy, Watcher, spy, start_watch, with_role  # noqa: F401 (fixtures)
from vaultkit.live.session import Session

OPS = int(os.environ.get("VAULTKIT_SOAK_OPS", "300"))
SEED = int(os.environ.get("VAULTKIT_SOAK_SEED", "20260715"))
CHECKPOINT_EVERY = 100  # converge mid-run too, not only at the end
# Saved again and again, never deleted or renamed: every rebuild must see them.
ANCHORS = ("People/Ben Okafor.md", "People/Aisha Bello.md")
FOLDERS = {"person": "People", "brag": "Brag", "event": "Events", "daily": "Daily"}


class Soak:
    """The random operations, and what the test knows about the vault's notes."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.notes: dict[str, str] = {}  # vault-relative path → kind
        for kind, folder in FOLDERS.items():
            for path in sorted((root / folder).glob("*.md")):
                self.notes[path.relative_to(root).as_posix()] = kind
        self.counter = 0
        self.done: list[str] = []

    # --- content ---------------------------------------------------------------------------

    def title_of(self, rel: str) -> str:
        return rel.rsplit("/", 1)[-1][:-3]

    def someone(self) -> str:
        people = [p for p, k in self.notes.items() if k == "person"]
        return self.title_of(self.rng.choice(people)) if people else "Nobody Yet"

    def day(self) -> str:
        return f"2026-{self.rng.randint(1, 9):02d}-{self.rng.randint(1, 28):02d}"

    def content(self, kind: str) -> str:
        rng, who = self.rng, self.someone()
        if kind == "person":
            return (f"---\ncompany: Soak Co {rng.randint(1, 5)}\nrole: Engineer {rng.randint(1, 99)}\n"
                    f"met_on: {self.day()}\nlast_contact: {self.day()}\ntopics: [soak, t{rng.randint(1, 9)}]\n"
                    f"introduced_by: \"[[{who}]]\"\n---\nMet through [[{who}]].\n")
        if kind == "brag":
            return (f"---\ndate: {self.day()}\nimpact: Cut latency for [[{who}]]'s team\n"
                    f"impacted: [\"[[{who}]]\"]\nmetrics: [\"p95 -{rng.randint(1, 60)}%\"]\n"
                    f"theme: {rng.choice(['delivery', 'mentoring', 'demo'])}\n---\nDetails with [[{who}]].\n")
        if kind == "event":
            return (f"---\ndate: {self.day()}\nkind: meetup\nwant_to_meet: [\"[[{who}]]\", \"[[{self.someone()}]]\"]\n"
                    f"met: [\"[[{self.someone()}]]\"]\n---\n# Plan\n\n- Talk to [[{who}]].\n")
        return (f"- Coffee with [[{who}]]; agreed to pair on soak tests.\n"
                f"- Shipped soak fix {rng.randint(1, 999)} #brag impact: unblocked [[{who}]]\n")

    def edited(self, rel: str) -> str:
        text = (self.root / rel).read_text(encoding="utf-8")
        if self.notes[rel] == "person" and "\nrole: " in text and self.rng.random() < 0.6:
            return with_role(text, f"Role {self.rng.randint(1, 10_000)}")
        return text + f"\n- {self.day()} note about [[{self.someone()}]]\n"

    # --- operations ------------------------------------------------------------------------

    def save(self, rel: str, text: str) -> None:
        style = self.rng.choice(sorted(SAVES))
        SAVES[style](self.root / rel, text.encode("utf-8"))
        self.done.append(f"save[{style}] {rel}")

    def op_edit(self) -> None:
        rel = self.rng.choice(sorted(self.notes))
        self.save(rel, self.edited(rel))

    def op_anchor(self) -> None:
        rel = self.rng.choice(ANCHORS)
        self.save(rel, self.edited(rel))

    def op_create(self) -> None:
        kind = self.rng.choice(sorted(FOLDERS))
        self.counter += 1
        rel = f"Daily/{self.day()}.md" if kind == "daily" else f"{FOLDERS[kind]}/Soak {kind} {self.counter:04d}.md"
        if rel in self.notes:
            self.save(rel, self.edited(rel))
            return
        self.notes[rel] = kind
        self.save(rel, self.content(kind))

    def movable(self) -> list[str]:
        return sorted(p for p in self.notes if p not in ANCHORS)

    def op_rename(self) -> None:
        rel = self.rng.choice(self.movable())
        kind = self.notes.pop(rel)
        self.counter += 1
        if self.rng.random() < 0.3:  # into another (maybe new) folder
            folder = self.rng.choice(["People", "Brag", "Events", "Archive", "People/Old"])
        else:
            folder = rel.rsplit("/", 1)[0]
        dest = f"{folder}/{self.title_of(rel)} r{self.counter}.md"
        (self.root / folder).mkdir(parents=True, exist_ok=True)
        os.rename(self.root / rel, self.root / dest)
        self.notes[dest] = kind if folder in FOLDERS.values() else "other"
        self.done.append(f"rename {rel} -> {dest}")

    def op_delete(self) -> None:
        rel = self.rng.choice(self.movable())
        del self.notes[rel]
        (self.root / rel).unlink()
        self.done.append(f"delete {rel}")

    def step(self) -> None:
        ops: list[tuple[float, Callable[[], None]]] = [
            (0.35, self.op_edit), (0.15, self.op_anchor), (0.25, self.op_create),
            (0.13, self.op_rename), (0.12, self.op_delete)]
        pick = self.rng.random()
        for weight, op in ops:
            pick -= weight
            if pick < 0:
                op()
                return
        ops[-1][1]()

    def pause(self) -> None:
        """Mostly a few ms (a burst); now and then long enough for a batch to go through."""
        if self.rng.random() < 0.06:
            time.sleep(self.rng.uniform(0.12, 0.3))
        else:
            time.sleep(self.rng.uniform(0, 0.008))


@pytest.mark.soak
def test_soak_random_operations_converge(example_copy: Path, spy: RebuildSpy,  # noqa: F811
                                         start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    rng = random.Random(SEED)
    missing: list[str] = []

    def anchors_present(session: Session) -> None:
        for rel in ANCHORS:
            if rel not in session.notes:
                missing.append(f"{rel} at rebuild #{spy.calls + 1}")

    spy.writing.append(anchors_present)
    watcher = start_watch(example_copy)
    soak = Soak(example_copy, rng)
    replay = f"(replay: VAULTKIT_SOAK_SEED={SEED} VAULTKIT_SOAK_OPS={OPS})"
    started = time.monotonic()
    waits: list[float] = []
    for i in range(1, OPS + 1):
        soak.step()
        soak.pause()
        if i % CHECKPOINT_EVERY == 0 or i == OPS:
            try:
                waits.append(watcher.converge(timeout=15))
            except AssertionError as exc:
                raise AssertionError(f"{replay} after {i} operations, last: {soak.done[-5:]}\n{exc}") from None
    assert not missing, f"{replay} a save looked like a delete: {missing[:5]}\n" + watcher.log()
    assert not watcher.errors(), f"{replay}\n" + watcher.log()
    print(f"soak: {OPS} operations in {time.monotonic() - started:.1f} s, {spy.calls} rebuilds, "
          f"converged in {', '.join(f'{w:.2f}' for w in waits)} s")
