"""The command line: a thin layer over the library. Each command's docstring is its --help."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from vaultkit import __version__
from vaultkit.cli.output import build_document, counts, diagnostic, emit, format_option
from vaultkit.disk import build as build_mod
from vaultkit.disk import fs, lifetime
from vaultkit.disk.load import load_vault
from vaultkit.disk.record import resolve_today
from vaultkit.reader.config import invalid, refusal
from vaultkit.reader.dates import day_problem
from vaultkit.reader.model import Severity
from vaultkit.reader.vault import Vault
from vaultkit.views.render import TemplateProblem

F = TypeVar("F", bound=Callable[..., Any])


def find_vault(start: Path) -> Path | None:
    """The nearest folder upwards holding `vaultkit.toml` or `.obsidian/`, else None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if fs.has_marker(str(folder)):
            return folder
    return None


def friendly_errors(func: F) -> F:
    """Turn expected failures into `Error: …` (exit 1) instead of a traceback."""
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, BrokenPipeError):
            raise  # a reader that went away (`check | head`): click stops quietly on it, exit 1
        except (OSError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper  # type: ignore[return-value]


class Ctx:
    """What every command gets: the vault folder, checked when a command first asks for it
    (so `--help` works anywhere) and before anything reads it."""

    def __init__(self, vault: Path, found: bool, problem: str = "") -> None:
        self._vault = vault
        self._found = found  # found by searching upwards (else named by --vault or $VAULTKIT_VAULT)
        self._problem = problem
        self._checked = False

    @property
    def vault_path(self) -> Path:
        """The vault folder; fails (exit 1) when it is not a vault."""
        if not self._checked:
            if self._problem:
                raise click.ClickException(self._problem)
            if not self._found and not (fs.has_marker(str(self._vault)) or fs.holds_note(str(self._vault))):
                raise click.ClickException(
                    f"not a vault: {self._vault} holds no note (.md), vaultkit.toml or .obsidian/; "
                    "give the vault's folder, or run `vaultkit init` there")
            self._checked = True
        return self._vault

    def load(self, to_write: bool = False, strict: bool = False) -> Vault:
        """Load the vault, or fail with a clear message; for a command that writes (or, with
        `strict`, reports from the config), also when vaultkit.toml is invalid: a config half
        understood must not write anything, nor answer as if it said nothing."""
        if to_write or strict:
            _, diags = fs.read_config(str(self.vault_path))
            if invalid(diags):
                raise click.ClickException(refusal(diags, "so nothing was written" if to_write else "fix it first"))
        try:
            return load_vault(self.vault_path)
        except OSError as exc:
            raise click.ClickException(f"cannot read vault {self.vault_path}: {exc.strerror or exc}") from exc


_LAZY = {"init": "cli.init", "new": "cli.capture", "log": "cli.capture", "brag": "cli.capture",
         "review": "cli.review", "followups": "cli.review", "prep": "cli.review", "bases": "cli.bases",
         "merge-driver": "cli.git", "git-setup": "cli.git", "open": "cli.opennote",
         "import": "cli.imports", "calendar": "cli.calendar", "one-on-one": "cli.oneonone"}


class Interrupted(Exception):
    """A command stopped by Ctrl-C (`main`: "Interrupted.", exit 130). click would say "Aborted!"
    and exit 1, the status of a vault with errors (`build`, `check`): a script must tell them apart."""


class _Commands(click.Group):
    """The commands; those of `cli_capture`, `cli_review` and `cli_bases` are loaded when one of them is used.

    They bring in the parser and the views, which `build` on an unchanged vault and `watch`
    before its "watching" line never need: loading them for every command costs a third of a
    second at start-up.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *_LAZY})

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # (`watch` stops on it itself: "Stopped.")
            raise Interrupted from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _LAZY:
            importlib.import_module(f"vaultkit.{_LAZY[cmd_name]}")  # it registers its commands on `cli`
        return self.commands.get(cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--vault", "vault", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Vault folder, holding at least one note (default: $VAULTKIT_VAULT, else the nearest "
                   "folder upwards with vaultkit.toml or .obsidian/).")
# The version from the package, not from its distribution's metadata: that is named `vaultkit-career`.
@click.version_option(version=__version__, prog_name="vaultkit")
@click.pass_context
def cli(ctx: click.Context, vault: Path | None) -> None:
    """vaultkit: a career system on a plain-text Markdown vault.

    \b
    Example:
      vaultkit --vault examples/career-vault check
    """
    found, problem = False, ""
    if vault is None and os.environ.get("VAULTKIT_VAULT"):
        vault = Path(os.environ["VAULTKIT_VAULT"])
    elif vault is None:
        # Never a folder that merely is the current one: `vaultkit build` in a home folder would
        # scan it for minutes. Said when a command asks for the vault (`init` never does).
        vault, found = find_vault(Path.cwd()), True
        if vault is None:
            vault, problem = Path.cwd(), (f"not a vault: {Path.cwd()} (no vaultkit.toml or .obsidian/ here "
                                          "or in a folder above): run `vaultkit init` there")
    if not vault.is_dir() and ctx.invoked_subcommand != "init":  # init may create it
        raise click.UsageError(f"vault folder not found: {vault}")
    ctx.obj = Ctx(vault, found, problem)


@cli.command()
@format_option()
@click.option("--stats", is_flag=True,
              help="Also print how many notes needed the slow Markdown reader, how many came from the cache, "
                   "and the seconds each stage took (to stderr; in JSON under \"stats\").")
@click.pass_obj
@friendly_errors
def check(obj: Ctx, fmt: str, stats: bool) -> None:
    """Check the whole vault and print diagnostics sorted by path and line.

    Exits 1 when any diagnostic is an error, 0 otherwise. Notes unchanged since the last
    build or check are read from vaultkit's cache (outside the vault); check never writes
    inside the vault.

    \b
    Example:
      vaultkit check --format json
      vaultkit check --stats
    """
    from vaultkit.disk.checkrun import run_check

    try:
        result = run_check(obj.vault_path)
    except OSError as exc:
        raise click.ClickException(f"cannot read vault {obj.vault_path}: {exc.strerror or exc}") from exc
    diags, notes = result.diagnostics, result.notes
    errors = sum(d.severity is Severity.ERROR for d in diags)
    if fmt != "text":
        out: dict[str, Any] = {"notes": notes, **counts(diags), "diagnostics": [diagnostic(d) for d in diags]}
        if stats:
            out["stats"] = result.stats.as_dict()
        emit(fmt, out, {"diagnostics": "diagnostic"})
    else:
        for d in diags:
            click.echo(d.describe())
        warnings = sum(d.severity is Severity.WARNING for d in diags)
        click.echo(f"{_count(notes, 'note')} checked: {_count(errors, 'error')}, "
                   f"{_count(warnings, 'warning')}", err=True)
        if stats:
            for line in result.stats.describe():
                click.echo(line, err=True)
    if errors:
        sys.exit(1)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback: a YYYY-MM-DD option value as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(day_problem(value)) from None


@cli.command()
@click.option("--dry-run", is_flag=True, help="Print a diff of what would change; write nothing.")
@format_option()
@click.option("--today", callback=parse_day, metavar="YYYY-MM-DD",
              help="Date to build for (default: $VAULTKIT_TODAY, `today` in vaultkit.toml, or the date).")
@click.option("--force", "force", multiple=True, metavar="NOTE",
              help="Overwrite text typed inside the markers of this generated note (its path, e.g. "
                   "Vaultkit/People.md); repeat for several.")
@click.pass_obj
@friendly_errors
def build(obj: Ctx, dry_run: bool, fmt: str, today: dt.date | None, force: tuple[str, ...]) -> None:
    """Regenerate every generated note once and print what changed.

    Text outside the vaultkit markers in a generated note is kept byte for byte;
    a note whose bytes would not change is not written. A note with text typed inside
    its markers is left alone, with the lines shown, unless named by --force.

    \b
    Example:
      vaultkit build --dry-run
      vaultkit build --force Vaultkit/People.md
      vaultkit build --format json
    """
    progress = None
    # On a terminal, say how far a long read is; in a pipe, say nothing extra, nor with no stderr
    # at all (`vaultkit build 2>&-`, as a job runner may start it: Python then has no sys.stderr).
    if sys.stderr is not None and sys.stderr.isatty():
        def progress(done: int, total: int) -> None:
            if total >= 500:
                click.echo(f"\rreading notes: {done}/{total}", nl=done >= total, err=True)
    try:
        report = build_mod.build(obj.vault_path, today, dry_run, progress=progress,
                                 force={_in_vault(obj.vault_path, note) for note in force})
    except TemplateProblem as exc:
        raise click.ClickException(str(exc)) from exc
    if report.config_refused:
        raise click.ClickException(refusal(report.diagnostics, "so nothing was written"))
    if fmt != "text":
        day = resolve_today(fs.read_config(str(obj.vault_path))[0], today)
        document = build_document(report, day.isoformat(), dry_run)
        emit(fmt, document, {"notes": "note", "obsidian": "obsidian", "diagnostics": "diagnostic"})
        if document["errors"]:
            sys.exit(1)
        return
    for diff in report.diffs:
        click.echo(diff, nl=False)
    # Every error, always (a note that no longer parses must not go unnoticed); warnings are
    # only counted, `check` lists them.
    for d in sorted((*report.vault_errors, *report.diagnostics, *report.notices), key=lambda d: d.sort_key()):
        click.echo(d.describe(), err=True)
    prefix = "would be: " if dry_run else ""
    click.echo(prefix + report.summary())
    # Counted as `check` counts: the vault's own and those about generated notes (shown above).
    warnings = report.vault_warnings + sum(d.severity is Severity.WARNING for d in report.diagnostics)
    counts = [_count(n, what) for n, what in ((len(report.vault_errors), "error"), (warnings, "warning")) if n]
    if counts:
        click.echo(f"the vault has {' and '.join(counts)}: see `vaultkit check`", err=True)
    if report.vault_errors or any(d.severity is Severity.ERROR for d in report.diagnostics):
        sys.exit(1)  # a generated note held back for its name is a warning: the rest was written


def _in_vault(vault: Path, note: str) -> str:
    """A note named on the command line as a vault-relative path: one that exists from the
    current folder (as the shell completes it) is taken from there, anything else from the vault."""
    given = Path(note)
    if given.is_absolute() or given.is_file():
        rel = os.path.relpath(given.resolve(), vault.resolve())
        if rel.split(os.sep, 1)[0] == "..":
            raise click.BadParameter(f"{note} is outside the vault {vault}", param_hint="--force")
        return rel.replace(os.sep, "/")
    return note.replace("\\", "/").removeprefix("./")


@cli.command()
@click.option("--today", callback=parse_day, metavar="YYYY-MM-DD", help="Override today's date.")
@click.option("--debounce", type=click.FloatRange(0.01, 10), default=0.15, show_default=True,
              help="Seconds of quiet to wait for before rebuilding.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print only problems: errors, notes held back, conflict markers (no progress lines).")
@click.option("-v", "--verbose", is_flag=True, help="Also print every batch of changed paths.")
@click.pass_obj
@friendly_errors
def watch(obj: Ctx, today: dt.date | None, debounce: float, quiet: bool, verbose: bool) -> None:
    """Keep generated notes current as files change, until Ctrl-C.

    Saves from any editor, git pulls and sync tools are batched into one rebuild; only
    generated notes whose bytes change are rewritten. Log lines say what was rebuilt
    and why: `People.md, Follow-ups.md ← People/Ada Lovelace.md`.

    \b
    Example:
      vaultkit watch --verbose
    """
    lifetime.long_running()  # hours of saves: what each drops must be freed
    from vaultkit.live import watch as watch_mod  # watchdog is only needed here

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose contradict each other: give one")
    options = watch_mod.WatchOptions(debounce=debounce, today=today, quiet=quiet, verbose=verbose)

    def log(line: str) -> None:
        first = line.partition("\n")[0]
        problem = line.startswith("error") or ": error: " in first
        if quiet and not (problem or _PROBLEM.search(first)):
            return  # --quiet: problems only (no "watching", "ready" or rebuild lines)
        click.echo(f"{time.strftime('%H:%M:%S')} {line}", err=problem)

    previous = _stop_on_signals()
    try:
        watch_mod.watch(str(obj.vault_path), options, log)
    except watch_mod.WatchError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        if not quiet:
            with contextlib.suppress(OSError):  # a terminal closed (SIGHUP) takes no more lines
                click.echo("Stopped.")
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# What watch logs that is a problem besides an error: a diagnostic it shows (a note held back
# for its name, a query region left unfilled) and a note with git conflict markers.
_PROBLEM = re.compile(r": (?:error|warning|info): |has git conflict markers")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> dict[int, Any]:
    """Make SIGINT and SIGTERM stop the watcher as Ctrl-C does (cache and build record saved),
    and SIGHUP unless ignored.

    A watcher started in the background from a script (`vaultkit watch &`) inherits SIGINT
    as ignored, and SIGTERM (what service managers send) would kill it without a word. SIGHUP
    (its terminal closed) killed it with nothing saved: the next start read every note again;
    under `nohup` it is ignored, and stays so. Returns the handlers to put back.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}  # signal handlers can only be set from the main thread
    stops = [signal.SIGINT, signal.SIGTERM]
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None and signal.getsignal(hangup) is not signal.SIG_IGN:
        stops.append(hangup)
    return {signum: signal.signal(signum, _interrupt) for signum in stops}


def main() -> None:
    """Console entry point: never lets a traceback reach the user. The process runs one command
    and ends (`vaultkit.disk.lifetime`; `watch` says it runs for long)."""
    lifetime.one_shot()
    code: int
    try:
        cli(prog_name="vaultkit")
        code = 0
    except SystemExit as exc:  # how click ends, with the command's status
        code = _status(exc.code)
    except (KeyboardInterrupt, Interrupted):
        click.echo("Interrupted.", err=True)
        code = 130
    except Exception as exc:  # a bug in vaultkit: say so plainly, never a traceback
        click.echo(f"Error: internal error: {type(exc).__name__}: {exc}. Please report this.", err=True)
        code = 1
    lifetime.end(code)


def _status(code: object) -> int:
    """The exit status `sys.exit(code)` gives: None is 0, a number itself, anything else is
    printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    click.echo(str(code), err=True)
    return 1
