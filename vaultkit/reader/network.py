"""A network that matters (SPEC §2, person further fields; §5 `manager`, `looking_for`, `[cadence]`):
who ranks first among follow-ups, each person's default cadence, who has been told what you are
looking for, and an interaction's text as a person reads it. Pure: a vault in, answers out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from vaultkit.reader.config import Config, parse_cadence, priorities
from vaultkit.reader.inlinefields import BARE_FIELD as _BARE_FIELD
from vaultkit.reader.inlinefields import BRACKET_FIELD as _BRACKET_FIELD
from vaultkit.reader.itemtext import TOLD, Unread, told_text
from vaultkit.reader.model import Interaction
from vaultkit.reader.records import Person
from vaultkit.reader.vault import Vault

# A priority's cadence when `[cadence]` does not name it: the built-in names' own, else
# `default_cadence`. A vault's own list (`values = [...]`) takes `default_cadence` for each of
# its names unless `[cadence]` says otherwise.
BUILTIN_CADENCE = {"inner": "30d", "loose": "6m"}

# Tags that say what an item is, not what happened: left out where the item is read as text.
# `#` first, then what stands before it (at the start, or after a blank, `[`, `,` or `;`): the
# engine jumps from `#` to `#` rather than trying the look-behind at every character of the
# text (with re.I, `(?:^|(?<=…))#told` was 20× slower on a long item, and `told` runs for
# every interaction of every person while planning).
_MARKER_TAG = re.compile(r"#(?<![^\s\[,;]#)(?:brag|challenge|told|1-1)(?:/[\w/-]*)?(?![\w/-])", re.I)
_TRAILING = re.compile(r"[\s,;:—–-]+$")


@dataclass(frozen=True, slots=True)
class Network:
    """The vault's priorities, their cadences and its manager, read once from the config."""

    order: tuple[str, ...]  # the priority values, highest first
    cadences: dict[str, int]  # priority → its default cadence in days
    default_days: int  # `default_cadence`: a person with neither a cadence nor a priority
    manager: str | None  # the manager's note path, when `manager` names a person note
    looking_for: tuple[str, ...]

    def rank(self, person: Person) -> int:
        """Where `person` ranks among follow-ups, lowest first: by the position of their
        priority in the list; a person without one (or with a value outside it) just above the
        last (lowest) one; the manager first of all (a loose contact never outranks them)."""
        n = len(self.order)
        pos = self.order.index(person.priority) if person.priority in self.order else -1
        rank = 2 * pos if pos >= 0 else max(2 * n - 3, 0)
        return -1 if person.note.path == self.manager else rank

    def priority(self, person: Person) -> str:
        """The priority as shown: the value written when it is one of the list, else "";
        "manager" said of the manager."""
        own = person.priority if person.priority in self.order else ""
        if person.note.path == self.manager:
            return f"{own}, manager" if own else "manager"
        return own or ""

    @property
    def lowest(self) -> str | None:
        """The lowest priority (`loose` in the built-in list; the last of a vault's own), where the
        list has more than one: a single priority ranks nobody below anybody."""
        return self.order[-1] if len(self.order) > 1 else None

    def not_contacted_loose(self, person: Person, contacts: Iterable[Interaction], today: dt.date) -> bool:
        """Is `person` a loose connection you have not contacted: the lowest priority (what an
        import writes) and no contact logged up to `today` (a `last_contact` counts)? Such a
        person is not due for follow-up and is listed nowhere one by one, only counted: a
        network that matters, not a queue of strangers. The manager never is one.

        The one rule for Follow-ups.md, `vaultkit followups`, the Dashboard and `vaultkit
        calendar` (through `career.followups` and `PeopleView`)."""
        lowest = self.lowest
        if lowest is None or person.priority != lowest or person.note.path == self.manager:
            return False
        return not any(i.date <= today for i in contacts)

    def cadence_days(self, person: Person) -> int:
        """The person's own `cadence:`, else their priority's, else `default_cadence`."""
        own = parse_cadence(person.cadence or "")
        if own:
            return own
        return self.cadences.get(person.priority or "", self.default_days)


def network(vault: Vault) -> Network:
    """The `Network` of a vault: its config's priorities, cadences, manager and `looking_for`."""
    config = vault.config
    order = priorities(config.schema)
    default_days = parse_cadence(config.default_cadence) or 90
    cadences = {name: parse_cadence(BUILTIN_CADENCE.get(name, "")) or default_days for name in order}
    cadences.update((name, parse_cadence(text) or default_days) for name, text in config.cadence)
    return Network(order, cadences, default_days, manager_path(vault, config), looking_for(vault))


def manager_path(vault: Vault, config: Config) -> str | None:
    """The person note `manager` names (the config holds the link's target: a name, alias or
    path), else None."""
    if not config.manager:
        return None
    path = vault.index.resolve(config.manager).path
    note = vault.notes.get(path or "")
    return path if note is not None and note.kind == "person" else None


def looking_for(vault: Vault) -> tuple[str, ...]:
    """What you are looking for: `looking_for` in vaultkit.toml, then each goal note's own
    `looking_for` (a goal that is not `active` left out), in path order, duplicates once."""
    found = list(vault.config.looking_for)
    for note in vault.of_kind("goal"):
        value = note.fields.get("looking_for", note.extra.get("looking_for"))
        status = note.fields.get("status", note.extra.get("status"))
        if isinstance(status, str) and status.strip().casefold() not in ("", "active"):
            continue
        for item in [value] if isinstance(value, str) else (value if isinstance(value, (list, tuple)) else ()):
            if isinstance(item, str) and item.strip():
                found.append(" ".join(item.split()))
    return tuple(dict.fromkeys(found))


def told(interaction: Interaction) -> bool:
    """Does the interaction carry `#told` (I told them what I am looking for)? A text held apart:
    as its stand-in says (`vaultkit.reader.itemtext`)."""
    text = interaction.text
    return text.told if type(text) is Unread else told_text(text)


def told_by(contacts: Iterable[Interaction], today: dt.date) -> bool:
    """Does any of the contacts up to `today` carry `#told` (`told`)?"""
    return told_in([i for i in contacts if i.date <= today])


def told_in(contacts: Sequence[Interaction]) -> bool:
    """Does any of `contacts` carry `#told` (`told`)? One search over their texts joined by line
    breaks (a person may have hundreds): a line break reads as the start or end of a text does
    on either side of `#told`, and no `#told` can span one. A stand-in for a text held apart
    (`itemtext.Unread`) holds `#told` where the text does, and nothing else that could match."""
    return TOLD.search("\n".join(map(_TEXT, contacts))) is not None


_TEXT = itemgetter(3)  # an Interaction's text


def clean(text: str) -> str:
    """An item's text as a person reads it: no inline fields (`impact:: …`, `[k:: v]`, `(k:: v)`)
    and no tags that only mark what the item is (`#brag`, `#brag/demo`, `#challenge`, `#told`, `#1-1`)."""
    if "::" in text:
        text = _BRACKET_FIELD.sub(" ", text)
        bare = _BARE_FIELD.search(text)
        if bare is not None:
            text = text[:bare.start()]
    if "#" in text:
        text = _MARKER_TAG.sub(" ", text)
    return _TRAILING.sub("", " ".join(text.split()))
