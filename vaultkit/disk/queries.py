"""Writing the query regions of user notes (`build`, `watch`): the one place vaultkit writes
into a note of the user's without being asked by a command, and only because the user placed
the markers there (SPEC §4).

Each note is read as bytes, filled (`vaultkit.views.queryfill`), and written atomically only
when its bytes change, and only if the file still holds the bytes read: a save that lands
meanwhile is never written over (the watcher sees it and fills the regions again).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection

from vaultkit.disk import fs, writer
from vaultkit.disk.build import QUERY_LEFT, BuildReport
from vaultkit.disk.generated import edited_lines
from vaultkit.reader.model import Diagnostic, Note, Severity
from vaultkit.reader.vault import Vault, sort_key
from vaultkit.views.budget import Budget, LimitExceeded
from vaultkit.views.common import Facts
from vaultkit.views.queryfill import QueryEdited, answerer, refill

EDITED, REFUSED = QUERY_LEFT  # text typed inside a region; a note that cannot be written (read-only…)


def _over_budget(note: Note, budget: Budget) -> Diagnostic:
    """The warning for a note whose query regions together spend more than one generated note
    may: worded for regions (the budget's own words are a template's), with what to change."""
    count = len(note.queries)
    regions = f"its {count:,} query region{'s' if count != 1 else ''}"
    if budget.steps > budget.max_steps:  # a step per note each region's query goes through
        what = f"go through more than {budget.max_steps:,} notes between them (each region, every note of its kind)"
        fix = ("use fewer query regions in this note, or spread them over several notes "
               "(a region costs a step per note of its kind, whatever its `where` or `limit`)")
    else:
        what = f"write more than {budget.max_text:,} characters between them"
        fix = ("ask for fewer rows (`limit N`, a narrower `where`, fewer `columns`), or use fewer query regions "
               "in this note, spread over several notes")
    return Diagnostic(note.path, None, Severity.WARNING, REFUSED,
                      f"query regions not filled: {regions} would {what}, more than one generated note may "
                      "in a vault of this size; the note is left as it was", fix)


def query_notes(vault: Vault) -> list[Note]:
    """The notes holding query regions, in path order (generated notes are never read as notes)."""
    return [note for note in vault.notes.values() if note.queries]


def write_queries(root: str, vault: Vault, today: dt.date, facts: Facts | None = None,
                  only: Collection[str] | None = None, dry_run: bool = False,
                  force: Collection[str] = ()) -> BuildReport:
    """Fill the query regions of every note holding some (`only`: of those paths), writing
    the notes whose bytes change. A note with text typed inside a region is refused, with a
    warning, unless its path is in `force`."""
    report = BuildReport()
    answer = answerer(vault, today, facts)
    real = os.path.realpath(root)
    notes = vault.notes
    chosen = (query_notes(vault) if only is None  # (`only`: no pass over every note of the vault)
              else [notes[p] for p in sorted(only, key=sort_key) if p in notes and notes[p].queries])
    for note in chosen:
        if any(d.code == "conflict-markers" for d in note.diagnostics):
            continue  # a merge left conflict markers: nothing is written into it (its error says so)
        # Read as the scan reads (no symlink followed, regular files only): a sync may have put
        # a FIFO or a symlink where the note was since, and a plain open would block or follow it.
        data = fs.read_note(real, note.path)
        if data is None:
            continue  # gone or no longer a regular file: the next build or save sees it
        budget = Budget.for_notes(len(vault.notes))
        try:
            existing = data.decode("utf-8")
            text = refill(existing, note, vault, answer, note.path in force, budget)
        except QueryEdited as exc:
            report.diagnostics.append(Diagnostic(
                note.path, exc.line, Severity.WARNING, EDITED, f"query regions not filled: {exc}",
                "\n    ".join([*edited_lines(exc), "to keep your text, move it outside the query region (below "
                               "`<!-- vaultkit:end query …-->`) and build again; to discard it, run "
                               f"`vaultkit build --force {note.path}`"])))
            continue
        except LimitExceeded:
            report.diagnostics.append(_over_budget(note, budget))
            continue
        except UnicodeDecodeError:
            report.diagnostics.append(Diagnostic(note.path, None, Severity.WARNING, REFUSED,
                                                 "query regions not filled: the note is not UTF-8",
                                                 "re-save the note as UTF-8"))
            continue
        if text == existing:
            report.unchanged.append(note.path)
            continue
        report.updated.append(note.path)
        if dry_run:
            report.diffs.append(writer.diff(note.path, existing, text))
            continue
        try:
            writer.atomic_write(root, note.path, text.encode("utf-8"), expect=data)
        except writer.Changed:
            report.updated.remove(note.path)  # saved meanwhile: filled from that save, next
        except OSError as exc:
            report.updated.remove(note.path)
            report.diagnostics.append(Diagnostic(note.path, None, Severity.WARNING, REFUSED,
                                                 f"query regions not filled: {exc}", "check the file and its folder"))
    return report
