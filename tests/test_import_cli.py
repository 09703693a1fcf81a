"""`vaultkit import linkedin|vcard|ics` end to end on the example vault: the LinkedIn export in
`examples/career-vault/imports/Connections.csv` imported twice (the second adds nothing),
`--dry-run`, people matched by alias and by profile URL, values the user has kept, and a
malformed file refused with its line while nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import EXAMPLE, snapshot
from vaultkit import load_vault
from vaultkit.cli.main import cli

CSV = "imports/Connections.csv"


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def changed(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> set[str]:
    return {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}


def test_the_example_export_is_linkedins_format_and_no_note() -> None:
    lines = (EXAMPLE / CSV).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Notes:" and lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    vault = load_vault(EXAMPLE)
    assert not any(path.startswith("imports/") for path in vault.notes)


def test_linkedin_import_twice_adds_only_once(example_copy: Path) -> None:
    before = snapshot(example_copy, folder_mtimes=False)
    first = run(example_copy, "import", "linkedin", str(example_copy / CSV))
    assert first.exit_code == 0, first.output
    after = snapshot(example_copy, folder_mtimes=False)
    assert changed(before, after) == {"People/Clara Jansen.md", "People/Emeka Obi.md", "People/Mei Lin Chen.md",
                                      "People/Rafael Souza.md"}
    out = first.output
    assert "line 5: added People/Clara Jansen.md" in out and "line 10: added People/Emeka Obi.md" in out
    # Priya by her profile URL although the export spells her name otherwise; Tomás by his alias.
    assert "line 6: People/Priya Natarajan.md (matched by URL) keeps met_on 2025-09-10" in out
    assert "line 7: People/Tomás Ortega.md (matched by alias) keeps links https://ortegadata.de" in out
    assert "line 8: filled links in People/Mei Lin Chen.md" in out
    assert "line 9: filled email in People/Rafael Souza.md" in out
    assert "2 people added, 2 notes filled, 2 with nothing to fill, 0 skipped" in out
    # Only the filled line is new in a matched note; the rest is byte for byte what it was.
    old = (EXAMPLE / "People/Rafael Souza.md").read_text(encoding="utf-8")
    new = (example_copy / "People/Rafael Souza.md").read_text(encoding="utf-8")
    close = old.index("\n---\n", 3) + 1  # the frontmatter's closing line: the new key goes above it
    assert new == old[:close] + 'email: "rafael@graftline.io"\n' + old[close:]
    clara = load_vault(example_copy).notes["People/Clara Jansen.md"]
    assert clara.kind == "person" and clara.fields["company"] == "Fernsicht Labs"
    assert clara.fields["role"] == "Platform Engineer, Developer Experience"
    assert clara.fields["links"] == ("https://www.linkedin.com/in/clara-jansen-platform",)
    assert str(clara.fields["met_on"]) == "2026-03-24" and "email" not in clara.fields

    second = run(example_copy, "import", "linkedin", str(example_copy / CSV))
    assert second.exit_code == 0 and "0 people added, 0 notes filled, 6 with nothing to fill" in second.output
    assert "added" not in second.output.replace("0 people added", "")
    assert snapshot(example_copy, folder_mtimes=False) == after
    check = run(example_copy, "check")
    assert check.exit_code == 0, check.output


def test_dry_run_writes_nothing_and_says_what_it_would_do(example_copy: Path) -> None:
    before = snapshot(example_copy)
    result = run(example_copy, "import", "linkedin", "--dry-run", str(example_copy / CSV))
    assert result.exit_code == 0
    assert "line 5: would add People/Clara Jansen.md" in result.output
    assert "line 8: would fill links in People/Mei Lin Chen.md" in result.output
    assert result.output.rstrip().endswith("(dry run: nothing written)")
    assert snapshot(example_copy) == before


def test_malformed_files_name_the_line_and_write_nothing(example_copy: Path, tmp_path: Path) -> None:
    good = (example_copy / CSV).read_text(encoding="utf-8")
    cases = {
        "bad-date.csv": ("linkedin", good.replace("24 Mar 2026", "24 Mrz 2026"), 5, "Connected On"),
        "header.csv": ("linkedin", good.replace("Email Address", "E-mail"), 4, "lacks Email Address"),
        "cut.vcf": ("vcard", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\nBEGIN:VCARD\nFN:Bob\n", 5,
                    "never closed"),
        "broken.ics": ("ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART:2026-07-01\nEND:VEVENT\n"
                              "END:VCALENDAR\n", 4, "DTSTART cannot be read"),
    }
    before = snapshot(example_copy)
    for name, (fmt, text, line, words) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run(example_copy, "import", fmt, str(path))
        assert result.exit_code == 1, result.output
        assert f"Error: {path}:{line}: " in result.output and words in result.output, result.output
        assert "nothing was imported" in result.output
    assert snapshot(example_copy) == before


def test_vcard_and_ics_imports(example_copy: Path, tmp_path: Path) -> None:
    vcf = tmp_path / "contacts.vcf"
    vcf.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marta\r\nORG:Lumen Pay\r\nEMAIL:marta@lumenpay.example\r\n"
                    b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Greta Lind\r\nORG:Quillbank;Data\r\n"
                    b"TITLE:Data Engineer\r\nEND:VCARD\r\n")
    result = run(example_copy, "import", "vcard", str(vcf))
    assert result.exit_code == 0, result.output
    assert "line 1: filled email in People/Marta Kowalski.md" in result.output  # by her alias
    assert "line 7: added People/Greta Lind.md" in result.output
    greta = (example_copy / "People/Greta Lind.md").read_text(encoding="utf-8")
    # The template's `met_on: {{date}}` is not what the card says: left empty, not today.
    assert "\nmet_on:\n" in greta and 'company: "Quillbank"' in greta
    # An address book holds strangers too: loose, as from LinkedIn (not due until contacted).
    assert load_vault(example_copy).notes["People/Greta Lind.md"].fields["priority"] == "loose"
    assert "priority" not in load_vault(EXAMPLE).notes["People/Marta Kowalski.md"].fields  # matched: untouched
    cal = tmp_path / "events.ics"
    cal.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Postgres Berlin August 2026\n"
                   "DTSTART;TZID=Europe/Berlin:20260820T190000\nURL:https://www.meetup.com/postgres-berlin/events/314002117\n"
                   "LOCATION:Somewhere else\nEND:VEVENT\n"
                   "BEGIN:VEVENT\nSUMMARY:Kafka Berlin September\nDTSTART:20260910T230000Z\nLOCATION:Mitte\n"
                   "RRULE:FREQ=MONTHLY\n"
                   "END:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    result = run(example_copy, "import", "ics", str(cal))
    assert result.exit_code == 0, result.output
    # Matched by its URL; the note's own location is kept and said.
    assert ("line 3: Events/Postgres Berlin August 2026.md (matched by URL) keeps location Ortega Data "
            "office, Berlin-Neukölln (the file: Somewhere else)") in result.output
    assert "line 9: added Events/Kafka Berlin September.md" in result.output
    assert "line 9: Kafka Berlin September: recurring: only its first date (2026-09-10) is imported" in result.output
    event = load_vault(example_copy).notes["Events/Kafka Berlin September.md"]
    assert str(event.fields["date"]) == "2026-09-10" and event.fields["location"] == "Mitte"
    assert "date: 2026-09-10" in (example_copy / "Events/Kafka Berlin September.md").read_text(encoding="utf-8")
    again = run(example_copy, "import", "ics", str(cal))
    assert "0 events added, 0 notes filled, 2 with nothing to fill" in again.output


def test_import_as_a_real_process(example_copy: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("VAULTKIT_VAULT", "VAULTKIT_TODAY")}
    argv = [sys.executable, "-m", "vaultkit", "--vault", str(example_copy), "import", "linkedin",
            str(example_copy / CSV)]
    proc = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "2 people added" in proc.stdout
    bad = example_copy / "bad.csv"
    bad.write_bytes((example_copy / CSV).read_bytes().replace(b"Position", b"Title"))
    proc = subprocess.run([*argv[:-1], str(bad)], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{bad}:4: the header lacks Position" in proc.stderr


def test_readmes_dry_run_is_what_the_command_prints(example_copy: Path) -> None:
    readme = (EXAMPLE.parent.parent / "README.md").read_text(encoding="utf-8")
    command = "$ vaultkit import linkedin examples/career-vault/imports/Connections.csv --dry-run\n"
    shown = readme[readme.index(command) + len(command):]
    shown = shown[:shown.index("```")]
    result = run(example_copy, "import", "linkedin", str(example_copy / CSV), "--dry-run")
    assert result.output == shown


def test_fills_keep_bom_crlf_and_values_vaultkit_cannot_read(tmp_path: Path) -> None:
    from tests.conftest import write_vault

    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "People/Ada Lovelace.md": b"\xef\xbb\xbf---\r\naliases: [Ada]\r\nmet_on: soon\r\ncompany:\r\n---\r\n# Ada\r\n",
        "Projects/Bob Ross.md": "# Bob Ross, a project\n",
    })
    csv = tmp_path / "Connections.csv"
    csv.write_bytes(b"\xef\xbb\xbfNotes:\r\n\"x, y\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,"
                    b"Connected On\r\nAda,,https://linkedin.com/in/ada,,\"Engines, Ltd\",,12 Mar 2024\r\n"
                    b"Bob,Ross,,,,Painter,1 Jan 2025\r\n")
    result = run(vault, "import", "linkedin", str(csv))
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ada Lovelace.md").read_bytes() == (
        b"\xef\xbb\xbf---\r\naliases: [Ada]\r\nmet_on: soon\r\ncompany: \"Engines, Ltd\"\r\n"
        b"links: [\"https://linkedin.com/in/ada\"]\r\n---\r\n# Ada\r\n")
    assert "line 5: filled company, links in People/Ada Lovelace.md" in result.output
    assert "met_on holds a value vaultkit cannot read as empty" in result.output
    assert "line 6: added People/Bob Ross.md (another note is already called 'Bob Ross'" in result.output


def test_a_read_only_note_is_reported_and_the_rest_written(example_copy: Path) -> None:
    rafael = example_copy / "People/Rafael Souza.md"
    rafael.chmod(0o444)
    try:
        result = run(example_copy, "import", "linkedin", str(example_copy / CSV))
    finally:
        rafael.chmod(0o644)
    assert result.exit_code == 1
    assert "line 9: not written: People/Rafael Souza.md: People/Rafael Souza.md is read-only" in result.output
    assert (example_copy / "People/Clara Jansen.md").exists()
    assert rafael.read_bytes() == (EXAMPLE / "People/Rafael Souza.md").read_bytes()
    # The summary counts what was written, not what was tried: Rafael's fill is not among them.
    filled = sum(": filled " in line for line in result.output.splitlines())
    added = sum(": added " in line for line in result.output.splitlines())
    assert f"{added} people added, {filled} note{'' if filled == 1 else 's'} filled," in result.output


def test_a_connection_added_gets_the_lowest_priority_where_the_person_kind_has_two_or_more(tmp_path: Path) -> None:
    from tests.conftest import write_vault

    rows = (EXAMPLE / CSV).read_bytes()
    for values, expected in (('["inner", "active", "loose"]', "loose"), ('["close", "rest"]', "rest"),
                             ('["only"]', None)):
        vault = write_vault(tmp_path / values.strip('[]"').split('"')[0], {
            "vaultkit.toml": f'[kinds.person.fields.priority]\ntype = "enum"\nvalues = {values}\n',
            "People/Mei Lin Chen.md": "---\ncompany: Quillbank\n---\n", CSV: rows})
        assert run(vault, "import", "linkedin", str(vault / CSV)).exit_code == 0
        notes = load_vault(vault).notes
        assert notes["People/Clara Jansen.md"].fields.get("priority") == expected
        assert "priority" not in notes["People/Mei Lin Chen.md"].fields  # a person already there: not touched


def test_a_contact_named_like_a_windows_device_gets_a_title_windows_can_hold(tmp_path: Path) -> None:
    # A contact called CON made People/CON.md, which Windows cannot create or sync.
    from tests.conftest import write_vault
    from vaultkit.edits.capture import check_title

    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rows = "CON,,,,,,\ncom1.txt,,,,,,\nNul,,,,,,\n"
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "c.csv": header + rows})
    assert run(vault, "import", "linkedin", str(vault / "c.csv")).exit_code == 0
    people = load_vault(vault).of_kind("person")
    assert sorted((n.path, tuple(n.aliases)) for n in people) == [
        ("People/CON_.md", ("CON",)), ("People/Nul_.md", ("Nul",)), ("People/com1_.txt.md", ("com1.txt",))]
    assert all(check_title(n.title) is None for n in people)
    assert run(vault, "import", "linkedin", str(vault / "c.csv")).output.endswith(
        "0 people added, 0 notes filled, 3 with nothing to fill, 0 skipped\n")  # found again by alias


def test_one_person_and_one_event_are_counted_in_the_singular(tmp_path: Path) -> None:
    from tests.conftest import write_vault

    ics = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260304\r\nSUMMARY:Meetup\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "a.ics": ics, "a.vcf": vcf})
    assert "a.ics: 1 event added, 0 notes filled," in run(vault, "import", "ics", str(vault / "a.ics")).output
    assert "a.vcf: 1 person to add, 0 notes to fill," in run(vault, "import", "vcard", str(vault / "a.vcf"),
                                                              "--dry-run").output


def test_ics_kind_comes_from_categories_and_an_evening_stays_one_day(tmp_path: Path) -> None:
    """The new-user trial's file: every event became `kind: meetup` (the template's) and a
    19:00–01:00 meetup a two-day event. Now `kind` is what CATEGORIES says, else empty."""
    from tests.conftest import write_vault

    vault = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "2026-03-01"\n',
                                         "Events/Rust Berlin March.md": "---\ndate: 2026-03-12\nkind:\n---\n"})
    cal = tmp_path / "events.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:Berlin Platform Night\r\nDTSTART;TZID=Europe/Berlin:20260304T190000\r\n"
        "DTEND;TZID=Europe/Berlin:20260305T010000\r\nCATEGORIES:Tech,Berlin\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:KubeCon EU 2026\r\nDTSTART;VALUE=DATE:20260323\r\nDTEND;VALUE=DATE:20260327\r\n"
        "CATEGORIES:Travel,Conference\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:Rust Berlin March\r\nDTSTART:20260312T183000\r\nDTEND:20260312T220000\r\n"
        "CATEGORIES:MEETUP\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    result = run(vault, "import", "ics", str(cal))
    assert result.exit_code == 0, result.output
    assert "line 15: filled kind in Events/Rust Berlin March.md" in result.output
    notes = load_vault(vault).notes
    night, kubecon, rust = (notes[f"Events/{n}.md"] for n in ("Berlin Platform Night", "KubeCon EU 2026",
                                                               "Rust Berlin March"))
    assert str(night.fields["date"]) == "2026-03-04" and "end" not in night.fields
    assert "kind" not in night.fields  # Tech and Berlin are no event kind: empty, not the template's meetup
    assert "\nkind:\n" in (vault / "Events/Berlin Platform Night.md").read_text(encoding="utf-8")
    assert kubecon.fields["kind"] == "conference" and str(kubecon.fields["end"]) == "2026-03-26"
    assert rust.fields["kind"] == "meetup"
    check = run(vault, "check")
    assert "kind" not in check.output, check.output
    again = run(vault, "import", "ics", str(cal))
    assert "0 events added, 0 notes filled, 3 with nothing to fill" in again.output
