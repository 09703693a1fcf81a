"""Each kind of save, through the watcher's `Session`, leaves the generated notes a cold build makes.

The session is loaded from a build's cache (as `vaultkit watch` starts), then files of the
example vault are changed on disk one save at a time: an edit, a new note, a link to it, a
title change, an alias change, a rename that fixes links, a rename that breaks them, a delete.
After each, `Session.update` + `Session.rebuild` (the watcher's loop without the watchdog
thread) must leave `Vaultkit/` byte for byte as a fresh, cache-less build of a copy of the
vault, and must have planned incrementally (the same `LivePlan`), not everything anew.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_watch import fresh_build, generated, show_diff
from vaultkit.disk.build import build
from vaultkit.live.session import Session

BEN = "People/Ben Okafor.md"


def _text(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def _write(root: Path, rel: str, text: str) -> set[str]:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return {rel}


def _move(root: Path, old: str, new: str) -> set[str]:
    os.replace(root / old, root / new)
    return {old, new}


def _front(root: Path, rel: str, key: str, value: str) -> set[str]:
    text = _text(root, rel)
    text, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    if not count:
        text = text.replace("---\n", f"---\n{key}: {value}\n", 1)
    return _write(root, rel, text)


SAVES: list[tuple[str, Callable[[Path], set[str]]]] = [
    ("edit", lambda r: _front(r, BEN, "role", "Organiser in chief")),
    ("new note", lambda r: _write(r, "People/Zoe Quinn.md",
                                  "---\ncompany: Fernsicht Labs\nmet_on: 2026-06-01\n---\n# Zoe Quinn\n")),
    ("link to the new note", lambda r: _write(r, "Daily/2026-06-20.md",
                                              "- 2026-06-20 coffee with [[Zoe Quinn]] about meetups #brag\n")),
    ("title", lambda r: _front(r, "People/Zoe Quinn.md", "title", "Zoë Quinn")),
    ("alias", lambda r: _front(r, BEN, "aliases", '["Benny"]')),
    ("a link to the alias", lambda r: _write(r, "Daily/2026-06-21.md", "- 2026-06-21 lunch with [[Benny]]\n")),
    ("rename that fixes a link", lambda r: _move(r, "People/Zoe Quinn.md", "People/Zed Quinn.md")
     | _write(r, "Daily/2026-06-22.md", "- 2026-06-22 call with [[Zed Quinn]] and [[Ines Later]]\n")),
    ("new note named as a missing link", lambda r: _write(r, "People/Ines Later.md", "---\nmet_on: 2026-06-02\n---\n")),
    ("rename that breaks links", lambda r: _move(r, BEN, "People/Ben O.md")),
    ("alias removed", lambda r: _front(r, "People/Ben O.md", "aliases", "[]")),
    ("kind change", lambda r: _front(r, "People/Ines Later.md", "type", "event")),
    ("delete", lambda r: (os.remove(r / "People/Zed Quinn.md"), {"People/Zed Quinn.md"})[1]),
    ("a person nobody mentions", lambda r: _write(r, "People/Una Quiet.md", "---\ncompany: Nowhere Co\n---\n")),
    ("rename of a person nobody mentions", lambda r: _move(r, "People/Una Quiet.md", "People/Una Still.md")),
    ("delete of a person nobody mentions",
     lambda r: (os.remove(r / "People/Una Still.md"), {"People/Una Still.md"})[1]),
]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, bool, dict[str, bytes], dict[str, bytes]]]:
    """(save, planned incrementally, generated notes after it, a fresh build's) for each save in turn."""
    from tests.conftest import EXAMPLE, copy_vault

    tmp = tmp_path_factory.mktemp("saves")
    root = copy_vault(EXAMPLE, tmp / "vault")
    build(root)
    session = Session(str(root))
    session.load()
    session.rebuild()
    out = []
    for name, save in SAVES:
        live = session.live
        update = session.update(save(root))
        assert update.any, name
        session.rebuild()
        out.append((name, session.live is live, generated(root), fresh_build(root, tmp)))
    return out


@pytest.mark.parametrize("index", range(len(SAVES)), ids=[name for name, _ in SAVES])
def test_each_save_leaves_what_a_cold_build_makes(saved: list[tuple[str, bool, dict[str, bytes], dict[str, bytes]]],
                                                  index: int) -> None:
    name, incremental, actual, expected = saved[index]
    assert actual == expected, f"after the save '{name}':\n" + show_diff(expected, actual)
    assert incremental, f"the save '{name}' planned everything anew"


def test_a_rebuild_found_unsettled_writes_nothing_and_the_next_one_catches_up(tmp_path: Path) -> None:
    """The watcher plans a delete while it waits out a save in progress (`Session.rebuild`'s
    `settled`); when the note came back meanwhile, nothing of that plan is written, and the
    rebuild after the note is read again leaves what a cold build makes."""
    from tests.conftest import EXAMPLE, copy_vault
    from vaultkit.live.session import Unsettled

    root = copy_vault(EXAMPLE, tmp_path / "vault")
    build(root)
    session = Session(str(root))
    session.load()
    session.rebuild()
    before = generated(root)
    data = (root / BEN).read_bytes()
    os.remove(root / BEN)
    assert session.update({BEN}).removed == [BEN]
    asked: list[bool] = []
    (root / BEN).write_bytes(data.replace(b"role:", b"role: Back Again\nold_role:", 1))  # the save ends

    def settled() -> bool:
        asked.append(True)
        return False

    with pytest.raises(Unsettled):
        session.rebuild(settled)
    assert asked == [True]
    assert generated(root) == before, "a plan found unsettled wrote generated notes"
    assert session.live is None  # what the thrown-away plan consumed is planned again, in full
    assert session.update({BEN}).changed == [BEN]
    session.rebuild()
    assert generated(root) == fresh_build(root, tmp_path), show_diff(fresh_build(root, tmp_path), generated(root))


def test_a_note_made_readable_while_watched_counts_as_a_cold_build_counts_it(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A note without read permission at the start is a name only (`fs.scan`: `unreadable-note`);
    made readable while watched (a chmod: the watcher sees it modified), it is a note, and
    no longer an attachment too."""
    from tests.conftest import EXAMPLE, copy_vault

    root = copy_vault(EXAMPLE, tmp_path / "vault")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # as a user other than the notes' owner: root reads anything
        monkeypatch.setattr(os, "geteuid", lambda: os.stat(root).st_uid + 1)
        monkeypatch.setattr(os, "getegid", lambda: os.stat(root).st_gid + 1)
        monkeypatch.setattr(os, "getgroups", lambda: [])
    (root / BEN).chmod(0o600)
    build(root)
    session = Session(str(root))
    session.load()
    session.rebuild()
    assert BEN in session.attachments and BEN not in session.notes
    (root / BEN).chmod(0o644)
    session.update({BEN})
    session.rebuild()
    assert BEN not in session.attachments and BEN in session.notes
    expected = fresh_build(root, tmp_path)
    assert generated(root) == expected, show_diff(expected, generated(root))
