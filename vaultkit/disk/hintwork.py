"""The vault's link diagnostics and their "did you mean" hints, worked out in a second process
while the build plans its generated notes.

After a cold build has parsed its notes, the worker processes are done and one core sits idle
while the parent plans and renders; the link diagnostics (a fuzzy search for each missing
link's hint, the costliest part of the vault's diagnostics, and every link's anchor and doubt)
need only the vault as it is now. A forked child, which shares the parent's memory as it was,
works them out meanwhile and sends them back through a pipe; the parent's vault takes them
(`Vault.take_link_diagnostics`, `LinkIndex.take_hints`), and the diagnostics it sorts
afterwards are the ones it would have worked out alone. Should the build replace a note
meanwhile (a note whose query regions it filled is read again), the diagnostics are the
child's no longer and the parent works them out again, with the hints (names only) it took.

Anything that goes wrong in the child (no fork on this platform, a process that cannot start,
one that dies) only means the parent works them out itself, as it always could.
"""

from __future__ import annotations

from vaultkit.disk import forked
from vaultkit.reader.vault import Vault

MIN_NOTES = 1500  # below this, a process costs more than the hints it saves (`load.PARALLEL_MIN_NOTES`)


def can_start(notes: int, min_notes: int | None = None) -> bool:
    """Would `Hints` start a child for a vault of `notes` notes: at least `min_notes` (else
    `MIN_NOTES`), where a child is worth forking (`forked.can_fork`)?"""
    return notes >= (MIN_NOTES if min_notes is None else min_notes) and forked.can_fork()


class Hints:
    """A child process working out a vault's hints and link diagnostics; `finish` hands them
    to the vault."""

    def __init__(self, vault: Vault, wanted: bool = True, min_notes: int | None = None) -> None:
        """Start the child when the hints are `wanted`, for a vault of at least `min_notes`
        notes, where a child is worth forking (`can_start`)."""
        self._vault = vault
        self._child: forked.Child | None = None
        if wanted and can_start(len(vault.notes), min_notes):
            child = forked.Child(lambda: _findings(vault))
            self._child = child if child.running else None

    @property
    def running(self) -> bool:
        """A child was started and not stopped: it holds the vault as it was then."""
        return self._child is not None

    def busy(self) -> bool:
        """Is the child at work still (started, and neither sent what it found nor ended)? The
        build plans on both cores only once it is not (`planwork`)."""
        return self._child is not None and self._child.busy()

    def finish(self) -> None:
        """Wait for the child and give what it found to the vault (when it failed, the vault
        works it out itself, as it would have without a child)."""
        if self._child is None:
            return
        found = self._child.result()
        self._child = None
        if isinstance(found, tuple):
            hints, diags, changes = found
            self._vault.index.take_hints(hints)  # names only: still right if notes were replaced
            self._vault.take_link_diagnostics(diags, changes)

    def stop(self) -> None:
        """End the child, whether or not it is done (its hints no longer wanted)."""
        if self._child is not None:
            self._child.stop()
            self._child = None

    def __enter__(self) -> Hints:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _findings(vault: Vault) -> tuple[object, object, object]:
    """In the child: the vault's hints, its link diagnostics, and the notes it had replaced by
    then (`Vault.changes`), to be taken by the parent's vault (`Hints.finish`). The collector is
    off here (`forked`): the child was forked before the parent froze its heap (`load.settle_heap`)."""
    from vaultkit.disk.takeback import TakeBack

    walked = None
    if isinstance(vault.incomplete, TakeBack):  # what the parent planned without: walked as taken back
        walked, vault.incomplete = vault.incomplete.walk(), None
    hints, diags = vault.link_findings(walked)
    return hints, diags, vault.changes
