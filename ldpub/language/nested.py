"""Places named inside other names: "Toronto" in "Toronto Star", "Volgograd" in "Volgograd Arena",
"Massachusetts" in "Massachusetts Institute of Technology", "Sheffield" in "University of Sheffield".

An organisation's or a venue's name often says where it is, and the article then mentions that
place too (GUM, for one, annotates such nested places). Only places the gazetteer knows well
count (:mod:`ldpub.entities.gazetteer`): a US state, or a city of 100,000 people or more, named
where a place is named in a name:

- after "of", "in" or "at" ("University of Sheffield", "University of Texas at Austin"), or at its
  end ("University of Texas Arlington");
- at its start ("Toronto Star", "Kowloon West"), where a city named by one word needs a million
  people, as for a name standing alone: founders and patrons are named there too ("Kennedy Space
  Center", "Tang Teaching Museum"), and "Kennedy" is a town's name as well.

Not countries: a country's name in an organisation's says whose body it is ("US State Department",
"Government of Iraq", "Bank of England"), a nationality rather than a place it is in; nor a place
inside a place's own name ("Mexico City", "New York").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ldpub.entities import gazetteer

_KNOWN_CITY = (100_000, 1_000_000)  # people a city needs: a name of several words (or after "of"), of one word
_LONGEST = 3  # words in a place's name
_BEFORE_A_PLACE = frozenset({"of", "in", "at"})
_WORD = re.compile(r"[^\s,/()]+")


@dataclass(frozen=True)
class Inner:
    """A place named inside a longer name: its offsets in that name, and the gazetteer's place."""

    start: int
    end: int
    name: str
    place: gazetteer.Place


def inner_places(name: str) -> list[Inner]:
    """The well-known places (see the module's doc) named inside ``name``, left to right."""
    words = list(_WORD.finditer(name))
    while words and not words[0].group(0)[:1].isupper():
        words.pop(0)  # "the Toronto Star"
    if len(words) < 2 or gazetteer.lookup(name[words[0].start() :]) is not None:
        return []  # one word, or a place's own name ("Mexico City")
    out: list[Inner] = []
    i = 0
    while i < len(words):
        found = _place_at(name, words, i)
        if found is None:
            i += 1
            continue
        out.append(found[1])
        i = found[0]
    return out


def _place_at(name: str, words: list[re.Match[str]], i: int) -> tuple[int, Inner] | None:
    """The longest well-known place starting at word ``i``, in a place's position, and the word after it."""
    for j in range(min(len(words), i + _LONGEST), i, -1):
        if (i, j) == (0, len(words)):
            continue
        start, end = words[i].start(), words[j - 1].end()
        text = re.sub(r"['’]s$", "", name[start:end])
        if not text[:1].isupper():
            return None
        place = gazetteer.lookup(text)
        if place is None:
            continue
        after = i > 0 and (words[i - 1].group(0) in _BEFORE_A_PLACE or j == len(words))
        if not (i == 0 or after) or not _well_known(place, 2 if after else j - i):
            return None
        return j, Inner(start, start + len(text), text, place)
    return None


def _well_known(place: gazetteer.Place, words: int) -> bool:
    if place.alias or place.kind == "country":
        return False
    return place.kind == "state" or place.population >= _KNOWN_CITY[words < 2]


__all__ = ["Inner", "inner_places"]
