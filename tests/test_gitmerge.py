"""Git that never fights you: the merge driver, diff3, `git-setup` and a pull between two clones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import gitsetup
from vaultkit.views.diff3 import merge3
from vaultkit.views.regionmerge import merge_note
from vaultkit.views.regions import begin, edited, end, regions, seal

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def note(before: str, rows: str, after: str = "", name: str = "people") -> str:
    """A generated note as a build writes it: frontmatter, the user's text, one sealed region."""
    return seal(f"---\nvaultkit: generated\n---\n{before}{begin(name)}\n{rows}{end(name)}\n{after}")


def typed(text: str, extra: str, name: str = "people") -> str:
    """`text` with a line typed inside region `name` by hand (the hash no longer checks)."""
    region = next(r for r in regions(text) if r.name == name)
    return text[:region.end] + extra + text[region.end:]


def both_mergers() -> list[object]:
    found = [merge3]
    if shutil.which("git"):
        found.append(lambda o, a, b: gitsetup.git_merge_file(o, a, b))
    return found


MERGERS = pytest.mark.parametrize("merge_text", both_mergers(), ids=["diff3", "git"][:len(both_mergers())])


@MERGERS
def test_text_outside_is_merged_and_a_region_taken_whole(merge_text: object) -> None:
    base = note("# People\n\nintro\n", "| Ada | 2026-06-01 |\n", "\nnotes\n")
    ours = note("# People\n\nintro, edited here\n", "| Ada | 2026-07-01 |\n| Bob | new |\n", "\nnotes\n")
    theirs = note("# People\n\nintro\n", "| Ada | 2026-08-15 |\n| Cy | new |\n", "\nnotes\nand a line there\n")
    merged = merge_note(base, ours, theirs, merge_text)  # type: ignore[arg-type]
    assert merged.conflicts == 0 and merged.said == []
    assert merged.text == note("# People\n\nintro, edited here\n", "| Ada | 2026-07-01 |\n| Bob | new |\n",
                               "\nnotes\nand a line there\n")
    assert edited(merged.text) == []  # the region still verifies as vaultkit's


@MERGERS
def test_a_region_changed_on_one_side_only_is_that_sides(merge_text: object) -> None:
    base = note("", "| Ada |\n")
    theirs = note("", "| Ada |\n| Cy |\n")
    assert merge_note(base, base, theirs, merge_text).text == theirs  # type: ignore[arg-type]
    assert merge_note(base, theirs, base, merge_text).text == theirs  # type: ignore[arg-type]


@MERGERS
def test_text_typed_inside_the_markers_is_kept(merge_text: object) -> None:
    base = note("", "| Ada |\n")
    built = note("", "| Ada |\n| Cy |\n")
    mine = typed(note("", "| Ada | x |\n"), "my own row\n")
    for ours, theirs in ((mine, built), (built, mine)):
        merged = merge_note(base, ours, theirs, merge_text)  # type: ignore[arg-type]
        assert merged.conflicts == 0 and merged.text == mine
        assert "typed inside the markers" in merged.said[0]


@MERGERS
def test_text_typed_inside_on_both_sides_is_a_conflict(merge_text: object) -> None:
    base = note("", "| Ada |\n")
    ours, theirs = typed(base, "mine\n"), typed(base, "yours\n")
    merged = merge_note(base, ours, theirs, merge_text)  # type: ignore[arg-type]
    assert merged.conflicts == 1
    assert "<<<<<<< ours\n" in merged.text and "mine\n" in merged.text and "yours\n" in merged.text


@MERGERS
def test_a_conflict_outside_the_markers_is_reported_as_git_would(merge_text: object) -> None:
    base, ours, theirs = note("top\n", "| Ada |\n"), note("top: mine\n", "| A |\n"), note("top: yours\n", "| B |\n")
    merged = merge_note(base, ours, theirs, merge_text)  # type: ignore[arg-type]
    assert merged.conflicts == 1
    assert "<<<<<<< ours\ntop: mine\n=======\ntop: yours\n>>>>>>> theirs\n" in merged.text
    assert merged.text.count(begin("people")) == 1  # the region, once, from one side: ours, both built


@MERGERS
def test_a_file_that_is_not_vaultkits_merges_as_plain_text(merge_text: object) -> None:
    base = "views:\n  - name: a\n"
    merged = merge_note(base, base + "  - name: b\n", "filters: x\n" + base, merge_text)  # type: ignore[arg-type]
    assert (merged.text, merged.conflicts) == ("filters: x\nviews:\n  - name: a\n  - name: b\n", 0)


def test_both_sides_added_the_note() -> None:
    """Two clones that each built a new vault: git hands over an empty ancestor."""
    ours, theirs = note("", "| Ada | 1 |\n"), note("", "| Ada | 2 |\n")
    merged = merge_note("", ours, theirs, merge3)
    assert (merged.text, merged.conflicts) == (ours, 0)


_rows = st.lists(st.sampled_from(["| Ada |\n", "| Bob |\n", "| Cy |\n", "| Di |\n"]), max_size=5).map("".join)
_user = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n"]), max_size=4).map("".join)


@settings(max_examples=150, deadline=None)
@given(_user, _user, _user, _rows, _rows, _rows, st.booleans(), st.booleans())
def test_a_region_is_never_mixed(u0: str, u1: str, u2: str, r0: str, r1: str, r2: str,
                                 typed1: bool, typed2: bool) -> None:
    base = note(u0, r0)
    ours = typed(note(u1, r1), "typed 1\n") if typed1 else note(u1, r1)
    theirs = typed(note(u2, r2), "typed 2\n") if typed2 else note(u2, r2)
    merged = merge_note(base, ours, theirs, merge3)
    if merged.conflicts:
        return
    (region,) = regions(merged.text)
    whole = merged.text[region.at:region.close]
    sides = {t[r.at:r.close] for t in (ours, theirs) for r in regions(t)}
    assert whole in sides


_lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "e\n", "\n"]), max_size=6, unique=True).map("".join)


@settings(max_examples=200, deadline=None)
@given(_lines, _lines, _lines)
def test_diff3_takes_the_one_change_and_agrees_with_git(o: str, a: str, b: str) -> None:
    assert merge3(o, a, o) == (a, 0) and merge3(o, o, b) == (b, 0) and merge3(o, a, a) == (a, 0)
    mine = merge3(o, a, b)
    if any(len(set(t.splitlines())) < len(t.splitlines()) for t in (o, a, b)):
        return  # where lines repeat, two correct merges may cut the hunks differently (see diff3's docstring)
    if shutil.which("git"):
        theirs = gitsetup.git_merge_file(o, a, b)
        assert theirs is not None
        # Where two longest common subsequences tie, git and difflib may pick different ones, so
        # one may see a conflict where the other does not; a merge both make cleanly is the same.
        if mine[1] == 0 and theirs[1] == 0:
            assert mine[0] == theirs[0]


def test_merge_driver_writes_the_current_file_and_exits_1_on_a_conflict(tmp_path: Path) -> None:
    base = note("top\n", "| Ada |\n")
    files = {"O": base, "A": note("top\n", "| A |\n"), "B": note("top\nmore\n", "| B |\n")}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    argv = ["merge-driver", str(tmp_path / "O"), str(tmp_path / "A"), str(tmp_path / "B"), "Vaultkit/People.md"]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "A").read_text() == note("top\nmore\n", "| A |\n")
    (tmp_path / "A").write_text(note("top: mine\n", "| A |\n"))
    (tmp_path / "B").write_text(note("top: yours\n", "| A |\n"))
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 1
    assert "Vaultkit/People.md: 1 conflict(s) in the text outside the markers" in result.stderr
    assert "<<<<<<< ours" in (tmp_path / "A").read_text()


# --- git-setup -------------------------------------------------------------------------------


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=env)


@needs_git
def test_git_setup_adds_what_is_missing_and_keeps_the_rest(tmp_path: Path) -> None:
    vault = tmp_path / "repo" / "my vault"
    vault.mkdir(parents=True)
    git(tmp_path / "repo", "init", "-q")
    (vault / "vaultkit.toml").write_text('output_dir = "Gen Notes"\n')
    (vault / ".gitattributes").write_text("*.png binary\n/Gen[[:space:]]Notes/** text eol=lf")
    result = CliRunner().invoke(cli, ["--vault", str(vault), "git-setup"])
    assert result.exit_code == 0, result.output
    assert (vault / ".gitattributes").read_text() == \
        "*.png binary\n/Gen[[:space:]]Notes/** text eol=lf\n/Gen[[:space:]]Notes/** merge=vaultkit\n"
    assert gitsetup.CONFIG_LINE in result.output
    hook = tmp_path / "repo" / ".git" / "hooks" / "post-merge"
    assert os.access(hook, os.X_OK) and "vaultkit --vault 'my vault' build" in hook.read_text()
    out = git(tmp_path / "repo", "check-attr", "merge", "eol", "--", "my vault/Gen Notes/People.md").stdout
    assert "merge: vaultkit" in out and "eol: lf" in out
    before = snapshot(tmp_path / "repo")
    again = CliRunner().invoke(cli, ["--vault", str(vault), "git-setup"])
    assert again.exit_code == 0 and "runs `vaultkit build` already" in again.output
    assert snapshot(tmp_path / "repo") == before  # nothing duplicated, nothing rewritten


@needs_git
@pytest.mark.parametrize(("hook", "appended"), [
    ("#!/bin/sh\necho mine\n", True),
    ("#!/usr/bin/env bash\necho mine", True),
    ("#!/bin/sh\necho mine\nexit 0\n", False),  # would never reach lines added at its end
    ("#!/usr/bin/env python3\nprint('mine')\n", False),
])
def test_an_existing_hook_is_appended_to_or_left_alone(tmp_path: Path, hook: str, appended: bool) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "vaultkit.toml").write_text("")
    path = tmp_path / ".git" / "hooks" / "post-merge"
    path.write_text(hook)
    path.chmod(0o750)
    result = CliRunner().invoke(cli, ["--vault", str(tmp_path), "git-setup"])
    text = path.read_text()
    if appended:
        assert result.exit_code == 0, result.output
        assert text.startswith(hook) and gitsetup.HOOK_BEGIN in text and text.count(gitsetup.HOOK_BEGIN) == 1
        assert path.stat().st_mode & 0o777 == 0o750
    else:
        assert result.exit_code == 1 and text == hook
        assert "add these lines to it yourself" in result.stderr and gitsetup.HOOK_BEGIN in result.stderr


def test_git_setup_outside_a_repository_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "vaultkit.toml").write_text("")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    result = CliRunner(env=env).invoke(cli, ["--vault", str(tmp_path), "git-setup"])
    assert result.exit_code == 1 and "not in a git repository" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vaultkit.toml"]


@needs_git
def test_init_in_a_new_repository_sets_git_up(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "merge=vaultkit" in (tmp_path / ".gitattributes").read_text()
    assert gitsetup.HOOK_BEGIN in (tmp_path / ".git" / "hooks" / "post-merge").read_text()
    assert gitsetup.CONFIG_LINE in result.output


# --- two clones, a pull ----------------------------------------------------------------------


def _vk(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "vaultkit", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


@needs_git
def test_two_clones_building_on_different_days_pull_without_a_conflict(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VAULTKIT_", "GIT_"))}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_NOSYSTEM="1", HOME=str(tmp_path),
               PATH=os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""))
    seed = tmp_path / "seed"
    seed.mkdir()
    git(seed, "init", "-q", "-b", "main", env=env)
    _vk(seed, "init", ".", env=env)
    _vk(seed, "new", "person", "Ada Lovelace", "--set", "company=AE", "--set", "met_on=2026-05-01", env=env)
    _vk(seed, "build", "--today", "2026-06-01", env=env)
    git(seed, "add", "-A", env=env)
    git(seed, "commit", "-qm", "seed", env=env)
    git(tmp_path, "clone", "-q", "--bare", "seed", "origin.git", env=env)
    clones = {}
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", "origin.git", name, env=env)
        clone = clones[name] = tmp_path / name
        git(clone, "config", "merge.vaultkit.driver", f"{sys.executable} -m vaultkit merge-driver %O %A %B %P",
            env=env)
        assert "post-merge hook written" in _vk(clone, "git-setup", env=env)
    a, b = clones["a"], clones["b"]
    _vk(a, "log", "Ada Lovelace", "coffee about compilers", "--date", "2026-06-20", env=env)
    _vk(a, "build", "--today", "2026-07-01", env=env)
    git(a, "add", "-A", env=env)
    git(a, "commit", "-qm", "a", env=env)
    git(a, "push", "-q", env=env)
    _vk(b, "new", "person", "Grace Hopper", "--set", "company=Navy", "--set", "met_on=2026-06-10", env=env)
    _vk(b, "build", "--today", "2026-08-15", env=env)
    with (b / "Vaultkit" / "People.md").open("a") as out:
        out.write("\nMy own line under the table.\n")
    git(b, "add", "-A", env=env)
    git(b, "commit", "-qm", "b", env=env)
    pulled = git(b, "pull", "--no-rebase", "--no-edit", env={**env, "VAULTKIT_TODAY": "2026-08-15"})
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    assert "updated" in pulled.stdout + pulled.stderr  # the hook's build ran
    assert not git(b, "diff", "--name-only", "--diff-filter=U", env=env).stdout  # nothing unmerged
    assert "coffee about compilers" in (b / "People" / "Ada Lovelace.md").read_text()
    # After the hook's build, the generated notes are what a fresh build of the merged vault gives
    # (plus the user's own line, kept byte for byte).
    fresh = tmp_path / "fresh"
    shutil.copytree(b, fresh, ignore=shutil.ignore_patterns(".git", "Vaultkit"))
    _vk(fresh, "build", "--today", "2026-08-15", env=env)
    for path in sorted((fresh / "Vaultkit").iterdir()):
        merged = (b / "Vaultkit" / path.name).read_text().replace("\nMy own line under the table.\n", "")
        assert merged == path.read_text(), path.name
    assert "My own line under the table." in (b / "Vaultkit" / "People.md").read_text()
    assert "0 created, 0 updated" in _vk(b, "build", "--dry-run", "--today", "2026-08-15", env=env)


# --- pre-commit -------------------------------------------------------------------------------


def test_the_pre_commit_hook_passes_a_good_vault_and_fails_a_broken_one(tmp_path: Path) -> None:
    """The hook's own entry, as pre-commit runs it: from the repository's top, no file names."""
    import shlex

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["language"], hook["pass_filenames"]) == ("vaultkit-check", "python", False)
    argv = shlex.split(hook["entry"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("VAULTKIT_")}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    good = write_vault(tmp_path / "good", {"vaultkit.toml": "", "People/Ada.md": "---\ncompany: X\n---\n"})
    done = subprocess.run(argv, cwd=good, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done
    broken = write_vault(tmp_path / "broken", {"vaultkit.toml": "", "People/Ada.md": "---\ncompany: [x\n---\n"})
    done = subprocess.run(argv, cwd=broken, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "People/Ada.md:3: error: frontmatter is not valid YAML" in done.stdout, done
