"""The exact block reader: markdown-it-py, as `vaultkit.reader.markdown` uses it where the line scanner
(`vaultkit.reader.blockscan`) cannot decide a note, and as the reference the differential test holds
the scanner to.

markdown-it-py runs in its "zero" preset with only the block rules a note's links, tags, headings
and items depend on, its `backticks` and `html_inline` inline rules (each replaced by a version
that keeps line counts and stays linear) and a `[[wikilink]]` rule of our own.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.backticks import backtick as _backtick

from vaultkit.reader.blockscan import Segment
from vaultkit.reader.inlinemask import InlineHtml
from vaultkit.reader.linksyntax import parse_link
from vaultkit.reader.model import Link


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    embed = src.startswith("!", pos)
    start = pos + 1 if embed else pos
    if not src.startswith("[[", start):
        return False
    end = src.find("]]", start + 2)
    if end < 0:
        return False
    inner = src[start + 2 : end]
    if not inner or any(c in inner for c in "[]\n`"):
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = inner
        token.info = "!" if embed else ""
    state.pos = end + 2
    return True


def _backtick_rule(state: StateInline, silent: bool) -> bool:
    # markdown-it turns newlines inside a code span into spaces: note how many there were.
    start, count = state.pos, len(state.tokens)
    if not _backtick(state, silent):
        return False
    if not silent and len(state.tokens) > count and state.tokens[-1].type == "code_inline":
        state.tokens[-1].meta = {"newlines": state.src.count("\n", start, state.pos)}
    return True


_HTML_OF: list[InlineHtml] = []  # the matcher of the text markdown-it reads now (one at a time)


def _html_inline_rule(state: StateInline, silent: bool) -> bool:
    # markdown-it's own rule, with `InlineHtml` in place of its regex (see there why).
    pos, src = state.pos, state.src
    if src[pos] != "<" or pos + 2 >= state.posMax:
        return False
    second = src[pos + 1]
    if second not in "!?/" and not ("a" <= second.lower() <= "z" and second.isascii()):
        return False
    if not _HTML_OF or _HTML_OF[0].text is not src:
        _HTML_OF[:] = [InlineHtml(src)]
    end = _HTML_OF[0].match(pos)
    if end < 0:
        return False
    if not silent:
        token = state.push("html_inline", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def wikilink_plugin(md: MarkdownIt) -> None:
    """markdown-it-py plugin: `[[target#heading|alias]]` and `![[embed]]` as `wikilink` tokens."""
    md.inline.ruler.before("backticks", "wikilink", _wikilink_rule)


def _make_md() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": True})
    md.enable(["fence", "code", "blockquote", "hr", "list", "html_block", "heading", "lheading", "paragraph"])
    md.enable(["backticks", "html_inline"])
    md.use(wikilink_plugin)
    md.inline.ruler.at("backticks", _backtick_rule)
    md.inline.ruler.at("html_inline", _html_inline_rule)
    return md


_MD = _make_md()


def segments_markdown_it(body: str, first_line: int) -> list[Segment]:
    """Read blocks and inline code with markdown-it-py (the exact, slower reader)."""
    segments: list[Segment] = []
    tokens = _MD.parse(body)
    heading_level = 0
    item_open = False  # the next paragraph is the first of a list item
    for tok in tokens:
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading_level = 0
        elif tok.type in ("list_item_open", "list_item_close"):
            # The first paragraph inside an item is its text; an item closed without one (an
            # empty `- `) leaves the paragraph after the list a paragraph.
            item_open = tok.type == "list_item_open"
        elif tok.type == "inline" and tok.map is not None:
            line = first_line + tok.map[0]
            kind = "heading" if heading_level else ("item" if item_open else "para")
            item_open = False
            parts: list[str] = []
            links: list[Link] = []
            here = line  # the line of the text so far: counted part by part, never all again
            for child in tok.children or []:
                if child.type == "text":
                    parts.append(child.content)
                    here += child.content.count("\n")
                elif child.type == "wikilink":
                    link = parse_link(child.content, here, embed=child.info == "!")
                    if link is not None:
                        links.append(link)
                    parts.append(("!" if child.info == "!" else "") + "[[" + child.content + "]]")
                elif child.type == "html_inline" and parts and parts[-1].endswith("]("):
                    parts.append(child.content)  # `[x](<A Note.md>)`: a link's destination, not HTML
                    here += child.content.count("\n")
                else:  # code span or inline HTML: keep only its line breaks
                    newlines = child.content.count("\n") if child.type == "html_inline" else \
                        (child.meta or {}).get("newlines", 0)
                    parts.append("\n" * newlines or " ")
                    here += newlines
            raw = "\n".join(part.lstrip(" \t") for part in tok.content.split("\n"))
            segments.append(Segment(kind, line, "".join(parts), heading_level, links, raw))
        elif tok.type in ("fence", "code_block", "html_block", "hr"):
            item_open = False
    return segments
