"""The embedded on-disk store (pyoxigraph, RocksDB): no server needed.

The directory is an ordinary Oxigraph database: once ldpub has closed it,
``oxigraph serve --location DIR`` serves it over the SPARQL protocol (one read-write process
per directory at a time; ``oxigraph serve-read-only`` can share it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ldpub.archive.articles import ArticleGraph
from ldpub.archive.results import QueryResult, ResultStream
from ldpub.archive.update import replace_articles
from ldpub.errors import InputError, Location, StoreError, UsageError, first_line

DEFAULT_STORE = "ldpub-store"  # relative to the working directory; LDPUB_STORE overrides


def default_store_path() -> Path:
    return Path(os.environ.get("LDPUB_STORE") or DEFAULT_STORE)


def is_store(path: Path) -> bool:
    """Whether ``path`` holds a store (a directory with something in it; an empty one is made by hand)."""
    try:
        return path.is_dir() and any(path.iterdir())
    except OSError:
        return False


def require_store(path: Path) -> None:
    """A UsageError unless ``path`` holds a store: a query on a store nobody loaded is a mistake."""
    if not is_store(path):
        raise UsageError(f"no archive at {path} (run `ldpub load` first)")


class EmbeddedStore:
    """An Oxigraph store in a directory: created if missing, unless ``create`` is false (a query or
    an unload on a store nobody loaded is a mistake, not an empty archive to make)."""

    batch_size = 1000  # articles per transaction on bulk loads
    max_batch_quads = 500_000  # and at most this many quads: one bulk ingestion (its chunk is 1M)

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        if not create:
            require_store(self.path)
        if create and not read_only:
            try:  # RocksDB makes the store's own directory, not the ones above it
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise StoreError("cannot create the store: a file is in the way", Location(str(self.path))) from None
            except OSError as exc:
                raise StoreError(f"cannot create the store: {exc.strerror}", Location(str(self.path))) from None
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            hint = " (is another ldpub or an oxigraph server using it?)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open the store: {first_line(exc)}{hint}", Location(str(self.path))) from None

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"

    def write(self, articles: Sequence[ArticleGraph]) -> None:
        """Store each article (replacing its graph if present), all in at most two transactions.

        Articles already present are replaced by one SPARQL update (a transaction). New ones
        go in by the bulk loader: ``bulk_load`` of their N-Quads text when they are held as text
        (built JSON-LD and records: the loader parses it in Rust, and a syntax error anywhere
        writes nothing), ``bulk_extend`` of their quads otherwise; RocksDB files written aside,
        then ingested into every index in one atomic step (a batch stays under the bulk loader's
        1M-quad chunk, so it is one ingestion) — 3-5 times faster than a transaction. Either way, each article is
        wholly old or wholly new after a crash (tests/archive/test_crash.py kills a load).
        """
        latest = {a.url: a for a in articles}  # the same article twice in a batch: the last wins
        new: list[ArticleGraph] = []
        existing: list[ArticleGraph] = []
        for a in latest.values():
            (existing if self._store.contains_named_graph(ox.NamedNode(a.url)) else new).append(a)
        try:
            text = [a for a in new if a.has_text]
            if text:  # N-Quads text (built JSON-LD, records): parsed by the bulk loader itself
                body = "".join(a.nquads() for a in text).encode("utf-8")
                self._store.bulk_load(input=body, format=ox.RdfFormat.N_QUADS)
            if len(text) < len(new):
                self._store.bulk_extend([q for a in new if not a.has_text for q in a.quads()])
            if existing:
                self._store.update(replace_articles(existing))
        except SyntaxError as exc:  # text ldpub wrote that the loader refuses: a bug, nothing written
            raise StoreError(f"the bulk loader refused ldpub's own N-Quads: {first_line(exc)}") from None
        except (OSError, RuntimeError) as exc:  # RuntimeError: how RocksDB reports corruption
            raise StoreError(f"writing to the store failed: {first_line(exc)}", Location(str(self.path))) from None

    def optimize(self) -> None:
        """Compact the store's files (after a bulk load, queries are several times faster)."""
        try:
            self._store.optimize()
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"compacting the store failed: {first_line(exc)}", Location(str(self.path))) from None

    def unload(self, url: str) -> bool:
        """Remove one article's graph (one transaction); False if it was not there."""
        graph = ox.NamedNode(url)
        if not self._store.contains_named_graph(graph):
            return False
        self._store.remove_graph(graph)
        return True

    def articles(self) -> list[str]:
        """The URLs of the loaded articles (every named graph but the entities graph)."""
        from ldpub.archive.articles import ENTITIES_GRAPH

        return sorted(g.value for g in self._store.named_graphs() if g.value != ENTITIES_GRAPH)

    def query(self, text: str, *, timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL query (the default graph is the store's own, not the union of graphs).

        With a ``timeout`` (seconds) or ``max_rows``, it runs as :meth:`stream` does, in a worker
        process stopped at the limit; without, here (for ldpub's own small queries)."""
        if timeout is not None or max_rows is not None:
            return self.stream(text, timeout=timeout, max_rows=max_rows).collect()
        try:
            result: Any = self._store.query(text)
        except SyntaxError as exc:
            raise InputError(f"SPARQL syntax error: {_syntax_problem(first_line(exc))}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"query failed: {first_line(exc)}", Location(str(self.path))) from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            return QueryResult.from_json(result.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
        turtle = result.serialize(format=ox.RdfFormat.TURTLE)
        return QueryResult("graph", turtle=turtle.decode("utf-8") if turtle else "")

    def stream(
        self, text: str, *, timeout: float | None = None, max_rows: int | None = None, start_method: str | None = None
    ) -> ResultStream:
        """The query's results as they come, from a worker process that reads the directory
        read-only (the state last committed, also while another process loads), stopped at
        ``max_rows`` rows or triples and killed at ``timeout`` seconds (:mod:`ldpub.archive.query_worker`)."""
        from ldpub.archive.query_worker import run_query

        require_store(self.path)
        return run_query(str(self.path), text, timeout=timeout, max_rows=max_rows, start_method=start_method)

    def close(self) -> None:
        """Flush and release the directory (so that ``oxigraph serve`` can open it)."""
        store = self.__dict__.pop("_store", None)
        if store is not None:
            if not self.read_only:  # a read-only instance has nothing to flush (and refuses to)
                store.flush()
            del store

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _syntax_problem(message: str) -> str:
    """The parser's message, without the list of every token it would have taken there (dozens,
    in the parser's own notation): where it stopped, and what to look at."""
    where, found, tokens = message.partition(": expected one of ")
    if found and (tokens.count(",") > 5 or "..=" in tokens or "[" in tokens):
        return f"{where}: the query stops making sense here; check the brackets, dots and keywords just before it"
    return message
