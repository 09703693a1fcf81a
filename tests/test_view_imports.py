"""Views are plugins: the shipped views are registered like a third party's, import no other
view module, and listing them imports none of them (a build with nothing to do stays fast)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE, ROOT
from vaultkit.views.registry import ANY, ViewSet, default_views

BUILTIN = ROOT / "vaultkit" / "views" / "builtin"
PACKAGE = "vaultkit.views.builtin"


def imported(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (functions too), as absolute names."""
    package = PACKAGE  # every file walked is in it (relative imports start there)
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the file's package upwards
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]  # `from pkg import mod`
    return found


def test_no_builtin_view_module_imports_another() -> None:
    files = sorted(BUILTIN.glob("*.py"))
    assert len(files) >= 9
    bad = [f"{path.relative_to(ROOT)}:{line}: imports {name}"
           for path in files for line, name in imported(path)
           if name == PACKAGE or name.startswith(PACKAGE + ".")]
    assert not bad, ("a view module imports another (move what they share to vaultkit/views/derived/):\n"
                     + "\n".join(bad))


def test_the_walk_sees_every_form_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import vaultkit.views.builtin.people\nfrom . import events\nfrom .brag import x\n"
                      "def f():\n    from vaultkit.views.builtin import dashboard\n", encoding="utf-8")
    names = [name for _, name in imported(sample)]
    assert "vaultkit.views.builtin.people" in names and "vaultkit.views.builtin.events" in names
    assert "vaultkit.views.builtin.brag" in names and "vaultkit.views.builtin.dashboard" in names


def test_the_nine_notes_come_from_registered_views_in_order() -> None:
    views = default_views()
    assert isinstance(views, ViewSet)
    assert [v.note for v in views] == ["People.md", "Follow-ups.md", "Events.md", "Brag.md", "Interviews.md",
                                       "Sharing.md", "Communities.md", "Goals.md", "Dashboard.md"]
    assert [v.key for v in views] == ["people", "followups", "events", "brag", "interviews", "sharing",
                                      "communities", "goals", "dashboard"]
    assert all(v.origin == "vaultkit" and isinstance(v.context, str) for v in views)
    assert views.get("dashboard") is not None and ANY in views.get("dashboard").reads  # type: ignore[union-attr]
    for view in views:  # each region is named by the view's key
        template = (ROOT / "templates" / view.template).read_text(encoding="utf-8")
        assert f"<!-- vaultkit:begin {view.key} -->" in template


def test_listing_the_views_and_a_build_with_nothing_to_do_import_no_view(tmp_path: Path) -> None:
    import shutil

    vault = tmp_path / "v"
    shutil.copytree(EXAMPLE, vault)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(vault), "build"],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    probe = (
        "import sys\n"
        "from vaultkit.views.registry import default_views\n"
        "assert len(default_views()) == 9\n"
        "from vaultkit.disk.build import build\n"
        f"report = build({str(vault)!r})\n"
        "assert not report.created and not report.updated, report\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('vaultkit.views.builtin.', "
        "'vaultkit.views.derived', 'vaultkit.views.plan', 'jinja2')))\n"
        "assert not loaded, loaded\n"
    )
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT)
    assert second.returncode == 0, second.stderr
