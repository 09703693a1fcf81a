"""Which paths the scan's warnings concern, for a watcher that keeps them as the vault now stands
(`Session.scan_said`): an event at one of them may be its problem fixed (a symlink or FIFO
removed, a conflict copy deleted, a badly named note renamed), and the scan's warnings are
worked out again then. Asked of every event by the watchdog thread: a look-up for each folder of
the path, never a pass over the warnings."""

from __future__ import annotations

from vaultkit.reader import names
from vaultkit.reader.model import Diagnostic


def folders(rel: str) -> list[str]:
    """The folders holding vault-relative `rel`, innermost first (`a/b/c.md`: `a/b`, `a`)."""
    return [rel.rsplit("/", i)[0] for i in range(1, rel.count("/") + 1)]


class Warned:
    """The paths of a list of the scan's diagnostics (`said`), made again when the list is another."""

    __slots__ = ("_near", "_of", "_paths")

    def __init__(self) -> None:
        self._of: list[Diagnostic] | None = None
        self._paths: set[str] = set()  # the paths warned of
        self._near: set[str] = set()  # those, and the folders holding them

    def said(self, diags: list[Diagnostic], rel: str) -> bool:
        """Do `diags` warn of `rel` (a name the scan could not use: as it shows it, `names.printable`),
        of something in it (a folder), or of a folder holding it?"""
        if names.unusable(rel) is not None:
            rel = names.printable(rel)
        if self._of is not diags:
            self._paths = {d.path for d in diags}
            self._near = self._paths | {f for p in self._paths for f in folders(p)}
            self._of = diags
        return rel in self._near or any(f in self._paths for f in folders(rel))


def same(one: list[Diagnostic], other: list[Diagnostic]) -> bool:
    """Do two scans say the same, in whatever order?"""
    return sorted(one, key=Diagnostic.sort_key) == sorted(other, key=Diagnostic.sort_key)
