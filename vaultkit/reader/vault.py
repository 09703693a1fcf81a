"""A whole vault in memory: notes, link index, backlinks, typed records, diagnostics. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from vaultkit.kinds import habitcheck
from vaultkit.reader import linkwalk
from vaultkit.reader.config import CONFIG_NAME, Config
from vaultkit.reader.links import Headings, LinkIndex, Names, Resolution, name_key
from vaultkit.reader.linkwalk import some
from vaultkit.reader.model import Diagnostic, Link, Note, Severity
from vaultkit.reader.records import Community, Event, Interview, Person, Record, Share


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def sort_key(text: str) -> tuple[str, str]:
    """Deterministic order for names: casefolded, then code points to break ties."""
    return (text.casefold(), text)


def _in_order(notes: Iterable[Note], paths: list[str]) -> dict[str, Note]:
    """`notes` by path in the order of `paths` (their paths sorted already), or {} when those
    are not exactly their paths (a note gone between the scan and its reading)."""
    # A dict with its keys in place, then its values: no second dict of every note (50k notes: MBs).
    ordered: dict[str, Any] = dict.fromkeys(paths)
    for note in notes:
        ordered[note.path] = note
    return ordered if len(ordered) == len(paths) and all(ordered.values()) else {}  # (a Note is always true)


# The kind of note a link field points at, where there is one (the fields are in
# `vaultkit/kinds/builtin.toml`): a `[[Name]]`
# there that resolves to a note of another kind while a note of this kind shares the name is
# a doubtful pick.
EXPECTS: dict[str, dict[str, str]] = {
    "person": {"met_at": "event", "introduced_by": "person", "communities": "community"},
    "event": {"community": "community", "want_to_meet": "person", "met": "person"},
    "brag": {"impacted": "person"},
    "interview": {"people": "person"},
}

_ENTRY_KINDS = (None, "brag", "challenge")
_RECORDS: dict[str, Any] = {"person": Person.from_note, "event": Event.from_note, "interview": Interview.from_note,
                             "share": Share.from_note, "community": Community.from_note}


class Vault:
    """Everything vaultkit knows about one vault. Build it with `vaultkit.load_vault(path)`.

    Notes are keyed by vault-relative path (`/` separators). Link resolution,
    backlinks and link diagnostics are computed on first use.
    """

    def __init__(self, notes: Iterable[Note], config: Config | None = None,
                 attachments: Iterable[str] = (), diagnostics: Iterable[Diagnostic] = (),
                 root: str | None = None, names: Names | None = None) -> None:
        """`names`: the link index's names of the notes' paths and of the attachments, made
        ahead (`links.names_of`, the paths in `sort_key` order): taken where they are the notes' own."""
        self.root = root
        self.config = config or Config()
        if names is not None and not isinstance(notes, list | tuple):
            notes = list(notes)  # (read twice where `names` are not theirs)
        self.notes: dict[str, Note] = _in_order(notes, names.paths) if names is not None else {}
        if not self.notes:
            self.notes = {n.path: n for n in sorted(notes, key=lambda n: sort_key(n.path))}
        self.attachments = tuple(sorted(attachments, key=sort_key))
        self.index = LinkIndex(self.notes.values(), self.attachments, names)
        self._scan_diagnostics = list(diagnostics)
        self._typed: dict[str, dict[str, Any]] = {}
        self._headings: dict[str, Headings] = {}
        self._fits: dict[tuple[int, str], tuple[tuple[str, ...], list[str]]] = {}  # see `doubt`
        self.changes = 0  # notes replaced since it was made (`replace`)
        self._given: list[Diagnostic] | None = None  # the link diagnostics, worked out elsewhere
        # Puts back what its notes were read without (`vaultkit.disk.takeback`: links, headings…),
        # before anything walks every link; None: they hold them all.
        self.incomplete: Callable[[], None] | None = None
        # The texts of the list items of the notes at some paths, by line (`vaultkit.disk.takeback`),
        # where notes hold their contacts' texts as stand-ins (`vaultkit.reader.itemtext`); else None.
        self.texts: Callable[[Collection[str]], dict[str, dict[int, str]]] | None = None

    # --- links ---------------------------------------------------------------------

    def resolve(self, link: Link | str, source: str | None = None) -> Resolution:
        """Where a link written in `source` goes: a `Link`, or a target as written between the
        brackets (`"Ada Lovelace"`, `"People/Ada"`, `"../Ada"`)."""
        return self.index.resolve(link if isinstance(link, str) else link.target, source)

    def target(self, link: Link | str, source: str | None = None) -> Note | None:
        """The note a link (a `Link` or a target, as for `resolve`) resolves to (Obsidian's pick
        among same-name notes), or None (missing, or an attachment)."""
        res = self.resolve(link, source)
        return self.notes.get(res.path) if res.path else None

    def _resolved(self) -> Iterator[tuple[Note, Link, Resolution]]:
        """Every link of every note with where it goes, one at a time: not kept, since a vault
        has ~10 links a note (a list of them, ~70 bytes a link, was the largest thing the
        vault held after its notes) and each caller reads them once (resolving is a look-up)."""
        self._complete()
        resolve_all = self.index.resolve_all
        for note in self.notes.values():
            if note.links:
                for link, res in zip(note.links, resolve_all(note.links, note.path), strict=True):
                    yield note, link, res

    @cached_property
    def backlinks(self) -> dict[str, tuple[tuple[str, Link], ...]]:
        """For each note path, the (source path, link) pairs that point at it."""
        found: dict[str, list[tuple[str, Link]]] = defaultdict(list)
        for note, link, res in self._resolved():
            if res.path and res.path != note.path:
                found[res.path].append((note.path, link))
        return {k: tuple(v) for k, v in found.items()}

    def _complete(self) -> None:
        """Every note's links and headings in place again, if some were let go of (`incomplete`)."""
        fill, self.incomplete = self.incomplete, None
        if fill is not None:
            fill()
            self._headings.clear()

    def _anchors(self, path: str) -> Headings:
        known = self._headings.get(path)
        if known is None:
            known = self._headings[path] = Headings(self.notes[path].headings)
        return known

    def _name_diagnostics(self) -> list[Diagnostic]:
        """Notes whose names differ only by case or Unicode normal form: one file on macOS and
        Windows, so a sync or checkout there loses one of them."""
        same: dict[str, list[str]] = defaultdict(list)
        for path in self.notes:
            same[name_key(path)].append(path)
        diags: list[Diagnostic] = []
        for paths in same.values():
            for path in paths[1:]:  # one warning per extra spelling, naming the others
                others = ", ".join(p for p in paths if p != path)
                diags.append(Diagnostic(path, None, Severity.WARNING, "name-collision",
                                        f"{path} and {others} differ only by case or Unicode normal form: "
                                        "macOS and Windows keep one file for both",
                                        "rename one of them (merge them if they are the same note)"))
        diags.extend(self._manager_diagnostics())
        return diags

    def _manager_diagnostics(self) -> list[Diagnostic]:
        """`manager` in vaultkit.toml naming no person note: `one-on-one` with no argument and the
        follow-ups' ranking would quietly go without it (a vault-wide name check, as the above)."""
        name = self.config.manager
        if not name:
            return []
        path = self.index.resolve(name).path
        note = self.notes.get(path or "")
        if note is not None and note.kind == "person":
            return []
        what = f"names {path}, which is not a person note" if note is not None else "names no note"
        create = "" if note is not None else f', or create it with `vaultkit new person "{name}"`'
        return [Diagnostic(CONFIG_NAME, None, Severity.WARNING, "config-manager-unresolved",
                           f"manager: [[{name}]] {what}",
                           f'write the name of a person note, e.g. manager = "[[Ada Lovelace]]"{create}')]

    def doubt(self, note: Note, link: Link, res: Resolution) -> str | None:
        """Why the pick among several same-name notes is doubtful, or None where it is not.

        Doubtful: a link field that expects a kind (`met` a person, `community` a community…)
        resolving to a note of another kind while a candidate of that kind exists; a name only
        aliases share (Obsidian resolves no alias, so it shows that link as unresolved); two
        paths as short as each other, none in the linking note's folder (Obsidian's order
        between them is not known, vaultkit takes code-point order).
        """
        if len(res.candidates) < 2:
            return None
        expected = EXPECTS.get(note.kind or "", {}).get(link.field or "")
        picked = self.notes.get(res.path or "")
        if expected and (picked is None or picked.kind != expected):
            # The candidates of a shared name are one tuple, whichever folder links it: their
            # notes of the expected kind are found once (the tuple is kept, so its id stays its own).
            known = self._fits.get((id(res.candidates), expected))
            if known is None or known[0] is not res.candidates:
                known = self._fits[(id(res.candidates), expected)] = (res.candidates, [
                    c for c in res.candidates if c in self.notes and self.notes[c].kind == expected])
            fits = known[1]
            if fits:
                return f"`{link.field}` expects {_a(expected)}, and {some(fits)} is one"
        if res.how == "alias":
            return "only aliases match, and Obsidian resolves no alias"
        if res.how == "tie":
            return "the shortest paths are as long as each other"
        return None

    def hints(self) -> dict[str, list[str]]:
        """The "did you mean" names of every missing link's target (the links `diagnostics`
        warns of), by target as written: what `LinkIndex.take_hints` takes. Worked out with the
        link diagnostics, in their one pass (`link_findings`): one place says which links get hints."""
        return self.link_findings()[0]

    def link_findings(self, walked: Iterable[tuple[Note, Sequence[tuple[Any, ...]]]] | None = None,
                      later: list[tuple[str, Link]] | None = None) -> tuple[dict[str, list[str]], list[Diagnostic]]:
        """`hints()` and `link_diagnostics()` both, from one pass over the links: what the build's
        hints child (`vaultkit.disk.hintwork`) works out. `walked`: every note that has links,
        with them all (`Link`s or their plain tuples), where the notes do not hold them (each
        note's headings must be in place by the end: `vaultkit.disk.takeback.TakeBack.walk`).
        `later`: gets the missing links that want hints instead of their warnings, and their
        hints are not worked out (`linkwalk.walk`)."""
        found: dict[str, list[str]] = {}
        return found, self._walk_links(found, walked, later)

    def link_diagnostics(self) -> list[Diagnostic]:
        """The warnings of the vault's links (missing, ambiguous, to no such heading or block),
        with their hints, in no particular order: what `diagnostics` holds of its links."""
        return self._link_diagnostics()

    def take_link_diagnostics(self, diags: list[Diagnostic], changes: int) -> None:
        """Take `link_diagnostics()` as another process holding this vault worked it out
        (`vaultkit.disk.hintwork`), when no note was replaced since (`changes` as it was then)."""
        if changes == self.changes:
            self._given = diags

    def _link_diagnostics(self, hints: bool = True) -> list[Diagnostic]:
        if self._given is not None:  # with their hints even when not asked for: the same diagnostics otherwise
            return list(self._given)
        return self._walk_links({} if hints else None)

    def _walk_links(self, found: dict[str, list[str]] | None,
                    walked: Iterable[tuple[Note, Sequence[tuple[Any, ...]]]] | None = None,
                    later: list[tuple[str, Link]] | None = None) -> list[Diagnostic]:
        """The link diagnostics, with the hints of missing links where `found` is given (a dict
        that gets each missing target's hints: `hints()`), else without them (`linkwalk.walk`).
        `walked`, `later`: see `link_findings`."""
        if walked is not None:
            return linkwalk.walk(self, walked, found, later=later)
        self._complete()
        return linkwalk.walk(self, ((note, note.links) for note in self.notes.values()), found, self._anchors, later)

    @cached_property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every diagnostic of the vault, sorted by path and line."""
        every = list(self._scan_diagnostics)
        for note in self.notes.values():
            every.extend(note.diagnostics)
        every.extend(self._link_diagnostics())
        every.extend(self._name_diagnostics())
        return tuple(sorted(set(habitcheck.settle(self, every)), key=Diagnostic.sort_key))

    def problems(self, warnings: bool = True, scan: bool = True) -> tuple[list[Diagnostic], int]:
        """The vault's errors, sorted, and how many warnings it has: as `diagnostics` counts
        them, without working out the hints of missing links (a fuzzy search each). With
        `warnings=False`, errors only (0 warnings), sparing the check of every link's anchor.
        With `scan=False`, leaving out what the scan and config said (the build record keeps
        the rest: a build with nothing to do adds what its own scan says)."""
        if "diagnostics" in self.__dict__:
            every: Collection[Diagnostic] = self.diagnostics
        else:
            every = {*self._scan_diagnostics, *(d for n in self.notes.values() for d in n.diagnostics),
                     *(self._link_diagnostics(hints=False) if warnings else ()),  # warnings only
                     *(self._name_diagnostics() if warnings else ())}
            if warnings:  # a habit's theme some entry has is no mistake: the vault is needed to tell
                every = habitcheck.settle(self, every)
        if not scan:
            scanned = set(self._scan_diagnostics)
            every = tuple(d for d in every if d not in scanned)
        errors = sorted((d for d in every if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
        return errors, sum(d.severity is Severity.WARNING for d in every)

    # --- typed records -------------------------------------------------------------

    @cached_property
    def _by_kind(self) -> dict[str | None, dict[str, Note]]:
        found: dict[str | None, dict[str, Note]] = defaultdict(dict)
        for note in self.notes.values():
            found[note.kind][note.path] = note
        return found

    def of_kind(self, kind: str) -> list[Note]:
        """Notes of one kind, in path order."""
        return list(self._by_kind.get(kind, {}).values())

    notes_of = of_kind  # the name the schema's documentation uses (`vault.notes_of("talk")`)

    def make_record(self, note: Note) -> Any:
        """The typed record of a note of a known kind: a `Person`, `Event`… for the built-in
        kinds that have a class, else a `Record` of the fields its kind declares."""
        make = _RECORDS.get(note.kind or "")
        return make(note) if make is not None else Record.from_note(note, self.config.schema.kinds[note.kind or ""])

    def records(self, kind: str) -> list[Any]:
        """Every note of `kind` as its typed record (`make_record`), in path order; [] for a
        kind the schema does not know."""
        return list(self._records(kind).values()) if kind in self.config.schema.kinds else []

    def _records(self, kind: str) -> dict[str, Any]:
        known = self._typed.get(kind)
        if known is None:
            known = self._typed[kind] = {n.path: self.make_record(n) for n in self.of_kind(kind)}
        return known

    @property
    def people(self) -> list[Person]:
        """Every person note as a `Person`, in path order."""
        return list(self._records("person").values())

    @property
    def events(self) -> list[Event]:
        """Every event note as an `Event`, in path order."""
        return list(self._records("event").values())

    @property
    def interviews(self) -> list[Interview]:
        """Every interview note as an `Interview`, in path order."""
        return list(self._records("interview").values())

    @property
    def shares(self) -> list[Share]:
        """Every share note as a `Share`, in path order."""
        return list(self._records("share").values())

    @property
    def communities(self) -> list[Community]:
        """Every community note as a `Community`, in path order."""
        return list(self._records("community").values())

    def record(self, path: str) -> Any:
        """The typed record of the note at `path` (None for a note of no kind, and for brag and
        challenge notes, whose typed form is the entry: `vaultkit.reader.career.entries`)."""
        note = self.notes.get(path)
        if note is None or note.kind in _ENTRY_KINDS or note.kind not in self.config.schema.kinds:
            return None
        return self._records(note.kind).get(path)

    def replace(self, note: Note) -> None:
        """Put a new version of a note whose path, kind and names are unchanged.

        Link resolution stays valid (it depends only on names), so only what is derived
        from the note's content is updated: its kind's records, and the link-derived caches.
        """
        old = self.notes[note.path]
        if old.kind != note.kind:
            raise ValueError(f"{note.path}: kind changed from {old.kind} to {note.kind}: build a new Vault")
        self.notes[note.path] = note
        if "_by_kind" in self.__dict__:
            self._by_kind[note.kind][note.path] = note
        if note.kind in self._typed:
            self._typed[note.kind][note.path] = self.make_record(note)
        self._headings.pop(note.path, None)
        self.changes += 1
        self._given = None
        for name in ("backlinks", "diagnostics"):
            self.__dict__.pop(name, None)

    def daily_date(self, note: Note) -> str | None:
        """The ISO date of a daily note (by `daily_notes`, else Obsidian's daily-notes
        settings: `vaultkit.reader.dailynotes`), else None."""
        day = self.config.daily.date_of(note.path)
        return day.isoformat() if day else None
