"""What every generated note needs: links to notes, dates as text, shared facts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from markupsafe import Markup

from vaultkit import career
from vaultkit.model import Entry, Interaction, Link
from vaultkit.vault import Vault, sort_key


class Facts:
    """A vault seen on one `today`, with the derived facts computed once and shared."""

    def __init__(self, vault: Vault, today: dt.date) -> None:
        self.vault = vault
        self.today = today
        self._links: dict[tuple[str, str | None], Markup] = {}

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

    @cached_property
    def shared_names(self) -> frozenset[str]:
        """Casefolded names that a bare `[[name]]` cannot reach unambiguously.

        Counted over notes and the fixed names of generated notes only, never over
        what happens to be on disk, so a first and a second build write the same links.
        """
        from vaultkit.plan import INDEXES  # late: plan imports the views

        seen: dict[str, int] = {}
        for note in self.vault.notes.values():
            seen[note.stem.casefold()] = seen.get(note.stem.casefold(), 0) + 1
        for name in INDEXES:
            key = name.removesuffix(".md").casefold()
            seen[key] = seen.get(key, 0) + 1
        return frozenset(k for k, n in seen.items() if n > 1)

    def last_contact(self, path: str) -> Interaction | None:
        """The latest interaction with a person on or before today."""
        seen = [i for i in self.contacts.get(path, []) if i.date <= self.today]
        return seen[-1] if seen else None

    def link(self, path: str, text: str | None = None) -> Markup:
        """A wikilink to a note by its name, or by its path when the name is shared."""
        key = (path, text)
        made = self._links.get(key)
        if made is None:
            made = self._links[key] = self._make_link(path, text)
        return made

    def _make_link(self, path: str, text: str | None) -> Markup:
        note = self.vault.notes.get(path)
        stem = note.stem if note else path.rsplit("/", 1)[-1].removesuffix(".md")
        target = path.removesuffix(".md") if stem.casefold() in self.shared_names else stem
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


def _alias(text: str) -> str:
    # The alias goes out as Markup: it must not be able to close the link, split a table
    # cell or open an HTML comment, whatever text the caller passes.
    return " ".join(text.replace("|", "/").replace("]", ")").replace("[", "(").replace("<", "&lt;")
                    .replace(">", "&gt;").split())


_LEADING_DATE = re.compile(r"^(\[[ xX]\]\s+)?\d{4}-\d{2}-\d{2}\s*[-—:]?\s*")


def without_date(text: str) -> str:
    """A dated list item's text without its checkbox and leading date ("2026-03-04 — ")."""
    return _LEADING_DATE.sub("", text)


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
