"""HTML page → article record: each kind of evidence a page carries, and the record it gives."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import ldpub
from ldpub.entities import slug
from ldpub.read import ExtractWarning, extract_html, extract_html_file
from tests.support import ROOT

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
SCHEMA = json.loads((ROOT / "schemas" / "article-record.schema.json").read_text())


def validate(record: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(
        record
    )


def messages(warnings: list) -> str:
    return "\n".join(str(w) for w in warnings)


def test_jsonld_page_gives_every_field_from_its_article_node() -> None:
    result = extract_html_file(PAGES / "html-jsonld.html")
    record = result.record
    validate(record)
    assert record["url"] == "https://desertcourier.example/news/2022/09/al-tanf-patrols"
    assert record["type"] == "NewsArticle"
    assert record["headline"] == "Border patrols ordered after al-Tanf meetings"
    assert record["description"].startswith("A new commander orders patrols")
    assert record["section"] == "Middle East"
    assert record["keywords"] == ["Syria", "Jordan", "al-Tanf"]  # "syria" repeated: once
    assert record["language"] == "en-GB"
    assert record["published"] == "2022-09-20T10:00:00+03:00"
    assert record["modified"] == "2022-09-21T08:30:00+00:00"
    assert record["publisher"] == {
        "name": "The Desert Courier",
        "url": "https://desertcourier.example/",
        "logo": {"url": "https://desertcourier.example/logo.png", "width": 600, "height": 60},
        "same_as": ["https://twitter.com/desertcourier"],
    }
    # The person is an entity keyed by a slug of her name; the publisher is `publisher`.
    assert record["authors"] == ["helene-dubois", "publisher"]
    assert record["entities"]["helene-dubois"] == {
        "type": "Person",
        "name": "Hélène Dubois",
        "url": "https://desertcourier.example/authors/helene-dubois",
        "same_as": ["https://www.wikidata.org/wiki/Q4115189"],
        "job_title": "Middle East correspondent",
    }
    assert record["images"] == [
        {
            "url": "https://desertcourier.example/img/tanf.jpg",
            "caption": "The al-Tanf garrison",
            "credit": "Courier photo",
            "width": 1200,
            "height": 800,
        },
        {"url": "https://desertcourier.example/img/border.jpg"},
    ]
    # Nothing is missing; what is left to say is which names in the body the newsroom does not know yet.
    assert [w for w in result.warnings if "candidate" not in str(w)] == []
    assert all(str(w).split("/entities/")[1].split(":")[0] in record["entities"] for w in result.warnings)


def test_body_is_the_article_without_chrome_or_repeated_headline() -> None:
    body = extract_html_file(PAGES / "html-jsonld.html").record["body"]
    paragraphs = body.split("\n")
    assert paragraphs[0].startswith("Officials from the United States met the new commander")
    assert paragraphs[-1].startswith("Neither the coalition nor the faction commented")
    assert len(paragraphs) == 4
    for chrome in ("Read more", "Share this article", "Home", "About us", "Border patrols ordered"):
        assert chrome not in body


def test_opengraph_and_meta_tags_only() -> None:
    result = extract_html_file(PAGES / "html-opengraph.html")
    record = result.record
    validate(record)
    assert record["url"] == "https://coastgazette.example/local/harbour-bridge-reopens"
    assert "type" not in record  # no structured data says which kind of article
    assert record["headline"] == "Harbour bridge reopens after repairs"
    assert record["publisher"] == {"name": "Coast Gazette", "url": "https://coastgazette.example/"}
    assert record["language"] == "en-GB"  # from <html lang="en_GB">
    assert record["section"] == "Local"
    assert record["keywords"] == ["bridges", "transport"]
    assert record["published"] == "2023-03-14T07:45:00+00:00"  # "+0000" read as a zone
    assert record["authors"] == ["jane-roe", "john-smith"]  # "By Jane Roe and John Smith"
    assert record["images"] == [
        {
            "url": "https://coastgazette.example/media/bridge.jpg",  # relative to og:url
            "width": 1024,
            "height": 683,
            "caption": "The harbour bridge at dusk",
        }
    ]
    assert "Most read" not in record["body"] and "Front page" not in record["body"]
    assert record["body"].startswith("The harbour bridge reopened to traffic")


def test_a_date_without_time_zone_is_reported_not_completed() -> None:
    result = extract_html_file(PAGES / "html-opengraph.html")
    assert "modified" not in result.record
    [warning] = result.warnings
    assert isinstance(warning, ExtractWarning)
    assert warning.location.pointer == "/modified"
    assert "'2023-03-14 09:10:00'" in str(warning) and "time zone" in str(warning)
    assert str(warning).startswith(str(PAGES / "html-opengraph.html"))


def test_microdata_page() -> None:
    result = extract_html_file(PAGES / "html-microdata.html")
    record = result.record
    validate(record)
    assert record["headline"] == "Library extends opening hours"
    assert record["published"] == "2021-06-01T18:30:00+02:00"
    assert record["publisher"] == {"name": "Town Crier", "url": "https://towncrier.example/"}
    assert record["authors"] == ["amira-haddad"]
    assert record["entities"] == {"amira-haddad": {"type": "Person", "name": "Amira Haddad"}}
    assert record["images"] == [{"url": "https://towncrier.example/img/library.jpg"}]
    assert record["body"].count("\n") == 2
    assert result.warnings == []


def test_jsonld_article_body_is_used_when_the_page_renders_nothing() -> None:
    result = extract_html_file(PAGES / "html-jsonld-body-only.html")
    record = result.record
    assert record["type"] == "BlogPosting"  # as the page says (it was Article before BlogPosting was a record type)
    assert record["language"] == "fr"
    assert "rouvre ses portes samedi" in record["body"]
    assert "<p>" not in record["body"]
    # "2020-02-03" has no time, hence no zone: reported and left out; the record builds with a
    # warning, and fails where what is recommended is required (--strict).
    assert "published" not in record
    assert "'2020-02-03'" in messages(result.warnings)
    validate(record)
    assert [w.location.pointer for w in ldpub.build(record).warnings] == ["/published"]
    with pytest.raises(ldpub.RecordInvalid):
        ldpub.build(record, strict=True)


def test_page_without_article_gives_a_best_effort_record_with_warnings() -> None:
    result = extract_html_file(PAGES / "html-no-article.html")
    assert result.record == {"headline": "Site map"}
    text = messages(result.warnings)
    assert "no article found" in text
    assert "no canonical URL" in text
    assert "publication date" in text


def test_given_url_is_used_when_the_page_has_no_canonical_one() -> None:
    page = (PAGES / "html-no-article.html").read_text()
    page = page.replace("<title>", '<meta property="og:image" content="img/a.png"><title>')
    result = extract_html(page, url="https://example.org/maps/index.html")
    assert result.record["url"] == "https://example.org/maps/index.html"
    assert result.record["publisher"] == {"name": "example.org", "url": "https://example.org/"}
    assert result.record["images"] == [{"url": "https://example.org/maps/img/a.png"}]


def test_jsonld_with_a_foreign_context_is_ignored_with_a_warning() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://example.org/ctx.jsonld", "@type": "NewsArticle", "headline": "Wrong"}
    </script><title>Right title</title></head><body><p>Hello.</p></body></html>"""
    result = extract_html(page)
    assert result.record["headline"] == "Right title"
    assert "@context other than schema.org" in messages(result.warnings)


def test_invalid_jsonld_is_ignored_with_a_warning() -> None:
    page = """<html><head><script type="application/ld+json">{"headline": "x",}</script>
    <meta property="og:title" content="From OpenGraph"></head><body><p>Hi.</p></body></html>"""
    result = extract_html(page)
    assert result.record["headline"] == "From OpenGraph"
    assert "JSON-LD block 1 is not valid JSON" in messages(result.warnings)


@pytest.mark.parametrize(
    ("name", "key"),
    [("Hélène Dubois", "helene-dubois"), ("  J. R. R. Tolkien ", "j-r-r-tolkien"), ("李明", "")],
)
def test_slug(name: str, key: str) -> None:
    assert slug(name) == key


def test_a_byline_gets_the_key_the_authority_and_plain_text_give_its_name() -> None:
    # One slug for every reader: an apostrophe joins the name ("obrien"), it does not split it.
    page = """<html lang="en"><head><meta name="author" content="Dan O'Brien">
    <meta property="og:title" content="Bridge approved"></head><body><p>Text of the article.</p></body></html>"""
    record = extract_html(page).record
    assert record["authors"] == ["dan-obrien"] == [slug("Dan O'Brien")]
    assert record["entities"]["dan-obrien"]["name"] == "Dan O'Brien"


def test_author_names_without_latin_letters_get_a_numbered_key() -> None:
    page = """<html lang="zh"><head><meta name="author" content="李明">
    <link rel="canonical" href="https://news.example/a"></head><body><p>文</p></body></html>"""
    record = extract_html(page).record
    assert record["authors"] == ["author-1"]
    assert record["entities"]["author-1"]["name"] == "李明"


@pytest.mark.parametrize("fixture", ["html-jsonld.html", "html-opengraph.html", "html-microdata.html"])
def test_extracted_record_builds(fixture: str) -> None:
    record = extract_html_file(PAGES / fixture).record
    article = ldpub.build(record)
    assert article.url == record["url"]
    graph = article.jsonld["@graph"]
    node = next(n for n in graph if n.get("@id") == record["url"] + "#article")
    assert node["headline"] == record["headline"]
    assert record["published"] in article.nquads() or node["datePublished"]


@pytest.mark.parametrize("fixture", ["html-jsonld.html", "html-opengraph.html", "html-microdata.html"])
def test_page_carrying_ldpubs_own_jsonld_extracts_to_the_same_record(fixture: str) -> None:
    """record → build → page with the JSON-LD embedded → extract: the same record again.

    The built graph links authors, publisher, logo and images by @id, as many CMSs do.
    """
    record = extract_html_file(PAGES / fixture).record
    graph = ldpub.build(record).to_json().replace("</", "<\\/")
    paragraphs = "".join(f"<p>{line}</p>" for line in record["body"].split("\n"))
    page = (
        f'<html><head><script type="application/ld+json">{graph}</script></head>'
        f"<body><nav><a href='/'>Home</a></nav><article>{paragraphs}</article></body></html>"
    )
    again = extract_html(page)
    expected = dict(record, type=record.get("type", "NewsArticle"))
    assert again.record == expected
    assert [w for w in again.warnings if "candidate" not in str(w)] == []


def test_bylines_and_escaped_jsonld_text_are_cleaned() -> None:
    page = """<html><head><link rel="canonical" href="https://wire.example/story">
    <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "&#8216;We needed this&#8217; &amp; more",
    "author": [{"@type": "Person", "name": "By MEG KINNARD and ERRIN HAINES, AP National Writer"},
               {"@type": "Person", "name": "Meg Kinnard"}],
    "publisher": {"@type": "Organization", "name": "Wire", "url": "https://wire.example/"}}
    </script></head><body><p>Text.</p></body></html>"""
    record = extract_html(page).record
    assert record["headline"] == "\u2018We needed this\u2019 & more"
    assert record["authors"] == ["meg-kinnard", "errin-haines"]
    assert record["entities"]["errin-haines"]["name"] == "Errin Haines"


def test_chrome_lines_go_but_prose_that_looks_alike_stays() -> None:
    from ldpub.read.html_body import clean_body

    prose = [
        "Also on Monday, the minister said the border would reopen next week after talks.",
        "Fans can follow him on Twitter, where he posts daily about the campaign and his rallies,"
        " and where his remarks often make news before they reach the evening broadcasts.",
        "Read the full statement below.",  # not a teaser: "read" + "the"
        "Related reading is hard to find, she said.",  # no colon: a sentence
    ]
    chrome = [
        "Border patrols ordered",  # the headline again, at the top
        "Also on rt.com Journalists threatened with arrest",
        "Follow him on Twitter @michaeldwall.",
        "Write to Al Root at allen.root@dowjones.com",
        "Read more: Alibaba poised to launch listing",
        "Related: Possible water plumes on Europa",
        "Share this article",
        "Advertisement",
        "12 comments",
    ]
    text = "\n".join([chrome[0], prose[0], *chrome[1:], *prose[1:]])
    assert clean_body(text, titles=["Border patrols ordered"]) == "\n".join(prose)
