"""Filling empty frontmatter fields of a note that exists (what `vaultkit import` does to the
notes it matches). Pure: text in, text out.

Only the lines of the fields filled change: a `key:` line with no value gets one, a missing key
gets a line before the closing `---`; every other byte (BOM, line endings, comments, the order
and spelling of the other keys, the body) is kept. A key that holds anything — a value, a block
list on the lines below, a value vaultkit cannot read — is refused, never replaced.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_EMPTY = ("", "~", "null", "Null", "NULL", '""', "''", "[]")
# `key:` at the start of a line, then the value and an optional ` # comment`.
_KEY = r"^{key}[ \t]*:(?P<value>[^\r\n]*?)(?P<comment>[ \t]+#[^\r\n]*)?(?P<eol>\r\n|\r|\n)?$"


def _eol(lines: list[str]) -> str:
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith(("\n", "\r")):
            return line[-1]
    return "\n"


def fill_fields(text: str, values: list[tuple[str, str]], overwrite: bool = False) -> tuple[str, list[str]]:
    """`text` with each (key, YAML value) written where the key is empty or absent, and the keys
    refused because they hold something. An empty YAML value writes `key:` (no value).

    `overwrite` replaces a one-line value too (for a note not yet on disk, made from a template);
    a key with a block below it is refused even then.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _LINE.findall(text[len(bom):])
    nl = _eol(lines)
    if lines and lines[0].rstrip("\r\n") == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")), None)
    else:
        close = None
    if close is None:  # no frontmatter (or one never closed, which reads as none): add one
        lines = [f"---{nl}", f"---{nl}", *lines]
        close = 1
    refused: list[str] = []
    for key, yaml in values:
        pattern = re.compile(_KEY.format(key=re.escape(key)))
        at = next((i for i in range(1, close) if pattern.match(lines[i])), None)
        shown = f"{key}: {yaml}" if yaml else f"{key}:"
        if at is None:
            lines.insert(close, shown + nl)
            close += 1
            continue
        m = pattern.match(lines[at])
        assert m is not None
        below = lines[at + 1] if at + 1 < close else ""
        block = below[:1] in (" ", "\t", "-") and below.strip() != ""
        if block or (m.group("value").strip() not in _EMPTY and not overwrite):
            refused.append(key)
            continue
        lines[at] = shown + (m.group("comment") or "") + (m.group("eol") or "")
    return bom + "".join(lines), refused
