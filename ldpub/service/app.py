"""The HTTP service: the library API over HTTP, for a CMS at publish time and for the editor's page.

Every endpoint takes the input as the request body (its name, for messages and for telling
kinds apart, in ``?name=``) and answers JSON, or the document asked for
(:mod:`ldpub.service.routes`: one library function each). Work runs in a thread pool with a
time limit; an :class:`~ldpub.errors.LdpubError` is answered with the status of the one table
(:func:`ldpub.errors.http_status`: 400 usage, 404, 413, 422 bad input, 503 store or time limit)
and the CLI's message and location, anything else a 500 with no traceback. Nothing is written
anywhere but to the authority file the service was started with, and only when it was started with
``--authority FILE --writable`` (``POST /authority/entities``): the archive is opened read-only,
SPARQL updates are refused, and no parameter names a file on the server.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

from ldpub.errors import LdpubError
from ldpub.service import routes
from ldpub.service.http import (
    ClientGone,
    Service,
    ServiceSettings,
    client_gone,
    http_error,
    internal_error,
    json_response,
    ldpub_error,
)

__all__ = ["ServiceSettings", "make_app"]

ROUTES = [
    Route("/", routes.editor, methods=["GET"], include_in_schema=False),
    Route("/build", routes.build, methods=["POST"]),
    Route("/validate", routes.validate, methods=["POST"]),
    Route("/extract", routes.extract, methods=["POST"]),
    Route("/embed", routes.embed, methods=["POST"]),
    Route("/diff", routes.diff, methods=["POST"]),
    Route("/graph", routes.graph, methods=["POST"]),
    Route("/archive/graph", routes.archived_graph, methods=["GET"]),
    Route("/sparql", routes.sparql, methods=["POST"]),
    Route("/authority", routes.authority, methods=["GET"]),
    Route("/authority/entities", routes.accept_entity, methods=["POST"]),
    Route("/healthz", routes.healthz, methods=["GET"]),
]


def make_app(settings: ServiceSettings | None = None) -> Starlette:
    """The ASGI application (run it with uvicorn, or any ASGI server)."""
    from ldpub import __version__

    schemas = SchemaGenerator({"openapi": "3.0.3", "info": {"title": "ldpub", "version": __version__}})

    async def openapi(request: Request) -> Response:
        return json_response(schemas.get_schema(routes=app.routes))

    handlers: dict[Any, Any] = {
        ClientGone: client_gone,
        ClientDisconnect: client_gone,
        LdpubError: ldpub_error,
        HTTPException: http_error,
        Exception: internal_error,
    }
    app = Starlette(
        routes=[*ROUTES, Route("/openapi.json", openapi, methods=["GET"], include_in_schema=False)],
        exception_handlers=handlers,
    )
    app.state.ldpub = Service(settings or ServiceSettings())
    return app
