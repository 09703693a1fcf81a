"""Names that come and go in a vault held in memory (`vaultkit watch`). Pure.

A note added, removed or renamed, or one whose title, aliases or kind changed, changes where
some links go: only links whose target names one of its old or new names (stem, title,
aliases). `Linkers` finds the notes holding such links without looking at every link of the
vault, and `update_vault` puts the new notes into a `Vault` and its `LinkIndex` in place, as
building both again from every note would leave them (the tests compare the two).
"""

from __future__ import annotations

from bisect import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from itertools import islice
from typing import TypeVar
from weakref import WeakKeyDictionary

from vaultkit.reader.links import LinkIndex, name_key, strip_md
from vaultkit.reader.model import Note
from vaultkit.reader.vault import Vault, sort_key

_T = TypeVar("_T")

# A target whose last part is one of these (`[[./]]`, `[[..]]`, `[[a/..]]`) names a folder,
# not a name: it is resolved again whatever name changes.
_ANY = ""
_FOLDERS = ("", ".", "..")
_NAMED_FIELDS = ("impacted", "related")  # inline fields whose parts are names (see `career`)


def tail(target: str) -> str | None:
    """The name a link target ends in, as names compare (`People/Ada.md` → `ada`); `_ANY` for a
    folder-like target; None for an empty one (a link to its own note resolves to it, always)."""
    text = target.strip()
    if not target:
        return None
    last = strip_md(name_key(text).rsplit("/", 1)[-1])
    return _ANY if last in _FOLDERS else last


# The link targets of notes held without their links (`vaultkit.live.held`), by path: (the note
# object held so, its links' targets). A newer version of a note at that path holds its own links.
Held = Mapping[str, tuple[Note, tuple[str, ...]]]
_NONE: Held = {}


def targets(note: Note, held: Held = _NONE) -> set[str]:
    """Every target a note's links (and the names in its inline `impacted`/`related` fields,
    which the views resolve too) can point through; `held`: where a note held without its
    links finds their targets."""
    got = held.get(note.path)
    found = set(got[1]) if got is not None and got[0] is note else {link.target for link in note.links}
    for item in note.items:
        for key, value in item.fields:
            if key in _NAMED_FIELDS:
                found.update(part.strip().removeprefix("[[").removesuffix("]]").split("|")[0]
                             for part in value.split(","))
    return found


def names(note: Note) -> set[str]:
    """The keys under which a note can be found: its stem, title and aliases, with and without `.md`."""
    keys = {name_key(note.stem), name_key(note.title), *(name_key(a) for a in note.aliases)}
    return keys | {strip_md(k) for k in keys}


class Linkers:
    """Which notes hold a link whose target ends in a name: name key → note paths.

    Kept for as long as the watcher runs, over every link of the vault: most names are
    linked from one note or a few, so each name's paths are a tuple (a set costs four times
    the memory; a name linked from many notes pays a scan of its tuple per change), the path
    itself where it is one (most names: a 1-tuple is 48 bytes, ~2.5 MB at 50k notes), and
    equal name keys are one string.

    It can be made a slice at a time (`start`, then `step` until it says done), so that
    `vaultkit watch` makes it while nothing waits and a save never waits for all of it;
    meanwhile `add` and `remove` keep what is indexed so far right, and `of` and `naming`
    are only asked of a complete one (`complete`).
    """

    def __init__(self, notes: Iterable[Note] = (), held: Held = _NONE) -> None:
        """Index the link targets of `notes` (all of them: complete when made); `held`: as for
        `targets`, read as it is at each look."""
        self._held = held
        self._tails: dict[str, str | None] = {}  # target → its tail, worked out once
        self._keys: dict[str, str] = {}  # one string per tail
        self._by_tail: dict[str, str | tuple[str, ...]] = {}  # a path, or several (`_paths`)
        # While it is made (`start`): the paths still to index, in the order they are taken
        # (last first), the same as a set, and each tail's paths indexed so far, as lists.
        self._todo: list[str] = []
        self._unread: set[str] = set()
        self._found: dict[str, list[str]] = defaultdict(list)
        self._made = False
        for note in notes:
            self._index(note)
        self._finish()

    @classmethod
    def start(cls, notes: Mapping[str, Note], held: Held = _NONE) -> Linkers:
        """An index of the notes now in `notes`, not made yet: `step` makes it (`held`: as for `__init__`)."""
        made = cls((), held)
        made._todo = list(notes)[::-1]
        made._unread = set(made._todo)
        made._made = not made._unread
        return made

    @property
    def complete(self) -> bool:
        """Is every note it was started with indexed?"""
        return self._made

    def step(self, notes: Mapping[str, Note], count: int) -> bool:
        """Index up to `count` more of the notes it was started with, as they are now in
        `notes` (one gone since is skipped); True once it is complete."""
        todo, unread = self._todo, self._unread
        while todo and count > 0:
            path = todo.pop()
            if path not in unread:
                continue  # indexed already, by an `add` of a new version
            unread.discard(path)
            count -= 1
            note = notes.get(path)
            if note is not None:
                self._index(note)
        if not unread and not self._made:
            self._finish()
        return self._made

    def _index(self, note: Note) -> None:
        found, path = self._found, note.path
        for key in self._tails_of(note):
            found[key].append(path)  # (each note once: a note's tails are a set)

    def _finish(self) -> None:
        """Turn what was found into the kept tuples: complete from now on."""
        self._by_tail = {key: paths[0] if len(paths) == 1 else tuple(paths) for key, paths in self._found.items()}
        self._found = defaultdict(list)
        # Its tails are one string each by now (`_by_tail`'s keys): the table that made them so is
        # let go of (~1.8 MB at 50k notes, for as long as the watcher runs). Each target's tail is
        # kept: the first change of names looks up those of every remembered answer (`_Remembered`).
        self._keys = {}
        self._todo.clear()
        self._made = True

    def tail_of(self, target: str) -> str | None:
        """`tail(target)`, worked out once per target."""
        known = self._tails
        if target in known:
            return known[target]
        key = tail(target)
        if key is not None:
            key = self._keys.setdefault(key, key)
        known[target] = key
        return key

    def _tails_of(self, note: Note) -> set[str]:
        tail_of = self.tail_of
        return {key for key in map(tail_of, targets(note, self._held)) if key is not None}

    def add(self, note: Note) -> None:
        """Count the links of a note (a new note, or the new version of one)."""
        path = note.path
        if not self._made:
            self._unread.discard(path)  # (its current version is indexed here: `step` skips it)
            found = self._found
            for key in self._tails_of(note):
                if path not in found[key]:
                    found[key].append(path)
            if not self._unread:
                self._finish()
            return
        by_tail = self._by_tail
        for key in self._tails_of(note):
            held = by_tail.get(key)
            if held is None:
                by_tail[key] = path
            elif held != path and (type(held) is str or path not in held):
                by_tail[key] = (*_paths(held), path)

    def remove(self, note: Note) -> None:
        """Forget the links of a note (gone, or about to be replaced)."""
        path = note.path
        if not self._made:
            if path in self._unread:
                return  # not indexed yet
            found = self._found
            for key in self._tails_of(note):
                listed = found.get(key)
                if listed is not None and path in listed:
                    listed.remove(path)
                    if not listed:
                        del found[key]
            return
        by_tail = self._by_tail
        for key in self._tails_of(note):
            held = by_tail.get(key)
            if held is None or (held != path if type(held) is str else path not in held):
                continue
            kept = tuple(p for p in _paths(held) if p != path)
            if not kept:
                del by_tail[key]
            else:
                by_tail[key] = kept[0] if len(kept) == 1 else kept

    def naming(self, note: Note, keys: set[str]) -> list[str]:
        """The targets of a note's links that may name any of `keys`."""
        tail_of = self.tail_of
        return [t for t in targets(note, self._held) if (key := tail_of(t)) in keys or key == _ANY]

    def of(self, keys: Iterable[str]) -> set[str]:
        """The notes whose links may name any of `keys` (folder-like targets always may)."""
        by_tail = self._by_tail
        found = set(_paths(by_tail.get(_ANY, ())))
        for key in keys:
            found.update(_paths(by_tail.get(key, ())))
        return found


def _paths(held: str | tuple[str, ...]) -> tuple[str, ...]:
    """The paths `Linkers` holds for a tail: one path is held as itself."""
    return (held,) if isinstance(held, str) else held


def update_vault(vault: Vault, removed: Iterable[str], added: Iterable[Note], linkers: Linkers | None = None) -> None:
    """Take the notes at `removed` out of `vault` and put `added` in (a path in both: a new
    version), keeping every order and index as `Vault(...)` of the resulting notes would.
    `linkers`: the vault's, whose link targets' tails are worked out already."""
    gone = [vault.notes[p] for p in removed if p in vault.notes]
    new = list(added)
    kept = {n.path for n in new}
    for note in gone:
        if note.path not in kept:
            del vault.notes[note.path]
    for note in new:
        _place(vault.notes, note.path, note)  # a new version stays where it was, a new path goes in order
    by_kind: dict[str | None, dict[str, Note]] | None = vault.__dict__.get("_by_kind")  # None: made on first use
    before = {n.path: n for n in gone}
    for note in gone:  # out of its kind's tables, unless a new version of the same kind takes its place
        if note.path not in kept or before[note.path].kind != next(n.kind for n in new if n.path == note.path):
            if by_kind is not None:
                by_kind.get(note.kind, {}).pop(note.path, None)
            vault._typed.get(note.kind or "", {}).pop(note.path, None)
        vault._headings.pop(note.path, None)
    for note in new:
        if by_kind is not None:
            _place(by_kind.setdefault(note.kind, {}), note.path, note)
        if note.kind in vault._typed:
            _place(vault._typed[note.kind], note.path, vault.make_record(note))
    for name, attr in vars(Vault).items():  # what is worked out from every link (backlinks, diagnostics…)
        if isinstance(attr, cached_property) and name != "_by_kind":  # (`_by_kind` is kept above)
            vault.__dict__.pop(name, None)
    if linkers is None:
        _update_index(vault.index, vault, gone, new, tail)
    else:
        _update_index(vault.index, vault, gone, new, linkers.tail_of)


def _update_index(index: LinkIndex, vault: Vault, gone: list[Note], new: list[Note],
                  tail_of: Callable[[str], str | None]) -> None:
    """The `LinkIndex` entries of the names of `gone` and `new`, made again from the notes now
    in `vault` and its attachments, as `LinkIndex.__init__` makes them."""
    stems = {name_key(n.stem) for n in (*gone, *new)}
    paths = {name_key(strip_md(n.path)) for n in (*gone, *new)}
    aliases = {a for n in (*gone, *new) for a in _alias_keys(n)}
    gone_paths = {n.path for n in gone}
    for key in aliases:
        kept = [p for p in index.by_alias.get(key, ()) if p not in gone_paths]
        kept += [n.path for n in new if key in _alias_keys(n)]
        _set(index.by_alias, key, sorted(kept))
    named: dict[str, list[Note]] = {key: [] for key in stems}
    for key in stems:  # the notes of each name, from the index (every note of a name is listed there)
        named[key] = [vault.notes[p] for p in index.by_name.get(key, ()) if p in vault.notes and p not in gone_paths]
    for note in new:
        named[name_key(note.stem)].append(note)
    attached = _attachments(vault.attachments)
    for key, notes in named.items():
        notes.sort(key=lambda n: sort_key(n.path))
        found = [n.path for n in notes]
        for path, is_md in attached.names.get(key, ()):
            if not is_md or not found:  # a generated note answers to its name only when no note does
                found.append(path)
        _set(index.by_name, key, sorted(found))
        if notes:
            index.display[key] = notes[-1].stem
        else:
            index.display.pop(key, None)
    for key in paths:
        last = key.rsplit("/", 1)[-1]  # the stem's key: the notes of that name hold every spelling of the path
        holders = [n.path for n in named.get(last, ()) if name_key(strip_md(n.path)) == key]
        holders += attached.paths.get(key, [])
        tails = index._by_tail.get(last, ())
        if holders:
            index.by_path[key] = holders[-1]
            if key not in tails:
                index._by_tail[last] = (*tails, key)
        else:
            index.by_path.pop(key, None)
            if key in tails:
                _set(index._by_tail, last, [k for k in tails if k != key])
    # Remembered answers may name a note that is gone, or miss one that came: those of the
    # targets ending in one of the names that changed (or in a folder) are resolved anew; any
    # other target's answer reads only index entries this change left as they were.
    changed = {*stems, *aliases, *(k.rsplit("/", 1)[-1] for k in paths)}
    changed |= {strip_md(k) for k in changed}  # (as `names`: a target `x.md` may name a note `x.md.md`)
    _forget_stale(index, changed, tail_of)
    # (Obsidian's picks among the notes of a name, kept per name as each link writes it: few,
    # and made again cheaply, so all forgotten.)
    index._picks.clear()
    index._suggest = None


class _Remembered:
    """The targets a `LinkIndex` remembers answers for, by tail, kept from one change to the
    next: a change looks only at the targets ending in a name it changed, not at each of the
    tens of thousands a vault remembers (a pass over all of them was ~30 ms a save at 50k notes).

    What was resolved since the last change is found by position, not by comparing with a copy
    of every remembered target (two sets of them were ~2 MB at 10k notes): only `LinkIndex.resolve`
    adds to the memos, always a new key (a dict keeps the order keys came in, whatever was taken
    out before), and only `stale` takes from them. So the first `known` entries of `_memo` (and
    `known_in` of `_memo_in`) are the ones listed here, and the rest came since. Each tail's
    targets are a list (a set costs three times the memory, and a tail's are only ever dropped
    all at once)."""

    def __init__(self) -> None:
        self.known = 0  # how many of `_memo`'s first entries are listed below
        self.known_in = 0  # the same for `_memo_in`
        self.by_tail: dict[str | None, list[str]] = {}
        self.by_tail_in: dict[str | None, list[tuple[str, str | None]]] = {}

    def stale(self, index: LinkIndex, bad: set[str | None], tail_of: Callable[[str], str | None]) -> None:
        """Forget the answers remembered for targets whose tail is in `bad`."""
        memo, memo_in = index._memo, index._memo_in
        by_tail, by_tail_in = self.by_tail, self.by_tail_in
        for target in islice(memo, self.known, None):  # (what was resolved since)
            by_tail.setdefault(tail_of(target), []).append(target)
        for where in islice(memo_in, self.known_in, None):
            by_tail_in.setdefault(tail_of(where[0]), []).append(where)
        for key in bad:
            for target in by_tail.pop(key, ()):
                memo.pop(target, None)
            for where in by_tail_in.pop(key, ()):
                memo_in.pop(where, None)
        self.known, self.known_in = len(memo), len(memo_in)


_REMEMBERED: WeakKeyDictionary[LinkIndex, _Remembered] = WeakKeyDictionary()


def _forget_stale(index: LinkIndex, changed: set[str], tail_of: Callable[[str], str | None]) -> None:
    """Forget the remembered answers (`LinkIndex._memo`, `_memo_in`) a change of the names
    `changed` can change: those of the targets ending in one of them, or in a folder (or
    empty). Only `LinkIndex.resolve` adds to them and only this takes from them."""
    remembered = _REMEMBERED.get(index)
    if remembered is None:
        remembered = _REMEMBERED[index] = _Remembered()
    remembered.stale(index, {*changed, _ANY, None}, tail_of)


def _place(table: dict[str, _T], path: str, value: _T) -> None:
    """Put `value` at `path` in a table kept in path order (as `Vault` makes its tables)."""
    if path in table:
        table[path] = value
        return
    keys = list(table)
    at = bisect(keys, sort_key(path), key=sort_key)
    table[path] = value
    # Those after it move behind it (a dict keeps the order keys came in): half the table on
    # average, with no copy of the other half, nor of the table.
    for key in keys[at:]:
        table[key] = table.pop(key)


def _alias_keys(note: Note) -> set[str]:
    own = name_key(note.stem)
    return {name_key(a) for a in note.aliases} | {name_key(note.title)} - {own}


def _set(table: dict[str, tuple[str, ...]], key: str, paths: list[str]) -> None:
    """`paths` at `key` in one of `LinkIndex`'s tables (as a tuple, as it makes them), or none."""
    if paths:
        table[key] = tuple(paths)
    else:
        table.pop(key, None)


class _Attached:
    """The vault's attachments by name key ((path, is a generated note) in order) and by path key."""

    def __init__(self, attachments: tuple[str, ...]) -> None:
        self.attachments = attachments
        self.names: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        self.paths: dict[str, list[str]] = defaultdict(list)
        for path in attachments:
            name = path.rsplit("/", 1)[-1]
            if name.lower().endswith(".md"):
                self.names[name_key(name[:-3])].append((path, True))
                self.paths[name_key(path[:-3])].append(path)
            else:
                self.names[name_key(name)].append((path, False))
                self.paths[name_key(path)].append(path)


_ATTACHED: list[_Attached] = []  # the last one made: a vault's attachments rarely change


def _attachments(attachments: tuple[str, ...]) -> _Attached:
    if not _ATTACHED or _ATTACHED[0].attachments is not attachments:
        _ATTACHED[:] = [_Attached(attachments)]
    return _ATTACHED[0]
