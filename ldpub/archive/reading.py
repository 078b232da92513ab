"""Reading the archive for others: a read-only query, and one article's graph by its URL.

Neither builds SPARQL from the caller's text: a query is run as given only when it is a query
(SELECT, ASK, CONSTRUCT, DESCRIBE), never an update; an article's URL goes into the query as a
checked IRI term. Both read through a :class:`Reader` — a SPARQL endpoint, or
:class:`StoreReader` for the embedded store — within a time and a row limit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from ldpub.archive.articles import ENTITIES_GRAPH
from ldpub.archive.query_text import PreparedQuery, prepare_query
from ldpub.archive.results import ResultStream
from ldpub.archive.update import graph_term
from ldpub.errors import InputError, NotFoundError


class Reader(Protocol):
    """What reads the archive: :class:`StoreReader` or an :class:`~ldpub.archive.endpoint.EndpointStore`."""

    def stream(self, text: str, *, timeout: float | None = None, max_rows: int | None = None) -> ResultStream: ...


class StoreReader:
    """The embedded store at ``path``, read by queries in worker processes that each open it
    read-only (:mod:`ldpub.archive.query_worker`): nothing holds the store between queries, so
    each query sees the loads finished before it, and a load in progress locks no reader out."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"StoreReader({str(self.path)!r})"

    def stream(self, text: str, *, timeout: float | None = None, max_rows: int | None = None) -> ResultStream:
        from ldpub.archive.embedded import require_store
        from ldpub.archive.query_worker import run_query

        require_store(self.path)
        return run_query(str(self.path), text, timeout=timeout, max_rows=max_rows)


def read_only_query(
    reader: Reader,
    text: str,
    params: Mapping[str, Sequence[str]] | None = None,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
) -> tuple[ResultStream, PreparedQuery]:
    """Start a query that only reads (what ``POST /sparql`` answers), within the limits; its
    results as they come. An update is an InputError."""
    from ldpub.archive.endpoint import query_form

    if query_form(text) is None:
        raise InputError("only queries are answered here (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused")
    prepared = prepare_query(text, params)
    return reader.stream(prepared.text, timeout=timeout, max_rows=max_rows), prepared


def article_jsonld(reader: Reader, url: str, *, timeout: float | None = None) -> Any:
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
    turtle = reader.stream(query, timeout=timeout).collect().turtle or ""
    if not turtle.strip():
        raise NotFoundError(f"{url}: no such article in the archive")
    nquads = ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_QUADS)
    return nquads_to_jsonld((nquads or b"").decode("utf-8"))
