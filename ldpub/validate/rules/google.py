"""Google's structured data guidelines: the ``google-article`` and ``google-claimreview`` profiles."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex
from ldpub.validate.ranges import is_schema_date
from ldpub.validate.rules.registry import Rule, register

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")  # reduced precision too ("2017-08"): ISO 8601, no time
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO_DATETIME_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
_DATES = ("datePublished", "dateModified")


def values(node: dict[str, Any], key: str) -> list[Any]:
    """A property's values as a list (none for a missing, empty or empty-array value)."""
    value = node.get(key)
    if value is None or value == "" or value == []:
        return []
    return value if isinstance(value, list) else [value]


def at(pointer: str | None, key: str) -> str | None:
    return None if pointer is None else f"{pointer}/{key}"


# --- google-article ----------------------------------------------------------------------------


@register
class ArticleRecommended(Rule):
    """Article: a property Google recommends is missing (author, datePublished, dateModified, headline, image)

    Google's Article guidelines (2024) require nothing and recommend these."""

    code = "GA001"
    severity = "warning"
    profile = "google-article"
    types = ("Article",)
    RECOMMENDED = ("author", "datePublished", "dateModified", "headline", "image")

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        get = info.node.get
        found: list[Problem] = []
        for key in self.RECOMMENDED:
            value = get(key)
            if value is None or value == "" or value == []:
                found.append(
                    self.found(info, f"{'/'.join(info.types)} has no {key} (Google recommends it)", info.pointer)
                )
        return found


@register
class ArticleAuthor(Rule):
    """Article: an author without a name or url"""

    code = "GA002"
    severity = "warning"
    profile = "google-article"
    types = ("Article",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        authors: Any = info.node.get("author")
        many = type(authors) is list
        listed: list[Any] = authors if many else [] if authors is None else [authors]
        for i, author in enumerate(listed):
            where = at(info.pointer, f"author/{i}" if many else "author")
            target = index.resolve(author)
            if target is None:
                if isinstance(author, str):
                    message = "author given as text: Google recommends a Person or Organization with name and url"
                    yield self.found(info, message, where)
                continue  # else a reference out of the page: LD014 says so
            if target.node.get("name") and target.node.get("url"):
                continue
            missing = [k for k in ("name", "url") if not values(target.node, k)]
            yield self.found(info, f"author has no {' or '.join(missing)} (Google recommends both)", where)


def _date_text(value: Any) -> str | None:
    """A date value's text, unless it is a good date (with time and zone) or no date text at all.

    GA003 and GA004 both ask, one after the other, about the same value: the last answer is kept."""
    last = _LAST[0]
    if last[0] is value:
        return last[1]
    found = _judge_date(value)
    _LAST[0] = (value, found)
    return found


def _judge_date(value: Any) -> str | None:
    if type(value) is str:
        if _ISO_DATETIME_TZ.match(value) or not is_schema_date(value):
            return None  # fine, or not a date at all: LD023 says so, once
        return value
    if isinstance(value, dict):  # a typed literal: the vocabulary check leaves it be
        value = value.get("@value")
        if isinstance(value, str) and not _ISO_DATETIME_TZ.match(value):
            return value
    return None


_LAST: list[tuple[Any, str | None]] = [(object(), None)]  # the last value judged, and its text


@register
class ArticleDateFormat(Rule):
    """Article: a typed datePublished / dateModified is not ISO 8601 (as text: LD023)"""

    code = "GA003"
    severity = "error"
    profile = "google-article"
    types = ("Article",)
    keys = _DATES

    def check_value(self, info: NodeInfo, key: str, value: Any) -> Problem | None:
        found = _date_text(value)
        if found is None or _ISO_DATE.match(found) or _ISO_DATETIME.match(found):
            return None
        message = f"{key} {found!r} is not ISO 8601, e.g. 2024-05-01T09:30:00+02:00"
        return self.found(info, message, at(info.pointer, key))


@register
class ArticleDateTime(Rule):
    """Article: datePublished / dateModified has no time (with time zone)"""

    code = "GA004"
    severity = "warning"
    profile = "google-article"
    types = ("Article",)
    keys = _DATES

    def check_value(self, info: NodeInfo, key: str, value: Any) -> Problem | None:
        found = _date_text(value)
        if found is None or not (_ISO_DATE.match(found) or _ISO_DATETIME.match(found)):
            return None
        message = f"{key} {found!r} has no time with a time zone, e.g. 2024-05-01T09:30:00+02:00"
        return self.found(info, message, at(info.pointer, key))


# --- google-claimreview ------------------------------------------------------------------------


@register
class ClaimReviewRequired(Rule):
    """ClaimReview: a property Google requires is missing (claimReviewed, reviewRating with alternateName, url)"""

    code = "GC001"
    severity = "error"
    profile = "google-claimreview"
    types = ("ClaimReview",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        node = info.node
        for key in ("claimReviewed", "url"):
            if not values(node, key):
                yield self.found(info, f"ClaimReview has no {key} (Google requires it)", info.pointer)
        ratings = values(node, "reviewRating")
        if not ratings:
            yield self.found(info, "ClaimReview has no reviewRating (Google requires it)", info.pointer)
        for rating in ratings:
            target = index.resolve(rating)
            if target is not None and not values(target.node, "alternateName"):
                message = "reviewRating has no alternateName (the verdict in words) (Google requires it)"
                yield self.found(info, message, at(info.pointer, "reviewRating"))


@register
class ClaimReviewRecommended(Rule):
    """ClaimReview: a property Google recommends is missing
    (author, itemReviewed Claim with author, datePublished, appearance)"""

    code = "GC002"
    severity = "warning"
    profile = "google-claimreview"
    types = ("ClaimReview",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        node, where = info.node, info.pointer
        if not values(node, "author"):
            yield self.found(info, "ClaimReview has no author (Google recommends it)", where)
        items = values(node, "itemReviewed")
        if not items:
            yield self.found(info, "ClaimReview has no itemReviewed Claim (Google recommends it)", where)
        for item in items:
            target = index.resolve(item)
            if target is not None:
                yield from self._claim(info, target)

    def _claim(self, info: NodeInfo, target: NodeInfo) -> Iterator[Problem]:
        where = at(info.pointer, "itemReviewed")
        if target.types and not any(self.vocab.is_a(t, "Claim") for t in target.types):
            message = f"itemReviewed is a {'/'.join(target.types)}, not a Claim (Google recommends it)"
            yield self.found(info, message, where)
        for key in ("author", "datePublished"):
            if not values(target.node, key):
                yield self.found(info, f"the reviewed Claim has no {key} (Google recommends it)", where)
        if not values(target.node, "appearance") and not values(target.node, "firstAppearance"):
            message = "the reviewed Claim has no appearance or firstAppearance (Google recommends it)"
            yield self.found(info, message, where)
