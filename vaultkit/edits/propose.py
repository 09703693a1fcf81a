"""What `vaultkit init` proposes for a vault that already holds notes: a `vaultkit.toml` whose
every line is a comment, telling what vaultkit already reads and offering the kind rules and
field mappings that fit what it found (folders, properties and tags it recognises, with
counts). Pure: it reads a loaded `Vault` and returns text; `init` writes it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from vaultkit.kinds.rules import value_keys
from vaultkit.kinds.schema import BUILTIN
from vaultkit.reader.config import KINDS
from vaultkit.reader.vault import Vault


def _default_glob(kind: str) -> str:
    """The folder rule vaultkit ships for a built-in kind (`"**/People/"`); a kind of the
    vault's own is named by its folder."""
    shipped = BUILTIN.kinds.get(kind)
    return shipped.match.folders[0] if shipped and shipped.match.folders else f"**/{kind.capitalize()}/"

# Names (of a folder, a property value or a tag) that say a note is of a kind, compared by
# `_word`: casefolded, letters and digits only, a leading number and a plural dropped.
SYNONYMS: dict[str, frozenset[str]] = {
    "person": frozenset({"person", "people", "contact", "human", "network", "crm", "friend", "colleague",
                         "connection"}),
    "event": frozenset({"event", "meetup", "conference"}),
    "brag": frozenset({"brag", "win", "accomplishment", "achievement", "bragdocument"}),
    "challenge": frozenset({"challenge", "lessonslearned"}),
    "interview": frozenset({"interview", "jobsearch", "jobapplication"}),
    "share": frozenset({"sharing", "share", "post", "publication"}),
    "community": frozenset({"community"}),
    "goal": frozenset({"goal", "objective", "okr"}),
}
# Properties whose value names what a note is (Obsidian users' own `type:`, kepano's
# `categories: "[[People]]"`, a MOC's `up: "[[Events]]"`).
MARKER_KEYS = ("type", "category", "categories", "up", "kind", "class", "is")
# vaultkit field ← property names people use for it.
FIELD_SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "person": {"company": ("org", "organization", "organisation", "employer", "works_at"),
               "role": ("position", "job", "job_title", "jobtitle"),
               "met_on": ("met", "date_met", "first_met", "created"),
               "email": ("mail", "e-mail"), "last_contact": ("last_contacted", "last-contact", "lastcontact"),
               "topics": ("interests",)},
    "event": {"date": ("when", "start", "event_date"), "location": ("place", "venue", "where"),
              "url": ("link", "website"), "met": ("people", "attendees", "participants")},
    "brag": {"impact": ("result", "outcome"), "date": ("created",)},
    "challenge": {"learned": ("lesson", "lessons"), "date": ("created",)},
    "interview": {"company": ("org", "organization", "employer"), "stage": ("status",)},
    "share": {"url": ("link",), "channel": ("platform",), "date": ("published", "created")},
    "community": {"url": ("link", "website")},
    "goal": {"by": ("deadline", "due", "target_date"), "measure": ("metric", "success")},
}
# Sources that may not mean what the field means: said beside the proposal.
CAVEATS = {"created": "the day the note was made: keep this only if that is the day it stands for"}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _word(text: str) -> str:
    word = re.sub(r"[\W_]+", "", text.casefold()).lstrip("0123456789")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def kind_named(text: str) -> str | None:
    """The kind a folder, tag or value name stands for (`Contacts` → person), or None."""
    word = _word(text)
    return next((kind for kind in KINDS if word in SYNONYMS[kind]), None)


@dataclass
class _Evidence:
    folders: Counter[str] = field(default_factory=Counter)  # glob → notes
    properties: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, value as written) → notes
    tags: Counter[str] = field(default_factory=Counter)
    notes: set[str] = field(default_factory=set)


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _key(text: str) -> str:
    return text if _BARE_KEY.match(text) else _toml(text)


def _glob_name(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _gather(vault: Vault) -> tuple[dict[str, _Evidence], Counter[tuple[str, str]]]:
    """What each kind's notes look like: unclaimed notes in kind-named folders, properties
    and tags naming a kind; and the notes vaultkit already reads as a kind, by (kind, how)."""
    found: dict[str, _Evidence] = defaultdict(_Evidence)
    already: Counter[tuple[str, str]] = Counter()
    for note in vault.notes.values():
        if note.kind is not None:
            by_folder = vault.config.rules.detect(note.path, {}, (), False).kind == note.kind
            how = "folder" if by_folder else "type"
            already[(note.kind, how)] += 1
            continue
        folders = note.path.split("/")[:-1]
        for name in reversed(folders):  # the deepest kind-named folder, as the rules take it
            kind = kind_named(name)
            if kind is not None:
                found[kind].folders[f"**/{_glob_name(name)}/"] += 1
                found[kind].notes.add(note.path)
                break
        for key, value in note.extra.items():
            if key.casefold() not in MARKER_KEYS:
                continue
            for item in value if isinstance(value, list) else [value]:
                keys = value_keys(item)
                kind = kind_named(keys[-1]) if keys else None
                if kind is not None and isinstance(item, str):
                    found[kind].properties[(key, item.strip())] += 1
                    found[kind].notes.add(note.path)
        in_items = {t for item in note.items for t in item.tags}
        for tag in note.tags:
            kind = kind_named(tag.split("/")[0])
            # `#brag` and `#challenge` on a list item mark an inline entry (SPEC §2), not the note
            if kind is not None and tag not in in_items:
                found[kind].tags[tag.split("/")[0]] += 1
                found[kind].notes.add(note.path)
    return found, already


def _field_counts(vault: Vault, kind: str, paths: set[str]) -> list[tuple[str, str, int]]:
    """(vaultkit field, property, notes) for the properties this kind's notes hold in place of
    its fields (the property, not the field), most used first. Notes that already use the
    field do not outvote those that do not: a vault's `People/` may say `company:` while its
    contacts elsewhere say `org:`."""
    instead: Counter[tuple[str, str]] = Counter()
    sources = FIELD_SOURCES.get(kind, {})
    for path in paths:
        note = vault.notes[path]
        for name, names in sources.items():
            if name not in note.fields:
                instead.update((name, source) for source in names if source in note.extra)
    out = []
    for name, names in sources.items():
        best = max(((instead[(name, s)], s) for s in names if instead[(name, s)]), default=None)
        if best is not None and vault.config.schema.field(kind, name) is not None:
            out.append((name, best[1], best[0]))
    return sorted(out, key=lambda x: (-x[2], x[0]))


def propose(vault: Vault) -> tuple[str, list[str]]:
    """The proposed `vaultkit.toml` text, and one line per finding for `init` to print."""
    found, already = _gather(vault)
    lines = [
        "# vaultkit settings for this vault, proposed by `vaultkit init` from the notes it found here.",
        "# Every line is a comment, so nothing changes until you uncomment it; every key is optional.",
        "",
        '# output_dir = "Vaultkit"     # where generated notes (People, Follow-ups, ...) are written',
        '# default_cadence = "90d"     # follow-up cadence for people without their own `cadence:`',
        '# ignore = ["Archive/**"]     # folders vaultkit never reads (gitignore-style globs)',
        '# looking_for = ""            # what you are looking for: Follow-ups lists who is not told yet',
        _daily_line(vault),
        "",
    ]
    summary: list[str] = []
    for (kind, how), count in sorted(already.items()):
        rule = f"`type: {kind}`" if how == "type" else "the folder rule " + _toml(_default_glob(kind))
        lines.append(f"# {count} {_plural(count, 'note')} already read as {kind} by {rule}.")
        summary.append(f"{count} {_plural(count, 'note')} already read as {kind} ({how})")
    if already:
        lines.append("")
    of_kind: dict[str, set[str]] = {k: {n.path for n in vault.of_kind(k)} for k in KINDS}
    for kind in KINDS:
        ev = found.get(kind)
        paths = of_kind[kind] | (ev.notes if ev else set())
        mapped = _field_counts(vault, kind, paths)
        if ev is None and not mapped:
            continue
        lines.append(f"# --- {kind} " + "-" * (60 - len(kind)))
        lines.append(f"# Uncomment the [kinds.{kind}] line and the lines you want under it.")
        match: list[str] = []
        if ev is not None:
            said = [(f"in {_toml(glob.strip('*/') + '/')}", count, ": uncomment to use")
                    for glob, count in sorted(ev.folders.items(), key=lambda x: (-x[1], x[0]))]
            said += [(f"with {key}: {value}", count, "")
                     for (key, value), count in sorted(ev.properties.items(), key=lambda x: (-x[1], x[0]))]
            said += [(f"tagged #{tag}", count, "")
                     for tag, count in sorted(ev.tags.items(), key=lambda x: (-x[1], x[0]))]
            for where, count, tail in said:
                finding = f"{count} {_plural(count, 'note')} {where} {_look(count)} {_kind_plural(kind)}"
                lines.append(f"# {finding}{tail}")
                summary.append(finding)
            match = _match(kind, ev, bool(of_kind[kind]))
        lines.append(f"# [kinds.{kind}]")
        if match:
            lines.append("# match = { " + ", ".join(match) + " }")
        for name, source, count in mapped:
            has = f"{count} of these {_plural(count, 'note')} {_plural(count, 'has', 'have')} {source}:"
            caveat = f" ({CAVEATS[source]})" if source in CAVEATS else ""
            lines.append(f"# fields.{name} = {{ from = {_toml(source)} }}   # {has}{caveat}")
            summary.append(f"{has} (vaultkit's {kind} field {name})")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n", summary


def _match(kind: str, ev: _Evidence, has_default: bool) -> list[str]:
    folders = sorted(ev.folders, key=lambda g: (-ev.folders[g], g))
    if has_default:  # a `match` replaces the default folder rule: keep it where it finds notes
        folders.insert(0, _default_glob(kind))
    parts = []
    if folders:
        parts.append("folder = " + (_toml(folders[0]) if len(folders) == 1
                                    else "[" + ", ".join(_toml(f) for f in folders) + "]"))
    tags = sorted(ev.tags, key=lambda t: (-ev.tags[t], t))
    if tags:
        parts.append("tag = " + (_toml(tags[0]) if len(tags) == 1 else "[" + ", ".join(_toml(t) for t in tags) + "]"))
    by_key: dict[str, list[str]] = defaultdict(list)
    for (key, value), _ in sorted(ev.properties.items(), key=lambda x: (-x[1], x[0])):
        by_key[key].append(value)
    if by_key:
        props = ", ".join(f"{_key(k)} = " + (_toml(v[0]) if len(v) == 1 else "[" + ", ".join(map(_toml, v)) + "]")
                          for k, v in by_key.items())
        parts.append("property = { " + props + " }")
    return parts


def _daily_line(vault: Vault) -> str:
    daily = vault.config.daily
    if daily.source == "default":
        return '# daily_notes = "Daily/{date}"  # where daily notes live; {date} is YYYY-MM-DD'
    return (f"# Daily notes are read as {daily.describe()}, from {daily.source}; "
            "a daily_notes line here would take its place.")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


def _look(n: int) -> str:
    return "looks like" if n == 1 else "look like"


def _kind_plural(kind: str) -> str:
    return {"person": "people", "brag": "brag entries", "community": "communities"}.get(kind, kind + "s")
