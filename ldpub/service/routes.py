"""The service's routes: each reads its request, calls one library function, and answers.

The library does the work, the same function the command line calls: ``POST /build`` is
:func:`ldpub.pipeline.build_source`, ``/validate`` a :class:`ldpub.validate.Validator` with
built-in profiles only, ``/extract`` :func:`ldpub.extract.extract`, ``/embed``
:func:`ldpub.embed.embed`, ``/diff`` :func:`ldpub.diff.diff`, ``/graph``
:func:`ldpub.picture.graph_svg`, ``/sparql`` :func:`ldpub.archive.reading.read_only_query`,
``/archive/graph`` :func:`ldpub.archive.reading.article_jsonld`, and ``/authority/entities``
:func:`ldpub.entities.edit.add_entity` (only on a service started with ``--authority FILE
--writable``). The docstrings are the OpenAPI description (``/openapi.json``).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ldpub.errors import InputError, Location
from ldpub.service.http import ResultResponse, body, fields, json_response, multipart, service, text, work

_JSONLD = "application/ld+json"
_TURTLE = "text/turtle"
_NQUADS = "application/n-quads"


async def build(request: Request) -> Response:
    """
    summary: Build an article record (YAML or JSON) into JSON-LD, Turtle or N-Quads.
    description: The format follows Accept (application/ld+json, text/turtle, application/n-quads).
    responses:
      200: {description: the built article}
      422: {description: the record's problems, each with its line and column}
    """
    from ldpub.pipeline import build_source

    data = await body(request)
    name = request.query_params.get("name", "record.yaml")
    accept = request.headers.get("accept", _JSONLD)
    newsroom = service(request).settings.newsroom
    article = await work(request, functools.partial(build_source, settings=newsroom), name, text(data, name))
    if _TURTLE in accept:
        return Response(article.turtle(), media_type=_TURTLE)
    if _NQUADS in accept:
        return Response(article.nquads(), media_type=_NQUADS)
    return Response(article.to_json(), media_type=_JSONLD)


async def validate(request: Request) -> Response:
    """
    summary: Validate JSON-LD or an HTML page; the report as ldpub validate --format json gives it.
    description: >-
      Built-in profiles by name in ?profile= (repeatable): google-article, google-claimreview,
      ldpub. A profile file is for the command line only.
    responses:
      200: {description: the report (findings are values; errors do not change the status)}
      400: {description: a profile that is not a built-in one}
    """
    from ldpub.inputs import suffix_of
    from ldpub.validate import Validator
    from ldpub.validate.profiles import builtin_only
    from ldpub.validate.report import to_json_data

    profiles = builtin_only(request.query_params.getlist("profile"))  # before the body: no file is read
    data = await body(request)
    name = request.query_params.get("name", "input.jsonld")

    def check() -> dict[str, Any]:
        report = Validator(profiles).check_bytes(data, name, suffix=suffix_of(name) or None)
        return to_json_data(report)

    return json_response(await work(request, check))


async def extract(request: Request) -> Response:
    """
    summary: An HTML page or a plain text into an article record, with the warnings.
    description: >-
      ?url=, ?published=, ?language=, ?timezone=, ?original_language= as on the command line;
      the record is the one ldpub extract writes for the same input and options, names linked to
      the service's authority file (--authority). findings are the warnings and problems with their
      severity and place (pointer, line); candidates the names the authority does not know, as ldpub
      entities add takes them.
    responses:
      200: {description: '{"record", "yaml", "warnings", "problems", "complete", "findings", "candidates"}'}
    """
    from ldpub.entities.proposed import proposed_entities
    from ldpub.extract import ExtractOptions, dump
    from ldpub.extract import extract as extract_record
    from ldpub.newsroom import with_options

    data = await body(request)
    params = request.query_params
    name = params.get("name", "input")
    given = {key: params.get(key) or None for key in ("url", "published", "language", "original_language", "timezone")}
    options = ExtractOptions(
        url=given["url"],
        published=given["published"],
        language=given["language"],
        original_language=given["original_language"],
        settings=with_options(
            service(request).settings.newsroom, timezone=given["timezone"], language=given["language"]
        ),
    )
    found = service(request)

    def run() -> Any:  # names linked to the service's authority file (--authority), as it is now
        return extract_record(data, name, replace(options, authority=found.authority()))

    extracted = await work(request, run)
    return json_response(
        {
            "record": extracted.record,
            "yaml": dump(extracted.record, "yaml"),
            "warnings": [str(w) for w in extracted.warnings],
            "findings": [_finding(w, "warning") for w in extracted.warnings]
            + [_finding(p, "error") for p in extracted.problems],
            "complete": extracted.complete,
            "problems": [str(p) for p in extracted.problems],
            "candidates": [p.to_json() for p in proposed_entities(extracted.record, extracted.warnings)],
        }
    )


def _finding(warning: Any, severity: str) -> dict[str, Any]:
    """A warning or a problem as the editor shows it: its message and where it is (the record's
    pointer, a line)."""
    location = getattr(warning, "location", None)
    out: dict[str, Any] = {"severity": severity, "message": str(getattr(warning, "message", warning))}
    for key in ("pointer", "line", "column"):
        value = getattr(location, key, None)
        if value is not None:
            out[key] = value
    return out


async def authority(request: Request) -> Response:
    """
    summary: Whether names are linked to an authority file, and whether this service may add to it.
    responses:
      200: {description: '{"authority": bool, "writable": bool, "entities": N}'}
    """
    found = service(request)
    loaded = await work(request, found.authority)
    return json_response(
        {
            "authority": loaded is not None,
            "writable": loaded is not None and found.settings.writable,
            "entities": len(loaded.entities) if loaded is not None else 0,
        }
    )


async def accept_entity(request: Request) -> Response:
    """
    summary: Add an entity to the authority file, as ldpub entities add does (a candidate accepted).
    description: >-
      A JSON body {"key", "type", "name", "alternate_names": […], "same_as": […], "base"}. Only a
      service started with --authority FILE --writable adds to its file; any other refuses (403).
    responses:
      201: {description: '{"key", "iri", "type", "name", "alternate_names", "same_as"}'}
      403: {description: the service was not started with --authority FILE --writable}
      422: {description: a bad key, type, name or IRI, or a key or spelling the file already has}
    """
    found = service(request)
    if not (found.settings.authority and found.settings.writable):
        found.add_entity({})  # refuses, before the body is read
    given = fields(await body(request), ("key", "type", "name"))
    entry: dict[str, Any] = {}
    for key in ("key", "type", "name", "base"):
        if key in given and given[key] is not None:
            if not isinstance(given[key], str):
                raise InputError(f"{key} must be a string", Location("body", f"/{key}"))
            entry[key] = given[key]
    for key in ("alternate_names", "same_as"):
        values = given.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InputError(f"{key} must be a list of strings", Location("body", f"/{key}"))
        entry[key] = values
    entity = await work(request, found.add_entity, entry)
    return json_response(
        {
            "key": entity.key,
            "iri": entity.iri,
            "type": entity.type,
            "name": entity.name,
            "alternate_names": list(entity.alternate_names),
            "same_as": list(entity.same_as),
        },
        201,
    )


async def embed(request: Request) -> Response:
    """
    summary: Embed a JSON-LD graph into a page; the page comes back with every other byte kept.
    description: >-
      A JSON body {"page": "<html>…", "graph": {…}}, or multipart/form-data with the
      fields (or uploaded files) page and graph.
    responses:
      200: {description: the page, text/html}
    """
    from ldpub.embed import embed_with_warnings

    data = await body(request)
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        given = multipart(data, content_type, ("page", "graph"))
    else:
        given = fields(data, ("page", "graph"))
    page, graph = given["page"], given["graph"]
    if not isinstance(page, str):
        raise InputError("page must be the page's HTML as a string", Location(pointer="/page"))
    out, warnings = await work(request, embed_with_warnings, page, graph, "page")
    response = HTMLResponse(out)
    for warning in warnings:  # one header a warning; HTTP headers hold ASCII only (the page's text may not)
        response.headers.append("X-Ldpub-Warning", _header_value(warning))
    return response


def _header_value(text: str) -> str:
    """``text`` as an HTTP header value: one line, non-ASCII characters escaped as ``\\uXXXX``."""
    return " ".join(text.split()).encode("ascii", "backslashreplace").decode("ascii")


async def diff(request: Request) -> Response:
    """
    summary: What changed between two versions (records, JSON-LD or pages), node by node.
    description: 'A JSON body: {"old": "…", "new": "…", "old_name": "a.yaml", "new_name": "b.yaml"}.'
    responses:
      200: {description: '{"changes": […]} as ldpub diff --format json gives it'}
    """
    from ldpub.diff import diff_documents

    given = fields(await body(request), ("old", "new"))
    for side in ("old", "new"):
        if not isinstance(given[side], str):
            raise InputError(f"{side} must be the document's text", Location(pointer=f"/{side}"))
    old = (given["old"], str(given.get("old_name") or "old"))
    new = (given["new"], str(given.get("new_name") or "new"))
    changes = await work(request, diff_documents, old, new)
    return json_response(changes.to_json_data())


async def graph(request: Request) -> Response:
    """
    summary: A picture (SVG) of the article's nodes and links, from a record, JSON-LD or a page.
    responses:
      200: {description: image/svg+xml}
    """
    from ldpub.picture import picture_of

    data = await body(request)
    name = request.query_params.get("name", "input.jsonld")
    return Response(await work(request, picture_of, data, name), media_type="image/svg+xml")


async def archived_graph(request: Request) -> Response:
    """
    summary: The picture (SVG) of an article in the archive, by its page URL (?url=).
    responses:
      200: {description: image/svg+xml}
      404: {description: no such article in the archive}
    """
    from ldpub.archive.reading import article_jsonld
    from ldpub.picture import graph_svg

    url = request.query_params.get("url", "")
    archive = service(request).archive()
    timeout = service(request).settings.timeout

    def draw() -> str:
        return graph_svg(article_jsonld(archive, url, timeout=timeout))

    return Response(await work(request, draw), media_type="image/svg+xml")


async def sparql(request: Request) -> Response:
    """
    summary: A read-only SPARQL query on the archive (SELECT, ASK, CONSTRUCT, DESCRIBE).
    description: >-
      The query as the body (or form field query=); updates are refused. Accept
      application/sparql-results+json (default), text/csv or text/tab-separated-values. The
      answer is sent as the query produces it, stopped at the row limit (X-Ldpub-Row-Limit; a
      result that long may have been cut) and at the time limit (the query's process is killed).
    responses:
      200: {description: the results}
      422: {description: a syntax error, or an update}
      503: {description: the query took longer than the time limit, or the archive cannot be read}
    """
    import anyio.to_thread

    from ldpub.archive.query_text import parse_params
    from ldpub.archive.reading import read_only_query

    query = text(await body(request), "query")
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        # a form's query= field (SPARQL protocol); curl sends a bare query with this type too
        form = parse_qs(query)
        if "query" in form:
            query = form["query"][0]
    accept = request.headers.get("accept", "")
    params = parse_params(request.query_params.getlist("param"))
    settings = service(request).settings
    archive = service(request).archive()

    def start() -> Any:  # until the first answer: a syntax error or the time limit is a status
        return read_only_query(archive, query, params, timeout=settings.timeout, max_rows=settings.max_rows)

    results, prepared = await anyio.to_thread.run_sync(start)
    headers = {"X-Ldpub-Note": prepared.notes[0]} if prepared.notes else {}
    if settings.max_rows is not None:
        headers["X-Ldpub-Row-Limit"] = str(settings.max_rows)
    if results.kind == "graph":
        return ResultResponse(results, "turtle", _TURTLE, headers)
    for media_type, fmt in (("text/csv", "csv"), ("text/tab-separated-values", "tsv")):
        if media_type in accept:
            return ResultResponse(results, fmt, media_type, headers)
    return ResultResponse(results, "json", "application/sparql-results+json", headers)


async def healthz(request: Request) -> Response:
    """
    summary: Liveness; 200 with the version.
    responses:
      200: {description: '{"ok": true, "version": …}'}
    """
    from ldpub import __version__

    return json_response({"ok": True, "version": __version__})


async def editor(request: Request) -> Response:
    page = resources.files("ldpub.service").joinpath("static/editor.html").read_text(encoding="utf-8")
    return HTMLResponse(page)
