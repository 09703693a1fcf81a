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

The hints come last, after the walk over every link has found the missing targets, one
fuzzy search per target. Should the parent be done with its own work first (`finish`) while
the child is still at them, it asks for a share: the child hands it the last of the targets
it has yet to search (as many as leave both ending together, the parent having to index the
names first: `_share`), and the parent warns of their missing links itself (`linkwalk.missing`)
with the links the child sends. Both cores work to the end, and the diagnostics and hints are
the ones either process would have worked out alone, whoever searched which target.

Anything that goes wrong in the child (no fork on this platform, a process that cannot start,
one that dies) only means the parent works them out itself, as it always could.
"""

from __future__ import annotations

import time

from vaultkit.disk import forked
from vaultkit.reader.linkwalk import hint_order, missing
from vaultkit.reader.model import Link
from vaultkit.reader.vault import Vault

MIN_NOTES = 1500  # below this, a process costs more than the hints it saves (`load.PARALLEL_MIN_NOTES`)
SHARE_MIN = 0.05  # s: a share of the hints worth less of the child's time is not handed to the parent
ASK_EVERY = 8  # targets searched between two looks at whether the parent asks for a share


def can_start(notes: int, min_notes: int | None = None, alone: bool = True) -> bool:
    """Would `Hints` start a child for a vault of `notes` notes: at least `min_notes` (else
    `MIN_NOTES`), where a child is worth forking (`forked.can_fork`)? Without `alone`, the threads
    running now are not looked at: for a caller asking about a fork to come once its own threads
    have ended (a cold build's parse workers' pool, `takeback.wanted_parts`)."""
    return notes >= (MIN_NOTES if min_notes is None else min_notes) and forked.can_fork(threads=not alone)


class Hints:
    """A child process working out a vault's hints and link diagnostics; `finish` hands them
    to the vault."""

    def __init__(self, vault: Vault, wanted: bool = True, min_notes: int | None = None) -> None:
        """Start the child when the hints are `wanted`, for a vault of at least `min_notes`
        notes, where a child is worth forking (`can_start`)."""
        self._vault = vault
        self._child: forked.Child | None = None
        if wanted and can_start(len(vault.notes), min_notes):
            child = forked.Child(lambda channel: _findings(vault, channel), talk=True)
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
        works it out itself, as it would have without a child). A child still at work is asked
        for a share of its hints, searched here meanwhile."""
        child = self._child
        if child is None:
            return
        mine: dict[str, list[str]] = {}
        try:
            if child.busy():
                child.ask()
            found = child.receive()
            if type(found) is tuple and len(found) == 2 and found[0] == SHARE and type(found[1]) is list:
                suggest = self._vault.index.suggest
                for target in found[1]:
                    mine[target] = suggest(target)
                self._vault.index.forget_names()  # the rest's hints come from the child: its memory serves them
                found = child.receive()
        finally:  # (a Ctrl-C meanwhile too: the child is ended, never left behind)
            self.stop()
        if type(found) is tuple and len(found) == 4:
            hints, diags, theirs, changes = found
            hints.update(mine)
            if not all(link.target in hints for _, link in theirs):
                return  # (never: each of those links' targets was handed over) the vault works it out
            diags += [missing(path, link, hints[link.target]) for path, link in theirs]
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


SHARE = "share"  # the tag of the child's answer to the parent's ask: the targets the parent searches


def _findings(vault: Vault, channel: forked.Channel | None = None) -> tuple[object, ...]:
    """In the child: the vault's hints, its link diagnostics, the missing links whose targets
    the parent took a share of (`_share`), to warn of them itself, and the notes it had replaced
    by then (`Vault.changes`), to be taken by the parent's vault (`Hints.finish`). The collector is
    off here (`forked`): the child was forked before the parent froze its heap (`load.settle_heap`)."""
    from vaultkit.disk.takeback import TakeBack

    walked = None
    if isinstance(vault.incomplete, TakeBack):  # what the parent planned without: walked as taken back
        walked, vault.incomplete = vault.incomplete.walk(), None
    later: list[tuple[str, Link]] = []
    hints, diags = vault.link_findings(walked, later)
    given = _share(vault, hint_order(later, hints), hints, channel)
    theirs = [(path, link) for path, link in later if link.target in given]
    diags += [missing(path, link, hints[link.target]) for path, link in later if link.target not in given]
    return hints, diags, theirs, vault.changes


def _share(vault: Vault, targets: list[str], hints: dict[str, list[str]], channel: forked.Channel | None) -> set[str]:
    """Search the hints of `targets` into `hints`, in order; once the parent asks (`channel`),
    hand it the last of those not searched yet (returned): as many as leave both processes
    ending together, by the time a target has taken here and the parent's cost of indexing
    the names (what the first search here cost more than the others), where that is worth it."""
    suggest = vault.index.suggest
    end, started, first = len(targets), time.process_time(), 0.0
    for i, target in enumerate(targets):
        if i >= end:
            break
        # (Asked only once a few searches after the first tell what one costs.)
        if channel is not None and i > 1 and i % ASK_EVERY == 1 and channel.asked():
            each = (time.process_time() - started - first) / (i - 1)  # a target's search, the index made
            # The parent indexes the names (as `first` took here), then searches its share
            # while this process searches the rest of its own: both end together.
            give = max(0, int(((end - i) * each - first) / 2 / each)) if each > 0 else 0
            if give * each < SHARE_MIN:
                give = 0
            end -= give
            channel.send((SHARE, targets[end:]))
            channel = None
        hints[target] = suggest(target)
        if i == 0:
            first = time.process_time() - started
    return set(targets[end:])
