"""Brag.md: wins by quarter with their evidence, impact and numbers; what needs work; challenges.

Rows are kept per entry by `vaultkit.views.derived.brag`, which says when a win has numbers
(review notes ask it too); this view puts them together.
"""

from __future__ import annotations

from typing import Any

from vaultkit.views.common import Facts
from vaultkit.views.derived.brag import brag_view


def brag_context(facts: Facts) -> dict[str, Any]:
    """The context of Brag.md."""
    return brag_view(facts).context()
