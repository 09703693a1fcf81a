"""vaultkit: a career system on a plain-text Markdown vault.

Library entry point: `load_vault(path) -> Vault`.
"""

__version__ = "0.1.0"  # before the imports: vaultkit.cache stamps caches with it

from vaultkit.fs import load_vault
from vaultkit.model import Diagnostic, Entry, Heading, Interaction, Link, ListItem, Note, Severity
from vaultkit.records import Community, Event, Interview, Person, Share
from vaultkit.vault import Vault

__all__ = [
    "Community", "Diagnostic", "Entry", "Event", "Heading", "Interaction", "Interview", "Link", "ListItem",
    "Note", "Person", "Severity", "Share", "Vault", "load_vault",
]
