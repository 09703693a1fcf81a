"""vaultkit's own templates come compiled (`vaultkit.views.precompiled`), and only for their own text.

The shipped code must be what the sandbox compiles now (else regenerate it), be used for the
shipped files only, and render, fail and count its budget exactly as a template compiled at run
time does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
import pytest

from tests.conftest import EXAMPLE, copy_vault, write_vault
from vaultkit.disk.load import load_vault
from vaultkit.views import precompiled
from vaultkit.views.compiled import JINJA2, TEMPLATES
from vaultkit.views.plan import plan
from vaultkit.views.render import Renderer, TemplateProblem, packaged_templates

TODAY = dt.date(2026, 3, 15)


def _compiled_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, every template compiles at run time (as before there was shipped code)."""
    monkeypatch.setattr(precompiled, "code_of", lambda *args: None)


def test_the_shipped_code_is_what_the_sandbox_compiles_now(request: pytest.FixtureRequest) -> None:
    """A template (or the sandbox) changed: `--update-golden` writes the code again, as it does the goldens."""
    if request.config.getoption("--update-golden"):
        precompiled.main()
    elif jinja2.__version__ != JINJA2:
        pytest.skip(f"generated with Jinja2 {JINJA2}; this is {jinja2.__version__} (templates compile at run time)")
    want = precompiled.generate()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in precompiled.FOLDER.glob("*.py")}
    stale = sorted(name for name in want.keys() | on_disk.keys() if want.get(name) != on_disk.get(name))
    assert not stale, (f"{stale} differ from what the sandbox compiles: run `python -m vaultkit.views.precompiled` "
                       "(or pytest --update-golden)")
    assert set(TEMPLATES) == {p.name for p in packaged_templates().glob("*.j2")}


def test_a_build_compiles_no_shipped_template(monkeypatch: pytest.MonkeyPatch) -> None:
    if jinja2.__version__ != JINJA2:
        pytest.skip("another Jinja2: the shipped code is not used")

    def no_compiling(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a shipped template was compiled at run time")

    renderer = Renderer(None)
    monkeypatch.setattr(jinja2.Environment, "_generate", no_compiling)
    for name in sorted(TEMPLATES):
        renderer.env.get_template(name)
        assert renderer.env._literal[name] == TEMPLATES[name][2]


def test_notes_are_the_same_whether_compiled_ahead_or_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = load_vault(copy_vault(EXAMPLE, tmp_path / "v"))
    ahead = plan(vault, TODAY, Renderer(vault.root))
    _compiled_here(monkeypatch)
    here = plan(vault, TODAY, Renderer(vault.root))
    assert [(p.path, p.text, p.problem) for p in ahead] == [(p.path, p.text, p.problem) for p in here]
    assert any(p.text for p in ahead)


def test_an_override_of_the_same_name_renders_its_own_text(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "a.md": "# a\n",
        ".vaultkit/templates/People.rows.md.j2":
            "{% macro person(p) %}OVERRIDE {{ p.link }}\n{% endmacro %}{% macro incomplete(p) %}{% endmacro %}\n"})
    renderer = Renderer(root)
    renderer.start(1)
    assert renderer.macro("People.rows.md.j2", "person")({"link": "x"}) == "OVERRIDE x\n"
    assert precompiled.code_of("People.rows.md.j2", str(root / ".vaultkit/templates/People.rows.md.j2"),
                               (root / ".vaultkit/templates/People.rows.md.j2").read_text(),
                               str(packaged_templates())) is None


def test_only_the_text_it_was_made_from() -> None:
    shipped = str(packaged_templates())
    path = packaged_templates() / "People.md.j2"
    text = path.read_text(encoding="utf-8")
    assert precompiled.code_of("People.md.j2", str(path), text, shipped) is not None or jinja2.__version__ != JINJA2
    assert precompiled.code_of("People.md.j2", str(path), text + "edited\n", shipped) is None
    assert precompiled.code_of("People.md.j2", str(path), text, "/elsewhere") is None
    assert precompiled.code_of("People.md.j2", "/elsewhere/People.md.j2", text, shipped) is None
    assert precompiled.code_of(None, str(path), text, shipped) is None


def _failure(renderer: Renderer) -> str:
    renderer.start(10)
    with pytest.raises(TemplateProblem) as caught:  # a function is no data to print
        renderer.macro("People.rows.md.j2", "person")({"link": len, "role": "", "topics": [], "met_at": "",
                                                        "met_on": "", "last_contact": ""})
    return str(caught.value)


def test_a_failing_shipped_template_is_named_with_its_line_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = _failure(Renderer(None))
    _compiled_here(monkeypatch)
    here = _failure(Renderer(None))
    assert ahead == here
    assert ahead.startswith("template templates/People.rows.md.j2:3: ")


def test_the_budget_counts_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    def spent(renderer: Renderer) -> tuple[int, int]:
        renderer.start(10)
        renderer.render("People.md.j2", {"companies": [], "incomplete": "", "incomplete_loose": 2, "total": 3,
                                         "company_count": 0})
        return renderer.env.budget.steps, renderer.env.budget.text

    ahead = spent(Renderer(None))
    _compiled_here(monkeypatch)
    assert spent(Renderer(None)) == ahead
