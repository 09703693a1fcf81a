"""The line scanner reads HTML and trims text by markdown-it's own definitions, written out in
`vaultkit.reader.htmlsyntax` so that reading a note does not import markdown-it whole."""

from __future__ import annotations

import markdown_it.common.html_re as html_re
import markdown_it.common.utils as md_utils
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from tests.conftest import run_python
from vaultkit.reader import htmlsyntax
from vaultkit.reader.blocksyntax import md_trim


def test_the_html_block_kinds_are_markdown_its() -> None:
    ours = [(start.pattern, start.flags, end.pattern, end.flags, interrupts)
            for start, end, interrupts in htmlsyntax.HTML_SEQUENCES]
    theirs = [(start.pattern, start.flags, end.pattern, end.flags, interrupts)
              for start, end, interrupts in HTML_SEQUENCES]
    assert ours == theirs


def test_the_inline_tag_is_markdown_its() -> None:
    assert (htmlsyntax.HTML_TAG_RE.pattern, htmlsyntax.HTML_TAG_RE.flags) == \
        (html_re.HTML_TAG_RE.pattern, html_re.HTML_TAG_RE.flags)


def test_text_is_trimmed_as_markdown_it_trims_it() -> None:
    assert htmlsyntax.MD_TRIM_CHARS == md_utils.MD_TRIM_CHARS
    for text, trimmed in (("\u2003\x0c a heading \u2029", "a heading"),
                          ("\x1c a heading \x85", "\x1c a heading \x85")):  # no whitespace to CommonMark
        assert md_trim(text) == md_utils.mdTrim(text) == trimmed


def test_reading_a_note_does_not_import_markdown_it() -> None:
    # A note with no line the scanner leaves to markdown-it (an HTML block, a table...) is read
    # without it: the parse workers fork from a parent that imported the reader, one core idle.
    code = ("import sys\nfrom vaultkit.reader.parse import parse_note\n"
            "note = parse_note('a.md', b'---\\ntype: person\\n---\\n# A <b>x</b>\\n\\n- [[B]] #t x:: 1\\n')\n"
            "assert note.links and note.items, note\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'markdown_it'))\n")
    out = run_python(code, check=True)
    assert out.stdout.strip() == "[]"
