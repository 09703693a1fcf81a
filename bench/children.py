"""The benchmark's child processes: one source tree's vaultkit, timed, with its peak memory.

A vaultkit command runs as ``python -c WRAP ARGS`` (what ``python -m vaultkit ARGS`` runs, through
``runpy``), with the tree under test first on ``PYTHONPATH``, as the working folder (``-c`` puts
the working folder first on ``sys.path`` as ``-m`` does) and with ``XDG_CACHE_HOME`` a folder of
the tree's own (so a reset removes that tree's cache whatever its format or location), and with
its modules compiled ahead, as pip compiles a wheel's on install. At exit (at ``os._exit`` for a
one-shot command, which runs no ``atexit``) WRAP writes two figures to the file named by
``$VKBENCH_RSS``: ``ru_maxrss`` of vaultkit's main process (``RUSAGE_SELF``) and of its largest
reaped child (``RUSAGE_CHILDREN``: the parse workers).
Peak RSS is the larger of the two: the largest single process. The ``os.wait4`` figure of the
child is kept too; on Linux it is the same maximum, as the kernel folds reaped descendants into it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
OUTPUT_DIR = "Vaultkit"  # SPEC §4 default; the generated vaultkit.toml does not change it
WRAP = """import atexit, json, os, resource, runpy, sys
_pid, _out = os.getpid(), os.environ.pop("VKBENCH_RSS", "")
def _report():
    if _out and os.getpid() == _pid:  # not in a forked worker that happens to exit through atexit
        with open(_out, "w") as f:
            json.dump([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss], f)
atexit.register(_report)
_exit = os._exit
def _report_exit(code):  # a one-shot vaultkit leaves with os._exit (vaultkit.disk.lifetime): no atexit
    _report()
    _exit(code)
os._exit = _report_exit
sys.argv = ["vaultkit", *sys.argv[1:]]
runpy.run_module("vaultkit", run_name="__main__", alter_sys=True)
"""


@dataclass
class Tree:
    """A vaultkit source tree the children run; `xdg` None: the caller's cache folder (and cwd)."""

    label: str
    path: Path
    xdg: Path | None = None
    module_file: str = field(default="", compare=False)
    extra_path: tuple[str, ...] = ()  # after the tree and the caller's PYTHONPATH (a plugin: bench/extras.py)

    def env(self) -> dict[str, str]:
        """The environment of this tree's children."""
        env = dict(os.environ)
        # As from a wheel pip installed (it compiles the modules): a child that recompiled every
        # module it imports would time the compiler (~0.1 s of CPU for the start-up imports alone).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(self.path), env.get("PYTHONPATH", ""), *self.extra_path)
                                            if p)
        if self.xdg is not None:
            env["XDG_CACHE_HOME"] = str(self.xdg)
        return env

    def check(self) -> str:
        """The vaultkit module file the children import; fails when it is not under `path`."""
        out = subprocess.run([sys.executable, "-c", "import vaultkit; print(vaultkit.__file__)"], env=self.env(),
                             cwd=self.path, capture_output=True, text=True, check=True).stdout.strip()
        if not Path(out).resolve().is_relative_to(self.path.resolve()):
            raise SystemExit(f"--vaultkit {self.path}: the children would import {out}")
        # Compiled ahead, as pip does on install: no timed run pays for it, the first included.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(out).parent)], env=self.env(),
                       cwd=self.path, capture_output=True, check=True)
        self.module_file = out
        return out


@dataclass
class Run:
    """One finished child: wall seconds, exit code, output and peak memory (bytes)."""

    seconds: float
    code: int
    out: str
    err: str
    wait4_rss: int
    main_rss: int | None = None  # vaultkit's own process (RUSAGE_SELF), when WRAP ran
    worker_rss: int | None = None  # its largest reaped child (RUSAGE_CHILDREN)

    @property
    def peak(self) -> int:
        """The largest single process's peak RSS."""
        return max(self.wait4_rss, self.main_rss or 0, self.worker_rss or 0)


def vaultkit_argv(vault: Path, *args: str) -> list[str]:
    """The argv of a wrapped vaultkit command on `vault`."""
    return [sys.executable, "-c", WRAP, "--vault", str(vault), *args]


def read_rss(path: Path) -> tuple[int | None, int | None]:
    """The (main, largest child) figures WRAP wrote, in bytes; Nones when it wrote none."""
    with contextlib.suppress(OSError, ValueError, TypeError):
        main, worker = json.loads(path.read_text())
        return int(main) * RSS_UNIT, int(worker) * RSS_UNIT
    return None, None


def run(argv: list[str], tree: Tree, timeout: float) -> Run:
    """Run argv to completion (killed after `timeout` s) in the tree's environment."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory(prefix="vkbench-") as scratch:
        rss_file = Path(scratch) / "rss.json"
        env = {**tree.env(), "VKBENCH_RSS": str(rss_file)}
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=tree.path)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        main, worker = read_rss(rss_file)
        return Run(seconds, proc.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                   usage.ru_maxrss * RSS_UNIT, main, worker)


def reset(vault: Path, tree: Tree, cache_folder: Path | None = None) -> None:
    """Remove the generated notes and the tree's cache: the freshly generated vault again.

    With the tree's own XDG folder all of it goes (it holds only this benchmark's caches);
    otherwise `cache_folder`, the vault's cache where the caller's vaultkit keeps it.
    """
    shutil.rmtree(vault / OUTPUT_DIR, ignore_errors=True)
    folder = tree.xdg if tree.xdg is not None else cache_folder
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
