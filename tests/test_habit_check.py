"""A habit whose WHAT counts nothing is a warning at its line (issue 13's new-user trial wrote
`coffee 1/week`, the `#` left out, and saw it counted as a brag theme no entry has: 0 each week,
silently). A kind, `contact`, a #tag, a theme SPEC §2, the schema or `[criteria]` names, or a
theme some brag entry has, is no mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import write_vault
from tests.test_goals import note, run
from vaultkit.disk.load import load_vault
from vaultkit.kinds.habitcheck import CODE
from vaultkit.reader.model import Severity

GOAL = ("---\n"                    # 1
        "by: 2027-12-31\n"         # 2
        "habits:\n"                # 3
        "  - coffee 1/week\n"      # 4: the `#` left out, and notes carry #coffee
        "  - shares 1/week\n"      # 5: a kind, plural
        "  - oncall 1/month\n"     # 6: a theme of the vault's own: a brag entry has it
        "  - demo 1/quarter\n"     # 7: SPEC's theme, no entry yet
        "  - growth 1/month\n"     # 8: a [criteria] theme
        "  - talk 1/month\n"       # 9: a kind the vault declares
        "  - '#run 1/week'\n"      # 10
        "  - contact 2/week\n"     # 11
        "  - mentorship 1/month\n"  # 12: close to a theme
        "---\n# Grow\n")
FILES = {
    "vaultkit.toml": 'today = "2026-07-15"\n[criteria]\n"Scope" = ["growth"]\n'
                     '[kinds.talk]\nmatch = { folder = "**/Talks/" }\n',
    "Goals/Grow.md": GOAL,
    "Daily/2026-07-13.md": "- coffee with [[Ada]] #coffee\n- another #coffee/chat\n",
    "Daily/2026-07-14.md": "- coffee with [[Bo]] #Coffee\n",
    "Brag/Pager.md": "---\ndate: 2026-07-01\nimpact: quiet nights\ntheme: OnCall\n---\n",
    "People/Ada.md": "# Ada\n",
    "People/Bo.md": "# Bo\n",
}


def test_a_habit_that_counts_nothing_is_a_warning_at_its_line_with_what_was_meant(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", FILES)
    code, out = run(root, "check")
    assert code == 0, out
    warned = [line for line in out.splitlines() if f"[{CODE}]" in line]
    assert warned == [
        'Goals/Grow.md:4: warning: goal field `habits`: `coffee 1/week` counts brag entries of theme "coffee", '
        f"and none has that theme: it stays at 0 [{CODE}]",
        'Goals/Grow.md:5: warning: goal field `habits`: `shares 1/week` counts brag entries of theme "shares", '
        f"and none has that theme: it stays at 0 [{CODE}]",
        'Goals/Grow.md:12: warning: goal field `habits`: `mentorship 1/month` counts brag entries of theme '
        f'"mentorship", and none has that theme: it stays at 0 [{CODE}]',
    ]
    assert ("hint: did you mean `#coffee 1/week` (2 notes carry #coffee)? WHAT is a kind (share, event, brag, "
            "interview…), a brag theme, `contact` or a #tag") in out
    assert "hint: did you mean `share 1/week` or `#shares 1/week` (for items tagged #shares)?" in out
    assert "hint: did you mean `mentoring 1/month` or `#mentorship 1/month`" in out
    assert "3 warnings" in out
    code, out = run(root, "build")
    assert code == 0 and "3 warnings" in out, out
    assert "| `coffee 1/week` | brags of theme coffee | 0 of 1 (2026-W29) |" in note(root, "Goals.md")


def test_the_warning_goes_once_a_brag_entry_has_the_theme(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {**FILES, "Daily/2026-07-15.md": "- paired on the runbook #brag/coffee\n"})
    vault = load_vault(root)
    found = [d for d in vault.diagnostics if d.code == CODE]
    assert [d.line for d in found] == [5, 12]  # coffee is a theme of this vault: counted as written
    # `problems` (what build counts) agrees with `diagnostics` (what check prints).
    fresh = load_vault(root)
    errors, warnings = fresh.problems()
    assert errors == [] and warnings == sum(d.severity is Severity.WARNING for d in vault.diagnostics) == 2


def test_a_single_habit_written_as_text_is_warned_at_its_key(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "2026-07-15"\n',
                                        "Goals/One.md": "---\nmeasure: x\nhabits: coffee 1/week\n---\n"})
    diags = [d for d in load_vault(root).diagnostics if d.code == CODE]
    assert [(d.path, d.line) for d in diags] == [("Goals/One.md", 3)]
    assert "(for items tagged #coffee)" in diags[0].hint


def test_check_as_a_real_subprocess_warns_of_the_habit(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", FILES)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(root), "check"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Goals/Grow.md:4: warning: goal field `habits`: `coffee 1/week`" in done.stdout
