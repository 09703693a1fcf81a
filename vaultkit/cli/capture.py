"""Commands that create or edit notes: `new`, `log`, `brag` (`init` is in `vaultkit.cli.init`)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path, PurePosixPath

import click

from vaultkit.cli.complete import complete_person
from vaultkit.cli.main import Ctx, cli, find_vault, friendly_errors, parse_day
from vaultkit.disk import fs, writer
from vaultkit.disk.record import resolve_today
from vaultkit.edits import capture
from vaultkit.edits.linking import linked_value, wikilink
from vaultkit.kinds.schema import COMMON, Schema
from vaultkit.reader import conflicts, network
from vaultkit.reader.config import CONFIG_NAME, KINDS, Config
from vaultkit.reader.dates import day_problem
from vaultkit.reader.links import name_key
from vaultkit.reader.model import Interaction, Note, Severity
from vaultkit.reader.parse import parse_note
from vaultkit.reader.vault import Vault
from vaultkit.views.regions import to_lf
from vaultkit.views.render import packaged_templates


def _note_template(vault_root: Path, kind: str, config: Config) -> str:
    """The kind's `template` in the schema if it names one, else the vault's `Templates/<kind>.md`
    if it has one, else the shipped template of a built-in kind, else a bare title."""
    declared = config.schema.kinds[kind].template
    rel = declared or f"Templates/{kind}.md"
    own = vault_root.joinpath(*rel.split("/"))
    if own.is_file() and not own.is_symlink():  # a template saved with a BOM or CRLF still works
        text = own.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        refuse_conflicted(rel, text)
        return text
    if declared:
        raise click.ClickException(f"the template of kind {kind}, {declared}, is not a note in the vault; "
                                   f"create it, or fix `template` under [kinds.{kind}] in {CONFIG_NAME}")
    shipped = packaged_templates() / "notes" / f"{kind}.md"
    if kind in KINDS and shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    return "# {{title}}\n"  # `new` adds the frontmatter: --set values, the date, `type:` where needed


def resolve_note(vault: Vault, name: str, what: str) -> Note | None:
    """The note `name` (a name, alias, path or `[[link]]`) stands for; None when there is none.

    Fails when it names several notes (unless it is the exact path of one, or only one of them
    is a note of yours rather than an attachment with the same name).
    """
    target = name.strip()
    if target.startswith("[[") and target.endswith("]]"):
        target = target[2:-2].split("|", 1)[0].split("#", 1)[0]
    res = vault.index.resolve(target)
    if len(res.candidates) > 1 and res.how != "exact":
        # A name typed on the command line sits in no folder: ask rather than pick.
        own = [path for path in res.candidates if path in vault.notes]
        if len(own) != 1:
            raise click.ClickException(f"{name!r} matches several notes: {', '.join(res.candidates)}; "
                                       f"give the {what}'s path, e.g. {res.candidates[0][:-3]}")
        return vault.notes[own[0]]
    return vault.notes.get(res.path or "")


def suggest(vault: Vault, name: str, kind: str) -> list[str]:
    """Names close to `name`, those of notes of `kind` first."""
    close = vault.index.suggest(name.strip().removeprefix("[[").removesuffix("]]"), limit=10)

    def of_kind(name: str) -> bool:
        res = vault.index.resolve(name)
        return any(vault.notes[p].kind == kind for p in (res.path, *res.candidates) if p in vault.notes)

    return sorted(close, key=lambda n: not of_kind(n))[:3]


def resolve_kind(vault: Vault, name: str, kind: str) -> Note:
    """The note of `kind` that `name` stands for, or a ClickException with suggestions."""
    note = resolve_note(vault, name, kind)
    if note is None:
        close = suggest(vault, name, kind)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; create it with `vaultkit new {kind}`"
        raise click.ClickException(f"no {kind} called {name!r}{hint}")
    if note.kind != kind:
        raise click.ClickException(f"{note.path} is not {'an' if kind[0] in 'aeiou' else 'a'} {kind} note "
                                   f"(kind: {note.kind or 'none'})")
    return note


def refuse_conflicted(rel: str, text: str) -> None:
    """Refuse to write into (or from) a note holding git conflict markers: the edit would
    land in the middle of a merge, and the conflict text would be copied on."""
    found = conflicts.blocks(to_lf(text))
    if found:
        raise click.ClickException(f"{rel}:{found[0].first} holds git conflict markers (<<<<<<< … >>>>>>>); "
                                   "resolve the conflict and remove the markers, then run this again")


def read_note(root: Path, rel: str) -> str | None:
    """A user's note as text before a capture command writes into it (None when absent); one
    that is not UTF-8 is refused, naming the file and the byte: vaultkit writes only UTF-8."""
    try:
        return writer.read_text(str(root), rel)
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{rel} is not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}), so vaultkit "
            "wrote nothing into it; save it as UTF-8 in your editor and run this again") from None


def _check_writable(root: Path, rel: str) -> None:
    """Refuse early when the note's folder may not be written (the writer refuses read-only notes)."""
    path = root.joinpath(*rel.split("/"))
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise click.ClickException(f"cannot save {rel}: its folder is not writable")


def _complete_kind(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of KIND: the built-in kinds and the vault's own (its vaultkit.toml, found
    as the command would find it); the built-in ones alone where that cannot be read."""
    names: tuple[str, ...] = KINDS
    try:
        given = ctx.find_root().params.get("vault") or os.environ.get("VAULTKIT_VAULT")
        root = Path(given) if given else find_vault(Path.cwd())
        if root is not None:
            names = fs.read_config_text(str(root))[0].schema.names
    except (OSError, ValueError):
        pass
    return [name for name in names if name.startswith(incomplete.lower())]


@cli.command()
@click.argument("kind", shell_complete=_complete_kind)
@click.argument("title")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
              help="Set a frontmatter field (repeatable); lists are comma-separated.")
@click.pass_obj
@friendly_errors
def new(obj: Ctx, kind: str, title: str, sets: tuple[str, ...]) -> None:
    """Create a note of KIND from its template, in that kind's folder, and print its path.

    KIND is a built-in kind (person, event, brag, challenge, interview, share, community, goal) or
    one declared in vaultkit.toml (`[kinds.talk]`). Each --set value is written as its field's
    type reads it and checked like the rest of the note. An existing note is never overwritten.

    \b
    Example:
      vaultkit new person "Ada Lovelace" --set company=Analytical --set topics=math,engines
    """
    problem = capture.check_title(title)
    if problem:
        raise click.ClickException(f"cannot use {title!r} as a title: {problem}")
    values = []
    for item in sets:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not key.strip().replace("_", "").isalnum():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--set")
        values.append((key.strip(), value))
    vault = obj.load(to_write=True)
    schema = vault.config.schema
    kind = kind.strip().lower()
    if kind not in schema.kinds:
        raise click.BadParameter(f"{kind!r} is not one of {', '.join(schema.names)} (a kind of your own is "
                                 f"declared in {CONFIG_NAME}: [kinds.{kind}])", param_hint="KIND")
    for key, value in values:  # a day the month lacks is said as `--date` says it, not as a frontmatter fix
        spec = schema.field(kind, key)
        if spec is not None and spec.type == "date" and value.strip():
            try:
                dt.date.fromisoformat(value.strip())
            except ValueError:
                raise click.ClickException(f"--set {key}: {day_problem(value.strip())}") from None
    values = [(key, linked_value(vault, kind, key, value, schema)) for key, value in values]
    rel, text, check = compose_note(obj.vault_path, vault, kind, title, values)
    _warn_sets(check, kind, [key for key, _ in values], schema)
    created = writer.create_new(str(obj.vault_path), rel, text.encode("utf-8"))
    _warn_same_name(vault, title)
    click.echo(created)


def _warn_same_name(vault: Vault, title: str) -> None:
    """Say what a new note's name shares: another note's name (a bare link then picks by folder),
    or another note's alias (a bare link then takes the new note: a name wins over an alias)."""
    found = vault.index.resolve(title)
    if found.status == "missing":
        return
    paths = [p for p in (found.candidates or (found.path,)) if p]
    if any(name_key(PurePosixPath(p).stem) == name_key(title) for p in paths):
        click.echo(f"warning: another note is already called {title!r}; a bare [[{title}]] takes the one "
                   "in the linking note's folder, else the shortest path, as in Obsidian",
                   err=True)
    else:
        click.echo(f"warning: {title!r} is an alias of {', '.join(sorted(paths))}; a bare [[{title}]] now "
                   f"takes the new note (a name wins over an alias): link the other as "
                   f"[[{PurePosixPath(paths[0]).stem}|{title}]], or drop the alias", err=True)


def compose_note(root: Path, vault: Vault, kind: str, title: str,
                 values: list[tuple[str, str]]) -> tuple[str, str, Note]:
    """What `new KIND TITLE --set …` writes: the note's vault path, its text (the kind's template,
    the values set as their fields read them, `type:` where the folder does not say the kind)
    and the note as read back. `values` gains the date `new` fills in. ClickException when the
    note would not read (an error diagnostic). `vaultkit import` makes its notes here too."""
    schema = vault.config.schema
    today = resolve_today(vault)
    text = capture.fill_template(_note_template(root, kind, vault.config), title, today)
    for field in capture.today_fields(kind):  # as a built-in template's `date: {{date}}` does
        if not any(key == field for key, _ in values) and capture.lacks_date(text, kind, schema, field):
            values.append((field, today.isoformat()))
    if values:
        text = capture.set_fields(text, kind, values, schema)
    rel = f"{schema.kinds[kind].folder}/{title}.md"
    check = parse_note(rel, text.encode("utf-8"), vault.config)
    if check.kind != kind:  # neither the template nor the folder says the kind: `type:` does
        text = capture.set_fields(text, kind, [("type", kind)], schema)
        check = parse_note(rel, text.encode("utf-8"), vault.config)
    errors = [d for d in check.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise click.ClickException("; ".join(f"{d.message} ({d.hint})" for d in errors))
    return rel, text, check


def _warn_sets(note: Note, kind: str, keys: list[str], schema: Schema) -> None:
    """Warn of what the note will be told about a --set value (a value outside an enum's list),
    and of a key that is no field of the kind (kept as a property of the user's own)."""
    for d in note.diagnostics:
        if d.severity is Severity.WARNING and any(f"`{key}`" in d.message for key in keys):
            click.echo(f"warning: {d.message} ({d.hint})", err=True)
    for key in keys:
        if schema.field(kind, key) is None and key not in COMMON:
            fields = ", ".join(schema.fields(kind)) or "none"
            click.echo(f"warning: {kind} has no field {key!r}: written as a property of your own "
                       f"({kind} fields: {fields})", err=True)


@cli.command()
@click.argument("person", shell_complete=complete_person)
@click.argument("text")
@click.option("--date", "date", callback=parse_day, metavar="YYYY-MM-DD", help="Date of the contact (default: today).")
@click.option("--told", is_flag=True, help="I told them what I am looking for: tags the interaction #told.")
@click.pass_obj
@friendly_errors
def log(obj: Ctx, person: str, text: str, date: dt.date | None, told: bool) -> None:
    """Append a dated interaction under the person's `## Interactions` heading.

    PERSON is a name or alias, resolved like a link. No other byte of the note changes.
    With --told the interaction carries `#told`: the person leaves the "not told what you are
    looking for" list of Follow-ups (`looking_for` in vaultkit.toml).

    \b
    Example:
      vaultkit log "Ada Lovelace" "coffee: talked about the engine" --date 2026-03-04
      vaultkit log "Jonas Weber" "call: told him I am looking for a staff role" --told
    """
    if not " ".join(text.split()):
        raise click.ClickException("the interaction text is empty")
    vault = obj.load(to_write=True)
    note = resolve_kind(vault, person, "person")
    day = date or resolve_today(vault)
    current = read_note(obj.vault_path, note.path)
    if current is None:
        raise click.ClickException(f"{note.path} disappeared")
    refuse_conflicted(note.path, current)
    said = " ".join(text.split())
    if told and not network.told(Interaction(day, note.path, 0, said, "item")):
        said += " #told"
    item = f"- {day.isoformat()} {said}"
    updated = capture.insert_interaction(current, item)
    _check_writable(obj.vault_path, note.path)
    writer.atomic_write(str(obj.vault_path), note.path, updated.encode("utf-8"))
    click.echo(f"{note.path}: {item}")


@cli.command()
@click.argument("text")
@click.option("--impact", help="What it changed (the 'so what').")
@click.option("--impacted", multiple=True, shell_complete=complete_person,
              help="Who it helped: a note name or plain text (repeatable).")
@click.option("--theme", help="delivery, visibility, leadership, mentoring, documentation, demo, …")
@click.option("--metric", "metrics", multiple=True, help='A number, e.g. "p95 latency -40%" (repeatable).')
@click.option("--date", "date", callback=parse_day, metavar="YYYY-MM-DD", help="Date of the win (default: today).")
@click.option("--daily", is_flag=True, help="Append an inline #brag item to the daily note instead.")
@click.pass_obj
@friendly_errors
def brag(obj: Ctx, text: str, impact: str | None, impacted: tuple[str, ...], theme: str | None,
         metrics: tuple[str, ...], date: dt.date | None, daily: bool) -> None:
    """Capture a win: a brag note in Brag/ (or an inline #brag item with --daily). Prints the path.

    \b
    Example:
      vaultkit brag "Cut CI time" --impact "every PR merges faster" --metric "CI -40%" --impacted "Platform team"
    """
    if not " ".join(text.split()):
        raise click.ClickException("the brag text is empty")
    vault = obj.load(to_write=True)
    day = date or resolve_today(vault)
    who = [wikilink(vault, name) or " ".join(name.split()) for name in impacted]
    root = str(obj.vault_path)
    if daily:
        # The day's daily note wherever it is (Obsidian finds one moved into a subfolder too),
        # else where the daily-notes setting puts it.
        rel = next((path for path, note in vault.notes.items() if vault.daily_date(note) == day.isoformat()),
                   vault.config.daily.path_for(day))
        item = capture.brag_item(text, impact, who, theme, list(metrics))
        current = read_note(obj.vault_path, rel)
        if current is None:
            writer.create_new(root, rel, f"# {day.isoformat()}\n\n{item}\n".encode())
        else:
            refuse_conflicted(rel, current)
            updated = capture.append_item(current, item)
            _check_writable(obj.vault_path, rel)
            writer.atomic_write(root, rel, updated.encode("utf-8"))
        click.echo(str(Path(root) / rel))
        return
    title = f"{day.isoformat()} {capture.safe_title(text)}"
    body = capture.brag_note(text, day, impact, who, theme, list(metrics))
    for attempt in range(1, 100):
        name = title if attempt == 1 else f"{title} ({attempt})"
        try:
            click.echo(writer.create_new(root, f"Brag/{name}.md", body.encode("utf-8")))
            return
        except FileExistsError:
            continue
    raise click.ClickException(f"too many brag notes called {title!r}")
