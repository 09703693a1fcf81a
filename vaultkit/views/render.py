"""Jinja2 rendering: packaged templates, vault overrides, and note text kept as data.

Every value a template prints is escaped for Markdown unless it is `Markup` (links and
other text vaultkit built itself), so a `|` in a company name cannot break a table row
and a `<!-- vaultkit:end -->` in a note cannot forge a marker. Note text is only ever
passed as data: it is never compiled as a template.
"""

from __future__ import annotations

import importlib.resources
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Diagnostic, Severity, escaped

PACKAGE_TEMPLATES = "templates"


# A `<` that could open HTML: a tag, `</`, a comment or a marker (`<!--`), `<?`, or one the
# next text (a template's, another value's) could complete. Any other `<` (`a < b`, `<-`,
# `<=`) is plain text in Markdown and stays as typed, as `>` always does (`500ms -> 300ms`).
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?]|$)")


def no_html(text: str) -> str:
    """`text` with each `<` that could open HTML (or a marker) written `&lt;`; the rest as typed."""
    return _HTML_OPEN.sub("&lt;", text) if "<" in text else text  # most values hold none: no regex call


def md_escape(value: Any) -> str:
    """Text made safe inside a Markdown line or table cell, otherwise as the user typed it."""
    text = " ".join(str(value).split())
    # `|` would split a table cell and `<` could open an HTML comment or forge a marker;
    # code spans, emphasis and arrows stay as the user wrote them.
    text = no_html(text.replace("\\", "\\\\").replace("|", "\\|"))
    return text if text.isprintable() else escaped(_CONTROLS, text)


# Control characters no whitespace split removes (an escape, a bell, DEL, C1): a note's field
# holding `\x1b[2J` put it in a generated note as it was, for a terminal showing the note (cat, a
# pager, git diff) to act on. Written as text (`\x1b`); bidi and joiners are the user's writing.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _finalize(value: Any) -> Any:
    if value.__class__ is str:  # most values printed: text from a note
        return md_escape(value)
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return md_escape(value)


def packaged_templates() -> Path:
    """The folder of templates shipped with vaultkit (in the wheel, or the source checkout)."""
    shipped = importlib.resources.files("vaultkit") / PACKAGE_TEMPLATES
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / PACKAGE_TEMPLATES  # editable install


def _direct(made: Any) -> Callable[..., str]:
    """A macro of one parameter as the function Jinja2 compiled it to, which is what `Macro`
    calls with one positional argument and no escaping (`autoescape=False`), after sorting out
    arguments, `caller` and `kwargs` it does not have: rows are rendered by the thousand. Any
    other macro (or callable) as it is."""
    from jinja2.runtime import Macro

    if type(made) is Macro and made._argument_count == 1 and not (
            made.catch_kwargs or made.catch_varargs or made.caller or made._default_autoescape
            or made._environment.is_async):
        return made._func  # type: ignore[no-any-return]
    return made  # type: ignore[no-any-return]


class TemplateProblem(Exception):
    """A template could not be loaded or rendered: names the file and line (`where`)."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where

    def diagnostic(self) -> Diagnostic:
        """This problem as `check` reports it: the template file, its line, what is wrong."""
        path, _, line = self.where.rpartition(":")
        if not line.isdigit():
            path, line = self.where, ""
        what = str(self).removeprefix(f"template {self.where}: ")
        return Diagnostic(path, int(line) if line else None, Severity.ERROR, "template-error",
                          f"template: {what}", "fix it, or remove it to use vaultkit's own template")


class Renderer:
    """Renders named templates, preferring `<vault>/.vaultkit/templates/NAME` over the shipped one,
    then the folders plugins add (`folders`: installed code, rendered in the same sandbox).

    Every template renders in `vaultkit.views.sandbox.BoundedEnvironment`; `start` gives it a fresh
    budget for the next generated note. Whatever a template raises comes out as `TemplateProblem`.
    """

    def __init__(self, vault_root: str | Path | None = None, folders: tuple[str, ...] = ()) -> None:
        # Here, not at the top: commands that render nothing start faster without Jinja2.
        import jinja2

        from vaultkit.views.sandbox import BoundedEnvironment
        from vaultkit.views.template_files import VaultLoader

        shipped = str(packaged_templates())
        self.loader = VaultLoader(vault_root, shipped, folders)
        self.env = BoundedEnvironment(
            loader=self.loader,
            shipped=shipped,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # a template change reloads the whole Renderer (see session.Session.update)
        )
        self._macros: dict[tuple[str, str], Callable[..., str]] = {}
        self.env.filters["md"] = self.env.bounded_filter("md", lambda v: Markup(md_escape(v)))
        self.env.filters["join_md"] = self.env.joiner("join_md", md_escape)

    def start(self, notes: int) -> None:
        """A fresh budget for the next generated note, in a vault of `notes` notes."""
        from vaultkit.views.budget import Budget

        self.env.budget = Budget.for_notes(notes)

    def macro(self, name: str, macro: str) -> Callable[..., str]:
        """A macro of template `name`, callable from Python (a template of macros only: row templates)."""
        key = (name, macro)
        found = self._macros.get(key)
        if found is None:
            try:
                module = self.env.get_template(name).module
            except Exception as exc:
                raise self._problem(exc, name) from exc
            made = getattr(module, macro, None)
            if not callable(made):
                raise TemplateProblem(f"template {self._shown(name)}: no macro named {macro}")
            found = self._macros[key] = self._guarded(name, _direct(made))
        return found

    def _guarded(self, name: str, made: Callable[..., str]) -> Callable[..., str]:
        def call(*args: Any) -> str:
            try:
                text = str(made(*args))
            except Exception as exc:
                raise self._problem(exc, name) from exc
            self.env.budget.grow(len(text))
            return text
        return call

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render template `name`; raises `TemplateProblem` naming the file and line."""
        try:
            text = self.env.get_template(name).render(**context)
        except Exception as exc:
            raise self._problem(exc, name) from exc
        return text if text.endswith("\n") else text + "\n"

    def check(self) -> list[TemplateProblem]:
        """Every template of the vault's `.vaultkit/templates/` that cannot load: not a regular
        file, not UTF-8, a syntax error. (What a template does when rendered shows in a build.)"""
        root = self.loader.root
        if root is None:
            return []
        folder = os.path.join(root, ".vaultkit", "templates")
        # A symlinked folder is one problem (the loader refuses it, whatever the name): not walked.
        names: list[str] = [""] if os.path.islink(folder) else []
        for base, dirs, files in [] if names else os.walk(folder):
            rel = os.path.relpath(base, folder).replace(os.sep, "/")
            names += sorted(f if rel == "." else f"{rel}/{f}" for f in files if not f.startswith("."))
            names += sorted(d if rel == "." else f"{rel}/{d}" for d in dirs if os.path.islink(os.path.join(base, d)))
        problems = []
        self.start(0)
        for name in names:
            try:
                self.env.get_template(name or "x")
            except Exception as exc:  # whatever the template raises is the template's problem
                problems.append(self._problem(exc, name, f".vaultkit/templates/{name}".rstrip("/")))
        return problems

    def _shown(self, name: str) -> str:
        """How errors name template `name`: by its path, once it loaded."""
        known = set(self.loader.shown.values())
        return next((s for s in (f".vaultkit/templates/{name}", f"templates/{name}") if s in known), name)

    def _problem(self, exc: BaseException, name: str, shown: str = "") -> TemplateProblem:
        """`exc`, raised while loading or rendering `name`, as a problem naming the file and line."""
        import jinja2
        from jinja2.debug import rewrite_traceback_stack

        where = shown or self._shown(name)  # a file that did not load has no line
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = f"{self.loader.shown.get(exc.filename or '', exc.name or name)}:{exc.lineno}"
            what = f"template syntax error: {exc.message}"
        else:
            tb = rewrite_traceback_stack().__traceback__  # template frames carry the template's lines
            while tb is not None:  # the innermost template frame: an included or imported one if any
                frame = self.loader.shown.get(tb.tb_frame.f_code.co_filename)
                if frame is not None:
                    where = f"{frame}:{tb.tb_lineno}"
                tb = tb.tb_next
            if isinstance(exc, jinja2.TemplateNotFound) and not isinstance(exc, jinja2.TemplatesNotFound):
                what = f"template {exc.name} not found"
            elif isinstance(exc, jinja2.TemplateError):
                what = exc.message or type(exc).__name__
            elif isinstance(exc, RecursionError):
                what = "recursion too deep"
            elif isinstance(exc, MemoryError):
                what = "out of memory: a value far too large"
            else:
                what = f"{type(exc).__name__}: {exc}"
        return TemplateProblem(f"template {where}: {what}", where)
