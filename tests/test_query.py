"""The query language (issue 12, point 4): parsing, and the engine over a vault on disk.

Parsing is a table of queries and what they read as, a table of texts that are no query and
the column each error points at, and a property: `parse` returns a value for any text, never
raises. The engine runs on a small vault written to a temporary folder: typed comparisons
(dates, numbers, links by name), `contains`, lists, missing fields, order and its ties,
`limit`, the computed `last_contact`, and the table and list it renders.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from vaultkit.disk.load import load_vault
from vaultkit.views.common import Facts
from vaultkit.views.query import (
    Cond,
    LinkValue,
    Query,
    QueryError,
    SortKey,
    check_fields,
    compose,
    parse,
    render,
    run,
    schema_fields,
)

TODAY = dt.date(2026, 6, 30)


def ok(text: str) -> Query:
    query = parse(text)
    assert isinstance(query, Query), query
    return query


# --- the language -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("person", Query("person", text="person")),
    ("  Person  ", Query("person", text="Person", kind_column=3)),
    ('person where company = "Corvid Health" sort last_contact',
     Query("person", (Cond("company", "=", "Corvid Health", 14),), (SortKey("last_contact", False, 45),),
           text='person where company = "Corvid Health" sort last_contact')),
    ("event where date > 2026-01-01 and speaker = true and goal_new_people != 3 sort date desc, title limit 5",
     Query("event", (Cond("date", ">", dt.date(2026, 1, 1), 13), Cond("speaker", "=", True, 35),
                     Cond("goal_new_people", "!=", 3, 54)),
           (SortKey("date", True, 80), SortKey("title", False, 91)), 5,
           text="event where date > 2026-01-01 and speaker = true and goal_new_people != 3 sort date desc, title "
                "limit 5")),
    ("person WHERE communities CONTAINS [[Platform Engineering Berlin|PEB]] columns role, company AS list",
     Query("person", (Cond("communities", "contains", LinkValue("Platform Engineering Berlin"), 14),),
           columns=("role", "company"), form="list", column_at=(79, 85),
           text="person WHERE communities CONTAINS [[Platform Engineering Berlin|PEB]] columns role, company AS list")),
    ("brag limit 2 where impact contains 'say \\'hi\\'' sort date asc",
     Query("brag", (Cond("impact", "contains", "say 'hi'", 20),), (SortKey("date", False, 54),), 2,
           text="brag limit 2 where impact contains 'say \\'hi\\'' sort date asc")),
    ("share where metrics < -1.5", Query("share", (Cond("metrics", "<", -1.5, 13),),
                                         text="share where metrics < -1.5")),
])
def test_parse_reads(text: str, expected: Query) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "column", "says"), [
    ("", 1, "empty"),
    ("person where", 13, "expected a field name"),
    ("person where company", 21, "expected an operator"),
    ("person where company ~ 1", 22, "unexpected '~'"),
    ('person where company = "Corvid', 24, "never closed"),
    ("person where company = Corvid", 24, 'quote text: "Corvid"'),
    ("person where met_on > 2026-02-30", 23, "not a real date"),
    ("person where introduced_by = [[Ada", 30, "never closed with ]]"),
    ("person where introduced_by = [[]]", 30, "names no note"),
    ("person sort", 12, "expected a field name"),
    ("person limit 0", 14, "1 or more"),
    ("person limit 2.5", 14, "whole number"),
    ("person limit many", 14, "whole number"),
    ("person sort title sort path", 19, "written twice"),
    ("person as grid", 11, "as table` or `as list"),
    ("person columns", 15, "expected a field name"),
    ("person columns role,", 21, "expected a field name"),
    ("person where where = 1", 14, "found the word 'where'"),
    ("person because", 8, "expected one of where"),
    ("42", 1, "expected a kind"),
    ("person " + "x" * 3000, 1, "at most"),
])
def test_parse_errors_are_values_with_a_column(text: str, column: int, says: str) -> None:
    error = parse(text)
    assert isinstance(error, QueryError), error
    assert error.column == column, error
    assert says in error.message, error


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200) | st.lists(st.sampled_from(
    ["person", "where", "and", "sort", "desc", "limit", "columns", "as", "list", "=", "!=", "<", ">", "contains",
     '"x"', "'y", "[[A]]", "[[", "2026-01-01", "2026-13-40", "3", "-1.5", ",", "title", "true", "\\", "\n"]),
    max_size=14).map(" ".join))
def test_parse_never_raises(text: str) -> None:
    result = parse(text)
    assert isinstance(result, Query | QueryError)
    if isinstance(result, QueryError):
        assert 1 <= result.column <= max(1, len(text) + 1)


def test_fields_are_checked_against_the_kind() -> None:
    kinds = {"person": {"company": "text", "last_contact": "date"}, "event": {"date": "date"}}
    assert check_fields(ok("person where company = 1 sort last_contact, contacts columns title, path, tags"),
                        kinds) is None
    error = check_fields(ok("person sort date"), kinds)
    assert error is not None and error.column == 13 and "has no field 'date'" in error.message
    error = check_fields(ok("people"), kinds)
    assert error is not None and error.column == 1 and "kinds: event, person" in error.message
    error = check_fields(ok("event columns date, contacts"), kinds)  # computed fields are the kind's own
    assert error is not None and error.column == 21


# --- the engine ---------------------------------------------------------------------


def person(company: str, extra: str = "", body: str = "") -> str:
    return f"---\ntype: person\ncompany: {company}\n{extra}---\n{body}"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("query-vault")
    write_vault(root, {
        "People/Ada Lovelace.md": person("Corvid Health", "role: CTO\nmet_on: 2026-01-10\ntopics: [Rust, Postgres]\n"
                                         "introduced_by: \"[[Bob Stone]]\"\n",
                                         "## Interactions\n- 2026-05-01 coffee\n- 2026-07-20 planned call\n"),
        "People/bob stone.md": person('"[[Corvid Health]]"', "met_on: 2025-12-01\ntopics: [rust async]\n"),
        "People/Cleo.md": person("Lumen Pay", "met_on: 2026-03-03\nlast_contact: 2026-06-01\n"
                                 "introduced_by: \"[[Ada Lovelace|Ada]]\"\n"),
        "People/Dan.md": person("corvid health", "role: a | b\n"),
        "Other/Ada Lovelace.md": "# same name, another folder\n",
        "Events/Meetup.md": "---\ntype: event\ndate: 2026-02-01\ngoal_new_people: 5\nspeaker: true\n"
                            "met: [\"[[Dan]]\"]\n---\n",
        "Events/Conf.md": "---\ntype: event\ndate: 2026-04-01\ngoal_new_people: 12\nspeaker: false\n---\n",
        "Daily/2026-06-10.md": "Lunch with [[Dan]].\n",
        "vaultkit.toml": 'today = "2026-06-30"\n',
    })
    return load_vault(root)


def titles(vault, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.title for row in run(ok(text), vault, TODAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("person", ["Ada Lovelace", "bob stone", "Cleo", "Dan"]),  # by title, casefolded
    ('person where company = "Corvid Health"', ["Ada Lovelace", "bob stone", "Dan"]),  # case, and a link's name
    ("person where company = [[corvid health]]", ["Ada Lovelace", "bob stone", "Dan"]),
    ('person where company != "Corvid Health"', ["Cleo"]),
    ('person where company contains "lumen"', ["Cleo"]),
    ('person where role contains "|"', ["Dan"]),
    ("person where met_on > 2026-01-01", ["Ada Lovelace", "Cleo"]),
    ('person where met_on < "2026-01-01"', ["bob stone"]),  # a quoted date is read as a date on a date field
    ("person where role != \"CTO\"", ["bob stone", "Cleo", "Dan"]),  # a field not set is != anything
    ("person where role = \"cto\" and met_on > 2026-01-01", ["Ada Lovelace"]),
    ('person where topics contains "rust"', ["Ada Lovelace", "bob stone"]),  # some item holds it
    ('person where topics = "rust"', ["Ada Lovelace"]),  # some item is it
    ("person where introduced_by = [[Bob Stone]]", ["Ada Lovelace"]),  # links compare by name
    ("person where introduced_by != [[Bob Stone]]", ["bob stone", "Cleo", "Dan"]),
    ("person where introduced_by > \"b\"", ["Ada Lovelace"]),  # "bob stone" > "b"; "ada lovelace" is not
    ("person where introduced_by contains \"stone\"", ["Ada Lovelace"]),
    ("person sort introduced_by, title", ["Cleo", "Ada Lovelace", "bob stone", "Dan"]),  # by the name it reaches
    ("person where introduced_by = [[People/Ada Lovelace]]", ["Cleo"]),  # … by the note they reach
    ('person where introduced_by = "ada lovelace"', ["Cleo"]),
    ("person where last_contact > 2026-06-01", ["Dan"]),  # the daily note; Ada's July item is after today
    ("person where contacts > 0", ["Ada Lovelace", "Cleo", "Dan"]),
    ("event where goal_new_people > 6", ["Conf"]),  # numbers as numbers: 12 > 6 though "12" < "6"
    ("event where goal_new_people = 5.0", ["Meetup"]),
    ("event where speaker = true", ["Meetup"]),
    ("event where speaker = \"true\"", []),  # a bool is no text
    ("event where met contains [[dan]]", ["Meetup"]),
    ("person sort met_on", ["bob stone", "Ada Lovelace", "Cleo", "Dan"]),  # no date: last
    ("person sort met_on desc", ["Cleo", "Ada Lovelace", "bob stone", "Dan"]),  # no date: last either way
    ("person sort company, title desc", ["Dan", "bob stone", "Ada Lovelace", "Cleo"]),
    ("person sort last_contact desc limit 2", ["Dan", "Cleo"]),
    ("person where path contains \"people/c\"", ["Cleo"]),
    ("nobody", []),
])
def test_the_engine(vault, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert titles(vault, text) == expected


def test_rows_hold_typed_fields(vault) -> None:  # type: ignore[no-untyped-def]
    ada = run(ok('person where company = "Corvid Health" sort title limit 1'), vault, TODAY)[0]
    assert ada.path == "People/Ada Lovelace.md"
    assert ada.get("met_on") == dt.date(2026, 1, 10)
    assert ada.get("last_contact") == dt.date(2026, 5, 1) and ada.get("contacts") == 1
    assert ada.get("topics") == ("Rust", "Postgres")
    assert ada.get("introduced_by").target == "Bob Stone"


def test_render_table_and_list(vault) -> None:  # type: ignore[no-untyped-def]
    facts = Facts(vault, TODAY)
    query = ok('person where company = "Corvid Health" sort last_contact desc columns role, introduced_by, topics')
    assert render(query, run(query, vault, TODAY, facts), facts) == "\n".join([
        "| person | role | introduced_by | topics |",
        "|---|---|---|---|",
        "| [[Dan]] | a \\| b |  |  |",
        "| [[People/Ada Lovelace]] | CTO | [[bob stone]] | Rust, Postgres |",  # a shared name: by its path
        "| [[bob stone]] |  |  | rust async |",
    ])
    query = ok("person where met_on > 2025-01-01 sort met_on as list")
    assert render(query, run(query, vault, TODAY, facts), facts) == "\n".join([
        "- [[bob stone]] — met_on: 2025-12-01",
        "- [[People/Ada Lovelace]] — met_on: 2026-01-10",
        "- [[Cleo]] — met_on: 2026-03-03",
    ])
    query = ok("event where date > 2030-01-01")
    assert render(query, run(query, vault, TODAY, facts), facts) == "*No notes match.*"


def test_schema_fields_name_every_kind(vault) -> None:  # type: ignore[no-untyped-def]
    kinds = schema_fields(vault)
    assert {"person", "event", "brag", "challenge", "interview", "share", "community"} <= set(kinds)
    assert "company" in kinds["person"]


def test_cells_cannot_break_the_table() -> None:
    from vaultkit.views.query import cell

    assert cell("a|b\nc\r\nd <!-- e\\") == "a\\|b c d &lt;!-- e\\\\"



def test_compose_reads_the_parts_of_a_template_call(vault) -> None:  # type: ignore[no-untyped-def]
    query = compose("person", where='company = "Corvid Health"', sort="title desc", limit=2)
    assert isinstance(query, Query)
    assert [r.title for r in run(query, vault, TODAY)] == ["Dan", "bob stone"]
    assert compose("person") == ok("person")
    error = compose("person", where="compnay = 1", vault=vault)
    assert isinstance(error, QueryError) and "no field 'compnay'" in error.message
    assert compose("person", sort="") == ok("person")
    assert isinstance(compose("person", limit=0), QueryError)
