"""The archive on a SPARQL server, over the SPARQL 1.1 Protocol: Oxigraph server, Virtuoso, others.

One code path: queries are ``POST`` form ``query=`` (Virtuoso hangs on
``application/sparql-query`` bodies), writes are SPARQL Update form ``update=`` requests
that drop and re-insert each article's graph (:mod:`ldpub.archive.update`), one request per
batch, so the server applies each batch as one update. What differs per server is detected
from its ``Server`` header (or set with ``flavour=``):

- Oxigraph server: updates go to ``/update`` beside ``/query``; up to 200 articles a request;
  new articles go in bulk, one Graph Store Protocol ``POST /store`` of N-Quads per batch.
- Virtuoso: updates go to ``/sparql-auth`` (HTTP Digest) beside ``/sparql``; at most 1,000
  triples a request (larger requests fail with "memory exhausted"), so an article of more
  than 1,000 triples is refused rather than written in pieces; given a directory it shares
  with the server (``bulk_dir=`` or ``LDPUB_VIRTUOSO_BULK_DIR``), new articles go in bulk
  through its SQL port instead (:mod:`ldpub.archive.virtuoso`); results come as SPARQL 1.0
  JSON (read as 1.1) and ASK as a one-cell SELECT (read as a boolean); a timeout's partial
  result (``X-SQL-State: S1TAT``) is an error.

Credentials come from ``LDPUB_ENDPOINT_USER`` / ``LDPUB_ENDPOINT_PASSWORD``, else from the
user's ``~/.netrc`` entry for the host; never from the command line, and never printed.
"""

from __future__ import annotations

import io
import netrc
import os
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from ldpub.archive.articles import ArticleGraph
from ldpub.archive.results import JsonResultReader, QueryResult, ResultStream
from ldpub.archive.update import ask_graph, drop_graph, present_graphs, replace_articles
from ldpub.archive.virtuoso import VirtuosoBulk
from ldpub.errors import InputError, QueryTimeout, StoreError

_RESULTS = "application/sparql-results+json"
_ACCEPT = f"{_RESULTS}, text/turtle;q=0.9"
_FLAVOURS = ("oxigraph", "virtuoso", "generic")


class EndpointStore:
    """A SPARQL 1.1 Protocol endpoint used as the archive (see the module for per-server details)."""

    batch_size = 200  # articles per load batch (and per update request)
    update_batch = 200  # articles per SPARQL Update request

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        flavour: str | None = None,
        timeout: float = 60.0,
        bulk_dir: str | Path | None = None,
        sql_address: str | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not an http(s) endpoint URL: {_redact(url)}")
        if parts.username or parts.password:
            raise StoreError("put credentials in LDPUB_ENDPOINT_USER / LDPUB_ENDPOINT_PASSWORD, not in the URL")
        self.url = url
        user, password = _credentials(parts.hostname, user, password)
        self._has_credentials = user is not None
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)
        self.flavour = flavour or self._detect()
        if self.flavour not in _FLAVOURS:
            raise StoreError(f"unknown endpoint flavour {self.flavour!r}; expected one of {', '.join(_FLAVOURS)}")
        self.update_url = update_url or os.environ.get("LDPUB_UPDATE_ENDPOINT") or self._update_url(parts)
        # Oxigraph's Graph Store Protocol endpoint beside /query (only when the URLs are its own)
        own_paths = update_url is None and not os.environ.get("LDPUB_UPDATE_ENDPOINT")
        self.store_url = self._store_url(parts) if self.flavour == "oxigraph" and own_paths else None
        if self.store_url is not None:
            self.batch_size = 2000  # one POST of ~300k quads: the bulk path's sweet spot
        self.max_triples = 1000 if self.flavour == "virtuoso" else 100_000
        self.virtuoso_bulk: VirtuosoBulk | None = None
        bulk_dir = bulk_dir or os.environ.get("LDPUB_VIRTUOSO_BULK_DIR") or None
        if bulk_dir is not None and self.flavour == "virtuoso":
            if user is None:
                raise StoreError("the Virtuoso bulk path needs LDPUB_ENDPOINT_USER and LDPUB_ENDPOINT_PASSWORD")
            address = sql_address or os.environ.get("LDPUB_VIRTUOSO_SQL") or f"{parts.hostname}:1111"
            self.virtuoso_bulk = VirtuosoBulk(bulk_dir, address, user, password or "")
            self.batch_size = 1000  # one transaction of ~160k quads
        if user is not None:
            scheme = os.environ.get("LDPUB_ENDPOINT_AUTH") or ("digest" if self.flavour == "virtuoso" else "basic")
            auth_class = httpx.DigestAuth if scheme.lower() == "digest" else httpx.BasicAuth
            self._client.auth = auth_class(user, password or "")

    def __repr__(self) -> str:
        return f"EndpointStore({self.url!r}, flavour={self.flavour!r})"

    # --- writing ------------------------------------------------------------------------------

    def write(self, articles: Sequence[ArticleGraph]) -> None:
        """Replace each article's graph; one update request per chunk of articles.

        On an Oxigraph server, articles not yet in the archive go in bulk instead: one Graph
        Store Protocol ``POST /store`` of their N-Quads for the whole batch (the server parses
        the body before it writes, so a body that is cut short or malformed writes nothing);
        on Virtuoso with a bulk directory, one ``TTLP_MT`` transaction per batch. Articles
        already there are replaced by SPARQL Update as everywhere else.
        """
        latest = list({a.url: a for a in articles}.values())
        bulk = self._post_store if self.store_url is not None else None
        if self.virtuoso_bulk is not None:
            bulk = self.virtuoso_bulk.load
        if bulk is not None:
            present = self._present([a.url for a in latest])
            new = [a for a in latest if a.url not in present]
            if new:
                bulk(new)
            latest = [a for a in latest if a.url in present]
        for chunk in self._chunks(latest):
            self._update(replace_articles(chunk))

    def _present(self, urls: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(urls), 500):
            result = self.query(present_graphs(urls[start : start + 500]))
            found.update(row["g"].value for row in result.rows)
        return found

    def _post_store(self, articles: list[ArticleGraph]) -> None:
        body = "".join(a.nquads() for a in articles).encode("utf-8")
        try:
            response = self._client.post(
                self.store_url or "", content=body, headers={"Content-Type": "application/n-quads"}
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the endpoint {_redact(self.store_url or '')}: {exc}") from None
        if response.status_code >= 300:
            raise StoreError(f"the endpoint refused the bulk load: {_reason(response)}")

    def _chunks(self, articles: list[ArticleGraph]) -> Iterator[list[ArticleGraph]]:
        chunk: list[ArticleGraph] = []
        size = 0
        for a in articles:
            if a.quad_count > self.max_triples:
                raise StoreError(
                    f"{a.url}: {a.quad_count} triples is more than this {self.flavour} endpoint takes in one "
                    f"update ({self.max_triples}); the article would not be replaced atomically"
                )
            if chunk and (size + a.quad_count > self.max_triples or len(chunk) >= self.update_batch):
                yield chunk
                chunk, size = [], 0
            chunk.append(a)
            size += a.quad_count
        if chunk:
            yield chunk

    def unload(self, url: str) -> bool:
        """Drop one article's graph; False if it was not there."""
        if not self.query(ask_graph(url)).boolean:
            return False
        self._update(drop_graph(url))
        return True

    def _update(self, text: str) -> None:
        response = self._send(self.update_url, {"update": text}, accept="*/*")
        if response.status_code >= 300:
            raise StoreError(f"the endpoint refused the update: {_reason(response)}")

    # --- reading ------------------------------------------------------------------------------

    def query(self, text: str) -> QueryResult:
        # Ask for what the query form gives: Virtuoso answers a CONSTRUCT in SPARQL JSON if asked.
        accept = "text/turtle" if query_form(text) in ("CONSTRUCT", "DESCRIBE") else _ACCEPT
        response = self._send(self.url, {"query": text}, accept=accept)
        if response.status_code == 400:
            raise InputError(f"the endpoint rejected the query: {_reason(response)}")
        if response.status_code >= 300:
            raise StoreError(f"the query failed: {_reason(response)}")
        if response.headers.get("x-sql-state") == "S1TAT":  # Virtuoso: timed out, result partial
            raise StoreError("the endpoint timed out and sent a partial result (Virtuoso X-SQL-State S1TAT)")
        warnings: tuple[str, ...] = ()
        if "x-sparql-maxrows" in response.headers:
            warnings = (f"the endpoint capped the result at {response.headers['x-sparql-maxrows']} rows",)
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind in (_RESULTS, "application/json"):
            result = QueryResult.from_json(response.content, warnings=warnings)
            if result.variables == ("__ASK_RETVAL",):  # Virtuoso answers a POSTed ASK as a one-cell SELECT
                value = result.rows[0]["__ASK_RETVAL"].value if result.rows else "0"
                return QueryResult("ask", boolean=value in ("1", "true"), warnings=warnings)
            return result
        if kind == "text/turtle":
            return QueryResult("graph", turtle=response.text, warnings=warnings)
        raise StoreError(f"the endpoint answered in {kind or 'an unknown format'}, not SPARQL JSON or Turtle")

    def stream(self, text: str, *, timeout: float | None = None, max_rows: int | None = None) -> ResultStream:
        """The query's results as they come: read from the response as it arrives, stopped at
        ``max_rows`` rows (or triples) and at ``timeout`` seconds (the connection is closed: the
        server's own work is its to bound). Memory holds one piece of the response at a time."""
        graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        deadline = None if timeout is None else time.monotonic() + timeout
        request_timeout = self._client.timeout if timeout is None else httpx.Timeout(min(timeout, 60.0))
        request = self._client.build_request(
            "POST",
            self.url,
            data={"query": text},
            headers={"Accept": "text/turtle" if graph else _ACCEPT},
            timeout=request_timeout,
        )
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise (
                _timeout(timeout)
                if timeout is not None
                else StoreError(f"the endpoint {_redact(self.url)} did not answer in time")
            ) from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the endpoint {_redact(self.url)}: {exc}") from None
        try:
            if response.status_code >= 300:
                response.read()
            self._check(response)
            if response.status_code == 400:
                raise InputError(f"the endpoint rejected the query: {_reason(response)}")
            if response.status_code >= 300:
                raise StoreError(f"the query failed: {_reason(response)}")
            if response.headers.get("x-sql-state") == "S1TAT":
                raise StoreError("the endpoint timed out and sent a partial result (Virtuoso X-SQL-State S1TAT)")
            warnings: tuple[str, ...] = ()
            if "x-sparql-maxrows" in response.headers:
                warnings = (f"the endpoint capped the result at {response.headers['x-sparql-maxrows']} rows",)
            chunks = _until(response.iter_bytes(), deadline, timeout)
            kind = response.headers.get("content-type", "").split(";")[0].strip()
            if kind == "text/turtle":
                parts = _graph_parts(chunks, max_rows)
                return ResultStream("graph", parts=parts, close=response.close, max_rows=max_rows, warnings=warnings)
            if kind not in (_RESULTS, "application/json"):
                raise StoreError(f"the endpoint answered in {kind or 'an unknown format'}, not SPARQL JSON or Turtle")
            reader = JsonResultReader(chunks)
            if reader.read_head() == "ask":
                response.close()
                return ResultStream("ask", boolean=reader.boolean, warnings=warnings)
            if reader.variables == ("__ASK_RETVAL",):  # Virtuoso answers a POSTed ASK as a one-cell SELECT
                first = next(reader.solutions(), {})
                response.close()
                value = str(first.get("__ASK_RETVAL", {}).get("value", "0"))
                return ResultStream("ask", boolean=value in ("1", "true"), warnings=warnings)
            parts = _row_parts(reader.solutions(), max_rows)
            return ResultStream(
                "select",
                variables=reader.variables,
                parts=parts,
                close=response.close,
                max_rows=max_rows,
                warnings=warnings,
            )
        except BaseException:
            response.close()
            raise

    # --- plumbing -----------------------------------------------------------------------------

    def _check(self, response: httpx.Response) -> None:
        """Credentials refused, or no endpoint at the URL: a StoreError that says what to do."""
        url = str(response.request.url)
        if response.status_code in (401, 403):
            hint = "" if self._has_credentials else "; set LDPUB_ENDPOINT_USER and LDPUB_ENDPOINT_PASSWORD"
            raise StoreError(f"the endpoint {_redact(url)} refused the credentials (HTTP {response.status_code}){hint}")
        if response.status_code == 404:
            raise StoreError(f"the endpoint {_redact(url)} does not exist (HTTP 404); {_endpoint_hint(url)}")

    def _send(self, url: str, form: dict[str, str], *, accept: str) -> httpx.Response:
        try:
            response = self._client.post(url, data=form, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise StoreError(f"the endpoint {_redact(url)} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the endpoint {_redact(url)}: {exc}") from None
        self._check(response)
        return response

    def _detect(self) -> str:
        try:
            response = self._client.get(self.url, params={"query": "ASK {}"}, headers={"Accept": _RESULTS})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the endpoint {_redact(self.url)}: {exc}") from None
        server = response.headers.get("server", "").lower()
        if response.status_code >= 500:
            raise StoreError(f"the endpoint {_redact(self.url)} failed: {_reason(response)}")
        if "virtuoso" in server:
            return "virtuoso"
        if "oxigraph" in server:
            return "oxigraph"
        return "generic"

    def _update_url(self, parts: SplitResult) -> str:
        scheme, netloc, path = parts.scheme, parts.netloc, parts.path
        if self.flavour == "oxigraph" and path.endswith("/query"):
            path = path[: -len("query")] + "update"
        elif self.flavour == "virtuoso" and path.rstrip("/").endswith("/sparql"):
            path = path.rstrip("/") + "-auth"
        return urlunsplit((scheme, netloc, path, "", ""))

    def _store_url(self, parts: SplitResult) -> str | None:
        if not parts.path.endswith("/query"):
            return None
        return urlunsplit((parts.scheme, parts.netloc, parts.path[: -len("query")] + "store", "", ""))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
_FORM = re.compile(r"(?i)(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after comments and PREFIX/BASE lines."""
    prologue = _PROLOGUE.match(text)
    form = _FORM.match(text, prologue.end() if prologue else 0)
    return form.group(1).upper() if form else None


BATCH_ROWS = 500  # rows (or triples) per piece of a streamed result


def _timeout(timeout: float | None) -> QueryTimeout:
    return QueryTimeout(f"the query took longer than {timeout:g} s and was stopped")


def _until(chunks: Iterator[bytes], deadline: float | None, timeout: float | None) -> Iterator[bytes]:
    """The response's pieces until ``deadline`` (a time limit on the whole answer, not each read)."""
    try:
        for chunk in chunks:
            if deadline is not None and time.monotonic() > deadline:
                raise _timeout(timeout)
            yield chunk
    except httpx.TimeoutException:
        raise _timeout(timeout) if timeout is not None else StoreError("the endpoint stopped answering") from None
    except httpx.HTTPError as exc:
        raise StoreError(f"the endpoint's answer broke off: {exc}") from None


def _row_parts(solutions: Iterator[Any], max_rows: int | None) -> Iterator[Any]:
    batch: list[Any] = []
    for count, solution in enumerate(solutions, 1):
        batch.append(solution)
        if len(batch) >= BATCH_ROWS:
            yield batch
            batch = []
        if max_rows is not None and count >= max_rows:
            break
    else:
        yield batch
        yield {"end": True}
        return
    yield batch
    yield {"end": True, "cut": True}


def _graph_parts(chunks: Iterator[bytes], max_rows: int | None) -> Iterator[Any]:
    """Turtle from the server, re-written in pieces of whole statements (so a row limit can cut it)."""
    triples = ox.parse(io.BufferedReader(_ChunkReader(chunks)), format=ox.RdfFormat.TURTLE)
    batch: list[Any] = []
    count = 0
    try:
        for triple in triples:
            batch.append(triple)
            count += 1
            if len(batch) >= BATCH_ROWS or (max_rows is not None and count >= max_rows):
                yield (ox.serialize(batch, format=ox.RdfFormat.TURTLE) or b"").decode("utf-8")
                batch = []
                if max_rows is not None and count >= max_rows:
                    yield {"end": True, "cut": True}
                    return
    except SyntaxError as exc:
        raise StoreError(f"the endpoint sent malformed Turtle: {exc}") from None
    if batch:
        yield (ox.serialize(batch, format=ox.RdfFormat.TURTLE) or b"").decode("utf-8")
    yield {"end": True}


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte pieces (what pyoxigraph's parsers read from)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = chunk
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


def _credentials(host: str, user: str | None, password: str | None) -> tuple[str | None, str | None]:
    user = user or os.environ.get("LDPUB_ENDPOINT_USER") or None
    password = password or os.environ.get("LDPUB_ENDPOINT_PASSWORD")
    if user is None:
        try:
            entry = netrc.netrc().authenticators(host)
        except (OSError, netrc.NetrcParseError):
            entry = None
        if entry:
            user, _, password = entry
    return user, password


def _endpoint_hint(url: str) -> str:
    """What a SPARQL endpoint URL looks like, with this server's host and port."""
    parts = urlsplit(url)
    root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return f"a SPARQL endpoint is a path on the server: Oxigraph's is {root}/query, Virtuoso's {root}/sparql"


def _reason(response: httpx.Response) -> str:
    """HTTP status and the first meaningful line of the body (servers send text or HTML)."""
    text = response.text
    if "<html" in text[:200].lower():
        text = re.sub(r"<[^>]+>", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return f"HTTP {response.status_code}" + (f": {lines[0][:300]}" if lines else "")


def _redact(url: str) -> str:
    """The URL without user info or query string, for messages."""
    parts = urlsplit(url)
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
