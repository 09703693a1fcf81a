"""A region's digest ignores line endings and blanks at the end of a line, whichever way the
text is normalised (`regions._normal` skips the pass over every line when no line ends in a blank)."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.views import regions

PIECES = st.lists(st.sampled_from(["a", "b c", " ", "\t", "\n", "\r\n", "\r", "é", "| x |", "  \n"]), max_size=30)


def _by_lines(content: str) -> str:
    normal = "\n".join(line.rstrip(" \t") for line in regions.to_lf(content).split("\n"))
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:regions.HASH_LEN]


@given(PIECES)
@settings(max_examples=500, deadline=None)
def test_the_digest_is_the_hash_of_the_text_normalised_line_by_line(pieces: list[str]) -> None:
    content = "".join(pieces)
    regions._DIGESTS.clear()  # (not an answer remembered from an earlier example)
    assert regions.digest(content) == _by_lines(content)


def test_blanks_at_a_line_end_and_line_endings_do_not_count() -> None:
    regions._DIGESTS.clear()
    assert regions.digest("a\nb\n") == regions.digest("a \r\nb\t\r\n") == regions.digest("a\rb  \n")
    assert regions.digest("a\nb\n") != regions.digest("a\nb \nc")
