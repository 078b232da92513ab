"""schema.org RDFa read by extract: schema.org's own RDFa examples of article types read as their JSON-LD
twins are, a news page in RDFa's shape, offline, and a page whose RDFa is another vocabulary's."""

from __future__ import annotations

import json
import re
import socket
from typing import Any

import pytest

import ldpub
from ldpub.read import extract_html, extract_html_file, html_rdfa
from ldpub.read.safe_html import parse_html
from tests.support import DATA

EXAMPLES = DATA / "schemaorg" / "schemaorg-rdfa-article-examples.txt"
GRAPH = DATA / "pages" / "graph"
_HEADER = re.compile(r"^TYPES: #(eg-\d+)", re.MULTILINE)
_SECTION = re.compile(r"^(RDFA|JSON):\s*$", re.MULTILINE)


def sections() -> dict[str, dict[str, str]]:
    """Each vendored example's RDFa and JSON sections, by example."""
    text = EXAMPLES.read_text(encoding="utf-8")
    heads = list(_HEADER.finditer(text))
    out = {}
    for i, head in enumerate(heads):
        body = text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        found = list(_SECTION.finditer(body))
        out[head.group(1)] = {
            s.group(1): body[s.end() : found[j + 1].start() if j + 1 < len(found) else len(body)]
            for j, s in enumerate(found)
        }
    return out


def record(markup: str, *, head: str = "") -> dict[str, Any]:
    page = f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{markup}</body></html>"
    result = extract_html(page.encode("utf-8"), source="example.html", link=False)
    return {k: v for k, v in result.record.items() if k not in ("body", "entities", "inferred")}


def canonical(value: Any) -> Any:
    """A value with every list read as a set (RDF keeps no order; the examples' two versions differ in it)."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


# The examples whose JSON-LD version is read as an article (eg-0398's Periodical and eg-0423's
# SocialMediaPosting are not the page's article in either version: no record type is theirs).
ARTICLES = ("eg-0399", "eg-0401", "eg-0023", "eg-0424", "eg-0425", "eg-0222")


def test_the_vendored_examples_are_schemaorgs_rdfa_examples_of_article_types() -> None:
    found = sections()
    assert sorted(found) == sorted(
        ["eg-0398", "eg-0399", "eg-0401", "eg-0023", "eg-0423", "eg-0424", "eg-0425", "eg-0222"]
    )
    assert all("typeof=" in s["RDFA"] and "ld+json" in s["JSON"] for s in found.values())


@pytest.mark.parametrize("example", ARTICLES)
def test_an_rdfa_example_reads_as_its_json_ld_twin(example: str) -> None:
    parts = sections()[example]
    from_rdfa, from_jsonld = record(parts["RDFA"]), record("", head=parts["JSON"])
    assert from_jsonld.get("headline") not in (None, "t")  # the JSON-LD twin is read as an article
    differ = sorted(
        k for k in from_rdfa.keys() | from_jsonld.keys() if canonical(from_rdfa.get(k)) != canonical(from_jsonld.get(k))
    )
    assert differ == DIFFER.get(example, [])


# Where an example's two versions differ themselves: eg-0399's RDFa description has an em dash where
# its JSON-LD has "--"; eg-0424's JSON-LD writes an update's articleBody with a literal "<br>" where
# its RDFa has the <br> element (read as the text's line break); RDFa's values are text, as
# microdata's are, where eg-0425's JSON-LD writes the number 25 (userInteractionCount, in extra).
DIFFER = {"eg-0399": ["description"], "eg-0424": ["live"], "eg-0425": ["extra"]}


def test_the_live_blog_examples_differ_only_in_the_br_of_one_update() -> None:
    parts = sections()["eg-0424"]
    from_rdfa, from_jsonld = record(parts["RDFA"]), record("", head=parts["JSON"])
    text = json.dumps(canonical(from_jsonld["live"])).replace("<br>", "")
    assert canonical(from_rdfa["live"]) == json.loads(text)


def test_an_rdfa_live_blog_keeps_its_updates_in_the_pages_order() -> None:
    live = record(sections()["eg-0424"]["RDFA"])["live"]
    assert [u["published"] for u in live["updates"]] == [
        "2015-03-09T13:17:00-07:00",
        "2015-03-09T13:13:00-07:00",
        "2015-03-09T13:08:00-07:00",
    ]
    assert live["updates"][2]["body"] == "It's $14.99 a month. And for a limited time, …"


def test_a_time_elements_datetime_is_its_value() -> None:
    """HTML5+RDFa: <time datetime="2006-10" property="datePublished">October 2006</time> is 2006-10."""
    issue = record(sections()["eg-0401"]["RDFA"])["extra"]["isPartOf"]
    assert {"@type": "PublicationIssue", "issueNumber": "4", "datePublished": "2006-10"} in issue


def test_an_rdfa_news_page_gives_what_only_its_rdfa_says_and_builds() -> None:
    result = extract_html_file(GRAPH / "rdfa-article.html", link=False)
    rec = result.record
    assert (rec["type"], rec["headline"]) == ("NewsArticle", "Harbour ferry timetable changes")
    assert rec["modified"] == "2024-03-12T10:05:00+01:00"  # no meta tag says it: the RDFa's <time datetime>
    assert rec["entities"][rec["authors"][0]] == {
        "type": "Person",
        "name": "Ines Marlow",
        "url": "https://coastalcourier.example/staff/ines-marlow",
    }
    assert rec["publisher"] == {
        "name": "Coastal Courier",
        "url": "https://coastalcourier.example/",
        "logo": {"url": "https://coastalcourier.example/logo.png"},
    }
    # a relative src resolved against the page, and the figure's caption
    assert rec["images"] == [
        {
            "url": "https://coastalcourier.example/images/2024/03/ferry.jpg",
            "caption": "Filler caption for the ferry picture.",
        }
    ]
    assert "inferred" not in rec and [str(w) for w in result.warnings] == []
    assert ldpub.build(rec).warnings == ()


def test_other_vocabularies_rdfa_is_not_handed_to_the_distiller(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenGraph meta tags and Drupal's sioc:/foaf: items say nothing in schema.org."""

    def refuse(*args: Any) -> None:
        raise AssertionError("the RDFa distiller was run")

    monkeypatch.setattr(html_rdfa, "_distil", refuse)
    page = """<!DOCTYPE html><html prefix="og: http://ogp.me/ns#"><head><title>t</title>
<meta property="og:title" content="A title"></head><body>
<article about="/node/12" typeof="sioc:Item foaf:Document"><h1 property="dc:title">A title</h1>
<img typeof="foaf:Image" src="/a.jpg"></article></body></html>"""
    warnings: list[str] = []
    assert html_rdfa.rdfa_nodes(parse_html(page), "https://site.example/node/12", warnings) == []
    assert warnings == []


def test_rdfa_is_read_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A vocab, prefixes, a base and an embedded Turtle block: nothing is fetched (no socket opened)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    page = """<!DOCTYPE html><html><head><title>t</title><base href="https://paper.example/news/">
<script type="text/turtle">@prefix s: <https://schema.org/> . <#x> s:name "from Turtle" .</script></head>
<body prefix="s: https://schema.org/ dc: http://purl.org/dc/terms/">
<div vocab="https://schema.org/" typeof="NewsArticle s:Article" resource="a.html#article">
<h1 property="headline dc:title">Offline</h1>
<span property="author" typeof="Person" resource="https://www.example.org/people/x.rdf">
<span property="name">X</span></span>
</div></body></html>"""
    warnings: list[str] = []
    node, person = html_rdfa.rdfa_nodes(parse_html(page), "https://paper.example/news/a.html", warnings)
    assert node["@id"] == ["https://paper.example/news/a.html#article"]  # the <base> applied
    assert person == {"@type": ["Person"], "@id": ["https://www.example.org/people/x.rdf"], "name": ["X"]}
    assert node["@type"] == ["Article", "NewsArticle"] and node["headline"] == ["Offline"]
    assert node["author"] == ["https://www.example.org/people/x.rdf"]  # an IRI: a reference, not fetched
    assert warnings == []


def test_json_ld_wins_over_rdfa_on_the_type_with_a_warning() -> None:
    data = '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H"}'
    jsonld = f'<script type="application/ld+json">{data}</script>'
    markup = '<div vocab="https://schema.org/" typeof="BlogPosting"><span property="alternativeHeadline">A</span></div>'
    page = f"<!DOCTYPE html><html><head><title>t</title>{jsonld}</head><body>{markup}</body></html>"
    result = extract_html(page.encode("utf-8"), source="page.html", link=False)
    assert result.record["type"] == "NewsArticle"
    assert any("its RDFa a BlogPosting: the JSON-LD's type is kept" in str(w) for w in result.warnings)


def test_a_page_declaring_the_schema_prefix_but_typing_nothing_in_it_is_not_distilled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Drupal 8's pages declare schema: (and foaf:, sioc:…) on <html> and type their images foaf:Image."""

    def refuse(*args: Any) -> None:
        raise AssertionError("the RDFa distiller was run")

    monkeypatch.setattr(html_rdfa, "_distil", refuse)
    page = """<!DOCTYPE html><html prefix="foaf: http://xmlns.com/foaf/0.1/ og: http://ogp.me/ns#
  schema: http://schema.org/ sioc: http://rdfs.org/sioc/ns#"><head><title>t</title></head><body>
<article typeof="sioc:Item foaf:Document"><h1 property="schema:name">A</h1>
<img typeof="foaf:Image" src="/a.jpg"></article></body></html>"""
    assert html_rdfa.rdfa_nodes(parse_html(page), "https://site.example/a", []) == []


@pytest.mark.parametrize(
    ("attributes", "typeof"),
    [
        ('vocab="https://schema.org/"', "Article"),
        ("", "schema:Article"),  # schema: is in RDFa's initial context
        ('prefix="s: https://schema.org/"', "s:Article"),
        ('xmlns:s="https://schema.org/"', "s:Article"),
        ("", "https://schema.org/Article"),
    ],
)
def test_every_way_of_typing_in_schemaorg_is_read(attributes: str, typeof: str) -> None:
    page = f"""<!DOCTYPE html><html><head><title>t</title></head><body>
<div {attributes}><article typeof="{typeof}"><h1 property="https://schema.org/headline">H</h1></article></div>
</body></html>"""
    tree = parse_html(page)
    assert html_rdfa.has_schema_rdfa(tree)
    [node] = html_rdfa.rdfa_nodes(tree, "https://site.example/a", [])
    assert node["@type"] == ["Article"] and node["headline"] == ["H"]
