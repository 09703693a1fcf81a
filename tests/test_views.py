"""Generated index notes: Events, Brag, Interviews, Sharing, Communities, Dashboard, and charts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cli.main import cli
from vaultkit.disk.load import load_vault
from vaultkit.reader.links import LinkIndex
from vaultkit.reader.parse import parse_note
from vaultkit.views.charts import (
    PALETTE,
    mermaid_blocks,
    month_window,
    monthly_bars,
    stacked_bars,
    tick_step,
    validate_xychart,
    y_axis_top,
)
from vaultkit.views.derived.sharing import iso_week, streaks
from vaultkit.views.plan import plan
from vaultkit.views.registry import default_views
from vaultkit.views.render import Renderer

INDEXES = [view.note for view in default_views()]  # the index notes vaultkit ships, in order

TODAY = "2026-07-15"


def build(root: Path, files: dict[str, str | bytes], today: str = TODAY) -> dict[str, str]:
    """Write a vault, plan every generated note, return name → text (no disk writes)."""
    write_vault(root, files)
    vault = load_vault(root)
    return {p.path.split("/", 1)[1]: p.text for p in plan(vault, dt.date.fromisoformat(today), Renderer(root))}


def region(text: str, name: str) -> str:
    """The generated text of a note between its markers, checking the note's shape on the way."""
    assert text.startswith("---\nvaultkit: generated\n---\n# ")
    assert text.count("<!-- vaultkit:begin ") == 1 and text.count("<!-- vaultkit:end ") == 1
    start = text.index(f"<!-- vaultkit:begin {name} -->\n")
    found = re.search(rf"^<!-- vaultkit:end {name}( [0-9a-f]{{8}})? -->\n", text, re.M)
    assert found, f"no end marker for {name}"
    end = found.start()
    return text[start:end]


def section(text: str, heading: str) -> str:
    """Lines under a Markdown heading, up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading + "\n") + len(heading) + 1
    m = re.compile(rf"^(#{{1,{level}}} |<!-- vaultkit:end )", re.M).search(text, start)
    return text[start:m.start() if m else len(text)]


def person(company: str = "Acme", role: str = "Engineer", **extra: str) -> str:
    lines = [f"company: {company}", f"role: {role}", *(f"{k}: {v}" for k, v in extra.items())]
    return "---\n" + "\n".join(lines) + "\n---\n"


# --- Events --------------------------------------------------------------------------


EVENTS = {
    "vaultkit.toml": 'today = "2026-07-15"\nevent_goal_new_people = 2\n',
    "People/Ada.md": person("Acme | Co", "CTO <!-- vaultkit:end events -->", met_at='"[[Meetup May]]"',
                            met_on="2026-05-10", topics="[compilers, pipes | tables]"),
    "People/Bob.md": person("Bolt", "SRE", met_on="2025-01-01"),
    "People/Cy.md": person("Cyan", "PM", met_on="2026-05-11"),
    "People/Dee.md": person("Dot", "Dev", met_at='"[[Meetup May]]"', met_on="2026-05-10"),
    "Daily/2026-06-01.md": "- 2026-06-01 coffee with [[Bob]] about retries\n",
    "Events/Meetup May.md": ("---\ndate: 2026-05-10\nend: 2026-05-11\nkind: meetup\nmet:\n  - \"[[Ada]]\"\n"
                             "  - \"[[Bob]]\"\n  - \"[[Cy]]\"\n  - Somebody Else\n---\n"),
    "Events/Conf March.md": "---\ndate: 2026-03-01\nmet: [\"[[Bob]]\"]\ngoal_new_people: 1\nspeaker: true\n---\n",
    "Events/Later.md": ("---\ndate: 2026-09-01\nkind: conference\nlocation: Berlin\nspeaker: true\n"
                        "want_to_meet: [\"[[Bob]]\", \"[[Ada]]\", Zed Unknown]\n---\n"),
    "Events/Sooner.md": "---\ndate: 2026-08-01\n---\n",
    "Events/Ongoing.md": "---\ndate: 2026-07-14\nend: 2026-07-16\nwant_to_meet: [\"[[Cy]]\"]\n---\n",
}


def test_events_upcoming_soonest_first_with_what_you_know(tmp_path: Path) -> None:
    text = region(build(tmp_path, EVENTS)["Events.md"], "events")
    upcoming = section(text, "## Upcoming")
    assert [m for m in re.findall(r"^### \[\[(.+?)\]\]", upcoming, re.M)] == ["Ongoing", "Sooner", "Later"]
    later = section(upcoming, "### [[Later]]")
    assert "2026-09-01, in 48 days · conference · Berlin · goal: 2 new people · you are speaking" in later
    rows = [line for line in later.splitlines() if line.startswith("| [[") or line.startswith("| Zed")]
    assert rows[0].startswith("| [[Bob]] | SRE | Bolt |")
    assert rows[0].endswith("| 2026-06-01: coffee with [[Bob]] about retries ([[2026-06-01]]) |")
    assert rows[2] == "| Zed Unknown |  |  |  | no note yet |"
    assert "2026-07-14 to 2026-07-16, under way" in section(upcoming, "### [[Ongoing]]")
    assert "Nobody on the list yet" in section(upcoming, "### [[Sooner]]")


def test_events_escape_note_text_in_tables(tmp_path: Path) -> None:
    text = build(tmp_path, EVENTS)["Events.md"]
    ada = next(line for line in text.splitlines() if line.startswith("| [[Ada]]"))
    assert "| CTO &lt;!-- vaultkit:end events --> | Acme \\| Co | compilers, pipes \\| tables |" in ada
    assert len(re.findall(r"(?<!\\)\|", ada)) == 6  # five cells: the pipes in note text are escaped
    assert text.count("<!-- vaultkit:end events -->") == 1


def test_events_past_goal_counting(tmp_path: Path) -> None:
    past = section(region(build(tmp_path, EVENTS)["Events.md"], "events"), "## Past")
    rows = [line for line in past.splitlines() if line.startswith("| 2026")]
    assert [r.split(" | ")[1] for r in rows] == ["[[Meetup May]]", "[[Conf March]]"]  # most recent first
    # Ada: met_at links it; Cy: met_on within date..end; Bob: met long before; Dee: only met_at (added).
    may = rows[0]
    assert "[[Ada]] (new), [[Bob]], [[Cy]] (new), Somebody Else, [[Dee]] (new)" in may
    assert may.endswith("| 3 / 2 | yes |")  # config goal 2
    assert rows[1].endswith("| [[Bob]] | 0 / 1 | no |")  # the event's own goal
    assert "3 upcoming, 2 past. 1 of the 2 past events reached their goal of new people.\n" \
        in build(tmp_path / "again", EVENTS)["Events.md"]


@pytest.mark.parametrize(("goals", "said"), [
    ((0,), "1 past. The past event reached its goal of new people."),
    ((1,), "1 past. The past event did not reach its goal of new people."),
    ((0, 0), "2 past. Both past events reached their goal of new people."),
    ((0, 0, 0), "3 past. All 3 past events reached their goal of new people."),
    ((1, 1), "2 past. None of the 2 past events reached its goal of new people."),
    ((), "0 upcoming, 0 past.\n\n## Upcoming"),
])
def test_events_say_how_many_past_events_reached_their_goal_as_a_sentence(
        tmp_path: Path, goals: tuple[int, ...], said: str) -> None:
    files = {"vaultkit.toml": 'today = "2026-07-15"\n',
             **{f"Events/E{i}.md": f"---\ndate: 2026-0{i + 1}-01\ngoal_new_people: {g}\n---\n"
                for i, g in enumerate(goals)}}
    if not goals:
        files["People/Ada.md"] = "# Ada\n"
    text = build(tmp_path, files)["Events.md"]
    assert said in text and "was reached at" not in text


def test_events_talks_section(tmp_path: Path) -> None:
    text = build(tmp_path, EVENTS)["Events.md"]
    talks = section(text, "## Talks you gave")
    assert talks.strip().splitlines() == [
        "- 2026-09-01 [[Later]] (conference, upcoming)",
        "- 2026-03-01 [[Conf March]]",
    ]
    assert section(text, "## Talks you saw").strip() == (
        "None noted yet: after an event, list them in its note's `## Talks` section, one item a talk: "
        "`- [[Speaker]] — Title: what stood out`.")


def test_events_list_the_talks_you_saw_apart_from_those_you_gave(tmp_path: Path) -> None:
    # The new-user trial: an event whose `## Talks` held talks you saw showed "No talks yet".
    text = region(build(tmp_path, {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "People/Mei.md": "# Mei\n",
        "Events/Meetup.md": ("---\ndate: 2026-05-04\n---\n# Meetup\n\n## Talks\n\n"
                             "- [[Mei]] — CDC at scale: slots | filled the disk\n"
                             "- Ingrid Sørensen — \"pgvector: 200M rows\"\n"),
        "Events/Conf.md": ("---\ndate: 2026-06-10\nspeaker: true\ntalks:\n"
                           "  - {speaker: \"[[Mei]]\", title: Keynote, note: ask her about <!-- this -->}\n---\n"),
        "Events/Later.md": "---\ndate: 2026-09-01\n---\n## Talks\n\n- [[Mei]] — Not yet: seen in prep\n",
        "Events/Quiet.md": "---\ndate: 2026-04-01\n---\n",
    })["Events.md"], "events")
    assert section(text, "## Talks you gave").strip() == "- 2026-06-10 [[Conf]]"
    assert section(text, "## Talks you saw").strip().splitlines() == [
        "- 2026-06-10 [[Conf]]",
        '  - [[Mei]], "Keynote": ask her about &lt;!-- this -->',
        "- 2026-05-04 [[Meetup]]",
        '  - [[Mei]], "CDC at scale": slots \\| filled the disk',
        '  - Ingrid Sørensen, "pgvector: 200M rows"',
    ]  # latest first; an upcoming event's talks are for its prep note


# --- Brag ----------------------------------------------------------------------------


BRAG = {
    "vaultkit.toml": 'today = "2026-07-15"\n',
    "Teams/Payments.md": "# Payments\n",
    "Brag/Big win.md": ("---\ndate: 2026-05-02\nimpact: Saved money | lots\nmetrics: [\"cost -30%\"]\n"
                        "impacted: [\"[[Payments]]\", Finance]\ntheme: delivery\n---\n"),
    "Brag/Vague win.md": "---\ndate: 2026-04-20\nimpact: made things better\ntheme: delivery\n---\n",
    "Brag/Old win.md": "---\ndate: 2025-12-30\nimpact: 2 outages fewer\n---\n",
    "Daily/2026-07-02.md": (
        "- Wrote the [[Payments|payments]] runbook #brag impact:: on-call ramp-up 3 weeks → 1 "
        "[impacted:: [[Payments]]] (theme:: documentation)\n"
        "- Fixed <!-- vaultkit:end brag --> a flaky | test #brag\n"
        "- Review went badly #challenge [status:: overcome] [learned:: bring numbers]\n"
    ),
    "Challenges/Hard thing.md": "---\ndate: 2026-01-10\nstatus: open\nlearned: ask early\n---\n",
}


def test_brag_wins_by_quarter_latest_first(tmp_path: Path) -> None:
    text = region(build(tmp_path, BRAG)["Brag.md"], "brag")
    wins = section(text, "## Wins by quarter")
    assert re.findall(r"^### (\S+)", wins, re.M) == ["2026-Q3", "2026-Q2", "2025-Q4"]
    q2 = [line for line in section(wins, "### 2026-Q2").splitlines() if line.startswith("| 2026")]
    assert [r.split(" | ")[0] for r in q2] == ["| 2026-04-20", "| 2026-05-02"]  # by date within
    assert q2[1] == ("| 2026-05-02 | [[Big win]] | Saved money \\| lots | cost -30% | [[Payments]], Finance "
                     "| delivery |")
    assert "5 wins and 2 challenges (1 open)" in text
    assert "Wins by theme: delivery 2, no theme 2, documentation 1." in text


def test_brag_inline_entries_link_their_daily_note(tmp_path: Path) -> None:
    q3 = section(build(tmp_path, BRAG)["Brag.md"], "### 2026-Q3")
    rows = [line for line in q3.splitlines() if line.startswith("| 2026")]
    assert rows[0] == ("| 2026-07-02 | Wrote the payments runbook ([[2026-07-02]]) | on-call ramp-up 3 weeks → 1 "
                       "|  | [[Payments]] | documentation |")
    assert rows[1].startswith("| 2026-07-02 | Fixed &lt;!-- vaultkit:end brag --> a flaky \\| test ([[2026-07-02]])")


def test_brag_needs_work_flags_missing_impact_and_numbers(tmp_path: Path) -> None:
    needs = section(build(tmp_path, BRAG)["Brag.md"], "## Needs work").strip().splitlines()
    assert needs == [
        "- 2026-07-02 Fixed &lt;!-- vaultkit:end brag --> a flaky \\| test ([[2026-07-02]]): "
        "add impact and numbers",
        "- 2026-04-20 [[Vague win]]: add numbers",
    ]  # "2 outages fewer" and "3 weeks → 1" hold numbers in their impact


def test_brag_challenges_open_first_with_learned(tmp_path: Path) -> None:
    text = build(tmp_path, BRAG)["Brag.md"]
    rows = [line for line in section(text, "## Challenges").splitlines() if line.startswith("| 20")]
    assert rows == [
        "| 2026-01-10 | [[Hard thing]] | open | ask early |  |",
        "| 2026-07-02 | Review went badly ([[2026-07-02]]) | overcome | bring numbers |  |",
    ]


def test_brag_chart_stacks_wins_under_challenges_per_month(tmp_path: Path) -> None:
    text = build(tmp_path, BRAG)["Brag.md"]
    (chart,) = mermaid_blocks(text)
    assert validate_xychart(chart) == []
    assert 'title "Wins and challenges per month, Aug 2025 to Jul 2026"' in chart
    assert 'x-axis ["Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"]' in chart
    # Drawn tallest first: wins and challenges together, then wins over them.
    both, wins = "bar [0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 3]", "bar [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 2]"
    assert chart.index(both) < chart.index(wins)
    assert "Stacked bars, from the bottom: wins, challenges." in text


def test_brag_chart_without_challenges_draws_each_bar_line_once(tmp_path: Path) -> None:
    files = {k: v for k, v in BRAG.items() if not k.startswith(("Challenges/", "Daily/"))}
    (chart,) = mermaid_blocks(build(tmp_path, files)["Brag.md"])
    assert validate_xychart(chart) == []
    bars = [line for line in chart.splitlines() if line.strip().startswith("bar [")]
    assert bars == ["    bar [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1]"]  # wins alone, not drawn twice
    assert 'title "Wins per month, Jun 2025 to May 2026"' in chart and "Stacked bars" not in chart
    # Challenges only before the window: the chart says both, but draws no empty series either.
    files["Challenges/Long ago.md"] = "---\ndate: 2024-01-10\nstatus: open\n---\n"
    (chart,) = mermaid_blocks(build(tmp_path / "old", files)["Brag.md"])
    assert len([line for line in chart.splitlines() if line.strip().startswith("bar [")]) == 1


def test_a_stacked_chart_leaves_out_a_series_with_nothing_in_its_window() -> None:
    chart = stacked_bars("Entries", "Entries", [("wins", [("2026-07", 2)]), ("challenges", []),
                                                ("shares", [("2026-06", 1)])], dt.date(2026, 7, 1), 2)
    assert [line.strip() for line in chart.splitlines() if line.strip().startswith("bar [")] == \
        ["bar [1, 2]", "bar [0, 2]"]
    assert chart.endswith("Stacked bars, from the bottom: wins, shares.")
    assert f'plotColorPalette: "{PALETTE[2]}, {PALETTE[0]}"' in chart  # each keeps its own colour
    empty = stacked_bars("Entries", "Entries", [("wins", []), ("challenges", [])], dt.date(2026, 7, 1), 2)
    assert [line.strip() for line in empty.splitlines() if line.strip().startswith("bar [")] == ["bar [0, 0]"]


def test_brag_chart_ends_at_the_latest_entry_not_today(tmp_path: Path) -> None:
    files = {**BRAG, "vaultkit.toml": 'today = "2027-03-01"\n'}
    assert build(tmp_path, files)["Brag.md"] == build(tmp_path, BRAG)["Brag.md"]


# --- Interviews ----------------------------------------------------------------------


INTERVIEWS = {
    "vaultkit.toml": 'today = "2026-07-15"\n',
    "People/Rita.md": person("Acme", "Recruiter"),
    "Interviews/Acme.md": ("---\ncompany: Acme\nrole: Staff\ndate: 2026-06-01\nstage: rejected\n"
                           "people: [\"[[Rita]]\"]\nrounds:\n  - date: 2026-06-02\n    kind: screen\n"
                           "  - date: 2026-06-09\n    kind: design\ngaps: [Kafka | streams, capacity math]\n"
                           "door_open: true\nfollow_up: 2026-07-01\n---\n"),
    "Interviews/Beta.md": ("---\ncompany: Beta\ndate: 2026-07-01\nstage: offer\nfollow_up: 2026-08-01\n"
                           "gaps: [GDPR]\n---\n"),
    "Interviews/Gamma.md": "---\ncompany: Gamma\ndate: 2026-05-01\nstage: applied\nfollow_up: 2026-07-20\n---\n",
}


def test_interviews_grouped_by_stage_in_pipeline_order(tmp_path: Path) -> None:
    text = region(build(tmp_path, INTERVIEWS)["Interviews.md"], "interviews")
    assert re.findall(r"^### (\w+)", section(text, "## By stage"), re.M) == ["Applied", "Offer", "Rejected"]
    acme = next(line for line in text.splitlines() if line.startswith("| [[Acme]]"))
    assert acme == "| [[Acme]] | Acme | Staff | 2026-06-01 | [[Rita]] | 2 (last 2026-06-09) | yes | 2026-07-01 |"
    assert "3 market tests, 2 still open; 1 with the door left open; 1 follow-up overdue." in text


def test_interviews_follow_ups_overdue_first_then_upcoming_then_done(tmp_path: Path) -> None:
    follow = section(build(tmp_path, INTERVIEWS)["Interviews.md"], "## Follow-ups").strip().splitlines()
    assert follow == [  # Acme's date passed and nobody in it (Rita) was contacted since: overdue, first
        "- 2026-07-01 (14 days ago, overdue: no contact logged since): [[Acme]], rejected, with [[Rita]]",
        "- 2026-07-20 (in 5 days): [[Gamma]], applied",
        "- 2026-08-01 (in 17 days): [[Beta]], offer",
    ]
    # a contact with Rita on or after the follow-up date is the follow-up done: listed last
    done = {**INTERVIEWS, "Daily/2026-07-03.md": "- call with [[Rita]] about Acme's next opening\n"}
    follow = section(build(tmp_path / "done", done)["Interviews.md"], "## Follow-ups").strip().splitlines()
    assert follow[0].startswith("- 2026-07-20") and follow[-1] == (
        "- 2026-07-01 (14 days ago, done: contact logged 2026-07-03): [[Acme]], rejected, with [[Rita]]")


def test_interviews_doors_and_gaps(tmp_path: Path) -> None:
    text = build(tmp_path, INTERVIEWS)["Interviews.md"]
    assert section(text, "## Doors left open").strip() == "- [[Acme]] (Acme, rejected): keep in touch with [[Rita]]"
    assert section(text, "## Gaps found: learning targets").strip().splitlines() == [
        "- GDPR ([[Beta]], 2026-07-01)",
        "- Kafka \\| streams ([[Acme]], 2026-06-01)",
        "- capacity math ([[Acme]], 2026-06-01)",
    ]


# --- Sharing -------------------------------------------------------------------------


def share(date: str, channel: str = "blog", kind: str = "post") -> str:
    return f"---\ndate: {date}\nkind: {kind}\nchannel: {channel}\ntopics: [x]\n---\n"


@pytest.mark.parametrize(("today", "dates", "current", "longest"), [
    # Across New Year: 2025-12-22 (W52), 2025-12-29 (2026-W01), 2026-01-05 (W02); today in W03, nothing yet.
    ("2026-01-14", ["2025-12-22", "2025-12-30", "2026-01-05"], 3, 3),
    # A share this week counts from this week.
    ("2026-01-14", ["2025-12-30", "2026-01-05", "2026-01-12"], 3, 3),
    # Nothing this week nor last week: the streak is broken; the longest is kept.
    ("2026-01-21", ["2025-12-01", "2025-12-08", "2025-12-15", "2026-01-05"], 0, 3),
    # Future shares do not count; two in one week count once.
    ("2026-01-07", ["2026-01-05", "2026-01-06", "2026-01-12"], 1, 1),
    ("2026-01-07", [], 0, 0),
])
def test_streaks(today: str, dates: list[str], current: int, longest: int) -> None:
    got = streaks([dt.date.fromisoformat(d) for d in dates], dt.date.fromisoformat(today))
    assert (got.current, got.longest) == (current, longest)


def test_iso_week_uses_the_iso_year() -> None:
    assert iso_week(dt.date(2025, 12, 29)) == "2026-W01"
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"


def test_sharing_note(tmp_path: Path) -> None:
    files = {
        "Sharing/a.md": share("2025-12-23", "LinkedIn"),
        "Sharing/b.md": share("2025-12-31", "Blog", "article"),
        "Sharing/c.md": share("2026-01-08", "blog"),
        "Sharing/d.md": "---\ntitle: A | B <!-- x -->\ndate: 2026-01-06\nchannel: Bad | channel\n---\n",
    }
    text = region(build(tmp_path, files, today="2026-01-14")["Sharing.md"], "sharing")
    assert ("4 things shared outside work, the latest on 2026-01-08. Longest weekly streak: 3 weeks "
            "(2025-W52 to 2026-W02). This month's count and your current streak are on the Dashboard.") in text
    assert section(text, "## By channel").strip().splitlines()[2:] == [
        "| Blog | 2 | 2026-01-08 |", "| Bad \\| channel | 1 | 2026-01-06 |", "| LinkedIn | 1 | 2025-12-23 |"]
    months = section(text, "## By month")
    assert re.findall(r"^### (\S+)", months, re.M) == ["2026-01", "2025-12"]
    jan = [line for line in section(months, "### 2026-01").splitlines() if line.startswith("| 2026")]
    assert jan == ["| 2026-01-06 | [[d\\|A / B !-- x --]] |  | Bad \\| channel |  |",
                   "| 2026-01-08 | [[c]] | post | blog | x |"]
    (chart,) = mermaid_blocks(text)
    assert validate_xychart(chart) == [] and chart.rstrip().endswith("bar [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2]")
    # A later today changes nothing: the chart ends at the latest share, the streak is the longest.
    assert region(build(tmp_path, {**files, "vaultkit.toml": 'today = "2026-09-30"\n'})["Sharing.md"],
                  "sharing") == text


# --- Communities ---------------------------------------------------------------------


def test_communities_people_events_and_missing(tmp_path: Path) -> None:
    files = {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Communities/Go Club.md": "---\nfocus: Go | gophers\nrole: organizer\njoined: 2024-01-01\n---\n",
        "Communities/Quiet.md": "---\nrole: member\n---\n",
        "People/Zoe.md": "---\ncommunities: [\"[[Go Club]]\", \"[[Rust Folks]]\"]\n---\n",
        "People/Al.md": "---\ncommunities: [\"[[Go Club]]\"]\n---\n",
        "Events/Go Jan.md": "---\ndate: 2026-01-10\ncommunity: \"[[Go Club]]\"\n---\n",
        "Events/Go Mar.md": "---\ndate: 2026-03-10\ncommunity: \"[[Go Club]]\"\n---\n",
        "Events/Go Sep.md": "---\ndate: 2026-09-10\ncommunity: \"[[Go Club]]\"\n---\n",
    }
    text = region(build(tmp_path, files)["Communities.md"], "communities")
    assert "| [[Go Club]] | organizer | 2024-01-01 | 2 | 3 | 2026-01-10 | 2026-09-10 |" in text
    assert "| [[Quiet]] | member |  | 0 | 0 |  |  |" in text
    go = section(text, "## [[Go Club]]")
    assert "- Focus: Go \\| gophers\n" in go
    assert "- People (2): [[Al]], [[Zoe]]\n" in go
    assert ("  - 2026-09-10 [[Go Sep]]\n  - 2026-03-10 [[Go Mar]]\n  - 2026-01-10 [[Go Jan]]\n") in go
    assert "- Events: none yet" in section(text, "## [[Quiet]]")
    assert "- Rust Folks (1 link): create the note, or fix the name" in text


# --- Dashboard -----------------------------------------------------------------------


def test_dashboard_links_and_numbers(tmp_path: Path) -> None:
    files = {**EVENTS, **BRAG, **INTERVIEWS, "Sharing/s.md": share("2026-07-01"),
             "Communities/C.md": "---\nrole: member\n---\n"}
    text = region(build(tmp_path, files)["Dashboard.md"], "dashboard")
    for name in INDEXES:
        if name != "Dashboard.md":
            assert f"| [[{name[:-3]}]] |" in text
    assert "| 5 people at 5 companies; 3 met in the last 12 months |" in text
    assert "| 3 upcoming; next: [[Ongoing]] on 2026-07-14 |" in text
    assert "| 2 wins this quarter (2026-Q3), 4 this year (2026); 1 open challenge |" in text
    assert "| 2 open of 3; next follow-up 2026-07-01 (overdue) |" in text  # an overdue one first
    assert "| 1 shared this month; weekly streak 0 weeks (longest 1) |" in text
    assert "| 1 community |" in text
    assert section(text, "## Next 30 days").strip().splitlines() == [
        "- 2026-07-14 [[Ongoing]] (event)", "- 2026-07-20 [[Gamma]] (interview follow-up)",
        "- 2026-08-01 [[Beta]] (interview follow-up)", "- 2026-08-01 [[Sooner]] (event)"]
    (chart,) = mermaid_blocks(text)
    assert validate_xychart(chart) == [] and "bar [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0]" in chart


def test_dashboard_links_bare_names_when_a_template_shares_one(tmp_path: Path) -> None:
    """A template named People (`vaultkit init` writes `Templates/brag.md`) does not hold the
    generated People.md back (a note of the user's would: see test_outputs). Obsidian indexes
    the template, but the Dashboard's bare [[People]] resolves to the note in its own folder
    first (SPEC §8): the generated one, so the row is a bare link like every other."""
    files: dict[str, str | bytes] = {"vaultkit.toml": 'today = "2026-07-15"\n', "Templates/People.md": "# mine\n"}
    write_vault(tmp_path, files)
    runner = CliRunner()
    for _ in range(2):  # same bytes before and after the generated notes exist
        assert runner.invoke(cli, ["--vault", str(tmp_path), "build"]).exit_code == 0
        text = (tmp_path / "Vaultkit" / "Dashboard.md").read_text()
        assert "| [[People]] |" in text and "| [[Events]] |" in text and "Vaultkit/" not in text
    assert "0 created, 0 updated" in runner.invoke(cli, ["--vault", str(tmp_path), "build"]).output
    # Resolved as Obsidian does with the template indexed too: the Dashboard's folder first,
    # even before a shorter path (a templates folder called `T/`).
    index = LinkIndex([parse_note(p, b"") for p in ("T/People.md", "Vaultkit/People.md")])
    assert index.resolve("People", "Vaultkit/Dashboard.md").path == "Vaultkit/People.md"


def test_a_fresh_vault_links_each_generated_note_by_its_name(tmp_path: Path) -> None:
    """`vaultkit init` writes `Templates/brag.md`; the Dashboard still says [[Brag]] (it said
    [[Vaultkit/Brag]], alone among bare links: the new-user trial)."""
    runner = CliRunner()
    assert runner.invoke(cli, ["--vault", str(tmp_path), "init"]).exit_code == 0
    assert (tmp_path / "Templates" / "brag.md").is_file()
    assert runner.invoke(cli, ["--vault", str(tmp_path), "build"]).exit_code == 0
    rows = [line.split(" | ", 1)[0] for line in (tmp_path / "Vaultkit" / "Dashboard.md").read_text().splitlines()
            if line.startswith("| [[")]
    assert rows == ["| [[People]]", "| [[Follow-ups]]", "| [[Events]]", "| [[Brag]]", "| [[Interviews]]",
                    "| [[Sharing]]", "| [[Communities]]", "| [[Goals]]"]


# --- Charts --------------------------------------------------------------------------


def test_month_window_crosses_the_year() -> None:
    assert month_window(dt.date(2026, 2, 28), 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert len(month_window(dt.date(2026, 7, 15))) == 12
    assert month_window(dt.date(1, 2, 3)) == ["0001-01", "0001-02"]  # never before year 1


def test_monthly_bars_fill_every_month_and_drop_outside() -> None:
    chart = monthly_bars("Things", "Count", [("2026-07", 2), ("2026-07", 1), ("2025-07", 9), ("2026-01", 1)],
                         dt.date(2026, 7, 15))
    assert chart.startswith("```mermaid\n---\nconfig:\n") and chart.endswith("\n```")
    assert '      plotColorPalette: "#0072B2"\n---\nxychart-beta\n' in chart
    assert 'title "Things per month, Aug 2025 to Jul 2026"' in chart
    assert 'y-axis "Count" 0 --> 8' in chart
    assert "bar [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 3]" in chart
    assert validate_xychart(str(chart)) == []
    assert 'y-axis "Count" 0 --> 8' in monthly_bars("Empty", "Count", [], dt.date(2026, 7, 15))


def test_long_windows_are_shown_by_quarter() -> None:
    chart = monthly_bars("Things", "Count", [("2025-01", 2), ("2025-03", 1), ("2026-12", 4)], dt.date(2026, 12, 31), 24)
    assert 'title "Things per quarter, Jan 2025 to Dec 2026"' in chart
    assert 'x-axis ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]' in chart
    assert "bar [3, 0, 0, 0, 0, 0, 0, 4]" in chart and validate_xychart(str(chart)) == []


@pytest.mark.parametrize("largest", [0, 1, 3, 7, 8, 9, 10, 11, 13, 17, 23, 38, 51, 99, 101, 777, 1234])
def test_y_axis_top_gives_whole_ticks_and_labels_the_top(largest: int) -> None:
    top = y_axis_top(largest)
    step = tick_step(top)
    assert top >= max(largest, 8) and step.is_integer() and top % step == 0
    assert top < max(largest, 8) + step  # no more than one step of headroom


@pytest.mark.parametrize(("top", "step"), [
    (3, 0.2), (5, 0.5), (7, 0.5), (8, 1), (10, 1), (15, 2), (30, 2), (38, 5), (80, 10)])
def test_tick_step_matches_d3(top: int, step: float) -> None:
    """As d3.scaleLinear().domain([0, top]).ticks() steps, which Mermaid draws (checked with d3 7 in node)."""
    assert tick_step(top) == pytest.approx(step)


def test_stacked_bars_draw_running_totals_tallest_first() -> None:
    chart = stacked_bars("Entries", "Entries", [("wins", [("2026-06", 2), ("2026-07", 1)]),
                                                ("challenges", [("2026-07", 1)]), ("shares", [("2026-06", 13)])],
                         dt.date(2026, 7, 1), 2)
    assert 'plotColorPalette: "#009E73, #E69F00, #0072B2"' in chart  # shares, challenges, wins
    assert 'y-axis "Entries" 0 --> 16' in chart  # 15 rounded up to whole steps of 2
    assert chart.count("    bar [") == 3
    assert chart.index("bar [15, 2]") < chart.index("bar [2, 2]") < chart.index("bar [2, 1]")
    assert chart.endswith("```\n\nStacked bars, from the bottom: wins, challenges, shares.")
    assert validate_xychart(mermaid_blocks(str(chart))[0]) == []


@pytest.mark.parametrize(("chart", "problem"), [
    ('pie\n  "a" : 1', "first line"),
    ('xychart-beta\n x-axis ["a", "b"]\n y-axis "n" 0 --> 5\n bar [1]', "1 values for 2"),
    ('xychart-beta\n x-axis ["a"b"]\n y-axis "n" 0 --> 5\n bar [1]', "quoted strings"),
    ('xychart-beta\n x-axis [a, b]\n y-axis "n" 0 --> 5\n bar [1, 2]', "quoted strings"),
    ('xychart-beta\n x-axis ["a"]\n y-axis "n" 5 --> 5\n bar [1]', "below max"),
    ('xychart-beta\n x-axis ["a"]\n y-axis "n" 0 --> 5\n bar [x]', "numbers"),
    ('xychart-beta\n x-axis ["a"]\n y-axis "n" 0 --> 5', "no bar"),
    ('xychart-beta\n x-axis ["a"]\n y-axis "n" 0 --> 5\n bar [9]', "outside"),
    ('xychart-beta\n title "a "b""\n x-axis ["a"]\n y-axis "n" 0 --> 5\n bar [1]', "title"),
    ('xychart-beta\n x-axis ["a"]\n y-axis "n" 0 --> 5\n bar [1]\n pie [1]', "not part"),
    ('xychart-beta\n x-axis ["a"]\n y-axis "n" 0 --> 3\n bar [1]', "fractional ticks"),
    ('xychart-beta\n x-axis ["a", "a"]\n y-axis "n" 0 --> 8\n bar [1, 2]', "repeat"),
    ('---\nconfig\n---\nxychart-beta\n x-axis ["a"]\n y-axis "n" 0 --> 8\n bar [1]', "front matter"),
])
def test_validate_xychart_finds_problems(chart: str, problem: str) -> None:
    problems = validate_xychart(chart)
    assert any(problem in p for p in problems), problems


def test_validate_xychart_accepts_lines_and_fences() -> None:
    chart = '```mermaid\nxychart-beta\n  title "T"\n  x-axis ["a", "b"]\n  y-axis "n" 0 --> 5\n' \
            '  bar [1, 2]\n  line [2.5, 3]\n```'
    assert validate_xychart(chart) == []


# --- Example vault -------------------------------------------------------------------


def test_example_vault_notes_are_well_formed_and_charts_valid(example_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "build"])
    assert result.exit_code == 0, result.output
    charts = 0
    for name in INDEXES:
        raw = (example_copy / "Vaultkit" / name).read_bytes()
        text = raw.decode("utf-8")
        assert b"\r" not in raw and text.endswith("\n")
        assert not [line for line in text.splitlines() if line != line.rstrip()], name
        region(text, name[:-3].lower().replace("-", ""))
        for block in mermaid_blocks(text):
            assert validate_xychart(block) == [], (name, block)
            charts += 1
    assert charts >= 3


def test_example_events_goal_story(example_copy: Path) -> None:
    """The example's KubeCon met 2 new people of a goal of 5, as its note says."""
    assert CliRunner().invoke(cli, ["--vault", str(example_copy), "build"]).exit_code == 0
    events = (example_copy / "Vaultkit" / "Events.md").read_text()
    kubecon = next(line for line in events.splitlines() if "| [[KubeCon EU 2026]] |" in line)
    assert kubecon.endswith("| 2 / 5 | no |")
    assert "[[Aisha Bello]] (new), [[Yusuf Demir]] (new), [[Oskar Lindqvist]]," in kubecon


def test_dashboard_counts_one_person_at_one_company_in_the_singular(tmp_path: Path) -> None:
    text = region(build(tmp_path, {"People/Solo.md": person()})["Dashboard.md"], "dashboard")
    assert "| 1 person at 1 company; " in text


def test_last_time_shows_a_task_without_its_checkbox(tmp_path: Path) -> None:
    """A task in a daily note (`- [ ] send [[Max]] the article`, dated by the note) is shown in
    Follow-ups' "Last time" without `[ ]`, which a table cell would print as it stands."""
    root = write_vault(tmp_path, {
        "vaultkit.toml": 'today = "2026-09-01"\n',
        "People/Max.md": "---\ntype: person\ncadence: 30d\n---\n",
        "Daily/2026-02-04.md": "- [ ] send [[Max]] the article on SLOs\n",
    })
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output
    followups = (root / "Vaultkit" / "Follow-ups.md").read_text()
    assert "| send [[Max]] the article on SLOs (" in followups and "[ ]" not in followups


def test_one_win_is_one_win(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"vaultkit.toml": 'today = "2026-09-01"\n',
                                  "Brag/Shipped.md": "---\ntype: brag\ndate: 2026-08-03\nimpact: faster CI\n---\n"})
    assert CliRunner().invoke(cli, ["--vault", str(root), "build"]).exit_code == 0
    assert "| 1 win this quarter (2026-Q3), 1 this year (2026);" in (root / "Vaultkit" / "Dashboard.md").read_text()


def test_planning_pauses_the_cycle_collector_and_gives_it_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The collector is off while notes are planned (it would walk the rows and contacts planning
    makes, again and again) and as it was afterwards, after a failure too."""
    import gc

    vault = load_vault(write_vault(tmp_path, {"People/Ada.md": "---\ncompany: Acme\n---\n# Ada\n"}))
    seen: list[bool] = []
    render = Renderer.render

    def spy(self: Renderer, name: str, context: dict[str, object]) -> str:
        seen.append(gc.isenabled())
        return render(self, name, context)
    monkeypatch.setattr(Renderer, "render", spy)
    assert gc.isenabled()
    plan(vault, dt.date(2026, 6, 30), Renderer(vault.root))
    assert seen and not any(seen) and gc.isenabled()
    gc.disable()
    try:
        plan(vault, dt.date(2026, 6, 30), Renderer(vault.root))
        assert not gc.isenabled()  # left off by whoever turned it off
    finally:
        gc.enable()

    def broken(self: Renderer, name: str, context: dict[str, object]) -> str:
        raise RuntimeError("a bug")
    monkeypatch.setattr(Renderer, "render", broken)
    with pytest.raises(RuntimeError):
        plan(vault, dt.date(2026, 6, 30), Renderer(vault.root))
    assert gc.isenabled()
