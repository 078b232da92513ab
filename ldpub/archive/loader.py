"""Loading many files: batches of articles per transaction, bad files reported and skipped.

Policy: a malformed file is reported by name and skipped, and every other article loads
(``fail_fast=True``: the load stops at the first bad file instead, after storing the articles
read before it). Each article is stored whole or not at all, whatever happens.

A batch is written in a thread of its own while the next one is read: the stores' bulk paths
(pyoxigraph's loader, an HTTP request, ``isql``) leave Python's lock free, so reading files and
writing batches share the cores. At most one batch is in flight; its error comes out at the
next batch or at the end, and the load never returns while a write is still running.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ldpub.archive.articles import ArticleGraph, find_inputs, read_articles
from ldpub.archive.results import QueryResult
from ldpub.errors import InputError, LdpubError, Location, os_problem


class ArchiveStore(Protocol):
    """What ldpub needs from a store: the embedded one or a SPARQL endpoint."""

    batch_size: int

    def write(self, articles: list[ArticleGraph]) -> None: ...

    def unload(self, url: str) -> bool: ...

    def query(self, text: str) -> QueryResult: ...

    def close(self) -> None: ...


@dataclass
class LoadSummary:
    articles: int = 0
    quads: int = 0
    seconds: float = 0.0
    batches: int = 0
    failed: list[LdpubError] = field(default_factory=list)

    def __str__(self) -> str:
        rate = f", {self.quads / self.seconds:,.0f} quads/s" if self.seconds > 0 else ""
        articles = f"{self.articles:,} article{'s' if self.articles != 1 else ''}"
        line = f"loaded {articles} ({self.quads:,} quads) in {self.seconds:.2f} s{rate}"
        if self.failed:
            line += f"; {len(self.failed)} file{'s' if len(self.failed) != 1 else ''} skipped"
        return line


def load(
    store: ArchiveStore,
    paths: Iterable[str | Path],
    *,
    fail_fast: bool = False,
    on_error: Callable[[LdpubError], None] | None = None,
    on_file: Callable[[Path, int], None] | None = None,
    on_batch: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Load every article under ``paths`` into ``store``; see the module for the fault policy.

    ``on_error`` is told of each bad file; ``on_file(path, articles so far)`` after each file;
    ``on_batch(summary so far)`` after each batch is stored.
    Raises the first file's error when ``fail_fast`` is set. Store errors always stop the load.
    """
    summary = LoadSummary()
    start = time.perf_counter()
    # One article in several files of a batch (``a.yaml``, ``a.jsonld``, ``a.nq`` side by side
    # in a folder): the last one read wins, and it counts once.
    batch: dict[str, ArticleGraph] = {}
    batch_quads = 0
    max_quads = getattr(store, "max_batch_quads", 500_000)
    writer = _Writer(store, summary, on_batch)

    def flush() -> None:
        nonlocal batch, batch_quads
        if batch:
            writer.submit(list(batch.values()), batch_quads)
            batch, batch_quads = {}, 0

    try:
        for path in find_inputs(paths):
            try:
                for article in read_articles(path):
                    earlier = batch.pop(article.url, None)
                    if earlier is not None:
                        batch_quads -= earlier.quad_count
                    batch[article.url] = article
                    batch_quads += article.quad_count
                    if len(batch) >= store.batch_size or batch_quads >= max_quads:
                        flush()
            except (InputError, OSError) as exc:
                error = _with_file(exc, path)
                summary.failed.append(error)
                if on_error:
                    on_error(error)
                if fail_fast:
                    flush()
                    writer.wait()
                    raise error from None
            if on_file:
                on_file(path, summary.articles + writer.in_flight + len(batch))
        flush()
        writer.wait()
    finally:
        writer.close()  # a batch still being written finishes (whole) before the load returns
        summary.seconds = time.perf_counter() - start
    return summary


class _Writer:
    """Writes one batch at a time in a thread of its own, while the caller reads the next."""

    def __init__(
        self, store: ArchiveStore, summary: LoadSummary, on_batch: Callable[[LoadSummary], None] | None
    ) -> None:
        self._store = store
        self._summary = summary
        self._on_batch = on_batch
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ldpub-load")
        self._pending: tuple[Future[None], int, int] | None = None

    @property
    def in_flight(self) -> int:
        """Articles handed to the store and not yet written."""
        return self._pending[1] if self._pending else 0

    def submit(self, articles: list[ArticleGraph], quads: int) -> None:
        self.wait()
        self._pending = (self._pool.submit(self._store.write, articles), len(articles), quads)

    def wait(self) -> None:
        """Wait for the batch in flight; raise its error, or count it as stored."""
        if self._pending is None:
            return
        future, articles, quads = self._pending
        self._pending = None
        future.result()
        self._summary.articles += articles
        self._summary.quads += quads
        self._summary.batches += 1
        if self._on_batch:
            self._on_batch(self._summary)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def _with_file(exc: BaseException, path: Path) -> LdpubError:
    if isinstance(exc, InputError):
        return exc if exc.location.file else InputError(exc.message, exc.location.with_file(str(path)))
    if isinstance(exc, OSError):
        return os_problem(exc, path, "read")
    return LdpubError(str(exc), Location(str(path)))
