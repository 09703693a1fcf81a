"""File names that cannot be a note's name, or that no wikilink can hold (issue 9, point 7). Pure.

Linux allows any byte but `/` and NUL in a name; a note's name ends up in generated notes
(in a wikilink, a table cell) and in `check`'s output. Two classes, two answers:

- **unusable**: bytes that are not UTF-8 (`os.scandir` gives them as lone surrogates),
  line breaks (`\\n`, `\\r`, U+2028/2029, NEL) and other control characters (C0, DEL, C1).
  Such a name cannot be written in a link or a table at all, could start a line of its own
  (a forged `<!-- vaultkit:end … -->` marker) or steer a terminal: the file is **skipped**,
  with a warning whose path shows the name escaped (`Caf\\xe9.md`, `Two\\nLines.md`).
- **unlinkable**: `| [ ] # ^ < > \\`, which a wikilink reads as alias, link end, heading,
  block or escape, and `<`/`>`, which could open an HTML comment. Obsidian refuses them in
  names. The note is **kept** (its content counts like any other), with a warning, and
  generated notes show its name as escaped plain text instead of a link.
"""

from __future__ import annotations

import re

from vaultkit.reader.model import Diagnostic, Severity, escaped

_UNUSABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_UNLINKABLE = re.compile(r"[|\[\]#^<>\\]")
_PLAIN = {"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "#": "\\#", "^": "\\^", "<": "&lt;", ">": "&gt;"}
_PLAIN_RE = re.compile(r"[\\|\[\]#^<>]")
HINT = "rename it to a name of letters, digits, spaces and plain punctuation"


def unusable(name: str) -> str | None:
    """Why `name` (a file or folder name from the disk) cannot be a note's name; None when it can."""
    if name.isprintable():
        return None  # every character `_UNUSABLE` finds is one `isprintable` refuses: the scan's fast path
    found = _UNUSABLE.search(name)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return "bytes that are not UTF-8"
    if char in "\n\r\x85\u2028\u2029":
        return "a line break"
    return "a control character"


def printable(path: str) -> str:
    """`path` safe to print: undecodable bytes as `\\xNN`, control characters escaped."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return escaped(_UNUSABLE, text)


def unusable_warning(rel: str, reason: str, folder: bool) -> Diagnostic:
    """The warning for a file or folder skipped for its name."""
    what = "folder" if folder else "note"
    return Diagnostic(printable(rel), None, Severity.WARNING, "name-unusable",
                      f"{what} name holds {reason}: skipped (no link or table can hold it)", HINT)


def unlinkable(target: str) -> bool:
    """Does a link target (a note's name or path) hold a character no wikilink can hold?"""
    return _UNLINKABLE.search(target) is not None


def unlinkable_warning(rel: str) -> Diagnostic:
    """The warning for a note kept, whose name generated notes print as text, not as a link."""
    chars = " ".join(sorted(set(_UNLINKABLE.findall(rel.rsplit("/", 1)[-1].removesuffix(".md")))))
    return Diagnostic(rel, None, Severity.WARNING, "name-unlinkable",
                      f"note name holds {chars}, which a wikilink cannot hold: generated notes show it as "
                      "text, not as a link", f"{HINT} (Obsidian refuses | [ ] # ^ < > \\ in names)")


def plain(text: str) -> str:
    """A name as Markdown text that is nothing else: no link, tag, table cell break or HTML."""
    return _PLAIN_RE.sub(lambda m: _PLAIN[m.group()], " ".join(text.split()))
