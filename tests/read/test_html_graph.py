"""The page graph read from pages in the shapes real publishers' pages have (skeletons in
tests/data/pages/graph): extract keeps what the page's structured data says, and builds."""

from __future__ import annotations

from typing import Any

import pytest

import ldpub
from ldpub.read import extract_html_file
from ldpub.read.result import ExtractResult
from tests.support import DATA, nodes_by_id

GRAPH = DATA / "pages" / "graph"


def extract(name: str) -> ExtractResult:
    return extract_html_file(GRAPH / name, link=False)


def warnings(result: ExtractResult) -> list[str]:
    return [str(w) for w in result.warnings]


def test_a_yoast_graph_keeps_site_page_breadcrumb_and_author_portrait() -> None:
    record = extract("yoast-graph.html").record
    assert record["url"] == "https://stadtblatt.example/städte/brücke-genehmigt/"  # an IRI, kept as such
    assert record["site"] == {
        "url": "https://stadtblatt.example/",
        "name": "Stadtblatt",
        "search": "https://stadtblatt.example/?s={search_term_string}",
    }
    page = record["page"]
    assert page["description"] == "Der Rat stimmt dem Neubau zu."
    assert page["primary_image"] == "https://stadtblatt.example/bilder/brücke.jpg"
    assert page["speakable"] == {"css": [".lead"]}
    # sorted by position, as the page numbers them (it lists them out of order)
    assert [c["name"] for c in page["breadcrumb"]] == ["Start", "Städte", "Brücke über den Fluss genehmigt"]
    author = record["entities"]["lena-vogel"]
    assert author["image"] == {
        "url": "https://stadtblatt.example/autoren/vogel.jpg",
        "caption": "Lena Vogel",
        "width": 96,
        "height": 96,
    }
    assert author["description"] == "Lokalreporterin."
    assert author["extra"] == {"email": "mailto:vogel@stadtblatt.example"}
    publisher = record["publisher"]
    assert publisher["policies"] == {"publishing_principles": "https://stadtblatt.example/grundsaetze/"}
    assert publisher["extra"]["contactPoint"]["telephone"] == "+49-30-000000"
    assert (record["created"], record["comment_count"]) == ("2024-04-30T18:00:00+02:00", 3)
    assert record["thumbnail_url"] == "https://stadtblatt.example/bilder/brücke-klein.jpg"


def test_a_yoast_graph_builds_into_the_same_graph_shape() -> None:
    record = extract("yoast-graph.html").record
    nodes = nodes_by_id(ldpub.build(record).jsonld)
    url = record["url"]
    assert nodes[url]["isPartOf"] == {"@id": "https://stadtblatt.example/#website"}
    assert nodes[url + "#article"]["isPartOf"] == {"@id": url}
    assert nodes[nodes[url]["breadcrumb"]["@id"]]["@type"] == "BreadcrumbList"
    report = ldpub.validate.validate_document(ldpub.build(record).jsonld, profiles=["google-article"])
    assert [f.message for f in report.findings if f.severity == "error"] == []


def test_paywall_markup_is_kept() -> None:
    record = extract("paywalled.html").record
    assert (record["free"], record["paywalled"]) == (False, [".paywall"])
    article = nodes_by_id(ldpub.build(record).jsonld)[record["url"] + "#article"]
    assert article["isAccessibleForFree"] is False and len(article["hasPart"]) == 1


def test_json_ld_wins_over_microdata_on_the_type_with_a_warning() -> None:
    result = extract("jsonld-and-microdata.html")
    assert result.record["type"] == "NewsArticle"
    assert any("its microdata a BlogPosting: the JSON-LD's type is kept" in w for w in warnings(result))
    assert result.record["authors"] == ["ada-quill"]  # what the microdata adds is still read


def test_a_live_blog_keeps_its_coverage_and_dated_updates() -> None:
    result = extract("live-blog.html")
    live = result.record["live"]
    assert (live["coverage_start"], live["coverage_end"]) == ("2024-11-05T18:00:00-05:00", "2024-11-06T06:00:00-05:00")
    assert [u["headline"] for u in live["updates"]] == ["Polls close in the east", "First results"]
    assert any("a live-blog update with no date of its own is left out" in w for w in warnings(result))
    article = nodes_by_id(ldpub.build(result.record).jsonld)[result.record["url"] + "#article"]
    assert article["@type"] == "LiveBlogPosting" and len(article["liveBlogUpdate"]) == 2


def test_video_speakable_other_nodes_and_repaired_terms() -> None:
    result = extract("video-and-others.html")
    record: dict[str, Any] = result.record
    assert record["videos"][0] == {
        "name": "How to make it",
        "description": "Two minutes of cooking.",
        "content_url": "https://foodnews.example/v/soup.mp4",
        "embed_url": "https://foodnews.example/embed/soup",
        "thumbnail_url": "https://foodnews.example/v/soup.jpg",
        "upload_date": "2024-05-01T10:00:00+00:00",
        "duration": "PT2M5S",
    }
    assert record["speakable"] == {"xpath": ["/html/head/title"]}
    assert record["entities"]["kai-brook"]["extra"] == {"telephone": "+1-555-0100"}
    recipe, person = record["other_nodes"]
    assert recipe["@type"] == "Recipe" and "recipeYeld" not in recipe  # not schema.org's: left out, said so
    assert person == {"@type": "Person", "name": "Somebody Else"}  # 'person' read as schema.org's Person
    text = "\n".join(warnings(result))
    assert "'recipeYeld' is not schema.org's; left out" in text
    assert "the page's type 'person' is read as schema.org's 'Person'" in text
    nodes = ldpub.build(record).jsonld["@graph"]
    assert {n["@type"] for n in nodes} >= {"VideoObject", "Recipe", "NutritionInformation", "SpeakableSpecification"}


@pytest.mark.parametrize("name", sorted(p.name for p in GRAPH.glob("*.html")))
def test_every_skeleton_builds_and_validates_without_errors(name: str) -> None:
    record = extract(name).record
    report = ldpub.validate.validate_document(ldpub.build(record).jsonld)
    assert [f.message for f in report.findings if f.severity == "error"] == []


def test_iris_keep_their_letters_and_percent_encode_only_what_rdf_cannot_hold() -> None:
    from ldpub.read import extract_html

    page = (
        '<html><head><link rel="canonical" href="https://bücher.example/städte/a b.html">'
        '<meta property="og:image" content="/bilder/ä b.jpg"></head><body><h1>Überschrift</h1></body></html>'
    )
    record = extract_html(page, link=False).record
    assert record["url"] == "https://bücher.example/städte/a%20b.html"
    assert record["images"] == [{"url": "https://bücher.example/bilder/ä%20b.jpg"}]
    assert "<https://bücher.example/städte/a%20b.html#article>" in ldpub.build(record).nquads()
