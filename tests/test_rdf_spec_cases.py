"""JSON-LD → RDF where publishers' markup meets the corners of the JSON-LD spec (issue 9).

Each document is the shape found on real pages; the fast path and the pyld path must both give
what the JSON-LD 1.1 toRdf algorithm gives, and neither may raise anything but an ldpub error.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic

from ldpub import InputError, LdpubError
from ldpub.rdf import jsonld_to_nquads, pyld_nquads

CTX = "https://schema.org"
PAGE = "https://news.example/2024/05/story.html"


def graph(nquads: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=nquads, format="nt")


def both(doc: Any, base: str | None = None) -> tuple[str, str]:
    return jsonld_to_nquads(copy.deepcopy(doc), base=base), pyld_nquads(copy.deepcopy(doc), base=base)


def test_empty_id_is_the_document_itself() -> None:
    doc = {"@context": CTX, "@id": "", "@type": "WebPage", "name": "Story"}
    fast, ref = both(doc, PAGE)
    assert f'<{PAGE}> <http://schema.org/name> "Story" .' in fast
    assert "_:" not in fast
    assert isomorphic(graph(fast), graph(ref))


@pytest.mark.parametrize("value", [False, True, 5, 2.5])
def test_a_number_or_boolean_for_an_id_typed_term_stays_a_literal(value: Any) -> None:
    doc = {"@context": CTX, "@type": "Thing", "url": value}
    fast, ref = both(doc)
    assert "<@id>" not in fast
    assert isomorphic(graph(fast), graph(ref))  # also proves the N-Quads parse


@pytest.mark.parametrize("value", ["@freshideen", ["https://twitter.com/x", "@freshideen"], {"@id": "@freshideen"}])
def test_keyword_like_values_are_dropped_on_both_paths(value: Any) -> None:
    doc = {"@context": CTX, "@type": "Person", "name": "F", "sameAs": value}
    expected = {"@context": CTX, "@type": "Person", "name": "F"}
    if isinstance(value, list):
        expected["sameAs"] = value[0]
    for nquads in both(doc):
        assert "freshideen" not in nquads
        assert isomorphic(graph(nquads), graph(pyld_nquads(expected)))


def test_a_pyld_fault_reaches_the_user_as_an_ldpub_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyld import jsonld

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise TypeError("'<' not supported between instances of 'NoneType' and 'str'")

    monkeypatch.setattr(jsonld, "to_rdf", broken)
    with pytest.raises(InputError) as info:
        pyld_nquads({"@context": CTX, "@type": "Thing"})
    assert "invalid JSON-LD" in info.value.message


@pytest.mark.parametrize("key", ["@id", "id"])
def test_compact_iris_with_the_contexts_prefixes_are_expanded(key: str) -> None:
    doc = {"@context": CTX, key: "schema:Foo", "@type": "Thing", "sameAs": "dcterms:subject"}
    fast, ref = both(doc)
    assert "<http://schema.org/Foo> <http://schema.org/sameAs> <http://purl.org/dc/terms/subject> ." in fast
    assert isomorphic(graph(fast), graph(ref))


def test_a_term_that_is_no_prefix_leaves_the_iri_alone() -> None:
    doc = {"@context": CTX, "@id": "name:x", "@type": "Thing"}  # "name" is a term, not a prefix
    fast, ref = both(doc)
    assert "<name:x>" in fast
    assert isomorphic(graph(fast), graph(ref))


def test_a_null_language_is_a_plain_string() -> None:
    doc = {"@context": CTX, "@type": "Thing", "name": {"@value": "x", "@language": None}}
    fast, ref = both(doc)
    assert '<http://schema.org/name> "x" .' in fast
    assert isomorphic(graph(fast), graph(ref))


def test_relative_iris_with_no_base_are_dropped_never_given_a_made_up_host() -> None:
    doc = {
        "@context": CTX,
        "@id": "https://news.example/a",
        "@type": "NewsArticle",
        "url": "/de/story",
        "mainEntityOfPage": {"@id": "story.html"},
        "author": {"@id": "/people/jane", "@type": "Person", "name": "Jane", "image": {"@type": "ImageObject"}},
    }
    fast, ref = both(doc)
    for nquads in (fast, ref):
        assert "example.org" not in nquads and "ldpub-no-base" not in nquads
        assert "/de/story" not in nquads and "jane" not in nquads
        assert "<https://news.example/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" in nquads
        assert "<http://schema.org/ImageObject>" in nquads  # the nested node is kept
    assert isomorphic(graph(fast), graph(ref))
    fast, ref = both(doc, PAGE)  # with the page's URL, they resolve against it
    assert "<https://news.example/de/story>" in fast and "<https://news.example/people/jane>" in fast
    assert isomorphic(graph(fast), graph(ref))


def test_no_base_on_the_pyld_path_too() -> None:
    doc = {"@context": [CTX, {"ex": "https://ex.example/#"}], "@id": "/a", "@type": "Thing", "ex:p": {"@id": "b"}}
    assert pyld_nquads(doc) == ""
    doc["@context"] = [CTX, {"@base": "https://site.example/"}]
    assert "<https://site.example/a>" in pyld_nquads(doc)


@pytest.mark.parametrize("iri", ["https://e.example/a b", "https://e.example/\x01", "2024-05-01T09:00:00+02:00"])
def test_iris_that_are_not_well_formed_are_dropped_on_both_paths(iri: str) -> None:
    doc = {"@context": CTX, "@type": "Thing", "name": "n", "url": iri}
    fast, ref = both(doc, PAGE)
    assert "schema.org/url" not in fast and "schema.org/url" not in ref
    assert isomorphic(graph(fast), graph(ref))


@pytest.mark.parametrize("value", [1e21, 10**21, 1e-07, -0.0, 2.0])
def test_numbers_are_written_as_json_ld_writes_them(value: Any) -> None:
    doc = {"@context": CTX, "@type": "Thing", "width": value, "name": {"@value": value, "@type": "xsd:string"}}
    fast, ref = both(doc)
    assert isomorphic(graph(fast), graph(ref))


@pytest.mark.parametrize(
    "doc",
    [
        {"@context": CTX, "@id": "@freshideen", "name": "x"},
        {"@context": CTX, "@type": "Thing", "name": {"@value": "x", "@language": 5}},
        {"@context": CTX, "@type": "Thing", "url": [[["deep"]]]},
        {"@context": CTX, "@reverse": {"author": {"@id": "@x"}}},
    ],
)
def test_odd_input_gives_an_answer_or_an_ldpub_error_never_a_traceback(doc: Any) -> None:
    for convert in (jsonld_to_nquads, pyld_nquads):
        with contextlib.suppress(LdpubError):
            convert(copy.deepcopy(doc))
