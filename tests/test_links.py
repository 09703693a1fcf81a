"""Links by Obsidian's rules, case by case, on the `tests/vaults/links` fixture vault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, write_vault
from vaultkit import Link, Vault, load_vault
from vaultkit.reader import linksyntax
from vaultkit.reader.links import LinkIndex, heading_key
from vaultkit.reader.linksyntax import link_head, link_parts, parse_link, split_subpath
from vaultkit.reader.model import Note

LINKS = ROOT / "tests" / "vaults" / "links"


@pytest.fixture(scope="module")
def vault() -> Vault:
    return load_vault(LINKS)


def line_of(rel: str, needle: str) -> int:
    """1-based line of the first line of a fixture note containing `needle`."""
    for number, line in enumerate((LINKS / rel).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def source_link(vault: Vault, label: str) -> Link:
    """The link on the `- label: ...` line of Source.md."""
    line = line_of("Source.md", f"- {label}: ")
    found = [link for link in vault.notes["Source.md"].links if link.line == line]
    assert len(found) == 1, (label, found)
    return found[0]


def diags_at(vault: Vault, path: str, line: int) -> list[str]:
    return [d.code for d in vault.diagnostics if d.path == path and d.line == line]


@pytest.mark.parametrize(("label", "expected"), [
    ("exact", "People/Ada Lovelace.md"),
    ("case", "People/Ada Lovelace.md"),
    ("alias", "People/Ada Lovelace.md"),
    ("alias case", "People/Ada Lovelace.md"),
    ("title", "Projects/Analytical Engine.md"),
    ("file name beats title", "Projects/Analytical Engine.md"),
    ("path", "Projects/Analytical Engine.md"),
    ("partial path", "Projects/Notes/Engine Notes.md"),
    ("rooted path", "Projects/Analytical Engine.md"),
    ("md suffix", "Projects/Analytical Engine.md"),
    ("path md suffix", "Projects/Analytical Engine.md"),
    ("heading", "Projects/Analytical Engine.md"),
    ("heading case", "Projects/Analytical Engine.md"),
    ("setext heading", "Projects/Analytical Engine.md"),
    ("block", "People/Ada Lovelace.md"),
    ("block in item", "People/Ada Lovelace.md"),
    ("same note", "Source.md"),
    ("same note block", "Source.md"),
    ("shown", "People/Ada Lovelace.md"),
    ("heading and shown", "People/Ada Lovelace.md"),
    ("embed", "Projects/Analytical Engine.md"),
    ("embed image", "Assets/diagram.png"),
    ("embed image path", "Assets/diagram.png"),
    ("embed image case", "Assets/diagram.png"),
    ("attachment link", "Assets/Spec Sheet.pdf"),
    ("disambiguated", "People/Ada.md"),
    ("disambiguated archive", "Archive/People/Ada.md"),
])
def test_link_resolves_with_no_diagnostic(vault: Vault, label: str, expected: str) -> None:
    link = source_link(vault, label)
    res = vault.resolve(link, "Source.md")
    assert (res.status, res.path) == ("ok", expected)
    assert diags_at(vault, "Source.md", link.line) == []


def test_parts_of_a_link(vault: Vault) -> None:
    shown = source_link(vault, "heading and shown")
    assert (shown.target, shown.heading, shown.block, shown.alias, shown.embed) == \
        ("Ada Lovelace", "Early life", None, "early years", False)
    block = source_link(vault, "block")
    assert (block.target, block.heading, block.block) == ("Ada Lovelace", None, "engine")
    same = source_link(vault, "same note")
    assert (same.target, same.heading) == ("", "Local heading")
    embed = source_link(vault, "embed image")
    assert (embed.target, embed.embed) == ("diagram.png", True)
    assert embed.raw == "![[diagram.png]]"


@pytest.mark.parametrize(("label", "what"), [
    ("heading missing", "heading 'Nope'"),
    ("block missing", "block ^nope"),
    ("same note missing", "heading 'Missing local'"),
])
def test_missing_anchor(vault: Vault, label: str, what: str) -> None:
    link = source_link(vault, label)
    assert vault.resolve(link, "Source.md").status == "ok"
    [diag] = [d for d in vault.diagnostics if d.path == "Source.md" and d.line == link.line]
    assert diag.code == "link-anchor-missing"
    assert what in diag.message


@pytest.mark.parametrize("label", ["ambiguous", "ambiguous md"])
def test_shared_name_takes_obsidians_pick_without_a_diagnostic(vault: Vault, label: str) -> None:
    link = source_link(vault, label)
    res = vault.resolve(link, "Source.md")
    assert (res.status, res.path, res.how) == ("ok", "People/Ada.md", "shortest")
    assert res.candidates == ("Archive/People/Ada.md", "People/Ada.md")
    assert res.others == ("Archive/People/Ada.md",)
    assert diags_at(vault, "Source.md", link.line) == []  # the shortest path: no doubt
    target = vault.target(link, "Source.md")
    assert target is not None and target.path == "People/Ada.md"


def test_missing_link_suggests_the_closest_name(vault: Vault) -> None:
    link = source_link(vault, "typo")
    [diag] = [d for d in vault.diagnostics if d.path == "Source.md" and d.line == link.line]
    assert diag.code == "link-missing"
    assert "[[Ada Lovelace]]" in diag.hint and "did you mean" in diag.hint


def test_a_close_alias_is_suggested_as_the_note_that_has_it() -> None:
    """`[[Grace Hoper]]` with a note Grace Hopper (alias Grace): one suggestion, the note's name,
    never the alias in lower case (`[[grace]]` reads as another note, and Obsidian links by name)."""
    notes = [Note(path="People/Grace Hopper.md", title="Grace Hopper", kind="person", aliases=("Grace",)),
             Note(path="Other/Gracie.md", title="Gracie", kind=None, aliases=("Gracie Fields",))]
    index = LinkIndex(notes)
    assert index.suggest("Grace Hoper") == ["Grace Hopper"]
    assert index.suggest("Gracie Field") == ["Gracie"]


def test_missing_link_without_anything_close(vault: Vault) -> None:
    link = source_link(vault, "nothing like it")
    [diag] = [d for d in vault.diagnostics if d.path == "Source.md" and d.line == link.line]
    assert diag.code == "link-missing" and "did you mean" not in diag.hint


def test_missing_embed(vault: Vault) -> None:
    link = source_link(vault, "embed missing")
    assert diags_at(vault, "Source.md", link.line) == ["link-missing"]


def test_source_diagnostics_are_exactly_the_broken_links(vault: Vault) -> None:
    found = sorted((d.line or 0, d.code) for d in vault.diagnostics if d.path == "Source.md")
    expected = sorted([
        (line_of("Source.md", "heading missing:"), "link-anchor-missing"),
        (line_of("Source.md", "block missing:"), "link-anchor-missing"),
        (line_of("Source.md", "same note missing:"), "link-anchor-missing"),
        (line_of("Source.md", "embed missing:"), "link-missing"),
        (line_of("Source.md", "typo:"), "link-missing"),
        (line_of("Source.md", "nothing like it:"), "link-missing"),
    ])
    assert found == expected


def test_links_in_code_and_comments_are_not_links(vault: Vault) -> None:
    note = vault.notes["Code.md"]
    assert [(link.target, link.line) for link in note.links] == [
        ("Babbage", line_of("Code.md", "[[Babbage]]")),
        ("Ada Lovelace", line_of("Code.md", "Real: [[Ada Lovelace]]")),
    ]
    assert note.tags == ("realtag",)
    assert not [d for d in vault.diagnostics if d.path == "Code.md"]


def test_links_in_frontmatter_count(vault: Vault) -> None:
    note = vault.notes["Frontmatter.md"]
    got = [(link.target, link.heading, link.field, link.line) for link in note.links]
    assert got == [
        ("Ada Lovelace", None, "introduced_by", 3),
        ("Analytical Engine", None, "communities", 4),
        ("Notes/Engine Notes", None, "communities", 4),
        ("Countess", None, "mentor", 5),
        ("Ada Lovelace", "Early life", "see", 6),
        ("The Engine", None, "projects", 7),      # nested: a list of mappings holding a list
        ("People/Ada", None, "projects", 7),
        ("Nobody Here", None, "missing", 11),
    ]
    [diag] = [d for d in vault.diagnostics if d.path == "Frontmatter.md"]
    assert (diag.code, diag.line) == ("link-missing", 11)
    assert "`missing`" in diag.message


def test_backlinks_for_every_note(vault: Vault) -> None:
    got = {path: sorted({source for source, _ in vault.backlinks.get(path, ())}) for path in vault.notes}
    assert got == {
        "Archive/People/Ada.md": ["Source.md"],
        "Code.md": [],
        "Daily/2026-03-04.md": [],
        "Frontmatter.md": [],
        "Lonely.md": [],
        "People/Ada Lovelace.md": ["Code.md", "Daily/2026-03-04.md", "Frontmatter.md", "Source.md"],
        "People/Ada.md": ["Frontmatter.md", "Source.md"],
        "Projects/Analytical Engine.md": ["Frontmatter.md", "People/Ada Lovelace.md",
                                          "Projects/Notes/Engine Notes.md", "Source.md"],
        "Projects/Babbage.md": ["Code.md"],
        "Projects/Notes/Engine Notes.md": ["Frontmatter.md", "Source.md"],
        "Source.md": [],  # links to itself are not backlinks
    }
    assert sorted({s for s, _ in vault.backlinks["Assets/diagram.png"]}) == ["Source.md"]


def test_backlinks_keep_the_link_and_field(vault: Vault) -> None:
    from_frontmatter = [link for source, link in vault.backlinks["People/Ada Lovelace.md"]
                        if source == "Frontmatter.md"]
    assert sorted((link.field or "", link.heading or "") for link in from_frontmatter) == \
        [("introduced_by", ""), ("mentor", ""), ("see", "Early life")]
    from_source = [link for source, link in vault.backlinks["People/Ada Lovelace.md"] if source == "Source.md"]
    assert len(from_source) == 9  # exact, case, 2 aliases, 3 blocks, 2 shown


# --- the rules in isolation ----------------------------------------------------------


def _note(path: str, aliases: tuple[str, ...] = (), title: str | None = None) -> Note:
    stem = path.rsplit("/", 1)[-1][:-3]
    return Note(path=path, title=title or stem, kind=None, aliases=aliases)


def test_name_before_alias_and_ambiguous_aliases() -> None:
    index = LinkIndex([_note("A/X.md"), _note("B/Y.md", aliases=("X", "Zed")), _note("C/Z.md", aliases=("zed",))])
    assert index.resolve("x").path == "A/X.md"
    assert (index.resolve("zed").path, index.resolve("zed").how) == ("B/Y.md", "alias")
    assert index.resolve("ZED").candidates == ("B/Y.md", "C/Z.md")


def test_path_from_root_before_partial_path() -> None:
    index = LinkIndex([_note("People/Ada.md"), _note("Work/People/Ada.md")])
    assert index.resolve("People/Ada").path == "People/Ada.md"
    assert index.resolve("Work/People/Ada").path == "Work/People/Ada.md"
    assert index.resolve("people/ada.md").path == "People/Ada.md"
    assert (index.resolve("Ada").path, index.resolve("Ada").how) == ("People/Ada.md", "shortest")


def test_partial_path_shared_by_two_notes_is_a_tie() -> None:
    index = LinkIndex([_note("A/People/Ada.md"), _note("B/People/Ada.md")])
    res = index.resolve("People/Ada")
    assert (res.path, res.how) == ("A/People/Ada.md", "tie")
    assert res.candidates == ("A/People/Ada.md", "B/People/Ada.md")
    assert index.resolve("ple/Ada").status == "missing"  # suffixes match whole folder names


def test_empty_target_is_the_source_note() -> None:
    index = LinkIndex([_note("a.md")])
    assert index.resolve("", "a.md").path == "a.md"
    assert index.resolve("").status == "missing"


def test_attachments_need_their_extension() -> None:
    index = LinkIndex([], ["img/Photo.JPG"])
    assert index.resolve("photo.jpg").path == "img/Photo.JPG"
    assert index.resolve("img/photo.jpg").path == "img/Photo.JPG"
    assert index.resolve("Photo").status == "missing"


def test_heading_key_ignores_case_spacing_and_link_punctuation() -> None:
    assert heading_key("Using `foo`: a *how-to*") == heading_key("using foo a how-to")
    assert heading_key("  Early   life ") == "early life"


@pytest.mark.parametrize(("inner", "expected"), [
    ("Note", ("Note", None, None, None)),
    ("Note|shown", ("Note", None, None, "shown")),
    ("Note\\|shown", ("Note", None, None, "shown")),  # escaped pipe, as inside a table
    ("Note#Heading", ("Note", "Heading", None, None)),
    ("Note#Heading#Sub", ("Note", "Heading#Sub", None, None)),
    ("Note##Heading", ("Note", "Heading", None, None)),
    ("|shown", ("", None, None, "shown")),
    ("Note#^block-1", ("Note", None, "block-1", None)),
    ("#Heading", ("", "Heading", None, None)),
    ("Note#Heading|shown", ("Note", "Heading", None, "shown")),
    (" Note ", ("Note", None, None, None)),
    ("folder/Note.md", ("folder/Note.md", None, None, None)),
])
def test_parse_link(inner: str, expected: tuple[str, str | None, str | None, str | None]) -> None:
    link = parse_link(inner, 1)
    assert link is not None
    assert (link.target, link.heading, link.block, link.alias) == expected


@pytest.mark.parametrize("inner", ["", "#", "|", " ", "# |"])
def test_empty_links_are_not_links(inner: str) -> None:
    assert parse_link(inner, 1) is None


def test_table_cell_links_with_escaped_pipe(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {
        "Ada.md": "",
        "t.md": "| who | note |\n|---|---|\n| [[Ada\\|the countess]] | x |\n",
    }))
    [link] = vault.notes["t.md"].links
    assert (link.target, link.alias, link.line) == ("Ada", "the countess", 3)
    assert vault.resolve(link, "t.md").path == "Ada.md"


def test_fixture_is_not_modified(tmp_path: Path) -> None:
    copy = tmp_path / "links"
    shutil.copytree(LINKS, copy)
    load_vault(copy).diagnostics  # noqa: B018 - computing them reads everything
    for path in LINKS.rglob("*"):
        if path.is_file():
            assert (copy / path.relative_to(LINKS)).read_bytes() == path.read_bytes()


# --- Obsidian's pick, relative paths, heading paths, Markdown links (issue 10) ----------------


def test_exact_root_path_before_own_folder_before_shortest() -> None:
    index = LinkIndex([_note("Ada.md"), _note("B/Ada.md"), _note("C/D/Ada.md")])
    assert (index.resolve("Ada", "B/x.md").path, index.resolve("Ada", "B/x.md").how) == ("Ada.md", "exact")
    index = LinkIndex([_note("A/Ada.md"), _note("B/C/Ada.md")])
    assert index.resolve("Ada", "B/C/x.md").path == "B/C/Ada.md"       # own folder
    assert index.resolve("Ada", "B/C/D/x.md").path == "A/Ada.md"       # an ancestor counts for nothing
    assert index.resolve("Ada").path == "A/Ada.md"                     # no linking note: shortest


def test_relative_paths_read_from_the_linking_note_only() -> None:
    index = LinkIndex([_note("A/B/X.md"), _note("A/Y.md")])
    assert index.resolve("../Y", "A/B/n.md").path == "A/Y.md"
    assert index.resolve("./X.md", "A/B/n.md").path == "A/B/X.md"
    assert index.resolve("./Y", "A/B/n.md").status == "missing"        # Y is elsewhere: not found
    assert index.resolve("../../../Y", "A/B/n.md").status == "missing"  # out of the vault
    assert index.resolve("./X").status == "missing"                    # no linking note, no folder
    assert index.resolve("B/X", "A/n.md").path == "A/B/X.md"           # a path from the note's folder


def test_heading_paths_follow_sections() -> None:
    from vaultkit.reader.links import Headings
    from vaultkit.reader.model import Heading

    heads = Headings([Heading(1, "A", 1), Heading(2, "B", 2), Heading(3, "C", 3), Heading(2, "D", 4),
                      Heading(1, "E", 5), Heading(2, "C", 6)])
    assert heads.has(["a", "b", "c"]) and heads.has(["a", "c"]) and heads.has(["e", "c"])
    assert not heads.has(["b", "d"])          # D is B's sibling, not inside it
    assert not heads.has(["d", "c"])          # the C after D is under E
    assert not heads.has(["c", "a"]) and not heads.has(["x"])


@pytest.mark.parametrize(("dest", "expected"), [
    ("Some%20Note.md#Part%20One", ("Some Note.md", "Part One", None)),
    ("<Some Note.md>", ("Some Note.md", None, None)),
    ("folder/Note.md#^blk", ("folder/Note.md", None, "blk")),
    ("file.pdf", ("file.pdf", None, None)),
    ("50%25%20off.md", ("50% off.md", None, None)),
    ("https://example.com/#x", None), ("mailto:a@b.c", None), ("obsidian://open?vault=v", None),
    ("file:///tmp/x.md", None), ("#Heading", None), ("", None),
])
def test_markdown_link_destinations(dest: str, expected: tuple[str, str | None, str | None] | None) -> None:
    from vaultkit.reader.linksyntax import markdown_link

    link = markdown_link("text", dest, 3)
    got = None if link is None else (link.target, link.heading, link.block)
    assert got == expected
    if link is not None:
        assert (link.alias, link.markdown, link.line) == ("text", True, 3)


def test_the_library_resolves_a_target_as_written(tmp_path: Path) -> None:
    """`vault.resolve("Index", source)`, as the README shows, with Obsidian's pick by folder."""
    root = write_vault(tmp_path, {"Projects/Index.md": "", "Areas/Index.md": "", "Projects/Alpha.md": "[[Index]]"})
    vault = load_vault(root)
    assert vault.resolve("Index", "Projects/Alpha.md").path == "Projects/Index.md"
    assert vault.resolve("Index", "Areas/x.md").path == "Areas/Index.md"
    target = vault.target("../Areas/Index", "Projects/Alpha.md")
    assert target is not None and target.path == "Areas/Index.md"
    assert vault.resolve(vault.notes["Projects/Alpha.md"].links[0], "Projects/Alpha.md").path == "Projects/Index.md"


def test_a_notes_name_key_is_one_string_in_the_index() -> None:
    # A vault of 50,000 notes holds the index through its build: a note's name key serves
    # as the tail of its path key too, one string rather than two.
    index = LinkIndex([Note("People/Ada Lovelace.md", "Ada Lovelace", "person"), Note("Ada.md", "Ada", None)])
    names = {key: key for key in index.display}
    assert set(names) == {"ada lovelace", "ada"}
    assert all(tail is names[tail] for tail in index._by_tail if tail in names)
    assert index.resolve("Ada Lovelace").path == "People/Ada Lovelace.md"
    assert index.resolve("people/ada lovelace").path == "People/Ada Lovelace.md"


def _parts_as_first_written(inner: str) -> tuple[str, str | None, str | None, str | None] | None:
    """`link_parts` as written before a bare name had a way of its own: alias, then subpath."""
    alias: str | None = None
    text = inner
    for sep in ("\\|", "|"):
        if sep in text:
            text, alias = text.split(sep, 1)
            alias = alias.strip()
            break
    target, heading, block = split_subpath(text)
    target = target.strip()
    return None if not target and heading is None and block is None and not alias else (target, heading, block, alias)


@settings(max_examples=400)
@given(st.text(alphabet=" a\t|#^\\b", max_size=10))
def test_a_links_inside_is_read_the_same_whichever_way_it_is_first_seen(inner: str) -> None:
    # A bare name skips the alias and subpath reading; seen first as a body link (`link_head`)
    # or through `parse_link`, the inside gives the same link.
    expected = _parts_as_first_written(inner)
    for first in (link_head, link_parts):
        linksyntax.forget()
        first(inner)
        assert link_parts(inner) == expected
        head = link_head(inner)
        if expected is None:
            assert head == ""
        elif expected[1:] == (None, None, None):
            assert head == expected[0]
        else:
            assert head == (expected[0], _trimmed(expected[1:]))
    linksyntax.forget()


def _trimmed(tail: tuple[str | None, ...]) -> tuple[str | None, ...]:
    while tail and tail[-1] is None:
        tail = tail[:-1]
    return tail


def _indexed(index: LinkIndex) -> tuple[object, ...]:
    """What an index holds, in order (its dicts' orders too: a tie goes to the first)."""
    return tuple(list(d.items()) for d in (index.by_name, index.by_alias, index.by_path, index.display,
                                           index._by_tail))


def test_names_made_ahead_give_the_index_made_from_the_notes(vault: Vault) -> None:
    # A cold build makes the names of the notes' paths while its workers parse the notes
    # (`links.names_of`), rather than in `Vault` once they are loaded, both cores idle then.
    from vaultkit.reader.links import names_of
    from vaultkit.reader.vault import sort_key

    notes = list(vault.notes.values())
    extra = [*notes, _note("Zeta/Ada Lovelace.md", aliases=("Ada",)), _note("Ünïcode/Tomás.md", title="Tomas")]
    attachments = (*vault.attachments, "Vaultkit/Prep/Ada Lovelace.md", "img/Photo.JPG")
    paths = sorted((n.path for n in extra), key=sort_key)
    names = names_of(paths, sorted(attachments, key=sort_key))  # (as `Vault` sorts them)
    made = Vault(reversed(extra), vault.config, attachments, names=names)
    alone = Vault(extra, vault.config, attachments)
    assert list(made.notes) == list(alone.notes) == paths
    assert made.index.by_name is names.by_name  # taken, not made again
    assert _indexed(made.index) == _indexed(alone.index)
    # Names of other paths (a note gone between the scan and its reading) are not taken.
    fewer = Vault(extra[1:], vault.config, attachments, names=names)
    assert list(fewer.notes) == paths[:paths.index(extra[0].path)] + paths[paths.index(extra[0].path) + 1:]
    assert fewer.index.by_name is not names.by_name
    assert _indexed(fewer.index) == _indexed(Vault(extra[1:], vault.config, attachments).index)
    other = Vault(extra, vault.config, attachments[:-1], names=names)  # nor those of other attachments
    assert _indexed(other.index) == _indexed(Vault(extra, vault.config, attachments[:-1]).index)
