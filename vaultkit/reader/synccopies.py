"""Conflict copies made by sync tools, told by their names. Pure.

Syncthing keeps both sides of a conflict as `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`;
Dropbox as `NAME (Someone's conflicted copy YYYY-MM-DD).EXT` or `NAME (conflicted copy
YYYY-MM-DD).EXT`. Such a copy is never a note of its own (it would double every entry of the
note it copies), never vaultkit's to delete, and always worth a warning: only a person can
merge it back.
"""

from __future__ import annotations

import re

from vaultkit.reader.model import Diagnostic, Severity

_SYNCTHING = re.compile(r"^(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+(?P<ext>\.[^.]*)?$")
_DROPBOX = re.compile(r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*(?:\(\d+\)[^()]*)?\)(?P<ext>\.[^.]*)?$")


def original(name: str) -> tuple[str, str] | None:
    """(the file name it is a copy of, the sync tool) for a conflict copy's name, else None."""
    for tool, pattern in (("Syncthing", _SYNCTHING), ("Dropbox", _DROPBOX)):
        m = pattern.match(name)
        if m:
            return m.group("stem") + (m.group("ext") or ""), tool
    return None


def warning(rel: str, original_rel: str, tool: str, exists: bool, generated: bool) -> Diagnostic:
    """The warning for the conflict copy at `rel` of the note at `original_rel`."""
    gone = "" if exists else " (which no longer exists)"
    if generated:
        hint = f"delete this copy: `vaultkit build` regenerates {original_rel}"
    else:
        hint = f"merge what differs into {original_rel} by hand, then delete this copy"
    return Diagnostic(rel, None, Severity.WARNING, "sync-conflict-copy",
                      f"{tool} conflict copy of {original_rel}{gone}: not read as a note", hint)
