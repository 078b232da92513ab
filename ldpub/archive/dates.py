"""Dates in the archive: every date ``xsd:date``, every date-time ``xsd:dateTime`` with its zone.

schema.org's JSON-LD context types ``datePublished`` and 45 other properties ``schema:Date``
(``"2022-09-20T10:00:00+03:00"^^schema:Date``), a datatype SPARQL engines do not know: a
``FILTER(?d > "2024-01-01T00:00:00Z"^^xsd:dateTime)`` or ``YEAR(?d)`` on such a literal gives no
row and no error. So the archive (not the published JSON-LD, which stays as schema.org writes
it) stores each date by what its text is:

- ``2022-09-20`` (a zone may follow) → ``xsd:date``;
- ``2022-09-20T10:00:00+03:00`` → ``xsd:dateTime``, its zone kept as written (``+03:00``, ``Z``);
  seconds are added when the text has none (``T10:00`` → ``T10:00:00``), a zone ``+0300`` is
  written ``+03:00``, and ``T`` may be a space or ``t``;
- a date-time **without a zone** is read as **UTC** (``Z`` added): XML Schema leaves the order of
  a zoned and an unzoned date-time open within 14 hours, and the engines differ on it (Oxigraph
  raises an error that drops the row, Virtuoso reads the server's own zone), so the same query
  would give different rows on different stores;
- anything else (``2022-09``, ``2022``, ``30`` days, ``yesterday``, a 31 February) keeps its
  datatype: it is not a date SPARQL can compare.

This applies to literals typed ``schema:Date``/``schema:DateTime`` (``http`` or ``https``),
``xsd:date``/``xsd:dateTime``, and to plain text on a property that schema.org's context types as
a date. :func:`archive_term` does it for pyoxigraph terms, :func:`archive_object` for the object of
an N-Quads line.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pyoxigraph as ox

from ldpub.context import SCHEMA, XSD, terms

XSD_DATE = XSD + "date"
XSD_DATE_TIME = XSD + "dateTime"
_XSD_STRING = XSD + "string"
DATE_TYPES = frozenset(
    {XSD_DATE, XSD_DATE_TIME}
    | {f"{scheme}://schema.org/{name}" for scheme in ("http", "https") for name in ("Date", "DateTime")}
)

_DATE_TIME = re.compile(
    r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]+)?)?)?"
    r"(Z|z|[+-][0-9]{2}:?[0-9]{2})?"
)
# The object of an N-Quads line that may be a date: a typed literal (the lexical form of a date
# has no quote or backslash), or plain text.
_TYPED = re.compile(r'"([^"\\]*)"\^\^<([^>]*)>')
_PLAIN = re.compile(r'"([^"\\]*)"')


@functools.lru_cache(maxsize=65_536)  # an archive's dates repeat (a day's articles, their claims)
def typed_date(lexical: str) -> tuple[str, str] | None:
    """``(lexical form, XSD datatype IRI)`` for a date or date-time's text; None for other text."""
    match = _DATE_TIME.fullmatch(lexical.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if not _valid_day(int(year), int(month), int(day)):
        return None
    if zone is not None:
        if zone in ("Z", "z"):
            zone = "Z"
        else:
            hours, minutes = int(zone[1:3]), int(zone[-2:])
            if hours > 14 or minutes > 59 or (hours == 14 and minutes):
                return None
            zone = f"{zone[0]}{hours:02d}:{minutes:02d}"
    date = f"{year}-{month}-{day}"
    if hour is None:
        return date + (zone or ""), XSD_DATE
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        return None
    return f"{date}T{hour}:{minute}:{second or '00'}{fraction or ''}{zone or 'Z'}", XSD_DATE_TIME


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_day(year: int, month: int, day: int) -> bool:
    if year == 0 or not 1 <= month <= 12:  # XML Schema 1.1 has a year 0; SPARQL engines do not agree on it
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # proleptic, also outside 1..9999
    days = _DAYS_IN_MONTH[month - 1] + (1 if month == 2 and leap else 0)
    return 1 <= day <= days


@functools.cache
def date_properties() -> frozenset[str]:
    """The IRIs (``http`` and ``https`` schema.org) of the properties the context types as dates."""
    names = {t.iri[len(SCHEMA) :] for t in terms().values() if t.coerce in DATE_TYPES and t.iri.startswith(SCHEMA)}
    return frozenset(f"{scheme}://schema.org/{name}" for scheme in ("http", "https") for name in names)


@functools.cache
def date_predicate_terms() -> frozenset[str]:
    """:func:`date_properties` as N-Quads terms (``<http://schema.org/datePublished>``)."""
    return frozenset(f"<{iri}>" for iri in date_properties())


def archive_term(obj: Any, predicate: Any) -> Any:
    """``obj`` as the archive stores it: a date literal typed by its text (see the module), any
    other term unchanged."""
    if type(obj) is not ox.Literal:
        return obj
    datatype = obj.datatype.value
    if datatype not in DATE_TYPES and (datatype != _XSD_STRING or predicate.value not in date_properties()):
        return obj
    typed = typed_date(obj.value)
    if typed is None:
        return obj
    return ox.Literal(typed[0], datatype=ox.NamedNode(typed[1]))


def archive_object(predicate: str, obj: str) -> str:
    """The object of an N-Quads line (``"2022-09-20"^^<http://schema.org/Date>``) as the archive
    stores it; ``obj`` unchanged unless it is a date (see the module)."""
    match = _TYPED.fullmatch(obj)
    if match is not None:
        lexical, datatype = match.groups()
        if datatype not in DATE_TYPES and (datatype != _XSD_STRING or predicate[1:-1] not in date_properties()):
            return obj
    else:
        match = _PLAIN.fullmatch(obj)
        if match is None or predicate[1:-1] not in date_properties():
            return obj
        lexical = match.group(1)
    typed = typed_date(lexical)
    return obj if typed is None else f'"{typed[0]}"^^<{typed[1]}>'
