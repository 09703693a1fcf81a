"""The incremental planner (`vaultkit.live.replan`) must give exactly what a full plan gives.

Random edits of the kinds people make (fields of people, events, interviews and shares;
dated lines naming people in daily notes; `#brag` and `#challenge` items; removed lines;
renamed titles, which need a full plan) are applied one by one to the example vault in
memory. After each, every generated note the incremental planner has produced so far must
be byte for byte what a fresh `plan` of the whole edited vault gives.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from vaultkit.disk import fs
from vaultkit.live.replan import LivePlan
from vaultkit.reader.model import Note
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault
from vaultkit.views.plan import plan
from vaultkit.views.render import Renderer

TODAY = dt.date(2026, 7, 15)
ROOT = str(EXAMPLE)
CONFIG, _, _ = fs.read_config_text(ROOT)
FOUND, SCANNED, _ = fs.scan(ROOT, CONFIG)
# A review and a prep note exist (as after `vaultkit review` / `vaultkit prep`): they are planned too.
ATTACHMENTS = [*SCANNED, "Vaultkit/Reviews/2026-H1.md", "Vaultkit/Prep/Postgres Berlin August 2026.md"]
SOURCES = {s.path: (fs.read_note(ROOT, s.path) or b"").decode("utf-8") for s in FOUND}
RENDERER = Renderer(ROOT)


def _stems(folder: str) -> list[str]:
    return sorted(p.rsplit("/", 1)[-1][:-3] for p in SOURCES if p.startswith(folder + "/"))


PEOPLE, EVENTS, COMMUNITIES = _stems("People"), _stems("Events"), _stems("Communities")


def _date(rng: random.Random) -> str:
    return (TODAY + dt.timedelta(days=rng.randint(-400, 60))).isoformat()


def _set_field(text: str, key: str, value: str | None) -> str:
    """Set (or, with None, remove) a frontmatter key of a note that has frontmatter."""
    end = text.find("\n---", 3)
    if not text.startswith("---\n") or end < 0:
        return text  # no frontmatter, or an earlier edit deleted its closing line
    front, rest = text[4:end + 1], text[end + 1:]
    pattern = re.compile(rf"^{re.escape(key)}:.*\n(?:[ \t]+.*\n|-[ \t].*\n)*", re.M)
    front = pattern.sub("", front)
    if value is not None:
        front += f"{key}: {value}\n"
    return "---\n" + front + rest


def _edit(rng: random.Random, sources: dict[str, str]) -> tuple[str, str]:
    """One random edit: (path, new text)."""
    choice = rng.randrange(15)
    # The edit first, then a note it fits: field edits on people and events are the ones
    # whose effects reach furthest (rows, contacts, who counts as met where).
    folder = {0: ("People/",), 1: ("Events/",), 2: ("Interviews/",), 3: ("Sharing/", "Brag/", "Challenges/")}
    path = rng.choice([p for p in sorted(sources) if p.startswith(folder.get(choice, ("",)))])
    text = sources[path]
    person = rng.choice(PEOPLE)
    if choice == 0:
        key = rng.choice(["role", "company", "met_on", "met_at", "last_contact", "cadence", "communities",
                          "work_together", "topics"])
        value = {"role": rng.choice(["Staff Engineer", "CTO", None]),
                 "company": rng.choice(["Lumen Pay", "Helix Systems", "", None]),
                 "met_on": rng.choice([_date(rng), None]),
                 "met_at": rng.choice([f'"[[{rng.choice(EVENTS)}]]"', None]),
                 "last_contact": rng.choice([_date(rng), None]),
                 "cadence": rng.choice(["14d", "6m", None]),
                 "communities": rng.choice([f'["[[{rng.choice(COMMUNITIES)}]]"]', None]),
                 "work_together": rng.choice(["[pairing, reviews]", None]),
                 "topics": rng.choice(["[postgres, kafka]", "[]", None])}[key]
        return path, _set_field(text, key, value)
    if choice == 1:
        key = rng.choice(["date", "want_to_meet", "met", "goal_new_people", "community"])
        value = {"date": _date(rng), "want_to_meet": f'["[[{person}]]"]', "met": f'["[[{person}]]"]',
                 "goal_new_people": str(rng.randint(0, 4)),
                 "community": f'"[[{rng.choice(COMMUNITIES)}]]"'}[key]
        return path, _set_field(text, key, rng.choice([value, None]))
    if choice == 2:
        key = rng.choice(["stage", "follow_up", "door_open"])
        value = {"stage": rng.choice(["applied", "screen", "onsite", "offer", "rejected"]),
                 "follow_up": _date(rng), "door_open": rng.choice(["true", "false"])}[key]
        return path, _set_field(text, key, value)
    if choice == 3:
        return path, _set_field(text, rng.choice(["date", "impact", "status", "theme"]),
                                rng.choice([_date(rng), "overcome", "big", None]))
    if choice in (4, 5):
        return path, text + f"\n- {_date(rng)} coffee with [[{person}]] about retries\n"
    if choice == 6:
        return path, text + f"\n- {_date(rng)} shipped the thing #brag impact:: faster metrics:: 2x; 3 teams\n"
    if choice == 7:
        return path, text + "\n- lost a week to flaky tests #challenge status:: open\n"
    if choice == 8:
        return path, text + f"\nSaw [[{person}]] at lunch.\n"
    if choice == 9:
        lines = text.splitlines(keepends=True)
        if len(lines) > 6:
            del lines[rng.randrange(5, len(lines))]
        return path, "".join(lines)
    if choice == 10:
        return path, _set_field(text, "title", rng.choice([None, "Someone Else", person]))
    if choice == 11 and text.startswith("---\n"):
        # A key added at the top: every line below moves, and with it every link's line number.
        return path, "---\npriority: low\n" + text[4:]
    if choice == 12 and text.startswith("---\n"):
        # Frontmatter that stops parsing (or parses again): fields gone, flagged in the rows.
        return path, (text.replace("broken: [x\n", "", 1) if "broken: [x\n" in text
                      else "---\nbroken: [x\n" + text[4:])
    if choice == 13:
        # A merge leaves conflict markers: in the frontmatter (fields unreadable) or the body.
        side = f"- {_date(rng)} coffee with [[{person}]] #brag\n"
        block = f"<<<<<<< HEAD\n{side}=======\nrole: CTO\n>>>>>>> theirs\n"
        if text.startswith("---\n") and rng.random() < 0.5:
            return path, "---\n" + block + text[4:]
        return path, text + "\n" + block
    return path, text.replace("2026", "2025", 1)


def _parse(path: str, text: str) -> Note:
    return parse_note(path, text.encode("utf-8"), CONFIG)


def _full(notes: dict[str, Note]) -> dict[str, str]:
    vault = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    return {p.path: p.text for p in plan(vault, TODAY, RENDERER)}


def _fresh(notes: dict[str, Note]) -> tuple[LivePlan, dict[str, str]]:
    live = LivePlan(notes.values(), CONFIG, ATTACHMENTS, (), ROOT, TODAY, RENDERER)
    return live, {p.path: p.text for p in live.plan_all()}


def test_example_has_what_the_edits_need() -> None:
    assert PEOPLE and EVENTS and COMMUNITIES
    assert any(p.startswith("Vaultkit/Reviews/") for p in ATTACHMENTS)
    assert any(p.startswith("Vaultkit/Prep/") for p in ATTACHMENTS)


def test_a_full_plan_lets_go_of_the_links_it_made() -> None:
    """A watcher keeps its facts for hours: the wikilinks a full plan made (one for each note it
    names) are not kept with them; the saves after it make the few they need again (the test
    below: every incremental plan still equals a full one)."""
    live, current = _fresh({p: _parse(p, t) for p, t in SOURCES.items()})
    assert "[[" in current["Vaultkit/People.md"]
    assert not live.facts._links


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_incremental_plan_equals_full_plan(seed: int) -> None:
    rng = random.Random(seed)
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    applied = 0
    for _ in range(10):
        path, text = _edit(rng, sources)
        sources[path] = text
        notes[path] = _parse(path, text)
        changes = {path: notes[path]}
        if live.can_apply(changes, ATTACHMENTS, TODAY):
            applied += 1
            for planned in live.apply(changes):
                current[planned.path] = planned.text
        else:
            live, current = _fresh(notes)
        assert current == _full(notes), f"after editing {path}"
    assert applied  # most edits keep names: the incremental path must have been taken


def test_person_save_plans_only_what_it_can_change() -> None:
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live, _ = _fresh(notes)
    path = "People/" + PEOPLE[0] + ".md"
    changes = {path: _parse(path, _set_field(SOURCES[path], "role", "Distinguished Engineer"))}
    assert live.can_apply(changes, ATTACHMENTS, TODAY)
    names = {p.path.rsplit("/", 1)[-1] for p in live.apply(changes)}
    assert {"People.md", "Follow-ups.md", "Dashboard.md"} <= names
    # (Interviews.md reads contacts, which a person's own note logs: an overdue follow-up is done by one)
    assert not names & {"Brag.md", "Sharing.md", "Communities.md"}


@pytest.mark.parametrize("change", ["attachments", "today", "many notes"])
def test_changes_of_attachments_days_or_bursts_need_a_full_plan(change: str) -> None:
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live, _ = _fresh(notes)
    attachments, today = list(ATTACHMENTS), TODAY
    changes: dict[str, Note | None] = {}
    if change == "attachments":
        attachments.append("Pictures/new.png")
    elif change == "today":
        today = TODAY + dt.timedelta(days=1)
    else:  # a git pull: each note's effects would cost more than planning everything
        changes = {f"Daily/2030-01-{i:02d}.md": _parse(f"Daily/2030-01-{i:02d}.md", "- hello\n") for i in range(1, 80)}
    assert not live.can_apply(changes, attachments, today)


@pytest.mark.parametrize("change", ["title", "new note", "removed note"])
def test_changes_of_names_are_planned_incrementally(change: str) -> None:
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live, _ = _fresh(notes)
    path = "People/" + PEOPLE[0] + ".md"
    changes: dict[str, Note | None] = {}
    if change == "title":
        changes[path] = _parse(path, _set_field(SOURCES[path], "title", "Somebody"))
    elif change == "new note":
        changes["People/New Person.md"] = _parse("People/New Person.md", "---\ntype: person\n---\n")
    else:
        changes[path] = None
    assert live.can_apply(changes, ATTACHMENTS, TODAY)
    planned = {p.path: p.text for p in live.apply(changes)}
    for name, note in changes.items():
        if note is None:
            del notes[name]
        else:
            notes[name] = note
    full = _full(notes)
    assert planned == {p: full[p] for p in planned}
    assert "Vaultkit/People.md" in planned


def test_interviews_are_planned_again_for_the_contacts_of_their_people_only() -> None:
    # Helix's follow-up is overdue on TODAY: a contact logged since with someone it names is the
    # follow-up done (Interviews.md changes); a save of a person no interview names leaves it alone.
    helix = "Interviews/Helix Systems - Staff Platform Engineer.md"
    sources = {**SOURCES, helix: _set_field(SOURCES[helix], "follow_up", "2026-07-01")}
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    assert "overdue" in current["Vaultkit/Interviews.md"]
    named = {"People/Daniel Park.md", "People/Kenji Watanabe.md"}
    other = next(f"People/{p}.md" for p in PEOPLE if not any(f"[[{p}]]" in t for path, t in sources.items()
                                                             if path.startswith("Interviews/")))
    changes = {other: _parse(other, _set_field(sources[other], "role", "Distinguished Engineer"))}
    assert live.can_apply(changes, ATTACHMENTS, TODAY) and other not in named
    planned = {p.path for p in live.apply(changes)}
    assert "Vaultkit/People.md" in planned and "Vaultkit/Interviews.md" not in planned
    notes.update(changes)
    daily = "Daily/2026-07-10.md"
    notes[daily] = _parse(daily, "- 2026-07-10 coffee with [[Daniel Park]] about the team\n")
    assert live.can_apply({daily: notes[daily]}, ATTACHMENTS, TODAY)
    for made in live.apply({daily: notes[daily]}):
        current[made.path] = made.text
    full = _full(notes)
    assert current == full  # the Dashboard's overdue follow-up too
    assert current["Vaultkit/Interviews.md"] == full["Vaultkit/Interviews.md"] != _full(
        {p: n for p, n in notes.items() if p != daily})["Vaultkit/Interviews.md"]


def test_a_contact_whose_text_alone_changed_plans_no_interview_again() -> None:
    # Interviews.md reads the dates of the contacts of an interview's people, never their texts: a
    # contact's new text (a watcher's note held with stand-ins for them reads as one) leaves it alone.
    helix = "Interviews/Helix Systems - Staff Platform Engineer.md"
    sources = {**SOURCES, helix: _set_field(SOURCES[helix], "follow_up", "2026-07-01")}
    daily = "Daily/2026-07-10.md"
    sources[daily] = "- 2026-07-10 coffee with [[Daniel Park]] about the team\n"
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    changes = {daily: _parse(daily, "- 2026-07-10 lunch with [[Daniel Park]], a plan for the team\n")}
    assert live.can_apply(changes, ATTACHMENTS, TODAY)
    made = live.apply(changes)
    assert "Vaultkit/People.md" in {p.path for p in made} and "Vaultkit/Interviews.md" not in {p.path for p in made}
    notes.update(changes)
    current.update({p.path: p.text for p in made})
    assert current == _full(notes)
