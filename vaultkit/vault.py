"""A whole vault in memory: notes, link index, backlinks, typed records, diagnostics. Pure."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from vaultkit.config import Config
from vaultkit.links import LinkIndex, Resolution, check_anchor
from vaultkit.model import Diagnostic, Link, Note, Severity
from vaultkit.records import Community, Event, Interview, Person, Share


def sort_key(text: str) -> tuple[str, str]:
    """Deterministic order for names: casefolded, then code points to break ties."""
    return (text.casefold(), text)


class Vault:
    """Everything vaultkit knows about one vault. Build it with `vaultkit.load_vault(path)`.

    Notes are keyed by vault-relative path (`/` separators). Link resolution,
    backlinks and link diagnostics are computed on first use.
    """

    def __init__(self, notes: Iterable[Note], config: Config | None = None,
                 attachments: Iterable[str] = (), diagnostics: Iterable[Diagnostic] = (),
                 root: str | None = None) -> None:
        self.root = root
        self.config = config or Config()
        self.notes: dict[str, Note] = {n.path: n for n in sorted(notes, key=lambda n: sort_key(n.path))}
        self.attachments = tuple(sorted(attachments, key=sort_key))
        self.index = LinkIndex(self.notes.values(), self.attachments)
        self._scan_diagnostics = list(diagnostics)
        pattern = re.escape(self.config.daily_notes).replace(re.escape("{date}"), r"(\d{4}-\d{2}-\d{2})")
        self._daily = re.compile("^" + pattern + r"\.md$", re.IGNORECASE)

    # --- links ---------------------------------------------------------------------

    def resolve(self, link: Link, source: str | None = None) -> Resolution:
        """Where a link written in `source` goes."""
        return self.index.resolve(link.target, source)

    def target(self, link: Link, source: str | None = None) -> Note | None:
        """The note a link resolves to, or None (missing, ambiguous, or an attachment)."""
        res = self.index.resolve(link.target, source)
        return self.notes.get(res.path) if res.path else None

    @cached_property
    def _resolved(self) -> list[tuple[Note, Link, Resolution]]:
        out = []
        for note in self.notes.values():
            for link in note.links:
                out.append((note, link, self.index.resolve(link.target, note.path)))
        return out

    @cached_property
    def backlinks(self) -> dict[str, tuple[tuple[str, Link], ...]]:
        """For each note path, the (source path, link) pairs that point at it."""
        found: dict[str, list[tuple[str, Link]]] = defaultdict(list)
        for note, link, res in self._resolved:
            if res.path and res.path != note.path:
                found[res.path].append((note.path, link))
        return {k: tuple(v) for k, v in found.items()}

    def _link_diagnostics(self) -> list[Diagnostic]:
        diags: list[Diagnostic] = []
        for note, link, res in self._resolved:
            if res.status == "ambiguous":
                diags.append(Diagnostic(note.path, link.line, Severity.ERROR, "link-ambiguous",
                                        f"{link.raw} matches {len(res.candidates)} notes: "
                                        + ", ".join(res.candidates),
                                        "write the path, e.g. [[" + res.candidates[0][:-3] + "]], or rename one"))
            elif res.status == "missing":
                if link.bare:
                    continue  # a plain name where names are allowed: not meant as a link
                hint = "create the note, or fix the name"
                close = self.index.suggest(link.target)
                if close:
                    hint = "did you mean " + ", ".join(f"[[{c}]]" for c in close) + "?"
                where = f" (in `{link.field}`)" if link.field else ""
                diags.append(Diagnostic(note.path, link.line, Severity.WARNING, "link-missing",
                                        f"{link.raw} points to no note{where}", hint))
            elif res.path in self.notes and not check_anchor(link, self.notes[res.path]):
                what = f"block ^{link.block}" if link.block is not None else f"heading '{link.heading}'"
                diags.append(Diagnostic(note.path, link.line, Severity.WARNING, "link-anchor-missing",
                                        f"{link.raw}: {res.path} has no {what}",
                                        "check the heading text or block id in the target note"))
        return diags

    @cached_property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every diagnostic of the vault, sorted by path and line."""
        every = list(self._scan_diagnostics)
        for note in self.notes.values():
            every.extend(note.diagnostics)
        every.extend(self._link_diagnostics())
        return tuple(sorted(set(every), key=Diagnostic.sort_key))

    # --- typed records -------------------------------------------------------------

    def of_kind(self, kind: str) -> list[Note]:
        """Notes of one kind, in path order."""
        return [n for n in self.notes.values() if n.kind == kind]

    @cached_property
    def people(self) -> list[Person]:
        """Every person note as a `Person`."""
        return [Person.from_note(n) for n in self.of_kind("person")]

    @cached_property
    def events(self) -> list[Event]:
        """Every event note as an `Event`."""
        return [Event.from_note(n) for n in self.of_kind("event")]

    @cached_property
    def interviews(self) -> list[Interview]:
        """Every interview note as an `Interview`."""
        return [Interview.from_note(n) for n in self.of_kind("interview")]

    @cached_property
    def shares(self) -> list[Share]:
        """Every share note as a `Share`."""
        return [Share.from_note(n) for n in self.of_kind("share")]

    @cached_property
    def communities(self) -> list[Community]:
        """Every community note as a `Community`."""
        return [Community.from_note(n) for n in self.of_kind("community")]

    def daily_date(self, note: Note) -> str | None:
        """The ISO date of a daily note (by the configured `daily_notes` pattern), else None."""
        m = self._daily.match(note.path)
        return m.group(1) if m else None
