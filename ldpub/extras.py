"""A record's schema.org extras: properties it has no field for, and other nodes of the page.

A record part (the article, its page, site, publisher, an entity, an image, a video…) may carry
``extra``: further schema.org properties by their schema.org names, with compact JSON-LD values;
the record may carry ``other_nodes``: whole nodes (a Recipe, an Event). They keep what a page
says beyond the record's fields. :func:`extra_problems` checks them with ldpub's own validator
(schema.org terms, domains and ranges: a misspelt name gets a did-you-mean, every problem a JSON
Pointer into the record); :func:`flatten` turns their nested nodes into nodes of the graph, each
with an absolute ``@id``, so the built graph stays flat (one node per subject, linked by ``@id``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin

from ldpub.errors import pointer

# What the mapper writes itself on each part: (schema.org name → the record's field for it).
# An extra may not name them: the record's field says it, checked by the record's schema.
OWNED: dict[str, dict[str, str]] = {
    "article": {
        "headline": "headline",
        "alternativeHeadline": "alternative_headline",
        "description": "description",
        "articleSection": "section",
        "keywords": "keywords",
        "inLanguage": "language",
        "datePublished": "published",
        "dateModified": "modified",
        "dateCreated": "created",
        "author": "authors",
        "contributor": "contributors",
        "editor": "editors",
        "publisher": "publisher",
        "image": "images",
        "thumbnailUrl": "thumbnail_url",
        "video": "videos",
        "audio": "audio",
        "articleBody": "body",
        "wordCount": "body",
        "url": "url",
        "mainEntityOfPage": "url",
        "dateline": "dateline",
        "locationCreated": "dateline",
        "about": "about",
        "mentions": "mentions",
        "correction": "corrections",
        "comment": "notes",
        "commentCount": "comment_count",
        "backstory": "backstory",
        "isAccessibleForFree": "free",
        "hasPart": "paywalled",
        "speakable": "speakable",
        "coverageStartTime": "live",
        "coverageEndTime": "live",
        "liveBlogUpdate": "live",
        "translationOfWork": "translation",
        "translator": "translation",
    },
    "page": {
        "name": "page/name",
        "description": "page/description",
        "url": "url",
        "inLanguage": "language",
        "datePublished": "published",
        "dateModified": "modified",
        "mainEntity": "url",
        "relatedLink": "related",
        "publisher": "publisher",
        "isPartOf": "site",
        "breadcrumb": "page/breadcrumb",
        "primaryImageOfPage": "page/primary_image",
        "speakable": "page/speakable",
        "author": "page/authors",
    },
    "site": {"url": "site/url", "name": "site/name", "alternateName": "site/alternate_names", "publisher": "publisher"},
    "publisher": {
        "name": "publisher/name",
        "url": "publisher/url",
        "logo": "publisher/logo",
        "sameAs": "publisher/same_as",
        "alternateName": "publisher/alternate_names",
    },
    "entity": {
        "name": "name",
        "alternateName": "alternate_names",
        "description": "description",
        "url": "url",
        "sameAs": "same_as",
        "jobTitle": "job_title",
        "affiliation": "affiliation",
        "parentOrganization": "parent",
        "containedInPlace": "contained_in",
        "image": "image",
        "logo": "logo",
        "geo": "geo",
    },
    "image": {
        "url": "url",
        "contentUrl": "url",
        "caption": "caption",
        "width": "width",
        "height": "height",
        "creditText": "credit",
        "license": "license",
        "acquireLicensePage": "acquire_license_page",
        "copyrightNotice": "copyright_notice",
        "creator": "creator",
    },
    "video": {
        "name": "name",
        "description": "description",
        "contentUrl": "content_url",
        "embedUrl": "embed_url",
        "url": "url",
        "thumbnailUrl": "thumbnail_url",
        "uploadDate": "upload_date",
        "duration": "duration",
        "width": "width",
        "height": "height",
        "transcript": "transcript",
    },
    "update": {
        "headline": "headline",
        "datePublished": "published",
        "dateModified": "modified",
        "articleBody": "body",
        "url": "url",
        "author": "authors",
        "image": "image",
    },
    "review": {
        "url": "url",
        "claimReviewed": "claim_reviewed",
        "itemReviewed": "claim",
        "reviewRating": "rating",
        "author": "reviewer",
        "datePublished": "date",
    },
}
OWNED["audio"] = OWNED["video"]
# Policies are written by the mapper too (from publisher/policies).
POLICIES = {
    "publishing_principles": "publishingPrinciples",
    "corrections": "correctionsPolicy",
    "ethics": "ethicsPolicy",
    "masthead": "masthead",
    "diversity": "diversityPolicy",
    "diversity_staffing": "diversityStaffingReport",
    "actionable_feedback": "actionableFeedbackPolicy",
    "ownership_funding": "ownershipFundingInfo",
    "unnamed_sources": "unnamedSourcesPolicy",
    "verification": "verificationFactCheckingPolicy",
    "mission_coverage": "missionCoveragePrioritiesPolicy",
    "no_bylines": "noBylinesPolicy",
}
OWNED["publisher"].update({name: f"publisher/policies/{key}" for key, name in POLICIES.items()})


def extra_places(data: Mapping[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str, str, Mapping[str, Any]]]:
    """Every ``extra`` of a record: (its part's path, the part's kind, its schema.org type, the extra)."""
    article_type = str(data.get("type", "NewsArticle"))
    if "extra" in data:
        yield (), "article", article_type, data["extra"]
    page = data.get("page", {})
    if "extra" in page:
        yield ("page",), "page", str(page.get("type", "WebPage")), page["extra"]
    if "extra" in data.get("site", {}):
        yield ("site",), "site", "WebSite", data["site"]["extra"]
    if "extra" in data.get("publisher", {}):
        yield ("publisher",), "publisher", "NewsMediaOrganization", data["publisher"]["extra"]
    for key, entity in data.get("entities", {}).items():
        if "extra" in entity:
            yield ("entities", key), "entity", str(entity["type"]), entity["extra"]
    for name, kind, schema_type in (
        ("images", "image", "ImageObject"),
        ("videos", "video", "VideoObject"),
        ("audio", "audio", "AudioObject"),
        ("reviews", "review", "ClaimReview"),
    ):
        for i, item in enumerate(data.get(name, ())):
            if "extra" in item:
                yield (name, i), kind, schema_type, item["extra"]
    for i, update in enumerate(data.get("live", {}).get("updates", ())):
        if "extra" in update:
            yield ("live", "updates", i), "update", "BlogPosting", update["extra"]


def extra_problems(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(pointer, message) for each problem of a record's extras and other nodes: a name the record
    has a field for, and every error ldpub's validator finds in them (unknown terms with a
    did-you-mean, a property off its type's domain, a value out of its range)."""
    for path, kind, schema_type, extra in extra_places(data):
        owned = OWNED[kind]
        clean = {}
        for name, value in extra.items():
            if name in owned:
                field = owned[name]
                yield (
                    pointer((*path, "extra", name)),
                    f"{name} is written from the record's field {field!r}: set it there",
                )
            else:
                clean[name] = value
        if clean:
            yield from _validated({"@type": schema_type, **clean}, (*path, "extra"))
    for i, node in enumerate(data.get("other_nodes", ())):
        yield from _validated(dict(node), ("other_nodes", i))


def _validated(node: dict[str, Any], path: tuple[str | int, ...]) -> Iterator[tuple[str, str]]:
    for where, message in validation_errors(node):
        yield pointer(path) + where, message


def validation_errors(node: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The errors ldpub's validator finds in one node of compact schema.org JSON-LD: (pointer into
    the node, message with its code). Warnings (text where a node is expected…) are not errors."""
    from ldpub.validate.sources import Document

    document = {"@context": "https://schema.org", **node}
    return [
        (finding.pointer or "", f"{finding.message} ({finding.code})")
        for finding in _validator().check_documents([Document("<record>", document)])
        if finding.severity == "error"
    ]


@functools.cache
def _validator() -> Any:
    from ldpub.validate import Validator

    return Validator()


# --- into the graph --------------------------------------------------------------------------


def child_id(owner: str, name: str) -> str:
    """The ``@id`` of a node nested in ``owner`` under ``name``: ``{owner}-{name}`` when the owner's
    IRI has a fragment, else ``{owner}#{name}``."""
    return f"{owner}-{name}" if "#" in owner else f"{owner}#{name}"


def flatten(owner: str, values: Mapping[str, Any], base: str, out: list[dict[str, Any]]) -> dict[str, Any]:
    """``values`` (extra properties of node ``owner``) with each nested node replaced by a reference,
    the nested nodes appended to ``out`` (recursively, depth first) with absolute ``@id``s: their own
    (resolved against ``base``) or :func:`child_id`."""
    flat: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, list):
            several = sum(1 for v in value if _is_node(v)) > 1
            items = [_value(owner, name, v, i if several else None, base, out) for i, v in enumerate(value, 1)]
            flat[name] = items
        else:
            flat[name] = _value(owner, name, value, None, base, out)
    return flat


def node_of(data: Mapping[str, Any], iri: str, base: str, out: list[dict[str, Any]]) -> dict[str, Any]:
    """A whole node (``other_nodes``): its ``@id`` (own, resolved, else ``iri``), ``@type`` and
    properties, nested nodes flattened into ``out``."""
    own = _absolute(data.get("@id"), base)
    node_iri = own or iri
    node: dict[str, Any] = {"@id": node_iri, "@type": data["@type"]}
    node.update(flatten(node_iri, {k: v for k, v in data.items() if not k.startswith("@")}, base, out))
    return node


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and "@type" in value


def _value(owner: str, name: str, value: Any, index: int | None, base: str, out: list[dict[str, Any]]) -> Any:
    if not isinstance(value, dict):
        return value
    if set(value) == {"@id"}:
        ref = _absolute(value["@id"], base)
        return {"@id": ref} if ref else value
    if "@type" not in value:
        return value  # a value object or an untyped node: kept as written
    slot = name if index is None else f"{name}-{index}"
    position = len(out)  # the node before the nodes nested in it
    child = node_of(value, child_id(owner, slot), base, out)
    out.insert(position, child)
    return {"@id": child["@id"]}


def _absolute(iri: Any, base: str) -> str | None:
    """``iri`` resolved against ``base`` when that gives an http(s) IRI, else None (a blank node)."""
    if not isinstance(iri, str) or iri.startswith("_:"):
        return None
    try:
        resolved = urljoin(base, iri)
    except ValueError:  # not a URL at all ("[[…")
        return None
    return resolved if resolved.startswith(("http://", "https://")) else None
