"""The `html-footer` shape: what a real community vault adds to its notes.

Nearly every note of a real community vault (SPEC §8: 6,600 notes) ends in an HTML footer,
a `<span>` or a `<div>` with links home; some notes hold callouts with lists, tables, footnotes
and `<details>`. These are appended to the plain note from a random stream of their own (one
per note), so the vault is the plain vault plus these lines: the two compare like for like.
"""

from __future__ import annotations

import random

from .vocab import TOPICS, Note


def tail(seed: int, note: Note, notes: list[Note]) -> str:
    """The lines appended to `note` (text ending in a newline), drawn from its own stream."""
    r = random.Random(f"{seed}/{note.folder}/{note.title}")

    def link() -> str:
        return f"[[{r.choice(notes).title}]]"

    blocks: list[str] = []
    x = r.random()
    if x < 0.10:
        blocks.append("\n".join([f"> [!note] {r.choice(TOPICS).capitalize()} {link()}",
                                 f"> - see {link()}", f"> - [ ] follow up with {link()}", ">",
                                 f"> #{r.choice(TOPICS)} notes"]))
    elif x < 0.15:
        blocks.append("\n".join(["| Topic | Link | Code |", "|---|---|---|",
                                 f"| {r.choice(TOPICS)} | {link()} | `a|b` |",
                                 f"| {r.choice(TOPICS)} | {link()} | `x` |"]))
    elif x < 0.20:
        blocks.append(f"As noted before[^1].\n\n[^1]: See {link()}.")
    elif x < 0.23:
        blocks.append(f"<details>\n<summary>More</summary>\n\n{link()}\n\n</details>")
    y = r.random()
    if y < 0.55:
        blocks.append(f'<span class="footer">Back to {link()} · {link()} · #{r.choice(TOPICS)}</span>')
    elif y < 0.80:
        blocks.append(f'---\n<span style="font-size: smaller">Related: {link()} | {link()}</span>')
    elif y < 0.97:
        blocks.append(f'<div class="footer">\n\n{link()} · {link()}\n\n</div>')
    return "\n" + "\n\n".join(blocks) + "\n" if blocks else ""
