"""Template files: only regular files inside `<vault>/.vaultkit/templates/`, then vaultkit's own.

A vault's templates travel with it (git, Syncthing, Dropbox): a symlink there could point
anywhere on the machine that builds. `VaultLoader` never follows one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

import jinja2
from jinja2.exceptions import SecurityError

MAX_TEMPLATE_BYTES = 256 * 1024

class UnsafeTemplate(SecurityError):
    """A template file vaultkit will not load (a symlink, outside the folder, not a file)."""


class VaultLoader(jinja2.BaseLoader):
    """Templates from `<vault>/.vaultkit/templates/` (regular files only), then the shipped ones.

    A name is a relative path of plain parts (no `..`, no `.`-names, not absolute); every part
    of the vault path is checked with `lstat` and the file opened with `O_NOFOLLOW`, so a
    symlink anywhere (the folder itself included) is refused with `UnsafeTemplate`, never
    followed. `include`, `import`, `from` and `extends` load through here too.
    """

    def __init__(self, vault_root: str | os.PathLike[str] | None, packaged: str, folders: tuple[str, ...] = ()) -> None:
        self.root = None if vault_root is None else os.fspath(vault_root)
        self.packaged = packaged
        self.folders = folders  # plugins' template folders, after vaultkit's own
        self.shown: dict[str, str] = {}  # file name → the name errors show

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Source, file name and up-to-date check of `template` (vault first)."""
        parts = template.split("/")
        if not template or template.startswith("/") or "\\" in template or "\0" in template \
                or any(p in ("", ".", "..") for p in parts):
            raise UnsafeTemplate(f"template name {template!r} is not allowed: name a file inside "
                                 ".vaultkit/templates/ by its relative path")
        if parts[0] == "@views":  # a view of the vault's own (`vaultkit.views.local`): there only
            return self._view(template, parts)
        if self.root is not None:
            found = self._from_vault([".vaultkit", "templates", *parts])
            if found is not None:
                return found
        for i, folder in enumerate((self.packaged, *self.folders)):
            path = os.path.join(folder, *parts)
            try:
                with open(path, encoding="utf-8") as fh:
                    source = fh.read()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                continue
            self.shown[path] = f"templates/{template}" if i == 0 else path
            return source, path, lambda: True
        raise jinja2.TemplateNotFound(template)

    def _view(self, template: str, parts: list[str]) -> tuple[str, str, Callable[[], bool]]:
        """`.vaultkit/views/NAME` without its front matter (blank lines in its place, so errors
        name the file's own lines)."""
        from vaultkit.views.local import front_matter

        found = None if self.root is None or len(parts) != 2 else self._from_vault([".vaultkit", "views", parts[1]])
        if found is None:
            raise jinja2.TemplateNotFound(template)
        source, path, uptodate = found
        _, lines, _, _ = front_matter(source)
        rest = source.split("\n")
        if not lines:
            return source, path, uptodate
        # A comment as long as the front matter: it prints nothing, and lines keep their numbers.
        return "{#" + "\n" * (lines - 1) + "#}\n" + "\n".join(rest[lines:]), path, uptodate

    def _from_vault(self, chain: list[str]) -> tuple[str, str, Callable[[], bool]] | None:
        assert self.root is not None
        shown = "/".join(chain)
        current = self.root
        for i, part in enumerate(chain):
            current = os.path.join(current, part)
            here = "/".join(chain[:i + 1])
            try:
                st = os.lstat(current)
            except (FileNotFoundError, NotADirectoryError):
                return None  # no override: the shipped template
            except OSError as exc:
                raise UnsafeTemplate(f"{here} cannot be read: {exc.strerror}") from None
            if stat.S_ISLNK(st.st_mode):
                raise UnsafeTemplate(f"{here} is a symlink: vaultkit loads templates only from regular files "
                                     "inside .vaultkit/templates/; replace the link with the file or folder itself")
            last = i == len(chain) - 1
            if not last and not stat.S_ISDIR(st.st_mode):
                return None
            if last and not stat.S_ISREG(st.st_mode):
                raise UnsafeTemplate(f"{shown} is not a regular file")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(current, flags)
        except OSError as exc:
            raise UnsafeTemplate(f"{shown} cannot be read: {exc.strerror}") from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UnsafeTemplate(f"{shown} is not a regular file")
            if st.st_size > MAX_TEMPLATE_BYTES:
                raise UnsafeTemplate(f"{shown} is larger than {MAX_TEMPLATE_BYTES // 1024} KiB")
            data = os.read(fd, MAX_TEMPLATE_BYTES + 1)
        finally:
            os.close(fd)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UnsafeTemplate(f"{shown} is not UTF-8 text") from None
        self.shown[current] = shown
        return source, current, lambda: True
