"""The "did you mean" names (`vaultkit.reader.hints`) are exactly what the plain algorithm gives: a pool
of the 40 names sharing the most letter triples (ties in code-point order), prefix matches, then
`difflib.get_close_matches` on that pool. The plain algorithm is kept here as the oracle."""

from __future__ import annotations

import difflib
import itertools
import random
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.reader.hints import Hints, grams
from vaultkit.reader.links import LinkIndex, name_key
from vaultkit.reader.model import Note


def plain_close(names: set[str], key: str, limit: int) -> list[str]:
    """What vaultkit computed before `Hints`: every name sorted by shared triples, difflib on the pool."""
    by_gram: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        for gram in grams(name):
            by_gram[gram].append(name)
    shared: dict[str, int] = defaultdict(int)
    for gram in grams(key):
        found = by_gram.get(gram, [])
        if len(found) <= 500:
            for name in found:
                shared[name] += 1
    pool = sorted(shared, key=lambda n: (-shared[n], n))[:40]
    prefixed = sorted(n for n in pool if n.startswith(key) or any(w.startswith(key) for w in n.split()))
    return prefixed[:limit] + difflib.get_close_matches(key, pool, n=limit, cutoff=0.6)


def names_like_a_vault(seed: int, count: int) -> set[str]:
    """Person-like and topic-like names from a few syllables: many share triples, as in a vault."""
    rng = random.Random(seed)
    syllables = ["ada", "lo", "ve", "lace", "gra", "ce", "hop", "per", "mar", "ti", "na", "kon", "eu", " ", "2026",
                 "-", "é", "ß"]
    return {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 7))).strip() or "x" for _ in range(count)}


def test_the_same_names_as_the_plain_algorithm_on_a_crowded_index() -> None:
    """2,300 names that share many triples (pools cut inside a tie, triples over the 500 limit):
    each query gives the plain algorithm's names, in its order."""
    names = {name_key(n) for n in names_like_a_vault(7, 3000)}
    hints = Hints(names)
    rng = random.Random(3)
    queries = [name_key(n) for n in names_like_a_vault(11, 120)] + [n[:-1] for n in rng.sample(sorted(names), 40)]
    for key in filter(None, queries):
        for limit in (3, 10):
            assert hints.close(key, limit) == plain_close(names, key, limit), key


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="abcé ß-1", min_size=1, max_size=12), max_size=80),
       st.text(alphabet="abcé ß-1", min_size=1, max_size=12))
def test_the_same_names_as_the_plain_algorithm_for_any_names(names: set[str], key: str) -> None:
    assert Hints(names).close(key, 3) == plain_close(names, key, 3)


def test_a_key_with_a_space_is_a_prefix_of_a_name_only_from_its_start() -> None:
    """No word holds a space: "ada l" starts "ada lovelace", never "grace ada l…" by a word."""
    names = {"ada lovelace", "grace ada lo", "ada"}
    assert Hints(names).close("ada l", 3) == plain_close(names, "ada l", 3)
    assert Hints(names).close("ada l", 3)[0] == "ada lovelace"


def test_the_index_suggests_across_many_missing_links() -> None:
    """The link index builds its hints once and answers each missing target as before."""
    notes = [Note(path=f"People/{n}.md", title=n, kind="person") for n in sorted(names_like_a_vault(5, 400))]
    index = LinkIndex(notes)
    keys = {name_key(n.stem): n.stem for n in notes}
    for typed in ["Adalo", "Gracehop", "Martina 2026", "kon-eu", "zzz"]:
        expected = list(dict.fromkeys(keys[m] for m in plain_close(set(keys), name_key(typed), 3)))[:3]
        assert index.suggest(typed) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aabbcé ß-1", max_size=15), min_size=2, max_size=6))
def test_letters_in_common_from_the_bit_masks_are_difflibs_count(texts: list[str]) -> None:
    """The letters two texts have in common, as `_fuzzy` reads them from `letters`, are
    Σ min(count in one, count in the other): what difflib's `quick_ratio` counts."""
    hints = Hints(set())
    for one, other in itertools.pairwise(texts):
        from_masks = (hints.letters(one) & hints.letters(other)).bit_count()
        counts = Counter(other)
        assert from_masks == sum(min(n, counts[c]) for c, n in Counter(one).items()), (one, other)
        matcher = difflib.SequenceMatcher(None, one, other)
        if one or other:
            assert 2.0 * from_masks / (len(one) + len(other)) == matcher.quick_ratio()
