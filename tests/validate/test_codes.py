"""Every finding code: an input that triggers it, and a near miss that does not.

The table must cover every code in ``ldpub.validate.CODES`` (a test checks that), so a new
code cannot land without both tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ldpub.validate import CODES, Validator

from .conftest import DATA

CTX = "https://schema.org"
URL = "https://news.example.org/2024/05/bridge.html"
ORG = "https://news.example.org/#org"


def page(*blocks: str) -> str:
    scripts = "\n".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<!DOCTYPE html>\n<html><head><title>t</title>\n{scripts}\n</head><body><p>x</p></body></html>\n"


def j(doc: Any) -> str:
    return json.dumps(doc, indent=2)


def article(**changes: Any) -> dict[str, Any]:
    """A NewsArticle that is clean under every profile; ``changes`` set (or, with None, drop) properties."""
    doc: dict[str, Any] = {
        "@context": CTX,
        "@type": "NewsArticle",
        "@id": URL + "#article",
        "url": URL,
        "headline": "Council approves the new bridge",
        "datePublished": "2024-05-01T09:00:00+02:00",
        "dateModified": "2024-05-01T11:30:00+02:00",
        "image": ["https://news.example.org/img/bridge.jpg"],
        "author": [
            {
                "@type": "Person",
                "@id": "https://news.example.org/staff/jane-doe",
                "name": "Jane Doe",
                "url": "https://news.example.org/staff/jane-doe",
            }
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "@id": ORG,
            "name": "Example News",
            "logo": {"@type": "ImageObject", "url": "https://news.example.org/logo.png"},
        },
    }
    return changed(doc, changes)


def changed(doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with each key of ``changes`` set to its value, or removed where the value is None."""
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def claim_review(**changes: Any) -> dict[str, Any]:
    """Google's ClaimReview example, complete."""
    doc: dict[str, Any] = {
        "@context": CTX,
        "@type": "ClaimReview",
        "@id": "https://example.com/news/science/worldisflat.html#review",
        "url": "https://example.com/news/science/worldisflat.html",
        "claimReviewed": "The world is flat",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Square World Society"},
            "datePublished": "2016-06-20",
            "appearance": {"@type": "OpinionNewsArticle", "url": "https://example.com/news/a122121"},
        },
        "author": {"@type": "Organization", "name": "Example.com science watch"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": "1",
            "bestRating": "5",
            "worstRating": "1",
            "alternateName": "False",
        },
    }
    return changed(doc, changes)


@dataclass
class Case:
    bad: str | bytes
    good: str | bytes
    profiles: tuple[str, ...] = ()
    suffix: str = ".jsonld"
    pointer: str | None = "unset"  # the pointer the finding must carry ("unset": not checked)


def paywalled(*selectors: str, body: str = '<div class="paywall">x</div>') -> str:
    """A page whose article is paywalled, its parts named by ``selectors``, its body ``body``."""
    parts = [{"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": css} for css in selectors]
    doc = article(isAccessibleForFree=False, hasPart=parts[0] if len(parts) == 1 else parts)
    return page(j(doc)).replace("<p>x</p>", body)


def live_blog(**changes: Any) -> dict[str, Any]:
    """A live blog as Google's live blog guidelines show one: coverage times and two updates."""
    updates = [
        {
            "@type": "BlogPosting",
            "@id": URL + f"#update-{i}",
            "headline": headline,
            "datePublished": f"2024-05-01T09:{10 * i}:00+02:00",
            "articleBody": f"{headline}.",
        }
        for i, headline in enumerate(("The vote opens", "The bridge is approved"), 1)
    ]
    doc = article(
        **{"@type": "LiveBlogPosting", "coverageStartTime": "2024-05-01T09:00:00+02:00"},
        coverageEndTime="2024-05-01T12:00:00+02:00",
        liveBlogUpdate=updates,
    )
    return changed(doc, changes)


POLICIES = {
    "publishingPrinciples": "https://news.example.org/about/principles",
    "ethicsPolicy": "https://news.example.org/about/ethics",
    "diversityPolicy": "https://news.example.org/about/diversity",
    "diversityStaffingReport": "https://news.example.org/about/staffing-2024",
    "correctionsPolicy": "https://news.example.org/about/corrections",
    "ownershipFundingInfo": "https://news.example.org/about/ownership",
    "foundingDate": "1998",
    "masthead": "https://news.example.org/about/masthead",
    "missionCoveragePrioritiesPolicy": "https://news.example.org/about/mission",
    "verificationFactCheckingPolicy": "https://news.example.org/about/verification",
    "unnamedSourcesPolicy": "https://news.example.org/about/sources",
    "actionableFeedbackPolicy": "https://news.example.org/contact",
}


def trusted(publisher: dict[str, Any] | None = None, author: dict[str, Any] | None = None, **changes: Any) -> str:
    """A news article that shows every Trust Project indicator the ``trust`` profile checks."""
    doc = article(dateline="AMMAN, Jordan")
    doc["publisher"] = publisher if publisher is not None else {**doc["publisher"], **POLICIES}
    doc["author"] = [
        author
        if author is not None
        else {
            **doc["author"][0],
            "sameAs": "https://www.wikidata.org/wiki/Q4115189",
            "knowsAbout": "city politics",
            "knowsLanguage": ["en", "ar"],
        }
    ]
    return j(changed(doc, changes))


SCHEMA_PROFILE = DATA / "profile-inlanguage.schema.json"
SHACL_PROFILE = DATA / "profile-inlanguage.shacl.ttl"

CASES: dict[str, Case] = {
    # syntax
    "LD001": Case(
        '{"@context": "https://schema.org",\n "@type": "Thing", "name": "say "hi""}',
        '{"@context": "https://schema.org",\n "@type": "Thing", "name": "say \\"hi\\""}',
    ),
    "LD002": Case(
        page(j(article()) + ";"),
        page(j(article()) + "\n"),
        suffix=".html",
    ),
    "LD003": Case(
        page("//<![CDATA[\n" + j(article()) + "\n//]]>"),
        page(j(article())),
        suffix=".html",
    ),
    "LD004": Case(
        page(j(article()).replace('"', "&quot;")),
        page(j(article(headline="Tom &quot;and&quot; Jerry"))),
        suffix=".html",
    ),
    "LD005": Case(
        j(article(headline="Council approves\nthe bridge")).replace("\\n", "\n"),
        j(article(headline="Council approves\nthe bridge")),
    ),
    "LD006": Case(page("  \n "), page(j(article())), suffix=".html"),
    "LD007": Case(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", j(article())),
    "LD008": Case(
        j(article()).replace('"headline"', '// the title\n  "headline"'),
        j(article(headline="A // B /* C */")),
    ),
    "LD009": Case(
        j(article()).replace('"https://news.example.org/img/bridge.jpg"', '"https://news.example.org/img/bridge.jpg",'),
        j(article(headline="a, ]")),
    ),
    # JSON-LD
    "LD010": Case(
        j(article(**{"@context": "https://example.com/context.jsonld"})),
        j(article(**{"@context": "http://schema.org/"})),
        pointer="/@context",
    ),
    "LD011": Case(j(article(**{"@id": 42})), j(article()), pointer="/@id"),
    "LD012": Case(j(article(**{"@context": None})), j(article())),
    "LD013": Case(
        j({"@context": CTX, "@graph": [article(author={"@id": "_:writer"})]}),
        j(
            {
                "@context": CTX,
                "@graph": [article(author={"@id": "_:writer"}), {"@id": "_:writer", "@type": "Person", "name": "J"}],
            }
        ),
        pointer="/@graph/0/author",
    ),
    "LD014": Case(
        page(j(article(publisher={"@id": ORG}))),
        # the publisher is described in another block of the same page
        page(
            j(article(publisher={"@id": ORG})),
            j({"@context": CTX, "@type": "NewsMediaOrganization", "@id": ORG, "name": "Example News"}),
        ),
        suffix=".html",
        pointer="/publisher",
    ),
    # vocabulary
    "LD020": Case(
        j(article(**{"@type": "NewsArticel"})), j(article(**{"@type": ["NewsArticle", "Article"]})), pointer="/@type"
    ),
    "LD021": Case(
        j(article(datePublised="2024-05-01T09:00:00+02:00")),
        j(article(datePublished="2024-05-01T09:00:00+02:00")),
        pointer="/datePublised",
    ),
    "LD022": Case(
        j({"@context": CTX, "@type": "Person", "name": "Jane", "headline": "x"}),
        j({"@context": CTX, "@type": ["Person"], "name": "Jane", "jobTitle": "Reporter"}),
        pointer="/headline",
    ),
    "LD023": Case(
        j(article(datePublished="yesterday at noon")),
        j(article(datePublished="2024-05-01")),
        pointer="/datePublished",
    ),
    "LD024": Case(
        j(article(author="Jane Doe", dateModified=None)),
        j(article(author={"@type": "Person", "name": "Jane Doe"}, dateModified=None)),
        pointer="/author",
    ),
    "LD025": Case(
        j({"@context": CTX, "@type": "Person", "name": "Jane", "awards": "Pulitzer"}),
        j({"@context": CTX, "@type": "Person", "name": "Jane", "award": "Pulitzer"}),
        pointer="/awards",
    ),
    # google-article
    "GA001": Case(j(article(image=None)), j(article()), ("google-article",), pointer=""),
    "GA002": Case(
        j(article(author=[{"@type": "Person", "name": "Jane Doe"}])),
        j(article(author=[{"@type": "Person", "name": "Jane Doe", "url": "https://news.example.org/jane"}])),
        ("google-article",),
        pointer="/author/0",
    ),
    "GA003": Case(  # as text it is LD023's (one finding per bad date); a typed literal only Google's rule sees
        j(article(dateModified={"@value": "01/05/2024 11:30", "@type": "DateTime"})),
        j(article(dateModified="2024-05-01T11:30:00Z")),
        ("google-article",),
        pointer="/dateModified",
    ),
    "GA004": Case(
        j(article(datePublished="2024-05-01")),
        j(article(datePublished="2024-05-01T09:00:00-04:00")),
        ("google-article",),
        pointer="/datePublished",
    ),
    "GA005": Case(  # a paywalled part without isAccessibleForFree false: Google requires it on each part
        j(article(isAccessibleForFree=False, hasPart={"@type": "WebPageElement", "cssSelector": ".paywall"})),
        j(
            article(
                isAccessibleForFree=False,
                hasPart={"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
            )
        ),
        ("google-article",),
        pointer="/hasPart",
    ),
    "GA006": Case(
        paywalled("div.paywall > p", body='<div class="paywall"><p>x</p></div>'),
        paywalled(".paywall"),
        ("google-article",),
        suffix=".html",
        pointer="/hasPart/cssSelector",
    ),
    "GA007": Case(j(live_blog(coverageEndTime=None)), j(live_blog()), ("google-article",), pointer=""),
    "GA008": Case(  # the update's own pointer; and no GA001 on an update, which is no article of its own
        j(live_blog(liveBlogUpdate=[{"@type": "BlogPosting", "headline": "The vote opens"}])),
        j(live_blog()),
        ("google-article",),
        pointer="/liveBlogUpdate/0",
    ),
    # the page: paywall markup against the page
    "PG001": Case(paywalled(".paywal"), paywalled(".paywall"), suffix=".html", pointer="/hasPart/cssSelector"),
    "PG002": Case(
        j(article(isAccessibleForFree=False)),
        j(
            article(
                isAccessibleForFree=False,
                hasPart={"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
            )
        ),
        pointer="",
    ),
    "PG003": Case(
        paywalled(".paywall", ".premium", body='<div class="paywall"><p class="premium">x</p></div>'),
        paywalled(".paywall", ".premium", body='<div class="paywall">x</div><div class="premium">y</div>'),
        suffix=".html",
        pointer="/hasPart/1/cssSelector",
    ),
    # google-claimreview
    "GC001": Case(j(claim_review(claimReviewed=None)), j(claim_review()), ("google-claimreview",), pointer=""),
    "GC002": Case(
        j(claim_review(itemReviewed={"@type": "Claim", "datePublished": "2016-06-20"})),
        j(claim_review()),
        ("google-claimreview",),
        pointer="/itemReviewed",
    ),
    # ldpub house rules
    "LP001": Case(j(article(**{"@id": "/2024/05/bridge.html#article"})), j(article()), ("ldpub",), pointer="/@id"),
    "LP002": Case(
        j(article(publisher={"@type": "Organization", "@id": ORG, "name": "Example News"})),
        j(article()),
        ("ldpub",),
        pointer="/publisher",
    ),
    "LP003": Case(
        j({"@context": CTX, "@graph": [article(), {"@id": ORG, "@type": "Organization", "name": "Example"}]}),
        j({"@context": CTX, "@graph": [article(), {"@id": URL, "@type": "WebPage", "publisher": {"@id": ORG}}]}),
        ("ldpub",),
        pointer="/@graph/1",
    ),
    # the Trust Project's indicators
    "TP001": Case(
        trusted(publisher={**article()["publisher"], **POLICIES, "masthead": None}),
        trusted(),
        ("trust",),
        pointer="/publisher",
    ),
    "TP002": Case(  # on the article itself, or on its publisher (the near miss)
        trusted(publisher={**article()["publisher"], **dict(POLICIES, publishingPrinciples=None)}),
        trusted(
            publisher={**article()["publisher"], **dict(POLICIES, publishingPrinciples=None)},
            publishingPrinciples="https://news.example.org/about/principles",
        ),
        ("trust",),
        pointer="",
    ),
    "TP003": Case(
        trusted(author=article()["author"][0]),
        trusted(),
        ("trust",),
        pointer="/author/0",
    ),
    "TP004": Case(
        trusted(**{"@type": "BlogPosting", "dateline": None}),
        trusted(**{"@type": "OpinionNewsArticle"}),
        ("trust",),
        pointer="/@type",
    ),
    "TP005": Case(trusted(dateline=None), trusted(), ("trust",), pointer=""),
    "TP006": Case(
        trusted(correction={"@type": "CorrectionComment", "text": "An earlier version misnamed the bridge."}),
        trusted(
            correction={
                "@type": "CorrectionComment",
                "text": "An earlier version misnamed the bridge.",
                "datePublished": "2024-05-02T10:00:00+02:00",
            }
        ),
        ("trust",),
        pointer="/correction",
    ),
    # user profiles
    "PR001": Case(j(article()), j(article(inLanguage="en")), (str(SCHEMA_PROFILE),), pointer=""),
    "PR002": Case(j(article()), j(article(inLanguage="en")), (str(SHACL_PROFILE),), pointer=""),
}


def run(source: str | bytes, profiles: tuple[str, ...], suffix: str) -> list[Any]:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return list(Validator(list(profiles)).check_bytes(data, f"case{suffix}", suffix=suffix).findings)


def test_every_code_has_a_case() -> None:
    assert sorted(CASES) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_triggered(code: str) -> None:
    case = CASES[code]
    found = [f for f in run(case.bad, case.profiles, case.suffix) if f.code == code]
    assert found, f"{code} not reported"
    finding = found[0]
    assert finding.severity == CODES[code].severity or code == "PR002"
    assert finding.file == f"case{case.suffix}" and finding.message
    if case.pointer != "unset":
        assert finding.pointer == case.pointer


@pytest.mark.parametrize("code", sorted(CASES))
def test_near_miss_is_not_reported(code: str) -> None:
    case = CASES[code]
    findings = run(case.good, case.profiles, case.suffix)
    assert code not in [f.code for f in findings], [str(f) for f in findings]


def test_near_misses_are_clean_of_errors() -> None:
    for code, case in CASES.items():
        errors = [str(f) for f in run(case.good, case.profiles, case.suffix) if f.severity == "error"]
        assert not errors, (code, errors)


def test_profile_files_exist() -> None:
    assert Path(SCHEMA_PROFILE).is_file() and Path(SHACL_PROFILE).is_file()


RANGE_CASES = [
    # (property, bad value, good value) on a NewsArticle unless the property says otherwise
    ("wordCount", "many", "812"),  # Integer
    ("isAccessibleForFree", "maybe", "True"),  # Boolean (false would also ask for the paywalled parts: PG002)
    ("isAccessibleForFree", 3, True),
    ("url", "not a url", "/2024/05/bridge.html"),  # URL (relative is fine)
    ("dateCreated", "soon", "2024-05-01T09:00:00Z"),  # Date or DateTime
    ("dateCreated", 20240501, "2024-05-01"),
    ("publisher", {"@type": "Place", "name": "Amman"}, {"@type": "NewsMediaOrganization", "name": "X"}),
    ("headline", {"@type": "Thing", "name": "x"}, {"@value": "A headline", "@language": "en"}),
]


@pytest.mark.parametrize(("prop", "bad", "good"), RANGE_CASES)
def test_range_checks_per_data_type(prop: str, bad: Any, good: Any) -> None:
    found = [(f.code, f.pointer) for f in run(j(article(**{prop: bad})), (), ".jsonld")]
    assert found == [("LD023", f"/{prop}")], found
    assert [f.code for f in run(j(article(**{prop: good})), (), ".jsonld")] == []


def test_numbers_are_text_enough() -> None:
    # schema.org is lenient with literals: a number where Text is expected is fine (a postal code)
    assert run(j(article(conditionsOfAccess=5, alternativeHeadline=2024)), (), ".jsonld") == []


def test_enumeration_and_time_ranges() -> None:
    event = {
        "@context": CTX,
        "@type": "Event",
        "name": "Town hall",
        "startDate": "2024-06-01T18:00:00+02:00",
        "doorTime": "17:30",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    assert run(j(event), (), ".jsonld") == []
    bad = dict(event, doorTime="half past five", eventStatus="https://schema.org/Scheduled")
    assert sorted((f.code, f.pointer) for f in run(j(bad), (), ".jsonld")) == [
        ("LD023", "/doorTime"),
        ("LD023", "/eventStatus"),
    ]


def test_readme_documents_every_code_with_its_severity() -> None:
    import re

    from tests.support import ROOT

    readme = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    section = readme[readme.index("<!-- section: validate -->") : readme.index("<!-- /section: validate -->")]
    rows = dict(re.findall(r"^\| `([A-Z]{2}\d{3})` \| ([^|]+) \|", section, flags=re.MULTILINE))
    assert sorted(rows) == sorted(CODES)
    for code, info in CODES.items():
        assert rows[code].strip() == info.severity or code == "PR002", code
