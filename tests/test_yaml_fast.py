"""The fast frontmatter constructor gives exactly what PyYAML's safe constructor gives."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.yamlfront import _Loader, load

CASES = [
    "a: 1\nb: 012345\nc: 0x1f\nd: 1_000\ne: 3.5\nf: .inf\ng: no\nh: yes\ni: ~\nj:\n",
    "date: 2026-03-04\nwhen: 2026-03-04T10:00:00Z\nbad: 2026-02-30\n",
    "list: [a, b, [c, d]]\nmap: {x: 1, y: [2, 3]}\nblock:\n  - one\n  - two: 2\n",
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",
    "set: !!set {a, b}\nbin: !!binary aGVsbG8=\nstr: !!str 123\n",
    'quoted: "[[Ada Lovelace]]"\nunquoted: [[Ada Lovelace]]\n',
    "? [a, b]\n: complex key\nplain: ok\n",
    "nested:\n  deeper:\n    deepest: [1, {k: v}]\n",
]


def reference(text: str) -> dict[object, object]:
    data = yaml.load(text, Loader=_Loader)  # _Loader is the safe loader
    return {k: v for k, v in data.items() if isinstance(k, str)}


def test_fast_path_matches_pyyaml_on_known_cases() -> None:
    for text in CASES:
        try:
            expected = reference(text)
        except yaml.YAMLError:
            continue
        assert load(text, "n.md").data == expected, text


_scalar = st.one_of(
    st.integers(-10**6, 10**6).map(str), st.sampled_from(["yes", "no", "true", "~", "null", "2026-01-31",
                                                         "2026-13-01", "0o17", "1e3", "-.5", "012", "'q'"]),
    st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8),
)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["scalar", "flow", "block"]))
        if kind == "scalar":
            lines.append(f"k{i}: {draw(_scalar)}")
        elif kind == "flow":
            lines.append(f"k{i}: [{', '.join(draw(st.lists(_scalar, max_size=4)))}]")
        else:
            lines.append(f"k{i}:")
            lines.extend(f"  - {v}" for v in draw(st.lists(_scalar, min_size=1, max_size=3)))
    return "\n".join(lines) + "\n"


@settings(max_examples=200)
@given(_documents())
def test_fast_path_matches_pyyaml_on_generated_documents(text: str) -> None:
    try:
        expected = reference(text)
    except (yaml.YAMLError, ValueError):
        return
    assert load(text, "n.md").data == expected
