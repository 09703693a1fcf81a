"""Three-way merge of a generated note, for `vaultkit merge-driver`. Pure: text in, text out.

Git runs a merge driver one file at a time, before the rest of the vault is merged, so the
driver cannot rebuild a note from the merged vault. What it can do without mixing anything:

- The text outside the markers is the user's: it is merged three ways, line by line, as git
  would merge it (a conflict there is reported as git reports one).
- A region is vaultkit's when the hash on its end marker checks. Two clones that built on
  different days (or from different notes) hold different regions; taking one side's region
  whole keeps a note that verifies, and the `post-merge` hook's build then rewrites it from
  the merged vault. Lines of two regions are never interleaved: that would be a table no
  build wrote, and the hash would no longer say whose text it is.

Which side's region, when both changed it: ours when both are vaultkit's (the hook rebuilds
it anyway); the side that typed text inside the markers when only one did (that text is
the user's: the next build refuses the note and shows it, as for any edited region, so it
is never lost); a conflict when both sides typed inside the markers.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from vaultkit.views.regions import RegionError, digest, is_owned, newline, regions

# (base, ours, theirs) -> (merged text, number of conflicts): `git merge-file`, or diff3.merge3.
TextMerge = Callable[[str, str, str], tuple[str, int]]


@dataclass(slots=True)
class Merged:
    """The merged text, how many conflicts it holds, and one line per decision worth telling."""

    text: str
    conflicts: int = 0
    said: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Side:
    whole: str  # from the begin marker to the end of the end marker's text
    content: str  # between the markers
    ours: bool  # vaultkit's: no hash yet (written before hashes) or a hash that checks


def merge_note(base: str, ours: str, theirs: str, merge_text: TextMerge) -> Merged:
    """Merge two versions of a note changed from `base` (empty when both sides added it).

    A note that is not vaultkit's on either side, or whose markers are broken on any side,
    is merged as plain text, as git merges any file.
    """
    if not (is_owned(ours) or is_owned(theirs)):
        return Merged(*merge_text(base, ours, theirs))
    token = "@@vaultkit-region-" + secrets.token_hex(8) + " "
    while any(token in text for text in (base, ours, theirs)):  # pragma: no cover - 64 random bits
        token = "@@vaultkit-region-" + secrets.token_hex(8) + " "
    try:
        (o_skel, o_reg), (a_skel, a_reg), (b_skel, b_reg) = (_split(t, token) for t in (base, ours, theirs))
    except RegionError as exc:
        merged = Merged(*merge_text(base, ours, theirs))
        merged.said.append(f"markers are broken on one side ({exc}): merged as plain text")
        return merged
    skeleton, conflicts = merge_text(o_skel, a_skel, b_skel)
    result = Merged("", conflicts)
    if conflicts:
        result.said.append(f"{conflicts} conflict(s) in the text outside the markers")
    chosen: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    nl = newline(ours)
    while (at := skeleton.find(token, pos)) != -1:
        stop = skeleton.find("@@", at + len(token))
        name = skeleton[at + len(token):stop]
        if name not in chosen:
            chosen[name] = _pick(name, o_reg.get(name), a_reg.get(name), b_reg.get(name), nl, result)
        out += [skeleton[pos:at], chosen[name]]
        pos = stop + 2
    out.append(skeleton[pos:])
    result.text = "".join(out)
    return result


def _split(text: str, token: str) -> tuple[str, dict[str, _Side]]:
    """The text with each region (markers included) replaced by `token NAME@@`, and the regions."""
    found: dict[str, _Side] = {}
    out: list[str] = []
    pos = 0
    for region in regions(text):
        content = text[region.start:region.end]
        mine = region.digest is None or region.digest == digest(content)
        found[region.name] = _Side(text[region.at:region.close], content, mine)
        out += [text[pos:region.at], f"{token}{region.name}@@"]
        pos = region.close
    out.append(text[pos:])
    return "".join(out), found


def _pick(name: str, base: _Side | None, ours: _Side | None, theirs: _Side | None, nl: str, result: Merged) -> str:
    """One side's region whole, or both in conflict markers when both sides typed inside it."""
    if ours is None or theirs is None:
        side = ours or theirs
        return side.whole if side is not None else ""
    if ours.content == theirs.content or (base is not None and theirs.content == base.content):
        return ours.whole
    if base is not None and ours.content == base.content:
        return theirs.whole
    if ours.ours and theirs.ours:
        return ours.whole  # both built by vaultkit: the post-merge build rewrites it from the merged vault
    if ours.ours != theirs.ours:
        typed = "ours" if not ours.ours else "theirs"
        result.said.append(f"region '{name}': kept {typed} whole: it holds text typed inside the markers")
        return theirs.whole if ours.ours else ours.whole
    result.conflicts += 1
    result.said.append(f"region '{name}': both sides typed text inside the markers: a conflict")
    return f"<<<<<<< ours{nl}{ours.whole}{nl}======={nl}{theirs.whole}{nl}>>>>>>> theirs"
