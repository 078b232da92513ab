"""False alarms and crashes found by checking against references nobody here wrote (issue 9):
schema.org's own examples, real publisher pages, the JSON-LD spec. Each shape is the real one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT

from .conftest import check, codes

CTX = "https://schema.org"


@pytest.mark.parametrize(
    ("prop", "value"),
    [("birthDate", "1981"), ("deathDate", "2017-08"), ("foundingDate", "1865"), ("startDate", "2017-08")],
)
def test_reduced_precision_dates_are_valid(prop: str, value: str) -> None:
    # schema.org's examples: "birthDate": "1981"; Events with "startDate": "2017-08"
    node_type = "Event" if prop == "startDate" else "Organization" if prop == "foundingDate" else "Person"
    assert codes(check({"@context": CTX, "@type": node_type, "name": "x", prop: value})) == []


@pytest.mark.parametrize("value", ["1981-13", "81", "2017-08-32", "August 2017"])
def test_dates_that_are_not_iso_8601_still_fail(value: str) -> None:
    assert codes(check({"@context": CTX, "@type": "Person", "name": "x", "birthDate": value})) == ["LD023"]


def test_reduced_precision_publication_date_is_a_google_warning_not_an_error() -> None:
    doc = {"@context": CTX, "@type": "NewsArticle", "headline": "h", "datePublished": "2017-08"}
    found = check(doc, "google-article").findings
    assert "GA003" not in [f.code for f in found] and "LD023" not in [f.code for f in found]
    assert "GA004" in [f.code for f in found]


def test_a_context_inside_each_node_of_the_graph_is_a_context() -> None:
    doc = {
        "@graph": [
            {
                "@context": "http://schema.org",
                "@type": "NewsMediaOrganization",
                "name": "P",
                "url": "https://p.example/",
            },
            {"@context": "http://schema.org", "@type": "WebSite", "name": "P", "url": "https://p.example/"},
        ]
    }
    assert codes(check(doc)) == []
    doc["@graph"].append({"@type": "Thing", "name": "no context here"})
    found = check(doc).findings
    assert [(f.code, f.pointer) for f in found] == [("LD012", "/@graph/2")]


def test_a_url_node_for_main_entity_of_page_is_fine() -> None:
    doc = {
        "@context": CTX,
        "@type": "NewsArticle",
        "headline": "h",
        "mainEntityOfPage": {"@id": "https://news.example/a", "@type": "URL"},
    }
    assert codes(check(doc)) == []
    doc["author"] = {"@id": "https://news.example/a", "@type": "URL"}  # author takes no URL
    assert codes(check(doc)) == ["LD023"]


def test_microdata_links_are_urls_resolved_against_the_page() -> None:
    page = """<!doctype html><html><head><link rel="canonical" href="https://www.site.example/de/story.html">
</head><body>
<ol itemscope itemtype="https://schema.org/BreadcrumbList">
  <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
    <a itemprop="item" href="/de/politik"><span itemprop="name">Politik</span></a>
    <meta itemprop="position" content="1">
  </li>
</ol></body></html>"""
    assert codes(check(page, html=True)) == []
    no_url = page.replace('<link rel="canonical" href="https://www.site.example/de/story.html">', "")
    assert codes(check(no_url, html=True)) == []  # a page that names no URL of its own: still a URL


def test_microdata_time_with_content_reads_the_content() -> None:
    page = """<html><body><article itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">H</h1>
<time itemprop="datePublished" content="2019-11-15T10:45:02+00:00"><span>Nov 15, 2019</span></time>
<time itemprop="dateModified">16 Nov</time></article></body></html>"""
    found = check(page, html=True).findings
    assert [(f.code, f.pointer, "'16 Nov'" in f.message) for f in found] == [("LD023", None, True)]


def test_microdata_findings_are_at_their_line_and_column() -> None:
    page = (
        "<html><body>\n"
        '<div itemscope itemtype="https://schema.org/Persn"><span itemprop="name">A</span></div>\n'
        '<div itemscope itemtype="https://schema.org/Person">\n'
        '  <span itemprop="name">B</span> <span itemprop="nme">typo</span>\n'
        '  <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">\n'
        '    <span itemprop="postalCod">1</span></div>\n'
        "</div></body></html>"
    )
    found = check(page, html=True).findings
    assert [(f.code, f.line, f.column) for f in found] == [("LD020", 2, 1), ("LD021", 4, 34), ("LD021", 6, 5)]


def test_reverse_properties_are_checked_not_a_traceback() -> None:
    # schema.org's example eg-0230 has this shape: the author given from the book's side
    doc = {
        "@context": CTX,
        "@type": "Person",
        "name": "Ursula K. Le Guin",
        "@reverse": {"author": [{"@type": "Book", "name": "The Dispossessed"}, {"@type": "Boook", "name": "x"}]},
    }
    found = check(doc).findings
    assert [f.code for f in found] == ["LD020"] and "Boook" in found[0].message


@pytest.mark.parametrize("content", [b"", b"  \n", b"\xef\xbb\xbf"])
def test_an_empty_jsonld_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonld"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "ldpub", "validate", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "LD001" in result.stdout and "empty" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_empty_block_in_a_page_is_still_only_a_warning() -> None:
    page = '<html><head><script type="application/ld+json"> </script></head></html>'
    assert codes(check(page, html=True)) == ["LD006"]


def test_a_bad_date_is_reported_once() -> None:
    doc = {"@context": CTX, "@type": "NewsArticle", "headline": "h", "datePublished": "19 Nov 2019 07:09 GMT"}
    found = [f.code for f in check(doc, "google-article").findings]
    assert found.count("LD023") == 1 and "GA003" not in found
    doc["datePublished"] = ["19 Nov 2019 07:09 GMT"]
    assert "GA003" not in [f.code for f in check(doc, "google-article").findings]


@pytest.mark.parametrize(("value", "word"), [(False, "false"), (True, "true")])
def test_messages_name_json_values_as_json_writes_them(value: Any, word: str) -> None:
    found = check({"@context": CTX, "@type": "Thing", "name": "x", "url": value}).findings
    assert [f.code for f in found] == ["LD023"]
    assert f"literal {word} " in found[0].message and "False" not in found[0].message


def test_a_date_not_an_date() -> None:
    found = check({"@context": CTX, "@type": "Organization", "foundingDate": "1 July 1941"}).findings
    assert "is not a date (YYYY-MM-DD)" in found[0].message and "an date" not in found[0].message
