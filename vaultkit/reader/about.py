"""A note's own text, as a prep note quotes it about a person: its `## Notes` section, else its last
paragraph of prose. Pure.

Read from the paragraphs and list items the body scan already found (`vaultkit.reader.markdown`),
so it is code-, comment- and query-region-aware as every other reading of the body, and costs a
look at a note's last paragraphs, not a second pass over the note. Prose only: headings, tables,
quotes and callouts, embeds and math blocks, tag-only and inline-field-only lines are not read,
nor list items outside a Notes section; the frontmatter never is (a `---` left unclosed at the top
of a note is read as text by Markdown: what stands under it up to the first blank line is skipped).
Lines are joined into one line, at most `LIMIT` characters, cut at a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vaultkit.reader.model import Heading, ListItem

LIMIT = 320
EVENT_LIMIT = 800  # an event's notes, read back at its next one ("Last time"): room for a few sentences
_NOT_PROSE = ("|", ">", "![[", "$$")  # how a table, quote or callout, embed, math block starts
_ONLY_TAGS = re.compile(r"^(?:[ \t]*#[\w/-]+)+[ \t]*$")
_ONLY_FIELD = re.compile(r"^[ \t]*[A-Za-z][\w \-]*::")
_CHECKBOX = re.compile(r"^\[[^\]\n]\]\s+")
_OPEN_FRONT = re.compile(r"^ {0,3}---[ \t]*$")


def _prose(text: str) -> str:
    """`text` as one line, without its tag-only and field-only lines."""
    kept = [line for line in text.split("\n")
            if not (_ONLY_TAGS.match(line) or ("::" in line and _ONLY_FIELD.match(line)))]
    return " ".join(" ".join(kept).split())


def _join(texts: Sequence[str]) -> str:
    out = ""
    for text in texts:
        if text:
            out = text if not out else out + (" " if out[-1] in ".!?:;" else "; ") + text
    return out


def _cut(text: str, limit: int = LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def own_text(body: str, body_line: int, headings: Sequence[Heading], paras: Sequence[tuple[int, str]],
             items: Sequence[ListItem], limit: int = LIMIT) -> str:
    """The note's `## Notes` section (any level; until the next heading as high), else its last
    paragraph of prose, as one line of at most `limit` characters; empty when it has neither.
    `paras` and `items`: the body scan's paragraphs (line, text) and the list items to read in
    the Notes section (an event's are kept as items: it passes none, for the prose alone)."""
    if not paras and not items:
        return ""
    lines = body.split("\n")
    skip = 0  # paragraphs before this note line are an unclosed frontmatter's `key: value` lines
    if lines and _OPEN_FRONT.match(lines[0]):
        blank = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        skip = body_line + blank

    def prose(line: int, text: str) -> str:
        if line < skip:
            return ""
        index = line - body_line
        source = lines[index].lstrip() if 0 <= index < len(lines) else ""
        return "" if source.startswith(_NOT_PROSE) else _prose(text)

    for i, heading in enumerate(headings):
        if heading.text.strip().rstrip(":").strip().casefold() == "notes":
            end = next((h.line for h in headings[i + 1:] if h.level <= heading.level), None)
            inside = [(line, prose(line, text)) for line, text in paras]
            inside += [(item.line, " ".join(_CHECKBOX.sub("", item.text).split())) for item in items
                       if item.line >= skip]
            found = [text for line, text in sorted(inside) if heading.line < line and (end is None or line < end)]
            if any(found):
                return _cut(_join(found), limit)
            break
    for line, text in reversed(paras):
        last = prose(line, text)
        if last:
            return _cut(last, limit)
    return ""
