"""Events end to end on a copy of the example vault (today: 2026-07-15): talks, prep notes with
speakers first, the person's own text, interview context, regulars and organisers; the same
note as a debrief once the event is past; overdue interview follow-ups first.

Through the real command line (a subprocess, as `tests/test_cli_capture.py` runs it) and once
through click's runner; files are read back as a user would read them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_cli_capture import ok, vk
from vaultkit.cli.main import cli

PED = "Platform Engineering Day Berlin 2026"


def section(text: str, heading: str) -> str:
    """The text under `## heading`, up to the next `## ` heading or the end marker."""
    body = text.split(f"\n## {heading}\n", 1)[1]
    return body.split("\n## ", 1)[0].split("<!-- vaultkit:end", 1)[0]


def prep(vault: Path, event: str, today: str | None = None) -> str:
    run = ok(vk(vault, "prep", event, today=today))
    path = vault / "Vaultkit" / "Prep" / f"{event}.md"
    assert Path(run.out.strip()) == path
    return path.read_text(encoding="utf-8")


def test_prep_lists_speakers_first_with_their_opener(example_copy: Path) -> None:
    text = prep(example_copy, PED)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Speakers", "## Who you want to meet", "## Regulars and organisers",
                        "## Also likely there", "## Last time"]
    speakers = section(text, "Speakers")
    # Priya's talk here has no note yet: the opener is what stood out on her KubeCon panel
    assert speakers.startswith('\n- [[Priya Natarajan]], "Measuring platform adoption without vanity metrics": '
                               "Staff Engineer, Internal Developer Platform, Kestrel Cloud\n  - Opener: teams that "
                               "publish an SLO for their platform get taken seriously by leadership; the ones that "
                               "publish feature lists do not. (from [[KubeCon EU 2026]])\n")
    # Oskar's comes from the frontmatter `talks:` of the January meetup
    assert ("  - Opener: everything is a template, nothing is a snowflake; upgrades go out in waves of 5% "
            "(from [[PEB Meetup January 2026]])") in speakers
    # the person note's own text: its last paragraph, never its frontmatter
    assert "  - About: Principal engineer at Tidewater Games (Stockholm, with a Berlin office)." in speakers
    assert "company:" not in text and "met_on" not in text
    wanted = section(text, "Who you want to meet")
    assert "[[Priya Natarajan]]" not in wanted and "[[Oskar Lindqvist]]" not in wanted  # listed once, above
    assert ("  - Interview: interviewed you at Helix Systems (system design, team fit), 2026-05: declined; door "
            "open ([[Helix Systems - Staff Platform Engineer]])") in wanted
    assert ("  - Interview: interviewed you at Corvid Health (intro call, architecture deep dive), 2026-06: "
            "interviewing; door open; follow-up 2026-07-20 ([[Corvid Health - Principal Engineer]])") in wanted
    regulars = section(text, "Regulars and organisers")
    assert regulars.startswith("\n- [[Ben Okafor]] (organiser, met at 2 of its events): ")
    assert "  - About: Runs [[Platform Engineering Berlin]] with two volunteers" in regulars
    likely = section(text, "Also likely there")
    assert "[[Ben Okafor]]" not in likely and "- [[Lena Hoffmann]] (same community)" in likely


def test_plain_name_speakers_and_a_notes_section(example_copy: Path) -> None:
    text = prep(example_copy, "Postgres Berlin August 2026")
    speakers = section(text, "Speakers")
    assert speakers.startswith('\n- Ingrid Sørensen, "pgvector at 200 million rows"\n'
                               "  - No note yet. Create one after you meet.\n")
    assert ("  - Opener: sequence values are not replicated by logical replication; sync them right before the "
            "cut-over or inserts fail with duplicate keys. (from [[Postgres Berlin October 2025]])") in speakers
    wanted = section(text, "Who you want to meet")
    assert "Ingrid Sørensen" not in wanted  # a speaker already, though a plain name in want_to_meet
    # Mei's note has a `## Notes` section: that is her text, not her intro paragraph
    assert ("  - About: Prefers a short written question first, then a call; do not open with a sales pitch for "
            "our tooling. Writing an RFC on data contracts for Quillbank;") in wanted
    assert "Senior data engineer at Quillbank" not in wanted


def test_a_past_event_is_a_debrief_and_follows_new_follow_ups(example_copy: Path) -> None:
    text = prep(example_copy, "KubeCon EU 2026")
    assert "This event was 111 days ago: this note is its debrief now." in text
    assert "## Speakers" not in text and "## Who you want to meet" not in text
    met = section(text, "Who you met")
    assert met.startswith("\n2 new people against a goal of 5: 3 short.\n\n- [[Aisha Bello]] (new)\n"
                          "- [[Yusuf Demir]] (new)\n- [[Oskar Lindqvist]]\n")
    assert section(text, "No follow-up yet") == (
        '\n- [[Oskar Lindqvist]]: nothing logged since the event. `vaultkit log "Oskar Lindqvist" "..."`\n')
    talks = section(text, "Talk notes")
    assert talks == (
        '\n- Lucia Moretti, "CloudNativePG: major upgrades, declared": declarative major-version upgrades are '
        "coming; our Patroni setup is now the odd one out for [[Self-service Postgres]].\n"
        '- [[Priya Natarajan]], "Platform engineering maturity panel": teams that publish an SLO for their platform '
        "get taken seriously by leadership; the ones that publish feature lists do not.\n"
        '- Arjun Mehta, "Cost is a feature": per-team cost dashboards cut idle capacity 22% in a quarter without a '
        "single mandate.\n")
    # a follow-up logged with Oskar: the next build keeps the debrief current
    ok(vk(example_copy, "log", "Oskar Lindqvist", "call about the CloudNativePG migration plan"))
    ok(vk(example_copy, "build"))
    again = (example_copy / "Vaultkit" / "Prep" / "KubeCon EU 2026.md").read_text(encoding="utf-8")
    assert section(again, "No follow-up yet") == "\nEveryone you met there has a contact logged since the event.\n"


def test_the_prep_note_becomes_the_debrief_after_the_event(example_copy: Path) -> None:
    path = example_copy / "Vaultkit" / "Prep" / f"{PED}.md"
    before = prep(example_copy, PED)
    assert "In 64 days." in before
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\nSlides: bring the clicker.\n")
    ok(vk(example_copy, "build", today="2026-09-18"))
    assert "Under way, until 2026-09-18." in path.read_text(encoding="utf-8")
    ok(vk(example_copy, "build", today="2026-09-20"))
    text = path.read_text(encoding="utf-8")
    assert "This event was 2 days ago: this note is its debrief now." in text
    assert section(text, "Who you met").startswith(
        "\n0 new people against a goal of 4: 4 short.\n\nNobody recorded: list whom you met in the event's `met:`.\n")
    assert "Wanted to meet and did not: [[Priya Natarajan]], [[Jonas Weber]], [[Aisha Bello]]" in text
    assert section(text, "Talk notes") == ('\n- [[Priya Natarajan]], "Measuring platform adoption without vanity '
                                           'metrics": nothing noted yet. What stood out?\n- [[Oskar Lindqvist]], '
                                           '"Upgrading 4,000 databases in waves": nothing noted yet. What stood out?\n')
    assert text.endswith("Slides: bring the clicker.\n")  # the user's text below the markers stays


def test_bad_talks_are_diagnosed_at_their_line_and_everything_else_is_built(example_copy: Path) -> None:
    write_vault(example_copy, {"Events/Broken talks.md": (
        "---\ndate: 2026-08-01\ntalks:\n  - 42\n  - speaker: \"[[Mei Lin Chen]]\"\n    title: {a: b}\n"
        "  - [[Tomás Ortega]]\n---\n# Broken talks\n\n## Talks\n\n- a remark, no speaker\n"
        "- [[Lena Hoffmann]] — Patroni at scale: slot lag in bytes\n")})
    run = vk(example_copy, "check", "--format", "json")
    assert run.code == 0, run  # warnings, not errors
    found = [(d["line"], d["severity"]) for d in json.loads(run.out)["diagnostics"]
             if d["code"] == "talk-entry" and d["path"] == "Events/Broken talks.md"]
    assert found == [(4, "warning"), (5, "warning"), (7, "warning"), (13, "warning")]
    text = prep(example_copy, "Broken talks")
    speakers = section(text, "Speakers")
    assert speakers.index("[[Mei Lin Chen]]") < speakers.index("[[Tomás Ortega]]") < speakers.index(
        "[[Lena Hoffmann]], \"Patroni at scale\"")
    assert "  - Opener: slot lag in bytes\n" in speakers


def test_overdue_interview_follow_ups_come_first(example_copy: Path) -> None:
    write_vault(example_copy, {"Interviews/Quay - Staff Engineer.md": (
        "---\ncompany: Quay\nrole: Staff Engineer\ndate: 2026-04-01\nstage: rejected\n"
        "people: [\"[[Sofia Marchetti]]\"]\nfollow_up: 2026-06-01\n---\n# Quay\n")})
    ok(vk(example_copy, "build"))
    interviews = (example_copy / "Vaultkit" / "Interviews.md").read_text(encoding="utf-8")
    follow_ups = section(interviews, "Follow-ups").strip().splitlines()
    assert [line.split(":", 1)[0] for line in follow_ups] == [
        "- 2026-06-01 (44 days ago, overdue", "- 2026-07-20 (in 5 days)",
        "- 2026-09-01 (in 48 days)", "- 2026-11-02 (in 110 days)"]
    assert "; 1 follow-up overdue. As of 2026-07-15." in interviews
    dashboard = (example_copy / "Vaultkit" / "Dashboard.md").read_text(encoding="utf-8")
    assert "| 1 open of 4; next follow-up 2026-06-01 (overdue) |" in dashboard
    # contacting someone in the process is the follow-up done: it moves to the end, and the
    # Dashboard's next one is the next still to do
    ok(vk(example_copy, "log", "Sofia Marchetti", "asked about Quay's platform team"))
    ok(vk(example_copy, "build"))
    interviews = (example_copy / "Vaultkit" / "Interviews.md").read_text(encoding="utf-8")
    follow_ups = section(interviews, "Follow-ups").strip().splitlines()
    assert follow_ups[0].startswith("- 2026-07-20 (in 5 days)")
    assert follow_ups[3].startswith("- 2026-06-01 (44 days ago, done: contact logged 2026-07-15)")
    assert "overdue" not in interviews
    dashboard = (example_copy / "Vaultkit" / "Dashboard.md").read_text(encoding="utf-8")
    assert "| 1 open of 4; next follow-up 2026-07-20 |" in dashboard


def test_prep_and_debrief_of_the_example_match_golden(example_copy: Path, golden: Any) -> None:
    """The two prep notes README.md points at, read as a user reads them when they change."""
    golden("prep", {f"{event}.md": prep(example_copy, event) for event in (PED, "KubeCon EU 2026")})


def test_prep_through_click(example_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "prep", "Postgres Berlin October 2025"])
    assert result.exit_code == 0, result.output
    text = Path(result.output.strip()).read_text(encoding="utf-8")
    assert section(text, "Who you met").startswith("\n2 new people against a goal of 2: goal reached.\n")
    assert section(text, "Talk notes").startswith('\n- [[Mei Lin Chen]], "CDC with Debezium at Quillbank": '
                                                  "unconsumed replication slots filled a 2 TB disk in 9 hours;")


def test_needs_attention_drops_a_follow_up_once_a_contact_is_logged(example_copy: Path) -> None:
    write_vault(example_copy, {"Interviews/Vela - Principal Engineer.md": (
        "---\ncompany: Vela\ndate: 2026-06-01\nstage: interviewing\npeople: [\"[[Sofia Marchetti]]\"]\n"
        "follow_up: 2026-07-01\n---\n# Vela\n")})
    ok(vk(example_copy, "build"))
    dashboard = (example_copy / "Vaultkit" / "Dashboard.md").read_text(encoding="utf-8")
    assert "- Interview follow-up overdue: [[Vela - Principal Engineer]], due 2026-07-01" in dashboard
    ok(vk(example_copy, "log", "Sofia Marchetti", "asked Vela for the next round's date"))
    ok(vk(example_copy, "build"))
    dashboard = (example_copy / "Vaultkit" / "Dashboard.md").read_text(encoding="utf-8")
    assert "[[Vela - Principal Engineer]]" not in section(dashboard, "Needs attention")
    assert "(overdue)" not in dashboard  # the Dashboard's next follow-up agrees with Needs attention


def test_events_md_lists_the_talks_you_saw_apart_from_those_you_gave(example_copy: Path) -> None:
    # A real subprocess: a talk noted after an event shows in Events.md, under its event.
    write_vault(example_copy, {"Events/Postgres Berlin October 2025.md": (
        example_copy / "Events" / "Postgres Berlin October 2025.md").read_text("utf-8").replace(
        "## Talks\n\n", "## Talks\n\n- [[Lena Hoffmann]] — Patroni at scale: alert on slot lag in bytes\n", 1)})
    ok(vk(example_copy, "build"))
    text = (example_copy / "Vaultkit" / "Events.md").read_text("utf-8")
    gave, saw = section(text, "Talks you gave"), section(text, "Talks you saw")
    assert gave.strip().splitlines()[0] == f"- 2026-09-17 [[{PED}]] (conference, upcoming)"
    assert "KubeCon" not in gave and "- 2026-03-23 [[KubeCon EU 2026]]\n" in saw
    october = saw.split("- 2025-10-16 [[Postgres Berlin October 2025]]\n", 1)[1]
    assert october.startswith('  - [[Lena Hoffmann]], "Patroni at scale": alert on slot lag in bytes\n'
                              '  - [[Mei Lin Chen]], "CDC with Debezium at Quillbank": ')
    assert "Postgres Berlin August 2026" not in saw  # upcoming: its talks are in its prep note
