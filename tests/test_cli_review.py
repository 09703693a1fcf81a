"""`review`, `followups` and `prep` end to end, on a copy of the example vault (today: 2026-07-15).

The review's headline numbers are counted here again, independently, straight from the
files (frontmatter dates and `#brag`/`#challenge` items), not through vaultkit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, snapshot, write_vault
from tests.test_cli_capture import error, files, ok, vk, vk_many

D = dt.date
TODAY = D(2026, 7, 15)
H1 = (D(2026, 1, 1), D(2026, 6, 30))


def review_path(vault: Path, label: str) -> Path:
    return vault / "Vaultkit" / "Reviews" / f"{label}.md"


# --- counting the example vault by hand ------------------------------------------------------

def front(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[0] if text.startswith("---\n") else ""


def fm(path: Path, key: str) -> str | None:
    m = re.search(rf"^{key}: *(.*?) *$", front(path), re.M)
    return m.group(1).strip('"') if m else None


def fm_date(path: Path, key: str = "date") -> dt.date | None:
    value = fm(path, key)
    return dt.date.fromisoformat(value) if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def tagged(root: Path, tag: str) -> list[dt.date]:
    """Dates of `#tag` list items in daily notes: the item's own leading date, else the note's."""
    out = []
    for path in sorted((root / "Daily").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*- ", line) and re.search(rf"(?<!\S)#{tag}(?:/\S+)?(?!\S)", line, re.I):
                own = re.match(r"\s*- (\d{4}-\d{2}-\d{2}) ", line)
                out.append(dt.date.fromisoformat(own.group(1) if own else path.stem))
    return out


def headline_by_hand(root: Path, start: dt.date, end: dt.date) -> dict[str, int]:
    def within(day: dt.date | None) -> bool:
        return day is not None and start <= day <= end

    def dated(folder: str, key: str = "date") -> list[Path]:
        return [p for p in sorted((root / folder).glob("*.md")) if within(fm_date(p, key))]

    events = [p for p in dated("Events") if (fm_date(p) or TODAY) <= TODAY]
    shares = dated("Sharing")
    communities = 0
    for community in sorted((root / "Communities").glob("*.md")):
        name = community.stem
        active = within(fm_date(community, "joined")) \
            or any(fm(e, "community") == f"[[{name}]]" for e in events) \
            or any((fm(s, "channel") or "").casefold() == name.casefold() for s in shares)
        communities += active
    return {
        "Wins": len(dated("Brag")) + sum(map(within, tagged(root, "brag"))),
        "Challenges": len(dated("Challenges")) + sum(map(within, tagged(root, "challenge"))),
        "Shares outside work": len(shares),
        "New people met": len(dated("People", "met_on")),
        "Events attended": len(events),
        "Events where you spoke": sum(fm(e, "speaker") == "true" for e in events),
        "Communities active": communities,
        "Market tests (interviews)": len(dated("Interviews")),
    }


def headline_in(text: str) -> dict[str, int]:
    table = text.split("## Headline numbers\n", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| ([^|]+?) \| (\d+) \|$", table, re.M)}


def test_hand_counts_of_the_example_are_not_trivial() -> None:
    counts = headline_by_hand(EXAMPLE, *H1)
    assert counts == {"Wins": 9, "Challenges": 4, "Shares outside work": 7, "New people met": 5,
                      "Events attended": 3, "Events where you spoke": 2, "Communities active": 1,
                      "Market tests (interviews)": 2}


# --- review -----------------------------------------------------------------------------------

def test_review_h1_is_a_note_to_take_into_the_meeting(example_copy: Path, golden) -> None:  # type: ignore[no-untyped-def]
    run = ok(vk(example_copy, "review", "2026-H1"))
    path = review_path(example_copy, "2026-H1")
    assert Path(run.out.strip()) == path and run.err == ""
    text = path.read_text(encoding="utf-8")
    golden("review-2026-H1", {"2026-H1.md": text})
    shown = headline_in(text)
    by_hand = headline_by_hand(example_copy, *H1)
    assert {k: shown[k] for k in by_hand} == by_hand
    assert shown["Wins with numbers"] == by_hand["Wins"] - 1  # the failover review has no numbers yet
    # what a person needs in the room: talking points with evidence, learnings, the gaps to fix first
    assert text.count("  - Talking point: ") == by_hand["Wins"]
    for section in ("## Wins by theme", "## Challenges and what I learned", "## Visibility inside work",
                    "## Outside work", "## Network growth", "## Market tests", "## Before the meeting"):
        assert section in text
    assert "[[2026-05-26 Led the multi-region failover design review]]: add numbers" in text
    assert "Quiet months, with no win, challenge or share: 2026-04." in text
    assert "The period is not over yet" not in text


def test_review_keeps_your_text_and_build_keeps_it_current(example_copy: Path) -> None:
    path = review_path(example_copy, "2026-H1")
    ok(vk(example_copy, "review", "2026-H1"))
    mine = "\n## My prep\n\n- ask about the staff promotion timeline\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(mine)
    first = path.read_text(encoding="utf-8")
    ok(vk(example_copy, "review", "2026-H1"))
    assert path.read_text(encoding="utf-8") == first  # nothing new: same bytes, your text kept
    ok(vk(example_copy, "build"))
    settled = snapshot(example_copy)
    again = ok(vk(example_copy, "build"))
    assert re.search(r"^0 created, 0 updated, \d+ unchanged$", again.out, re.M), again
    assert snapshot(example_copy) == settled
    # a new win in the period: build brings the review up to date and keeps your text
    write_vault(example_copy, {"Brag/2026-04-09 Cut alert noise.md":
                               "---\ndate: 2026-04-09\nimpact: pages per week 40 → 12\ntheme: delivery\n---\n"})
    updated = ok(vk(example_copy, "build"))
    counted = re.search(r"(\d+) updated", updated.out)
    assert counted and int(counted.group(1)) >= 2, updated  # Brag.md and the review, at least
    text = path.read_text(encoding="utf-8")
    assert headline_in(text)["Wins"] == 10 and text.endswith(mine)
    assert "[[2026-04-09 Cut alert noise]]" in text and "2026-04." not in text.split("Quiet months")[-1][:40]


def test_review_stdout_writes_nothing_and_the_default_period_is_h1(example_copy: Path) -> None:
    before = files(example_copy)
    shown = ok(vk(example_copy, "review", "--stdout"))
    assert files(example_copy) == before
    assert shown.out.startswith("---\nvaultkit: generated\nperiod: 2026-H1\nsince: 2026-01-01\nuntil: 2026-06-30\n")
    written = ok(vk(example_copy, "review"))
    assert Path(written.out.strip()) == review_path(example_copy, "2026-H1")
    assert review_path(example_copy, "2026-H1").read_text(encoding="utf-8") == shown.out


def test_review_of_an_empty_period_still_helps(example_copy: Path) -> None:
    ok(vk(example_copy, "review", "2019"))
    text = review_path(example_copy, "2019").read_text(encoding="utf-8")
    assert "Nothing in the vault is dated in this period" in text
    assert "add the wins you remember as notes in `Brag/`" in text
    assert text.count("<!-- vaultkit:begin review -->") == 1
    assert len(re.findall(r"<!-- vaultkit:end review [0-9a-f]{8} -->", text)) == 1


def test_review_custom_range(example_copy: Path) -> None:
    custom = vk(example_copy, "review", "--since", "2026-02-10", "--until", "2026-03-20")
    assert Path(ok(custom).out.strip()) == review_path(example_copy, "2026-02-10..2026-03-20")
    text = review_path(example_copy, "2026-02-10..2026-03-20").read_text(encoding="utf-8")
    assert headline_in(text)["Wins"] == headline_by_hand(example_copy, D(2026, 2, 10), D(2026, 3, 20))["Wins"]


@pytest.mark.parametrize("args", [("2026-13",), ("2026-H3",), ("x",), ("--since", "2026-01-01"),
                                  ("2026", "--since", "2026-01-01")])
def test_review_refuses_a_bad_period(example_copy: Path, args: tuple[str, ...]) -> None:
    before = files(example_copy)
    run = error(vk(example_copy, "review", *args), 2)
    assert any(hint in run.err for hint in ("2026-H2", "go together", "not both", "before"))
    assert files(example_copy) == before


# --- followups --------------------------------------------------------------------------------

def test_followups_as_of_today_and_another_day(example_copy: Path) -> None:
    now, spring, later = vk_many(example_copy, [
        ("followups", "--format", "json"), ("followups", "--format", "json", "--today", "2026-03-01"),
        ("followups", "--today", "2027-01-01")])
    due = json.loads(ok(now).out)
    assert due["today"] == "2026-07-15"
    # By priority (inner, then active), then by days overdue: Oskar 52 past his 60d, Clara 32, Lena 8.
    assert [d["person"] for d in due["due"]] == ["Jonas Weber", "Oskar Lindqvist", "Clara Vogel", "Lena Hoffmann"]
    jonas = due["due"][0]
    assert jonas["last_contact"] == "2026-01-22" and jonas["days_since"] == 174 and jonas["cadence_days"] == 90
    assert jonas["last_text"].startswith("came to my talk") and jonas["priority"] == "inner"
    assert jonas["asks"] == ["an intro to Fernwerk's CTO before the platform lead role opens"]
    assert due["due"][1]["cadence_days"] == 60  # no cadence of his own: `active` in [cadence]
    early = {d["person"] for d in json.loads(ok(spring).out)["due"]}
    assert early != {"Jonas Weber", "Oskar Lindqvist", "Lena Hoffmann"}
    late = ok(later).out.splitlines()  # the text form: one line per person, by priority, most overdue first
    # The manager (vaultkit.toml `manager`) first of all, then inner, active, no priority, loose.
    assert late[0].startswith("Marta Kowalski (manager): 170 days since 2026-07-15 (cadence 14d); bring up: promotion")
    assert late[1].startswith("Jonas Weber (inner): 344 days since 2026-01-22 (cadence 90d); bring up: hiring")
    due_lines = late[:late.index("")]  # then who has not been told what you are looking for
    assert due_lines[-1].startswith(("Daniel Park (loose)", "Kenji Watanabe (loose)", "Yusuf Demir (loose)"))
    assert late[late.index("") + 1].startswith("Not told what you are looking for (a staff platform")
    assert {"Jonas Weber", "Oskar Lindqvist", "Lena Hoffmann"} < {line.split(" (")[0] for line in late}


# --- prep -------------------------------------------------------------------------------------

def test_prep_writes_who_to_meet_and_last_times_notes(example_copy: Path) -> None:
    run = ok(vk(example_copy, "prep", "Postgres Berlin August 2026"))
    path = example_copy / "Vaultkit" / "Prep" / "Postgres Berlin August 2026.md"
    assert Path(run.out.strip()) == path
    text = path.read_text(encoding="utf-8")
    speakers = text.split("## Speakers\n", 1)[1].split("\n## ", 1)[0]
    wanted = text.split("## Who you want to meet\n", 1)[1].split("\n## ", 1)[0]
    for who in ("[[Mei Lin Chen]]", "[[Lena Hoffmann]]"):
        assert who in wanted
    for who in ("[[Tomás Ortega]]", "Ingrid Sørensen"):  # speakers: listed first, once
        assert who in speakers and who not in wanted
    assert "Last contact: 2026-07-09: coffee" in speakers  # Tomás, from his note
    last = text.split("## Last time\n", 1)[1]
    assert last.startswith("\n[[Postgres Berlin October 2025]] on 2025-10-16.")
    assert "\nFirst time at this meetup; I went for the talk on logical replication because" in last  # prose
    assert '\nTalks there:\n- [[Mei Lin Chen]], "CDC with Debezium at Quillbank": unconsumed replication slots' in last
    assert "- Wrote Tomás's point about sequences straight into our runbook" in last
    assert "In 36 days.\n\nGoal: talk to at least 3 new people" in text  # lines that stay lines in Markdown
    # your notes below the markers survive a second prep and a build (the prep note shares the event's name)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\nAsk Tomás about the design review dates.\n")
    mine = path.read_text(encoding="utf-8")
    ok(vk(example_copy, "prep", "Postgres Berlin August 2026"))
    ok(vk(example_copy, "build"))
    assert path.read_text(encoding="utf-8") == mine


def test_prep_failures(example_copy: Path) -> None:
    before = files(example_copy)
    unknown, person = vk_many(example_copy, [("prep", "Kubecon"), ("prep", "Jonas Weber")])
    # events first among the suggestions (the share note "2026-03-27 KubeCon EU 2026 takeaways" is close too)
    assert error(unknown).err.startswith("Error: no event called 'Kubecon'; did you mean KubeCon EU 2026")
    assert "People/Jonas Weber.md is not an event note" in error(person).err
    assert files(example_copy) == before


def test_prep_leaves_links_to_the_event_unambiguous(example_copy: Path) -> None:
    ok(vk(example_copy, "prep", "KubeCon EU 2026"))
    run = vk(example_copy, "check", "--format", "json")
    assert [d["code"] for d in json.loads(run.out)["diagnostics"] if d["severity"] == "error"] == []
