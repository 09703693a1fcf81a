"""People.md and Follow-ups.md: everyone by company, and who is due for follow-up.

The rows are kept per person by `vaultkit.views.derived.people` (the Dashboard, Events.md
and prep notes show people too); these views put them together.
"""

from __future__ import annotations

from typing import Any

from vaultkit.views.common import Facts
from vaultkit.views.derived.people import people_view


def people_context(facts: Facts) -> dict[str, Any]:
    """The context of People.md."""
    return people_view(facts).people_context()


def followups_context(facts: Facts) -> dict[str, Any]:
    """The context of Follow-ups.md."""
    return people_view(facts).followups_context()
