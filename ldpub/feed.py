"""The ClaimReview data feed: a schema.org ``DataFeed`` of a newsroom's fact-checks.

Fact-checkers hand their ClaimReviews to search engines and fact-check aggregators as one feed
rather than page by page. :func:`claim_review_feed` takes built articles and gives one compact
JSON-LD document: the ``DataFeed`` (its ``dataFeedElement`` the ClaimReviews, newest first) and
every node the reviews need to stand alone — their claims, ratings, reviewers, the claims'
authors, and a short node for the article each claim appears in (headline, url, date,
publisher). ``@id``s are the articles' own, so the feed and the pages describe the same nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ldpub.mapping import CONTEXT

_ARTICLE_SUMMARY = ("@id", "@type", "headline", "url", "datePublished", "publisher")


def claim_review_feed(
    graphs: Iterable[Mapping[str, Any]], *, feed_id: str, now: datetime, name: str | None = None
) -> dict[str, Any]:
    """The DataFeed document of every ClaimReview in ``graphs`` (built articles' JSON-LD).

    ``feed_id`` is the feed's own IRI (where it is published); ``now`` its ``dateModified``.
    Raises :class:`ValueError` when the articles hold no ClaimReview."""
    nodes: dict[str, dict[str, Any]] = {}
    reviews: list[dict[str, Any]] = []
    for graph in graphs:
        by_id = {str(n["@id"]): n for n in graph.get("@graph", []) if isinstance(n, dict) and "@id" in n}
        articles = {i for i, n in by_id.items() if i.endswith("#article")}
        for node in by_id.values():
            if node.get("@type") != "ClaimReview":
                continue
            reviews.append(node)
            _gather(node, by_id, articles, nodes)
    if not reviews:
        raise ValueError("the articles hold no ClaimReview (a record's reviews)")
    reviews.sort(key=lambda r: (str(r.get("datePublished", "")), str(r["@id"])), reverse=True)
    feed: dict[str, Any] = {"@id": feed_id, "@type": "DataFeed"}
    if name:
        feed["name"] = name
    feed["dateModified"] = now.isoformat()
    feed["dataFeedElement"] = [{"@id": r["@id"]} for r in reviews]
    return {"@context": CONTEXT, "@graph": [feed, *nodes.values()]}


def _gather(
    node: Mapping[str, Any], by_id: Mapping[str, dict[str, Any]], articles: set[str], out: dict[str, dict[str, Any]]
) -> None:
    """``node`` and the nodes it refers to, depth first; an article only as its summary."""
    iri = str(node["@id"])
    if iri in out:
        return
    if iri in articles:
        out[iri] = {k: v for k, v in node.items() if k in _ARTICLE_SUMMARY}
        node = out[iri]
    else:
        out[iri] = dict(node)
    for value in node.values():
        for item in value if isinstance(value, list) else [value]:
            ref = item.get("@id") if isinstance(item, dict) and len(item) == 1 else None
            if isinstance(ref, str) and ref in by_id:
                _gather(by_id[ref], by_id, articles, out)
