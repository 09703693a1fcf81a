"""A macro called from a template with all its parameters, in order, is called straight (no
`Context.call`, no `Macro.__call__`: the rows of Follow-ups.md call two each, thousands of
times); it renders exactly what the general path renders, spends the same budget, and every
other call (defaults, keywords, `caller`, `varargs`, autoescape) still takes the general path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_vault
from vaultkit.views import sandbox
from vaultkit.views.render import Renderer, TemplateProblem

TEMPLATES = ".vaultkit/templates"
MACROS = """\
{% macro one(p) %}<{{ p.name }}|{{ p.tags | join_md }}>{% endmacro %}
{% macro two(a, b) %}{{ a }}+{{ b }}{% endmacro %}
{% macro dflt(a, b="bee") %}{{ a }}/{{ b }}{% endmacro %}
{% macro empty() %}nothing{% endmacro %}
{% macro spread() %}{{ varargs | join(",") }}{{ kwargs | dictsort | join(",") }}{% endmacro %}
{% macro wrap(x) %}[{{ caller(x) }}]{% endmacro %}
"""
CALLS = [
    "{{ one(p) }}",
    "{% for q in [p, p] %}{{ one(q) }};{% endfor %}",
    "{{ two(1, 'x') }}",
    "{{ dflt('a') }} {{ dflt('a', 'b') }} {{ dflt(b='c', a='d') }} {{ dflt('a', b='e') }}",
    "{{ empty() }}",
    "{{ spread(1, 2, k='v') }}",
    "{% call(v) wrap(3) %}in {{ v }}{% endcall %}",
    "{% autoescape true %}{{ two('<b>', '&') }}{% endautoescape %}",
    "{{ one(p) ~ two(1, 2) }}",
]
CONTEXT = {"p": {"name": "Ada | Lovelace", "tags": ["a", "b|c"]}}


def _render(root: Path, body: str) -> tuple[str, int, int]:
    write_vault(root, {f"{TEMPLATES}/People.md.j2": MACROS + body + "\n"})
    renderer = Renderer(root)
    renderer.start(100)
    text = renderer.render("People.md.j2", CONTEXT)
    return text, renderer.env.budget.steps, renderer.env.budget.text


@pytest.mark.parametrize("body", CALLS)
def test_a_macro_renders_and_costs_the_same_on_either_path(tmp_path: Path, body: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _render(tmp_path / "fast", body)
    monkeypatch.setattr(sandbox, "_plain_macro", lambda *args: False)
    assert _render(tmp_path / "general", body) == fast


def test_only_calls_that_come_down_to_the_function_are_made_straight(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[bool] = []
    plain = sandbox._plain_macro
    monkeypatch.setattr(sandbox, "_plain_macro", lambda *args: taken.append(plain(*args)) or taken[-1])
    _render(tmp_path / "a", "{{ dflt('a') }}{{ dflt('a', 'b') }}{{ spread(1) }}{{ two(1, 2) }}"
                            "{% for q in [p] %}{{ one(q) }}{% endfor %}")
    assert taken == [False, True, False, True, True]  # (`spread(k=1)`, with keywords: not even asked)
    taken.clear()
    _render(tmp_path / "b", "{% autoescape true %}{{ two(1, 2) }}{% endautoescape %}{% call(v) wrap(3) %}{% endcall %}")
    # `wrap(3)` is given `caller` (not even asked); the `caller(x)` inside is a plain call of the block.
    assert taken == [False, True]


def test_a_macro_calling_itself_still_stops_at_the_depth_bound(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem, match="nested more than"):
        _render(tmp_path, "{% macro m(x) %}{{ m(x) }}{% endmacro %}{{ m(1) }}")
