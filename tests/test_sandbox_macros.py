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


LOOPS = [
    "{% for x in [1, 2, 3] %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}"
    "{% if loop.first %}F{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}",
    "{% for x in range(4) %}{{ loop.length }}{% if not loop.first %}{{ loop.previtem }}{% endif %}"
    "{% if not loop.last %}{{ loop.nextitem }}{% endif %}{% endfor %}",
    "{% for x in [[1], [2, [3]]] recursive %}{{ loop.depth }}{{ loop.depth0 }}{% if x is iterable %}"
    "{{ loop(x) }}{% endif %}{% endfor %}",
    "{% for x in 'ab' %}{{ loop.cycle('odd', 'even') }}{{ loop.changed(x) }}{% endfor %}",
    "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
]


@pytest.mark.parametrize("body", LOOPS)
def test_a_loops_own_values_read_straight_are_what_the_sandbox_gives(tmp_path: Path, body: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`loop.last` and the like are read straight (Events.md's rows ask for them thousands of times);
    text, budget and refusals are the sandbox's own (a name starting with `_` is still refused)."""
    def outcome(root: Path) -> object:
        try:
            return _render(root, body)
        except TemplateProblem as exc:
            return str(exc)
    fast = outcome(tmp_path / "fast")
    monkeypatch.setattr(sandbox, "_LOOP_ATTRS", frozenset())
    assert outcome(tmp_path / "general") == fast
    assert isinstance(fast, str) == ("_iterator" in body)  # (a refusal's message, else text and budget)
