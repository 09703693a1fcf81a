"""Saves that add, remove or rename notes, or change a title, alias or kind, planned incrementally.

The example vault is changed in memory the way such saves change it (new notes linking to old
ones and to names nobody has yet, notes deleted, renamed so that links break or come to point
at them, titles, aliases and kinds changed) and, after each change, the `LivePlan` that took it
incrementally must hold a `Vault` whose link index, resolutions and diagnostics are those of a
`Vault` built afresh, and must have planned byte for byte what a full plan gives.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.test_live import ATTACHMENTS, CONFIG, ROOT, SOURCES, TODAY, _fresh, _full, _parse, _set_field
from vaultkit.live.relink import Linkers, names, tail, update_vault
from vaultkit.reader.links import LinkIndex
from vaultkit.reader.model import Note
from vaultkit.reader.vault import Vault

CACHES = ("_memo", "_memo_in", "_picks", "_suggest")  # remembered answers, not the index itself


def _index(index: LinkIndex) -> dict[str, Any]:
    """What a link index holds, comparable between two indexes of the same notes."""
    out: dict[str, Any] = {}
    for name, value in vars(index).items():
        if name in CACHES:
            continue
        if name == "_by_tail":  # lists of path keys: what matters is which keys each tail has
            value = {k: sorted(set(v)) for k, v in value.items() if v}
        elif isinstance(value, dict):
            value = {k: v for k, v in value.items() if v != []}
        out[name] = value
    return out


def _same_vault(live: Vault, notes: dict[str, Note]) -> None:
    fresh = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    assert list(live.notes) == list(fresh.notes)
    assert _index(live.index) == _index(fresh.index)
    targets = {(link.target, note.path) for note in notes.values() for link in note.links}
    for target, source in sorted(targets):
        assert live.resolve(target, source) == fresh.resolve(target, source), (target, source)
    assert live.diagnostics == fresh.diagnostics
    for kind in ("person", "event", "community", "interview", "share"):
        assert [n.path for n in live.of_kind(kind)] == [n.path for n in fresh.of_kind(kind)]


def _missing(notes: dict[str, Note]) -> list[str]:
    """Names linked to that no note has: a note created with one of them fixes links."""
    vault = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    return sorted({link.target for note in notes.values() for link in note.links
                   if link.target and "/" not in link.target and vault.resolve(link.target, note.path).path is None})


def _name_change(rng: random.Random, sources: dict[str, str], notes: dict[str, Note]) -> dict[str, str | None]:
    """One save that changes names: {path: new text, or None for a note removed}."""
    paths = sorted(sources)
    stems = sorted({p.rsplit("/", 1)[-1][:-3] for p in paths})
    missing = _missing(notes) or ["Nobody Yet"]
    path = rng.choice(paths)
    text = sources[path]
    choice = rng.randrange(9)
    if choice == 0:  # a new note linking to a note, to a name nobody has, and maybe named like another note
        folder = rng.choice(["People", "Events", "Daily", "Notes", ""])
        name = rng.choice([f"New {rng.randrange(1000)}", rng.choice(stems), rng.choice(missing)])
        new = f"{folder}/{name}.md" if folder else f"{name}.md"
        kind = {"People": "person", "Events": "event"}.get(folder)
        front = f"---\ntype: {kind}\ndate: 2026-07-01\nmet: [\"[[{rng.choice(stems)}]]\"]\n---\n" if kind else ""
        return {new: front + f"- 2026-07-02 met [[{rng.choice(stems)}]] and [[{rng.choice(missing)}]] #brag\n"}
    if choice == 1:
        return {path: None}
    if choice == 2:  # renamed: links to the old name break, links to the new one (maybe missing till now) resolve
        folder = path.rpartition("/")[0]
        name = rng.choice([rng.choice(missing), f"Renamed {rng.randrange(1000)}", rng.choice(stems)])
        return {path: None, (f"{folder}/{name}.md" if folder else f"{name}.md"): text}
    if choice == 3:
        return {path: _set_field(text, "title", rng.choice([rng.choice(missing), rng.choice(stems), "Fresh Title"]))}
    if choice == 4:
        alias = rng.choice([rng.choice(missing), rng.choice(stems), "Another Name"])
        return {path: _set_field(text, "aliases", rng.choice([f'["{alias}"]', None]))}
    if choice == 5:
        return {path: _set_field(text, "type", rng.choice(["person", "event", "community", None]))}
    if choice == 6:  # a note created, and a link to it saved in another note at once
        new = f"Notes/Created {rng.randrange(1000)}.md"
        return {new: "---\ntype: person\n---\n", path: text + f"\n- 2026-07-03 call with [[{new[6:-3]}]]\n"}
    if choice == 7:  # an edit that keeps names (the common save) between name changes
        return {path: text + f"\n- 2026-07-04 coffee with [[{rng.choice(stems)}]] #brag\n"}
    return {path: None, rng.choice(paths): None}  # two notes deleted at once (a folder's worth)


def _apply(changes: dict[str, str | None], sources: dict[str, str], notes: dict[str, Note]) -> dict[str, Note | None]:
    parsed: dict[str, Note | None] = {}
    for path, text in changes.items():
        if text is None:
            sources.pop(path, None)
            notes.pop(path, None)
            parsed[path] = None
        else:
            sources[path] = text
            notes[path] = parsed[path] = _parse(path, text)  # type: ignore[assignment]
    return parsed


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
@example(33554431)  # a brag note's new alias is a bare name in its own `impacted`: its row links itself
def test_name_changes_plan_what_a_full_plan_gives(seed: int) -> None:
    rng = random.Random(seed)
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    for _ in range(8):
        changes = _apply(_name_change(rng, sources, notes), sources, notes)
        assert live.can_apply(changes, ATTACHMENTS, TODAY)
        for planned in live.apply(changes):
            current[planned.path] = planned.text
        full = _full(notes)
        # A prep note whose event is gone is planned no more (left as it is on disk, as a fresh
        # build leaves it): compare what a full plan plans.
        assert {p: current.get(p) for p in full} == full, f"after {sorted(changes)}"
        _same_vault(live.vault, notes)


def _tails(linkers: Linkers) -> dict[str, set[str]]:
    # (a tail linked from one note holds that path itself)
    return {key: {paths} if isinstance(paths, str) else set(paths) for key, paths in linkers._by_tail.items()}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
@example(7421)  # a person note moved onto another's path: its `met_on` changes whom an event met first
def test_linkers_made_a_slice_at_a_time_while_saves_come(seed: int) -> None:
    """`vaultkit watch` makes the links index a slice at a time while nothing waits: saves that
    keep names, taken meanwhile, leave it (once made, or made at once by a name change) the
    index of the notes as they are then, and the plans those of a full plan."""
    rng = random.Random(seed)
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    paths = sorted(sources)
    stems = sorted({p.rsplit("/", 1)[-1][:-3] for p in paths})
    for _ in range(10):
        live.link_step(rng.randrange(1, 6))
        if rng.randrange(4):  # an edit that keeps names: links added and dropped, in notes indexed or not yet
            path = rng.choice(sorted(sources))
            text = sources[path]
            edited = (text + f"\n- 2026-07-04 coffee with [[{rng.choice(stems)}]] #brag\n" if rng.randrange(2)
                      else "\n".join(line for line in text.split("\n") if "[[" not in line or line.startswith(
                          ("title", "aliases", "type"))))
            changes = _apply({path: edited}, sources, notes)
        else:
            changes = _apply(_name_change(rng, sources, notes), sources, notes)
        assert live.can_apply(changes, ATTACHMENTS, TODAY)
        for planned in live.apply(changes):
            current[planned.path] = planned.text
        full = _full(notes)
        assert {p: current.get(p) for p in full} == full, f"after {sorted(changes)}"
        if live.linkers is not None:
            assert _tails(live.linkers) == _tails(Linkers(notes.values()))
    assert _tails(live.links()) == _tails(Linkers(notes.values()))


def test_linkers_made_in_slices_are_the_whole_index() -> None:
    notes = {n.path: n for n in (_parse("A.md", "[[Ada]] [[Bob]]\n"), _parse("B.md", "[[Ada]]\n"),
                                 _parse("C.md", "[[Carol]]\n"))}
    made = Linkers.start(notes)
    assert not made.complete and not made.step(notes, 1)
    made.remove(notes["B.md"])  # not indexed yet: nothing to forget
    notes["B.md"] = _parse("B.md", "[[Dan]]\n")
    made.add(notes["B.md"])  # its new version, indexed now: the slices skip it
    del notes["C.md"]  # gone before its slice: skipped
    assert made.step(notes, 5) and made.complete
    assert _tails(made) == _tails(Linkers(notes.values())) == {"ada": {"A.md"}, "bob": {"A.md"}, "dan": {"B.md"}}


def test_linkers_find_the_notes_linking_to_a_name() -> None:
    notes = [_parse("A.md", "[[People/Ada Lovelace.md]] [[./Bob]] [[..]] [[#Own heading]]\n"),
             _parse("B.md", "- shipped #brag impacted:: Carol, [[Dan|D]]\n"), _parse("C.md", "nothing\n")]
    linkers = Linkers(notes)
    assert linkers.of({"ada lovelace"}) == {"A.md"} and linkers.of({"bob"}) == {"A.md"}  # `..`: any name
    assert linkers.of({"carol"}) == {"A.md", "B.md"} and linkers.of({"dan"}) == {"A.md", "B.md"}
    linkers.remove(notes[0])
    assert linkers.of({"ada lovelace"}) == set() and linkers.of({"carol"}) == {"B.md"}
    assert tail("") is None and tail("a/..") == "" and tail(" People/ADA.md ") == "ada"
    assert names(_parse("x/Report.md.md", "---\naliases: [R]\n---\n")) >= {"report.md", "report", "r"}



def test_a_complete_index_lets_go_of_its_table_of_tails_and_still_names_the_targets() -> None:
    """Once made, the index lets go of the table that made each tail one string (a dict over every
    tail of the vault, for as long as the watcher runs); its tails are found as before."""
    notes = [_parse("A.md", "[[People/Ada Lovelace.md]] [[./Bob]] [[..]] [[Carol]]\n"),
             _parse("B.md", "- shipped #brag impacted:: Carol, [[Dan|D]]\n")]
    linkers = Linkers(notes)
    assert linkers.complete and not linkers._keys
    assert sorted(linkers.naming(notes[0], {"ada lovelace"})) == ["..", "People/Ada Lovelace.md"]
    assert sorted(linkers.naming(notes[1], {"carol", "dan"})) == ["Carol", "Dan"]
    assert linkers.naming(notes[1], {"bob"}) == []

MEMO_NOTES = {
    "People/Ada.md": "---\naliases: [Countess]\n---\n",
    "Notes/Report.md.md": "# Report\n",
    "Notes/Links.md": ("[[Ada]] [[ada.md]] [[/People/Ada]] [[People/Ada]] [[./Ada]] [[Report.md]] [[Report.md.md]]"
                       " [[Countess]] [[Nobody]] [[Notes/Report.md]] [[..]] [[Ada Lovelace]] [[Lady]]\n"),
    "People/Links.md": "[[./Ada]] [[Ada]] [[Report]] [[../Notes/Report.md]]\n",
}
MEMO_CHANGES: list[dict[str, str | None]] = [
    {"People/Ada.md": None},  # gone
    {"People/Ada.md": None, "People/Ada Lovelace.md": "---\naliases: [Countess]\n---\n"},  # renamed
    {"People/Ada.md": "---\naliases: [Lady]\ntitle: Nobody\n---\n"},  # names changed
    {"Notes/Report.md.md": None, "Notes/Report.md": "# now a plain name\n"},  # `x.md.md` → `x.md`
    {"Notes/Report.md.md": None},  # `[[Report.md]]` named it
    {"Ada.md": "a second Ada, at the root\n"},  # a name now shared (and an exact root path)
]


@pytest.mark.parametrize("changes", MEMO_CHANGES,
                         ids=["delete", "rename", "title-alias", "md-md", "md-md-gone", "shared"])
def test_remembered_answers_of_the_names_that_changed_are_resolved_anew(changes: dict[str, str | None]) -> None:
    """`update_vault` forgets only the answers a change of names can change: every target,
    resolved before (remembered) and after, resolves as in a vault made from the new notes."""
    notes = {p: _parse(p, t) for p, t in MEMO_NOTES.items()}
    live = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    targets = sorted({(link.target, n.path) for n in notes.values() for link in n.links})
    before = {t: live.resolve(*t) for t in targets}  # remembered now
    removed = [p for p in changes if p in notes]
    added = [_parse(p, t) for p, t in changes.items() if t is not None]
    update_vault(live, removed, added)
    for path, text in changes.items():
        notes.pop(path, None)
        if text is not None:
            notes[path] = _parse(path, text)
    fresh = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    after = {t: fresh.resolve(*t) for t in targets}
    assert {t: live.resolve(*t) for t in targets} == after
    assert before != after  # (each change moves some link: else the test shows nothing)


def test_a_name_shared_by_more_notes_is_picked_anew_for_a_link_written_with_md() -> None:
    """Obsidian's pick among the notes of one name is remembered per name as the link writes
    it (`[[Ada.md]]`): a third note of that name comes, the pick is made again."""
    notes = {p: _parse(p, t) for p, t in {"People/Ada.md": "", "Notes/Ada.md": "",
                                           "Other/Links.md": "[[Ada.md]] [[Ada]]\n"}.items()}
    live = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    assert live.resolve("Ada.md", "Other/Links.md").path == "Notes/Ada.md"  # the shortest path, remembered
    new = _parse("X/Ada.md", "")
    update_vault(live, [], [new])
    notes[new.path] = new
    fresh = Vault(notes.values(), CONFIG, ATTACHMENTS, root=ROOT)
    for target in ("Ada.md", "Ada"):
        assert live.resolve(target, "Other/Links.md") == fresh.resolve(target, "Other/Links.md")
    assert fresh.resolve("Ada.md", "Other/Links.md").path == "X/Ada.md"


@pytest.mark.parametrize(("changes", "planned", "left"), [
    # A share and a community link Tomás (he has `communities`): Sharing shows none of a share's links.
    ({"People/Tomás Ortega.md": None}, {"Communities.md"}, {"Sharing.md"}),
    # Events link Aisha, who is in no community: Communities shows none of an event's other links.
    ({"People/Aisha Bello.md": None, "People/Aisha Bello-Okoro.md": "People/Aisha Bello.md"},
     {"Events.md"}, {"Communities.md"}),
    # A brag note's `impacted` names the team: its row shows where that link goes.
    ({"Teams/Payments team.md": None, "Teams/Payments squad.md": "Teams/Payments team.md"}, {"Brag.md"}, set()),
])
def test_a_view_is_planned_for_a_renamed_note_only_where_it_shows_the_links(
        changes: dict[str, str | None], planned: set[str], left: set[str]) -> None:
    sources = dict(SOURCES)
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    # (a value naming a path: that note's text, saved under the new name)
    texts = {p: (sources[t] if t is not None else None) for p, t in changes.items()}
    parsed = _apply(texts, sources, notes)
    assert live.can_apply(parsed, ATTACHMENTS, TODAY)
    made = {p.path: p.text for p in live.apply(parsed)}
    names = {p.rsplit("/", 1)[-1] for p in made}
    assert planned <= names and not left & names
    current.update(made)
    full = _full(notes)
    assert {p: current.get(p) for p in full} == full


def test_brag_is_planned_for_a_renamed_note_only_where_an_entry_names_it() -> None:
    # A #brag item mentions Sofia in its text (shown as text) and names a team in `impacted`.
    daily = "Daily/2026-07-10.md"
    sources = {**SOURCES, daily: "- 2026-07-10 shipped the retry dashboard with [[Sofia Marchetti]] #brag "
                                 "impact:: 2 teams use it [impacted:: [[Data team]]]\n"}
    notes = {p: _parse(p, t) for p, t in sources.items()}
    live, current = _fresh(notes)
    renamed = {"Teams/Data team.md": None, "Teams/Data squad.md": sources["Teams/Data team.md"]}
    for changes, planned in (({"People/Sofia Marchetti.md": None}, False), (renamed, True)):
        parsed = _apply(changes, sources, notes)
        assert live.can_apply(parsed, ATTACHMENTS, TODAY)
        made = {p.path: p.text for p in live.apply(parsed)}
        assert ("Vaultkit/Brag.md" in made) is planned
        current.update(made)
        full = _full(notes)
        assert {p: current.get(p) for p in full} == full
