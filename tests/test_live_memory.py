"""A watcher lets go of the plans it replaces (`Session._let_go`): their views and rows hold
each other in cycles that the frozen heap (`settle_heap`) would keep for good, so each is
freed at once, with the collector off, and the generated notes stay what a build writes."""

from __future__ import annotations

import weakref
from pathlib import Path

from tests.conftest import EXAMPLE, copy_vault
from tests.test_watch import fresh_build, generated
from vaultkit.disk.build import build
from vaultkit.live.session import Session


def _planned(tmp_path: Path) -> tuple[Path, Session]:
    """A copy of the example vault, built, and a watcher's session on it, loaded and planned."""
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    build(root)
    session = Session(str(root))
    session.load()
    session.rebuild()
    return root, session


def test_a_plan_replaced_by_a_full_one_is_freed_at_once(tmp_path: Path, collector_off: None) -> None:
    root, session = _planned(tmp_path)
    assert session.live is not None
    first = session.live
    facts, vault = weakref.ref(first.facts), weakref.ref(first.vault)
    del first
    (root / "photo.png").write_bytes(b"\x89PNG")  # a new attachment: everything is planned anew
    session.update({"photo.png"})
    session.rebuild()
    assert facts() is None and vault() is None  # not kept alive by their own cycles
    assert session.live is not None and session.live.vault.notes
    assert generated(root) == fresh_build(root, tmp_path)


def test_a_reload_and_the_closing_save_free_what_they_let_go(tmp_path: Path, collector_off: None) -> None:
    _, session = _planned(tmp_path)
    assert session.live is not None
    facts = weakref.ref(session.live.facts)
    session.load()  # as a change of vaultkit.toml reloads the vault
    assert facts() is None and session.live is None
    session.rebuild()
    assert session.live is not None
    facts = weakref.ref(session.live.facts)
    session.save_cache(closing=True)  # the derived facts go before the cache and record are written
    assert facts() is None and session.live is not None


def test_a_save_that_plans_everything_again_frees_the_facts_it_replaces(tmp_path: Path,
                                                                        collector_off: None) -> None:
    """A new note sharing a person's name: every link to that person is written by its path
    from now on, so the live plan makes its derived facts anew (`LivePlan._apply_names`); the
    ones it replaces, frozen with the first plan, must not stay in memory for good."""
    root, session = _planned(tmp_path)
    assert session.live is not None
    live = session.live
    facts = weakref.ref(live.facts)
    (root / "Notes").mkdir(exist_ok=True)
    (root / "Notes" / "Ben Okafor.md").write_text("# Ben Okafor, the talk\n", encoding="utf-8")
    session.update({"Notes/Ben Okafor.md"})
    session.rebuild()
    assert session.live is live  # planned in place, not by a new `LivePlan`
    assert facts() is None  # the replaced facts went at once, not kept by their own cycles
    assert generated(root) == fresh_build(root, tmp_path)


def test_the_wins_a_start_on_both_cores_keeps_share_their_months_and_themes() -> None:
    """Brag.md's kept wins (one a brag entry, for as long as the watcher runs, in the forked child
    that renders them and in the watcher that adopts them) hold one string a month and a theme,
    not one a win (~2 MB at 50k notes), and no sort key of their own (~5 MB: made for those with a
    "Needs work" line only)."""
    from tests.test_live import ATTACHMENTS, CONFIG, RENDERER, ROOT, SOURCES, TODAY, _full, _parse
    from vaultkit.live import rowwork
    from vaultkit.live.replan import LivePlan

    notes = {p: _parse(p, t) for p, t in SOURCES.items()}
    live = LivePlan(notes.values(), CONFIG, ATTACHMENTS, (), ROOT, TODAY, RENDERER)
    planned = {p.path: p.text for p in rowwork.plan_all(live, min_notes=0)}
    assert planned == _full(notes)
    view = live.facts.made("brag")
    assert view is not None
    wins = list(view._wins.values())
    assert len(wins) == len(live.facts.brags) > 1
    for values in ([w.month for w in wins if w.month], [w.theme for w in wins]):
        assert len(values) > len(set(values))  # values repeat in the example: each one object
        assert len({id(v) for v in values}) == len(set(values))
    assert not any(isinstance(value, tuple) for w in wins for value in w[1:])
