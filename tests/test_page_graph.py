"""The page graph a record can ask for: each new part's fields, its nodes and @ids, and the strictness
of the record (did-you-mean for a wrong name, a JSON pointer for a bad value)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

import ldpub
from ldpub.rdf import _flat_graph_nquads, pyld_nquads
from tests.support import DATA, EXAMPLE_RECORDS, nodes_by_id

RECORD = DATA / "records" / "page-graph.yaml"
URL = "https://news.example.org/2024/05/01/live-bridge-vote.html"


@pytest.fixture
def full() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(RECORD.read_text(encoding="utf-8"))
    return data


def problems(record: dict[str, Any]) -> list[str]:
    with pytest.raises(ldpub.RecordInvalid) as caught:
        ldpub.build(record)
    return [f"{e.location.pointer}: {e.message}" for e in caught.value.errors]


def test_site_page_and_article_are_linked_by_is_part_of(full: dict[str, Any]) -> None:
    nodes = nodes_by_id(ldpub.build(full).jsonld)
    site, page, article = nodes["https://news.example.org/#website"], nodes[URL], nodes[URL + "#article"]
    assert site["@type"] == "WebSite" and site["publisher"] == {"@id": "https://news.example.org/#organization"}
    assert page["isPartOf"] == {"@id": "https://news.example.org/#website"}
    assert article["isPartOf"] == {"@id": URL}
    search = nodes[site["potentialAction"]["@id"]]
    assert search["@type"] == "SearchAction" and search["query-input"] == "required name=search_term_string"
    assert nodes[search["target"]["@id"]]["urlTemplate"] == "https://news.example.org/search?q={search_term_string}"


def test_breadcrumb_is_the_pages_with_positions_and_a_last_item_without_url(full: dict[str, Any]) -> None:
    nodes = nodes_by_id(ldpub.build(full).jsonld)
    trail = nodes[nodes[URL]["breadcrumb"]["@id"]]
    items = [nodes[i["@id"]] for i in trail["itemListElement"]]
    assert [(i["position"], i["name"], i.get("item")) for i in items] == [
        (1, "Home", "https://news.example.org/"),
        (2, "City", "https://news.example.org/city/"),
        (3, "Live: the council votes on the river bridge", None),
    ]


def test_publisher_has_its_logo_and_trust_project_policies(full: dict[str, Any]) -> None:
    nodes = nodes_by_id(ldpub.build(full).jsonld)
    publisher = nodes["https://news.example.org/#organization"]
    assert publisher["logo"] == "https://news.example.org/#logo"
    assert nodes["https://news.example.org/#logo"]["url"] == "https://news.example.org/logo.png"
    assert publisher["ethicsPolicy"] == "https://news.example.org/about/ethics"
    assert publisher["actionableFeedbackPolicy"] == "https://news.example.org/contact"
    assert nodes[publisher["address"]["@id"]]["addressLocality"] == "Example City"  # an extra, flattened


def test_paywall_speakable_media_live_blog_and_image_rights(full: dict[str, Any]) -> None:
    nodes = nodes_by_id(ldpub.build(full).jsonld)
    article = nodes[URL + "#article"]
    assert article["@type"] == "LiveBlogPosting"
    assert article["isAccessibleForFree"] is False
    part = nodes[article["hasPart"][0]["@id"]]
    assert (part["@type"], part["isAccessibleForFree"], part["cssSelector"]) == ("WebPageElement", False, ".paywall")
    assert nodes[article["speakable"]]["cssSelector"] == [".standfirst", ".update h2"]
    video = nodes[article["video"][0]["@id"]]
    assert (video["@type"], video["duration"], video["uploadDate"]) == (
        "VideoObject",
        "PT2M10S",
        "2024-05-01T12:00:00+02:00",
    )
    assert nodes[article["audio"][0]["@id"]]["@type"] == "AudioObject"
    assert article["coverageStartTime"] == "2024-05-01T09:00:00+02:00"
    updates = [nodes[u["@id"]] for u in article["liveBlogUpdate"]]
    assert [u["@id"] for u in updates] == [URL + "#update-vote-passes", URL + "#update-2"]
    assert updates[0]["author"] == [{"@id": "https://news.example.org/entity/jane-doe"}]
    image = nodes[URL + "#image-1"]
    assert image["license"] == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert image["creator"] == {"@id": "https://news.example.org/entity/photo-desk"}
    assert (article["commentCount"], article["dateCreated"]) == (42, "2024-04-30T18:00:00+02:00")
    assert nodes[URL]["primaryImageOfPage"] == {"@id": URL + "#image-1"}


def test_the_full_page_graph_takes_the_flat_reader_and_agrees_with_pyld(full: dict[str, Any]) -> None:
    """No new shape sends an article to the general reader: the whole graph is written by the
    flat-graph reader (which raises on anything else), and pyld reads the same triples."""
    article = ldpub.build(full)
    flat = _flat_graph_nquads(article.jsonld["@graph"])
    assert sorted(flat.splitlines()) == sorted(article.nquads().splitlines())
    assert set(flat.splitlines()) == set(pyld_nquads(article.jsonld).splitlines())


def test_full_record_validates_without_errors(full: dict[str, Any]) -> None:
    report = ldpub.validate.validate_document(ldpub.build(full).jsonld, profiles=["google-article"])
    assert [f for f in report.findings if f.severity == "error"] == []


ARTICLE_TYPES = [
    "NewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "Article",
    "DiscussionForumPosting",
]


@pytest.mark.parametrize("kind", ARTICLE_TYPES)
def test_the_article_type_the_record_names(kind: str, minimal: dict[str, Any]) -> None:
    nodes = nodes_by_id(ldpub.build({**minimal, "type": kind}).jsonld)
    assert nodes[minimal["url"] + "#article"]["@type"] == kind


def test_headline_and_url_alone_build_with_warnings_and_strict_refuses() -> None:
    record = {"url": "https://news.example.org/a.html", "headline": "A headline"}
    article = ldpub.build(record)
    assert [(w.location.pointer, w.message.split(" (")[0]) for w in article.warnings] == [
        ("/published", "no publication date"),
        ("/publisher", "no publisher, here or in the newsroom settings: recommended"),
    ]
    nodes = nodes_by_id(article.jsonld)
    assert "datePublished" not in nodes[record["url"] + "#article"]  # nothing invented
    assert "publisher" not in nodes[record["url"] + "#article"]
    with pytest.raises(ldpub.RecordInvalid):
        ldpub.build(record, strict=True)


def test_non_ascii_iris_are_kept_as_iris() -> None:
    record = {"url": "https://bücher.example/straße/ünïcode.html", "headline": "H", "published": "2024-01-01T10:00Z"}
    record["published"] = "2024-01-01T10:00:00Z"
    article = ldpub.build(record)
    assert "<https://bücher.example/straße/ünïcode.html#article>" in article.nquads()
    assert article.jsonld["@graph"][0]["@id"] == "https://bücher.example/straße/ünïcode.html"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"paywalld": [".paywall"]}, "/paywalld: unknown field 'paywalld'; did you mean 'paywalled'?"),
        (
            {"page": {"breadcrum": [{"name": "Home"}]}},
            "/page/breadcrum: unknown field 'breadcrum'; did you mean 'breadcrumb'?",
        ),
        (
            {"videos": [{"name": "V", "duration": "2 minutes"}]},
            "/videos/0/duration: '2 minutes' is not an ISO 8601 duration",
        ),
        (
            {"site": {"url": "https://x.example/", "search": "https://x.example/search"}},
            "/site/search: 'https://x.example/search' is not a search URL template",
        ),
        ({"url": "https://news.example.org/a.html#top"}, "/url: 'https://news.example.org/a.html#top' has a #fragment"),
        (
            {"live": {"coverage_start": "2024-05-01T09:00:00+02:00"}},
            "/live: a live blog's coverage and updates need type: LiveBlogPosting",
        ),
        (
            {"page": {"primary_image": "https://x.example/i.jpg"}},
            "/page/primary_image: 'https://x.example/i.jpg' is not the url of one of /images",
        ),
        (
            {"extra": {"copyrightHoldr": "X"}},
            "/extra/copyrightHoldr: unknown schema.org property 'copyrightHoldr'; did you mean 'copyrightHolder'?",
        ),
        ({"extra": {"headline": "X"}}, "/extra/headline: headline is written from the record's field 'headline'"),
        (
            {"other_nodes": [{"@type": "Recipee", "name": "Soup"}]},
            "/other_nodes/0/@type: unknown schema.org type 'Recipee'; did you mean 'Recipe'?",
        ),
        ({"free": True, "paywalled": [".paywall"]}, "/free: an article with paywalled parts is not free"),
    ],
)
def test_a_new_fields_problem_is_named_at_its_pointer(
    change: dict[str, Any], expected: str, minimal: dict[str, Any]
) -> None:
    found = problems({**copy.deepcopy(minimal), **change})
    assert any(p.startswith(expected) for p in found), found


def test_examples_build_as_before_without_the_new_parts() -> None:
    """The examples ask for none of the page graph: their built files are the committed ones."""
    for path in EXAMPLE_RECORDS:
        built = ldpub.build(path)
        committed = path.with_suffix(".jsonld")
        if committed.exists():
            assert built.to_json() == committed.read_text(encoding="utf-8"), path
        assert not any(n["@type"] in ("WebSite", "BreadcrumbList") for n in built.jsonld["@graph"])


def test_settings_fill_publisher_site_and_breadcrumb(tmp_path: Path, minimal: dict[str, Any]) -> None:
    from ldpub.newsroom import load_settings

    settings_file = tmp_path / "newsroom.yaml"
    settings_file.write_text(
        "publisher:\n  name: Example News\n  url: https://news.example.org/\n"
        "  logo: {url: 'https://news.example.org/logo.png'}\n"
        "  policies: {ethics: 'https://news.example.org/ethics', masthead: 'https://news.example.org/masthead'}\n"
        "site: {url: 'https://news.example.org/', name: Example News}\n"
        "breadcrumb: {home: Home, sections: {City: 'https://news.example.org/city/'}}\n",
        encoding="utf-8",
    )
    record = {k: v for k, v in minimal.items() if k != "publisher"} | {"section": "City"}
    nodes = nodes_by_id(ldpub.build(record, settings=load_settings(settings_file)).jsonld)
    publisher = nodes["https://news.example.org/#organization"]
    assert publisher["ethicsPolicy"] == "https://news.example.org/ethics" and publisher["logo"]
    assert nodes[record["url"]]["isPartOf"] == {"@id": "https://news.example.org/#website"}
    trail = nodes[record["url"] + "#breadcrumb"]["itemListElement"]
    assert [nodes[i["@id"]]["name"] for i in trail] == ["Home", "City", record["headline"]]


def test_a_bad_setting_names_its_line_and_a_close_name(tmp_path: Path) -> None:
    from ldpub.errors import LdpubError
    from ldpub.newsroom import load_settings

    settings_file = tmp_path / "newsroom.yaml"
    settings_file.write_text(
        "publisher:\n  name: X\n  url: https://x.example/\n  policies:\n    ethic: https://x.example/e\n",
        encoding="utf-8",
    )
    with pytest.raises(LdpubError) as caught:
        load_settings(settings_file)
    assert str(caught.value) == (
        f"{settings_file}:5:5: publisher/policies/ethic: unknown field 'ethic'; did you mean 'ethics'?"
    )


def test_the_schemas_examples_of_the_new_fields_are_valid_records(minimal: dict[str, Any]) -> None:
    from ldpub.record import record_schema

    fields = {name: spec["examples"][0] for name, spec in record_schema()["properties"].items() if "examples" in spec}
    assert {"paywalled", "videos", "live", "page", "site", "extra", "other_nodes"} <= fields.keys()
    for name, example in fields.items():
        record = {**minimal, name: example}
        if name == "live":
            record["type"] = "LiveBlogPosting"
        ldpub.build(record)  # raises RecordInvalid, naming the field, when an example is wrong
