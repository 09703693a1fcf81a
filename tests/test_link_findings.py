"""The link diagnostics and "did you mean" hints, worked out in one pass over the links with each
(target, folder) resolved once and each misspelt name's hints once (`Vault.link_findings`,
`LinkIndex.resolve_all`), are byte for byte what the old algorithm gave (in another order): every link resolved by
`LinkIndex.resolve` on its own, every missing link's hints by the plain difflib search
(`tests.test_hints.plain_close`), links walked once for the hints and again for the warnings.
The old algorithm is kept here as the oracle, run on generated vaults with notes added for every
kind of link warning (missing with and without hints, ./ paths, ambiguous, anchors, bare names)."""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_hints import plain_close
from vaultkit.disk.load import load_vault
from vaultkit.reader.links import LinkIndex, check_anchor, name_key, strip_md
from vaultkit.reader.linkwalk import HOW as _HOW
from vaultkit.reader.linkwalk import folder_of as _folder_of
from vaultkit.reader.linkwalk import hint_order, missing
from vaultkit.reader.linkwalk import some as _some
from vaultkit.reader.model import Diagnostic, Link, Severity
from vaultkit.reader.vault import Vault

sys.path.insert(0, str(ROOT / "bench"))
from gen_vault import generate


def old_suggest(index: LinkIndex, names: set[str], target: str) -> list[str]:
    """`LinkIndex.suggest` as it was: the plain search, each name shown as its note's name."""
    key = name_key(strip_md(target.rsplit("/", 1)[-1]))
    if not key:
        return []
    shown = (index.display.get(m) or strip_md(index.by_alias[m][0].rsplit("/", 1)[-1])
             for m in dict.fromkeys(plain_close(names, key, 3)))
    return list(dict.fromkeys(shown))[:3]


def old_findings(vault: Vault) -> tuple[dict[str, list[str]], list[Diagnostic]]:
    """The old `Vault.hints()` and `Vault.link_diagnostics()`, on an index that remembers nothing."""
    index = LinkIndex(vault.notes.values(), vault.attachments)
    names = {*index.display, *index.by_alias}
    resolved = [(note, link, index.resolve(link.target, note.path)) for note in vault.notes.values()
                for link in note.links]
    hints = {link.target: old_suggest(index, names, link.target) for link in dict.fromkeys(
        link for _, link, res in resolved if res.status == "missing" and not link.bare)}
    diags = []
    for note, link, res in resolved:
        if res.status == "missing":
            if link.bare:
                continue
            hint = "create the note, or fix the name"
            close = old_suggest(index, names, link.target)
            if close:
                hint = "did you mean " + ", ".join(f"[[{c}]]" for c in close) + "?"
            if link.target.startswith(("./", "../")):
                hint = f"a ./ or ../ path is read from {_folder_of(note.path)} only; " + hint
            where = f" (in `{link.field}`)" if link.field else ""
            diags.append(Diagnostic(note.path, link.line, Severity.WARNING, "link-missing",
                                    f"{link.raw} points to no note{where}", hint))
            continue
        why = vault.doubt(note, link, res)
        if why is not None:
            others = list(itertools.islice((c for c in res.candidates if c != res.path), 3))
            diags.append(Diagnostic(note.path, link.line, Severity.WARNING, "link-ambiguous",
                                    f"{link.raw} matches {len(res.candidates)} notes; {res.path} is taken "
                                    f"({_HOW[res.how]}), not {_some(others, len(res.candidates) - 1)}: {why}",
                                    "write the path of the one you mean, e.g. [["
                                    + strip_md(others[0]) + "]], or rename one"))
        if (link.heading is not None or link.block is not None) and res.path in vault.notes \
                and not check_anchor(link, vault.notes[res.path]):
            what = f"block ^{link.block}" if link.block is not None else \
                "heading '" + "' > '".join((link.heading or "").split("#")) + "'"
            diags.append(Diagnostic(note.path, link.line, Severity.WARNING, "link-anchor-missing",
                                    f"{link.raw}: {res.path} has no {what}",
                                    "check the heading text or block id in the target note"))
    return hints, diags


def misspelt(name: str, rng: random.Random) -> str:
    """A name with a letter dropped, doubled or two swapped: what a hint should find."""
    i = rng.randrange(1, len(name) - 1)
    how = rng.choice(("drop", "double", "swap"))
    if how == "drop":
        return name[:i] + name[i + 1:]
    if how == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]


def add_trouble(root: Path, seed: int) -> None:
    """Notes whose links give every kind of link warning, into a generated vault."""
    rng = random.Random(seed)
    people = sorted(p.stem for p in (root / "People").glob("*.md"))
    events = sorted(p.stem for p in (root / "Events").glob("*.md"))
    for folder in ("Trouble", "Trouble/Deep", "Trouble/Aa", "Trouble/Bb"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / f"{people[0]}.md").write_text(  # a person's name, again in other folders
            "---\ntype: event\naliases: [Twin]\n---\n# Twin\n## Agenda\ntext ^blk\n", "utf-8")
        (root / folder / "Same.md").write_text("# Same\n", "utf-8")
    for i in range(30):
        a, b = rng.sample(people, 2)
        lines = [
            f"- met [[{misspelt(a, rng)}]] and [[{misspelt(b, rng).lower()}]] and [[{a[:4]}]]",
            f"- [[{people[0]}]] and [[Same]] and [[Twin]] and [[Trouble/Deep/{people[0]}]] and [[Aa/Same]]",
            f"- [[{a}#Log]] [[{a}#No Such Heading]] [[{people[0]}#Agenda]] [[{people[0]}#^blk]] "
            f"[[{people[0]}#^nope]] [[#Here]] [[#Nowhere]]",
            f"- [[./{a}]] [[../People/{b}]] [[People/{misspelt(b, rng)}]] [[Nothing Like It {i}]] "
            f"[[{misspelt(events[i % len(events)], rng)}|shown]]",
        ]
        folder = ("Trouble", "Trouble/Deep", "Notes")[i % 3]
        introduced = f'"[[{people[0]}]]"' if i % 2 else misspelt(b, rng)  # a bare name: no warning
        (root / folder / f"Trouble {i:02d}.md").write_text(
            f"---\ntype: person\nmet_at: \"[[{people[0]}]]\"\nintroduced_by: {introduced}\n---\n"
            f"# Here\n" + "\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize("shape", ["plain", "long-items"])
def test_one_pass_gives_the_old_algorithms_hints_and_warnings(tmp_path: Path, shape: str) -> None:
    generate(tmp_path, 400, seed=11, shape=shape)
    add_trouble(tmp_path, seed=11)
    vault = load_vault(tmp_path)
    hints, diags = old_findings(vault)
    codes = {d.code for d in diags}
    assert {"link-missing", "link-ambiguous", "link-anchor-missing"} <= codes, codes  # each kind is tried
    assert sum("did you mean" in d.hint for d in diags) > 30
    assert any(d.hint.startswith("a ./ or ../ path") for d in diags)
    # The same, each as often (their order is no one's: `Vault.diagnostics` sorts them).
    found, warned = vault.link_findings()
    assert (found, sorted(warned)) == (hints, sorted(diags))
    fresh = load_vault(tmp_path)
    assert fresh.hints() == hints
    assert sorted(fresh.link_diagnostics()) == sorted(diags)  # the hints already worked out serve here
    assert sorted(load_vault(tmp_path).link_diagnostics()) == sorted(diags)  # and found anew
    assert load_vault(tmp_path).diagnostics == fresh.diagnostics


def test_missing_links_left_for_later_are_warned_of_as_in_one_pass(tmp_path: Path) -> None:
    generate(tmp_path, 200, seed=5, shape="long-items")
    add_trouble(tmp_path, seed=5)
    hints, diags = old_findings(load_vault(tmp_path))
    vault = load_vault(tmp_path)
    later: list[tuple[str, Link]] = []
    found, warned = vault.link_findings(later=later)
    assert later and not found  # the hints are the caller's to work out
    assert not any(d.code == "link-missing" and "did you mean" in d.hint for d in warned)
    targets = hint_order(later, found)
    assert targets == list(dict.fromkeys(link.target for _, link in later))
    # Worked out in two halves, as the build's child and parent share them (`hintwork`).
    half = len(targets) // 2
    other = load_vault(tmp_path)
    found.update({t: vault.index.suggest(t) for t in targets[:half]})
    found.update({t: other.index.suggest(t) for t in targets[half:]})
    warned += [missing(path, link, found[link.target]) for path, link in later]
    assert (found, sorted(warned)) == (hints, sorted(diags))
