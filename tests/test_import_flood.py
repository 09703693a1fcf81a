"""An import must not flood the lists (issue 13, "a network that matters, not a queue of strangers").

A fresh vault with a handful of people of the user's own, then LinkedIn's `Connections.csv` of
500 rows in the export's exact format: the imported connections (priority `loose`, never
contacted) are not due anywhere — Follow-ups.md, `vaultkit followups`, the Dashboard and
`vaultkit calendar` count them once — and never outrank a person with a priority, or with none.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from tests.livecase import LiveVault
from vaultkit.cli.main import cli

TODAY = "2026-07-15"
ROWS = 500
_FIRST = ["Ada", "Ben", "Chloé", "Dmitri", "Eszter", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars",
          "Maya", "Nils", "Olu", "Paula", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Yara", "Zoltán"]
_LAST = ["Adler", "Bauer", "Costa", "Dahl", "Eriksen", "Fischer", "García", "Horvat", "Ivanova", "Jansen",
         "Kowalczyk", "Lindgren", "Moreau", "Nowak", "Okafor", "Petrov", "Quist", "Rossi", "Schulz", "Tanaka"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to see "
    "or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\r\n\r\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")


def connections_csv(rows: int = ROWS, seed: int = 13) -> tuple[bytes, list[str]]:
    """A `Connections.csv` as LinkedIn exports it (preamble, header, CRLF, quoted commas, dates
    like `12 Mar 2024`, most emails empty), and the names in it. Names are unique."""
    rng = random.Random(seed)
    pairs = [(f, ln) for f in _FIRST for ln in _LAST]
    rng.shuffle(pairs)
    lines, names = [], []
    for i, (first, last) in enumerate(pairs[:rows]):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2700))
        slug = f"{first}-{last}-{i}".lower()
        email = f"{slug}@example.com" if i % 7 == 0 else ""
        position = '"Engineer, Platform"' if i % 3 == 0 else "Engineering Manager"
        lines.append(f"{first},{last},https://www.linkedin.com/in/{slug},{email},Company {i % 40},{position},"
                     f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}\r\n")
        names.append(f"{first} {last}")
    return (PREAMBLE + "".join(lines)).encode("utf-8"), names


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def _vault(tmp_path: Path) -> tuple[Path, list[str]]:
    """A vault of the user's own people, then the 500-row import (as a real subprocess)."""
    root = tmp_path / "career"
    assert run(root, "init", str(root)).exit_code == 0
    data, names = connections_csv()
    person = "---\ntype: person\n{}---\n# x\n\n## Interactions\n\n{}"
    write_vault(root, {
        "vaultkit.toml": f'today = "{TODAY}"\nmanager = "[[Mia Manager]]"\nlooking_for = "a staff role"\n',
        "Connections.csv": data,
        # inner, last contact long ago: due first
        "People/Ada Inner.md": person.format("priority: inner\n", "- 2025-01-10 coffee\n"),
        # no priority, met and never contacted: listed (the playbook: follow up after meeting)
        "People/Bo Nopriority.md": person.format("met_on: 2026-01-05\n", ""),
        # no priority, no met_on, never contacted: listed, after Bo, before any loose person
        "People/Cy Nodate.md": person.format("", ""),
        # loose, contacted once long ago: a loose contact you keep up with is due, ranked last
        "People/Di Loose.md": person.format("priority: loose\n", "- 2025-06-01 call\n"),
        # the manager, loose by mistake and never contacted: never quiet, always first
        "People/Mia Manager.md": person.format("priority: loose\nmet_on: 2026-01-01\n", ""),
    })
    done = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(root), "import", "linkedin",
                           str(root / "Connections.csv")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(f"Connections.csv: {ROWS} people added,"), done.stdout[-500:]
    return root, names


def test_500_imported_connections_are_counted_once_not_listed(tmp_path: Path) -> None:
    root, names = _vault(tmp_path)
    # One imported connection you then talked to is one of yours: loose, due after its cadence.
    talked = names[0]
    assert run(root, "log", talked, "coffee after the meetup", "--date", "2025-12-01").exit_code == 0
    quiet = ROWS - 1
    assert run(root, "build").exit_code == 0

    follow = (root / "Vaultkit" / "Follow-ups.md").read_text("utf-8")
    dashboard = (root / "Vaultkit" / "Dashboard.md").read_text("utf-8")
    assert f"{quiet} loose connections you have not contacted (priority `loose`" in follow
    assert f"{quiet} loose connections not contacted yet (not due)" in dashboard
    for name in names[1:]:
        assert f"[[{name}]]" not in follow and f"[[{name}]]" not in dashboard, name
    assert f"[[{talked}]]" in follow  # contacted on 2025-12-01, loose cadence 6m: due on 2026-07-15
    attention = dashboard.split("## Needs attention", 1)[1].split("## At a glance", 1)[0]
    assert "Never contacted: [[Mia Manager]], [[Bo Nopriority]], [[Cy Nodate]] (see" in attention

    text = run(root, "followups")
    assert text.exit_code == 0
    lines = text.output.splitlines()
    order = [line.split(" (")[0].split(":")[0] for line in lines[:6]]
    # The manager first; then by priority: inner, none (met_on, then no date), loose last.
    assert order == ["Mia Manager", "Ada Inner", "Bo Nopriority", "Cy Nodate", "Di Loose", talked]
    assert lines[6] == ""
    assert lines[7].startswith(f"{quiet} loose connections you have not contacted (priority loose")
    # The untold list leaves the quiet connections out too: 6 people to tell, not 505.
    assert "Not told what you are looking for (a staff role): 6, priority first" in text.output
    assert len(lines) < 20, text.output

    doc = json.loads(run(root, "followups", "--format", "json").output)
    assert doc["count"] == 6 and doc["loose_not_contacted"] == quiet and len(doc["untold"]) == 6

    assert run(root, "calendar").exit_code == 0
    ics = (root / "Vaultkit" / "vaultkit.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    follow_ups = [line for line in ics.splitlines() if line.startswith("SUMMARY:Follow up with ")]
    assert sorted(follow_ups) == sorted(f"SUMMARY:Follow up with {n}" for n in
                                        ("Ada Inner", "Bo Nopriority", "Cy Nodate", "Di Loose", "Mia Manager", talked))
    assert ics.count(f"DTSTART;VALUE=DATE:{TODAY.replace('-', '')}") == 6


def test_the_csv_is_in_the_exports_exact_format() -> None:
    data, names = connections_csv()
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "Notes:" and lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    assert len(names) == len(set(names)) == ROWS and len(lines) == 4 + ROWS + 1
    assert '"Engineer, Platform"' in text and lines[4].rsplit(",", 1)[1][2:3] == " "


def test_a_contact_saved_in_watch_makes_a_loose_connection_one_of_yours(tmp_path: Path) -> None:
    """`vaultkit watch` keeps the count person by person: a save that logs a contact with an
    imported connection takes them out of the count, as a full build does."""
    person = "---\npriority: loose\nmet_on: 2025-01-0{}\n---\n# x\n"
    root = write_vault(tmp_path / "v", {"People/Ana Loose.md": person.format(1),
                                        "People/Ben Loose.md": person.format(2),
                                        "People/Cai Mine.md": "---\nmet_on: 2026-01-03\n---\n"})
    live = LiveVault(root, TODAY)
    assert "2 loose connections you have not contacted" in live.current["Vaultkit/Follow-ups.md"]

    # a contact written in another person's note: a save, no name changes
    current = live.save("People/Cai Mine.md", b"---\nmet_on: 2026-01-03\n---\n- 2026-07-01 coffee with [[Ana Loose]]\n")
    follow = current["Vaultkit/Follow-ups.md"]
    assert "1 loose connection you have not contacted (priority `loose`, as `vaultkit import` writes it) is" in follow
    assert "[[Ana Loose]]" not in follow.split("## Never contacted", 1)[1] and "[[Ben Loose]]" not in follow
    assert "[[Cai Mine]], met 2026-01-03" in follow


_PRIORITY = st.sampled_from(["", "priority: inner\n", "priority: active\n", "priority: loose\n"])
_DAY = st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_PRIORITY, st.one_of(st.none(), _DAY), st.lists(_DAY, max_size=2)), min_size=1,
                max_size=8))
def test_one_rule_for_every_list(people: list[tuple[str, dt.date | None, list[dt.date]]]) -> None:
    """Whatever the people: Follow-ups (PeopleView) and `career.followups` (what `calendar`
    reads) list the same people in the same order; a loose person with no contact up to today
    (the manager aside) is in neither and is counted once; ranks never go down the list."""
    from vaultkit.reader import career
    from vaultkit.reader.config import parse_config
    from vaultkit.reader.network import network
    from vaultkit.reader.parse import parse_note
    from vaultkit.reader.vault import Vault
    from vaultkit.views.common import Facts
    from vaultkit.views.derived.people import people_view

    config, diags = parse_config('manager = "[[P0]]"\n')
    assert not diags
    notes = []
    for i, (priority, met_on, contacts) in enumerate(people):
        front = priority + (f"met_on: {met_on}\n" if met_on else "")
        items = "".join(f"- {day} call\n" for day in contacts)
        notes.append(parse_note(f"People/P{i}.md", f"---\n{front}---\n## Interactions\n\n{items}".encode(), config))
    vault, today = Vault(notes, config, []), dt.date.fromisoformat(TODAY)
    view, net = people_view(Facts(vault, today)), network(vault)
    listed = [f.person.note.path for f in view.followups]
    assert listed == [f.person.note.path for f in career.followups(vault, today)]
    quiet = {p.note.path for p in vault.people if p.priority == "loose" and p.note.path != "People/P0.md"
             and not any(day <= today for day in people[int(p.note.path[8:-3])][2])}
    assert view.loose_count == len(quiet) and not quiet & set(listed)
    ranks = [net.rank(f.person) for f in view.followups]
    assert ranks == sorted(ranks)


def test_people_md_counts_loose_connections_to_complete_and_does_not_move_with_today(tmp_path: Path) -> None:
    """People.md's "To complete" would be 500 lines of "add work_together" after an import: a
    loose connection never contacted (on any day: People.md does not change from day to day) is
    counted there instead. A contact, even one planned ahead, lists them again."""
    root = write_vault(tmp_path / "v", {
        "People/Ana Loose.md": "---\npriority: loose\nmet_on: 2025-01-01\n---\n",
        "People/Bo Loose.md": "---\npriority: loose\nmet_on: 2025-01-01\n---\n",
        "People/Cy Loose.md": "---\npriority: loose\nmet_on: 2025-01-01\n---\n## Interactions\n\n- 2026-08-01 lunch\n",
        "People/Di Mine.md": "---\nmet_on: 2025-02-01\n---\n"})
    texts = []
    for today in ("2026-07-15", "2026-09-01"):
        assert run(root, "build", "--today", today).exit_code == 0
        texts.append((root / "Vaultkit" / "People.md").read_text("utf-8"))
    assert texts[0] == texts[1]
    complete = texts[0].split("## To complete\n", 1)[1]
    assert complete.startswith("\n- [[Cy Loose]]: add work_together\n- [[Di Mine]]: add work_together\n\n"
                               "Not listed: 2 loose connections you have never contacted that lack a way to work "
                               "together or a date you met (as an import leaves them). Fill them in once you are "
                               "in touch.\n<!-- vaultkit:end"), complete
    (root / "People" / "Cy Loose.md").unlink()
    (root / "People" / "Di Mine.md").unlink()
    (root / "People" / "Bo Loose.md").unlink()
    assert run(root, "build").exit_code == 0
    complete = (root / "Vaultkit" / "People.md").read_text("utf-8").split("## To complete\n", 1)[1]
    assert complete.startswith("\nNot listed: 1 loose connection you have never contacted that lacks a way"), complete
