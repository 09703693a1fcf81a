"""The pure helpers behind `new`, `log`, `brag` (`edits.capture`) and review periods (`reader.periods`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.edits import capture
from vaultkit.edits.capture import (
    append_item,
    brag_item,
    brag_note,
    check_title,
    fill_template,
    insert_interaction,
    safe_title,
    set_fields,
    yaml_value,
)
from vaultkit.reader.config import Config
from vaultkit.reader.markdown import inline_fields, scan_body
from vaultkit.reader.model import Heading, Note
from vaultkit.reader.parse import parse_note
from vaultkit.reader.periods import Period, between, last_six_months, parse_period

D = dt.date
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(text: str, path: str = "People/X.md") -> Note:
    return parse_note(path, text.encode("utf-8"), Config())


def insertions(before: str, after: str) -> list[str]:
    """Every X with `after == before[:i] + X + before[i:]` for some i (more than one where the text
    around the insertion point repeats); empty when `after` is not `before` with one insertion."""
    grown = len(after) - len(before)
    found = []
    for i in range(len(before) + 1):
        if before[i - 1:i] != after[i - 1:i]:
            break
        if grown > 0 and after[i + grown:] == before[i:]:
            found.append(after[i:i + grown])
    return found


def only_inserts(before: str, after: str, item: str) -> str:
    """The text inserted into `before` to give `after`, at a single point, holding `item`."""
    options = [x for x in insertions(before, after) if item in x]
    assert options, (before, after)
    return options[0]


# --- titles ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("char", list('*"\\/<>:|?#^[]'))
def test_each_forbidden_character_is_refused(char: str) -> None:
    problem = check_title(f"Ada {char} Lovelace")
    assert problem is not None and repr(char)[1:-1] in problem


@pytest.mark.parametrize(("title", "why"), [
    ("", "empty"), ("   ", "empty"), (" Ada", "space"), ("Ada ", "space"), ("a..b", ".."), (".hidden", "'.'"),
    ("Ada.", "end with"), ("CON", "reserved"), ("con", "reserved"), ("CON.txt", "reserved"), ("LPT1", "reserved"),
    ("nul", "reserved"), ("tab\there", "\\t"), ("x" * 201, "200 bytes"), ("é" * 101, "200 bytes"),
])
def test_bad_titles_say_why(title: str, why: str) -> None:
    problem = check_title(title)
    assert problem is not None and why in problem


@pytest.mark.parametrize("title", ["Ada Lovelace", "Tomás Ortega", "2026-03-12 Cut CI time", "C++ notes",
                                   "CONFERENCE", "Console", "Q&A (2026)", "v1.2 release", "x" * 200])
def test_good_titles_pass(title: str) -> None:
    assert check_title(title) is None


@given(st.text(max_size=120))
@FAST
def test_safe_title_always_gives_a_valid_title(text: str) -> None:
    title = safe_title(text)
    assert check_title(f"2026-07-15 {title}") is None  # brag notes are named "<date> <title>"
    assert len(title) <= 80 and len(title.encode("utf-8")) <= 160


def test_safe_title_examples() -> None:
    assert safe_title("Fixed it... finally!") == "Fixed it… finally!"
    assert safe_title("  Cut CI: p95 -40% [#ops]  ") == "Cut CI p95 -40% ops"
    assert safe_title("...") == "…"
    assert safe_title("???") == "Untitled"
    assert safe_title("😀" * 100) == "😀" * 40
    assert safe_title("word " * 30) == ("word " * 16).strip()


# --- templates and --set --------------------------------------------------------------------------

def test_fill_template_placeholders() -> None:
    text = fill_template("{{title}}|{{ title }}|{{date}}|{{ date }}|{{date:YYYY-MM-DD}}|{{date:dddd D MMMM YYYY}}"
                         "|{{time}}|{{event}}", "Ada", D(2026, 2, 5))
    assert text == "Ada|Ada|2026-02-05|2026-02-05|2026-02-05|Thursday 5 February 2026||{{event}}"


def test_fill_template_is_no_template_language() -> None:
    # a title is data: braces, percent signs and Jinja syntax in it stay as written
    assert fill_template("# {{title}}", "{% raw %}{{x}}", D(2026, 1, 1)) == "# {% raw %}{{x}}"


def test_yaml_value_types() -> None:
    assert yaml_value("person", "topics", "a, b ,,c") == '["a", "b", "c"]'
    assert yaml_value("person", "company", "Acme: the company") == '"Acme: the company"'
    assert yaml_value("person", "met_on", "2026-05-14") == "2026-05-14"
    assert yaml_value("event", "speaker", "True") == "true"
    assert yaml_value("event", "speaker", "yes") == '"yes"'  # left for the checker to refuse
    assert yaml_value("challenge", "status", "Open") == '"open"'  # an enum value as declared
    assert yaml_value("challenge", "status", "stuck") == '"stuck"'  # outside the list: kept, the checker warns
    assert yaml_value("event", "goal_new_people", "5") == "5"
    assert yaml_value("event", "met", "Ada, [[Grace Hopper]]") == '["Ada", "[[Grace Hopper]]"]'
    assert yaml_value("brag", "metrics", "CI -40%, p95 -10%") == '["CI -40%", "p95 -10%"]'
    assert yaml_value(None, "tags", "a,b") == '["a", "b"]'
    assert yaml_value(None, "note", "no") == '"no"'  # never YAML's `no` → False


def test_set_fields_replaces_adds_and_drops_block_lists() -> None:
    template = "---\ntype: person\ncompany:\ntopics:\n  - old\n  - older\ncadence: 90d\n---\n# {{title}}\n"
    out = set_fields(template, "person", [("company", "Acme"), ("topics", "a,b"), ("email", "a@b.c")])
    assert out == ('---\ntype: person\ncompany: "Acme"\ntopics: ["a", "b"]\ncadence: 90d\nemail: "a@b.c"\n---\n'
                   "# {{title}}\n")
    assert set_fields("# Just a body\n", "person", [("company", "X")]) == '---\ncompany: "X"\n---\n# Just a body\n'


@given(st.text(st.characters(codec="utf-8"), max_size=40))
@FAST
def test_set_values_load_back_exactly(value: str) -> None:
    out = set_fields("---\ntype: person\n---\n", "person", [("company", value), ("email", value)])
    front = yaml.safe_load(out.split("---\n")[1])
    assert front["company"] == value.strip() and front["email"] == value.strip()


# --- insert_interaction: the property the brief asks for -----------------------------------------

LINES = st.sampled_from([
    "", " ", "## Interactions", "# Interactions", "### Interactions", "## Interactions with Ada", "Interactions",
    "===", "---", "## Notes", "### 2025", "# Title", "- 2026-01-01 coffee with [[Ada]]", "- item", "  - nested",
    "    indented code", "```", "~~~", "<!--", "-->", "<!-- c -->", "<div>", "> quote", "text line", "1. one",
    "| a | b |", "|---|---|", "type: person", "company: Acme", "\t- tab", "* star", "+ plus", "- [ ] task",
    "#tag", "## Interactions ^blk", "- ", "> ## Interactions", "- ## Interactions", "  ## Interactions",
])
TEXT = st.characters(codec="utf-8", blacklist_characters="\x00")


@st.composite
def notes(draw: st.DrawFn) -> str:
    """Note-shaped text: frontmatter-ish, headings, lists, code, comments, any line ending, BOM or not."""
    lines = draw(st.lists(st.one_of(LINES, LINES, st.text(TEXT, max_size=10)), max_size=14))
    nl = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + nl.join(lines) + draw(st.sampled_from(["", nl]))


def swallows_what_follows(text: str) -> bool:
    """Whether the text holds something that can swallow the lines after it (code, comments, HTML)."""
    return any(mark in text for mark in ("```", "~~~", "<", "\t", "    "))


def interactions_heading(note: Note) -> Heading:
    return next(h for h in note.headings if h.text.casefold().startswith("interactions"))


@given(notes(), st.text(TEXT, min_size=1, max_size=30))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_insert_interaction_only_inserts_one_item_under_the_heading(text: str, words: str) -> None:
    words = " ".join(words.split())
    item = f"- 2026-01-02 {words or 'x'}"
    try:
        out = insert_interaction(text, item)
    except ValueError:
        # Only where an unclosed code block, comment or HTML block leaves no place for the item:
        # one in the note, or one the item itself opens (`<!--` as the words).
        assert swallows_what_follows(text + "\n" + item)
        return
    inserted = only_inserts(text, out, item)
    # the item, line breaks and (when the note had none) the heading: nothing else
    assert re.sub(r"[\r\n]", "", inserted.replace(item, "", 1)) in ("", "## Interactions")
    assert out.startswith("\ufeff") == text.startswith("\ufeff")
    note = parse(out)
    heading = interactions_heading(note)
    found = [i for i in note.items if i.text == item[2:]]
    assert len(found) == 1
    # the nearest heading above the new item is the Interactions heading (that is what counts as contact)
    assert found[0].heading == heading.text
    assert not [h for h in note.headings if heading.line < h.line < found[0].line]
    assert found[0].date == D(2026, 1, 2)


@given(st.lists(st.sampled_from(["- 2026-01-01 a", "text", "", "### Sub", "- b"]), max_size=6),
       st.sampled_from(["\n", "\r\n"]))
@FAST
def test_insert_interaction_never_raises_on_plain_notes(body: list[str], nl: str) -> None:
    text = nl.join(["---", "type: person", "---", "# Ada", "", "## Interactions", *body, "", "## Notes", "x", ""])
    out = insert_interaction(text, "- 2026-02-02 call")
    inserted = only_inserts(text, out, "- 2026-02-02 call")
    assert inserted.replace(nl, "") == "- 2026-02-02 call" and "\r\n" not in inserted.replace(nl, "\n")


def test_insert_interaction_goes_after_the_last_entry() -> None:
    text = "# Ada\n\n## Interactions\n\n- 2026-01-01 met\n- 2026-02-01 call\n\n## Notes\n\nx\n"
    assert insert_interaction(text, "- 2026-03-01 coffee") == (
        "# Ada\n\n## Interactions\n\n- 2026-01-01 met\n- 2026-02-01 call\n- 2026-03-01 coffee\n\n## Notes\n\nx\n")


def test_insert_interaction_into_an_empty_section_and_at_the_end() -> None:
    assert insert_interaction("## Interactions\n\n## Notes\n", "- d x") == "## Interactions\n\n- d x\n\n## Notes\n"
    assert insert_interaction("## Interactions\n", "- d x") == "## Interactions\n\n- d x\n"
    assert insert_interaction("## Interactions", "- d x") == "## Interactions\n\n- d x"
    assert insert_interaction("## Interactions\n- a", "- d x") == "## Interactions\n- a\n- d x"


def test_insert_interaction_adds_the_heading_when_missing() -> None:
    assert insert_interaction("", "- d x") == "## Interactions\n\n- d x\n"
    assert insert_interaction("---\ntype: person\n---\n# Ada\n\nText.", "- d x") == (
        "---\ntype: person\n---\n# Ada\n\nText.\n\n## Interactions\n\n- d x\n")


def test_insert_interaction_keeps_crlf_bom_and_lone_cr() -> None:
    crlf = "\ufeff---\r\ntype: person\r\n---\r\n## Interactions\r\n\r\n- a\r\n\r\n## Notes\r\n"
    assert insert_interaction(crlf, "- d x") == (
        "\ufeff---\r\ntype: person\r\n---\r\n## Interactions\r\n\r\n- a\r\n- d x\r\n\r\n## Notes\r\n")
    cr = "# Ada\r## Interactions\r- a\r## Notes\rfoo\r"
    assert insert_interaction(cr, "- d x") == "# Ada\r## Interactions\r- a\r- d x\r## Notes\rfoo\r"


def test_insert_interaction_goes_before_a_subheading() -> None:
    # vaultkit counts a dated item in a person note as a contact when its nearest heading is Interactions
    text = "## Interactions\n- a\n### 2025\n- b\n"
    assert insert_interaction(text, "- d x") == "## Interactions\n- a\n- d x\n### 2025\n- b\n"


def test_insert_interaction_steps_around_code_and_refuses_when_it_cannot() -> None:
    fenced = "## Interactions\n- a\n```\nunclosed\n"
    assert insert_interaction(fenced, "- d x") == "## Interactions\n\n- d x\n- a\n```\nunclosed\n"
    setext = "Interactions\n---\n```\ncode\n"
    assert insert_interaction(setext, "- d x") == "Interactions\n---\n\n- d x\n```\ncode\n"
    with pytest.raises(ValueError, match="code block"):
        insert_interaction("# Ada\n```\ncode\n", "- d x")
    with pytest.raises(ValueError, match="one-line list item"):
        insert_interaction("## Interactions\n", "- two\nlines")


def test_insert_interaction_ignores_a_heading_in_code() -> None:
    text = "```\n## Interactions\n```\n"
    assert insert_interaction(text, "- d x") == text + "\n## Interactions\n\n- d x\n"


# --- append_item and brag items ----------------------------------------------------------------

def test_append_item() -> None:
    assert append_item("", "- x") == "- x\n"
    assert append_item("# 2026-05-02\n\n- a\n", "- x") == "# 2026-05-02\n\n- a\n- x\n"
    assert append_item("# 2026-05-02\n\nText", "- x") == "# 2026-05-02\n\nText\n\n- x\n"
    assert append_item("\ufeff# D\r\n\r\n- a\r\n", "- x") == "\ufeff# D\r\n\r\n- a\r\n- x\r\n"
    with pytest.raises(ValueError):
        append_item("# D\n```\n", "- x #brag")


@given(notes(), st.text(TEXT, min_size=1, max_size=20))
@FAST
def test_append_item_only_inserts_at_the_end(text: str, words: str) -> None:
    try:
        item = brag_item(words, None, [], None, [])
    except ValueError:
        return
    try:
        out = append_item(text, item)
    except ValueError:
        assert swallows_what_follows(text)
        return
    assert out.startswith(text)
    assert item[2:] in [i.text for i in parse(out, "Daily/2026-01-01.md").items]


def test_brag_item_fields_read_back() -> None:
    item = brag_item("Cut  CI\ntime", "CI -40% [p50]", ["[[Platform team]]", "Ops"], "delivery",
                     ["p95 -10%", "12 h/week"])
    assert item == ("- Cut CI time #brag (impact:: CI -40% [p50]) [impacted:: [[Platform team]], Ops] "
                    "[metrics:: p95 -10%; 12 h/week] (theme:: delivery)")
    assert brag_item("Shipped", None, [], None, []) == "- Shipped #brag"
    assert brag_item("- did x", None, [], None, []) == "- \\- did x #brag"  # not a list in a list
    assert brag_item("1. first", None, [], None, []) == "- 1\\. first #brag"
    with pytest.raises(ValueError, match="without --daily"):
        brag_item("Fixed it impact:: a", "b", [], None, [])
    with pytest.raises(ValueError, match="without --daily"):
        brag_item("x", "both [a] and (b)", [], None, [])


@given(st.text(TEXT, min_size=1, max_size=30), st.text(TEXT, max_size=30), st.text(TEXT, max_size=12))
@FAST
def test_brag_item_round_trips_or_refuses(text: str, impact: str, theme: str) -> None:
    try:
        item = brag_item(text, impact or None, [], theme or None, [])
    except ValueError:
        return
    fields = dict(inline_fields(item))
    if impact.split():
        assert fields["impact"] == " ".join(impact.split())
    if theme.split():
        assert fields["theme"] == " ".join(theme.split())
    scanned = scan_body(item).items
    assert len(scanned) == 1 and "brag" in scanned[0].tags


@given(st.text(TEXT, min_size=1, max_size=40), st.text(TEXT, max_size=40),
       st.lists(st.text(TEXT, min_size=1, max_size=10), max_size=3))
@FAST
def test_brag_note_is_a_valid_brag(text: str, impact: str, metrics: list[str]) -> None:
    note = parse(brag_note(text, D(2026, 3, 12), impact or None, ["Platform team"], "delivery", metrics),
                 "Brag/x.md")
    assert note.kind == "brag" and note.date == D(2026, 3, 12)
    assert not [d for d in note.diagnostics if d.severity.value == "error" and d.code != "not-utf8"]
    if impact:
        assert note.fields["impact"] == impact.strip() or note.fields["impact"] == impact


def test_kind_folders_match_the_config_defaults() -> None:
    rules = Config().rules
    assert {rules.detect(f"{folder}/x.md", {}, [], False).kind: kind for kind, folder in capture.KIND_FOLDERS.items()} \
        == {kind: kind for kind in capture.KIND_FOLDERS}


# --- periods --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "label", "start", "end"), [
    ("2026", "2026", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026-H1", "2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
    ("2026-h2", "2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
    ("2026-Q1", "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026-Q4", "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
    ("2024-02", "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    (" 2026-07 ", "2026-07", D(2026, 7, 1), D(2026, 7, 31)),
    ("2026-01..2026-03", "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
    ("2025-09..2026-02", "2025-09..2026-02", D(2025, 9, 1), D(2026, 2, 28)),
    ("2026-01-05..2026-02-03", "2026-01-05..2026-02-03", D(2026, 1, 5), D(2026, 2, 3)),
    ("2026-07-01..2026-12-31", "2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
])
def test_parse_period(text: str, label: str, start: dt.date, end: dt.date) -> None:
    assert parse_period(text) == Period(label, start, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-H3", "2026-Q5", "x", "", "26", "2026-1",
                                  "0000", "2026-02-30..2026-03-01", "2026-03..2026-01", "2026-03-01..2026-02-01",
                                  "2026-W10", "2026-H1 2026-H2"])
def test_bad_periods_are_value_errors_that_say_what_works(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_bad_period_message_lists_the_forms() -> None:
    with pytest.raises(ValueError, match=re.escape("use 2026, 2026-H2, 2026-Q3 or 2026-07")):
        parse_period("2026-H3")


def test_between_refuses_a_reversed_range() -> None:
    with pytest.raises(ValueError, match="before"):
        between(D(2026, 2, 1), D(2026, 1, 31))


@pytest.mark.parametrize(("today", "label"), [
    (D(2026, 7, 15), "2026-H1"), (D(2026, 7, 1), "2026-H1"), (D(2027, 1, 2), "2026-H2"),
    (D(2026, 1, 31), "2025-H2"), (D(2026, 3, 10), "2025-09..2026-02"),
])
def test_default_period_is_the_last_six_complete_months(today: dt.date, label: str) -> None:
    period = last_six_months(today)
    assert period.label == label and period.end < today.replace(day=1) and period.end + dt.timedelta(1) == \
        today.replace(day=1)


@given(st.dates(D(1900, 1, 1), D(2200, 12, 31)), st.integers(0, 800))
@FAST
def test_a_review_label_parses_back_to_its_period(since: dt.date, days: int) -> None:
    # `build` finds the period of an existing Reviews/<label>.md by parsing its label
    until = since + dt.timedelta(days)
    period = between(since, until)
    assert parse_period(period.label) == period
    assert "/" not in period.label and period.label.isascii()


@given(st.dates(D(1901, 1, 1), D(2200, 12, 31)))
@FAST
def test_last_six_months_labels_parse_back(today: dt.date) -> None:
    period = last_six_months(today)
    assert parse_period(period.label) == period
    assert (period.end.year * 12 + period.end.month) - (period.start.year * 12 + period.start.month) == 5
