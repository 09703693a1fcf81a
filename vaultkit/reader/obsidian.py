"""Obsidian's own settings, as far as they decide which files are notes. Pure: JSON text in,
plain values out; `vaultkit.disk.appsettings.read_obsidian` reads the files.

- `.obsidian/templates.json` `folder`: the core Templates plugin's folder. Its files are
  templates (`{{date}}`, `{{title}}`), not notes. Without the file, `Templates/`.
- `.obsidian/plugins/templater-obsidian/data.json` `templates_folder`: the Templater
  plugin's folder, treated the same way (`<% tp.date.now() %>` is no note either).
- `.obsidian/app.json` `userIgnoreFilters` ("Excluded files"): each entry is a path prefix
  (`Archive/`, `Inbox/old.md`), or a JavaScript regular expression written between slashes
  (`/\\.draft\\.md$/`) tested anywhere in the path. Obsidian hides those files from search,
  the graph and unlinked mentions but still resolves links to them, so vaultkit does not
  read them as notes and keeps them linkable.

A file that is not valid JSON (or not the shape Obsidian writes) stops nothing: it gives
an info diagnostic naming it, and the defaults are used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from vaultkit.reader.model import Diagnostic, Severity

APP = ".obsidian/app.json"
TEMPLATES = ".obsidian/templates.json"
TEMPLATER = ".obsidian/plugins/templater-obsidian/data.json"
SETTINGS_FILES = (APP, TEMPLATES, TEMPLATER)  # a change to one of these changes the config
DEFAULT_TEMPLATES = "Templates"


@dataclass(frozen=True, slots=True)
class Settings:
    """What vaultkit takes from Obsidian's settings: folders of templates, excluded-file filters."""

    templates: tuple[str, ...] = (DEFAULT_TEMPLATES,)
    excluded: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        """A text that changes exactly when these settings do (for caches and build records)."""
        return f"\n# obsidian: templates={list(self.templates)!r} excluded={list(self.excluded)!r}"


def _load(name: str, text: str, diags: list[Diagnostic]) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        diags.append(Diagnostic(name, getattr(exc, "lineno", None), Severity.INFO, "obsidian-settings",
                                f"not valid JSON{where}: its settings are not used",
                                "let Obsidian rewrite it (change the setting there), or fix the JSON"))
        return {}
    if not isinstance(data, dict):
        diags.append(Diagnostic(name, None, Severity.INFO, "obsidian-settings",
                                "not a JSON object: its settings are not used",
                                "let Obsidian rewrite it (change the setting there), or fix the JSON"))
        return {}
    return data


def folder(value: object) -> str | None:
    """A folder setting as a vault-relative path without slashes; None when unset or unusable."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\\", "/").strip("/")
    if not text or text.startswith(".") or ".." in text.split("/"):
        return None  # the vault root or outside it: no folder vaultkit can leave out
    return text


def _excluded(data: dict[str, Any], diags: list[Diagnostic]) -> tuple[str, ...]:
    raw = data.get("userIgnoreFilters", [])
    if not isinstance(raw, list):
        diags.append(Diagnostic(APP, None, Severity.INFO, "obsidian-settings",
                                "`userIgnoreFilters` is not a list: no excluded files are used",
                                "set Excluded files again in Obsidian (Settings → Files and links)"))
        return ()
    out: list[str] = []
    for entry in raw:
        if not isinstance(entry, str) or not entry.strip():
            continue
        if is_regex(entry):
            why = _slow(entry[1:-1])
            try:
                re.compile(entry[1:-1])
            except re.error as exc:
                why = f"is not a regular expression vaultkit can read ({exc})"
            if why:
                diags.append(Diagnostic(APP, None, Severity.INFO, "obsidian-settings",
                                        f"excluded-files filter {entry!r} {why}: left out",
                                        "write it as a folder path, e.g. Archive/, or a simpler /regex/"))
                continue
        out.append(entry)
    return tuple(out)


# A repeated group (`(…)+`, `(…)*`, `(…){2,}`) with any other repeat or choice in the pattern
# (`(a+)+`, `(a|ab)*`, `((a?))+`): the shapes whose matching time can grow exponentially with
# the path. A synced settings file must not hang a scan; plain filters never need them.
_GROUP_REPEATED = re.compile(r"(?<!\\)\)[+*{]")
_OPEN = re.compile(r"(?<!\\)[+*]|(?<!\\)\{\d*,\}")  # repeats without an upper bound
_ANY = re.compile(r"(?<!\\)[+*?|]|(?<!\\)\{\d*,?\d*\}")  # any repeat or choice


def _slow(pattern: str) -> str | None:
    """Why matching `pattern` against every path could take too long; None when it cannot."""
    if _GROUP_REPEATED.search(pattern) and len(_ANY.findall(pattern)) > 1:
        return "repeats a group holding a repeat or a choice (its matching time can explode)"
    if len(_OPEN.findall(pattern)) > 2 or len(pattern) > 500:
        return "is too complex for vaultkit (at most two open-ended repeats such as .*)"
    return None


def is_regex(entry: str) -> bool:
    """Is an excluded-files entry a regular expression (`/…/`) rather than a path prefix?"""
    return len(entry) > 2 and entry.startswith("/") and entry.endswith("/")


def settings(texts: dict[str, str | None]) -> tuple[Settings, list[Diagnostic]]:
    """Settings from the texts of `SETTINGS_FILES` (None for a file that is absent)."""
    diags: list[Diagnostic] = []
    templates: list[str] = []
    core = texts.get(TEMPLATES)
    found = folder(_load(TEMPLATES, core, diags).get("folder")) if core is not None else None
    templates.append(found or DEFAULT_TEMPLATES)
    templater = texts.get(TEMPLATER)
    if templater is not None:
        extra = folder(_load(TEMPLATER, templater, diags).get("templates_folder"))
        if extra and extra not in templates:
            templates.append(extra)
    app = texts.get(APP)
    excluded = _excluded(_load(APP, app, diags), diags) if app is not None else ()
    return Settings(tuple(templates), excluded), diags
