"""The index notes vaultkit generates, by name: known without loading the views that make them.

`build` needs these names to fingerprint a vault (its own outputs are not inputs) before it
knows whether there is anything to plan; `plan.INDEXES` maps the same names, in the same
order, to their templates and views.
"""

INDEX_NOTES = ("People.md", "Follow-ups.md", "Events.md", "Brag.md", "Interviews.md", "Sharing.md",
               "Communities.md", "Dashboard.md")
