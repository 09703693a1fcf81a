"""vaultkit's own templates, compiled ahead of time: a cold build does not compile them again.

Jinja2 turns a template into Python in four steps: lex and parse, the sandbox's rewrite of the
tree (`vaultkit.views.sandbox._Bounds`), code generation, and Python's `compile`. That is 3-25 ms
a template, ~75 ms for the 13 a build renders, paid by every process that renders: every cold
`build`, `check`, `watch`. The shipped templates change only with vaultkit itself, so what the
sandbox makes of each is generated once, by ``python -m vaultkit.views.precompiled``, into
`vaultkit/views/compiled/` (one module per template, and a manifest) and shipped with the
package. Those modules are read as vaultkit's other modules are: through Python's own import
machinery, from the installed package, with the trust the rest of vaultkit's code has. Nothing
here reads code from a cache a run writes (the notes cache is data only, read with a restricted
unpickler: `vaultkit.disk.cache`).

A compiled template stands in only for the very text it was made from
(`BoundedEnvironment.compile`): the file the loader found must be vaultkit's own (not a vault's
override in `.vaultkit/templates/`, nor a plugin's), its text must hash to the recorded digest,
and Jinja2 must be the version that generated the code. Anything else compiles as before, in the
same sandbox. `tests/test_precompiled.py` generates the modules again and compares them, so a
change to a template, to the sandbox's rewrite or to the environment's options without
regenerating fails the tests (and, until regenerated, only costs the compile).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys
import types
from pathlib import Path

import jinja2

PACKAGE = "vaultkit.views.compiled"
FOLDER = Path(__file__).resolve().parent / "compiled"


def digest(source: str) -> str:
    """The digest that ties a compiled module to a template's text."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def module_name(template: str) -> str:
    """The module holding template `template`'s code (`Follow-ups.md.j2` → `t_follow_ups_md`)."""
    stem = template.removesuffix(".j2")
    return "t_" + "".join(c if c.isalnum() else "_" for c in stem).lower()


def code_of(name: str | None, filename: str | None, source: str,
            shipped: str | None) -> tuple[types.CodeType, int] | None:
    """The compiled code of template `name` and the length of its literal text (what
    `BoundedEnvironment._parse` counts), when `filename` is vaultkit's own template in the
    folder `shipped` and `source` is the text the code was generated from; else None."""
    if name is None or filename is None or shipped is None:
        return None
    from vaultkit.views.compiled import JINJA2, TEMPLATES

    known = TEMPLATES.get(name)
    if known is None or jinja2.__version__ != JINJA2:
        return None
    if filename != os.path.join(shipped, *name.split("/")) or digest(source) != known[1]:
        return None  # another file of that name (a vault's, a plugin's), or a template edited since
    spec = importlib.util.find_spec(f"{PACKAGE}.{known[0]}")
    loader = spec.loader if spec is not None else None
    if not isinstance(loader, importlib.machinery.SourceFileLoader):
        return None
    code = loader.get_code(loader.name)
    if code is None:
        return None
    # Errors and tracebacks name the template's file, as when it is compiled here.
    return _refiled(code, filename), known[2]


def _refiled(code: types.CodeType, filename: str) -> types.CodeType:
    """`code` and the code objects it holds (the macros') with `filename` as their file."""
    consts = tuple(_refiled(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def generate(folder: Path = FOLDER) -> dict[str, str]:
    """The modules of `folder` as they should be (file name → text): every shipped template's
    code, as the sandbox compiles it, and the manifest `__init__.py`."""
    from vaultkit.views.render import Renderer, packaged_templates

    shipped = packaged_templates()
    env = Renderer(None).env
    files: dict[str, str] = {}
    rows = []
    for path in sorted(shipped.glob("*.j2")):
        name = path.name
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        code = env.compile(source, name, filename, raw=True)  # type: ignore[call-overload]
        literal = env._literal[name]
        module = module_name(name)
        # The generated code exactly, from its first line: its `debug_info` maps template lines to these lines.
        files[f"{module}.py"] = f"{code}\n# Made from templates/{name} by `python -m vaultkit.views.precompiled`.\n"
        rows.append(f"    {name!r}:\n        ({module!r}, {digest(source)!r}, {literal}),\n")
    files["__init__.py"] = (
        '"""vaultkit\'s templates compiled by its sandbox (`vaultkit.views.precompiled`): generated by\n'
        '`python -m vaultkit.views.precompiled`, never edited by hand."""\n\n'
        f"JINJA2 = {jinja2.__version__!r}  # the Jinja2 that generated them: with another, templates compile\n\n"
        "# Template name → (module, SHA-256 of the template's text, length of its literal text).\n"
        "TEMPLATES: dict[str, tuple[str, str, int]] = {\n" + "".join(rows) + "}\n")
    return files


def main(argv: list[str] | None = None) -> int:
    """Write `vaultkit/views/compiled/` again (after a template or the sandbox changed)."""
    del argv
    files = generate()
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.glob("t_*.py"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (FOLDER / name).write_text(text, encoding="utf-8")
    print(f"{len(files) - 1} templates compiled into {FOLDER}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
