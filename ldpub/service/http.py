"""What every route shares: the request's body within its size and time limits, work in a thread
within the time limit, JSON answers, a query's results as they come, and errors as JSON with the
status :func:`ldpub.errors.http_status` gives. A client that goes away is one line in the log."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import orjson
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from ldpub.archive.reading import Reader
from ldpub.archive.results import ResultStream
from ldpub.errors import (
    InputError,
    LdpubError,
    Location,
    ReadOnlyError,
    SlowBodyError,
    TimeLimitError,
    TooLargeError,
    UsageError,
    http_status,
)
from ldpub.limits import MalformedJSON, parse_json

log = logging.getLogger("ldpub.service")

T = TypeVar("T")


@dataclass(frozen=True)
class ServiceSettings:
    """What the service may read, and its limits."""

    store: str | None = None  # embedded store directory, read-only, by each query anew
    endpoint: str | None = None  # or a SPARQL server's query URL
    max_bytes: int = 10_000_000  # per request body
    timeout: float = 30.0  # seconds of work per request (a query's worker is killed at it)
    max_rows: int | None = 100_000  # rows (or triples) of a query's answer
    body_timeout: float = 30.0  # seconds for the whole request body to arrive
    authority: str | None = None  # the entity authority file: names in texts are linked to it
    writable: bool = False  # and POST /authority/entities may add to it (only with an authority file)
    newsroom: Any = None  # the newsroom's settings (ldpub.newsroom.Settings), read at start: /build, /extract


class Service:
    """The settings, the archive's reader (made on first use) and the authority file, kept on the
    application."""

    def __init__(self, settings: ServiceSettings) -> None:
        if settings.writable and not settings.authority:
            raise UsageError("--writable needs --authority FILE: the file the service may add entities to")
        self.settings = settings
        self._reader: Any = None
        self._authority: tuple[float, Any] | None = None  # (the file's mtime, the Authority read)
        self._authority_lock = threading.Lock()

    def authority(self) -> Any:
        """The authority file's entities as they are now (read again after it changed), or None."""
        if not self.settings.authority:
            return None
        from ldpub.entities import Authority

        path = Path(self.settings.authority)
        with self._authority_lock:
            mtime = path.stat().st_mtime if path.exists() else -1.0
            if self._authority is None or self._authority[0] != mtime:
                self._authority = (mtime, Authority.load(path) if mtime >= 0 else Authority())
            return self._authority[1]

    def add_entity(self, entry: dict[str, Any]) -> Any:
        """Add an entity to the authority file (one writer at a time); ReadOnlyError unless the service
        was started with ``--authority FILE --writable``."""
        if not (self.settings.authority and self.settings.writable):
            raise ReadOnlyError(
                "this service does not add to an authority file (start it with --authority FILE --writable)"
            )
        from ldpub.entities.edit import add_entity

        with self._authority_lock:
            return add_entity(self.settings.authority, **entry)

    def archive(self) -> Reader:
        """The SPARQL server, or the embedded store, which each query opens read-only in a worker
        process of its own: loads made after the service started are seen, and no query runs on
        past the time limit."""
        if self._reader is None:
            if self.settings.endpoint:
                from ldpub.archive import open_store

                self._reader = open_store(endpoint=self.settings.endpoint)
            else:
                from ldpub.archive.embedded import default_store_path
                from ldpub.archive.reading import StoreReader

                self._reader = StoreReader(self.settings.store or default_store_path())
        reader: Reader = self._reader
        return reader


def service(request: Request) -> Service:
    found: Service = request.app.state.ldpub
    return found


async def body(request: Request) -> bytes:
    """The request's body; TooLargeError over the limit (before reading it all), UsageError if
    empty, SlowBodyError when it has not all come within ``body_timeout`` (a stalled upload is
    dropped, not held); a client that hangs up is :class:`ClientGone`."""
    settings = service(request).settings
    limit = settings.max_bytes
    too_large = TooLargeError(f"the request body is larger than the {limit:,}-byte limit")
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise too_large
    chunks = []
    size = 0
    try:
        with anyio.fail_after(settings.body_timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
    except TimeoutError:
        raise SlowBodyError(
            f"the request body did not arrive within {settings.body_timeout:g} s ({size:,} bytes came); send it at once"
        ) from None
    except ClientDisconnect:
        raise ClientGone(size) from None
    data = b"".join(chunks)
    if not data.strip():
        raise UsageError("the request body is empty: send the document as the body")
    return data


async def work(request: Request, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a worker thread, answered at the time limit at the latest.

    abandon_on_cancel: without it the time limit waits for the thread to finish, so a slow
    request is answered when its work ends, not at the limit. The abandoned thread runs to its
    end (Python threads cannot be killed) but writes nothing.
    """
    timeout = service(request).settings.timeout
    try:
        with anyio.fail_after(timeout):
            result: T = await anyio.to_thread.run_sync(functools.partial(fn, *args), abandon_on_cancel=True)
            return result
    except TimeoutError:
        raise TimeLimitError(f"the work took longer than {timeout:g} s; try a smaller input") from None


def text(data: bytes, name: str) -> str:
    from ldpub.utf8 import decode_utf8

    return decode_utf8(data, name)


def fields(data: bytes, required: tuple[str, ...]) -> dict[str, Any]:
    """The members of a JSON object body, with ``required`` ones there (within ldpub's limits)."""
    try:
        found = parse_json(data, file="body")
    except MalformedJSON as exc:
        raise InputError(f"the body is not JSON: {exc.reason}", exc.location) from None
    if not isinstance(found, dict):
        raise InputError(f"the body must be a JSON object with {', '.join(required)}", Location("body", "/"))
    missing = [f for f in required if f not in found]
    if missing:
        raise InputError(f"the body has no {', '.join(missing)}", Location("body", "/"))
    return found


def multipart(data: bytes, content_type: str, required: tuple[str, ...]) -> dict[str, Any]:
    """The named parts of a multipart/form-data body; a graph part is JSON text (starlette's
    form parser would need python-multipart: the stdlib's MIME parser reads the same format)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + data
    )
    if not message.is_multipart():
        raise InputError("the multipart body has no parts (is the boundary right?)", Location("body"))
    found: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str) and name in required and name not in found:
            payload = part.get_payload(decode=True)
            found[name] = text(payload if isinstance(payload, bytes) else b"", name)
    missing = [f for f in required if f not in found]
    if missing:
        raise InputError(f"the body has no {', '.join(missing)}", Location("body"))
    if "graph" in found:
        try:
            found["graph"] = parse_json(found["graph"], file="graph")
        except MalformedJSON as exc:
            raise InputError(f"the graph is not JSON: {exc.reason}", exc.location) from None
    return found


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS), status_code=status, media_type="application/json"
    )


def error_response(status: int, message: str, location: dict[str, Any] | None = None) -> Response:
    error: dict[str, Any] = {"message": message}
    if location:
        error["location"] = location
    return json_response({"error": error}, status)


async def ldpub_error(request: Request, exc: Exception) -> Response:
    """An :class:`~ldpub.errors.LdpubError` as JSON, with the status of the one table; a record's
    problems all at once under ``all``."""
    from ldpub.record import RecordInvalid

    if isinstance(exc, RecordInvalid):
        errors = [{"message": str(e), "location": _location(getattr(e, "location", None))} for e in exc.errors]
        first = errors[0] if errors else {"message": str(exc)}
        return json_response({"error": {**first, "all": errors}}, http_status(exc))
    assert isinstance(exc, LdpubError)
    response = error_response(http_status(exc), str(exc), _location(exc.location))
    if isinstance(exc, SlowBodyError):  # the rest of a stalled body is not waited for: the connection goes
        response.headers["Connection"] = "close"
        log.info("%s %s: %s", request.method, request.url.path, exc)
    return response


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(exc.status_code, str(exc.detail))


class ClientGone(Exception):
    """The client hung up before its request was read (``size`` bytes of the body had come)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


async def client_gone(request: Request, exc: Exception) -> Response:
    """One line in the log (not an internal error with its tracebacks); the answer goes nowhere."""
    size = exc.size if isinstance(exc, ClientGone) else 0
    log.info("%s %s: the client went away after %s bytes of its request", request.method, request.url.path, f"{size:,}")
    return Response(status_code=400)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(
        http_status(exc), "internal error: the request could not be answered (the server's log has the details)"
    )


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    out = {k: getattr(location, k, None) for k in ("file", "pointer", "line", "column")}
    return {k: v for k, v in out.items() if v is not None} or None


class ResultResponse(Response):
    """A query's result sent as it comes, one batch at a time: the server holds one batch, however
    large the result. An error before the first byte is answered with its status (503 at the
    time limit, 422 for a syntax error); one after it cuts the connection (the client sees an
    incomplete answer, never a shorter one that looks whole) and is one line in the log. A
    client that goes away stops the query (its worker is killed): one line in the log."""

    def __init__(self, results: ResultStream, fmt: str, media_type: str, headers: dict[str, str]) -> None:
        self.results = results
        self.fmt = fmt
        self.status_code = 200
        self.media_type = media_type
        self.background = None
        self.init_headers(headers)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        from ldpub.archive.results import render

        where = f"{scope.get('method', '')} {scope.get('path', '')}"
        pieces = render(self.results, self.fmt)
        try:
            piece = await anyio.to_thread.run_sync(next, pieces, None)  # an error here has its own status
        except BaseException:
            self.results.close()
            raise
        gone = done = False
        async with anyio.create_task_group() as group:

            async def watch() -> None:
                nonlocal gone
                while (await receive())["type"] != "http.disconnect":
                    pass
                gone = not done
                group.cancel_scope.cancel()

            group.start_soon(watch)
            try:
                await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
                while piece is not None:
                    await send({"type": "http.response.body", "body": piece.encode("utf-8"), "more_body": True})
                    piece = await anyio.to_thread.run_sync(next, pieces, None, abandon_on_cancel=True)
                done = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                for warning in self.results.warnings:
                    log.info("%s: %s", where, warning)
            except LdpubError as exc:  # the time limit, or the query failing, once the answer had begun
                log.info("%s: the answer was cut off: %s", where, exc)
            finally:  # the worker killed and reaped off the event loop, even when cancelled (a client gone)
                with anyio.CancelScope(shield=True):
                    await anyio.to_thread.run_sync(self.results.close)
                group.cancel_scope.cancel()
        if gone:
            log.info("%s: the client went away during the answer; the query was stopped", where)
