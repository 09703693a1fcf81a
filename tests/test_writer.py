"""The writer: atomic, mode-keeping, symlink-refusing; regions keep user text byte for byte."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.disk import writer
from vaultkit.views.regions import RegionError, begin, digest, end, is_owned, merge, regions

GENERATED = (f"---\nvaultkit: generated\n---\n# T\n\n{begin('a')}\nnew A\n{end('a')}\n\n"
             f"{begin('b')}\nnew B\n{end('b')}\n")


def test_atomic_write_creates_then_skips_unchanged(tmp_path: Path) -> None:
    assert writer.atomic_write(str(tmp_path), "Out/x.md", b"hello\n") is True
    target = tmp_path / "Out" / "x.md"
    before = target.stat().st_mtime_ns
    assert writer.atomic_write(str(tmp_path), "Out/x.md", b"hello\n") is False
    assert target.stat().st_mtime_ns == before
    assert [p.name for p in (tmp_path / "Out").iterdir()] == ["x.md"]  # no temp files left


def test_atomic_write_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    target.write_text("old")
    target.chmod(0o600)
    writer.atomic_write(str(tmp_path), "x.md", b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"new"


def test_atomic_write_refuses_symlinks_and_escapes(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    vault = tmp_path / "vault"
    vault.mkdir()
    (outside / "secret.md").write_text("keep")
    (vault / "link.md").symlink_to(outside / "secret.md")
    (vault / "dirlink").symlink_to(outside, target_is_directory=True)
    with pytest.raises(PermissionError):
        writer.atomic_write(str(vault), "link.md", b"x")
    with pytest.raises(PermissionError):
        writer.atomic_write(str(vault), "dirlink/new.md", b"x")
    with pytest.raises(PermissionError):
        writer.atomic_write(str(vault), "../outside/secret.md", b"x")
    assert (outside / "secret.md").read_text() == "keep"
    assert not (outside / "new.md").exists()


def test_crash_during_write_leaves_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.md"
    target.write_bytes(b"old content\n")

    def boom(src: str, dst: str) -> None:
        raise OSError("simulated crash before rename")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        writer.atomic_write(str(tmp_path), "x.md", b"new content that never lands\n")
    assert target.read_bytes() == b"old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


def test_merge_replaces_only_regions() -> None:
    existing = ("---\nvaultkit: generated\nmine: kept\n---\nMy intro.\n"
                f"{begin('a')}\nold A\n{end('a')}\nbetween\n{begin('b')}\nold B\n{end('b')}\nMy outro.")
    merged = merge(existing, GENERATED)
    assert merged == ("---\nvaultkit: generated\nmine: kept\n---\nMy intro.\n"
                      f"{begin('a')}\nnew A\n{end('a', digest(chr(10) + 'new A' + chr(10)))}\nbetween\n"
                      f"{begin('b')}\nnew B\n{end('b', digest(chr(10) + 'new B' + chr(10)))}\nMy outro.")


def test_merge_appends_new_region_and_keeps_unknown_ones() -> None:
    existing = f"---\nvaultkit: generated\n---\n{begin('a')}\nold\n{end('a')}\n{begin('z')}\nz\n{end('z')}\n"
    merged = merge(existing, GENERATED)
    assert f"{begin('z')}\nz\n{end('z')}" in merged
    assert merged.endswith(f"{begin('b')}\nnew B\n{end('b', digest(chr(10) + 'new B' + chr(10)))}\n")


@pytest.mark.parametrize("text", [
    f"---\nvaultkit: generated\n---\n{begin('a')}\nx\n",
    f"---\nvaultkit: generated\n---\n{end('a')}\n",
    f"---\nvaultkit: generated\n---\n{begin('a')}\n{end('a')}\n{begin('a')}\n{end('a')}\n",
    f"---\nvaultkit: generated\n---\n{begin('a')}\n{begin('b')}\n{end('b')}\n{end('a')}\n",
    "# My own note with the same name\n",
    f"---\ntitle: mine\n---\n{begin('a')}\n{end('a')}\n",
])
def test_merge_refuses_broken_or_foreign(text: str) -> None:
    with pytest.raises(RegionError):
        merge(text, GENERATED)


def test_is_owned_accepts_crlf() -> None:
    assert is_owned("---\r\nvaultkit: generated\r\n---\r\n")


_user_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).filter(
    lambda t: "vaultkit:" not in t and "\r" not in t)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=_user_text, between=_user_text, after=_user_text, rebuilds=st.integers(1, 4))
def test_user_text_survives_any_number_of_rebuilds(tmp_path: Path, before: str, between: str, after: str,
                                                   rebuilds: int) -> None:
    """Random user text around and between regions is kept byte for byte, on disk."""
    text = (f"---\nvaultkit: generated\n---\n{before}\n{begin('a')}\nstale\n{end('a')}\n{between}\n"
            f"{begin('b')}\nstale\n{end('b')}\n{after}")
    target = tmp_path / "n.md"
    target.write_bytes(text.encode())
    for i in range(rebuilds):
        generated = GENERATED.replace("new A", f"A{i}")
        current = target.read_bytes().decode()
        writer.atomic_write(str(tmp_path), "n.md", merge(current, generated).encode())
    final = target.read_bytes().decode()
    spans = regions(final)
    outside = final[:spans[0].start] + "|" + final[spans[0].close:spans[1].start] + "|" + final[spans[1].close:]
    original_spans = regions(text)
    original_outside = (text[:original_spans[0].start] + "|"
                        + text[original_spans[0].close:original_spans[1].start] + "|" + text[original_spans[1].close:])
    assert outside == original_outside
    assert final[spans[0].start:spans[0].end] == f"\nA{rebuilds - 1}\n"
