"""Jinja2 rendering: packaged templates, vault overrides, and note text kept as data.

Every value a template prints is escaped for Markdown unless it is `Markup` (links and
other text vaultkit built itself), so a `|` in a company name cannot break a table row
and a `<!-- vaultkit:end -->` in a note cannot forge a marker. Note text is only ever
passed as data: it is never compiled as a template.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    import jinja2

PACKAGE_TEMPLATES = "templates"


def md_escape(value: Any) -> str:
    """Text made safe inside a Markdown line or table cell."""
    text = " ".join(str(value).split())
    # `|` would split a table cell and `<` could open an HTML comment or forge a marker;
    # code spans and emphasis stay as the user wrote them.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _finalize(value: Any) -> Any:
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
    return Path(__file__).resolve().parent.parent / PACKAGE_TEMPLATES  # editable install


class TemplateProblem(Exception):
    """A template could not be loaded or rendered: names the file and line."""


class Renderer:
    """Renders named templates, preferring `<vault>/.vaultkit/templates/NAME` over the shipped one."""

    def __init__(self, vault_root: str | Path | None = None) -> None:
        import jinja2  # here, not at the top: commands that render nothing start faster without it

        dirs = []
        if vault_root is not None:
            override = Path(vault_root) / ".vaultkit" / "templates"
            if override.is_dir():
                dirs.append(str(override))
        dirs.append(str(packaged_templates()))
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(dirs, followlinks=False),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._macros: dict[tuple[str, str], Callable[..., str]] = {}
        self.env.filters["md"] = lambda v: Markup(md_escape(v))
        self.env.filters["join_md"] = lambda items, sep=", ": Markup(sep.join(
            str(i) if isinstance(i, Markup) else md_escape(i) for i in items))

    def macro(self, name: str, macro: str) -> Callable[..., str]:
        """A macro of template `name`, callable from Python (a template of macros only: row templates)."""
        key = (name, macro)
        found = self._macros.get(key)
        if found is None:
            import jinja2

            try:
                module = self.env.get_template(name).module
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateProblem(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") \
                    from exc
            except jinja2.TemplateNotFound as exc:
                raise TemplateProblem(f"template {name} not found") from exc
            except jinja2.TemplateError as exc:
                raise TemplateProblem(f"{name}: a row template holds only macros: {exc}") from exc
            made = getattr(module, macro, None)
            if not callable(made):
                raise TemplateProblem(f"{name}: no macro named {macro}")
            found = self._macros[key] = self._guarded(name, made)
        return found

    @staticmethod
    def _guarded(name: str, made: Callable[..., str]) -> Callable[..., str]:
        import jinja2

        def call(*args: Any) -> str:
            try:
                return str(made(*args))
            except jinja2.TemplateError as exc:
                raise TemplateProblem(f"{name}: {exc}") from exc
        return call

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render template `name`; raises `TemplateProblem` naming the file and line."""
        import jinja2

        try:
            template = self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") \
                from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateProblem(f"template {name} not found") from exc
        try:
            text = template.render(**context)
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"{template.filename}:{_line_of(exc, template)}: {exc}") from exc
        return text if text.endswith("\n") else text + "\n"


def _line_of(exc: BaseException, template: jinja2.Template) -> str:
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == template.filename or tb.tb_frame.f_code.co_filename == "<template>":
            line = str(template.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return line
