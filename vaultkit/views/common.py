"""What every generated note needs: links to notes, dates as text, shared facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from markupsafe import Markup

from vaultkit import career
from vaultkit.model import Entry, Interaction, Link, Note
from vaultkit.vault import Vault, sort_key


class Facts:
    """A vault seen on one `today`, with the derived facts computed once and shared."""

    def __init__(self, vault: Vault, today: dt.date) -> None:
        self.vault = vault
        self.today = today

    @cached_property
    def contacts(self) -> dict[str, list[Interaction]]:
        """Interactions per person path, oldest first."""
        return career.interactions(self.vault)

    @cached_property
    def followups(self) -> list[career.FollowUp]:
        """People due for follow-up on `today`."""
        return career.followups(self.vault, self.today, self.contacts)

    @cached_property
    def brags(self) -> list[Entry]:
        """Every brag entry, by date."""
        return career.entries(self.vault, "brag")

    @cached_property
    def challenges(self) -> list[Entry]:
        """Every challenge entry, by date."""
        return career.entries(self.vault, "challenge")

    def last_contact(self, path: str) -> Interaction | None:
        """The latest interaction with a person on or before today."""
        seen = [i for i in self.contacts.get(path, []) if i.date <= self.today]
        return seen[-1] if seen else None

    def link(self, path: str, text: str | None = None) -> Markup:
        """A wikilink to a note by its name, or by its path when the name is shared."""
        note = self.vault.notes.get(path)
        stem = note.stem if note else path.rsplit("/", 1)[-1].removesuffix(".md")
        target = stem if len(self.vault.index.by_name.get(stem.casefold(), [])) <= 1 else path.removesuffix(".md")
        if text and text != target:
            return Markup(f"[[{target}\\|{_alias(text)}]]")
        return Markup(f"[[{target}]]")

    def ref(self, link: Link, source: str) -> Markup | str:
        """A link from a note field: a wikilink when it resolves, its plain text otherwise."""
        res = self.vault.index.resolve(link.target, source)
        if res.path and res.path in self.vault.notes:
            return self.link(res.path)
        return link.target

    def refs(self, links: Iterable[Link], source: str) -> list[Markup | str]:
        """`ref` for each link, in the order written."""
        return [self.ref(link, source) for link in links]

    def target(self, link: Link, source: str) -> Note | None:
        """The note a link resolves to, if any."""
        return self.vault.target(link, source)


def _alias(text: str) -> str:
    return " ".join(text.replace("|", "/").replace("]", ")").replace("[", "(").split())


def iso(date: dt.date | None) -> str:
    """A date as YYYY-MM-DD, or an empty string."""
    return date.isoformat() if date else ""


def month(date: dt.date) -> str:
    """YYYY-MM of a date."""
    return f"{date.year:04d}-{date.month:02d}"


def quarter(date: dt.date) -> str:
    """YYYY-Qn of a date."""
    return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"


def by_name(items: Iterable[Any], key: Any) -> list[Any]:
    """Items sorted by a name, casefolded with code-point ties broken."""
    return sorted(items, key=lambda i: sort_key(key(i)))
