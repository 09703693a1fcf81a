"""The generated notes vaultkit ships, registered through the plugin API as a plugin's would be.

`register` is vaultkit's own plugin hook (docs/plugins.md): it names each view's module and
context function as `"module:function"`, so listing the views imports none of them. Each view
module reads the vault's facts and the derived data of `vaultkit.views.derived`, never another
view module (tests/test_view_imports.py walks the imports).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vaultkit.views.registry import ANY, CONTACTS, INTERVIEWED, MEMBERS, MET, WANTED

if TYPE_CHECKING:
    from vaultkit.views.registry import PluginAPI

_HERE = "vaultkit.views.builtin"


def register(api: PluginAPI) -> None:
    """Register the nine index notes, in the order they are written and reported."""
    api.add_view("people", "People", "People.md.j2", (CONTACTS,), f"{_HERE}.people:people_context",
                 suggested="Network")
    api.add_view("followups", "Follow-ups", "Follow-ups.md.j2", (CONTACTS, "goal"), f"{_HERE}.people:followups_context",
                 suggested="Due for follow-up")
    api.add_view("events", "Events", "Events.md.j2", ("event", MET, WANTED), f"{_HERE}.events:events_context",
                 suggested="Event plans")
    # Its rows are entries: where an entry's links go elsewhere, `brag`/`challenge` change (live.replan).
    api.add_view("brag", "Brag", "Brag.md.j2", ("brag", "challenge"), f"{_HERE}.brag:brag_context",
                 suggested="Brag list", relinks=())
    # Contacts of the people of interviews with a follow-up too: a contact logged is the follow-up
    # done. Not every contact: it was rendered again after every save of a person.
    api.add_view("interviews", "Interviews", "Interviews.md.j2", ("interview", INTERVIEWED),
                 f"{_HERE}.interviews:interviews_context", suggested="Market tests")
    # Neither shows where a share's, an event's or a community's links go (Communities' people and
    # events per community are `members`): a rename of a note they link does not plan them.
    api.add_view("sharing", "Sharing", "Sharing.md.j2", ("share",), f"{_HERE}.sharing:sharing_context",
                 suggested="Shared", relinks=())
    api.add_view("communities", "Communities", "Communities.md.j2", ("event", "community", MEMBERS),
                 f"{_HERE}.communities:communities_context", suggested="Community index", relinks=())
    # Habits count what any note holds (a #tag anywhere): planned after every change, like the Dashboard.
    api.add_view("goals", "Goals", "Goals.md.j2", (ANY,), f"{_HERE}.goals:goals_context", suggested="Goals and habits")
    # Its parts are kept by topic (`Facts.memo`): planned after every change, it costs little.
    api.add_view("dashboard", "Dashboard", "Dashboard.md.j2", (ANY,), f"{_HERE}.dashboard:dashboard_context",
                 suggested="Career dashboard")
