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
from vaultkit.disk.takeback import from_file, read_anew, whole
from vaultkit.reader import facts
from vaultkit.reader.config import Config
from vaultkit.reader.model import Note

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
    left = {path: (notes[path][2], gone) for path, gone in owed.items() if path in notes}
    owed.clear()
    if not left:
        return
    with cache.long_lived():  # a flood of objects that last (the collector would walk them again and again)
        fh = fs.open_private(root, cache.FILE)
        if fh is not None:
            with fh:
                from_file(fh, stamp, left, {path: notes[path][:2] for path in left})
        # The file changed or went meanwhile: those notes read as they are now.
        again = read_anew(root, [fs.Scanned(path, *notes[path][:2]) for path in left], config)
        for fresh in again:
            whole(left[fresh.path][0], fresh)
