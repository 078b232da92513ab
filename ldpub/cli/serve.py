"""``ldpub serve [--host 127.0.0.1] [--port 8000] [--store DIR | --endpoint URL] [--authority FILE [--writable]]
[--settings FILE]``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from ldpub.cli import epilog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the HTTP service and the editor's page",
        description="Serve build, validate, extract, embed, diff, graph and read-only SPARQL over HTTP "
        "(OpenAPI at /openapi.json) and the editor's page at /. Loopback only unless --host says otherwise.",
        epilog=epilog(),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="embedded store for /sparql, opened read-only")
    where.add_argument("--endpoint", metavar="URL", help="or a SPARQL server's query URL")
    parser.add_argument(
        "--authority",
        "--entities",
        dest="authority",
        metavar="FILE",
        help="the newsroom's entity authority: names in texts are linked to it (default: none)",
    )
    parser.add_argument(
        "--writable",
        action="store_true",
        help="let the editor's page add entities to the --authority file (accept a candidate); without it "
        "the file is only read",
    )
    parser.add_argument("--max-bytes", type=int, default=10_000_000, help="largest request body (default 10 MB)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds of work per request (default 30); a SPARQL query's process is killed at it",
    )
    parser.add_argument(
        "--max-rows", type=int, default=100_000, help="rows (or triples) of a /sparql answer (default 100,000)"
    )
    parser.add_argument(
        "--body-timeout",
        type=float,
        default=30.0,
        help="seconds for a request's body to arrive (default 30); a stalled upload is dropped then (408)",
    )
    parser.add_argument(
        "--settings",
        metavar="FILE",
        help="the newsroom's settings (YAML): /build fills publisher, site and breadcrumb from them, /extract its "
        "time zone, language and publisher",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ldpub.service import ServiceSettings, make_app

    if args.store:
        from ldpub.archive.embedded import require_store

        require_store(Path(args.store))
    newsroom = None
    if args.settings:
        from ldpub.newsroom import load_settings

        newsroom = load_settings(Path(args.settings))  # a bad file stops here, before serving
    settings = ServiceSettings(
        store=args.store,
        endpoint=args.endpoint,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        max_rows=args.max_rows,
        body_timeout=args.body_timeout,
        authority=args.authority,
        writable=args.writable,
        newsroom=newsroom,
    )
    app = make_app(settings)  # a bad combination of options fails here, before the port is taken
    # the service's own events (a client gone, an answer cut off at its limit): one line each
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("ldpub serve: %(message)s"))
    events = logging.getLogger("ldpub.service")
    events.addHandler(handler)
    events.setLevel(logging.INFO)
    events.propagate = False
    print(f"ldpub: serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    if args.authority:
        mode = "adding accepted entities to it" if args.writable else "read only"
        print(f"ldpub: names linked to {args.authority} ({mode})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
