"""Templates are data, not code (issue 9, point 1; SPEC §4).

Every template renders in a bounded sandbox (`vaultkit.views.sandbox`): the known server-side
template injection payloads reach no Python internals, run nothing and read no file;
loops, values, output and recursion are bounded; only regular files inside
`.vaultkit/templates/` load; and a bad template refuses its own generated note only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from tests.conftest import EXAMPLE, ROOT, copy_vault, snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk.load import load_vault
from vaultkit.live.session import Session
from vaultkit.views import budget as sandbox
from vaultkit.views.plan import plan
from vaultkit.views.registry import default_views
from vaultkit.views.render import Renderer, TemplateProblem, md_escape

INDEXES = [view.note for view in default_views()]  # the index notes vaultkit ships, in order

TEMPLATES = ".vaultkit/templates"
HEAD = "line one\n{% set ok = 1 %}\n"  # the payload goes on line 3: errors must say so
# Known Jinja2 SSTI payloads (PayloadsAllTheThings, HackTricks, Jinja2's own sandbox bypass
# reports) and variants through every door the language has. `MARK` is a file a payload that
# ran code would create.
ATTACKS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__.__subclasses__()[40]('/etc/passwd').read() }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ request.application.__globals__.__builtins__.__import__('os').popen('touch MARK').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch MARK').read() }}",
    "{{ lipsum.__globals__.__builtins__.open('/etc/passwd').read() }}",
    "{{ range.__init__.__globals__ }}",
    "{{ self.__init__.__globals__.__builtins__ }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch MARK') }}",
    "{{ self._TemplateReference__context }}",
    "{{ self }}",
    "{{ config.__class__.__init__.__globals__['os'] }}",
    "{{ ''|attr('__class__')|attr('__mro__') }}",
    "{{ ''['__class__']['__mro__'] }}",
    "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ (''|attr('__cla' ~ 'ss__')) }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{{ '{0.__class__}'.format_map({'0': ''}) }}",
    "{{ '{x.__class__}'.format_map({'x': ''}) }}",
    "{{ ''.format.__globals__ }}",
    "{{ '%s' % ''.upper }}",
    "{{ '%r' % self }}",
    "{{ '{}'.format(''.upper) }}",
    "{{ 'a' ~ self }}",
    "{{ ''.upper }}",
    "{{ ''.upper|string }}",
    "{{ ''.upper|lower }}",
    "{{ ''.upper|format }}",
    "{{ [[1], ''.upper] }}",
    "{{ {'a': [1, self]} }}",
    "{{ ['']|map('attr', '__class__')|list }}",
    "{{ [''] | map(attribute='__class__') | list }}",
    "{{ ('{0.__class__}'|attr('format'))('') }}",
    "{{ ('{:1000000000}'|attr('format'))(1) }}",
    "{% set f = '{0.__class__}'.format %}{{ f('') }}",
    "{{ range }}",
    "{{ dict.mro() }}",
    "{{ dict.fromkeys(range(9), 1) }}",
    "{{ namespace.__dict__ }}",
    "{% set x = namespace() %}{{ x._Namespace__attrs }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ [1, 2].pop() }}",
    "{% set d = {} %}{{ d.update(a=1) }}",
    "{{ 'x'|random }}",
    "{{ 'x'|pprint }}",
    "{{ 'x'|xmlattr }}",
    "{{ ''.encode('utf-8') }}",
    "{{ (1).to_bytes(9, 'big') }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../vaultkit.toml' %}",
    "{% include '../templates/People.md.j2' %}",
    "{% import '/etc/hostname' as h %}",
    "{% extends '../../People/Ada Lovelace.md' %}",
    "{% from '//etc/passwd' import x %}",
    "{{ nothing_by_that_name }}",
    "{{ 1 / 0 }}",
    "{{ 1 // 0 }}",
    "{{ 1 + 'a' }}",
    "{{ 2.0 ** 100000 }}",
    "{{ 'abc'[9] }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% for a in range(100000) %}{% for b in range(100000) if b < 0 %}{% endfor %}{% endfor %}",
    "{% for a in range(10**9) %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 'x' * 1000000000 }}",
    "{{ [0] * 1000000000 }}",
    "{{ 2 ** 1000000 }}",
    "{% set s = 'x' * 100000 %}{% for i in range(100000) %}{{ s }}{% endfor %}",
    "{% set s = 'x' * 100000 %}{% for i in range(100000) %}{% for j in range(2) %}XXXX{% endfor %}{% endfor %}",
    "{% set s = 'x' * 1000000 %}{{ ''.join([s] * 1000) }}",
    "{% set s = 'x' * 1000000 %}{{ ([s] * 1000)|join }}",
    "{% set s = 'x' * 1000000 %}{{ ([s] * 1000)|join(s) }}",
    "{% set s = 'x' * 1000000 %}{{ ([s] * 1000)|join_md }}",
    "{% set s = 'x' * 1000000 %}{{ ([s, s])|join_md(s * 5) }}",
    "{% set s = '<' * 1000000 %}{% for i in range(100000) %}{{ [s, s]|join_md }}{% endfor %}",
    "{{ range(10**9)|join_md }}",
    "{{ [''.upper]|join_md }}",
    "{{ [1, [self]]|join_md }}",
    "{{ [nothing_by_that_name]|join_md }}",
    "{% set ns = namespace(a='x') %}{% for i in range(80) %}{% set ns.a = ns.a ~ ns.a %}{% endfor %}",
    "{% set ns = namespace(a='x') %}{% for i in range(80) %}{% set ns.a = ns.a + ns.a %}{% endfor %}",
    "{% set ns = namespace(a=[1]) %}{% for i in range(80) %}{% set ns.a = [ns.a, ns.a] %}{% endfor %}"
    "{{ ns.a == ns.a }}",
    "{% set s = 'x' * 4000000 %}{% for i in range(100000) %}{% if 'y' in s %}{% endif %}{% endfor %}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'|indent(1000000000, true) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ 'x'.zfill(1000000000) }}",
    "{{ '\\t'.expandtabs(1000000000) }}",
    "{{ '%1000000000s' % 1 }}",
    "{{ '%*s' % (1000000000, 1) }}",
    "{{ '%.1000000000f' % 1 }}",
    "{{ '{:1000000000}'.format(1) }}",
    "{{ '{:{w}}'.format(1, w=1000000000) }}",
    "{{ '%1000000000s'|format(1) }}",
    "{{ ('x' * 1000000)|replace('x', 'x' * 1000) }}",
    "{{ 'abc'|replace('', 'x' * 5000000) }}",
    "{{ [1]|batch(1000000000, 'x')|list }}",
    "{{ [1]|slice(1000000000)|list }}",
    "{{ [[1] * 100000] * 100000|sum(start=[]) }}",
    "{% for i in range(100000) %}{% include 'People.md.j2' %}{% endfor %}",
    "{% for i in range(100000) %}{{ loop.cycle(*range(100000)) }}{% endfor %}",
    "{% set l = range(100000)|list %}{% for i in range(100000) %}{% if -1 in l %}{% endif %}{% endfor %}",
    "{% set l = range(100000)|list %}{% for i in range(100000) %}{% if l == l[1:] %}{% endif %}{% endfor %}",
    "{% for i in range(100000) %}{{ range(100000)|list|length }}{% endfor %}",
    "{% set ns = namespace(a=range(1000)|list) %}{% for i in range(60) %}{% set ns.a = ns.a + ns.a %}{% endfor %}",
]


def _render(root: Path, template: str, notes: int = 100) -> str:
    renderer = Renderer(root)
    renderer.start(notes)
    return renderer.render("People.md.j2", {"total": 0, "company_count": 0, "companies": [], "incomplete": ""})


@pytest.mark.parametrize("payload", ATTACKS)
def test_known_attacks_are_stopped_with_the_template_and_line(tmp_path: Path, payload: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write_vault(tmp_path, {f"{TEMPLATES}/People.md.j2": HEAD + payload + "\nafter\n"})
    # Where `touch MARK` would land; put back after (a later test's `python -m vaultkit` imports
    # vaultkit from the working folder: left here, it got another tree's from the installed path).
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateProblem) as caught:
        _render(tmp_path, payload)
    message = str(caught.value)
    assert message.startswith(f"template {TEMPLATES}/People.md.j2:3: "), message
    assert not (tmp_path / "MARK").exists()
    for leak in ("0x", "<function", "<built-in", "<class", "root:", "__builtins__': {"):
        assert leak not in message  # nothing of Python's internals, nor of a file, in the message


@pytest.mark.parametrize("payload", [
    "{{ range(3)|list }} {{ {'a': 1} }} {{ [1, 'b'] }}",
    "{% set ns = namespace(n=0) %}{% for i in range(5) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
    "{{ '%s-%05.1f' % ('a', 2.5) }} {{ '{:>6}|{}'.format('r', 3) }} {{ 'x' ~ 1 ~ none }}",
    "{{ ['b', 'a']|sort|join(',') }} {{ 'A b'|lower|replace('b', 'c') }} {{ 3 in [1, 3] }} {{ 2 < 3 < 4 }}",
    "{% for k, v in {'a': 1}|dictsort %}{{ k }}={{ v }}{% endfor %}{{ 'x'|center(5) }}|{{ (2 ** 10) }}",
])
def test_ordinary_template_code_still_works(tmp_path: Path, payload: str) -> None:
    write_vault(tmp_path, {f"{TEMPLATES}/People.md.j2": payload})
    text = _render(tmp_path, payload)
    assert "0x" not in text and text.strip()


@given(st.lists(st.one_of(st.text(max_size=12), st.integers(), st.none(), st.booleans(), st.dates(),
                          st.text(max_size=6).map(Markup), st.lists(st.text(max_size=4), max_size=2)), max_size=5),
       st.one_of(st.none(), st.text(max_size=3), st.text(max_size=3).map(Markup)))
@settings(max_examples=200, deadline=None)
def test_join_md_joins_as_its_plain_definition_did(items: list[Any], sep: str | None) -> None:
    """`join_md` is its own bounded filter (the rows call it for every list they show): it makes
    what the general bounded filter made of `Markup(sep.join(i if Markup else md_escape(i)))`."""
    env = Renderer().env
    old = env.bounded_filter("join_md", lambda items, sep=", ": Markup(sep.join(
        str(i) if isinstance(i, Markup) else md_escape(i) for i in items)))
    new = env.filters["join_md"]
    for value in (items, tuple(items), iter(items)):
        args = () if sep is None else (sep,)
        made = new(None, value, *args)
        assert type(made) is Markup
        assert made == old(None, list(items), *args)


def test_the_bounds_say_which_bound_stopped_the_template(tmp_path: Path) -> None:
    cases = {
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}": "steps",
        "{{ 'x' * 10**9 }}": "characters",
        "{% set s = 'x' * 100000 %}{% for i in range(100000) %}{{ s }}{% endfor %}": "characters",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}": "nested more than",
        "{% for a in range(10**9) %}{% endfor %}": "MAX_RANGE",
        "{{ '%1000000000s' % 1 }}": "width",
    }
    for payload, bound in cases.items():
        write_vault(tmp_path, {f"{TEMPLATES}/People.md.j2": payload})
        with pytest.raises(TemplateProblem, match=bound):
            _render(tmp_path, payload)


def test_the_budget_grows_with_the_vault_and_a_loop_stops_within_it(tmp_path: Path) -> None:
    small, large = sandbox.Budget.for_notes(10), sandbox.Budget.for_notes(50_000)
    assert large.max_steps > small.max_steps and large.max_text > small.max_text
    write_vault(tmp_path, {f"{TEMPLATES}/People.md.j2":
                           "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"})
    renderer = Renderer(tmp_path)
    renderer.start(10)
    with pytest.raises(TemplateProblem):
        renderer.render("People.md.j2", {})
    assert small.max_steps < renderer.env.budget.steps <= small.max_steps + 1


def test_shipped_templates_stay_far_below_the_budget(tmp_path: Path) -> None:
    """Per note, the shipped templates spend a small share of the budget, on a real vault and a
    generated one: on 50,000 notes (the budget grows with the vault) they never come near it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_vault import generate

    generate(tmp_path / "gen", 1500, seed=7)
    for root in (EXAMPLE, tmp_path / "gen"):
        vault = load_vault(root)
        renderer = Renderer(vault.root)
        spent: list[tuple[int, int]] = []
        start = renderer.start

        def track(notes: int, start=start, renderer=renderer, spent=spent) -> None:  # type: ignore[no-untyped-def]
            spent.append((renderer.env.budget.steps, renderer.env.budget.text))
            start(notes)
        renderer.start = track  # type: ignore[method-assign]
        planned = plan(vault, dt.date(2026, 6, 30), renderer)
        spent.append((renderer.env.budget.steps, renderer.env.budget.text))
        assert not [p for p in planned if p.problem]
        n = len(vault.notes)
        for steps, text in spent[1:]:
            assert steps <= (sandbox.STEPS_PER_NOTE * n + sandbox.STEPS_BASE) / 20
            assert text <= (sandbox.TEXT_PER_NOTE * n + sandbox.TEXT_BASE) / 8
            assert steps <= 10 * n + 2000 and text <= 1000 * n + 50_000  # per note, far from 200 and 8 KiB


# --- only regular files inside .vaultkit/templates/ ----------------------------------------------

def test_a_symlinked_template_is_refused_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET {{ 1 }}\n")
    vault = write_vault(tmp_path / "v", {f"{TEMPLATES}/.keep": ""})
    (vault / TEMPLATES / "People.md.j2").symlink_to(secret)
    with pytest.raises(TemplateProblem, match=r"People\.md\.j2 is a symlink") as caught:
        _render(vault, "")
    assert "TOP SECRET" not in str(caught.value)


@pytest.mark.parametrize("linked", [".vaultkit", ".vaultkit/templates"])
def test_a_symlinked_templates_folder_is_refused(tmp_path: Path, linked: str) -> None:
    elsewhere = write_vault(tmp_path / "elsewhere", {"templates/People.md.j2": "EVIL\n",
                                                     "People.md.j2": "EVIL\n"})
    vault = tmp_path / "v"
    (vault / linked).parent.mkdir(parents=True, exist_ok=True)
    (vault / linked).symlink_to(elsewhere)
    with pytest.raises(TemplateProblem, match=f"{linked} is a symlink"):
        _render(vault, "")


def test_include_goes_through_the_same_loader(tmp_path: Path) -> None:
    secret = tmp_path / "secret.j2"
    secret.write_text("TOP SECRET\n")
    vault = write_vault(tmp_path / "v", {
        f"{TEMPLATES}/People.md.j2": "a\n{% include 'parts/row.j2' %}\n{% include 'parts/link.j2' %}\n",
        f"{TEMPLATES}/parts/row.j2": "row {{ 1 + 1 }}\n"})
    (vault / TEMPLATES / "parts" / "link.j2").symlink_to(secret)
    with pytest.raises(TemplateProblem, match=r"templates/parts/link\.j2 is a symlink") as caught:
        _render(vault, "")
    assert str(caught.value).startswith(f"template {TEMPLATES}/People.md.j2:3:")
    (vault / TEMPLATES / "parts" / "link.j2").unlink()
    (vault / TEMPLATES / "parts" / "link.j2").write_text("{{ 1 / 0 }}\n")
    with pytest.raises(TemplateProblem, match=f"template {TEMPLATES}/parts/link.j2:1: ZeroDivisionError"):
        _render(vault, "")


def test_a_fifo_or_folder_in_place_of_a_template_is_refused(tmp_path: Path) -> None:
    vault = write_vault(tmp_path, {f"{TEMPLATES}/.keep": ""})
    os.mkfifo(vault / TEMPLATES / "People.md.j2")  # reading it would block forever
    with pytest.raises(TemplateProblem, match="not a regular file"):
        _render(vault, "")


def test_a_template_override_of_the_shipped_one_may_include_the_shipped_rows(tmp_path: Path) -> None:
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    write_vault(vault, {f"{TEMPLATES}/Dashboard.md.j2": "{% import 'People.rows.md.j2' as rows %}"
                                                         "---\nvaultkit: generated\n---\n"
                                                         "<!-- vaultkit:begin dashboard -->\nmine\n"
                                                         "<!-- vaultkit:end dashboard -->\n"})
    result = CliRunner().invoke(cli, ["--vault", str(vault), "build"])
    assert result.exit_code == 0, result.output
    assert "mine" in (vault / "Vaultkit" / "Dashboard.md").read_text()


def test_check_names_the_templates_that_cannot_load(tmp_path: Path) -> None:
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    write_vault(vault, {f"{TEMPLATES}/People.md.j2": "ok\n{% if %}\n", f"{TEMPLATES}/parts/fine.j2": "{{ 1 }}\n"})
    (vault / TEMPLATES / "Brag.md.j2").symlink_to("/etc/passwd")
    result = CliRunner().invoke(cli, ["--vault", str(vault), "check", "--format", "json"])
    assert result.exit_code == 1
    found = {(d["path"], d["line"]): d["message"] for d in json.loads(result.output)["diagnostics"]
             if d["code"] == "template-error"}
    assert sorted(found) == [(f"{TEMPLATES}/Brag.md.j2", None), (f"{TEMPLATES}/People.md.j2", 2)]
    assert "is a symlink" in found[(f"{TEMPLATES}/Brag.md.j2", None)] and "root:" not in str(found)
    assert "syntax error" in found[(f"{TEMPLATES}/People.md.j2", 2)]


def test_check_names_the_notes_whose_templates_fail_when_rendered(tmp_path: Path) -> None:
    """Templates that load but fail in the sandbox: `check` renders them as `build` would, so it
    never passes a vault that `build` fails; it writes nothing."""
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    write_vault(vault, {f"{TEMPLATES}/Events.md.j2": "---\nvaultkit: generated\n---\n{{ ''.__class__ }}\n",
                        f"{TEMPLATES}/Brag.md.j2": "{% include '../../vaultkit.toml' %}\n"})
    before = snapshot(vault)
    result = CliRunner().invoke(cli, ["--vault", str(vault), "check", "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {d["path"]: d["message"] for d in json.loads(result.output)["diagnostics"]
             if d["code"] == "generated-refused"}
    assert sorted(found) == ["Vaultkit/Brag.md", "Vaultkit/Events.md"]
    assert "Events.md.j2:4" in found["Vaultkit/Events.md"] and "unsafe" in found["Vaultkit/Events.md"]
    assert "not allowed" in found["Vaultkit/Brag.md"]
    assert snapshot(vault) == before


# --- a bad template refuses its own note only ------------------------------------------------------

BAD = "---\nvaultkit: generated\n---\n{{ 1 / 0 }}\n"


@pytest.mark.parametrize(("name", "refused"), [
    ("People.md.j2", "People.md"),
    ("People.rows.md.j2", "People.md"),  # a row-macro template, overridden by the vault
    ("Follow-ups.rows.md.j2", "Follow-ups.md"),
    ("Brag.rows.md.j2", "Brag.md"),
    ("Events.rows.md.j2", "Events.md"),
    ("Communities.rows.md.j2", "Communities.md"),  # (no macro `section`: that is its problem too)
])
def test_build_refuses_only_the_note_of_a_bad_template(tmp_path: Path, name: str, refused: str) -> None:
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    runner = CliRunner()
    assert runner.invoke(cli, ["--vault", str(vault), "build"]).exit_code == 0
    before = snapshot(vault)
    source = "{% macro " + ("person(p)" if "People" in name else "x()") + " %}{{ p.link / 0 }}{% endmacro %}\n"
    if name == "Follow-ups.rows.md.j2":
        source = "\n{% macro due(p) %}{{ p.days // 0 }}{% endmacro %}\n{% macro never(p) %}{{ 1 // 0 }}{% endmacro %}\n"
    elif name == "Brag.rows.md.j2":
        source = "\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    elif name == "Events.rows.md.j2":
        source = "{% macro talk(e) %}{{ e.__class__ }}{% endmacro %}\n{{ self.x }}\n"
    write_vault(vault, {f"{TEMPLATES}/{name}": source if name != "People.md.j2" else BAD})
    result = runner.invoke(cli, ["--vault", str(vault), "build"])
    assert result.exit_code == 1
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert f"Vaultkit/{refused}: error: not regenerated: template {TEMPLATES}/{name}:" in result.output
    after = snapshot(vault)
    assert after[f"Vaultkit/{refused}"] == before[f"Vaultkit/{refused}"]  # left exactly as it was
    assert "8 unchanged, 1 refused" in result.output
    # The other notes still build: remove them and build again.
    for other in INDEXES:
        if other != refused:
            (vault / "Vaultkit" / other).unlink()
    result = runner.invoke(cli, ["--vault", str(vault), "build"])
    assert result.exit_code == 1 and "8 created, 0 updated, 0 unchanged, 1 refused" in result.output


def test_a_bad_template_gives_a_diagnostic_from_a_real_process(tmp_path: Path) -> None:
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    shutil.rmtree(vault / "Vaultkit")
    write_vault(vault, {f"{TEMPLATES}/Brag.md.j2": "ok\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n"})
    done = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(vault), "build"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert (f"Vaultkit/Brag.md: error: not regenerated: template {TEMPLATES}/Brag.md.j2:2: access to attribute "
            "'__class__' of 'str' object is unsafe") in done.stderr
    assert (vault / "Vaultkit" / "People.md").is_file() and not (vault / "Vaultkit" / "Brag.md").exists()


def test_watch_refuses_the_note_then_builds_it_once_the_template_is_fixed(tmp_path: Path) -> None:
    vault = copy_vault(EXAMPLE, tmp_path / "v")
    shutil.rmtree(vault / "Vaultkit")
    write_vault(vault, {f"{TEMPLATES}/People.rows.md.j2": "{% macro person(p) %}{{ p.nope }}{% endmacro %}\n"
                                                          "{% macro incomplete(p) %}{% endmacro %}\n"})
    session = Session(str(vault), dt.date(2026, 6, 30))
    session.load()
    report = session.rebuild()
    assert [d.path for d in report.diagnostics] == ["Vaultkit/People.md"]
    assert f"template {TEMPLATES}/People.rows.md.j2:1: 'dict object' has no attribute 'nope'" in \
        report.diagnostics[0].message
    assert len(report.created) == 8 and not (vault / "Vaultkit" / "People.md").exists()
    # An edit that re-renders the people rows refuses People.md again, and only it.
    person = vault / "People" / "Aisha Bello.md"
    person.write_text(person.read_text() + "\nmore\n")
    session.update({"People/Aisha Bello.md"})
    report = session.rebuild()
    assert [d.path for d in report.diagnostics] == ["Vaultkit/People.md"]
    (vault / TEMPLATES / "People.rows.md.j2").unlink()
    update = session.update({f"{TEMPLATES}/People.rows.md.j2"})
    assert update.reloaded
    report = session.rebuild()
    assert not report.diagnostics and report.created == ["Vaultkit/People.md"]


FRAGMENTS = [
    "text ", "\n", "{{ x }}", "{{ y }}", "{% set y = x %}", "{% for i in range(3) %}", "{% for c in x %}",
    "{% endfor %}", "{% if x %}", "{% else %}", "{% endif %}", "{% macro m() %}", "{% endmacro %}", "{{ m() }}",
    "{{ 1 / 0 }}", "{{ x.__class__ }}", "{{ 'a' ~ x }}", "{{ [x, 1]|join('-') }}", "{{ x|upper }}",
    "{{ 'x' * 3 }}", "{{ x * 100000 }}", "{{ self }}", "{{ range(2)|list }}", "{% include 'People.md.j2' %}",
    "{{ x > 1 }}", "{{ 2 ** 10 }}", "{{ '%s' % x }}", "{{ '{}'.format(x) }}", "{{ loop.index }}",
    "{{ x.upper }}", "{{ {'a': x}|dictsort }}", "{{ (x, x)|first }}", "{{ x|replace('a', x) }}",
    "{{ nothing }}", "{{ x[0] }}", "{{ x|attr('upper') }}", "{% set ns = namespace(a=x) %}{{ ns.a }}",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
@settings(max_examples=150, deadline=None)
def test_any_template_renders_or_is_a_template_problem(parts: list[str]) -> None:
    """Whatever a template holds, rendering gives text or a `TemplateProblem` naming the file,
    never another exception, and never a Python object's repr."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_vault(Path(folder), {f"{TEMPLATES}/People.md.j2": "".join(parts)})
        renderer = Renderer(root)
        renderer.start(10)
        try:
            text = renderer.render("People.md.j2", {"x": "ab|c"})
        except TemplateProblem as exc:
            assert str(exc).startswith(f"template {TEMPLATES}/People.md.j2"), str(exc)
        else:
            assert "0x" not in text and "<" not in text.replace("&lt;", "")
