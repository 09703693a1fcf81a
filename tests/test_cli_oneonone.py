"""`vaultkit one-on-one [PERSON]` end to end (issue 13 point 2), on the example vault and small ones.

The example vault's manager is Marta Kowalski (`manager` in vaultkit.toml); her last 1-1 is the
`1:1` item of 2026-07-14 in her note, so her note covers 2026-07-15 alone (today, pinned). Ben
Okafor's last 1-1 is tagged `#1-1` (2026-06-08)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_cli_capture import error, ok, vk
from tests.test_watch import CONVERGE_TIMEOUT, Watcher, save_plain, spy, start_watch, wait_until
from vaultkit.cli.main import cli

__all__ = ["spy", "start_watch"]  # fixtures, used by name

MARTA = Path("Vaultkit") / "1-1" / "Marta Kowalski.md"


def invoke(vault: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args])
    return result.exit_code, result.output


def test_no_person_means_the_manager_and_writes_what_build_keeps(example_copy: Path, golden) -> None:  # type: ignore[no-untyped-def]
    run = ok(vk(example_copy, "one-on-one"))
    assert Path(run.out.strip()) == example_copy / MARTA and run.err == ""
    text = (example_copy / MARTA).read_text(encoding="utf-8")
    golden("one-on-one", {"Marta Kowalski.md": text})
    assert "Last 1-1: 2026-07-14, 1 day ago: 1:1 — started the staff promotion doc outline together" in text
    assert "This note covers what happened since: today, 2026-07-15." in text
    wins = text.split("## Wins to mention\n", 1)[1].split("\n## ", 1)[0]
    assert wins.count("\n- **2026-07-15**") == 2 and "2026-07-14" not in wins  # the window starts after the 1-1
    assert ("  - Say: I cut payments API p99 at peak 500ms -> 300ms by moving the fraud check off the hot path. "
            "The result: checkout stays fast through the evening peak, measured as payments p99 at peak "
            "500ms -> 300ms. It helped [[Payments team]].") in wins
    assert "[[2026-06-24 Drowning in ad-hoc database requests]]" in text.split("## Open challenges", 1)[1]
    asks = text.split("## Asks for Marta Kowalski\n\n", 1)[1].split("<!--", 1)[0]
    assert asks == ("- sponsorship for my staff promotion case at the December calibration\n"
                    "- a slot at the Q3 engineering all-hands to present the failover design\n")
    assert ok(vk(example_copy, "build")).out.startswith("0 created, 0 updated, ")  # current as written


def test_a_tagged_one_on_one_and_an_alias(example_copy: Path) -> None:
    code, out = invoke(example_copy, "one-on-one", "Ben Okafor", "--stdout")
    assert code == 0, out
    assert "Last 1-1: 2026-06-08, 37 days ago: mentoring chat — how to turn the retry budgets talk" in out
    assert "since, 2026-06-09 to 2026-07-15." in out and "#1-1" not in out
    assert "- **2026-06-11** Published the internal guide" in out
    assert "- 2026-06-24 [[2026-06-24 Drowning in ad-hoc database requests]] (new)" in out
    assert "- 2026-07-14 shared [[2026-07-14 Kafka exactly-once in practice]] (thread on Mastodon)" in out
    assert "- Feedback on my Platform Engineering Day CFP abstract before the deadline" in out
    assert not (example_copy / "Vaultkit" / "1-1" / "Ben Okafor.md").exists()  # --stdout writes nothing
    code, out = invoke(example_copy, "one-on-one", "Marta")  # her alias
    assert code == 0 and out.strip().endswith("Marta Kowalski.md")


def test_unknown_person_suggests_close_names(example_copy: Path) -> None:
    run = error(vk(example_copy, "one-on-one", "Ben Okafr"))
    assert "no person called 'Ben Okafr'; did you mean Ben Okafor" in run.err
    run = error(vk(example_copy, "one-on-one", "PEB Meetup January 2026"))
    assert "is not a person note (kind: event)" in run.err


def test_neither_person_nor_manager_says_how(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "", "People/Ada.md": "# Ada\n"})
    run = error(vk(vault, "one-on-one"), code=2)
    assert 'manager = "[[Marta Kowalski]]"' in run.err and not (vault / "Vaultkit").exists()


def test_a_manager_who_resolves_to_no_person(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": 'manager = "[[Marta Kowalsky]]"\n',
                                         "People/Marta Kowalski.md": "# Marta\n"})
    run = error(vk(vault, "one-on-one"))
    assert run.err.startswith('Error: manager = "[[Marta Kowalsky]]" in vaultkit.toml: no person called')
    assert "did you mean Marta Kowalski" in run.err


def test_without_a_logged_one_on_one_the_last_90_days(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\nmanager = "Ada"\n',
        "People/Ada.md": "---\nasks: Review my design doc\n---\n## Interactions\n\n"
                         "- 2026-07-01 11:00 standup chat\n- 2026-07-02 1-10 scale discussion\n",
        "Daily/2026-04-16.md": "- Old win #brag impact:: 1 thing\n",
        "Daily/2026-04-17.md": "- Shipped the thing #brag impact:: 2 teams unblocked\n",
    })
    code, out = invoke(vault, "one-on-one", "--stdout")
    assert code == 0, out
    assert "No 1-1 with [[Ada]] is logged yet, so this note covers the last 90 days, 2026-04-17 to 2026-07-15." in out
    assert "Shipped the thing" in out and "Old win" not in out
    assert "- Review my design doc" in out


def test_the_last_one_on_one_reads_without_marker_tags_or_fields(tmp_path: Path) -> None:
    # A new user's note said "Last 1-1: …: 1-1: career chat #told".
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\nmanager = "Ada"\n',
        "People/Ada.md": "## Interactions\n\n- 2026-07-10 1-1: career chat #told #1-1 (mood:: good) #coffee\n",
    })
    code, out = invoke(vault, "one-on-one", "--stdout")
    assert code == 0, out
    assert "Last 1-1: 2026-07-10, 5 days ago: 1-1: career chat #coffee (in [[Ada]])." in out
    assert "#told" not in out and "mood::" not in out


def test_build_keeps_the_note_current_and_the_users_text(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "People/Ada.md": "## Interactions\n\n- 2026-07-01 1:1 — roadmap\n",
    })
    ok(vk(vault, "one-on-one", "Ada"))
    note = vault / "Vaultkit" / "1-1" / "Ada.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nAsk about the budget.\n", encoding="utf-8")
    (vault / "Daily").mkdir()
    (vault / "Daily" / "2026-07-10.md").write_text("- [x] Cut p99 500ms -> 300ms #brag/delivery\n", encoding="utf-8")
    out = ok(vk(vault, "build")).out
    assert "1 updated" in out.splitlines()[-1]
    text = note.read_text(encoding="utf-8")
    assert "- **2026-07-10** Cut p99 500ms -> 300ms (in [[2026-07-10]]) (delivery)" in text
    assert text.endswith("\nAsk about the budget.\n")
    (vault / "People" / "Ada.md").write_text("## Interactions\n\n- 2026-07-01 1:1 — roadmap\n"
                                              "- 2026-07-12 #1-1 quick sync\n", encoding="utf-8")
    ok(vk(vault, "build"))
    text = note.read_text(encoding="utf-8")
    assert "Last 1-1: 2026-07-12" in text and "No wins logged since the last 1-1." in text
    assert ok(vk(vault, "check")).out.count("error") == 0


def test_watch_keeps_the_note_current(example_copy: Path, start_watch: Callable[..., Watcher]) -> None:
    ok(vk(example_copy, "one-on-one"))
    start_watch(example_copy)
    daily = example_copy / "Daily" / "2026-07-15.md"
    save_plain(daily, daily.read_bytes() + b"- Ran the Postgres office hour demo #brag/demo impact:: 9 questions\n")
    note = example_copy / MARTA
    wait_until(lambda: "Ran the Postgres office hour demo" in note.read_text(encoding="utf-8"), CONVERGE_TIMEOUT,
               "the 1-1 note to show the new win")
    visibility = note.read_text(encoding="utf-8").split("## Visibility\n", 1)[1].split("\n## ", 1)[0]
    assert "Ran the Postgres office hour demo (in [[2026-07-15]]) (demo)" in visibility


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["one-on-one", "--help"])
    assert result.exit_code == 0 and "vaultkit one-on-one" in result.output and "manager" in result.output
