"""Generated regions under line-ending conversions and hostile sizes (issue 9: points 2 and 6).

Line endings: a generated note converted to CRLF, CR, with a BOM, or to a mix keeps exactly
one region per name, is written back in its first line's ending, and is not rewritten when
nothing changed. Work: linear in the size of the note.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import snapshot
from vaultkit.cli import cli
from vaultkit.regions import RegionError, begin, end, is_owned, merge, regions

PEOPLE = "Vaultkit/People.md"


def run(vault: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


def built(example_copy: Path) -> Path:
    assert run(example_copy, "build").exit_code == 0
    return example_copy


def to_crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def count_markers(data: bytes, name: str) -> tuple[int, int]:
    """Begin and end markers of region `name`, counted without vaultkit's own parser."""
    text = data.decode("utf-8")
    return (text.count(begin(name)), len(re.findall(rf"<!-- vaultkit:end {re.escape(name)}( [0-9a-f]{{8}})? -->",
                                                    text)))


# --- point 2: line endings ----------------------------------------------------------------------

CONVERSIONS: dict[str, Callable[[bytes], bytes]] = {
    "crlf": to_crlf,
    "cr": lambda d: d.replace(b"\n", b"\r"),
    "bom": lambda d: b"\xef\xbb\xbf" + d,
    "bom-crlf": lambda d: b"\xef\xbb\xbf" + to_crlf(d),
    "mixed-crlf-first": lambda d: to_crlf(d[:d.index(b"\n# ")]) + d[d.index(b"\n# "):],
    "mixed-lf-first": lambda d: d[:d.index(b"\n# ") + 1] + to_crlf(d[d.index(b"\n# ") + 1:]),
}


@pytest.mark.parametrize("kind", sorted(CONVERSIONS))
def test_converted_note_keeps_one_region_and_its_line_ending(example_copy: Path, kind: str) -> None:
    vault = built(example_copy)
    people = vault / PEOPLE
    original = people.read_bytes()
    nl = {"crlf": b"\r\n", "cr": b"\r", "bom-crlf": b"\r\n", "mixed-crlf-first": b"\r\n"}.get(kind, b"\n")
    converted = CONVERSIONS[kind](original) + b"My own notes below." + nl + b"Second line." + nl
    people.write_bytes(converted)
    # a change in the data, so the region must really be rewritten
    ada = vault / "People" / "Aisha Bello.md"
    ada.write_text(ada.read_text(encoding="utf-8").replace("role: ", "role: Chief ", 1), encoding="utf-8")

    result = run(vault, "build")
    assert result.exit_code == 0, result.output
    data = people.read_bytes()
    assert count_markers(data, "people") == (1, 1)
    assert data.endswith(b"My own notes below." + nl + b"Second line." + nl)  # user text kept
    assert data.startswith(b"\xef\xbb\xbf") == kind.startswith("bom")  # BOM kept, never added
    body = data[data.index(begin("people").encode()):data.index(b"<!-- vaultkit:end people")]
    assert b"Chief" in body
    others = body.replace(nl, b"")  # the region is written in the first line's ending, and only in it
    assert b"\r" not in others and b"\n" not in others and body.count(nl) > 10
    again = people.stat().st_mtime_ns
    assert run(vault, "build").exit_code == 0
    assert people.read_bytes() == data and people.stat().st_mtime_ns == again


@pytest.mark.parametrize("kind", ["crlf", "cr", "bom", "bom-crlf"])
def test_unchanged_converted_note_is_not_rewritten(example_copy: Path, kind: str) -> None:
    vault = built(example_copy)
    for note in (vault / "Vaultkit").glob("*.md"):
        note.write_bytes(CONVERSIONS[kind](note.read_bytes()))
    before = snapshot(vault / "Vaultkit")
    result = run(vault, "build")
    assert result.exit_code == 0, result.output
    assert "0 created, 0 updated, 8 unchanged" in result.output
    assert snapshot(vault / "Vaultkit") == before


@pytest.mark.parametrize("text", [
    "---\r\nvaultkit: generated\r\n---\r\n", "---\rvaultkit: generated\r---\r", "\ufeff---\nvaultkit: generated\n---\n",
    "\ufeff---\r\ntitle: x\r\nvaultkit: generated\r\n---", "---\nvaultkit: generated\r\n---\r",
])
def test_is_owned_with_any_line_ending(text: str) -> None:
    assert is_owned(text)


@pytest.mark.parametrize("text", [
    "---\nvaultkit: generated\n", "---\ntitle: x\n---\nvaultkit: generated\n---\n", "x---\nvaultkit: generated\n---\n",
    "\n---\nvaultkit: generated\n---\n", "---\nvaultkit: generatedx\n---\n", "---", "",
])
def test_is_owned_refuses_what_is_not_vaultkits(text: str) -> None:
    assert not is_owned(text)


_NAMES = ("a", "b")
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_user = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=_BREAKS), max_size=30).filter(
    lambda t: "<!--" not in t and "vaultkit" not in t)


def _generated(version: int) -> str:
    return ("---\nvaultkit: generated\n---\n# T\n\n"
            + "".join(f"{begin(n)}\n{n} version {version}\n\n| row | {version} |\n{end(n)}\n\nbetween {n}\n"
                      for n in _NAMES))


def _lines(text: str) -> list[str]:
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def _outside(text: str) -> str:
    """The text with each region's content and end marker replaced: what belongs to the user."""
    return re.sub(r"(<!-- vaultkit:begin (\w+) -->).*?<!-- vaultkit:end \2(?: [0-9a-f]{8})? -->", r"\1§", text,
                  flags=re.S)


def _convert(text: str, ending: str, lo: float, hi: float) -> str:
    """Lines `lo`…`hi` (fractions of the line count) with their ending changed to `ending`.

    A conversion that would join two lines (a CR line followed by an empty line turned to LF
    reads as one CRLF) changes the text itself, not its line endings: it is not made.
    """
    lines = _lines(text)
    a, b = int(lo * len(lines)), int(hi * len(lines)) + 1
    converted = "".join(re.sub(r"(\r\n|\r|\n)$", ending, line) if a <= i < b else line
                        for i, line in enumerate(lines))
    return converted if len(_lines(converted)) == len(lines) else text


def _insert(text: str, where: float, user: str, ending: str) -> str:
    """Insert a line of user text at a line start outside the frontmatter and every region."""
    fm_end = re.search(r"(?:\r\n|\r|\n)---(?:\r\n|\r|\n)", text)
    assert fm_end
    inside = [(m.start(), m.end()) for m in re.finditer(
        r"<!-- vaultkit:begin (\w+) -->.*?<!-- vaultkit:end \1(?: [0-9a-f]{8})? -->", text, re.S)]
    starts = [m.end() for m in re.finditer(r"\r\n|\r(?!\n)|\n", text)
              if m.end() >= fm_end.end() and not any(s < m.end() <= e for s, e in inside)]
    if not starts:
        return text
    at = starts[min(int(where * len(starts)), len(starts) - 1)]
    return text[:at] + user + ending + text[at:]


_step = st.one_of(
    st.tuples(st.just("whole"), st.sampled_from(["\n", "\r\n", "\r"])),
    st.tuples(st.just("part"), st.sampled_from(["\n", "\r\n"]), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("bom")),
    st.tuples(st.just("insert"), st.floats(0, 1), _user, st.sampled_from(["\n", "\r\n"])),
    st.tuples(st.just("rebuild"), st.integers(0, 3)),
)


@settings(max_examples=300, deadline=None)
@given(steps=st.lists(_step, min_size=1, max_size=14))
def test_any_mix_of_conversions_insertions_and_rebuilds(steps: list[tuple[object, ...]]) -> None:
    """One region per name, the user's text outside kept byte for byte, regions in the first
    line's ending, and a second rebuild changing nothing: whatever happened in between."""
    text = _generated(0)
    inserted: list[str] = []
    for step in steps:
        if step[0] == "whole":
            text = _convert(text, str(step[1]), 0, 1)
        elif step[0] == "part":
            lo, hi = sorted((float(step[2]), float(step[3])))  # type: ignore[arg-type]
            text = _convert(text, str(step[1]), lo, hi)
        elif step[0] == "bom":
            text = text[1:] if text.startswith("\ufeff") else "\ufeff" + text
        elif step[0] == "insert":
            user = f"«{step[2]}»"
            before = text
            text = _insert(text, float(step[1]), user, str(step[3]))  # type: ignore[arg-type]
            if text != before:
                inserted.append(user)
        else:
            generated = _generated(int(step[1]))  # type: ignore[call-overload]
            merged = merge(text, generated)
            assert _outside(merged) == _outside(text)
            nl = re.search(r"\r\n|\r|\n", text).group()  # type: ignore[union-attr]
            for name in _NAMES:
                assert count_markers(merged.encode(), name) == (1, 1)
                want = generated.split(begin(name))[1].split("<!-- vaultkit:end")[0].replace("\n", nl)
                assert merged.split(begin(name))[1].split("<!-- vaultkit:end")[0] == want
            assert merge(merged, generated) == merged
            text = merged
    for user in inserted:
        assert user in text
    assert [r.name for r in regions(text)] == list(_NAMES)


# --- point 6: bounded work ------------------------------------------------------------------------


def _growth(make: Callable[[int], str], work: Callable[[str], object], small: int) -> float:
    """Time `work` on inputs of size `small` and 8 × `small` (best of 5, the same repeat count,
    no garbage collection in between); return the ratio. Linear work gives about 8, quadratic 64."""
    gc.collect()
    gc.disable()
    try:
        return _ratio((make(small), make(8 * small)), work)
    finally:
        gc.enable()


def _ratio(inputs: tuple[str, str], work: Callable[[str], object]) -> float:
    repeat = 1
    while True:  # enough repeats for the small input to take a measurable time
        started = time.perf_counter()
        for _ in range(repeat):
            work(inputs[0])
        if time.perf_counter() - started > 0.02 or repeat >= 1 << 12:
            break
        repeat *= 2
    best = []
    for text in inputs:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(repeat):
                work(text)
            runs.append(time.perf_counter() - started)
        best.append(min(runs))
    return best[1] / best[0]


def _merge_or_refuse(text: str) -> object:
    try:
        return merge(text, text)
    except RegionError as exc:
        return exc


GENERATED_HEAD = "---\nvaultkit: generated\n---\n"
HOSTILE_SIZES: dict[str, tuple[Callable[[int], str], int]] = {
    # the frontmatter the old pattern backtracked over for minutes (40,000 lines at 8 ×)
    "frontmatter of generated lines, never closed": (lambda n: "---\n" + "vaultkit: generated\n" * n + "body\n", 600),
    "frontmatter of 5,000 → 40,000 keys": (
        lambda n: "---\nvaultkit: generated\n" + "".join(f"k{i}: v\n" for i in range(n)) + "---\n"
        + f"{begin('a')}\nx\n{end('a')}\n", 5000),
    "a million-line note": (lambda n: GENERATED_HEAD + f"{begin('a')}\n" + "| row | x |\n" * n + f"{end('a')}\n",
                            125_000),
    "a 2 MiB line": (lambda n: GENERATED_HEAD + f"{begin('a')}\n" + "<!-- vaultkit:end a -->" + " " * n + "x\n"
                     + f"{end('a')}\n", 256 * 1024),
    "100,000 marker lines": (lambda n: GENERATED_HEAD + "".join(f"{begin(f'r{i}')}\nx\n{end(f'r{i}')}\n"
                                                                for i in range(n // 2)), 12_500),
    "100,000 marker-like lines": (lambda n: GENERATED_HEAD + "<!-- vaultkit:begin a -->\n"
                                  + "<!-- vaultkit:end a -->x\n<!-- vaultkit:begin  -->\n" * (n // 2)
                                  + "<!-- vaultkit:end a -->\n", 12_500),
    "dashes and blanks in the frontmatter": (lambda n: "---\n" + "a--- ---\t---x\n" * n + "-" * n + "\n", 2000),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SIZES))
def test_regions_work_is_linear(case: str) -> None:
    make, small = HOSTILE_SIZES[case]
    ratio = _growth(make, _merge_or_refuse, small)
    assert ratio < 24, f"{case}: 8 × the input took {ratio:.0f} × the time (linear is 8, quadratic 64)"

