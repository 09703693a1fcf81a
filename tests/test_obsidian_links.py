"""Links, tags and aliases as Obsidian reads them (issue 10, point 1), case by case, on the notes
under `tests/vaults/obsidian-like/Links/` (and `Marrow.md` at that vault's root, which the
exact-path rule needs).

Each row of a table is one case: where the link is written, what Obsidian does with it, and
the source that says so. The tests hold vaultkit to that answer and to exactly the diagnostics
listed; the last test lists every diagnostic of the `Links/` notes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_vault
from vaultkit import Link, Vault, load_vault
from vaultkit.reader.career import interactions

VAULT = ROOT / "tests" / "vaults" / "obsidian-like"

# Sources, cited by the tables.
PICK = "SPEC §8: observed on Obsidian 1.13 (exact path, else own folder, else shortest path)"
TIE = "SPEC §8 (shortest path); no Obsidian rule is known between equal lengths: vaultkit says so"
ALIAS = "Obsidian resolves no alias (resolvedLinks leaves [[Nickname]] unresolved: vault-graph#141 probe)"
KIND = "issue 10: a [[Name]] in a person field resolving to a note of another kind is doubtful"
REL = "vault-graph#141, a probe of Obsidian's resolvedLinks: ./x resolves beside the linking note only"
EMPTY = ("docs.obsidian.md MetadataCache.getFirstLinkpathDest(linkpath, sourcePath): an empty linkpath is "
         "the source note, as [[#h]] shows; [[|x]] itself not observed here")
HELP = "help.obsidian.md/links: link to a heading; chain subheadings with #; Markdown links URL-encoded"
STRIP = "docs.obsidian.md stripHeading: headings compare with special characters stripped"
COMMENT = "SPEC §8: headings inside <!-- --> are not headings (observed); code is not Markdown"
MDLINK = "help.obsidian.md/links: [text](Some%20Note.md) is the same link as [[Some Note]]"
FORMAT = ("help.obsidian.md/links, New link format (vault path, shortest, relative to the file); "
          "aliasunder/vault-cortex#152: Obsidian resolves exact vault path, then from the file, then by name")
TAGS = "issue 10: observed on a test note (Obsidian's metadata cache)"
PROPS = "help.obsidian.md/properties: tags and aliases are lists of text"
NFC = "SPEC §3: names match across Unicode NFC/NFD (a Mac writes NFD)"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def vault() -> Vault:
    return load_vault(VAULT)


def line_of(rel: str, needle: str) -> int:
    text = next(p for p in VAULT.rglob("*.md") if p.relative_to(VAULT).as_posix() == rel).read_text("utf-8")
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def link_at(vault: Vault, rel: str, label: str) -> Link:
    """The one link on the `- label: ` line of a note (or the `- label …` item)."""
    try:
        line = line_of(rel, f"- {label}: ")
    except AssertionError:
        line = line_of(rel, f"- {label} ")
    found = [link for link in vault.notes[rel].links if link.line == line]
    assert len(found) == 1, (label, found)
    return found[0]


def codes_at(vault: Vault, rel: str, line: int) -> list[str]:
    return sorted(d.code for d in vault.diagnostics if d.path == rel and d.line == line)


PICK_SRC = "Links/Pick/Source.md"
REL_SRC = "Links/Rel/Sub/Rel Source.md"
MD_SRC = "Links/Md/Md Source.md"
NFC_SRC = "Links/Unicode/Sub/Nfc Source.md"

# (case: the note and its `- label:` line, what Obsidian resolves it to (None: unresolved),
#  the diagnostics vaultkit gives on that line, the source)
RESOLVED = [
    ((PICK_SRC, "exact path"), "Marrow.md", [], PICK),
    ((PICK_SRC, "own folder"), "Links/Pick/Quillon.md", [], PICK),
    (("Links/Pick/Sub/Inner/Deep Source.md", "ancestor folder counts for nothing"), "Links/V/Vell.md", [], PICK),
    ((PICK_SRC, "path from the root"), "Links/Pick/Elsewhere/Quillon.md", [], PICK),
    ((PICK_SRC, "shortest path"), "Links/Pick/Zephyr Stone.md", [], PICK),
    ((PICK_SRC, "tie"), "Links/Tie/A/Orrin.md", ["link-ambiguous"], TIE),
    ((PICK_SRC, "alias shared"), "Links/Pick/Crew One.md", ["link-ambiguous"], ALIAS),
    ((REL_SRC, "parent folder"), "Links/Rel/Target Rel.md", [], REL),
    ((REL_SRC, "this folder"), "Links/Rel/Sub/Sibling.md", [], REL),
    ((REL_SRC, "this folder, none there"), None, ["link-missing"], REL),
    ((REL_SRC, "out of the vault"), None, ["link-missing"], REL),
    ((REL_SRC, "empty target, shown text"), REL_SRC, [], EMPTY),
    ((REL_SRC, "heading path"), "Links/Heading Note.md", [], HELP),
    ((REL_SRC, "heading path in the wrong order"), "Links/Heading Note.md", ["link-anchor-missing"], HELP),
    ((REL_SRC, "heading path, not nested"), "Links/Heading Note.md", ["link-anchor-missing"], HELP),
    (("Links/Anchors.md", "punctuation dropped"), "Links/Heading Note.md", [], STRIP),
    (("Links/Anchors.md", "as Obsidian writes it"), "Links/Heading Note.md", [], STRIP),
    (("Links/Anchors.md", "case and spacing"), "Links/Heading Note.md", [], STRIP),
    (("Links/Anchors.md", "comment after the heading"), "Links/Heading Note.md", [], COMMENT),
    (("Links/Anchors.md", "heading in a comment block"), "Links/Heading Note.md", ["link-anchor-missing"], COMMENT),
    (("Links/Anchors.md", "heading in a comment opened in a paragraph"), "Links/Heading Note.md",
     ["link-anchor-missing"], COMMENT),
    (("Links/Anchors.md", "heading in code"), "Links/Heading Note.md", ["link-anchor-missing"], COMMENT),
    (("Links/Anchors.md", "symbols, the # left out as Obsidian does"), "Links/Heading Note.md", [], STRIP),
    ((MD_SRC, "encoded"), "Links/Md/Brisk Heron.md", [], MDLINK),
    ((MD_SRC, "encoded with heading"), "Links/Md/Brisk Heron.md", [], MDLINK),
    ((MD_SRC, "missing heading"), "Links/Md/Brisk Heron.md", ["link-anchor-missing"], MDLINK),
    ((MD_SRC, "angle brackets"), "Links/Md/Brisk Heron.md", [], MDLINK),
    ((MD_SRC, "no extension"), "Links/Md/Brisk Heron.md", [], MDLINK),
    ((MD_SRC, "attachment"), "Links/Md/Field Guide.pdf", [], MDLINK),
    ((MD_SRC, "missing attachment"), None, ["link-missing"], MDLINK),
    ((MD_SRC, "folder path"), "Links/Md/Sub/Deep Note.md", [], FORMAT),
    ((MD_SRC, "relative path"), "Links/Rel/Target Rel.md", [], REL),
    ((MD_SRC, "image embed"), "Links/Md/Field Guide.pdf", [], MDLINK),
    ((MD_SRC, "2026-02-03 lunch with"), "Links/Md/People/Wren Calder.md", [], FORMAT),
    (("Links/Yaml/Yaml Source.md", "yes"), "Links/Yaml/Literal Values.md", [], PROPS),
    (("Links/Yaml/Yaml Source.md", "octal"), "Links/Yaml/Literal Values.md", [], PROPS),
    (("Links/Yaml/Yaml Source.md", "date"), "Links/Yaml/Literal Values.md", [], PROPS),
    ((NFC_SRC, "name"), nfd("Links/Unicode/Tomás.md"), [], NFC),
    ((NFC_SRC, "path with folders"), nfd("Links/Unicode/Crème/Brûlée.md"), [], NFC),
    ((NFC_SRC, "alias"), nfd("Links/Unicode/Tomás.md"), [], NFC),
    ((NFC_SRC, "heading"), nfd("Links/Unicode/Tomás.md"), [], NFC),
    ((NFC_SRC, "relative path"), nfd("Links/Unicode/Tomás.md"), [], NFC),
    ((NFC_SRC, "markdown link"), nfd("Links/Unicode/Tomás.md"), [], NFC),
]


@pytest.mark.parametrize(("case", "obsidian", "diagnostics", "source"), RESOLVED,
                         ids=[f"{c[0].rsplit('/', 1)[-1]}: {c[1]}" for c, *_ in RESOLVED])
def test_links_resolve_as_obsidian_resolves_them(vault: Vault, case: tuple[str, str], obsidian: str | None,
                                                 diagnostics: list[str], source: str) -> None:
    rel, label = case
    link = link_at(vault, rel, label)
    res = vault.resolve(link, rel)
    assert res.path == obsidian, source
    assert res.status == ("missing" if obsidian is None else "ok")
    assert codes_at(vault, rel, link.line) == diagnostics, source


def test_a_pick_says_which_note_it_took_and_the_others(vault: Vault) -> None:
    res = vault.resolve(link_at(vault, PICK_SRC, "own folder"), PICK_SRC)
    assert (res.how, res.candidates) == ("folder", ("Links/Pick/Elsewhere/Quillon.md", "Links/Pick/Quillon.md"))
    assert res.others == ("Links/Pick/Elsewhere/Quillon.md",)
    [tie] = [d for d in vault.diagnostics if d.path == PICK_SRC and d.code == "link-ambiguous"
             and "Orrin" in d.message]
    assert tie.severity == "warning"
    assert "Links/Tie/A/Orrin.md is taken" in tie.message and "not Links/Tie/B/Orrin.md" in tie.message
    assert "[[Links/Tie/B/Orrin]]" in tie.hint


def test_a_typed_field_doubts_a_pick_of_another_kind(vault: Vault) -> None:
    """`met: [[Kestrel]]` in Links/Doubt/ takes the plain note beside it, as Obsidian does; a
    person named Kestrel exists, so the pick is flagged. `community:` (no community named so),
    the body link and `introduced_by` (whose pick is the person) are not."""
    fair = "Links/Doubt/Hawk Fair.md"
    found = [(d.line, d.code) for d in vault.diagnostics if d.path == fair]
    assert found == [(line_of(fair, "met:"), "link-ambiguous")]
    [diag] = [d for d in vault.diagnostics if d.path == fair]
    assert "`met` expects a person, and Links/Doubt/People/Kestrel.md is one" in diag.message
    assert "[[Links/Doubt/People/Kestrel]]" in diag.hint
    assert not [d for d in vault.diagnostics if d.path == "Links/Doubt/People/Harrier.md"]
    # Typed records take the same pick: the event met the plain note, not the person.
    event = vault.record(fair)
    assert vault.index.resolve(event.met[0].target, fair).path == "Links/Doubt/Kestrel.md"
    assert not [i for i in interactions(vault).get("Links/Doubt/People/Kestrel.md", []) if i.path == fair]
    harrier = vault.record("Links/Doubt/People/Harrier.md")
    assert vault.target(harrier.introduced_by, harrier.note.path).path == "Links/Doubt/People/Kestrel.md"


def test_heading_path_is_kept_whole(vault: Vault) -> None:
    link = link_at(vault, REL_SRC, "heading path")
    assert (link.target, link.heading, link.raw) == ("Heading Note", "Part One#Detail",
                                                     "[[Heading Note#Part One#Detail]]")


def test_a_missing_heading_path_is_named_part_by_part(vault: Vault) -> None:
    line = link_at(vault, REL_SRC, "heading path in the wrong order").line
    [diag] = [d for d in vault.diagnostics if d.path == REL_SRC and d.line == line]
    assert diag.message.endswith("Links/Heading Note.md has no heading 'Detail' > 'Part One'")


def test_empty_target_is_recorded_as_a_link_to_the_note_itself(vault: Vault) -> None:
    link = link_at(vault, REL_SRC, "empty target, shown text")
    assert (link.target, link.alias) == ("", "myself")
    assert REL_SRC not in {s for s, _ in vault.backlinks.get(REL_SRC, ())}  # no backlink to itself


def test_markdown_links_are_links_backlinks_and_mentions(vault: Vault) -> None:
    links = vault.notes[MD_SRC].links
    # External URLs, mail, obsidian: URIs, same-note anchors and links in code or comments are none.
    assert not [link for link in links if link.target.startswith(("https", "mailto", "obsidian", "#"))
                or "Nowhere" in link.target]
    assert len(links) == 11 and all(link.markdown for link in links)
    encoded = link_at(vault, MD_SRC, "encoded with heading")
    assert (encoded.target, encoded.heading, encoded.alias) == ("Brisk Heron.md", "Habitat", "habitat")
    assert link_at(vault, MD_SRC, "image embed").embed
    heron = {source for source, _ in vault.backlinks["Links/Md/Brisk Heron.md"]}
    assert MD_SRC in heron
    assert MD_SRC in {source for source, _ in vault.backlinks["Links/Md/Field Guide.pdf"]}
    [lunch] = [i for i in interactions(vault)["Links/Md/People/Wren Calder.md"] if i.path == MD_SRC]
    assert (lunch.date, lunch.source) == (dt.date(2026, 2, 3), "item")  # last contact, as a wikilink gives


# (note, Obsidian's tags, its aliases, the diagnostics, the source)
PROPERTIES = [
    ("Links/Tags/Empty Item.md", ("work",), (), [], "SPEC §8: `tags:` with an empty item is common; no error"),
    ("Links/Tags/One String.md", (), (), ["tags-string"], TAGS),
    ("Links/Tags/Spaced String.md", (), (), ["tags-string"],
     "as the comma case: a tag holds no space, so the one string is no tag (inferred, not observed)"),
    ("Links/Tags/One Word.md", ("work",), (), [], "help.obsidian.md/tags: a single tag may be written as text"),
    ("Links/Tags/In Text.md", ("real",), (), [],
     "issue 10: a # after ( or in a URL or a link's destination is no tag; code is not Markdown"),
    ("Links/Yaml/Literal Values.md", ("On", "Off"), ("Yes", "No", "1.0", "012", "2024-01-01"), [], PROPS),
    (nfd("Links/Unicode/Tomás.md"), (), (nfd("Zoë"),), [], NFC),
]


@pytest.mark.parametrize(("rel", "tags", "aliases", "diagnostics", "source"), PROPERTIES,
                         ids=[row[0].rsplit("/", 1)[-1] for row in PROPERTIES])
def test_tags_and_aliases_as_obsidian_reads_them(vault: Vault, rel: str, tags: tuple[str, ...],
                                                  aliases: tuple[str, ...], diagnostics: list[str],
                                                  source: str) -> None:
    note = vault.notes[rel]
    assert (note.tags, note.aliases) == (tags, aliases), source
    assert sorted(d.code for d in vault.diagnostics if d.path == rel) == diagnostics, source


def test_tags_string_suggests_the_list_form(vault: Vault) -> None:
    [diag] = [d for d in vault.diagnostics if d.path == "Links/Tags/One String.md"]
    assert (diag.line, diag.severity, diag.hint) == (2, "warning", "write the tags as a list: tags: [value-1, value-2]")


def test_every_diagnostic_of_the_links_area(vault: Vault) -> None:
    """The notes of `Links/` hold exactly the problems the tables above list, and `Marrow.md`
    none: the whole-vault check sees no other."""
    expected = sorted(
        [(case[0], line_of(case[0], f"- {case[1]}: "), code) for case, _, codes, _ in RESOLVED
         if codes for code in codes]
        + [(rel, 2, code) for rel, _, _, codes, _ in PROPERTIES for code in codes]
        + [("Links/Doubt/Hawk Fair.md", line_of("Links/Doubt/Hawk Fair.md", "met:"), "link-ambiguous")])
    got = sorted((d.path, d.line, d.code) for d in vault.diagnostics
                 if d.path.startswith("Links/") or d.path == "Marrow.md")
    assert got == expected


def test_the_area_is_not_modified_by_reading_it(tmp_path: Path) -> None:
    copy = tmp_path / "v"
    shutil.copytree(VAULT, copy)
    load_vault(copy).diagnostics  # noqa: B018 - computing them reads and resolves everything
    for path in VAULT.rglob("*"):
        if path.is_file():
            assert (copy / path.relative_to(VAULT)).read_bytes() == path.read_bytes()


def test_resolution_memo_keeps_picks_per_folder(tmp_path: Path) -> None:
    """One name, two folders linking it: each folder gets its own pick (the memo is by
    (target, folder) for a shared name), while a unique name is remembered once."""
    vault = load_vault(write_vault(tmp_path, {
        "A/Same.md": "", "B/Same.md": "", "A/From.md": "[[Same]] [[Only]]\n", "B/From.md": "[[Same]] [[Only]]\n",
        "C/Only.md": "",
    }))
    assert vault.resolve(vault.notes["A/From.md"].links[0], "A/From.md").path == "A/Same.md"
    assert vault.resolve(vault.notes["B/From.md"].links[0], "B/From.md").path == "B/Same.md"
    assert vault.resolve(vault.notes["B/From.md"].links[1], "B/From.md").path == "C/Only.md"
    assert "Only" in vault.index._memo and ("Same", "A") in vault.index._memo_in


def test_new_note_sharing_a_name_says_which_one_links_take(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from vaultkit.cli.main import cli

    root = write_vault(tmp_path / "v", {"vaultkit.toml": "", "Notes/Ada.md": "a note\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "new", "person", "Ada"])
    assert result.exit_code == 0, result.output
    assert "a bare [[Ada]] takes the one in the linking note's folder, else the shortest path" in result.stderr
    assert (root / "People" / "Ada.md").exists() and (root / "Notes" / "Ada.md").read_text() == "a note\n"
