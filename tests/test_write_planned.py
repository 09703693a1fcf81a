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


@pytest.mark.parametrize("threads", [1, 4])
def test_each_folder_is_made_durable_once_after_its_notes_are_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       threads: int) -> None:
    # A folder's fsync waits for the disk (~1-7 ms on a busy one): once a note, it was most of
    # the end of a cold build, both cores idle.
    from vaultkit.disk import writer

    synced: list[tuple[str, list[str]]] = []  # each folder synced, with what it held then

    def sync(parent: str) -> None:
        synced.append((Path(parent).name, sorted(p.name for p in Path(parent).iterdir())))

    monkeypatch.setattr(writer, "_sync_folder", sync)
    notes = [_note(n, "text") for n in ("A", "B", "C")]
    notes.append(Planned("Vaultkit/Prep/D.md", "D.md.j2", _note("D", "x").text))
    report = write_planned(str(tmp_path), notes, threads=threads)
    assert len(report.created) == 4
    assert sorted(synced) == [("Prep", ["D.md"]), ("Vaultkit", ["A.md", "B.md", "C.md", "Prep"])]


def test_the_notes_written_before_an_interruption_are_made_durable(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from vaultkit.disk import writer

    synced: list[str] = []
    monkeypatch.setattr(writer, "_sync_folder", lambda parent: synced.append(Path(parent).name))
    written = writer.atomic_write

    def write(root: str, rel: str, data: bytes | list[bytes], **kwargs: object) -> bool:
        if rel.endswith("B.md"):
            raise KeyboardInterrupt  # Ctrl-C while the second note is written
        return written(root, rel, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "atomic_write", write)
    with pytest.raises(KeyboardInterrupt):
        write_planned(str(tmp_path), [_note(n, "text") for n in ("A", "B", "C")])
    assert sorted(p.name for p in (tmp_path / "Vaultkit").iterdir()) == ["A.md"]
    assert synced == ["Vaultkit"]
