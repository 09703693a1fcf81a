"""vaultkit-talks: a `talk` kind and a `Talks.md` note, added to vaultkit from outside.

vaultkit calls `register` once per process, and only for a vault whose `vaultkit.toml` lists
`plugins = ["talks"]` (the entry point's name in this package's `pyproject.toml`). The hook
declares the kind with the very table a `[kinds.talk]` of `vaultkit.toml` would parse to, so
a user can still extend it there (`[kinds.talk.fields.stage] values = ["+rejected"]`), and
registers the view by `"module:function"`, so `vaultkit_talks.view` is imported only when
`Talks.md` is first planned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"

STAGES = ("idea", "submitted", "accepted", "given")

# The `talk` kind, as `[kinds.talk]` in vaultkit.toml would write it.
TALK: dict[str, Any] = {
    "match": {"folder": "**/Talks/"},
    "folder": "Talks",
    "fields": {
        "stage": {"type": "enum", "values": list(STAGES), "default": "idea",
                  "synonyms": {"draft": "idea", "cfp": "submitted", "proposed": "submitted",
                               "confirmed": "accepted", "done": "given", "delivered": "given"}},
        "event": {"type": "link"},
        "date": {"type": "date"},
        "cfp_deadline": {"type": "date", "calendar": True},
        "length": {"type": "number"},
        "slides": {"type": "text"},
        "recording": {"type": "text"},
        "abstract": {"type": "text"},
        "topics": {"type": "list"},
    },
}


def register(api: Any) -> None:
    """The plugin hook (`vaultkit.PluginAPI`, docs/plugins.md): the `talk` kind, the view that
    writes `Talks.md`, and the folder holding its template."""
    api.add_kind("talk", TALK)
    api.add_view("talks", "Talks", "Talks.md.j2", reads=["talk", "event"], context="vaultkit_talks.view:context",
                 suggested="Talk pipeline")
    api.add_templates(Path(__file__).parent / "templates")
