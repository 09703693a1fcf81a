"""Career semantics on the `tests/vaults/career` fixture: entries, interactions, follow-ups."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_vault
from vaultkit import Vault, load_vault
from vaultkit.reader.career import entries, followups, interaction_key, interactions, note_interactions, spread
from vaultkit.reader.model import Interaction

CAREER = ROOT / "tests" / "vaults" / "career"
D = dt.date


@pytest.fixture(scope="module")
def vault() -> Vault:
    return load_vault(CAREER)


def targets(value: object) -> list[tuple[str, bool]]:
    assert isinstance(value, tuple)
    return [(link.target, link.bare) for link in value]


def test_fixture_diagnostics(vault: Vault) -> None:
    assert [(d.path, d.line, d.code) for d in vault.diagnostics] == [
        ("Events/Spring Meetup.md", 4, "link-missing"),
        ("Notes/Work Log.md", 10, "item-date"),  # 2026-02-30 starts an item: said so, read as undated
    ]


def test_brag_entries_dates_from_item_daily_note_and_note_date(vault: Vault) -> None:
    got = [(e.path, e.line, e.date, e.inline) for e in entries(vault, "brag")]
    assert got == [
        ("Notes/Work Log.md", 6, D(2026, 4, 1), True),     # the note's `date:`
        ("Notes/Work Log.md", 10, D(2026, 4, 1), True),    # impossible item date: the note's date
        ("Brag/Checkout.md", 1, D(2026, 5, 5), False),     # a brag note
        ("Notes/Work Log.md", 7, D(2026, 5, 20), True),    # the item's own date
        ("Daily/2026-06-10.md", 4, D(2026, 6, 10), True),  # the daily note's file name
        ("Notes/Undated.md", 1, None, True),               # undated: last
    ]


def test_inline_fields_fill_the_entry(vault: Vault) -> None:
    by_line = {(e.path, e.line): e for e in entries(vault, "brag")}
    daily = by_line[("Daily/2026-06-10.md", 4)]
    assert daily.get("impact") == "p95 latency -40%"
    assert targets(daily.get("impacted")) == [("Payments team", False), ("Ops", True)]
    assert daily.get("theme") == "delivery"
    assert daily.text.startswith("Shipped the retry budget #brag")
    assert daily.title == "2026-06-10"
    review = by_line[("Notes/Work Log.md", 7)]
    assert review.get("impact") == "MTTR -30%"
    assert targets(review.get("impacted")) == [("Platform team", False)]
    assert by_line[("Notes/Work Log.md", 6)].get("theme") == "facilitation"
    assert by_line[("Notes/Undated.md", 1)].get("theme") == "documentation"
    note = by_line[("Brag/Checkout.md", 1)]
    assert note.get("impact") == "checkout errors -60%" and targets(note.get("impacted")) == [("Payments team", False)]
    assert note.get("missing", "default") == "default"


def test_challenge_entries(vault: Vault) -> None:
    got = [(e.path, e.line, e.date, e.get("learned")) for e in entries(vault, "challenge")]
    assert got == [
        ("Challenges/Scope creep.md", 1, D(2026, 3, 18), "say no early"),
        ("Notes/Work Log.md", 7, D(2026, 5, 20), None),  # tagged #brag and #challenge: both
        ("Daily/2026-06-10.md", 5, D(2026, 6, 1), "rehearse rollbacks"),  # item date beats the daily date
    ]


def test_tags_in_code_or_longer_tags_are_not_entries(vault: Vault) -> None:
    assert not [e for e in entries(vault, "brag") if "bragging" in e.text]


def test_interactions(vault: Vault) -> None:
    got = {person: [(i.date, i.path, i.line, i.source) for i in items]
           for person, items in interactions(vault).items()}
    assert got == {
        "People/Ada Lovelace.md": [
            (D(2026, 5, 1), "People/Ada Lovelace.md", 10, "item"),   # her own `## Interactions`
            (D(2026, 5, 15), "People/Ada Lovelace.md", 12, "item"),
            (D(2026, 6, 10), "Daily/2026-06-10.md", 3, "daily"),     # an undated item in a daily note
        ],
        "People/Bob Builder.md": [(D(2026, 6, 20), "People/Bob Builder.md", 1, "last_contact")],
        "People/Eve Event.md": [
            (D(2026, 3, 1), "Events/Spring Meetup.md", 4, "event"),  # the event's `met`
            (D(2026, 6, 10), "Daily/2026-06-10.md", 7, "daily"),     # a paragraph in a daily note, by alias
        ],
        "People/Finn Interview.md": [(D(2026, 2, 1), "Interviews/Northbeam.md", 5, "interview")],
        "People/Gus Future.md": [(D(2026, 8, 1), "Notes/Work Log.md", 9, "item")],  # a dated item
    }


def test_followups_on_the_pinned_day(vault: Vault) -> None:
    assert vault.config.today == D(2026, 6, 30)
    due = followups(vault, D(2026, 6, 30))
    got = [(f.person.note.title, f.days_since, f.cadence_days, f.never_contacted) for f in due]
    assert got == [
        ("Cy Young", 180, 90, True),         # no contact: counted from met_on
        ("Finn Interview", 149, 90, False),  # last seen in an interview
        ("Dee Never", None, 90, True),       # neither contact nor met_on
        ("Gus Future", None, 365, True),     # the only contact is in the future
    ]
    assert due[1].last is not None and due[1].last.source == "interview"


def test_followup_boundary_is_strictly_more_than_the_cadence(vault: Vault) -> None:
    contacts = interactions(vault)
    def due_names(today: dt.date) -> set[str]:
        return {f.person.note.title for f in followups(vault, today, contacts)}
    assert "Ada Lovelace" not in due_names(D(2026, 7, 10))  # 30 days after 2026-06-10: cadence 30d
    assert "Ada Lovelace" in due_names(D(2026, 7, 11))
    assert "Bob Builder" not in due_names(D(2026, 9, 18))   # 3m = 90 days after 2026-06-20
    assert "Bob Builder" in due_names(D(2026, 9, 19))
    assert "Gus Future" not in due_names(D(2026, 8, 2))     # the future contact has happened
    assert "Eve Event" in due_names(D(2026, 9, 9))          # default cadence 90d from 2026-06-10


def test_followups_are_independent_of_the_clock(vault: Vault) -> None:
    first = [(f.person.note.path, f.days_since) for f in followups(vault, D(2027, 1, 1))]
    second = [(f.person.note.path, f.days_since) for f in followups(vault, D(2027, 1, 1))]
    assert first == second
    assert [path for path, _ in first][:2] == ["People/Cy Young.md", "People/Finn Interview.md"]


def test_configured_daily_notes_and_default_cadence(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "vaultkit.toml": 'daily_notes = "Journal/{date}"\ndefault_cadence = "2w"\n',
        "People/Ada.md": "",
        "Journal/2026-01-05.md": "- met [[Ada]] #brag impact:: x\n",
        "Daily/2026-01-06.md": "- met [[Ada]] #brag\n",  # not a daily note under this config
    }))
    assert [(i.date, i.source) for i in interactions(vault)["People/Ada.md"]] == [(D(2026, 1, 5), "daily")]
    assert [e.date for e in entries(vault, "brag")] == [D(2026, 1, 5), None]
    assert [f.cadence_days for f in followups(vault, D(2026, 2, 1))] == [14]


def test_datetime_and_string_note_dates(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "a.md": "---\ndate: 2026-03-01T23:30:00-05:00\n---\n- win #brag\n",
        "b.md": '---\ndate: "2026-03-02"\n---\n- win #brag\n',
        "c.md": "---\ndate: soon\n---\n- win #brag\n",
    }))
    assert [(e.path, e.date) for e in entries(vault, "brag")] == [
        ("a.md", D(2026, 3, 1)), ("b.md", D(2026, 3, 2)), ("c.md", None)]


def test_self_links_and_non_people_are_not_interactions(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "People/Ada.md": "## Log\n\n- 2026-01-01 wrote about [[Ada]] and [[Project]]\n",
        "Project.md": "- 2026-01-02 with [[Project]]\n",
    }))
    assert interactions(vault) == {}


def test_a_link_names_the_person_of_its_own_folder(tmp_path: Path) -> None:
    """`interactions` resolves each target once per linking folder: `[[./Ada]]` and a name shared
    by two people go to the one the linking note's folder reaches, as a link resolved alone does."""
    vault = load_vault(write_vault(tmp_path, {
        "Work/People/Ada.md": "# Ada\n", "Home/People/Ada.md": "# Ada\n",
        "Work/People/Bo.md": "- 2026-01-03 lunch with [[./Ada]] and [[Ada]]\n",
        "Home/People/Cy.md": "- 2026-01-04 tea with [[./Ada]], [[Ada]] and [[#Notes]]\n",
        "Work/People/Dee.md": "- 2026-01-05 call with [[Ada]] and [[./Ada]]\n",
        "Daily/2026-01-06.md": "- dinner with [[Ada]], [[Work/People/Ada]] and [[./Ada]]\n",
        # One day, two notes: by `sort_key` of their paths (casefolded first), not code points.
        "Work/People/bo.md": "- 2026-01-05 coffee with [[Ada]]\n", "Work/People/Cy2.md": "- 2026-01-05 [[Ada]]\n",
    }))
    people = {n.path for n in vault.of_kind("person")}
    alone: dict[str, list[Interaction]] = {}
    for note in vault.notes.values():
        for person, found in spread(note_interactions(vault, note, people)).items():
            alone.setdefault(person, []).extend(found)
    assert interactions(vault) == {p: sorted(found, key=interaction_key) for p, found in alone.items()}
    by_path = {p: Counter(i.path for i in found) for p, found in interactions(vault).items()}
    assert by_path["Home/People/Ada.md"]["Home/People/Cy.md"] == 2
    work = by_path["Work/People/Ada.md"]
    assert work["Work/People/Bo.md"] == work["Work/People/Dee.md"] == 2
    assert work["Daily/2026-01-06.md"] >= 1  # by its path; `./Ada` is no note there
    assert [i.path for i in interactions(vault)["Work/People/Ada.md"] if i.date == D(2026, 1, 5)] == [
        "Work/People/bo.md", "Work/People/Cy2.md", "Work/People/Dee.md", "Work/People/Dee.md"]


def test_interactions_keep_the_order_of_interaction_key_within_a_note(tmp_path: Path) -> None:
    """A note finds its contacts item by item, then its other links, then its fields: each
    person's contacts still come by date, path, line and source (`interaction_key`), also
    after a watch-like update of the vault (`update_vault` keeps the notes in path order)."""
    from vaultkit.live.relink import update_vault
    from vaultkit.reader.parse import parse_note

    vault = load_vault(write_vault(tmp_path, {
        "People/Ada.md": "---\nlast_contact: 2026-01-06\n---\n# Ada\n\n## Interactions\n- 2026-01-06 [[Bo]]\n",
        "People/Bo.md": "# Bo\n",
        "Daily/2026-01-06.md": "Saw [[Ada]] early.\n\n- lunch with [[Ada]] and [[Bo]]\n- [[Bo]] again\n\n[[Bo]] late\n",
        "Events/Meetup.md": "---\nkind: event\ndate: 2026-01-06\nmet: ['[[Ada]]', '[[Bo]]']\n---\n- [[Ada]] hi\n",
    }))

    def check() -> None:
        people = {n.path for n in vault.of_kind("person")}
        alone: dict[str, list[Interaction]] = {}
        for note in vault.notes.values():
            for person, found in spread(note_interactions(vault, note, people)).items():
                alone.setdefault(person, []).extend(found)
        assert interactions(vault) == {p: sorted(found, key=interaction_key) for p, found in alone.items()}
        assert any(found != sorted(found, key=interaction_key) for found in alone.values())  # the case at hand

    check()
    added = parse_note("Daily/2026-01-05.md", b"- [[Bo]] and [[Ada]]\n\n[[Ada]] [[Bo]]\n", vault.config)
    update_vault(vault, [], [added])
    check()


def test_one_record_for_the_people_of_one_item(tmp_path: Path) -> None:
    """An item or a line that names several people is one record, filed under each of them (a
    long-items vault names ~3 people an item: one record each was most of planning's memory);
    a person named twice has it twice, as two contacts."""
    vault = load_vault(write_vault(tmp_path, {
        "People/Ada.md": "---\nkind: person\n---\n## Interactions\n- 2026-01-02 lunch with [[Bo]] and [[Cy]]\n",
        "People/Bo.md": "---\nkind: person\n---\n# Bo\n", "People/Cy.md": "---\nkind: person\n---\n# Cy\n",
        "Daily/2026-01-06.md": "- call with [[Bo]], [[Cy]] and [[Bo]]\n\n[[Ada]] and [[Cy]] late\n",
    }))
    found = interactions(vault)
    ada, bo, cy = (found[f"People/{n}.md"] for n in ("Ada", "Bo", "Cy"))
    assert [(i.path, i.line, i.source) for i in bo] == [
        ("People/Ada.md", 5, "item"), ("Daily/2026-01-06.md", 1, "daily"), ("Daily/2026-01-06.md", 1, "daily")]
    assert ada[0] is bo[0] is cy[0]  # her own item, and Bo's and Cy's contact: one record
    assert bo[1] is bo[2] is cy[1]
    assert ada[1] is cy[2] and ada[1].text == "2026-01-06" and ada[1].line == 3


def test_undated_items_outside_daily_notes_and_links_to_a_heading_record_nothing(tmp_path: Path) -> None:
    """Outside a daily note an undated item is no contact, whoever it names; `[[#heading]]` (the
    note itself) never is, in an item or not, before or after a person's link in the same line."""
    vault = load_vault(write_vault(tmp_path, {
        "People/Ada.md": "# Ada\n",
        "Notes/Plan.md": "- call [[Ada]] soon\n- 2026-01-02 [[#Top]] then [[Ada]]\n- 2026-01-03 [[#Top]]\n",
        "Daily/2026-01-06.md": "- [[#Top]] and [[Nobody]]\n\n[[Ada]] and [[#Top]] late\n\n[[#Top]]\n",
    }))
    assert [(i.path, i.line, i.date, i.source) for i in interactions(vault)["People/Ada.md"]] == [
        ("Notes/Plan.md", 2, D(2026, 1, 2), "item"), ("Daily/2026-01-06.md", 3, D(2026, 1, 6), "daily")]
    assert list(interactions(vault)) == ["People/Ada.md"]
