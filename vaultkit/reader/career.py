"""Career semantics over a vault: brag and challenge entries, interactions, follow-ups."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from vaultkit.reader.config import parse_cadence
from vaultkit.reader.facts import entry_tag
from vaultkit.reader.links import Resolution
from vaultkit.reader.linksyntax import parse_link
from vaultkit.reader.model import Entry, Interaction, Link, Note
from vaultkit.reader.records import Interview, Person
from vaultkit.reader.vault import Vault, sort_key

_new = tuple.__new__  # an Interaction from its five fields, without NamedTuple's keyword handling

_LIST_FIELDS = ("impacted", "related", "metrics")


def _inline_value(key: str, value: str, line: int) -> object:
    """Inline field text → the value a frontmatter field of that name would have."""
    if key in ("impacted", "related"):
        links: list[Link] = []
        for part in (p.strip() for p in value.split(",")):
            if part.startswith("[[") and part.endswith("]]"):
                link = parse_link(part[2:-2], line, field=key)
            else:
                link = Link(target=part, line=line, field=key, bare=True) if part else None
            if link is not None:
                links.append(link)
        return tuple(links)
    if key == "metrics":
        return tuple(p.strip() for p in value.split(";") if p.strip())
    return value


def _parse_iso(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _note_date(note: Note) -> dt.date | None:
    """The note's `date:`: typed for the kinds that have one, else as written in frontmatter."""
    if note.date is not None:
        return note.date
    value = note.extra.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _parse_iso(value.strip()[:10]) if isinstance(value, str) else None


def entry_key(entry: Entry) -> tuple[dt.date, tuple[str, str], int]:
    """The order of entries: by date (undated last), then path and line."""
    return (entry.date or dt.date.max, sort_key(entry.path), entry.line)


def note_entries(vault: Vault, note: Note, kind: str) -> list[Entry]:
    """The brag or challenge entries one note contributes: itself, and its tagged list items."""
    found: list[Entry] = []
    if note.kind == kind:
        found.append(Entry(kind, note.path, 1, note.title, note.date,
                           tuple(sorted((k, v) for k, v in note.fields.items() if k != "date")),
                           unreadable=note.fields_unreadable))
    undated: list[dt.date | None] = []  # the date of the note's undated entries: worked out once, if any
    for item in note.items:
        theme = entry_tag(item.tags, kind) if item.tags else None
        if theme is None:
            continue
        date = item.date
        if date is None:
            if not undated:
                # (`daily_date` without the round trip through its ISO text)
                undated.append(vault.config.daily.date_of(note.path) or _note_date(note))
            date = undated[0]
        values = {k: _inline_value(k, v, item.line) for k, v in item.fields}
        said = values.get("theme")
        if theme and not (isinstance(said, str) and said.strip()):
            values["theme"] = theme  # `#brag/visibility`; a `theme::` field says it too, and wins
        fields = tuple(sorted(values.items()))
        found.append(Entry(kind, note.path, item.line, note.title, date, fields, item.text, inline=True))
    return found


def entries(vault: Vault, kind: str) -> list[Entry]:
    """Brag or challenge entries: notes of that kind and `#brag`/`#challenge` list items.

    Sorted by date (undated last), then path and line.
    """
    found: list[Entry] = []
    for note in vault.notes.values():
        found.extend(note_entries(vault, note, kind))
    found.sort(key=entry_key)
    return found


def _under_interactions(note: Note, line: int) -> bool:
    """Is `line` inside a section headed "Interactions…", at any depth (`### 2025` under it too)?"""
    level = 7
    for heading in reversed(note.headings):
        if heading.line > line or heading.level >= level:
            continue
        if heading.text.casefold().startswith("interaction"):
            return True
        level = heading.level
    return False


def interaction_key(i: Interaction) -> tuple[dt.date, tuple[str, str], int, str]:
    """The order of one person's interactions: oldest first, then where they were written."""
    return (i.date, sort_key(i.path), i.line, i.source)


# One contact record of a note and the people it is with, in the order found: (line, source,
# record, people). A person may be in it twice (an item that links them twice: two contacts).
Recorded = tuple[int, str, Interaction, list[str]]


def note_interactions(vault: Vault, note: Note, people: Collection[str],
                      known: dict[str, dict[str, str]] | None = None) -> list[Recorded]:
    """The contacts one note records, with any person (`people`: the person note paths): each
    record with the people it is with (`spread` files them by person).

    Every record has `path == note.path`, so a changed note's contribution can be replaced
    without looking at any other note. `known`, shared by the calls of one pass over the vault
    (`interactions`), keeps what each link target resolves to, by the linking note's folder (a
    link resolves by its target and that folder alone): a person's path, or "".
    """
    found: list[Recorded] = []
    path = note.path
    kind = note.kind
    is_person = path in people
    items, body_links = note.items, note.links
    if not items and not body_links and not is_person and kind != "event" and kind != "interview":
        return found  # nothing that records a contact (~40% of a vault's notes: brags, shares…)
    resolve = vault.index.resolve
    # Targets seen from this note's folder: the person each names ("": nobody), worked out once.
    person_of = ({} if known is None else known.setdefault(path.rpartition("/")[0], {}))
    seen = person_of.get
    # `daily_date` without the round trip through text; only a note with items or links has any use for it.
    daily = vault.config.daily.date_of(path) if items or body_links else None
    # A person's dated item is a contact under an "Interactions…" heading: none in the note, none asked.
    own = is_person and any(h.text.casefold().startswith("interaction") for h in note.headings)
    item_lines = set()
    # Outside a daily note, an undated item records nothing: those skipped without a step of
    # Python each (most items of a long-items vault: ~40k of its ~100k at 10k notes).
    for item in items if daily is not None else filter(_dated, items):
        line, text, item_date, _, links = item[:5]  # one unpacking, not five NamedTuple look-ups
        date = item_date or daily
        if date is None:
            continue  # no date: its links record no contact, so they are not even resolved
        made = None
        if item_date and own and _under_interactions(note, line):
            made = (line, "item", _new(Interaction, (item_date, path, line, text, "item")), [path])
            found.append(made)
        if links:
            # An item's links, the bulk of a vault's (a long item names several people): one
            # record for all of them, the one above too (the same date, line, text and source).
            how = "item" if item_date else "daily"
            for name in links:  # (their targets)
                target = seen(name)
                if target is None:
                    target = _person(name, person_of, resolve, path, people)
                if target and target != path:
                    if made is None:
                        made = (line, how, _new(Interaction, (date, path, line, text, how)), [])
                        found.append(made)
                    made[3].append(target)
            item_lines.add(line)
    if daily is not None:
        # A daily note's every link (`link.field is None`, `link.line` read inline) not in an item
        # already counted: resolved through `person_of` as an item's are (a long-items vault's
        # daily notes hold ~50 links each, most of them naming a few people again and again).
        title = note.title
        made = None
        # (Most of them are its items' links, counted already: those left out first, at once.)
        for link in [link for link in body_links if link[1] not in item_lines] if item_lines else body_links:
            if len(link) < 7 or link[6] is None:
                name = link[0]
                target = seen(name)
                if target is None:
                    target = _person(name, person_of, resolve, path, people)
                if target and target != path:
                    line = link[1]
                    if made is None or made[0] != line:
                        made = (line, "daily", _new(Interaction, (daily, path, line, title, "daily")), [])
                        found.append(made)
                    made[3].append(target)
    if kind == "event" or kind == "interview":
        date = note.fields.get("date")
        if isinstance(date, dt.date):
            field, how = ("met", "event") if kind == "event" else ("people", "interview")
            _field_records(found, note.fields.get(field, ()), resolve, path, people, date, note.title, how)
    last_contact = note.fields.get("last_contact") if is_person else None
    if isinstance(last_contact, dt.date):
        found.append((1, "last_contact", Interaction(last_contact, path, 1, "last_contact", "last_contact"), [path]))
    return found


def _person(name: str, person_of: dict[str, str], resolve: Callable[[str, str], Resolution], path: str,
            people: Collection[str]) -> str:
    """The person note a link target written in the note at `path` names, or "" (remembered in
    `person_of`, by target, for the notes of that folder). An empty target (`[[#heading]]`) is
    the note itself: never a contact, and not remembered (it is no name seen from the folder)."""
    found = person_of.get(name)
    if found is None:
        if not name:
            return ""
        found = resolve(name, path).path
        found = person_of[name] = found if found is not None and found in people else ""
    return found


def _field_records(found: list[Recorded], links: tuple[Link, ...], resolve: Callable[[str, str], Resolution], path: str,
                   people: Collection[str], date: dt.date, text: str, how: str) -> None:
    """The contacts an event's `met` or an interview's `people` record (the note at `path`), added to `found`."""
    made: Recorded | None = None
    for link in links:
        target = resolve(link.target, path).path
        if target is not None and target in people and target != path:
            if made is None or made[0] != link.line:  # the links of one line: one record
                made = (link.line, how, _new(Interaction, (date, path, link.line, text, how)), [])
                found.append(made)
            made[3].append(target)


def spread(found: list[Recorded]) -> dict[str, list[Interaction]]:
    """What `note_interactions` found, by person: each person's records in the order found."""
    mine: dict[str, list[Interaction]] = {}
    for _, _, record, whom in found:
        for person in whom:
            mine.setdefault(person, []).append(record)
    return mine


def interactions(vault: Vault) -> dict[str, list[Interaction]]:
    """Every contact with each person (by person note path), oldest first."""
    people = {n.path for n in vault.of_kind("person")}
    found: dict[str, list[Interaction]] = defaultdict(list)
    known: dict[str, dict[str, str]] = {}
    # `interaction_key`'s order without a key of four per contact (a long-items vault has ~50 a
    # note): the notes in path order (`Vault.notes` is kept in `sort_key` order of its paths), each
    # note's records by line and source, then each person's by date alone; stable sorts, so the
    # ties keep that order, and those of the full key the order they were found in, as before.
    for note in vault.notes.values():
        made = note_interactions(vault, note, people, known)
        if len(made) > 1:
            made.sort(key=_line_source)
        for _, _, record, whom in made:
            for person in whom:
                found[person].append(record)
    for items in found.values():
        items.sort(key=contact_date)
    return dict(found)


_line_source = itemgetter(0, 1)  # a `Recorded`'s line and source
_dated = itemgetter(2)  # a list item's date


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A person due for follow-up: how long since the last contact and what it was."""

    person: Person
    last: Interaction | None
    days_since: int | None
    cadence_days: int
    never_contacted: bool


def follow_up(person: Person, contacts: list[Interaction], today: dt.date, default_cadence: int) -> FollowUp | None:
    """Is `person` due for follow-up on `today`? `contacts`: their interactions, oldest first;
    `default_cadence`: the days used when the person has no `cadence:` of their own.

    Due: today − last contact > cadence. A person with no contact at all counts from
    `met_on`; with neither, they are listed as never contacted.
    """
    cadence = parse_cadence(person.cadence or "") or default_cadence
    last = None
    for interaction in reversed(contacts):
        if interaction.date <= today:
            last = interaction
            break
    since_date = last.date if last else person.met_on
    if since_date is None:
        return FollowUp(person, None, None, cadence, True)
    days = (today - since_date).days
    return FollowUp(person, last, days, cadence, last is None) if days > cadence else None


def followup_key(f: FollowUp, rank: int = 0) -> tuple[int, bool, int, tuple[str, str], tuple[str, str]]:
    """By priority first (`rank`, `vaultkit.reader.network.Network.rank`), then most overdue:
    by days past the person's own cadence, not by days since contact; within a priority, those
    with no date to count from (no contact, no `met_on`) last. Priority comes first even then:
    a loose contact never outranks a person with a higher priority, or with none."""
    return (rank, f.days_since is None, -((f.days_since or 0) - f.cadence_days), sort_key(f.person.note.title),
            sort_key(f.person.note.path))


def default_cadence(vault: Vault) -> int:
    """The vault's default follow-up cadence in days."""
    return parse_cadence(vault.config.default_cadence) or 90


def followups(vault: Vault, today: dt.date, contacts: dict[str, list[Interaction]] | None = None) -> list[FollowUp]:
    """People due for follow-up on `today`: by priority, then most overdue (see `follow_up`);
    each person's cadence is their own, else their priority's, else the vault's default. A loose
    connection you have not contacted is never due (`Network.not_contacted_loose`)."""
    from vaultkit.reader.network import network

    contacts = interactions(vault) if contacts is None else contacts
    net = network(vault)
    due = [(f, net.rank(p)) for p in vault.people
           if not net.not_contacted_loose(p, contacts.get(p.note.path, ()), today)
           and (f := follow_up(p, contacts.get(p.note.path, []), today, net.cadence_days(p)))]
    due.sort(key=lambda pair: followup_key(*pair))
    return [f for f, _ in due]


def interview_people(vault: Vault, interview: Interview) -> list[str]:
    """The notes an interview's `people` link to, in the order written (each once)."""
    found: dict[str, None] = {}  # (a list's `in`: quadratic in the people one interview lists)
    for link in interview.people:
        path = vault.index.resolve(link.target, interview.note.path).path
        if path is not None and path in vault.notes:
            found[path] = None
    return list(found)


def interview_followed_up(vault: Vault, contacts: Mapping[str, Sequence[Interaction]], interview: Interview,
                          today: dt.date) -> Interaction | None:
    """The first contact logged with someone of the interview from its `follow_up` date to
    `today`, if any: the follow-up, done. `contacts`: each person's interactions, in `interaction_key`
    order (`interactions`)."""
    due = interview.follow_up
    if due is None or due > today:
        return None
    # Each person's interactions are in `interaction_key` order: their first one from `due` on is
    # their earliest (a bisect, not a pass over every contact; people with long histories).
    found: list[Interaction] = []
    for path in interview_people(vault, interview):
        theirs = contacts.get(path, ())
        at = bisect_left(theirs, due, key=contact_date)
        if at < len(theirs) and theirs[at].date <= today:
            found.append(theirs[at])
    return min(found, key=lambda i: (i.date, sort_key(i.path), i.line), default=None)


contact_date: Callable[[Interaction], dt.date] = itemgetter(0)  # an Interaction's date (a sort or bisect key)


def interview_overdue(vault: Vault, contacts: Mapping[str, Sequence[Interaction]], interview: Interview,
                      today: dt.date) -> bool:
    """Its follow-up date has passed and nobody in its process has been contacted since,
    whatever its stage (a follow-up on a closed process is the user's own reminder: ask for
    feedback, keep a door open). The one rule of Interviews.md, the Dashboard and `vaultkit
    calendar`."""
    return interview.follow_up is not None and interview.follow_up < today \
        and interview_followed_up(vault, contacts, interview, today) is None
