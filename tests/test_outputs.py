"""Generated notes never break the user's links (issue 10, point 4): a generated note whose name
a note of the user's has is not written; `[outputs]` renames generated notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from tests.test_watch import RebuildSpy, Watcher
from vaultkit.cli.main import cli
from vaultkit.disk import fs
from vaultkit.disk.build import build
from vaultkit.live.session import Session
from vaultkit.live.watch import WatchOptions
from vaultkit.reader.model import Severity

ADA = "---\ntype: person\ncompany: Lumen\nrole: CTO\n---\n"
TODAY = 'today = "2026-06-30"\n'


def vault(tmp_path: Path, files: dict[str, str], toml: str = "") -> Path:
    return write_vault(tmp_path, {"vaultkit.toml": TODAY + toml, "People/Ada.md": ADA, **files})


def outputs(root: Path) -> list[str]:
    return sorted(p.relative_to(root / "Vaultkit").as_posix() for p in (root / "Vaultkit").rglob("*.md"))


@pytest.mark.parametrize("user_note", ["Notes/People.md", "people.md", "Deep/Er/PEOPLE.md"])
def test_a_user_note_named_like_a_generated_note_keeps_its_name(tmp_path: Path, user_note: str) -> None:
    root = vault(tmp_path, {user_note: "# My people\n", "Index.md": "See [[People]].\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output  # a warning: everything else was written
    assert "People.md" not in outputs(root) and "Dashboard.md" in outputs(root)
    assert f"your note {user_note} is also named 'People'" in result.stderr
    assert '[outputs]\n        people = "Network"' in result.stderr
    assert "1 not written (name taken)" in result.stdout
    dashboard = (root / "Vaultkit" / "Dashboard.md").read_text()
    # Not a link: the note is not written, and [[Vaultkit/People]] would lead nowhere (a trial
    # found that dangling link); never a link to the user's note either.
    assert "| People (not written: its name is taken, see `vaultkit check`) |" in dashboard
    assert "[[People]]" not in dashboard and "[[Vaultkit/People]]" not in dashboard and "[[Follow-ups]]" in dashboard
    # `check` says the same, and the user's link still goes to the user's note
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert result.exit_code == 0 and "[output-collision]" in result.stdout and "link-ambiguous" not in result.stdout


def test_names_compare_as_links_do_and_never_change_by_themselves(tmp_path: Path) -> None:
    root = vault(tmp_path, {"Notes/Re\u0301seau.md": "mine"}, '[outputs]\npeople = "Réseau"\n')
    report = build(root)
    assert [d.code for d in report.diagnostics] == ["output-collision"]
    assert report.diagnostics[0].path == "Vaultkit/Réseau.md"
    assert '[outputs]\n        people = "Network"' in report.diagnostics[0].hint
    assert outputs(root) == ["Brag.md", "Communities.md", "Dashboard.md", "Events.md", "Follow-ups.md", "Goals.md",
                             "Interviews.md", "Sharing.md"]  # no other name made up for it


def test_the_proposed_name_is_free(tmp_path: Path) -> None:
    root = vault(tmp_path, {"Dashboard.md": "mine", "Career dashboard.md": "mine too"})
    hint = build(root).diagnostics[0].hint
    assert 'dashboard = "Career dashboard (vaultkit)"' in hint


def test_outputs_rename_every_generated_note_and_every_link_to_it(tmp_path: Path) -> None:
    toml = '[outputs]\npeople = "Network"\nfollowups = "Due"\ndashboard = "Home"\n'
    root = vault(tmp_path, {"People.md": "my own note named People"}, toml)
    report = build(root)
    assert report.diagnostics == [] and "Vaultkit/Network.md" in report.created
    assert outputs(root) == ["Brag.md", "Communities.md", "Due.md", "Events.md", "Goals.md", "Home.md",
                             "Interviews.md", "Network.md", "Sharing.md"]
    home = (root / "Vaultkit" / "Home.md").read_text()
    assert "| [[Network]] |" in home and "| [[Due]] |" in home and "[[People]]" not in home
    assert "[[Ada]]" in (root / "Vaultkit" / "Network.md").read_text()
    assert build(root).unchanged  # and a second build finds nothing to do


def test_the_note_at_the_old_name_is_left_alone_with_a_hint(tmp_path: Path) -> None:
    root = vault(tmp_path, {})
    build(root)
    old = (root / "Vaultkit" / "People.md").read_bytes()
    (root / "vaultkit.toml").write_text(TODAY + '[outputs]\npeople = "Network"\n')
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output
    assert (root / "Vaultkit" / "People.md").read_bytes() == old  # never deleted, never rewritten
    assert "Vaultkit/People.md: info: no longer generated ([outputs] writes it as Vaultkit/Network.md now)" \
        in result.stderr
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert result.exit_code == 0 and "[output-stale]" in result.stdout
    (root / "Vaultkit" / "Mine.md").write_text("a note of my own in the output folder")
    assert "Mine.md" not in CliRunner().invoke(cli, ["--vault", str(root), "check"]).stdout


@pytest.mark.parametrize(("toml", "key", "says"), [
    ('[outputs]\npeeps = "X"\n', "outputs.peeps", "unknown generated note"),
    ('[outputs]\npeople = "a/b"\n', "outputs.people", "holds a character"),
    ('[outputs]\npeople = "Net.md"\n', "outputs.people", "ends in .md"),
    ('[outputs]\npeople = ".Net"\n', "outputs.people", "starts with a dot"),
    ('[outputs]\npeople = "  "\n', "outputs.people", "is empty"),
    ('[outputs]\npeople = "[[Net]]"\n', "outputs.people", "holds a character"),
    ('[outputs]\npeople = 3\n', "outputs.people", "expected a note name"),
    ('[outputs]\npeople = "events"\n', "outputs.events", "also the name of the people note"),
    ('outputs = "Network"\n', "outputs", "expected dict"),
])
def test_bad_outputs_are_config_errors_naming_the_key(tmp_path: Path, toml: str, key: str, says: str) -> None:
    root = vault(tmp_path, {}, toml)
    _, diags = fs.read_config(str(root))
    assert [(d.code, d.severity) for d in diags] == [("config-invalid", Severity.ERROR)]
    assert diags[0].message.startswith(f"{key}:") and says in diags[0].message
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 1 and not (root / "Vaultkit").exists()  # an invalid config writes nothing


def test_the_watcher_holds_the_note_back_too(tmp_path: Path) -> None:
    root = vault(tmp_path, {"Notes/Events.md": "mine"})
    session = Session(str(root))
    session.load()
    report = session.rebuild()
    assert [d.path for d in report.diagnostics] == ["Vaultkit/Events.md"]
    (root / "People" / "Ada.md").write_text(ADA.replace("CTO", "CEO"))
    update = session.update({"People/Ada.md"})
    report = session.rebuild()  # an incremental plan: still never Events.md
    assert update.changed == ["People/Ada.md"] and "CEO" in (root / "Vaultkit" / "People.md").read_text()
    assert not (root / "Vaultkit" / "Events.md").exists()
    (root / "Notes" / "Events.md").unlink()  # the user renames their note: the generated one comes
    session.update({"Notes/Events.md"})
    session.rebuild()
    assert (root / "Vaultkit" / "Events.md").exists()


def test_watch_warns_once_and_never_writes_it(tmp_path: Path) -> None:
    root = vault(tmp_path / "v", {"Notes/People.md": "mine"})
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    options = WatchOptions(rescan_every=3600.0, debounce=0.05, verbose=True)  # a line for every rebuild
    watcher = Watcher(root, RebuildSpy(), scratch, options)
    watcher.start()
    try:
        watcher.wait_log(lambda line: "[output-collision]" in line, "the collision warning")
        (root / "People" / "Ada.md").write_text(ADA.replace("CTO", "CEO"))
        watcher.converge()
        watcher.wait_log(lambda line: "← People/Ada.md" in line, "a rebuild after the save")
    finally:
        watcher.close()
    assert sum("[output-collision]" in line for line in watcher.lines) == 1, watcher.log()
    assert 'people = "Network"' in watcher.log()
    assert not (root / "Vaultkit" / "People.md").exists() and (root / "Vaultkit" / "Dashboard.md").exists()


@pytest.mark.parametrize("toml", ["", 'templates_folder = "Scaffolding"\n'])
def test_a_template_named_like_a_generated_note_holds_nothing_back(tmp_path: Path, toml: str) -> None:
    """`vaultkit init` writes `Templates/brag.md`: a template is no note of the user's, so the
    generated Brag.md is written beside it (a bare [[Brag]] is not a link anyone means for it)."""
    folder = "Scaffolding" if toml else "Templates"
    root = vault(tmp_path, {f"{folder}/brag.md": "---\ntype: brag\ndate: {{date}}\n---\n"}, toml)
    report = build(root)
    assert "output-collision" not in [d.code for d in report.diagnostics]
    assert "Brag.md" in outputs(root)
    # The same file outside the templates folder is the user's note, and holds Brag.md back.
    (root / "Notes").mkdir()
    (root / folder / "brag.md").rename(root / "Notes" / "brag.md")
    assert "output-collision" in [d.code for d in build(root).diagnostics]


def test_build_counts_warnings_as_check_does(tmp_path: Path) -> None:
    """The warnings build shows about generated notes are in its count, as in check's."""
    root = vault(tmp_path, {"Notes/People.md": "# mine\n", "a.md": "[[Nope]]\n"})
    built = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    checked = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert "the vault has 2 warnings" in built.stderr
    assert "0 errors, 2 warnings" in checked.stderr
