"""A line-based three-way merge (diff3), for when git's own `git merge-file` is not at hand. Pure.

`vaultkit merge-driver` merges the user's text around the markers with `git merge-file` (git
runs the driver, so git is normally there); this is the fallback, and it reports conflicts in
the same form: `<<<<<<< ours`, the current side's lines, `=======`, the other side's lines,
`>>>>>>> theirs`.

The classic algorithm: lines of the base that both sides kept, in order, are the stable
points; between two stable points each side either left the base's lines alone (then the
other side's change wins), made the same change (taken once), or made different changes
(a conflict). Matching uses difflib's longest-common-subsequence heuristic, so where lines
repeat the hunks can be cut differently from git's; a merge without conflicts is the same.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")  # lines as git counts them: only LF ends one


def merge3(base: str, ours: str, theirs: str, labels: tuple[str, str] = ("ours", "theirs")) -> tuple[str, int]:
    """Merge `ours` and `theirs`, both changed from `base`: the merged text and its conflict count."""
    o, a, b = (_LINE.findall(text) for text in (base, ours, theirs))
    in_a, in_b = _matches(o, a), _matches(o, b)
    nl = _newline(ours or theirs or base)
    out: list[str] = []
    conflicts = 0
    i = j = k = 0
    while True:
        # The next base line that both sides kept, at or after where each side stands.
        stable = next((n for n in range(i, len(o)) if n in in_a and n in in_b), None)
        oi, aj, bk = (len(o), len(a), len(b)) if stable is None else (stable, in_a[stable], in_b[stable])
        old, mine, other = o[i:oi], a[j:aj], b[k:bk]
        if mine == old:
            out += other
        elif other == old or mine == other:
            out += mine
        else:
            conflicts += 1
            out += [f"<<<<<<< {labels[0]}{nl}", *_ended(mine, nl), f"======={nl}", *_ended(other, nl),
                    f">>>>>>> {labels[1]}{nl}"]
        if stable is None:
            return "".join(out), conflicts
        out.append(a[aj])  # the stable line as the current side has it (the same text on all three)
        i, j, k = oi + 1, aj + 1, bk + 1


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """Base line index → index of the same line in `other`, for the lines the two share in order."""
    found: dict[int, int] = {}
    for block in SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for n in range(block.size):
            found[block.a + n] = block.b + n
    return found


def _newline(text: str) -> str:
    """The line ending of the first line of `text` (LF when it has none)."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _ended(lines: list[str], nl: str) -> list[str]:
    """`lines`, the last one given a line ending if it has none (so a marker starts a line)."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + nl]
    return lines
