"""Plan generated notes: from a vault and a `today`, every (path, text) to write. No disk writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from vaultkit.reader.model import Diagnostic, Note
from vaultkit.reader.periods import Period, parse_period
from vaultkit.reader.vault import Vault
from vaultkit.views.builtin.brag import brag_context
from vaultkit.views.builtin.communities import communities_context
from vaultkit.views.builtin.dashboard import dashboard_context
from vaultkit.views.builtin.events import events_context
from vaultkit.views.builtin.interviews import interviews_context
from vaultkit.views.builtin.people import followups_context, people_context
from vaultkit.views.builtin.prep import prep_context
from vaultkit.views.builtin.sharing import sharing_context
from vaultkit.views.common import Facts
from vaultkit.views.outputs import INDEX_NOTES, held_back, index_paths
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


Builder = Callable[[Facts], dict[str, Any]]
# name → (template, context builder). Order is the order notes are written and reported.
INDEXES: dict[str, tuple[str, Builder]] = {
    "People.md": ("People.md.j2", people_context),
    "Follow-ups.md": ("Follow-ups.md.j2", followups_context),
    "Events.md": ("Events.md.j2", events_context),
    "Brag.md": ("Brag.md.j2", brag_context),
    "Interviews.md": ("Interviews.md.j2", interviews_context),
    "Sharing.md": ("Sharing.md.j2", sharing_context),
    "Communities.md": ("Communities.md.j2", communities_context),
    "Dashboard.md": ("Dashboard.md.j2", dashboard_context),
}
if tuple(INDEXES) != INDEX_NOTES:  # the same names, kept in `outputs` too for a fast start
    raise RuntimeError("plan.INDEXES and outputs.INDEX_NOTES disagree")


def review_note(facts: Facts, period: Period, renderer: Renderer) -> Planned:
    """The review note of one period, at `<output>/Reviews/<label>.md`."""
    from vaultkit.views.builtin.review import review_context  # the review view is only needed here

    path = f"{facts.vault.config.output_dir.strip('/')}/Reviews/{period.label}.md"
    renderer.start(len(facts.vault.notes))
    context = review_context(facts, period.start, period.end, period.label)
    return Planned(path, "Review.md.j2", renderer.render("Review.md.j2", context))


def prep_note(facts: Facts, event: Note, renderer: Renderer) -> Planned:
    """The prep note of one event, at `<output>/Prep/<event title>.md`."""
    path = f"{facts.vault.config.output_dir.strip('/')}/Prep/{event.stem}.md"
    renderer.start(len(facts.vault.notes))
    return Planned(path, "Prep.md.j2", renderer.render("Prep.md.j2", prep_context(facts, event)))


def refused(path: str, template: str, exc: TemplateProblem) -> Planned:
    """A generated note its template could not render: planned as a problem, written never."""
    return Planned(path, template, "", str(exc))


def _existing(vault: Vault, folder: str) -> list[str]:
    """Stems of the generated notes already in `<output>/<folder>/` (they are kept current)."""
    prefix = f"{vault.config.output_dir.strip('/')}/{folder}/"
    return sorted(p[len(prefix):-3] for p in vault.attachments
                  if p.startswith(prefix) and p.endswith(".md") and "/" not in p[len(prefix):])


def plan(vault: Vault, today: dt.date, renderer: Renderer, facts: Facts | None = None,
         only: Collection[str] | None = None, extras: bool = True) -> list[Planned]:
    """Every generated note for `vault` on `today`, rendered: the indexes, and the review
    and prep notes that already exist (created by `vaultkit review` / `vaultkit prep`).

    `only` limits the indexes to those names, and `extras=False` leaves out the review and
    prep notes: `vaultkit watch` plans just the notes a change can affect. A note whose
    template (or a row template it uses) fails is planned with its `problem`, the others
    as usual: one bad template refuses its own note only.
    """
    facts = facts or Facts(vault, today, renderer)
    out: list[Planned] = []
    paths = index_paths(vault.config.output_dir, vault.config.outputs)
    held = held_back(vault)
    for name, (template, builder) in INDEXES.items():
        if only is None or name in only:
            if name in held:  # a note of the user's has its name: writing it would break their links
                out.append(Planned(paths[name], template, "", held=held[name]))
                continue
            renderer.start(len(vault.notes))  # each note its own budget (see vaultkit.views.sandbox)
            try:
                out.append(Planned(paths[name], template, renderer.render(template, builder(facts))))
            except TemplateProblem as exc:
                out.append(refused(paths[name], template, exc))
    if extras:
        out.extend(_extras(vault, facts, renderer))
    seen: set[str] = set()
    for planned in out:
        if planned.path.casefold() in seen:
            raise DuplicateOutput(f"two generated notes planned for {planned.path}")
        seen.add(planned.path.casefold())
    return out


def _extras(vault: Vault, facts: Facts, renderer: Renderer) -> list[Planned]:
    out: list[Planned] = []
    for label in _existing(vault, "Reviews"):
        try:
            period = parse_period(label)
        except ValueError:
            continue  # a note of the user's own in Reviews/: not ours to regenerate
        if period.label == label:
            try:
                out.append(review_note(facts, period, renderer))
            except TemplateProblem as exc:
                out.append(refused(f"{vault.config.output_dir.strip('/')}/Reviews/{label}.md", "Review.md.j2", exc))
    preps = _existing(vault, "Prep")
    events = {n.stem: n for n in vault.of_kind("event")} if preps else {}
    for stem in preps:
        if stem in events:
            try:
                out.append(prep_note(facts, events[stem], renderer))
            except TemplateProblem as exc:
                out.append(refused(f"{vault.config.output_dir.strip('/')}/Prep/{stem}.md", "Prep.md.j2", exc))
    return out
