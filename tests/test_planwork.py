"""Index notes planned on both cores (`vaultkit.disk.planwork`): the notes a forked child plans are
the ones the parent plans alone, in the same order; a child that dies, or a view of vaultkit's
that raises in it, leaves the parent to plan them (the bug raised there, whole); a template's
problem refuses its own note as without a child; no child while the other core is busy."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_vault
from vaultkit.disk import forked, hintwork, planwork
from vaultkit.disk.build import build
from vaultkit.disk.load import load_vault
from vaultkit.disk.record import resolve_today
from vaultkit.reader.model import Diagnostic
from vaultkit.reader.vault import Vault
from vaultkit.views import registry
from vaultkit.views.common import Facts
from vaultkit.views.plan import APART, Planned, plan
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")


def _alone(root: Path) -> list[Planned]:
    """The notes planned in this process alone, from the vault read anew."""
    vault = load_vault(root)
    today = resolve_today(vault.config)
    return plan(vault, today, Renderer(root, views_of(vault.config).folders))


def _both(root: Path, **kwargs: Any) -> list[Planned]:
    vault = load_vault(root)
    today = resolve_today(vault.config)
    renderer = Renderer(root, views_of(vault.config).folders)
    return planwork.plan_both(vault, today, renderer, Facts(vault, today, renderer), min_notes=0, **kwargs)


@pytest.fixture
def results(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What each planning child gave back (None: nothing usable), forked whatever threads
    other tests left running."""
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    found: list[object] = []
    real = forked.Child.result

    def result(self: forked.Child) -> object | None:
        found.append(real(self))
        return found[-1]

    monkeypatch.setattr(forked.Child, "result", result)
    return found


@needs_fork
def test_the_childs_notes_are_the_ones_planned_alone(example_copy: Path, results: list[object]) -> None:
    both = _both(example_copy)
    assert len(results) == 1 and isinstance(results[0], dict) and set(results[0]) == set(APART)
    assert both == _alone(example_copy)
    assert [p.path.rsplit("/", 1)[-1] for p in both][:9] == [f"{v.output}.md" for v in views_of(load_vault(
        example_copy).config)]


@needs_fork
def test_a_child_that_dies_leaves_the_notes_to_the_parent(example_copy: Path, results: list[object],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    parent, real = os.getpid(), planwork.index_notes

    def dies_in_the_child(*args: Any) -> dict[str, Planned]:
        if os.getpid() != parent:
            os._exit(3)  # without a word, as a killed process
        return real(*args)

    monkeypatch.setattr(planwork, "index_notes", dies_in_the_child)  # the fork inherits it
    both = _both(example_copy)
    assert results == [None]
    assert both == _alone(example_copy)


@needs_fork
def test_a_bug_in_a_view_of_the_child_is_raised_in_the_parent(example_copy: Path, results: list[object],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(facts: Facts) -> dict[str, Any]:
        raise RuntimeError("a bug in the brag view")

    monkeypatch.setitem(registry._CALLABLES, "vaultkit.views.builtin.brag:brag_context", broken)
    with pytest.raises(RuntimeError, match="a bug in the brag view"):
        _both(example_copy)
    assert results == [None]  # the child gave up, and the parent met the bug itself


@needs_fork
def test_a_template_that_fails_in_the_child_refuses_its_own_note(example_copy: Path, results: list[object]) -> None:
    write_vault(example_copy, {".vaultkit/templates/Brag.md.j2": "# Brag\n\n{{ no_such_thing.anywhere }}\n"})
    both = _both(example_copy)
    assert isinstance(results[0], dict) and results[0]["brag"].problem  # planned with its problem there
    assert [p.path for p in both if p.problem] == ["Vaultkit/Brag.md"]
    assert both == _alone(example_copy)


@needs_fork
def test_no_child_while_the_other_core_is_busy(example_copy: Path, results: list[object]) -> None:
    assert _both(example_copy, busy=lambda: True) == _alone(example_copy)
    assert results == []
    free_later = iter([True, False]).__next__  # busy once the shared facts are known, free once the contacts are
    assert _both(example_copy, busy=free_later) == _alone(example_copy)
    assert len(results) == 1 and isinstance(results[0], dict)


def test_no_child_for_a_small_vault_or_a_held_note(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    vault = load_vault(example_copy)
    assert planwork.apart(vault) == ()  # 109 notes
    assert planwork.apart(vault, min_notes=0) == APART
    write_vault(example_copy, {"Notes/Brag.md": "my own brag list\n"})  # the Brag note is not written
    assert planwork.apart(load_vault(example_copy), min_notes=0) == ("sharing", "communities")


def test_no_fork_beside_another_thread() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()  # a lock it holds would stay held in the child
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_a_build_writes_the_same_notes_with_a_child(example_copy: Path, tmp_path: Path, results: list[object],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    shutil.copytree(example_copy, other)
    shutil.rmtree(example_copy / "Vaultkit")
    shutil.rmtree(other / "Vaultkit")
    build(other)  # 109 notes: no child
    assert results == []
    monkeypatch.setattr(planwork, "MIN_NOTES", 0)
    report = build(example_copy)
    assert len(results) == 1 and isinstance(results[0], dict)
    assert len(report.created) == 9
    for path in report.created:
        assert (example_copy / path).read_bytes() == (other / path).read_bytes()


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_the_hints_child_is_busy_until_it_has_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = load_vault(write_vault(tmp_path / "v", {f"People/P{i}.md": f"---\ntype: person\n---\n[[P{i + 1}]]\n"
                                                    for i in range(5)}))
    go, real = tmp_path / "go", Vault.link_findings

    def waits(self: Vault, *args: Any, **kwargs: Any) -> tuple[dict[str, list[str]], list[Diagnostic]]:
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Vault, "link_findings", waits)  # the fork inherits it
    assert not hintwork.Hints(vault, wanted=False).busy()
    with hintwork.Hints(vault, min_notes=0) as hints:
        assert hints.busy()
        go.touch()
        deadline = time.monotonic() + 60
        while hints.busy() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not hints.busy()
        hints.finish()
        assert not hints.busy()


@needs_fork
def test_planned_here_the_apart_notes_come_first_and_let_go_of_their_views(example_copy: Path,
                                                                           results: list[object]) -> None:
    vault = load_vault(example_copy)
    today = resolve_today(vault.config)
    renderer = Renderer(example_copy, views_of(vault.config).folders)
    facts = Facts(vault, today, renderer)
    order: list[str] = []
    kept_then: list[frozenset[str]] = []
    real = facts.kept

    def kept(name: str, make: Any) -> Any:
        order.append(name)
        if name == "people":  # the first of the others: what Brag's and Communities' views kept is gone
            kept_then.append(facts.kept_names())
        return real(name, make)

    facts.kept = kept  # type: ignore[method-assign]
    both = planwork.plan_both(vault, today, renderer, facts, busy=lambda: True, min_notes=0)
    assert results == [] and both == _alone(example_copy)
    assert order.index("brag") < order.index("people") and order.index("communities") < order.index("people")
    assert kept_then and not kept_then[0] & {"brag", "communities"}
