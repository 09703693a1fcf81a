"""Planning of a synthetic vault: every note's kind, folder, title, date and aliases."""

from __future__ import annotations

import datetime as dt
import random

from .vocab import (
    END,
    EVENT_KINDS,
    FILLER,
    HEAD,
    LINK_KINDS,
    MIX,
    SHARE_KINDS,
    START,
    SYL,
    THINGS,
    TODAY,
    TOPICS,
    VERBS,
    Note,
)


class Planner:
    """Plans every note first (kind, folder, title, date, aliases) so links can point at real
    titles; the link and value helpers used while rendering live here too."""

    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.taken: set[str] = set()
        self.notes: list[Note] = []
        self.by_kind: dict[str, list[Note]] = {}
        self.ghosts = 0
        rng = self.rng
        self.sent = [" ".join(rng.choice(FILLER) for _ in range(rng.randint(5, 13))).capitalize()
                     + "." for _ in range(600)]
        self.companies = [self.unique(f"{self.word(2)} {rng.choice(['Labs', 'Systems', 'AI'])}")
                          for _ in range(max(10, n // 200))]
        self.plan()

    def word(self, k: int) -> str:
        """A capitalised pseudo-word of k syllables."""
        return "".join(self.rng.choice(SYL) for _ in range(k)).capitalize()

    def unique(self, title: str) -> str:
        """Reserve a title or alias, case-insensitively unique across the vault."""
        base, n = title, 2
        while title.casefold() in self.taken:
            title, n = f"{base} {n}", n + 1
        self.taken.add(title.casefold())
        return title

    def day(self, lo: dt.date = START, hi: dt.date = TODAY) -> dt.date:
        """A random date in [lo, hi]."""
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def title(self, kind: str, d: dt.date) -> str:
        """A fresh title for a note of this kind."""
        r, w = self.rng, self.word(self.rng.randint(2, 3))
        month = d.strftime("%Y-%m")
        if kind == "person":
            return f"{self.word(r.randint(2, 3))} {w}"
        if kind == "event":
            return f"{w} {r.choice(EVENT_KINDS).capitalize()} {month}"
        if kind == "brag":
            return f"{r.choice(VERBS)} {r.choice(THINGS)} for {w}"
        if kind == "challenge":
            return f"{w} {r.choice(THINGS)} struggle"
        if kind == "interview":
            return f"Interview {r.choice(self.companies)} {month}"
        if kind == "share":
            return f"{r.choice(SHARE_KINDS).capitalize()} on {r.choice(TOPICS)} {w}"
        if kind == "community":
            return f"{w} {r.choice(TOPICS)} community"
        return f"{r.choice(['Project', 'Notes on', 'Idea', 'Reading'])} {w}"

    def plan(self) -> None:
        """Decide kind, folder, title, date and aliases of every note."""
        r, n = self.rng, self.n
        counts = [(k, f, int(n * frac + 0.5)) for k, f, frac in MIX]
        while sum(c for _, _, c in counts) > n:  # tiny vaults: trim the biggest kind
            i = max(range(len(counts)), key=lambda j: counts[j][2])
            counts[i] = (counts[i][0], counts[i][1], counts[i][2] - 1)
        counts.append(("note", "Notes", n - sum(c for _, _, c in counts)))
        span = (TODAY - START).days + 1
        for kind, folder, count in counts:
            if kind == "daily":  # distinct days; vaults with many dailies reach back before 2025
                offsets = sorted(r.sample(range(span), count)) if count <= span else range(count)
                days = [TODAY - dt.timedelta(days=o) for o in offsets]
                notes = [Note(kind, folder, self.unique(d.isoformat()), d) for d in days]
            else:
                notes = []
                for _ in range(count):
                    d = self.day(START, END if kind == "event" else TODAY)
                    note = Note(kind, folder, self.unique(self.title(kind, d)), d)
                    if r.random() < 0.3:
                        alias = note.title.split()[0] + " " + note.title.split()[-1][0] + "."
                        if alias.casefold() not in self.taken:
                            note.aliases.append(self.unique(alias))
                    notes.append(note)
            self.by_kind[kind] = notes
            self.notes.extend(notes)

    def pick(self, kind: str | None = None) -> Note:
        """A random note of the kind (any linkable kind when None)."""
        pool = self.by_kind.get(kind or self.rng.choice(LINK_KINDS)) or self.notes
        return self.rng.choice(pool)

    def ghost(self) -> str:
        """A title that no note has: a deliberately broken link target."""
        self.ghosts += 1
        return f"Missing {self.word(2)} {self.ghosts}"

    def wl(self, t: Note) -> str:
        """A body wikilink to t in one of Obsidian's forms (about 1% broken)."""
        r = self.rng.random()
        if r < 0.01:
            return f"[[{self.ghost()}]]"
        if r < 0.11:
            return f"[[{t.title}|{t.title.split()[0].lower()}]]"
        if r < 0.19:
            return f"[[{t.title}#{HEAD[t.kind]}]]"
        if r < 0.23 and t.aliases:
            return f"[[{t.aliases[0]}]]"
        if r < 0.25:
            return f"[[{t.folder}/{t.title}]]"
        return f"![[{t.title}]]" if r < 0.26 else f"[[{t.title}]]"

    def fl(self, t: Note) -> str:
        """A frontmatter link value: quoted wikilink, sometimes a plain name or broken."""
        r = self.rng.random()
        if r < 0.01:
            return f"[[{self.ghost()}]]"
        if r < 0.05:
            return t.title
        return f"[[{t.title}|{t.title.split()[0]}]]" if r < 0.08 else f"[[{t.title}]]"

    def links(self, kind: str | None, lo: int, hi: int) -> list[str]:
        """Between lo and hi frontmatter links to notes of a kind."""
        return [self.fl(self.pick(kind)) for _ in range(self.rng.randint(lo, hi))]

    def dv(self, lo: dt.date = START, hi: dt.date = TODAY) -> dt.date | str:
        """A date value: usually a YAML date, sometimes a quoted string."""
        d = self.day(lo, hi)
        return d.isoformat() if self.rng.random() < 0.1 else d
