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
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import chain
from typing import Final

POOL: Final = 40  # names difflib ranks, of those sharing the most letter triples
COMMON: Final = 500  # a triple more names than this share tells nothing: not counted
CUTOFF: Final = 0.6  # difflib.get_close_matches' default


def grams(text: str) -> set[str]:
    """Letter triples of a name, its start marked (so the first letters weigh more)."""
    padded = "  " + text
    if len(padded) - 2 > len(_TRIPLES):
        return {padded[i:i + 3] for i in range(len(padded) - 2)}
    return set(map(padded.__getitem__, _TRIPLES[:len(padded) - 2]))  # cut in C, a name at a time


_TRIPLES: Final = tuple(slice(i, i + 3) for i in range(256))


class Hints:
    """The names of an index (name keys: casefolded, NFC), ready for `close`."""

    def __init__(self, names: set[str] | frozenset[str]) -> None:
        """Index `names` by letter triple (each triple's names by number, in code-point order)."""
        # A name is its number in code-point order: counting and sorting numbers is cheaper than
        # names, and the numbers sort as the names would.
        self._names = sorted(names)
        by_gram: defaultdict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(self._names):
            for gram in grams(name):
                by_gram[gram].append(i)
        # A triple too common to count is dropped here rather than skipped at every query.
        self._by_gram = {gram: found for gram, found in by_gram.items() if len(found) <= COMMON}
        # Answers by (key, limit): a misspelt name is often linked from many notes, and each of
        # its links wants the same names.
        self._closed: dict[tuple[str, int], list[str]] = {}
        self._bits: dict[tuple[str, int], int] = {}  # a bit for each (letter, how many before it) met
        self._counted: dict[tuple[str, int], int] = {}  # the bits of a letter coming so many times
        self._letters: dict[str, int] = {}  # `letters` of each name met in a pool

    def letters(self, text: str) -> int:
        """`text`'s letters as one bit mask: a bit for each letter and each time it comes, the
        j-th `a` a bit of its own (kept for each name: pools share many names). Two texts have
        Σ min(count in one, count in the other) letters in common: the bits their masks share,
        each letter's first min(…) bits being in both."""
        known = self._letters.get(text)
        if known is None:
            met = set(text)
            try:  # each (letter, count) met before: summed in C (the letters' bits are apart)
                known = sum(map(self._counted.__getitem__, zip(met, map(text.count, met), strict=True)))
            except KeyError:
                known = 0
                for letter in met:
                    known |= self._mask(letter, text.count(letter))
            self._letters[text] = known
        return known

    def _mask(self, letter: str, count: int) -> int:
        """The bits of `letter` coming `count` times (`letters`), each made when first met."""
        mask = self._counted.get((letter, count))
        if mask is None:
            mask = 0
            for j in range(count):
                bit = self._bits.get((letter, j))
                if bit is None:
                    bit = self._bits[(letter, j)] = 1 << len(self._bits)
                mask |= bit
            self._counted[(letter, count)] = mask
        return mask

    def pool(self, key: str) -> list[str]:
        """The names sharing the most letter triples with `key`, at most `POOL`: most first, ties
        in code-point order."""
        by_gram = self._by_gram
        # Counted in C, a few thousand names a query.
        shared = Counter(chain.from_iterable([found for found in map(by_gram.get, grams(key)) if found is not None]))
        # Sorted as (-count, name) without a Python key per name: code-point order first (the
        # names' numbers), then a stable sort by count (both in C).
        order = sorted(shared)
        order.sort(key=shared.__getitem__, reverse=True)
        return list(map(self._names.__getitem__, order[:POOL]))

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
        the letters in common (`quick_ratio`'s count, here from bit masks: `letters`), then the
        ratio itself.
        """
        matcher: SequenceMatcher[str] | None = None  # made for the first name the bounds let through
        lb = len(key)
        mine, known, letters = self.letters(key), self._letters.get, self.letters
        scored: list[tuple[float, str]] = []
        for name in pool:
            la = len(name)
            total = la + lb
            if 2.0 * min(la, lb) / total < CUTOFF:
                continue
            # Σ min(count in key, count in name) over the letters: one bit count, in C.
            if 2.0 * (mine & (known(name) or letters(name))).bit_count() / total < CUTOFF:
                continue
            if matcher is None:
                matcher = SequenceMatcher()
                matcher.set_seq2(key)
            matcher.set_seq1(name)
            score = matcher.ratio()
            if score >= CUTOFF:
                scored.append((score, name))
        # As difflib ranks them: best score first, ties by the larger name.
        return [name for _, name in heapq.nlargest(limit, scored)]
