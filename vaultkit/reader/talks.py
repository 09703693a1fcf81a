"""An event's talks (SPEC §2): who spoke, on what, and the one thing that stood out. Pure.

The thing that stood out is the opener to use when you approach the speaker, so prep notes
show it next to them. Talks come from either or both of two places in an event note:

* frontmatter `talks:`, a list of mappings (other spellings of the keys are read too)::

      talks:
        - speaker: "[[Mei Lin Chen]]"        # or a plain name; a list for several speakers
          title: CDC with Debezium at Quillbank
          note: unconsumed slots filled a 2 TB disk in 9 hours

  speaker ← speakers, by, who; title ← talk, topic; note ← stood_out, takeaway, opener, notes.
  An item written as one line of text is read as a `## Talks` item (below).

* a `## Talks` section (any heading level, until the next heading of the same level or
  higher), one list item per talk::

      - [[Speaker]] — Title: what stood out
      - [[Speaker]] — "A title: with a colon": what stood out
      - [[Speaker]]: what stood out           (no title)
      - Plain Name — Title                    (no note for them yet)

  The speaker part ends at the first spaced dash (` — `, ` – ` or ` - `); the links in it are
  the speakers (`[[A]] and [[B]]`), else its text names one. The title ends at the first `: `
  unless it is quoted or emphasised. Items indented under a talk add to what stood out.

Frontmatter talks come first, then the section's, each in the order written. A malformed
entry is a warning at its own line (`talk-entry`), and the other talks still count.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from vaultkit.reader.linksyntax import parse_link
from vaultkit.reader.model import Diagnostic, Heading, Link, ListItem, Severity

CODE = "talk-entry"
SHAPE = "- [[Speaker]] — Title: what stood out"
KEYS = {  # the key a talk's mapping may use → the part of the talk it gives
    **dict.fromkeys(("speaker", "speakers", "by", "who"), "speaker"),
    **dict.fromkeys(("title", "talk", "topic"), "title"),
    **dict.fromkeys(("note", "notes", "stood_out", "what_stood_out", "takeaway", "opener"), "note"),
}
_DASH = re.compile(r"\s+[—–-]\s+")
_WIKI = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_CHECKBOX = re.compile(r"^\[[^\]\n]\]\s+")
_QUOTED = re.compile(r'^(?:"([^"]+)"|“([^”]+)”|\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_)\s*')
_MAX_NAME = 80  # a "speaker" longer than this is a sentence, not a name


class Talk(NamedTuple):
    """One talk: its line in the note, speakers (links, or plain names as `Link.bare`), title,
    and the one thing that stood out (`note`)."""

    line: int
    speakers: tuple[Link, ...]
    title: str
    note: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def _unquote(text: str) -> str:
    m = _QUOTED.match(text)
    return next(g for g in m.groups() if g is not None) if m and m.end() == len(text) else text


def parse_line(text: str, line: int, field: str | None = None) -> Talk | None:
    """One talk from a line like `[[Speaker]] — Title: what stood out`, or None when it names
    no speaker (no spaced dash and no link to open it)."""
    text = _CHECKBOX.sub("", text.strip())
    dash = _outside_links(text)
    if dash is not None:
        who, rest = text[:dash.start()], text[dash.end():]
    else:
        lead = re.match(r"^(?:\s*(?:!?\[\[[^\[\]\n]+?\]\])\s*(?:,|&|\band\b)?)+", text)
        if lead is None or not _WIKI.search(lead.group(0)):
            return None
        who, rest = lead.group(0), text[lead.end():].lstrip()
        if rest.startswith(":"):
            return Talk(line, _speakers(who, line, field), "", _clean(rest[1:]))
        rest = rest.lstrip(",").lstrip()
    speakers = _speakers(who, line, field)
    if not speakers:
        return None
    title, note = _title_note(rest)
    return Talk(line, speakers, title, note)


def _outside_links(text: str) -> re.Match[str] | None:
    """The first spaced dash that is not inside a `[[link]]`."""
    for m in _DASH.finditer(text):
        before = text[:m.start()]
        if before.count("[[") <= before.count("]]"):
            return m
    return None


def _speakers(who: str, line: int, field: str | None) -> tuple[Link, ...]:
    links = []
    for m in _WIKI.finditer(who):
        link = parse_link(m.group(2), line, embed=bool(m.group(1)), field=field)
        if link is not None and link.target:
            links.append(link)
    if links:
        return tuple(links)
    name = _unquote(_clean(who).strip("*_ "))
    if not name or len(name) > _MAX_NAME or ":" in name:
        return ()
    return (Link(target=name, line=line, field=field, bare=True),)


def _title_note(rest: str) -> tuple[str, str]:
    rest = rest.strip()
    m = _QUOTED.match(rest)
    if m:
        title = next(g for g in m.groups() if g is not None)
        after = rest[m.end():].lstrip()
        return _clean(title), _clean(after[1:] if after.startswith(":") else after)
    title, sep, note = rest.partition(": ")
    if not sep and rest.endswith(":"):
        title = rest[:-1]
    return _clean(title), _clean(note)


# --- frontmatter `talks:` ---------------------------------------------------------------------


def item_lines(fm_text: str, key_line: int, first_line: int = 2) -> list[int]:
    """The note lines where the block list under the key at `key_line` has its items (empty
    for a flow list `talks: [...]`): the first `- ` lines at one indentation, until a line
    less indented, or a key at the list's own indentation."""
    lines = fm_text.split("\n")
    start = key_line - first_line
    if not 0 <= start < len(lines):
        return []
    key_indent = len(lines[start]) - len(lines[start].lstrip(" "))
    found: list[int] = []
    indent: int | None = None
    for offset, raw in enumerate(lines[start + 1:], start + 1):
        stripped = raw.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        here = len(raw) - len(stripped)
        if indent is None:
            if here < key_indent or not (stripped == "-" or stripped.startswith("- ")):
                break
            indent = here
        if here < indent or (here == indent and not (stripped == "-" or stripped.startswith("- "))):
            break
        if here == indent:
            found.append(offset + first_line)
    return found


def from_frontmatter(value: Any, key: str, key_line: int, lines: list[int], path: str,
                     diags: list[Diagnostic]) -> tuple[Talk, ...]:
    """The talks of a frontmatter value (`lines`: each list item's note line, from
    `item_lines`; where they do not match the items, every talk is at `key_line`)."""
    if isinstance(value, dict):
        diags.append(_diag(path, key_line, f"`{key}` is one mapping, not a list of talks: read as one talk",
                           f"start it with a dash: {key}:\\n  - speaker: ...\\n    title: ..."))
        value = [value]
    elif not isinstance(value, list | str):
        diags.append(_diag(path, key_line, f"`{key}`: got {_show(value)}, expected a list of talks",
                           f"write {key}:\n  - speaker: \"[[Name]]\"\n    title: ...\n    note: what stood out"))
        return ()
    elif isinstance(value, str):
        value = [value]
    if len(lines) != len(value):
        lines = [key_line] * len(value)
    talks = []
    for number, (entry, line) in enumerate(zip(value, lines, strict=True), 1):
        talk = _entry(entry, number, key, line, path, diags)
        if talk is not None:
            talks.append(talk)
    return tuple(talks)


def _entry(entry: Any, number: int, key: str, line: int, path: str, diags: list[Diagnostic]) -> Talk | None:
    where = f"`{key}` item {number}"
    if entry is None:
        return None  # an empty `- `, skipped as Obsidian skips it
    if isinstance(entry, str):
        talk = parse_line(entry, line, key)
        if talk is None:
            diags.append(_diag(path, line, f"{where}: {_show(entry)} names no speaker",
                               f'write "{SHAPE}", or a mapping: - speaker: ... / title: ... / note: ...'))
        return talk
    if _unquoted_link(entry):
        diags.append(_diag(path, line, f"{where}: [[{entry[0][0]}]] is not quoted, YAML reads it as a list",
                           f'write - speaker: "[[{entry[0][0]}]]"'))
        link = parse_link(entry[0][0], line, field=key)
        return Talk(line, (link,), "", "") if link is not None and link.target else None
    if not isinstance(entry, dict):
        diags.append(_diag(path, line, f"{where}: got {_show(entry)}, expected a mapping of speaker, title and note",
                           "write - speaker: \"[[Name]]\" / title: ... / note: what stood out"))
        return None
    parts: dict[str, Any] = {}
    for raw_key, raw in entry.items():
        name = KEYS.get(str(raw_key).strip().casefold().replace(" ", "_").replace("-", "_"))
        if name is None:
            diags.append(_diag(path, line, f"{where}: unknown key `{raw_key}`",
                               "a talk has speaker, title and note (what stood out)", Severity.INFO))
        elif name in parts:
            diags.append(_diag(path, line, f"{where}: `{raw_key}` gives the {name} a second time",
                               f"keep one {name}"))
        elif raw is not None:
            parts[name] = raw
    speakers = _speaker_value(parts.get("speaker"), where, key, line, path, diags)
    title = _text_value(parts.get("title"), "title", where, line, path, diags)
    note = _text_value(parts.get("note"), "note", where, line, path, diags)
    if not speakers and not title and not note:
        if parts or not entry:
            diags.append(_diag(path, line, f"{where}: no speaker, title or note could be read",
                               "write - speaker: \"[[Name]]\" / title: ... / note: what stood out"))
        return None
    return Talk(line, speakers, title, note)


def _speaker_value(value: Any, where: str, key: str, line: int, path: str,
                   diags: list[Diagnostic]) -> tuple[Link, ...]:
    if value is None:
        return ()
    if _unquoted_link(value):
        diags.append(_diag(path, line, f"{where}: speaker [[{value[0][0]}]] is not quoted, YAML reads it as a list",
                           f'write speaker: "[[{value[0][0]}]]"'))
        value = [f"[[{value[0][0]}]]"]
    values = value if isinstance(value, list) else [value]
    links: list[Link] = []
    for one in values:
        if _unquoted_link(one):
            one = f"[[{one[0]}]]"
        if not isinstance(one, str) or not one.strip():
            diags.append(_diag(path, line, f"{where}: speaker {_show(one)} is not a name or a link",
                               'write speaker: "[[Name]]" (or a plain name)'))
            continue
        found = _speakers(one, line, key)
        if not found:
            diags.append(_diag(path, line, f"{where}: speaker {_show(one)} is not a name or a link",
                               'write speaker: "[[Name]]" (or a plain name)'))
        links.extend(found)
    return tuple(links)


def _text_value(value: Any, name: str, where: str, line: int, path: str, diags: list[Diagnostic]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    diags.append(_diag(path, line, f"{where}: {name} is {_show(value)}, expected text",
                       f'quote it: {name}: "..."'))
    return ""


def _unquoted_link(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], list) \
        and len(value[0]) == 1 and isinstance(value[0][0], str)


def _show(value: Any) -> str:
    from vaultkit.kinds.fields import show  # the one way messages show a YAML value

    return show(value)


def _diag(path: str, line: int, message: str, hint: str, severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(path, line, severity, CODE, message, hint)


# --- a `## Talks` section ---------------------------------------------------------------------


def is_talks_heading(text: str) -> bool:
    """Does a heading open the talks section (`Talks`, `Talks:`, any case)?"""
    return text.strip().rstrip(":").strip().casefold() == "talks"


def from_section(headings: tuple[Heading, ...] | list[Heading], items: tuple[ListItem, ...] | list[ListItem],
                 body: str, body_line: int, path: str, diags: list[Diagnostic]) -> tuple[Talk, ...]:
    """The talks of the note's `## Talks` sections (`body`: the note's body text, from
    `body_line`, read for each item's indentation)."""
    spans = []
    for i, heading in enumerate(headings):
        if is_talks_heading(heading.text):
            end = next((h.line for h in headings[i + 1:] if h.level <= heading.level), None)
            spans.append((heading.line, end))
    if not spans:
        return ()
    lines = body.split("\n")
    talks: list[Talk] = []
    top: int | None = None  # the indentation of the section's talk items
    last_span = None
    for item in items:
        span = next((s for s in spans if s[0] < item.line and (s[1] is None or item.line < s[1])), None)
        if span is None:
            continue
        if span != last_span:
            top, last_span = None, span
        raw = lines[item.line - body_line] if 0 <= item.line - body_line < len(lines) else ""
        indent = len(raw) - len(raw.lstrip(" \t"))
        if top is None:
            top = indent
        if indent > top:
            if talks and talks[-1].line >= span[0]:  # more of what stood out, under the talk above
                talk = talks[-1]
                more = _clean(_CHECKBOX.sub("", item.text))
                talks[-1] = talk._replace(note=f"{talk.note}; {more}" if talk.note else more)
            continue
        read = parse_line(item.text, item.line)
        if read is None:
            diags.append(_diag(path, item.line, "this `## Talks` item names no speaker",
                               f"write it as {SHAPE} (a plain name works too: Ada Lovelace — Title)"))
            continue
        talks.append(read)
    return tuple(talks)


def speaker_links(talks: tuple[Talk, ...]) -> list[Link]:
    """Every speaker of frontmatter `talks`: they count as links, a plain name where it names
    a note (as in `want_to_meet`)."""
    return [link for talk in talks for link in talk.speakers]
