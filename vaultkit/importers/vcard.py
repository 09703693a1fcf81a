"""vCard files (`.vcf`, versions 2.1, 3.0 and 4.0), read with vobject.

Each VCARD gives a contact: FN (else the N parts) as the name, ORG's first part as the company,
TITLE (else ROLE) as the role, the first EMAIL, and every URL as a profile link.
"""

from __future__ import annotations

from typing import Any

import vobject

from vaultkit.importers.contentlines import block, decode, scan, split_lines
from vaultkit.importers.records import Contact, ImportFailure


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = next((str(v) for v in value if str(v).strip()), "")
    return " ".join(str(value).split())


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name, [])]


def _name(card: Any) -> str:
    fn = next((_text(v) for v in _values(card, "fn") if _text(v)), "")
    if fn:
        return fn
    for n in _values(card, "n"):
        parts = [getattr(n, key, "") for key in ("prefix", "given", "additional", "family", "suffix")]
        joined = " ".join(_text(p) for p in parts if _text(p))
        if joined:
            return joined
    return ""


def parse(data: bytes) -> list[Contact]:
    """The contacts of a vCard file, in file order; `ImportFailure` naming the line for a
    malformed one (a line that is no vCard line, a card cut short, a value vobject refuses)."""
    text = decode(data, "vCard file")
    contacts = []
    lines = split_lines(text)
    for comp in scan(text, "vCard file", "VCARD"):
        try:
            card = vobject.readOne(block(lines, comp))
        except Exception as exc:  # vobject raises ParseError, ValueError and others for a bad value
            raise ImportFailure(comp.begin, f"this vCard cannot be read: {exc}",
                                "check the card's lines against RFC 6350, or export it again") from None
        orgs = _values(card, "org")
        company = _text(orgs[0]) if orgs else ""
        role = next((_text(v) for key in ("title", "role") for v in _values(card, key) if _text(v)), "")
        email = next((_text(v) for v in _values(card, "email") if _text(v)), "")
        links = tuple(dict.fromkeys(_text(v) for v in _values(card, "url") if _text(v)))
        contacts.append(Contact(comp.begin, _name(card), company, role, email, links))
    return contacts
