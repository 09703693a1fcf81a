"""Plan generated notes: from a vault and a `today`, every (path, text) to write. No disk writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from vaultkit.render import Renderer
from vaultkit.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.people import followups_context, people_context


@dataclass(frozen=True, slots=True)
class Planned:
    """One generated note: vault-relative path, template name, full text."""

    path: str
    template: str
    text: str


class DuplicateOutput(RuntimeError):
    """Two generated notes planned for one path: a bug in vaultkit, never user error."""


Builder = Callable[[Facts], dict[str, Any]]
# name → (template, context builder). Order is the order notes are written and reported.
INDEXES: dict[str, tuple[str, Builder]] = {
    "People.md": ("People.md.j2", people_context),
    "Follow-ups.md": ("Follow-ups.md.j2", followups_context),
}


def register(name: str, template: str, builder: Builder) -> None:
    """Add a generated index note (used by the view modules)."""
    INDEXES[name] = (template, builder)


def plan(vault: Vault, today: dt.date, renderer: Renderer, facts: Facts | None = None) -> list[Planned]:
    """Every generated index note for `vault` on `today`, rendered."""
    facts = facts or Facts(vault, today)
    out: list[Planned] = []
    seen: set[str] = set()
    base = vault.config.output_dir.strip("/")
    for name, (template, builder) in INDEXES.items():
        path = f"{base}/{name}"
        if path.casefold() in seen:
            raise DuplicateOutput(f"two generated notes planned for {path}")
        seen.add(path.casefold())
        out.append(Planned(path, template, renderer.render(template, builder(facts))))
    return out
