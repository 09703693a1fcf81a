"""Names typed on the command line written as the links they stand for: `brag --impacted Hannah`
where Hannah is an alias of Hannah Schulz writes `[[Hannah Schulz|Hannah]]`, and `new --set
met=Lukas Hoffmann` writes `[[Lukas Hoffmann]]` when a note of that name exists. Pure: the vault
as read, text out."""

from __future__ import annotations

from vaultkit.kinds.schema import Schema
from vaultkit.reader.vault import Vault


def wikilink(vault: Vault, name: str) -> str | None:
    """`[[Note]]` for a name or path of a note of the vault, `[[Note|name]]` for an alias (the
    name as typed shows, as Obsidian shows an alias link); None when no note answers to it.
    A name several notes share links by the picked note's path, so it cannot go elsewhere."""
    name = " ".join(name.split())
    if not name or "[[" in name or "]]" in name or "|" in name:
        return None
    res = vault.index.resolve(name)
    note = vault.notes.get(res.path or "") if res.status == "ok" else None
    if note is None:
        return None
    target = note.path.removesuffix(".md") if len(res.candidates) > 1 else note.stem
    shown = name.rsplit("/", 1)[-1]
    if shown.casefold() in (note.stem.casefold(), note.title.casefold()):
        return f"[[{target}]]"
    return f"[[{target}|{name}]]"


def linked_value(vault: Vault, kind: str, key: str, value: str, schema: Schema) -> str:
    """A `--set key=value` value with each name in a link or links field that names a note
    written as its wikilink (a links field takes names separated by commas); any other field's
    value, a name that is already a `[[link]]`, and one that names no note stay as typed."""
    spec = schema.field(kind, key)
    if spec is None or spec.type not in ("link", "links"):
        return value
    parts = [p.strip() for p in value.split(",")] if spec.type == "links" else [value.strip()]
    return ", ".join(wikilink(vault, p) or p for p in parts if p or spec.type == "link")
