"""Properties: no bytes, no text and no vault ever make the reading side raise."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_vault
from vaultkit import load_vault
from vaultkit.reader.career import entries, followups, interactions
from vaultkit.reader.config import Config
from vaultkit.reader.markdown import scan_body
from vaultkit.reader.parse import parse_note

FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that mean something to YAML, Markdown or vaultkit, plus some that mean trouble.
_SPECIAL = [*":-[]{}&*!|>'\"%@`#,?^=~<\\/ \t\n\r.0123456789TZ+",
            "\x00", "\x07", "\x85", "\u2028", "\ufeff", "\ufffd", "é", "日", "🙂", "\U0010ffff", "\ud800"]
_WORDS = ["---", "...", "type", "person", "event", "brag", "date", "2026-02-30", "2026-03-01T10:00+05:00",
          "[[Ada]]", "![[x.png]]", "no", "yes", "null", "~", "&a", "*a", "!!python/object", "!!binary", "<<",
          "```", "~~~", "<!--", "-->", "- ", "#tag", "impact::", "<<<<<<< HEAD", "=======", ">>>>>>> x",
          "\n  ", "9" * 60, "[" * 50, "{a: " * 40]
_TEXT = st.lists(st.one_of(st.sampled_from(_SPECIAL), st.sampled_from(_WORDS), st.text(max_size=5)),
                 max_size=60).map("".join)
_KEYS = st.sampled_from(["type", "date", "company", "met", "people", "tags", "aliases", "title", "impact",
                         "impacted", "stage", "rounds", "metrics", "cadence", "last_contact", "x"])
_FRONTMATTER = st.lists(st.tuples(_KEYS, _TEXT), max_size=8).map(
    lambda kvs: "".join(f"{k}: {v}\n" for k, v in kvs))


def _check(path: str, data: bytes) -> None:
    note = parse_note(path, data, Config())
    assert note.path == path
    assert all(d.path == path for d in note.diagnostics)
    assert parse_note(path, data, Config()) == note  # pure: same bytes, same note


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_never_raise(data: bytes) -> None:
    _check("People/Any.md", data)


@FAST
@given(st.sampled_from(["", "---\n", "\ufeff---\n", "---\r\n"]), _FRONTMATTER | _TEXT,
       st.sampled_from(["---\n", "---", "--- \n", "...\n", ""]), _TEXT)
def test_frontmatterish_text_never_raises(start: str, fm: str, close: str, body: str) -> None:
    _check("Events/x.md", (start + fm + close + body).encode("utf-8", "surrogatepass"))


@FAST
@given(_FRONTMATTER, st.sampled_from(["person", "event", "brag", "challenge", "interview", "share", "community"]))
def test_every_kind_with_random_fields_never_raises(fm: str, kind: str) -> None:
    _check("n.md", f"---\ntype: {kind}\n{fm}---\n".encode("utf-8", "surrogatepass"))


@FAST
@given(st.text(max_size=400))
def test_any_body_text_never_raises(text: str) -> None:
    for exact in (False, True):
        scan_body(text, 1, exact=exact)


_NAME = st.text(alphabet=st.sampled_from([*"abcAB .-_#~()[]!^&'", "é", "日"]), min_size=1, max_size=12)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_NAME, min_size=1, max_size=3),
    st.sampled_from([".md", ".MD", ".md~", ".png", "", ".md.swp"]),
    st.one_of(st.binary(max_size=400), _TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
              st.tuples(_FRONTMATTER, _TEXT).map(lambda t: f"---\n{t[0]}---\n{t[1]}".encode("utf-8", "surrogatepass"))),
    st.sampled_from(["", 'today = "2026-06-30"\n', "ignore = [\"a*\"]\n", "bogus = 1\n", "[[[\n"]),
)
def test_load_vault_with_a_random_file_never_raises(parts: list[str], ext: str, data: bytes, toml: str) -> None:
    parts = [p.strip() or "x" for p in parts]
    parts = [p if p not in (".", "..") else "x" for p in parts]
    rel = "/".join(parts) + ext
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files: dict[str, str | bytes] = {
            "People/Ada Lovelace.md": "---\ntype: person\ncadence: 30d\n---\n- 2026-01-02 met [[Ada Lovelace]]\n",
            "Daily/2026-03-04.md": "- coffee with [[Ada Lovelace]] #brag impact:: x\n",
        }
        if toml:
            files["vaultkit.toml"] = toml
        try:
            write_vault(root, {rel: data})
        except OSError:
            return  # a name this file system refuses: nothing to read
        write_vault(root, files)
        before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        vault = load_vault(root)
        assert vault.diagnostics is not None
        assert isinstance(vault.backlinks, dict)
        entries(vault, "brag")
        entries(vault, "challenge")
        interactions(vault)
        followups(vault, dt.date(2026, 6, 30))
        for note in vault.notes.values():
            for link in note.links:
                vault.resolve(link, note.path)
        after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        assert after == before
        assert not [n for n in os.listdir(root) if n.startswith(".vaultkit-")]


@st.composite
def _nested_yaml(draw: st.DrawFn) -> str:
    """`value:` nested in block levels (mappings, sequences, compact `- - -`), each indented 1 to
    3 more columns, around flow levels (`[...]`, `{k: ...}`): up to 45 levels in all."""
    n_blocks, n_flows = draw(st.integers(0, 30)), draw(st.integers(0, 30))
    blocks = draw(st.lists(st.sampled_from(["map", "seq", "compact"]), min_size=n_blocks, max_size=n_blocks))
    flows = draw(st.lists(st.sampled_from(["[", "{"]), min_size=n_flows, max_size=n_flows))
    value = "x"
    for flow in reversed(flows):
        value = f"[{value}]" if flow == "[" else f"{{k: {value}}}"
    lines, indent, compact = ["value:"], 1, ""
    for block in blocks:
        if block == "compact":
            compact += "- "
            continue
        lines.append(" " * indent + compact + ("k:" if block == "map" else "-"))
        indent += len(compact) + draw(st.integers(1, 3))
        compact = ""
    lines.append(" " * indent + compact + "k: " + value)
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_nested_yaml())
def test_no_frontmatter_deeper_than_the_limit_gets_through(fm: str) -> None:
    import yaml

    from vaultkit.reader.yamlfront import _check_tree, _Loader, load

    try:
        node = yaml.compose(fm, Loader=_Loader)
    except yaml.YAMLError:
        return  # not YAML: a syntax diagnostic, tested elsewhere
    loaded = load(fm, "n.md")
    if node is not None and _check_tree(node) is not None:
        assert [d.code for d in loaded.diagnostics] == ["yaml-too-complex"], fm
