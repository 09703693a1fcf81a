"""Which files of an Obsidian vault are notes (issue 10, point 2), case by case against what
Obsidian does, on the shared vault `tests/vaults/obsidian-like/` (area `Scan/`, plus the root
dot-folders `.github/` and `.dropbox.cache/`, `.obsidian/app.json`, `.obsidian/templates.json`
and `.obsidian/plugins/templater-obsidian/data.json`, and the `ignore` lines of its vaultkit.toml).

Each file is one of: a **note** (read, counted, diagnosed), **linkable** (a link to it resolves,
but it is never read: templates, Obsidian's excluded files, generated notes) or **hidden**
(vaultkit does not see it: dot-files and dot-folders, `ignore` globs).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, write_vault
from tests.test_watch import RebuildSpy, Watcher, fresh_build, generated
from vaultkit import Vault, load_vault
from vaultkit.cli.main import cli
from vaultkit.disk import fs
from vaultkit.live.watch import WatchOptions
from vaultkit.reader import obsidian
from vaultkit.reader.config import Config
from vaultkit.reader.matcher import Matcher, rules
from vaultkit.reader.model import Severity

VAULT = ROOT / "tests" / "vaults" / "obsidian-like"
HELP = "https://help.obsidian.md/"


class Case(NamedTuple):
    path: str  # in tests/vaults/obsidian-like
    vaultkit: str  # "note", "linkable" or "hidden"
    obsidian: str  # what Obsidian does with it
    source: str  # where that is written down or was seen


CASES = [
    Case("Scan/Templates/Meeting.md", "linkable",
         "the folder of `.obsidian/templates.json` holds templates: `{{date}}`, `{{title}}` are filled in when "
         "one is inserted; a link to it still resolves", HELP + "plugins/templates"),
    Case("Scan/Templater/Daily.md", "linkable",
         "Templater's `templates_folder` (its data.json) holds `<% tp.… %>` templates, run when inserted",
         "Templater's settings, .obsidian/plugins/templater-obsidian/data.json"),
    Case("Scan/Excluded/Old project.md", "linkable",
         "a path prefix in Excluded files (`userIgnoreFilters`): hidden in Search, Graph view and Unlinked "
         "mentions, less noticeable in the Quick switcher and link suggestions; links to it still resolve",
         HELP + "settings (Files and links → Advanced → Excluded files)"),
    Case("Scan/Idea.draft.md", "linkable",
         "a `/regex/` entry in Excluded files, tested against the path: excluded as above",
         HELP + "settings (Excluded files); the `/…/` form as Obsidian's Manage dialog saves it"),
    Case(".github/CONTRIBUTING.md", "hidden",
         "a dot-folder is not part of the vault: not in the file explorer, no link resolves to it",
         "SPEC §8 (observed on Obsidian 1.13)"),
    Case(".dropbox.cache/Person.md", "hidden", "as .github/", "SPEC §8 (observed)"),
    Case("Scan/.hidden note.md", "hidden", "a dot-file is not part of the vault", "SPEC §8 (observed)"),
    Case("Scan/.foo/bar.md", "hidden", "a dot-folder anywhere in the tree, as at the root", "SPEC §8 (observed)"),
    Case("Scan/Ignored/Noise.md", "hidden",
         "an ordinary note (Obsidian does not read vaultkit.toml); `ignore` is vaultkit's own, by gitignore's "
         "rules", "git-scm.com/docs/gitignore"),
    Case("Scan/Ignored/Back.md", "hidden",
         "an ordinary note; `!Scan/Ignored/Back.md` cannot take it back: its folder is left out whole",
         "git-scm.com/docs/gitignore (\"not possible to re-include a file if a parent directory is excluded\")"),
    Case("Scan/Today.scratch.md", "hidden", "an ordinary note; `*.scratch.md` names it anywhere",
         "git-scm.com/docs/gitignore"),
    Case("Scan/Kept.scratch.md", "note", "an ordinary note; `!Scan/Kept.scratch.md` takes it back",
         "git-scm.com/docs/gitignore"),
    Case("Scan/Book.md", "note",
         "`type: book` is an ordinary property of the user's; the note is an ordinary note",
         HELP + "properties"),
    Case("Scan/Typo.md", "note", "as Book.md: `type: persn` is just a text property", HELP + "properties"),
    Case("Scan/Dashboard.md", "note",
         "the user's own Dashboard: a bare [[Dashboard]] goes to it, and would be ambiguous beside a generated "
         "Dashboard.md", "SPEC §3 and §4; issue 10 point 4"),
    Case("Scan/Links.md", "note", "links to each file above that is linkable: every one resolves", HELP + "links"),
]

# (path, line, severity, code): every diagnostic `check` gives for the files above, and no other.
DIAGNOSTICS = [
    ("Scan/Typo.md", 2, Severity.INFO, "unknown-kind"),  # "did you mean person?"; the note stays plain
    ("Vaultkit/Dashboard.md", None, Severity.WARNING, "output-collision"),  # Scan/Dashboard.md has the name
]


def status(vault: Vault, path: str) -> str:
    if path in vault.notes:
        return "note"
    return "linkable" if path in vault.attachments else "hidden"


def test_the_vault_holds_every_case() -> None:
    for case in CASES:
        assert (VAULT / case.path).is_file(), case.path


@pytest.mark.parametrize("case", CASES, ids=[c.path for c in CASES])
def test_each_file_is_what_obsidian_makes_of_it(case: Case) -> None:
    assert status(load_vault(VAULT), case.path) == case.vaultkit, case.obsidian


def test_check_reports_only_the_true_problems_of_the_scan_area() -> None:
    result = CliRunner().invoke(cli, ["--vault", str(VAULT), "check", "--format", "json"])
    ours = ("Scan/", ".github/", ".dropbox.cache/", ".obsidian/", "Vaultkit/Dashboard.md")
    found = [(d["path"], d["line"], Severity(d["severity"]), d["code"])
             for d in json.loads(result.stdout)["diagnostics"] if d["path"].startswith(ours)]
    assert found == DIAGNOSTICS
    note = load_vault(VAULT).notes["Scan/Typo.md"]
    assert note.kind is None and "did you mean person?" in note.diagnostics[0].message


def test_links_to_templates_and_excluded_files_resolve() -> None:
    vault = load_vault(VAULT)
    links = vault.notes["Scan/Links.md"].links
    assert {link.target: vault.resolve(link, "Scan/Links.md").path for link in links} == {
        "Meeting": "Scan/Templates/Meeting.md", "Daily": "Scan/Templater/Daily.md",
        "Old project": "Scan/Excluded/Old project.md", "Idea.draft": "Scan/Idea.draft.md",
        "Dashboard": "Scan/Dashboard.md", "Book": "Scan/Book.md", "Kept.scratch": "Scan/Kept.scratch.md"}


# --- Obsidian's settings ------------------------------------------------------------------------


def test_templates_default_to_the_templates_folder(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path, {"Templates/person.md": "---\ntype: person\nmet_on: {{date}}\n---\n",
                                              "Templates/Sub/x.md": "{{title}}", "Note.md": "[[person]]"}))
    assert list(vault.notes) == ["Note.md"]
    assert set(vault.attachments) == {"Templates/person.md", "Templates/Sub/x.md"}
    assert list(vault.diagnostics) == []  # the link to a template resolves; no placeholder is read


def test_the_toml_wins_over_templates_json(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {".obsidian/templates.json": '{"folder": "Meta/Templates"}',
                                  "Meta/Templates/a.md": "", "Mine/b.md": "", "Templates/c.md": ""})
    assert list(load_vault(root).notes) == ["Mine/b.md", "Templates/c.md"]  # Obsidian's folder, not the default
    (root / "vaultkit.toml").write_text('templates_folder = "Mine"\n')
    assert list(load_vault(root).notes) == ["Meta/Templates/a.md", "Templates/c.md"]
    (root / "vaultkit.toml").write_text('templates_folder = ""\n')  # none at all
    assert len(load_vault(root).notes) == 3


@pytest.mark.parametrize("name", [obsidian.APP, obsidian.TEMPLATES, obsidian.TEMPLATER])
@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"userIgnoreFilters": "Archive/", "folder": 3}', "\udcff"])
def test_malformed_settings_stop_nothing(tmp_path: Path, name: str, text: str) -> None:
    root = write_vault(tmp_path, {"Templates/t.md": "", "Archive/a.md": "", "Note.md": ""})
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    config, diags = fs.read_config(str(root))
    assert config.obsidian_templates == ("Templates",) and config.excluded == ()  # the defaults
    assert all(d.severity is Severity.INFO and d.code == "obsidian-settings" and d.path == name for d in diags)
    assert bool(diags) == (not text.startswith("{\"") or name == obsidian.APP)  # an unset folder: the default
    assert list(load_vault(root).notes) == ["Archive/a.md", "Note.md"]
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output


def test_excluded_files_are_prefixes_or_regexes() -> None:
    settings, diags = obsidian.settings({obsidian.APP: '{"userIgnoreFilters": ["Archive", "Inbox/old.md", '
                                                       '"/\\\\.excalidraw\\\\.md$/", "/(unclosed/", 7, ""]}'})
    assert settings.excluded == ("Archive", "Inbox/old.md", "/\\.excalidraw\\.md$/")
    assert [d.code for d in diags] == ["obsidian-settings"]  # the regex that does not compile, named
    m = Matcher((), (), settings.excluded, "Vaultkit")
    linkable = [p for p in ("Archive/a.md", "Archived.md", "Inbox/old.md", "Inbox/new.md", "x/y.excalidraw.md",
                            "Vaultkit/People.md", "Notes/Archive.md") if m.linkable_only(p)]
    # startsWith, as Obsidian tests a plain entry: `Archive` also covers `Archived.md`
    assert linkable == ["Archive/a.md", "Archived.md", "Inbox/old.md", "x/y.excalidraw.md", "Vaultkit/People.md"]


def test_excluded_regexes_that_could_hang_the_scan_are_left_out(tmp_path: Path) -> None:
    slow = ["/^(a+)+$/", "/(a|aa)*b/", "/((a?)){2,}c/", "/.*.*.*x/"]
    fine = ["/^Archive\\/.*\\.pdf$/", "/(Daily|Journal)\\/\\d{4}/"]
    settings, diags = obsidian.settings({obsidian.APP: json.dumps({"userIgnoreFilters": slow + fine})})
    assert settings.excluded == tuple(fine)
    assert [d.message.split("'")[1] for d in diags] == slow and all(d.severity is Severity.INFO for d in diags)
    root = write_vault(tmp_path, {".obsidian/app.json": json.dumps({"userIgnoreFilters": slow}),
                                  "a" * 200 + ".md": ""})
    assert len(load_vault(root).notes) == 1  # and it returned: /^(a+)+$/ on that name would not


@pytest.mark.parametrize(("globs", "path", "hidden"), [
    (["Archive"], "Archive/x.md", True),            # a bare name: a folder (or file) anywhere
    (["Archive"], "Old/Archive/x.md", True),
    (["/Archive"], "Old/Archive/x.md", False),      # anchored at the root
    (["Archive/"], "Archive.md", False),            # a trailing slash: folders only
    (["*.tmp.md"], "a/b/c.tmp.md", True),
    (["Archive/**", "!Archive/keep.md"], "Archive/keep.md", False),
    (["Archive/", "!Archive/keep.md"], "Archive/keep.md", True),  # a folder left out is left out whole
    (["**/Drafts/*.md"], "x/Drafts/a.md", True),
    (["Templates/**"], "Templates/a.md", True),     # the glob `vaultkit init` wrote before issue 10
    (["Templates/**"], "Templates/sub/a.md", True),
    (["Archive/**", "!Archive/sub/keep.md"], "Archive/sub/keep.md", True),  # `Archive/sub/` itself is left out
])
def test_ignore_follows_gitignore(tmp_path: Path, globs: list[str], path: str, hidden: bool) -> None:
    root = write_vault(tmp_path, {path: "x", "Keep.md": "y"})
    config = Config(ignore=tuple(globs))
    notes = [s.path for s in fs.scan(str(root), config)[0]]
    assert (path not in notes) is hidden
    assert fs.relevant(path, config) is not hidden  # the watcher answers as the scan
    assert "Keep.md" in notes


def test_a_folder_left_out_is_never_looked_into(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_vault(tmp_path, {"Archive/a/b.md": "", ".github/x/y.md": "", "Keep/k.md": "", "n.md": ""})
    seen: list[str] = []
    scandir = os.scandir

    def spy(path: str) -> object:
        seen.append(os.path.relpath(path, root))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", spy)
    assert [s.path for s in fs.scan(str(root), Config(ignore=("Archive/",)))[0]] == ["Keep/k.md", "n.md"]
    assert sorted(seen) == [".", "Keep"]
    assert rules(Config()).spec is None  # no `ignore` globs: no path is matched against anything


def test_dot_names_are_skipped_but_temp_files_and_conflict_copies_still_handled(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {".hidden.md": "[[x]]", ".foo/bar.md": "[[x]]", "a/.b/c.md": "", ".x.pdf": "",
                                  "Note.md": "", "Note.sync-conflict-20260101-120000-ABCDEFG.md": "",
                                  "Vaultkit/.vaultkit-abcd1234.tmp": "half"})
    leftovers: list[str] = []
    notes, attachments, diags = fs.scan(str(root), Config(), leftovers=leftovers)
    assert [s.path for s in notes] == ["Note.md"] and attachments == []
    assert leftovers == ["Vaultkit/.vaultkit-abcd1234.tmp"]
    assert [d.code for d in diags] == ["sync-conflict-copy"]


def test_new_still_uses_the_vaults_own_templates(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"vaultkit.toml": "", "Templates/person.md": "---\ntype: person\nrole: mine\n---\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "new", "person", "Ada Lovelace"])
    assert result.exit_code == 0, result.output
    note = load_vault(root).notes["People/Ada Lovelace.md"]
    assert note.fields["role"] == "mine" and "Templates/person.md" not in load_vault(root).notes


# --- one matcher for build, check and watch -------------------------------------------------------


def test_watch_and_a_fresh_build_agree(tmp_path: Path) -> None:
    """A watcher must not read what a build leaves out: the same People.md from both, whatever is
    added under an ignored folder, a templates folder, an excluded folder or a dot-folder."""
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-06-30"\nignore = ["Archive", "*.scratch.md"]\n',
        ".obsidian/app.json": '{"userIgnoreFilters": ["Old/"]}',
        ".obsidian/templates.json": '{"folder": "Meta/Templates"}',
        "People/Ada.md": "---\ncompany: Lumen\nrole: CTO\n---\n",
    })
    (root / "Archive").mkdir()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    watcher = Watcher(root, RebuildSpy(), scratch, WatchOptions(rescan_every=3600.0, debounce=0.05))
    watcher.start()
    try:
        person = "---\ntype: person\ncompany: Ghost Inc\nrole: ghost\n---\n"
        for rel in ("Archive/Ghost.md", "People/Archive/Ghost2.md", "People/Ghost3.scratch.md",
                    "Meta/Templates/Ghost4.md", "Old/Ghost5.md", ".github/Ghost6.md", "People/.Ghost7.md",
                    "People/Bea.md"):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(person.replace("Ghost Inc", "Real Co") if rel == "People/Bea.md" else person)
        outside = tmp_path / "Incoming"  # a folder moved in under an ignored name
        outside.mkdir()
        (outside / "Ghost8.md").write_text(person)
        (root / "Notes").mkdir()
        os.rename(outside, root / "Notes" / "Archive")
        watcher.converge()
        people = (root / "Vaultkit" / "People.md").read_text()
        assert "Real Co" in people and "Ghost" not in people
        assert generated(root) == fresh_build(root, scratch)
        time.sleep(0.3)  # nothing left to do: the watcher stays as the build
        assert generated(root) == fresh_build(root, scratch)
    finally:
        watcher.close()
