"""`career.interview_followed_up` finds each person's first contact from the follow-up date by a
bisect: it must pick what the plain rule (every contact from `follow_up` to today, the earliest by
date, note and line) picks, ties included."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.reader import career
from vaultkit.reader.config import Config
from vaultkit.reader.model import Interaction
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault, sort_key

TODAY = dt.date(2026, 7, 15)
PEOPLE = ("People/Ada.md", "People/Bo.md", "People/Cy.md")


def _vault(follow_up: dt.date) -> Vault:
    config = Config()
    notes = [parse_note(p, b"---\ntype: person\n---\n", config) for p in PEOPLE]
    text = f'---\ntype: interview\npeople: ["[[Bo]]", "[[Ada]]", "[[Nobody]]"]\nfollow_up: {follow_up}\n---\n'
    notes.append(parse_note("Interviews/Acme.md", text.encode(), config))
    return Vault(notes, config, ())


contact = st.tuples(st.sampled_from(PEOPLE), st.builds(
    Interaction, st.dates(TODAY - dt.timedelta(days=60), TODAY + dt.timedelta(days=10)),
    st.sampled_from(["Daily/a.md", "Daily/B.md", "Daily/b.md"]), st.integers(1, 3),
    st.just("x"), st.sampled_from(["item", "daily", "last_contact"])))


@settings(max_examples=200, deadline=None)
@given(st.lists(contact, max_size=30), st.dates(TODAY - dt.timedelta(days=40), TODAY + dt.timedelta(days=5)))
def test_the_follow_up_found_is_the_plain_rules(interactions: list[tuple[str, Interaction]],
                                                follow_up: dt.date) -> None:
    vault = _vault(follow_up)
    contacts: dict[str, list[Interaction]] = {}
    for person, i in interactions:
        contacts.setdefault(person, []).append(i)
    for found in contacts.values():
        found.sort(key=career.interaction_key)
    [interview] = vault.interviews
    named = career.interview_people(vault, interview)
    assert named == ["People/Bo.md", "People/Ada.md"]
    plain = [i for p in named for i in contacts.get(p, ()) if follow_up <= i.date <= TODAY]
    expected = min(plain, key=lambda i: (i.date, sort_key(i.path), i.line), default=None) \
        if follow_up <= TODAY else None
    assert career.interview_followed_up(vault, contacts, interview, TODAY) == expected
