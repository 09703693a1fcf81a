"""Daily-note names in moment.js formats (`vaultkit.reader.dailynotes`): what Obsidian writes for a
date, and which file names it reads back as one."""

from __future__ import annotations

import datetime as dt
import locale

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.reader.dailynotes import FormatError, from_obsidian, from_pattern, render, tokenize


@pytest.mark.parametrize("fmt, day, written", [
    ("YYYY-MM-DD", dt.date(2026, 3, 4), "2026-03-04"),
    ("YYYY/MMMM/YYYY-MMM-DD", dt.date(2023, 1, 1), "2023/January/2023-Jan-01"),  # Obsidian's help example
    ("dddd, MMMM Do YYYY", dt.date(2024, 3, 15), "Friday, March 15th 2024"),  # moment.js docs
    ("ddd D.M.YY", dt.date(2026, 1, 5), "Mon 5.1.26"),
    ("[Daily] YYYY-MM-DD", dt.date(2026, 3, 4), "Daily 2026-03-04"),
    ("[W]YYYY-MM-DD [Do]", dt.date(2026, 3, 4), "W2026-03-04 Do"),
    ("\\D\\a\\y YYYY-MM-DD", dt.date(2026, 3, 4), "Day 2026-03-04"),
    ("YYYYMMDD", dt.date(2026, 12, 31), "20261231"),
])
def test_render_as_moment_does(fmt: str, day: dt.date, written: str) -> None:
    assert render(tokenize(fmt), day) == written


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (31, "31st")])
def test_ordinals(n: int, text: str) -> None:
    assert render(tokenize("Do MMMM YYYY"), dt.date(2026, 1, n)).startswith(text + " ")


def test_names_are_english_whatever_the_locale() -> None:
    saved = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    try:
        assert render(tokenize("dddd MMMM D YYYY"), dt.date(2026, 3, 4)) == "Wednesday March 4 2026"
    finally:
        locale.setlocale(locale.LC_TIME, saved)


@pytest.mark.parametrize("fmt", ["YYYY-MM-DD HH:mm", "gggg-[W]ww", "YYYY-[Q]Q", "YYYY-MM", "DD.MM", "x YYYY-MM-DD",
                                 "LL", "YYYY-DDDo"])
def test_a_format_outside_the_subset_or_without_a_whole_date_is_refused(fmt: str) -> None:
    with pytest.raises(FormatError):
        tokenize(fmt)


_FORMATS = st.lists(st.sampled_from(["YYYY", "YY", "MM", "M", "DD", "D", "Do", "ddd", "dddd", "MMM", "MMMM"]),
                    min_size=1, max_size=5)
_SEPS = st.sampled_from(["-", " ", ".", "_", ", ", "/"])


@given(st.tuples(st.sampled_from(["YYYY", "YY"]), st.sampled_from(["MM", "M", "MMM", "MMMM"]),
                 st.sampled_from(["DD", "D", "Do"])), _FORMATS, st.lists(_SEPS, min_size=8, max_size=8),
       st.dates(dt.date(1969, 1, 1), dt.date(2068, 12, 31)))
def test_every_name_written_reads_back_as_its_date(base: tuple[str, str, str], extra: list[str],
                                                  seps: list[str], day: dt.date) -> None:
    parts = [*base, *extra]
    # Two number tokens side by side with nothing between could split either way; moment
    # formats for daily notes always separate them.
    fmt = "".join(p + seps[i] for i, p in enumerate(parts[:-1])) + parts[-1]
    daily = from_obsidian("Journal", fmt)
    path = daily.path_for(day)
    assert path.startswith("Journal/")
    assert daily.date_of(path) == day, (fmt, path)


def test_a_note_is_read_by_its_name_under_the_folder_at_any_depth() -> None:
    daily = from_obsidian("Journal/", "YYYY/MM/YYYY-MM-DD")
    assert daily.date_of("Journal/2026/03/2026-03-04.md") == dt.date(2026, 3, 4)
    assert daily.date_of("Journal/2026-03-04.md") == dt.date(2026, 3, 4)
    assert daily.date_of("journal/Old/x/2026-03-04.md") == dt.date(2026, 3, 4)  # folders compare as names do
    assert daily.date_of("Other/2026-03-04.md") is None
    assert daily.date_of("Journal/2026-02-30.md") is None
    assert daily.date_of("Journal/2026-03-04 notes.md") is None  # strict: the whole name
    assert daily.date_of("Journal/2026-03-04.txt") is None


def test_a_name_that_is_not_a_whole_date_is_read_with_its_folders() -> None:
    daily = from_obsidian("", "YYYY/MM/DD")
    assert daily.date_of("2026/03/04.md") == dt.date(2026, 3, 4)
    assert daily.date_of("Notes/04.md") is None
    assert daily.path_for(dt.date(2026, 3, 4)) == "2026/03/04.md"


def test_obsidians_defaults_and_vaultkits_pattern() -> None:
    daily = from_obsidian(None, "")  # `{}` in daily-notes.json: the vault root, YYYY-MM-DD
    assert daily.date_of("2026-03-04.md") == dt.date(2026, 3, 4) and daily.folder == ""
    assert daily.date_of("Sub/2026-03-04.md") == dt.date(2026, 3, 4)
    toml = from_pattern("Daily/{date} log", "vaultkit.toml")  # matched as a whole path
    assert toml.date_of("Daily/2026-03-04 log.md") == dt.date(2026, 3, 4)
    assert toml.date_of("Daily/x/2026-03-04 log.md") is None
    assert toml.path_for(dt.date(2026, 3, 4)) == "Daily/2026-03-04 log.md"
    with pytest.raises(FormatError):
        from_obsidian("../x", "YYYY-MM-DD")
    for fmt in ("[../]YYYY-MM-DD", "[/]YYYY-MM-DD", "YYYY//MM-DD", "YYYY-MM-DD/"):
        with pytest.raises(FormatError):
            from_obsidian("Journal", fmt)  # a note outside the folder, or no name at all
