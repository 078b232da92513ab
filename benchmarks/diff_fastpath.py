"""Differential check of ldpub's JSON-LD → RDF fast path against pyld, on generated documents.

A seeded generator writes schema.org-shaped JSON-LD the way publishers do and the way they get
it wrong: nested nodes and arrays, ``@id``/``@type`` in every form (terms, compact and absolute
IRIs, the ``id``/``type`` aliases, blank node labels), value objects (languages, datatypes,
``null``), odd scalars (big and negative numbers, floats, booleans, ``null``, keyword-like and
empty strings), relative and odd IRIs, with and without a base IRI. For every document the
fast path (:func:`ldpub.rdf.jsonld_to_nquads`) and pyld (:func:`ldpub.rdf.pyld_nquads`) must give
isomorphic graphs, or both refuse with an ldpub error.

pyld takes ~25 ms a document to process the 3,000-term schema.org context, so the reference
gets the same context cut to the terms the document can use (every key and string in it, and
all prefixes): a term the document never names cannot change what it means. ``--full`` gives
pyld the whole context instead (slow), to check that cut.

    python benchmarks/diff_fastpath.py [--docs 20000] [--seed 1] [--full] [--show 5]
"""

from __future__ import annotations

import argparse
import copy
import logging
import random
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from ldpub.context import is_schema_context, schema_context_document
from ldpub.errors import LdpubError
from ldpub.rdf import jsonld_to_nquads, pyld_nquads

CONTEXTS: list[Any] = [
    "https://schema.org",
    "http://schema.org",
    "https://schema.org/",
    "http://schema.org/",
    ["https://schema.org"],
    "https://schema.org/docs/jsonldcontext.json",
]
TYPES = [
    "NewsArticle", "Person", "Organization", "ImageObject", "WebPage", "Place", "Thing", "schema:Person",
    "http://schema.org/Person", "https://schema.org/Person", "HTML", "Unknowntype", "dcterms:Agent",
    "https://other.example/T",
]  # fmt: skip
TEXT_KEYS = ["name", "headline", "description", "schema:name", "http://schema.org/name", "keywords", "madeUpTerm"]
ID_KEYS = ["url", "sameAs", "mainEntityOfPage", "image", "logo", "isPartOf"]  # "@type": "@id" in the context
DATE_KEYS = ["datePublished", "dateModified", "birthDate"]  # "@type": "Date" in the context
NODE_KEYS = ["author", "publisher", "about", "knows", "item", "mentions", "dcterms:creator"]
NUMBER_KEYS = ["wordCount", "width", "ratingValue", "position"]
STRINGS = [
    "plain", "", " ", 'a "quoted"\nline\t\\', "ünïcødé ✓", "@freshideen", "@id", "@", "1981", "2017-08",
    "2024-05-01T09:00:00+02:00", "true", "schema:Text", "https://e.example/as-text", "\u2028sep", "\x01ctl",
]  # fmt: skip
IRIS = [
    "https://e.example/a", "https://e.example/a#x", "http://e.example/b?q=1", "https://e.example/ü/é",
    "", "/rel/path", "rel", "#frag", "?query", "//other.example/x", "../up", "./here",
    "schema:Foo", "dcterms:subject", "name:notaprefix", "foo:bar", "mailto:someone@e.example", "urn:isbn:123",
    "_:b1", "_:other", "@freshideen", "@id", "https://e.example/a b", "https://e.example/nb\u00a0sp",
]  # fmt: skip
NODE_IRIS = [iri for iri in IRIS if not iri.startswith("@")]
NUMBERS: list[Any] = [0, 1, -5, 120, 2**53, 10**21, 1.5, 2.0, -0.0, 1e-7, 3.14159, 1e300, True, False, None]
LANGUAGES: list[Any] = ["en", "EN-us", "de", "ar", None]
DATATYPES = ["Date", "DateTime", "xsd:integer", "xsd:string", "http://www.w3.org/2001/XMLSchema#boolean", "Text"]
BASES = [None, None, "https://base.example/dir/page.html?x=1"]


class Generator:
    """Schema.org-shaped JSON-LD documents from one seed."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, items: list[Any]) -> Any:
        return items[self.r.randrange(len(items))]

    def document(self) -> tuple[Any, str | None]:
        r = self.r
        base = self.pick(BASES)
        shape = r.random()
        if shape < 0.45:
            doc: Any = {"@context": self.pick(CONTEXTS), **self.node(0)}
        elif shape < 0.75:
            doc = {"@context": self.pick(CONTEXTS), "@graph": [self.node(0) for _ in range(r.randint(1, 4))]}
        elif shape < 0.85:
            doc = [{"@context": self.pick(CONTEXTS), **self.node(0)} for _ in range(r.randint(1, 3))]
        elif shape < 0.93:  # the context inside each node of @graph
            doc = {"@graph": [{"@context": self.pick(CONTEXTS), **self.node(0)} for _ in range(r.randint(1, 3))]}
        else:  # a nested repeated context, or a small inline one of the publisher's own
            node = self.node(0)
            if r.random() < 0.5:
                node["subjectOf"] = {"@context": self.pick(CONTEXTS), **self.node(2)}
                doc = {"@context": self.pick(CONTEXTS), **node}
            else:
                doc = {"@context": [self.pick(CONTEXTS), {"ex": "https://ex.example/ns#"}], **node, "ex:p": "v"}
        return doc, base

    def node(self, depth: int) -> dict[str, Any]:
        r = self.r
        node: dict[str, Any] = {}
        if r.random() < 0.6:
            # "@id": "@word" on a node sends the whole document to pyld: now and then, not in every other one
            node["@id" if r.random() < 0.85 else "id"] = self.pick(IRIS if r.random() < 0.05 else NODE_IRIS)
        if r.random() < 0.85:
            types = self.pick(TYPES) if r.random() < 0.75 else [self.pick(TYPES) for _ in range(r.randint(1, 3))]
            node["@type" if r.random() < 0.9 else "type"] = types
        for _ in range(r.randint(0, 5)):
            key, value = self.member(depth)
            node[key] = value
        return node

    def member(self, depth: int) -> tuple[str, Any]:
        r = self.r
        kind = r.random()
        if kind < 0.25:
            return self.pick(TEXT_KEYS), self.many(lambda: self.text_value())
        if kind < 0.45:
            return self.pick(ID_KEYS), self.many(lambda: self.id_value(depth))
        if kind < 0.55:
            return self.pick(DATE_KEYS), self.many(lambda: self.pick([*STRINGS, *NUMBERS[:4], self.value_object()]))
        if kind < 0.65:
            return self.pick(NUMBER_KEYS), self.many(lambda: self.pick(NUMBERS))
        if depth < 3:
            return self.pick(NODE_KEYS), self.many(lambda: self.node_value(depth))
        return self.pick(TEXT_KEYS), self.text_value()

    def many(self, make: Any) -> Any:
        r = self.r
        if r.random() < 0.7:
            return make()
        items = [make() for _ in range(r.randint(0, 3))]
        if r.random() < 0.01:
            items.append([make()])  # an array in an array
        return items

    def text_value(self) -> Any:
        r = self.r.random()
        if r < 0.6:
            return self.pick(STRINGS)
        if r < 0.75:
            return self.pick(NUMBERS)
        if r < 0.95:
            return self.value_object()
        return {"en": self.pick(STRINGS), "de": self.pick(STRINGS)}  # a language map written without its container

    def value_object(self) -> dict[str, Any]:
        r = self.r.random()
        value = self.pick([*STRINGS, *NUMBERS])
        if r < 0.4 and isinstance(value, str):
            return {"@value": value, "@language": self.pick(LANGUAGES)}
        if r < 0.8:
            return {"@value": value, "@type": self.pick(DATATYPES)}
        return {"@value": value}

    def id_value(self, depth: int) -> Any:
        r = self.r.random()
        if r < 0.55:
            return self.pick(IRIS)
        if r < 0.75:
            return {"@id": self.pick(IRIS)}
        if r < 0.9:
            return self.pick([*NUMBERS, *STRINGS])
        return self.node(depth + 1) if depth < 3 else self.pick(IRIS)

    def node_value(self, depth: int) -> Any:
        r = self.r.random()
        if r < 0.55:
            return self.node(depth + 1)
        if r < 0.75:
            return {"@id": self.pick(IRIS)}
        if r < 0.9:
            return self.pick(STRINGS)
        return self.pick(NUMBERS)


def documents(seed: int, count: int) -> Iterator[tuple[Any, str | None]]:
    gen = Generator(seed)
    for _ in range(count):
        yield gen.document()


def _strings(value: Any, out: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(key)
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    elif isinstance(value, str):
        out.add(value)
        out.add(value.partition(":")[0])


def cut_context(doc: Any) -> Any:
    """``doc`` with each schema.org context replaced by its terms that ``doc`` can use (see above)."""
    ctx = schema_context_document()["@context"]
    used: set[str] = set()
    _strings(doc, used)
    cut = {k: v for k, v in ctx.items() if k.startswith("@") or isinstance(v, str) or k in used}

    def swap(value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "@context":
                    items = item if isinstance(item, list) else [item]
                    items = [cut if isinstance(c, str) and is_schema_context(c) else c for c in items]
                    out[key] = items if isinstance(item, list) else items[0]
                else:
                    out[key] = swap(item)
            return out
        if isinstance(value, list):
            return [swap(item) for item in value]
        return value

    return swap(doc)


def _term(term: Any) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _graph(nquads: str) -> rdflib.Graph:
    """The N-Quads read by pyoxigraph (strict to the N-Quads grammar; rdflib's reader refuses some
    valid IRIs, such as one with a no-break space), as an rdflib graph to compare."""
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)  # it logs every ill-typed literal it makes
    graph = rdflib.Graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def compare(doc: Any, base: str | None, *, full: bool = False) -> str | None:
    """None when the fast path and pyld agree on ``doc``; else what differs."""
    try:
        fast: str | LdpubError = jsonld_to_nquads(copy.deepcopy(doc), base=base)
    except LdpubError as exc:
        fast = exc
    try:
        ref: str | LdpubError = pyld_nquads(doc if full else cut_context(doc), base=base)
    except LdpubError as exc:
        ref = exc
    if isinstance(fast, LdpubError) or isinstance(ref, LdpubError):
        if isinstance(fast, LdpubError) and isinstance(ref, LdpubError):
            return None
        return f"only one refuses:\n  fast: {fast!s:.300}\n  pyld: {ref!s:.300}"
    try:
        fast_graph = _graph(fast)
    except Exception as exc:
        return f"the fast path's N-Quads do not parse ({exc}):\n{fast}"
    try:
        ref_graph = _graph(ref)
    except Exception:  # pyld wrote an IRI N-Quads cannot hold: the fast path must not write more
        return None if not fast.strip() else f"pyld's N-Quads do not parse; the fast path wrote:\n{fast}"
    if isomorphic(fast_graph, ref_graph):
        return None
    return f"graphs differ:\n--- fast\n{fast}--- pyld\n{ref}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--full", action="store_true", help="pyld with the whole schema.org context (slow)")
    parser.add_argument("--show", type=int, default=5, help="disagreements to print")
    args = parser.parse_args()
    start = time.process_time()
    bad = 0
    for doc, base in documents(args.seed, args.docs):
        problem = compare(doc, base, full=args.full)
        if problem is not None:
            bad += 1
            if bad <= args.show:
                print(f"base={base!r} doc={doc!r}\n{problem}\n")
    seconds = time.process_time() - start
    print(f"{args.docs - bad} of {args.docs} documents agree (seed {args.seed}, {seconds:.1f} s CPU)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
