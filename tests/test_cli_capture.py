"""`init`, `new`, `log` and `brag` end to end: the real command line in a subprocess, on real vaults.

Editing commands must keep every other byte of the note they change; failing commands must
print `Error: …`, exit 1 (2 for usage errors), write nothing, and never show a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import snapshot, write_vault
from vaultkit import load_vault

TODAY = "2026-07-15"  # the example vault's pinned today


@dataclass(frozen=True)
class Run:
    """A finished vaultkit process."""

    code: int
    out: str
    err: str


def _env(today: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VAULTKIT_VAULT", "VAULTKIT_TODAY")}
    if today:
        env["VAULTKIT_TODAY"] = today
    return env


def _argv(vault: Path | None, args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "vaultkit", *(["--vault", str(vault)] if vault else []), *args]


def _done(proc: subprocess.Popen[str], argv: list[str]) -> Run:
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and "Traceback" not in out, f"{argv}\n{err}"
    return Run(proc.returncode, out, err)


def vk(vault: Path | None, *args: str, today: str | None = None, cwd: Path | None = None,
       preexec: Callable[[], None] | None = None) -> Run:
    """Run `python -m vaultkit --vault VAULT ARGS…` and return its exit status and output."""
    argv = _argv(vault, args)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=_env(today), cwd=cwd, preexec_fn=preexec)
    return _done(proc, argv)


def vk_many(vault: Path, calls: Sequence[Sequence[str]], today: str | None = None) -> list[Run]:
    """Independent commands at once (the test suite is mostly process start-up)."""
    argvs = [_argv(vault, args) for args in calls]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                              env=_env(today)) for argv in argvs]
    return [_done(proc, argv) for proc, argv in zip(procs, argvs, strict=True)]


def ok(run: Run) -> Run:
    assert run.code == 0, run
    return run


def error(run: Run, code: int = 1) -> Run:
    assert run.code == code, run
    if code == 1:
        assert run.err.startswith("Error: ") and run.err.count("\n") == 1, run
    else:
        assert "Usage:" in run.err and "Error: " in run.err, run
    return run


def files(root: Path) -> dict[str, bytes]:
    """Every file's bytes (the cache lives outside the vault, so every file counts)."""
    return {rel: data for rel, (data, _) in snapshot(root).items()}


def errors_of(vault: Path) -> list[dict[str, object]]:
    run = vk(vault, "check", "--format", "json")
    diags = json.loads(run.out)["diagnostics"]
    errors = [d for d in diags if d["severity"] == "error"]
    assert (run.code == 1) == bool(errors), run
    return errors


def inserted_line(before: bytes, after: bytes) -> bytes:
    """The one line `after` has more than `before`; fails unless that is the only difference."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(new) == len(old) + 1, (before, after)
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
    assert new[:at] + new[at + 1:] == old, (before, after)
    return new[at]


# --- init -------------------------------------------------------------------------------------

KIND_FOLDERS = ["Brag", "Challenges", "Communities", "Events", "Goals", "Interviews", "People", "Sharing"]
KINDS = ["brag", "challenge", "community", "event", "goal", "interview", "person", "share"]


def test_init_creates_a_skeleton_that_checks_clean(tmp_path: Path) -> None:
    root = tmp_path / "career"
    run = ok(vk(None, "init", str(root), cwd=tmp_path))
    assert str(root) in run.out and "added 20" in run.out
    assert sorted(p.name for p in root.iterdir()) == sorted([*KIND_FOLDERS, "Daily", "Templates", "vaultkit.toml",
                                                            ".gitattributes"])
    assert sorted(p.name for p in (root / "Templates").iterdir()) == sorted(f"{k}.md" for k in KINDS)
    assert (root / "vaultkit.toml").read_text(encoding="utf-8").startswith("# vaultkit settings")
    before = snapshot(root)
    again = ok(vk(None, "init", str(root), cwd=tmp_path))
    assert "nothing written" in again.out and snapshot(root) == before  # it holds notes now: never changed
    check = ok(vk(root, "check"))
    assert "0 notes checked: 0 errors, 0 warnings" in check.err


def test_init_into_an_existing_vault_adds_no_folder_and_no_template(example_copy: Path) -> None:
    shutil.rmtree(example_copy / "Interviews")
    (example_copy / "vaultkit.toml").unlink()
    (example_copy / "Templates" / "person.md").write_text("my own person template {{title}}\n", encoding="utf-8")
    before = snapshot(example_copy)
    run = ok(vk(example_copy, "init", str(example_copy)))
    after = snapshot(example_copy)
    assert sorted(set(after) - set(before)) == ["vaultkit.toml"], run  # no Interviews/, no templates
    assert {rel: after[rel] for rel in before} == before  # every byte and mtime, folders' too
    assert "wrote only" in run.out and "vaultkit.toml" in run.out


def test_init_without_a_path_uses_the_current_folder_not_a_vault_further_up(example_copy: Path) -> None:
    inner = example_copy / "Projects" / "new-vault"
    inner.mkdir()
    before = files(example_copy)
    ok(vk(None, "init", cwd=inner))
    assert (inner / "vaultkit.toml").is_file() and (inner / "People").is_dir()
    assert {rel: data for rel, data in files(example_copy).items() if "new-vault/" not in rel} == before


# --- new --------------------------------------------------------------------------------------

def test_new_for_each_kind_gives_a_note_check_accepts(example_copy: Path) -> None:
    assert not [d for d in load_vault(example_copy).diagnostics if d.severity.value == "error"]
    runs = vk_many(example_copy, [("new", kind, f"Trial {kind}") for kind in KINDS])
    for kind, run in zip(KINDS, runs, strict=True):
        ok(run)
        path = Path(run.out.strip())
        assert path.is_file() and path.parent.name in KIND_FOLDERS and path.name == f"Trial {kind}.md"
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"---\ntype: {kind}\n") and f"# Trial {kind}\n" in text and "{{" not in text
    assert errors_of(example_copy) == []
    vault = load_vault(example_copy)
    assert {n.kind for n in vault.notes.values() if n.title.startswith("Trial ")} == set(KINDS)


def test_new_person_with_set_gives_typed_fields(example_copy: Path) -> None:
    run = ok(vk(example_copy, "new", "person", "Ada Lovelace", "--set", "company=Acme", "--set", "topics=a,b",
                "--set", "met_on=2026-05-14", "--set", "met_at=[[KubeCon EU 2026]]", "--set", "cadence=6w"))
    assert run.err == ""
    text = (example_copy / "People" / "Ada Lovelace.md").read_text(encoding="utf-8")
    assert 'company: "Acme"\n' in text and 'topics: ["a", "b"]\n' in text
    person = next(p for p in load_vault(example_copy).people if p.note.title == "Ada Lovelace")
    assert person.company == "Acme" and person.topics == ("a", "b") and person.cadence == "6w"
    assert str(person.met_on) == "2026-05-14" and person.met_at is not None
    assert person.met_at.target == "KubeCon EU 2026"


BAD_TITLES = [f"Ada {c} Lovelace" for c in '*"\\/<>:|?#^[]'] + ["a..b", "", "CON"]


def test_new_refuses_each_bad_title_and_writes_nothing(example_copy: Path) -> None:
    before = files(example_copy)
    runs = vk_many(example_copy, [("new", "person", title) for title in BAD_TITLES])
    for title, run in zip(BAD_TITLES, runs, strict=True):
        error(run)
        assert "cannot use" in run.err and repr(title) in run.err, run
    assert files(example_copy) == before


def test_new_usage_errors_exit_2(example_copy: Path) -> None:
    before = files(example_copy)
    unknown = vk(example_copy, "new", "persona", "X")
    assert "'persona' is not one of" in error(unknown, 2).err
    assert files(example_copy) == before


def test_new_never_overwrites_and_refuses_invalid_fields(example_copy: Path) -> None:
    before = files(example_copy)
    exists, bad_date = vk_many(example_copy, [("new", "person", "Jonas Weber", "--set", "company=Other"),
                                              ("new", "event", "Bad date", "--set", "date=2026-13-01")])
    assert "already exists" in error(exists).err and "warning" not in exists.err
    # A date --set is checked as --date is, saying what is wrong with the day.
    assert "--set date: '2026-13-01' is not a date: there is no month 13" in error(bad_date).err
    assert files(example_copy) == before


def test_new_says_a_set_day_does_not_exist_as_date_does(tmp_path: Path) -> None:
    root = tmp_path / "v"
    root.mkdir()
    (root / "vaultkit.toml").write_text('today = "2026-07-15"\n', "utf-8")
    for value, said in (("2027-02-30", "'2027-02-30' is not a date: February 2027 has no day 30 (it has 28 days)"),
                        ("next week", "'next week' is not a date as YYYY-MM-DD")):
        run = vk(root, "new", "goal", "Speak", "--set", f"by={value}")
        assert f"Error: --set by: {said}\n" in error(run).err and "frontmatter" not in run.err
    assert not (root / "Goals").exists()


# --- log --------------------------------------------------------------------------------------

def test_log_inserts_one_line_and_the_person_is_no_longer_due(example_copy: Path) -> None:
    note = example_copy / "People" / "Jonas Weber.md"
    before = note.read_bytes()
    run = ok(vk(example_copy, "log", "jonas weber", "coffee:  the platform   lead role\tis open"))
    assert run.out == "People/Jonas Weber.md: - 2026-07-15 coffee: the platform lead role is open\n"
    line = inserted_line(before, note.read_bytes())
    assert line == b"- 2026-07-15 coffee: the platform lead role is open\n"
    assert note.read_bytes().index(line) > before.index(b"- 2026-01-22 came to my talk")
    due = json.loads(ok(vk(example_copy, "followups", "--format", "json")).out)["due"]
    assert "Jonas Weber" not in [d["person"] for d in due]


def test_log_keeps_bom_crlf_and_adds_a_missing_heading(example_copy: Path) -> None:
    crlf = ("\ufeff---\r\ncompany: A\r\n---\r\n# Bo\r\n\r\n## Interactions\r\n\r\n- 2026-01-01 met\r\n\r\n"
            "## Notes\r\nx\r\n")
    bare = "---\ncompany: B\n---\n# Cy\n\nMet at a conference."
    write_vault(example_copy, {"People/Bo Crlf.md": crlf.encode("utf-8"), "People/Cy Bare.md": bare})
    runs = vk_many(example_copy, [("log", "Bo Crlf", "call", "--date", "2026-02-02"),
                                  ("log", "[[Cy Bare]]", "lunch", "--date", "2026-03-03")])
    for run in runs:
        ok(run)
    after = (example_copy / "People" / "Bo Crlf.md").read_bytes()
    assert inserted_line(crlf.encode("utf-8"), after) == b"- 2026-02-02 call\r\n"
    assert after.startswith(b"\xef\xbb\xbf---\r\n") and after.count(b"\r\n") == after.count(b"\n")
    assert after.index(b"- 2026-02-02 call") < after.index(b"## Notes")
    assert (example_copy / "People" / "Cy Bare.md").read_text(encoding="utf-8") == (
        bare + "\n\n## Interactions\n\n- 2026-03-03 lunch\n")
    vault = load_vault(example_copy)
    assert [str(i.date) for i in vault.notes["People/Cy Bare.md"].items] == ["2026-03-03"]


@pytest.mark.parametrize("clash", ["alias", "name"])
def test_log_to_an_ambiguous_person_names_both_and_writes_nothing(example_copy: Path, clash: str) -> None:
    if clash == "alias":
        write_vault(example_copy, {"People/Jo One.md": "---\naliases: [Jo]\n---\n",
                                   "People/Jo Two.md": "---\naliases: [Jo]\n---\n"})
        name, paths = "Jo", ["People/Jo One.md", "People/Jo Two.md"]
    else:
        write_vault(example_copy, {"Archive/Jonas Weber.md": "---\ntype: person\n---\n## Interactions\n"})
        name, paths = "Jonas Weber", ["Archive/Jonas Weber.md", "People/Jonas Weber.md"]
    before = files(example_copy)
    run = error(vk(example_copy, "log", name, "coffee"))
    assert "several notes" in run.err and all(p in run.err for p in paths)
    assert files(example_copy) == before


def test_log_failures_say_what_to_do(example_copy: Path) -> None:
    before = files(example_copy)
    missing, event = vk_many(example_copy, [("log", "Jonas Webber", "coffee"), ("log", "KubeCon EU 2026", "coffee")])
    assert "did you mean Jonas Weber?" in error(missing).err
    assert "not a person note" in error(event).err
    assert files(example_copy) == before


def _unchanged_and_no_temp_files(folder: Path, name: str, before: bytes) -> None:
    assert (folder / name).read_bytes() == before
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".vaultkit-")]


def test_log_refuses_a_read_only_note(example_copy: Path) -> None:
    people = example_copy / "People"
    note = people / "Lena Hoffmann.md"
    before = note.read_bytes()
    note.chmod(0o444)
    try:
        run = error(vk(example_copy, "log", "Lena Hoffmann", "call"))
        assert "read-only" in run.err
        assert stat.S_IMODE(note.stat().st_mode) == 0o444
        _unchanged_and_no_temp_files(people, note.name, before)
    finally:
        note.chmod(0o644)


def _chmod_works(folder: Path) -> bool:
    """False when running as root (or on a filesystem) where a 0o555 folder still takes new files."""
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return True
    probe.unlink()
    return False


def test_log_fails_cleanly_when_the_folder_cannot_be_written(example_copy: Path) -> None:
    people = example_copy / "People"
    before = (people / "Lena Hoffmann.md").read_bytes()
    people.chmod(0o555)
    try:
        if _chmod_works(people):
            run = error(vk(example_copy, "log", "Lena Hoffmann", "call"))
            assert "not writable" in run.err
        else:
            people.chmod(0o755)
            # Root ignores the folder's mode: fail the write another way, with a file size limit
            # (a full disk, as far as vaultkit can tell). CPython ignores SIGXFSZ, so writes fail
            # with EFBIG instead of killing the process.
            resource = pytest.importorskip("resource")

            def small_files() -> None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

            run = error(vk(example_copy, "log", "Lena Hoffmann", "call", preexec=small_files))
            assert "too large" in run.err.lower() or "errno" in run.err.lower()
        _unchanged_and_no_temp_files(people, "Lena Hoffmann.md", before)
    finally:
        people.chmod(0o755)


def test_log_never_writes_through_a_symlink(example_copy: Path) -> None:
    # A symlinked note is not read as a note, so it is never the one `log` edits.
    real = example_copy / "Archive" / "Ben Okafor.md"
    real.parent.mkdir()
    (example_copy / "People" / "Ben Okafor.md").rename(real)
    (example_copy / "People" / "Ben Okafor.md").symlink_to(real)
    before = files(example_copy)
    error(vk(example_copy, "log", "People/Ben Okafor", "call"))
    assert files(example_copy) == before


# --- brag -------------------------------------------------------------------------------------

def test_brag_with_every_option_writes_a_brag_note(example_copy: Path) -> None:
    args = ("brag", "Cut CI time by 40%", "--impact", "every PR merges 20 minutes sooner", "--impacted",
            "Platform team", "--impacted", "Someone New", "--theme", "delivery", "--metric", "CI p50 -40%",
            "--metric", "12 engineer-hours/week saved", "--date", "2026-03-13")
    first = ok(vk(example_copy, *args))
    path = Path(first.out.strip())
    assert path == (example_copy / "Brag" / "2026-03-13 Cut CI time by 40%.md").resolve()
    assert path.read_text(encoding="utf-8") == (
        '---\ntype: brag\ndate: 2026-03-13\nimpact: "every PR merges 20 minutes sooner"\n'
        'impacted: ["[[Platform team]]", "Someone New"]\nmetrics: ["CI p50 -40%", "12 engineer-hours/week saved"]\n'
        'theme: "delivery"\n---\n\nCut CI time by 40%\n')
    vault = load_vault(example_copy)
    assert not [d for d in vault.diagnostics if d.path.startswith("Brag/2026-03-13")]
    from vaultkit.reader.career import entries
    mine = [e for e in entries(vault, "brag") if e.path == "Brag/2026-03-13 Cut CI time by 40%.md"]
    assert len(mine) == 1 and str(mine[0].date) == "2026-03-13"
    assert mine[0].get("metrics") == ("CI p50 -40%", "12 engineer-hours/week saved")


def test_brag_daily_appends_to_the_day_or_creates_it(example_copy: Path) -> None:
    daily = example_copy / "Daily" / "2026-06-11.md"
    before = daily.read_bytes()
    kept, created, empty = vk_many(example_copy, [
        ("brag", "Ran the first pooling office hour", "--daily", "--date", "2026-06-11", "--impact",
         "11 questions answered in an hour", "--impacted", "Data team", "--theme", "facilitation"),
        ("brag", "--daily", "--date", "2026-06-12", "--metric", "flakes -90%", "--", "- Fixed [the] flaky test"),
        ("brag", "   ", "--daily")])
    ok(kept)
    ok(created)
    assert "empty" in error(empty).err
    after = daily.read_bytes()
    assert after.startswith(before) and after[len(before):].count(b"\n") in (1, 2)
    assert after.endswith(b"- Ran the first pooling office hour #brag [impact:: 11 questions answered in an hour] "
                          b"[impacted:: [[Data team]]] (theme:: facilitation)\n")
    assert (example_copy / "Daily" / "2026-06-12.md").read_text(encoding="utf-8") == (
        "# 2026-06-12\n\n- \\- Fixed [the] flaky test #brag [metrics:: flakes -90%]\n")
    from vaultkit.reader.career import entries
    found = {str(e.date): e for e in entries(load_vault(example_copy), "brag") if e.inline}
    assert found["2026-06-11"].get("impact") is not None
    assert "Ran the first pooling office hour" in [e.text.split(" #brag")[0] for e in found.values()]
    assert found["2026-06-12"].get("metrics") == ("flakes -90%",)


# --- the new-user trial, as a test ------------------------------------------------------------

def test_new_user_trial(tmp_path: Path) -> None:
    vault = tmp_path / "career"
    ok(vk(None, "init", str(vault), cwd=tmp_path, today=TODAY))
    steps = [
        ("new", "person", "Ada Lovelace", "--set", "company=Analytical Engines", "--set", "topics=compilers,mentoring",
         "--set", "met_on=2026-05-14", "--set", "met_at=[[Rust Berlin May 2026]]"),
        ("new", "person", "Grace Hopper", "--set", "met_on=2026-05-14", "--set", "cadence=6w"),
        ("new", "event", "Rust Berlin May 2026", "--set", "date=2026-05-14",
         "--set", "met=[[Ada Lovelace]], [[Grace Hopper]]", "--set", "want_to_meet=Ada Lovelace"),
        ("brag", "Cut CI time", "--impact", "every PR merges 20 minutes sooner", "--metric", "CI p50 -40%",
         "--impacted", "Platform team", "--theme", "delivery", "--date", "2026-03-12"),
        ("brag", "Wrote the on-call runbook", "--impact", "new on-callers ramp up in a week", "--theme",
         "documentation", "--date", "2026-04-02"),
        ("brag", "Demoed self-service databases", "--daily", "--impact", "2 teams adopted it", "--theme", "demo",
         "--date", "2026-05-20"),
        ("log", "Ada Lovelace", "coffee: she is hiring a platform lead", "--date", "2026-06-02"),
    ]
    for run in vk_many(vault, steps[:-1], today=TODAY):  # independent notes: a user types them one by one
        ok(run)
    ok(vk(vault, *steps[-1], today=TODAY))
    review = ok(vk(vault, "review", "2026-H1", today=TODAY))
    assert review.out.strip().endswith("Reviews/2026-H1.md")
    text = (vault / "Vaultkit" / "Reviews" / "2026-H1.md").read_text(encoding="utf-8")
    for row in ("| Wins | 3 |", "| Wins with numbers | 2 |", "| New people met | 2 |", "| Events attended | 1 |"):
        assert row in text
    assert "I cut CI time. The result: every PR merges 20 minutes sooner, measured as CI p50 -40%. It helped "\
        "Platform team." in text
    build = ok(vk(vault, "build", today=TODAY))
    assert re.fullmatch(r"\d+ created, 0 updated, 1 unchanged\n", build.out), build  # the review is current
    check = ok(vk(vault, "check", today=TODAY))
    assert "0 errors" in check.err
    ada = (vault / "People" / "Ada Lovelace.md").read_text(encoding="utf-8")
    assert ada.endswith("## Interactions\n\n- 2026-06-02 coffee: she is hiring a platform lead\n\n")
    people = (vault / "Vaultkit" / "People.md").read_text(encoding="utf-8")
    assert "2026-06-02" in people
