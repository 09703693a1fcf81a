"""Rendering of planned notes: frontmatter (SPEC §2 fields) and Markdown bodies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .plan import Planner
from .vocab import (
    CHANNELS,
    END,
    EVENT_KINDS,
    EXTRAS,
    FILLER,
    KINDS,
    MEETS,
    ROLES,
    SHARE_KINDS,
    STAGES,
    THEMES,
    THINGS,
    TODAY,
    TOPICS,
    VERBS,
    WORK,
    Note,
    ys,
)


class Writer(Planner):
    """Turns each planned note into text, drawing from the same seeded random stream."""

    def fields(self, note: Note) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
        """(required, optional) frontmatter fields of the note's kind, per SPEC §2."""
        r, k, d = self.rng, note.kind, note.date
        url = f"https://example.com/{note.title.lower().replace(' ', '-')}"
        if k == "person":
            met_at = self.fl(self.pick("event")) if r.random() < 0.7 else "a conference hallway"
            return [], [("company", r.choice(self.companies)), ("role", r.choice(ROLES)),
                        ("met_at", met_at), ("met_on", self.dv()),
                        ("topics", r.sample(TOPICS, r.randint(1, 4))),
                        ("work_together", r.sample(WORK, r.randint(1, 3))),
                        ("introduced_by", self.fl(self.pick("person"))),
                        ("communities", self.links("community", 1, 2)), ("links", [url]),
                        ("email", url[20:] + "@example.com"),
                        ("cadence", r.choice(("30d", "6w", "3m", "1y", "90d"))),
                        ("last_contact", self.dv())]
        if k == "event":
            return [("date", d)], [
                ("end", min(END, d + dt.timedelta(days=r.randint(0, 2)))),
                ("kind", r.choice(EVENT_KINDS)), ("location", self.word(3)), ("url", url),
                ("community", self.fl(self.pick("community"))),
                ("want_to_meet", self.links("person", 1, 4)), ("met", self.links("person", 0, 5)),
                ("speaker", r.random() < 0.2), ("goal_new_people", r.randint(2, 5))]
        if k == "brag":
            metrics: Any = [f"p95 latency -{r.randint(5, 60)}%", f"{r.randint(2, 40)} teams"]
            if r.random() < 0.3:
                metrics = {"latency_ms": -r.randint(5, 300), "users": r.randint(10, 9000)}
            return [("date", d), ("impact", f"cut {r.choice(THINGS)} time {r.randint(5, 80)}%")], [
                ("impacted", self.links("person", 1, 3)), ("metrics", metrics),
                ("theme", r.choice(THEMES)), ("project", self.fl(self.pick("note"))),
                ("visibility", r.choice(("team", "org", "company", "external")))]
        if k == "challenge":
            return [("date", d)], [("status", r.choice(("open", "overcome"))),
                                   ("learned", r.choice(self.sent)),
                                   ("related", self.links(None, 1, 3))]
        if k == "interview":
            rounds = [{"date": self.day(d, TODAY), "kind": r.choice(("screen", "tech", "system")),
                       "with": self.fl(self.pick("person"))} for _ in range(r.randint(1, 3))]
            company = " ".join(note.title.split()[1:3])  # "Interview <Word> <Suffix> <month>"
            return [("company", company), ("date", d)], [
                ("role", r.choice(ROLES)), ("stage", r.choice(STAGES)),
                ("people", self.links("person", 1, 3)), ("rounds", rounds),
                ("gaps", r.sample(TOPICS, 2)), ("door_open", r.random() < 0.7),
                ("follow_up", self.dv(d, END))]
        if k == "share":
            return [("date", d)], [("kind", r.choice(SHARE_KINDS)), ("channel", r.choice(CHANNELS)),
                                   ("url", url), ("topics", r.sample(TOPICS, r.randint(1, 3))),
                                   ("metrics", {"views": r.randint(10, 50000)})]
        if k == "community":
            return [], [("focus", r.choice(TOPICS)), ("url", url), ("joined", self.dv()),
                        ("role", r.choice(("member", "organizer", "mentor", "speaker")))]
        if k == "daily":
            return [], [("date", d), ("mood", r.choice(("ok", "great", "tired")))]
        return [], [("created", self.dv()), ("related", self.links(None, 1, 2))]

    def extra(self, key: str) -> Any:
        """A value for a non-SPEC frontmatter key."""
        r = self.rng
        if key in ("created", "modified"):
            return self.dv()
        if key in ("publish", "draft", "reviewed"):
            return r.random() < 0.5
        if key in ("rating", "uid"):
            return r.randint(1, 5) if key == "rating" else r.randint(10**6, 10**7)
        if key == "cssclasses":
            return ["wide"]
        if key == "priority":
            return r.choice(("high", "medium", "low"))
        return f"#{r.randint(0, 0xFFFFFF):06x}" if key == "color" else r.choice(FILLER)

    def frontmatter(self, note: Note) -> list[str]:
        """The note's frontmatter lines, '---' fences included, with 6-15 keys."""
        r = self.rng
        req, opt = self.fields(note)
        k = r.randint(6, 15)
        tags = r.sample(TOPICS, r.randint(1, 3))
        tags += ["career/" + note.kind] if r.random() < 0.5 else []
        opt.append(("tags", tags if r.random() < 0.85 else tags[0]))
        if note.aliases:
            req.append(("aliases", note.aliases))
        if note.kind in KINDS and r.random() < 0.4:
            req.insert(0, ("type", note.kind))
        r.shuffle(opt)
        chosen = req + opt[: max(0, k - len(req) - r.randint(0, 3))]
        have = {key for key, _ in chosen}
        extras = [e for e in r.sample(EXTRAS, 15) if e not in have][: k - len(chosen)]
        chosen += [(e, self.extra(e)) for e in extras]
        out = ["---"]
        for key, v in chosen:
            if isinstance(v, dict):
                out.append(f"{key}:")
                out += [f"  {mk}: {ys(mv)}" for mk, mv in v.items()]
            elif isinstance(v, list) and v and (isinstance(v[0], dict) or r.random() < 0.5):
                out.append(f"{key}:")
                for x in v:
                    if isinstance(x, dict):
                        items = [f"{mk}: {ys(mv)}" for mk, mv in x.items()]
                        out += ["  - " + items[0]] + ["    " + i for i in items[1:]]
                    else:
                        out.append(f"  - {ys(x)}")
            elif isinstance(v, list):
                out.append(f"{key}: [{', '.join(ys(x) for x in v)}]")
            else:
                out.append(f"{key}: {ys(v)}")
        return [*out, "---"]

    def line(self) -> str:
        """A filler sentence, sometimes with a link, a #tag or inline code."""
        r = self.rng
        s, x = r.choice(self.sent), r.random()
        if x < 0.3:
            return f"{s} See {self.wl(self.pick())}."
        if x < 0.45:
            return f"{s} #{r.choice(TOPICS)}"
        return f"{s} Run `make {r.choice(TOPICS)}`, not `[[Not A Link]]`." if x < 0.5 else s

    def filler(self) -> list[str]:
        """A random block: paragraph, list, heading, quote, fenced code or HTML comment."""
        r = self.rng
        x = r.random()
        if x < 0.35:
            return [self.line() for _ in range(r.randint(1, 3))]
        if x < 0.62:
            return [f"- {self.line()}" for _ in range(r.randint(2, 5))]
        if x < 0.75:
            return [f"## {r.choice(FILLER).capitalize()} {r.choice(TOPICS)}"]
        if x < 0.83:
            return [f"> {self.line()}"]
        if x < 0.96:
            code = [f"x = {r.randint(0, 99)}  # {r.choice(FILLER)}" for _ in range(r.randint(1, 4))]
            if r.random() < 0.4:  # a fake link that a parser must not see
                code.insert(r.randint(0, len(code)), f'ref = "[[Code Sample {r.randint(1, 999)}]]"')
            return [f"```{r.choice(('python', 'sh', ''))}", *code, "```"]
        return [f"<!-- hidden: [[{self.ghost()}]] -->"]

    def daily_item(self, note: Note) -> str:
        """One list item of a daily note: inline brag/challenge, interaction, task or text."""
        r, x = self.rng, self.rng.random()
        if x < 0.3:
            who = f" [impacted:: {self.wl(self.pick('person'))}]" if r.random() < 0.3 else ""
            when = ""
            if r.random() < 0.2:  # an explicit ISO date at the start of the item
                when = f"{self.day(note.date - dt.timedelta(days=3), note.date)} "
            return (f"- {when}{r.choice(VERBS)} {r.choice(THINGS)} #brag{who} impact:: cut "
                    f"{r.choice(THINGS)} {r.randint(5, 80)}% (theme:: {r.choice(THEMES)})")
        if x < 0.4:
            return f"- Struggled with {r.choice(THINGS)} #challenge learned:: {r.choice(self.sent)}"
        if x < 0.75:
            return f"- {note.date} {r.choice(MEETS)} {self.wl(self.pick('person'))}"
        if x < 0.85:
            return f"- [ ] follow up with {self.wl(self.pick('person'))}"
        return f"- {self.line()}"

    def sections(self, note: Note) -> list[list[str]]:
        """Kind-specific body blocks, most important first."""
        r, k, d, p, wl = self.rng, note.kind, note.date, self.pick, self.wl

        def people(fmt: str, lo: int, hi: int) -> list[str]:
            return [fmt.format(wl(p("person"))) for _ in range(r.randint(lo, hi))]

        if k == "person":
            log = [f"- {self.day()} {r.choice(MEETS)} {wl(p('person'))}"
                   for _ in range(r.randint(1, 4))]
            return [["## Context", f"Met at {wl(p('event'))}. Works on {r.choice(TOPICS)}."],
                    ["## Log", *log], ["## Ideas", f"- {r.choice(WORK)}"]]
        if k == "event":
            return [["## Plan", "Talk to at least three new people.", *people("- [ ] {}", 1, 3)],
                    ["## Notes", *people("- Talked to {}: " + r.choice(self.sent), 1, 4)]]
        if k == "brag":
            return [["## What", f"{r.choice(self.sent)} With {wl(p('person'))}."],
                    ["## Impact", f"- {r.choice(THINGS)} {r.randint(5, 80)}% faster"],
                    ["## Evidence", f"- {wl(p('note'))}"]]
        if k == "challenge":
            return [["## What happened", r.choice(self.sent)], ["## Learned", f"- {self.line()}"]]
        if k == "interview":
            return [["## Rounds", *people(f"- {self.day(d)} tech round with {{}}", 1, 3)],
                    ["## Gaps", f"- {r.choice(TOPICS)}"]]
        if k == "share":
            return [["## Outline", *[f"- {self.line()}" for _ in range(r.randint(1, 4))]],
                    ["## Reception", r.choice(self.sent)]]
        if k == "community":
            return [["## Why", r.choice(self.sent)], ["## People", *people("- {}", 1, 5)]]
        if k == "daily":
            return [["## Log", *[self.daily_item(note) for _ in range(r.randint(2, 6))]]]
        return [["## Summary", self.line()]]

    def render(self, note: Note) -> str:
        """The full text of a note: frontmatter plus a body, 20-80 lines in all."""
        r = self.rng
        fm = self.frontmatter(note)
        target = r.randint(max(20, len(fm) + 10), 80) - len(fm)  # room for the first section
        body: list[str] = []
        blocks = ([[f"# {note.title}"]] if r.random() < 0.5 else []) + self.sections(note)
        for block in blocks:
            if len(body) + len(block) + 1 <= target:
                body += ([""] if body else []) + block
        while len(body) < target:
            room = target - len(body) - 1
            if room < 1:
                body.append(self.line())
                continue
            block = self.filler()
            body += [""] + (block if len(block) <= room else [self.line()])
        return "\n".join(fm + body) + "\n"

