"""Vocabulary, the planned-note record and YAML scalar rendering for the vault generator."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

START, TODAY, END = dt.date(2025, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 12, 31)
MIX = (("person", "People", 0.30), ("event", "Events", 0.08), ("brag", "Brag", 0.15),
       ("challenge", "Challenges", 0.04), ("interview", "Interviews", 0.02),
       ("share", "Sharing", 0.08), ("community", "Communities", 0.01), ("daily", "Daily", 0.20))
KINDS = frozenset(k for k, _, _ in MIX) - {"daily"}
SYL = ("ka", "lo", "ra", "mi", "ne", "to", "va", "shi", "den", "mar", "co", "lin", "bel", "tor",
       "vik", "sa", "ri", "an", "el", "os", "ur", "zen", "fa", "gor", "hal", "ju", "ki", "le", "mo",
       "pi", "qua", "ro", "su", "ta", "ve", "wi", "xo", "ya", "zu", "bra", "cle", "dri", "fro",
       "gla")
TOPICS = ("python", "rust", "kubernetes", "postgres", "observability", "testing", "security",
          "design-systems", "ml", "accessibility", "data-eng", "platform", "sre", "frontend",
          "mobile", "devex", "leadership", "hiring", "mentoring", "compilers", "networking",
          "caching", "search", "billing")
ROLES = ("Staff Engineer", "Engineering Manager", "Product Manager", "Recruiter", "CTO", "SRE",
         "Data Scientist", "Designer", "Developer Advocate", "Principal Engineer")
WORK = ("co-author a blog post", "joint talk", "hire them", "refer to a role", "mentor",
        "open-source collab", "advisor", "pair on a side project")
EVENT_KINDS = ("meetup", "conference", "demo", "party", "coffee", "webinar", "other")
THEMES = ("delivery", "visibility", "leadership", "mentoring", "documentation", "demo",
          "facilitation", "learning", "hiring")
STAGES = ("applied", "screening", "interviewing", "offer", "accepted", "declined", "rejected",
          "withdrawn")
SHARE_KINDS = ("post", "article", "video", "talk", "podcast", "newsletter", "thread")
CHANNELS = ("LinkedIn", "blog", "YouTube", "Mastodon", "PyCon", "company blog", "Substack")
VERBS = ("Shipped", "Led", "Cut", "Automated", "Documented", "Demoed", "Mentored", "Migrated")
THINGS = ("search", "billing", "CI pipeline", "onboarding", "alerting", "deploys", "the API",
          "caching", "the data model", "flaky tests", "the release process")
EXTRAS = ("created", "modified", "rating", "source", "cssclasses", "publish", "uid", "priority",
          "color", "draft", "lang", "reviewed", "mood", "energy", "weather", "summary")
HEAD = {"person": "Context", "event": "Plan", "brag": "What", "challenge": "What happened",
        "interview": "Rounds", "share": "Outline", "community": "Why", "daily": "Log",
        "note": "Summary"}  # heading of each kind's first section: always written, so [[X#H]] resolves
FILLER = ("we", "team", "design", "latency", "cache", "review", "ship", "plan", "idea", "retro",
          "blocker", "win", "metric", "roadmap", "demo", "docs", "incident", "budget", "users",
          "follow", "up", "on", "the", "a", "with", "about", "for", "next", "week", "talked")
PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._-]*\Z")
RESERVED = frozenset(("yes", "no", "true", "false", "null", "on", "off", "y", "n"))
MEETS = ("coffee with", "call with", "lunch with", "intro to", "pairing with", "met")
LINK_KINDS = ("person",) * 6 + ("event", "event", "note", "brag", "community", "share",
                                "challenge", "interview", "daily")


@dataclass(slots=True)
class Note:
    """One planned note: where it goes and how other notes refer to it."""

    kind: str
    folder: str
    title: str
    date: dt.date
    aliases: list[str] = field(default_factory=list)


def ys(v: Any) -> str:
    """Render a YAML scalar: plain when safe, else double-quoted."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, dt.date)):
        return str(v)
    s = str(v)
    if PLAIN.match(s) and s.lower() not in RESERVED and not s.endswith(" "):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
