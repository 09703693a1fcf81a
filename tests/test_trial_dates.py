"""A date the user typed that does not exist is said one way wherever it is read (issue 13,
new-user trial): `--today`, `VAULTKIT_TODAY`, `today` in vaultkit.toml and an imported
calendar's DTSTART all say "February 2026 has no day 30 (it has 28 days)", as `--date` does."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import snapshot, write_vault
from vaultkit.cli.main import cli
from vaultkit.reader.dates import compact_day_problem, day_problem, day_reason

SAID = "'{}' is not a date: February 2026 has no day {} (it has 28 days)"


def run(vault: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args], env=env or {}, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_every_source_of_a_date_says_the_day_does_not_exist(tmp_path: Path) -> None:
    ics = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Rust Berlin\r\nDTSTART:20260230T100000Z\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    vault = write_vault(tmp_path / "v", {"People/Ada.md": "# Ada\n", "bad.ics": ics})
    before = snapshot(vault)
    said = {
        "--today": run(vault, "build", "--today", "2026-02-30").output,
        "--date": run(vault, "log", "Ada", "coffee", "--date", "2026-02-30").output,
        "VAULTKIT_TODAY": run(vault, "build", env={"VAULTKIT_TODAY": "2026-02-30"}).output,
        "ics": run(vault, "import", "ics", str(vault / "bad.ics")).output,
    }
    for where, out in said.items():
        assert SAID.format("2026-02-30" if where != "ics" else "20260230T100000Z", 30) in out, (where, out)
    assert "Error: VAULTKIT_TODAY: '2026-02-30' is not a date" in said["VAULTKIT_TODAY"]
    assert "bad.ics:4: DTSTART cannot be read: '20260230T100000Z' is not a date" in said["ics"]
    assert snapshot(vault) == before
    (vault / "vaultkit.toml").write_text('today = "2026-02-30"\n', encoding="utf-8")
    check = run(vault, "check")
    assert check.exit_code == 1
    assert f"vaultkit.toml: error: today: {SAID.format('2026-02-30', 30)} [config-invalid]" in check.output


def test_other_bad_values_keep_their_own_words() -> None:
    assert day_problem("2026-13-01") == "'2026-13-01' is not a date: there is no month 13 (months are 01 to 12)"
    assert day_problem("soon") == "'soon' is not a date as YYYY-MM-DD"
    assert day_problem("2026-2-3") == "'2026-2-3' is not a date as YYYY-MM-DD"
    assert compact_day_problem("20260228T100000Z") is None and compact_day_problem("20260229") is not None
    assert compact_day_problem("not a date") is None
    # year 0 is no year (an item `- 0000-01-01 …` was said to be "not a real date: is not a date
    # as YYYY-MM-DD", the reason cut in half)
    assert day_problem("0000-01-01") == "'0000-01-01' is not a date: there is no year 0 (years start at 0001)"
    assert day_reason("0000-01-01") == "there is no year 0 (years start at 0001)"
    assert day_reason("2026-02-30") == "February 2026 has no day 30 (it has 28 days)"
    said = day_problem("0000-01-01").replace("0000-01-01", "00000101T000000Z")
    assert compact_day_problem("00000101T000000Z") == said


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(0, 99))
def test_a_day_past_the_months_end_is_named(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    last = calendar.monthrange(year, month)[1]
    try:
        dt.date(year, month, day)
    except ValueError:
        assert f"has no day {day} (it has {last} days)" in day_problem(text)
        assert day_problem(text) == compact_day_problem(f"{year:04d}{month:02d}{day:02d}").replace(  # type: ignore[union-attr]
            f"'{year:04d}{month:02d}{day:02d}'", f"'{text}'")
    else:
        assert compact_day_problem(f"{year:04d}{month:02d}{day:02d}T000000") is None
