"""Kinds are data (SPEC §2): one schema format for every kind, the built-in ones included.

The built-in kinds are declared in `builtin.toml` beside this module, in the very format a
vault writes in `vaultkit.toml`; a vault (or a plugin) adds kinds and extends these:

    [kinds.talk]
    match = { folder = "**/Talks/" }            # how notes are recognised (`vaultkit.kinds.rules`)
    folder = "Talks"                            # where `vaultkit new talk` puts one (else from match)
    template = "Templates/talk.md"              # the note `new` copies (else Templates/talk.md, else a stub)
    fields.stage = { type = "enum", values = ["idea", "submitted"], synonyms = { cfp = "submitted" },
                     default = "idea", required = true }
    fields.date = { type = "date", calendar = true }

    [kinds.share.fields.kind]
    values = ["+blog"]                          # `+` appends to the values; without it they are replaced
    [kinds.person.fields]
    company = { from = "org" }                  # read `company` from the note's `org:` property

Field keys: `type` (text, number, date, link, links, list, enum, bool), `values` and `synonyms`
(enum), `required`, `default` (the value a note without the field gets), `calendar` (a date
`vaultkit calendar` exports), `from` (the property it is read from), `parse` (a converter richer
than the type: cadence, int, metrics, rounds, names, link_or_text; the built-in fields use it).

The API the rest of vaultkit (and a plugin loader) codes against:

    FieldSpec(name, type, values=(), required=False, default=None, synonyms={}, calendar=False,
              source=None, parse=None)
    KindSchema(name, match: KindSpec, folder, template, fields: dict[str, FieldSpec], builtin)
    Schema.kinds: dict[str, KindSchema];  Schema.field(kind, name) -> FieldSpec | None
    Schema.names -> tuple[str, ...];  Schema.fields(kind) -> dict[str, FieldSpec]
    Schema.merge(tables: Mapping[str, Any], err: Err, builtin=False) -> Schema
        `tables` as a `[kinds]` TOML table parses: {"talk": {"match": {...}, "fields": {...}}};
        each problem goes to err(key, message, hint), and the rest of the tables still counts.
    BUILTIN: Schema  (the shipped kinds)

`Config.schema` is the vault's schema (built-ins, then plugins' kinds, then `vaultkit.toml`'s).
A plugin loader adds a plugin's kinds, given as the same dicts, under the vault's own tables:

    Config.with_kinds(tables: Mapping[str, Any], origin: str) -> tuple[Config, list[Diagnostic]]
        new, said = config.with_kinds({"talk": {...}}, "plugin vaultkit-talks")
        diags = [d for d in diags if d not in config.kind_diagnostics] + said

(`said`: the plugin's problems, file `origin`, then the vault's `[kinds]`/`[folders]` tables
judged again on the new base.) Records: `vault.notes_of(kind)`, `vault.records(kind)` (a
`Record` with the declared fields for a kind without a class of its own). Every object here
is immutable, hashable and picklable: the config travels to the parse workers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from vaultkit.kinds.rules import Err, KindSpec, parse_match

TYPES = ("text", "number", "date", "link", "links", "list", "enum", "bool")
# A converter richer than a public type, and the type it reports.
PARSERS = {"cadence": "text", "int": "number", "metrics": "list", "rounds": "list", "names": "links",
           "link_or_text": "link", "habits": "list",
           "talks": "list"}
COMMON = ("type", "tags", "aliases", "title", "alias")  # read by vaultkit for every note, never a field
_FIELD_KEYS = ("type", "values", "synonyms", "required", "default", "calendar", "from", "parse")
_KIND_KEYS = ("match", "folder", "template", "fields")
_KIND_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
# A built-in field may change type only where its values keep their shape (text ↔ enum).
_SAME_SHAPE = {"text": "enum", "enum": "text"}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a kind. `default` is the typed value a note without the field gets;
    `source` the frontmatter key it is read from (`from`), None for its own name."""

    name: str
    type: str
    values: tuple[str, ...] = ()
    required: bool = False
    default: Any = None
    synonyms: Mapping[str, str] = field(default_factory=dict)
    calendar: bool = False
    source: str | None = None
    parse: str | None = None
    # Casefolded value or synonym → canonical value: asked for every enum field of every note.
    choices: dict[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        choices = {v.casefold(): v for v in self.values}
        choices.update((w.casefold(), c) for w, c in self.synonyms.items() if w.casefold() not in choices)
        object.__setattr__(self, "choices", choices)

    def __hash__(self) -> int:
        return hash((self.name, self.type, self.values, self.required, _frozen(self.default),
                     tuple(sorted(self.synonyms.items())), self.calendar, self.source, self.parse))

    @property
    def converter(self) -> str:
        """The name of the converter that reads this field (`vaultkit.kinds.fields`)."""
        return self.parse or self.type


@dataclass(frozen=True, slots=True)
class KindSchema:
    """One kind: its recognition rules (`match`), where `new` puts a note and from which
    template, and its fields in declaration order. `builtin`: shipped with vaultkit."""

    name: str
    match: KindSpec
    folder: str
    template: str | None = None
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    builtin: bool = False
    required: tuple[str, ...] = field(init=False, compare=False, repr=False)
    defaults: tuple[tuple[str, Any], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:  # asked for every note of the kind: worked out once
        object.__setattr__(self, "required", tuple(n for n, f in self.fields.items() if f.required))
        object.__setattr__(self, "defaults", tuple((n, f.default) for n, f in self.fields.items()
                                                   if f.default is not None))

    def __hash__(self) -> int:
        return hash((self.name, self.match, self.folder, self.template, tuple(self.fields.values()), self.builtin))

    def sources(self) -> dict[str, str]:
        """Field name → the property it is read from, for the fields read from another name."""
        return {n: f.source for n, f in self.fields.items() if f.source}


@dataclass(frozen=True, slots=True)
class Schema:
    """Every kind a vault knows, built-in kinds first, then plugins', then the vault's own."""

    kinds: dict[str, KindSchema] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(tuple(self.kinds.values()))

    @property
    def names(self) -> tuple[str, ...]:
        """The kinds' names, in declaration order."""
        return tuple(self.kinds)

    def field(self, kind: str | None, name: str) -> FieldSpec | None:
        """The field `name` of `kind`, or None when the kind has no such field."""
        found = self.kinds.get(kind or "")
        return found.fields.get(name) if found else None

    def fields(self, kind: str | None) -> dict[str, FieldSpec]:
        """The fields of `kind` (empty for no kind or an unknown one)."""
        found = self.kinds.get(kind or "")
        return found.fields if found else {}

    def specs(self) -> tuple[KindSpec, ...]:
        """Every kind's recognition rules with its field sources, for `vaultkit.kinds.rules.Kinds`."""
        return tuple(KindSpec(k.name, k.match.folders, k.match.tags, k.match.properties,
                              tuple(sorted(k.sources().items())), k.match.user) for k in self.kinds.values())

    def merge(self, tables: Any, err: Err, builtin: bool = False) -> Schema:
        """This schema with `[kinds]` tables added on top (see the module docstring). Never raises:
        each problem is reported through `err` naming its key, and the rest still counts."""
        if not isinstance(tables, Mapping):
            err("kinds", f"expected a table, got {type(tables).__name__}", "write [kinds.NAME] tables")
            return self
        kinds = dict(self.kinds)
        for name, table in tables.items():
            where = f"kinds.{name}"
            if not isinstance(name, str) or not _KIND_NAME.match(name):
                err(where, "a kind's name is lowercase letters, digits, - and _, starting with a letter",
                    f"write e.g. [kinds.{_suggest(name)}]")
                continue
            if not isinstance(table, Mapping):
                err(where, f"expected a table, got {type(table).__name__}",
                    f'write [{where}] match = {{ folder = "**/X/" }}')
                continue
            made = _kind(name, table, kinds.get(name), where, err, builtin)
            if made is not None:
                kinds[name] = made
        return Schema(kinds)


def _frozen(value: Any) -> Any:
    """A default as something hashable (a `rounds` default holds mappings)."""
    if isinstance(value, Mapping):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def _suggest(name: object) -> str:
    text = re.sub(r"[^a-z0-9_-]+", "_", str(name).strip().casefold()).strip("_-") or "talk"
    return text if text[0].isalpha() else "k" + text


def _folder_of(match: KindSpec, name: str) -> str:
    """Where `new` puts a note of a kind with no `folder`: its first plain folder glob, else
    its name, capitalised (then `new` writes `type:` so the note is still recognised)."""
    for glob in match.folders:
        plain = glob.strip().removeprefix("**/").strip("/")
        if plain and not any(c in plain for c in "*?[]"):
            return plain
    return name.capitalize()


def _kind(name: str, table: Mapping[str, Any], old: KindSchema | None, where: str, err: Err,
          builtin: bool) -> KindSchema | None:
    for key in table:
        if key not in _KIND_KEYS:
            err(f"{where}.{key}", "unknown key", f"known keys: {', '.join(_KIND_KEYS)}")
    match = old.match if old else KindSpec(name, user=not builtin)
    if "match" in table:
        match = parse_match(table["match"], f"{where}.match", match, err, user=not builtin)
    folder, template = (old.folder, old.template) if old else (None, None)
    for key in ("folder", "template"):
        value = table.get(key)
        if value is None:
            continue
        from vaultkit.reader.obsidian import folder as inside  # a path inside the vault, or None

        path = inside(value) if isinstance(value, str) and value.strip() and "\\" not in value else None
        if path is None or path.startswith(".") or (key == "template" and not path.lower().endswith(".md")):
            example = "Talks" if key == "folder" else "Templates/talk.md"
            err(f"{where}.{key}", f"expected a {'folder' if key == 'folder' else 'note'} inside the vault, "
                f"got {value!r}", f'write e.g. {key} = "{example}"')
        elif key == "folder":
            folder = path
        else:
            template = path
    fields = dict(old.fields) if old else {}
    if "fields" in table:
        fields = _fields(table["fields"], f"{where}.fields", name, fields, err)
    return KindSchema(name, match, folder or _folder_of(match, name), template, fields,
                      old.builtin if old else builtin)


def _fields(raw: Any, where: str, kind: str, old: dict[str, FieldSpec], err: Err) -> dict[str, FieldSpec]:
    if not isinstance(raw, Mapping):
        err(where, f"expected a table, got {type(raw).__name__}", 'write fields.stage = { type = "text" }')
        return old
    fields = dict(old)
    for name, table in raw.items():
        made = _field(kind, name, table, fields, f"{where}.{name}", err)
        if made is not None:
            fields[name] = made
    sources = [f.source for f in fields.values() if f.source]
    if len(set(sources)) < len(sources):
        err(where, "two fields map from one property", "give each field its own `from`")
        return old
    return fields


def _field(kind: str, name: Any, table: Any, fields: dict[str, FieldSpec], key: str,
           report: Err) -> FieldSpec | None:
    """One `fields.NAME` table applied to the field it names (None after reporting a problem:
    the field stays as it was)."""
    problems: list[str] = []

    def err(at: str, message: str, hint: str) -> None:
        problems.append(at)
        report(at, message, hint)

    old = fields.get(name)
    if not isinstance(name, str) or not _FIELD_NAME.match(name) or name in COMMON:
        err(key, f"{name!r} cannot be a field's name", "a letter, then letters, digits, - or _; "
            f"not one of {', '.join(COMMON)}")
        return None
    if not isinstance(table, Mapping):
        err(key, f"expected {{ from = \"NAME\" }} or {{ type = \"text\" }}, got {table!r}",
            f'write {name} = {{ type = "text" }}, or {name} = {{ from = "org" }} to read it from `org:`')
        return None
    for k in table:
        if k not in _FIELD_KEYS:
            err(f"{key}.{k}", "unknown key", f"known keys: {', '.join(_FIELD_KEYS)}")
    if old is None and "type" not in table:
        known = ", ".join(fields) or "none yet"
        err(key, f"{kind} has no field {name!r}", f"{kind} fields: {known}; a new field needs a type: "
            f'{name} = {{ type = "text" }}')
        return None
    ftype = table.get("type", old.type if old else None)
    parse = table.get("parse", old.parse if old else None)
    if ftype not in TYPES:
        err(f"{key}.type", f"unknown type {ftype!r}", f"types: {', '.join(TYPES)}")
        return None
    if old is not None and ftype != old.type and (old.parse or _SAME_SHAPE.get(old.type) != ftype):
        err(f"{key}.type", f"{kind}.{name} is {old.type}: its type cannot become {ftype}",
            "add a field of your own under another name for other values")
        return None
    if parse is not None and PARSERS.get(parse) != ftype:
        err(f"{key}.parse", f"unknown parser {parse!r} for a {ftype} field",
            "parsers: " + ", ".join(f"{p} ({t})" for p, t in PARSERS.items()))
        return None
    values = _values(table, key, old.values if old else (), err)
    synonyms = dict(old.synonyms) if old else {}
    if "synonyms" in table:
        synonyms.update(_synonyms(table["synonyms"], values, f"{key}.synonyms", err))
    flags = {}
    for flag in ("required", "calendar"):
        value = table.get(flag, getattr(old, flag) if old else False)
        if not isinstance(value, bool):
            err(f"{key}.{flag}", f"expected true or false, got {value!r}", f"write {flag} = true")
        flags[flag] = value is True
    if flags["calendar"] and ftype != "date":
        err(f"{key}.calendar", f"only a date field goes to the calendar, and {name} is {ftype}", "remove calendar")
    if ftype == "enum" and not values:
        err(f"{key}.values", "an enum field needs its values",
            f'write {name} = {{ type = "enum", values = ["a", "b"] }}')
    if ftype != "enum" and (values or synonyms):
        err(f"{key}.values", f"values and synonyms are for enum fields, and {name} is {ftype}",
            'write type = "enum" beside them, or remove them')
    source = old.source if old else None
    if "from" in table:
        given = table["from"]
        if not isinstance(given, str) or not given.strip():
            err(f"{key}.from", f"expected {{ from = \"NAME\" }}, got {given!r}", f'write {name} = {{ from = "org" }}')
        elif given.strip() in fields or given.strip() in COMMON or given.strip() == name:
            err(f"{key}.from", f"{given.strip()!r} is a field of its own", "map from a property vaultkit does not read")
        else:
            source = given.strip()
    made = FieldSpec(name, ftype, values, flags["required"], old.default if old else None, synonyms,
                     flags["calendar"], source, parse)
    if "default" in table:
        made = _with_default(made, table["default"], f"{key}.default", err)
    return None if problems else made


def _values(table: Mapping[str, Any], key: str, old: tuple[str, ...], err: Err) -> tuple[str, ...]:
    if "values" not in table:
        return old
    raw = table["values"]
    if not isinstance(raw, list) or not all(isinstance(v, str) and v.strip().lstrip("+").strip() for v in raw):
        err(f"{key}.values", f"expected a list of text, got {raw!r}", 'write values = ["a", "b"] (or ["+c"] to add)')
        return old
    adds = [v.startswith("+") for v in raw]
    if any(adds) and not all(adds):
        err(f"{key}.values", "mixes values to add (+x) with values that replace the list",
            'write values = ["+a", "+b"] to add, or values = ["a", "b"] to replace')
        return old
    items = [v.strip().removeprefix("+").strip() if all(adds) else v.strip() for v in raw]
    merged = [*old, *items] if adds and all(adds) else items
    seen: dict[str, str] = {}
    for value in merged:
        seen.setdefault(value.casefold(), value)  # a value added twice (or in another case) counts once
    return tuple(seen.values())


def _synonyms(raw: Any, values: tuple[str, ...], key: str, err: Err) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        err(key, f"expected a table of word = value, got {raw!r}", 'write synonyms = { wip = "in progress" }')
        return {}
    canon = {v.casefold(): v for v in values}
    out = {}
    for word, value in raw.items():
        if value.strip().casefold() not in canon:
            err(f"{key}.{word}", f"{value!r} is not one of the values: {', '.join(values)}",
                "a synonym maps a word to one of the field's values")
            continue
        out[str(word).strip().casefold()] = canon[value.strip().casefold()]
    return out


def _with_default(spec: FieldSpec, raw: Any, key: str, err: Err) -> FieldSpec:
    from vaultkit.kinds.fields import typed_default  # fields reads the config module: asked late

    value, problem = typed_default(spec, raw)
    if problem:
        err(key, f"{raw!r} is no {spec.type} value: {problem}", "write a default the field accepts, or remove it")
        return spec
    return FieldSpec(spec.name, spec.type, spec.values, spec.required, value, spec.synonyms, spec.calendar,
                     spec.source, spec.parse)


def _load_builtin() -> Schema:
    text = resources.files("vaultkit.kinds").joinpath("builtin.toml").read_text(encoding="utf-8")

    def broken(key: str, message: str, hint: str) -> None:  # shipped data: a problem is vaultkit's bug
        raise ValueError(f"vaultkit/kinds/builtin.toml: {key}: {message} ({hint})")

    return Schema().merge(tomllib.loads(text)["kinds"], broken, builtin=True)


BUILTIN: Schema = _load_builtin()
BUILTIN_NAMES: tuple[str, ...] = BUILTIN.names
