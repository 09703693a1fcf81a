"""The "did you mean" names offered for a missing link: the existing names closest to it.

A name is a candidate when it shares letter triples with what was typed (`grams`): the 40
sharing the most (ties in code-point order) form the pool; from it, the names that start with
what was typed, or have a word that does, come first, then difflib's close matches
(`difflib.get_close_matches(typed, pool, cutoff=0.6)`, exactly: same pool, same scores, same
order). The names' triples are indexed once, so a vault with a thousand missing links pays one
pass over its names, not a thousand, and each query counts only the names sharing its triples;
a name misspelt in many links is searched once.
"""

from __future__ import annotations

import heapq
from collections import Counter
from difflib import SequenceMatcher
from operator import and_
from typing import Final

POOL: Final = 40  # names difflib ranks, of those sharing the most letter triples
COMMON: Final = 500  # a triple more names than this share tells nothing: not counted
CUTOFF: Final = 0.6  # difflib.get_close_matches' default


def grams(text: str) -> set[str]:
    """Letter triples of a name, its start marked (so the first letters weigh more)."""
    padded = "  " + text
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Hints:
    """The names of an index (name keys: casefolded, NFC), ready for `close`."""

    def __init__(self, names: set[str] | frozenset[str]) -> None:
        """Index `names` by letter triple (each triple's names in code-point order)."""
        by_gram: dict[str, list[str]] = {}
        for name in sorted(names):
            for gram in grams(name):
                found = by_gram.get(gram)
                if found is None:
                    by_gram[gram] = [name]
                else:
                    found.append(name)
        # A triple too common to count is dropped here rather than skipped at every query.
        self._by_gram = {gram: found for gram, found in by_gram.items() if len(found) <= COMMON}
        # Answers by (key, limit): a misspelt name is often linked from many notes, and each of
        # its links wants the same names.
        self._closed: dict[tuple[str, int], list[str]] = {}
        self._bits: dict[str, int] = {}  # a bit for each letter met (see `layers`)
        self._layered: dict[str, tuple[int, ...]] = {}  # `layers` of each name met in a pool

    def layers(self, text: str) -> tuple[int, ...]:
        """`text`'s letters as bit masks by count: the j-th mask holds the letters it has at least
        j times. Two texts have Σ min(count in one, count in the other) letters in common, the
        sum over their letters being, for each j, how many letters both have j times or more:
        the bits their j-th masks share (kept for each name: pools share many names)."""
        known = self._layered.get(text)
        if known is None:
            layers: list[int] = []
            for letter, count in Counter(text).items():
                bit = self._bits.get(letter)
                if bit is None:
                    bit = self._bits[letter] = 1 << len(self._bits)
                layers.extend([0] * (count - len(layers)))
                for j in range(count):
                    layers[j] |= bit
            known = self._layered[text] = tuple(layers)
        return known

    def pool(self, key: str) -> list[str]:
        """The names sharing the most letter triples with `key`, at most `POOL`: most first, ties
        in code-point order."""
        shared: Counter[str] = Counter()
        for gram in grams(key):
            found = self._by_gram.get(gram)
            if found is not None:
                shared.update(found)  # counted in C: a few thousand names a query
        # Sorted as (-count, name) without a Python key per name: code-point order first, then
        # a stable sort by count (both in C).
        order = sorted(shared)
        order.sort(key=shared.__getitem__, reverse=True)
        return order[:POOL]

    def close(self, key: str, limit: int) -> list[str]:
        """Up to `limit` names for `key` (a name key), best first: prefix matches in code-point
        order, then difflib's close matches; a name may appear twice (the caller dedups)."""
        known = self._closed.get((key, limit))
        if known is None:
            pool = self.pool(key)
            # `key in name` first: the word test runs only where it can succeed.
            prefixed = sorted(n for n in pool if key in n and (n.startswith(key) or any(
                w.startswith(key) for w in n.split())))
            known = self._closed[(key, limit)] = prefixed[:limit] + self._fuzzy(key, pool, limit)
        return list(known)

    def _fuzzy(self, key: str, pool: list[str], limit: int) -> list[str]:
        """`difflib.get_close_matches(key, pool, limit, CUTOFF)`, its three tests in its order and
        with its arithmetic (2 × matches / both lengths): an upper bound from the lengths, one from
        the letters in common (`quick_ratio`'s count, here from bit masks: `layers`), then the
        ratio itself.
        """
        matcher = SequenceMatcher()
        matcher.set_seq2(key)
        lb = len(key)
        mine, layers = self.layers(key), self.layers
        scored: list[tuple[float, str]] = []
        for name in pool:
            la = len(name)
            total = la + lb
            if 2.0 * min(la, lb) / total < CUTOFF:
                continue
            # Σ min(count in key, count in name) over the letters: a few bit counts, all in C.
            common = sum(map(int.bit_count, map(and_, mine, layers(name))))
            if 2.0 * common / total < CUTOFF:
                continue
            matcher.set_seq1(name)
            score = matcher.ratio()
            if score >= CUTOFF:
                scored.append((score, name))
        # As difflib ranks them: best score first, ties by the larger name.
        return [name for _, name in heapq.nlargest(limit, scored)]
