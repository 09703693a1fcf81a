"""Capture: the text edits behind `new`, `log` and `brag`. Pure: text in, text out.

Every edit here only inserts: the bytes of the user's note before and after the
insertion point are returned unchanged (line endings and BOM included).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from vaultkit.fields import SCHEMA
from vaultkit.markdown import scan_body
from vaultkit.yamlfront import split

_BAD_CHARS = set('*"\\/<>:|?#^[]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
KIND_FOLDERS = {"person": "People", "event": "Events", "brag": "Brag", "challenge": "Challenges",
                "interview": "Interviews", "share": "Sharing", "community": "Communities"}


def check_title(title: str) -> str | None:
    """Why `title` cannot be a note's file name, or None when it can."""
    if not title.strip():
        return "the title is empty"
    if title != title.strip():
        return "the title starts or ends with a space"
    if ".." in title or title.startswith("."):
        return "the title may not contain '..' or start with '.'"
    bad = sorted({c for c in title if c in _BAD_CHARS or ord(c) < 32})
    if bad:
        shown = " ".join(repr(c)[1:-1] for c in bad)
        return f"the title contains {shown}; none of * \" \\ / < > : | ? # ^ [ ] may appear in a note name"
    if title.split(".")[0].upper() in _RESERVED:
        return f"{title.split('.')[0]} is a reserved device name on Windows"
    if title.endswith("."):
        return "the title may not end with '.'"
    if len(title.encode("utf-8")) > 200:
        return "the title is longer than 200 bytes"
    return None


def safe_title(text: str, limit: int = 80) -> str:
    """A valid title made from free text (for brag notes named after what was done)."""
    cleaned = "".join(" " if c in _BAD_CHARS or ord(c) < 32 else c for c in text)
    cleaned = " ".join(cleaned.split()).strip(". ")
    if len(cleaned) > limit:
        cleaned = cleaned[:limit].rsplit(" ", 1)[0].rstrip(" .,;")
    return cleaned or "Untitled"


def yaml_value(kind: str | None, key: str, value: str) -> str:
    """A `--set key=value` value as YAML: lists for list fields, quoted text otherwise."""
    ftype = SCHEMA.get(kind or "", {}).get(key)
    value = value.strip()
    if ftype in ("texts", "links", "names") or (ftype is None and "," in value and key in ("tags", "aliases")):
        parts = [p.strip() for p in value.split(",") if p.strip()]
        return "[" + ", ".join(json.dumps(p, ensure_ascii=False) for p in parts) + "]"
    if ftype in ("bool",) and value.lower() in ("true", "false"):
        return value.lower()
    if ftype == "int" and re.fullmatch(r"-?\d{1,9}", value):
        return value
    if ftype == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def fill_template(template: str, title: str, today: dt.date) -> str:
    """Obsidian template placeholders: `{{title}}` and `{{date}}` (plain substitution, no code)."""
    return (template.replace("{{title}}", title).replace("{{date}}", today.isoformat())
            .replace("{{ title }}", title).replace("{{ date }}", today.isoformat()))


def set_fields(text: str, kind: str | None, values: list[tuple[str, str]]) -> str:
    """Set frontmatter keys (replacing a `key:` line or adding one); adds frontmatter if absent."""
    fm, body, _ = split(text)
    lines = fm.split("\n") if fm is not None else []
    if lines and lines[-1] == "":
        lines.pop()
    for key, value in values:
        line = f"{key}: {yaml_value(kind, key, value)}"
        pattern = re.compile(rf"^{re.escape(key)}\s*:")
        index = next((i for i, existing in enumerate(lines) if pattern.match(existing)), None)
        if index is None:
            lines.append(line)
        else:
            # drop the old value's continuation lines (an indented block list) too
            end = index + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t", "-")) and lines[end].strip()):
                end += 1
            lines[index:end] = [line]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def append_item(text: str, item: str) -> str:
    """Append a list item at the end of a note, after a blank line if the note doesn't end in a list."""
    nl = _newline(text)
    if not text:
        return item + nl
    out = text if text.endswith(("\n", "\r")) else text + nl
    last = out.rstrip("\r\n").rsplit("\n", 1)[-1].lstrip()
    if not last.startswith(("- ", "* ", "+ ")):
        out += nl
    return out + item + nl


def insert_interaction(text: str, item: str, heading: str = "Interactions") -> str:
    """Insert `item` as the last entry under the `## Interactions` heading (added if absent).

    Only inserts: every other byte of `text` is kept, CRLF and BOM included.
    """
    nl = _newline(text)
    eol = "\r" if nl == "\r\n" else ""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rest = text[len(bom):]
    _, body, body_line = split(rest.replace("\r\n", "\n"))
    headings = scan_body(body, body_line).headings
    target = next((h for h in headings if h.text.casefold().startswith(heading.casefold())), None)
    if target is None:
        out = rest if not rest or rest.endswith("\n") else rest + nl
        return bom + out + (nl if out.strip() else "") + f"## {heading}{nl}{nl}{item}{nl}"
    lines = rest.split("\n")  # elements keep a trailing "\r" in CRLF files, so the join is exact
    following = [h.line for h in headings if h.line > target.line and h.level <= target.level]
    section_end = following[0] - 1 if following else len(lines)
    last = target.line
    for number in range(target.line + 1, section_end + 1):
        if lines[number - 1].strip():
            last = number
    if last == len(lines):  # the section runs to a last line with no newline after it
        return bom + rest + nl + item
    new = [item + eol] if last > target.line else [eol, item + eol]
    return bom + "\n".join(lines[:last] + new + lines[last:])


def brag_note(text: str, date: dt.date, impact: str | None, impacted: list[str], theme: str | None,
              metrics: list[str]) -> str:
    """The text of a new brag note."""
    lines = ["---", "type: brag", f"date: {date.isoformat()}"]
    if impact:
        lines.append(f"impact: {json.dumps(impact, ensure_ascii=False)}")
    if impacted:
        lines.append("impacted: [" + ", ".join(json.dumps(i, ensure_ascii=False) for i in impacted) + "]")
    if metrics:
        lines.append("metrics: [" + ", ".join(json.dumps(m, ensure_ascii=False) for m in metrics) + "]")
    if theme:
        lines.append(f"theme: {json.dumps(theme, ensure_ascii=False)}")
    lines += ["---", "", text.strip(), ""]
    return "\n".join(lines)


def brag_item(text: str, impact: str | None, impacted: list[str], theme: str | None, metrics: list[str]) -> str:
    """An inline `#brag` list item with Dataview fields, for a daily note."""
    parts = [f"- {' '.join(text.split())} #brag"]
    if impact:
        parts.append(f"[impact:: {' '.join(impact.split())}]")
    if impacted:
        parts.append(f"[impacted:: {', '.join(impacted)}]")
    if metrics:
        parts.append(f"[metrics:: {'; '.join(metrics)}]")
    if theme:
        parts.append(f"(theme:: {theme})")
    return " ".join(parts)
