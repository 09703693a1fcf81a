"""Kinds are data (`vaultkit.kinds.schema`, `builtin.toml`, `[kinds.NAME]` in vaultkit.toml): the
shipped kinds, extending them (`+values`, replacing, synonyms, defaults), kinds of a vault's own
and a plugin's, every bad table a diagnostic, and a vault's own kind end to end through the CLI."""

from __future__ import annotations

import json
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from vaultkit import load_vault
from vaultkit.cli.main import cli
from vaultkit.kinds.schema import BUILTIN, PARSERS, TYPES, FieldSpec, Schema
from vaultkit.reader.config import Config, parse_config
from vaultkit.reader.model import Severity
from vaultkit.reader.parse import parse_note

TALKS = """\
today = "2026-06-30"

[kinds.talk]
match = { folder = "**/Talks/" }

[kinds.talk.fields.stage]
type = "enum"
values = ["idea", "submitted", "accepted", "given"]
synonyms = { cfp = "submitted" }
default = "idea"

[kinds.talk.fields]
event = { type = "link" }
date = { type = "date", calendar = true, required = true }
slides = { type = "text" }
rating = { type = "number" }
online = { type = "bool" }
topics = { type = "list" }
"""


def config(toml: str) -> Config:
    cfg, diags = parse_config(toml)
    assert diags == [], diags
    return cfg


def note(cfg: Config, path: str, front: str) -> Any:
    return parse_note(path, f"---\n{front}---\n".encode(), cfg)


def test_the_builtin_kinds_ship_in_the_package_as_toml() -> None:
    shipped = resources.files("vaultkit.kinds").joinpath("builtin.toml")
    assert shipped.is_file() and "[kinds.person]" in shipped.read_text(encoding="utf-8")
    assert BUILTIN.names == ("person", "event", "brag", "challenge", "interview", "share", "community",
                             "goal")
    for kind in BUILTIN.kinds.values():
        assert kind.builtin and kind.folder and kind.match.folders == (f"**/{kind.folder}/",)
        for spec in kind.fields.values():
            assert spec.type in TYPES and (spec.parse is None or PARSERS[spec.parse] == spec.type)
    assert BUILTIN.field("event", "kind").values[-1] == "other"
    assert BUILTIN.field("person", "cadence") == FieldSpec("cadence", "text", parse="cadence")
    assert BUILTIN.kinds["interview"].required == ("company", "date")
    assert BUILTIN.field("nothing", "x") is None and BUILTIN.fields(None) == {}


def test_values_with_a_plus_are_added_and_without_replace() -> None:
    cfg = config('[kinds.share.fields.kind]\nvalues = ["+blog"]\n'
                 '[kinds.event.fields.kind]\nvalues = ["+internal", "+Meetup"]\n'
                 '[kinds.challenge.fields.status]\nvalues = ["+in progress"]\nsynonyms = { wip = "in progress" }\n'
                 '[kinds.brag.fields.visibility]\nvalues = ["me", "world"]\n')
    assert cfg.schema.field("share", "kind").values[-2:] == ("thread", "blog")
    assert cfg.schema.field("event", "kind").values.count("meetup") == 1  # no value twice
    assert cfg.schema.field("brag", "visibility").values == ("me", "world")
    assert note(cfg, "Sharing/a.md", "date: 2026-01-01\nkind: Blog\n").fields["kind"] == "blog"
    challenge = note(cfg, "Challenges/c.md", "date: 2026-01-01\nstatus: WIP\n")
    assert challenge.fields["status"] == "in progress" and challenge.diagnostics == ()
    assert BUILTIN.field("share", "kind").values[-1] == "thread"  # the shipped schema is never changed


def test_an_unknown_enum_value_is_a_warning_listing_the_values_and_is_kept() -> None:
    share = note(Config(), "Sharing/a.md", "date: 2026-01-01\nkind: blog\n")
    [diag] = share.diagnostics
    assert diag.severity is Severity.WARNING and diag.code == "enum-value"
    assert "post, article, video, talk, podcast, newsletter, thread" in diag.message
    assert "[kinds.share.fields.kind]" in diag.hint
    assert share.fields["kind"] == "blog"
    assert note(Config(), "Sharing/a.md", "date: 2026-01-01\nkind: [a]\n").diagnostics[0].severity is Severity.ERROR


def test_a_vaults_own_kind_has_typed_fields_defaults_and_required_ones() -> None:
    cfg = config(TALKS)
    talk = note(cfg, "Talks/Rust.md", 'event: "[[RustConf]]"\ndate: 2026-09-01\nrating: 4.5\nonline: true\n'
                                      "topics: [a, b]\n")
    assert talk.kind == "talk" and talk.diagnostics == ()
    assert talk.fields["stage"] == "idea"  # the default
    assert talk.fields["event"].target == "RustConf" and talk.fields["rating"] == 4.5
    assert talk.fields["topics"] == ("a", "b") and talk.fields["online"] is True
    assert any(link.target == "RustConf" for link in talk.links)
    typed = note(cfg, "Elsewhere/x.md", "type: talk\nstage: CFP\nonline: maybe\n")
    assert typed.kind == "talk" and typed.fields["stage"] == "submitted"
    assert {(d.code, d.severity) for d in typed.diagnostics} == {("field-type", Severity.ERROR),
                                                                 ("missing-field", Severity.WARNING)}


def test_a_new_field_on_a_builtin_kind_and_a_type_changed_where_values_keep_their_shape() -> None:
    cfg = config('[kinds.person.fields]\npronouns = { type = "text" }\n'
                 'company = { from = "org" }\n'
                 '[kinds.brag.fields.theme]\ntype = "enum"\nvalues = ["delivery", "demo"]\n')
    person = note(cfg, "People/Ada.md", "pronouns: she/her\norg: Analytical\n")
    assert person.fields == {"pronouns": "she/her", "company": "Analytical"}
    assert note(cfg, "Brag/b.md", "date: 2026-01-01\nimpact: x\ntheme: Demo\n").fields["theme"] == "demo"


@pytest.mark.parametrize("toml, key, says", [
    ('[kinds.share.fields.kind]\nvalues = ["+blog", "vlog"]\n', "kinds.share.fields.kind.values", "mixes"),
    ('[kinds.share.fields.kind]\nvalues = "blog"\n', "kinds.share.fields.kind.values", "list of text"),
    ('[kinds.share.fields.kind]\nsynonyms = { b = "blog" }\n', "kinds.share.fields.kind.synonyms.b", "not one of"),
    ('[kinds.talk]\nfields.stage = { type = "choice" }\n', "kinds.talk.fields.stage.type", "text, number, date"),
    ('[kinds.talk]\nfields.stage = { type = "enum" }\n', "kinds.talk.fields.stage.values", "needs its values"),
    ('[kinds.talk]\nfields.stage = { type = "text", values = ["a"] }\n', "kinds.talk.fields.stage.values",
     "for enum fields"),
    ('[kinds.talk]\nfields.stage = { type = "enum", values = ["a"], default = "b" }\n',
     "kinds.talk.fields.stage.default", "is no enum value"),
    ('[kinds.talk]\nfields.when = { type = "date", default = "soon" }\n', "kinds.talk.fields.when.default", "date"),
    ('[kinds.talk]\nfields.when = { type = "text", calendar = true }\n', "kinds.talk.fields.when.calendar",
     "only a date"),
    ('[kinds.talk]\nfields.when = { type = "date", required = "yes" }\n', "kinds.talk.fields.when.required",
     "true or false"),
    ('[kinds.talk]\nfields.when = { type = "date", colour = "red" }\n', "kinds.talk.fields.when.colour",
     "known keys"),
    ('[kinds.talk]\nfields.tags = { type = "list" }\n', "kinds.talk.fields.tags", "cannot be a field"),
    ('[kinds.talk]\nfields.x = { type = "text", parse = "cadence2" }\n', "kinds.talk.fields.x.parse", "parsers"),
    ('[kinds.talk]\nfields.x = "text"\n', "kinds.talk.fields.x", 'type = "text"'),
    ('[kinds.talk]\nfields = 3\n', "kinds.talk.fields", "expected a table"),
    ('[kinds.talk]\nfolder = "../out"\n', "kinds.talk.folder", "inside the vault"),
    ('[kinds.talk]\ntemplate = "Templates/talk.txt"\n', "kinds.talk.template", "note inside the vault"),
    ('[kinds.talk]\ncolour = "red"\n', "kinds.talk.colour", "match, folder, template, fields"),
    ('[kinds.event.fields.date]\ntype = "text"\n', "kinds.event.fields.date.type", "cannot become text"),
    ('[kinds.person.fields.cadence]\ntype = "enum"\nvalues = ["a"]\n', "kinds.person.fields.cadence.type",
     "cannot become"),
    ("[kinds]\ntalk = 3\n", "kinds.talk", "expected a table"),
    ('[folders]\n"Talks" = "talk"\n', "folders.Talks", "person, event"),
])
def test_every_bad_kinds_table_is_a_config_error_naming_the_key(toml: str, key: str, says: str) -> None:
    cfg, diags = parse_config(toml)
    assert any(d.message.startswith(f"{key}: ") and (says in d.message or says in d.hint) for d in diags), diags
    assert all(d.code == "config-invalid" and d.severity is Severity.ERROR for d in diags)
    assert note(cfg, "People/Ada.md", "company: X\n").fields == {"company": "X"}  # the rest still holds


def test_a_bad_field_leaves_the_rest_of_its_kind() -> None:
    cfg, diags = parse_config('[kinds.talk]\nmatch = { folder = "**/Talks/" }\n'
                              'fields.good = { type = "number" }\nfields.bad = { type = "nope" }\n')
    assert [d.message.split(":")[0] for d in diags] == ["kinds.talk.fields.bad.type"]
    assert list(cfg.schema.fields("talk")) == ["good"] and cfg.schema.kinds["talk"].folder == "Talks"


def test_the_schema_travels_to_workers_and_compares_as_the_config_does() -> None:
    cfg = config(TALKS)
    back = pickle.loads(pickle.dumps(cfg))
    assert back == cfg and hash(back) == hash(cfg) and back.schema == cfg.schema
    assert back.rules.detect("Talks/x.md", {}, (), False).kind == "talk"
    assert cfg != Config() and config(TALKS) == cfg and hash(config(TALKS)) == hash(cfg)
    assert isinstance(hash(cfg.schema), int) and Schema() != cfg.schema


def test_a_plugins_kinds_go_under_the_vaults_own_tables() -> None:
    plugin = {"talk": {"match": {"folder": "**/Talks/"},
                       "fields": {"stage": {"type": "enum", "values": ["idea", "given"]}}}}
    cfg, diags = parse_config('[kinds.talk.fields.stage]\nvalues = ["+withdrawn"]\n[folders]\n"Old" = "talk"\n')
    assert [d.message.split(":")[0] for d in diags] == ["kinds.talk.fields.stage"]  # no such field yet
    assert set(cfg.kind_diagnostics) == set(diags)  # said before the plugin was there
    new, said = cfg.with_kinds(plugin, "plugin vaultkit-talks")
    assert said == []
    assert new.schema.field("talk", "stage").values == ("idea", "given", "withdrawn")
    assert new.schema.kinds["talk"].match.user is True and new.folders == (("Old", "talk"),)
    assert parse_note("Old/a.md", b"---\nstage: withdrawn\n---\n", new).fields == {"stage": "withdrawn"}
    broken, said = Config().with_kinds({"Bad Name": {}}, "plugin x")
    assert [(d.path, d.code) for d in said] == [("plugin x", "plugin-kinds")] and broken.schema == BUILTIN


def test_notes_of_and_records_read_the_schema(tmp_path: Path) -> None:
    write_vault(tmp_path, {"vaultkit.toml": TALKS, "Talks/Rust.md": "---\ndate: 2026-09-01\nslides: s.pdf\n---\n",
                           "People/Ada.md": "---\ncompany: X\n---\n"})
    vault = load_vault(tmp_path)
    assert [n.path for n in vault.notes_of("talk")] == ["Talks/Rust.md"]
    [talk] = vault.records("talk")
    assert talk.stage == "idea" and talk["slides"] == "s.pdf" and talk.topics == () and talk.rating is None
    assert vault.record("Talks/Rust.md") == talk and vault.records("person")[0].company == "X"
    assert vault.records("nothing") == []
    with pytest.raises(AttributeError):
        _ = talk.nonesuch


def run(vault: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


def test_a_vaults_own_kind_end_to_end_through_the_cli(tmp_path: Path) -> None:
    write_vault(tmp_path, {"vaultkit.toml": TALKS, "People/Ada.md": "---\ncompany: X\n---\n# Ada\n"})
    made = run(tmp_path, "new", "talk", "Rust at scale", "--set", "stage=idea", "--set", "date=2026-09-01",
               "--set", "topics=rust, scale", "--set", "rating=4.5")
    assert made.exit_code == 0, made.output
    assert made.stdout.strip().endswith("Talks/Rust at scale.md")
    text = (tmp_path / "Talks" / "Rust at scale.md").read_text(encoding="utf-8")
    assert 'topics: ["rust", "scale"]' in text and "rating: 4.5" in text
    assert "type:" not in text and text.count("date:") == 1  # its folder rule finds it; --set gave the date
    odd = run(tmp_path, "new", "talk", "Maybe", "--set", "stage=pondering", "--set", "date=2026-10-01",
              "--set", "venue=Berlin")
    assert odd.exit_code == 0 and "idea, submitted, accepted, given" in odd.stderr and "no field 'venue'" in odd.stderr
    refused = run(tmp_path, "new", "talk", "Bad date", "--set", "date=soon")
    assert refused.exit_code == 1 and "date" in refused.stderr and not (tmp_path / "Talks" / "Bad date.md").exists()
    unknown = run(tmp_path, "new", "tlak", "X")
    assert unknown.exit_code == 2 and "person, event, brag, challenge, interview, share, community, goal, talk" \
        in unknown.stderr
    checked = run(tmp_path, "check", "--format", "json")
    found = json.loads(checked.stdout)["diagnostics"]
    assert [(d["path"], d["code"], d["severity"]) for d in found] == [("Talks/Maybe.md", "enum-value", "warning")]
    assert checked.exit_code == 0
    built = run(tmp_path, "build")
    assert built.exit_code == 0, built.output
    assert load_vault(tmp_path).records("talk")[1].stage == "idea"  # "Rust at scale", by path order


def test_new_fills_a_kinds_date_and_writes_enum_values_as_the_field_reads_them(tmp_path: Path) -> None:
    write_vault(tmp_path, {"vaultkit.toml": TALKS + '[kinds.challenge.fields.status]\nvalues = ["+in progress"]\n'
                                                    'synonyms = { wip = "in progress" }\n'})
    made = run(tmp_path, "new", "talk", "Rust at scale", "--set", "stage=CFP")
    assert made.exit_code == 0, made.output
    text = (tmp_path / "Talks" / "Rust at scale.md").read_text(encoding="utf-8")
    # today's date as built-ins get it, the canonical stage, and no `type:`: the folder rule finds it
    assert text == '---\nstage: "submitted"\ndate: 2026-06-30\n---\n# Rust at scale\n'
    plain = run(tmp_path, "new", "talk", "Go at scale")
    assert plain.exit_code == 0, plain.output
    assert (tmp_path / "Talks" / "Go at scale.md").read_text(encoding="utf-8") == \
        "---\ndate: 2026-06-30\n---\n# Go at scale\n"
    hard = run(tmp_path, "new", "challenge", "Flaky CI", "--set", "status=WIP")
    assert hard.exit_code == 0, hard.output
    assert 'status: "in progress"' in (tmp_path / "Challenges" / "Flaky CI.md").read_text(encoding="utf-8")
    checked = run(tmp_path, "check", "--format", "json")
    assert json.loads(checked.stdout)["diagnostics"] == [] and checked.exit_code == 0


def test_new_uses_the_kinds_folder_and_template(tmp_path: Path) -> None:
    write_vault(tmp_path, {"vaultkit.toml": '[kinds.idea]\nfolder = "Ideas/Open"\ntemplate = "Tpl/idea.md"\n'
                                            'fields.score = { type = "number", default = 1 }\n',
                           "Tpl/idea.md": "---\nscore: 2\n---\n# {{title}}\n"})
    made = run(tmp_path, "new", "idea", "Solar")
    assert made.exit_code == 0, made.output
    text = (tmp_path / "Ideas" / "Open" / "Solar.md").read_text(encoding="utf-8")
    assert text == '---\nscore: 2\ntype: "idea"\n---\n# Solar\n'  # `type:` added: no rule finds Ideas/Open
    assert load_vault(tmp_path).records("idea")[0].score == 2
    (tmp_path / "Tpl" / "idea.md").unlink()
    gone = run(tmp_path, "new", "idea", "Wind")
    assert gone.exit_code == 1 and "Tpl/idea.md" in gone.stderr


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8),
                     st.dates())
_KEYS = st.sampled_from(["match", "folder", "template", "fields", "type", "values", "synonyms", "required",
                         "default", "calendar", "from", "parse", "stage", "kind", "date", "+x", "Talk", ""])
_VALUES = st.recursive(_SCALARS | st.sampled_from(["enum", "text", "date", "links", "+blog", "**/X/", "int"]),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
                       max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["talk", "share", "person", "event", "Bad", "x y"]), _VALUES, max_size=3))
def test_any_kinds_table_gives_diagnostics_never_an_exception(tables: dict[str, Any]) -> None:
    said: list[tuple[str, str, str]] = []
    schema = BUILTIN.merge(tables, lambda key, message, hint: said.append((key, message, hint)))
    assert all(key.startswith("kinds") and message and hint for key, message, hint in said)
    assert set(BUILTIN.names) <= set(schema.names)
    pickle.loads(pickle.dumps(schema))
    hash(schema)
    cfg = Config(schema=schema)
    parse_note("Talks/x.md", b"---\nstage: a\nkind: blog\ndate: 2026-01-01\n---\n", cfg)  # never raises


def test_the_readme_kinds_example_is_valid_as_written() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n[kinds.talk]") + len("```toml\n")
    cfg = config(readme[start:readme.index("```", start)])
    assert cfg.schema.field("share", "kind").values[-1] == "blog"
    assert note(cfg, "Challenges/c.md", "date: 2026-01-01\nstatus: wip\n").fields["status"] == "in progress"
    assert note(cfg, "Talks/t.md", "date: 2026-01-01\n").fields["stage"] == "idea"


def test_a_vaults_own_kind_under_watch(tmp_path: Path) -> None:
    from tests.test_watch import fresh_build, generated
    from vaultkit.disk.build import build
    from vaultkit.live.session import Session

    root = write_vault(tmp_path / "vault", {"vaultkit.toml": TALKS, "People/Ada.md": "---\ncompany: X\n---\n",
                                            "Talks/Rust.md": "---\ndate: 2026-09-01\n---\n- with [[Ada]]\n"})
    build(root)
    session = Session(str(root))
    session.load()
    session.rebuild()
    for rel, text in [("Talks/Rust.md", "---\ndate: 2026-09-01\nstage: given\n---\n"),
                      ("Talks/Go.md", "---\ndate: 2026-10-01\nstage: cfp\n---\n")]:
        (root / rel).write_text(text, encoding="utf-8")
        assert session.update({rel}).any
        session.rebuild()
    assert session.live is not None
    vault = session.live.vault
    assert [(r.note.path, r.stage) for r in vault.records("talk")] == [("Talks/Go.md", "submitted"),
                                                                      ("Talks/Rust.md", "given")]
    assert generated(root) == fresh_build(root, tmp_path)


def test_a_query_names_a_vaults_own_kind_and_its_fields(tmp_path: Path) -> None:
    import datetime as dt

    from vaultkit.views.query import Query, parse
    from vaultkit.views.query import run as run_query

    write_vault(tmp_path, {"vaultkit.toml": TALKS, "Talks/A.md": "---\ndate: 2026-09-01\n---\n",
                           "Talks/B.md": "---\ndate: 2026-08-01\nstage: given\nrating: 5\n---\n"})
    vault = load_vault(tmp_path)
    query = parse('talk where stage = "idea" sort date')
    assert isinstance(query, Query)
    assert [r.path for r in run_query(query, vault, dt.date(2026, 6, 30))] == ["Talks/A.md"]
    query = parse("talk where rating > 4.5")
    assert isinstance(query, Query)
    assert [r.path for r in run_query(query, vault, dt.date(2026, 6, 30))] == ["Talks/B.md"]


def test_obsidian_property_types_come_from_the_schema_a_vaults_kinds_included() -> None:
    from vaultkit.kinds.proptypes import kind_fields

    fields = {(f.kind, f.name): f for rows in kind_fields(config(TALKS)).values() for f in rows}
    assert fields[("talk", "stage")].obsidian == "text" and fields[("talk", "rating")].obsidian == "number"
    assert fields[("talk", "topics")].obsidian == "multitext" and fields[("talk", "online")].obsidian == "checkbox"
    assert fields[("interview", "rounds")].obsidian is None and fields[("person", "cadence")].public == "text"


def test_kind_completes_with_the_vaults_own_kinds(tmp_path: Path) -> None:
    write_vault(tmp_path, {"vaultkit.toml": TALKS})

    def complete(words: str) -> list[str]:
        env = {"_VAULTKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        done = CliRunner().invoke(cli, [], env=env, prog_name="vaultkit")
        return [line.partition(",")[2] for line in done.output.split()]  # bash: "plain,VALUE" a line

    assert complete(f"vaultkit --vault {tmp_path} new t") == ["talk"]
    assert complete(f"vaultkit --vault {tmp_path / 'nowhere'} new c") == ["challenge", "community"]


def test_a_stage_outside_the_list_still_shows_in_interviews_and_a_new_one_in_order(tmp_path: Path) -> None:
    write_vault(tmp_path, {
        "vaultkit.toml": 'today = "2026-06-30"\n[kinds.interview.fields.stage]\nvalues = ["+on hold"]\n',
        "Interviews/A.md": "---\ncompany: A\ndate: 2026-06-01\nstage: paused\n---\n",
        "Interviews/B.md": "---\ncompany: B\ndate: 2026-06-02\nstage: On Hold\n---\n",
        "Interviews/C.md": "---\ncompany: C\ndate: 2026-06-03\nstage: offer\n---\n"})
    assert run(tmp_path, "build").exit_code == 0
    text = (tmp_path / "Vaultkit" / "Interviews.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == ["### Offer", "### On hold", "### Paused"]  # the schema's order, then the others
