"""A goal's start and status (issue 13's new-user trial): a goal made today has not slipped in
the weeks before it existed, an unknown status counts as active with a warning, and `new` writes
what a new note can know (a goal's `start`; an interview's `door_open` left empty)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_vault
from tests.test_goals import note, run
from tests.test_views import region, section

TOML = 'today = "2026-07-15"\n'
SHARES = {f"Sharing/Post {d}.md": f"---\ndate: 2026-06-{d:02d}\n---\n" for d in (3, 10, 17)}


def _row(goals: str, goal: str, habit: str) -> str:
    return next(line for line in section(goals, f"## [[{goal}]]").splitlines() if line.startswith(f"| `{habit}`"))


def test_a_goal_made_today_has_not_slipped_in_the_periods_before_it(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": TOML, **SHARES})
    code, out = run(root, "new", "goal", "Write weekly", "--set", "habits=share 1/week, #coffee 1/week")
    assert code == 0, out
    text = (root / "Goals" / "Write weekly.md").read_text("utf-8")
    assert "start: 2026-07-15\n" in text  # today, as `new` fills a `date`
    code, out = run(root, "build")
    assert code == 0, out
    goals = region(note(root, "Goals.md"), "goals")
    assert "Started 2026-07-15.\n" in section(goals, "## [[Write weekly]]")
    # Week 28 had no share and no coffee, but the goal began in week 29: nothing slipped.
    assert _row(goals, "Write weekly", "share 1/week") == (
        "| `share 1/week` | share notes | 0 of 1 (2026-W29) | 0, before the start | 0 weeks | 2026-06-17 |")
    assert "0, before the start" in _row(goals, "Write weekly", "#coffee 1/week")
    dashboard = region(note(root, "Dashboard.md"), "dashboard")
    assert "Habits slipped" not in dashboard and "Nothing needs attention." in dashboard
    # A week on, week 29 is a whole period since the start, and it fell short.
    code, out = run(root, "build", "--today", "2026-07-22")
    assert code == 0, out
    goals = note(root, "Goals.md")
    assert "| 0 of 1 (2026-W30) | 0, slipped | 0 weeks |" in _row(goals, "Write weekly", "share 1/week")
    assert "- Habits slipped for [[Write weekly]]: `share 1/week` (0 in 2026-W29), `#coffee 1/week` (0 in 2026-W29)" \
        in note(root, "Dashboard.md")


def test_a_goal_without_a_start_begins_at_its_created_property_else_its_first_counted_day(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML, **SHARES,
        "Goals/Created.md": "---\ncreated: 2026-07-14\nhabits: [share 1/week]\n---\n",
        "Goals/Dated.md": "---\ndate: 2026-06-01\nhabits: [share 1/week]\n---\n",
        "Goals/Runs.md": "---\nhabits: ['#run 1/week']\n---\n",
        "Daily/2026-07-13.md": "- 5 km #run\n",
        "Goals/Nothing yet.md": "---\nhabits: ['#swim 1/week']\n---\n",
        "Goals/Later.md": "---\nstart: 2026-08-03\nhabits: [share 1/week]\n---\n",
    })
    code, out = run(root, "build")
    assert code == 0, out
    goals = region(note(root, "Goals.md"), "goals")
    assert "Started 2026-07-14 (its `created`).\n" in section(goals, "## [[Created]]")
    assert "0, before the start" in _row(goals, "Created", "share 1/week")
    # Begun on June 1st: week 28 (no share) fell short after it.
    assert "Started 2026-06-01 (its `date`).\n" in section(goals, "## [[Dated]]")
    assert "| 0, slipped |" in _row(goals, "Dated", "share 1/week")
    assert ("Counted from 2026-07-13, the first day its habits count: add `start: YYYY-MM-DD` to say when the goal "
            "began.\n") in section(goals, "## [[Runs]]")
    assert "| 1 of 1 (2026-W29), done | 0, before the start |" in _row(goals, "Runs", "#run 1/week")
    assert "Counted from this period on, as nothing has counted yet" in section(goals, "## [[Nothing yet]]")
    assert "| 0, before the start | 0 weeks | never |" in _row(goals, "Nothing yet", "#swim 1/week")
    assert "Started 2026-08-03.\n" in section(goals, "## [[Later]]")
    assert "before the start" in _row(goals, "Later", "share 1/week")
    attention = section(region(note(root, "Dashboard.md"), "dashboard"), "## Needs attention")
    assert attention.strip() == "- Habits slipped for [[Dated]]: `share 1/week` (0 in 2026-W28)"


def test_a_goal_of_an_unknown_status_counts_as_active_with_a_warning(tmp_path: Path) -> None:
    files = {
        "vaultkit.toml": TOML, **SHARES,
        "Goals/Paused.md": "---\nstart: 2026-01-05\nstatus: paused\nhabits: [share 1/week]\n---\n",
        "Goals/Done.md": "---\nstatus: reached\n---\n",
    }
    root = write_vault(tmp_path / "v", files)
    code, out = run(root, "check")
    assert code == 0
    assert 'Goals/Paused.md:3: warning: goal field `status`: "paused" is not one of active, reached, dropped' in out
    run(root, "build")
    goals = region(note(root, "Goals.md"), "goals")
    assert "-->\n1 active goal. " in goals
    assert ("Status `paused` is not one vaultkit knows (active, reached, dropped): this goal counts as active until "
            "it says otherwise.") in section(goals, "## [[Paused]]")
    assert "## Reached\n\n- [[Done]]: reached\n" in goals  # the heading names the statuses listed under it
    assert "| [[Goals]] | 1 active goal;" in note(root, "Dashboard.md")
    # Once vaultkit.toml allows it, `paused` is a status of its own: not active, and named.
    allowed = write_vault(tmp_path / "allowed", {
        **files, "vaultkit.toml": TOML + '[kinds.goal.fields.status]\nvalues = ["+paused"]\n'})
    code, out = run(allowed, "check")
    assert code == 0 and "0 warnings" in out, out
    run(allowed, "build")
    goals = region(note(allowed, "Goals.md"), "goals")
    assert "## Reached and paused\n\n- [[Done]]: reached\n- [[Paused]]: paused\n" in goals


def test_new_interview_leaves_door_open_empty(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": TOML})
    code, out = run(root, "new", "interview", "Acme", "--set", "company=Acme")
    assert code == 0, out
    text = (root / "Interviews" / "Acme.md").read_text("utf-8")
    assert "\ndoor_open:\n" in text  # a new process has left no door open yet
    code, out = run(root, "check")
    assert code == 0 and "0 errors, 0 warnings" in out, out
    run(root, "build")
    assert "door open" not in note(root, "Interviews.md")
