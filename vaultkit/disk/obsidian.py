"""What vaultkit writes for Obsidian itself: property types in `.obsidian/types.json` and the
`.base` files (Obsidian Bases) beside the generated notes. The I/O of `kinds.proptypes` and
`views.bases`.

Both only in a vault Obsidian opens (a real `.obsidian/` folder at its root) when `build`
runs; `vaultkit bases` writes bases on request in any vault. `types.json` only ever gains the
types it lacks; a base is written only when absent, and is the user's from then on (`--refresh`
rewrites one on request). A broken `types.json` is diagnosed and left as it is.

`build` on an unchanged vault must stay cheap: a small record in this machine's cache folder
says which config, which kinds' fields and which `types.json` (size, mtime) the last merge saw,
so an unchanged vault costs a stat of that file and one of each base, and types.json is not read.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vaultkit.disk import cachefiles, fs, writer
from vaultkit.reader.model import Diagnostic, Severity

if TYPE_CHECKING:
    from vaultkit.kinds.proptypes import Conflict, KindField
    from vaultkit.reader.config import Config

TYPES = ".obsidian/types.json"
RECORD = "obsidian-v1.json"  # in the cache folder: what the last merge of types.json saw
MAX_TYPES_BYTES = 4 * 1024 * 1024  # far beyond any real types.json: a bigger one is not read


@dataclass(slots=True)
class ObsidianReport:
    """What a sync wrote (or, in a dry run, would write), its diffs and its problems."""

    written: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def is_obsidian_vault(root: str) -> bool:
    """Does Obsidian open this vault: is `.obsidian` a real folder at its root? (A symlinked
    one is not written through, as no write of vaultkit's follows a symlink.)"""
    try:
        return stat.S_ISDIR(os.lstat(os.path.join(root, ".obsidian")).st_mode)
    except OSError:
        return False


def sync(root: str, config: Config, cfg_text: str, dry_run: bool = False) -> ObsidianReport:
    """`build`'s part: the missing bases and the missing property types, in an Obsidian vault."""
    report = ObsidianReport()
    if not is_obsidian_vault(root):
        return report
    from vaultkit.views.bases import base_paths  # names only: the schema loads if something is missing

    absent = [path for path in base_paths(config).values() if not exists(root, path)]
    if absent:
        write_bases(root, config, absent, report, dry_run=dry_run, replace=False)
    _merge_types(root, config, cfg_text, report, dry_run)
    return report


def exists(root: str, rel: str) -> bool:
    """Is there anything (a file, a symlink, a folder) at this vault-relative path?"""
    return os.path.lexists(_full(root, rel))


def _full(root: str, rel: str) -> str:
    return os.path.join(root, *rel.split("/"))


def fields_of(config: Config) -> dict[str, list[KindField]]:
    """Every kind's fields with their Obsidian types (see `proptypes.kind_fields`)."""
    from vaultkit.kinds.proptypes import kind_fields

    return kind_fields(config)


def write_bases(root: str, config: Config, paths: list[str], report: ObsidianReport, dry_run: bool = False,
                replace: bool = False) -> None:
    """Write the bases at `paths` (vault-relative, as `bases.base_paths` names them): new ones
    never replace a file that appeared meanwhile; `replace` rewrites existing ones (`--refresh`)."""
    from vaultkit.views.bases import render_all

    texts = render_all(config, fields_of(config))
    for path in paths:
        text = texts[path]
        if dry_run:
            report.written.append(path)
            report.diffs.append(writer.diff(path, _read(root, path) if replace else None, text))
            continue
        try:
            if replace:
                if writer.atomic_write(root, path, text.encode("utf-8")):
                    report.written.append(path)
            else:
                writer.create_new(root, path, text.encode("utf-8"))
                report.written.append(path)
        except FileExistsError:
            continue  # made meanwhile (by Obsidian, or the user): theirs
        except OSError as exc:
            report.diagnostics.append(Diagnostic(
                path, None, Severity.WARNING, "base-not-written", f"Obsidian base not written: {exc}",
                "check the output folder (a symlink, a file where a folder should be, or no permission)"))


def _read(root: str, rel: str) -> str | None:
    try:
        return writer.read_text(root, rel)
    except (OSError, UnicodeDecodeError):
        return None


def _read_types(root: str) -> tuple[str | None, Diagnostic | None]:
    """The text of types.json (None when absent), or the diagnostic saying why it cannot be read."""
    full = _full(root, TYPES)
    try:
        st = os.lstat(full)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, _broken(f"cannot be read: {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        return None, _broken("is a symlink or not a regular file, so vaultkit leaves it alone", "info")
    if st.st_size > MAX_TYPES_BYTES:
        return None, _broken(f"is {st.st_size} bytes, far more than property types take: not read")
    raw = fs.read_note(root, TYPES)  # as notes are read: no symlink followed, no FIFO opened
    if raw is None:  # swapped for something else since the lstat, or gone
        return None, _broken("is a symlink or not a regular file, so vaultkit leaves it alone", "info")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, _broken("is not UTF-8 text")


def _broken(what: str, severity: str = "warning", line: int | None = None) -> Diagnostic:
    return Diagnostic(TYPES, line, Severity(severity), "obsidian-types-invalid",
                      f"Obsidian's property types file {what}; vaultkit adds no types to it",
                      "fix it or delete it (Obsidian writes a new one); vaultkit never overwrites it")


def _merge_types(root: str, config: Config, cfg_text: str, report: ObsidianReport, dry_run: bool) -> None:
    if not dry_run and _last_record(root, config, cfg_text) is not None:
        return  # the last merge saw this config and this very file: nothing to add
    text, new, found = _types_state(root, config)
    broken = [d for d in found if d.code == "obsidian-types-invalid"]
    report.diagnostics += broken  # conflicts are `check`'s to say
    if broken or dry_run:
        if new is not None and not broken:
            report.written.append(TYPES)
            report.diffs.append(writer.diff(TYPES, text, new))
        return
    if new is not None:
        try:
            writer.atomic_write(root, TYPES, new.encode("utf-8"))
        except OSError as exc:
            report.diagnostics.append(Diagnostic(TYPES, None, Severity.WARNING, "obsidian-types-not-written",
                                                 f"property types not added: {exc}",
                                                 "check .obsidian/ and types.json (a symlink, or no permission)"))
            return
        report.written.append(TYPES)
    _save_record(root, config, cfg_text, found)


def _types_state(root: str, config: Config) -> tuple[str | None, str | None, list[Diagnostic]]:
    """types.json's text (None when absent), its text with the missing types added (None when
    none is missing, or it is broken), and what `check` says of it."""
    text, problem = _read_types(root)
    if problem is not None:
        return None, None, [problem]
    from vaultkit.kinds.proptypes import TypesFileError, conflicts, merged_text, wanted_types

    wanted = wanted_types(fields_of(config))
    found = [_clash(prop, rows) for prop, rows in sorted(wanted.clashes.items())]
    try:
        new = merged_text(text, wanted.types)
        found += [_conflict(c) for c in conflicts(text or "", wanted)]
    except TypesFileError as exc:
        return text, None, [*found, _broken(f"is not what Obsidian writes ({exc})", line=exc.line)]
    return text, new, found


def _record_key(root: str, config: Config, cfg_text: str) -> list[object]:
    """What the merge depends on: vaultkit and its config, every kind's fields (a plugin's too,
    which the config's text does not show), and types.json as it is on disk."""
    from vaultkit.disk.cache import stamp

    fields = hashlib.sha256(repr(sorted(fields_of(config).items())).encode("utf-8")).hexdigest()[:16]
    return [stamp(cfg_text), fields, fs.stat_mtime(root, TYPES)]


def _save_record(root: str, config: Config, cfg_text: str, found: list[Diagnostic]) -> None:
    """Remember that types.json, as it is now, lacks nothing for this config, and what `check`
    says of it (the record is this machine's, outside the vault)."""
    data = {"key": _record_key(root, config, cfg_text), "diagnostics": [d.as_dict() for d in found]}
    try:
        cachefiles.write_cache(root, json.dumps(data).encode("utf-8"), RECORD)
    except OSError:
        pass  # only a slower next build


def _last_record(root: str, config: Config, cfg_text: str) -> list[Diagnostic] | None:
    """What `check` said of types.json, if the last merge saw this config and this very file."""
    try:
        raw = fs.read_private(root, RECORD)  # no symlink, and only this user's: as every cache record
        if raw is None:
            return None
        data = json.loads(raw)
        if data["key"] != json.loads(json.dumps(_record_key(root, config, cfg_text))):
            return None
        return [Diagnostic(d["path"], d["line"], Severity(d["severity"]), d["code"], d["message"], d["hint"])
                for d in data["diagnostics"]]
    except Exception:  # any failure at all (JSON nested past the recursion limit): no record
        return None


def check_types(root: str, config: Config, cfg_text: str) -> list[Diagnostic]:
    """`check`'s part: a broken types.json, and the properties it types otherwise than
    vaultkit reads them, each with how to fix it. Nothing outside an Obsidian vault."""
    if not is_obsidian_vault(root):
        return []
    known = _last_record(root, config, cfg_text)
    if known is not None:
        return known
    _, new, found = _types_state(root, config)
    if new is None and not any(d.code == "obsidian-types-invalid" for d in found):
        _save_record(root, config, cfg_text, found)  # nothing for `build` to add: it may skip it too
    return found


_SHOWN = {"text": "Text", "multitext": "List", "number": "Number", "checkbox": "Checkbox", "date": "Date",
          "datetime": "Date & time", "aliases": "Aliases", "tags": "Tags"}  # as Obsidian's menu names them


def _conflict(c: Conflict) -> Diagnostic:
    fields = ", ".join(f"{f.kind}.{f.name}" for f in c.fields) or c.prop
    reads = {"text": "text", "multitext": "a list", "number": "a number", "checkbox": "true or false",
             "date": "a date"}.get(c.ours, c.ours)
    return Diagnostic(TYPES, c.line, Severity.WARNING, "obsidian-type-conflict",
                      f"property `{c.prop}` is typed {c.theirs} in Obsidian, but vaultkit reads it as {reads} "
                      f"({fields}): Obsidian's editor then accepts values vaultkit cannot read there",
                      f"in Obsidian, click the icon of `{c.prop}` in a note's properties and choose "
                      f"Property type → {_SHOWN.get(c.ours, c.ours)} (or write \"{c.prop}\": \"{c.ours}\" in "
                      f"{TYPES}); vaultkit never changes a type you set")


def _clash(prop: str, rows: list[KindField]) -> Diagnostic:
    said = ", ".join(f"{f.kind}.{f.name} as {f.obsidian}" for f in rows)
    return Diagnostic("vaultkit.toml", None, Severity.WARNING, "obsidian-type-clash",
                      f"property `{prop}` would need two Obsidian types ({said}): Obsidian has one type a "
                      "property name, so vaultkit adds none for it",
                      "give one of the fields another property name (`from = \"…\"` in its [kinds] table)")
