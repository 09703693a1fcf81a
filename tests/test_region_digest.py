"""A region's digest ignores line endings and blanks at the end of a line, whichever way the
text is normalised (`regions._normal` skips the pass over every line when no line ends in a blank);
a new note's bytes made a piece at a time (`regions.sealed_bytes`) are those of its sealed text."""

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


FRONT = st.sampled_from(["---\nvaultkit: generated\n---\n", "---\r\nvaultkit: generated\r\n---\r\n", "", "# x\n",
                         "---\ntitle: x\n---\n", "\ufeff---\nvaultkit: generated\n---\n"])
NAMES = st.lists(st.sampled_from(["rows", "more", "x.y"]), unique=True, max_size=3)


@given(FRONT, NAMES, st.lists(PIECES, min_size=3, max_size=3), st.integers(1, 4))
@settings(max_examples=300, deadline=None)
def test_sealed_bytes_are_the_sealed_text_encoded(front: str, names: list[str], bodies: list[list[str]],
                                                 piece: int) -> None:
    """`sealed_bytes` (a new note written without a copy of its text) is `seal` encoded, hashed and
    encoded a few characters at a time, and says `as_written` of that text."""
    text = front + "".join(f"{regions.begin(name)}\n{''.join(body)}\n{regions.end(name)}\nbetween{''.join(body)}\n"
                           for name, body in zip(names, bodies, strict=False))
    old = regions.PIECE
    regions.PIECE = piece
    try:
        pieces, written = regions.sealed_bytes(text)
    finally:
        regions.PIECE = old
    assert b"".join(pieces) == regions.seal(text).encode("utf-8")
    assert written == regions.as_written(regions.seal(text))
