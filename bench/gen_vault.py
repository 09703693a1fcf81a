"""Seeded, deterministic generator of synthetic vaultkit vaults (the benchmark's input).

``python bench/gen_vault.py OUT_DIR --notes N [--seed S] [--shape plain|html-footer|long-items] [--force]`` writes
N notes of mixed kinds
(SPEC §2) with wikilinks (SPEC §3), tags, headings and code blocks, plus ``vaultkit.toml``.
Each note has 20-80 lines and 6-15 frontmatter keys; the same N and seed give byte-identical files.
The mix: People 30%, Events 8%, Brag 15%, Challenges 4%, Interviews 2%, Sharing 8%,
Communities 1%, Daily 20% (one per distinct day counting back from 2026-06-30, so a big vault's
dailies reach back before 2025), Notes the rest. About 1% of links are deliberately broken.
The `html-footer` shape appends what a real community vault's notes hold (`vaultgen.real`):
an HTML footer on 97% of notes, callouts, tables, footnotes and `<details>` on some.
The `long-items` shape (`vaultgen.long`) keeps the same notes, frontmatter and line counts but
makes every list item 80-200 characters with 3-8 links, and puts a tag or an inline field on
most lines.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from vaultgen.long import lengthen
from vaultgen.real import tail
from vaultgen.text import Writer

CONFIG = 'today = "2026-06-30"\n'
SHAPES = ("plain", "html-footer", "long-items")


def generate(out: Path, n: int, seed: int = 42, shape: str = "plain") -> dict[str, int]:
    """Write a vault of n notes under out; return the number of notes per kind."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")
    gen = Writer(n, seed)
    out.mkdir(parents=True, exist_ok=True)
    for folder in sorted({note.folder for note in gen.notes}):
        (out / folder).mkdir(exist_ok=True)
    people = gen.by_kind.get("person") or gen.notes
    for note in gen.notes:
        text = gen.render(note)  # always: the plain stream stays the same for every shape
        if shape == "long-items":
            text = lengthen(seed, note, text, gen.notes, people)
        with open(out / note.folder / f"{note.title}.md", "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            if shape == "html-footer":
                f.write(tail(seed, note, gen.notes))
    (out / "vaultkit.toml").write_text(CONFIG, encoding="utf-8")
    return {kind: len(notes) for kind, notes in gen.by_kind.items()}


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="Generate a synthetic vaultkit vault.")
    ap.add_argument("out", type=Path, metavar="OUT_DIR")
    ap.add_argument("--notes", type=int, required=True, help="number of notes")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--shape", choices=SHAPES, default="plain",
                    help="plain; html-footer: notes end in HTML footers, some hold callouts, tables, footnotes; "
                    "long-items: list items of 80-200 characters with 3-8 links, a tag or field on most lines")
    ap.add_argument("--force", action="store_true", help="replace an existing generated vault")
    a = ap.parse_args(argv)
    if a.notes < 1:
        ap.error("--notes must be at least 1")
    if a.out.exists() and any(a.out.iterdir()):
        if not (a.force and (a.out / "vaultkit.toml").is_file()):
            ap.error(f"{a.out} is not empty (--force replaces a folder holding vaultkit.toml)")
        shutil.rmtree(a.out)
    t0 = time.perf_counter()
    counts = generate(a.out, a.notes, a.seed, a.shape)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"wrote {a.notes} notes to {a.out} in {time.perf_counter() - t0:.2f}s ({summary})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
