"""A temp vault planned live, as `watch` plans it, for tests of what one save changes: each save
is applied incrementally and checked against a full plan of the vault as it then stands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaultkit.disk import fs
from vaultkit.live.replan import LivePlan
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault
from vaultkit.views.plan import plan
from vaultkit.views.render import Renderer


class LiveVault:
    """The vault at `root` read and planned once on `today`; `current` holds the generated notes."""

    def __init__(self, root: Path, today: str) -> None:
        self.root = root
        self.config, _, _ = fs.read_config_text(str(root))
        found, self.scanned, _ = fs.scan(str(root), self.config)
        self.notes = {s.path: parse_note(s.path, (fs.read_note(str(root), s.path) or b""), self.config)
                      for s in found}
        self.today, self.renderer = dt.date.fromisoformat(today), Renderer(str(root))
        self.live = LivePlan(self.notes.values(), self.config, self.scanned, (), str(root), self.today,
                             self.renderer)
        self.current = {p.path: p.text for p in self.live.plan_all()}

    def save(self, path: str, text: bytes) -> dict[str, str]:
        """A save of `text` at `path` (no name changes), applied as watch applies it; asserts the
        result equals a full plan, and returns the generated notes by path."""
        self.notes[path] = parse_note(path, text, self.config)
        changes = {path: self.notes[path]}
        assert self.live.can_apply(changes, self.scanned, self.today)
        self.current.update((p.path, p.text) for p in self.live.apply(changes))
        vault = Vault(self.notes.values(), self.config, self.scanned, root=str(self.root))
        assert self.current == {p.path: p.text for p in plan(vault, self.today, self.renderer)}
        return self.current
