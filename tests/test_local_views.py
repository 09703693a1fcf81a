"""A vault's own views (`.vaultkit/views/NAME.md.j2`) end to end: `build`, `check` and `watch`
through the CLI, the query API they render with, and what a broken one does (refuses its note
only)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, snapshot, write_vault
from tests.test_watch import Watcher, fresh_build, generated, save_vim, spy, start_watch  # noqa: F401
from vaultkit.cli.main import cli
from vaultkit.disk.build import build

EIGHT = ["Brag.md", "Communities.md", "Dashboard.md", "Events.md", "Follow-ups.md", "Interviews.md", "People.md",
         "Sharing.md"]
WINS = """---
reads: [brag]          # planned again when a win comes, goes or changes
output: Wins 2026
---
{% set wins = entries("brag", since="2026-01-01", until="2026-12-31") %}
{{ wins | length }} wins in 2026, as of {{ today }}.
{% for w in wins %}
- {{ w.date }} {{ w.link }}: {{ w.text }}{% if w.impact %} ({{ w.impact }}){% endif %}

{% endfor %}
"""
PEOPLE = """---
reads: [person, contacts]
key: corvid
---
{% for p in notes(kind="person", where='company = "Corvid Health"', sort="last_contact desc") %}
- {{ p.link }} | {{ p.role }} | {{ p.last_contact }} | {{ p.topics | join_md }}
{% endfor %}
{% for c in contacts("Ben Okafor")[:2] %}
- {{ c.date }} {{ c.text }} {{ c.link }}
{% endfor %}
"""


def run(vault: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args])
    return result.exit_code, result.output


def with_views(root: Path, views: dict[str, str]) -> Path:
    return write_vault(root, {f".vaultkit/views/{name}": text for name, text in views.items()})


def test_a_vault_view_builds_a_generated_note_and_leaves_the_nine_as_they_were(example_copy: Path) -> None:
    before = {name: (example_copy / "Vaultkit" / name).read_bytes() for name in EIGHT}
    with_views(example_copy, {"Wins.md.j2": WINS, "Corvid people.md.j2": PEOPLE})
    code, out = run(example_copy, "build")
    assert code == 0, out
    assert out.startswith("2 created, 0 updated, 9 unchanged"), out
    assert {name: (example_copy / "Vaultkit" / name).read_bytes() for name in EIGHT} == before
    wins = (example_copy / "Vaultkit" / "Wins 2026.md").read_text(encoding="utf-8")
    assert wins.startswith("---\nvaultkit: generated\n---\n# Wins 2026\n\n"
                           "<!-- vaultkit:begin wins -->\n13 wins in 2026")
    assert "- 2026-02-12 [[2026-02-12]]: Shipped the retry budget to the refunds service (cut failed refunds 30% " \
           "during provider brownouts)\n" in wins
    assert wins.rstrip("\n").rsplit("\n", 1)[1].startswith("<!-- vaultkit:end wins ")
    corvid = (example_copy / "Vaultkit" / "Corvid people.md").read_text(encoding="utf-8")
    assert "<!-- vaultkit:begin corvid -->\n- [[Aisha Bello]] | Director of Engineering, Platform | " \
           "2026-07-08 |" in corvid
    assert "- 2026-07-01  [[Ben Okafor]]\n" in corvid  # his own last_contact: no text
    # The usual guarantees: an unchanged note is not written again, text around the markers is the user's.
    stamp = snapshot(example_copy)
    assert run(example_copy, "build") == (0, "0 created, 0 updated, 11 unchanged\n")
    assert snapshot(example_copy) == stamp
    note = example_copy / "Vaultkit" / "Wins 2026.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nMy own notes below.\n", encoding="utf-8")
    (example_copy / "Brag" / "2026-06-05 Self-service Postgres GA at Demo Day.md").unlink()
    code, out = run(example_copy, "build")
    assert code == 0 and "Vaultkit/Wins 2026.md" not in out, out
    text = note.read_text(encoding="utf-8")
    assert "12 wins in 2026" in text and text.endswith("\nMy own notes below.\n")
    assert run(example_copy, "check")[0] == 0


def test_outputs_renames_a_vault_view_and_a_user_note_of_its_name_holds_it_back(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "2026-07-15"\n[outputs]\nwins = "Highlights"\n',
                                        "Brag/Win.md": "---\ndate: 2026-03-01\nimpact: faster\n---\n"})
    with_views(root, {"Wins.md.j2": WINS.replace("output: Wins 2026\n", "")})
    code, out = run(root, "build")
    assert code == 0, out
    assert (root / "Vaultkit" / "Highlights.md").read_text(encoding="utf-8").count("[[Win]]") == 1
    assert not (root / "Vaultkit" / "Wins.md").exists()
    write_vault(root, {"Notes/Highlights.md": "a note of mine"})
    code, out = run(root, "build")
    assert code == 0 and "not written (name taken)" in out, out
    assert run(root, "check")[1].count("[output-collision]") == 1


@pytest.mark.parametrize(("text", "says"), [
    ("no front matter\n", "Wins.md.j2:1: no front matter"),
    ("---\nreads: [brag]\ncolour: red\n---\nx\n", "Wins.md.j2:3: unknown key 'colour'"),
    ("---\noutput: Wins\n---\nx\n", "Wins.md.j2:1: the front matter has no `reads:`"),
    ("---\nreads: [Brag!]\n---\nx\n", "reads must list topics"),
    ("---\nreads: brag\n---\n{{ ''.__class__ }}\n", "Wins.md.j2:4:"),
    ("---\nreads: brag\n---\n{% for n in notes(kind='interview', where='stage ~ x') %}{% endfor %}\n",
     "notes(): 'interview where stage ~ x'"),
    ("---\nreads: brag\n---\n{{ entries('brag', since='last year') }}\n", "since must be a date"),
    ("---\nreads: brag\n---\n{% for i in range(10**9) %}{{ i }}{% endfor %}\n", "Wins.md.j2:4:"),
])
def test_a_broken_vault_view_refuses_its_note_only(example_copy: Path, text: str, says: str) -> None:
    with_views(example_copy, {"Wins.md.j2": text, "Good.md.j2": "---\nreads: [share]\n---\nfine\n"})
    before = snapshot(example_copy)
    code, out = run(example_copy, "check")
    assert code == 1 and says in out and "Vaultkit/Wins.md: error:" in out, out
    assert "Traceback" not in out
    assert snapshot(example_copy) == before  # check writes nothing
    code, out = run(example_copy, "build")
    assert code == 1 and says in out and "Traceback" not in out, out
    assert "\n1 created, 0 updated, 9 unchanged, 1 refused\n" in out, out
    assert not (example_copy / "Vaultkit" / "Wins.md").exists()
    assert (example_copy / "Vaultkit" / "Good.md").read_text(encoding="utf-8").count("fine") == 1


def test_a_view_file_that_is_a_symlink_is_not_read(example_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md.j2"
    secret.write_text("---\nreads: [brag]\n---\nSECRET\n", encoding="utf-8")
    (example_copy / ".vaultkit" / "views").mkdir(parents=True)
    os.symlink(secret, example_copy / ".vaultkit" / "views" / "Leak.md.j2")
    code, out = run(example_copy, "build")
    assert code == 1 and "is a symlink" in out, out
    assert not (example_copy / "Vaultkit" / "Leak.md").exists()


def test_a_vault_view_is_never_imported_or_run(example_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with_views(example_copy, {
        "Evil.md.j2": "---\nreads: [brag]\n---\n"
                      "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}\n",
        "evil.py": f"open({str(marker)!r}, 'w').write('x')\n"})
    code, out = run(example_copy, "build")
    assert code == 1 and "Vaultkit/Evil.md: error" in out, out
    assert not marker.exists()


def test_a_vault_view_follows_watch(example_copy: Path, start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    with_views(example_copy, {"Wins.md.j2": WINS})
    watcher = start_watch(example_copy)
    watcher.converge()
    assert "12 wins" not in (example_copy / "Vaultkit" / "Wins 2026.md").read_text(encoding="utf-8")
    # A new win: the view that reads `brag` is planned again, in the same rebuild as Brag.md.
    write_vault(example_copy, {"Brag/2026-07-10 Watched win.md": "---\ndate: 2026-07-10\nimpact: seen live\n---\n"})
    watcher.converge()
    text = (example_copy / "Vaultkit" / "Wins 2026.md").read_text(encoding="utf-8")
    assert "14 wins in 2026" in text and "[[2026-07-10 Watched win]]: 2026-07-10 Watched win (seen live)" in text
    watcher.wait_log(lambda line: "Wins 2026.md" in line and "←" in line, "the rebuild line of the view")
    # Editing the view itself reloads it; a new view file is planned; a broken one refuses its note only.
    save_vim(example_copy / ".vaultkit" / "views" / "Wins.md.j2", WINS.replace("wins in 2026", "wins this year")
             .encode("utf-8"))
    watcher.converge()
    assert "14 wins this year" in (example_copy / "Vaultkit" / "Wins 2026.md").read_text(encoding="utf-8")
    with_views(example_copy, {"Shares.md.j2": "---\nreads: share\n---\n{{ notes(kind='share') | length }} shares\n"})
    watcher.converge()
    assert "shares\n" in (example_copy / "Vaultkit" / "Shares.md").read_text(encoding="utf-8")
    assert generated(example_copy) == fresh_build(example_copy, example_copy.parent / "scratch-fresh")
    assert not watcher.errors(), watcher.log()


def test_the_query_api_gives_plain_data(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "vaultkit.toml": 'today = "2026-07-15"\n',
        "People/Ada.md": "---\ncompany: Corvid\nrole: CTO\nmet_on: 2026-01-02\ntopics: [rust, ml]\n---\n",
        "People/Bo.md": "---\ncompany: Corvid\nrole: Dev\nmet_on: 2026-03-02\n---\n- 2026-05-01 coffee with [[Ada]]\n",
        "People/Cy.md": "---\ncompany: Other\n---\n",
        "Interviews/Helix.md": "---\ncompany: Helix\ndate: 2026-04-20\nstage: offer\npeople: ['[[Bo]]']\n---\n",
    })
    with_views(root, {"Q.md.j2": """---
reads: ["*"]
---
{% for p in notes(kind="person", where='company = "Corvid" and met_on > 2026-02-01') %}
{{ p.title }} {{ p.met_on }};{% endfor %}

{% for p in notes(kind="person", sort="met_on desc", limit=2) %}{{ p.title }};{% endfor %}

{% for p in notes(kind="person", where='topics contains "ml"') %}{{ p.link }} {{ p.topics | join(",") }};{% endfor %}

{% for i in notes(kind="interview") %}{{ i.people | join_md }} {{ i.date }} {{ i.stage }};{% endfor %}

{% for c in contacts("[[Ada]]") %}{{ c.date }} {{ c.source }} {{ c.link }};{% endfor %}

{{ notes() | length }}
"""})
    report = build(root, use_cache=False)
    assert not report.diagnostics, report.diagnostics
    text = (root / "Vaultkit" / "Q.md").read_text(encoding="utf-8")
    body = text.split("<!-- vaultkit:begin q -->\n", 1)[1].split("<!-- vaultkit:end", 1)[0]
    assert body == ("Bo 2026-03-02;\nBo;Ada;\n[[Ada]] rust,ml;\n[[Bo]] 2026-04-20 offer;\n"
                    "2026-05-01 item [[Bo]];\n4\n")


def test_the_example_vault_has_no_views_of_its_own() -> None:
    assert not (EXAMPLE / ".vaultkit" / "views").exists()  # its goldens are the nine notes alone


def test_watch_plans_a_view_again_only_when_a_topic_it_reads_changes(example_copy: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import vaultkit.live.session as session_mod
    from vaultkit.disk.build import write_planned
    from vaultkit.live.session import Session

    with_views(example_copy, {"Wins.md.j2": WINS})  # reads brag
    planned: list[list[str]] = []

    def record(root: str, notes: list[Any], *args: Any, **kwargs: Any) -> Any:
        planned.append([n.path.rsplit("/", 1)[-1] for n in notes])
        return write_planned(root, notes, *args, **kwargs)

    monkeypatch.setattr(session_mod, "write_planned", record)
    build(example_copy)  # every note there already: the watcher's plans after its first are incremental
    session = Session(str(example_copy))
    session.load()
    session.rebuild()
    assert "Wins 2026.md" in planned[-1] and "People.md" in planned[-1]  # the first plan: everything
    ben = example_copy / "People" / "Ben Okafor.md"
    ben.write_text(ben.read_text(encoding="utf-8").replace("role: ", "role: Chief "), encoding="utf-8")
    session.update({"People/Ben Okafor.md"})
    session.rebuild()
    assert "People.md" in planned[-1] and "Wins 2026.md" not in planned[-1] and "Brag.md" not in planned[-1]
    daily = example_copy / "Daily" / "2026-07-02.md"  # an edit that adds an inline win, and no contact
    daily.write_text(daily.read_text(encoding="utf-8") + "\n- shipped it #brag impact:: 3 teams unblocked\n",
                     encoding="utf-8")
    session.update({"Daily/2026-07-02.md"})
    session.rebuild()
    assert {"Wins 2026.md", "Brag.md", "Dashboard.md"} <= set(planned[-1]) and "People.md" not in planned[-1]
    assert "shipped it (3 teams unblocked)" in (example_copy / "Vaultkit" / "Wins 2026.md").read_text(encoding="utf-8")


def test_query_api_calls_spend_the_budget_by_the_notes_they_go_through(tmp_path: Path) -> None:
    # One `notes(...)` call goes through every note of its kind: charged one step, a loop of
    # 100,000 of them on a shared vault of 3,000 people held `build` for more than ten minutes.
    # Charged by the notes it reads, 2,000 calls over 400 notes (800,000 notes read) are past
    # this vault's 330,000 steps: the view is refused with the budget's message, the rest built.
    files = {"vaultkit.toml": 'today = "2026-07-15"\n'}
    files.update({f"People/P{i}.md": f"---\ncompany: C{i % 7}\n---\n" for i in range(400)})
    root = with_views(write_vault(tmp_path / "v", files), {"Bomb.md.j2": (
        "---\nreads: [person]\n---\n{% for i in range(2000) %}"
        "{% if notes(kind='person', where='company = \"none\"') %}x{% endif %}{% endfor %}\n")})
    report = build(root, use_cache=False)
    assert [d.path for d in report.diagnostics] == ["Vaultkit/Bomb.md"]
    assert "steps" in report.diagnostics[0].message
    assert (root / "Vaultkit" / "People.md").exists()


def test_an_unknown_topic_in_reads_is_a_warning_at_its_line_and_the_view_still_builds(example_copy: Path) -> None:
    with_views(example_copy, {"Wins.md.j2": "---\n# mine\nreads: [brag, nope, contacts]\n---\n{{ today }}\n"})
    code, out = run(example_copy, "check")
    assert ".vaultkit/views/Wins.md.j2:3: warning: reads: unknown topic 'nope'" in out, out
    assert "[view-topic]" in out and "person" in out and "members" in out and "Traceback" not in out
    code, out = run(example_copy, "build")
    assert code == 0 and "1 created" in out, out
    assert (example_copy / "Vaultkit" / "Wins.md").exists()
    with_views(example_copy, {"Wins.md.j2": "---\nreads: [brag, contacts, '*']\n---\n{{ today }}\n"})
    assert "view-topic" not in run(example_copy, "check")[1]


def test_a_pickled_config_keeps_the_vault_views_or_refuses_to_plan(example_copy: Path) -> None:
    """A Config sent to another process (a parse worker started by spawn) carries the vault's
    views: they once travelled as vaultkit's alone, so whatever planned there wrote without the
    vault's own views, and said nothing. Views that cannot travel (a script's lambda) make a set
    that refuses to be used there."""
    import pickle

    import pytest

    from vaultkit.disk import fs
    from vaultkit.views.registry import UnsentViews, register_view, unregister_view, views_of

    with_views(example_copy, {"Wins.md.j2": WINS})
    config = fs.read_config_text(str(example_copy))[0]
    assert "wins" in views_of(config)
    back = pickle.loads(pickle.dumps(config))
    assert back == config and views_of(back).keys() == views_of(config).keys()
    def shown(views: Any) -> list[tuple[Any, ...]]:
        return [(v.key, v.output, v.template, v.reads, type(v.context).__name__, repr(v.context)) for v in views]

    assert shown(views_of(back)) == shown(views_of(config))
    register_view("lambda", "Lambda", "Lambda.md.j2", reads=["person"], context=lambda facts: {})
    try:
        config = fs.read_config_text(str(example_copy))[0]
        assert "lambda" in views_of(config)
        back = pickle.loads(pickle.dumps(config))
    finally:
        unregister_view("lambda")
    assert back == config and isinstance(views_of(back), UnsentViews)
    with pytest.raises(RuntimeError, match="could not be sent to this process"):
        list(views_of(back))
    with pytest.raises(RuntimeError):
        views_of(back).get("wins")
