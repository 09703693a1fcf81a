"""A vault shaped like a real Obsidian vault, written from a seed, with its true problems listed.

The shapes are those measured on a public community vault of ~6,600 notes (SPEC §8) and the
other public vaults issue 10 was tried on: nearly every note ends in an HTML footer; callouts,
tables (with `\\|` inside wikilinks), footnotes, nested lists, `<details>` blocks and math;
templates holding `{{date}}` placeholders in Obsidian's templates folder; a `.github/` folder; a
dot-file note; notes Obsidian's "Excluded files" hide; same-name notes in sibling folders; `type:`
values the user owns; `tags:` with empty items. Everything here is something Obsidian accepts,
except the few planted problems `write_real_shaped` returns.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TOPICS = ["Plugins", "Themes", "Workflows", "Guides", "Tools"]
WORDS = [
    "vault", "note", "link", "graph", "canvas", "sync", "backup", "plugin", "theme", "query", "table", "callout",
    "tag", "alias", "property", "template", "daily", "review", "publish", "embed", "heading", "block",
    "search", "folder",
]


def _footer(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return ('\n<span class="footer">%% Hub footer %% Part of the <a href="https://example.org">hub</a>'
                '</span>\n')
    if kind == 1:
        return '\n<div class="nav">\n\n[[Home]] · [[Contributing]]\n\n</div>\n'
    return "\n---\n<p align=\"center\"><sub>Last reviewed by the maintainers</sub></p>\n"


def _sentence(rng: random.Random, links: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    if links and rng.random() < 0.6:
        target = rng.choice(links)
        words.insert(rng.randrange(len(words)), f"[[{target}]]")
    if rng.random() < 0.2:
        words.append("#" + rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, title: str, links: list[str]) -> str:
    parts = [f"# {title}\n", _sentence(rng, links) + " " + _sentence(rng, links) + "\n"]
    shape = rng.randrange(10)
    if shape == 0:
        parts.append(f"> [!tip] {rng.choice(WORDS).title()}\n> {_sentence(rng, links)}\n> - an item with "
                     f"[[{rng.choice(links)}]]\n>   - nested\n")
    elif shape == 1:
        parts.append("| Name | What |\n| --- | --- |\n"
                     f"| [[{rng.choice(links)}\\|shown]] | `a | b` in code |\n| plain | text |\n")
    elif shape == 2:
        parts.append(f"A claim[^1] and another[^note].\n\n[^1]: {_sentence(rng, links)}\n"
                     "[^note]: See the forum.\n")
    elif shape == 3:
        parts.append(f"- one\n  - two [[{rng.choice(links)}]]\n    - three\n  1. four\n- five\n")
    elif shape == 4:
        parts.append(f"<details>\n<summary>More</summary>\n\n{_sentence(rng, links)}\n\n</details>\n")
    elif shape == 5:
        parts.append("$$\n\\sum_{i=1}^{n} x_i\n$$\n\nInline $a + b$ math.\n")
    elif shape == 6:
        parts.append("```dataview\nTABLE file.mtime FROM #plugin\n```\n")
    elif shape == 7:  # Obsidian indents lists with tabs by default
        parts.append(f"- [ ] a task for [[{rng.choice(links)}]]\n\t- [x] done\n\t\t- deep <br> line\n- last\n")
    elif shape == 8:
        parts.append(f"%% a comment with [[{rng.choice(links)}]] %%\n\n![[diagram.png]]\n\n"
                     "Line one<br>\nline two <kbd>Ctrl</kbd>.\n")
    else:
        parts.append(f"1. first\n2. second\n   > quoted [[{rng.choice(links)}]]\n3. third\n\n***\n")
    parts.append("\n## See also\n\n" + _sentence(rng, links) + "\n")
    return "\n".join(parts) + _footer(rng)


def _frontmatter(rng: random.Random, topic: str) -> str:
    lines = ["---"]
    shape = rng.randrange(4)
    if shape == 0:
        lines += ["tags:", "  - ", f"  - {topic.lower()}"]  # an empty item, as the hub has
    elif shape == 1:
        lines += [f"type: {rng.choice(['article', 'moc', 'reference', 'plugin'])}"]  # the user's own types
    elif shape == 2:
        lines += ["aliases:", f"  - {topic[:-1]} page", "publish: true"]
    else:
        lines += ["created: 2024-03-01", "cssclasses:", "  - wide"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_real_shaped(root: Path, notes: int = 300, seed: int = 7) -> set[tuple[str, str]]:
    """Write the vault under `root`; return its true problems as (path, diagnostic code)."""
    rng = random.Random(seed)
    files: dict[str, str] = {}
    titles = {t: [f"{t[:-1]} {i:03d}" for i in range(notes // len(TOPICS))] for t in TOPICS}
    every = [name for names in titles.values() for name in names] + ["Home", "Contributing", "Overview"]
    for topic, names in titles.items():
        files[f"{topic}/Overview.md"] = _frontmatter(rng, topic) + _body(rng, f"{topic} overview", every)
        for name in names:
            files[f"{topic}/{name}.md"] = _frontmatter(rng, topic) + _body(rng, name, [*every, "Overview"])
    files["Attachments/diagram.png"] = "\x89PNG not really\n"
    files["Home.md"] = "# Home\n\nStart at [[Overview]] or [[Guides/Overview|the guides]].\n" + _footer(rng)
    files["Contributing.md"] = ("# Contributing\n\n## What is a vault? (and why)\n\nRead [the guide]"
                                "(Guides/Overview.md) and [this](<Tools/Overview.md#Tools overview>).\n")
    files["FAQ.md"] = ("# FAQ\n\nSee [[Contributing#What is a vault? (and why)]] and "
                       "[[Contributing#What is a vault (and why)]].\n" + _footer(rng))
    # Obsidian's settings: a templates folder of its own, and an excluded folder.
    files[".obsidian/templates.json"] = json.dumps({"folder": "Meta/Templates"})
    files[".obsidian/app.json"] = json.dumps({"userIgnoreFilters": ["Archive/"], "alwaysUpdateLinks": True})
    files["Meta/Templates/Plugin template.md"] = (
        "---\ntags:\n  - \ncreated: {{date}}\nauthor: \"[[{{author}}]]\"\n---\n# {{title}}\n\n"
        "Made by [[{{author}}]] on {{date:YYYY-MM-DD}}. <% tp.file.title %>\n")
    files["Meta/Templates/Event template.md"] = "---\ntype: event\ndate: {{date}}\n---\n# {{title}}\n"
    files["Archive/Old draft.md"] = "---\ntitle: [unclosed\n---\nSee [[Gone forever]].\n"
    files[".github/ISSUE_TEMPLATE/bug.md"] = "---\nname: Bug\nabout: {{ broken\n---\nSee [[Nowhere]].\n"
    files[".github/CONTRIBUTING.md"] = "# Contributing to the hub\n\n[[Also nowhere]]\n"
    files[".hidden note.md"] = "---\ntype: event\n---\n[[Hidden target]]\n"
    # Same-name notes in sibling folders, linked from inside one of them: Obsidian picks its own.
    files["Guides/Index.md"] = "# Guides index\n\n[[Overview]] lists them.\n"
    files["Tools/Index.md"] = "# Tools index\n\n[[Overview]] lists them; so does [[Index]].\n"
    # The planted problems, one of each kind a real vault would really have.
    files["Guides/Broken link.md"] = "# Broken\n\nSee [[Nonexistent Page]].\n" + _footer(rng)
    files["Tools/Bad YAML.md"] = "---\ntitle: [unclosed\n---\n# Bad\n" + _footer(rng)
    files["Guides/Bad anchor.md"] = "See [[Home#No Such Heading]].\n"
    files["Events/Meetup.md"] = "---\ntype: event\n---\n# Meetup with no date\n"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {
        ("Guides/Broken link.md", "link-missing"),
        ("Tools/Bad YAML.md", "yaml-syntax"),
        ("Guides/Bad anchor.md", "link-anchor-missing"),
        ("Events/Meetup.md", "missing-field"),
    }
