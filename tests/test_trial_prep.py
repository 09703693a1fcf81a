"""Prep's "Last time" (issue 13, new-user trial): the previous event of the community with its
notes — prose paragraphs too, not only list items — and all its talks, from frontmatter and a
`## Talks` section alike (the debrief's talk reader), each once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import write_vault
from vaultkit.cli.main import cli

NOVEMBER = """---
date: 2026-11-12
community: "[[Rust Berlin]]"
met: ["[[Ada Lovelace]]"]
talks:
  - speaker: "[[Grace Hopper]]"
    title: Compilers for everyone
    note: bootstrap with a tiny interpreter first
---
# Rust Berlin November 2026

## Talks

- [[Linus Kernel]] — Borrowing in practice: lifetimes are documentation

## Notes

Met Ada again, Grace was great.

- ask Grace for her slides
"""
DECEMBER = '---\ndate: 2026-12-10\ncommunity: "[[Rust Berlin]]"\n---\n# Rust Berlin December 2026\n'


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env={"VAULTKIT_TODAY": "2026-11-27"},
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def last_time(vault: Path) -> str:
    result = run(vault, "prep", "Rust Berlin December 2026")
    assert result.exit_code == 0, result.output
    text = (vault / "Vaultkit" / "Prep" / "Rust Berlin December 2026.md").read_text("utf-8")
    return text.split("## Last time\n", 1)[1].split("<!-- vaultkit:end", 1)[0]


def test_last_time_shows_the_notes_prose_and_every_talk(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {
        "Events/Rust Berlin November 2026.md": NOVEMBER, "Events/Rust Berlin December 2026.md": DECEMBER,
        "Communities/Rust Berlin.md": "# Rust Berlin\n", "People/Ada Lovelace.md": "# Ada\n",
        "People/Grace Hopper.md": "# Grace\n", "People/Linus Kernel.md": "# Linus\n"})
    for _ in range(2):  # the second prep plans from the cache: the event's prose is kept there
        last = last_time(vault)
        assert last == (
            "\n[[Rust Berlin November 2026]] on 2026-11-12. You met: [[Ada Lovelace]].\n\n"
            "Met Ada again, Grace was great.\n\n"
            "- ask Grace for her slides\n\n"
            "Talks there:\n"
            '- [[Grace Hopper]], "Compilers for everyone": bootstrap with a tiny interpreter first\n'
            '- [[Linus Kernel]], "Borrowing in practice": lifetimes are documentation\n')


def test_last_time_without_notes_or_talks_says_only_who_you_met(tmp_path: Path) -> None:
    bare = '---\ndate: 2026-11-12\ncommunity: "[[Rust Berlin]]"\n---\n# Rust Berlin November 2026\n'
    vault = write_vault(tmp_path / "v", {"Events/Rust Berlin November 2026.md": bare,
                                         "Events/Rust Berlin December 2026.md": DECEMBER,
                                         "Communities/Rust Berlin.md": "# Rust Berlin\n"})
    assert last_time(vault) == "\n[[Rust Berlin November 2026]] on 2026-11-12. You met: nobody recorded.\n"


JANUARY = '---\ndate: 2027-01-14\ncommunity: "[[Rust Berlin]]"\n---\n# Rust Berlin January 2027\n'


def test_last_time_is_an_event_that_is_over_not_one_still_to_come(tmp_path: Path) -> None:
    """Prepping January on 2026-11-27, December (still 13 days away, its notes the template's) is
    not "last time": November is, the latest of the community's events that is over."""
    vault = write_vault(tmp_path / "v", {
        "Events/Rust Berlin November 2026.md": NOVEMBER, "Events/Rust Berlin December 2026.md":
        DECEMBER + "\n## Plan\n\nWho do I want to talk to, and what do I want to learn?\n",
        "Events/Rust Berlin January 2027.md": JANUARY, "Communities/Rust Berlin.md": "# Rust Berlin\n",
        "People/Ada Lovelace.md": "# Ada\n"})
    result = run(vault, "prep", "Rust Berlin January 2027")
    assert result.exit_code == 0, result.output
    text = (vault / "Vaultkit" / "Prep" / "Rust Berlin January 2027.md").read_text("utf-8")
    last = text.split("## Last time\n", 1)[1].split("<!-- vaultkit:end", 1)[0]
    assert last.startswith("\n[[Rust Berlin November 2026]] on 2026-11-12.")
    assert "December" not in last and "Who do I want to talk to" not in last


def test_an_event_with_no_date_says_so_in_its_prep(tmp_path: Path) -> None:
    """A second trial prepped an event with no `date` and got '[[Nodate]]: ' and nothing else."""
    vault = write_vault(tmp_path / "v", {"Events/Nodate.md": "---\ntype: event\nlocation: Berlin\n---\n# Nodate\n"})
    result = run(vault, "prep", "Nodate")
    assert result.exit_code == 0, result.output
    text = (vault / "Vaultkit" / "Prep" / "Nodate.md").read_text("utf-8")
    assert "[[Nodate]]: no date yet (set `date:` in its frontmatter, YYYY-MM-DD), Berlin\n" in text
