"""The index notes a vault's views generate, by name: known without loading the views' code.

`build` needs these names to fingerprint a vault (its own outputs are not inputs) before it
knows whether there is anything to plan; the views (`vaultkit.views.registry.views_of`) are
data until a note is planned.

Each index note belongs to a view with a key (`people`, `followups`…); `[outputs]` in
`vaultkit.toml` renames the note (`people = "Network"`). Names come from the config alone,
never from what the vault holds: when a note of the user's has the name of a generated
note (a bare `[[People]]` would become ambiguous in Obsidian), that generated note is not
written, and the warning shows the `[outputs]` line that renames it (`collisions`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from vaultkit.reader import names
from vaultkit.reader.model import Diagnostic, Severity
from vaultkit.views.registry import ViewSet, default_views, views_of

if TYPE_CHECKING:
    from vaultkit.reader.config import Config
    from vaultkit.reader.vault import Vault
    from vaultkit.views.registry import View

_FORBIDDEN = re.compile(r'[*"/\\<>:|?#^\[\]]')  # Obsidian refuses these in names, or a link reads them


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a generated note; None when it can."""
    if not name.strip():
        return "is empty"
    if name != name.strip() or name.endswith("."):
        return "starts or ends with a space, or ends with a dot"
    if name.lower().endswith(".md"):
        return "ends in .md (give the name alone)"
    if name.startswith("."):
        return "starts with a dot (a hidden file: Obsidian would not show it)"
    if names.unusable(name) is not None or _FORBIDDEN.search(name):
        return 'holds a character a note name cannot hold (one of * " / \\ < > : | ? # ^ [ ] or a control character)'
    if len(name.encode("utf-8")) > 200:
        return "is too long"
    return None


def parse_outputs(raw: Mapping[str, Any]) -> tuple[tuple[tuple[str, str], ...], list[tuple[str, str, str]]]:
    """`[outputs]` of vaultkit.toml: (key, name) pairs, and problems as (key, message, hint).

    Only the names are checked here: which keys exist depends on the vault's views (plugins,
    `.vaultkit/views/`), known once they are (`check_outputs`)."""
    pairs: dict[str, str] = {}
    problems: list[tuple[str, str, str]] = []
    shipped = default_views()
    for key, value in raw.items():
        view = shipped.get(key)
        example = f'write e.g. {key} = "{view.suggested if view is not None else f"My {key}"}"'
        if not isinstance(value, str):
            problems.append((key, f"expected a note name, got {type(value).__name__}", example))
            continue
        why = name_problem(value)
        if why is not None:
            problems.append((key, f"{value!r} {why}", example))
            continue
        pairs[key] = value
    return tuple(sorted(pairs.items())), problems


def check_outputs(views: ViewSet, outputs: Iterable[tuple[str, str]],
                  ) -> tuple[tuple[tuple[str, str], ...], list[tuple[str, str, str]]]:
    """The `[outputs]` pairs that rename a view of `views`, and problems as (key, message, hint):
    a key no view has, two notes given one name."""
    pairs = dict(outputs)
    problems: list[tuple[str, str, str]] = []
    for key in sorted(set(pairs) - set(views.keys())):
        problems.append((key, "unknown generated note", f"the keys of [outputs] are: {', '.join(views.keys())}"))
        del pairs[key]
    taken: dict[str, str] = {}
    for view in views:
        name = pairs.get(view.key, view.output)
        other = taken.get(names_key(name))
        if other is not None:
            problems.append((view.key, f"{name!r} is also the name of the {other} note",
                             "give each generated note a name of its own"))
            pairs.pop(view.key, None)
        else:
            taken[names_key(name)] = view.key
    return tuple(sorted(pairs.items())), problems


def names_key(name: str) -> str:
    """How note names compare (as links compare them: casefolded, NFC)."""
    from vaultkit.reader.links import name_key

    return name_key(name)


def index_names(config: Config) -> dict[str, str]:
    """Each index note (by its built-in file name, `View.note`) → the file name it is written under."""
    given = dict(config.outputs)
    return {v.note: f"{given[v.key]}.md" if v.key in given else v.note for v in views_of(config)}


def index_paths(config: Config) -> dict[str, str]:
    """Each index note (by its built-in file name) → its vault-relative path."""
    base = config.output_dir.strip("/")
    return {note: f"{base}/{name}" for note, name in index_names(config).items()}


def users_named(vault: Vault, name: str) -> list[str]:
    """The notes of the user's named `name` (as links compare names), anywhere in the vault:
    neither generated notes nor templates (scaffolding named after kinds, `Templates/brag.md`,
    which no one links to by a bare name)."""
    config = vault.config
    not_users = (config.output_dir.strip("/") + "/", *(t + "/" for t in config.templates if t))
    return [p for p in vault.index.by_name.get(names_key(name), ()) if not p.startswith(not_users)]


def held_back(vault: Vault) -> dict[str, Diagnostic]:
    """The index notes (by built-in name) that are not written because a note of the user's,
    anywhere in the vault, has the same name (`users_named`), with the warning. The planner,
    `check` and the Dashboard's links all ask this one function."""
    paths = index_paths(vault.config)
    views = views_of(vault.config)

    def taken(name: str) -> bool:
        return bool(users_named(vault, name)) or any(
            names_key(p.rsplit("/", 1)[-1][:-3]) == names_key(name) for p in paths.values())

    found: dict[str, Diagnostic] = {}
    for note, path in paths.items():
        theirs = users_named(vault, path.rsplit("/", 1)[-1][:-3])
        if theirs:
            found[note] = collision(path, views.by_note(note), sorted(theirs), taken)
    return found


def collision(path: str, view: View, users: list[str], taken: Callable[[str], bool]) -> Diagnostic:
    """The warning for the generated note at `path` (of `view`) that is not written because the
    notes `users` of the user's have its name; `taken` tells a name in use."""
    key = view.key
    name = path.rsplit("/", 1)[-1][:-3]
    suggestion = view.suggested
    while taken(suggestion):  # the proposal must not collide in turn
        suggestion += " (vaultkit)"
    shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
    return Diagnostic(path, None, Severity.WARNING, "output-collision",
                      f"not written: your note {shown} is also named {name!r}, so a bare [[{name}]] would "
                      f"become ambiguous in Obsidian",
                      f'rename the generated note in vaultkit.toml:\n        [outputs]\n        {key} = "{suggestion}"')
