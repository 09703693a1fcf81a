"""What every generated note needs: links to notes, dates as text, shared facts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeVar, cast

from markupsafe import Markup

from vaultkit.reader import career, names
from vaultkit.reader.itemtext import Unread
from vaultkit.reader.itemtext import without_date as without_date  # (its home before: views import it here)
from vaultkit.reader.links import name_key
from vaultkit.reader.model import Entry, Interaction, Link
from vaultkit.reader.vault import Vault, sort_key
from vaultkit.views.outputs import index_names
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer, no_html

T = TypeVar("T")

# Said next to a note's name where its fields would show, when its frontmatter cannot be read.
UNREADABLE = "fields unreadable: see `vaultkit check`"


class Facts:
    """A vault seen on one `today`, with the derived facts computed once and shared."""

    def __init__(self, vault: Vault, today: dt.date, renderer: Renderer | None = None, once: bool = False) -> None:
        """`once`: these facts serve one plan (a build's), not a plan kept current change by change
        (`vaultkit watch`): derived data need not keep what would spare it work after a change."""
        self.vault = vault
        self.today = today
        self.once = once
        self._renderer = renderer
        self._links: dict[str | tuple[str, str], Markup] = {}  # by path, or (path, text) for a link with its own text
        # What changed since this Facts was made, by topic (a note kind, or "brag"/"challenge"
        # for entries): `vaultkit watch` bumps these, and `memo` recomputes what reads them.
        self.versions: Counter[str] = Counter()
        self._memo: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._kept: dict[str, Any] = {}
        self._texts: dict[str, dict[int, str]] = {}  # list items' texts by line, by path (`text`)

    def memo(self, name: str, topics: tuple[str, ...], compute: Callable[[], T]) -> T:
        """`compute()`, kept until one of `topics` changes (see `versions`)."""
        key = tuple(self.versions[t] for t in topics)
        known = self._memo.get(name)
        if known is not None and known[0] == key:
            return cast(T, known[1])
        value = compute()
        self._memo[name] = (key, value)
        return value

    def kept(self, name: str, make: Callable[[Facts], T]) -> T:
        """`make(self)`, made once and kept with these facts: derived data that keeps itself
        current (`vaultkit.views.derived`: `vaultkit watch` refreshes it change by change)."""
        found = self._kept.get(name)
        if found is None:
            found = self._kept[name] = make(self)
        return cast(T, found)

    def kept_names(self) -> frozenset[str]:
        """The names of what `kept` holds now."""
        return frozenset(self._kept)

    def forget(self, names: Iterable[str]) -> None:
        """Let go of what `kept` holds under `names`: a later `kept` makes it again, the same."""
        for name in names:
            self._kept.pop(name, None)

    def release(self) -> None:
        """Let go of everything these facts hold, for facts that serve one plan (`vaultkit build`)
        once it is made. Its derived facts and the views' kept state hold each other in cycles,
        and a build plans with the cycle collector off: emptied, they are freed by reference
        counting at once, and writing and the check record reuse their memory (50k long-item
        notes: ~70 MB of the parent's heap). Nothing may read these facts afterwards."""
        vars(self).clear()

    def made(self, name: str) -> Any:
        """What `kept` made under `name`, or None when nothing asked for it yet (nothing to refresh)."""
        return self._kept.get(name)

    @property
    def renderer(self) -> Renderer:
        """The renderer for row templates: the one planning the notes, else the vault's templates."""
        if self._renderer is None:
            self._renderer = Renderer(self.vault.root, views_of(self.vault.config).folders)
            self._renderer.start(len(self.vault.notes))
        return self._renderer

    @cached_property
    def contacts(self) -> dict[str, list[Interaction]]:
        """Interactions per person path, oldest first."""
        return career.interactions(self.vault)

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
        notes = self.vault.notes
        # The link index lists each note under `name_key` of its stem, beside attachments (which
        # are not notes): the notes of each name counted from there, not each note's name made again.
        seen: dict[str, int] = {}
        for key, paths in self.vault.index.by_name.items():
            n = int(paths[0] in notes) if len(paths) == 1 else sum(p in notes for p in paths)
            if n:
                seen[key] = n
        for name in index_names(self.vault.config).values():
            key = name_key(name.removesuffix(".md"))
            seen[key] = seen.get(key, 0) + 1
        return frozenset(k for k, n in seen.items() if n > 1)

    def last_contact(self, path: str, upto_today: bool = True) -> Interaction | None:
        """The latest interaction with a person on or before today (any date: `upto_today=False`,
        for notes that must not change from day to day)."""
        for interaction in reversed(self.contacts.get(path, [])):
            if not upto_today or interaction.date <= self.today:
                return interaction
        return None

    def text(self, interaction: Interaction) -> str:
        """An interaction's text, as shown: where its note's facts hold a stand-in for it
        (`vaultkit.reader.itemtext.Unread`), asked of the vault (`Vault.texts`) with those of the
        other notes whose texts a row shows (each person's last contact), the first time; kept."""
        text = interaction.text
        if type(text) is not Unread:
            return text
        known = self._texts.get(interaction.path)
        if known is None or interaction.line not in known:
            fetch = self.vault.texts
            if fetch is None:  # (never: stand-ins come with the way to their texts)
                raise LookupError(f"no text for {interaction.path}:{interaction.line}")
            wanted = {interaction.path}
            if not self._texts:
                wanted.update(self._last_unread())
            self._texts.update(fetch(wanted))
            known = self._texts.get(interaction.path, {})
        return known.get(interaction.line, "")

    def _last_unread(self) -> set[str]:
        """The notes of each person's last contact (on or before today, and at all) held as a stand-in."""
        found = set()
        today = self.today
        for contacts in self.contacts.values():
            last = contacts[-1]
            if type(last.text) is Unread:
                found.add(last.path)
            for interaction in reversed(contacts):
                if interaction.date <= today:
                    if type(interaction.text) is Unread:
                        found.add(interaction.path)
                    break
        return found

    def link(self, path: str, text: str | None = None) -> Markup:
        """A wikilink to a note by its name, or by its path when the name is shared."""
        # Nearly every link is by name alone: keyed by its path, no tuple made and hashed for each
        # of the ~185k links a plan of 50k notes asks for.
        key = path if text is None else (path, text)
        made = self._links.get(key)
        if made is None:
            made = self._links[key] = self._make_link(path, text)
        return made

    def forget_links(self) -> None:
        """Let go of the links `link` made (a plan of every note makes one for each note it
        names: ~13 MB at 50k notes), for facts kept for long (`vaultkit watch`): a later call
        makes the few it needs again, the same."""
        self._links = {}

    def named(self, path: str, text: str | None = None) -> Markup:
        """`link`, and, when the note's frontmatter cannot be read, a word saying its fields
        are missing (SPEC §4: a note with an error is flagged where its data is missing)."""
        made = self.link(path, text)
        note = self.vault.notes.get(path)
        if note is not None and note.fields_unreadable:
            return Markup(f"{made} ({UNREADABLE})")
        return made

    def _make_link(self, path: str, text: str | None) -> Markup:
        note = self.vault.notes.get(path)
        stem = note.stem if note else path.rsplit("/", 1)[-1].removesuffix(".md")
        target = path.removesuffix(".md") if name_key(stem) in self.shared_names else stem
        if names.unlinkable(target):
            # No wikilink can hold this name (see vaultkit.reader.names): it goes out as text, escaped.
            return Markup(names.plain(text or stem))
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
    return " ".join(no_html(text.replace("|", "/").replace("]", ")").replace("[", "(")).split())


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
