"""A habit whose WHAT names nothing vaultkit can count (issue 13's new-user trial: `coffee 1/week`,
the `#` left out, was counted as a brag theme no entry has, silently 0 every week). Pure.

Any word that is no kind and not `contact` counts brag entries of that theme
(`vaultkit.views.derived.habits`). That is a mistake, warned of at the habit's own line, when
the word is also no theme vaultkit knows beforehand (SPEC §2's themes, the values of an enum
`theme` field in the schema, the themes `[criteria]` lists) and no brag entry of the vault has
it. The first two are known while a note is read (`unknown_whats`, which has its frontmatter
and so the item's line); the last only once the whole vault is (`settle` drops the warning when
some brag entry has that theme, and names how many notes carry the tag when the tag is in use).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from vaultkit.kinds.habits import Habit, has_tag, item_line, parse_habit
from vaultkit.reader.model import Diagnostic, Severity

if TYPE_CHECKING:
    from vaultkit.reader.config import Config
    from vaultkit.reader.vault import Vault

CODE = "habit-unknown"
# SPEC §2's brag themes: a habit may count one before any entry has it.
THEMES = ("delivery", "visibility", "leadership", "mentoring", "documentation", "demo", "facilitation", "learning")
_THEME = re.compile(r'of theme "([^"]+)"')  # how `settle` reads the theme back from a warning's message


def known_themes(config: Config) -> set[str]:
    """The brag themes known without reading the vault: SPEC's, the schema's, `[criteria]`'s."""
    spec = config.schema.field("brag", "theme")
    found = set(THEMES) | {t.casefold() for _, themes in config.criteria for t in themes}
    if spec is not None and spec.type == "enum":
        found |= {v.casefold() for v in spec.values}
    return found


def unknown_whats(path: str, kind: str, key: str, value: Any, key_line: int, frontmatter: str | None,
                  config: Config) -> list[Diagnostic]:
    """A warning at each habit of a `habits` field whose WHAT is no kind, not `contact`, no tag
    and no theme known beforehand (see the module doc: the vault may still have it)."""
    items = value if isinstance(value, list) else [value]
    kinds = config.schema.kinds
    themes: set[str] | None = None
    found: list[Diagnostic] = []
    for item in items:
        habit = parse_habit(item) if isinstance(item, str) else None
        if habit is None or habit.tag is not None or habit.what == "contact" or habit.what in kinds:
            continue
        themes = known_themes(config) if themes is None else themes
        if habit.what in themes:
            continue
        at = item_line(frontmatter, key_line, item) if frontmatter is not None else key_line
        found.append(Diagnostic(path, at, Severity.WARNING, CODE,
                                f"{kind} field `{key}`: `{habit.text}` counts brag entries of theme "
                                f'"{habit.what}", and none has that theme: it stays at 0',
                                _hint(habit, kinds, themes, 0)))
    return found


def _hint(habit: Habit, kinds: Iterable[str], themes: Iterable[str], tagged: int) -> str:
    """Did you mean the tag (first where notes carry it, saying how many) or a close kind or theme?"""
    tag = Habit("#" + habit.what, habit.target, habit.period).text
    carry = (f"{tagged} note{'s' if tagged != 1 else ''} carr{'y' if tagged != 1 else 'ies'} #{habit.what}"
             if tagged else f"for items tagged #{habit.what}")
    close = difflib.get_close_matches(habit.what, sorted({*kinds, *themes, "contact"}), n=1, cutoff=0.7)
    guesses = [f"`{tag}` ({carry})"]
    if close:
        guesses.insert(len(guesses) if tagged else 0, f"`{Habit(close[0], habit.target, habit.period).text}`")
    return f"did you mean {' or '.join(guesses)}? WHAT is a kind (share, event, brag, interview…), a brag theme, " \
        "`contact` or a #tag"


def settle(vault: Vault, diags: Collection[Diagnostic]) -> Collection[Diagnostic]:
    """`diags` without the `unknown_whats` warnings whose theme some brag entry of the vault
    has, and with the others' hint naming how many notes carry the tag where any does (`diags`
    itself, not a copy, when it holds none of them: the usual case, in a vault of any size)."""
    unsure = [d for d in diags if d.code == CODE]
    if not unsure:
        return diags
    from vaultkit.reader.career import entries  # career reads the vault: imported when needed

    used = {theme.casefold() for e in entries(vault, "brag") if isinstance(theme := e.get("theme"), str)}
    kept = [d for d in diags if d.code != CODE]
    for d in unsure:
        m = _THEME.search(d.message)
        what = m.group(1) if m else ""
        if what in used:
            continue  # a theme of the vault's own: counted as written
        count = _tagged(vault, what)
        habit = parse_habit(d.message.split("`")[3]) if d.message.count("`") >= 4 else None
        if count and habit is not None:
            d = d._replace(hint=_hint(habit, vault.config.schema.kinds, known_themes(vault.config), count))
        kept.append(d)
    return kept


def _tagged(vault: Vault, tag: str) -> int:
    return sum(1 for note in vault.notes.values() if has_tag(note.tags, tag))
