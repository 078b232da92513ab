"""The page: an article's paywall markup checked against the HTML page it describes.

:mod:`ldpub.paywall` reads the markup and matches each ``cssSelector`` on the page (the input
itself for a page, ``--page`` for JSON-LD); :class:`ldpub.validate.Validator` reports what it
finds under these codes. They have no hooks on the JSON-LD walk: the page's elements are not in it.
"""

from __future__ import annotations

from ldpub.validate.rules.registry import Rule, register


@register
class PaywallSelectorUnmatched(Rule):
    """a paywalled part's cssSelector matches no element of the page (or is no CSS selector)"""

    code = "PG001"
    severity = "error"


@register
class NotFreeWithoutPart(Rule):
    """an article marked not free (isAccessibleForFree false) names no paywalled part (hasPart with a cssSelector)"""

    code = "PG002"
    severity = "warning"


@register
class NestedPaywalledParts(Rule):
    """a paywalled part lies inside another (Google asks not to nest them)"""

    code = "PG003"
    severity = "warning"
