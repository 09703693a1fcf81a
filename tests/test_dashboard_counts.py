"""The Dashboard's counts of wins and shares (found by bisecting the entries, kept in date order,
and by comparing dates) are what counting every entry and share one by one gives, on any day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_live import ATTACHMENTS, CONFIG, ROOT, SOURCES, _parse
from vaultkit.reader.vault import Vault
from vaultkit.views.builtin.dashboard import _wins
from vaultkit.views.common import Facts, month, quarter
from vaultkit.views.derived.sharing import shares_this_month

EXTRA = {  # wins on the edges of quarters and years, and undated ones (kept last)
    "Daily/2026-03-31.md": "- 2026-03-31 shipped #brag\n- 2026-04-01 shipped more #brag\n- no date #brag\n",
    "Daily/2025-12-31.md": "- 2025-12-31 closed the year #brag\n- 2026-01-01 opened it #brag\n",
    "Sharing/Edge.md": "---\ntype: share\ndate: 2026-04-30\n---\n",
}
VAULT = Vault([_parse(p, t) for p, t in {**SOURCES, **EXTRA}.items()], CONFIG, ATTACHMENTS, root=ROOT)


@given(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_wins_and_shares_are_counted_as_one_by_one(today: dt.date) -> None:
    facts = Facts(VAULT, today)
    dates = [e.date for e in facts.brags if e.date is not None]
    got = _wins(facts)
    assert got["wins_quarter"] == sum(1 for d in dates if quarter(d) == quarter(today))
    assert got["wins_year"] == sum(1 for d in dates if d.year == today.year)
    assert shares_this_month(facts) == sum(1 for s in VAULT.shares if s.date is not None and s.date <= today
                                           and month(s.date) == month(today))


def test_the_example_has_wins_and_shares_to_count() -> None:
    facts = Facts(VAULT, dt.date(2026, 4, 30))
    assert _wins(facts)["wins_quarter"] and _wins(facts)["wins_year"] and shares_this_month(facts)
