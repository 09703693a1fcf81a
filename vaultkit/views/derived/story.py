"""A win told as a story, for the review and 1-1 notes: situation or problem → what I did →
result with numbers → who it helped (derived data, shared by `Reviews/` and `1-1/` notes).

Users write wins in many shapes, and each must read as a sentence:

- a past-tense opening stays ("Shipped the retry budget" → "I shipped the retry budget");
- a first-person one keeps its subject ("I mentored Hannah", "We moved CI" → as written);
- an imperative one, as in a task list, turns past ("Mentor Hannah" → "I mentored Hannah");
- a third-person one stands on its own ("Ines led two incidents after our pairing");
- a noun phrase gets a verb ("Postgres 16 upgrade runbook" → "I worked on Postgres 16 upgrade
  runbook");
- a trailing period, colon or semicolon is dropped before the sentence goes on.

The result is the `impact`: after ", which" when it starts with a verb, else "The result: …";
the numbers are the `metrics`. Who it helped is `impacted`, without the ones the text already
names ("I mentored Hannah …" does not end with "for Hannah"). The situation is a `situation` or
`problem` field (frontmatter or inline), else the `project` ("On [[Checkout Reliability]], …").
"""

from __future__ import annotations

import re

from markupsafe import Markup

from vaultkit.reader.links import name_key
from vaultkit.reader.model import Entry, Link
from vaultkit.views.common import Facts
from vaultkit.views.derived.brag import entry_text

_LEADING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\s*[-—:]?\s*")

# Past tenses that do not end in -ed, for telling "Led the review" from "Design review".
_IRREGULAR = {
    "begin": "began", "buy": "bought", "bring": "brought", "build": "built", "catch": "caught",
    "choose": "chose", "cut": "cut", "do": "did", "draw": "drew", "drive": "drove", "feed": "fed",
    "feel": "felt", "fight": "fought", "find": "found", "give": "gave", "get": "got", "grow": "grew",
    "have": "had", "hold": "held", "hide": "hid", "hit": "hit", "hang": "hung", "keep": "kept",
    "know": "knew", "lay": "laid", "lead": "led", "leave": "left", "lend": "lent", "let": "let",
    "light": "lit", "lose": "lost", "make": "made", "mean": "meant", "meet": "met", "pay": "paid",
    "put": "put", "quit": "quit", "run": "ran", "read": "read", "ride": "rode", "rise": "rose",
    "say": "said", "sit": "sat", "see": "saw", "send": "sent", "set": "set", "shake": "shook",
    "shoot": "shot", "shut": "shut", "sell": "sold", "seek": "sought", "spend": "spent", "split": "split",
    "speak": "spoke", "spin": "spun", "stand": "stood", "stick": "stuck", "teach": "taught",
    "think": "thought", "throw": "threw", "tell": "told", "take": "took", "tear": "tore",
    "understand": "understood", "undo": "undid", "uphold": "upheld", "wed": "wed", "go": "went",
    "wake": "woke", "win": "won", "wear": "wore", "wind": "wound", "write": "wrote", "rewrite": "rewrote",
    "speed": "sped", "rebuild": "rebuilt", "sweep": "swept", "deal": "dealt",
}
_PAST = frozenset(_IRREGULAR.values())
# Verbs a win written as a task starts with ("Mentor Hannah", "Ship the cache"): the regular ones;
# the irregular ones are `_IRREGULAR`'s keys. Only these turn past: "Design review" is no order.
_REGULAR = frozenset({
    "add", "adopt", "analyse", "analyze", "automate", "coach", "complete", "convince", "create", "deliver",
    "demo", "deploy", "document", "drop", "finish", "fix", "guide", "help", "host", "improve", "introduce",
    "launch", "mentor", "migrate", "moderate", "move", "onboard", "organise", "organize", "own", "pair",
    "plan", "present", "publish", "raise", "reduce", "refactor", "release", "remove", "rescue", "resolve",
    "roll", "save", "scale", "ship", "shorten", "simplify", "solve", "speed", "start", "stop", "support",
    "train", "unblock", "upgrade", "facilitate", "handle", "interview", "kick", "chair", "review",
    "close", "prototype", "propose", "open", "replace", "rebuild", "redesign", "design",
})
_PRONOUNS = frozenset({"i", "we", "my", "our"})
_DOUBLE = re.compile(r"[^aeiou][aeiou][bdgmnprt]$")  # ship → shipped, plan → planned (not "open")


_OBJECT_WORDS = frozenset({"the", "a", "an", "our", "my", "his", "her", "their", "two", "three", "every", "all", "new"})
# Verbs that are no nouns: "Write docs" is an order, where "Design review" names a thing.
_ONLY_VERBS = frozenset({"write", "build", "cut", "facilitate", "migrate", "automate", "reduce", "improve",
                         "unblock", "onboard", "simplify", "shorten", "rewrite", "rebuild", "ship", "teach"})


def _ordered(text: str) -> bool:
    """Is `text`, starting with a verb's base form, an order ("Ship the cache", "Mentor Hannah",
    "Write docs") rather than a noun phrase ("Design review", "Launch plan")?"""
    words = text.split()
    if words[0].lower() in _ONLY_VERBS:
        return True
    after = words[1] if len(words) > 1 else ""
    return after.lower() in _OBJECT_WORDS or after[:1].isupper() or after.startswith("[[")


def _past(verb: str) -> str:
    """The past tense of a base verb: irregular from the table, regular by the spelling rules."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if _DOUBLE.search(verb) and len(verb) <= 4 and verb != "open":
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _word(text: str, index: int = 0) -> str:
    words = text.split()
    return words[index].strip(",.;:!?\"'()").lower() if len(words) > index else ""


def starts_with_verb(text: str) -> bool:
    """Does `text` start with a past-tense verb ("Shipped …", "Led …"), as a sentence after "I" needs?"""
    word = _word(text)
    return word in _PAST or (len(word) > 3 and word.endswith("ed") and word.isalpha())


def plain(text: str) -> str:
    """One line, without the end punctuation a sentence goes on after."""
    return " ".join(text.split()).rstrip(" .;:,!")


def clause(text: str) -> str:
    """Text as the middle of a sentence: a capitalised common first word lowered ("Cut CI" → "cut
    CI"; "PgBouncer", "CI" and names stay)."""
    text = plain(text)
    word = text.split(" ", 1)[0]
    if word == "A" or (len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower()
                       and (word.lower() in _PAST or word.lower() in _IRREGULAR or word.lower() in _REGULAR
                            or starts_with_verb(word) or word.lower() in ("the", "an", "all", "every"))):
        text = text[0].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    """What was done, as a whole sentence without its end: "I shipped …", "We moved …",
    "Ines led …", or "I worked on …" for a noun phrase."""
    text = plain(_LEADING_DATE.sub("", text) or text)
    if not text:
        return "I did this"
    first = _word(text)
    if first in _PRONOUNS:  # "I mentored Hannah", "We shipped", "My team moved": already a sentence
        return text[:1].upper() + text[1:]
    if starts_with_verb(text):
        return f"I {clause(text)}"
    if (first in _REGULAR or first in _IRREGULAR) and _ordered(text):  # "Mentor Hannah" → "I mentored Hannah"
        rest = text.split(" ", 1)[1] if " " in text else ""
        return f"I {_past(first)} {rest}".rstrip()
    if any(starts_with_verb(w) for w in text.split()[1:4]) and text[:1].isupper():
        return text  # "Ines led two incidents …": someone else's sentence, told as written
    return f"I worked on {text}"


def _names(facts: Facts, link: Link, source: str) -> set[str]:
    """How a text may name the target of `link`: its title, aliases and first name (casefolded)."""
    path = facts.vault.index.resolve(link.target, source).path
    note = facts.vault.notes.get(path) if path else None
    shown = [link.target.rsplit("/", 1)[-1], *((link.alias and [link.alias]) or [])]
    if note is not None:
        shown += [note.title, *note.aliases]
    found = set()
    for name in shown:
        found.add(name_key(name))
        if note is not None and note.kind == "person" and " " in name.strip():
            found.add(name_key(name.split()[0]))
    return {n for n in found if n}


def _named_in(text: str, names: set[str]) -> bool:
    words = name_key(text)
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words) for n in names)


def _field(facts: Facts, entry: Entry, *keys: str) -> str:
    note = facts.vault.notes.get(entry.path)
    for key in keys:
        value = entry.get(key)
        if value is None and note is not None and not entry.inline:
            value = note.extra.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _proper(facts: Facts) -> frozenset[str]:
    """First words of the vault's note titles and aliases ("Ines", "Postgres"): kept capitalised."""
    def make(f: Facts) -> frozenset[str]:
        words = set()
        for note in f.vault.notes.values():
            for name in (note.title, *note.aliases):
                word = name.split(" ", 1)[0]
                if word[:1].isupper():
                    words.add(word)
        return frozenset(words)
    return facts.kept("story-proper", make)


def _lowered(text: str, proper: frozenset[str]) -> str:
    """`clause`, also lowering any capitalised plain word that names no note ("First external talk")."""
    text = clause(text)
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower() and word not in proper:
        text = text[0].lower() + text[1:]
    return text


def talking_point(facts: Facts, entry: Entry) -> list[Markup | str]:
    """A win as the story to tell, for `join_md("")`: user text as str (escaped when shown),
    links as Markup."""
    proper = _proper(facts)
    what = plain(entry_text(entry) if entry.inline else (_LEADING_DATE.sub("", entry.title) or entry.title))
    impact = entry.get("impact")
    impact = plain(impact) if isinstance(impact, str) else ""
    if _word(impact) in ("i", "we"):
        impact = impact.split(" ", 1)[1] if " " in impact else ""
    did = sentence(what)
    project = entry.get("project")
    on = isinstance(project, Link) and not _named_in(what, _names(facts, project, entry.path))
    out: list[Markup | str] = []
    situation = _field(facts, entry, "situation", "problem")
    if situation:
        out += [plain(situation)[:1].upper() + plain(situation)[1:], Markup(". ")]
    if did.startswith("I worked on ") and impact:
        # A title that names a thing ("Cyber Week with zero downtime") heads the story; the impact
        # says what I did ("Led the platform side …" → "I led …") or what came of it.
        out.append(what)
        if on and not situation:
            out += [Markup(" ("), facts.ref(project, entry.path), Markup(")")]
        verb = starts_with_verb(impact)
        out += [Markup(": I " if verb else ": "), clause(impact) if verb else _lowered(impact, proper)]
        impact = ""
    else:
        if on and not situation:
            out += [Markup("On "), facts.ref(project, entry.path), Markup(", ")]
            if _word(did) in ("we", "my", "our"):
                did = did[:1].lower() + did[1:]  # "On [[X]], we shipped …"
        out.append(did)
    if impact and starts_with_verb(impact):
        out += [Markup(" and " if ", which " in impact else ", which "), clause(impact)]
    elif impact:
        out += [Markup(". The result: "), _lowered(impact, proper)]
    metrics = [plain(str(m)) for m in entry.get("metrics") or () if plain(str(m))]
    if metrics:
        out += [Markup(", measured as ") if len(out) > 1 else Markup(". Measured as "), "; ".join(metrics)]
    helped: list[Markup | str] = []
    said = False
    for link in entry.get("impacted") or ():
        if isinstance(link, Link) and _named_in(what, _names(facts, link, entry.path)):
            said = True
            continue
        helped.append(facts.ref(link, entry.path) if isinstance(link, Link) else str(link))
    if helped:
        out.append(Markup(". It also helped ") if said else Markup(". It helped "))
        for i, who in enumerate(helped):
            if i:
                out.append(Markup(" and " if i == len(helped) - 1 else ", "))
            out.append(who)
    out.append(Markup("."))
    return out
