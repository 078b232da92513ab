"""A page's schema.org RDFa checked by validate: schema.org's own RDFa examples of article types as their
JSON-LD twins are, the same mistake found in RDFa as in JSON-LD, at its element, offline, and pages
with no schema.org RDFa never handed to the distiller."""

from __future__ import annotations

import socket
from typing import Any

import orjson
import pytest

from ldpub.read import html_rdfa
from ldpub.validate.sources import documents_from_html
from tests.read.test_html_rdfa import sections

from .conftest import check


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>\n{body}</body></html>"


def errors(html: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check(html, html=True).findings if f.severity == "error"]


@pytest.mark.parametrize("example", sorted(sections()))
def test_schemaorgs_rdfa_examples_have_no_errors_as_their_json_ld_twins_have_none(example: str) -> None:
    parts = sections()[example]
    assert errors(page("", head=parts["JSON"])) == []
    rdfa_page = page(parts["RDFA"])
    assert any(doc.kind == "rdfa" for doc in documents_from_html(rdfa_page, "doc.html"))  # it was read
    assert errors(rdfa_page) == []


ARTICLE = """<article vocab="https://schema.org/" typeof="NewsArticle" resource="https://news.example/a#article">
  <h1 property="headline">Bridge approved</h1>
  <time property="datePublished" datetime="2024-05-01T09:00:00+02:00">1 May</time>
  <span property="author" typeof="Person"><span property="name">Jane Doe</span></span>
</article>"""

TWIN = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": "https://news.example/a#article",
    "headline": "Bridge approved",
    "datePublished": "2024-05-01T09:00:00+02:00",
    "author": {"@type": "Person", "name": "Jane Doe"},
}

# The same mistake made in the RDFa and in its JSON-LD twin, and the line and column of the element
# that carries it in the RDFa page (its body starts on line 2).
MISTAKES: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[int, int]]] = {
    "a date that is no date": (
        ('datetime="2024-05-01T09:00:00+02:00">1 May', 'datetime="yesterday">1 May'),
        ('"2024-05-01T09:00:00+02:00"', '"yesterday"'),
        (4, 3),
    ),
    "a type that does not exist": (
        ('typeof="NewsArticle"', 'typeof="NewsArtcle"'),
        ('"NewsArticle"', '"NewsArtcle"'),
        (2, 1),
    ),
    "a nested type that does not exist": (('typeof="Person"', 'typeof="Persn"'), ('"Person"', '"Persn"'), (5, 3)),
    "a property that does not exist": (('property="name"', 'property="nme"'), ('"name"', '"nme"'), (5, 43)),
}


def test_the_correct_article_has_no_findings_either_way() -> None:
    assert check(TWIN).findings == () and check(page(ARTICLE), html=True).findings == ()


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_mistake_in_rdfa_gives_the_code_it_gives_in_json_ld_at_its_element(mistake: str) -> None:
    (good, bad), (good_json, bad_json), place = MISTAKES[mistake]
    twin = orjson.dumps(TWIN, option=orjson.OPT_INDENT_2).decode().replace(good_json, bad_json)
    in_jsonld = check(twin).findings
    in_rdfa = check(page(ARTICLE.replace(good, bad)), html=True).findings
    assert in_jsonld and [f.code for f in in_rdfa] == [f.code for f in in_jsonld]
    assert [(f.line, f.column, f.message.startswith("rdfa: ")) for f in in_rdfa] == [(*place, True)]


def test_a_page_with_json_ld_and_rdfa_checks_both() -> None:
    block = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Persn"}</script>'
    found = check(page(ARTICLE.replace('property="name"', 'property="nme"'), head=block), html=True).findings
    assert sorted((f.code, f.message.startswith("rdfa: ")) for f in found) == [("LD020", False), ("LD021", True)]


def test_pages_with_no_schemaorg_rdfa_are_not_handed_to_the_distiller(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenGraph meta tags, Drupal's sioc:/foaf: items: nothing in schema.org's vocabulary."""

    def refuse(*args: Any) -> None:
        raise AssertionError("the RDFa distiller was run")

    monkeypatch.setattr(html_rdfa, "_distil", refuse)
    other = page(
        '<article about="/node/12" typeof="sioc:Item foaf:Document"><h1 property="dc:title">A</h1></article>',
        head='<meta property="og:title" content="A title">',
    )
    assert check(other, html=True).findings == ()
    assert check(page("<p>no RDFa</p>"), html=True).findings == ()


def test_rdfa_that_cannot_be_read_is_a_finding_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> None:
        raise ValueError("the distiller broke")

    monkeypatch.setattr(html_rdfa, "_distil", broken)
    [finding] = check(page(ARTICLE), html=True).findings
    assert finding.code == "LD011" and "RDFa could not be read (ValueError: the distiller broke)" in finding.message


def test_rdfa_is_checked_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A vocab, prefixes, a base, a remote resource and a Turtle block: no socket is opened."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    html = page(
        """<div prefix="s: https://schema.org/ dc: http://purl.org/dc/terms/" vocab="https://schema.org/"
  typeof="NewsArticle s:Article" resource="a.html#article">
<h1 property="headline dc:title">Offline</h1>
<span property="author" typeof="Person" resource="https://www.example.org/people/x.rdf">
<span property="nme">X</span></span>
</div>""",
        head='<base href="https://paper.example/news/"><script type="text/turtle">@prefix s: <https://schema.org/> . '
        '<#x> s:nmae "from Turtle" .</script>',
    )
    found = check(html, html=True).findings
    assert [(f.code, f.line) for f in found] == [("LD021", 6)]


def test_javascripts_typeof_is_no_rdfa_but_every_typeof_attribute_is() -> None:
    from ldpub.validate.rdfa import maybe_rdfa

    script = '<script>var _typeof = function (o) { return typeof o === "symbol" ? typeof o : o; };</script>'
    assert not maybe_rdfa(page("<p>typeof</p>", head=script))
    for attribute in ('typeof="Article"', "typeof='Article'", 'typeof = "Article"', "typeof=Article"):
        assert maybe_rdfa(page(f"<div vocab='https://schema.org/' {attribute}></div>", head=script))
