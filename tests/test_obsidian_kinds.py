"""Map the vault you have (issue 10, point 3), case by case, on the shared vault
`tests/vaults/obsidian-like/`: area `Kinds/`, the `[kinds.…]` tables of its vaultkit.toml and
`.obsidian/daily-notes.json` at its root.

Each case says what the user (who wrote the rules) or Obsidian expects, and where that is
written down; the tests hold vaultkit to it. Then `vaultkit init` in a copy of a vault that
already holds notes: it writes `vaultkit.toml` and nothing else, byte for byte and mtime for
mtime, and what it proposes, once uncommented, reads the vault as proposed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner

from tests import test_watch
from tests.conftest import ROOT, copy_vault, snapshot
from tests.hostile import dailynotes as hostile
from tests.test_watch import Watcher
from vaultkit import load_vault
from vaultkit.cli.main import cli
from vaultkit.reader import career
from vaultkit.reader.config import parse_config
from vaultkit.reader.vault import Vault

VAULT = ROOT / "tests" / "vaults" / "obsidian-like"
HELP = "https://help.obsidian.md/"
SPEC = "SPEC §2 (kinds are found by rules), §5 ([kinds.NAME] match)"
spy, start_watch = test_watch.spy, test_watch.start_watch  # the fixtures a watcher needs
DAILY_LIB = "obsidian-daily-notes-interface (getAllDailyNotes, getDateFromFile: strict moment parse of the name)"


class Kind(NamedTuple):
    path: str  # in tests/vaults/obsidian-like
    kind: str | None  # what vaultkit must read it as
    fields: dict[str, Any]  # typed fields it must hold (a subset)
    expects: str  # what the user, who wrote the rules, expects; or Obsidian
    source: str


KINDS = [
    Kind("Kinds/Contacts/Ottilie Brandt.md", "person",
         {"company": "Brandt Robotics", "role": "CTO", "met_on": dt.date(2026, 1, 5)},
         "in Contacts/ (folder rule `Kinds/Contacts/`); `org:` is the company, `created:` the day we met",
         SPEC + "; §2 'a source field name to map from'"),
    Kind("Kinds/Contacts/Teams/Ravi Menon.md", "person", {"company": "Lumen Pay"},
         "a folder rule covers the folder's subfolders", SPEC),
    Kind("Kinds/Contacts/Signe Lund.md", "person", {"company": "Fjord Labs"},
         "holds `company:` and `org:`: the vaultkit name wins, `org` stays the user's (an info says so)", SPEC),
    Kind("Kinds/Contacts/Book club.md", "event", {"date": dt.date(2026, 2, 12)},
         "`type: event` names a kind: it wins over the folder", SPEC + "; README 'Notes and kinds'"),
    Kind("Kinds/Contacts/Reading list.md", None, {},
         "`type: book` is the user's own property (Obsidian: a text property); a type naming no kind makes a "
         "plain note, even in a folder of people", SPEC + "; " + HELP + "properties"),
    Kind("Kinds/Archive/People/Henrik Aalto.md", "person", {"company": "Old Employer"},
         "`**/People/` is a People folder anywhere in the tree (kinds were found only at the top: all zeros)",
         "issue 10 ('kinds are only found in top-level folders')"),
    Kind("Kinds/Archive/People/Events/Launch party.md", "event", {"date": dt.date(2025, 11, 20)},
         "the deepest folder a rule matches decides: Events inside People is an event", SPEC),
    Kind("Kinds/Notes/Linus Berg.md", "person", {},
         "`categories:` lists [[Humans]] among others: a list matches when any item does",
         SPEC + "; kepano's vault convention `categories: \"[[People]]\"`"),
    Kind("Kinds/Notes/Margaret Ines.md", "person", {},
         "a link value matches by its target, compared as names compare: `[[Kinds/humans|the humans]]` is "
         "[[Humans]]", SPEC + "; " + HELP + "links (names are case-insensitive)"),
    Kind("Kinds/Notes/Tomasz Wrobel.md", "person", {},
         "a body tag `#person/colleague` is nested under #person (tag rule `person`)",
         HELP + "tags (nested tags); Dataview's file.tags lists every level"),
    Kind("Kinds/Notes/Robotics meetup.md", "event", {"date": dt.date(2026, 1, 5)},
         "`up: \"[[Meetups]]\"` (property rule of event)", SPEC),
    Kind("Kinds/Notes/Two kinds.md", "event", {"date": dt.date(2026, 2, 2)},
         "rules of person and event match at one level: the first kind by name, with a warning naming both",
         "vaultkit's choice (deterministic); README 'Kinds'"),
    Kind("Kinds/Humans.md", None, {}, "an ordinary note (the category the rules point at)", HELP + "properties"),
]

# The daily notes of `.obsidian/daily-notes.json`: folder Kinds/Journal, format YYYY/MMMM/YYYY-MM-DD dddd.
DAILY = [
    ("Kinds/Journal/2026/March/2026-03-04 Wednesday.md", dt.date(2026, 3, 4),
     "created by Obsidian for 2026-03-04: `YYYY/MMMM/` are subfolders, the name is `YYYY-MM-DD dddd`",
     HELP + "plugins/daily-notes ('Automatic subfolders'); " + DAILY_LIB),
    ("Kinds/Journal/2026-03-05 Thursday.md", dt.date(2026, 3, 5),
     "moved out of its month folder: still a daily note, any note under the folder whose name parses", DAILY_LIB),
    ("Kinds/Journal/2026/March/2026-03-06 Monday.md", None,
     "2026-03-06 is a Friday: a strict moment parse rejects a weekday that disagrees", DAILY_LIB),
    ("Kinds/Notes/2026-03-07 Saturday.md", None, "outside the daily-notes folder", DAILY_LIB),
]


@pytest.fixture(scope="module")
def vault() -> Vault:
    return load_vault(VAULT)


@pytest.mark.parametrize("case", KINDS, ids=[c.path for c in KINDS])
def test_each_note_is_the_kind_its_rules_give(vault: Vault, case: Kind) -> None:
    note = vault.notes[case.path]
    assert note.kind == case.kind, case.expects
    assert {k: note.fields.get(k) for k in case.fields} == case.fields, case.expects


def test_the_kinds_area_has_exactly_the_diagnostics_the_cases_say(vault: Vault) -> None:
    found = {(d.path, d.code, d.severity.value) for d in vault.diagnostics
             if d.path.startswith("Kinds/") and d.code != "unknown-kind"}  # `type: book`: the scan helper's case
    assert found == {
        ("Kinds/Contacts/Signe Lund.md", "field-mapped-both", "info"),
        ("Kinds/Notes/Two kinds.md", "kind-ambiguous", "warning"),
    }
    [both] = [d for d in vault.diagnostics if d.code == "kind-ambiguous"]
    assert "event (property up: [[Meetups]])" in both.message and "person (property categories" in both.message
    assert both.line == 3  # the line of `up:`, the rule that decided
    assert not [d for d in vault.diagnostics if d.path in (".obsidian/daily-notes.json", "vaultkit.toml")]


@pytest.mark.parametrize("path, date, expects, source", DAILY, ids=[d[0] for d in DAILY])
def test_daily_notes_as_obsidian_names_them(vault: Vault, path: str, date: dt.date | None, expects: str,
                                            source: str) -> None:
    got = vault.daily_date(vault.notes[path])
    assert got == (date.isoformat() if date else None), expects


def test_daily_notes_date_inline_entries_and_interactions(vault: Vault) -> None:
    brags = {e.path: e.date for e in career.entries(vault, "brag") if e.path.startswith("Kinds/")}
    assert brags == {  # SPEC §2 "Inline entries": the item's date, else the daily note's date
        "Kinds/Journal/2026/March/2026-03-04 Wednesday.md": dt.date(2026, 3, 4),
        "Kinds/Journal/2026/March/2026-03-06 Monday.md": None,
        "Kinds/Notes/2026-03-07 Saturday.md": None,
    }
    contacts = career.interactions(vault)
    dated = {p: [(i.date, i.path) for i in items] for p, items in contacts.items() if p.startswith("Kinds/")}
    assert dated["Kinds/Contacts/Teams/Ravi Menon.md"] == [
        (dt.date(2026, 3, 4), "Kinds/Journal/2026/March/2026-03-04 Wednesday.md")]
    assert dated["Kinds/Contacts/Signe Lund.md"] == [(dt.date(2026, 3, 5), "Kinds/Journal/2026-03-05 Thursday.md")]


def _brag_daily(root: Path, day: str) -> str:
    result = CliRunner().invoke(cli, ["--vault", str(root), "brag", f"Win of {day}", "--impact", "x", "--daily",
                                      "--date", day])
    assert result.exit_code == 0, result.output
    return str(Path(result.output.strip()).relative_to(root).as_posix())


def test_brag_daily_writes_where_obsidian_keeps_that_days_note(tmp_path: Path) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    # A new day: the path Obsidian would create (subfolders, English month and weekday names).
    assert _brag_daily(root, "2026-03-09") == "Kinds/Journal/2026/March/2026-03-09 Monday.md"
    # A day whose note was moved: the note Obsidian opens for it, not a second one.
    moved = root / "Kinds/Journal/2026-03-05 Thursday.md"
    before = moved.read_text(encoding="utf-8")
    assert _brag_daily(root, "2026-03-05") == "Kinds/Journal/2026-03-05 Thursday.md"
    assert moved.read_text(encoding="utf-8").startswith(before)
    assert not (root / "Kinds/Journal/2026/March/2026-03-05 Thursday.md").exists()
    dates = {e.date for e in career.entries(load_vault(root), "brag") if e.text.startswith("Win of")}
    assert dates == {dt.date(2026, 3, 9), dt.date(2026, 3, 5)}


def test_vaultkit_toml_daily_notes_wins_over_obsidians(tmp_path: Path) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    toml = root / "vaultkit.toml"
    toml.write_text('daily_notes = "Kinds/Journal/{date}"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    vault = load_vault(root)
    assert vault.daily_date(vault.notes["Kinds/Journal/2026/March/2026-03-04 Wednesday.md"]) is None
    (root / "Kinds/Journal/2026-03-08.md").write_text("x\n", encoding="utf-8")
    vault = load_vault(root)
    assert vault.daily_date(vault.notes["Kinds/Journal/2026-03-08.md"]) == "2026-03-08"
    assert vault.config.daily.source == "vaultkit.toml"


@pytest.mark.parametrize("text, says", [
    ('{"folder": "Kinds/Journal", "format": "YYYY-MM-DD"', "line 1"),  # cut short
    ('["Kinds/Journal"]', "expected a JSON object"),
    ('{"folder": 3}', '"folder" must be text'),
    ('{"format": "gggg-[W]ww"}', "'gggg'"),  # a weekly format: not a day's
    (b"\xff\xfe{}", "utf-8"),
])
def test_unusable_daily_notes_settings_are_a_warning_naming_the_file(tmp_path: Path, text: str | bytes,
                                                                     says: str) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    target = root / ".obsidian" / "daily-notes.json"
    target.write_bytes(text if isinstance(text, bytes) else text.encode())
    vault = load_vault(root)
    [diag] = [d for d in vault.diagnostics if d.code == "daily-notes-settings"]
    assert diag.path == ".obsidian/daily-notes.json" and diag.severity.value == "warning"
    assert says in diag.message and "Daily/YYYY-MM-DD" in diag.message  # the default is used
    assert vault.daily_date(vault.notes["Kinds/Journal/2026/March/2026-03-04 Wednesday.md"]) is None
    run = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert "daily-notes.json" in run.output and "Traceback" not in run.output


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_a_hostile_daily_notes_file_never_stops_or_hangs_a_command(tmp_path: Path, case: str) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    hostile.CASES[case](root)
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(root), "check"], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)  # a FIFO read would block here
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1), proc.stderr
    warned = "daily-notes.json: warning" in proc.stdout + proc.stderr
    assert warned == (case in ("huge", "not_json", "deep")), proc.stdout  # a FIFO or symlink is not read
    vault = load_vault(root)
    assert vault.daily_date(vault.notes["Kinds/Journal/2026/March/2026-03-04 Wednesday.md"]) is None


def test_a_change_of_obsidians_daily_settings_rebuilds(tmp_path: Path) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    assert CliRunner().invoke(cli, ["--vault", str(root), "build"]).exit_code in (0, 1)
    brag = root / "Vaultkit" / "Brag.md"
    dated = "| 2026-03-04 | Shipped the importer"
    assert dated in brag.read_text(encoding="utf-8")
    (root / ".obsidian" / "daily-notes.json").write_text('{"folder": "Elsewhere"}', encoding="utf-8")
    CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert dated not in brag.read_text(encoding="utf-8")  # not taken for "nothing changed"
    assert "| Shipped the importer" in brag.read_text(encoding="utf-8")


def test_watch_follows_a_change_of_obsidians_daily_settings(tmp_path: Path,
                                                           start_watch: Callable[..., Watcher]) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    watcher = start_watch(root)
    watcher.converge()
    assert "| 2026-03-04 | Shipped the importer" in (root / "Vaultkit" / "Brag.md").read_text(encoding="utf-8")
    (root / ".obsidian" / "daily-notes.json").write_text('{"folder": "Elsewhere"}', encoding="utf-8")
    watcher.converge()  # to what a fresh build gives: the importer undated
    assert "| 2026-03-04 | Shipped the importer" not in (root / "Vaultkit" / "Brag.md").read_text(encoding="utf-8")


# --- init in a vault that already holds notes -----------------------------------------------------

def _existing(tmp_path: Path) -> Path:
    """A copy of the shared vault as its owner has it before vaultkit: no vaultkit.toml."""
    root = copy_vault(VAULT, tmp_path / "existing")
    (root / "vaultkit.toml").unlink()
    return root


def _uncommented(text: str) -> str:
    """The proposal with every rule accepted: the `[kinds…]`, `match` and `fields` lines uncommented."""
    return "\n".join(line[2:] if re.match(r"# (\[kinds\.|match = |fields\.)", line) else line
                     for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("how", ["clirunner", "subprocess"])
def test_init_in_an_existing_vault_writes_only_vaultkit_toml(tmp_path: Path, how: str) -> None:
    root = _existing(tmp_path)
    before = snapshot(root)
    if how == "clirunner":
        result = CliRunner().invoke(cli, ["init", str(root)])
        code, out = result.exit_code, result.output
    else:
        proc = subprocess.run([sys.executable, "-m", "vaultkit", "init", str(root)], capture_output=True,
                              text=True, encoding="utf-8", cwd=tmp_path, timeout=120)
        code, out = proc.returncode, proc.stdout + proc.stderr
    assert code == 0, out
    after = snapshot(root)
    assert set(after) - set(before) == {"vaultkit.toml"}  # no folder, template or .gitattributes added
    assert {k: v for k, v in after.items() if k != "vaultkit.toml"} == before  # bytes and mtimes, folders too
    assert "/Vaultkit/** text eol=lf" in out and "Traceback" not in out
    text = (root / "vaultkit.toml").read_text(encoding="utf-8")
    assert all(not line.strip() or line.startswith("#") for line in text.splitlines())  # nothing active
    assert '# 4 notes in "Contacts/" look like people: uncomment to use' in text
    assert '  4 notes in "Contacts/" look like people\n' in out
    assert '# fields.company = { from = "org" }' in text and '# fields.met_on = { from = "created" }' in text
    assert "Daily notes are read as Kinds/Journal/YYYY/MMMM/YYYY-MM-DD dddd" in text


def test_what_init_proposes_reads_the_vault_as_proposed(tmp_path: Path) -> None:
    root = _existing(tmp_path)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    accepted = _uncommented((root / "vaultkit.toml").read_text(encoding="utf-8"))
    _, diags = parse_config(accepted)
    assert diags == [], accepted
    (root / "vaultkit.toml").write_text(accepted, encoding="utf-8")
    vault = load_vault(root)
    ottilie = vault.notes["Kinds/Contacts/Ottilie Brandt.md"]
    assert ottilie.kind == "person" and ottilie.fields["company"] == "Brandt Robotics"
    assert ottilie.fields["met_on"] == dt.date(2026, 1, 5)
    assert vault.notes["Kinds/Archive/People/Henrik Aalto.md"].kind == "person"  # the default rule is kept
    assert vault.notes["Kinds/Contacts/Teams/Ravi Menon.md"].kind == "person"


def test_init_where_vaultkit_toml_exists_writes_nothing(tmp_path: Path) -> None:
    root = copy_vault(VAULT, tmp_path / "v")
    before = snapshot(root)
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0 and "already has vaultkit.toml: nothing written" in result.output
    assert snapshot(root) == before


def test_init_in_an_obsidian_vault_without_notes_writes_only_vaultkit_toml(tmp_path: Path) -> None:
    root = tmp_path / "fresh-obsidian"
    (root / ".obsidian").mkdir(parents=True)
    (root / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    before = snapshot(root)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    after = snapshot(root)
    assert set(after) - set(before) == {"vaultkit.toml"} and {k: after[k] for k in before} == before
    assert parse_config((root / "vaultkit.toml").read_text(encoding="utf-8"))[1] == []


def test_the_daily_notes_file_is_obsidians_own_json(vault: Vault) -> None:
    settings = json.loads((VAULT / ".obsidian" / "daily-notes.json").read_text(encoding="utf-8"))
    assert vault.config.daily.source == ".obsidian/daily-notes.json"
    assert vault.config.daily.path_for(dt.date(2026, 1, 1)) == \
        f"{settings['folder']}/2026/January/2026-01-01 Thursday.md"


def test_init_proposes_an_events_people_and_says_what_created_is(tmp_path: Path) -> None:
    """A meetup's `people:` is who was met there (`met`); `created:` is only the day a note was
    made, so proposing it as `met_on` says so (a trial's Network note showed "met" after the
    last contact)."""
    from vaultkit.edits.propose import propose

    notes = {f"Calendar/Events/Meetup {i}.md": f'---\ndate: 2026-0{i}-02\npeople: ["[[P{i}]]"]\n---\n'
             for i in range(1, 4)}
    notes.update({f"Contacts/People/P{i}.md": "---\ncreated: 2026-01-0{i}\n---\n" for i in range(1, 4)})
    for rel, text in notes.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    text, _ = propose(load_vault(tmp_path))
    assert '# fields.met = { from = "people" }   # 3 of these notes have people:' in text
    assert '# fields.met_on = { from = "created" }' in text and "the day the note was made" in text


def test_init_proposes_a_field_some_notes_hold_instead(tmp_path: Path) -> None:
    """Five people in People/ say `company:`, four contacts elsewhere (`categories: [[People]]`)
    say `org:`: the four are not outvoted, `company` ← `org` is proposed (a trial's kepano-style
    vault got no proposal, and its contacts' companies stayed empty)."""
    from vaultkit.edits.propose import propose

    for i in range(5):
        (tmp_path / "People").mkdir(exist_ok=True)
        (tmp_path / "People" / f"P{i}.md").write_text("---\ncompany: Lumen\n---\n")
    for i in range(4):
        (tmp_path / "Contacts").mkdir(exist_ok=True)
        (tmp_path / "Contacts" / f"C{i}.md").write_text('---\ncategories: ["[[People]]"]\norg: Acme\n---\n')
    text, _ = propose(load_vault(tmp_path))
    assert '# fields.company = { from = "org" }   # 4 of these notes have org:' in text
