"""A cold build's index notes planned on both cores: a forked child plans some while the parent
plans the others.

Planning runs in the build's parent once the notes are read, one view after another, and each
view's note depends on the vault and the shared facts alone (`vaultkit.views.common.Facts`), not
on another view's note. The parent works out the facts both halves read (`plan.before_apart`),
forks a child that plans the notes of `plan.APART` (a third of planning's CPU, none of them
reading people's contacts, the costliest fact) and plans the others meanwhile; the child's notes
come back pickled and are taken in their views' places (`plan(given=...)`): the same notes, in
the same order, as the parent would have planned alone.

Only when the other core is free: while the hints child (`hintwork`) is at work, a third process
would take its share of two cores from the other two, and add its own costs (the fork, the pages
it copies as it reads the parent's objects, the facts it works out again) to theirs.

A note whose template fails is planned with its problem in the child as in the parent. Anything
else going wrong in the child (no fork, a process that cannot start, one that dies, a view of
vaultkit's that raises) only means the parent plans those notes itself: a bug in a view is then
raised there, with its whole traceback, as without a child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from vaultkit.disk import forked
from vaultkit.reader.config import Config
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.outputs import held_back
from vaultkit.views.plan import APART, Planned, before_apart, index_notes, plan
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

# Below this, planning takes a few tens of ms at most: a process costs more than it saves
# (as `hintwork.MIN_NOTES`).
MIN_NOTES = 1500


def ready(config: Config) -> None:
    """Import what planning the views of `config` runs (vaultkit's views' code, Jinja, the query
    regions'), for a cold build to do while its parse workers keep the other core busy: once the
    notes are loaded, the parent plans while the hints child works, and the parent ends last."""
    import vaultkit.disk.queries  # noqa: F401

    for view in views_of(config):
        if view.origin == "vaultkit" and view.problem is None:
            view.function()


def apart(vault: Vault, min_notes: int | None = None) -> tuple[str, ...]:
    """The keys of the views a child plans for `vault`: those of `plan.APART` that are vaultkit's
    own and neither held back nor broken; none when a child is not worth it (fewer than
    `min_notes` notes, else `MIN_NOTES`; one core; no fork)."""
    if len(vault.notes) < (MIN_NOTES if min_notes is None else min_notes) or not forked.can_fork():
        return ()
    held = held_back(vault)
    return tuple(view.key for view in views_of(vault.config)
                 if view.key in APART and view.origin == "vaultkit" and view.problem is None
                 and view.note not in held)


def plan_both(vault: Vault, today: dt.date, renderer: Renderer, facts: Facts,
              busy: Callable[[], bool] = lambda: False, min_notes: int | None = None) -> list[Planned]:
    """`plan(vault, today, renderer, facts)`, the notes of `apart` planned by a forked child
    meanwhile when there are any and the other core is free (not `busy()`) early enough."""
    keys = apart(vault, min_notes)
    if not keys:
        return plan(vault, today, renderer, facts)
    before_apart(facts)  # read by both halves: worked out before the child is forked
    if busy():
        # Read first by the parent's notes only (`plan.APART`), and most of their cost: with it worked
        # out, a child is still worth it (10k notes: ~150 ms of the parent's notes left, ~140 for
        # the child's with its costs); after People, the parent would wait for the child longer
        # than it takes to plan its notes itself.
        facts.contacts  # noqa: B018
        if busy():
            return _here(vault, today, renderer, facts, keys)  # all here, as without a child
    rest = [view.key for view in views_of(vault.config) if view.key not in keys]
    with forked.Child(lambda: index_notes(facts, renderer, keys)) as child:
        mine = index_notes(facts, renderer, rest)
        theirs = child.result()
    if isinstance(theirs, dict) and set(theirs) == set(keys) and all(isinstance(p, Planned) for p in theirs.values()):
        mine.update(theirs)
    return plan(vault, today, renderer, facts, given=mine)  # the child's notes, else planned here


def _here(vault: Vault, today: dt.date, renderer: Renderer, facts: Facts, keys: tuple[str, ...]) -> list[Planned]:
    """`plan(vault, today, renderer, facts)` in this process, the notes of `keys` first: what their
    views keep for themselves (`Facts.kept`: Brag.md's rows by entry, ~25 MB at 50k long-item notes)
    is let go of before the other notes are planned, which reuse its memory, rather than held beside
    theirs at the build's peak. The facts serve this one plan (a build's): nothing reads it again."""
    held = facts.kept_names()
    mine = index_notes(facts, renderer, keys)
    facts.forget(facts.kept_names() - held)
    return plan(vault, today, renderer, facts, given=mine)
