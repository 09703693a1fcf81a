"""The fast frontmatter constructor gives exactly what PyYAML's safe constructor gives."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.reader.yamlfront import _FLAT, Frontmatter, _Loader, load

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


# --- the flat reader (vaultkit.reader.yamlflat) against libyaml, type for type ----------------------

def _both(text: str) -> tuple[object, object]:
    """What `load` gives with the flat reader allowed and with libyaml only, every value typed."""
    from bench.parse_stages import canon

    def seen(fm: Frontmatter) -> object:
        return canon((fm.data, fm.lines, fm.literals, fm.item_literals, fm.diagnostics))

    return seen(load(text, "n.md")), seen(load(text, "n.md", flat=False))


FLAT = [
    "type: event\ndate: 2025-07-31\nlocation: Tariya\nmet:\n  - \"[[Denmar Salinto]]\"\n  - \"[[Kami Neto]]\"\n"
    "goal_new_people: 5\ntags: [mentoring, \"career/event\"]\nspeaker: false\ncolor: \"#727502\"\n",
    "a: 1\nb: 012345\nc: 0x1f\nd: 1_000\ne: 3.5\nf: .inf\ng: no\nh: yes\ni: ~\nj:\nk: 1:30\nl: -5\nm: -.5\n",
    "when: 2026-03-04T10:00:00Z\nbad: 2026-02-30\nodd: 2026-1-2\nnan: .NaN\nbig: " + "9" * 50 + "\n",
    "tags:\n- Yes\n- 1.0\n- 012\n- 2024-01-01\n-\naliases: [No, 'x y', \"z\", 7]\nalias: on\n",
    "title: It's a:thing\nurl: https://example.com/a#b\nlang: C# and F#\nname: a, b [c] {d}\n",
    "dup: 1\ndup: 2\nother key: words here\n\n\nlast: 'single'\n",
    "empty: []\nspaced: [ a ,  b  ]\nlist:\n\n  - a\n\n  - b\n",
    "metrics:\n  latency_ms: -58\n  users: 2955\n  when: 2026-01-02\nnext: 1\nm2:\n    a: [1, b]\n    b: 2\n",
    'impacted: ["[[A]]", "[[B]]", "[[C]]"]\ntags: [a, b]\nproject: "[[P]]"\ncss: [wide]\nx: "[[D]] [[E]]"\n',
]
NOT_FLAT = [
    "a: b # comment\n", "a: b: c\n", "yes: 1\n", "a: |\n  text\n", "a: [[Ada]]\n",
    "a: \"esc\\n\"\n", "a: 'it''s'\n", "a: x\n  continued\n", "a:\n  - x\n - y\n", "a: !!str 1\n",
    "a: *ref\n", "title: It's a: thing\n", "c#: x\n", "a:\tb\n", "a: b \n", "- a\n", "a: [x,]\n", "a: =\n",
    "<<: x\n", "a: x:\n", "a:\n  - [b]\n", "m:\n  a: 1\n   b: 2\n", "m:\n  a:\n    b: 1\n",
    "m:\n  yes: 1\n", "m:\n  a: 1\n  - x\n",
    "m:\n  a: 1\n  a: 2\n",
]


def test_flat_frontmatter_is_read_without_libyaml_as_libyaml_reads_it() -> None:
    for text in FLAT:
        assert _FLAT.read(text) is not None, text  # the flat reader takes it...
        fast, slow = _both(text)
        assert fast == slow, text  # ...and gives what libyaml gives, type for type


def test_what_the_flat_reader_cannot_decide_goes_to_libyaml() -> None:
    for text in NOT_FLAT:
        assert _FLAT.read(text) is None, text
        fast, slow = _both(text)
        assert fast == slow, text


def test_a_flat_frontmatter_too_large_for_the_tree_check_is_refused_as_libyaml_refuses_it() -> None:
    many = "".join(f"k{i}: []\n" for i in range(11))  # enough brackets for the tree to be checked
    for values, refused in ((9_975, False), (9_976, True)):  # 1 + 11 * 2 + 2 + values nodes
        text = many + "big: [" + ", ".join(["x"] * values) + "]\n"
        assert _FLAT.read(text) is not None
        fast, slow = _both(text)
        assert fast == slow
        assert any(d.code == "yaml-too-complex" for d in load(text, "n.md").diagnostics) is refused


_piece = st.sampled_from([
    "a", "b c", "Yes", "no", "on", "~", "null", "1", "-1", "012", "0x1f", "1_0", "1:30", "1.5", ".inf", "-.5",
    "2026-01-31", "2026-02-30", "2026-01-31 10:00", "x: y", "x #y", "x#y", "#x", "[x]", "[[X]]", "{x}",
    "'q'", '"q"', "'", '"', "a'b", "-", "- x", "?", ":", "x:", "&a", "*a", "!x", "|", ">", "%", "@", "`",
    ",", "a,b", "é", "\u00a0", "\t", "=", "<<", "", " ", "\\", "[]",
])
_value = st.lists(_piece, min_size=1, max_size=3).map("".join)


@st.composite
def _flat_like(draw: st.DrawFn) -> str:
    keys = st.sampled_from(["tags", "aliases", "alias", "title", "type", "a", "b c", "yes", "k-1", "1", "_"])
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(keys)
        kind = draw(st.sampled_from(["plain", "double", "single", "flow", "block", "mapping", "empty", "blank"]))
        if kind == "plain":
            lines.append(f"{key}: {draw(_value)}")
        elif kind == "double":
            lines.append(f'{key}: "{draw(_value)}"')
        elif kind == "single":
            lines.append(f"{key}: '{draw(_value)}'")
        elif kind == "flow":
            lines.append(f"{key}: [{', '.join(draw(st.lists(_value, max_size=4)))}]")
        elif kind == "block":
            lines.append(f"{key}:")
            indent = " " * draw(st.integers(0, 3))
            lines.extend(f"{indent}- {v}".rstrip() for v in draw(st.lists(_value, min_size=1, max_size=3)))
        elif kind == "mapping":
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(1, 3))):
                lines.append(f"{' ' * draw(st.integers(1, 3))}{draw(keys)}: {draw(_value)}".rstrip())
        elif kind == "empty":
            lines.append(f"{key}:")
        else:
            lines.append("")
    return "\n".join(lines) + "\n"


@settings(max_examples=600)
@given(_flat_like())
def test_flat_reader_agrees_with_libyaml_on_generated_frontmatter(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


# --- an adversarial table: each case named, each read both ways ------------------------------
# `True`: the flat reader must take it (the bench vaults' frontmatter looks like these);
# `False`: it must leave it to libyaml; `None`: either, as long as the result is libyaml's.
_LONG = "k" * 1025  # libyaml gives up on a simple key longer than 1024 characters
ADVERSARIAL: dict[str, tuple[str, bool | None]] = {
    # found differing before yamlflat refused them: libyaml reports a syntax error
    "key of 1025 characters": (_LONG + ": x\n", False),
    "key of 1025 characters after another": ("b: 1\n" + _LONG + ": x\n", False),
    "sub key of 1025 characters": ("m:\n  " + _LONG + ": x\n", False),
    "spaced key of 1199 characters": (" ".join(["ab"] * 400) + ": x\n", False),
    # at the limit, and long values, are read alike
    "key of 1024 characters": ("k" * 1024 + ": x\n", True),
    "sub key of 1024 characters": ("m:\n  " + "k" * 1024 + ": x\n", True),
    "long plain value": ("a: " + "x" * 100_000 + "\n", True),
    "long quoted value": ('a: "' + "x" * 5_000 + '"\n', True),
    "long item": ("a:\n- " + "x" * 5_000 + "\n", True),
    "long flow item": ("a: [" + "x" * 5_000 + "]\n", True),
    "many flow items": ("a: [" + ", ".join(["x"] * 3_000) + "]\n", True),
    # quoting and escapes
    "doubled single quote": ("a: 'it''s'\n", False),
    "unicode escape": ('a: "\\u00e9"\n', False),
    "hex escape": ('a: "\\x41"\n', False),
    "quoted scalar folded over lines": ('a: "one\n  two"\nb: \'three\n  four\'\n', False),
    "quoted with spaces kept": ("a: '  x  '\nb: \"  y  \"\nc: [ '  x ' , \"y \" ]\n", True),
    "quotes of the other kind inside": ("a: \"it's\"\nb: 'say \"hi\"'\n", True),
    "quoted then more": ("a: \"x\" y\nb: 'x' # c\n", False),
    "empty quoted items": ("a: ['', \"\"]\nb: ''\nc: \"\"\n", True),
    # comments and colons
    "comment after value": ("a: b # c\n", False),
    "hash without space": ("a: b#c\nb: [x]\n", True),
    "comment only": ("# only\n", False),
    "key:value without space": ("a:b\n", False),
    "colon inside value": ("a: b:c\nb: http://x.y/z\n", True),
    "key then double colon": ("a:: b\n", False),
    # keys
    "quoted key": ("'a': 1\n\"b\": 2\n", False),
    "unicode key": ("é: 1\n", False),
    "key with spaces and dashes": ("a -: x\na - b: y\nx_y z: 1\n_: 2\n", True),
    "keys YAML types": ("e1: x\ninf: 1\nnan: 2\nNaN: 3\n", True),
    "bool key": ("on: 1\n", False),
    "complex key": ("? a\n: b\n", False),
    # anchors, aliases, tags, merges, value indicators
    "anchor and alias": ("a: &x 1\nb: *x\n", False),
    "tags": ("a: !!str 1\nb: !foo x\n", False),
    "merge key": ("<<: {a: 1}\n", False),
    "equals and merge as values": ("a: =\nb: [=]\nc: <<\n", False),
    "equals inside text": ("a: =x\nb: <<x\n", True),
    # block scalars, continuation lines, indentation
    "literal block": ("a: |\n  x\n", False),
    "folded block": ("a: >\n  x\n", False),
    "continuation line": ("a: x\n  more\n", False),
    "continuation after a blank line": ("a: x\n\n  more\n", False),
    "tab indentation": ("m:\n\ta: 1\n", False),
    "tab after colon": ("a:\tb\n", False),
    "list of lists": ("a:\n- - x\n", False),
    "nested flow": ("a: [x, [y]]\nb: {c: d}\n", False),
    "trailing comma": ("a: [x,]\n", False),
    "item then deeper text": ("a:\n- x\n  y\n", False),
    "mapping then less indented": ("m:\n    a: 1\n  b: 2\n", False),
    "empty item in the middle": ("a:\n  - x\n  -\n  - y\n", True),
    "list at column 0 then key": ("a:\n- x\nb: 1\n", True),
    "deeply indented mapping": ("m:\n           a: 1\n           b: [x]\n", True),
    "same key three ways": ("a: 1\na:\n- x\na:\n  s: 1\n", True),
    # scalar types of YAML 1.1
    "empty, ~ and null": ("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nULL\n", True),
    "numbers": ("a: 0o17\nb: 0x1F\nc: +1\nd: 1e3\ne: .5\nf: 0b101\ng: +.inf\nh: -0\ni: 0.\nj: 1_0.5_0\nk: 0_1\n"
                "l: 09\nm: 1_000\nn: .inf\no: -.\np: ...\n", True),
    "sexagesimal": ("a: 1:30\nb: 190:20:30\nc: 1:30.5\nd: -1:30\n", True),
    "timestamps with zones": ("a: 2026-03-04 10:00:00 +02:00\nb: 2026-03-04t10:00:00.5-7\nc: 2026-01-02T1:00:00\n"
                              "d: 2026-01-02   10:00:00   Z\n", True),
    "booleans": ("a: Yes\nb: OFF\nc: y\nd: n\ne: TRUE\nf: tRUE\n", True),
    # document markers and characters YAML treats apart
    "document start inside": ("a: 1\n---\nb: 2\n", False),
    "document end inside": ("a: 1\n...\n", False),
    "directive": ("a: 1\n%YAML 1.1\n", False),
    "byte order mark": ("\ufeffa: 1\n", False),
    "NUL": ("a: x\x00\n", False),
    "CR line ends": ("a: 1\rb: 2\r", False),
    "CRLF line ends": ("a: 1\r\nb: 2\r\n", False),
    "next line, line separator": ("a: x\x85y\nb: x\u2028y\n", False),
    "no-break and ideographic space": ("a: x\u00a0y\nb: x\u3000y\n", False),
    "emoji and combining mark": ("a: 😀\nb: [😀]\nc: \u0301x\n", True),
    "private use": ("a: \ue000\n", False),
    "trailing blanks": ("a: x \n", False),
    # each line is checked where it is first read (a line read before is not checked again)
    "NUL in a list item": ("a:\n  - x\x00\n", False),
    "trailing blank in a list item": ("a:\n- x \n", False),
    "blanks alone in a list": ("a:\n- x\n   \n- y\n", False),
    "tab in a mapping's line": ("m:\n  a: x\ty\n", False),
    "trailing blank in a mapping's line": ("m:\n  a: x \n", False),
    "a control after lines read before": ("a: x\nb: 1\nc: \x01\n", False),
}


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(["a: x", "b:", "  - y", "- z", "  c: w", "k: [s]", "\n", "\n", " ", "\t", "\x01",
                                 "\x7f", "\u2028", "é"]), max_size=12).map("".join))
def test_a_refused_character_or_trailing_blank_on_any_line_refuses_the_text(fm: str) -> None:
    # The flat reader checks each line as it first reads it, where it checked the whole text
    # once: any text that check refused is refused still, the second time from its caches too.
    refused = not fm.replace("\n", "").isprintable() or " \n" in fm or fm.endswith(" ")
    for _ in range(2):
        found = _FLAT.read(fm)
        assert found is None or not refused, fm


def test_adversarial_frontmatter_is_read_as_libyaml_reads_it() -> None:
    for name, (text, flat) in ADVERSARIAL.items():
        taken = _FLAT.read(text) is not None
        assert flat is None or taken is flat, name
        fast, slow = _both(text)
        assert fast == slow, name
    # Text decoded from a note's bytes holds no lone surrogate (PyYAML cannot encode one): the
    # flat reader refuses it all the same.
    assert _FLAT.read("a: x\ud800\n") is None and _FLAT.read("a: [x\udcff]\n") is None


_ATOMS = st.sampled_from([
    "a", "x y", "Yes", "1", "-", "-1", ":", ":x", "#", "x#", "'", '"', "[", "]", "{", "}", ",", ", ", "?", "*",
    "!", "|", ">", "%", "@", "`", "\\", " ", "é", "---", "...", "~", "null", ".inf", "0o17", "0x1F", "1_000",
    "+1", "1e3", ".5", "1:30", "2026-01-02", "2026-01-02 10:00:00 +02:00", "=", "<<", "''", '""', "😀", ".", "-.",
    "0", "_", "1.", "e", "Z", "T", "\t", "\r", "\x85", "\ufeff",
])
_KEYS = st.one_of(st.sampled_from(["tags", "aliases", "a b", "a -", "on", "nan", "k" * 1024, "k" * 1025]),
                  st.text("abxyYN_- 019:#'", min_size=1, max_size=6))


@st.composite
def _lines(draw: st.DrawFn) -> str:
    """Frontmatter line by line, any line at any indentation: keys, items, flow lists, quotes."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 4]))
        key, value = draw(_KEYS), "".join(draw(st.lists(_ATOMS, max_size=6)))
        kind = draw(st.sampled_from(["value", "key", "item", "flow", "double", "single", "blank", "text"]))
        lines.append({
            "value": f"{indent}{key}: {value}", "key": f"{indent}{key}:", "item": f"{indent}- {value}",
            "flow": f"{indent}{key}: [{', '.join(draw(st.lists(st.text('ab1-~. ', max_size=3), max_size=4)))}]",
            "double": f'{indent}{key}: "{value}"', "single": f"{indent}{key}: '{value}'", "blank": "",
            "text": indent + value,
        }[kind])
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=600)
@given(_lines())
def test_flat_reader_agrees_with_libyaml_line_by_line(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


def test_a_line_read_again_is_the_same_and_its_list_is_its_own() -> None:
    # The flat reader keeps what each `key: value` line holds (a vault repeats its lines): a
    # second note with the same lines reads the same values, and a flow list is a list of its
    # own, not the one the first note's frontmatter holds.
    text = ('type: person\ntags: [a, "b c", 3]\n'
            'note: "a longer quoted value than the sixty-four characters that get interned"\n')
    first, second = load(text, "a.md"), load(text, "b.md")
    assert first.data == second.data == reference(text)
    assert first.data["tags"] is not second.data["tags"]
    first.data["tags"].append("x")
    assert load(text, "c.md").data["tags"] == ["a", "b c", 3]
    assert load(text, "c.md").item_literals == first.item_literals


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(["---", "--", "-", " ", "\t", "\n", "a", "key: v", "---\n", "\n---", "- x"]),
                max_size=14).map("".join))
def test_the_closing_line_is_found_as_by_a_multiline_search(text: str) -> None:
    # `split` finds the `---` that closes frontmatter by a substring search for line starts and
    # a match there; a multiline search of `^---[ \t]*$` must find the same line.
    import re

    from vaultkit.reader.yamlfront import _close

    for start in {0, *(i + 1 for i, c in enumerate(text) if c == "\n")}:
        found = _close(text, start)
        expected = re.compile(r"^---[ \t]*$", re.M).search(text, start)
        assert (found and found.span()) == (expected and expected.span()), (text, start)


@settings(max_examples=1000)
@given(st.lists(_ATOMS, min_size=1, max_size=8).map("".join).filter(lambda text: text and "\n" not in text))
def test_a_plain_scalar_is_told_by_substring_tests_as_by_its_pattern(text: str) -> None:
    from vaultkit.reader.yamlflat import _PLAIN, _is_plain

    assert _is_plain(text) is (_PLAIN.match(text) is not None)


def test_an_item_line_read_again_keeps_to_its_own_list() -> None:
    # A block list's `- item` line is read once per process and its reading kept: read again in
    # a list whose other items stand at another indentation it still makes the list libyaml's
    # to read, and a list holding it is a list of its own.
    first = "met:\n  - \"[[Ada Lovelace]]\"\n  - 12\n  -\n"
    assert _FLAT.read(first) is not None
    again = "met:\n- x\n  - \"[[Ada Lovelace]]\"\n"
    assert _FLAT.read(again) is None
    fast, slow = _both(again)
    assert fast == slow
    one, two = load(first, "a.md"), load(first, "b.md")
    assert one.data == two.data == reference(first) == {"met": ["[[Ada Lovelace]]", 12, None]}
    assert one.data["met"] is not two.data["met"]
    assert one.item_literals == {} and load("tags:\n  - 12\n  -\n", "c.md").item_literals == {"tags": ["12", ""]}


_TAG_PIECES = st.sampled_from(["0", "1", "9", "12", "007", "2025", "-", "04", "29", "2025-04-29", "2026-02-30", ".",
                               ":", "_", "e", "E", "+", "x", "b", "o", "y", "n", "Yes", "null", "~", "=", "<<", "a",
                               "Ada", " ", "T", "Z", "١", "²", "&", "*", "!", "inf", "nan", "#"])


@settings(max_examples=2000)
@given(st.lists(_TAG_PIECES, min_size=1, max_size=5).map("".join))
def test_a_plain_scalars_tag_is_the_resolvers(text: str) -> None:
    # The flat reader asks PyYAML's resolver only where its answer is not already known (a text
    # opening on a character it has no pattern for, a day, a whole number): the same tags.
    import yaml as pyyaml

    assert _FLAT._tag(text) == _FLAT.loader.resolve(pyyaml.ScalarNode, text, (True, False))
