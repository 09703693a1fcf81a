"""`write_planned` writing several notes at once (`threads`, as `vaultkit watch` writes them):
the same files and the same report, in the same order, as one note at a time."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from vaultkit.disk.build import BuildReport, write_planned
from vaultkit.views.plan import Planned


def _note(name: str, body: str) -> Planned:
    text = f"---\nvaultkit: generated\n---\n# {name}\n\n<!-- vaultkit:begin x -->\n{body}\n<!-- vaultkit:end x -->\n"
    return Planned(f"Vaultkit/{name}.md", f"{name}.md.j2", text)


def _vault(root: Path) -> list[Planned]:
    """A vault whose generated notes were written once; what planning gives now (in that order):
    notes changed, new, unchanged, read-only, refused by their template, and changed again."""
    first = [_note(n, "old") for n in ("Alpha", "Same", "Locked", "Broken", "Omega")]
    write_planned(str(root), first)
    (root / "Vaultkit" / "Locked.md").chmod(0o444)
    return [_note("Alpha", "new"), _note("Brand New", "new"), _note("Same", "old"), _note("Locked", "new"),
            Planned("Vaultkit/Broken.md", "Broken.md.j2", "", "the template failed"), _note("Other New", "new"),
            _note("Omega", "new")]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "Vaultkit").iterdir())}


def _shown(report: BuildReport) -> tuple[object, ...]:
    return (report.created, report.updated, report.unchanged,
            [(d.path, d.code, d.message) for d in report.diagnostics])


@pytest.mark.parametrize("clean", [False, True])
def test_writing_at_once_writes_and_reports_as_one_at_a_time(tmp_path: Path, clean: bool) -> None:
    got = {}
    for threads in (1, 4):
        root = tmp_path / f"t{threads}"
        root.mkdir()
        planned = _vault(root)
        kept: dict[str, tuple[int, int]] | None = {} if clean else None
        got[threads] = (_shown(write_planned(str(root), planned, clean=kept, threads=threads)), _files(root),
                        sorted(kept) if kept is not None else None)
        (root / "Vaultkit" / "Locked.md").chmod(stat.S_IRUSR | stat.S_IWUSR)  # (for the temp folder's removal)
    assert got[4] == got[1]
    (created, updated, unchanged, diagnostics), files, _ = got[4]
    assert created == ["Vaultkit/Brand New.md", "Vaultkit/Other New.md"]
    assert updated == ["Vaultkit/Alpha.md", "Vaultkit/Omega.md"]
    assert unchanged == ["Vaultkit/Same.md"]
    assert [(path, code) for path, code, _ in diagnostics] == [("Vaultkit/Locked.md", "generated-refused"),
                                                               ("Vaultkit/Broken.md", "generated-refused")]
    assert b"new" in files["Vaultkit/Omega.md"] and b"old" in files["Vaultkit/Locked.md"]
