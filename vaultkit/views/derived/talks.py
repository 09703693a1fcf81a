"""Talks as the views see them: each speaker's talks across the vault, so a prep note can open
with the thing that stood out when you last heard them (derived data, shared by views).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from markupsafe import Markup

from vaultkit.reader.records import Event
from vaultkit.reader.talks import Talk
from vaultkit.reader.vault import sort_key
from vaultkit.views.common import Facts


def by_speaker(facts: Facts) -> dict[str, list[tuple[Event, Talk]]]:
    """Every talk of a speaker with a note, by the speaker's note path, oldest event first.

    Made when asked, not kept: speakers resolve by name, so any note that comes, goes or is
    renamed can move them, and only prep notes ask (a vault holds far fewer talks than notes)."""
    found: dict[str, list[tuple[Event, Talk]]] = defaultdict(list)
    events = sorted((e for e in facts.vault.events if e.talks),
                    key=lambda e: (e.date or dt.date.min, sort_key(e.note.title), e.note.path))
    for event in events:
        for talk in event.talks:
            for speaker in talk.speakers:
                path = facts.vault.index.resolve(speaker.target, event.note.path).path
                if path is not None and path in facts.vault.notes:
                    found[path].append((event, talk))
    return dict(found)


def speaker_path(facts: Facts, event: Event, talk: Talk, index: int) -> str | None:
    """The note of the `index`-th speaker of a talk, if it names one."""
    path = facts.vault.index.resolve(talk.speakers[index].target, event.note.path).path
    return path if path is not None and path in facts.vault.notes else None


def opener(facts: Facts, event: Event, talk: Talk, path: str | None,
           known: dict[str, list[tuple[Event, Talk]]]) -> tuple[str, Markup | str]:
    """The line to open with when approaching a speaker: what stood out in this talk, else in
    their latest other talk noted in the vault (with a link to that event); ("", "") if none.
    `known`: `by_speaker`."""
    if talk.note:
        return talk.note, ""
    if path is None:
        return "", ""
    noted = [(e, t) for e, t in known.get(path, []) if t.note and e.note.path != event.note.path]
    if not noted:
        return "", ""
    other, earlier = noted[-1]
    return earlier.note, facts.link(other.note.path)


def talk_rows(facts: Facts, event: Event, earlier: bool = True) -> list[dict[str, Any]]:
    """One row per speaker of each talk, in the order written: speaker (a link when they have a
    note, else the name as written), their note's path, the talk's title and its opener (with
    `earlier=False`, only what this talk's own note says: a debrief's talk notes)."""
    rows = []
    known = by_speaker(facts) if earlier and any(not t.note for t in event.talks) else {}
    for talk in event.talks:
        speakers = talk.speakers or ()
        for index, speaker in enumerate(speakers):
            path = speaker_path(facts, event, talk, index)
            line, source = opener(facts, event, talk, path, known)
            rows.append({"speaker": facts.link(path) if path else speaker.target, "path": path,
                         "title": talk.title, "opener": line, "opener_from": source,
                         "others": [facts.ref(s, event.note.path) for s in speakers if s is not speaker]})
        if not speakers:
            rows.append({"speaker": "", "path": None, "title": talk.title, "opener": talk.note, "opener_from": "",
                         "others": []})
    return rows
