"""Reading the archive for others: a read-only query, and one article's graph by its URL.

Neither builds SPARQL from the caller's text: a query is run as given only when it is a query
(SELECT, ASK, CONSTRUCT, DESCRIBE), never an update; an article's URL goes into the query as a
checked IRI term.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ldpub.archive.articles import ENTITIES_GRAPH
from ldpub.archive.query_text import PreparedQuery, prepare_query
from ldpub.archive.results import QueryResult
from ldpub.archive.update import graph_term
from ldpub.errors import InputError, NotFoundError


def read_only_query(
    store: Any, text: str, params: Mapping[str, Sequence[str]] | None = None
) -> tuple[QueryResult, PreparedQuery]:
    """Run a query that only reads (what ``POST /sparql`` answers); an update is an InputError."""
    from ldpub.archive.endpoint import query_form

    if query_form(text) is None:
        raise InputError("only queries are answered here (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused")
    prepared = prepare_query(text, params)
    result: QueryResult = store.query(prepared.text)
    return result, prepared


def article_jsonld(store: Any, url: str) -> Any:
    """The article at page ``url`` as JSON-LD: its own graph, and what the entities graph says
    about the nodes it links to. NotFoundError when the archive does not hold it."""
    import pyoxigraph as ox

    from ldpub.rdf import nquads_to_jsonld

    try:
        page = graph_term(url)  # a checked IRI term, never the user's text pasted in
    except ValueError:
        raise InputError(f"{url!r} is not an article's page URL (an absolute IRI)") from None
    query = (
        "CONSTRUCT { ?s ?p ?o } WHERE { { GRAPH PAGE { ?s ?p ?o } } UNION "
        "{ GRAPH PAGE { ?x ?y ?s } GRAPH <ENTITIES> { ?s ?p ?o } } }"
    ).replace("PAGE", page)
    query = query.replace("<ENTITIES>", graph_term(ENTITIES_GRAPH))
    turtle = store.query(query).turtle or ""
    if not turtle.strip():
        raise NotFoundError(f"{url}: no such article in the archive")
    nquads = ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_QUADS)
    return nquads_to_jsonld((nquads or b"").decode("utf-8"))
