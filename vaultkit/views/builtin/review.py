"""Reviews/<period>.md: a performance review prepared like a job interview (SPEC §4, Review).

Everything is counted from `start` to `end`, both days included:

- **wins** and **challenges** are brag and challenge entries (notes and `#brag`/`#challenge`
  items) dated in the period. A win **has numbers** when it lists `metrics`, or when its
  `impact` holds a figure that is not a year (1990–2099) or a date: "duplicate refunds 14 a
  week → 0" does, "after two stalled attempts in 2025" does not;
- **shares** are share notes dated in the period; **new people** are people whose `met_on` is;
- **events attended** start in the period on or before `today` (later ones are listed as still
  to come); **where you spoke**: those with `speaker: true`; who is **new** at an event follows
  Events.md (`views.events.is_new`);
- a **community is active** when you joined it in the period, attended one of its events in the
  period, or shared on a channel named after it;
- **market tests** are interviews whose `date` is in the period;
- **quiet months** are the months of the period that have begun by `today` and hold no win,
  challenge or share.

Each win gets a talking point, "I <what>, which <impact> for <who>, measured as <metrics>.",
where <what> is the note title without a leading date (or the item text without tags and inline
fields) and a clause whose field is empty is left out. Lists run oldest first (date, then path
and line); names sort with `vault.sort_key`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Entry
from vaultkit.reader.records import Community, Event, Share
from vaultkit.reader.vault import sort_key
from vaultkit.views.charts import count_by_month, stacked_bars
from vaultkit.views.common import Facts, iso, month
from vaultkit.views.derived.brag import entry_text, has_numbers
from vaultkit.views.derived.events import met_people, network
from vaultkit.views.derived.sharing import NO_CHANNEL, titled_link
from vaultkit.views.derived.story import talking_point

OTHER = "Other"
VISIBLE_THEMES = frozenset({"demo", "facilitation", "documentation", "visibility"})
VISIBLE_LEVELS = frozenset({"org", "company"})
SEEN_BY = {"team": "seen by the team", "org": "seen org-wide", "company": "seen company-wide",
           "external": "seen outside the company"}
CHART_MONTHS = 24  # longer periods get no chart: too many bars to read


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _within(date: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return date is not None and start <= date <= end


def missing(entry: Entry) -> list[str]:
    """What a win lacks for the review: "impact", "numbers", or both."""
    gaps = [] if _text(entry.get("impact")) else ["impact"]
    return gaps if has_numbers(entry) else [*gaps, "numbers"]


def evidence(facts: Facts, entry: Entry) -> list[Markup | str]:
    """An entry's evidence, for `join_md("")`: a link to its note, or its text and the note it is in."""
    link = facts.link(entry.path)
    return [entry_text(entry), Markup(" (in "), link, Markup(")")] if entry.inline else [link]


def spoken_list(items: list[Markup | str]) -> list[Markup | str]:
    """Items with ", " between them and " and " before the last, for `join_md("")`."""
    out: list[Markup | str] = []
    for i, item in enumerate(items):
        if i:
            out.append(Markup(" and " if i == len(items) - 1 else ", "))
        out.append(item)
    return out


def win_row(facts: Facts, entry: Entry) -> dict[str, Any]:
    """One win: evidence, date, impact, numbers, who, visibility, and the parts of its talking point."""
    impact = _text(entry.get("impact"))
    impacted = facts.refs(entry.get("impacted") or (), entry.path)
    return {
        "date": iso(entry.date),
        "evidence": evidence(facts, entry),
        "inline": entry.inline,
        "impact": impact,
        "metrics": [str(m) for m in entry.get("metrics") or ()],
        "impacted": impacted,
        "for_whom": spoken_list(impacted),
        "visibility": _text(entry.get("visibility")),
        "seen_by": SEEN_BY.get(_text(entry.get("visibility")), ""),
        "theme": _text(entry.get("theme")),
        "story": talking_point(facts, entry),
        "missing": missing(entry),
        "figures": has_numbers(entry),
    }


def _by_theme(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wins grouped by theme: most wins first, then by name; "Other" (no theme) last."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["theme"].casefold() or OTHER.casefold()].append(row)
    shown = {key: min((r["theme"] for r in group), key=sort_key) or OTHER for key, group in groups.items()}
    order = sorted((k for k in groups if k != OTHER.casefold()), key=lambda k: (-len(groups[k]), sort_key(shown[k])))
    if OTHER.casefold() in groups:
        order.append(OTHER.casefold())
    return [{"theme": shown[k][:1].upper() + shown[k][1:], "wins": groups[k]} for k in order]


def _challenge_row(facts: Facts, entry: Entry) -> dict[str, Any]:
    return {"date": iso(entry.date), "evidence": evidence(facts, entry), "status": _text(entry.get("status")) or "open",
            "learned": _text(entry.get("learned"))}


def _event_order(event: Event) -> tuple[Any, ...]:
    return (event.date, sort_key(event.note.title), event.note.path)


def _events(facts: Facts, events: list[Event]) -> list[dict[str, Any]]:
    net = network(facts)
    rows = []
    for event in sorted(events, key=_event_order):
        met = met_people(facts, event, net)
        rows.append({"date": iso(event.date), "link": facts.link(event.note.path), "kind": event.kind or "",
                     "met": len(met), "new": sum(1 for m in met if m["new"]), "spoke": event.speaker})
    return rows


def _channels(shares: list[Share]) -> list[dict[str, Any]]:
    """Shares per channel (spellings merged casefolded): most first, then by name; with their kinds."""
    groups: dict[str, list[Share]] = defaultdict(list)
    for share in shares:
        groups[(_text(share.channel) or NO_CHANNEL).casefold()].append(share)
    rows = []
    for group in groups.values():
        name = min((_text(s.channel) or NO_CHANNEL for s in group), key=sort_key)
        kinds = sorted({s.kind for s in group if s.kind}, key=sort_key)
        rows.append({"channel": name, "count": len(group), "kinds": kinds})
    return sorted(rows, key=lambda r: (-r["count"], sort_key(r["channel"])))


def _communities(facts: Facts, start: dt.date, end: dt.date, attended: list[Event],
                 shares: list[Share]) -> list[dict[str, Any]]:
    """Communities active in the period, by name, with the role you hold and what you did there."""
    rows = []
    for community in sorted(facts.vault.communities, key=lambda c: (sort_key(c.note.title), c.note.path)):
        path = community.note.path
        names = {community.note.title.casefold(), community.note.stem.casefold()}
        events = [e for e in attended if e.community is not None
                  and facts.vault.index.resolve(e.community.target, e.note.path).path == path]
        shared = [s for s in shares if _text(s.channel).casefold() in names]
        joined = _within(community.joined, start, end)
        if not (joined or events or shared):
            continue
        rows.append(_community_row(facts, community, joined, len(events), len(shared)))
    return rows


def _community_row(facts: Facts, community: Community, joined: bool, events: int, shares: int) -> dict[str, Any]:
    did = [f"joined {iso(community.joined)}"] if joined else []
    did += [f"{events} event{'s' * (events != 1)}"] if events else []
    did += [f"{shares} share{'s' * (shares != 1)}"] if shares else []
    return {"link": facts.link(community.note.path), "role": community.role or "", "focus": community.focus or "",
            "did": did}


def _criteria(facts: Facts, wins: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`[criteria]` of vaultkit.toml: each promotion criterion, in the user's order, with the wins
    whose theme is one of its themes (casefolded); a criterion without any is shown as such."""
    rows = []
    for name, themes in facts.vault.config.criteria:
        wanted = {t.casefold() for t in themes}
        rows.append({"name": name, "themes": list(themes),
                     "wins": [w for w in wins if w["theme"].casefold() in wanted]})
    return rows


def months_between(start: dt.date, end: dt.date) -> list[str]:
    """Every YYYY-MM from start's month to end's month."""
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(first, last + 1)]


def _quiet(start: dt.date, end: dt.date, today: dt.date, dates: Iterable[dt.date]) -> list[str]:
    busy = {month(d) for d in dates}
    return [m for m in months_between(start, end) if m <= month(today) and m not in busy]


def _chart(start: dt.date, end: dt.date, kinds: list[tuple[str, list[dt.date | None]]]) -> Any:
    """Wins, challenges and shares stacked per month (per quarter past a year) over the period."""
    months = len(months_between(start, end))
    if not any(d for _, dates in kinds for d in dates) or months > CHART_MONTHS:
        return ""
    return stacked_bars("Entries", "Entries", [(name, count_by_month(dates)) for name, dates in kinds],
                        end, months)


def review_context(facts: Facts, start: dt.date, end: dt.date, label: str) -> dict[str, Any]:
    """Everything the review note shows for the period `start`..`end` (inclusive), named `label`."""
    vault, today = facts.vault, facts.today
    brags = [e for e in facts.brags if _within(e.date, start, end)]
    challenges = [e for e in facts.challenges if _within(e.date, start, end)]
    shares = sorted((s for s in vault.shares if _within(s.date, start, end)),
                    key=lambda s: (s.date, sort_key(s.note.path)))
    people = sorted((p for p in vault.people if _within(p.met_on, start, end)),
                    key=lambda p: (p.met_on, sort_key(p.note.title), p.note.path))
    dated = [e for e in vault.events if _within(e.date, start, end)]
    attended = [e for e in dated if e.date is not None and e.date <= today]
    interviews = sorted((i for i in vault.interviews if _within(i.date, start, end)),
                        key=lambda i: (i.date, sort_key(i.company or i.note.title), i.note.path))
    wins = [win_row(facts, e) for e in brags]
    challenge_rows = [_challenge_row(facts, e) for e in challenges]
    events = _events(facts, attended)
    communities = _communities(facts, start, end, attended, shares)
    # Seen outside the company (a talk at a meetup, a win marked external) is "Outside work".
    visible = [{**w, "talk": False} for w in wins if w["visibility"] != "external"
               and (w["theme"].casefold() in VISIBLE_THEMES or w["visibility"] in VISIBLE_LEVELS)]
    visible += [{**e, "talk": True} for e in events if e["spoke"] and e["kind"] == "demo"]
    visible.sort(key=lambda row: row["date"])  # stable: wins (by path, line) before talks on a day
    outside = [{**w, "talk": False} for w in wins if w["visibility"] == "external"]
    outside += [{**e, "talk": True} for e in events if e["spoke"] and e["kind"] != "demo"]
    outside.sort(key=lambda row: row["date"])
    entry_dates = [d for d in (*(e.date for e in brags), *(e.date for e in challenges),
                               *(s.date for s in shares)) if d is not None]
    headline = [
        ("Wins", len(wins)),
        ("Wins with numbers", sum(1 for w in wins if "numbers" not in w["missing"])),
        ("Challenges", len(challenges)),
        ("Shares outside work", len(shares)),
        ("New people met", len(people)),
        ("Events attended", len(events)),
        ("Events where you spoke", sum(1 for e in events if e["spoke"])),
        ("Communities active", len(communities)),
        ("Market tests (interviews)", len(interviews)),
    ]
    return {
        "label": label, "since": iso(start), "until": iso(end), "today": iso(today),
        "ongoing": end >= today,
        "empty": not any(count for _, count in headline) and not dated,
        "headline": [{"what": name, "count": count} for name, count in headline],
        "chart": _chart(start, end, [("wins", [e.date for e in brags]), ("challenges", [e.date for e in challenges]),
                                     ("shares", [s.date for s in shares])]),
        "themes": _by_theme(wins),
        "challenges": challenge_rows,
        "visible": visible,
        "outside": outside,
        "criteria": _criteria(facts, wins),
        "shares": [{"date": iso(s.date), "link": titled_link(facts, s.note), "kind": s.kind or "",
                    "channel": _text(s.channel), "metrics": list(s.metrics)} for s in shares],
        "channels": _channels(shares),
        "people": [{"met_on": iso(p.met_on), "link": facts.link(p.note.path), "company": p.company or "",
                    "role": p.role or "", "met_at": facts.ref(p.met_at, p.note.path) if p.met_at else ""}
                   for p in people],
        "events": events,
        "coming": _events(facts, [e for e in dated if e not in attended]),
        "communities": communities,
        "interviews": [{"date": iso(i.date), "link": facts.link(i.note.path), "company": i.company or "",
                        "role": i.role or "", "stage": i.stage or "", "gaps": [g for g in i.gaps if g.strip()],
                        "door_open": "" if i.door_open is None else i.door_open} for i in interviews],
        "fix_wins": [w for w in wins if w["missing"]],
        "open_challenges": [c for c in challenge_rows if c["status"] != "overcome"],
        "unlearned": [c for c in challenge_rows if not c["learned"]],
        "quiet": _quiet(start, end, today, entry_dates),
        "entries": len(entry_dates),
    }
