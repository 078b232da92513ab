"""Patterns of news copy's layout, kept once: the dateline that opens a story.

"AMMAN, Jordan (AP) —", "BEIRUT —", "DEIR ez-ZOR, Syria, March 3 (Levant Wire) –",
"WASHINGTON/ANKARA (Reuters) -": a place in capitals (any script), an optional region, an
optional date, an optional agency in brackets, then a dash and the story. The layout reader
(:mod:`ldpub.read.text_layout`) takes it off the first paragraph; the language steps blank it
out of the text they read (it is no name in a sentence, and no part of a claim).
"""

from __future__ import annotations

import re

MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Letters of any script ("BOGOTÁ", "SÃO PAULO"); that they are capitals is checked in dateline().
_PLACE_CAPS = r"[^\W\d_][^\W\d_'’.]*(?:[ -](?:[^\W\d_][^\W\d_'’.]*|[a-z]{1,3}-[^\W\d_][^\W\d_'’.]*))*"
_PLACES_CAPS = rf"(?P<place>{_PLACE_CAPS})(?:/{_PLACE_CAPS})*"  # "WASHINGTON/ANKARA": filed from the first
DATELINE = re.compile(
    rf"^(?P<text>{_PLACES_CAPS}(?:,\s*(?!{MONTHS}\s*\d)(?P<region>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){{0,3}}))?"
    rf"(?:,?\s*{MONTHS}\s*\d{{1,2}})?\s*(?:\((?P<agency>[^()\n]{{1,40}})\))?)[ \t]*(?:—|–|--?)[ \t]+(?=\S)",
    re.MULTILINE,
)


def dateline(paragraph: str, at: int = 0) -> re.Match[str] | None:
    """The dateline opening ``paragraph`` at ``at`` (the start of a line), or None.

    Its place must be written in capitals (three or more, "DEIR ez-ZOR" counts its capitals), and a
    sentence must follow: "NATO — the alliance said" is an acronym and an aside, not a dateline.
    """
    m = DATELINE.match(paragraph, at)
    if m is None:
        return None
    capitals = re.sub(r"(?<![^\W\d_])[a-z]{1,3}-", "", m.group("place"))  # "DEIR ez-ZOR"
    if not capitals.isupper() or sum(c.isupper() for c in capitals) < 3 or paragraph[m.end() :][:1].islower():
        return None
    return m


def blank_datelines(text: str) -> str:
    """``text`` with the dateline opening any of its lines replaced by spaces (offsets unchanged)."""
    out = text
    for m in DATELINE.finditer(text):
        if dateline(text, m.start()) is not None:
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def strip_dateline(text: str) -> str:
    """``text`` without the dateline that opens it, if one does."""
    m = dateline(text)
    return text[m.end() :] if m else text


# "(R-S.C.)", "R-Ohio", "D-N.Y.", "I-Vt.": a lawmaker's party and state (or district), written after
# the name in US copy. It names no one: not a person, organisation or place of its own.
PARTY_STATE = re.compile(r"[DRI]-[A-Z][a-zA-Z]*\.?(?:\s?[A-Z][a-z]*\.?)?")
