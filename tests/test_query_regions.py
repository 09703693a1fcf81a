"""Query regions in user notes (issue 12, point 4), read and filled.

Reading: the text inside a region is vaultkit's, so neither block reader reads a link, tag,
item or field there (the two readers agree, on hypothesis documents with a region in them),
and a note's contacts, backlinks and tags do not count it. Markers that do not pair up, or a
query that is no query, are diagnostics at their line. Filling (`refill`, property-tested):
every byte outside the regions stays, CRLF stays CRLF, a second fill changes nothing, text
typed inside is refused unless forced. Through the CLI: `build` fills, does not write again
when nothing changed, refuses an edited region with a warning, `--force NOTE` overwrites it,
`check` reports a bad query at its line while the rest of the vault is built.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from tests.test_markdown import COMMON, facts
from vaultkit.cli.main import cli
from vaultkit.disk.load import load_vault
from vaultkit.reader.markdown import scan_body
from vaultkit.reader.parse import parse_note
from vaultkit.reader.queryregions import blank, find
from vaultkit.views.queryfill import QueryEdited, answerer, refill

TODAY = dt.date(2026, 6, 30)
BEGIN = '<!-- vaultkit:begin query person where company = "Corvid Health" sort title -->'
END = "<!-- vaultkit:end query -->"
HASHED = re.compile(r"<!-- vaultkit:end query [0-9a-f]{8} -->")
INSIDE = "| [[Zed]] | #ztag |\n- 2026-05-05 met [[Zed]] #brag impact:: big\n[[Zed#Heading]] ^blockid\n"


def run(vault: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


def people(root: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    return write_vault(root, {
        "vaultkit.toml": 'today = "2026-06-30"\n',
        "People/Ada.md": "---\ntype: person\ncompany: Corvid Health\nrole: CTO\n---\n",
        "People/Bob.md": "---\ntype: person\ncompany: Corvid Health\n---\n",
        "People/Cleo.md": "---\ntype: person\ncompany: Lumen Pay\n---\n",
        "People/Zed.md": "---\ntype: person\ncompany: Zeta\n---\n",
        **(extra or {}),
    })


# --- reading ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(COMMON, COMMON,
       st.sampled_from([INSIDE, "", "\n", "# Heading [[Zed]]\n```\n", "<!--\n", "> [!note]\n> [[Zed]]\n"]))
def test_both_readers_read_nothing_inside_a_region(before: str, after: str, inside: str) -> None:
    doc = f"{before}\n{BEGIN}\n{inside}{END}\n{after}"
    breaks = "\n" * inside.count("\n")
    blanked = f"{before}\n{BEGIN}\n{breaks}{END}\n{after}"
    fast, exact = scan_body(doc, 1), scan_body(doc, 1, exact=True)
    assert facts(fast) == facts(exact), doc
    assert facts(exact) == facts(scan_body(blanked, 1, exact=True))  # the region counts for nothing
    assert [(s.line, s.query) for s in fast.queries] == [(before.count("\n") + 2, BEGIN[26:-4])]


def test_region_text_is_no_link_contact_tag_or_entry(tmp_path: Path) -> None:
    root = people(tmp_path, {"Daily/2026-06-01.md": f"Lunch with [[Ada]].\n{BEGIN}\n{INSIDE}{END}\n"})
    vault = load_vault(root)
    daily = vault.notes["Daily/2026-06-01.md"]
    assert [link.target for link in daily.links] == ["Ada"]
    assert daily.tags == () and daily.items == ()
    assert "People/Zed.md" not in vault.backlinks
    from vaultkit.reader.career import entries, interactions

    assert "People/Zed.md" not in interactions(vault) and entries(vault, "brag") == []
    assert [q.line for q in daily.queries] == [2]


@pytest.mark.parametrize(("text", "line", "code", "says"), [
    (f"{BEGIN}\nno end\n", 1, "query-markers", "never ended"),
    (f"{BEGIN}\n{END}\n{END}\n", 3, "query-markers", "no `vaultkit:begin query` above"),
    (f"{BEGIN}\n{BEGIN}\n{END}\n", 2, "query-markers", "do not nest"),
    ("<!-- vaultkit:begin query person\n", 1, "query-markers", "does not end with `-->`"),
    (f"a\n\n<!-- vaultkit:begin query person where nope = 1 -->\n{END}\n", 3, "query-invalid", "column 40"),
    (f"<!-- vaultkit:begin query person where -->\n{END}\n", 1, "query-invalid", "expected a field name"),
    (f"<!-- vaultkit:begin query -->\n{END}\n", 1, "query-invalid", "empty"),
])
def test_bad_markers_and_queries_are_diagnostics_at_their_line(text: str, line: int, code: str, says: str) -> None:
    note = parse_note("Note.md", ("---\ntitle: x\n---\n" + text).encode())
    found = [d for d in note.diagnostics if d.code == code]
    assert len(found) == 1 and found[0].line == line + 3 and says in found[0].message, note.diagnostics


def test_markers_in_a_code_fence_are_an_example() -> None:
    spots, problems = find(f"```markdown\n{BEGIN}\n{END}\n```\n~~~\n{END}\n~~~\n")
    assert spots == [] and problems == []


@pytest.mark.parametrize("fence", ["```", "~~~", "   ```py"])
def test_markers_after_an_unclosed_fence_are_an_example(fence: str) -> None:
    # The fence runs to the end of the note, as Obsidian shows it: the markers are its text.
    spots, problems = find(f"{fence}\n{BEGIN}\n{END}\n")
    assert spots == [] and problems == []


def test_a_note_without_regions_is_untouched_by_blank() -> None:
    body = "text <!-- vaultkit:begin people -->\n"
    assert blank(body) == (body, [], [])


# --- filling (pure) -----------------------------------------------------------------


# User text around a region: no comment opener, and no code fence (an unclosed fence before the
# markers makes them an example, not a region: `test_markers_in_a_code_fence_are_an_example`).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60) \
    .map(lambda t: t.replace("<!--", "<! --").replace("```", "`` `").replace("~~~", "~~ ~"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, _TEXT, st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_refill_keeps_every_byte_outside_the_regions(before: str, after: str, nl: str, filled: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        vault = load_vault(people(Path(tmp)))
    answer = answerer(vault, TODAY)
    before = before.replace("\r", "").replace("\n", nl) + nl
    inside = f"{nl}| old |{nl}" if filled else nl
    text = f"{before}{BEGIN}{inside}{END}{nl}{after}"
    note = parse_note("Note.md", text.encode())
    new = refill(text, note, vault, answer, force=filled)
    head, _, rest = new.partition(BEGIN)
    assert head == before
    tail = HASHED.split(rest)
    assert len(tail) == 2 and tail[1] == nl + after
    assert "[[Ada]]" in tail[0] and "[[Cleo]]" not in tail[0]
    region = new[len(before):len(new) - len(after)]
    assert region.count("\n") == region.count(nl) if nl == "\r\n" else "\r" not in region
    assert refill(new, parse_note("Note.md", new.encode()), vault, answer) == new  # a second fill: the same


def test_refill_refuses_text_typed_inside(tmp_path: Path) -> None:
    vault = load_vault(people(tmp_path))
    answer = answerer(vault, TODAY)
    text = refill(f"{BEGIN}\n{END}\n", parse_note("N.md", f"{BEGIN}\n{END}\n".encode()), vault, answer)
    typed = text.replace("|---|---|\n", "|---|---|\n| my row |\n")
    with pytest.raises(QueryEdited) as caught:
        refill(typed, parse_note("N.md", typed.encode()), vault, answer)
    assert caught.value.edits[0].changed == ((4, "| my row |"),)
    assert refill(typed, parse_note("N.md", typed.encode()), vault, answer, force=True) == text


# --- through the CLI ----------------------------------------------------------------


def test_build_fills_once_and_keeps_crlf(tmp_path: Path) -> None:
    note_text = f"# Corvid\r\n\r\nMine above.\r\n{BEGIN}\r\n{END}\r\nMine below, [[Cleo]].\r\n"
    root = people(tmp_path, {"Corvid.md": note_text.encode()})
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    data = (root / "Corvid.md").read_bytes()
    assert data.startswith(f"# Corvid\r\n\r\nMine above.\r\n{BEGIN}\r\n| person | company |\r\n".encode())
    assert b"| [[Ada]] | Corvid Health |\r\n| [[Bob]] | Corvid Health |\r\n<!-- vaultkit:end query " in data
    assert data.endswith(b" -->\r\nMine below, [[Cleo]].\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    mtime = (root / "Corvid.md").stat().st_mtime_ns
    assert run(root, "build").exit_code == 0
    assert (root / "Corvid.md").stat().st_mtime_ns == mtime  # nothing changed: no write
    (root / "People/Cleo.md").write_text("---\ntype: person\ncompany: Corvid Health\n---\n", encoding="utf-8")
    assert run(root, "build").exit_code == 0
    assert b"| [[Cleo]] | Corvid Health |\r\n" in (root / "Corvid.md").read_bytes()
    result = run(root, "build", "--dry-run")
    assert result.exit_code == 0 and "0 updated" in result.output


def test_build_refuses_an_edited_region_until_forced(tmp_path: Path) -> None:
    root = people(tmp_path, {"Corvid.md": f"{BEGIN}\n{END}\n"})
    assert run(root, "build").exit_code == 0
    filled = (root / "Corvid.md").read_text("utf-8")
    typed = filled.replace("| [[Bob]]", "| call Bob back! |\n| [[Bob]]")
    (root / "Corvid.md").write_text(typed, encoding="utf-8")
    (root / "People/Dan.md").write_text("---\ntype: person\ncompany: Corvid Health\n---\n", encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 0, result.output  # a warning: the rest of the vault is built
    assert "Corvid.md:5: warning: query regions not filled" in result.output and "call Bob back!" in result.output
    assert "vaultkit build --force Corvid.md" in result.output
    assert (root / "Corvid.md").read_text("utf-8") == typed
    assert "Corvid.md:5: warning: query regions not filled" in run(root, "check").output
    assert "[[Dan]]" in (root / "Vaultkit/People.md").read_text("utf-8")
    assert run(root, "build", "--force", "Corvid.md").exit_code == 0
    assert (root / "Corvid.md").read_text("utf-8") == filled.replace("| [[Bob]] | Corvid Health |\n",
                                                                      "| [[Bob]] | Corvid Health |\n"
                                                                      "| [[Dan]] | Corvid Health |\n") \
        .replace(HASHED.search(filled).group(), HASHED.search((root / "Corvid.md").read_text("utf-8")).group())


def test_bad_query_is_a_diagnostic_and_the_rest_is_built(tmp_path: Path) -> None:
    bad = "Intro\n<!-- vaultkit:begin query person where compnay = 1 -->\nkept as it is\n" + END + "\n"
    root = people(tmp_path, {"Bad.md": bad, "Good.md": f"{BEGIN}\n{END}\n"})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "Bad.md:2: error: query region, column 40: a person has no field 'compnay'" in result.output
    result = run(root, "build")
    assert result.exit_code == 1 and "compnay" in result.output
    assert (root / "Bad.md").read_text("utf-8") == bad
    assert "[[Ada]]" in (root / "Good.md").read_text("utf-8")
    assert (root / "Vaultkit/People.md").exists()


def test_generated_notes_are_not_scanned_for_regions(tmp_path: Path) -> None:
    root = people(tmp_path)
    assert run(root, "build").exit_code == 0
    people_md = root / "Vaultkit/People.md"
    text = people_md.read_text("utf-8") + f"\n{BEGIN}\n{END}\n"
    people_md.write_text(text, encoding="utf-8")
    assert run(root, "build").exit_code == 0
    assert people_md.read_text("utf-8") == text


def test_force_names_only_generated_or_query_notes(tmp_path: Path) -> None:
    root = people(tmp_path, {"Corvid.md": f"{BEGIN}\n{END}\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "build", "--force", "People/Ada.md"])
    assert result.exit_code != 0 and "nor a note with query regions" in result.output


def test_a_read_only_note_is_left_alone(tmp_path: Path) -> None:
    root = people(tmp_path, {"Corvid.md": f"{BEGIN}\n{END}\n"})
    os.chmod(root / "Corvid.md", 0o444)
    try:
        result = run(root, "build")
        assert "read-only" in result.output and (root / "Corvid.md").read_text("utf-8") == f"{BEGIN}\n{END}\n"
    finally:
        os.chmod(root / "Corvid.md", 0o644)


def test_a_note_of_many_regions_is_bounded_by_the_budget(tmp_path: Path) -> None:
    # A shared note of 13 KB holding 200 regions, each asking for every person, grew to 8 MB
    # at one build (a 1 MB note of such regions: to hundreds of MB, each region going through
    # every note). A note's regions spend one generated note's budget (`views.budget`): past
    # it the note is left as it is, with a warning, and the rest of the vault is built.
    files: dict[str, str | bytes] = {f"People/P{i}.md": f"---\ntype: person\ncompany: C{i}\n---\n"
                                     for i in range(300)}
    files["Many.md"] = "<!-- vaultkit:begin query person -->\n<!-- vaultkit:end query -->\n" * 2000
    root = people(tmp_path, files)
    before = (root / "Many.md").read_bytes()
    result = run(root, "build")
    assert (root / "Many.md").read_bytes() == before
    assert "Many.md: warning: query regions not filled" in result.output and "query-refused" in result.output
    assert (root / "Vaultkit" / "People.md").exists()
    # Worded for query regions, not for a template (no "loop without end"): how many, and how to fix it.
    assert "its 2,000 query regions would " in result.output, result.output
    assert "loop" not in result.output and "fewer query regions" in result.output, result.output


@pytest.mark.parametrize("swap", ["fifo", "symlink"])
def test_a_note_swapped_after_the_scan_is_not_read_through(tmp_path: Path, swap: str) -> None:
    # Between the scan and the fill, a sync can put a FIFO or a symlink where the note was:
    # the fill reads the note as the scan does (no symlink followed, regular files only), so it
    # neither blocks on the FIFO nor reads a file outside the vault.
    import signal

    from vaultkit.disk.queries import write_queries

    root = people(tmp_path / "v", {"Corvid.md": f"{BEGIN}\n{END}\n"})
    vault = load_vault(root)
    os.unlink(root / "Corvid.md")
    if swap == "fifo":
        os.mkfifo(root / "Corvid.md")
    else:
        (tmp_path / "outside.md").write_text(f"{BEGIN}\n{END}\n", encoding="utf-8")
        os.symlink(tmp_path / "outside.md", root / "Corvid.md")
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the fill blocked on the note"))
    signal.alarm(5)
    try:
        report = write_queries(str(root), vault, TODAY)
    finally:
        signal.alarm(0)
    assert report.updated == []
    if swap == "symlink":
        assert (tmp_path / "outside.md").read_text("utf-8") == f"{BEGIN}\n{END}\n"


@pytest.mark.parametrize("shape", [
    lambda n: f"{BEGIN}\n" * n + END + "\n",  # every begin nested in the first: one problem each
    lambda n: f"{BEGIN}\n{END}\n" * n,  # many regions
    lambda n: f"{BEGIN}\n" + "```\n" * n + END + "\n",  # fences inside a region
    lambda n: "```\n" + f"{BEGIN}\n" * n,  # markers inside an unclosed fence
    lambda n: "<!-- vaultkit:begin query " + "x" * n + "\n",  # one long unfinished marker
])
def test_reading_regions_is_linear(shape) -> None:  # type: ignore[no-untyped-def]
    from tests.test_linear import assert_linear

    assert_linear(lambda n: (lambda: scan_body(shape(n), 1)), 2_000)


def test_the_readme_example_is_a_query() -> None:
    from tests.conftest import ROOT
    from vaultkit.views.query import Query, check_fields, parse

    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.findall(r"<!-- vaultkit:begin query (.+?) -->", readme)
    assert found
    for text in found:
        query = parse(text)
        assert isinstance(query, Query), query
        assert check_fields(query, {"person": {"company": "text", "role": "text", "last_contact": "date"}}) is None


def test_frontmatter_and_conflicted_notes(tmp_path: Path) -> None:
    """A marker-like line in the frontmatter is no region; a note with conflict markers is not written."""
    fm = f"---\ntitle: x\nnote: |\n  {BEGIN}\n---\n{BEGIN}\n{END}\n"
    conflicted = f"{BEGIN}\n{END}\n<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n"
    root = people(tmp_path, {"Fm.md": fm, "Conflict.md": conflicted, "Cr.md": f"\ufeff{BEGIN}\r{END}\rend\r"})
    run(root, "build")
    text = (root / "Fm.md").read_text("utf-8")
    assert text.startswith(fm[:fm.index("---\n", 4) + 4] + BEGIN + "\n| person | company |\n")
    assert (root / "Conflict.md").read_text("utf-8") == conflicted
    data = (root / "Cr.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + BEGIN.encode() + b"\r| person | company |\r") and b"\n" not in data
    assert data.endswith(b" -->\rend\r")


def test_a_build_that_filled_regions_leaves_the_vault_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record names the notes as the build left them: the next build or `watch` start reads nothing."""
    from vaultkit.disk import build as build_module
    from vaultkit.disk.record import is_current

    root = people(tmp_path, {"Corvid.md": f"{BEGIN}\n{END}\n", "Daily/2026-06-01.md": f"[[Ada]]\n{BEGIN}\n{END}\nx\n"})
    for path in root.rglob("*"):  # saved a while ago: only what the build writes is recent
        os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))
    assert run(root, "build").exit_code == 0
    assert is_current(str(root))

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("a current vault was read again")

    monkeypatch.setattr(build_module, "load_notes", no_reading)
    result = run(root, "build")
    assert result.exit_code == 0 and "0 updated, 11 unchanged" in result.output
    monkeypatch.undo()
    vault = load_vault(root)
    assert [q.line for q in vault.notes["Daily/2026-06-01.md"].queries] == [2]
    assert run(root, "check").exit_code == 0


def test_watch_session_refills_only_regions_reading_what_changed(tmp_path: Path) -> None:
    from vaultkit.live.session import Session

    root = people(tmp_path, {"Corvid.md": f"{BEGIN}\n{END}\n",
                             "Contacts.md": "<!-- vaultkit:begin query person where contacts > 0 -->\n" + END + "\n",
                             "Daily/2026-06-01.md": "Nobody yet.\n"})
    assert run(root, "build").exit_code == 0  # as `watch` starts: the generated notes are there
    session = Session(str(root))
    session.load()
    session.rebuild()
    assert "[[Ada]]" in (root / "Corvid.md").read_text("utf-8")

    def save(rel: str, text: str) -> set[str]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        session.update({rel})
        report = session.rebuild()
        return {p for p in (*report.updated, *report.unchanged) if not p.startswith("Vaultkit/")}

    assert save("People/Cleo.md", "---\ntype: person\ncompany: Lumen Pay\nemail: c@x.org\n---\n") == set()
    assert save("People/Cleo.md", "---\ntype: person\ncompany: Corvid Health\nemail: c@x.org\n---\n") == {"Corvid.md"}
    assert "[[Cleo]]" in (root / "Corvid.md").read_text("utf-8")
    assert save("Daily/2026-06-01.md", "Met [[Cleo]].\n") == {"Contacts.md"}
    assert "[[Cleo]]" in (root / "Contacts.md").read_text("utf-8")
    assert save("Contacts.md", (root / "Contacts.md").read_text("utf-8") + "mine\n") == {"Contacts.md"}
