"""Communities.md: each community you invest in, with its people and its events.

A person is **in** a community when their `communities` field links its note; an event is
**in** it when its `community` field does. Links to communities that have no note are
listed at the end, so they can be created (or fixed). The note's parts are kept per community
(`vaultkit.views.derived.communities`).

Nothing here depends on `today`, so the note does not change from day to day: events are listed
by date, latest first (which are still ahead is for Events.md and the Dashboard to say).
"""

from __future__ import annotations

from typing import Any

from vaultkit.views.common import Facts
from vaultkit.views.derived.communities import communities_view


def communities_context(facts: Facts) -> dict[str, Any]:
    """How many communities; their table rows and sections, by name (focus, role, joined, people,
    events, first and latest event date); the linked names that have no note."""
    return communities_view(facts).context()
