"""What `vaultkit watch` holds of its notes between saves, and how it takes the rest back.

A watcher keeps every note's facts for as long as it runs, so what a note holds is most of
its memory. Planning reads a note's headings only where a person files dated items under
"Interactions", and, without prep notes to plan, neither an event's items that only a prep
note shows nor any note's own text (`about`): the link diagnostics read the headings, the
notes cache keeps them all. So a note taken unchanged from the notes cache is read without
those (`Session.load`: the parts of it the notes cache keeps apart, `vaultkit.disk.cacheform`,
all but its links; ~25 MB at 50k notes, never made), and `take_back` puts them back from that
file (or from the note read anew, where the file no longer holds it as it was read) before
anything reads them: the closing notes cache and build record, whatever walks every link
(`Vault.incomplete`).

Not done where a view may read anything (plugins, the vault's own templates and views) or
where the note's query regions are filled (their notes are read whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vaultkit.disk import cache, cacheform, fs
from vaultkit.disk.cacheform import restore
from vaultkit.reader import facts
from vaultkit.reader.config import Config
from vaultkit.reader.facts import Interner, compact
from vaultkit.reader.model import Heading, Note

PREP = facts.PREP  # a note let go of what only a prep note reads: an event's other items, its own text
LINKS = facts.REST  # of the links planning does not read (all but a daily note's: `facts.planned_parts`)
HEADINGS = cacheform.HEADINGS  # of its headings (the notes cache keeps them with its links, `facts.REST`)


def can_lighten(root: str, config: Config, notes: Iterable[Note]) -> bool:
    """May a watcher let its notes go of what the built-in views do not read (see the module
    docstring)? Not with plugins, the vault's own templates or views, or query regions."""
    if config.plugins or fs.has_own_templates(root):
        return False
    return not any(note.queries for note in notes)


def take_back(root: str, stamp: str, notes: Mapping[str, tuple[int, int, Note]], owed: dict[str, int],
              config: Config) -> None:
    """Put back what the notes in `owed` were read without (path → `PREP`, `LINKS`, `HEADINGS`), as they are
    held in `notes` (path → size, mtime_ns, note): from the notes cache file where it holds the
    note at that size and mtime, else from the note read anew. Empties `owed`."""
    left = {path: (notes[path], gone) for path, gone in owed.items() if path in notes}
    owed.clear()
    if left:
        with cache.long_lived():  # a flood of objects that last (the collector would walk them again and again)
            _from_file(root, stamp, left)
            if left:  # the file changed or went meanwhile: those notes read as they are now
                _read_anew(root, left, config)


def _from_file(root: str, stamp: str, left: dict[str, tuple[tuple[int, int, Note], int]]) -> None:
    """Put back what the notes cache file holds of the notes in `left` as they are held (and
    take them out of `left`): a chunk at a time, only the parts of it planning does not read
    (`cache.parts_kept`), never the file's bytes whole."""
    fh = fs.open_private(root, cache.FILE)
    if fh is None:
        return
    with fh:
        for part in cache.parts_kept(fh, stamp, facts.PREP | facts.REST):
            headings: dict[int, Heading] = {}  # a chunk's plain headings, alive as long as `part`
            for path, size, mtime_ns, prep, rest in part:
                got = left.get(path)
                if got is None or got[0][:2] != (size, mtime_ns):
                    continue
                note, gone = got[0][2], got[1]
                if (gone & (HEADINGS | LINKS) and rest is None) or (gone & PREP and prep is None):
                    continue
                try:
                    if gone & LINKS:  # (its headings too, where it let go of them)
                        restore(note, None, (*rest[:3], rest[3] if gone & HEADINGS else None), headings)
                    elif gone & HEADINGS:
                        note.headings = tuple([headings.get(id(e)) or headings.setdefault(id(e), Heading(*e))
                                               for e in rest[3]])
                    if gone & PREP:
                        restore(note, prep, None, headings)  # (its items' links its own again)
                except Exception:  # not of the shape written: read anew
                    continue
                del left[path]


def _read_anew(root: str, left: dict[str, tuple[tuple[int, int, Note], int]], config: Config) -> None:
    """Put back what the notes in `left` let go of from each note read and parsed anew."""
    from vaultkit.reader.parse import parse_note

    keep = Interner()
    for path, ((_, _, note), _) in left.items():
        data = fs.read_note(root, path)
        if data is not None:
            again = compact(parse_note(path, data, config), keep, config.daily.date_of(path) is not None)
            note.links, note.headings, note.items, note.about = again.links, again.headings, again.items, again.about
