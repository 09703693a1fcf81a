"""vaultkit: a career system on a plain-text Markdown vault.

Library entry points: `load_vault(path) -> Vault`, `build(path) -> BuildReport`, and
`register_view(...)` to add a generated note (docs/plugins.md).
"""

__version__ = "0.1.0"  # before the imports: vaultkit.disk.cache stamps caches with it

from typing import TYPE_CHECKING, Any

from vaultkit.reader.model import Diagnostic, Entry, Heading, Interaction, Link, ListItem, Note, Severity
from vaultkit.reader.records import Community, Event, Interview, Person, Share
from vaultkit.reader.vault import Vault
from vaultkit.views.registry import PluginAPI, View, register_view, unregister_view

if TYPE_CHECKING:
    from vaultkit.disk.build import build
    from vaultkit.disk.load import load_vault


def __getattr__(name: str) -> Any:
    # `load_vault` brings in the parser (YAML, markdown-it): loaded on first use, so that
    # `import vaultkit` (and every command that needs no parsing) starts fast.
    if name == "load_vault":
        from vaultkit.disk.load import load_vault

        return load_vault
    if name == "build":
        from vaultkit.disk.build import build

        return build
    raise AttributeError(f"module 'vaultkit' has no attribute {name!r}")

__all__ = [
    "Community", "Diagnostic", "Entry", "Event", "Heading", "Interaction", "Interview", "Link", "ListItem",
    "Note", "Person", "PluginAPI", "Severity", "Share", "Vault", "View", "build", "load_vault", "register_view",
    "unregister_view",
]
