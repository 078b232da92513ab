"""One test per mapping rule: record fields → schema.org nodes and their @ids."""

from __future__ import annotations

from typing import Any

from ldpub import build
from tests.support import EXAMPLE_RECORDS, SEED, nodes_by_id


def graph(record: Any) -> dict[str, dict[str, Any]]:
    return nodes_by_id(build(record).jsonld)


def test_document_shape_and_article_ids(minimal: dict[str, Any]) -> None:
    doc = build(minimal).jsonld
    assert doc["@context"] == "https://schema.org"
    nodes = nodes_by_id(doc)
    url = minimal["url"]
    page, article = nodes[url], nodes[url + "#article"]
    assert page["@type"] == "WebPage" and page["mainEntity"] == {"@id": url + "#article"}
    assert article["@type"] == "NewsArticle"
    assert article["mainEntityOfPage"] == url
    assert article["headline"] == minimal["headline"]
    assert article["datePublished"] == minimal["published"]
    assert article["publisher"] == {"@id": "https://news.example.org/#organization"}


def test_every_node_has_an_absolute_id_and_a_type() -> None:
    for path in EXAMPLE_RECORDS:
        for node in build(path).jsonld["@graph"]:
            assert node["@id"].startswith(("https://", "http://")), node
            assert node["@type"]


def test_optional_fields_absent_stay_absent(minimal: dict[str, Any]) -> None:
    article = graph(minimal)[minimal["url"] + "#article"]
    for name in ("author", "image", "about", "mentions", "articleBody", "wordCount", "dateModified"):
        assert name not in article


def test_article_text_fields(seed: dict[str, Any]) -> None:
    article = graph(seed)[seed["url"] + "#article"]
    assert article["articleBody"] == seed["body"]
    assert article["wordCount"] == len(seed["body"].split())
    assert article["articleSection"] == "News" and article["inLanguage"] == "en"
    assert article["keywords"] == seed["keywords"]
    assert "Recommend article" not in article["articleBody"]
    assert "Sender's Name" not in article["articleBody"]
    assert "Read Also" not in article["articleBody"]


def test_publisher_with_logo(minimal: dict[str, Any]) -> None:
    minimal["publisher"]["logo"] = {"url": "https://news.example.org/logo.png", "width": 600, "height": 60}
    nodes = graph(minimal)
    org = nodes["https://news.example.org/#organization"]
    assert org["@type"] == "NewsMediaOrganization" and org["logo"] == "https://news.example.org/#logo"
    logo = nodes["https://news.example.org/#logo"]
    assert logo == {
        "@id": "https://news.example.org/#logo",
        "@type": "ImageObject",
        "url": "https://news.example.org/logo.png",
        "contentUrl": "https://news.example.org/logo.png",
        "width": 600,
        "height": 60,
    }


def test_person_and_organization_authors(minimal: dict[str, Any]) -> None:
    minimal["entities"] = {
        "jane-doe": {"type": "Person", "name": "Jane Doe", "same_as": ["https://www.wikidata.org/wiki/Q1"]},
        "wire": {"type": "NewsMediaOrganization", "name": "Wire Service"},
    }
    minimal["authors"] = ["jane-doe", "wire", "publisher"]
    nodes = graph(minimal)
    article = nodes[minimal["url"] + "#article"]
    assert article["author"] == [
        {"@id": "https://news.example.org/entity/jane-doe"},
        {"@id": "https://news.example.org/entity/wire"},
        {"@id": "https://news.example.org/#organization"},
    ]
    jane = nodes["https://news.example.org/entity/jane-doe"]
    assert jane["@type"] == "Person" and jane["sameAs"] == ["https://www.wikidata.org/wiki/Q1"]


def test_one_node_per_real_world_entity_in_the_seed(seed: dict[str, Any]) -> None:
    nodes = list(build(seed).jsonld["@graph"])
    qassem = [n for n in nodes if n["@type"] == "Person" and "Qassem" in n["name"]]
    assert len(qassem) == 1
    assert {"Farid Qassem", "al-Qassem", "Qassem"} <= set(qassem[0]["alternateName"])
    maghawir = [n for n in nodes if n.get("name") == "Maghawir al-Thawra"]
    assert len(maghawir) == 1 and "Maghaweer el Thawra" in maghawir[0]["alternateName"]
    types = {n["@type"] for n in nodes}
    assert {"NewsArticle", "Claim", "Person", "Organization", "Place"} <= types
    ids = [n["@id"] for n in nodes]
    assert len(ids) == len(set(ids))


def test_shared_entities_get_one_iri_across_articles() -> None:
    """The same key in two records is the same node; entity IRIs do not depend on the article."""
    seen: dict[str, set[str]] = {}
    for path in EXAMPLE_RECORDS:
        for node in build(path).jsonld["@graph"]:
            if "/entity/" in node["@id"]:
                seen.setdefault(node["@id"], set()).add(path.name)
    qassem = "https://syrianobserver.com/entity/muhammad-farid-al-qassem"
    assert len(seen[qassem]) == 2
    assert len(seen["https://syrianobserver.com/entity/al-tanf"]) == 3


def test_base_and_explicit_entity_id(minimal: dict[str, Any]) -> None:
    minimal["base"] = "https://data.example.org/kb"
    minimal["entities"] = {
        "a": {"type": "Person", "name": "A"},
        "b": {"type": "Person", "name": "B", "id": "https://www.wikidata.org/entity/Q42"},
    }
    minimal["mentions"] = ["a", "b"]
    nodes = graph(minimal)
    assert "https://data.example.org/kb/entity/a" in nodes
    assert "https://www.wikidata.org/entity/Q42" in nodes
    assert "https://data.example.org/kb/#organization" in nodes


def test_entity_relations(seed: dict[str, Any]) -> None:
    nodes = graph(seed)
    e = "https://syrianobserver.com/entity/"
    assert nodes[e + "muhammad-farid-al-qassem"]["affiliation"] == {"@id": e + "maghawir-al-thawra"}
    assert nodes[e + "al-tanf"]["containedInPlace"] == {"@id": e + "syria"}
    assert nodes[e + "us-central-command"]["parentOrganization"] == {"@id": e + "us-government"}
    assert nodes[e + "jordan"]["@type"] == "Country"


def test_about_mentions_and_dateline(seed: dict[str, Any]) -> None:
    article = graph(seed)[seed["url"] + "#article"]
    e = "https://syrianobserver.com/entity/"
    assert {"@id": e + "muhammad-farid-al-qassem"} in article["about"]
    assert {"@id": e + "al-rukban-camp"} in article["mentions"]
    assert article["locationCreated"] == {"@id": e + "al-tanf"}
    assert article["dateline"] == "al-Tanf"  # the place's name when no dateline text is given


def test_dateline_text(minimal: dict[str, Any]) -> None:
    minimal["entities"] = {"amman": {"type": "City", "name": "Amman"}}
    minimal["dateline"] = {"place": "amman", "text": "AMMAN, Jordan"}
    article = graph(minimal)[minimal["url"] + "#article"]
    assert article["dateline"] == "AMMAN, Jordan"


def test_claims_with_named_and_anonymous_authors(seed: dict[str, Any]) -> None:
    nodes = graph(seed)
    url = seed["url"]
    claim = nodes[url + "#claim-proposal-at-request-of-jordan"]
    assert claim["@type"] == "Claim" and claim["appearance"] == {"@id": url + "#article"}
    source = nodes[claim["author"]["@id"]]
    assert source["@type"] == "Person" and source["description"] == "Anonymous source"
    assert source["name"] == "a military source from Maghawir al-Thawra"
    assert source["affiliation"] == {"@id": "https://syrianobserver.com/entity/maghawir-al-thawra"}
    first = nodes[claim["firstAppearance"]["@id"]]
    assert first["publisher"] == {"@id": "https://syrianobserver.com/entity/athr-press"}
    king = nodes[url + "#claim-border-security-ensured"]
    assert king["author"] == {"@id": "https://syrianobserver.com/entity/abdullah-ii-of-jordan"}
    assert "firstAppearance" not in king
    assert len([n for n in nodes.values() if n["@type"] == "Claim"]) == len(seed["claims"])


def test_claim_review_has_what_google_requires_and_recommends() -> None:
    path = SEED.with_name("fact-check-rukban-aid.yaml")
    nodes = graph(path)
    url = "https://syrianobserver.com/fact-check/rukban-aid-convoys.html"
    review = nodes[url + "#review-weekly-un-convoys"]
    assert review["@type"] == "ClaimReview"
    # required
    assert review["claimReviewed"].startswith("UN aid convoys")
    assert review["url"] == url
    rating = nodes[review["reviewRating"]["@id"]]
    assert rating["alternateName"] == "False"
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (1, 5, 1)
    # recommended
    assert review["author"] == {"@id": "https://syrianobserver.com/#organization"}
    assert review["datePublished"] == "2023-04-12"
    claim = nodes[review["itemReviewed"]["@id"]]
    assert claim["@type"] == "Claim" and "author" in claim and claim["datePublished"] == "2023-04-02"
    assert claim["appearance"] == {"@id": url + "#article"} and "firstAppearance" in claim


def test_review_defaults(minimal: dict[str, Any]) -> None:
    minimal["claims"] = [{"id": "c", "text": "The claim."}]
    minimal["reviews"] = [
        {"id": "r", "claim": "c", "rating": {"value": 2, "best": 5, "worst": 1, "verdict": "Misleading"}}
    ]
    review = graph(minimal)[minimal["url"] + "#review-r"]
    assert review["claimReviewed"] == "The claim."
    assert review["datePublished"] == minimal["published"]
    assert review["url"] == minimal["url"]


def test_translation_related_notes(seed: dict[str, Any]) -> None:
    nodes = graph(seed)
    url = seed["url"]
    article = nodes[url + "#article"]
    original = nodes[article["translationOfWork"]["@id"]]
    assert original["inLanguage"] == "ar" and original["workTranslation"] == {"@id": url + "#article"}
    assert article["translator"] == {"@id": "https://syrianobserver.com/#organization"}
    related = nodes[nodes[url]["relatedLink"][0]]
    assert related["name"] == "Recap: Maghaweer el Thawra Has a New Leader"
    notes = [nodes[ref["@id"]] for ref in article["comment"]]
    assert [n["name"] for n in notes] == ["Translation note", "Disclaimer"]
    assert "has not verified the content" in notes[1]["text"]


def test_related_link_with_url(minimal: dict[str, Any]) -> None:
    minimal["related"] = [{"headline": "Earlier", "url": "https://news.example.org/earlier.html"}]
    nodes = graph(minimal)
    assert nodes[minimal["url"]]["relatedLink"] == ["https://news.example.org/earlier.html"]
    assert nodes["https://news.example.org/earlier.html"]["name"] == "Earlier"


def test_images_and_corrections() -> None:
    path = SEED.with_name("border-patrols-amman.yaml")
    nodes = graph(path)
    url = "https://syrianobserver.com/news/jordan-border-patrols-amman.html"
    article = nodes[url + "#article"]
    assert article["image"] == [url + "#image-1", url + "#image-2"]
    image = nodes[url + "#image-1"]
    assert image["contentUrl"] == "https://syrianobserver.com/media/border-patrol.jpg"
    assert image["creditText"] == "Syrian Observer"
    [correction] = [nodes[ref["@id"]] for ref in article["correction"]]
    assert correction["@type"] == "CorrectionComment" and correction["datePublished"].startswith("2022-09-29")
    assert len(article["author"]) == 2
    assert article["@type"] == "ReportageNewsArticle"


def test_same_record_gives_the_same_bytes(seed: dict[str, Any]) -> None:
    first = build(seed).to_json()
    reordered = dict(reversed(list(seed.items())))
    reordered["entities"] = dict(reversed(list(seed["entities"].items())))
    assert build(reordered).to_json() == first
    assert build(SEED).nquads() == build(SEED).nquads()
