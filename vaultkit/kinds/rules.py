"""Which kind a note is: the rules of `vaultkit.toml`'s `[kinds.NAME]` tables, and the field
names a kind maps from (`[kinds.person.fields] company = { from = "org" }`). Pure.

A kind is recognised by rules (SPEC §2, §5), any one of which is enough:

    [kinds.person]
    match = { folder = "**/People/", tag = "person", property = { categories = "[[People]]" } }

Precedence, strongest first (`detect`):

1. `type:` naming a kind (read by `parse_note` before the rules are asked);
2. property rules — a frontmatter value equal to the rule's, compared as names compare
   (casefolded, NFC; a link by its target, `[[Lists/People]]` also by its last part); a list
   matches when any item does;
3. a `type:` that names no kind and that no property rule claims makes a plain note (SPEC §2);
4. tag rules — a frontmatter or body tag, or a nested tag under it (`#person/friend`);
5. folder rules — the deepest folder of the note's path that some rule matches; at one depth
   a rule the user wrote (`match`, `[folders]`) beats a default one.

Two rules of different kinds at one level: the kind first in alphabetical order wins, and the
note gets a `kind-ambiguous` warning naming both, so the answer never depends on file order.

Folder globs are matched against folder paths from the vault root: `*` and `?` within one
folder name, `[abc]` a character class, `**` any number of folders (`"**/People/"` is a
People folder anywhere, `"People/"` only the top-level one). Each glob is compiled once, and
the answer for a folder is remembered, so a note costs one dictionary look-up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vaultkit.reader.links import name_key

_MATCH_KEYS = ("folder", "tag", "property")
_WIKI = re.compile(r"^\s*!?\[\[([^\[\]\n]+)\]\]\s*$")

Err = Callable[[str, str, str], None]  # (key, message, hint): reports one config error


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind's recognition rules and field sources, as configured (plain, hashable data).

    `user` marks rules the user wrote (they replace the kind's default rules and win ties).
    `fields` pairs a vaultkit field name with the frontmatter key it is read from.
    """

    kind: str
    folders: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    properties: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    user: bool = False


class Match:
    """What the rules say of one note: its kind, and the rival kinds at the deciding level."""

    __slots__ = ("how", "kind", "rivals")

    def __init__(self, kind: str | None, how: str = "", rivals: tuple[tuple[str, str], ...] = ()) -> None:
        self.kind = kind
        self.how = how  # the rule that decided, e.g. 'folder "**/People/"', for messages
        self.rivals = rivals  # (kind, rule) of the other kinds that matched as strongly


_NONE = Match(None)


def glob_regex(glob: str) -> re.Pattern[str]:
    """A folder glob → a regex matching the folder paths it names (compared by `name_key`).

    Raises ValueError for a glob that cannot name a folder (empty, `..`, an unclosed `[`).
    """
    parts = [p for p in name_key(glob.strip()).strip("/").split("/")]
    if not parts or parts == [""] or any(p in ("", ".", "..") for p in parts):
        raise ValueError("a folder glob needs folder names between the slashes, without . or ..")
    subtree = parts[-1] == "**" and len(parts) > 1
    if subtree:
        parts = parts[:-1]
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(r"[^/]+(?:/[^/]+)*" if last else r"(?:[^/]+/)*")
            continue
        if "**" in part:
            raise ValueError("`**` must be a whole folder name, as in **/People/")
        out.append(_segment(part) + ("" if last else "/"))
    pattern = "".join(out) + (r"(?:/[^/]+)*" if subtree else "")
    return re.compile(pattern)


def _segment(part: str) -> str:
    out, i = [], 0
    while i < len(part):
        c = part[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = part.find("]", i + 2 if part[i + 1:i + 2] in ("!", "^") else i + 1)
            if end < 0:
                raise ValueError("`[` opens a character class that is never closed")
            inner = part[i + 1:end]
            neg = inner[:1] in ("!", "^")
            inner = inner[1:] if neg else inner
            out.append("[" + ("^" if neg else "") + inner.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def value_keys(value: Any) -> tuple[str, ...]:
    """How a frontmatter value (or a rule's) compares: a link by its target (and the target's
    last part), text as itself, each casefolded in NFC; a list by each of its items."""
    if isinstance(value, list):
        if len(value) == 1 and isinstance(value[0], list) and len(value[0]) == 1:
            return value_keys(f"[[{value[0][0]}]]")  # `key: [[X]]` unquoted: YAML's nested list
        return tuple(k for item in value for k in value_keys(item))
    if isinstance(value, bool):  # as YAML writes them, so a rule `done = "true"` matches `done: true`
        return ("true" if value else "false",)
    if isinstance(value, int | float | dt.date):
        return (str(value),)
    if not isinstance(value, str):
        return ()
    text = value.strip()
    m = _WIKI.match(text)
    if not m:
        return (name_key(text),) if text else ()
    target = m.group(1).split("|", 1)[0].split("#", 1)[0].strip()
    if target.lower().endswith(".md"):
        target = target[:-3]
    key = name_key(target)
    last = key.rsplit("/", 1)[-1]
    return (key, last) if last != key else (key,)


class Kinds:
    """The compiled rules of every kind. Built once per config; `detect` answers a note."""

    def __init__(self, spec: tuple[KindSpec, ...], folders: tuple[tuple[str, str], ...] = ()) -> None:
        self.spec = spec
        self.folders = folders
        # (regex, kind, user-written, glob as written)
        self._folder_rules: list[tuple[re.Pattern[str], str, bool, str]] = []
        self._tags: dict[str, list[str]] = {}
        self._props: dict[str, list[tuple[str, frozenset[str], str]]] = {}
        self.fields: dict[str, dict[str, str]] = {}
        for ks in spec:
            for glob in ks.folders:
                self._folder_rules.append((glob_regex(glob), ks.kind, ks.user, glob))
            for tag in ks.tags:
                self._tags.setdefault(name_key(tag.lstrip("#")), []).append(ks.kind)
            for key, values in ks.properties:
                keys = frozenset(k for v in values for k in value_keys(v))
                shown = f"property {key}: {' | '.join(values)}"
                self._props.setdefault(name_key(key), []).append((ks.kind, keys, shown))
            if ks.fields:
                self.fields[ks.kind] = dict(ks.fields)
        for folder, kind in folders:  # the old `[folders]` table: a folder from the vault root
            glob = folder.strip().strip("/")
            self._folder_rules.append((re.compile(re.escape(name_key(glob))), kind, True, glob + "/"))
        self._by_folder: dict[str, Match] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Kinds) and (self.spec, self.folders) == (other.spec, other.folders)

    def __hash__(self) -> int:
        return hash((self.spec, self.folders))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Kinds, (self.spec, self.folders))  # compiled again on the other side, memo empty

    def detect(self, path: str, data: Mapping[str, Any], tags: Iterable[str], typed: bool) -> Match:
        """The kind the rules give a note (see the module's precedence). `typed`: the note has
        a `type:` that names no kind, which makes it a plain note unless a property rule
        claims it."""
        if self._props and data:
            found = self._by_property(data)
            if found.kind is not None or typed:
                return found
        elif typed:
            return _NONE
        if self._tags:
            found = self._by_tag(tags)
            if found.kind is not None:
                return found
        if not self._folder_rules or "/" not in path:
            return _NONE
        folder = path.rsplit("/", 1)[0]
        known = self._by_folder.get(folder)
        if known is None:
            known = self._by_folder[folder] = self._for_folder(folder)
        return known

    def _by_property(self, data: Mapping[str, Any]) -> Match:
        hits: dict[str, str] = {}
        for key, value in data.items():
            rules = self._props.get(name_key(key)) if isinstance(key, str) else None
            if not rules:
                continue
            have = value_keys(value)
            for kind, wanted, shown in rules:
                if kind not in hits and any(k in wanted for k in have):
                    hits[kind] = shown
        return _pick(hits)

    def _by_tag(self, tags: Iterable[str]) -> Match:
        hits: dict[str, str] = {}
        for tag in tags:
            key = name_key(tag)
            parts = key.split("/")
            for i in range(len(parts), 0, -1):  # the tag, then the tags it is nested under
                for kind in self._tags.get("/".join(parts[:i]), ()):
                    hits.setdefault(kind, f"tag #{'/'.join(parts[:i])}")
        return _pick(hits)

    def _for_folder(self, folder: str) -> Match:
        parts = name_key(folder).split("/")
        for depth in range(len(parts), 0, -1):
            prefix = "/".join(parts[:depth])
            found = [(user, kind, glob) for rx, kind, user, glob in self._folder_rules if rx.fullmatch(prefix)]
            if not found:
                continue
            if any(user for user, _, _ in found):
                found = [f for f in found if f[0]]  # a rule the user wrote beats a default one
            return _pick({kind: f'folder "{glob}"' for _, kind, glob in sorted(found, reverse=True)})
        return _NONE


def _pick(hits: dict[str, str]) -> Match:
    if not hits:
        return _NONE
    kinds = sorted(hits)
    return Match(kinds[0], hits[kinds[0]], tuple((k, hits[k]) for k in kinds[1:]))


def _strings(value: Any, key: str, err: Err, example: str) -> tuple[str, ...] | None:
    """A rule value: one string or a list of them (None after reporting an error)."""
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, str) and v.strip() for v in items):
        err(key, f"expected text or a list of text, got {value!r}", f"write e.g. {example}")
        return None
    return tuple(v.strip() for v in items)


def parse_match(match: Any, where: str, spec: KindSpec, report: Err, user: bool = True) -> KindSpec:
    """A `match` table: the kind's rules, in place of its defaults (kept if the table is wrong).
    `user`: rules a vault wrote (not the shipped ones), which win ties at one folder depth."""
    errors: list[str] = []

    def err(key: str, message: str, hint: str) -> None:
        errors.append(key)
        report(key, message, hint)

    if not isinstance(match, dict):
        err(where, f"expected a table, got {type(match).__name__}", 'write match = { folder = "**/People/" }')
        return spec
    folders: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    props: list[tuple[str, tuple[str, ...]]] = []
    for key, value in match.items():
        if key not in _MATCH_KEYS:
            err(f"{where}.{key}", "unknown key", f"known keys: {', '.join(_MATCH_KEYS)}")
        elif key == "folder":
            folders = _strings(value, f"{where}.folder", err, 'folder = "**/People/"') or ()
            for glob in folders:
                try:
                    glob_regex(glob)
                except ValueError as exc:
                    err(f"{where}.folder", f"bad folder glob {glob!r}: {exc}", 'write e.g. folder = "**/People/"')
                    folders = ()
        elif key == "tag":
            tags = tuple(t.lstrip("#") for t in _strings(value, f"{where}.tag", err, 'tag = "person"') or ())
            if any(not t or any(c.isspace() for c in t) for t in tags):
                err(f"{where}.tag", f"not a tag: {value!r}", 'write e.g. tag = "person"')
                tags = ()
        elif not isinstance(value, dict) or not value:
            err(f"{where}.property", f"expected a table of property = value, got {value!r}",
                'write e.g. property = { categories = "[[People]]" }')
        else:
            for name, wanted in value.items():
                values = _strings(wanted, f"{where}.property.{name}", err, f'{name} = "[[People]]"')
                if values:
                    props.append((name, values))
    if errors:
        return spec
    return KindSpec(spec.kind, folders, tags, tuple(props), spec.fields, user=user)


def map_fields(data: Mapping[str, Any], sources: Mapping[str, str],
               ) -> tuple[dict[str, Any], dict[str, str], list[tuple[str, str]]]:
    """Frontmatter with each mapped property read under its vaultkit name (`org` → `company`).

    Returns the new mapping, which vaultkit name came from which property, and the
    (name, property) pairs a note holds both of: there the vaultkit name wins and the
    property stays the user's own, unread.
    """
    out = dict(data)
    renamed: dict[str, str] = {}
    both: list[tuple[str, str]] = []
    for name, source in sources.items():
        if source not in out:
            continue
        if out.get(name) is not None:
            both.append((name, source))
            continue
        out[name] = out.pop(source)
        renamed[name] = source
    return out, renamed, both
