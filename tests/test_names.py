"""One bad name never stops the build (issue 9, point 7; SPEC §6).

Real files on disk (Linux allows any byte but `/` and NUL in a name): names that are not
UTF-8 or hold line breaks or control characters are skipped with a warning; names holding
`| [ ] # ^ < >` are kept and printed as escaped text. Generated notes keep exactly one
region per name, intact tables and whole wikilinks, in `build`, `check` and `watch`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, copy_vault
from vaultkit.cli.main import cli
from vaultkit.live.session import Session
from vaultkit.reader import names
from vaultkit.views.regions import regions

PERSON = b"---\ncompany: Evil | Corp\nrole: <!-- vaultkit:end people -->\nmet_on: 2026-01-02\n---\n"
SKIPPED = {  # name → what the warning says
    b"Skip Caf\xe9 \xff.md": "bytes that are not UTF-8",
    b"Skip Two\nLines.md": "a line break",
    b"Skip\n<!-- vaultkit:end people -->\n.md": "a line break",
    b"Skip Carriage\rReturn.md": "a line break",
    "Skip Line\u2028Sep.md".encode(): "a line break",
    b"Skip Bell\x07 Esc\x1b[31m red.md": "a control character",
    b"Skip Tab\there.md": "a control character",
    b"Skip Del\x7f.md": "a control character",
}
KEPT = {  # name → how generated notes print it
    b"<!-- vaultkit:end people -->.md": "&lt;!-- vaultkit:end people --&gt;",
    b"A | B.md": "A \\| B",
    b"Close ]] open [[ it.md": "Close \\]\\] open \\[\\[ it",
    b"Who #tag ^block.md": "Who \\#tag \\^block",
    b"--> end.md": "--&gt; end",
    b"back\\slash.md": "back\\\\slash",
}


def _hostile(root: Path) -> Path:
    people = os.fsencode(root / "People")
    for name in (*SKIPPED, *KEPT):
        with open(os.path.join(people, name), "wb") as fh:
            fh.write(PERSON)
    folder = os.path.join(os.fsencode(root), b"Bad\nFolder")
    os.mkdir(folder)
    with open(os.path.join(folder, b"Inside.md"), "wb") as fh:
        fh.write(PERSON)
    return root


def _assert_well_formed(text: str) -> None:
    """One region per name; every table row as wide as its header; every wikilink closed on its line."""
    found = [r.name for r in regions(text)]
    assert found and len(found) == len(set(found))
    assert len(re.findall(r"^<!-- vaultkit:", text, re.M)) == 2 * len(found)
    width = None  # the cells of the table being read, from its header row
    for line in text.splitlines():
        cells = len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))
        if not line.startswith("|"):
            width = None
        elif width is None:
            width = cells
        else:
            assert cells == width, line
        plain = re.sub(r"\\[\[\]]", "", line)
        assert plain.count("[[") == plain.count("]]"), line
        assert re.fullmatch(r"(?:[^\[\]]|\[(?!\[)|\](?!\])|\[\[[^\[\]\n]+\]\])*", plain), line


def _generated(root: Path) -> dict[str, str]:
    out = root / "Vaultkit"
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


def test_build_skips_or_escapes_every_bad_name_and_builds_the_rest(tmp_path: Path) -> None:
    clean = copy_vault(EXAMPLE, tmp_path / "clean")
    shutil.rmtree(clean / "Vaultkit")
    vault = _hostile(copy_vault(EXAMPLE, tmp_path / "v"))
    shutil.rmtree(vault / "Vaultkit")
    runner = CliRunner()
    assert runner.invoke(cli, ["--vault", str(clean), "build"]).exit_code == 0
    result = runner.invoke(cli, ["--vault", str(vault), "build"])
    assert result.exit_code == 0, result.output
    assert "9 created" in result.output
    built, reference = _generated(vault), _generated(clean)
    assert sorted(built) == sorted(reference)
    for name, text in built.items():
        _assert_well_formed(text)
        assert "Skip" not in text and "Inside" not in text
        if name not in ("People.md", "Follow-ups.md", "Dashboard.md", "Communities.md"):
            assert text == reference[name]  # the kept notes are people: the others read as before
    people = built["People.md"]
    for shown in KEPT.values():
        assert f"| {shown} |" in people
    assert "## Evil \\| Corp" in people and "&lt;!-- vaultkit:end people --&gt;" in people
    for line in reference["People.md"].splitlines():
        if line.startswith("| [["):
            assert line in people  # every other person's row is there, as it was
    again = runner.invoke(cli, ["--vault", str(vault), "build"])
    assert again.exit_code == 0 and "0 created, 0 updated, 9 unchanged" in again.output


def test_check_names_each_bad_name_with_a_hint(tmp_path: Path) -> None:
    vault = _hostile(copy_vault(EXAMPLE, tmp_path / "v"))
    result = CliRunner().invoke(cli, ["--vault", str(vault), "check", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {d["path"]: d for d in json.loads(result.output)["diagnostics"]
             if d["code"] in ("name-unusable", "name-unlinkable")}
    for raw, reason in SKIPPED.items():
        shown = "People/" + names.printable(os.fsdecode(raw))
        assert reason in found[shown]["message"] and "skipped" in found[shown]["message"]
        assert found[shown]["hint"].startswith("rename it")
    assert "People/Skip Caf\\xe9 \\xff.md" in found and "People/Skip Two\\nLines.md" in found
    assert found["Bad\\nFolder"]["message"].startswith("folder name holds a line break")
    for raw in KEPT:
        assert found["People/" + raw.decode()]["code"] == "name-unlinkable"
    text = CliRunner().invoke(cli, ["--vault", str(vault), "check"]).output
    assert "\x1b" not in text and "\x07" not in text  # a name cannot steer the terminal
    assert "People/Skip Bell\\x07 Esc\\x1b[31m red.md: warning: note name holds a control character" in text


def test_watch_session_skips_bad_names_that_appear_while_it_runs(tmp_path: Path) -> None:
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    session = Session(str(vault), dt.date(2026, 6, 30))
    session.load()
    session.rebuild()
    before = _generated(vault)
    _hostile(vault)
    added = {"People/" + os.fsdecode(raw) for raw in (*SKIPPED, *KEPT)} | {"Bad\nFolder", "Bad\nFolder/Inside.md"}
    update = session.update(added)
    assert sorted(update.changed) == sorted("People/" + raw.decode() for raw in KEPT)
    report = session.rebuild()
    assert not report.diagnostics
    after = _generated(vault)
    for text in after.values():
        _assert_well_formed(text)
    assert "| A \\| B |" in after["People.md"] and "Skip" not in after["People.md"]
    assert after["Events.md"] == before["Events.md"]
    # A full build from disk agrees with what the watcher wrote.
    assert CliRunner().invoke(cli, ["--vault", str(vault), "build", "--today", "2026-06-30"]).exit_code == 0
    assert _generated(vault) == after


@given(st.text())
def test_a_printable_path_is_one_line_of_utf8(name: str) -> None:
    shown = names.printable(name)
    shown.encode("utf-8")
    assert names.unusable(shown) is None and "\n" not in shown


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))))
def test_a_plain_name_cannot_break_a_cell_a_link_or_a_comment(name: str) -> None:
    text = names.plain(name)
    assert not re.search(r"(?<!\\)(?:\\\\)*[|\[\]#]", text.replace("\\\\", "")), text
    assert "<" not in text and ">" not in text
    row = f"| {text} | x |"
    assert len(re.findall(r"(?<!\\)\|", row.replace("\\\\", ""))) == 3


def test_a_link_as_written_cannot_steer_the_terminal(tmp_path: Path) -> None:
    """A link target is printed as the note wrote it: a shared vault's note holding a bell or a
    bidi override in a link (`[[Zed\\x07]]`, `[[Bob\\u202eevil]]`) rang the terminal or reversed
    the rest of the line in `check`'s text output. Printed escaped; the JSON keeps the data."""
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "vaultkit.toml").write_text('today = "2026-06-30"\n')
    (vault / "a.md").write_text("hi [[Zed\x07bell]] and [[Bob\u202eevil]] and [[Car\rriage]]\n", encoding="utf-8")
    text = CliRunner().invoke(cli, ["--vault", str(vault), "check"]).output
    assert "[[Zed\\x07bell]] points to no note" in text and "[[Bob\\u202eevil]] points to no note" in text
    assert not any(c in text for c in "\x07\u202e\r")
    data = json.loads(CliRunner().invoke(cli, ["--vault", str(vault), "check", "--format", "json"]).output)
    messages = {d["message"] for d in data["diagnostics"]}
    assert "[[Zed\x07bell]] points to no note" in messages and "[[Bob\u202eevil]] points to no note" in messages


def test_a_control_character_in_a_field_reaches_no_generated_note(tmp_path: Path) -> None:
    """A field holding a terminal's escape (`company: "Acme\\u001b[2J"`) went into People.md as it
    was, for a terminal showing the note (cat, a pager, git diff) to act on: written as text."""
    vault = tmp_path / "v"
    (vault / "People").mkdir(parents=True)
    (vault / "vaultkit.toml").write_text('today = "2026-06-30"\n')
    (vault / "People" / "Ada.md").write_text('---\ntype: person\ncompany: "Acme\\u001b[2J\\u0007 \\u0085Corp"\n---\n')
    assert CliRunner().invoke(cli, ["--vault", str(vault), "build"]).exit_code == 0
    people = (vault / "Vaultkit" / "People.md").read_text(encoding="utf-8")
    assert "Acme\\x1b[2J\\x07" in people
    for path in (vault / "Vaultkit").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not any(c in text for c in "\x1b\x07\x85"), path
