"""Obsidian Bases (`.base` files) for the kinds that live in frontmatter, from the schema. Pure.

A base is a YAML file Obsidian (1.9 and later) shows as a live table: `filters` choose the
notes, `formulas` compute columns, `properties` name them, `views` lay them out (`table`,
`cards`…, with `order`, `sort` and `groupBy`). The syntax followed here is Obsidian's published
one: help.obsidian.md "Bases syntax" (bases/syntax), "Functions" (bases/functions: `file.inFolder`,
`file.hasTag`, `list`, `link`, `duration`, `today`, regular expressions' `matches`) and "Views"
(bases/views). Obsidian writes a user's changes to a view back into the file, so vaultkit writes
a base only when it is absent (`vaultkit.disk.obsidian`); from then on it is the user's.

Which notes a base shows is vaultkit's rule for the kind (`vaultkit.kinds.rules`), in its
precedence, as far as a Bases filter can say it (`kind_filter`): `type: KIND`; a property
rule's value; with no `type:`, a tag rule, then a folder rule, each unless a stronger rule of
another kind claims the note; where folders of two kinds nest, the deepest wins. What Bases
cannot say is written in the file's header: vaultkit reads `type:` and property values without
case, and leaves out the notes `ignore` names. A test evaluates the filters as Bases defines its
functions over the notes of tests/vaults/obsidian-like and finds vaultkit's kinds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vaultkit.reader.config import parse_cadence
from vaultkit.views.outputs import index_names

if TYPE_CHECKING:
    from vaultkit.kinds.proptypes import KindField
    from vaultkit.reader.config import Config

DAY_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}  # vaultkit's cadence units (`config.parse_cadence`), in days
CLOSED_STAGES = ("accepted", "declined", "rejected", "withdrawn")  # an interview's stages that end a process


@dataclass(frozen=True, slots=True)
class View:
    """One view of a base: its layout, name, columns (field names or `formula.X`), sort,
    grouping and a filter of its own (Bases expressions)."""

    name: str
    columns: tuple[str, ...]
    sort: tuple[tuple[str, str], ...] = ()
    type: str = "table"
    group_by: tuple[str, str] | None = None
    filters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BaseSpec:
    """A base vaultkit ships: the index note whose name it takes (`[outputs]` key and built-in
    name), the kind it shows, its formulas (name → expression) and views."""

    key: str
    kind: str
    views: tuple[View, ...]
    formulas: tuple[tuple[str, str], ...] = ()
    about: str = ""
    notes: tuple[str, ...] = ()  # what the base shows otherwise than the generated note: said in its header
    name: str = ""  # a kind of the user's: its file name (the kind's folder); the built-in ones follow [outputs]


_NOTES = {"people": "People.md", "events": "Events.md", "brag": "Brag.md", "interviews": "Interviews.md",
          "sharing": "Sharing.md"}  # the index note each built-in base is named after

# Formulas are templates: {default_days} is the vault's default cadence in days.
_PERSON_FORMULAS = (
    # vaultkit's cadence units in days (30d, 6w, 3m, 1y: `m` is a month of 30 days there), so
    # Obsidian's own units, where `m` is minutes, never see a cadence.
    ("cadence_days", 'if(note.cadence, number(note.cadence.slice(0, -1)) * if(note.cadence.endsWith("y"), 365, '
                     'if(note.cadence.endsWith("m"), 30, if(note.cadence.endsWith("w"), 7, 1))), {default_days})'),
    ("next_contact", 'if(note.last_contact, note.last_contact + duration(formula.cadence_days.toString() + "d"))'),
)

BASES: tuple[BaseSpec, ...] = (
    BaseSpec("people", "person", formulas=_PERSON_FORMULAS, about="your network, one row per person note",
             notes=("Last contact is the `last_contact` property; Follow-ups.md also counts the contacts you log.",),
             views=(
        View("People", ("company", "role", "met_at", "met_on", "last_contact", "formula.next_contact", "topics",
                        "communities"), sort=(("file.name", "ASC"),)),
        View("Due for follow-up", ("company", "role", "last_contact", "cadence", "formula.next_contact"),
             sort=(("formula.next_contact", "ASC"),), filters=("formula.next_contact < today()",)),
        View("By company", ("role", "met_at", "last_contact"), type="cards", group_by=("company", "ASC"),
             sort=(("file.name", "ASC"),)),
    )),
    BaseSpec("events", "event", about="the events you go to, one row per event note", views=(
        View("Events", ("date", "kind", "location", "community", "speaker", "goal_new_people", "met"),
             sort=(("date", "DESC"),)),
        View("Upcoming", ("date", "kind", "location", "want_to_meet", "goal_new_people"),
             sort=(("date", "ASC"),), filters=("note.date >= today()",)),
    )),
    BaseSpec("brag", "brag", about="your wins, one row per brag note",
             notes=("Inline #brag items (in daily notes) are no notes, so not here: Brag.md lists them too.",),
             views=(
        View("Wins", ("date", "impact", "impacted", "metrics", "theme", "project", "visibility"),
             sort=(("date", "DESC"),)),
        View("By theme", ("date", "impact", "metrics"), group_by=("theme", "ASC"), sort=(("date", "DESC"),)),
    )),
    BaseSpec("interviews", "interview", about="your market tests, one row per interview note",
             notes=("`rounds` (a list of mappings) has no Obsidian property type: edit it in source mode;",
                    "the table shows how many rounds were held."),
             formulas=(("rounds_held", "if(note.rounds, list(note.rounds).length, 0)"),), views=(
        View("Interviews", ("company", "role", "date", "stage", "people", "formula.rounds_held", "door_open",
                            "follow_up", "gaps"), sort=(("date", "DESC"),)),
        View("Open processes", ("company", "role", "stage", "follow_up", "people"), sort=(("follow_up", "ASC"),),
             filters=("[{open_stages}].contains(note.stage)",)),
    )),
    BaseSpec("sharing", "share", about="what you shared outside work, one row per share note", views=(
        View("Shared", ("date", "kind", "channel", "url", "topics", "metrics"), sort=(("date", "DESC"),)),
        View("By channel", ("date", "kind", "topics"), group_by=("channel", "ASC"), sort=(("date", "DESC"),)),
    )),
)


def user_spec(kind: str, name: str, fields: list[KindField]) -> BaseSpec:
    """The base of a kind of the user's (from vaultkit.toml or a plugin): a table of its fields
    in declared order, the latest first by its first date field."""
    columns = tuple(f.name for f in fields if f.obsidian is not None)[:10]
    dated = next((f.name for f in fields if f.obsidian == "date"), None)
    sort = ((dated, "DESC"),) if dated else (("file.name", "ASC"),)
    return BaseSpec(kind, kind, (View(name, columns, sort=sort),), about=f"your {kind} notes, one row each", name=name)


def specs(config: Config) -> tuple[BaseSpec, ...]:
    """The bases of this vault: the five built-in ones, then one for each kind of the user's
    whose name no other base has (names compare without case, as Obsidian's do)."""
    from vaultkit.kinds.proptypes import user_kinds

    found = list(BASES)
    names = index_names(config)
    taken = {names[_NOTES[spec.key]][:-3].casefold() for spec in BASES}
    for kind, name, fields in user_kinds(config):
        if name.casefold() not in taken and kind not in _NOTES:
            taken.add(name.casefold())
            found.append(user_spec(kind, name, fields))
    return tuple(found)


def base_paths(config: Config) -> dict[str, str]:
    """Each base's key (the `[outputs]` key of a built-in one, else its kind) → its
    vault-relative path: the output folder, and the name of the index note it goes with
    (`[outputs] people = "Network"` gives `Network.base`) or, for a kind of the user's, its folder's."""
    names = index_names(config)
    folder = config.output_dir.strip("/")
    return {spec.key: f"{folder}/{spec.name or names[_NOTES[spec.key]][:-3]}.base" for spec in specs(config)}


def find(config: Config, name: str) -> str | None:
    """The key of the base a user names: its key (`people`), its kind (`person`) or its file
    name, with or without `.base` (`People`, `Network.base`), without case; None when none."""
    wanted = name.strip().removesuffix(".base").casefold()
    kinds = {spec.key: spec.kind for spec in specs(config)}
    for key, path in base_paths(config).items():
        stem = path.rsplit("/", 1)[-1][:-5]
        if wanted in (key, kinds[key], stem.casefold(), path[:-5].casefold()):
            return key
    return None


@dataclass(slots=True)
class _Out:
    lines: list[str] = field(default_factory=list)

    def add(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*( [A-Za-z0-9_.-]+)*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(text: str) -> str:
    """A YAML scalar for a name or property: plain where YAML reads it back as the same string,
    else double-quoted (JSON's escapes are YAML's)."""
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def expression(text: str) -> str:
    """A Bases expression as a YAML scalar: single-quoted (expressions hold double quotes, and
    may start with `!`, a YAML tag), a quote inside doubled."""
    return "'" + text.replace("'", "''") + "'"


def _display(name: str) -> str:
    shown = name.removeprefix("formula.").replace("_", " ").capitalize()
    return {"Url": "URL", "Follow up": "Follow-up"}.get(shown, shown)


def render(spec: BaseSpec, fields: list[KindField], config: Config) -> str:
    """The text of one base, from the kind's `fields` (name → property) and the vault's rules."""
    props = {f.name: f.prop for f in fields}

    def ref(column: str) -> str:
        if column.startswith(("formula.", "file.")):
            return column
        return f"note.{props[column]}"  # a KeyError here is vaultkit's bug: BASES names a field that is gone

    default_days = parse_cadence(config.default_cadence) or 90
    stage = next((f for f in fields if f.name == "stage"), None)
    words = [w for w, value in (stage.choices if stage else ()) if value not in CLOSED_STAGES]
    # The schema's words for the placeholders: the vault may add stages (`values = ["+take-home"]`).
    said = {"{default_days}": str(default_days), "{open_stages}": ", ".join(_js_string(w) for w in words)}

    def filled(text: str) -> str:
        for key, value in said.items():
            text = text.replace(key, value)
        return text

    out = _Out()
    name = spec.name or index_names(config)[_NOTES[spec.key]][:-3]
    for line in _header(name, spec, config):
        out.add(0, f"# {line}".rstrip())
    out.add(0, "filters:")
    _filter(out, 2, kind_filter(spec.kind, config))
    if spec.formulas:
        out.add(0, "formulas:")
        for fname, formula in spec.formulas:
            out.add(2, f"{fname}: {expression(filled(formula))}")
    out.add(0, "properties:")
    shown: list[str] = ["file.name"]
    for view in spec.views:
        grouped = (view.group_by[0],) if view.group_by else ()
        shown += [c for c in (*view.columns, *grouped) if c not in shown]
    for column in shown:
        out.add(2, f"{scalar(ref(column))}:")
        out.add(4, f"displayName: {scalar('Name' if column == 'file.name' else _display(column))}")
    out.add(0, "views:")
    for view in spec.views:
        out.add(2, f"- type: {view.type}")
        out.add(4, f"name: {scalar(view.name)}")
        if view.filters:
            out.add(4, "filters:")
            _filter(out, 6, ("and", [filled(f) for f in view.filters]))
        if view.group_by:
            out.add(4, "groupBy:")
            out.add(6, f"property: {scalar(ref(view.group_by[0]))}")
            out.add(6, f"direction: {view.group_by[1]}")
        out.add(4, "order:")
        for column in ("file.name", *view.columns):
            out.add(6, f"- {scalar(ref(column))}")
        if view.sort:
            out.add(4, "sort:")
            for column, direction in view.sort:
                out.add(6, f"- property: {scalar(ref(column))}")
                out.add(8, f"direction: {direction}")
    return "\n".join(out.lines) + "\n"


def _header(name: str, spec: BaseSpec, config: Config) -> list[str]:
    return [
        f"{name}: {spec.about}.",
        "A live table in Obsidian (Bases: Obsidian 1.9 or later), on desktop and mobile.",
        "Written by vaultkit from its schema when absent; yours from then on: Obsidian saves your view",
        f"changes here and vaultkit never rewrites it, unless you run `vaultkit bases --refresh {spec.key}`.",
        f"Which notes: those vaultkit reads as {spec.kind} notes, by its rules in their order: `type: {spec.kind}`;",
        "a property rule's value; with no `type:`, a tag rule, then a folder rule (where folders of two",
        "kinds nest, the deepest wins). Not said here: vaultkit also reads `type:` and property values",
        "without case, and leaves out the notes `ignore` names in vaultkit.toml.",
        "Dates sort as dates with the property types vaultkit adds to .obsidian/types.json.",
        *(["Formulas count durations in days (\"d\"): in Obsidian \"m\" is minutes and \"M\" months."]
          if spec.formulas else []),
        *spec.notes,
        "Syntax: https://help.obsidian.md/bases/syntax and https://help.obsidian.md/bases/functions",
    ]


Filter = str | tuple[str, list["Filter"]]


def _filter(out: _Out, indent: int, node: Filter) -> None:
    """A filter as Bases nests them: a statement, or one of `and`/`or`/`not` over a list."""
    if isinstance(node, str):
        out.add(indent, expression(node))
        return
    op, items = node
    out.add(indent, f"{op}:")
    for item in items:
        if isinstance(item, str):
            out.add(indent + 2, f"- {expression(item)}")
        else:
            sub = _Out()
            _filter(sub, 0, item)
            out.add(indent + 2, "- " + sub.lines[0])
            for line in sub.lines[1:]:
                out.add(indent + 4, line)


def _js_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _js_regex(pattern: str) -> str:
    """A Python regex from `rules.glob_regex` as a Bases (JavaScript) regex literal's body."""
    return pattern.replace("/", "\\/")


def anywhere_name(glob: str) -> str | None:
    """The folder name of a rule `**/NAME/` (a folder of that name anywhere), lower-cased; else None."""
    parts = [p for p in glob.strip().strip("/").split("/") if p]
    if len(parts) == 2 and parts[0] == "**" and not _WILD.search(parts[1]):
        return parts[1].lower()
    return None


_WILD = re.compile(r"[*?\[\]]")


def folder_filter(glob: str, deeper: tuple[str, ...] = ()) -> str:
    """A Bases statement true for a note under a folder the glob names (vaultkit matches a glob
    against each folder above the note, so a note anywhere below such a folder counts), unless a
    folder below that one is named by another kind's rule `**/NAME/` (`deeper`): the deepest
    matching folder wins."""
    from vaultkit.kinds.rules import glob_regex

    parts = [p for p in glob.strip().strip("/").split("/") if p]
    tail = "(\\/|$)"
    if deeper:
        names = "|".join(re.escape(n).replace("/", "\\/") for n in sorted(set(deeper)))
        tail = f"(\\/(?!(?:{names})(\\/|$))[^\\/]+)*$"
    if parts and not any(_WILD.search(p) for p in parts):
        if not deeper:
            return f"file.inFolder({_js_string('/'.join(parts))})"
        path = "\\/".join(re.escape(p.lower()) for p in parts)
        return f"/^{path}{tail}/.matches(file.folder.lower())"
    name = anywhere_name(glob)
    if name is not None:
        return f"/(^|\\/){re.escape(name).replace('/', '')}{tail}/.matches(file.folder.lower())"
    return f"/^(?:{_js_regex(glob_regex(glob).pattern)}){tail}/.matches(file.folder.lower())"


def _value_filter(prop: str, value: str) -> str:
    text = value.strip()
    m = re.match(r"^!?\[\[([^\[\]|#]+)", text)
    wanted = f"link({_js_string(m.group(1).strip())})" if m else _js_string(text)
    return f"list(note[{_js_string(prop)}]).contains({wanted})"


def _any(items: list[Filter]) -> Filter:
    return items[0] if len(items) == 1 else ("or", items)


def kind_filter(kind: str, config: Config) -> Filter:
    """The global filter of a kind's base: Markdown notes outside the templates folders that
    vaultkit's rules would give this kind, in their precedence (`vaultkit.kinds.rules`): `type:`
    naming the kind; a property rule's value, unless `type:` names another kind; with no
    `type:`, a tag rule unless another kind's property rule claims the note, then a folder rule
    unless another kind's property or tag rule does. What stays approximate is in the header."""
    specs = {ks.kind: ks for ks in config.kinds}
    spec = specs.get(kind)

    def props(ks: object) -> list[Filter]:
        return [_value_filter(p, v) for p, values in getattr(ks, "properties", ()) for v in values]

    def tags(ks: object) -> list[Filter]:
        return [f"file.hasTag({_js_string(t)})" for t in getattr(ks, "tags", ())]

    others = [ks for name, ks in sorted(specs.items()) if name != kind]
    mine = {anywhere_name(g) for g in getattr(spec, "folders", ())}
    deeper = tuple(sorted({n for ks in others for g in ks.folders if (n := anywhere_name(g)) and n not in mine}))
    folders: list[Filter] = [folder_filter(glob, deeper) for glob in getattr(spec, "folders", ())]
    folders += [f"file.inFolder({_js_string(folder)})" for folder, k in config.folders if k == kind]
    claims: list[Filter] = [f"note.type == {_js_string(kind)}"]
    # At one level, the kind first in alphabetical order wins (vaultkit warns of the tie).
    earlier = [ks for name, ks in sorted(specs.items()) if name < kind]
    ladder: list[tuple[list[Filter], list[Filter], list[Filter]]] = [
        (props(spec), [f"![{', '.join(_js_string(k) for k in sorted(specs))}].contains(note.type)"],
         [p for ks in earlier for p in props(ks)]),
        (tags(spec), ["!note.type"], [p for ks in others for p in props(ks)] + [t for ks in earlier for t in tags(ks)]),
        (folders, ["!note.type"], [r for ks in others for r in (*props(ks), *tags(ks))]),
    ]
    for rules, typed, stronger in ladder:
        if rules:
            unless: list[Filter] = [("not", stronger)] if stronger else []
            claims.append(("and", [*typed, *unless, _any(rules)]))
    where: list[Filter] = ['file.ext == "md"']
    where += [f"!file.inFolder({_js_string(t)})" for t in config.templates if t]
    where.append(_any(claims))
    return ("and", where)


def render_all(config: Config, fields: Mapping[str, list[KindField]]) -> dict[str, str]:
    """Every base's vault-relative path → its text."""
    paths = base_paths(config)
    return {paths[spec.key]: render(spec, fields[spec.kind], config) for spec in specs(config)}
