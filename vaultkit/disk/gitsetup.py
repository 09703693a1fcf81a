"""Git set-up for a vault: `.gitattributes`, the `post-merge` hook, and `git merge-file`.

Git's configuration (`git config merge.vaultkit.driver …`) is the user's to run: vaultkit
prints the line. Everything here writes only inside the vault or its repository's hooks
folder, atomically, and never replaces what is there: a line is added when missing, a hook
is created or appended to, and one vaultkit cannot safely add to is left alone with the
lines to add shown.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vaultkit.disk import writer

GITATTRIBUTES = ".gitattributes"
DRIVER = "vaultkit"
CONFIG_LINE = f'git config merge.{DRIVER}.driver "vaultkit merge-driver %O %A %B %P"'
HOOK_BEGIN = "# >>> vaultkit post-merge: rebuild the generated notes from the merged vault"
HOOK_END = "# <<< vaultkit post-merge"
_SHELLS = re.compile(r"#![ \t]*(?:/usr)?/bin/(?:env[ \t]+)?(?:sh|bash|dash|zsh|ksh)\b")
_LEAVES = re.compile(r"^[ \t]*(?:exit|exec)\b", re.M)  # a hook that may end before a block added at its end


def _escape(output_dir: str) -> str:
    """A folder name as a gitattributes pattern matches it literally."""
    return "".join(f"\\{c}" if c in "*?[]\\!#" else ("[[:space:]]" if c.isspace() else c)
                   for c in output_dir.strip("/"))


def gitattributes_line(output_dir: str) -> str:
    """The `.gitattributes` line for the generated notes: `text eol=lf`.

    Why `eol=lf` rather than `-text`: vaultkit writes generated notes in LF, the same bytes
    on every machine. `eol=lf` makes git store and check them out in LF whatever a clone's
    `core.autocrlf` says, so a Windows clone holds the bytes a Linux one does and a build
    there leaves them alone (no rewrite, no sync or git noise). `-text` would only stop the
    conversion: a Windows editor's CRLF would then be committed and show as a whole-note
    diff. (vaultkit copes with a CRLF note either way: this keeps the noise out of git.)
    """
    return f"/{_escape(output_dir)}/** text eol=lf"


def merge_line(output_dir: str) -> str:
    """The `.gitattributes` line that has git merge generated notes with `vaultkit merge-driver`."""
    return f"/{_escape(output_dir)}/** merge={DRIVER}"


def attribute_lines(output_dir: str) -> list[str]:
    """Both `.gitattributes` lines for the output folder, in the order they are written."""
    return [gitattributes_line(output_dir), merge_line(output_dir)]


def has_line(path: Path, line: str) -> bool:
    """Does the file hold `line` (surrounding blanks aside)?"""
    try:
        return line.encode("utf-8") in (row.strip() for row in path.read_bytes().splitlines())
    except OSError:
        return False


def add_lines(root: Path, rel: str, lines: list[str]) -> list[str]:
    """Append each of `lines` the file `rel` (created if absent) lacks; the lines added.

    Every byte already there is kept; nothing is written when all are there, or when the
    path is a symlink or not a regular file (never followed, never replaced).
    """
    target = root / rel
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return []
    missing = [line for line in lines if not has_line(target, line)]
    if not missing:
        return []
    old = target.read_bytes() if target.exists() else b""
    sep = b"" if not old or old.endswith(b"\n") else b"\n"
    writer.atomic_write(str(root), rel, old + sep + "".join(f"{line}\n" for line in missing).encode("utf-8"))
    return missing


def repository_top(root: Path) -> Path | None:
    """The top of the git working tree holding `root`, or None (no git, or not in a repository)."""
    out = _git(root, "rev-parse", "--show-toplevel")
    return Path(out) if out else None


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run([git, *args], cwd=root, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def hook_block(root: Path, top: Path) -> str:
    """The lines the `post-merge` hook runs: a build of the vault, from the repository's top
    (where git runs hooks). `vaultkit` on PATH first; else the Python that ran git-setup."""
    vault = shlex.quote(os.path.relpath(root.resolve(), top.resolve()).replace(os.sep, "/"))
    python = shlex.quote(sys.executable)
    return (f"{HOOK_BEGIN}\n"
            "if command -v vaultkit >/dev/null 2>&1; then\n"
            f"  vaultkit --vault {vault} build\n"
            "else\n"
            f"  {python} -m vaultkit --vault {vault} build\n"
            "fi || echo 'vaultkit: the build after the merge reported problems (above); "
            "run `vaultkit check`' >&2\n"
            f"{HOOK_END}\n")


@dataclass(frozen=True, slots=True)
class HookResult:
    """What `install_hook` did: `written`, `appended`, `present`, `refused` or `no-repository`."""

    status: str
    path: Path | None
    block: str = ""


def install_hook(root: Path) -> HookResult:
    """Install the `post-merge` hook of the repository holding the vault `root`.

    A hook that is already there is appended to when it is a shell script that cannot
    leave before its end (no `exit` or `exec` line); any other is refused: the result
    carries the lines for the user to add.
    """
    top = repository_top(root)
    found = _git(root, "rev-parse", "--git-path", "hooks/post-merge") if top else None
    if top is None or found is None:
        return HookResult("no-repository", None)
    path = Path(found) if os.path.isabs(found) else root / found
    block = hook_block(root, top)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return HookResult("refused", path, block)
    if not path.exists():
        _write(path, "#!/bin/sh\n" + block, 0o755)
        return HookResult("written", path, block)
    text = path.read_text(encoding="utf-8", errors="replace")
    if HOOK_BEGIN in text:
        return HookResult("present", path, block)
    if not _SHELLS.match(text) or _LEAVES.search(text):
        return HookResult("refused", path, block)
    _write(path, text + ("" if text.endswith("\n") else "\n") + "\n" + block, path.stat().st_mode & 0o7777)
    return HookResult("appended", path, block)


def _write(path: Path, text: str, mode: int) -> None:
    """Write a hook atomically, with `mode`, making its folder if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, text.encode("utf-8"), mode, ".vaultkit-hook-")


def replace_file(path: Path, data: bytes, mode: int, prefix: str) -> None:
    """Write `data` to `path` atomically (a temporary file beside it, fsync, then a rename) with
    `mode`: for the files git owns (hooks, the merge driver's %A), which lie outside the vault's
    notes, so not through `writer.atomic_write` and its vault-relative rules."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def git_merge_file(base: str, ours: str, theirs: str) -> tuple[str, int] | None:
    """`git merge-file` of three texts: (merged, conflicts), or None when git cannot do it.

    Texts travel as UTF-8 with undecodable bytes kept (surrogateescape both ways).
    """
    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory(prefix="vaultkit-merge-") as tmp:
        names = []
        for label, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            name = os.path.join(tmp, label)
            with open(name, "wb") as out:
                out.write(text.encode("utf-8", "surrogateescape"))
            names.append(name)
        try:
            done = subprocess.run([git, "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", *names],
                                  capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
    if not 0 <= done.returncode < 128:
        return None  # an error (a binary file, say), not a count of conflicts
    return done.stdout.decode("utf-8", "surrogateescape"), done.returncode
