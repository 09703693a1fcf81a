"""vaultkit: a career system on a plain-text Markdown vault.

Library entry point: `load_vault(path) -> Vault`.
"""

__version__ = "0.1.0"  # before the imports: vaultkit.disk.cache stamps caches with it

from typing import TYPE_CHECKING, Any

from vaultkit.reader.model import Diagnostic, Entry, Heading, Interaction, Link, ListItem, Note, Severity
from vaultkit.reader.records import Community, Event, Interview, Person, Share
from vaultkit.reader.vault import Vault

if TYPE_CHECKING:
    from vaultkit.disk.load import load_vault


def __getattr__(name: str) -> Any:
    # `load_vault` brings in the parser (YAML, markdown-it): loaded on first use, so that
    # `import vaultkit` (and every command that needs no parsing) starts fast.
    if name == "load_vault":
        from vaultkit.disk.load import load_vault

        return load_vault
    raise AttributeError(f"module 'vaultkit' has no attribute {name!r}")

__all__ = [
    "Community", "Diagnostic", "Entry", "Event", "Heading", "Interaction", "Interview", "Link", "ListItem",
    "Note", "Person", "Severity", "Share", "Vault", "load_vault",
]
