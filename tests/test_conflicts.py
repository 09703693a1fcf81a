"""Git conflict markers (issue 9, point 3): the lines from `<<<<<<<` to `>>>>>>>` count for
nothing, the rest of the note still counts, in `build` and `check` alike; capture commands
refuse to write into a conflicted note. (`watch` is held to a fresh build in test_watch.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import snapshot
from vaultkit.cli.main import cli
from vaultkit.reader import conflicts
from vaultkit.reader.config import Config
from vaultkit.reader.parse import parse_note

OURS = "- 2026-03-01 coffee with [[Ours]] #brag #ours-tag ^ours\n## Ours heading\nours:: 1\n"
THEIRS = "- 2026-03-02 coffee with [[Theirs]] #theirs-tag\n## Theirs heading\n"
BASE = "- 2026-03-03 call with [[Base]] #base-tag\n"


def parse(text: str, path: str = "Daily/2026-03-04.md") -> object:
    return parse_note(path, text.encode("utf-8"), Config())


def facts(note: object) -> set[str]:
    """Everything a note contributes that can come from a line, as text."""
    out = {f"link:{link.target}" for link in note.links}  # type: ignore[attr-defined]
    out |= {f"tag:{t}" for t in note.tags}  # type: ignore[attr-defined]
    out |= {f"heading:{h.text}" for h in note.headings}  # type: ignore[attr-defined]
    out |= {f"item:{i.text}" for i in note.items}  # type: ignore[attr-defined]
    out |= {f"block:{b}" for b in note.block_ids}  # type: ignore[attr-defined]
    return out


def conflict_diags(note: object) -> list[tuple[int | None, str]]:
    return [(d.line, d.message) for d in note.diagnostics if d.code == "conflict-markers"]  # type: ignore


@pytest.mark.parametrize("style", ["merge", "diff3"])
def test_a_body_conflict_contributes_nothing_and_the_rest_counts(style: str) -> None:
    base = f"||||||| merged common ancestors\n{BASE}" if style == "diff3" else ""
    text = f"# Day\n[[Before]] #before\n<<<<<<< HEAD\n{OURS}{base}=======\n{THEIRS}>>>>>>> origin/main\n[[After]]\n"
    note = parse(text)
    assert facts(note) == {"link:Before", "link:After", "tag:before", "heading:Day"}
    assert not note.items
    after = next(link for link in note.links if link.target == "After")
    assert after.line == text.count("\n")  # line numbers below the block are kept
    [(line, message)] = conflict_diags(note)
    assert line == 3 and f"lines 3–{text.count(chr(10)) - 1}" in message


def test_an_unterminated_block_runs_to_the_end_of_the_note() -> None:
    note = parse(f"[[Before]]\n<<<<<<< HEAD\n{OURS}=======\n{THEIRS}")
    assert facts(note) == {"link:Before"}
    [(line, message)] = conflict_diags(note)
    assert line == 2 and "no >>>>>>> closes the <<<<<<< on line 2" in message and "to the end" in message


def test_several_blocks_are_one_diagnostic_at_the_first() -> None:
    block = f"<<<<<<< a\n{OURS}=======\n{THEIRS}>>>>>>> b\n"
    note = parse("[[A]]\n" + block + "[[B]]\n" + block + "[[C]]\n")
    assert facts(note) == {"link:A", "link:B", "link:C"}
    [(line, message)] = conflict_diags(note)
    assert line == 2 and "and 1 more conflict block" in message


@pytest.mark.parametrize("where", ["inside", "start"])
def test_a_conflict_inside_the_frontmatter_leaves_out_its_lines_only(where: str) -> None:
    block = "<<<<<<< HEAD\ncompany: Ours\n=======\ncompany: Theirs\n>>>>>>> b\n"
    if where == "inside":
        text = "---\ntype: person\n" + block + "role: CTO\n---\n[[Body]] #tag\n"
    else:
        text = "---\n" + block + "type: person\nrole: CTO\n---\n[[Body]] #tag\n"
    note = parse(text, "Somewhere/Ada.md")
    assert note.kind == "person" and note.fields == {"role": "CTO"}  # neither side's company
    assert note.fields_unreadable  # some field is missing: the rows say so
    assert facts(note) == {"link:Body", "tag:tag"}
    assert [line for line, _ in conflict_diags(note)] == [text.split("\n").index("<<<<<<< HEAD") + 1]
    assert not [d for d in note.diagnostics if d.code == "missing-field"]


def test_a_conflict_across_the_end_of_the_frontmatter_leaves_no_field_but_the_body_counts() -> None:
    # The `---` that closes the frontmatter is on both sides of the conflict.
    text = ("---\ntype: person\n<<<<<<< HEAD\ncompany: Ours\n---\n[[Ours]]\n=======\ncompany: Theirs\n---\n"
            "[[Theirs]]\n>>>>>>> b\n[[Body]] #tag\n")
    note = parse(text, "Somewhere/Ada.md")
    assert note.fields == {} and note.extra == {} and note.fields_unreadable
    assert note.kind == "person"  # the `type:` line outside the conflict still says where it belongs
    assert facts(note) == {"link:Body", "tag:tag"}
    assert [line for line, _ in conflict_diags(note)] == [3]
    assert not [d for d in note.diagnostics if d.code == "missing-field"]


@pytest.mark.parametrize("text", [
    "<<<<<<< not a conflict without a separator\n[[A]]\n",
    "<<<<<<<< eight\n=======\n>>>>>>>> eight\n[[A]]\n",
    "=======\n>>>>>>> stray\n[[A]]\n",
    " <<<<<<< indented\n=======\n>>>>>>> x\n[[A]]\n",
])
def test_lookalikes_are_not_conflicts(text: str) -> None:
    note = parse(text)
    assert not conflict_diags(note) and "link:A" in facts(note)


def test_crlf_conflict_is_found() -> None:
    text = f"[[A]]\n<<<<<<< HEAD\n{OURS}=======\n{THEIRS}>>>>>>> b\n".replace("\n", "\r\n")
    note = parse(text)
    assert facts(note) == {"link:A"} and [line for line, _ in conflict_diags(note)] == [2]


def test_blocks_are_found_in_linear_work() -> None:
    """One regex pass over marker lines: a block count proportional to the text, no rescans."""
    one = "x\n<<<<<<< a\ny\n=======\nz\n>>>>>>> b\n"
    assert len(conflicts.blocks(one * 20_000)) == 20_000
    assert conflicts.blocks("<<<<<<< a\n" * 50_000) == []


# --- through the command line ---------------------------------------------------------


BEN = "People/Ben Okafor.md"
CONFLICT = "\n<<<<<<< HEAD\n- 2026-07-10 call with [[Aisha Bello]] — OURS-SIDE\n=======\nrole: THEIRS-SIDE\n>>>>>>> b\n"


def run(vault: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env={"VAULTKIT_TODAY": "2026-07-15"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def generated(vault: Path) -> dict[str, bytes]:
    return {p.relative_to(vault).as_posix(): p.read_bytes() for p in sorted((vault / "Vaultkit").rglob("*.md"))}


def test_check_and_build_name_the_note_and_line_and_build_agrees_with_a_fresh_clone(example_copy: Path,
                                                                                   tmp_path: Path) -> None:
    assert run(example_copy, "build")[0] == 0  # a cache and build record from before the merge
    ben = example_copy / BEN
    text = ben.read_text(encoding="utf-8")
    ben.write_text(text + CONFLICT, encoding="utf-8")
    line = text.count("\n") + 2
    code, out = run(example_copy, "check")
    assert code == 1 and f"{BEN}:{line}: error: git conflict markers" in out
    code, out = run(example_copy, "build")
    assert code == 1 and f"{BEN}:{line}: error: git conflict markers" in out
    mine = generated(example_copy)
    assert not any(b"OURS-SIDE" in t or b"THEIRS-SIDE" in t for t in mine.values())
    clone = tmp_path / "clone"
    shutil.copytree(example_copy, clone, ignore=shutil.ignore_patterns(".vaultkit"))
    shutil.rmtree(clone / "Vaultkit")
    run(clone, "build")
    assert generated(clone) == mine  # the generated notes depend on the files alone


@pytest.mark.parametrize("command", ["log", "brag --daily", "new"])
def test_capture_commands_refuse_a_conflicted_note(example_copy: Path, command: str) -> None:
    if command == "log":
        rel, args = BEN, ["log", "Ben Okafor", "coffee"]
    elif command == "brag --daily":
        rel, args = "Daily/2026-07-14.md", ["brag", "shipped it", "--daily", "--date", "2026-07-14"]
    else:
        rel, args = "Templates/person.md", ["new", "person", "Zed Conflict"]
        (example_copy / "Templates").mkdir(exist_ok=True)
        (example_copy / rel).write_text("---\ntype: person\n---\n", encoding="utf-8")
    target = example_copy / rel
    original = target.read_text(encoding="utf-8")
    target.write_text(original + CONFLICT, encoding="utf-8")
    before = snapshot(example_copy)
    code, out = run(example_copy, *args)
    assert code == 1
    assert f"Error: {rel}:{original.count(chr(10)) + 2} holds git conflict markers" in out
    assert snapshot(example_copy) == before  # nothing written: the note untouched, no note created
