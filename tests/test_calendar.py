"""`vaultkit calendar`: the .ics file of follow-ups, interview follow-ups, upcoming events and
every `calendar = true` date field (the example plugin's CFP deadlines too), read back with
icalendar; the same bytes whatever the time zone and locale; unchanged bytes are not rewritten."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import icalendar
from click.testing import CliRunner

from tests.test_plugin_talks import talks_installed, with_talks  # noqa: F401 (fixture used by name)
from vaultkit import load_vault
from vaultkit.cli.main import cli
from vaultkit.exports.calendar import uid
from vaultkit.reader import career

ICS = "Vaultkit/vaultkit.ics"
TODAY = dt.date(2026, 7, 15)  # the example vault's pinned today


def run(vault: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--vault", str(vault), "calendar", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(ev["SUMMARY"]): ev for ev in cal.walk("VEVENT")}


def test_the_calendar_of_the_example_vault(example_copy: Path) -> None:
    assert run(example_copy).strip() == str(example_copy / ICS)
    data = (example_copy / ICS).read_bytes()
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    found = events(data)
    # Whoever Follow-ups.md lists as due on 2026-07-15 (Jonas, Lena, Oskar) is due that day here.
    due = {s for s, ev in found.items() if ev.decoded("DTSTART") == dt.date(2026, 7, 15) and s.startswith("Follow")}
    listed = {f"Follow up with {f.person.note.title}" for f in career.followups(load_vault(example_copy), TODAY)}
    assert due == listed and "Follow up with Jonas Weber" in due
    # Kenji has no cadence of his own: `loose` in the example's cadence table gives him 6m.
    assert "every 180 days" in str(found["Follow up with Kenji Watanabe"]["DESCRIPTION"])
    noor = found["Follow up with Noor Haddad"]  # last contact 2026-06-11, cadence 6w: due after 42 days
    assert noor.decoded("DTSTART") == dt.date(2026, 7, 24) and noor.decoded("DTEND") == dt.date(2026, 7, 25)
    assert str(noor["UID"]) == uid("person", "People/Noor Haddad.md", "follow-up")
    assert found["Postgres Berlin August 2026"].decoded("DTSTART") == dt.date(2026, 8, 20)
    assert found["Corvid Health - Principal Engineer: follow up"].decoded("DTSTART") == dt.date(2026, 7, 20)
    assert "KubeCon EU 2026" not in found  # past events are left out
    assert all(ev.decoded("DTSTAMP") == dt.datetime(2026, 7, 15, tzinfo=dt.UTC) for ev in found.values())
    starts = [ev.decoded("DTSTART") for ev in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert starts == sorted(starts)
    mtime = (example_copy / ICS).stat().st_mtime_ns
    assert "(unchanged)" in run(example_copy)
    assert (example_copy / ICS).stat().st_mtime_ns == mtime


def test_a_rename_gives_new_uids_and_out_writes_elsewhere(example_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "cal" / "career.ics"
    out.parent.mkdir()
    run(example_copy, "--out", str(out))
    before = events(out.read_bytes())["Follow up with Noor Haddad"]["UID"]
    os.rename(example_copy / "People/Noor Haddad.md", example_copy / "People/Noor H.md")
    after = events(run(example_copy, "--out", str(out)) and out.read_bytes())["Follow up with Noor H"]["UID"]
    assert before != after and not (example_copy / ICS).exists()


def test_calendar_fields_of_a_plugin_kind(example_copy: Path, talks_installed: Path) -> None:  # noqa: F811
    with_talks(example_copy)
    run(example_copy)
    found = events((example_copy / ICS).read_bytes())
    cfp = found["Kafka exactly-once in practice: cfp deadline"]
    assert cfp.decoded("DTSTART") == dt.date(2026, 8, 31)
    assert str(cfp["UID"]) == uid("talk", "Talks/Kafka exactly-once in practice.md", "cfp_deadline")


def test_a_vaults_own_calendar_field(example_copy: Path) -> None:
    config = example_copy / "vaultkit.toml"
    config.write_text(config.read_text("utf-8") + '\n[kinds.share.fields.review_by]\ntype = "date"\ncalendar = true\n',
                      "utf-8")
    note = example_copy / "Sharing" / "Draft.md"
    note.write_text("---\ndate: 2026-07-01\nreview_by: 2026-09-01\n---\nA draft.\n", "utf-8")
    run(example_copy)
    assert events((example_copy / ICS).read_bytes())["Draft: review by"].decoded("DTSTART") == dt.date(2026, 9, 1)


def test_same_bytes_in_any_time_zone_and_locale(example_copy: Path, tmp_path: Path) -> None:
    outputs = []
    for tz, lc in (("UTC", "C"), ("Pacific/Kiritimati", "C.UTF-8"), ("America/Adak", "de_DE.UTF-8"),
                   ("Asia/Kolkata", "tr_TR.UTF-8")):
        env = {k: v for k, v in os.environ.items() if k not in ("VAULTKIT_VAULT", "VAULTKIT_TODAY")}
        env.update(TZ=tz, LC_ALL=lc, LANG=lc)
        out = tmp_path / f"{tz.replace('/', '-')}.ics"
        proc = subprocess.run([sys.executable, "-m", "vaultkit", "--vault", str(example_copy), "calendar", "--out",
                               str(out)], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        outputs.append(out.read_bytes())
    assert all(o == outputs[0] for o in outputs) and b"BEGIN:VEVENT" in outputs[0]


def test_dates_near_the_end_of_the_calendar(tmp_path: Path) -> None:
    from tests.conftest import write_vault

    # The latest today vaultkit plans around (tests/test_today_range.py), with notes' dates up to
    # the last day Python holds.
    vault = write_vault(tmp_path / "v", {"vaultkit.toml": 'today = "8999-12-31"\n',
                                         "People/Ada.md": "---\nmet_on: 8999-11-01\ncadence: 2000y\n---\n",
                                         "People/Bob.md": "---\nmet_on: 8999-01-01\ncadence: 30d\n---\n",
                                         "Events/Last.md": "---\ndate: 9999-12-31\n---\n"})
    run(vault)
    found = events((vault / ICS).read_bytes())
    assert found["Follow up with Bob"].decoded("DTSTART") == dt.date(8999, 12, 31)
    assert "Follow up with Ada" not in found  # due past 9999-12-31: never
    assert found["Last"].decoded("DTSTART") == dt.date.max and "DTEND" not in found["Last"]


def test_out_into_a_folder_that_does_not_exist_names_that_folder(example_copy: Path, tmp_path: Path) -> None:
    # It said "the vault folder … is gone", of a folder that is no vault.
    missing = tmp_path / "no such folder"
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "calendar", "--out", str(missing / "c.ics")])
    assert result.exit_code == 1
    assert f"{missing} does not exist: make the folder first, or give --out a file in a folder that exists" \
        in result.output
    assert "vault" not in result.output
    assert not missing.exists()


def test_an_overdue_interview_follow_up_is_on_today_until_it_is_done(example_copy: Path) -> None:
    """The calendar's overdue rule is Interviews.md's (`career.interview_overdue`): Corvid's
    follow-up of 2026-07-20, not done by 2026-07-25, is on the 25th, with the UID it had while
    ahead; a contact with Aisha Bello (its `people`) since the 20th is the follow-up done."""
    from vaultkit.views.common import Facts
    from vaultkit.views.derived.interviews import overdue_follow_ups

    late = dt.date(2026, 7, 25)
    run(example_copy, "--today", late.isoformat())
    found = events((example_copy / ICS).read_bytes())
    corvid = found["Corvid Health - Principal Engineer: follow up"]
    assert corvid.decoded("DTSTART") == late and corvid.decoded("DTEND") == late + dt.timedelta(days=1)
    assert str(corvid["UID"]) == uid("interview", "Interviews/Corvid Health - Principal Engineer.md", "follow_up")
    assert "follow_up: 2026-07-20, overdue by 5 days" in str(corvid["DESCRIPTION"])
    listed = {i.note.title for i in overdue_follow_ups(Facts(load_vault(example_copy), late))}
    shown = {s.removesuffix(": follow up") for s, ev in found.items()
             if s.endswith(": follow up") and ev.decoded("DTSTART") == late}
    assert listed == shown == {"Corvid Health - Principal Engineer"}

    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "log", "Aisha Bello", "thanked her for the loop",
                                      "--date", "2026-07-22"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    run(example_copy, "--today", late.isoformat())
    assert "Corvid Health - Principal Engineer: follow up" not in events((example_copy / ICS).read_bytes())
