"""One note's bytes → a typed `Note`. Pure: no disk access, never raises on any bytes."""

from __future__ import annotations

import re
from typing import Any

from vaultkit.kinds import fields as F
from vaultkit.kinds import habitcheck
from vaultkit.kinds import rules as kindrules
from vaultkit.kinds.schema import COMMON
from vaultkit.reader import conflicts, linksyntax, markdown, talks, yamlfront
from vaultkit.reader.about import EVENT_LIMIT, own_text
from vaultkit.reader.config import Config
from vaultkit.reader.dates import day_reason
from vaultkit.reader.linksyntax import parse_link
from vaultkit.reader.markdown import scan_body
from vaultkit.reader.model import Diagnostic, Heading, Link, Note, QuerySpot, Severity
from vaultkit.reader.yamlfront import load, split

_NO_IDS: frozenset[str] = frozenset()  # one empty set for every note without block ids, not one each
MAX_NOTE_BYTES = 2 * 1024 * 1024  # a hand-written note is far smaller; beyond this, skip it
_ITEM_DATE = re.compile(r"(?:\[[ xX]\]\s+)?([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9-])")
_UNCLOSED = re.compile(r"---[ \t]*(?:\n|$)")
_WIKI_ANY = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
# When YAML cannot read the frontmatter, its `type:` line still says which generated notes
# would have shown the note's fields, so they can say the fields are unreadable.
_TYPE_LINE = re.compile(r"^type:[ \t]*([\"']?)([A-Za-z_-]+)\1[ \t]*$", re.M)
# The frontmatter problems that leave none of its fields readable.
UNREADABLE = frozenset({"yaml-syntax", "yaml-invalid", "yaml-too-complex", "frontmatter-not-mapping",
                        "frontmatter-too-large"})


def forget_caches() -> None:
    """Empty the parser's per-process caches (split links, frontmatter lines and scalars, field
    keys, dates). They pay in a worker that parses batch after batch; a process that is done
    parsing and goes on to plan (a build's parent, which parses some batches itself) would
    carry them through its peak: ~25 MB at 50,000 notes."""
    linksyntax.forget()
    markdown.forget()
    yamlfront.forget()
    _TALKS_HEADINGS.clear()


_TALKS_HEADINGS: dict[str, bool] = {}  # a heading's text → whether it opens a talks section


def _talks_heading(heading: Heading) -> bool:
    """`talks.is_talks_heading` of a heading's text, remembered: a vault repeats a few headings
    (`Notes`, `Plan`) in every note, and each typed note asks of each of its headings."""
    found = _TALKS_HEADINGS.get(heading.text)
    if found is None:
        found = talks.is_talks_heading(heading.text)
        if len(_TALKS_HEADINGS) >= 1 << 12:
            _TALKS_HEADINGS.clear()
        _TALKS_HEADINGS[heading.text] = found
    return found


def decode(path: str, data: bytes, diags: list[Diagnostic]) -> str | None:
    """Bytes → text with LF line endings, or None for a file that is not text."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        diags.append(Diagnostic(path, line, Severity.ERROR, "not-text", "file contains NUL bytes: not a text note",
                                "rename it away from .md, or move it out of the vault"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        diags.append(Diagnostic(path, 1, Severity.INFO, "bom", "file starts with a byte-order mark",
                                "harmless; save as UTF-8 without BOM to silence this"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diags.append(Diagnostic(path, line, Severity.ERROR, "not-utf8",
                                f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8",
                                "re-save the note as UTF-8; bad bytes are read as \ufffd meanwhile"))
        text = data.decode("utf-8", errors="replace")
    if "\r" in text:
        diags.append(Diagnostic(path, None, Severity.INFO, "crlf", f"file uses {_endings(text)} line endings",
                                "harmless; vaultkit reads them as LF, and keeps them where it writes into the "
                                "note (its query regions, `vaultkit log`)"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _endings(text: str) -> str:
    """`CRLF`, `CR` (old Mac tools), or `mixed (…)` when a note holding a CR has several kinds."""
    crlf = text.count("\r\n")
    kinds = [name for name, there in (("CRLF", crlf), ("CR", text.count("\r") - crlf),
                                      ("LF", text.count("\n") - crlf)) if there]
    return kinds[0] if len(kinds) == 1 else f"mixed ({', '.join(kinds)})"


def _as_strings(value: Any, key: str, path: str, line: int, diags: list[Diagnostic],
                literal: str | None = None, items: list[str | None] | None = None) -> tuple[str, ...]:
    """`tags` or `aliases` as text, each value as the user typed it (`literal`, `items`: the
    YAML text of the value or of each list item): `- Yes`, `- 1.0`, `- 012`, `- 2024-01-01`
    stay so, not true, 1, 10 or a date. An empty item (`- `) is skipped, as Obsidian skips it."""
    if value is None:
        return ()
    if isinstance(value, str):
        if key == "tags" and any(c == "," or c.isspace() for c in value.strip()):
            # Obsidian's metadata cache reports no tag for `tags: value-1, value-2` written as
            # one string (a tag holds no comma or space): the user's tags are lost there.
            listed = ", ".join(p.lstrip("#") for p in re.split(r"[,\s]+", value.strip()) if p.lstrip("#"))
            diags.append(Diagnostic(path, line, Severity.WARNING, "tags-string",
                                    f"`tags: {value.strip()}` is one text, and Obsidian reads no tag from it",
                                    f"write the tags as a list: tags: [{listed}]"))
            return ()
        parts = [value]
    elif isinstance(value, list):
        parts = []
        for i, item in enumerate(value):
            if item is None:
                continue
            if isinstance(item, list | dict):
                diags.append(Diagnostic(path, line, Severity.ERROR, "field-type",
                                        f"`{key}`: got {F.show(item)} in the list, expected text",
                                        f"write each of `{key}` as text: {key}: [a, b]"))
                continue
            typed = items[i] if items is not None and i < len(items) else None
            parts.append(item if isinstance(item, str) else typed if typed is not None else str(item))
    elif isinstance(value, dict):
        diags.append(Diagnostic(path, line, Severity.ERROR, "field-type",
                                f"`{key}`: got {F.show(value)}, expected a list of text",
                                f"write {key}: [a, b]"))
        return ()
    else:
        parts = [literal if literal is not None else str(value)]
    cleaned = (p.strip().lstrip("#").strip() if key == "tags" else p.strip() for p in parts)
    return tuple(p for p in cleaned if p)


def _links_in_value(value: Any, key: str, line: int, out: list[Link], unquoted: list[str]) -> None:
    """Links anywhere inside a frontmatter value of a key vaultkit has no type for."""
    if isinstance(value, str):
        if "[[" not in value:
            return
        for m in _WIKI_ANY.finditer(value):
            link = parse_link(m.group(2), line, embed=bool(m.group(1)), field=key)
            if link is not None:
                out.append(link)
    elif isinstance(value, list):
        if len(value) == 1 and isinstance(value[0], list) and len(value[0]) == 1 and isinstance(value[0][0], str):
            link = parse_link(value[0][0], line, field=key)
            if link is not None:
                out.append(link)
                unquoted.append(link.target)
            return
        for v in value:
            _links_in_value(v, key, line, out, unquoted)
    elif isinstance(value, dict):
        for v in value.values():
            _links_in_value(v, key, line, out, unquoted)


def _field_links(value: Any) -> list[Link]:
    if isinstance(value, Link):
        return [value]
    if isinstance(value, tuple):
        return [v for v in value if isinstance(v, Link)]
    return []


# Characters that change how a name is shown or compared without being seen: bidi controls
# (a name can display as another, "gpj.exe" as "exe.jpg") and zero-width ones.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b-\u200d\u2060\ufeff]")


def name_diagnostics(path: str) -> list[Diagnostic]:
    """A warning when a note's path holds bidi controls or zero-width characters."""
    found = sorted(set(_INVISIBLE.findall(path))) if not path.isascii() else []
    if not found:
        return []
    shown = ", ".join(f"U+{ord(c):04X}" for c in found)
    return [Diagnostic(path, None, Severity.WARNING,
                       "name-invisible", f"the name holds invisible characters ({shown}): it may show as another "
                       "name or not match links typed by hand", "rename the note without them")]


def _by_rules(config: Config, path: str, data: dict[str, Any], tags: list[str], typed: bool,
              line_of: Any, diags: list[Diagnostic]) -> str | None:
    """The kind `vaultkit.toml`'s rules give (see `vaultkit.kinds.rules`); a warning when rules of
    two kinds match as strongly, naming both and the one taken."""
    found = config.rules.detect(path, data, tags, typed)
    if found.rivals:
        others = ", ".join(f"{kind} ({how})" for kind, how in found.rivals)
        key = found.how.split(" ", 2)[1].rstrip(":") if found.how.startswith("property") else ""
        diags.append(Diagnostic(path, line_of(key) if key else 1, Severity.WARNING, "kind-ambiguous",
                                f"rules of several kinds match: {found.kind} ({found.how}), {others}; "
                                f"read as {found.kind}, the first by name",
                                f"set `type: {found.kind}` (or another kind) in the note, or narrow the rules "
                                "in vaultkit.toml"))
    return found.kind


def _from_source(diag: Diagnostic, name: str, source: str) -> Diagnostic:
    """A field's diagnostic, saying which property of the note it was read from."""
    return diag._replace(message=diag.message.replace(f"`{name}`", f"`{name}` (from `{source}`)", 1),
                         hint=diag.hint.replace(f"`{name}:`", f"`{source}:`"))


def _split_at_line(text: str, line: int) -> tuple[str, str]:
    """`text` cut before its 1-based `line`: (the lines above, the rest)."""
    if line <= 1:
        return "", text
    parts = text.split("\n", line - 1)
    return "\n".join(parts[:-1]), parts[-1]


def too_large(path: str, size: int) -> Note:
    """The stand-in for a note too big to read: linkable by name, with a diagnostic."""
    stem = path.rsplit("/", 1)[-1]
    diag = Diagnostic(path, None, Severity.WARNING, "file-too-large",
                      f"note is {size:,} bytes; notes over {MAX_NOTE_BYTES:,} bytes are skipped",
                      "split it into smaller notes, or add it to `ignore` in vaultkit.toml")
    return Note(path=path, title=stem[:-3] if stem.lower().endswith(".md") else stem, kind=None,
                diagnostics=(*name_diagnostics(path), diag))


def parse_note(path: str, data: bytes, config: Config | None = None) -> Note:
    """Parse one note. `path` is vault-relative with `/` separators. Never raises on any bytes."""
    config = config or Config()
    diags: list[Diagnostic] = name_diagnostics(path)
    stem = path.rsplit("/", 1)[-1]
    stem = stem[:-3] if stem.lower().endswith(".md") else stem
    if len(data) > MAX_NOTE_BYTES:
        return too_large(path, len(data))
    text = decode(path, data, diags)
    if text is None:
        return Note(path=path, title=stem, kind=None, diagnostics=tuple(diags))
    found = conflicts.blocks(text)
    if found:
        diags.append(Diagnostic(path, found[0].first, Severity.ERROR, "conflict-markers", conflicts.describe(found),
                                "resolve the merge conflict and remove the markers"))
    fm_text, body, body_line = split(text)
    if fm_text is None and _UNCLOSED.match(text):
        diags.append(Diagnostic(path, 1, Severity.WARNING, "frontmatter-unclosed",
                                "the `---` on line 1 opens frontmatter that is never closed: read as text",
                                "end the frontmatter with a `---` line"))
    unreadable: str | None = None  # the frontmatter text whose fields cannot be read
    if found:
        # The lines of a conflict block count for nothing; the rest of the note still counts.
        blanked = conflicts.blank(text, found)
        head, body = _split_at_line(blanked, body_line)
        if fm_text is not None and found[0].first < body_line:
            inside, _, inside_body_line = split(blanked)
            if inside is not None and inside_body_line == body_line:
                # Blocks wholly inside the frontmatter: their lines count for nothing, the
                # other fields still do; the note is flagged, since some field is missing.
                fm_text, unreadable = inside, inside
            else:
                # The `---` that ends the frontmatter is inside a block: where the frontmatter
                # ends depends on the side, so none of it is read.
                fm_text, unreadable = None, head
    fm = load(fm_text, path) if fm_text is not None else None
    data_map: dict[str, Any] = fm.data if fm else {}
    if fm:
        diags.extend(fm.diagnostics)
        if any(d.code in UNREADABLE for d in fm.diagnostics):
            unreadable = fm_text
    lines = fm.lines if fm else {}
    salvaged = _TYPE_LINE.search(unreadable) if unreadable else None

    def line_of(key: str) -> int:
        return lines.get(key, 1)

    literals = fm.literals if fm else {}
    listed = fm.item_literals if fm else {}
    alias_key = "aliases" if "aliases" in data_map else "alias"
    aliases = _as_strings(data_map.get(alias_key), "aliases", path, line_of(alias_key), diags,
                          literals.get(alias_key), listed.get(alias_key))
    tags = list(_as_strings(data_map.get("tags"), "tags", path, line_of("tags"), diags,
                            literals.get("tags"), listed.get("tags")))
    for old, new in (("tag", "tags"), ("alias", "aliases")):
        if old in data_map and new not in data_map:
            # Obsidian renamed these in 1.4 and reads only the plural since 1.9: `tag:` gives no
            # tag there (nor here); `alias:` is still read here, but not by Obsidian.
            diags.append(Diagnostic(path, line_of(old), Severity.WARNING, "property-renamed",
                                    f"`{old}:` is the old name of `{new}:`, which Obsidian no longer reads",
                                    f"rename the property to `{new}:`"))
    scan = scan_body(body, body_line, para_fields=False)  # before the kind: a body tag can give it
    had = set(tags)  # (a list's `in`: a note of 40k distinct tags took 9 s, four times 20k's)
    for tag in scan.tags:
        if tag not in had:
            had.add(tag)
            tags.append(tag)

    kind: str | None = None
    kinds = config.schema.kinds
    raw_type = data_map.get("type")
    if isinstance(raw_type, str) and raw_type.strip().lower() in kinds:
        kind = raw_type.strip().lower()
    if kind is None and raw_type is None and salvaged and salvaged.group(2).lower() in kinds:
        kind = salvaged.group(2).lower()
    if kind is None:
        kind = _by_rules(config, path, data_map, tags, raw_type is not None, line_of, diags)
    near = near_kind(raw_type, tuple(kinds)) if kind is None and raw_type is not None else None
    if near is not None:  # a `type:` of the user's own is a plain note, silently (SPEC §2), unless a typo
        diags.append(Diagnostic(path, line_of("type"), Severity.INFO, "unknown-kind",
                                f"`type: {str(raw_type).strip()}` is no kind of vaultkit's: did you mean {near}?",
                                f"write `type: {near}` to make it a {near} note; "
                                "a type of your own is fine as it is (a plain note)"))

    title = stem
    raw_title = data_map.get("title")
    if isinstance(raw_title, str) and raw_title.strip():
        title = raw_title.strip()
    elif raw_title is not None:
        diags.append(Diagnostic(path, line_of("title"), Severity.WARNING, "field-type",
                                f"`title`: got {F.show(raw_title)}, expected text", 'quote it: title: "..."'))
    typed: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    links: list[Link] = []
    schema = config.schema.fields(kind)
    sources = config.rules.fields.get(kind or "", {})  # [kinds.K.fields] x = { from = "y" }
    renamed: dict[str, str] = {}
    if sources:
        data_map, renamed, both = kindrules.map_fields(data_map, sources)
        for name, source in both:
            diags.append(Diagnostic(path, lines.get(source, 1), Severity.INFO, "field-mapped-both",
                                    f"`{source}` is not read as `{name}`: the note sets `{name}` itself",
                                    f"remove one of them (vaultkit.toml maps `{name}` from `{source}`)"))
        lines = {**lines, **{name: lines.get(source, 1) for name, source in renamed.items()}}
        literals = {**literals, **{name: literals[source] for name, source in renamed.items() if source in literals}}
    kind_name = kind or ""
    for key, value in data_map.items():
        if key in COMMON:
            continue
        spec = schema.get(key)
        if spec is not None and value is not None:
            if spec.converter == "talks":  # entries diagnosed at their line
                read = talks.from_frontmatter(value, key, line_of(key), talks.item_lines(fm_text or "", line_of(key)),
                                              path, diags)
                typed[key] = read
                links.extend(talks.speaker_links(read))
                continue
            before = len(diags)
            habits = spec.parse == "habits"
            converted = F.convert(spec, kind_name, value, literals.get(key), lines.get(key, 1), path, diags,
                                  fm_text if habits else None)  # to find a bad habit's line
            if key in renamed:
                diags[before:] = [_from_source(d, key, renamed[key]) for d in diags[before:]]
            if converted is not None:
                typed[key] = converted
                if isinstance(converted, tuple):  # what `_field_links` reads: a link, or links in a tuple
                    links.extend(_field_links(converted))
                if habits:  # a WHAT that counts nothing: warned at its line
                    diags.extend(habitcheck.unknown_whats(path, kind_name, key, value, line_of(key), fm_text, config))
            continue
        extra[key] = value
        if value.__class__ is str and "[[" not in value:
            continue  # what `_links_in_value` finds in it: nothing (most values of keys with no type)
        unquoted: list[str] = []
        _links_in_value(value, key, line_of(key), links, unquoted)
        for target in unquoted:
            diags.append(Diagnostic(path, line_of(key), Severity.WARNING, "unquoted-link",
                                    f"field `{key}`: [[{target}]] is not quoted, YAML reads it as a list",
                                    f'write {key}: "[[{target}]]"'))
    known = kinds.get(kind or "")
    if known is not None and known.defaults and unreadable is None:
        for key, default in known.defaults:  # a field the note leaves out (or empty) takes the default
            if key not in typed and data_map.get(key) is None:
                typed[key] = default
    for key in () if unreadable is not None or known is None else known.required:  # not missing: unread
        if key not in typed and not any(d.code == "field-type" and f"`{key}`" in d.message for d in diags):
            also = f" (or `{sources[key]}:`, which vaultkit.toml maps to it)" if key in sources else ""
            diags.append(Diagnostic(path, 1, Severity.WARNING, "missing-field",
                                    f"{kind} note has no `{key}`", f"add `{key}:` to the frontmatter{also}"))

    queries: tuple[QuerySpot, ...] = ()
    if scan.queries or scan.query_problems:  # only a note holding query markers
        from vaultkit.reader.querylang import diagnose

        queries, found_diags = diagnose(path, scan.queries, scan.query_problems,
                                        {k: dict(v.fields) for k, v in kinds.items()})
        diags.extend(found_diags)
    links.extend(scan.links)
    talk_field = next((name for name, spec in schema.items() if spec.converter == "talks"), None) \
        if kind is not None and any(map(_talks_heading, scan.headings)) else None
    if talk_field is not None:
        written = talks.from_section(scan.headings, scan.items, body, body_line, path, diags)
        if written:  # after the frontmatter's talks, in the order written
            typed[talk_field] = (*typed.get(talk_field, ()), *written)
    about = ""
    if kind == "person":
        about = own_text(body, body_line, scan.headings, scan.paras, scan.items)
    elif kind == "event":  # its prose, for the next event's prep ("Last time"); its items are kept anyway
        about = own_text(body, body_line, scan.headings, scan.paras, (), limit=EVENT_LIMIT)
    for item in scan.items:
        bad_date = _ITEM_DATE.match(item.text) if item.date is None and item.text[:1] in "0123456789[" else None
        if bad_date:
            diags.append(Diagnostic(path, item.line, Severity.WARNING, "item-date",
                                    f"list item starts with {bad_date.group(1)}, which is not a real date: "
                                    f"{day_reason(bad_date.group(1))}",
                                    "write the date as YYYY-MM-DD; meanwhile the item counts as undated"))
    return Note(
        path=path, title=title, kind=kind, aliases=aliases, tags=tuple(dict.fromkeys(tags)),
        fields=typed, extra=extra, links=tuple(links), headings=tuple(scan.headings),
        block_ids=frozenset(scan.block_ids) if scan.block_ids else _NO_IDS, items=tuple(scan.items),
        body_line=body_line, diagnostics=tuple(diags), fields_unreadable=unreadable is not None, exact=scan.exact,
        queries=queries, about=about,
    )


def near_kind(value: object, kinds: tuple[str, ...]) -> str | None:
    """The kind a `type:` value of no kind was probably meant to be (`persn`, `Events`), if any."""
    if not isinstance(value, str) or not value.strip() or len(value) > 40:
        return None
    import difflib  # only for the rare note whose `type:` is no kind

    found = difflib.get_close_matches(value.strip().casefold(), kinds, n=1, cutoff=0.8)
    return found[0] if found else None
