"""The benchmark's generator shapes and report: what SPEC §7 and issue 11 say they are."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from gen_vault import generate
from report import growth, per_ten

ITEM = re.compile(r"^\s*- ")
MARKED = re.compile(r"(?:^|\s)#\w|::")


def notes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in sorted(root.rglob("*.md"))}


def split(text: str) -> tuple[list[str], list[str]]:
    """(frontmatter lines, body lines outside fenced code)."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    body, fenced = [], False
    for line in lines[end + 1:]:
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            body.append(line)
    return lines[1:end], body


def test_long_items_is_the_plain_vault_with_long_linked_items(tmp_path: Path) -> None:
    generate(tmp_path / "plain", 300, seed=5)
    generate(tmp_path / "a", 300, seed=5, shape="long-items")
    generate(tmp_path / "b", 300, seed=5, shape="long-items")
    plain, long = notes(tmp_path / "plain"), notes(tmp_path / "a")
    assert long == notes(tmp_path / "b")  # seeded: byte for byte the same
    assert sorted(long) == sorted(plain)
    items = links = few = marked = text_lines = 0
    for rel, text in long.items():
        assert 20 <= text.count("\n") <= 80 and text.count("\n") == plain[rel].count("\n"), rel
        front, body = split(text)
        assert front == split(plain[rel])[0], rel  # same frontmatter: 6-15 keys as the plain shape
        for line in body:
            if not line.strip() or line.startswith(("#", "<!--")):
                continue
            text_lines += 1
            marked += bool(MARKED.search(line))
            if ITEM.match(line):
                items += 1
                assert 80 <= len(line) <= 200, line
                assert line.count("[[") <= 8, line
                few += line.count("[[") < 3
                links += line.count("[[")
    assert items > 1000 and few <= items // 200 and links >= 3 * items
    assert marked >= 0.7 * text_lines  # a tag or an inline field on most lines


def test_growth_flags_a_stage_that_outgrows_the_vault() -> None:
    assert round(per_ten(1.0, 10.0, 1000, 10000), 3) == 10.0
    assert round(per_ten(1.0, 5.0, 10000, 50000), 2) == round(5 ** (1 / 0.69897), 2)
    results = [{"size": size, "shape": "plain", "tree": "t", "measure": m, "status": "ok", "median_s": s,
                "peak_mb": 50.0} for m, size, s in (("linear", 1000, 1.0), ("linear", 10000, 9.0),
                                                     ("quadratic", 1000, 1.0), ("quadratic", 10000, 100.0))]
    text = growth(results)
    assert "linear (plain, t)" not in text and "quadratic (plain, t) 1,000→10,000: time ×100.0" in text
