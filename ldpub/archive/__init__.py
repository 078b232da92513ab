"""The archive: articles in a triple store, one named graph each, queried with SPARQL.

::

    from ldpub.archive import open_store, load
    with open_store() as store:                      # embedded, ./ldpub-store (or LDPUB_STORE)
        print(load(store, ["examples/"]))            # records, JSON-LD, Turtle, N-Quads
        result = store.query("SELECT ...")           # QueryResult: rows of plain values
        print(result.to_table())

``open_store(endpoint="http://host:7878/query")`` gives the same interface over the SPARQL 1.1
Protocol (Oxigraph server, Virtuoso).

A query of any size, within limits, results as they come::

    from ldpub.archive import stream_query
    from ldpub.archive.results import render
    with stream_query("SELECT ...", store="ldpub-store", timeout=30, max_rows=10_000) as results:
        for piece in render(results, "csv"):
            sys.stdout.write(piece)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldpub.archive.articles import ENTITIES_GRAPH, ArticleGraph, read_articles, split_article
from ldpub.archive.embedded import DEFAULT_STORE, EmbeddedStore, default_store_path
from ldpub.archive.loader import ArchiveStore, LoadSummary, load
from ldpub.archive.results import QueryResult, ResultStream, Term

if TYPE_CHECKING:
    from ldpub.archive.endpoint import EndpointStore

__all__ = [
    "DEFAULT_STORE",
    "ENTITIES_GRAPH",
    "ArchiveStore",
    "ArticleGraph",
    "EmbeddedStore",
    "LoadSummary",
    "QueryResult",
    "ResultStream",
    "Term",
    "default_store_path",
    "load",
    "open_store",
    "read_articles",
    "split_article",
    "stream_query",
]


def open_store(
    path: str | Path | None = None, *, endpoint: str | None = None, create: bool = True, **options: Any
) -> EmbeddedStore | EndpointStore:
    """The embedded store at ``path`` (default ``./ldpub-store``), or a SPARQL endpoint client.

    With ``create=False`` a missing embedded store is an :class:`~ldpub.errors.LdpubError`
    (``no archive at PATH (run `ldpub load` first)``) and nothing is created.
    Raises :class:`~ldpub.errors.StoreError` if the store cannot be opened or the endpoint reached.
    """
    if endpoint is not None:
        from ldpub.archive.endpoint import EndpointStore

        return EndpointStore(endpoint, **options)
    return EmbeddedStore(path, create=create, **options)


def stream_query(
    text: str,
    *,
    store: str | Path | None = None,
    endpoint: str | None = None,
    timeout: float | None = None,
    max_rows: int | None = None,
    start_method: str | None = None,
) -> ResultStream:
    """A query's results as they come, from the embedded store at ``store`` (default
    ``./ldpub-store``) or a SPARQL ``endpoint``, stopped at ``max_rows`` rows (or triples) and
    at ``timeout`` seconds.

    On the embedded store the query runs in a worker process that opens the directory
    read-only and is killed at the limit, on Ctrl-C or on :meth:`~ResultStream.close`; the
    store is never opened for writing, so a load may run meanwhile. ``start_method`` as
    :func:`multiprocessing.get_context` takes it (``fork`` for a one-thread program that holds
    no store; the default, ``forkserver``, is safe anywhere). Raises
    :class:`~ldpub.errors.InputError` for a syntax error, :class:`~ldpub.errors.QueryTimeout`
    at the time limit, :class:`~ldpub.errors.StoreError` if the store cannot be read.
    """
    if endpoint is not None:
        from ldpub.archive.endpoint import EndpointStore

        client = EndpointStore(endpoint)
        try:
            results = client.stream(text, timeout=timeout, max_rows=max_rows)
        except BaseException:
            client.close()
            raise
        results.on_close(client.close)
        return results
    from ldpub.archive.embedded import require_store
    from ldpub.archive.query_worker import run_query

    path = Path(store) if store is not None else default_store_path()
    require_store(path)
    return run_query(str(path), text, timeout=timeout, max_rows=max_rows, start_method=start_method)
