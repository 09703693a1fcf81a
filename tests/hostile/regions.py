"""Generated notes as line-ending tools, careless hands and attackers leave them (issue 9: 2, 6, 11).

Each case rewrites one generated note of the example vault (a different one per case, so any
mix is meaningful): converted to CRLF, CR, BOM or a mix, text typed inside a region, a region
from before end-marker hashes, a forged hash, 40,000 frontmatter lines, 100,000 marker-like lines.
"""

from __future__ import annotations

import re
from pathlib import Path

OUT = "Vaultkit"
_HASH = re.compile(rb"(<!-- vaultkit:end [A-Za-z0-9_.-]+) [0-9a-f]{8} -->")


def _note(root: Path, name: str) -> Path:
    return root / OUT / name


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def crlf(root: Path) -> None:
    """git with core.autocrlf=true, or a Windows editor: every line ends in CRLF."""
    note = _note(root, "People.md")
    note.write_bytes(_crlf(note.read_bytes()) + b"My notes, typed on Windows.\r\n")


def cr(root: Path) -> None:
    """An old Mac tool: every line ends in a lone CR."""
    note = _note(root, "Events.md")
    note.write_bytes(note.read_bytes().replace(b"\n", b"\r") + b"Mine.\r")


def bom_crlf(root: Path) -> None:
    """Notepad: a UTF-8 BOM and CRLF."""
    note = _note(root, "Brag.md")
    note.write_bytes(b"\xef\xbb\xbf" + _crlf(note.read_bytes()))


def mixed(root: Path) -> None:
    """A partial conversion: the frontmatter in CRLF, the rest in LF, user text in CR."""
    note = _note(root, "Follow-ups.md")
    data = note.read_bytes()
    cut = data.index(b"\n# ") + 1
    note.write_bytes(b"\xef\xbb\xbf" + _crlf(data[:cut]) + data[cut:] + b"one\rtwo\r\n")


def typed_inside(root: Path) -> None:
    """Lines typed between the markers: the build must refuse the note, not overwrite them."""
    note = _note(root, "Interviews.md")
    data = note.read_bytes()
    at = data.index(b"-->\n", data.index(b"<!-- vaultkit:begin ")) + 4
    note.write_bytes(data[:at] + b"Call Northbeam back on Monday!\n" + data[at:])


def hashless(root: Path) -> None:
    """A note as vaultkit wrote it before end markers carried a hash, with stale text in it."""
    note = _note(root, "Sharing.md")
    data = _HASH.sub(rb"\1 -->", note.read_bytes())
    at = data.index(b"-->\n", data.index(b"<!-- vaultkit:begin ")) + 4
    note.write_bytes(data[:at] + b"stale line from an older build\n" + data[at:])


def forged_hash(root: Path) -> None:
    """A hand edit under a made-up hash, and a second region whose hash is not even hex."""
    note = _note(root, "Communities.md")
    data = _HASH.sub(rb"\1 0badc0de -->", note.read_bytes(), count=1)
    at = data.index(b"-->\n", data.index(b"<!-- vaultkit:begin ")) + 4
    note.write_bytes(data[:at] + b"forged\n" + data[at:] + b"<!-- vaultkit:begin extra -->\nx\n"
                     b"<!-- vaultkit:end extra zz -->\n")


def huge_frontmatter(root: Path) -> None:
    """40,000 frontmatter lines in a generated note (the old pattern backtracked for minutes)."""
    note = _note(root, "Dashboard.md")
    data = note.read_bytes()
    keys = b"".join(b"k%d: v\n" % i for i in range(40_000))
    note.write_bytes(data.replace(b"vaultkit: generated\n", b"vaultkit: generated\n" + keys, 1))


def unclosed_frontmatter(root: Path) -> None:
    """A review note whose frontmatter says `vaultkit: generated` 40,000 times and never closes."""
    note = _note(root, "Reviews/2026-Q1.md")
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_bytes(b"---\n" + b"vaultkit: generated\n" * 40_000 + b"<!-- vaultkit:begin review -->\n"
                     b"<!-- vaultkit:end review -->\n")


def many_markers(root: Path) -> None:
    """100,000 lines that look like markers but are not, 300 regions of the user's, one of vaultkit's."""
    note = _note(root, "Reviews/2026-Q2.md")
    note.parent.mkdir(parents=True, exist_ok=True)
    fake = b"".join(b"<!-- vaultkit:begin  -->\n <!-- vaultkit:end review -->\n<!-- vaultkit:end x -->x\r\n"
                    for _ in range(33_334))
    own = b"".join(b"<!-- vaultkit:begin u%d -->\r\nmine\r\n<!-- vaultkit:end u%d -->\r\n" % (i, i) for i in range(300))
    note.write_bytes(b"---\nvaultkit: generated\n---\n" + fake + own + b"<!-- vaultkit:begin review -->\n"
                     b"old\n<!-- vaultkit:end review -->\n" + fake)


def long_line(root: Path) -> None:
    """Two 1 MiB lines of blanks in a prep note: one ends its end marker, one follows a near-marker."""
    note = _note(root, "Prep/KubeCon EU 2026.md")
    note.parent.mkdir(parents=True, exist_ok=True)
    blanks = b" \t" * (512 * 1024)
    note.write_bytes(b"---\nvaultkit: generated\n---\n<!-- vaultkit:begin prep -->\nold\n<!-- vaultkit:end prep -->"
                     + blanks + b"\n<!-- vaultkit:end other -->" + blanks + b"x\n")


CASES = {
    "crlf": crlf,
    "cr": cr,
    "bom_crlf": bom_crlf,
    "mixed": mixed,
    "typed_inside": typed_inside,
    "hashless": hashless,
    "forged_hash": forged_hash,
    "huge_frontmatter": huge_frontmatter,
    "unclosed_frontmatter": unclosed_frontmatter,
    "many_markers": many_markers,
    "long_line": long_line,
}
