"""`#told` and the marker tags (`#brag`, `#challenge`, `#told`, `#1-1`) as `reader.network`
reads them in an interaction's text: a tag at the start of the text or after a blank, `[`,
`,` or `;`, in any case, not followed by more of a tag. The patterns jump from `#` to `#`;
these tests hold them to that rule written out the plain way (a look-behind at every
position), on known cases and generated text."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.reader import network
from vaultkit.reader.model import Interaction

_TOLD_RULE = re.compile(r"(?:^|(?<=[\s\[,;]))#told(?![\w/-])", re.I)
_MARKER_RULE = re.compile(r"(?:^|(?<=[\s\[,;]))#(?:brag|challenge|told|1-1)(?:/[\w/-]*)?(?![\w/-])", re.I)


def said(text: str) -> Interaction:
    return Interaction(dt.date(2026, 1, 2), "Daily/2026-01-02.md", 3, text, "daily")


def test_told_where_the_tag_stands_alone() -> None:
    assert network.told(said("#told"))
    assert network.told(said("coffee with [[Ada]] #TOLD"))
    assert network.told(said("coffee;#told, later"))
    assert network.told(said("a\n#Told"))
    assert not network.told(said("coffee#told"))
    assert not network.told(said("coffee #told/x #toldly #told-her"))
    assert not network.told(said("no tag at all"))


def test_clean_drops_marker_tags_only() -> None:
    assert network.clean("Shipped it #brag/demo for [[Ada]] #told") == "Shipped it for [[Ada]]"
    assert network.clean("#1-1 career chat #bragging") == "career chat #bragging"


_TEXT = st.lists(st.sampled_from(["#told", "#TOLD", "#Told/x", "#", "told", " ", "\n", "\t", "[", ",", ";", "a",
                                  "/", "-", "_", "é", "x#told", "#brag", "#Brag/a", "#1-1", "#challenge", "1"]),
                 max_size=10).map("".join)


@settings(max_examples=800)
@given(_TEXT)
def test_told_and_the_marker_tags_follow_the_rule(text: str) -> None:
    assert network.told(said(text)) == (_TOLD_RULE.search(text) is not None)
    assert network._MARKER_TAG.sub(" ", text) == _MARKER_RULE.sub(" ", text)


@settings(max_examples=500)
@given(st.lists(st.tuples(_TEXT, st.integers(0, 3)), max_size=6), st.integers(0, 3))
def test_told_by_is_told_of_any_contact_up_to_today(said_on: list[tuple[str, int]], today: int) -> None:
    """`told_by` searches the texts joined by line breaks: as each text searched alone, whatever
    ends one text and starts the next (`#to` + `ld`, `coffee` + `#told`, `#told` + `/x`)."""
    day = dt.date(2026, 1, 1)
    contacts = [said(text)._replace(date=day + dt.timedelta(days=d)) for text, d in said_on]
    assert network.told_by(contacts, day + dt.timedelta(days=today)) == any(
        network.told(i) for i in contacts if i.date <= day + dt.timedelta(days=today))
    assert network.told_by([said("coffee #to"), said("ld"), said("#told/x")], day + dt.timedelta(days=9)) is False
