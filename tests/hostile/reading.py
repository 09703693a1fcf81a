"""What reading notes must survive: git conflict markers anywhere, frontmatter that stopped
parsing, the shapes that once made reading superlinear (at a cheap size), and names the OS
spells its own way (NFC and NFD, case twins, bidi and zero-width characters).
Each case writes only its own files."""

from __future__ import annotations

import unicodedata
from pathlib import Path


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


OURS = "- 2026-07-10 call with [[Ada Lovelace]] #brag impact:: ours\n"
THEIRS = "- 2026-07-11 call with [[Omar Haddad]] #challenge\n## Theirs\n"


def conflict_in_body(root: Path) -> None:
    _write(root, "People/Conflict Body.md", "---\ntype: person\ncompany: Merged\n---\n# Notes\n[[Before]]\n"
           f"<<<<<<< HEAD\n{OURS}=======\n{THEIRS}>>>>>>> origin/main\n[[After]]\n")


def conflict_diff3(root: Path) -> None:
    _write(root, "Daily/2026-07-13.md", f"# Day\n<<<<<<< ours\n{OURS}||||||| base\n- 2026-07-09 base\n"
           f"=======\n{THEIRS}>>>>>>> theirs\n- 2026-07-13 lunch with [[Ada Lovelace]]\n")


def conflict_in_frontmatter(root: Path) -> None:
    _write(root, "Events/Conflict Front.md", "---\ntype: event\n<<<<<<< HEAD\ndate: 2026-08-01\n=======\n"
           "date: 2026-09-01\n>>>>>>> b\nmet: ['[[Ada Lovelace]]']\n---\nWent with [[Omar Haddad]].\n")


def conflict_across_the_frontmatter(root: Path) -> None:
    _write(root, "Brag/Conflict Across.md", "---\ntype: brag\n<<<<<<< HEAD\ndate: 2026-01-01\n---\n[[Ours]]\n"
           "=======\ndate: 2026-01-02\n---\n[[Theirs]]\n>>>>>>> b\nimpact:: rest\n")


def conflict_unterminated(root: Path) -> None:
    _write(root, "People/Conflict Open.md", f"---\ntype: person\n---\n[[Kept]]\n<<<<<<< HEAD\n{OURS}=======\n"
           f"{THEIRS}")


def conflict_in_a_template(root: Path) -> None:
    # `new event` reads it (the example vault has no event template of its own to clobber).
    _write(root, "Templates/event.md", "---\ntype: event\n<<<<<<< HEAD\ndate:\n=======\nwhen:\n>>>>>>> b\n---\n")


def broken_frontmatter_with_body(root: Path) -> None:
    _write(root, "People/Broken Front.md", "---\ntype: person\ncompany: [unclosed\n---\n"
           "- 2026-07-01 coffee with [[Ada Lovelace]] #told\n- shipped it #brag impact:: faster\n")
    _write(root, "Interviews/Broken Front Interview.md", "---\ntype: interview\nstage: {a\n---\n[[Omar Haddad]]\n")


def superlinear_shapes(root: Path) -> None:
    n = 1_500  # each once quadratic; at this size about 300 KiB in all, read in well under a second
    _write(root, "Notes/Links Per Line.md", "[[Ada Lovelace]]\n" * n)
    _write(root, "Notes/Links In An Item.md", "- [[a]]\n  " + "[[b]]\n  " * n)
    _write(root, "Notes/Unclosed Comments.md", "a <!--\n" * n + "x <!-- --->\n" * n)
    _write(root, "Notes/Lazy Quote.md", "> a\n" + "b [[c]]\n" * n)
    _write(root, "Notes/Item Fields.md", "- x " + "[k:: [[a]]] " * n + "\n")
    _write(root, "Notes/Path Links.md", "".join(f"[[x/Nobody {i}]] " for i in range(n)))
    _write(root, "Notes/Headings.md", "".join(f"# H{i}\n" for i in range(n)))
    _write(root, "Notes/Anchors.md", "".join(f"[[Headings#H{i}]] [[Headings#H0#H{i}]]\n" for i in range(n)))
    _write(root, "Notes/Markdown Links.md", "[a](Some%20Note.md#h) " * n + "\n" + "[a " * n + "](b" + "\n[x](<" * n)
    _write(root, "Notes/Comment Across Blocks.md", "a <!--\n\n" + "# h [[a]]\n\n" * n)
    _write(root, "Notes/Backticks.md", "".join("`" * i + "a" for i in range(1, 300)))
    _write(root, "Notes/Unclosed Brackets.md", "[[a " * n + "\n" + "[[" * n)
    _write(root, "Notes/Nested.md", "".join("  " * i + "- x\n" for i in range(200)) + "> " * 2000 + "x\n")
    _write(root, "Notes/Long Line.md", "a" * (256 * 1024) + "\n")
    _write(root, "Notes/Long Frontmatter.md", "---\n" + "k: v\n" * 40_000 + "---\n[[Ada Lovelace]]\n")


def nfc_and_nfd_names(root: Path) -> None:
    _write(root, unicodedata.normalize("NFD", "People/Zoë Núñez.md"), "---\ntype: person\ncompany: Decomposed\n---\n")
    _write(root, "Daily/2026-07-12.md", unicodedata.normalize("NFC", "- 2026-07-12 met [[Zoë Núñez]]\n"))
    _write(root, unicodedata.normalize("NFC", "Notes/Café.md"), "one spelling\n")
    _write(root, unicodedata.normalize("NFD", "Notes/Café.md"), "the other spelling\n")


def case_twins(root: Path) -> None:
    _write(root, "People/Case Twin.md", "---\ntype: person\n---\n")
    _write(root, "People/case twin.md", "---\ntype: person\n---\n")


def invisible_characters_in_names(root: Path) -> None:
    _write(root, "People/Eve\u202egpj.exe.md", "---\ntype: person\n---\n")
    _write(root, "Notes/Zero\u200bWidth.md", "[[Ada Lovelace]]\n")
    _write(root, "Notes/\u2066Isolate\u2069.md", "x\n")


CASES = {
    "conflict_in_body": conflict_in_body,
    "conflict_diff3": conflict_diff3,
    "conflict_in_frontmatter": conflict_in_frontmatter,
    "conflict_across_the_frontmatter": conflict_across_the_frontmatter,
    "conflict_unterminated": conflict_unterminated,
    "conflict_in_a_template": conflict_in_a_template,
    "broken_frontmatter_with_body": broken_frontmatter_with_body,
    "superlinear_shapes": superlinear_shapes,
    "nfc_and_nfd_names": nfc_and_nfd_names,
    "case_twins": case_twins,
    "invisible_characters_in_names": invisible_characters_in_names,
}
