"""The remembered tails of `vaultkit.reader.inlinefields._one_field`: a one-line text with a single
`::` is read from the bracket (or the blank) before it on, and that tail's reading is remembered.
A text read after another with the same tail must be read as though nothing were remembered: as
`general_fields` reads it (which searches, and remembers nothing), and as a fresh process would.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vaultkit.reader import inlinefields, parse
from vaultkit.reader.inlinefields import general_fields, inline_fields

# Pieces before the field: links (their `]` between a bracket and the `::`), brackets and
# parentheses left open, blanks of several kinds, words a key could start with.
_HEAD = st.lists(st.sampled_from(["[[Ada]]", "[[B|c]]", "[[x#h]]", "[", "(", ")", "]", " ", "\t", "\u2003", "k",
                                  "key", "a-b", "Met at", "é", "`", ".", "[[", "]]", ":"]),
                 max_size=8).map("".join)
# The field and what follows it, each with one `::` at most.
_TAIL = st.lists(st.sampled_from(["[k:: v]", "(k:: v)", "[effort:: 5]", "(topic:: ml)", " status:: waiting",
                                  "k:: v", "::", ":::", " ", "[", "(", ")", "]", "[[Ada]]", "x", "a-b", "\t", "é",
                                  "[k::", "(k:: [[Ada]])", "[k:: [[Ada]] x]"]),
                 min_size=1, max_size=5).map("".join)


def _one_line_single(text: str) -> bool:
    first = text.find("::")
    return "\n" not in text and first >= 0 and text.find("::", first + 2) < 0


@settings(max_examples=3000)
@given(_HEAD, _HEAD, _TAIL)
@example("see [[Ada]] ", "[", "status:: waiting")  # a `[` left open before a remembered bare tail
@example("x", "Met at", ":: v")  # a whole-line field's key reaches back before the tail
@example("[[Ada]] ", "(", "k:: v)")
@example("(", "[", "k:: v)")  # the same text after another bracket: read from the bracket on, not after it
@example("[", "(", "k:: v]")
@example("", "[a ", "b:: c")
def test_a_remembered_tail_reads_as_a_fresh_one(first_head: str, second_head: str, tail: str) -> None:
    first, second = first_head + tail, second_head + tail
    inline_fields(first)  # remembers its tail's reading, if it has one
    remembered = inline_fields(second)
    inlinefields.forget()
    fresh = inline_fields(second)
    assert remembered == fresh, (first, second)
    at = second.find("::")
    assert remembered == (general_fields(second, at) if at >= 0 else []), second
    if _one_line_single(second):
        assert inline_fields(second, at) == remembered


def test_the_same_field_at_the_end_of_many_lines() -> None:
    lines = [f"talked to [[Ada {i}]] about it {'[effort:: 5]' if i % 2 else 'status:: open'}" for i in range(6)]
    assert [inline_fields(line) for line in lines] == [[("status", "open")], [("effort", "5")]] * 3
    # read again, from what is remembered: the same
    assert [inline_fields(line) for line in lines] == [[("status", "open")], [("effort", "5")]] * 3


def test_a_link_before_the_colons_is_no_bracketed_field() -> None:
    # The last `[` before the `::` is a link's: no `[k:: v]` opens there, the bare field is read.
    assert inline_fields("see [[Osvik the data model struggle]] status:: waiting") == [("status", "waiting")]
    assert inline_fields("see [[Ada]]x:: y") == []  # no blank before the key: no bare field either
    assert inline_fields("[k [[Ada]] j:: v]") == [("j", "v]")]


def test_forgetting_the_parser_caches_forgets_the_tails() -> None:
    inline_fields("x [effort:: 5]")
    inline_fields("x status:: open")
    assert inlinefields._BRACKETED and inlinefields._BARE
    parse.forget_caches()
    assert not inlinefields._BRACKETED and not inlinefields._BARE
