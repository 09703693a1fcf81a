"""Views of the vault's own: `.vaultkit/views/NAME.md.j2`, a template and a few lines of front matter.

    ---
    reads: [brag, challenge]   # topics (see vaultkit.views.registry): when `watch` plans it again
    output: Wins               # the note's name in the output folder (default: NAME)
    key: wins                  # its [outputs] key and region name (default: NAME in lowercase)
    ---
    {% for win in entries("brag", since="2026-01-01") %}
    - {{ win.date }} {{ win.link }}: {{ win.impact }}
    {% endfor %}

makes `<output_dir>/Wins.md`, a generated note like the others: `vaultkit: generated`
frontmatter, its text between `<!-- vaultkit:begin wins -->` and the end marker, text around
them kept, never rewritten when unchanged. The template is data: it renders in the sandbox with
its budgets (`vaultkit.views.sandbox`), and its context is the read-only query API of
`vaultkit.views.queryapi` (plain data only). Nothing in `.vaultkit/` is ever imported.

A view whose front matter cannot be used (a key unknown, `reads` missing, a value of the wrong
shape) still names its note (`NAME.md`): that note is refused, with the file and line, and the
others are written. Reading the front matter needs no Jinja2: listing the views stays cheap.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Diagnostic, Severity
from vaultkit.views.registry import View

FOLDER = (".vaultkit", "views")
SUFFIX = ".md.j2"
PREFIX = "@views/"  # how the renderer names a vault view's template (`VaultLoader`)
WRAPPER = "View.md.j2"  # the shipped template around a vault view's text: frontmatter, heading, markers
MAX_BYTES = 256 * 1024
KEYS = ("reads", "output", "key")
_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def front_matter(text: str) -> tuple[dict[str, Any], int, str | None, int]:
    """(values, lines the front matter takes, problem, its line) of a view file's text.

    Each line is `key: value`; a value is text (quotes optional) or a list `[a, b]`. The
    front matter is required: `reads` says when the view is planned again."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return {}, 0, "no front matter: start the file with --- and `reads: [...]`, then ---", 1
    values: dict[str, Any] = {}
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if line == "---":
            missing = [k for k in ("reads",) if k not in values]
            if missing:
                return values, number, "the front matter has no `reads:` (the topics the view reads)", 1
            return values, number, None, 0
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _LINE.match(line)
        if found is None:
            return values, number, f"cannot read {line.strip()[:60]!r}: write `key: value`", number
        key, value = found.group(1), _value(found.group(2))
        if key not in KEYS:
            return values, number, f"unknown key {key!r} (keys: {', '.join(KEYS)})", number
        if key == "reads":
            value = value if isinstance(value, list) else [value] if value else []
            if not value:
                return values, number, "reads: name at least one topic, e.g. reads: [brag]", number
        elif not isinstance(value, str) or not value:
            return values, number, f"{key}: expected a name, got {found.group(2)!r}", number
        values[key] = value
    return values, len(lines), "the front matter has no closing ---", 1


def reads_line(root: str, name: str) -> int | None:
    """The line of `reads:` in the front matter of `.vaultkit/views/NAME`, or None."""
    try:
        lines = read_view_file(root, name).split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    for number, raw in enumerate(lines[1:], start=2):
        if raw.rstrip("\r") == "---":
            return None
        found = _LINE.match(raw.rstrip("\r"))
        if found is not None and found.group(1) == "reads":
            return number
    return None


def _value(text: str) -> Any:
    text = text.split(" #", 1)[0].strip()  # a comment after the value
    if text.startswith("[") and text.endswith("]"):
        return [_unquote(part) for part in text[1:-1].split(",") if part.strip()]
    return _unquote(text)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def key_of(stem: str) -> str:
    """A view key from a file name: lowercase, runs of other characters as `-`."""
    key = re.sub(r"[^a-z0-9_]+", "-", stem.casefold()).strip("-")[:40].strip("-")
    return key if re.match(r"^[a-z]", key) else f"view-{key}".strip("-")


def read_view_file(root: str, name: str) -> str:
    """The text of `.vaultkit/views/NAME`: a regular file, never through a symlink; raises
    `OSError` (or `UnicodeDecodeError`) saying why not."""
    path = os.path.join(root, *FOLDER, name)
    for part in (os.path.join(root, FOLDER[0]), os.path.join(root, *FOLDER), path):
        if stat.S_ISLNK(os.lstat(part).st_mode):
            raise OSError(f"{os.path.relpath(part, root)} is a symlink: vaultkit reads views only from regular "
                          "files inside .vaultkit/views/")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        if st.st_size > MAX_BYTES:
            raise OSError(f"larger than {MAX_BYTES // 1024} KiB")
        data = os.read(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    return data.decode("utf-8")


def local_views(root: str) -> tuple[list[View], list[Diagnostic]]:
    """The views of `<root>/.vaultkit/views/`, by file name, and what makes a file no view."""
    folder = os.path.join(root, *FOLDER)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return [], []  # no folder (the common case), or one that is not a folder
    views: list[View] = []
    diags: list[Diagnostic] = []
    for name in names:
        if name.startswith(".") or not name.endswith(SUFFIX):
            continue
        shown = "/".join((*FOLDER, name))
        stem = name[: -len(SUFFIX)]
        problem: str | None = None
        values: dict[str, Any] = {}
        try:
            values, _, why, line = front_matter(read_view_file(root, name))
            if why is not None:
                problem = f"view {shown}:{line}: {why}"
        except (OSError, UnicodeDecodeError) as exc:
            problem = f"view {shown}: cannot be read: {getattr(exc, 'strerror', None) or exc}"
        if problem is not None:  # its note is refused, under the name the file gives it
            values = {}
        key = values.get("key") or key_of(stem)
        output = values.get("output") or stem
        reads = tuple(values.get("reads") or ("*",))
        try:
            views.append(View(key, output, WRAPPER, reads, LocalContext(name, key, output), origin=shown,
                              problem=problem))
            continue
        except ValueError as exc:
            why = str(exc)
        if problem is None:  # a key, name or topic vaultkit cannot use: the note is refused, saying so
            try:
                views.append(View(key_of(stem), stem, WRAPPER, ("*",), LocalContext(name, key_of(stem), stem),
                                  origin=shown, problem=f"view {shown}: {why}"))
                continue
            except ValueError:
                pass
        diags.append(Diagnostic(shown, None, Severity.ERROR, "view-invalid", f"not a view: {why}",
                                "name the file NAME.md.j2 with a NAME a note can have"))
    return views, diags


class LocalContext:
    """The context function of a vault view: renders its template with the query API and puts
    it inside the shipped wrapper (`View.md.j2`: frontmatter, heading, region markers)."""

    def __init__(self, name: str, key: str, title: str) -> None:
        self.name = name
        self.key = key
        self.title = title

    def __call__(self, facts: Any) -> dict[str, Any]:
        from vaultkit.views.queryapi import template_context

        body = facts.renderer.render(f"{PREFIX}{self.name}", template_context(facts))
        return {"title": self.title, "key": self.key, "body": Markup(body)}

    def __repr__(self) -> str:
        return f"LocalContext({self.name!r})"
