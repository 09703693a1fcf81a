"""Goals end to end through the CLI: the goal kind (`new goal`, `init`, `check`), habits counted
from what the vault holds (kinds, themes, contacts, tags), Goals.md, and the Dashboard's "Needs
attention", this week's habits and "Outside the bubble"."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_views import region, section
from tests.test_watch import Watcher, save_plain, spy, start_watch  # noqa: F401 (fixtures)
from vaultkit.cli.main import cli
from vaultkit.views.charts import mermaid_blocks, validate_xychart


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def note(root: Path, name: str) -> str:
    return (root / "Vaultkit" / name).read_text("utf-8")


# --- the example vault ----------------------------------------------------------------------


def test_example_goals_show_this_period_streaks_and_the_slipped_habit(example_copy: Path) -> None:
    code, out = run(example_copy, "build")
    assert code == 0, out
    goals = region(note(example_copy, "Goals.md"), "goals")
    assert "2 active goals" in goals and "this week is 2026-W29" in goals
    staff = section(goals, "## [[Staff Engineer by the end of 2026]]")
    # July's mentoring is the #Brag of Daily/2026-07-15; June, with none, slipped
    assert ("| `mentoring 1/month` | brags of theme mentoring | 1 of 1 (2026-07), done | 0, slipped | 1 month "
            "| 2026-07-15 |") in staff
    assert "| `demo 1/quarter` | brags of theme demo | 0 of 1 (2026-Q3) | 1 | 2 quarters | 2026-06-05 |" in staff
    speak = section(goals, "## [[Speak at two conferences in 2027]]")
    assert "| `share 1/week` | share notes | 1 of 1 (2026-W29), done | 1 | 7 weeks | 2026-07-14 |" in speak
    assert "- [[Ship self-service Postgres GA]]: reached (by 2026-06-30)" in goals
    charts = mermaid_blocks(goals)
    assert len(charts) == 6 and all(validate_xychart(c) == [] for c in charts)
    assert '"W18"' in charts[3] and '"W29"' in charts[3]  # share: the last 12 ISO weeks, labelled short


def test_example_dashboard_opens_with_what_needs_attention(example_copy: Path) -> None:
    run(example_copy, "build")
    text = region(note(example_copy, "Dashboard.md"), "dashboard")
    assert text.split("\n", 2)[1] == "## Needs attention"
    attention = section(text, "## Needs attention")
    assert "- Habits slipped for [[Staff Engineer by the end of 2026]]: `mentoring 1/month` (0 in 2026-06)" in attention
    habits = section(text, "## Habits this week")
    assert "| `share 1/week` | [[Speak at two conferences in 2027]] | 1 of 1 (2026-W29), done | 7 weeks |" in habits
    bubble = section(text, "## Outside the bubble")
    assert "% of the last 90 days' interactions were with people outside Lumen Pay:" in bubble
    assert "in the 90 days before" in bubble
    assert "| [[Goals]] | 2 active goals;" in text


# --- habits counted from the vault ----------------------------------------------------------


def _goal(*habits: str, status: str = "active") -> str:
    return "---\nhabits:\n" + "".join(f'  - "{h}"\n' for h in habits) + f"status: {status}\n---\n# Goal\n"


def test_every_kind_of_habit_counts_what_the_vault_holds(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Goals/Grow.md": _goal("#coffee 1/week", "contact 2/week", "share 1/week", "brag 1/month", "demo 1/quarter",
                               "person 1/month", "talk 1/month"),
        "People/Ada.md": "---\nmet_on: 2026-07-02\n---\n",
        "People/Bo.md": "---\nmet_on: 2026-01-02\n---\n## Interactions\n\n- 2026-07-14 call\n",
        # Two items tagged in one daily note count twice; a nested tag counts; the note's own tag adds nothing.
        "Daily/2026-07-13.md": "---\ntags: [coffee]\n---\n- coffee with [[Ada]] #coffee\n"
                               "- chat with [[Bo]] #coffee/chat\n",
        # A note tagged where no item is: once, on its date; an undated one not at all.
        "Notes/Coffee notes.md": "---\ndate: 2026-07-07\ntags: [coffee]\n---\n",
        "Notes/Undated.md": "#coffee\n",
        "Notes/Later.md": "- 2026-07-20 coffee #coffee\n",  # after today: not yet
        "Sharing/Post.md": "---\ndate: 2026-07-14\n---\n",
        "Brag/Demo.md": "---\ndate: 2026-05-02\nimpact: x\ntheme: Demo\n---\n",
        "Daily/2026-07-01.md": "- shipped it #brag impact:: y (theme:: delivery)\n",
    })
    code, out = run(root, "build")
    assert code == 0, out
    goals = note(root, "Goals.md")
    assert ("| `#coffee 1/week` | dated items and notes tagged `#coffee` | 2 of 1 (2026-W29), done | 1 "
            "| 2 weeks |") in goals
    # Ada on the 13th (daily note), Bo on the 13th and 14th: one per person and day.
    assert "| `contact 2/week` | interactions (one per person and day) | 3 of 2 (2026-W29), done |" in goals
    assert "| `share 1/week` | share notes | 1 of 1 (2026-W29), done |" in goals
    assert "| `brag 1/month` | brag entries | 1 of 1 (2026-07), done | 0, slipped |" in goals
    assert "| `demo 1/quarter` | brags of theme demo | 0 of 1 (2026-Q3) | 1 | 1 quarter | 2026-05-02 |" in goals
    assert "| `person 1/month` | person notes, by `met_on` | 1 of 1 (2026-07), done |" in goals
    assert "| `talk 1/month` | brags of theme talk | 0 of 1 (2026-07) | 0, slipped | 0 months | never |" in goals


def test_a_habit_that_does_not_parse_is_an_error_at_its_line_and_the_rest_still_count(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Goals/Speak.md": "---\nby: 2027-12-31\nhabits:\n  - share 1/week\n  - talk once a month\n---\n# Speak\n",
        "Sharing/Post.md": "---\ndate: 2026-07-14\n---\n",
    })
    code, out = run(root, "check")
    assert code == 1
    assert 'Goals/Speak.md:5: error: goal field `habits`: "talk once a month" is not a habit vaultkit can count' \
        " [habit-invalid]" in out
    assert "hint: write it as WHAT N/PERIOD, e.g. `share 1/week`" in out and "PERIOD is week, month or quarter" in out
    code, out = run(root, "build")
    assert code == 1 and "habit-invalid" in out
    goals = note(root, "Goals.md")
    assert "| `share 1/week` | share notes | 1 of 1 (2026-W29), done |" in goals
    assert "1 habit of this goal cannot be read: run `vaultkit check`" in goals
    assert "- 1 note with errors: run `vaultkit check`" in note(root, "Dashboard.md")


def test_new_goal_and_init_know_the_goal_kind(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    code, out = run(root, "init", str(root))
    assert code == 0, out
    assert (root / "Goals").is_dir() and (root / "Templates" / "goal.md").is_file()
    code, out = run(root, "new", "goal", "Speak at two conferences in 2027", "--set", "by=2027-12-31",
                    "--set", "habits=share 1/week, #coffee 1/week")
    assert code == 0, out
    text = (root / "Goals" / "Speak at two conferences in 2027.md").read_text("utf-8")
    assert "by: 2027-12-31\n" in text and 'habits: ["share 1/week", "#coffee 1/week"]\n' in text
    assert "date:" not in text  # a goal has no `date` field for `new` to fill
    code, out = run(root, "new", "goal", "Bad", "--set", "habits=share weekly")
    assert code == 1 and '"share weekly" is not a habit vaultkit can count' in out
    assert not (root / "Goals" / "Bad.md").exists()
    code, out = run(root, "build")
    assert code == 0, out
    assert "| `share 1/week` | share notes | 0 of 1" in note(root, "Goals.md")


def test_no_goal_yet_says_how_to_add_one(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "2026-07-15"\n', "People/Ada.md": "# Ada\n"})
    run(root, "build")
    assert 'No active goal yet. Add one with `vaultkit new goal' in note(root, "Goals.md")
    dashboard = note(root, "Dashboard.md")
    assert "No active goal with habits: see [[Goals]]" in dashboard
    assert 'Set `company = "Your company"` in vaultkit.toml' in dashboard


# --- the Dashboard ----------------------------------------------------------------------------


def test_needs_attention_lists_overdue_follow_ups_errors_and_people_never_contacted(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "Interviews/Acme.md": "---\ncompany: Acme\ndate: 2026-06-01\nstage: interviewing\nfollow_up: 2026-07-10\n---\n",
        "Interviews/Closed.md": "---\ncompany: Zed\ndate: 2026-06-01\nstage: rejected\nfollow_up: 2026-07-01\n---\n",
        "Interviews/Soon.md": "---\ncompany: Soon\ndate: 2026-06-01\nfollow_up: 2026-07-20\n---\n",
        "People/Ada.md": "---\nmet_on: 2026-01-02\n---\n",
        "People/Broken.md": "---\nmet_on: [oops\n---\n",
    })
    run(root, "build")
    attention = section(region(note(root, "Dashboard.md"), "dashboard"), "## Needs attention")
    assert "- Interview follow-up overdue: [[Acme]], due 2026-07-10 (5 days ago)" in attention
    # A closed process's follow-up is still the user's reminder, as Interviews.md lists it.
    assert "- Interview follow-up overdue: [[Closed]], due 2026-07-01 (14 days ago)" in attention
    assert attention.index("[[Closed]]") < attention.index("[[Acme]]")  # longest overdue first
    assert "Soon" not in attention
    assert "- 1 note with errors: run `vaultkit check`" in attention
    assert "- Never contacted: [[Ada]], [[Broken]] (see [[Follow-ups]])" in attention


def test_nothing_needs_attention(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "2026-07-15"\n'})
    run(root, "build")
    assert section(note(root, "Dashboard.md"), "## Needs attention").strip() == "Nothing needs attention."


def test_outside_the_bubble_is_a_share_of_the_last_90_days_and_a_trend(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\ncompany = " lumen  PAY "\n',
        "People/Mo.md": "---\ncompany: Lumen Pay\n---\n## Interactions\n\n- 2026-07-01 1:1\n- 2026-07-02 1:1\n"
                        "- 2026-03-01 1:1\n",
        "People/Ext.md": "---\ncompany: \"[[Acme]]\"\n---\n## Interactions\n\n- 2026-04-17 coffee\n- 2026-04-17 again\n"
                         "- 2026-04-16 before the window\n",
        "People/Who.md": "## Interactions\n\n- 2026-07-03 chat\n",
    })
    run(root, "build")
    bubble = section(note(root, "Dashboard.md"), "## Outside the bubble")
    # Since 2026-04-17 (90 days with today): Mo twice, Ext once (one per day); before: Mo once, Ext once.
    assert bubble.strip() == ("33% of the last 90 days' interactions were with people outside lumen PAY: 1 of 3 since "
                              "2026-04-17; down from 50% (1 of 2) in the 90 days before. Not counted: 1 with people "
                              "whose note has no `company:`.")


def test_build_as_a_real_subprocess_writes_goals(example_copy: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(example_copy), "build"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "## [[Staff Engineer by the end of 2026]]" in note(example_copy, "Goals.md")


def test_needs_attention_names_five_people_never_contacted_and_counts_the_rest(tmp_path: Path) -> None:
    people = {f"People/P{i}.md": "---\nmet_on: 2026-01-02\n---\n" for i in range(7)}
    root = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "2026-07-15"\n', **people})
    run(root, "build")
    attention = section(note(root, "Dashboard.md"), "## Needs attention")
    assert "- Never contacted: [[P0]], [[P1]], [[P2]], [[P3]], [[P4]] and 2 more (see [[Follow-ups]])" \
        in attention


def test_watch_counts_a_new_share_and_a_new_goal(
        example_copy: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811 (the fixture)
    watched = start_watch(example_copy)
    root = example_copy
    save_plain(root / "Sharing" / "2026-07-15 Habits.md", b"---\ndate: 2026-07-15\nkind: post\n---\n")
    watched.converge()
    assert "| `share 1/week` | share notes | 2 of 1 (2026-W29), done |" in note(root, "Goals.md")
    save_plain(root / "Goals" / "Mentor.md", b'---\nhabits: ["mentoring 1/month", "#mentee 1/week"]\n---\n')
    save_plain(root / "Daily" / "2026-07-15.md", b"- pairing with [[Ines Duarte]] #mentee\n")
    watched.converge()
    goals = note(root, "Goals.md")
    assert "## [[Mentor]]" in goals and "| `#mentee 1/week` | dated items and notes tagged `#mentee` | 1 of 1" in goals
    assert "Habits slipped for [[Mentor]]" in note(root, "Dashboard.md")
