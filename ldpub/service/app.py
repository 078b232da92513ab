"""The HTTP service: the library API over HTTP, for a CMS at publish time and for the editor's page.

Every endpoint takes the input as the request body (its name, for messages and for telling
kinds apart, in ``?name=``) and answers JSON, or the document asked for. Work runs in a
thread pool with a time limit; any :class:`~ldpub.errors.LdpubError` becomes a 4xx JSON
error with the CLI's message and location, anything else a 500 with no traceback. Nothing
is written anywhere: the archive is opened read-only, and SPARQL updates are refused.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

import anyio
import anyio.to_thread
import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

from ldpub.errors import InputError, LdpubError, Location, StoreError

log = logging.getLogger("ldpub.service")

_JSONLD = "application/ld+json"
_TURTLE = "text/turtle"
_NQUADS = "application/n-quads"


@dataclass(frozen=True)
class ServiceSettings:
    """What the service may read, and its limits."""

    store: str | None = None  # embedded store directory, opened read-only
    endpoint: str | None = None  # or a SPARQL server's query URL
    max_bytes: int = 10_000_000  # per request body
    timeout: float = 30.0  # seconds of work per request


class _Refused(Exception):
    """A request the service answers with a 4xx and a message (bad method of use, not bad data)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def make_app(settings: ServiceSettings | None = None) -> Starlette:
    """The ASGI application (run it with uvicorn, or any ASGI server)."""
    settings = settings or ServiceSettings()
    store_holder: dict[str, Any] = {}

    def archive() -> Any:
        if "store" not in store_holder:
            from ldpub.archive import open_store
            from ldpub.archive.embedded import EmbeddedStore

            if settings.endpoint:
                store_holder["store"] = open_store(endpoint=settings.endpoint)
            else:
                store_holder["store"] = EmbeddedStore(settings.store, read_only=True)
        return store_holder["store"]

    async def body(request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > settings.max_bytes:
            raise _Refused(413, f"the request body is larger than the {settings.max_bytes:,}-byte limit")
        chunks = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > settings.max_bytes:
                raise _Refused(413, f"the request body is larger than the {settings.max_bytes:,}-byte limit")
            chunks.append(chunk)
        data = b"".join(chunks)
        if not data.strip():
            raise _Refused(400, "the request body is empty: send the document as the body")
        return data

    async def work(fn: Callable[..., Any], *args: Any) -> Any:
        # abandon_on_cancel: without it the time limit waits for the thread to finish, so a
        # slow request is answered when its work ends, not at the limit. The abandoned thread
        # runs to its end (Python threads cannot be killed) but writes nothing.
        try:
            with anyio.fail_after(settings.timeout):
                return await anyio.to_thread.run_sync(functools.partial(fn, *args), abandon_on_cancel=True)
        except TimeoutError:
            raise _Refused(503, f"the work took longer than {settings.timeout:g} s; try a smaller input") from None

    async def build_endpoint(request: Request) -> Response:
        """
        summary: Build an article record (YAML or JSON) into JSON-LD, Turtle or N-Quads.
        description: The format follows Accept (application/ld+json, text/turtle, application/n-quads).
        responses:
          200: {description: the built article}
          422: {description: the record's problems, each with its line and column}
        """
        from ldpub.pipeline import build
        from ldpub.record import parse_record

        data = await body(request)
        name = request.query_params.get("name", "record.yaml")
        accept = request.headers.get("accept", _JSONLD)

        def run() -> Response:
            text = _text(data, name)
            from ldpub.hints import for_build

            hint = for_build(name, text)
            if hint is not None:
                raise InputError(hint)
            article = build(parse_record(text, file=name))
            if _TURTLE in accept:
                return Response(article.turtle(), media_type=_TURTLE)
            if _NQUADS in accept:
                return Response(article.nquads(), media_type=_NQUADS)
            return Response(article.to_json(), media_type=_JSONLD)

        return await work(run)

    async def validate_endpoint(request: Request) -> Response:
        """
        summary: Validate JSON-LD or an HTML page; the report as ldpub validate --format json gives it.
        description: Profiles in ?profile= (repeatable), e.g. google-article.
        responses:
          200: {description: the report (findings are values; errors do not change the status)}
        """
        from ldpub.validate import Validator
        from ldpub.validate.report import to_json_data

        data = await body(request)
        name = request.query_params.get("name", "input.jsonld")
        profiles = request.query_params.getlist("profile")

        def run() -> Response:
            validator = Validator(profiles)
            suffix = "." + name.rsplit(".", 1)[1].lower() if "." in name else None
            return _json(to_json_data(validator.check_bytes(data, name, suffix=suffix)))

        return await work(run)

    async def extract_endpoint(request: Request) -> Response:
        """
        summary: An HTML page or a plain text into an article record, with the warnings.
        description: ?url=, ?published=, ?language=, ?timezone= as on the command line.
        responses:
          200: {description: '{"record": …, "warnings": […], "complete": bool, "problems": […]}'}
        """
        data = await body(request)
        params = request.query_params
        name = params.get("name", "input")

        def run() -> Response:
            return _json(_extract(data, name, params))

        return await work(run)

    async def embed_endpoint(request: Request) -> Response:
        """
        summary: Embed a JSON-LD graph into a page; the page comes back with every other byte kept.
        description: >-
          A JSON body {"page": "<html>…", "graph": {…}}, or multipart/form-data with the
          fields (or uploaded files) page and graph.
        responses:
          200: {description: the page, text/html}
        """
        from ldpub.embed import embed, own_articles

        data = await body(request)
        content_type = request.headers.get("content-type", "")
        if content_type.lower().startswith("multipart/form-data"):
            fields = _multipart(data, content_type, ("page", "graph"))
        else:
            fields = _fields(data, ("page", "graph"))

        def run() -> Response:
            page, graph = fields["page"], fields["graph"]
            if not isinstance(page, str):
                raise InputError("page must be the page's HTML as a string", Location(pointer="/page"))
            out = embed(page, graph, source="page")
            warnings = [
                f"page:{a.line}: the page's own JSON-LD already describes an article" for a in own_articles(page, graph)
            ]
            headers = {"X-Ldpub-Warning": warnings[0]} if warnings else {}
            return HTMLResponse(out, headers=headers)

        return await work(run)

    async def diff_endpoint(request: Request) -> Response:
        """
        summary: What changed between two versions (records, JSON-LD or pages), node by node.
        description: 'A JSON body: {"old": "…", "new": "…", "old_name": "a.yaml", "new_name": "b.yaml"}.'
        responses:
          200: {description: '{"changes": […]} as ldpub diff --format json gives it'}
        """
        from ldpub.diff import diff, load_structured_data

        fields = _fields(await body(request), ("old", "new"))

        def run() -> Response:
            docs = []
            for side in ("old", "new"):
                text = fields[side]
                if not isinstance(text, str):
                    raise InputError(f"{side} must be the document's text", Location(pointer=f"/{side}"))
                docs.append(load_structured_data(text, source=str(fields.get(f"{side}_name") or side)))
            return _json(diff(docs[0], docs[1]).to_json_data())

        return await work(run)

    async def graph_endpoint(request: Request) -> Response:
        """
        summary: A picture (SVG) of the article's nodes and links, from a record, JSON-LD or a page.
        responses:
          200: {description: image/svg+xml}
        """
        from ldpub.diff import load_structured_data
        from ldpub.picture import graph_svg

        data = await body(request)
        name = request.query_params.get("name", "input.jsonld")

        def run() -> Response:
            return Response(graph_svg(load_structured_data(data, source=name)), media_type="image/svg+xml")

        return await work(run)

    async def archived_graph_endpoint(request: Request) -> Response:
        """
        summary: The picture (SVG) of an article in the archive, by its page URL (?url=).
        responses:
          200: {description: image/svg+xml}
          404: {description: no such article in the archive}
        """
        from ldpub.archive.update import graph_term
        from ldpub.picture import graph_svg
        from ldpub.rdf import nquads_to_jsonld

        url = request.query_params.get("url", "")

        def run() -> Response:
            try:
                page = graph_term(url)  # a checked IRI term, never the user's text pasted in
            except ValueError:
                raise InputError(f"?url= must be an article's page URL, not {url!r}") from None
            # The article's own graph, and what the entities graph says about the nodes it links to.
            query = (
                "CONSTRUCT { ?s ?p ?o } WHERE { { GRAPH PAGE { ?s ?p ?o } } UNION "
                "{ GRAPH PAGE { ?x ?y ?s } GRAPH <urn:ldpub:entities> { ?s ?p ?o } } }"
            ).replace("PAGE", page)
            turtle = archive().query(query).turtle or ""
            if not turtle.strip():
                raise _Refused(404, f"{url}: no such article in the archive")
            import pyoxigraph as ox

            nquads = ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_QUADS)
            doc = nquads_to_jsonld((nquads or b"").decode("utf-8"))
            return Response(graph_svg(doc), media_type="image/svg+xml")

        return await work(run)

    async def sparql_endpoint(request: Request) -> Response:
        """
        summary: A read-only SPARQL query on the archive (SELECT, ASK, CONSTRUCT, DESCRIBE).
        description: >-
          The query as the body (or form field query=); updates are refused. Accept
          application/sparql-results+json (default), text/csv or text/tab-separated-values.
        responses:
          200: {description: the results}
          400: {description: a syntax error, or an update}
        """
        from ldpub.archive.endpoint import query_form
        from ldpub.archive.query_text import parse_params, prepare_query

        data = await body(request)
        text = _text(data, "query")
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            # a form's query= field (SPARQL protocol); curl sends a bare query with this type too
            form = parse_qs(text)
            if "query" in form:
                text = form["query"][0]
        accept = request.headers.get("accept", "")
        params = request.query_params.getlist("param")

        def run() -> Response:
            if query_form(text) is None:
                raise InputError(
                    "only queries are answered here (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused"
                )
            prepared = prepare_query(text, parse_params(params))
            result = archive().query(prepared.text)
            headers = {"X-Ldpub-Note": prepared.notes[0]} if prepared.notes else {}
            if result.kind == "graph":
                return Response(result.turtle or "", media_type=_TURTLE, headers=headers)
            if "text/csv" in accept:
                return Response(result.to_csv(), media_type="text/csv", headers=headers)
            if "text/tab-separated-values" in accept:
                return Response(result.to_tsv(), media_type="text/tab-separated-values", headers=headers)
            return Response(result.to_json(), media_type="application/sparql-results+json", headers=headers)

        return await work(run)

    async def healthz(request: Request) -> Response:
        """
        summary: Liveness; 200 with the version.
        responses:
          200: {description: '{"ok": true, "version": …}'}
        """
        from ldpub import __version__

        return _json({"ok": True, "version": __version__})

    async def editor(request: Request) -> Response:
        page = resources.files("ldpub.service").joinpath("static/editor.html").read_text(encoding="utf-8")
        return HTMLResponse(page)

    schemas = SchemaGenerator({"openapi": "3.0.3", "info": {"title": "ldpub", "version": _version()}})

    async def openapi(request: Request) -> Response:
        return _json(schemas.get_schema(routes=app.routes))

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, _Refused)
        return _error(exc.status, exc.message)

    async def input_error(request: Request, exc: Exception) -> Response:
        return _ldpub_error(exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(exc.status_code, str(exc.detail))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal error: the request could not be answered (the server's log has the details)")

    routes = [
        Route("/", editor, methods=["GET"], include_in_schema=False),
        Route("/build", build_endpoint, methods=["POST"]),
        Route("/validate", validate_endpoint, methods=["POST"]),
        Route("/extract", extract_endpoint, methods=["POST"]),
        Route("/embed", embed_endpoint, methods=["POST"]),
        Route("/diff", diff_endpoint, methods=["POST"]),
        Route("/graph", graph_endpoint, methods=["POST"]),
        Route("/archive/graph", archived_graph_endpoint, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"], include_in_schema=False),
    ]
    handlers: dict[Any, Any] = {
        _Refused: refused,
        LdpubError: input_error,
        HTTPException: http_error,
        Exception: unexpected,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    return app


def _version() -> str:
    from ldpub import __version__

    return __version__


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", Location(name)) from None


def _fields(data: bytes, required: tuple[str, ...]) -> dict[str, Any]:
    try:
        fields = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"the body is not JSON: {exc}", Location("body")) from None
    if not isinstance(fields, dict):
        raise InputError(f"the body must be a JSON object with {', '.join(required)}", Location("body", "/"))
    missing = [f for f in required if f not in fields]
    if missing:
        raise InputError(f"the body has no {', '.join(missing)}", Location("body", "/"))
    return fields


def _multipart(data: bytes, content_type: str, required: tuple[str, ...]) -> dict[str, Any]:
    """The named parts of a multipart/form-data body; a graph part is JSON text (starlette's
    form parser would need python-multipart: the stdlib's MIME parser reads the same format)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + data
    )
    if not message.is_multipart():
        raise InputError("the multipart body has no parts (is the boundary right?)", Location("body"))
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str) and name in required and name not in fields:
            payload = part.get_payload(decode=True)
            fields[name] = _text(payload if isinstance(payload, bytes) else b"", name)
    missing = [f for f in required if f not in fields]
    if missing:
        raise InputError(f"the body has no {', '.join(missing)}", Location("body"))
    if "graph" in fields:
        try:
            fields["graph"] = orjson.loads(fields["graph"])
        except orjson.JSONDecodeError as exc:
            raise InputError(f"the graph is not JSON: {exc}", Location("graph")) from None
    return fields


def _extract(data: bytes, name: str, params: Any) -> dict[str, Any]:
    from ldpub.extract import dump, is_page
    from ldpub.newsroom import Defaults, Settings, zone
    from ldpub.read.html import extract_html
    from ldpub.read.text import extract_text
    from ldpub.record import Record, RecordInvalid, check_record

    is_html = is_page(name, lambda: data)  # as ldpub extract tells them apart
    options = {k: params[k] for k in ("url", "published", "language") if params.get(k)}
    if is_html:
        settings = Settings()
        if params.get("timezone"):
            tz = params["timezone"]
            settings = Settings(overrides=Defaults(timezone=zone(tz), origins={"timezone": f"timezone={tz}"}))
        result = extract_html(
            data, source=name, url=options.get("url"), published=options.get("published"), settings=settings
        )
    else:
        result = extract_text(_text(data, name), source=name, **options)
    problems: list[str] = []
    try:
        check_record(Record(result.record))
    except RecordInvalid as invalid:
        problems = [str(p) for p in invalid.errors]
    return {
        "record": result.record,
        "yaml": dump(result.record, "yaml"),
        "warnings": [str(w) for w in result.warnings],
        "complete": not problems,
        "problems": problems,
    }


def _json(data: Any, status: int = 200) -> Response:
    return Response(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS), status_code=status, media_type="application/json"
    )


def _error(status: int, message: str, location: dict[str, Any] | None = None) -> Response:
    error: dict[str, Any] = {"message": message}
    if location:
        error["location"] = location
    return _json({"error": error}, status)


def _ldpub_error(exc: Exception) -> Response:
    from ldpub.record import RecordInvalid

    if isinstance(exc, RecordInvalid):
        errors = [{"message": str(e), "location": _location(getattr(e, "location", None))} for e in exc.errors]
        first = errors[0] if errors else {"message": str(exc)}
        return _json({"error": {**first, "all": errors}}, 422)
    assert isinstance(exc, LdpubError)
    status = 502 if isinstance(exc, StoreError) else 422 if isinstance(exc, InputError) else 400
    return _error(status, str(exc), _location(exc.location))


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    out = {k: getattr(location, k, None) for k in ("file", "pointer", "line", "column")}
    return {k: v for k, v in out.items() if v is not None} or None
