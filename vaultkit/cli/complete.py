"""Shell completion of the names commands take: people, events, any note, review periods.

Completion runs on every Tab, so it reads the vault cheaply: `vaultkit.toml` and one walk of the
folders (names and sizes, no note opened). A note is a person or an event by the folder rules
of its kind (`People/`, `[folders]`, `match = { folder = … }`), which is where nearly all of them
live; one recognised only by its `type:`, a tag or a property elsewhere is not offered (the
command still accepts it). Periods are this year's and the last two years' (`2026`, `2026-H1`,
`2026-Q3`, `2026-07`) and those of the review notes already written.

Enable it once per shell (README "Shell completion"), e.g. for bash:
`eval "$(_VAULTKIT_COMPLETE=bash_source vaultkit)"`.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from vaultkit.disk import fs
from vaultkit.disk.record import resolve_today
from vaultkit.reader.links import name_key

YEARS_BACK = 2


def vault_root(ctx: click.Context) -> Path | None:
    """The vault a command being completed would use: --vault, $VAULTKIT_VAULT, else the
    nearest folder upwards with vaultkit.toml or .obsidian/ (as `vaultkit` finds it)."""
    from vaultkit.cli.main import find_vault  # main imports this module's users, not this module

    given = ctx.find_root().params.get("vault") or os.environ.get("VAULTKIT_VAULT")
    root = Path(given) if given else find_vault(Path.cwd())
    return root if root is not None and root.is_dir() else None


def note_names(root: Path, kind: str | None) -> list[str]:
    """The names (file stems) of the vault's notes in `kind`'s folders (every note: None),
    each once, sorted as names sort."""
    config, _ = fs.read_config(str(root))
    found, _, _ = fs.scan(str(root), config)
    names: dict[str, str] = {}
    for note in found:
        if kind is None or config.rules.detect(note.path, {}, (), False).kind == kind:
            stem = note.path.rsplit("/", 1)[-1][:-3]
            names.setdefault(name_key(stem), stem)
    return sorted(names.values(), key=lambda n: (name_key(n), n))


def _matching(names: list[str], incomplete: str, what: str) -> list[CompletionItem]:
    start = name_key(incomplete)
    return [CompletionItem(name, help=what) for name in names if name_key(name).startswith(start)]


def _names(ctx: click.Context, incomplete: str, kind: str | None, what: str) -> list[CompletionItem]:
    try:
        root = vault_root(ctx)
        return _matching(note_names(root, kind), incomplete, what) if root is not None else []
    except (OSError, ValueError):  # an unreadable vault completes nothing; the command will say why
        return []


def complete_person(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of a PERSON argument: the names of the vault's people."""
    return _names(ctx, incomplete, "person", "person")


def complete_event(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of an EVENT argument: the names of the vault's events."""
    return _names(ctx, incomplete, "event", "event")


def complete_note(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of a NOTE argument: the name of any note of the vault."""
    return _names(ctx, incomplete, None, "note")


def period_names(root: Path) -> list[str]:
    """Review periods to offer: this year's and the last two years' (year, halves, quarters,
    months, latest year first) after the review notes already written (`Reviews/`)."""
    config, _ = fs.read_config(str(root))
    year = resolve_today(config).year
    offered: list[str] = []
    reviews = root / config.output_dir.strip("/") / "Reviews"
    if reviews.is_dir():
        offered += sorted((p.name[:-3] for p in reviews.iterdir() if p.name.endswith(".md")), reverse=True)
    for y in range(year, year - YEARS_BACK - 1, -1):
        offered += [str(y), f"{y}-H1", f"{y}-H2", *(f"{y}-Q{q}" for q in range(1, 5)),
                    *(f"{y}-{m:02d}" for m in range(1, 13))]
    return list(dict.fromkeys(offered))


def complete_period(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of a review PERIOD."""
    try:
        root = vault_root(ctx)
        names = period_names(root) if root is not None else []
    except (OSError, ValueError):  # a broken vaultkit.toml or $VAULTKIT_TODAY: nothing to offer
        return []
    return [CompletionItem(name, help="review period") for name in names if name.startswith(incomplete.upper())]
