"""The import readers and the field filler, as pure functions: bytes in, records or text out."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.edits.fill import fill_fields
from vaultkit.importers import ics, linkedin, vcard
from vaultkit.importers.plan import url_key
from vaultkit.importers.records import EventItem, ImportFailure

PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
            'missing. You will only see email addresses for connections who have allowed it, see '
            'https://www.linkedin.com/psettings/privacy/email. You can learn more here"\n\n')
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def csv(rows: str, preamble: str = PREAMBLE, header: str = HEADER) -> bytes:
    return (preamble + header + rows).encode("utf-8")


def test_linkedin_export_with_preamble_quoted_commas_and_empty_emails() -> None:
    data = csv('Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical Engines, Ltd","Engineer, Staff",'
               '12 Mar 2024\nCharles,Babbage,https://www.linkedin.com/in/cb,cb@example.org,,,1 Sep 2023\n')
    ada, charles = linkedin.parse(data)
    assert ada.line == 5 and ada.name == "Ada Lovelace" and ada.company == "Analytical Engines, Ltd"
    assert ada.role == "Engineer, Staff" and ada.email == "" and ada.links == ("https://www.linkedin.com/in/ada",)
    assert ada.connected_on == dt.date(2024, 3, 12)
    assert charles.line == 6 and charles.email == "cb@example.org" and charles.connected_on == dt.date(2023, 9, 1)


def test_linkedin_bom_and_crlf_read_the_same() -> None:
    plain = csv("Ada,Lovelace,https://x.org/ada,,Acme,Eng,12 Mar 2024\n")
    crlf = b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n")
    assert linkedin.parse(crlf) == linkedin.parse(plain)


def test_linkedin_without_preamble_and_a_multiline_value_keeps_line_numbers() -> None:
    data = csv('Ada,Lovelace,,,"Acme\nBerlin",Eng,12 Mar 2024\nBob,Ross,,,,,\n', preamble="")
    ada, bob = linkedin.parse(data)
    assert (ada.line, bob.line) == (2, 4) and bob.connected_on is None


@pytest.mark.parametrize(("text", "day"), [("12 Mar 2024", dt.date(2024, 3, 12)), ("1 sep 2023", dt.date(2023, 9, 1)),
                                          ("05 December 2025", dt.date(2025, 12, 5)),
                                          ("29-Feb-2024", dt.date(2024, 2, 29))])
def test_linkedin_dates_use_an_english_table(text: str, day: dt.date) -> None:
    assert linkedin.parse_date(text) == day


@pytest.mark.parametrize(("rows", "line", "words"), [
    ("Ada,Lovelace,,,Acme,Eng,12 Mär 2024\n", 5, "not a date like 12 Mar 2024"),
    ("Ada,Lovelace,,,Acme,Eng,31 Feb 2024\n", 5, "not a day of the calendar"),
    ("Ada,Lovelace,,,Acme,Eng,2024-03-12\n", 5, "not a date"),
    ("Ada,Lovelace,,,Acme,Eng,12 Mar 2024\nBob,Ross,,,Acme\n", 6, "5 values where the header has 7"),
    ('Ada,Lovelace,,,"Acme,Eng,12 Mar 2024\n', 5, "not CSV"),
])
def test_linkedin_malformed_rows_name_their_line(rows: str, line: int, words: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        linkedin.parse(csv(rows))
    assert caught.value.line == line and words in caught.value.message


def test_linkedin_wrong_header_names_its_line() -> None:
    with pytest.raises(ImportFailure) as caught:
        linkedin.parse(csv("Ada,Lovelace\n", header="Name,Surname\n"))
    assert caught.value.line == 4 and "lacks First Name" in caught.value.message
    with pytest.raises(ImportFailure) as caught:
        linkedin.parse(b"\xef\xbb\xbfNotes:\n\"x\"\n\n")
    assert "no header line" in caught.value.message
    with pytest.raises(ImportFailure) as caught:
        linkedin.parse(csv("Ada,Lovelace,,,Acme,Eng,12 Mar 2024\n").replace(b"Acme", b"Ac\xffme"))
    assert caught.value.line == 5 and "not UTF-8" in caught.value.message


VCF = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nORG:Analytical Engines;R&D\r\n"
       "TITLE:Engineer\r\nEMAIL;TYPE=INTERNET:ada@example.org\r\nURL:https://example.org/ada\r\n"
       "item1.URL:https://www.linkedin.com/in/ada\r\nEND:VCARD\r\n"
       "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Babbage;Charles;;;\r\nNOTE:folded\r\n  line\r\nEND:VCARD\r\n")


def test_vcard_contacts() -> None:
    ada, charles = vcard.parse(VCF.encode())
    assert (ada.line, ada.name, ada.company, ada.role, ada.email) == (1, "Ada Lovelace", "Analytical Engines",
                                                                      "Engineer", "ada@example.org")
    assert ada.links == ("https://example.org/ada", "https://www.linkedin.com/in/ada")
    assert (charles.line, charles.name, charles.links) == (11, "Charles Babbage", ())


@pytest.mark.parametrize(("text", "line", "words"), [
    (VCF.replace("END:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0", "BEGIN:VCARD\r\nVERSION:4.0"), 1, "never closed"),
    (VCF[:VCF.rindex("END:VCARD")], 11, "never closed"),
    (VCF.replace("TITLE:Engineer", "this is junk"), 6, "not a line of a vCard file"),
    ("FN:Ada\r\n", 1, "outside BEGIN:VCARD"),
])
def test_vcard_malformed_names_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        vcard.parse(text.encode())
    assert caught.value.line == line and words in caught.value.message


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:1
SUMMARY:Postgres Berlin
DTSTART;VALUE=DATE:20260304
DTEND;VALUE=DATE:20260306
LOCATION:Kreuzberg\\, Berlin
URL:https://pg.berlin/3
END:VEVENT
BEGIN:VEVENT
UID:2
SUMMARY:Late talk
DTSTART;TZID=Europe/Berlin:20260304T233000
DTEND;TZID=Europe/Berlin:20260305T003000
END:VEVENT
BEGIN:VEVENT
UID:3
SUMMARY:UTC call
DTSTART:20260304T233000Z
RRULE:FREQ=WEEKLY
END:VEVENT
BEGIN:VEVENT
UID:4
SUMMARY:Floating
DTSTART:20260401T090000
END:VEVENT
BEGIN:VEVENT
UID:5
SUMMARY:Gone
STATUS:CANCELLED
DTSTART;VALUE=DATE:20260501
END:VEVENT
END:VCALENDAR
"""


def test_ics_dates_are_the_days_as_written() -> None:
    events, left = ics.parse(ICS.encode())
    pg, late, utc, floating = events
    assert (pg.line, pg.name, pg.date, pg.end, pg.location, pg.url) == (
        4, "Postgres Berlin", dt.date(2026, 3, 4), dt.date(2026, 3, 5), "Kreuzberg, Berlin", "https://pg.berlin/3")
    assert (late.date, late.end) == (dt.date(2026, 3, 4), None)  # 23:30 to 00:30: one evening
    assert utc.date == dt.date(2026, 3, 4) and "recurring" in utc.note
    assert floating.date == dt.date(2026, 4, 1) and floating.end is None
    assert left == [(29, "Gone", "it is cancelled (STATUS:CANCELLED)")]


@pytest.mark.parametrize(("text", "line", "words"), [
    (ICS.replace("DTSTART:20260401T090000", "DTSTART:2026040"), 27, "DTSTART cannot be read"),
    (ICS.replace("DTSTART:20260401T090000\n", ""), 24, "without DTSTART"),
    (ICS.replace("END:VCALENDAR\n", ""), 1, "never closed"),
    (ICS.replace("LOCATION", "junk line no colon\nLOCATION"), 9, "not a line of an iCalendar file"),
    (ICS.replace("END:VEVENT\nBEGIN:VEVENT\nUID:2", "BEGIN:VEVENT\nUID:2"), 34,
     "does not close BEGIN:VEVENT (line 4)"),
    ("hello\n", 1, "not a line of an iCalendar file"),
])
def test_ics_malformed_names_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        ics.parse(text.encode())
    assert caught.value.line == line and words in caught.value.message


def test_url_keys() -> None:
    assert url_key("https://www.linkedin.com/in/ada/") == url_key("http://LinkedIn.com/in/ada?trk=x")
    assert url_key("https://linkedin.com/in/ada") != url_key("https://linkedin.com/in/adam")


def test_fill_keeps_every_other_byte() -> None:
    text = "\ufeff---\r\ncompany:\r\nrole: x\r\ncadence:  # how often\r\nlinks:\r\n  - a\r\n---\r\nbody\r\n"
    out, refused = fill_fields(text, [("company", '"A"'), ("role", '"B"'), ("cadence", "30d"), ("links", '["u"]'),
                                      ("email", '"e"')])
    assert refused == ["role", "links"]
    assert out == ("\ufeff---\r\ncompany: \"A\"\r\nrole: x\r\ncadence: 30d  # how often\r\nlinks:\r\n  - a\r\n"
                   "email: \"e\"\r\n---\r\nbody\r\n")
    assert fill_fields("# x\n", [("company", '"A"')]) == ('---\ncompany: "A"\n---\n# x\n', [])


@given(st.lists(st.sampled_from(["company: Acme", "role:", "x: 1", "# c", "tags: [a]", "met_on: ~"]), max_size=6,
                unique=True),
       st.text(alphabet="ab \n#-", max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_fill_only_touches_the_filled_lines(front: list[str], body: str, nl: str) -> None:
    text = "---" + nl + "".join(line + nl for line in front) + "---" + nl + body
    out, refused = fill_fields(text, [("email", '"e@x"'), ("role", '"R"')])
    before, after = text.split(nl), out.split(nl)
    changed = [line for line in after if line not in before]
    assert set(changed) <= {'email: "e@x"', 'role: "R"'}
    assert [line for line in before if line not in after] == ["role:"] * ("role:" in front)
    assert after[-len(body.split(nl)):] == body.split(nl) and refused == []


def _one(lines: str) -> EventItem:
    (event,), _ = ics.parse(f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n{lines}END:VEVENT\nEND:VCALENDAR\n".encode())
    return event


@pytest.mark.parametrize(("lines", "end"), [
    ("DTSTART:20260304T190000\nDTEND:20260305T010000\n", None),  # a meetup and the bar after it
    ("DTSTART:20260304T190000\nDTEND:20260305T000000\n", None),  # ends at midnight
    ("DTSTART:20260304T220000Z\nDURATION:PT8H\n", None),  # to 06:00: still the night
    ("DTSTART:20260304T180000\nDTEND:20260305T120000\n", dt.date(2026, 3, 5)),  # an overnight hackathon
    ("DTSTART:20260304T090000\nDTEND:20260306T020000\n", dt.date(2026, 3, 5)),  # two days and a party
    ("DTSTART;TZID=Europe/Berlin:20260304T090000\nDTEND;TZID=Europe/Berlin:20260305T180000\n", dt.date(2026, 3, 5)),
    ("DTSTART;VALUE=DATE:20260304\nDTEND;VALUE=DATE:20260307\n", dt.date(2026, 3, 6)),  # all-day: its real end
    ("DTSTART;VALUE=DATE:20260304\nDURATION:P2D\n", dt.date(2026, 3, 5)),
    ("DTSTART;VALUE=DATE:20260304\nDTEND;VALUE=DATE:20260305\n", None),
])
def test_ics_end_is_the_last_day_an_evening_that_runs_past_midnight_is_one_day(lines: str,
                                                                              end: dt.date | None) -> None:
    event = _one(lines)
    assert event.date == dt.date(2026, 3, 4) and event.end == end


def test_ics_categories_are_kept_in_file_order_each_once() -> None:
    event = _one("DTSTART:20260304T190000\nCATEGORIES:Tech,Conference\nCATEGORIES:Berlin\\, Mitte,tech\n"
                 "CATEGORIES:Conference\n")
    assert event.categories == ("Tech", "Conference", "Berlin, Mitte", "tech")
    assert _one("DTSTART:20260304T190000\n").categories == ()


def test_ics_all_day_end_on_the_first_day_there_is() -> None:
    text = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;VALUE=DATE:00010101\nDTEND;VALUE=DATE:00010101\n"
            "END:VEVENT\nEND:VCALENDAR\n")
    (event,), _ = ics.parse(text.encode())
    assert event.date == dt.date.min and event.end is None


_PIECES = ["BEGIN:VCARD", "END:VCARD", "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "FN:Ada",
           "N:a;b", "ORG:x;y", "URL:h", "DTSTART:20260101", "DTSTART;VALUE=DATE:2026", "DTEND:x", "SUMMARY:s",
           "DURATION:P99999999D", "RRULE:FREQ=DAILY", " folded", "x", "", "\ufeff", "a,b", '"q', HEADER.strip(),
           "Notes:", "Ada,L,,,,,12 Mar 2024", "\xff"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_file_is_read_or_refused_with_a_line(pieces: list[str], nl: str) -> None:
    data = nl.join(pieces).encode("utf-8", "surrogateescape")
    for parse in (linkedin.parse, vcard.parse, lambda d: ics.parse(d)[0]):
        try:
            parse(data)
        except ImportFailure as exc:
            assert exc.line is None or 1 <= exc.line <= len(pieces) + 1


def test_many_cards_are_cut_out_in_linear_time() -> None:
    # Each card's text was cut by splitting the whole file again (quadratic: an address book
    # of 3,000 cards took 36 s, 50,000 hours); the file is split into lines once.
    import time

    from vaultkit.importers.contentlines import block, scan, split_lines

    text = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEND:VCARD\r\n" for i in range(20_000))
    started = time.process_time()
    comps = scan(text, "vCard file", "VCARD")
    lines = split_lines(text)
    cut = [block(lines, c) for c in comps]
    assert time.process_time() - started < 10
    assert cut[12_345] == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person 12345\r\nEND:VCARD\r\n"
