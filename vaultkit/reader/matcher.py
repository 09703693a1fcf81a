"""Which files of a vault vaultkit reads: one answer for `build`, `check` and `watch`. Pure.

Three outcomes for a path:

- **hidden**: vaultkit does not see it at all. Dot-files and dot-folders (`.github/`,
  `.hidden note.md`: Obsidian skips them too), tool folders (`node_modules/`), and what the
  `ignore` globs of `vaultkit.toml` name. Those follow gitignore's rules (by `pathspec`):
  `Archive/` is a folder anywhere, `/Archive/` only at the root, `*.draft.md` a name
  anywhere, `!keep.md` takes a file back, and a folder left out is never looked into, so
  nothing in it can be taken back (git's rule, and what keeps the scan fast).
- **linkable only**: a file Obsidian resolves links to, but which is no note of the user's:
  the templates folders, Obsidian's "Excluded files", and the generated notes of the
  output folder. Listed as attachments, never parsed, never counted.
- **note**: everything else that ends in `.md`.

`fs.scan` walks with `skip_folder`/`skip_file`; `watch` asks `relevant` of each changed
path, which answers as the walk would (every folder above the path included).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from vaultkit.reader import obsidian

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from vaultkit.reader.config import Config

SKIP_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit", ".stfolder", ".stversions", "node_modules"})


class Matcher:
    """The rules of one config (see the module docstring); build it with `rules`."""

    def __init__(self, ignore: tuple[str, ...], templates: tuple[str, ...], excluded: tuple[str, ...],
                 output_dir: str) -> None:
        self.spec: GitIgnoreSpec | None = None
        if ignore:
            from pathspec import GitIgnoreSpec  # only a vault with `ignore` globs pays for the import

            # pathspec reads `X/**` as `X/` (the folder itself too), so a walk that prunes folders
            # would leave out what `!X/keep.md` takes back; git means "everything inside X", `X/**/*`.
            self.spec = GitIgnoreSpec.from_lines(g + "/*" if g.rstrip().endswith("/**") else g for g in ignore)
        self.output = output_dir.strip("/") + "/"
        # Generated notes, templates and excluded prefixes all answer one `startswith`.
        self.linkable = (self.output, *(t + "/" for t in templates if t),
                         *(e for e in excluded if not obsidian.is_regex(e)))
        self.patterns = tuple(re.compile(e[1:-1]) for e in excluded if obsidian.is_regex(e))
        self._folders: dict[str, bool] = {}

    def skip_folder(self, rel: str, name: str) -> bool:
        """Is the folder at `rel` (`name` its last part) left out, with all it holds?"""
        if name[:1] == "." or name in SKIP_DIRS:
            return True
        return self.spec is not None and self.spec.match_file(rel + "/")

    def skip_file(self, rel: str, name: str) -> bool:
        """Is the file at `rel` hidden (a dot-file, or named by an `ignore` glob)?"""
        return name[:1] == "." or (self.spec is not None and self.spec.match_file(rel))

    def linkable_only(self, rel: str) -> bool:
        """Is the file at `rel` linkable but no note (template, excluded file, generated note)?"""
        if rel.startswith(self.linkable):
            return True
        return bool(self.patterns) and any(p.search(rel) for p in self.patterns)  # most vaults have none

    def visible_folder(self, rel: str) -> bool:
        """Would the scan walk into the folder at `rel` (no folder on the way left out)?"""
        if not rel:
            return True
        known = self._folders.get(rel)
        if known is None:
            parent, _, name = rel.rpartition("/")
            known = self.visible_folder(parent) and not self.skip_folder(rel, name)
            if len(self._folders) < 100_000:  # a watcher lives long: keep the memo bounded
                self._folders[rel] = known
        return known

    def relevant(self, rel: str) -> bool:
        """Could the file or folder at `rel` be read by the scan? (Droppings and odd names
        are for the caller: see `fs.relevant`.)"""
        parent, _, name = rel.rpartition("/")
        return self.visible_folder(parent) and not self.skip_file(rel, name)


def rules(config: Config) -> Matcher:
    """The matcher for `config` (one per distinct setting, kept: a watcher asks per event)."""
    return _rules(config.ignore, config.templates, config.excluded, config.output_dir)


@lru_cache(maxsize=16)
def _rules(ignore: tuple[str, ...], templates: tuple[str, ...], excluded: tuple[str, ...],
           output_dir: str) -> Matcher:
    return Matcher(ignore, templates, excluded, output_dir)
