"""No silent degradation (issue 9, point 4): a note whose frontmatter stops parsing counts by
its body only, and the generated notes that would show its fields say so next to its name;
the Dashboard counts the notes with errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultkit.cli.main import cli
from vaultkit.reader.config import Config
from vaultkit.reader.parse import parse_note

FLAG = "(fields unreadable: see `vaultkit check`)"


def test_broken_frontmatter_counts_by_its_body_only() -> None:
    text = ("---\ntype: person\ncompany: [unclosed\nrole: CTO\n---\n# Notes\n"
            "- 2026-03-04 coffee with [[Ada Lovelace]] #told\n- shipped it #brag impact:: faster\nSaw [[Bob]].\n")
    note = parse_note("Elsewhere/Cy.md", text.encode(), Config())
    assert note.fields_unreadable and note.fields == {} and note.extra == {}
    assert note.kind == "person"  # its `type:` line still says where its fields would show
    assert [link.target for link in note.links] == ["Ada Lovelace", "Bob"]
    assert {"told", "brag"} <= set(note.tags)
    assert [i.fields for i in note.items][1] == (("impact", "faster"),)
    codes = [d.code for d in note.diagnostics]
    assert "yaml-syntax" in codes and "missing-field" not in codes  # unread, not missing


@pytest.mark.parametrize("text", [
    "---\ntype: person\ncompany: Acme\n---\nbody\n",  # fine
    "no frontmatter at all\n",
    "---\ntype: person\ncompany: Acme\nrole: [1, 2]\n---\n",  # one bad value: the others still read
])
def test_readable_frontmatter_is_not_flagged(text: str) -> None:
    assert not parse_note("People/Cy.md", text.encode(), Config()).fields_unreadable


BROKEN = {
    "People/Ben Okafor.md": ("People.md", "Follow-ups.md"),
    "Events/KubeCon EU 2026.md": ("Events.md",),
    "Interviews/Northbeam - Senior Backend Engineer.md": ("Interviews.md",),
    "Sharing/2026-06-17 Platform Notes 1.md": ("Sharing.md",),
    "Communities/Postgres Berlin.md": ("Communities.md",),
    "Brag/2025-08-21 Retry budget for payments API.md": ("Brag.md",),
}


def _build(vault: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "build"], env={"VAULTKIT_TODAY": "2026-07-15"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _break(note: Path) -> None:
    text = note.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    note.write_text("---\nbroken: [x\n" + text[4:], encoding="utf-8")


def test_generated_notes_flag_the_notes_whose_fields_are_unreadable(example_copy: Path) -> None:
    _build(example_copy)
    out = example_copy / "Vaultkit"
    before = {name: (out / name).read_text(encoding="utf-8") for name in ("Dashboard.md", "People.md")}
    assert "with errors" not in before["Dashboard.md"]  # a clean vault: no line about errors
    assert FLAG not in before["People.md"]
    for rel in BROKEN:
        _break(example_copy / rel)
    _build(example_copy)
    for rel, shown_in in BROKEN.items():
        name = rel.rsplit("/", 1)[-1][:-3]
        for generated in shown_in[:1]:
            text = (out / generated).read_text(encoding="utf-8")
            assert f"[[{name}]] {FLAG}" in text, f"{generated} does not flag {name}"
    dashboard = (out / "Dashboard.md").read_text(encoding="utf-8")
    assert f"- {len(BROKEN)} notes with errors: run `vaultkit check`" in dashboard


def test_the_dashboard_count_is_the_same_on_a_clone_without_cache(example_copy: Path, tmp_path: Path) -> None:
    import shutil

    _break(example_copy / "People/Ben Okafor.md")
    (example_copy / "Daily/2026-07-14.md").write_text("<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n", encoding="utf-8")
    _build(example_copy)
    _build(example_copy)  # from the cache this time
    clone = tmp_path / "clone"
    shutil.copytree(example_copy, clone, ignore=shutil.ignore_patterns(".vaultkit"))
    _build(clone)
    mine = (example_copy / "Vaultkit/Dashboard.md").read_text(encoding="utf-8")
    assert "- 2 notes with errors" in mine
    assert (clone / "Vaultkit/Dashboard.md").read_text(encoding="utf-8") == mine
