"""The watcher's first plan on both cores (`vaultkit.live.rowwork`): Brag.md, People.md and
Follow-ups.md and their rows come from forked children, and the live plan started so gives what a
full plan gives, save after save; a child that fails, dies, is slow or sends what does not fit
only means the parent plans those notes itself."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import child_raises, fail_child
from tests.test_live import ATTACHMENTS, CONFIG, RENDERER, ROOT, SOURCES, TODAY, _edit, _full, _parse
from vaultkit.disk import forked
from vaultkit.live import rowwork
from vaultkit.live.replan import LivePlan
from vaultkit.reader.model import Note
from vaultkit.views.derived import brag
from vaultkit.views.derived.brag import BragView
from vaultkit.views.derived.people import PeopleView

PEOPLE_ROWS = ("_person_row", "_followup_row", "_untold_row", "_incomplete_row")  # each renders one row


def _started(notes: dict[str, Note], min_notes: int | None = 0) -> tuple[LivePlan, dict[str, str]]:
    live = LivePlan(notes.values(), CONFIG, ATTACHMENTS, (), ROOT, TODAY, RENDERER)
    return live, {p.path: p.text for p in rowwork.plan_all(live, min_notes)}


@pytest.fixture
def rendered_here(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The brag entries whose rows this process rendered (a forked child's are not counted here)."""
    mine, parent, real = [], os.getpid(), BragView._win

    def counted(self: BragView, entry: Any) -> Any:
        if os.getpid() == parent:
            mine.append(entry.line)
        return real(self, entry)

    monkeypatch.setattr(BragView, "_win", counted)
    return mine


@pytest.fixture
def people_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The rows of People.md and Follow-ups.md this process rendered (by what rendered them)."""
    mine, parent = [], os.getpid()

    def counter(name: str) -> Callable[..., Any]:
        real = getattr(PeopleView, name)

        def counted(self: PeopleView, *args: Any) -> Any:
            if os.getpid() == parent:
                mine.append(name)
            return real(self, *args)
        return counted

    for name in PEOPLE_ROWS:
        monkeypatch.setattr(PeopleView, name, counter(name))
    return mine


TOLD = "People/Clara Vogel.md"  # not told yet: a `#told` interaction takes her off Follow-ups.md's list


def _saves(live: LivePlan, current: dict[str, str], notes: dict[str, Note], seed: int) -> None:
    """Random edits (as `test_live`'s), each applied as the watcher applies it, a person told what
    you are looking for, and a note of brag entries added, renamed and removed: after each,
    every note equals a full plan's."""
    rng, sources = random.Random(seed), dict(SOURCES)
    edits: list[tuple[str, str | None]] = [_edit(rng, sources) for _ in range(8)]
    edits.append((TOLD, SOURCES[TOLD] + "- 2026-06-01 call — told her what I am looking for #told\n"))
    added = "Brag/Shipped Later.md"
    edits += [(added, "- 2026-07-01 shipped the cache #brag impact:: 3x faster\n"),
              (added, None), ("Brag/Renamed.md", "- 2026-07-01 shipped the cache #brag impact:: 3x faster\n")]
    for path, text in edits:
        changes: dict[str, Note | None] = {path: None if text is None else _parse(path, text)}
        if text is None:
            notes.pop(path, None)
        else:
            sources[path] = text
            notes[path] = _parse(path, text)
            changes[path] = notes[path]
        if not live.can_apply(changes, ATTACHMENTS, TODAY):
            live, current = _started(notes)
            continue
        current.update((p.path, p.text) for p in live.apply(changes))
        assert current == _full(notes), f"after saving {path}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_start_on_both_cores_plans_as_one_core_and_so_do_the_saves_after(
        seed: int, rendered_here: list[int], people_here: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    adopted: list[int] = []
    real = PeopleView.adopt
    monkeypatch.setattr(PeopleView, "adopt", lambda self, rendered: adopted.append(real(self, rendered)))
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live, current = _started(notes)
    assert rendered_here == [] and people_here == []  # every row came from the children
    made = live.facts.made("brag")
    assert made is not None and len(made._wins) == len(live.facts.brags) > 0
    people = live.facts.made("people")
    assert people is not None and people._told is not None and people._untold_order  # (the vault's `looking_for`)
    assert len(people._rows) == len(people.people)
    assert adopted == [len(people._rows) + len(people._untold_rows) + len(people._due.keys)
                       + len(people._never.keys) + len(people._incomplete.keys)]
    assert current == _full(notes)
    _saves(live, current, notes, seed)
    assert people_here  # the saves rendered rows here, from the rows taken


@pytest.mark.parametrize("trouble", ["raises", "does not fit", "no fork"])
def test_the_parent_plans_brag_itself_when_the_child_does_not_help(trouble: str, rendered_here: list[int],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if trouble == "raises":
        monkeypatch.setattr(rowwork, "_brag", child_raises)  # the fork inherits it
    elif trouble == "does not fit":  # one entry short: adopted never, not in part
        real = BragView.rendered
        monkeypatch.setattr(BragView, "rendered", lambda self: (real(self)[0][1:], real(self)[1]))
    else:
        monkeypatch.setattr(forked, "can_fork", lambda threads=False: False)
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live, current = _started(notes)
    assert sorted(rendered_here) == sorted(e.line for e in live.facts.brags)  # all rendered here
    assert current == _full(notes)
    _saves(live, current, notes, 4)


@pytest.mark.parametrize("trouble", ["raises", "dies", "is slow", "does not fit", "sends nonsense"])
def test_the_parent_plans_people_itself_when_the_child_does_not_help(trouble: str, people_here: list[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if trouble == "does not fit":  # one person short, or a row that is no text: taken never, not in part
        real = PeopleView.rendered
        monkeypatch.setattr(PeopleView, "rendered", lambda self: (real(self)[0][1:], *real(self)[1:]))
    elif trouble == "sends nonsense":
        real = PeopleView.rendered
        monkeypatch.setattr(PeopleView, "rendered", lambda self: (*real(self)[:5], [10**6], *real(self)[6:]))
    else:  # raises, dies, is slow (waited for no longer than the parent's own share)
        assert fail_child(monkeypatch, rowwork, "_people", trouble)
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    started = time.monotonic()
    live, current = _started(notes)
    assert time.monotonic() - started < 30  # the slow child was not waited for
    people = live.facts.made("people")
    assert people is not None and {"_person_row", "_followup_row", "_untold_row"} <= set(people_here)
    assert people_here.count("_person_row") == len(people.people)  # every row rendered here, once
    assert current == _full(notes)
    _saves(live, current, notes, 5)


def test_below_min_notes_no_child_is_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_child(*_: object, **__: object) -> Callable[..., Any]:
        raise AssertionError("forked")

    monkeypatch.setattr(forked, "Child", no_child)
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    _, current = _started(notes, min_notes=None)  # `rowwork.MIN_NOTES`: more than the example's
    assert current == _full(notes)


def test_adopt_takes_nothing_that_does_not_fit() -> None:
    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live, _ = _started(notes)
    view = brag.brag_view(live.facts)
    wins, challenges = view.rendered()
    before = dict(view._wins)
    not_rows = [(1, *w[1:]) for w in wins]
    for bad in ((wins[:-1], challenges), (wins, [*challenges, challenges[0]]), (not_rows, challenges)):
        with pytest.raises((TypeError, ValueError)):
            view.adopt(*bad)
        assert view._wins == before
