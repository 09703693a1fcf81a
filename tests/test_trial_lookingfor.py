"""A goal note's `looking_for` (issue 13, new-user trial): Follow-ups.md lists who has not been
told, as `vaultkit followups` does, from a build (the cache keeps the goal's field) and from a
save in `vaultkit watch` (the incremental plan equals a full one)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import write_vault
from tests.livecase import LiveVault
from vaultkit.cli.main import cli

TODAY = "2026-11-27"
GOAL = "---\nkind: goal\nlooking_for: [a staff role, a mentor]\n---\n# G\n"
SOLO = "---\npriority: inner\ncompany: Acme\nrole: manager\n---\n# Solo One\n"


def run(vault: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env={"VAULTKIT_TODAY": TODAY},
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_a_goals_looking_for_reaches_follow_ups_md_as_it_reaches_followups(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"Goals/G.md": GOAL, "People/Solo One.md": SOLO})
    shown = json.loads(run(vault, "followups", "--format", "json").output)
    assert shown["looking_for"] == ["a staff role", "a mentor"]
    assert [u["person"] for u in shown["untold"]] == ["Solo One"]
    for _ in range(2):  # the second build reads the cache: the goal's field is kept there too
        assert run(vault, "build").exit_code == 0
        note = (vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8")
        assert ", 1 not told what you are looking for." in note
        assert "## Not told what you are looking for" in note
        assert "You are looking for: a staff role; a mentor." in note
        assert "- [[Solo One]] (inner, Acme)" in note.split("## Not told", 1)[1]
        (vault / "Vaultkit" / "Follow-ups.md").unlink()


def test_a_save_of_a_goal_that_changes_looking_for_updates_follow_ups(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"Goals/G.md": "---\nkind: goal\n---\n# G\n", "People/Solo One.md": SOLO})
    live = LiveVault(root, TODAY)
    assert "Not told" not in live.current["Vaultkit/Follow-ups.md"]

    for text, wanted in ((GOAL, "a staff role; a mentor"), ("---\nkind: goal\nlooking_for: a CTO\n---\n", "a CTO")):
        current = live.save("Goals/G.md", text.encode())
        assert f"You are looking for: {wanted}." in current["Vaultkit/Follow-ups.md"]


def test_told_is_kept_by_saves_whether_or_not_looking_for_was_asked_yet(tmp_path: Path) -> None:
    """Who was told (`#told`) is worked out only once `looking_for` asks for it, then kept save by
    save: a `#told` logged before a goal names what you look for, or after, counts the same."""
    other = "---\npriority: active\n---\n# Other Two\n"
    root = write_vault(tmp_path / "v", {"Goals/G.md": "---\nkind: goal\n---\n# G\n", "People/Solo One.md": SOLO,
                                        "People/Other Two.md": other})
    live = LiveVault(root, TODAY)
    live.save("Daily/2026-11-20.md", b"- coffee with [[Solo One]] #told\n")  # before anyone asks who was told
    untold = live.save("Goals/G.md", GOAL.encode())["Vaultkit/Follow-ups.md"].split("## Not told", 1)[1]
    assert "[[Other Two]]" in untold and "[[Solo One]]" not in untold
    untold = live.save("Daily/2026-11-21.md", b"- lunch with [[Other Two]] #told\n")["Vaultkit/Follow-ups.md"]
    assert "## Not told" not in untold or "[[Other Two]]" not in untold.split("## Not told", 1)[1]
    untold = live.save("Daily/2026-11-20.md", b"- coffee with [[Solo One]]\n")["Vaultkit/Follow-ups.md"]
    assert "[[Solo One]]" in untold.split("## Not told", 1)[1]  # the tag taken back
