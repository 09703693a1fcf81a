"""Hostile templates in `.vaultkit/templates/` and hostile file names (issue 9, points 1 and 7).

Each template case overrides a different template, so any mix of them refuses one generated
note per case and builds the rest.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostile import Case

TEMPLATES = ".vaultkit/templates"


def _template(name: str, text: str) -> Case:
    def write(root: Path) -> None:
        path = root / TEMPLATES / name
        if (root / TEMPLATES).is_symlink():
            return  # another case made the folder a symlink: writing through it is not this case
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return write


def _symlinked_template(root: Path) -> None:
    folder = root / TEMPLATES
    if folder.is_symlink():
        return
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "Interviews.md.j2"
    if not link.exists() and not link.is_symlink():
        link.symlink_to("/etc/passwd")


def _symlinked_folder(root: Path) -> None:
    folder = root / TEMPLATES
    if folder.exists() or folder.is_symlink():
        return
    target = root / "Notes" / "shared-templates"
    target.mkdir(parents=True, exist_ok=True)
    (target / "Sharing.md.j2").write_text("{{ 1 }}\n", encoding="utf-8")
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(os.path.relpath(target, folder.parent))


def _named(name: bytes, text: bytes = b"# a note\n") -> Case:
    def write(root: Path) -> None:
        folder = os.fsencode(root / "People")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(text)
    return write


CASES: dict[str, Case] = {
    "ssti_globals": _template("People.md.j2", "x\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n"),
    "ssti_subclasses": _template("Dashboard.md.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"),
    "ssti_format": _template("Communities.md.j2", "{{ '{0.__class__}'.format('') }}{{ '%s' % ''.upper }}\n"),
    "nested_loops": _template("Brag.md.j2", "{% for a in range(100000) %}{% for b in range(100000) %}"
                                            "{% endfor %}{% endfor %}\n"),
    "huge_output": _template("Events.md.j2", "{% set s = 'x' * 100000 %}{% for i in range(100000) %}{{ s }}"
                                             "{% endfor %}{{ 'y' * 10**9 }}\n"),
    "recursion": _template("Review.md.j2", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n"),
    "row_macro_override": _template("Follow-ups.rows.md.j2", "{% macro due(p) %}{{ p.days / 0 }}{% endmacro %}\n"
                                                             "{% macro never(p) %}{{ p.nope }}{% endmacro %}\n"),
    "people_rows_override": _template("People.rows.md.j2", "{% macro person(p) %}{{ ''.join(['x' * 1000000] * 100)"
                                                           " }}{% endmacro %}\n{% macro incomplete(p) %}"
                                                           "{% endmacro %}\n"),
    "include_escape": _template("Prep.md.j2", "{% include '../../vaultkit.toml' %}{% include '/etc/passwd' %}\n"),
    "symlinked_template": _symlinked_template,
    "symlinked_templates_folder": _symlinked_folder,
    "name_not_utf8": _named(b"Caf\xe9 \xff.md"),
    "name_newline": _named(b"Two\nLines.md"),
    "name_markers": _named(b"<!-- vaultkit:end people -->.md", b"---\ncompany: Evil\n---\n"),
    "name_pipe_brackets": _named(b"A | B ]] [[C.md", b"---\ncompany: Pipes | Inc\n---\n"),
    "name_hash_caret": _named(b"Who #tag ^block.md"),
    "name_control": _named(b"Bell\x07 Tab\t Del\x7f Esc\x1b[31m.md"),
}
