"""A body's links read from the parser's per-process caches: the same links, and the same tags
beside them, whichever insides were seen before (the first pass of a parse worker, its caches
empty, or a later one) and in whatever order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.reader import linksyntax
from vaultkit.reader.linksyntax import body_links, parse_link
from vaultkit.reader.markdown import scan_body, tags_in
from vaultkit.reader.model import Link

# Insides of `[[...]]`: bare names (the cache of targets), blanks (no link), headings, blocks,
# aliases, escaped pipes, and `#`s where a tag could open (after a blank, `[`, `,` or `;`).
_INSIDES = ["Ada", "Ada Lovelace", " Ada ", "People/Ada", "é ü", " ", "#", "#h", "Ada#Intro", "Ada#^b1", "a #b",
            "a,#b", "a;#b", "Ada|shown", "Ada\\|esc", "|x", "#h|x", "N|b #c", "Ada##h", "Ada#h#i", "^x"]


def _as_parse_link(inners: list[str], line: int) -> list[Link]:
    """The links as `parse_link` reads each inside on its own (no cache of body links involved)."""
    found = (parse_link(inner, line) for inner in inners)
    return [link for link in found if link is not None]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_INSIDES), max_size=8), st.lists(st.sampled_from(_INSIDES), max_size=8),
       st.integers(1, 500))
def test_body_links_are_the_same_cold_and_warm(seen: list[str], inners: list[str], line: int) -> None:
    expected = _as_parse_link(inners, line)
    for before in ([], seen, inners):  # nothing seen yet, some seen, all seen
        linksyntax.forget()
        body_links(before, 1)
        links = body_links(inners, line)
        assert links == expected and all(type(link) is Link for link in links), (before, inners)
        assert [tuple(link) for link in links] == [tuple(link) for link in expected]  # trailing defaults left off
    linksyntax.forget()


_PIECES = [*(f"[[{inner}]]" for inner in _INSIDES), "#t", "#a/b", "#12", "]]#t", "word", "x:", "[x:: 1]"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7).map(" ".join),
       st.lists(st.sampled_from(_PIECES), max_size=4).map(" ".join))
def test_an_items_links_and_tags_are_the_same_cold_and_warm(text: str, earlier: str) -> None:
    # The scanner's loop reads a one-line item's tags without blanking its links when no link's
    # inside holds a `#` (a bare name, from the cache, holds none): markdown-it's reading blanks
    # them always. Both, before and after the insides are cached, give the same.
    doc = f"- a {earlier}\n- x {text}\n"
    exact = scan_body(doc, 1, exact=True)
    for cold in (True, False):
        if cold:
            linksyntax.forget()
        fast = scan_body(doc, 1)
        assert not fast.exact
        assert fast.links == exact.links and fast.tags == exact.tags, doc
        assert fast.items == exact.items, doc
        assert list(fast.items[-1].tags) == tags_in(f"x {text}".strip()), doc
