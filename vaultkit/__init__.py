"""vaultkit: a career system on a plain-text Markdown vault.

Library entry points: `load_vault(path) -> Vault`, `build(path) -> BuildReport`, and
`register_view(...)` to add a generated note (docs/plugins.md).
"""

from __future__ import annotations

__version__ = "0.1.0"  # first: vaultkit.disk.cache stamps caches with it

import importlib

TYPE_CHECKING = False  # as typing's, without importing typing (~10 ms) on every start
if TYPE_CHECKING:
    from typing import Any

    from vaultkit.disk.build import build
    from vaultkit.disk.load import load_vault
    from vaultkit.reader.model import Diagnostic, Entry, Heading, Interaction, Link, ListItem, Note, Severity
    from vaultkit.reader.records import Community, Event, Interview, Person, Share
    from vaultkit.reader.vault import Vault
    from vaultkit.views.registry import PluginAPI, View, register_view, unregister_view

# Each public name and the module it comes from, imported on first use: `import vaultkit` (which
# every `vaultkit.*` import runs first) stays light, so that the command line's entry point
# (`vaultkit.cli.entry`) is running, and answers a Ctrl-C itself, before anything heavy is imported.
_FROM = {
    **dict.fromkeys(("Diagnostic", "Entry", "Heading", "Interaction", "Link", "ListItem", "Note", "Severity"),
                    "vaultkit.reader.model"),
    **dict.fromkeys(("Community", "Event", "Interview", "Person", "Share"), "vaultkit.reader.records"),
    "Vault": "vaultkit.reader.vault",
    **dict.fromkeys(("PluginAPI", "View", "register_view", "unregister_view"), "vaultkit.views.registry"),
    "build": "vaultkit.disk.build",
    "load_vault": "vaultkit.disk.load",
}


def __getattr__(name: str) -> Any:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module 'vaultkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found here from now on, without this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_FROM])


__all__ = [
    "Community", "Diagnostic", "Entry", "Event", "Heading", "Interaction", "Interview", "Link", "ListItem",
    "Note", "Person", "PluginAPI", "Severity", "Share", "Vault", "View", "build", "load_vault", "register_view",
    "unregister_view",
]
