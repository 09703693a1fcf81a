"""Plugins through the real entry-point machinery: a package installed in a temporary folder on
`sys.path` (a `.dist-info` with `entry_points.txt`), loaded only when `vaultkit.toml` names it.
And `vaultkit.register_view` from a script."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import vaultkit
from tests.conftest import ROOT, snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.disk import fs
from vaultkit.plugins import forget_plugins
from vaultkit.views.registry import default_views

HOOK = '''
from pathlib import Path

def register(api):
    api.add_view("shares-by-kind", "Shares by kind", "Shares by kind.md.j2", reads=["share"],
                 context="{module}.views:context")
    api.add_templates(Path(__file__).parent / "templates")
    api.add_kind("share", {{"match": {{"folder": ["**/Sharing/", "**/Posts/"]}}}})
'''
VIEWS = '''
from collections import Counter

def context(facts):
    kinds = Counter(share.kind or "other" for share in facts.vault.shares)
    return {"kinds": sorted(kinds.items()), "today": facts.today.isoformat()}
'''
TEMPLATE = """---
vaultkit: generated
---
# Shares by kind

<!-- vaultkit:begin shares-by-kind -->
{% for kind, count in kinds %}
- {{ kind }}: {{ count }}
{% endfor %}
<!-- vaultkit:end shares-by-kind -->
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Path]]:
    """Install plugin packages into a folder on `sys.path`, as pip would lay them out."""
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    forget_plugins()

    def install(name: str, module: str, files: dict[str, str], entry: str | None = None) -> Path:
        for rel, text in files.items():
            path = folder / module / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        info = folder / f"{module}-1.2.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.2\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[vaultkit.plugins]\n{name} = {entry or module + ':register'}\n",
                                               encoding="utf-8")
        return folder

    yield install
    forget_plugins()
    for module in [m for m in sys.modules if m.startswith("vk_test_")]:
        del sys.modules[module]


def demo(site: Callable[..., Path], module: str = "vk_test_shares") -> Path:
    return site("shares", module, {"__init__.py": HOOK.format(module=module), "views.py": VIEWS,
                                   "templates/Shares by kind.md.j2": TEMPLATE})


def run(vault: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args])
    return result.exit_code, result.output


def test_a_plugin_named_in_the_config_adds_its_view_and_kind(example_copy: Path, site: Callable[..., Path]) -> None:
    demo(site)
    eight = {p.name: p.read_bytes() for p in (example_copy / "Vaultkit").glob("*.md")}
    write_vault(example_copy, {"Posts/2026-07-01 A post.md": "---\ndate: 2026-07-01\nkind: article\n---\n"})
    code, out = run(example_copy, "build")
    assert code == 0 and "Shares by kind.md" not in out, out  # not listed: not loaded
    assert "vk_test_shares" not in sys.modules
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n', encoding="utf-8")
    code, out = run(example_copy, "build")
    assert code == 0, out
    text = (example_copy / "Vaultkit" / "Shares by kind.md").read_text(encoding="utf-8")
    assert "- article: 3\n" in text and "<!-- vaultkit:end shares-by-kind " in text  # Posts/ is a share folder now
    assert "[[2026-07-01 A post]]" in (example_copy / "Vaultkit" / "Sharing.md").read_text(encoding="utf-8")
    assert eight["People.md"] == (example_copy / "Vaultkit" / "People.md").read_bytes()
    stamp = snapshot(example_copy)
    assert run(example_copy, "build") == (0, "0 created, 0 updated, 10 unchanged\n")
    assert snapshot(example_copy) == stamp
    assert run(example_copy, "check")[0] == 0


def test_a_plugin_template_renders_in_the_sandbox(example_copy: Path, site: Callable[..., Path]) -> None:
    site("shares", "vk_test_evil", {"__init__.py": HOOK.format(module="vk_test_evil"), "views.py": VIEWS,
                                    "templates/Shares by kind.md.j2": "{{ ''.__class__.__mro__ }}\n"})
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n', encoding="utf-8")
    code, out = run(example_copy, "build")
    assert code == 1 and "Vaultkit/Shares by kind.md: error: not regenerated: template" in out, out
    assert "9 unchanged, 1 refused" in out and "Traceback" not in out


@pytest.mark.parametrize(("hook", "code_", "says"), [
    (None, "plugin-missing", "no installed plugin is named 'shares'"),
    ("def register(api):\n    raise RuntimeError('boom')\n", "plugin-failed", "RuntimeError: boom"),
    ("import no_such_module_anywhere\ndef register(api): pass\n", "plugin-failed", "could not be imported"),
    ("def register(api):\n    api.add_view('people', 'Mine', 'x.md.j2', ['person'], 'a:b')\n", "plugin-failed",
     "view key 'people' of shares is taken by vaultkit"),
    ("def register(api):\n    api.add_view('Bad Key', 'X', 'x.md.j2', ['person'], 'a:b')\n", "plugin-failed",
     "view key 'Bad Key'"),
    ("register = 3\n", "plugin-failed", "not a function register(api)"),
])
def test_a_plugin_that_is_missing_or_fails_is_a_diagnostic_and_the_rest_builds(
        example_copy: Path, site: Callable[..., Path], hook: str | None, code_: str, says: str) -> None:
    if hook is not None:
        site("shares", "vk_test_broken", {"__init__.py": hook})
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n[outputs]\nshares-by-kind = "X"\n',
                    encoding="utf-8")
    (example_copy / "Vaultkit" / "People.md").unlink()
    code, out = run(example_copy, "build")
    assert code == 1 and f"[{code_}]" in out and says in out and "Traceback" not in out, out
    assert (example_copy / "Vaultkit" / "People.md").exists()  # built without it
    code, out = run(example_copy, "check")
    assert code == 1 and f"[{code_}]" in out and says in out
    assert "outputs.shares-by-kind: unknown generated note" in out  # a warning while its plugin is missing


def test_a_plugin_view_that_raises_refuses_its_note_only(example_copy: Path, site: Callable[..., Path]) -> None:
    site("shares", "vk_test_raises", {"__init__.py": HOOK.format(module="vk_test_raises"),
                                      "views.py": "def context(facts):\n    return 1 / 0\n",
                                      "templates/Shares by kind.md.j2": TEMPLATE})
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n', encoding="utf-8")
    code, out = run(example_copy, "build")
    assert code == 1 and "view 'shares-by-kind' of shares failed: ZeroDivisionError" in out, out
    assert "9 unchanged, 1 refused" in out


def test_plugins_must_be_a_list_of_names(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": "plugins = [1]\n", "a.md": "x"})
    _, diags = fs.read_config(str(root))
    assert [d.code for d in diags] == ["config-invalid"] and "plugins" in diags[0].message


def test_a_real_process_loads_the_plugin_from_its_path(example_copy: Path, site: Callable[..., Path]) -> None:
    folder = demo(site, "vk_test_process")
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n', encoding="utf-8")
    env = {"PYTHONPATH": f"{folder}:{ROOT}", "PATH": "/usr/bin:/bin",
           "XDG_CACHE_HOME": str(example_copy.parent / "cache")}
    done = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(example_copy), "build"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (example_copy / "Vaultkit" / "Shares by kind.md").exists()


def test_register_view_from_a_script(example_copy: Path, tmp_path: Path) -> None:
    templates = tmp_path / "my-templates"
    templates.mkdir()
    (templates / "Counts.md.j2").write_text(
        "---\nvaultkit: generated\n---\n<!-- vaultkit:begin counts -->\n{{ people }} people\n"
        "<!-- vaultkit:end counts -->\n", encoding="utf-8")

    def counts(facts: vaultkit.views.common.Facts) -> dict[str, int]:  # type: ignore[name-defined]
        return {"people": len(facts.vault.people)}

    view = vaultkit.register_view("counts", "Counts", "Counts.md.j2", reads=["person", "persons"],
                                  context=counts, templates=templates)
    try:
        assert default_views().get("counts") is view
        with pytest.raises(ValueError, match="taken"):
            vaultkit.register_view("counts", "Other", "Counts.md.j2", reads=["person"], context=counts)
        report = vaultkit.build(example_copy)
        assert report.created == ["Vaultkit/Counts.md"], report.diagnostics
        assert "19 people" in (example_copy / "Vaultkit" / "Counts.md").read_text(encoding="utf-8")
        vault = vaultkit.load_vault(example_copy)
        said = [d for d in vault.diagnostics if d.code == "view-topic"]  # a typo: a warning, built all the same
        assert [(d.path, d.severity.value) for d in said] == [("register_view", "warning")], vault.diagnostics
        assert "'persons'" in said[0].message and "person" in said[0].hint
        assert vault.config.views.get("counts") is view
    finally:
        vaultkit.unregister_view("counts")
    assert "counts" not in default_views() and not default_views().folders  # nothing left for later tests
    report = vaultkit.build(example_copy)  # without it the note stays, and check says it is stale
    assert not report.created and any(d.code == "output-stale" for d in report.notices)


def test_watch_keeps_a_plugin_view_current(example_copy: Path, site: Callable[..., Path]) -> None:
    from vaultkit.live.session import Session

    demo(site, "vk_test_watched")
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n', encoding="utf-8")
    vaultkit.build(example_copy)
    session = Session(str(example_copy))
    session.load()
    session.rebuild()
    note = example_copy / "Vaultkit" / "Shares by kind.md"
    assert "- talk: 1\n" in note.read_text(encoding="utf-8")
    write_vault(example_copy, {"Posts/2026-07-10 Talk video.md": "---\ndate: 2026-07-10\nkind: talk\n---\n"})
    session.update({"Posts/2026-07-10 Talk video.md"})  # a new share, found by the plugin's folder rule
    report = session.rebuild()
    assert "Vaultkit/Shares by kind.md" in report.updated and "Vaultkit/Sharing.md" in report.updated
    assert "- talk: 2\n" in note.read_text(encoding="utf-8")
    people = example_copy / "People" / "Ben Okafor.md"
    people.write_text(people.read_text(encoding="utf-8").replace("role: ", "role: Chief "), encoding="utf-8")
    session.update({"People/Ben Okafor.md"})
    report = session.rebuild()  # it reads `share` only: not planned for a person's edit
    assert "Vaultkit/Shares by kind.md" not in (*report.updated, *report.unchanged)


TALKS_HOOK = '''
def register(api):
    api.add_kind("talk", {"match": {"folder": "**/Talks/"}, "folder": "Talks",
                          "fields": {"stage": {"type": "enum", "values": ["idea", "submitted", "given"]},
                                     "date": {"type": "date"}}})
    api.add_view("talk-list", "Talk list", "Talk list.md.j2", reads=["talk"], context="vk_test_talks:context")
    api.add_templates(__import__("pathlib").Path(__file__).parent)


def context(facts):
    talks = facts.vault.of_kind("talk")
    return {"rows": [{"link": facts.link(n.path), "stage": n.fields.get("stage") or ""} for n in talks]}
'''
TALKS_TEMPLATE = """---
vaultkit: generated
---
<!-- vaultkit:begin talk-list -->
{% for row in rows %}
- {{ row.link }}: {{ row.stage }}
{% endfor %}
<!-- vaultkit:end talk-list -->
"""


def test_a_plugin_kind_is_a_kind_the_vault_can_extend(example_copy: Path, site: Callable[..., Path]) -> None:
    site("talks", "vk_test_talks", {"__init__.py": TALKS_HOOK, "Talk list.md.j2": TALKS_TEMPLATE})
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["talks"]\n'
                    '[kinds.talk.fields.stage]\nvalues = ["+accepted"]\n', encoding="utf-8")
    shutil.rmtree(example_copy / "Talks")  # the example vault's own talks (the example plugin's) aside
    write_vault(example_copy, {"Talks/Retry budgets.md": "---\nstage: accepted\ndate: 2026-09-01\n---\n",
                               "Talks/Pooling.md": "---\nstage: given\n---\n"})
    code, out = run(example_copy, "build")
    assert code == 0, out
    text = (example_copy / "Vaultkit" / "Talk list.md").read_text(encoding="utf-8")
    assert "- [[Pooling]]: given\n- [[Retry budgets]]: accepted\n" in text
    code, out = run(example_copy, "check")
    assert code == 0 and "accepted" not in out, out  # the vault's `+accepted` extends the plugin's values


def test_a_plugin_view_reading_an_unknown_topic_is_a_warning(example_copy: Path, site: Callable[..., Path]) -> None:
    site("shares", "vk_test_typo", {"__init__.py": HOOK.format(module="vk_test_typo").replace(
        'reads=["share"]', 'reads=["shares"]'), "views.py": VIEWS, "templates/Shares by kind.md.j2": TEMPLATE})
    toml = example_copy / "vaultkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'plugins = ["shares"]\n', encoding="utf-8")
    code, out = run(example_copy, "check")
    assert "plugin shares: warning: view 'shares-by-kind' reads unknown topic 'shares'" in out, out
    assert "Traceback" not in out
    code, out = run(example_copy, "build")
    assert code == 0 and (example_copy / "Vaultkit" / "Shares by kind.md").exists(), out
