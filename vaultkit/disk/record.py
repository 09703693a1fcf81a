"""The build record: what a build (or a check) read and left, and whether the vault is still as
it left it, so that `build`, `check` and `watch` on an unchanged vault read no note.

`inputs_key` fingerprints everything a build reads (files by size and mtime, the config, the
attachments, the views and templates, `today`); a record is trusted only while the key is the
same, no note was saved too recently to trust its mtime, and the generated notes are as it left them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from vaultkit.disk import cache, cachefiles, fs, recordform
from vaultkit.disk.recordform import CheckRecord, Record
from vaultkit.reader.config import Config, today_problem
from vaultkit.reader.dates import day_problem
from vaultkit.reader.model import Diagnostic
from vaultkit.reader.vault import Vault
from vaultkit.views.outputs import index_paths
from vaultkit.views.registry import fingerprint, views_of
from vaultkit.views.render import packaged_templates


def resolve_today(vault: Vault | Config, today: dt.date | None = None) -> dt.date:
    """`--today`, else `$VAULTKIT_TODAY`, else `today` in vaultkit.toml, else the local date."""
    if today is not None:
        return _plannable(today, "--today")
    env = os.environ.get("VAULTKIT_TODAY")
    if env:
        try:
            day = dt.date.fromisoformat(env.strip())
        except ValueError as exc:
            raise ValueError(f"VAULTKIT_TODAY: {day_problem(env)}") from exc
        return _plannable(day, "VAULTKIT_TODAY")
    config = vault.config if isinstance(vault, Vault) else vault
    return _plannable(config.today, "today in vaultkit.toml") if config.today else dt.date.today()


def _plannable(day: dt.date, source: str) -> dt.date:
    """`day`, if every window planned around it (90 days back, 12 quarters, a century of cadence
    ahead) stays inside the dates Python can hold; else a ValueError that names where it came from."""
    problem = today_problem(day)
    if problem:
        raise ValueError(f"{source}: {problem}")
    return day


def check_if_current(root: str, stamp: str, key: str, found: list[fs.Scanned], now: int) -> CheckRecord | None:
    """The last check's record, if it read exactly this (`key`) and the generated notes it
    looked at are as they were."""
    last = fs.read_check_record(root, stamp)
    return last if last is not None and _current(root, last, key, found, now) else None


def inputs_key(root: str, config: Config, cfg_text: str, day: dt.date, found: list[fs.Scanned],
         attachments: list[str]) -> str:
    """The fingerprint of everything a build reads: files, config, attachments, templates, today."""
    views = views_of(config)
    return recordform.build_key([(s.path, s.size, s.mtime_ns) for s in found],
                           [cache.today_text(day), cfg_text, *_inputs(attachments, config), *fingerprint(views),
                            *fs.template_stamps(root, str(packaged_templates()), views.folders)])


def settled(found: list[fs.Scanned], now: int) -> bool:
    """May a record of what was read at `now` be trusted later: was no note saved within the
    racy window before it? One that was may be saved again without its size or mtime moving
    (coarse mtimes, a tool that sets them), and a later run would take the record's word for
    its old text for good; the notes cache leaves such notes out for the same reason."""
    return not any(cache.is_racy(s.mtime_ns, now) for s in found)


def last_if_current(root: str, stamp: str, key: str, found: list[fs.Scanned], now: int) -> Record | None:
    """The last build's record, if it read exactly this and its notes are as it left them."""
    last = fs.read_build_record(root, stamp)
    return last if last is not None and _current(root, last, key, found, now) else None


def _current(root: str, last: Record | CheckRecord, key: str, found: list[fs.Scanned], now: int) -> bool:
    """Did a record (a build's or a check's) read exactly this (`key`), with no note saved too
    recently to trust its mtime, and are the generated notes as it left them?"""
    # A note vaultkit itself wrote (a query region filled) is no racy input while it holds the
    # size and mtime recorded right after that write, as the generated notes are trusted.
    return last.key == key and not any(cache.is_racy(s.mtime_ns, now)
                                       and last.outputs.get(s.path) != (s.size, s.mtime_ns) for s in found) \
        and all(fs.stat_mtime(root, path) == stamp_ for path, stamp_ in last.outputs.items())


class VaultScan(NamedTuple):
    """What reading a vault's config and walking its folders found (see `fs.read_config_text`, `fs.scan`)."""

    config: Config
    cfg_diags: list[Diagnostic]
    cfg_text: str
    found: list[fs.Scanned]
    attachments: list[str]
    diags: list[Diagnostic]
    leftovers: list[str]


def is_current(root: str, today: dt.date | None = None) -> bool:
    """Would `build` find nothing to do: are the generated notes current, by the last build's record?

    Costs a scan (sizes and mtimes), not a parse. Any problem answers False.
    """
    return current_scan(root, today)[0]


def current_scan(root: str, today: dt.date | None = None) -> tuple[bool, VaultScan | None]:
    """`is_current`, and the scan it made (None when it could not make one), for a caller
    that reads the vault next: `vaultkit watch` walks the vault once, not twice."""
    try:
        config, cfg_diags, cfg_text = fs.read_config_text(root)
        leftovers: list[str] = []
        found, attachments, diags = fs.scan(root, config, leftovers=leftovers)
        scanned = VaultScan(config, cfg_diags, cfg_text, found, attachments, diags, leftovers)
        day = resolve_today(config, today)
        key = inputs_key(root, config, cfg_text, day, found, attachments)
        return last_if_current(root, cache.stamp(cfg_text), key, found, time.time_ns()) is not None, scanned
    except (OSError, ValueError):
        return False, None


def _inputs(attachments: list[str], config: Config) -> list[str]:
    """Attachment paths as build inputs; the index notes a build writes are outputs, not inputs."""
    ours = set(index_paths(config).values())
    return sorted(p for p in attachments if p not in ours)


def save_record(root: str, stamp: str, key: str, outputs: list[str],
                problems: tuple[list[Diagnostic], int]) -> None:
    """Record what a build read (`key`), the size and mtime of the notes it left, and the
    vault's `problems` then, errors and number of warnings, less the scan's (`build` reports
    them, with its own scan's, when nothing changed)."""
    stamps = {}
    for path in outputs:
        found = fs.stat_mtime(root, path)
        if found is not None:
            stamps[path] = found
    record = Record(key, stamps, tuple(problems[0]), problems[1])
    cachefiles.write_cache(root, recordform.dump_build(stamp, record, os.path.realpath(root)), cache.BUILD_FILE)


def record_if_current(root: str, config: Config, cfg_text: str, day: dt.date,
                      notes: Mapping[str, tuple[Any, ...]], attachments: set[str], outputs: list[str],
                      problems: Callable[[], tuple[list[Diagnostic], int]]) -> bool:
    """Write the build record for a vault whose generated notes were made from exactly `notes`
    (path → size, mtime_ns, and anything after them) and `attachments`, if the disk still holds
    exactly those; with the vault's `problems` then (`Vault.problems`), worked out only once the
    disk is found to hold them and the scan is let go of: the watcher's exit held both, the scan's
    record of every file and a diagnostic for every link, at its peak (~14 MB each at 50k notes)."""
    found, on_disk, _ = fs.scan(root, config)
    if len(found) != len(notes) or set(on_disk) != attachments or any(
            (held := notes.get(s.path)) is None or held[0] != s.size or held[1] != s.mtime_ns for s in found):
        return False  # something changed since: the next build must look
    key = inputs_key(root, config, cfg_text, day, found, on_disk)
    del found, on_disk
    save_record(root, cache.stamp(cfg_text), key, outputs, problems())
    return True
