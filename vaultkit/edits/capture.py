"""Capture: the text edits behind `new`, `log` and `brag`. Pure: text in, text out.

Every edit here only inserts: the bytes of the user's note before and after the
insertion point are returned unchanged (line endings and BOM included).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from vaultkit.kinds.schema import BUILTIN, Schema
from vaultkit.reader.markdown import BodyScan, inline_fields, scan_body
from vaultkit.reader.model import Heading
from vaultkit.reader.yamlfront import split

_BAD_CHARS = set('*"\\/<>:|?#^[]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Where `new` puts a note of each built-in kind (the default rules find it there); `init` makes them.
KIND_FOLDERS = {name: kind.folder for name, kind in BUILTIN.kinds.items()}


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
    """A valid title made from free text (for brag notes named after what was done).

    At most `limit` characters and 160 bytes (file names are limited to 255 bytes);
    runs of dots become an ellipsis, since a title may not hold `..`.
    """
    cleaned = "".join(" " if c in _BAD_CHARS or ord(c) < 32 else c for c in text)
    cleaned = re.sub(r"\.{2,}", "…", " ".join(cleaned.split())).strip(". ")
    if len(cleaned) > limit or len(cleaned.encode("utf-8")) > 160:
        cut = cleaned[:limit]
        while len(cut.encode("utf-8")) > 160:
            cut = cut[:-1]
        cleaned = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" .,;")
    return cleaned or "Untitled"


# What YAML cannot hold as is in a quoted string: non-printable characters, and the line
# breaks (NEL, LS, PS) it would fold into spaces.
_YAML_ESCAPE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _yaml_str(value: str) -> str:
    """A YAML double-quoted string that loads back as `value` exactly."""
    return _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def yaml_value(kind: str | None, key: str, value: str, schema: Schema = BUILTIN) -> str:
    """A `--set key=value` value as YAML, by the field's type in `schema`: lists for list
    fields, numbers, dates and booleans as such where they are well formed, quoted text
    otherwise (a malformed one is left for the checker to name)."""
    spec = schema.field(kind, key)
    ftype = spec.type if spec else None
    value = value.strip()
    # `tags` and `aliases` are lists to Obsidian: one written as a string is not read as one.
    if ftype in ("list", "links") or (ftype is None and key in ("tags", "aliases")):
        parts = [p.strip() for p in value.split(",") if p.strip()]
        return "[" + ", ".join(_yaml_str(p) for p in parts) + "]"
    if ftype == "bool" and value.lower() in ("true", "false"):
        return value.lower()
    whole = spec is not None and spec.parse == "int"
    if ftype == "number" and re.fullmatch(r"-?\d{1,9}" if whole else r"-?\d{1,15}(\.\d{1,15})?", value):
        return value
    if ftype == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if ftype == "enum" and spec is not None:  # a synonym or another case reads as the declared value
        value = spec.choices.get(value.casefold(), value)
    return _yaml_str(value)


# The date fields `new` fills with today when the template leaves them empty: a note's `date`,
# and a goal's `start` (no period before it counts as slipped: `vaultkit.views.derived.habits`),
# also for a vault whose own Templates/goal.md predates the field.
TODAY_FIELDS = {"goal": ("date", "start")}


def today_fields(kind: str) -> tuple[str, ...]:
    """The fields `new` fills with today where empty (`lacks_date` says whether each is)."""
    return TODAY_FIELDS.get(kind, ("date",))


def lacks_date(text: str, kind: str, schema: Schema = BUILTIN, key: str = "date") -> bool:
    """Whether `new` should fill the note's `key` (its `date`) with today: the kind has such a
    field of type date and the note's frontmatter gives none (no `key:` line, or an empty one)."""
    spec = schema.field(kind, key)
    if spec is None or spec.type != "date":
        return False
    fm = split(text)[0] or ""
    line = re.compile(rf"^{re.escape(key)}[ \t]*:(.*)$", re.MULTILINE)
    return not any(m.group(1).strip() for m in line.finditer(fm))


_PLACEHOLDER = re.compile(r"\{\{\s*(title|date|time)(?::([^{}\n]*))?\s*\}\}")
_MOMENT = re.compile(r"YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _moment(fmt: str, day: dt.date) -> str:
    """A date in Obsidian's (moment.js) format, for the common tokens; other text is kept."""
    month, weekday = _MONTHS[day.month - 1], _DAYS[day.weekday()]  # English whatever the locale
    values = {"YYYY": f"{day.year:04d}", "YY": f"{day.year % 100:02d}", "MMMM": month, "MMM": month[:3],
              "MM": f"{day.month:02d}", "M": str(day.month), "DD": f"{day.day:02d}", "D": str(day.day),
              "dddd": weekday, "ddd": weekday[:3]}
    return _MOMENT.sub(lambda m: values[m.group()], fmt)


def fill_template(template: str, title: str, today: dt.date) -> str:
    """Obsidian template placeholders: `{{title}}`, `{{date}}`, `{{date:YYYY-MM-DD}}`, `{{time}}`
    (plain substitution, no code). `{{time}}` is empty: vaultkit knows only the date."""
    def fill(m: re.Match[str]) -> str:
        name, fmt = m.group(1), m.group(2)
        if name == "title":
            return title
        if name == "date":
            return _moment(fmt.strip(), today) if fmt and fmt.strip() else today.isoformat()
        return ""
    return _PLACEHOLDER.sub(fill, template)


def set_fields(text: str, kind: str | None, values: list[tuple[str, str]], schema: Schema = BUILTIN) -> str:
    """Set frontmatter keys (replacing a `key:` line or adding one); adds frontmatter if absent.
    Each value is written as its field in `schema` reads it (`yaml_value`)."""
    fm, body, _ = split(text)
    lines = fm.split("\n") if fm is not None else []
    if lines and lines[-1] == "":
        lines.pop()
    for key, value in values:
        line = f"{key}: {yaml_value(kind, key, value, schema)}"
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


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # lines as the parser counts them, with their ends
_EOL = re.compile(r"\r\n|\r|\n")
_UNDERLINE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*")  # a setext heading's underline (in a quote too)


def _newline(text: str) -> str:
    """The note's own line ending (its first one), LF for a note of one line."""
    m = _EOL.search(text)
    return m.group() if m else "\n"


def _blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


def _scan(text: str) -> BodyScan:
    """The body as vaultkit reads it (`parse_note`: any line ending is a line break)."""
    _, body, body_line = split(text.replace("\r\n", "\n").replace("\r", "\n"))
    return scan_body(body, body_line)


def _placed(before: BodyScan, text: str, after: int, blanks: int, item: str, under: Heading | None,
            trailing: int = 0) -> bool:
    """Whether `text` reads as `before` with `item` inserted after line `after` (between `blanks` and
    `trailing` blank lines) as a list item whose nearest heading is `under`, all else kept."""
    at, shift = after + 1 + blanks, 1 + blanks + trailing
    scan = _scan(text)
    headings = [h._replace(line=h.line + shift) if h.line > after else h for h in before.headings]
    if under is not None and under not in headings:  # the heading is added along with the item
        headings.append(under)
    old = [(i.line + shift if i.line > after else i.line, i.text, i.heading) for i in before.items]
    new = [i for i in scan.items if i.line == at]
    return (scan.headings == headings and [(i.line, i.text, i.heading) for i in scan.items if i.line != at] == old
            and len(new) == 1
            and new[0].text == item[2:].strip(" \t") and (under is None or new[0].heading == under.text))


def _single_line(item: str) -> None:
    if "\n" in item or "\r" in item or item[:2] not in ("- ", "* ", "+ ") or not item[2:].strip(" \t"):
        raise ValueError(f"not a one-line list item: {item!r}")


def _ending(rest: str, lines: list[str]) -> tuple[str, int, str]:
    """`rest` ending with a line break (added if missing), how many lines it then has, and the
    line break to add after it (its last one: a lone CR followed by LF would merge into one)."""
    nl = _newline(rest)
    if rest and not rest.endswith(("\n", "\r")):
        return rest + nl, len(lines), nl
    return rest, len(lines), _newline(lines[-1]) if lines else nl


def append_item(text: str, item: str) -> str:
    """Append a list item at the end of a note, after a blank line if the note doesn't end in a list.

    Only inserts (at the end). Raises ValueError when the item would not read as a list item
    there (the note ends inside a code block, comment or HTML block).
    """
    _single_line(item)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rest = text[len(bom):]
    lines = _LINE.findall(rest)
    out, count, nl = _ending(rest, lines)
    filled = [line for line in lines if not _blank(line)]
    blanks = 1 if filled and not filled[-1].lstrip(" \t").startswith(("- ", "* ", "+ ")) else 0
    result = out + nl * blanks + item + nl
    if not _placed(_scan(rest), result, count, blanks, item, None):
        raise ValueError("the note ends inside a code block, comment or HTML block, where a list item "
                         "would not count; close it, then try again")
    return bom + result


def insert_interaction(text: str, item: str, heading: str = "Interactions") -> str:
    """Insert `item` (one list item line) as the last entry under the `## Interactions` heading
    (the heading is added at the end if absent).

    "Under" as vaultkit reads a person note: the heading is the item's nearest heading above,
    so the item goes before any subheading of the section. Only inserts: every other byte of
    `text` is kept, line endings (CRLF, CR) and BOM included. Raises ValueError when no
    insertion point gives that while keeping the note's other headings and list items as they
    were (the note ends inside an unclosed code block or comment).
    """
    _single_line(item)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rest = text[len(bom):]
    before = _scan(rest)
    lines = _LINE.findall(rest)
    target = next((h for h in before.headings if h.text.casefold().startswith(heading.casefold())), None)
    if target is None:
        out, count, nl = _ending(rest, lines)
        blanks = 1 if out.strip() else 0
        added = Heading(2, heading, count + blanks + 1)
        result = out + nl * blanks + f"## {heading}{nl}{nl}{item}{nl}"
        if _placed(before, result, count, blanks + 2, item, added):
            return bom + result
        raise ValueError(f"the note ends inside a code block, comment or HTML block; add a `## {heading}` "
                         "heading where it should go, then try again")
    following = [h.line for h in before.headings if h.line > target.line]
    section_end = min(following[0] - 1 if following else len(lines), len(lines))
    last = max((n for n in range(target.line + 1, section_end + 1) if not _blank(lines[n - 1])),
               default=target.line)
    # After the section's last line; failing that (it is in an unclosed code block or comment),
    # right after the heading (or its setext underline). A blank line after the item where the
    # next line would otherwise continue it.
    underlines = [n for n in range(target.line + 1, min(last, target.line + 10) + 1)
                  if _UNDERLINE.fullmatch(lines[n - 1].rstrip("\r\n"))]
    for after in dict.fromkeys((last, target.line, *underlines[:1])):
        own = _EOL.search(lines[after - 1])
        eol = own.group() if own else _newline(rest)
        blanks = 1 if after != last or after == target.line else 0
        offset = sum(len(line) for line in lines[:after])
        follows = after < len(lines) and not _blank(lines[after])
        for trailing in (0, 1) if follows else (0,):
            insert = eol * blanks + item + eol * (1 + trailing) if own else eol + eol * blanks + item
            result = rest[:offset] + insert + rest[offset:]
            if _placed(before, result, after, blanks, item, target, trailing):
                return bom + result
    raise ValueError(f"cannot add a list item under the `{target.text}` heading without changing the rest of "
                     "the note (an unclosed code block or comment?); fix the note, then try again")


def brag_note(text: str, date: dt.date, impact: str | None, impacted: list[str], theme: str | None,
              metrics: list[str]) -> str:
    """The text of a new brag note."""
    lines = ["---", "type: brag", f"date: {date.isoformat()}"]
    if impact:
        lines.append(f"impact: {_yaml_str(impact)}")
    if impacted:
        lines.append("impacted: [" + ", ".join(_yaml_str(i) for i in impacted) + "]")
    if metrics:
        lines.append("metrics: [" + ", ".join(_yaml_str(m) for m in metrics) + "]")
    if theme:
        lines.append(f"theme: {_yaml_str(theme)}")
    lines += ["---", "", text.strip(), ""]
    return "\n".join(lines)


def _inline_field(key: str, value: str) -> str:
    """`[key:: value]`, or `(key:: value)` when brackets in the value would break the first."""
    forms = (("[", "]"), ("(", ")"))
    for opening, closing in forms[::-1] if key == "theme" else forms:  # `(theme:: x)`, as in the README
        written = f"{opening}{key}:: {value}{closing}"
        if inline_fields(f"x {written} y") == [(key, value)]:
            return written
    raise ValueError(f"cannot write the {key} {value!r} as an inline field (it holds both brackets and "
                     "parentheses); capture the win as a brag note instead (without --daily)")


def brag_item(text: str, impact: str | None, impacted: list[str], theme: str | None, metrics: list[str]) -> str:
    """An inline `#brag` list item with Dataview fields, for a daily note (one line).

    Checked by reading it back: one list item, tagged #brag, with exactly these fields. Text
    that would start a block of its own (`- x`, `# x`, `> x`) gets a backslash. Raises
    ValueError when no spelling reads back as given (say, backticks that make a code span).
    """
    def one_line(value: str) -> str:
        return " ".join(value.split())

    fields = [("impact", one_line(impact or "")), ("impacted", ", ".join(one_line(i) for i in impacted)),
              ("metrics", "; ".join(one_line(m) for m in metrics)), ("theme", one_line(theme or ""))]
    wanted = sorted((key, value) for key, value in fields if value)
    written = [_inline_field(key, value) for key, value in fields if value]
    what = one_line(text)
    escaped = re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", what) if what[:1].isdigit() else "\\" + what
    for shown in dict.fromkeys((what, escaped)):
        item = " ".join([f"- {shown} #brag", *written])
        found = scan_body(item).items
        if len(found) == 1 and found[0].text == item[2:] and "brag" in found[0].tags \
                and sorted(found[0].fields) == wanted:
            return item
    raise ValueError("the brag text does not read back as one #brag item with these fields (inline fields "
                     "or backticks of its own?); capture the win as a brag note instead (without --daily)")
