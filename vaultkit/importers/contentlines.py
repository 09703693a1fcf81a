"""The content lines shared by vCard (RFC 6350) and iCalendar (RFC 5545), read with their line
numbers: vobject and icalendar report a malformed file without a line (or with one counted
otherwise), so the file is checked here first and each problem named by the line a user's
editor shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vaultkit.importers.records import ImportFailure

# NAME (with an optional `group.` prefix), parameters (quoted values may hold `:` and `;`), `:`.
_CONTENT = re.compile(r'(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)(?:;(?:"[^"]*"|[^";:])*)*:')


@dataclass
class Component:
    """A BEGIN…END block: its name, the lines it starts and ends on, its properties' first
    lines by name (upper case), and the components inside it."""

    name: str
    begin: int
    end: int = 0
    props: dict[str, int] = field(default_factory=dict)
    children: list[Component] = field(default_factory=list)


def decode(data: bytes, what: str) -> str:
    """The file as text (UTF-8, a BOM dropped); a byte that is not UTF-8 names its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ImportFailure(line, f"this {what} is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                            "export it again as UTF-8") from None


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the line each starts on (a line starting with a space or
    tab continues the one before it); blank lines dropped."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if raw[:1] in (" ", "\t") and out:
            start, before = out[-1]
            out[-1] = (start, before + raw[1:])
        elif raw.strip():
            out.append((number, raw))
    return out


def _a(what: str) -> str:
    return ("an " if what[:1].lower() in "aeiou" else "a ") + what


def scan(text: str, what: str, top: str) -> list[Component]:
    """The file's top-level `top` components (VCARD, VCALENDAR), each line checked: a line
    that is no content line, an END without its BEGIN, a BEGIN never closed, a line outside
    any component, each raises `ImportFailure` with the line."""
    roots: list[Component] = []
    stack: list[Component] = []
    for number, line in logical_lines(text):
        m = _CONTENT.match(line)
        if m is None:
            raise ImportFailure(number, f"not a line of {_a(what)}: {_shown(line)}",
                                "each line is NAME:VALUE (a line continued from the one above starts with a space)")
        name, value = m.group(1).upper(), line[m.end():].strip().upper()
        if name == "BEGIN":
            if not stack and value != top:
                raise ImportFailure(number, f"BEGIN:{value} where {_a(what)} starts with BEGIN:{top}")
            comp = Component(value, number)
            (stack[-1].children if stack else roots).append(comp)
            stack.append(comp)
        elif name == "END":
            if not stack or stack[-1].name != value:
                opened = f"BEGIN:{stack[-1].name} (line {stack[-1].begin})" if stack else "no BEGIN"
                raise ImportFailure(number, f"END:{value} does not close {opened}",
                                    "the file is cut or its blocks are mixed up: export it again")
            stack.pop().end = number
        elif not stack:
            raise ImportFailure(number, f"{_shown(line)} stands outside BEGIN:{top} … END:{top}")
        else:
            stack[-1].props.setdefault(name, number)
    if stack:
        raise ImportFailure(stack[-1].begin, f"BEGIN:{stack[-1].name} is never closed by END:{stack[-1].name}",
                            "the file is cut short: export it again")
    if not roots:
        raise ImportFailure(None, f"no BEGIN:{top} found: this is not {_a(what)}")
    return roots


def split_lines(text: str) -> list[str]:
    """The file's lines as `block` takes them (split once: an address book holds thousands of cards)."""
    return re.split(r"\r\n|\r|\n", text)


def block(lines: list[str], comp: Component) -> str:
    """The text of the lines `comp.begin`…`comp.end` (1-based) of `split_lines(text)`,
    CRLF-ended as the format wants."""
    return "\r\n".join(lines[comp.begin - 1:comp.end]) + "\r\n"


def _shown(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "...")
