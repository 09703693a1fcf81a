"""Rows kept sorted, each with its rendered text (`vaultkit.views.derived.people`: Follow-ups.md's
people due, People.md's people to complete), so that a save renders the rows it touches only."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from markupsafe import Markup

_first = itemgetter(0)  # a (key, item) pair's key


class Rows:
    """Items kept sorted by a unique key, each with its row text, rendered when first needed.

    The joined text is kept until an item comes or goes, so putting a note together costs one
    `str.join` over texts already made, and a change costs a bisect and the rows it touches.
    """

    def __init__(self) -> None:
        self.keys: list[Any] = []
        self.items: list[Any] = []
        self._texts: list[str] = []
        self._pending: set[Any] = set()  # keys whose row is not rendered yet
        self._joined: Markup | None = None
        # (key, item) pairs taken before the first sort (`gather`), or None once kept sorted.
        self._gathered: list[tuple[Any, Any]] | None = None

    def gather(self) -> None:
        """Take the next inserts as they come, to be sorted once by `settle`: filled person by person,
        each insert into the sorted lists moved half of them (quadratic: ~50 ms of a 50k vault's
        planning, for its 7,600 people due). Only while empty (a view's first fill)."""
        assert not self.keys
        self._gathered = []

    def settle(self) -> None:
        """The items `gather` took, in key order (as inserting each would have placed it: keys are unique)."""
        gathered, self._gathered = self._gathered, None
        if gathered:
            gathered.sort(key=_first)
            self.keys, self.items = [k for k, _ in gathered], [i for _, i in gathered]
            self._texts = [""] * len(gathered)
            self._joined = None

    def insert(self, key: Any, item: Any) -> None:
        """Add `item` under `key` (not there yet); its row is rendered when next joined."""
        if self._gathered is not None:
            self._gathered.append((key, item))
            self._pending.add(key)
            return
        i = bisect_left(self.keys, key)
        self.keys.insert(i, key)
        self.items.insert(i, item)
        self._texts.insert(i, "")
        self._pending.add(key)
        self._joined = None

    def remove(self, key: Any) -> Any:
        """Take out the item under `key` (there), and return it."""
        self.settle()
        i = bisect_left(self.keys, key)
        item = self.items[i]
        del self.keys[i], self.items[i], self._texts[i]
        self._pending.discard(key)
        self._joined = None
        return item

    def joined(self, render: Callable[[Any], str]) -> Markup:
        """Every row's text, in key order, rendering (`render(item)`) those not rendered yet."""
        if self._joined is None:
            if len(self._pending) == len(self.keys):  # every row (a first plan): in order, no bisect each
                self._texts = [render(item) for item in self.items]
            else:
                for key in self._pending:
                    i = bisect_left(self.keys, key)
                    self._texts[i] = render(self.items[i])
            self._pending.clear()
            self._joined = Markup("".join(self._texts))
        return self._joined

    def texts(self) -> list[str] | None:
        """Every row's text in key order, once all are rendered (`joined`); else None."""
        return None if self._pending or self._gathered is not None else list(self._texts)

    def adopt(self, texts: list[str]) -> Callable[[], None]:
        """Check that `texts` (`texts()` of these very rows, in a process forked from this one)
        fit, one string a row, and return what takes them as if `joined` had rendered them here.
        Raises ValueError or TypeError, changing nothing, when they do not fit."""
        if type(texts) is not list or len(texts) != len(self.keys) or self._gathered is not None:
            raise ValueError("not these rows")
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("not rows")

        def take() -> None:
            self._texts = texts
            self._pending.clear()
            self._joined = None  # joined when first asked: one `str.join`
        return take
