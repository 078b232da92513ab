"""Dates on a page as evidence: each candidate with where it was found, read as far as it goes.

A candidate is a text (``2019-11-19T19:31:39+02:00``, ``November 19, 2019, 07:47 PM EST``,
``/2019/11/19/`` in the URL path) and its source (``JSON-LD datePublished``, ``meta
article:published_time``…). :func:`read_date` reads it into a :class:`PageDate`: complete
(date, time and zone), without a zone, or a date only. :func:`choose` picks the best one:
a complete date first, in source order; else, only when the newsroom's time zone is known,
a date-time completed with that zone; else a date alone, at midnight in that zone. What was
completed is said in :attr:`Choice.inferred`, never silently.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser

# Sources whose value is a page's own statement of the date; any other (a <time> element, a
# marked text, the URL path) is our reading of the page, reported as an inference.
STATED_SOURCES = ("JSON-LD", "microdata", "RDFa", "meta")

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE)
_YEAR_FIRST = re.compile(r"^\d{4}[/.]\d{1,2}[/.]\d{1,2}\b")
_UTC_NAMES = frozenset({"UTC", "GMT", "UT", "Z"})
# A date in a URL path: /2019/11/19/ or /2019/nov/18/ (a year and month alone is no date).
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]((?:0?[1-9]|1[0-2])|[a-z]{3,9})[/-]((?:0?[1-9]|[12]\d|3[01]))(?=/|$|[-_.])", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class PageDate:
    """A date read from one candidate: ``value`` is naive unless the text gave its zone."""

    value: datetime
    text: str
    source: str
    has_time: bool = True
    zone_name: str | None = None  # an abbreviation the text gave but ldpub cannot resolve alone ("EST")

    @property
    def complete(self) -> bool:
        return self.value.tzinfo is not None


@dataclass(frozen=True, slots=True)
class Choice:
    """The chosen date-time (ISO 8601 with a zone), how it was inferred (None: as stated), and notes."""

    value: str | None
    inferred: str | None = None
    problem: str | None = None  # why a date on the page was left out


def read_date(text: str, source: str) -> PageDate | None:
    """The date in ``text``, or None when it is not a full date (a year and month alone, or no date)."""
    text = text.strip()
    if _ISO.match(text):
        iso = _read_iso(text)
        if iso is not None:
            return PageDate(iso, text, source, has_time=bool(re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text)))
    if not (_MONTH.search(text) or _YEAR_FIRST.match(text)) or not re.search(r"\b(?:19|20)\d{2}\b", text):
        return None  # 05/10/2018 is May or October: not guessed
    # JavaScript's Date.toString says "GMT+0300" for +03:00; dateutil would read it POSIX-style (-03:00).
    cleaned = re.sub(r"\bGMT([+-]\d{2}:?\d{2})\b", r"\1", text)
    cleaned = re.sub(r"\s*\([^)]*\)\s*$", "", cleaned)  # "(Eastern Standard Time)"
    names: list[str] = []

    def zone_of(name: str | None, offset: int | None) -> tzinfo | None:
        if offset is not None:
            return timezone(timedelta(seconds=offset))
        if name and name.upper() in _UTC_NAMES:
            return UTC
        if name:
            names.append(name)
        return None

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns about zone names it does not know
            first = date_parser.parse(cleaned, default=datetime(2000, 1, 1), tzinfos=zone_of)
            names.clear()
            other = date_parser.parse(cleaned, default=datetime(2001, 2, 2, 1, 1, 1), tzinfos=zone_of)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != other.date():
        return None  # the day, month or year is missing: dateutil filled it in
    has_time = (first.hour, first.minute) == (other.hour, other.minute)  # seconds are often left out
    zone_name = names[0] if names and has_time else None
    return PageDate(first if has_time else first.replace(tzinfo=None), text, source, has_time, zone_name)


def _read_iso(text: str) -> datetime | None:
    text = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", text)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0100 → +01:00
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def url_dates(url: str | None) -> list[tuple[str, str]]:
    """A date in the URL's path (``/2019/11/19/``, ``/2019/nov/18/``) as a candidate."""
    if not url:
        return []
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).split("?")[0]
    match = _URL_DATE.search(path)
    if not match:
        return []
    return [(match.group(0).strip("/"), "the URL path")]


def choose(candidates: Iterable[tuple[str, str]], zone: ZoneInfo | None, zone_label: str | None) -> Choice:
    """The best date among ``(text, source)`` candidates, given in source order (best first).

    ``zone`` is the newsroom's time zone (``zone_label`` names where it came from in messages:
    ``--timezone Asia/Beirut``); without it a date lacking a zone is not used.
    """
    dates = [d for text, source in candidates if (d := read_date(text, source)) is not None]
    for date in dates:
        if date.complete:
            how = None if date.source.startswith(STATED_SOURCES) else f"from {date.source} {date.text!r}"
            return Choice(date.value.isoformat(), how)
    with_time = [d for d in dates if d.has_time]
    date_only = [d for d in dates if not d.has_time]
    if not dates:
        return Choice(None)
    first = (with_time or date_only)[0]
    if zone is None:
        what = "as a date without a time"
        if first.has_time:
            what = (
                f"in the zone {first.zone_name!r}, which names no zone alone"
                if first.zone_name
                else "without a time zone"
            )
        return Choice(None, problem=f"gives the {{field}} date as {first.text!r} ({first.source}), {what}")
    for date in with_time:
        local = date.value.replace(tzinfo=zone)
        if date.zone_name is not None and local.tzname() != date.zone_name:
            continue  # "07:47 PM EST" is not in a zone called something else at that moment
        named = f" ({date.zone_name} = {zone_label})" if date.zone_name else f" + {zone_label}"
        return Choice(local.isoformat(), f"from {date.source} {date.text!r}{named}")
    if date_only:
        date = date_only[0]
        local = date.value.replace(tzinfo=zone)
        return Choice(
            local.isoformat(), f"from {date.source} {date.text!r} + {zone_label} (no time of day given: midnight)"
        )
    named_date = with_time[0]
    return Choice(
        None,
        problem=f"gives the {{field}} date as {named_date.text!r} ({named_date.source}), in a zone "
        f"{named_date.zone_name!r} that {zone_label} does not call itself then",
    )
