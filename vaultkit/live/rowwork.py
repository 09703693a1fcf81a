"""The watcher's first plan on both cores: forked children plan Brag.md, People.md and Follow-ups.md
and render their rows while the parent plans the other notes (`vaultkit.disk.planwork` does the
same for a cold build).

`vaultkit watch` plans every generated note before it says "ready", and keeps what the views
worked out (`Facts.kept`) to plan a save incrementally. What these three notes keep is text (a
row rendered for each brag and challenge entry, for each person), which the children render
from the parent's memory as it is at their fork and send back, with the notes: the parent's
`BragView` and `PeopleView` take the rows as their own (`adopt`). Each note is the one the parent
would have planned (the same code on the same facts, its template's budget the same), and the
rows are those its next save would have found kept: the tests hold a live plan started so to a
full plan, save after save.

Brag.md's child is forked at once (its entries are worked out first: both halves read them).
People.md and Follow-ups.md read every person's contacts, the costliest fact, and the follow-up
state worked out from them: the parent works those out (the other notes read them too) and then
forks their child, which renders ~50k rows at 50k notes while the parent plans the rest. The
first child is done by then, mostly: the two share the second core.

The watcher's own threads (watchdog's) run meanwhile: they hold only their own locks (their event
queue's), which the children never take, and the parent waits for a child no longer than its own
share took (at least a second). Anything else going wrong (no fork, a child that dies, raises or
does not answer in time, rows that do not fit) only means the parent plans those notes itself, as
without a child.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from vaultkit.disk import forked
from vaultkit.live.replan import LivePlan
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.derived.brag import brag_view
from vaultkit.views.derived.people import people_view
from vaultkit.views.outputs import held_back
from vaultkit.views.plan import Planned, index_notes
from vaultkit.views.registry import ViewSet, views_of
from vaultkit.views.render import Renderer

KEY = "brag"
PEOPLE = ("people", "followups")  # both from `PeopleView`
MIN_NOTES = 1500  # below, these rows take a few tens of ms at most: a process costs more (`planwork.MIN_NOTES`)
MIN_WAIT = 1.0  # seconds a child is waited for at least, however short the parent's own share


def plan_all(live: LivePlan, min_notes: int | None = None) -> list[Planned]:
    """`live.plan_all()`, Brag.md, People.md and Follow-ups.md planned and their rows rendered by
    forked children meanwhile when it is worth it: vaultkit's own views, neither held back nor
    broken, at least `min_notes` notes (else `MIN_NOTES`), more than one core."""
    facts, vault = live.facts, live.vault
    views = views_of(vault.config)
    brag, people = _ours(views, vault, (KEY,)), _ours(views, vault, PEOPLE)
    if (not (brag or people) or len(vault.notes) < (MIN_NOTES if min_notes is None else min_notes)
            or not forked.can_fork(threads=True)):
        return live.plan_all()
    renderer = live.renderer
    rest = [v.key for v in views if not (brag and v.key == KEY) and not (people and v.key in PEOPLE)]
    started = time.perf_counter()
    with contextlib.ExitStack() as children:
        brags = None
        if brag:
            facts.brags, facts.challenges  # noqa: B018 (read by both halves: worked out once, before the fork)
            brags = children.enter_context(forked.Child(lambda: _brag(facts, renderer)))
        rows = None
        if people:
            view = people_view(facts)  # contacts and follow-ups: the parent's notes read them too
            rows = children.enter_context(forked.Child(lambda: _people(facts, renderer)))
        mine = index_notes(facts, renderer, rest)
        if rows is not None:
            view.prepare()  # (what a save needs next, made while the child works)
            _take(rows, started, PEOPLE, view.adopt, mine)
        if brags is not None:
            _take(brags, started, (KEY,), lambda got: brag_view(facts).adopt(*got), mine)
    return live.plan_all(given=mine)


def _ours(views: ViewSet, vault: Vault, keys: tuple[str, ...]) -> bool:
    """Are the views of `keys` all vaultkit's own, neither broken nor held back?"""
    held = held_back(vault)
    return all((view := views.get(key)) is not None and view.origin == "vaultkit" and view.problem is None
               and view.note not in held for key in keys)


def _take(child: forked.Child, started: float, keys: tuple[str, ...], adopt: Callable[[Any], object],
          mine: dict[str, Planned]) -> None:
    """The notes of `keys` from `child` into `mine`, once `adopt` took their rows; else nothing
    (they are planned here, by `LivePlan.plan_all`)."""
    got = child.result_within_share(started, MIN_WAIT)
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], dict) and set(got[0]) == set(keys)
            and all(isinstance(p, Planned) for p in got[0].values())):
        return
    try:
        adopt(got[1])
    except (TypeError, ValueError):
        return
    mine.update(got[0])


def _brag(facts: Facts, renderer: Renderer) -> tuple[dict[str, Planned], tuple[list[Any], list[Any]]]:
    """In the child: Brag.md as `index_notes` plans it, and the rows its view rendered for it."""
    return index_notes(facts, renderer, [KEY]), brag_view(facts).rendered()


def _people(facts: Facts, renderer: Renderer) -> tuple[dict[str, Planned], tuple[Any, ...]]:
    """In the child: People.md and Follow-ups.md as `index_notes` plans them, and the rows their
    view rendered for them."""
    return index_notes(facts, renderer, PEOPLE), people_view(facts).rendered()
