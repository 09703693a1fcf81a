"""A one-shot process (`vaultkit.disk.lifetime`): the command line ends without freeing its heap,
and says everything first. A library caller and `watch` are left as they were."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, run_python, write_vault
from vaultkit.cli.main import _status, cli
from vaultkit.disk import lifetime
from vaultkit.disk.build import build
from vaultkit.disk.load import load_vault, settle_heap
from vaultkit.live.session import Session


@pytest.fixture
def as_before() -> Iterator[None]:
    """What these tests change of the process's lifetime, put back after."""
    was_enabled = gc.isenabled()
    yield
    lifetime._held = None
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def noisy_vault(root: Path, notes: int = 400) -> Path:
    """A vault whose `check` says a lot: a missing link in every note (a big stdout to flush),
    and one error (its status is 1)."""
    files = {f"People/Person {i}.md": f"# Person {i}\n\nMet [[Nobody {i}]] at lunch.\n" for i in range(notes)}
    files["People/Broken.md"] = "---\nname: [unclosed\n---\n# Broken\n"
    return write_vault(root, files)


# As a user's shell runs it: output to a pipe is buffered, and only the end's flush sends the rest.
BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vaultkit", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env=BUFFERED)


def test_a_library_caller_holds_nothing_and_keeps_its_collector(tmp_path: Path, as_before: None) -> None:
    gc.enable()
    vault = load_vault(noisy_vault(tmp_path / "v", 3))
    assert lifetime._held is None
    assert gc.isenabled()
    assert len(vault.notes) == 4


def test_a_one_shot_process_holds_what_it_loads_with_the_collector_off(tmp_path: Path, as_before: None) -> None:
    lifetime.one_shot()
    assert not gc.isenabled()
    vault = load_vault(noisy_vault(tmp_path / "v", 3))
    assert lifetime._held == [vault]
    lifetime.long_running()
    assert lifetime._held is None
    assert gc.isenabled()
    lifetime.hold(vault)  # held no more
    assert lifetime._held is None


def collections_during(work: Callable[[], object], full: bool = False) -> int:
    """How many times the cycle collector ran during `work()`; `full`: walked every generation,
    as `gc.collect()` does (the young generations' passes, when the collector is on, count not)."""
    started: list[dict[str, int]] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and (not full or info["generation"] == 2):
            started.append(info)

    gc.callbacks.append(seen)
    try:
        work()
    finally:
        gc.callbacks.remove(seen)
    return len(started)


def test_a_one_shot_process_settles_its_heap_without_a_collection(as_before: None) -> None:
    # Its collector never runs again: a pass over every object the vault is made of frees nothing.
    assert collections_during(settle_heap) == 1  # a library caller's: what it drops later is freed
    lifetime.one_shot()
    assert collections_during(settle_heap) == 0
    lifetime.long_running()
    assert collections_during(settle_heap) == 1


def test_a_watchers_first_plan_is_frozen_without_a_collection(tmp_path: Path, as_before: None) -> None:
    """The plan `watch` makes at its start (`Session.rebuild(start=True)`) is frozen as it is:
    no pass over every object it made, and saves after it are planned as a build plans them."""
    from tests.test_watch import fresh_build, generated

    lifetime.long_running()
    root = noisy_vault(tmp_path / "v", 30)
    build(root)
    session = Session(str(root))
    session.load()
    assert collections_during(lambda: session.rebuild(start=True), full=True) == 0
    assert session.live is not None
    note = root / "People" / "Person 3.md"
    note.write_text("---\ntype: person\nrole: Saved After\n---\n# Person 3\n", encoding="utf-8")
    session.update({"People/Person 3.md"})
    session.rebuild()
    assert generated(root) == fresh_build(root, tmp_path)
    (root / "photo.png").write_bytes(b"\x89PNG")  # a new attachment: a full plan, as any later one collects
    session.update({"photo.png"})
    assert collections_during(session.rebuild, full=True) == 1


def test_watch_says_it_runs_for_long(tmp_path: Path, as_before: None) -> None:
    lifetime.one_shot()
    vault = noisy_vault(tmp_path / "v", 3)
    # Contradicting options: watch stops before watching, once it has said how it runs.
    result = CliRunner().invoke(cli, ["--vault", str(vault), "watch", "--quiet", "--verbose"])
    assert result.exit_code == 2, result.output
    assert gc.isenabled()
    assert lifetime._held is None


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (130, 130), ("no vault", 1)])
def test_the_status_is_what_sys_exit_would_give(code: object, status: int, as_before: None) -> None:
    assert _status(code) == status


def test_everything_is_said_before_the_process_ends(tmp_path: Path) -> None:
    vault = noisy_vault(tmp_path / "v")
    runner = CliRunner()
    for args in (["check"], ["check", "--format", "json"]):
        expected = runner.invoke(cli, ["--vault", str(vault), *args])
        proc = run("--vault", str(vault), *args)
        assert "Traceback" not in proc.stderr
        assert proc.returncode == expected.exit_code == 1  # the error
        assert proc.stdout == expected.stdout  # the same words, to the last byte, as in this process
        assert proc.stdout.count("[[Nobody ") == 400
    for made in ("9 created, 0 updated, 0 unchanged", "0 created, 0 updated, 9 unchanged"):  # then again: nothing to do
        proc = run("--vault", str(vault), "build")
        assert proc.returncode == 1, proc.stderr  # the vault's error, said after the notes are written
        assert made in proc.stdout
        assert "People/Broken.md:3: error: " in proc.stderr
        assert proc.stderr.endswith("the vault has 1 error and 400 warnings: see `vaultkit check`\n")


def test_errors_still_end_with_their_status(tmp_path: Path) -> None:
    proc = run("--vault", str(tmp_path / "nowhere"), "check")
    assert proc.returncode == 2
    assert "Error:" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("--vault", str(noisy_vault(tmp_path / "v", 2)), "no-such-command")
    assert proc.returncode == 2
    assert "No such command" in proc.stderr


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path) -> None:
    vault = noisy_vault(tmp_path / "v", 3000)
    proc = subprocess.Popen([sys.executable, "-m", "vaultkit", "--vault", str(vault), "check"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=BUFFERED)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # `check | head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 1
    assert "Traceback" not in err and "Exception ignored" not in err


def test_the_end_flushes_what_is_buffered_and_gives_the_status() -> None:
    code = ("import sys; from vaultkit.disk import lifetime; lifetime.one_shot(); "
            "sys.stdout.write('x' * 100); sys.stderr.write('said'); lifetime.end(3)")
    proc = run_python(code, env=BUFFERED)
    assert (proc.returncode, len(proc.stdout), proc.stderr) == (3, 100, "said")


def test_a_closed_output_is_no_traceback(tmp_path: Path) -> None:
    """`vaultkit check >&-`: Python starts with no `sys.stdout`; the end has nothing to flush there."""
    vault = write_vault(tmp_path / "v", {"People/Ada.md": "# Ada\n"})
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(vault), "check"], stderr=subprocess.PIPE,
                          text=True, timeout=120, cwd=ROOT, env=BUFFERED, preexec_fn=lambda: os.close(1))
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert "1 note checked" in proc.stderr


def test_a_build_with_no_stderr_writes_its_notes(tmp_path: Path) -> None:
    """`vaultkit build 2>&-` (a job runner may start it so): Python starts with no `sys.stderr`. The
    build asked it whether it was a terminal, failed with an internal error it could not even print,
    wrote nothing and exited 1."""
    vault = write_vault(tmp_path / "v", {"People/Ada.md": "---\ncompany: Acme\n---\n# Ada\n"})
    proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(vault), "build"], stdout=subprocess.PIPE,
                          text=True, timeout=120, cwd=ROOT, env=BUFFERED, preexec_fn=lambda: os.close(2))
    assert proc.returncode == 0
    assert "created" in proc.stdout
    assert "Acme" in (vault / "Vaultkit" / "People.md").read_text()


def test_a_command_stopped_by_ctrl_c_exits_130_not_1(tmp_path: Path) -> None:
    # click says "Aborted!" and exits 1, which is also what `build` and `check` exit with for a
    # vault with errors: a script could not tell an interrupted build from a vault to fix.
    (tmp_path / "a.md").write_text("a note\n")
    script = ("import sys\nfrom vaultkit.disk import build\n"
              "def interrupted(*args, **kwargs):\n    raise KeyboardInterrupt\n"
              "build.build = interrupted\n"
              f"sys.argv = ['vaultkit', '--vault', {str(tmp_path)!r}, 'build']\n"
              "from vaultkit.cli.main import main\nmain()\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip() == "Interrupted.", run.stderr


def test_the_entry_point_is_running_before_anything_heavy_is_imported() -> None:
    # A Ctrl-C lands wherever the process is: the entry point must be there to answer it before
    # the command line's imports (click, the build, the reader: tens of ms) begin.
    script = ("import sys\nimport vaultkit.cli.entry\n"
              "print(sorted(m for m in sys.modules if m.startswith('vaultkit') or m in ('click', 'typing')))\n")
    run = run_python(script)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['vaultkit', 'vaultkit.cli', 'vaultkit.cli.entry']"


def test_a_ctrl_c_while_the_command_line_is_imported_exits_130_without_a_traceback(tmp_path: Path) -> None:
    # The interrupt raised by the import system itself, where a real Ctrl-C in the first tens of
    # ms would land: Python's traceback of an interrupted import reached the user before.
    script = ("import sys\n"
              "class Interrupting:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name == 'vaultkit.cli.main':\n"
              "            raise KeyboardInterrupt\n"
              "sys.meta_path.insert(0, Interrupting())\n"
              f"sys.argv = ['vaultkit', '--vault', {str(tmp_path)!r}, 'check']\n"
              "import runpy\nrunpy.run_module('vaultkit', run_name='__main__')\n")
    run = run_python(script)
    assert run.returncode == 130, run.stderr
    assert run.stderr == "Interrupted.\n"


def test_the_package_names_its_library_api_without_importing_it() -> None:
    import vaultkit
    from vaultkit.reader.vault import Vault

    assert vaultkit.Vault is Vault and callable(vaultkit.build) and callable(vaultkit.load_vault)
    assert set(vaultkit.__all__) <= set(dir(vaultkit))
    with pytest.raises(AttributeError):
        vaultkit.no_such_name  # noqa: B018
