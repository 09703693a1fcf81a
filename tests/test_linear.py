"""Bounded work on any file (issue 9, point 6): reading a note, and checking the links of a
vault, take time linear in the input, whatever its shape.

These are complexity checks, not performance tests: each times the same work on a 1× and an
8× input in the same test and fails above a 32× ratio (linear is 8×, quadratic 64×). The
shapes are the ones that were quadratic: many links in one paragraph or list item, many
`<!--` that never close, many path links to no note, many anchors into a long note.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE

from vaultkit.reader.config import Config
from vaultkit.reader.exact_reader import _MD, wikilink_plugin
from vaultkit.reader.inlinemask import mask_code
from vaultkit.reader.model import Note
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault

# Between linear (8×) and quadratic (64×). Load from elsewhere only ever slows a run, and the
# 8× run's fresh memory (page faults, cache misses on sets of 100k+ lines) measured 14-26× on a
# loaded 2-core machine for work that is linear (24 failed there once); a quadratic list scan
# measured 51-73× the same way.
LIMIT = 32.0


def _best(work: Callable[[], object], repeat: int) -> float:
    # This process's CPU time, not the wall clock: on a loaded machine (a full suite beside
    # other jobs on 2 cores) the wall clock also counts the time other processes ran.
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def assert_linear(make: Callable[[int], Callable[[], object]], n: int) -> None:
    """Time `make(n)()` and `make(8 * n)()` (setup outside the timing) and compare.

    The garbage collector is off while timing (its full passes grow with everything alive,
    not with this work), and a ratio over the limit is measured again up to twice: a burst
    of load from elsewhere on the machine passes, a quadratic stays quadratic.
    """
    small, large = make(n), make(8 * n)
    small()  # warm up caches and imports
    ratios = []
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            ratios.append(_best(large, 3) / max(_best(small, 5), 1e-4))
        finally:
            gc.enable()
        if ratios[-1] < LIMIT:
            return
    raise AssertionError(f"8× the input took {min(ratios):.0f}× the time: superlinear")


NOTE_SHAPES: dict[str, Callable[[int], str]] = {
    "a link per line in one paragraph": lambda n: "[[a]]\n" * n,
    "a link per line in one list item": lambda n: "- [[a]]\n  " + "[[b]]\n  " * n,
    "embeds on one line, text between": lambda n: "![[a]] x\n" * n,
    "links in a quote's lazy lines": lambda n: "> a\n" + "b [[c]]\n" * n,
    "<!-- that never closes, on every line": lambda n: "a <!--\n" * n,
    "<!-- with ---> that never closes a comment": lambda n: "a <!-- --->\n" * n,
    "inline fields holding links in one item": lambda n: "- x " + "[k:: [[a]]] " * n,
    "links and backticks": lambda n: "[[a]]`\n" * n,
    "the exact reader (an HTML block first)": lambda n: "<div>\n\n</div>\n\n" + "[[a]] <!--\n" * n,
    "the exact reader, <!-- --->": lambda n: "<div>\n\n</div>\n\n" + "[[a]] <!-- --->\n" * n,
    "Markdown links on one line": lambda n: "[a](Some%20Note.md#h) " * n,
    "Markdown link texts never closed": lambda n: "[a " * n + "](b.md",
    "Markdown link destinations never closed": lambda n: "[a](b " * n,
    "a comment opened in a paragraph, never closed": lambda n: "a <!--\n\n" + "# h [[a]]\n\n" * n,
}


@pytest.mark.parametrize("shape", sorted(NOTE_SHAPES))
def test_reading_a_note_is_linear(shape: str) -> None:
    config = Config()

    def make(n: int) -> Callable[[], object]:
        data = NOTE_SHAPES[shape](n).encode("utf-8")
        return lambda: parse_note("Big.md", data, config)

    assert_linear(make, 2_000)


def _vault_with(big: str, people: int = 1_000) -> Callable[[], object]:
    config = Config()
    notes = [parse_note(f"People/P{i}.md", f"---\ntype: person\n---\n# Notes\n[[P{i + 1}]]\n".encode(), config)
             for i in range(people)]
    note = parse_note("Big.md", big.encode("utf-8"), config)
    return lambda: Vault([*notes, note], config).diagnostics


def test_path_links_to_no_note_are_checked_in_linear_time() -> None:
    assert_linear(lambda n: _vault_with("".join(f"[[x/Nobody {i}]]\n" for i in range(n))), 500)


def test_heading_paths_into_a_long_note_are_checked_in_linear_time() -> None:
    def make(n: int) -> Callable[[], object]:
        config = Config()
        target = parse_note("Long.md", "".join(f"# Part {i}\n## Detail\n" for i in range(n)).encode(), config)
        links = parse_note("Links.md", "".join(f"[[Long#Part {i}#Detail]] [[Long#Detail#Part {i}]]\n"
                                               for i in range(n)).encode(), config)
        notes: list[Note] = [target, links]
        return lambda: Vault(notes, config).diagnostics




def test_a_name_shared_by_a_note_in_every_folder_resolves_in_linear_time() -> None:
    """`[[index]]` from each of n folders, each holding its own `index`: Obsidian's pick (the
    linking note's folder) is a lookup per folder, not a pass over the n candidates; so is the
    doubt of `met: [[index]]` (a plain note picked while a person is called so)."""
    def make(n: int) -> Callable[[], object]:
        config = Config()
        notes = [parse_note(f"F{i}/index.md", b"", config) for i in range(n)]
        notes += [parse_note(f"F{i}/src.md", b"---\ntype: event\ndate: 2026-01-01\nmet: ['[[index]]']\n---\n"
                             b"[[index]] [[index#x]]\n", config) for i in range(n)]
        notes.append(parse_note("People/index.md", b"---\ntype: person\n---\n", config))  # met doubts each pick
        return lambda: Vault(notes, config).diagnostics

    assert_linear(make, 300)


def test_anchors_into_a_long_note_are_checked_in_linear_time() -> None:
    def make(n: int) -> Callable[[], object]:
        config = Config()
        target = parse_note("Long.md", "".join(f"# Heading {i}\n" for i in range(n)).encode(), config)
        links = parse_note("Links.md", "".join(f"[[Long#Heading {i}]]\n" for i in range(n)).encode(), config)
        notes: list[Note] = [target, links]
        return lambda: Vault(notes, config).diagnostics

    assert_linear(make, 2_000)


# --- the linear inline scanner reads as the regex it replaced --------------------------

_REFERENCE = re.compile(
    r"(!?\[\[[^\[\]\n`]+?\]\])|(?<!`)(`+)(?!`)([\s\S]*?[^`])\2(?!`)|(?<!`)(`+)|" + HTML_TAG_RE.pattern
)


def _reference_mask(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(1) is not None or m.group(4) is not None:
            return m.group(0)
        return "\n" * m.group(0).count("\n") or " "
    return _REFERENCE.sub(repl, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "a", " ", "\n", "<", ">", "!", "-", "--", "-->", "<!--", "?", "?>",
                                 "[[", "]]", "<a>", "</b>", "<a x='1'", "<![CDATA[", "]]>", "<!X", "<?", "![",
                                 "---", "--->", "<!---", "-x"]),
                max_size=40).map("".join))
def test_mask_code_reads_as_the_regex_it_replaced(text: str) -> None:
    assert mask_code(text) == _reference_mask(text)


@pytest.mark.parametrize("text", [
    "a `b` c", "`b`", "a `b\nc` d [[L]]", "a ``b", "a `` b", "a `b", "`", "a ``b`` c", "a `b` `c` d", "[[a]] `x` [[b]]",
    "a `b` <i>c</i>", "a ``b` c", "", "Run `make x`, not `[[Not A Link]]`. [[L]]", "a `b` c `d", "`a``b`",
    "a `b` c ``d`` e", "a `b`` c", "`a`\n`b`\n`", "a `b` c `d` e `f` g",
])
def test_mask_code_of_lone_backticks_reads_as_the_regex(text: str) -> None:
    # Texts without `<` whose backtick runs are one backtick long (most texts that hold code)
    # are read without the general loop: the answers are the reference's, newlines kept.
    assert mask_code(text) == _reference_mask(text)


_PIECES = st.lists(st.sampled_from(["`", "``", "a", " ", "\n", "<", ">", "!", "-", "--", "-->", "<!--", "?", "?>",
                                    "[[", "]]", "<a>", "</b>", "<a x='1'", "<![CDATA[", "]]>", "<!X", "<?", "![",
                                    "\n\n", "- ", "---", "--->", "<!---", "-x"]), max_size=40).map("".join)


def _reference_md() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": True})
    md.enable(["fence", "code", "blockquote", "hr", "list", "html_block", "heading", "lheading", "paragraph"])
    md.enable(["backticks", "html_inline"])  # markdown-it's own html_inline rule
    md.use(wikilink_plugin)
    return md


_REFERENCE_MD = _reference_md()


def _inline(md: MarkdownIt, text: str) -> list[tuple[str, str]]:
    return [(child.type, child.content) for tok in md.parse(text) if tok.type == "inline"
            for child in tok.children or []]


@settings(max_examples=400, deadline=None)
@given(_PIECES)
def test_the_exact_readers_inline_html_is_markdown_its(text: str) -> None:
    assert _inline(_MD, text) == _inline(_REFERENCE_MD, text)


NOTE_SHAPES["distinct tags, one a line"] = lambda n: "".join(f"#t{i}\n" for i in range(n))
NOTE_SHAPES["distinct tags on one line"] = lambda n: " ".join(f"#t{i}" for i in range(n)) + "\n"


@pytest.mark.parametrize("shape", ["distinct tags, one a line", "distinct tags on one line"])
def test_a_note_of_many_distinct_tags_is_read_in_linear_time(shape: str) -> None:
    """Each body tag was looked for in a list of those found before it (40k distinct tags: 9 s)."""
    test_reading_a_note_is_linear(shape)


def test_the_people_of_an_interview_are_found_in_linear_time() -> None:
    """Each person an interview names was looked for in a list of those found before it."""
    from vaultkit.reader.career import interview_people

    config = Config()

    def make(n: int) -> Callable[[], object]:
        people = [parse_note(f"People/P{i}.md", b"---\ntype: person\n---\n", config) for i in range(n)]
        listed = "".join(f"  - '[[P{i}]]'\n" for i in range(n))
        interview = parse_note("Interviews/Big.md", f"---\ntype: interview\npeople:\n{listed}---\n".encode(), config)
        vault = Vault([*people, interview], config)
        found = vault.interviews[0]
        assert len(found.people) == n
        return lambda: interview_people(vault, found)

    assert_linear(make, 500)  # (8× that: 4,000 lines of frontmatter, under its limit)
