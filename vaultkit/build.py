"""`vaultkit build`: plan every generated note and write the ones whose bytes change."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field

from vaultkit import fs
from vaultkit.model import Diagnostic, Severity
from vaultkit.plan import Planned, plan
from vaultkit.regions import RegionError, merge
from vaultkit.render import Renderer
from vaultkit.vault import Vault


@dataclass(slots=True)
class BuildReport:
    """What a build did (or, in a dry run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: counts of created, updated and unchanged notes."""
        text = f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        if self.diagnostics:
            text += f", {len(self.diagnostics)} refused"
        return text


def resolve_today(vault: Vault, today: dt.date | None = None) -> dt.date:
    """`--today`, else `$VAULTKIT_TODAY`, else `today` in vaultkit.toml, else the local date."""
    if today is not None:
        return today
    env = os.environ.get("VAULTKIT_TODAY")
    if env:
        try:
            return dt.date.fromisoformat(env.strip())
        except ValueError as exc:
            raise ValueError(f"VAULTKIT_TODAY is not a date (YYYY-MM-DD): {env!r}") from exc
    return vault.config.today or dt.date.today()


def new_text(existing: str | None, planned: Planned) -> str:
    """The text a generated note should have, keeping the user's text around the regions."""
    return planned.text if existing is None else merge(existing, planned.text)


def write_planned(root: str, notes: list[Planned], dry_run: bool = False) -> BuildReport:
    """Write planned notes through the safe writer; refuse, with a diagnostic, where unsafe."""
    report = BuildReport()
    for note in notes:
        try:
            existing = fs.read_text(root, note.path)
            text = new_text(existing, note)
        except RegionError as exc:
            report.diagnostics.append(Diagnostic(
                note.path, exc.line, Severity.ERROR, "generated-refused", f"not regenerated: {exc}",
                "fix or remove the vaultkit markers, or move your file away so vaultkit can recreate it"))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            report.diagnostics.append(Diagnostic(note.path, None, Severity.ERROR, "generated-refused",
                                                 f"not regenerated: {exc}", "check the file and its folder"))
            continue
        if existing == text:
            report.unchanged.append(note.path)
            continue
        (report.created if existing is None else report.updated).append(note.path)
        if dry_run:
            report.diffs.append("".join(difflib.unified_diff(
                (existing or "").splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"a/{note.path}", tofile=f"b/{note.path}")))
            continue
        try:
            fs.atomic_write(root, note.path, text.encode("utf-8"))
        except OSError as exc:
            (report.created if existing is None else report.updated).remove(note.path)
            report.diagnostics.append(Diagnostic(note.path, None, Severity.ERROR, "generated-refused",
                                                 f"not written: {exc}", "check the file and its folder"))
    return report


def build(root: str | os.PathLike[str], today: dt.date | None = None, dry_run: bool = False,
          vault: Vault | None = None) -> BuildReport:
    """Load the vault (unless given), plan every generated note, write what changed."""
    root = os.fspath(root)
    vault = vault or fs.load_vault(root)
    day = resolve_today(vault, today)
    return write_planned(root, plan(vault, day, Renderer(root)), dry_run)
