"""Plan generated notes: from a vault and a `today`, every (path, text) to write. No disk writes.

The index notes come from the vault's views (`vaultkit.views.registry.views_of`), in order;
review, prep and 1-1 notes from `vaultkit review`, `prep` and `one-on-one` are kept current beside them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from vaultkit.reader.model import Diagnostic, Note
from vaultkit.reader.periods import Period, parse_period
from vaultkit.reader.vault import Vault
from vaultkit.views.common import Facts
from vaultkit.views.outputs import held_back, index_paths
from vaultkit.views.registry import views_of
from vaultkit.views.render import Renderer, TemplateProblem


@dataclass(frozen=True, slots=True)
class Planned:
    """One generated note: vault-relative path, template name, full text."""

    path: str
    template: str
    text: str
    problem: str | None = None  # why it could not be rendered (a template's fault): left as it is
    held: Diagnostic | None = None  # why it is not written though it could be (its name is the user's)


class DuplicateOutput(RuntimeError):
    """Two generated notes planned for one path: a bug in vaultkit, never user error."""


def review_note(facts: Facts, period: Period, renderer: Renderer) -> Planned:
    """The review note of one period, at `<output>/Reviews/<label>.md`."""
    from vaultkit.views.builtin.review import review_context  # the review view is only needed here

    path = _out_path(facts.vault, "Reviews", period.label)
    renderer.start(len(facts.vault.notes))
    context = review_context(facts, period.start, period.end, period.label)
    return Planned(path, "Review.md.j2", renderer.render("Review.md.j2", context))


PREP_FOLDER, PREP_TEMPLATE = "Prep", "Prep.md.j2"
ONE_ON_ONE_FOLDER, ONE_ON_ONE_TEMPLATE = "1-1", "OneOnOne.md.j2"


def prep_note(facts: Facts, event: Note, renderer: Renderer) -> Planned:
    """The prep note of one event, at `<output>/Prep/<event title>.md`."""
    from vaultkit.views.builtin.prep import prep_context  # the prep view is only needed here

    return _note_of(facts, renderer, PREP_FOLDER, event.stem, PREP_TEMPLATE, lambda: prep_context(facts, event))


def one_on_one_note(facts: Facts, person: Note, renderer: Renderer) -> Planned:
    """The 1-1 prep note of one person, at `<output>/1-1/<person's file name>.md`."""
    from vaultkit.views.builtin.oneonone import one_on_one_context  # only needed here

    return _note_of(facts, renderer, ONE_ON_ONE_FOLDER, person.stem, ONE_ON_ONE_TEMPLATE,
                    lambda: one_on_one_context(facts, person))


def _note_of(facts: Facts, renderer: Renderer, folder: str, stem: str, template: str,
             context: Callable[[], dict[str, Any]]) -> Planned:
    """A note generated for one source note, at `<output>/<folder>/<stem>.md` (budgeted as the
    vault's notes are: `renderer.start` before the context is worked out)."""
    renderer.start(len(facts.vault.notes))
    return Planned(_out_path(facts.vault, folder, stem), template, renderer.render(template, context()))


def _out_path(vault: Vault, folder: str, stem: str) -> str:
    return f"{vault.config.output_dir.strip('/')}/{folder}/{stem}.md"


def refused(path: str, template: str, exc: TemplateProblem) -> Planned:
    """A generated note its template could not render: planned as a problem, written never."""
    return Planned(path, template, "", str(exc))


def existing(vault: Vault, folder: str) -> list[str]:
    """Stems of the generated notes already in `<output>/<folder>/` (they are kept current)."""
    prefix = f"{vault.config.output_dir.strip('/')}/{folder}/"
    return sorted(p[len(prefix):-3] for p in vault.attachments
                  if p.startswith(prefix) and p.endswith(".md") and "/" not in p[len(prefix):])


def plan(vault: Vault, today: dt.date, renderer: Renderer, facts: Facts | None = None,
         only: Collection[str] | None = None, extras: bool = True,
         given: Mapping[str, Planned] | None = None) -> list[Planned]:
    """Every generated note for `vault` on `today`, rendered: the indexes, and the review
    and prep notes that already exist (created by `vaultkit review` / `vaultkit prep`).

    `only` limits the indexes to the views of those keys, and `extras=False` leaves out the
    review and prep notes: `vaultkit watch` plans just the notes a change can affect. A note whose
    template (or a row template it uses) fails is planned with its `problem`, the others
    as usual: one bad template refuses its own note only. `given` holds index notes planned
    already (by view key, `index_notes`: in another process, `vaultkit.disk.planwork`), taken
    as they are in their view's place.
    """
    with collector_paused():
        facts = facts or Facts(vault, today, renderer)
        out = list(index_notes(facts, renderer, only, given).values())
        if extras:
            out.extend(_extras(vault, facts, renderer))
        seen: set[str] = set()
        for planned in out:
            if planned.path.casefold() in seen:
                raise DuplicateOutput(f"two generated notes planned for {planned.path}")
            seen.add(planned.path.casefold())
        return out


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off meanwhile, then as it was. Planning makes some 100k long-lived
    acyclic objects (contacts, rows kept for `watch`): a collector running meanwhile walks them
    all again, collection after collection (10-15% of a 10k vault's planning). Reference
    counting frees what is dropped; cycles wait for the next collection after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# The index notes a second process may plan while the build's parent plans the others
# (`vaultkit.disk.planwork`). None of them reads a person's contacts (`Facts.contacts`, the costliest
# fact, read by People, Follow-ups, Events, Interviews and the Dashboard); Goals stays with the
# Dashboard, which counts the same habits (`Facts.memo`). Measured on 10k notes, they are ~40% of
# planning's CPU (Brag ~120 ms of ~380, Sharing and Communities ~10 ms each).
APART = ("brag", "sharing", "communities")


def before_apart(facts: Facts) -> None:
    """Work out what the notes of `APART` and the others both read, before a process to plan
    them apart is forked: once, rather than once in each process."""
    vault = facts.vault
    facts.brags, facts.challenges  # noqa: B018 (the Brag note's entries, and the Dashboard's counts of them)
    facts.shared_names  # noqa: B018 (every link made)
    for kind in ("person", "event", "share", "community"):  # the records Communities and Sharing read
        vault.records(kind)


def index_notes(facts: Facts, renderer: Renderer, only: Collection[str] | None = None,
                given: Mapping[str, Planned] | None = None) -> dict[str, Planned]:
    """The index notes of the views of `only` (every view: None), by view key in the views'
    order; those of `given` taken as they are, the others rendered here."""
    vault = facts.vault
    out: dict[str, Planned] = {}
    paths = index_paths(vault.config)
    held = held_back(vault)
    for view in views_of(vault.config):
        if only is not None and view.key not in only:
            continue
        if given is not None and view.key in given:
            out[view.key] = given[view.key]
            continue
        path, template = paths[view.note], view.template
        if view.note in held:  # a note of the user's has its name: writing it would break their links
            out[view.key] = Planned(path, template, "", held=held[view.note])
            continue
        if view.problem is not None:  # a broken view of the vault's own: its note is left as it is
            out[view.key] = Planned(path, template, "", view.problem)
            continue
        renderer.start(len(vault.notes))  # each note its own budget (see vaultkit.views.sandbox)
        try:
            out[view.key] = Planned(path, template, renderer.render(template, view.make_context(facts)))
        except TemplateProblem as exc:  # its template, or a row template its context renders
            out[view.key] = refused(path, template, exc)
        except Exception as exc:  # a view of a plugin's or a script's: its note only is refused
            if view.origin == "vaultkit":
                raise  # vaultkit's own: a bug to see whole
            out[view.key] = Planned(path, template, "", f"view {view.key!r} of {view.origin} failed: "
                                    f"{type(exc).__name__}: {exc}")
    return out


def _extras(vault: Vault, facts: Facts, renderer: Renderer) -> list[Planned]:
    out: list[Planned] = []
    for label in existing(vault, "Reviews"):
        try:
            period = parse_period(label)
        except ValueError:
            continue  # a note of the user's own in Reviews/: not ours to regenerate
        if period.label == label:
            try:
                out.append(review_note(facts, period, renderer))
            except TemplateProblem as exc:
                out.append(refused(_out_path(vault, "Reviews", label), "Review.md.j2", exc))
    # A prep note per event and a 1-1 note per person, where one was written before.
    for folder, kind, template, make in ((PREP_FOLDER, "event", PREP_TEMPLATE, prep_note),
                                         (ONE_ON_ONE_FOLDER, "person", ONE_ON_ONE_TEMPLATE, one_on_one_note)):
        stems = existing(vault, folder)
        sources = {n.stem: n for n in vault.of_kind(kind)} if stems else {}
        for stem in stems:
            if stem in sources:
                try:
                    out.append(make(facts, sources[stem], renderer))
                except TemplateProblem as exc:
                    out.append(refused(_out_path(vault, folder, stem), template, exc))
    return out
