"""Markup written the way schema.org's examples, Google's guides and CMS plugins write it gives no error.

And the same markup with one realistic mistake gives the right finding, on both the fast path
(compact schema.org JSON-LD) and the general one (inline contexts, expanded by pyld).
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import check, codes

SCHEMA_ORG_NEWSARTICLE = {  # schema.org's NewsArticle example (JSON-LD tab), abridged body
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "url": "http://www.bbc.com/news/world-us-canada-39324587",
    "publisher": {
        "@type": "Organization",
        "name": "BBC News",
        "logo": "http://www.bbc.co.uk/news/special/2015/newsspec_10857/bbc_news_logo.png?cb=1",
    },
    "headline": "Trump Russia claims: FBI's Comey confirms investigation of election 'interference'",
    "mainEntityOfPage": "http://www.bbc.com/news/world-us-canada-39324587",
    "articleBody": "Director Comey says the probe into last year's US election would assess if crimes were committed.",
    "image": [
        "http://ichef-1.bbci.co.uk/news/560/media/images/75306000/jpg/_75306515_line976.jpg",
        "http://ichef.bbci.co.uk/news/560/cpsprodpb/8AB9/production/_95231553_comey2.jpg",
    ],
    "datePublished": "2017-03-20T20:30:54+00:00",
}

GOOGLE_ARTICLE = {  # Google Search Central's Article example
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Title of a News Article",
    "image": [
        "https://example.com/photos/1x1/photo.jpg",
        "https://example.com/photos/4x3/photo.jpg",
        "https://example.com/photos/16x9/photo.jpg",
    ],
    "datePublished": "2024-01-05T08:00:00+08:00",
    "dateModified": "2024-02-05T09:20:00+08:00",
    "author": [
        {"@type": "Person", "name": "Jane Doe", "url": "https://example.com/profile/janedoe123"},
        {"@type": "Person", "name": "John Doe", "url": "https://example.com/profile/johndoe123"},
    ],
}

GOOGLE_CLAIMREVIEW = {  # Google Search Central's ClaimReview example
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://example.com/news/science/worldisflat.html",
    "claimReviewed": "The world is flat",
    "itemReviewed": {
        "@type": "Claim",
        "author": {
            "@type": "Organization",
            "name": "Square World Society",
            "sameAs": "https://example.flatworlders.com/we-know-that-the-world-is-flat",
        },
        "datePublished": "2016-06-20",
        "appearance": {
            "@type": "OpinionNewsArticle",
            "url": "https://example.com/news/a122121",
            "headline": "Square Earth - Flat earthers for the Internet age",
            "datePublished": "2016-06-22",
            "author": {"@type": "Person", "name": "T. Tellar"},
            "image": "https://example.com/photos/1x1/photo.jpg",
            "publisher": {
                "@type": "Organization",
                "name": "Skeptical News",
                "logo": {"@type": "ImageObject", "url": "https://example.com/logo.jpg"},
            },
        },
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

SITE = "https://www.example-news.com"
YOAST_GRAPH = {  # the @graph a WordPress SEO plugin writes
    "@context": "https://schema.org",
    "@graph": [
        {
            "@type": "NewsArticle",
            "@id": f"{SITE}/2024/05/story/#article",
            "isPartOf": {"@id": f"{SITE}/2024/05/story/"},
            "author": {"name": "Jane Doe", "@id": f"{SITE}/#/schema/person/abc"},
            "headline": "Story",
            "datePublished": "2024-05-01T09:00:00+00:00",
            "dateModified": "2024-05-01T10:00:00+00:00",
            "mainEntityOfPage": {"@id": f"{SITE}/2024/05/story/"},
            "wordCount": 812,
            "publisher": {"@id": f"{SITE}/#organization"},
            "image": {"@id": f"{SITE}/2024/05/story/#primaryimage"},
            "thumbnailUrl": f"{SITE}/wp-content/uploads/2024/05/photo.jpg",
            "keywords": ["Politics", "Elections"],
            "articleSection": ["World"],
            "inLanguage": "en-US",
            "copyrightYear": "2024",
            "copyrightHolder": {"@id": f"{SITE}/#organization"},
        },
        {
            "@type": ["WebPage", "ItemPage"],
            "@id": f"{SITE}/2024/05/story/",
            "url": f"{SITE}/2024/05/story/",
            "name": "Story - Example News",
            "isPartOf": {"@id": f"{SITE}/#website"},
            "primaryImageOfPage": {"@id": f"{SITE}/2024/05/story/#primaryimage"},
            "breadcrumb": {"@id": f"{SITE}/2024/05/story/#breadcrumb"},
            "inLanguage": "en-US",
            "potentialAction": [{"@type": "ReadAction", "target": [f"{SITE}/2024/05/story/"]}],
        },
        {
            "@type": "ImageObject",
            "inLanguage": "en-US",
            "@id": f"{SITE}/2024/05/story/#primaryimage",
            "url": f"{SITE}/wp-content/uploads/2024/05/photo.jpg",
            "contentUrl": f"{SITE}/wp-content/uploads/2024/05/photo.jpg",
            "width": 1200,
            "height": "675",
            "caption": "A caption",
        },
        {
            "@type": "BreadcrumbList",
            "@id": f"{SITE}/2024/05/story/#breadcrumb",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{SITE}/"},
                {"@type": "ListItem", "position": 2, "name": "Story"},
            ],
        },
        {
            "@type": "WebSite",
            "@id": f"{SITE}/#website",
            "url": f"{SITE}/",
            "name": "Example News",
            "publisher": {"@id": f"{SITE}/#organization"},
            "potentialAction": [
                {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": f"{SITE}/?s={{search_term_string}}"},
                    "query-input": {"@type": "PropertyValueSpecification", "valueRequired": True, "valueName": "q"},
                }
            ],
            "inLanguage": "en-US",
        },
        {
            "@type": ["Organization", "Place", "NewsMediaOrganization"],
            "@id": f"{SITE}/#organization",
            "name": "Example News",
            "url": f"{SITE}/",
            "logo": {"@type": "ImageObject", "@id": f"{SITE}/#/schema/logo/image/", "url": f"{SITE}/logo.png"},
            "image": {"@id": f"{SITE}/#/schema/logo/image/"},
            "sameAs": ["https://www.facebook.com/example", "https://x.com/example"],
            "address": {"@type": "PostalAddress", "addressCountry": "US", "postalCode": 10001},
        },
        {
            "@type": "Person",
            "@id": f"{SITE}/#/schema/person/abc",
            "name": "Jane Doe",
            "url": f"{SITE}/author/jane/",
            "jobTitle": "Reporter",
            "worksFor": {"@id": f"{SITE}/#organization"},
        },
    ],
}

PAYWALL_AND_SPEAKABLE = {  # Google's paywalled-content and speakable markup, http context
    "@context": "http://schema.org",
    "@type": "NewsArticle",
    "headline": "Article headline",
    "isAccessibleForFree": "False",
    "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
    "speakable": {
        "@type": "SpeakableSpecification",
        "xpath": ["/html/head/title", "/html/head/meta[@name='description']/@content"],
    },
    "mainEntityOfPage": {"@type": "WebPage", "@id": "https://example.com/article"},
}

ROLE_AND_ENUMERATIONS = {
    "@context": ["https://schema.org/", {"@language": "en"}],
    "@type": "Event",
    "name": "Town hall",
    "startDate": "2024-06-01T18:00",
    "eventStatus": "https://schema.org/EventScheduled",
    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    "location": {"@type": "Place", "name": "City hall", "address": "1 Main St"},
    "organizer": {
        "@type": "OrganizationRole",
        "organizer": {"@type": "Organization", "name": "City"},
        "roleName": "host",
    },
    "offers": {"@type": "Offer", "price": 0, "priceCurrency": "USD", "availability": "https://schema.org/InStock"},
}

INLINE_CONTEXT = {  # an inline context: read by pyld, offline
    "@context": {"@vocab": "http://schema.org/", "ex": "https://example.com/ns#"},
    "@type": "NewsArticle",
    "headline": "Inline context",
    "ex:internalId": "A-17",
    "author": {"@type": "Person", "name": "Jane"},
}

VOCAB_CONTEXT = {"@context": {"@vocab": "https://schema.org/"}, "@type": "Article", "headline": "https vocab"}

OTHER_GOOGLE_TYPES = [  # shapes from Google's Video, Recipe and Product guides: quantities as text, enumerations
    {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": "Introducing the self-driving bicycle",
        "thumbnailUrl": ["https://example.com/photos/1x1/photo.jpg"],
        "uploadDate": "2024-03-31T08:00:00+08:00",
        "duration": "PT1M54S",
        "contentUrl": "https://www.example.com/video/123/file.mp4",
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": {"@type": "WatchAction"},
            "userInteractionCount": 5647018,
        },
    },
    {
        "@context": "https://schema.org/",
        "@type": "Recipe",
        "name": "Non-Alcoholic Piña Colada",
        "recipeYield": "4 servings",
        "totalTime": "PT5M",
        "recipeIngredient": ["400ml of pineapple juice", "100ml cream of coconut"],
        "nutrition": {"@type": "NutritionInformation", "calories": "120 calories"},
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": "5", "ratingCount": "18"},
    },
    {
        "@context": "https://schema.org/",
        "@type": "Product",
        "name": "Executive Anvil",
        "offers": {
            "@type": "Offer",
            "price": "119.99",
            "priceCurrency": "USD",
            "itemCondition": "https://schema.org/UsedCondition",
            "availability": "https://schema.org/InStock",
        },
    },
]

VALID = {
    "Google video, recipe, product": OTHER_GOOGLE_TYPES,
    "schema.org NewsArticle": SCHEMA_ORG_NEWSARTICLE,
    "Google Article": GOOGLE_ARTICLE,
    "Google ClaimReview": GOOGLE_CLAIMREVIEW,
    "Yoast-style @graph": YOAST_GRAPH,
    "paywall + speakable, http context": PAYWALL_AND_SPEAKABLE,
    "Role, enumerations, context array": ROLE_AND_ENUMERATIONS,
    "inline context": INLINE_CONTEXT,
    "@vocab https context": VOCAB_CONTEXT,
    "array of top-level objects": [GOOGLE_ARTICLE, VOCAB_CONTEXT],
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_markup_has_no_finding(name: str) -> None:
    report = check(VALID[name])
    assert [str(f) for f in report.findings] == []


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_markup_has_no_error_under_google_profiles(name: str) -> None:
    report = check(VALID[name], "google-article", "google-claimreview")
    assert [str(f) for f in report.findings if f.severity == "error"] == []


def test_both_context_spellings_give_the_same_findings() -> None:
    bad = dict(GOOGLE_ARTICLE, datePublised="2024-01-05")
    results = []
    for ctx in (
        "https://schema.org",
        "http://schema.org",
        "https://schema.org/",
        "http://schema.org/docs/jsonldcontext.json",
    ):
        report = check(dict(bad, **{"@context": ctx}))
        results.append([(f.code, f.pointer) for f in report.findings])
    assert results[0] == [("LD021", "/datePublised")]
    assert all(r == results[0] for r in results)


def test_mistakes_in_a_graph_are_found_with_pointers() -> None:
    graph: dict[str, Any] = {"@context": "https://schema.org", "@graph": [dict(n) for n in YOAST_GRAPH["@graph"]]}
    graph["@graph"][0]["auhtor"] = graph["@graph"][0].pop("author")
    graph["@graph"][6]["jobTitle"] = {"@type": "Place", "name": "Reporter"}  # a node where Text is expected
    graph["@graph"][6]["worksFor"] = {"@id": f"{SITE}/2024/05/story/#primaryimage"}  # an image, not an org
    report = check(graph)
    found = {(f.code, f.pointer) for f in report.findings}
    assert found == {
        ("LD021", "/@graph/0/auhtor"),
        ("LD023", "/@graph/6/jobTitle"),
        ("LD023", "/@graph/6/worksFor"),
    }
    [bad_ref] = [f for f in report.findings if f.pointer == "/@graph/6/worksFor"]
    assert "ImageObject" in bad_ref.message and bad_ref.node_id == f"{SITE}/#/schema/person/abc"


def test_enumeration_member_typo_is_an_error_with_suggestion() -> None:
    doc = dict(ROLE_AND_ENUMERATIONS, eventStatus="https://schema.org/EventSheduled")
    [finding] = check(doc).findings
    assert finding.code == "LD023" and finding.pointer == "/eventStatus"
    assert "EventScheduled" in finding.message


def test_inline_context_document_is_checked_through_pyld() -> None:
    doc = dict(INLINE_CONTEXT, datePublised="2024-01-01")
    [finding] = check(doc).findings
    assert finding.code == "LD021" and "datePublished" in finding.message
    assert finding.node_type == "NewsArticle"


def test_nested_remote_context_is_refused_not_fetched() -> None:
    doc = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "author": {"@context": "https://example.com/ctx", "name": "x"},
    }
    [finding] = check(doc).findings
    assert (finding.code, finding.severity) == ("LD010", "warning")
    assert finding.message.endswith("2 nodes left unchecked: NewsArticle, a node")  # the whole document


def test_a_third_party_context_leaves_its_nodes_unchecked_and_named() -> None:
    """A verifiable credential about a product (schema.org's Certification examples' shape)."""
    doc = {
        "@context": ["https://schema.org", "https://www.w3.org/ns/credentials/v2"],
        "id": "http://certification.example/credentials/3732",
        "type": "VerifiableCredential",
        "credentialSubject": {
            "type": "Product",
            "id": "https://www.example.com/12345678901231",
            "hasCertification": {"type": "Certification", "schema:name": "CO2 Measured", "nonsense": 1},
        },
    }
    [finding] = check(doc).findings
    assert (finding.code, finding.severity, finding.pointer) == ("LD010", "warning", "/@context")
    assert finding.node_id == "http://certification.example/credentials/3732"
    assert finding.message == (
        "third-party @context 'https://www.w3.org/ns/credentials/v2' not read (ldpub never fetches remote "
        "documents): 3 nodes left unchecked: VerifiableCredential <http://certification.example/credentials/3732>, "
        "Product <https://www.example.com/12345678901231>, Certification"
    )


def test_microdata_is_checked(article: dict[str, Any]) -> None:
    html = """<!DOCTYPE html><html><body>
<article itemscope itemtype="https://schema.org/NewsArticle">
  <h1 itemprop="headline">Bridge approved</h1>
  <span itemprop="auhtor" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane</span></span>
  <time itemprop="datePublished" datetime="2024-05-01T09:00:00+02:00">1 May</time>
</article></body></html>"""
    report = check(html, html=True)
    [finding] = report.findings
    assert finding.code == "LD021" and finding.message.startswith("microdata:") and "author" in finding.message
    clean = check(html.replace("auhtor", "author"), html=True)
    assert codes(clean) == []


def test_microdata_of_other_vocabularies_and_extruct_text_values_are_left_alone() -> None:
    html = """<html><body>
<nav itemscope itemtype="http://schema.org/SiteNavigationElement">Home About Contact</nav>
<div itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><span itemprop="title">News</span></div>
<div itemscope><span itemprop="name">untyped</span></div>
<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane</span>
  <span itemprop="jobTitle">Reporter</span></div>
</body></html>"""
    assert codes(check(html, html=True)) == []
    assert codes(check(html.replace('itemprop="jobTitle"', 'itemprop="jobTitel"'), html=True)) == ["LD021"]


def test_script_blocks_with_js_comments_and_trailing_commas_are_still_checked() -> None:
    block = """{ "@context" : "https://schema.org",
        "@type" : "Organization", //"Person",
        "name" : "Prefeitura Municipal",
        "logo": {"@type": "ImageObject", "url": "https://ex.org/logo.png", "widht": 467,},
      }"""
    html = f'<html><head><script type="application/ld+json">\n{block}\n</script></head></html>'
    found = sorted((f.code, f.pointer) for f in check(html, html=True).findings)
    assert found == [("LD008", None), ("LD009", None), ("LD021", "/logo/widht")]
