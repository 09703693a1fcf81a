"""The review note (Reviews/<period>.md): counts, themes, talking points, gaps, escaping, empty periods."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, write_vault
from vaultkit import load_vault
from vaultkit.views.builtin.review import review_context
from vaultkit.views.charts import mermaid_blocks, validate_xychart
from vaultkit.views.common import Facts
from vaultkit.views.regions import merge, regions
from vaultkit.views.render import Renderer

EXAMPLE_TODAY = dt.date(2026, 7, 15)
D = dt.date


def render(root: Path, start: dt.date, end: dt.date, label: str = "P", today: dt.date = EXAMPLE_TODAY) -> str:
    facts = Facts(load_vault(root), today)
    return Renderer().render("Review.md.j2", review_context(facts, start, end, label))


def context(root: Path, start: dt.date, end: dt.date, today: dt.date = EXAMPLE_TODAY) -> dict[str, Any]:
    return review_context(Facts(load_vault(root), today), start, end, "P")


def headline(text: str) -> dict[str, int]:
    section = text.split("## Headline numbers", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| ([^|]+?) \| (\d+) \|$", section, re.M)}


def section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0].split("<!-- vaultkit:end", 1)[0]


def brag(date: str, title: str, front: str = "", folder: str = "Brag") -> dict[str, str]:
    return {f"{folder}/{title}.md": f"---\ndate: {date}\n{front}---\nBody.\n"}


# --- counted independently from the example vault's files --------------------------------------

def _front(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---\n", 2)[1] if text.startswith("---\n") else ""


def _date_field(path: Path, key: str = "date") -> dt.date | None:
    m = re.search(rf"^{key}: (\d{{4}}-\d{{2}}-\d{{2}})$", _front(path), re.M)
    return dt.date.fromisoformat(m.group(1)) if m else None


def _tagged(tag: str) -> list[dt.date]:
    """Dates of list items tagged `tag` in daily notes: the item's own date, else the file's."""
    dates = []
    for path in sorted((EXAMPLE / "Daily").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("- ") and re.search(rf"(^|\s){tag}(/\S+)?(\s|$)", line, re.I):
                own = re.match(r"- (\d{4}-\d{2}-\d{2}) ", line)
                dates.append(dt.date.fromisoformat(own.group(1) if own else path.stem))
    return dates


def _in(date: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return date is not None and start <= date <= end


def _brag_has_numbers(path: Path) -> bool:
    front = _front(path)
    impact = re.search(r"^impact: (.*)$", front, re.M)
    figures = re.sub(r"\b(19|20)\d\d\b", "", impact.group(1)) if impact else ""
    return bool(re.search(r"^metrics:", front, re.M)) or any(c.isdigit() for c in figures)


def expected_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    notes = {folder: sorted((EXAMPLE / folder).glob("*.md"))
             for folder in ("Brag", "Challenges", "Sharing", "People", "Events", "Interviews", "Communities")}
    brag_notes = [p for p in notes["Brag"] if _in(_date_field(p), start, end)]
    inline_wins = [d for d in _tagged("#brag") if _in(d, start, end)]
    inline_with_numbers = 0
    for path in sorted((EXAMPLE / "Daily").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"- (?:\[.\] )?(?:(\d{4}-\d{2}-\d{2}) )?.*#brag.*impact:: ([^\[(]*)", line, re.I)
            if m and _in(dt.date.fromisoformat(m.group(1) or path.stem), start, end):
                inline_with_numbers += any(c.isdigit() for c in m.group(2)) or "[metrics::" in line
    attended = [p for p in notes["Events"] if _in(_date_field(p), start, min(end, EXAMPLE_TODAY))]
    return {
        "Wins": len(brag_notes) + len(inline_wins),
        "Wins with numbers": sum(map(_brag_has_numbers, brag_notes)) + inline_with_numbers,
        "Challenges": sum(_in(_date_field(p), start, end) for p in notes["Challenges"])
        + sum(_in(d, start, end) for d in _tagged("#challenge")),
        "Shares outside work": sum(_in(_date_field(p), start, end) for p in notes["Sharing"]),
        "New people met": sum(_in(_date_field(p, "met_on"), start, end) for p in notes["People"]),
        "Events attended": len(attended),
        "Events where you spoke": sum("speaker: true" in _front(p) for p in attended),
        "Market tests (interviews)": sum(_in(_date_field(p), start, end) for p in notes["Interviews"]),
    }


@pytest.mark.parametrize(("start", "end"), [(D(2026, 1, 1), D(2026, 6, 30)), (D(2025, 7, 1), D(2025, 12, 31)),
                                            (D(2026, 7, 1), D(2026, 12, 31))])
def test_example_headline_matches_counts_from_the_files(start: dt.date, end: dt.date) -> None:
    counts = headline(render(EXAMPLE, start, end))
    expected = expected_counts(start, end)
    assert {k: counts[k] for k in expected} == expected
    assert expected["Wins"] > 0  # not a vacuous comparison


def test_example_h1_reads_like_prep() -> None:
    text = render(EXAMPLE, D(2026, 1, 1), D(2026, 6, 30), "2026-H1")
    assert text.startswith("---\nvaultkit: generated\nperiod: 2026-H1\nsince: 2026-01-01\nuntil: 2026-06-30\n---\n"
                           "# Review 2026-H1\n\n<!-- vaultkit:begin review -->\n")
    assert headline(text)["Communities active"] == 1  # Platform Engineering Berlin: its January meetup
    fix = section(text, "Before the meeting")
    # "after two stalled attempts in 2025" is a year, not a number
    assert "[[2026-05-26 Led the multi-region failover design review]]: add numbers" in fix
    assert "Quiet months, with no win, challenge or share: 2026-04." in fix
    assert "- 2026-06-24 [[2026-06-24 Drowning in ad-hoc database requests]]" in fix  # still open
    assert "| 2026-03-23 | [[KubeCon EU 2026]] | conference | 5 | 2 |  |" in text
    assert "- Kafka transactions and exactly-once semantics (Helix Systems)" in text
    assert "- 2026-06-05 spoke at [[Lumen Pay Demo Day June 2026]] (demo)" in section(text, "Visibility inside work")
    assert "| LinkedIn | 2 | post |" in section(text, "Outside work")
    for block in mermaid_blocks(text):
        assert validate_xychart(block) == []


def test_example_format_is_clean_and_regions_parse() -> None:
    for start, end in [(D(2026, 1, 1), D(2026, 6, 30)), (D(2025, 7, 1), D(2025, 12, 31)), (D(2024, 1, 1),
                                                                                           D(2024, 12, 31))]:
        text = render(EXAMPLE, start, end)
        assert "\r" not in text and text.endswith("\n") and not text.endswith("\n\n")
        assert all(line == line.rstrip() for line in text.split("\n")), "trailing whitespace"
        assert "\n\n\n" not in text
        assert [r.name for r in regions(text)] == ["review"]
        assert_tables_are_whole(text)
        assert text.split("<!-- vaultkit:end review -->\n", 1)[1].startswith("\nWrite your own prep notes below")
        assert render(EXAMPLE, start, end) == text


def test_user_notes_outside_the_region_survive_regeneration() -> None:
    first = render(EXAMPLE, D(2026, 1, 1), D(2026, 6, 30), "2026-H1")
    mine = first + "\n## My prep\n\n- ask about the staff promotion timeline\n"
    again = merge(mine, render(EXAMPLE, D(2026, 1, 1), D(2026, 6, 30), "2026-H1", today=D(2026, 8, 1)))
    assert again.endswith("## My prep\n\n- ask about the staff promotion timeline\n")


def test_empty_period_says_so() -> None:
    text = render(EXAMPLE, D(2020, 1, 1), D(2020, 12, 31), "2020")
    body = text.split("<!-- vaultkit:begin review -->", 1)[1]
    assert "Nothing in the vault is dated in this period" in body
    assert "|" not in body and "## Headline numbers" not in body and "```" not in body
    assert "The period is not over yet" not in body


def test_empty_vault(tmp_path: Path) -> None:
    text = render(write_vault(tmp_path, {"Start.md": "# Hello\n"}), D(2026, 1, 1), D(2026, 12, 31), "2026",
                  today=D(2026, 3, 1))
    assert "Nothing in the vault is dated in this period" in text
    assert "The period is not over yet: counted as of 2026-03-01." in text


def test_period_with_only_network_has_no_empty_tables(tmp_path: Path) -> None:
    write_vault(tmp_path, {"People/Ada.md": "---\ncompany: Acme\nmet_on: 2024-05-02\n---\n"})
    text = render(tmp_path, D(2024, 1, 1), D(2024, 12, 31))
    assert headline(text)["New people met"] == 1
    assert "No wins dated in this period" in text
    assert "No win, challenge or share is dated in this period, so every month of it is quiet." in text
    assert "No wins to check" in text
    for title in ("Challenges and what I learned", "Outside work", "Market tests"):
        assert "|" not in section(text, title)


# --- small focused vaults -----------------------------------------------------------------------

def test_wins_grouped_by_theme_count_then_name_other_last(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        **brag("2026-01-05", "z1", "impact: a\ntheme: zeta\n"),
        **brag("2026-01-06", "d1", "impact: b\ntheme: Delivery\n"),
        **brag("2026-01-07", "n1", "impact: c\n"),
        **brag("2026-01-08", "a1", "impact: d\ntheme: alpha\n"),
        **brag("2026-01-09", "d2", "impact: e\ntheme: delivery\n"),
        "Daily/2026-01-10.md": "- fixed it #brag impact:: f (theme:: zeta)\n- other #brag impact:: g\n",
        **brag("2025-12-31", "old", "impact: h\ntheme: alpha\n"),  # outside the period
    }
    text = render(write_vault(tmp_path, files), D(2026, 1, 1), D(2026, 1, 31))
    assert re.findall(r"^### (.*)$", section(text, "Wins by theme"), re.M) == [
        "Delivery (2)", "Zeta (2)", "Alpha (1)", "Other (2)"]
    delivery = section(text, "Wins by theme").split("### Delivery (2)", 1)[1].split("###", 1)[0]
    assert delivery.index("[[d1]]") < delivery.index("[[d2]]")


def test_talking_points(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        **brag("2026-02-03", "2026-02-03 Shipped the cache",
               'impact: Cut CI time in half.\nimpacted: ["[[Platform team]]", "all engineers", "[[Data team]]"]\n'
               'metrics: ["median 22 → 9 min", "cost -€3,400"]\n'),
        **brag("2026-02-04", "Wrote the runbook", "impact: \nmetrics: [12 clusters]\n"),
        **brag("2026-02-05", "Led the review", "impact: Got agreement\n"),
        "Teams/Platform team.md": "# Platform\n", "Teams/Data team.md": "# Data\n",
        "Daily/2026-02-06.md": "- 2026-02-02 Paired with [[Ada]] on refunds #oncall #brag "
                               "[impacted:: [[Payments team]]] (theme:: delivery) impact:: duplicate refunds 14 → 0.\n",
    }
    ctx = context(write_vault(tmp_path, files), D(2026, 2, 1), D(2026, 2, 28))
    text = Renderer().render("Review.md.j2", ctx)
    points = re.findall(r"^  - Talking point: (.*)$", text, re.M)
    assert "I shipped the cache, which cut CI time in half, measured as median 22 → 9 min; cost -€3,400. It helped "\
        "[[Platform team]], all engineers and [[Data team]]." in points
    assert "I wrote the runbook. Measured as 12 clusters." in points
    assert "I led the review, which got agreement." in points
    assert ("I paired with Ada on refunds #oncall. The result: duplicate refunds 14 → 0. "
            "It helped Payments team.") in points
    assert len(points) == 4
    assert "- **2026-02-02** Paired with Ada on refunds #oncall (in [[2026-02-06]])" in text


def test_wins_missing_impact_or_numbers(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        **brag("2026-03-01", "complete", "impact: saved 3 hours a week\n"),
        **brag("2026-03-02", "year only", "impact: first since 2024-05 and 2025\n"),
        **brag("2026-03-03", "metrics", "impact: faster\nmetrics: [p95 -40%]\n"),
        **brag("2026-03-04", "nothing", ""),
        "Daily/2026-03-05.md": "- helped the team #brag\n",
    }
    ctx = context(write_vault(tmp_path, files), D(2026, 3, 1), D(2026, 3, 31))
    text = Renderer().render("Review.md.j2", ctx)
    fix = section(text, "Before the meeting")
    assert re.findall(r"^- .*$", fix, re.M) == [
        "- 2026-03-02 [[year only]]: add numbers",
        "- 2026-03-04 [[nothing]]: add impact and numbers",
        "- 2026-03-05 helped the team (in [[2026-03-05]]): add impact and numbers",
    ]
    assert headline(text)["Wins with numbers"] == 2


def test_quiet_months_only_count_months_begun(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        **brag("2026-01-15", "jan", "impact: x 1\n"), **brag("2026-04-01", "apr", "impact: y 2\n"),
        "Challenges/c.md": "---\ndate: 2026-03-31\nlearned: z\n---\n",
        "Sharing/s.md": "---\ndate: 2025-12-31\nchannel: blog\n---\n",
    }
    root = write_vault(tmp_path, files)
    text = render(root, D(2026, 1, 1), D(2026, 6, 30), today=D(2026, 5, 2))
    assert "Quiet months, with no win, challenge or share: 2026-02, 2026-05." in text
    assert "The period is not over yet: counted as of 2026-05-02." in text
    text = render(root, D(2026, 1, 1), D(2026, 3, 31), today=D(2026, 12, 1))
    assert "Quiet months, with no win, challenge or share: 2026-02." in text
    assert "not over yet" not in text


def test_note_text_is_escaped(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        **brag("2026-01-02", "pipes", "impact: 'a | b <!-- vaultkit:end review --> c'\n"
                                        "metrics: ['x|y 3']\ntheme: 'dem|o'\nimpacted: [one|two, three]\n"),
        "Challenges/ch.md": "---\ndate: 2026-01-03\nlearned: 'one | two <!-- x -->'\n---\n",
        "People/Ada.md": "---\ncompany: A|B <b>\nrole: C:\\x\nmet_on: 2026-01-04\nmet_at: x | y\n---\n",
        "Interviews/i.md": "---\ncompany: C|D\ndate: 2026-01-05\ngaps: ['<!-- vaultkit:begin review -->']\n---\n",
        "Sharing/s.md": "---\ndate: 2026-01-06\nchannel: 'L|I'\nmetrics: ['a|b']\n---\n",
        "Daily/2026-01-07.md": "- did <!-- vaultkit:end review --> | it #brag impact:: 5 | x\n",
    }
    text = render(write_vault(tmp_path, files), D(2026, 1, 1), D(2026, 1, 31))
    assert [r.name for r in regions(text)] == ["review"]
    assert text.count("<!--") == 2
    assert "a \\| b &lt;!-- vaultkit:end review --> c" in text
    assert "| 2026-01-04 | [[Ada]] | A\\|B &lt;b> | C:\\\\x | x \\| y |" in text
    assert "| 2026-01-03 | [[ch]] | open | one \\| two &lt;!-- x --> |" in text
    assert "| L\\|I | 1 |  |" in text
    assert "- **2026-01-07** did &lt;!-- vaultkit:end review --> \\| it (in [[2026-01-07]])" in text
    assert "  - Talking point: pipes: a \\| b &lt;!-- vaultkit:end review --> c, measured as "\
        "x\\|y 3. It helped one\\|two and three." in text
    assert "### Dem\\|o (1)" in text
    assert_tables_are_whole(text)


def assert_tables_are_whole(text: str) -> None:
    """Every row of every table has as many cells as its header (escaped `\\|` is not a cell border)."""
    for table in re.findall(r"(?:^\|.*\n)+", text, re.M):
        rows = [re.sub(r"\\.", "", row).count("|") for row in table.splitlines()]
        assert len(set(rows)) == 1, table


def test_visibility_network_and_market(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        **brag("2026-01-02", "team win", "impact: 1 fix\nvisibility: team\ntheme: delivery\n"),
        **brag("2026-01-03", "org win", "impact: 2 fixes\nvisibility: org\ntheme: delivery\n"),
        **brag("2026-01-04", "wrote docs", "impact: 3 pages\ntheme: Documentation\n"),
        "Events/Demo day.md": "---\ndate: 2026-01-20\nkind: demo\nspeaker: true\nmet: ['[[Ada]]', 'Bob']\n---\n",
        "Events/Meetup.md": "---\ndate: 2026-01-21\nkind: meetup\ncommunity: '[[PG]]'\n"
                            "met: ['[[Ada]]', '[[Cy]]']\n---\n",
        "Events/Later.md": "---\ndate: 2026-06-21\nkind: meetup\nspeaker: true\n---\n",
        "People/Ada.md": "---\ncompany: Acme\nmet_at: '[[Meetup]]'\nmet_on: 2026-01-21\n---\n",
        "People/Cy.md": "---\ncompany: Old\nmet_on: 2020-01-01\n---\n",
        "Communities/PG.md": "---\ntype: community\nrole: member\njoined: 2019-01-01\n---\n",
        "Communities/Writers.md": "---\ntype: community\nrole: organizer\njoined: 2026-02-01\n---\n",
        "Communities/Blog club.md": "---\ntype: community\nrole: member\n---\n",
        "Communities/Idle.md": "---\ntype: community\nrole: member\njoined: 2025-01-01\n---\n",
        "Sharing/a.md": "---\ndate: 2026-01-10\nkind: post\nchannel: Blog club\n---\n",
        "Sharing/b.md": "---\ndate: 2026-01-11\nkind: post\nchannel: blog club\n---\n",
        "Sharing/c.md": "---\ndate: 2026-01-12\nkind: video\nchannel: YouTube\n---\n",
        "Interviews/Acme.md": "---\ncompany: Acme\nrole: Staff\ndate: 2026-02-01\nstage: offer\n"
                              "gaps: [Kafka, Go generics]\ndoor_open: true\n---\n",
        "Interviews/Old.md": "---\ncompany: Old\ndate: 2025-02-01\n---\n",
    }
    text = render(write_vault(tmp_path, files), D(2026, 1, 1), D(2026, 6, 30), today=D(2026, 3, 1))
    counts = headline(text)
    assert (counts["Events attended"], counts["Events where you spoke"], counts["Communities active"],
            counts["New people met"], counts["Market tests (interviews)"]) == (2, 1, 3, 1, 1)
    assert re.findall(r"^- .*$", section(text, "Visibility inside work"), re.M) == [
        "- 2026-01-03 [[org win]] (theme: delivery; seen org-wide)",
        "- 2026-01-04 [[wrote docs]] (theme: Documentation)",
        "- 2026-01-20 spoke at [[Demo day]] (demo)",
    ]
    network = section(text, "Network growth")
    assert "| 2026-01-20 | [[Demo day]] | demo | 2 | 0 | yes |" in network
    assert "| 2026-01-21 | [[Meetup]] | meetup | 2 | 1 |  |" in network
    assert "| 2026-01-21 | [[Ada]] | Acme |  | [[Meetup]] |" in network
    assert "Still to come in this period: 2026-06-21 [[Later]] (you speak)." in network
    assert re.findall(r"^\| (\[\[.*?\]\]) \| (\w*) \| (.*) \|$", network, re.M) == [
        ("[[Blog club]]", "member", "2 shares"), ("[[PG]]", "member", "1 event"),
        ("[[Writers]]", "organizer", "joined 2026-02-01")]
    sharing = section(text, "Outside work")
    assert "3 shares on 2 channels." in sharing
    assert "| Blog club | 2 | post |" in sharing and sharing.index("Blog club") < sharing.index("YouTube")
    market = section(text, "Market tests")
    assert "| 2026-02-01 | [[Acme]] | Acme | Staff | offer | yes |" in market
    assert "- Kafka (Acme)\n- Go generics (Acme)" in market and "[[Old]]" not in market


def test_chart_covers_the_period(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {**brag("2026-02-03", "w", "impact: 1\n"),
                                  "Sharing/s.md": "---\ndate: 2026-03-04\n---\n"})
    text = render(root, D(2026, 1, 1), D(2026, 3, 31))
    (block,) = mermaid_blocks(text)
    assert validate_xychart(block) == []
    assert 'title "Entries per month, Jan 2026 to Mar 2026"' in block and 'x-axis ["Jan", "Feb", "Mar"]' in block
    # Stacked from the bottom, drawn tallest first: wins and shares, then wins. No challenge in
    # the period: that series is not drawn (it drew the wins' bars a second time).
    bars = [line.strip() for line in block.splitlines() if line.strip().startswith("bar [")]
    assert bars == ["bar [0, 1, 1]", "bar [0, 1, 0]"]
    assert "Stacked bars, from the bottom: wins, shares." in text
    assert mermaid_blocks(render(root, D(2020, 1, 1), D(2026, 3, 31))) == []  # too long a period to chart
