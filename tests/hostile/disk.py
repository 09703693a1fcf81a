"""The disk around the notes: symlinked output folders, temp files of interrupted writes, an old
in-vault cache with a pickle that would run code, sync-tool conflict copies, and (kept apart, in
CONFIG_CASES) invalid `vaultkit.toml` files.

vaultkit removes two kinds of file here, both its own: the writer's temp files
(`.vaultkit-XXXXXXXX.tmp`) and the old cache in `.vaultkit/`; everything else must stay as it is.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path


def _write(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class _RunsCode:
    """Unpickling this runs a shell command: the old cache must never be loaded."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch /tmp/vaultkit-hostile-pickle-ran",))


def symlinked_reviews(root: Path) -> None:
    """`review`/`prep` folders that lead elsewhere in the vault: nothing is written through them."""
    (root / "Vaultkit").mkdir(exist_ok=True)
    (root / "Vaultkit" / "Reviews").symlink_to("../People", target_is_directory=True)
    (root / "Vaultkit" / "Prep").symlink_to("../../", target_is_directory=True)  # out of the vault


def leftover_temps(root: Path) -> None:
    """Temp files of writes killed before their rename, and look-alikes that are not vaultkit's."""
    _write(root, "Vaultkit/.vaultkit-k1ll3d_a.tmp", b"---\nvaultkit: generated\n---\nhalf")
    _write(root, "People/.vaultkit-k1ll3d_b.tmp", b"---\ncompany: Half Written")
    _write(root, "Deep/Er/.vaultkit-00000000.tmp", b"")
    _write(root, "People/.vaultkit-notes.tmp", b"not vaultkit's name pattern: kept")
    _write(root, "People/backup.vaultkit-k1ll3d_c.tmp", b"kept")


def old_cache(root: Path) -> None:
    """An in-vault cache as vaultkit used to keep, with a pickle that would run code if loaded."""
    evil = pickle.dumps(_RunsCode())
    _write(root, ".vaultkit/cache-v1.pickle", pickle.dumps((1, "0.1.0/1/0", [evil])))
    _write(root, ".vaultkit/cache-v0.pickle", evil)
    _write(root, ".vaultkit/last-build-v1.json", b'{"version": 1, "key": "x", "outputs": {}}')
    _write(root, ".vaultkit/.gitignore", b"# vaultkit's cache: local to this machine\n*\n")


def sync_conflicts(root: Path) -> None:
    """Conflict copies of both tools, of a note, of a generated note, of a gone note, of a picture."""
    copy = b"---\ncompany: Copy Co\n---\n- 2026-03-02 met [[Ada Lovelace]]\n"
    _write(root, "People/Ben Okafor.sync-conflict-20260301-101500-ABCDEF7.md", copy)
    _write(root, "People/Ben Okafor (Bob's conflicted copy 2026-03-02).md", copy)
    _write(root, "People/Nobody (conflicted copy 2026-03-04).md", copy)
    _write(root, "Vaultkit/People.sync-conflict-20260301-101500-ABCDEF7.md", b"---\nvaultkit: generated\n---\n")
    _write(root, "People/photo (Bob's conflicted copy 2026-03-02).png", b"\x89PNG")


CASES = {
    "sync_conflicts": sync_conflicts,
    "symlinked_reviews": symlinked_reviews,
    "leftover_temps": leftover_temps,
    "old_cache": old_cache,
}


# Each of these makes every command refuse the whole vault (nothing written at all), which would
# hide what the other cases of a mix do: they are tested on their own (tests/test_config_refused.py).
CONFIG_CASES = {
    "unknown_key": b'output_dir = "Vaultkit"\ncolour = "blue"\n',
    "wrong_type": b"event_goal_new_people = \"three\"\n",
    "bad_value": b'default_cadence = "soon"\n',
    "output_outside": b'output_dir = "../elsewhere"\n',
    "output_absolute": b'output_dir = "/tmp/vaultkit-out"\n',
    "syntax_error": b'output_dir = "Vaultkit\n[folders\n',
    "not_utf8": b'output_dir = "Caf\xe9"\n',
    "folder_kind_a_list": b'[folders]\n"People" = ["person"]\n',  # once an internal error: a list is no key
    "plugins_inside_a_table": b'[outputs]\npeople = "Network"\nplugins = ["talks"]\n',
}
