"""Frontmatter: find it, load it safely, and turn every way it can fail into a diagnostic.

We find the fences ourselves and load with PyYAML's safe loader (libyaml's CSafeLoader
when present) at the node level: that gives line numbers per key, the literal text of each
scalar (so `no` read as a boolean can be reported as written), and lets us refuse alias
bombs and deep nesting *before* construction. (python-frontmatter, used here until 0.1.0,
does none of this: its `parse()` strips text and lets exceptions escape.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from vaultkit.reader.model import Diagnostic, Severity
from vaultkit.reader.yamlflat import Flat, flat_size

MAX_FRONTMATTER_CHARS = 64 * 1024
MAX_DEPTH = 32
MAX_EXPANDED_NODES = 10_000
# libyaml's loader when PyYAML was built with it (the wheels are): several times faster.
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The `---` line that closes frontmatter, matched where a line starts (`_close`): a search
# for `^---` would try the pattern at every character of the frontmatter.
_CLOSE = re.compile(r"---[ \t]*$", re.MULTILINE)
# A link YAML reads as nested lists (`related: [[Ada]]`, `- [[Ada]]`): not inside quotes.
_UNQUOTED_LINK = re.compile(r"(?:^|:|-)[ \t]*\[\[")
# `key: value` whose plain value holds `: ` (`org: Les Misérables: Inc`), the key as written.
_COLON_VALUE = re.compile(r"^[ \t]*([^\s:#'\"\[{][^:#]*?):[ \t]+([^'\"\[{|>\s][^#]*?: .*)$")
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?"
    r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$"
)


class BadDate(str):
    """A YAML timestamp that names no real date (`2026-02-30`): kept as its text."""


class _Loader(SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader, with calendar-true dates and bounded integers."""


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    # Dates are calendar dates, never shifted by a zone: build them from the literal.
    text = str(node.value)
    m = _TIMESTAMP.match(text)
    if not m:
        return BadDate(text)
    y, mo, d, hh, mm, ss = m.groups()
    try:
        if hh is None:
            return dt.date(int(y), int(mo), int(d))
        return dt.datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return BadDate(text)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    # A 5,000-digit "number" is a typo or an attack; keep its text rather than raise.
    if len(str(node.value)) > 40:
        return str(node.value)
    return SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


@dataclass(slots=True)
class Frontmatter:
    """Loaded frontmatter: values, each key's line, and the literal text of scalar values."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    literals: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # For the keys in `ITEM_LITERALS`: the text of each item of a list value (None for an item
    # that is no scalar), so that `- Yes`, `- 1.0`, `- 012` stay as typed.
    item_literals: dict[str, list[str | None]] = field(default_factory=dict)


# Obsidian's own list properties: their items are text however YAML 1.1 reads them.
ITEM_LITERALS = frozenset({"tags", "aliases", "alias"})


def split(text: str) -> tuple[str | None, str, int]:
    """Split note text into (frontmatter or None, body, 1-based line where the body starts).

    Frontmatter opens with `---` on the first line and closes at the next `---` line.
    An opening without a close means there is no frontmatter (Obsidian does the same).
    """
    if not text.startswith("---"):
        return None, text, 1
    first_nl = text.find("\n")
    if first_nl < 0 or text[3:first_nl].strip():
        return None, text, 1
    m = _close(text, first_nl + 1)
    if m is None:
        return None, text, 1
    fm = text[first_nl + 1 : m.start()]
    end = text.find("\n", m.end())
    body = "" if end < 0 else text[end + 1 :]
    body_line = text.count("\n", 0, m.end()) + 2
    return fm, body, body_line


def _close(text: str, start: int) -> re.Match[str] | None:
    """The first `---` line (trailing blanks allowed) from `start`, a line's start, on: each
    line starting with `---` found by a substring search, then matched there."""
    at = start
    while True:
        m = _CLOSE.match(text, at)
        if m is not None:
            return m
        at = text.find("\n---", at) + 1
        if not at:
            return None


def _check_tree(node: yaml.Node) -> str | None:
    """Refuse deep nesting and alias bombs, counting expanded size without expanding."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(node, 1, False)]
    while stack:
        current, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep"
        key = id(current)
        if key in sizes and not done:
            continue
        children: list[yaml.Node] = []
        if isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        elif isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        if done:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_EXPANDED_NODES:
                return f"expands to more than {MAX_EXPANDED_NODES} values (an alias bomb?)"
            sizes[key] = total
            continue
        sizes.setdefault(key, 1)
        stack.append((current, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)
    return None


_DEEP_LINE = re.compile(rf"[ \t?:-]{{{MAX_DEPTH // 3}}}")  # at the start of a line: the text's first,
_DEEP_NEXT = re.compile(rf"\n[ \t?:-]{{{MAX_DEPTH // 3}}}")  # or after a line break (a literal the engine looks for)


def _may_nest_deep(fm: str) -> bool:
    # Each level of nesting takes a bracket, or a column of indentation or `- `/`? `
    # indicators at the start of a line: with few of both, the tree cannot be MAX_DEPTH deep.
    return fm.count("[") + fm.count("{") > MAX_DEPTH // 3 or (
        _DEEP_LINE.match(fm) is not None or _DEEP_NEXT.search(fm) is not None)


class _Slow(Exception):
    """A node the fast constructor leaves to PyYAML's (anchors, merges, other tags)."""


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALARS = {tag: _Loader.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp")}


def _fast(node: yaml.Node, loader: Any) -> Any:
    """Construct plain YAML (strings, numbers, dates, lists, mappings) without PyYAML's
    generic machinery, which costs more than parsing itself; anything else raises _Slow.
    Values are the same as the safe constructor's."""
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        ctor = _SCALARS.get(tag)
        if ctor is None:
            raise _Slow
        return ctor(loader, node)
    if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        return [_fast(child, loader) for child in node.value]
    if isinstance(node, yaml.MappingNode) and tag == _MAP:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Slow
            key = _fast(key_node, loader)
            if isinstance(key, list | dict):
                raise _Slow  # PyYAML reports the unhashable key
            out[key] = _fast(value_node, loader)
        return out
    raise _Slow


# Flat frontmatter is read without libyaml (see `vaultkit.reader.yamlflat`), with the loader's own
# resolver and constructors.
_FLAT = Flat(_Loader(""), _SCALARS)


def load(fm: str, path: str, first_line: int = 2, flat: bool = True) -> Frontmatter:
    """Load frontmatter text safely. Never raises; problems become diagnostics.

    `first_line` is the note line where the frontmatter text starts (2, after `---`).
    `flat=False` reads even flat frontmatter through libyaml (the reference `yamlflat` is held to).
    """
    out = Frontmatter()

    def diag(code: str, message: str, hint: str, line: int | None = None,
             severity: Severity = Severity.ERROR) -> None:
        out.diagnostics.append(Diagnostic(path, line or first_line - 1, severity, code, message, hint))

    if len(fm) > MAX_FRONTMATTER_CHARS:
        diag("frontmatter-too-large", f"frontmatter is {len(fm)} characters (limit {MAX_FRONTMATTER_CHARS})",
             "move long text into the body of the note")
        return out
    if not fm.strip():
        return out
    if flat and "&" not in fm:  # anchors: libyaml's path checks the tree
        entries = _FLAT.read(fm)
        # Flat text nests 4 deep at most; where libyaml's path would check the tree, it would
        # refuse one of more than MAX_EXPANDED_NODES values: so does this one.
        # (A text of n characters holds at most n + 1 nodes: most frontmatter is far below.)
        if entries is not None and (len(fm) < MAX_EXPANDED_NODES or not _may_nest_deep(fm)
                                    or flat_size(entries) <= MAX_EXPANDED_NODES):
            # `_keep` of each entry, without a call each (a note has 6-15 keys)
            data, lines, literals = out.data, out.lines, out.literals
            for key, value, index, literal, texts in entries:
                if key in data:
                    _keep(out, key, value, first_line + index, literal, texts, diag)  # says it is twice
                    continue
                data[key] = value
                lines[key] = first_line + index
                if literal is not None:
                    literals[key] = literal
                elif texts is not None and key in ITEM_LITERALS:
                    out.item_literals[key] = list(texts)
            return out
    loader = _Loader(fm)
    try:
        node = loader.get_single_node()
        if node is None:
            return out
        # Without anchors there are no aliases to expand, and without many brackets or a
        # deeply indented line nothing can nest MAX_DEPTH deep. Walk the tree only then.
        problem = _check_tree(node) if "&" in fm or _may_nest_deep(fm) else None
        if problem:
            diag("yaml-too-complex", f"frontmatter refused: {problem}", "keep frontmatter to plain keys and lists")
            return out
        if not isinstance(node, yaml.MappingNode):
            diag("frontmatter-not-mapping", "frontmatter is not a set of `key: value` lines",
                 "write frontmatter as `key: value` lines between the `---` lines")
            return out
        anchors = "&" in fm
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            try:
                try:
                    if anchors:  # aliases share nodes: leave them to PyYAML
                        raise _Slow
                    key, value = _fast(key_node, loader), _fast(value_node, loader)
                except _Slow:
                    key = loader.construct_object(key_node, deep=True)
                    value = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError) as exc:
                diag("yaml-value", f"value could not be read: {_one_line(exc)}",
                     "quote the value", line)
                continue
            if not isinstance(key, str):
                diag("yaml-key-not-text", f"key {key!r} is not text", "keys must be plain words, e.g. `company:`",
                     line)
                continue
            literal = str(value_node.value) if isinstance(value_node, yaml.ScalarNode) else None
            items = [str(n.value) if isinstance(n, yaml.ScalarNode) else None for n in value_node.value] \
                if key in ITEM_LITERALS and isinstance(value_node, yaml.SequenceNode) else None
            _keep(out, key, value, line, literal, items, diag)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else None
        _yaml_syntax(out, path, exc, line, fm)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError) as exc:
        diag("yaml-invalid", f"frontmatter could not be read: {_one_line(exc)}",
             "check the YAML between the `---` lines")
    finally:
        loader.dispose()
    return out


def _keep(out: Frontmatter, key: str, value: Any, line: int, literal: str | None,
          items: list[str | None] | list[str] | None, diag: Callable[..., None]) -> None:
    """Record one read entry of the mapping (`literal`: a scalar value's text; `items`: a list
    value's item texts), or the diagnostic of a key seen before."""
    if key in out.data:
        diag("yaml-duplicate-key", f"key {key!r} appears twice", "keep one of them", line)
        return
    out.data[key] = value
    out.lines[key] = line
    if literal is not None:
        out.literals[key] = literal
    elif items is not None and key in ITEM_LITERALS:
        out.item_literals[key] = list(items)


def _yaml_syntax(out: Frontmatter, path: str, exc: yaml.MarkedYAMLError, line: int | None, fm: str) -> None:
    hint = "check the YAML between the `---` lines; quote values containing `:` or `#`"
    mark = exc.problem_mark or exc.context_mark
    lines = fm.split("\n")
    near = lines[max(0, mark.line - 1):mark.line + 1] if mark is not None else lines
    colon = _COLON_VALUE.match(lines[mark.line]) if mark is not None and mark.line < len(lines) else None
    if any(_UNQUOTED_LINK.search(text) for text in near):  # only where an unquoted link made YAML stumble
        hint = 'quote links in frontmatter: related: "[[Ada Lovelace]]"'
    elif colon and "mapping values" in str(exc.problem):
        value = colon.group(2).rstrip().replace("\\", "\\\\").replace('"', '\\"')
        hint = f'the value holds ": ", which YAML reads as a new key: quote it, {colon.group(1)}: "{value}"'
    message = f"frontmatter is not valid YAML: {exc.problem or exc.context or 'syntax error'}"
    out.diagnostics.append(Diagnostic(path, line, Severity.ERROR, "yaml-syntax", message, hint))


def _one_line(exc: BaseException) -> str:
    # A marked error's own text ends with a position in the frontmatter, not in the note.
    text = (exc.problem or exc.context or "") if isinstance(exc, yaml.MarkedYAMLError) else ""
    text = " ".join((text or str(exc)).split())
    return text[:200] or type(exc).__name__


def forget() -> None:
    """Empty the flat reader's caches (a parent process done parsing: see `parse.forget_caches`)."""
    _FLAT.forget()
