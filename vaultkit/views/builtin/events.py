"""Events.md: plans for upcoming events, past events against the new-people goal, and talks.

Sections and rows are kept per event by `vaultkit.views.derived.events`, which says who
counts as new at an event and what the goal is; this view puts them together.
"""

from __future__ import annotations

from typing import Any

from vaultkit.views.common import Facts
from vaultkit.views.derived.events import events_view


def events_context(facts: Facts) -> dict[str, Any]:
    """The context of Events.md."""
    return events_view(facts).context()
