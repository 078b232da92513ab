"""Google's structured data guidelines: the ``google-article`` and ``google-claimreview`` profiles."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex
from ldpub.validate.ranges import is_schema_date
from ldpub.validate.rules.registry import Rule, register
from ldpub.validate.vocab import Vocabulary

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


def pointed_values(info: NodeInfo, key: str) -> Iterator[tuple[Any, str | None]]:
    """Each of a property's values (as :func:`values` gives them) with its JSON Pointer:
    ``key/i`` in an array, ``key`` for a single value."""
    many = type(info.node.get(key)) is list
    for i, value in enumerate(values(info.node, key)):
        yield value, at(info.pointer, f"{key}/{i}" if many else key)


class LiveUpdates:
    """The nodes of a page that are a live blog's updates (``liveBlogUpdate`` values), found once a page."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.live = vocab.descendants("LiveBlogPosting")
        self.index: PageIndex | None = None
        self.found: frozenset[int] = frozenset()

    def of(self, index: PageIndex) -> frozenset[int]:
        """The ``id()`` of each update node of ``index``'s page (held with the index: no id is reused)."""
        if index is not self.index:
            found = set()
            for info in index.nodes:
                if not self.live.isdisjoint(info.types):
                    for value in values(info.node, "liveBlogUpdate"):
                        target = index.resolve(value)
                        if target is not None:
                            found.add(id(target.node))
            self.index, self.found = index, frozenset(found)
        return self.found


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

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__(vocab)
        self.updates = LiveUpdates(vocab)
        self.postings = vocab.descendants("BlogPosting")  # what a live blog's update is

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        if not self.postings.isdisjoint(info.types) and id(info.node) in self.updates.of(index):
            return ()  # a live blog's update is part of the article, not one: GA008 checks it
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


# Google's guidelines for paywalled content: the work marked not free names each paywalled
# section in hasPart, a WebPageElement with isAccessibleForFree false and a .class cssSelector
# (required, with JSON-LD or microdata); sections are not nested (PG003). Whether a selector matches
# the page is PG001's, a work marked not free with no part at all PG002's.
_CLASS_SELECTOR = re.compile(r"^(\.-?[_a-zA-Z\u00a0-\U0010ffff\\][-_a-zA-Z0-9\u00a0-\U0010ffff\\]*)+$")


def _not_free(value: Any) -> bool:
    first = value[0] if type(value) is list and value else value
    return first is False or (type(first) is str and first.strip().lower() == "false")


@register
class PaywalledPart(Rule):
    """paywalled content: a part in hasPart of a work marked not free lacks what Google requires
    (isAccessibleForFree false, a cssSelector)

    Google's paywalled-content guidelines require both on every paywalled section, a
    WebPageElement in the hasPart of the CreativeWork whose isAccessibleForFree is false."""

    code = "GA005"
    severity = "error"
    profile = "google-article"
    types = ("CreativeWork",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        node = info.node
        if "isAccessibleForFree" not in node or not _not_free(node["isAccessibleForFree"]):
            return ()
        if "cssSelector" in node or "WebPageElement" in info.types:
            return ()  # the part itself
        found: list[Problem] = []
        for part, where in pointed_values(info, "hasPart"):
            target = index.resolve(part)
            if target is None:
                continue  # a URL, or a reference out of the page: no part to read
            missing = []
            if not _not_free(target.node.get("isAccessibleForFree")):
                missing.append("isAccessibleForFree false")
            if not values(target.node, "cssSelector"):
                missing.append("a cssSelector")
            paywall_part = len(missing) < 2 or "WebPageElement" in target.types  # not a chapter or other part
            if missing and paywall_part:
                message = f"the paywalled part has no {' and no '.join(missing)} (Google requires both on each part)"
                found.append(self.found(info, message, where))
        return found


@register
class PaywallClassSelector(Rule):
    """paywalled content: a paywalled part's cssSelector is not a class selector (Google: only .class selectors)"""

    code = "GA006"
    severity = "warning"
    profile = "google-article"
    types = ("WebPageElement",)
    keys = ("cssSelector",)

    def check_value(self, info: NodeInfo, key: str, value: Any) -> Problem | None:
        if not _not_free(info.node.get("isAccessibleForFree")):
            return None  # speakable parts and other elements may use any selector
        text = value.get("@value") if isinstance(value, dict) else value
        if not isinstance(text, str) or _CLASS_SELECTOR.match(text.strip()):
            return None
        message = f"cssSelector {text!r} is not a class selector: Google reads only .class selectors (e.g. .paywall)"
        return self.found(info, message, at(info.pointer, key))


# Google's live blog guidelines: a LiveBlogPosting gives coverageStartTime, coverageEndTime and its
# updates (liveBlogUpdate, BlogPosting), each update its headline, datePublished and articleBody.
_UPDATE_REQUIRED = ("headline", "datePublished", "articleBody")


@register
class LiveBlogRequired(Rule):
    """live blog: a LiveBlogPosting lacks what Google requires (coverageStartTime, coverageEndTime, liveBlogUpdate)"""

    code = "GA007"
    severity = "error"
    profile = "google-article"
    types = ("LiveBlogPosting",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        for key in ("coverageStartTime", "coverageEndTime", "liveBlogUpdate"):
            if not values(info.node, key):
                yield self.found(info, f"{'/'.join(info.types)} has no {key} (Google requires it)", info.pointer)


@register
class LiveBlogUpdate(Rule):
    """live blog: an update (liveBlogUpdate) lacks what Google requires (headline, datePublished, articleBody)"""

    code = "GA008"
    severity = "error"
    profile = "google-article"
    types = ("LiveBlogPosting",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        for update, pointer in pointed_values(info, "liveBlogUpdate"):
            target = index.resolve(update)
            if target is None:
                continue  # a reference out of the page: LD014 says so
            missing = [key for key in _UPDATE_REQUIRED if not values(target.node, key)]
            if missing:
                message = f"the live blog update has no {', '.join(missing)} (Google requires each update to give it)"
                yield self.found(target, message, target.pointer or pointer)


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
