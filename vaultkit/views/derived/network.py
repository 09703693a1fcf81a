"""What Follow-ups shows of a person beyond the dates: the last contact as a sentence a person
reads ("intro via [[Omar Haddad]]", "met at [[KubeCon EU 2026]]", no `impact::` or `#brag`), and
what helps the conversation (what I could ask them for, how I can help them)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from vaultkit.reader.model import Interaction
from vaultkit.reader.network import clean
from vaultkit.reader.records import Person
from vaultkit.views.common import Facts, without_date
from vaultkit.views.render import md_escape

_WIKILINK = re.compile(r"!?\[\[([^\[\]\n`|#]*)(#[^\[\]\n`|]*)?(?:\|([^\[\]\n`]*))?\]\]")
_INTRO = re.compile(r"\bintro(?:duc\w*)?\b", re.I)
_LEAD = re.compile(r"^[\s,;:—–-]+")


def _name_them(facts: Facts, person: Person, text: str, source: str) -> tuple[str, int]:
    """`text` with the links to `person` written as plain names (their own row needs no link to
    them), and where the first of those ended (-1: none)."""
    resolve, path = facts.vault.index.resolve, person.note.path
    end = -1
    out: list[str] = []
    last = 0
    for m in _WIKILINK.finditer(text):
        if resolve(m.group(1).strip(), source).path != path:
            continue
        out += [text[last:m.start()], m.group(3) or m.group(1).strip()]
        last = m.end()
        if end < 0:
            end = len("".join(out))
    return "".join(out) + text[last:], end


def last_time(facts: Facts, person: Person, last: Interaction | None) -> dict[str, Any]:
    """The "Last time" of a person's row: `last_text` (clean, as typed), `last_source` (a link to
    the note it is written in, where that is not the person's own) and `last_how`, which says
    how to read the two: own, item (in a daily or other note), via (in another person's note),
    intro (another person's note introduces them), event, interview, daily (a link in a
    daily note), last_contact (the field)."""
    if last is None:
        return {"last_text": "", "last_source": "", "last_how": ""}
    own = last.path == person.note.path
    source: Markup | str = "" if own else facts.link(last.path)
    if last.source == "last_contact":
        return {"last_text": "", "last_source": "", "last_how": "last_contact"}
    note = facts.vault.notes.get(last.path)
    # A daily note's link outside any list item records the contact with the note's title as text.
    said = facts.text(last)
    if last.source in ("event", "interview") or (last.source == "daily" and note is not None
                                                  and said == note.title):
        return {"last_text": "", "last_source": source, "last_how": last.source}
    text = clean(without_date(said))
    how = "own" if own else "item"
    if not own and note is not None and note.kind == "person":
        text, end = _name_them(facts, person, text, last.path)
        introduced = person.introduced_by is not None and facts.vault.index.resolve(
            person.introduced_by.target, person.note.path).path == last.path
        if introduced or _INTRO.match(text):
            # "introduced me to Daniel Park, who runs platform at Quill" → "intro via [[Omar]]: who runs …"
            text, how = (_LEAD.sub("", text[end:]) if end >= 0 else ""), "intro"
        else:
            how = "via"
    return {"last_text": text, "last_source": source, "last_how": how}


def conversation(person: Person) -> dict[str, Any]:
    """What helps the conversation: `asks` (what I could ask them for), `offers` (how I can help)."""
    return {"asks": list(person.asks), "offers": list(person.offers)}


def looking_for_line(items: tuple[str, ...]) -> Markup:
    """What you are looking for, as one line of text."""
    return Markup("; ".join(md_escape(i) for i in items))
