"""`manager` and `[criteria]` in vaultkit.toml: parsed, validated, and named in errors."""

from __future__ import annotations

import pytest

from vaultkit.reader.config import parse_config, person_target


@pytest.mark.parametrize("value, target", [
    ("[[Marta Kowalski]]", "Marta Kowalski"),
    ("[[Marta Kowalski|Marta]]", "Marta Kowalski"),
    ("  Marta Kowalski ", "Marta Kowalski"),
    ("[[People/Marta Kowalski]]", "People/Marta Kowalski"),
])
def test_manager_is_a_link_or_a_name(value: str, target: str) -> None:
    config, diags = parse_config(f'manager = "{value}"\n')
    assert diags == []
    assert config.manager == target


@pytest.mark.parametrize("value", ["", "[[]]", "[[Marta]] and [[Ben]]", "[[#Heading]]"])
def test_manager_naming_no_note_is_an_error(value: str) -> None:
    config, diags = parse_config(f'manager = "{value}"\n')
    assert config.manager is None
    assert [d.code for d in diags] == ["config-invalid"]
    assert diags[0].message.startswith("manager:") and "[[Marta Kowalski]]" in diags[0].hint


def test_manager_must_be_text() -> None:
    _, diags = parse_config("manager = 3\n")
    assert diags[0].message == "manager: expected str, got int"
    assert person_target("x\ny") is None


def test_criteria_keep_the_users_order_and_merge_repeats() -> None:
    config, diags = parse_config('[criteria]\n"Technical leadership" = ["leadership", "delivery", "leadership"]\n'
                                 '"Impact beyond the team" = ["visibility"]\n')
    assert diags == []
    assert config.criteria == (("Technical leadership", ("leadership", "delivery")),
                               ("Impact beyond the team", ("visibility",)))


@pytest.mark.parametrize("line, says", [
    ('"Scope" = "delivery"', "expected a list of brag themes"),
    ('"Scope" = []', "expected a list of brag themes"),
    ('"Scope" = ["delivery", 3]', "expected a list of brag themes"),
    ('"Scope" = [" "]', "expected a list of brag themes"),
])
def test_bad_criteria_are_errors_naming_the_criterion(line: str, says: str) -> None:
    config, diags = parse_config(f"[criteria]\n{line}\n")
    assert config.criteria == ()
    assert [d.message.split(":")[0] for d in diags] == ["criteria.Scope"]
    assert says in diags[0].message


def test_a_key_written_below_criteria_is_said_to_be_misplaced() -> None:
    _, diags = parse_config('[criteria]\n"Scope" = ["delivery"]\nmanager = "[[Marta]]"\n')
    assert [d.message.split(":")[0] for d in diags] == ["criteria.manager"]
    assert "top-level key" in diags[0].hint
