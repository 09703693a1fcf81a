"""Brag.md's quarters, "Needs work" list, themes and chart, kept quarter by quarter
(`BragView._quarters`), are what grouping every win afresh gives: on any mix of dates (quarter
and year edges, 0001-01-01 and 9999-12-31, undated wins), and after entries come and go as
`vaultkit watch` changes them (only the quarters whose wins changed are made again).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_live import ATTACHMENTS, CONFIG, ROOT, _parse
from vaultkit.reader import career
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts, quarter
from vaultkit.views.derived.brag import UNDATED, BragView, _desc_key

DAYS = st.one_of(st.dates(dt.date(2024, 11, 1), dt.date(2026, 2, 28)),
                 st.sampled_from([dt.date.min, dt.date(1, 3, 31), dt.date.max, dt.date(9999, 10, 1),
                                  dt.date(2025, 3, 31), dt.date(2025, 4, 1)]), st.none())
WIN = st.tuples(DAYS, st.booleans(), st.sampled_from(["delivery", "", "visibility"]))


def _note(path: str, wins: list[tuple[dt.date | None, bool, str]]) -> str:
    lines = []
    for day, with_impact, theme in wins:
        text = f"{day.isoformat()} " if day else ""
        text += "shipped it #brag" + (f"/{theme}" if theme else "") + (" impact:: 3 teams" if with_impact else "")
        lines.append(f"- {text}\n")
    return "".join(lines)


def _reference(view: BragView) -> dict[str, Any]:
    """Brag.md's groups as one pass over every win gives them (the definition)."""
    wins = [view._wins[id(e)] for e in view.facts.brags]
    groups: dict[str, list[str]] = defaultdict(list)
    for win in wins:
        groups[quarter(win.entry.date) if win.entry.date else UNDATED].append(win.row)
    labels = sorted((q for q in groups if q != UNDATED), reverse=True) + ([UNDATED] if UNDATED in groups else [])
    return {"quarters": [(q, "".join(groups[q])) for q in labels],
            "needs": "".join(w.need for w in sorted((w for w in wins if w.need), key=lambda w: _desc_key(w.entry))),
            "themes": sorted(w.theme for w in wins)}


@given(st.lists(st.lists(WIN, max_size=4), min_size=1, max_size=5), st.lists(st.lists(WIN, max_size=4), max_size=4))
@settings(max_examples=150, deadline=None)
def test_quarters_kept_are_quarters_made_afresh(notes: list[list[Any]], saves: list[list[Any]]) -> None:
    sources = {f"Daily/Wins {i}.md": _note(f"Daily/Wins {i}.md", wins) for i, wins in enumerate(notes)}
    vault = Vault([_parse(p, t) for p, t in sources.items()], CONFIG, ATTACHMENTS, root=ROOT)
    facts = Facts(vault, dt.date(2026, 7, 15))
    view = BragView(facts)
    for step, wins in enumerate([None, *saves]):
        if wins is not None:  # a save of one note: its entries replaced, in place and in order (as watch does)
            path = f"Daily/Wins {step % len(notes)}.md"
            note = _parse(path, _note(path, wins))
            vault.replace(note)
            brags = facts.brags
            brags[:] = [e for e in brags if e.path != path]
            for entry in career.note_entries(vault, note, "brag"):
                brags.insert(next((i for i, e in enumerate(brags) if career.entry_key(e) > career.entry_key(entry)),
                                  len(brags)), entry)
        got = view.context()
        want = _reference(view)
        assert [(q["quarter"], str(q["rows"])) for q in got["quarters"]] == want["quarters"]
        assert str(got["needs"]) == want["needs"]
        assert got["total"] == len(facts.brags)
        assert sum(int(t.rsplit(" ", 1)[1]) for t in got["themes"]) == len(want["themes"])
        fresh = BragView(Facts(vault, facts.today)).context()
        assert {k: str(v) for k, v in got.items()} == {k: str(v) for k, v in fresh.items()}
        undated = [UNDATED] if any(not e.date for e in facts.brags) else []
        assert [q.label for q in view._by_quarter.values()] == sorted(
            {quarter(e.date) for e in facts.brags if e.date}) + undated


def test_a_save_makes_again_only_the_quarters_whose_wins_changed() -> None:
    sources = {"Daily/A.md": "- 2025-01-10 shipped #brag\n- 2025-05-10 shipped #brag\n",
               "Daily/B.md": "- 2025-05-11 reviewed #brag\n"}
    vault = Vault([_parse(p, t) for p, t in sources.items()], CONFIG, ATTACHMENTS, root=ROOT)
    facts = Facts(vault, dt.date(2026, 7, 15))
    view = BragView(facts)
    view.context()
    before = dict(view._by_quarter)
    note = _parse("Daily/B.md", "- 2025-05-11 reviewed twice #brag\n")
    vault.replace(note)
    facts.brags[:] = sorted([e for e in facts.brags if e.path != note.path]
                            + career.note_entries(vault, note, "brag"), key=career.entry_key)
    view.context()
    assert view._by_quarter["2025-Q1"] is before["2025-Q1"]
    assert view._by_quarter["2025-Q2"] is not before["2025-Q2"]


@given(st.lists(st.lists(WIN, max_size=6), min_size=1, max_size=6), st.lists(DAYS, max_size=3))
@settings(max_examples=100, deadline=None)
def test_a_plan_made_once_is_the_plan_kept_for_watch(notes: list[list[Any]], challenged: list[Any]) -> None:
    # A build's facts (`once`): each quarter's rows joined as they are made, no win kept per entry.
    sources = {f"Daily/Wins {i}.md": _note(f"Daily/Wins {i}.md", wins) for i, wins in enumerate(notes)}
    sources["Daily/Hard.md"] = "".join(f"- {d.isoformat() + ' ' if d else ''}it broke #challenge status:: "
                                       f"{'overcome' if i % 2 else 'open'}\n" for i, d in enumerate(challenged))
    vault = Vault([_parse(p, t) for p, t in sources.items()], CONFIG, ATTACHMENTS, root=ROOT)
    kept = BragView(Facts(vault, dt.date(2026, 7, 15)))
    once = BragView(Facts(vault, dt.date(2026, 7, 15), once=True))
    got = once.context()
    assert {k: str(v) for k, v in got.items()} == {k: str(v) for k, v in kept.context().items()}
    assert not once._wins and not once._challenges and not once._by_quarter
    assert len(kept._wins) == len(kept.facts.brags)
