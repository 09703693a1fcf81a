"""The vault's `vaultkit.toml`: parsed and validated into a `Config`, without disk access."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from typing import Any

from vaultkit.kinds import rules as kindrules
from vaultkit.reader import dailynotes
from vaultkit.reader.model import Diagnostic, Severity

CONFIG_NAME = "vaultkit.toml"
KINDS = kindrules.KINDS


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one vault. Every key of `vaultkit.toml` is optional.

    `kinds` holds each kind's rules and field sources (`[kinds.NAME]`, see `vaultkit.kinds.rules`);
    `folders` the old `[folders]` table (a folder from the vault root → a kind), on top of them.
    `daily` is where daily notes live: from `daily_notes`, else `.obsidian/daily-notes.json`.
    """

    output_dir: str = "Vaultkit"
    today: dt.date | None = None
    default_cadence: str = "90d"
    daily_notes: str = "Daily/{date}"
    event_goal_new_people: int = 3
    ignore: tuple[str, ...] = ()
    folders: tuple[tuple[str, str], ...] = ()
    kinds: tuple[kindrules.KindSpec, ...] = kindrules.DEFAULT_SPEC
    daily: dailynotes.DailyNotes = dailynotes.DEFAULT
    rules: kindrules.Kinds = field(init=False, repr=False, compare=False)
    templates_folder: str | None = None  # the toml's; "" for none. Unset: Obsidian's (below)
    outputs: tuple[tuple[str, str], ...] = ()  # [outputs]: view key → name of its generated note
    # From Obsidian's settings (`vaultkit.reader.obsidian`, read by `fs.read_config`), not from the toml:
    obsidian_templates: tuple[str, ...] = ("Templates",)
    excluded: tuple[str, ...] = ()  # "Excluded files" (app.json `userIgnoreFilters`)

    @property
    def templates(self) -> tuple[str, ...]:
        """The templates folders: the toml's `templates_folder` where set, else Obsidian's."""
        return (self.templates_folder,) if self.templates_folder is not None else self.obsidian_templates

    def __post_init__(self) -> None:
        # Compiled once per config (every note asks them): folder globs, tags, properties.
        same = self.kinds == kindrules.DEFAULT_SPEC and not self.folders
        rules = kindrules.DEFAULT_KINDS if same else kindrules.Kinds(self.kinds, self.folders)
        object.__setattr__(self, "rules", rules)
        if self.daily is dailynotes.DEFAULT and self.daily_notes != dailynotes.DEFAULT_PATTERN:
            object.__setattr__(self, "daily", dailynotes.from_pattern(self.daily_notes, CONFIG_NAME))


_FIELDS: dict[str, type] = {
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
}


def parse_cadence(text: str) -> int | None:
    """Days in a cadence like `30d`, `6w`, `3m`, `1y`; None when malformed."""
    text = text.strip().lower()
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        return None
    number = int(text[:-1])
    if number <= 0 or number > 100_000:
        return None
    return number * units[text[-1]]


def invalid(diags: list[Diagnostic]) -> bool:
    """Do the config's diagnostics hold an error? Then nothing may act on it: a config half
    understood (an `ignore` or `output_dir` lost) would write or answer the wrong thing."""
    return any(d.severity is Severity.ERROR for d in diags)


def refusal(diags: list[Diagnostic], outcome: str) -> str:
    """What a command that will not act on an invalid config says: why, then every diagnostic."""
    return f"{CONFIG_NAME} is invalid, {outcome}:\n" + "\n".join(d.describe() for d in diags)


def _err(key: str, message: str, hint: str) -> Diagnostic:
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
                    diags.append(_err(key, f"not a date: {value!r}", 'write e.g. today = "2026-06-30"'))
                    continue
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
                diags.append(_err(key, f"expected a date, got {value!r}", 'write e.g. today = "2026-06-30"'))
                continue
        elif not isinstance(value, expected):
            diags.append(_err(key, f"expected {expected.__name__}, got {type(value).__name__}",
                              "see the commented vaultkit.toml written by `vaultkit init`"))
            continue
        values[key] = value
    if "default_cadence" in values and parse_cadence(values["default_cadence"]) is None:
        diags.append(_err("default_cadence", f"not a cadence: {values.pop('default_cadence')!r}",
                          "use a number and a unit: 30d, 6w, 3m or 1y"))
    if "output_dir" in values:
        out = values["output_dir"].strip().strip("/")
        absolute = values["output_dir"].strip().startswith("/") or (len(out) > 1 and out[1] == ":")
        if not out or absolute or ".." in out.split("/") or out.startswith((".", "~")) or "\\" in out:
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
    if "folders" in values:
        folders = {}
        for folder, kind in values["folders"].items():
            if kind not in KINDS:
                diags.append(_err(f"folders.{folder}", f"unknown kind {kind!r}", f"kinds: {', '.join(KINDS)}"))
                continue
            folders[folder.strip("/")] = kind
        values["folders"] = tuple(sorted(folders.items()))
    if "kinds" in values:
        from vaultkit.kinds.fields import SCHEMA  # fields needs this module: asked only when there are kinds

        def err(key: str, message: str, hint: str) -> None:
            diags.append(_err(key, message, hint))

        values["kinds"] = kindrules.parse_kinds(values["kinds"], err, SCHEMA)
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
    if "outputs" in values:
        from vaultkit.views.outputs import parse_outputs

        values["outputs"], problems = parse_outputs(values["outputs"])
        diags.extend(_err(f"outputs.{key}", message, hint) for key, message, hint in problems)
    return Config(**values), diags
