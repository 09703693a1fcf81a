"""The vault's `vaultkit.toml`: parsed and validated into a `Config`, without disk access."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from vaultkit.kinds import rules as kindrules
from vaultkit.kinds.schema import BUILTIN, BUILTIN_NAMES, Schema
from vaultkit.reader import dailynotes
from vaultkit.reader.dates import day_problem
from vaultkit.reader.model import Diagnostic, Severity

CONFIG_NAME = "vaultkit.toml"
KINDS = BUILTIN_NAMES  # the kinds vaultkit ships; a vault's own are in `Config.schema.names`
_BUILTIN_RULES = kindrules.Kinds(BUILTIN.specs())


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one vault. Every key of `vaultkit.toml` is optional.

    `schema` holds every kind: the built-in ones, a plugin's, the vault's `[kinds.NAME]` tables
    (`vaultkit.kinds.schema`); `rules` its compiled recognition rules (`vaultkit.kinds.rules`),
    with `folders`, the old `[folders]` table (a folder from the vault root → a kind), on top.
    A plugin's kinds go under the vault's own tables: `with_kinds`.
    `daily` is where daily notes live: from `daily_notes`, else `.obsidian/daily-notes.json`.
    """

    output_dir: str = "Vaultkit"
    today: dt.date | None = None
    default_cadence: str = "90d"
    daily_notes: str = "Daily/{date}"
    event_goal_new_people: int = 3
    ignore: tuple[str, ...] = ()
    folders: tuple[tuple[str, str], ...] = ()
    schema: Schema = BUILTIN
    daily: dailynotes.DailyNotes = dailynotes.DEFAULT
    rules: kindrules.Kinds = field(init=False, repr=False, compare=False)
    templates_folder: str | None = None  # the toml's; "" for none. Unset: Obsidian's (below)
    outputs: tuple[tuple[str, str], ...] = ()  # [outputs]: view key → name of its generated note
    plugins: tuple[str, ...] = ()  # entry points of `vaultkit.plugins` to load (`vaultkit.plugins`)
    manager: str | None = None  # `manager = "[[Name]]"`: the link target (`one-on-one` with no PERSON)
    # [criteria]: promotion criterion → the brag themes that are evidence for it, in the toml's order
    criteria: tuple[tuple[str, tuple[str, ...]], ...] = ()
    company: str = ""  # your own company: the Dashboard's "outside the bubble" counts the others
    looking_for: tuple[str, ...] = ()  # what you are looking for: follow-ups list who has not been told
    cadence: tuple[tuple[str, str], ...] = ()  # [cadence]: a person priority → its default cadence
    # The vault's views (`vaultkit.views.registry.ViewSet`), set where the config is read from disk
    # (`fs.read_config_text`: plugins and `.vaultkit/views/`); None: vaultkit's own and a script's.
    views: Any = field(default=None, compare=False, repr=False)
    # From Obsidian's settings (`vaultkit.reader.obsidian`, read by `fs.read_config`), not from the toml:
    obsidian_templates: tuple[str, ...] = ("Templates",)
    excluded: tuple[str, ...] = ()  # "Excluded files" (app.json `userIgnoreFilters`)
    # The vault's own `[kinds]` and `[folders]` tables as written, the schema they were merged
    # over and what was said of them: `with_kinds` merges a plugin's kinds under them.
    kind_tables: Any = field(default=None, compare=False, repr=False)
    folder_table: Any = field(default=None, compare=False, repr=False)
    plugin_schema: Schema = field(default=BUILTIN, compare=False, repr=False)
    kind_diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False, repr=False)

    @property
    def kinds(self) -> tuple[kindrules.KindSpec, ...]:
        """Every kind's recognition rules and field sources (from `schema`)."""
        return self.schema.specs()

    def with_kinds(self, tables: Any, origin: str) -> tuple[Config, list[Diagnostic]]:
        """This config with a plugin's kinds: `tables` shaped as a `[kinds]` TOML table parses
        ({"talk": {"match": {...}, "fields": {...}}}), merged over the built-in kinds and the
        plugins merged before, and under the vault's own `[kinds]` and `[folders]` tables, which
        are applied again on top (a vault table extending a plugin's kind is right only now).

        Returns the new config and diagnostics: the plugin's (file `origin`, e.g. "plugin
        vaultkit-talks"), then the vault's tables judged again, which replace the old config's
        `kind_diagnostics` in what the caller reports::

            new, said = config.with_kinds(tables, "plugin vaultkit-talks")
            diags = [d for d in diags if d not in config.kind_diagnostics] + said
        """
        said: list[Diagnostic] = []

        def err(key: str, message: str, hint: str) -> None:
            said.append(Diagnostic(origin, None, Severity.ERROR, "plugin-kinds", f"{key}: {message}", hint))

        base = self.plugin_schema.merge(tables, err)
        schema, folders, own = _kinds(base, self.kind_tables, self.folder_table)
        new = replace(self, schema=schema, folders=folders, plugin_schema=base, kind_diagnostics=tuple(own))
        return new, [*said, *own]

    @property
    def templates(self) -> tuple[str, ...]:
        """The templates folders: the toml's `templates_folder` where set, else Obsidian's."""
        return (self.templates_folder,) if self.templates_folder is not None else self.obsidian_templates

    def __post_init__(self) -> None:
        # Compiled once per config (every note asks them): folder globs, tags, properties.
        same = (self.schema is BUILTIN or self.schema == BUILTIN) and not self.folders
        rules = _BUILTIN_RULES if same else kindrules.Kinds(self.schema.specs(), self.folders)
        object.__setattr__(self, "rules", rules)
        if self.daily is dailynotes.DEFAULT and self.daily_notes != dailynotes.DEFAULT_PATTERN:
            object.__setattr__(self, "daily", dailynotes.from_pattern(self.daily_notes, CONFIG_NAME))


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "output_dir": str,
    "today": dt.date,
    "default_cadence": str,
    "daily_notes": str,
    "event_goal_new_people": int,
    "ignore": list,
    "folders": dict,
    "kinds": dict,
    "templates_folder": str,
    "outputs": dict,
    "plugins": list,
    "manager": str,
    "criteria": dict,
    "company": str,
    "looking_for": (str, list),
    "cadence": dict,
}


_CADENCE_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


@lru_cache(maxsize=256)  # a vault writes a few cadences; planning asks twice a person (~1 µs each, 30k at 50k notes)
def parse_cadence(text: str) -> int | None:
    """Days in a cadence like `30d`, `6w`, `3m`, `1y`; None when malformed."""
    text = text.strip().lower()
    units = _CADENCE_UNITS
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        return None
    number = int(text[:-1])
    if number <= 0 or number > 100_000:
        return None
    return number * units[text[-1]]


# Errors that leave the config whole: a plugin that is missing or failed, a view of the vault's
# that is no view (the vault builds without it, and the error says so).
CARRY_ON = frozenset({"plugin-missing", "plugin-failed", "plugin-kinds", "view-invalid"})


def invalid(diags: list[Diagnostic]) -> bool:
    """Do the config's diagnostics hold an error? Then nothing may act on it: a config half
    understood (an `ignore` or `output_dir` lost) would write or answer the wrong thing."""
    return any(d.severity is Severity.ERROR and d.code not in CARRY_ON for d in diags)


def refusal(diags: list[Diagnostic], outcome: str) -> str:
    """What a command that will not act on an invalid config says: why, then every diagnostic."""
    return f"{CONFIG_NAME} is invalid, {outcome}:\n" + "\n".join(d.describe() for d in diags)


def _err(key: str, message: str, hint: str) -> Diagnostic:
    table, _, last = key.rpartition(".")
    if table and last in _FIELDS and (message.startswith("unknown") or table in ("outputs", "folders", "criteria")):
        # TOML puts a key written below a [table] header inside that table: `plugins = [...]`
        # added at the end of the file lands in the last table, and only its place is wrong.
        hint = (f"`{last}` is a top-level key, but TOML read it inside [{table}] because it comes after "
                f"that table's header: move the `{last} = …` line above the first [table] of the file")
    return Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-invalid", f"{key}: {message}", hint)


def _bad_ignore(glob: str, diags: list[Diagnostic]) -> bool:
    """Is `glob` no gitignore pattern (`!` alone, a lone trailing `\\`)? Then say so, naming it:
    the matcher compiles the list once, and one bad line would stop every command."""
    from pathspec import GitIgnoreSpec  # only a config with `ignore` globs pays for the import

    try:
        GitIgnoreSpec.from_lines([glob])
    except ValueError as exc:
        diags.append(_err("ignore", f"{glob!r} is not a gitignore pattern ({exc})",
                          'write e.g. ignore = ["Archive/", "*.draft.md", "!Archive/keep.md"]'))
        return True
    return False


def _kinds(base: Schema, kinds: Any, folders: Any,
           ) -> tuple[Schema, tuple[tuple[str, str], ...], list[Diagnostic]]:
    """The vault's `[kinds]` tables merged over `base`, its `[folders]` table checked against
    the kinds that gives, and the diagnostics of both."""
    diags: list[Diagnostic] = []

    def err(key: str, message: str, hint: str) -> None:
        diags.append(_err(key, message, hint))

    schema = base.merge(kinds, err) if kinds is not None else base
    found = {}
    for folder, kind in (folders or {}).items():
        if not isinstance(kind, str) or kind not in schema.kinds:
            err(f"folders.{folder}", f"unknown kind {kind!r}", f"kinds: {', '.join(schema.names)}")
            continue
        found[folder.strip("/")] = kind
    return schema, tuple(sorted(found.items())), diags


def parse_config(text: str | None) -> tuple[Config, list[Diagnostic]]:
    """Parse `vaultkit.toml` text (None when the file is absent).

    Returns the config (defaults for anything missing or invalid) and diagnostics:
    an unknown key or a wrong type is an error that names the key.
    """
    if text is None:
        return Config(), []
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(), [
            Diagnostic(CONFIG_NAME, None, Severity.ERROR, "config-syntax", f"not valid TOML: {exc}",
                       "fix the TOML syntax; every key is optional, an empty file is valid")
        ]
    diags: list[Diagnostic] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _FIELDS.get(key)
        if expected is None:
            diags.append(_err(key, "unknown key", f"known keys: {', '.join(sorted(_FIELDS))}"))
            continue
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            diags.append(_err(key, f"expected an integer, got {value!r}", f"write e.g. {key} = 3"))
            continue
        if expected is dt.date:
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    diags.append(_err(key, day_problem(value), 'write e.g. today = "2026-06-30"'))
                    continue
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
                diags.append(_err(key, f"expected a date, got {value!r}", 'write e.g. today = "2026-06-30"'))
                continue
            if today_problem(value):
                diags.append(_err(key, today_problem(value) or "", 'write e.g. today = "2026-06-30"'))
                continue
        elif not isinstance(value, expected):
            wanted = " or ".join(t.__name__ for t in expected) if isinstance(expected, tuple) else expected.__name__
            diags.append(_err(key, f"expected {wanted}, got {type(value).__name__}",
                              "see the commented vaultkit.toml written by `vaultkit init`"))
            continue
        values[key] = value
    if "default_cadence" in values and parse_cadence(values["default_cadence"]) is None:
        diags.append(_err("default_cadence", f"not a cadence: {values.pop('default_cadence')!r}",
                          "use a number and a unit: 30d, 6w, 3m or 1y"))
    if "output_dir" in values:
        out = values["output_dir"].strip().strip("/")
        absolute = values["output_dir"].strip().startswith("/") or (len(out) > 1 and out[1] == ":")
        # (Not printable: a NUL ended the build with "embedded null byte", nothing said of the key.)
        if (not out or absolute or ".." in out.split("/") or out.startswith((".", "~")) or "\\" in out
                or not out.isprintable()):
            diags.append(_err("output_dir", f"must be a folder inside the vault, got {values.pop('output_dir')!r}",
                              'write e.g. output_dir = "Vaultkit"'))
        else:
            values["output_dir"] = out
    if "daily_notes" in values and "{date}" not in values["daily_notes"]:
        diags.append(_err("daily_notes", "must contain {date}", 'write e.g. daily_notes = "Daily/{date}"'))
        values.pop("daily_notes")
    if "ignore" in values:
        if not all(isinstance(g, str) for g in values["ignore"]):
            diags.append(_err("ignore", "must be a list of glob strings", 'write e.g. ignore = ["Archive/"]'))
            values.pop("ignore")
        else:
            values["ignore"] = tuple(g for g in values["ignore"] if not _bad_ignore(g, diags))
    if "daily_notes" in values:  # said here, it wins over Obsidian's daily-notes.json
        values["daily"] = dailynotes.from_pattern(values["daily_notes"], CONFIG_NAME)
    if "folders" in values or "kinds" in values:
        values["kind_tables"], values["folder_table"] = values.pop("kinds", None), values.pop("folders", None)
        values["schema"], values["folders"], own = _kinds(BUILTIN, values["kind_tables"], values["folder_table"])
        values["kind_diagnostics"] = tuple(own)
        diags.extend(own)
    if "templates_folder" in values:
        from vaultkit.reader.obsidian import folder

        given = values.pop("templates_folder")
        if given.strip().strip("/"):
            if folder(given) is None:
                diags.append(_err("templates_folder", f"must be a folder inside the vault, got {given!r}",
                                  'write e.g. templates_folder = "Templates" (or "" for none)'))
            else:
                values["templates_folder"] = folder(given)
        else:
            values["templates_folder"] = ""
    if "company" in values:
        values["company"] = " ".join(values["company"].split())
    if "plugins" in values:
        names = values.pop("plugins")
        if all(isinstance(n, str) and n.strip() and n == n.strip() for n in names):
            values["plugins"] = tuple(dict.fromkeys(names))
        else:
            diags.append(_err("plugins", f"must be a list of plugin names, got {names!r}",
                              'write e.g. plugins = ["vaultkit-talks"] (the names their packages document)'))
    if "manager" in values:
        target = person_target(values.pop("manager"))
        if target is None:
            diags.append(_err("manager", "must name one person note",
                              'write e.g. manager = "[[Marta Kowalski]]" (a link or the note\'s name)'))
        else:
            values["manager"] = target
    if "criteria" in values:
        values["criteria"] = _criteria(values.pop("criteria"), diags)
    _network(values, diags)
    if "outputs" in values:
        from vaultkit.views.outputs import parse_outputs

        values["outputs"], problems = parse_outputs(values["outputs"])
        diags.extend(_err(f"outputs.{key}", message, hint) for key, message, hint in problems)
    return Config(**values), diags


def person_target(text: str) -> str | None:
    """The note a config value names, written as `"[[Name]]"`, `"[[Name|shown]]"` or `"Name"`:
    its link target, or None when the value names no note."""
    from vaultkit.reader.linksyntax import link_parts

    text = text.strip()
    if text.startswith("[[") and text.endswith("]]") and "[[" not in text[2:-2] and "]]" not in text[2:-2]:
        parts = link_parts(text[2:-2])
        return parts[0] if parts is not None and parts[0].strip() else None
    if not text or "[[" in text or "]]" in text or "\n" in text:
        return None
    return text


def _criteria(table: dict[str, Any], diags: list[Diagnostic]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`[criteria]`: each promotion criterion → a list of brag themes; a bad entry is an error naming it."""
    found = []
    for name, themes in table.items():
        if (not name.strip() or not isinstance(themes, list) or not themes
                or not all(isinstance(t, str) and t.strip() for t in themes)):
            diags.append(_err(f"criteria.{name}", f"expected a list of brag themes, got {themes!r}",
                              f'write e.g. "{name.strip() or "Technical leadership"}" = ["leadership", "delivery"]'))
            continue
        found.append((name.strip(), tuple(dict.fromkeys(t.strip() for t in themes))))
    return tuple(found)


def priorities(schema: Schema) -> tuple[str, ...]:
    """The person kind's `priority` values, highest first (the vault may replace the list)."""
    spec = schema.field("person", "priority")
    return spec.values if spec is not None else ()


def _network(values: dict[str, Any], diags: list[Diagnostic]) -> None:
    """`looking_for` and `[cadence]` checked in `values` (dropped where wrong): a `[cadence]` key
    must be one of the person priorities, its value a cadence."""
    if "looking_for" in values:
        given = values.pop("looking_for")
        items = [given] if isinstance(given, str) else given
        if all(isinstance(i, str) for i in items):
            values["looking_for"] = tuple(" ".join(i.split()) for i in items if i.strip())
        else:
            diags.append(_err("looking_for", f"must be text or a list of text, got {given!r}",
                              'write e.g. looking_for = "a staff platform role in Berlin"'))
    if "cadence" in values:
        known = priorities(values.get("schema", BUILTIN))
        found = []
        for name, text in values.pop("cadence").items():
            if name not in known:
                diags.append(_err(f"cadence.{name}", f"unknown priority {name!r}",
                                  f"[cadence] keys are the person priorities: {', '.join(known) or 'none declared'}"))
            elif not isinstance(text, str) or parse_cadence(text) is None:
                diags.append(_err(f"cadence.{name}", f"not a cadence: {text!r}",
                                  f'use a number and a unit: {name} = "30d" (or 6w, 3m, 1y)'))
            else:
                found.append((name, text))
        values["cadence"] = tuple(sorted(found))


TODAY_RANGE = (dt.date(1900, 1, 1), dt.date(8999, 12, 31))


def today_problem(day: dt.date) -> str | None:
    """Why `day` cannot be "today" (None when it can): vaultkit plans windows of years around it,
    which must stay inside the dates Python can hold (year 1 to 9999)."""
    first, last = TODAY_RANGE
    if first <= day <= last:
        return None
    return f"{day.isoformat()} is outside the dates vaultkit plans for ({first.isoformat()} to {last.isoformat()})"
