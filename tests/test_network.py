"""A network that matters (issue 13, point 3) and what a user hit in capture and follow-ups
(point 7): person priorities and their cadences, follow-ups ranked by priority then overdue
days with the manager first, `looking_for` and `#told`, "Last time" as a sentence, names
written as links by `brag --impacted` and `new --set`, and the messages of bad dates and values.

End to end through the CLI (click's runner; `log --told` once as a real subprocess) on temp
vaults and a copy of the example vault.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from tests.test_cli_capture import ok, vk
from vaultkit.cli.main import cli
from vaultkit.reader.network import clean

TOML = 'today = "2026-07-15"\n'


def run(vault: Path, *args: str) -> Result:
    """`vaultkit --vault VAULT ARGS…` in-process (stdout and stderr kept apart)."""
    return CliRunner().invoke(cli, ["--vault", str(vault), *args])


def person(front: str, *interactions: str) -> str:
    lines = "".join(f"- {i}\n" for i in interactions)
    return f"---\n{front.strip()}\n---\n# Someone\n\n## Interactions\n\n{lines}"


def due(vault: Path) -> list[dict[str, object]]:
    result = run(vault, "followups", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["due"]


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].split("<!-- vaultkit:end", 1)[0]


# --- priority, cadence, ranking ------------------------------------------------------------------

def ranked_vault(tmp_path: Path, toml: str = "") -> Path:
    """Five people all due on 2026-07-15, the least important the most overdue."""
    return write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML + toml,
        "People/Ivy Inner.md": person("priority: inner\ncadence: 30d", "2026-06-01 call"),       # 14 over
        "People/Al Active.md": person("priority: active\ncadence: 30d", "2026-05-01 call"),      # 45 over
        "People/Nora None.md": person("cadence: 30d", "2026-03-01 call"),                         # 106 over
        "People/Lou Loose.md": person("priority: loose\ncadence: 30d", "2025-07-01 call"),       # 349 over
        "People/Max Manager.md": person("priority: loose\ncadence: 14d", "2026-06-20 1:1"),      # 11 over
    })


def test_followups_rank_by_priority_then_overdue_and_the_manager_first(tmp_path: Path) -> None:
    vault = ranked_vault(tmp_path, 'manager = "[[Max Manager]]"\n')
    rows = due(vault)
    assert [r["person"] for r in rows] == ["Max Manager", "Ivy Inner", "Al Active", "Nora None", "Lou Loose"]
    assert [r["priority"] for r in rows] == ["loose, manager", "inner", "active", None, "loose"]
    assert ok_build(vault)
    table = section((vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8"), "Due")
    order = [line.split(" |", 1)[0].removeprefix("| ") for line in table.splitlines() if line.startswith("| [[")]
    assert order == ["[[Max Manager]] (loose, manager)", "[[Ivy Inner]] (inner)", "[[Al Active]] (active)",
                     "[[Nora None]]", "[[Lou Loose]] (loose)"]


def test_without_a_manager_a_loose_contact_still_ranks_last(tmp_path: Path) -> None:
    rows = due(ranked_vault(tmp_path))
    assert [r["person"] for r in rows] == ["Ivy Inner", "Al Active", "Nora None", "Lou Loose", "Max Manager"]


def ok_build(vault: Path) -> bool:
    result = run(vault, "build")
    assert result.exit_code == 0, result.output
    return True


def test_a_priority_sets_the_default_cadence_and_cadence_configures_it(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "People/Ivy.md": person("priority: inner", "2026-06-01 call"),      # 44 days ago
        "People/Lou.md": person("priority: loose", "2026-02-01 call"),      # 164 days ago
        "People/Own.md": person("priority: inner\ncadence: 1y", "2026-02-01 call"),
        "People/Nora.md": person("company: X", "2026-04-01 call"),          # 105 days ago
    }
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": TOML, **files})
    cadences = {r["person"]: r["cadence_days"] for r in due(vault)}
    assert cadences == {"Ivy": 30, "Nora": 90}  # loose: 6m by default; Own's `1y` wins over inner
    (vault / "vaultkit.toml").write_text(TOML + 'default_cadence = "60d"\n[cadence]\ninner = "60d"\nloose = "3m"\n')
    cadences = {r["person"]: r["cadence_days"] for r in due(vault)}
    assert cadences == {"Lou": 90, "Nora": 60}


def test_a_vaults_own_priority_list_ranks_and_takes_cadences(tmp_path: Path) -> None:
    toml = ('[cadence]\nfamily = "7d"\n\n[kinds.person.fields.priority]\nvalues = ["family", "close", "rest"]\n')
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML + toml,
        "People/Rest.md": person("priority: rest\ncadence: 30d", "2025-01-01 call"),
        "People/Fam.md": person("priority: family", "2026-07-01 call"),
        "People/Close.md": person("priority: close\ncadence: 30d", "2026-06-01 call"),
    })
    rows = due(vault)
    assert [(r["person"], r["cadence_days"]) for r in rows] == [("Fam", 7), ("Close", 30), ("Rest", 30)]
    check = run(vault, "check")
    assert "priority" not in check.output  # the vault's own values: no enum warning


def test_a_cadence_key_that_is_no_priority_is_an_error_naming_it(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": TOML + '[cadence]\nclose = "30d"\ninner = "soon"\n',
                                         "People/A.md": person("priority: inner")})
    result = run(vault, "followups")
    assert result.exit_code == 1
    assert "cadence.close: unknown priority 'close'" in result.output
    assert "inner, active, loose" in result.output
    assert "cadence.inner: not a cadence: 'soon'" in result.output
    assert not (vault / "Vaultkit").exists() and run(vault, "build").exit_code == 1


def test_a_top_level_key_written_under_cadence_says_where_it_belongs(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": TOML + '[cadence]\ninner = "30d"\nmanager = "[[A]]"\n'})
    result = run(vault, "check")
    assert result.exit_code == 1 and "cadence.manager" in result.output
    assert "move the `manager = …` line above the first [table]" in result.output


def test_an_unknown_priority_is_a_warning_and_ranks_as_none(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML,
        "People/High.md": person("priority: high\ncadence: 30d", "2026-01-01 call"),
        "People/Loose.md": person("priority: loose\ncadence: 30d", "2025-01-01 call"),
    })
    assert [r["person"] for r in due(vault)] == ["High", "Loose"]
    check = run(vault, "check")
    assert check.exit_code == 0
    said = 'People/High.md:2: warning: person field `priority`: "high" is not one of inner, active, loose'
    assert said in check.output


# --- looking_for and #told -----------------------------------------------------------------------

def told_vault(tmp_path: Path, toml: str = 'looking_for = "a staff role in Berlin"\n') -> Path:
    return write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML + toml,
        "People/Ada.md": person("priority: inner\nasks: [an intro to her CTO]", "2026-07-01 coffee"),
        "People/Bo.md": person("priority: loose", "2026-07-01 coffee — told him what I am after #told"),
        "People/Cy.md": person("company: Lumen", "2026-07-02 call"),
        "People/Dee.md": person("priority: active", "2026-07-03 lunch"),
        "Daily/2026-07-04.md": "- told [[Cy]] about the job search #told\n",
    })


def test_looking_for_lists_who_has_not_been_told_priority_first(tmp_path: Path) -> None:
    vault = told_vault(tmp_path)
    result = run(vault, "followups", "--format", "json")
    shown = json.loads(result.stdout)
    assert shown["looking_for"] == ["a staff role in Berlin"]
    assert [(u["person"], u["priority"], u["asks"]) for u in shown["untold"]] == [
        ("Ada", "inner", ["an intro to her CTO"]), ("Dee", "active", [])]
    text = run(vault, "followups").stdout
    assert "Not told what you are looking for (a staff role in Berlin): 2, priority first" in text
    assert "  Ada (inner): ask for an intro to her CTO\n  Dee (active)\n" in text
    assert ok_build(vault)
    note = (vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8")
    assert ", 2 not told what you are looking for." in note
    untold = section(note, "Not told what you are looking for")
    assert "You are looking for: a staff role in Berlin." in untold
    assert "- [[Ada]] (inner): ask for an intro to her CTO\n- [[Dee]] (active)\n" in untold
    assert "[[Bo]]" not in untold and "[[Cy]]" not in untold


def test_log_told_writes_the_tag_and_takes_them_off_the_list(tmp_path: Path) -> None:
    vault = told_vault(tmp_path)
    logged = ok(vk(vault, "log", "Ada", "coffee: told her I am looking for a staff role", "--told"))
    assert logged.out.strip() == "People/Ada.md: - 2026-07-15 coffee: told her I am looking for a staff role #told"
    assert "- 2026-07-15 coffee: told her I am looking for a staff role #told\n" in (
        vault / "People" / "Ada.md").read_text("utf-8")
    again = run(vault, "log", "Dee", "lunch, told her #told", "--told")  # already tagged: not twice
    assert again.stdout.strip().endswith("lunch, told her #told")
    shown = json.loads(run(vault, "followups", "--format", "json").stdout)
    assert shown["untold"] == []
    assert ok_build(vault)
    assert "Everyone has been told." in (vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8")


def test_without_looking_for_nothing_about_telling_is_shown(tmp_path: Path) -> None:
    vault = told_vault(tmp_path, toml="")
    shown = json.loads(run(vault, "followups", "--format", "json").stdout)
    assert "untold" not in shown and "looking_for" not in shown
    assert ok_build(vault)
    assert "told" not in (vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8")


def test_a_goals_looking_for_counts_and_a_dropped_goal_does_not(tmp_path: Path) -> None:
    goal_kind = '[kinds.goal]\nmatch = { folder = "**/Goals/" }\n'
    vault = told_vault(tmp_path, toml=goal_kind)
    write_vault(vault, {"Goals/Staff.md": "---\nlooking_for: a staff sponsor\n---\n",
                        "Goals/Old.md": "---\nstatus: dropped\nlooking_for: a team lead role\n---\n"})
    shown = json.loads(run(vault, "followups", "--format", "json").stdout)
    assert shown["looking_for"] == ["a staff sponsor"]


def test_looking_for_must_be_text(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": "looking_for = 3\n"})
    result = run(vault, "check")
    assert result.exit_code == 1 and "looking_for: expected str or list, got int" in result.output


# --- "Last time" as a sentence ------------------------------------------------------------------

def test_last_time_is_clean_text_and_says_whose_note_it_is_in(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML,
        "People/Hannah Schulz.md": person("cadence: 30d"),
        "People/Omar Haddad.md": person("cadence: 1y",
                                        "2026-03-02 intro to [[Daniel Park]], who runs platform at Quill"),
        "People/Daniel Park.md": person('cadence: 30d\nintroduced_by: "[[Omar Haddad]]"'),
        "People/Eve.md": person("cadence: 30d"),
        "People/Finn.md": person("cadence: 30d"),
        "Daily/2026-03-05.md": ("- Mentored [[Hannah Schulz]] through on-call #brag/mentoring impact:: first "
                                "solo shift [impacted:: [[Hannah Schulz]]] (theme:: mentoring)\n"),
        "Daily/2026-03-06.md": "Lunch with [[Eve]].\n",
        "Projects/Ledger.md": "- 2026-03-07 paired with [[Finn]] on the ledger #told #coffee\n",
    })
    rows = {r["person"]: r["last_text"] for r in due(vault)}
    assert rows["Hannah Schulz"] == "Mentored [[Hannah Schulz]] through on-call"
    assert ok_build(vault)
    table = section((vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8"), "Due")
    last = {line.split(" |")[0].removeprefix("| "): line.rsplit(" | ", 1)[1].removesuffix(" |")
            for line in table.splitlines() if line.startswith("| [[")}
    assert last["[[Hannah Schulz]]"] == "Mentored [[Hannah Schulz]] through on-call ([[2026-03-05]])"
    assert last["[[Daniel Park]]"] == "intro via [[Omar Haddad]]: who runs platform at Quill"
    assert last["[[Eve]]"] == "mentioned in [[2026-03-06]]"
    assert last["[[Finn]]"] == "paired with [[Finn]] on the ledger #coffee ([[Ledger]])"
    for text in last.values():
        assert "::" not in text and "#brag" not in text and "#told" not in text


def test_a_line_in_another_persons_note_reads_via_them(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML,
        "People/Omar Haddad.md": person("cadence: 1y", "2026-03-02 lunch with [[Lukas|Luke]] and Omar's team"),
        "People/Lukas.md": person("cadence: 30d"),
    })
    assert ok_build(vault)
    table = section((vault / "Vaultkit" / "Follow-ups.md").read_text("utf-8"), "Due")
    assert "| via [[Omar Haddad]]: lunch with Luke and Omar's team |" in table


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + " ,.'—-", max_size=40),
       st.sampled_from(["#brag", "#brag/demo", "#Brag", "#challenge", "#told", "#1-1"]),
       st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=20))
def test_clean_leaves_out_marker_tags_and_inline_fields(text: str, tag: str, value: str) -> None:
    written = f"{text} {tag} impact:: {value} [impacted:: [[Team]]] (theme:: demo)"
    assert clean(written) == clean(text)
    assert "::" not in clean(written) and "#" not in clean(written)


# --- names written as links ---------------------------------------------------------------------

def link_vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {
        "vaultkit.toml": TOML,
        "People/Hannah Schulz.md": "---\naliases: [Hannah]\n---\n",
        "People/Lukas Hoffmann.md": "---\ncompany: X\n---\n",
    })


def test_brag_impacted_by_alias_writes_the_alias_link(tmp_path: Path) -> None:
    vault = link_vault(tmp_path)
    made = run(vault, "brag", "Ran the on-call drill", "--impacted", "Hannah", "--impacted", "lukas hoffmann",
               "--impacted", "Payments team")
    assert made.exit_code == 0, made.output
    text = Path(made.stdout.strip()).read_text("utf-8")
    assert 'impacted: ["[[Hannah Schulz|Hannah]]", "[[Lukas Hoffmann]]", "Payments team"]' in text
    daily = run(vault, "brag", "Wrote the runbook", "--impacted", "Hannah", "--daily")
    assert "[impacted:: [[Hannah Schulz|Hannah]]]" in Path(daily.stdout.strip()).read_text("utf-8")
    assert ok_build(vault)
    brag = (vault / "Vaultkit" / "Brag.md").read_text("utf-8")
    assert "[[Hannah Schulz\\|Hannah]]" in brag or "[[Hannah Schulz]]" in brag
    check = run(vault, "check")
    assert "link-broken" not in check.output


def test_new_set_of_a_link_field_writes_a_link_when_the_name_resolves(tmp_path: Path) -> None:
    vault = link_vault(tmp_path)
    made = run(vault, "new", "event", "Rust Berlin", "--set", "met=Lukas Hoffmann, Hannah, Grace Hopper",
               "--set", "location=Lukas Hoffmann's office")
    assert made.exit_code == 0, made.output
    text = Path(made.stdout.strip()).read_text("utf-8")
    assert 'met: ["[[Lukas Hoffmann]]", "[[Hannah Schulz|Hannah]]", "Grace Hopper"]' in text
    assert "location: \"Lukas Hoffmann's office\"" in text  # a text field stays text
    who = run(vault, "new", "person", "Ada", "--set", "introduced_by=Lukas Hoffmann")
    assert 'introduced_by: "[[Lukas Hoffmann]]"' in Path(who.stdout.strip()).read_text("utf-8")


# --- messages -----------------------------------------------------------------------------------

def test_a_day_the_month_does_not_have_is_said_so(tmp_path: Path) -> None:
    vault = link_vault(tmp_path)
    for args in (("brag", "x", "--date", "2026-02-30"), ("log", "Hannah", "x", "--date", "2026-02-30")):
        result = run(vault, *args)
        assert result.exit_code == 2
        assert "'2026-02-30' is not a date: February 2026 has no day 30 (it has 28 days)" in result.output
    leap = run(vault, "followups", "--today", "2028-02-30")
    assert "February 2028 has no day 30 (it has 29 days)" in leap.output
    month = run(vault, "review", "--since", "2026-13-01", "--until", "2026-12-31")
    assert "there is no month 13" in month.output
    assert "is not a date as YYYY-MM-DD" in run(vault, "brag", "x", "--date", "soon").output
    assert not (vault / "Brag").exists()


def test_reversed_since_and_until_say_so(tmp_path: Path) -> None:
    vault = link_vault(tmp_path)
    result = run(vault, "review", "--since", "2026-05-01", "--until", "2026-01-01")
    assert result.exit_code == 2
    assert "--until 2026-01-01 is before --since 2026-05-01" in result.output
    assert "swap the two dates" in result.output and "value for PERIOD" not in result.output
    assert not (vault / "Vaultkit").exists()


def test_new_with_an_unknown_stage_writes_the_note_and_warns_with_the_allowed_ones(tmp_path: Path) -> None:
    vault = link_vault(tmp_path)
    made = run(vault, "new", "interview", "Acme", "--set", "company=Acme", "--set", "stage=final")
    assert made.exit_code == 0
    assert (vault / "Interviews" / "Acme.md").read_text("utf-8").count('stage: "final"') == 1
    allowed = "applied, screening, interviewing, offer, accepted, declined, rejected, withdrawn"
    assert f'warning: interview field `stage`: "final" is not one of {allowed}' in made.stderr
    for command in ("check", "build"):  # a warning everywhere, never an error
        said = run(vault, command)
        assert said.exit_code == 0, said.output
    assert '"final" is not one of' in run(vault, "check").output


def test_log_into_a_note_that_is_not_utf8_names_it_and_writes_nothing(tmp_path: Path) -> None:
    vault = link_vault(tmp_path)
    note = vault / "People" / "Lukas Hoffmann.md"
    data = note.read_bytes() + b"\n## Interactions\n\n- 2026-01-01 caf\xe9\n"
    note.write_bytes(data)
    result = run(vault, "log", "Lukas Hoffmann", "coffee")
    assert result.exit_code == 1
    assert "People/Lukas Hoffmann.md is not UTF-8 (byte 0xe9 at offset" in result.output
    assert "wrote nothing" in result.output and "Traceback" not in result.output
    assert note.read_bytes() == data


def test_followups_prints_a_shared_vaults_escape_and_bidi_controls_as_text(tmp_path: Path) -> None:
    # A person's name or field from a shared vault reached the terminal raw: an ESC clears the
    # screen or recolours it, a U+202E turns the rest of the line around. Printed as text; the
    # JSON keeps the data as written.
    files: dict[str, str | bytes] = {
        "People/Eve\u202eliam.md": person('company: "Acme\\u001b[2J"\nasks: ["a \\u0007 bell"]', "2026-02-01 call"),
    }
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": TOML + 'looking_for = "a role"\n', **files})
    result = run(vault, "followups")
    assert result.exit_code == 0, result.output
    assert "Eve\\u202eliam" in result.output and "a \\x07 bell" in result.output
    assert not any(ch in result.output for ch in "\x1b\x07\u202e"), result.output
    assert [r["person"] for r in due(vault)] == ["Eve\u202eliam"]
