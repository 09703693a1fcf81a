"""What a check says of the generated notes, and the check record a build stores: the notes
the next build would refuse to touch (a file of the user's, broken markers, text typed inside
a region), the index notes no view writes any more, and the diagnostics of a refusal, worded
alike for `build`, `check` and `watch`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from vaultkit.disk import cache, cachefiles, fs, recordform, writer
from vaultkit.disk.record import resolve_today
from vaultkit.reader import conflicts
from vaultkit.reader.model import Diagnostic, Severity
from vaultkit.reader.vault import Vault
from vaultkit.views.outputs import held_back, index_paths
from vaultkit.views.regions import SHOWN, RegionEdited, RegionError, edited, end, is_owned, line_of, merge, to_lf
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

if TYPE_CHECKING:
    from vaultkit.views.plan import Planned


def refusal(path: str, exc: Exception, existing: str | None, what: str) -> Diagnostic:
    """The diagnostic for a generated note vaultkit will not touch, with a hint that fits why."""
    if isinstance(exc, RegionEdited):
        return Diagnostic(path, exc.line, Severity.ERROR, "region-edited", f"{what}: {exc}",
                          "\n    ".join([*edited_lines(exc), edit_hint(path, [e.name for e in exc.edits])]))
    if not isinstance(exc, RegionError):
        hint = "check the file and its folder"
    elif existing is None:
        hint = "fix the vaultkit markers in that template (in .vaultkit/templates/)"
    elif is_owned(existing) and conflicts.blocks(to_lf(existing)):  # a pull that met another clone's build
        hint = (f"a git merge left conflict markers in it: take either side (`git checkout --theirs {path}`) "
                "and build again; the regions are then written anew from the merged notes")
    elif is_owned(existing):
        hint = "fix or remove the vaultkit markers"
    else:
        hint = "this is your file, so vaultkit leaves it alone: move or rename it to get the generated note"
    line = exc.line if isinstance(exc, RegionError) else None
    return Diagnostic(path, line, Severity.ERROR, "generated-refused", f"{what}: {exc}", hint)


def check_generated(root: str, vault: Vault, known: Collection[str] = (),
                    seen: dict[str, tuple[int, int] | None] | None = None) -> list[Diagnostic]:
    """Generated notes that the next build would refuse to touch (foreign file, broken markers,
    text typed inside a region), user notes whose query regions it would not fill, and the
    vault's templates that cannot load (a symlink, a syntax error).

    `known`: notes a build just wrote or found unchanged with nothing to report (`write_planned`'s `clean`).
    `seen` gets the (size, mtime) of each note read, taken before it was read (`store_check`).
    """
    held = held_back(vault)
    found: list[Diagnostic] = [*held.values(), *stale_outputs(root, vault, seen)]
    # Held back: not written, so not read (the warning says why); known: the build saw them just now.
    skip = {d.path for d in held.values()} | set(known)
    for path in (p for p in generated_paths(vault) if p not in skip):
        text: str | None = None
        if seen is not None:
            seen[path] = fs.stat_mtime(root, path)
        try:
            text = writer.read_text(root, path)
            if text is not None:
                merge(text, text)  # raises where a build would refuse
                typed = edited(text)
                if typed:
                    found.append(Diagnostic(
                        path, line_of(text, typed[0].at), Severity.ERROR, "region-edited",
                        f"build will not regenerate it: the text inside region "
                        f"{', '.join(repr(r.name) for r in typed)} was edited by hand (it does not match the "
                        f"hash vaultkit wrote on its end marker); `vaultkit build` shows the lines",
                        edit_hint(path, [r.name for r in typed])))
        except (RegionError, OSError, UnicodeDecodeError) as exc:
            found.append(refusal(path, exc, text, "build will not regenerate it"))
    if any(note.queries for note in vault.notes.values()):  # user notes whose regions a build would not fill
        from vaultkit.disk.queries import write_queries

        found += write_queries(root, vault, resolve_today(vault), dry_run=True).diagnostics
    if fs.has_own_templates(root):  # Jinja2 only for a vault with templates
        renderer = Renderer(root, views_of(vault.config).folders)
        problems = renderer.check()
        found += [problem.diagnostic() for problem in problems]
        if not problems:  # they load: what they do shows only when rendered, in the sandbox as a build does
            from vaultkit.views.plan import plan

            found += [template_refusal(note, "build will not regenerate it")
                      for note in plan(vault, resolve_today(vault), renderer) if note.problem is not None]
    return found


def generated_paths(vault: Vault) -> list[str]:
    """The generated notes `check_generated` reads."""
    base = vault.config.output_dir.strip("/")
    paths = list(index_paths(vault.config).values())
    return paths + sorted(p for p in vault.attachments if p.startswith((f"{base}/Reviews/", f"{base}/Prep/",
                                                                         f"{base}/1-1/"))
                          and p.endswith(".md"))


def store_check(root: str, stamp: str, key: str, vault: Vault, generated: list[Diagnostic],
                known: Mapping[str, tuple[int, int] | None] | None = None) -> None:
    """Record what `check` prints for this vault (its diagnostics and `generated`, the generated
    notes' problems) against `key` and the generated notes' (size, mtime), so that a check of
    the unchanged vault, after this check or build, reads no note. `known`: the (size, mtime)
    each note had when `generated` was worked out from it (`check_generated`'s `seen`, and
    `write_planned`'s `clean`): a note saved after that no longer matches, and the next check
    reads it again. The others are taken now."""
    known = known or {}
    outputs = {path: known[path] if path in known else fs.stat_mtime(root, path)
               for path in (*generated_paths(vault), *_stale_candidates(vault))}
    every = tuple(sorted((*vault.diagnostics, *generated), key=Diagnostic.sort_key))
    record = recordform.CheckRecord(key, outputs, every, len(vault.notes), sum(n.exact for n in vault.notes.values()))
    cachefiles.write_cache(root, recordform.sealed(recordform.check_chunks(stamp, record), os.path.realpath(root)),
                           cache.CHECK_FILE)


def stale_outputs(root: str, vault: Vault, seen: dict[str, tuple[int, int] | None] | None = None) -> list[Diagnostic]:
    """Generated index notes that no view writes any more (`[outputs]` renamed it): left as
    they are, never deleted, with a word saying they can be (`seen`: as `check_generated`'s)."""
    paths = index_paths(vault.config)
    found = []
    for path in _stale_candidates(vault):
        if seen is not None:
            seen[path] = fs.stat_mtime(root, path)
        try:
            text = writer.read_text(root, path)
        except (OSError, UnicodeDecodeError):
            continue
        if text is not None and is_owned(text):
            now = paths.get(path.rsplit("/", 1)[-1])
            where = f" ([outputs] writes it as {now} now)" if now else ""
            found.append(Diagnostic(path, None, Severity.INFO, "output-stale",
                                    f"no longer generated{where}: left as it is",
                                    "delete it when you no longer need it; links to it then point nowhere"))
    return found


def _stale_candidates(vault: Vault) -> list[str]:
    """The notes directly in the output folder that are no index note under its current name."""
    base = vault.config.output_dir.strip("/") + "/"
    current = set(index_paths(vault.config).values())
    return [p for p in vault.attachments if p.startswith(base) and "/" not in p[len(base):]
            and p.endswith(".md") and p not in current]


def template_refusal(note: Planned, what: str) -> Diagnostic:
    """The diagnostic for a generated note whose template failed to render it."""
    if note.problem and ".vaultkit/views/" in note.problem:  # a view of the vault's own
        hint = "fix the view named in .vaultkit/views/ (or remove it: its note is then left as it is)"
    elif note.problem and note.problem.startswith("view "):  # a plugin's or a script's view raised
        hint = "update or fix the plugin (or script) named; the other notes are written"
    else:
        hint = "fix the template named (or remove it from .vaultkit/templates/ to use vaultkit's own)"
    return Diagnostic(note.path, None, Severity.ERROR, "generated-refused", f"{what}: {note.problem}", hint)


def edited_lines(exc: RegionEdited) -> list[str]:
    """The edited lines of a refusal, to print above its hint (line number: text)."""
    out: list[str] = []
    for e in exc.edits:
        out.append(f"region '{e.name}' (from line {e.line}): lines vaultkit would not write there now "
                   f"(yours, or rows whose notes changed since):")
        out += [f"  {n}: {line[:120]}{'…' if len(line) > 120 else ''}" for n, line in e.changed]
        if e.more:
            out.append(f"  … and {e.more} more (only the first {SHOWN} are shown)")
        if not e.changed:
            out.append("  (none: lines were only removed or moved)")
        if e.missing:
            out.append(f"  {e.missing} line{'s' if e.missing != 1 else ''} vaultkit would write "
                       f"{'are' if e.missing != 1 else 'is'} missing")
    return out


def edit_hint(path: str, names: list[str]) -> str:
    """How to keep or discard text typed inside the regions `names` of the note at `path`."""
    markers = " / ".join(f"`{end(name)[:-4]} …-->`" for name in names)  # the line that starts so: its hash varies
    return (f"to keep your text, move it below {markers} (text outside the markers is yours) and build "
            f"again; to discard it, run `vaultkit build --force {path}`")
