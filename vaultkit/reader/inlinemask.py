"""Code spans and inline HTML masked out of inline text, as markdown-it reads them, in linear
time: what both block readers of `vaultkit.reader.markdown` do before they look for links,
tags and fields (a `[[link]]` in a code span is no link). Pure."""

from __future__ import annotations

import re
from bisect import bisect_right

from vaultkit.reader.htmlsyntax import HTML_TAG_RE

# Every pattern here that is searched for opens with a literal character in each of its
# alternatives (`!()\[\[|\[\[`, not `(!?)\[\[`; "``*", not "`+"): the regex engine then skips
# to the next place such a character stands. A pattern opening with an optional, repeated or
# captured character is tried at every position of the text instead (~5x the work of the
# skipping where no link is; a literal first, "``*", ~50x).

# A wikilink: group 1 is "" for an embed (`![[`), None for a link, then what is inside the brackets.
WIKILINK = re.compile(r"(?:!()\[\[|\[\[)([^\[\]\n`]+?)\]\]")
# Where an inline construct may start: a wikilink, a backtick run, an HTML tag or comment.
_INLINE_START = re.compile(r"\[\[|!\[\[|``*|<[A-Za-z/!?]")
_RUN = re.compile(r"``*")


class InlineHtml:
    """Inline HTML in one text, matched exactly as markdown-it's `HTML_TAG_RE` matches it, in
    linear time over all the openers of the text.

    The regex is quadratic on two shapes: openers whose terminator never comes (each scans
    to the end for nothing: the last terminator's position answers that at once), and
    comments, whose body `(?:[^-]|-[^-]|--[^>])*` can run past a `--->` to the end of the
    text. A comment body splits into those units one way only, so every opener ends where
    the first reads on: a scan stops at the first dash where an earlier scan was, and takes
    its answer.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._last: dict[str, int] = {}
        self._comment: dict[int, int] = {}  # a dash the body reached → where that comment ends (-1: never)

    def match(self, pos: int) -> int:
        """The end of the inline HTML starting at `pos`, or -1."""
        text = self.text
        if text.startswith("<!--", pos):
            if text.startswith("<!-->", pos):
                return pos + 5
            if text.startswith("<!--->", pos):
                return pos + 6
            return self._comment_end(pos + 4)
        term = "]]>" if text.startswith("<![CDATA[", pos) else "?>" if text.startswith("<?", pos) else ">"
        if term not in self._last:
            self._last[term] = text.rfind(term)
        if self._last[term] < pos + 2:
            return -1
        tag = HTML_TAG_RE.match(text, pos)
        return tag.end() if tag else -1

    def _comment_end(self, at: int) -> int:
        # Units are one character that is no dash, a dash and one that is not, or two dashes
        # and anything but `>`: every dash found from a unit boundary is one too.
        text, seen, end = self.text, [], -1
        while (dash := text.find("-", at)) >= 0:
            known = self._comment.get(dash)
            if known is not None:
                end = known
                break
            seen.append(dash)
            if text.startswith("-->", dash):
                end = dash + 3
                break
            if dash + 2 > len(text) or (text[dash + 1] == "-" and dash + 3 > len(text)):
                break  # a lone `-` or `--` at the end: no unit fits
            at = dash + (2 if text[dash + 1] != "-" else 3)
        for dash in seen:
            self._comment[dash] = end
        return end


def mask_code(text: str) -> str:
    """Replace code spans and inline HTML by their newlines only (keeps line counts).

    Left to right, as markdown-it reads inline text: a wikilink (kept), a code span (a whole
    backtick run closed by the next run of the same length), an unclosed run (literal),
    inline HTML. Each opener looks for its closer once, through precomputed positions, so
    the work is linear whatever the text: no opener scans to the end for nothing.
    """
    if "<" not in text:
        found = _lone_spans(text)
        if found is not None:
            return found
    out: list[str] = []
    done = pos = 0
    runs: dict[int, list[int]] | None = None  # start of every backtick run, by its length
    html: InlineHtml | None = None
    # With no `<`, only backtick runs count: a wikilink, which is kept as written, holds none, so
    # stepping over one steps over no run (one holding a `<` keeps it from being read as HTML).
    starts = _INLINE_START if "<" in text else _RUN
    while (m := starts.search(text, pos)) is not None:
        start, token = m.start(), m.group()
        end = -1
        if token[-1] == "[":
            link = WIKILINK.match(text, start)
            pos = link.end() if link else start + 1  # a wikilink is kept as written
            continue
        if token[0] == "`":
            if runs is None:
                runs = {}
                for run in _RUN.finditer(text):
                    runs.setdefault(run.end() - run.start(), []).append(run.start())
            same = runs.get(len(token), [])
            after = bisect_right(same, start)
            if after == len(same):
                pos = m.end()  # no run of that length closes it: literal backticks
                continue
            end = same[after] + len(token)
        else:
            if text.startswith("](", start - 2):
                pos = start + 1  # `[x](<A Note.md>)`: a link's destination, not HTML
                continue
            html = html or InlineHtml(text)
            end = html.match(start)
        if end < 0:
            pos = start + 1
            continue
        out.append(text[done:start])
        out.append("\n" * text.count("\n", start, end) or " ")
        done = pos = end
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _lone_spans(text: str) -> str | None:
    """`mask_code` of a text without `<` whose backtick runs are all one backtick long (a note's
    `code`, `[[Not A Link]]`), or None for a longer run. Only backtick runs count there (see
    `starts` in `mask_code`), and a lone backtick is closed by the next one: spans are found by
    searches for one character, not by the general loop (a third of its work)."""
    start = text.find("`")
    if start < 0:
        return text
    out: list[str] = []
    done = 0
    while start >= 0:
        end = text.find("`", start + 1)
        if end == start + 1 or (end > 0 and text.startswith("`", end + 1)):
            return None  # a run of two or more: closed only by a run as long
        if end < 0:
            break  # the last backtick, alone: literal
        out.append(text[done:start])
        out.append("\n" * text.count("\n", start, end) or " ")
        done = end + 1
        start = text.find("`", done)
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)
