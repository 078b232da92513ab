"""The archive: articles in a triple store, one named graph each, queried with SPARQL.

::

    from ldpub.archive import open_store, load
    with open_store() as store:                      # embedded, ./ldpub-store (or LDPUB_STORE)
        print(load(store, ["examples/"]))            # records, JSON-LD, Turtle, N-Quads
        result = store.query("SELECT ...")           # QueryResult: rows of plain values
        print(result.to_table())

``open_store(endpoint="http://host:7878/query")`` gives the same interface over the SPARQL 1.1
Protocol (Oxigraph server, Virtuoso).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldpub.archive.articles import ENTITIES_GRAPH, ArticleGraph, read_articles, split_article
from ldpub.archive.embedded import DEFAULT_STORE, EmbeddedStore, default_store_path
from ldpub.archive.loader import ArchiveStore, LoadSummary, load
from ldpub.archive.results import QueryResult, Term

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
    "Term",
    "default_store_path",
    "load",
    "open_store",
    "read_articles",
    "split_article",
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
