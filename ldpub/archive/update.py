"""SPARQL Update text that replaces article graphs, written from RDF terms, never from raw text.

Every IRI and literal is written by pyoxigraph's N-Triples serializer (which escapes it), and
graph names are pyoxigraph ``NamedNode`` values (valid IRIs), so nothing in an article can
change the meaning of the update. One update request is one transaction in Oxigraph (embedded
or server): a reader sees each article's graph either old or new.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from ldpub.archive.articles import ENTITIES_GRAPH, ArticleGraph


def ntriples(triples: Sequence[Any]) -> str:
    out = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return out.decode("utf-8") if out is not None else ""


def graph_term(iri: str) -> str:
    """``<iri>`` for a graph name, checked as an IRI by pyoxigraph (raises ValueError if not one)."""
    return str(ox.NamedNode(iri))


def replace_articles(articles: Sequence[ArticleGraph]) -> str:
    """``DROP SILENT GRAPH`` each article's graph, then insert its triples and its shared ones."""
    drops = "".join(f"DROP SILENT GRAPH {graph_term(a.url)} ;\n" for a in articles)
    body = [f"GRAPH {graph_term(a.url)} {{\n{ntriples(a.own)}}}\n" for a in articles]
    shared = [t for a in articles for t in a.shared]
    if shared:
        body.append(f"GRAPH {graph_term(ENTITIES_GRAPH)} {{\n{ntriples(shared)}}}\n")
    return drops + "INSERT DATA {\n" + "".join(body) + "}\n"


def drop_graph(iri: str) -> str:
    return f"DROP SILENT GRAPH {graph_term(iri)}"


def ask_graph(iri: str) -> str:
    return f"ASK {{ GRAPH {graph_term(iri)} {{ ?s ?p ?o }} }}"


def present_graphs(iris: Sequence[str]) -> str:
    """A SELECT of which of ``iris`` name a non-empty graph (each IRI checked by pyoxigraph)."""
    values = " ".join(graph_term(iri) for iri in iris)
    return f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
