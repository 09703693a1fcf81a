"""markdown-it-py's own definitions that the line scanner reads notes by: CommonMark's seven HTML
block kinds, an inline HTML tag, and the whitespace a paragraph or heading is trimmed of. Pure.

They are markdown-it-py's (4.3: `rules_block.html_block.HTML_SEQUENCES`, `common.html_re.HTML_TAG_RE`,
`common.utils.MD_TRIM_CHARS`), written here rather than imported: importing any module of
markdown-it runs its package's `__init__`, which imports the whole parser (~17 ms of CPU), and
the scanner needs these few patterns alone. The parent of a cold build imports the reader before
its parse workers fork, while the other core waits: those ms were a cold build's wall time
(markdown-it itself is imported where a note needs it: `vaultkit.reader.exact_reader`).
tests/test_htmlsyntax.py holds them to markdown-it's, pattern for pattern, so that both readers
keep reading a note the same way when markdown-it changes them.
"""

from __future__ import annotations

import re

# CommonMark's HTML block names (https://spec.commonmark.org/0.31.2/#html-blocks).
BLOCK_NAMES = (
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup",
    "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend",
    "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param",
    "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
)

_ATTR_NAME = "[a-zA-Z_:][a-zA-Z0-9:._-]*"
_ATTR_VALUE = "(?:" + "[^\"'=<>`\\x00-\\x20]+" + "|" + "'[^']*'" + "|" + '"[^"]*"' + ")"
_ATTRIBUTE = "(?:\\s+" + _ATTR_NAME + "(?:\\s*=\\s*" + _ATTR_VALUE + ")?)"
_OPEN_TAG = "<[A-Za-z][A-Za-z0-9\\-]*" + _ATTRIBUTE + "*\\s*\\/?>"
_CLOSE_TAG = "<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>"
_COMMENT = "<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->"
_PROCESSING = "<[?][\\s\\S]*?[?]>"
_DECLARATION = "<![A-Za-z][^>]*>"
_CDATA = "<!\\[CDATA\\[[\\s\\S]*?\\]\\]>"

# An inline HTML tag, comment, processing instruction, declaration or CDATA section, matched at
# a position (`.match(text, pos)`: no leading `^`).
HTML_TAG_RE = re.compile("(?:" + "|".join((_OPEN_TAG, _CLOSE_TAG, _COMMENT, _PROCESSING, _DECLARATION, _CDATA))
                         + ")")

# The HTML blocks, in CommonMark's order: (what opens one, what ends it, can it interrupt a paragraph).
HTML_SEQUENCES: list[tuple[re.Pattern[str], re.Pattern[str], bool]] = [
    (re.compile(r"^<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.IGNORECASE),
     re.compile(r"<\/(?a:(script|pre|style|textarea))>", re.IGNORECASE), True),
    (re.compile(r"^<!--"), re.compile(r"-->"), True),
    (re.compile(r"^<\?"), re.compile(r"\?>"), True),
    (re.compile(r"^<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"^<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile("^</?(?a:(" + "|".join(BLOCK_NAMES) + "))(?=(\\s|/?>|$))", re.IGNORECASE), re.compile(r"^$"), True),
    (re.compile("^(?:" + _OPEN_TAG + "|" + _CLOSE_TAG + ")" + "\\s*$"), re.compile(r"^$"), False),
]

# What markdown-it trims a paragraph or heading of: what JavaScript's `String.prototype.trim`
# removes, less U+FEFF (not `str.strip()`'s set, which also takes U+001C-U+001F and U+0085).
MD_TRIM_CHARS = "".join(chr(code) for code in sorted(
    {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000}
    | set(range(0x2000, 0x200B)) | {0x2028, 0x2029}))
