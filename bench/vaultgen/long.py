"""The `long-items` shape: the plain notes with heavy lines, as a vault of long bullets has them.

Same notes, titles, frontmatter and line counts as the plain shape (20-80 lines, 6-15 keys), so
the two compare like for like; only the body lines change, from a random stream of each note's own:

- every list item outside code becomes 80-200 characters holding 3-8 wikilinks (Obsidian's forms:
  plain, with shown text, to a heading, an alias, a path; 60% to people; about 1% to a note that
  does not exist, drawn from a small pool as real unresolved links repeat; an item whose plain
  text leaves no room keeps fewer: 6 of 10,000 at 1k notes) and, on 85% of them, a tag or an
  inline field (``#topic``, ``[key:: value]``, ``(key:: value)``, ``key:: value``) if it has none;
- 70% of the other text lines (prose, quotes) gain a tag or an inline field.

Headings, fenced code, HTML comments and frontmatter are left as they are.
"""

from __future__ import annotations

import random
import re

from .vocab import FILLER, HEAD, THEMES, TOPICS, Note

ITEM = re.compile(r"^(\s*- (?:\[[ x]\] )?)(.*)$")
MARKED = re.compile(r"(?:^|\s)#\w|::")  # a tag or an inline field already there
MIN_ITEM, MAX_ITEM = 80, 200
CONNECT = ("with", "and", "see", "via", "for", "cc", "after", "re")
FIELDS = (("theme", THEMES), ("topic", TOPICS), ("effort", ("1", "2", "3", "5", "8")),
          ("status", ("open", "done", "waiting", "blocked")))


class Lengthener:
    """Rewrites the body lines of one note; link targets come from the whole planned vault."""

    def __init__(self, seed: int, note: Note, notes: list[Note], people: list[Note]) -> None:
        self.r = random.Random(f"{seed}/long-items/{note.folder}/{note.title}")
        self.notes, self.people = notes, people
        self.ghosts = max(5, len(notes) // 20)  # distinct unresolved names in the vault

    def link(self, budget: int) -> str | None:
        """A wikilink of at most `budget` characters (None when none fits)."""
        r = self.r
        for _ in range(10):
            t = r.choice(self.people if r.random() < 0.6 else self.notes)
            x = r.random()
            if x < 0.01:
                text = f"[[Missing Item {r.randrange(self.ghosts)}]]"
            elif x < 0.09:
                text = f"[[{t.title}|{t.title.split()[0].lower()}]]"
            elif x < 0.14:
                text = f"[[{t.title}#{HEAD[t.kind]}]]"
            elif x < 0.18 and t.aliases:
                text = f"[[{t.aliases[0]}]]"
            elif x < 0.20:
                text = f"[[{t.folder}/{t.title}]]"
            else:
                text = f"[[{t.title}]]"
            if len(text) <= budget:
                return text
        return None

    def marker(self) -> str:
        """A tag or an inline field, with its leading space."""
        r, x = self.r, self.r.random()
        if x < 0.45:
            return f" #{r.choice(TOPICS)}"
        key, values = r.choice(FIELDS)
        value = r.choice(values)
        if x < 0.7:
            return f" [{key}:: {value}]"
        return f" ({key}:: {value})" if x < 0.85 else f" {key}:: {value}"  # unbracketed: to the line's end

    def item(self, prefix: str, text: str) -> str:
        """A list item of 80-200 characters (prefix included) with 3-8 links."""
        r = self.r
        want, length = r.randint(3, 8), r.randint(MIN_ITEM, MAX_ITEM)
        suffix = "" if MARKED.search(text) or r.random() >= 0.85 else self.marker()  # last: an unbracketed
        # field's value runs to the end of the line
        words = [text] if text else []
        have = text.count("[[")
        while have < want:
            budget = MAX_ITEM - len(prefix) - len(suffix) - len(" ".join(words)) - 2 - len("with ")
            found = self.link(budget)
            if found is None:
                break
            words += [r.choice(CONNECT), found]
            have += 1
        while len(prefix) + len(" ".join(words)) + len(suffix) < length:
            word = r.choice(FILLER)
            if len(prefix) + len(" ".join([*words, word])) + len(suffix) > MAX_ITEM:
                break
            words.append(word)
        return prefix + " ".join(words) + suffix

    def body_line(self, line: str) -> str:
        """A text line, perhaps with a tag or an inline field added."""
        if MARKED.search(line) or self.r.random() >= 0.7:
            return line
        return line.rstrip() + self.marker()


def lengthen(seed: int, note: Note, text: str, notes: list[Note], people: list[Note]) -> str:
    """The note's text (as the plain shape writes it) with long list items and marked lines."""
    lines = text.split("\n")
    out: list[str] = []
    front = lines[0] == "---"
    fenced = False
    edit = Lengthener(seed, note, notes, people)
    for i, line in enumerate(lines):
        if front:
            front = not (i > 0 and line == "---")
            out.append(line)
            continue
        if line.startswith("```"):
            fenced = not fenced
        if fenced or line.startswith(("```", "#", "<!--")) or not line.strip():
            out.append(line)
            continue
        m = ITEM.match(line)
        out.append(edit.item(m.group(1), m.group(2)) if m else edit.body_line(line))
    return "\n".join(out)
