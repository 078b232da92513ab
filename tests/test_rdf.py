"""The graph is the same whichever way it is made, and nothing is ever fetched."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic

from ldpub import RemoteContextError, build
from ldpub.context import schema_context_document
from ldpub.rdf import jsonld_to_nquads, nquads_to_jsonld, parse_rdf, pyld_nquads
from tests.support import EXAMPLE_RECORDS, ROOT


def nt_graph(nquads: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=nquads, format="nt")


def rdflib_graph(doc: dict[str, Any]) -> rdflib.Graph:
    """rdflib's own JSON-LD parser, offline: the context inlined (it would fetch a URL)."""
    inlined = dict(doc, **{"@context": schema_context_document()["@context"]})
    return rdflib.Graph().parse(data=json.dumps(inlined), format="json-ld")


@pytest.mark.parametrize("path", EXAMPLE_RECORDS, ids=lambda p: p.stem)
def test_fast_path_pyld_rdflib_and_turtle_give_isomorphic_graphs(path: Any) -> None:
    article = build(path)
    fast = nt_graph(article.nquads())
    assert len(fast) > 50
    assert isomorphic(fast, nt_graph(pyld_nquads(article.jsonld)))
    assert isomorphic(fast, rdflib_graph(article.jsonld))
    assert isomorphic(fast, rdflib.Graph().parse(data=article.turtle(), format="turtle"))


def test_json_ld_rdf_json_ld_round_trip() -> None:
    article = build(EXAMPLE_RECORDS[0])
    back = nquads_to_jsonld(article.nquads())
    assert back["@context"] == "https://schema.org"
    assert isomorphic(nt_graph(jsonld_to_nquads(back)), nt_graph(article.nquads()))


# Documents outside ldpub's own output: what other publishers write.
FOREIGN_DOCS = [
    {  # nested nodes, no @id (blank nodes), array of types, numbers and booleans
        "@context": "https://schema.org/",
        "@type": ["NewsArticle", "Article"],
        "headline": "H",
        "author": [{"@type": "Person", "name": "A", "url": "https://a.example/"}],
        "publisher": {"@type": "Organization", "name": "P", "logo": {"@type": "ImageObject", "url": "https://p/l.png"}},
        "wordCount": 120,
        "isAccessibleForFree": True,
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": 4.5, "ratingCount": 10.0},
        "datePublished": "2024-01-02T03:04:05Z",
    },
    {  # http context, value objects, language tags, compact IRIs, an unknown term, blank node ids
        "@context": "http://schema.org",
        "@graph": [
            {"@id": "_:x", "@type": "Person", "name": {"@value": "Ahmad", "@language": "ar"}, "knows": {"@id": "_:y"}},
            {"@id": "_:y", "@type": "schema:Person", "schema:name": "B", "madeUpTerm": "z"},
            {
                "@id": "https://e.example/o",
                "@type": "Organization",
                "foundingDate": {"@value": "1999", "@type": "Date"},
            },
        ],
    },
    [  # a list of documents, several blocks as on a page
        {"@context": "https://schema.org", "@type": "WebSite", "url": "https://e.example/", "name": "E"},
        {
            "@context": "https://schema.org",
            "@id": "https://e.example/a#x",
            "@type": "NewsArticle",
            "headline": 'a "quoted"\nline\t\\',
        },
    ],
    {  # an inline context: not the fast path's shape, so pyld takes it (still offline)
        "@context": {"@vocab": "https://schema.org/", "name": "https://schema.org/name"},
        "@type": "Thing",
        "name": "x",
    },
]


@pytest.mark.parametrize("doc", FOREIGN_DOCS, ids=["nested", "graph", "blocks", "inline-context"])
def test_fast_path_agrees_with_pyld_on_other_publishers_markup(doc: Any) -> None:
    ours = jsonld_to_nquads(copy.deepcopy(doc))
    assert ours
    assert isomorphic(nt_graph(ours), nt_graph(pyld_nquads(doc)))


# Documents that say a triple twice: the N-Quads say it once (the fast path skips its
# deduplication only when no triple can repeat, so each way of repeating one is here).
REPEATING_DOCS = [
    {  # one node described in two places
        "@context": "https://schema.org",
        "@graph": [
            {"@id": "https://e.example/a", "@type": "Person", "name": "A"},
            {"@id": "https://e.example/a", "@type": "Person", "name": "A", "url": "https://e.example/"},
        ],
    },
    {  # two keys for one property: a term, its compact IRI and its absolute IRI
        "@context": "https://schema.org",
        "@id": "https://e.example/a",
        "name": "A",
        "schema:name": "A",
        "http://schema.org/name": "A",
    },
    {"@context": "https://schema.org", "@id": "https://e.example/a", "@type": "Person", "type": "Person"},
    {  # a list giving one value twice, spelt the same or differently
        "@context": "https://schema.org",
        "@id": "https://e.example/a",
        "sameAs": ["https://x.example/", {"@id": "https://x.example/"}],
        "knows": [{"@id": "https://e.example/b"}, {"@id": "https://e.example/b"}],
        "keywords": ["k", "k"],
    },
    {"@context": "https://schema.org", "@id": "https://e.example/a", "@type": ["Person", "schema:Person"]},
    {  # a nested node with an @id that is also in the graph
        "@context": "https://schema.org",
        "@graph": [
            {"@id": "https://e.example/a", "@type": "Person", "knows": {"@id": "https://e.example/b", "name": "B"}},
            {"@id": "https://e.example/b", "name": "B"},
        ],
    },
]


@pytest.mark.parametrize(
    "doc", REPEATING_DOCS, ids=["two-nodes", "two-keys", "type-keys", "list", "type-list", "nested"]
)
def test_a_triple_said_twice_is_written_once(doc: Any) -> None:
    lines = jsonld_to_nquads(doc).splitlines(keepends=True)
    assert len(lines) == len(set(lines))
    reference = pyld_nquads(doc)
    assert len(lines) == len(reference.splitlines())
    assert isomorphic(nt_graph("".join(lines)), nt_graph(reference))


@pytest.mark.parametrize(
    "context",
    ["https://example.com/context.jsonld", ["https://schema.org", "https://evil.example/ctx"]],
)
def test_remote_contexts_are_refused_not_fetched(context: Any) -> None:
    doc = {"@context": context, "@type": "Thing", "name": "x"}
    with pytest.raises(RemoteContextError) as info:
        jsonld_to_nquads(doc)
    assert "refused" in info.value.message and "never fetches" in info.value.message
    with pytest.raises(RemoteContextError):
        pyld_nquads(doc)


def test_nested_remote_context_is_refused_by_the_pyld_path() -> None:
    doc = {
        "@context": "https://schema.org",
        "@type": "Thing",
        "subjectOf": {"@context": "https://x.example/c", "name": "n"},
    }
    with pytest.raises(RemoteContextError):
        jsonld_to_nquads(doc)


def test_no_network_even_for_pyld(monkeypatch: pytest.MonkeyPatch) -> None:
    """A socket opened anywhere during conversion fails the test."""
    import socket

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    article = build(EXAMPLE_RECORDS[0])
    pyld_nquads(article.jsonld)
    jsonld_to_nquads(FOREIGN_DOCS[1])


def test_turtle_has_readable_prefixes() -> None:
    turtle = build(EXAMPLE_RECORDS[0]).turtle()
    assert "@prefix schema: <http://schema.org/> ." in turtle
    assert "a schema:ReportageNewsArticle" in turtle  # the first example's type


def test_parse_rdf_formats_agree() -> None:
    article = build(EXAMPLE_RECORDS[0])
    from_turtle = parse_rdf(article.turtle(), "turtle")
    from_jsonld = parse_rdf(article.to_json(), "jsonld")
    assert isomorphic(nt_graph(from_turtle), nt_graph(from_jsonld))


def test_turtle_syntax_error_has_a_location() -> None:
    from ldpub import InputError

    with pytest.raises(InputError) as info:
        parse_rdf("<https://a> <https://b> .\n", "turtle")
    assert "malformed turtle" in info.value.message


def test_output_does_not_depend_on_hash_seed() -> None:
    script = "import ldpub,sys; a=ldpub.build(sys.argv[1]); print(a.to_json()); print(a.turtle())"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(EXAMPLE_RECORDS[0])],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_an_empty_key_is_read_as_pyld_reads_it() -> None:
    # found by the fuzzer (tests/fuzz.py): '"": ...' in a node raised IndexError in the reader
    # and in validate's walk; JSON-LD expands it against @vocab, so it is schema:'s own IRI
    doc = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": "https://a.example/x",
        "about": {"": "v", "name": "n"},
        "": "top",
    }
    assert isomorphic(nt_graph(jsonld_to_nquads(doc)), nt_graph(pyld_nquads(doc)))
    from ldpub.validate import Validator

    report = Validator([]).check_bytes(json.dumps(doc).encode(), "empty-key.jsonld", suffix=".jsonld")
    assert all(f.code.startswith("LD") for f in report.findings)
