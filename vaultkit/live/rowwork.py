"""The watcher's first plan on both cores: a forked child plans Brag.md and renders its rows while
the parent plans the other notes (`vaultkit.disk.planwork` does the same for a cold build).

`vaultkit watch` plans every generated note before it says "ready", and keeps what the views
worked out (`Facts.kept`) to plan a save incrementally. Brag.md's share (a row rendered for each
brag and challenge entry: ~420 ms of ~1.9 s of planning at 50k notes) reads no person's contacts,
the costliest fact, and what it keeps is text: the child renders it from the parent's memory as it
is at the fork (the entries worked out before, `facts.brags`), and sends back the note and each
entry's rows, which the parent's `BragView` takes as its own (`BragView.adopt`). The note is the
one the parent would have planned (the same code on the same facts, its template's budget the
same), and the rows are those its next save would have found kept: the tests hold a live plan
started so to a full plan, save after save.

The watcher's own threads (watchdog's) run meanwhile: they hold only their own locks (their event
queue's), which the child never takes, and the parent waits for the child no longer than its own
share took (at least a second). Anything else going wrong (no fork, a child that dies, raises or
does not answer in time, rows that do not fit) only means the parent plans Brag.md itself, as
without a child.
"""

from __future__ import annotations

import time
from typing import Any

from vaultkit.disk import forked
from vaultkit.live.replan import LivePlan
from vaultkit.views.common import Facts
from vaultkit.views.derived.brag import brag_view
from vaultkit.views.outputs import held_back
from vaultkit.views.plan import Planned, index_notes
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

KEY = "brag"
MIN_NOTES = 1500  # below, Brag.md's rows take a few tens of ms at most: a process costs more (`planwork.MIN_NOTES`)


def plan_all(live: LivePlan, min_notes: int | None = None) -> list[Planned]:
    """`live.plan_all()`, Brag.md planned and its rows rendered by a forked child meanwhile when it
    is worth it: vaultkit's own view, neither held back nor broken, at least `min_notes` notes (else
    `MIN_NOTES`), more than one core."""
    facts, vault = live.facts, live.vault
    views = views_of(vault.config)
    brag = next((view for view in views if view.key == KEY), None)
    if (brag is None or brag.origin != "vaultkit" or brag.problem is not None or brag.note in held_back(vault)
            or len(vault.notes) < (MIN_NOTES if min_notes is None else min_notes) or not forked.can_fork(threads=True)):
        return live.plan_all()
    facts.brags, facts.challenges  # noqa: B018 (read by both halves: worked out once, before the fork)
    renderer = live.renderer
    started = time.perf_counter()
    with forked.Child(lambda: _brag(facts, renderer)) as child:
        mine = index_notes(facts, renderer, [view.key for view in views if view.key != KEY])
        got = child.result(timeout=max(1.0, time.perf_counter() - started))
    if isinstance(got, tuple) and len(got) == 3 and isinstance(got[0], Planned) and isinstance(got[1], list) \
            and isinstance(got[2], list):
        try:
            brag_view(facts).adopt(got[1], got[2])
        except (TypeError, ValueError):
            pass  # planned here, by `plan_all` below
        else:
            mine[KEY] = got[0]
    return live.plan_all(given=mine)


def _brag(facts: Facts, renderer: Renderer) -> tuple[Planned, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """In the child: Brag.md as `index_notes` plans it, and the rows its view rendered for it."""
    planned = index_notes(facts, renderer, [KEY])[KEY]
    return (planned, *brag_view(facts).rendered())
