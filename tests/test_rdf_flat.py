"""The lean reader for flat graphs writes exactly what the general reader writes, and hands every
other shape back to it (ldpub.rdf._flat_graph_nquads beside _FastToRdf and pyld)."""

from __future__ import annotations

import contextlib
import copy
import gzip
import json
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic

from benchmarks.bench_validate import publisher_documents
from benchmarks.synthetic import records
from benchmarks.validate_schemaorg_examples import EXCERPT, examples
from ldpub import InputError, build
from ldpub.rdf import _FastToRdf, _flat_graph_nquads, _Unsupported, jsonld_to_nquads, pyld_nquads
from ldpub.validate.sources import documents_from_html
from tests.support import EXAMPLE_RECORDS, ROOT

URL = "https://news.example/a"


def nt_graph(nquads: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=nquads, format="nt")


def general(doc: Any) -> str:
    """What the general reader writes for the document (no flat path)."""
    reader = _FastToRdf(None)
    lines = reader.document(doc)
    return "".join(dict.fromkeys(lines) if reader.may_repeat else lines)


def flat_or_none(doc: Any) -> str | None:
    try:
        return _flat_graph_nquads(doc["@graph"])
    except _Unsupported:
        return None


def corpus() -> list[Any]:
    """ldpub's own graphs, synthetic publisher markup, schema.org's examples, a real page's blocks."""
    docs: list[Any] = [build(path).jsonld for path in EXAMPLE_RECORDS]
    docs += [build(record).jsonld for record in records(40)]
    docs += [json.loads(data) for data in publisher_documents(40)]
    pages = [f"<html><head>{body}</head></html>" for _, body in examples(EXCERPT.read_text(encoding="utf-8"))]
    for page in sorted((ROOT / "tests" / "data" / "pages" / "real").glob("*.html.gz")):
        pages.append(gzip.decompress(page.read_bytes()).decode("utf-8"))
    for i, html in enumerate(pages):
        docs += [d.data for d in documents_from_html(html, f"page-{i}.html") if d.data is not None]
    return docs


def as_graph(doc: Any) -> Any:
    """A single-node document as a one-node ``@graph`` (the flat path's shape)."""
    if isinstance(doc, dict) and "@graph" not in doc and "@context" in doc:
        return {"@context": doc["@context"], "@graph": [{k: v for k, v in doc.items() if k != "@context"}]}
    return doc


def test_flat_graphs_come_out_line_for_line_as_the_general_reader_writes_them() -> None:
    taken = declined = 0
    for doc in map(as_graph, corpus()):
        if not (isinstance(doc, dict) and doc.keys() == {"@context", "@graph"}):
            continue
        flat = flat_or_none(doc)
        if flat is None:
            declined += 1
            continue
        taken += 1
        assert flat == general(doc)
        assert jsonld_to_nquads(doc) == flat
    # every ldpub graph takes the flat path (below); publishers' markup mostly nests, so it does not
    assert taken >= 43 and declined >= 40, (taken, declined)


def test_every_ldpub_graph_takes_the_flat_path() -> None:
    for doc in [build(path).jsonld for path in EXAMPLE_RECORDS] + [build(r).jsonld for r in records(200)]:
        assert flat_or_none(doc) is not None, doc["@graph"][0]["@id"]


def test_an_ldpub_graph_through_the_flat_path_is_pyld_s_graph() -> None:
    doc = build(EXAMPLE_RECORDS[0]).jsonld
    flat = flat_or_none(doc)
    assert flat is not None
    assert isomorphic(nt_graph(flat), nt_graph(pyld_nquads(doc)))


def node_graph(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@graph": list(nodes)}


DECLINED = {
    "blank node": node_graph({"@type": "Person", "name": "A"}),
    "blank label": node_graph({"@id": "_:x", "@type": "Person"}),
    "relative @id": node_graph({"@id": "/people/a", "@type": "Person"}),
    "compact @id": node_graph({"@id": "schema:Thing", "name": "A"}),
    "compact reference": node_graph({"@id": URL, "sameAs": "schema:Thing"}),
    "two types": node_graph({"@id": URL, "@type": ["Person", "Patient"]}),
    "type alias": node_graph({"@id": URL, "type": "Person"}),
    "id alias": node_graph({"id": URL, "name": "A"}),
    "subject twice": node_graph({"@id": URL, "name": "A"}, {"@id": URL, "name": "B"}),
    "nested node": node_graph({"@id": URL, "author": {"@type": "Person", "name": "B"}}),
    "value object": node_graph({"@id": URL, "name": {"@value": "A", "@language": "en"}}),
    "absolute property": node_graph({"@id": URL, "http://schema.org/name": "A"}),
    "keyword reference": node_graph({"@id": URL, "sameAs": {"@id": "@word"}}),
    "nested list": node_graph({"@id": URL, "keywords": [["a"]]}),
}


@pytest.mark.parametrize("doc", DECLINED.values(), ids=DECLINED.keys())
def test_other_shapes_go_to_the_general_reader_and_still_agree_with_pyld(doc: dict[str, Any]) -> None:
    assert flat_or_none(copy.deepcopy(doc)) is None
    assert isomorphic(nt_graph(jsonld_to_nquads(doc)), nt_graph(pyld_nquads(doc)))


def test_values_of_every_kind_and_a_repeated_list_item() -> None:
    doc = node_graph(
        {
            "@id": URL,
            "@type": "NewsArticle",
            "headline": 'Quote "this" \\ and\nthat\ttab',
            "wordCount": 12,
            "isAccessibleForFree": True,
            "ratingValue": 4.5,
            "datePublished": "2024-01-02",
            "url": URL,
            "keywords": ["k", "k", None],
            "about": [{"@id": "https://e.example/b"}, {"@id": "https://e.example/b"}],
            "additionalType": "Report",
        }
    )
    flat = flat_or_none(doc)
    assert flat is not None and flat == general(doc)
    lines = flat.splitlines()
    assert len(lines) == len(set(lines))
    assert isomorphic(nt_graph(flat), nt_graph(pyld_nquads(doc)))


@pytest.mark.parametrize("ref", [["https://e.example/b"], {"@id": "https://e.example/b"}, 3, None])
def test_a_reference_that_is_no_iri_is_declined_not_a_crash(ref: Any) -> None:
    doc = node_graph({"@id": URL, "about": {"@id": ref}, "mentions": [{"@id": ref}]})
    assert flat_or_none(doc) is None
    with contextlib.suppress(InputError):  # pyld may call it invalid: a clear error, not a crash
        jsonld_to_nquads(doc)
