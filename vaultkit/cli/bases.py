"""`vaultkit bases`: write the Obsidian Bases (`.base` files) that are missing, or one anew."""

from __future__ import annotations

import click

from vaultkit.cli.main import Ctx, cli, friendly_errors
from vaultkit.disk import fs, obsidian
from vaultkit.reader.config import invalid, refusal


@cli.command()
@click.option("--refresh", "refresh", metavar="NAME",
              help="Write this base anew, replacing yours (people, events, brag, interviews, sharing, or its file "
                   "name such as People.base).")
@click.pass_obj
@friendly_errors
def bases(obj: Ctx, refresh: str | None) -> None:
    """Write the missing Obsidian Bases (live tables) beside the generated notes.

    One `.base` file each for People, Events, Brag, Interviews and Sharing, in the output
    folder and named like the generated note (`[outputs]` renames both). A base that exists
    is yours and is left as it is (Obsidian saves your view changes in it); --refresh NAME
    writes that one anew from vaultkit's schema. `build` writes missing bases by itself in a
    vault Obsidian opens (one with `.obsidian/`).

    \b
    Example:
      vaultkit bases
      vaultkit bases --refresh people
    """
    from vaultkit.views.bases import base_paths, find

    root = str(obj.vault_path)
    config, diags, _ = fs.read_config_text(root)
    if invalid(diags):
        raise click.ClickException(refusal(diags, "so nothing was written"))
    paths = base_paths(config)
    report = obsidian.ObsidianReport()
    if refresh is None:
        chosen = [p for p in paths.values() if not obsidian.exists(root, p)]
        obsidian.write_bases(root, config, chosen, report)
        kept = [p for p in paths.values() if p not in chosen]
        said = f"{len(kept)} already there, left as they are (yours): {', '.join(kept)}" if kept else ""
    else:
        key = find(config, refresh)
        if key is None:
            names = ", ".join(f"{k} ({p.rsplit('/', 1)[-1]})" for k, p in paths.items())
            raise click.BadParameter(f"{refresh!r} names no base; the bases are: {names}", param_hint="--refresh")
        obsidian.write_bases(root, config, [paths[key]], report, replace=True)
        said = f"{paths[key]} is already as vaultkit writes it" if not report.written else ""
    for d in report.diagnostics:
        click.echo(d.describe(), err=True)
    for path in report.written:
        click.echo(f"wrote {path}")
    if said and not report.diagnostics:
        click.echo(said)
    if report.diagnostics:
        raise SystemExit(1)
