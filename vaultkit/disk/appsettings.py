"""The settings vaultkit takes from Obsidian's own files in `.obsidian/` (the daily-notes plugin's
folder and format, the templates folder, excluded files): each file read as a note is, never
through a symlink, never a FIFO, never huge; one that cannot be used is a diagnostic naming it.
`vaultkit.disk.fs.read_config_text` puts them into the config, `vaultkit.toml` winning."""

from __future__ import annotations

import json
from dataclasses import replace

from vaultkit.disk.fs import stat_mtime
from vaultkit.disk.noteread import read_note
from vaultkit.reader import dailynotes, obsidian
from vaultkit.reader.config import CONFIG_NAME, Config
from vaultkit.reader.model import Diagnostic, Severity


def read_daily_settings(root: str, config: Config, diags: list[Diagnostic], text: str,
                        ) -> tuple[Config, list[Diagnostic], str]:
    """Obsidian's `.obsidian/daily-notes.json` gives the daily-notes folder and format unless
    `vaultkit.toml` sets `daily_notes`. A file that cannot be used is a warning naming it, and
    the setting stays as it was. Its text joins the config's text: a change rebuilds."""
    if config.daily.source == CONFIG_NAME:
        return config, diags, text  # vaultkit.toml says where daily notes are: the file does not count
    found = stat_mtime(root, dailynotes.SETTINGS_FILE)
    # As a note is read: never through a symlink, never a FIFO (it would block), never huge.
    if found and found[0] > 1 << 16:  # Obsidian writes a few dozen bytes
        return config, [*diags, _daily_warning(None, f"{found[0]:,} bytes is too large", config)], text
    raw = read_note(root, dailynotes.SETTINGS_FILE) if found else None
    if raw is None:
        return config, diags, text  # absent, or not a file vaultkit reads: not set
    text = f"{text}\n# {dailynotes.SETTINGS_FILE}\n{raw.decode('utf-8', 'replace')}"
    try:
        settings = json.loads(raw.decode("utf-8-sig")) if raw.strip() else {}
        if not isinstance(settings, dict):
            raise dailynotes.FormatError(f"expected a JSON object, got {type(settings).__name__}")
        daily = dailynotes.from_obsidian(settings.get("folder"), settings.get("format"))
    except (ValueError, RecursionError, dailynotes.FormatError) as exc:  # JSON and Unicode errors are ValueErrors
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        return config, [*diags, _daily_warning(line, f"line {line}: {exc}" if line else str(exc), config)], text
    return replace(config, daily=daily), diags, text


def _daily_warning(line: int | None, why: str, config: Config) -> Diagnostic:
    return Diagnostic(dailynotes.SETTINGS_FILE, line, Severity.WARNING, "daily-notes-settings",
                      f"Obsidian's daily-notes settings cannot be used ({why}): daily notes are read as "
                      f"{config.daily.describe()}",
                      "fix them in Obsidian (Settings → Daily notes), or set daily_notes in vaultkit.toml")


def read_obsidian(root: str) -> tuple[obsidian.Settings, list[Diagnostic]]:
    """The settings vaultkit takes from `.obsidian/` (see `vaultkit.reader.obsidian`), each file read
    as a note is (never through a symlink, never a FIFO); one that cannot be read is absent."""
    texts: dict[str, str | None] = {}
    diags: list[Diagnostic] = []
    for name in obsidian.SETTINGS_FILES:
        found = stat_mtime(root, name)
        raw = read_note(root, name) if found and found[0] <= 1 << 20 else None  # Obsidian writes a few kB
        if found and raw is None and found[0] > 1 << 20:
            diags.append(Diagnostic(name, None, Severity.INFO, "obsidian-settings",
                                    f"{found[0]:,} bytes is too large for Obsidian's settings: not used",
                                    "let Obsidian rewrite it (change the setting there)"))
        texts[name] = None if raw is None else raw.decode("utf-8", errors="replace")
    settings, more = obsidian.settings(texts)
    return settings, diags + more
