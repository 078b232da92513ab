"""``ldpub load``, ``ldpub unload`` and ``ldpub sparql``: the archive, embedded or on a server."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from ldpub.cli import epilog
from ldpub.errors import InputError, LdpubError, UsageError, os_problem
from ldpub.inputs import LOAD, find_inputs

_FORMATS = ("table", "json", "csv", "tsv")


def _store_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store", metavar="DIR", help="embedded store directory (default: $LDPUB_STORE or ./ldpub-store)"
    )
    where.add_argument(
        "--endpoint",
        metavar="URL",
        help="SPARQL query endpoint of a server (Oxigraph: http://HOST:PORT/query; Virtuoso: http://HOST:PORT/sparql); "
        "credentials from LDPUB_ENDPOINT_USER / LDPUB_ENDPOINT_PASSWORD",
    )


def register(subparsers: Any) -> None:
    load = subparsers.add_parser(
        "load",
        help="load articles into the archive (embedded store or SPARQL endpoint)",
        description="Load built articles (.jsonld, .ttl, .nt, .nq) or records (.yaml, .yml, .json, built on the fly) "
        "into the archive: each article in its own named graph (its page URL), shared entities once in "
        "the entities graph. Re-loading an article replaces it. Dates are stored as xsd:date / xsd:dateTime, "
        "so that SPARQL compares them (a date-time without a time zone as UTC). A malformed file is reported "
        "and skipped (exit 1 at the end); --fail-fast stops at the first one.",
        epilog=epilog(),
    )
    load.add_argument("paths", nargs="+", metavar="FILE|DIR", help="files, or folders searched for known suffixes")
    _store_options(load)
    load.add_argument("--fail-fast", action="store_true", help="stop at the first malformed file")
    load.add_argument("--batch", type=int, metavar="N", help="articles per transaction (default: per store)")
    load.add_argument(
        "--no-compact",
        action="store_true",
        help="skip compacting the embedded store after a load of more than one batch (compaction makes "
        "queries several times faster right after a bulk load)",
    )
    load.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary line")
    load.set_defaults(handler=run_load)

    unload = subparsers.add_parser(
        "unload",
        help="remove articles from the archive by URL",
        description="Remove each article's named graph (its page URL) from the archive, in one transaction "
        "an article; the entities graph is kept (other articles may name its people, organisations and places).",
        epilog=epilog(
            "unload exits 1 for a URL it does not hold, 2 when there is no archive. "
            "Example: ldpub unload https://syrianobserver.com/fact-check/rukban-aid-convoys.html"
        ),
    )
    unload.add_argument(
        "urls",
        nargs="+",
        metavar="URL",
        help="the article's page URL, as loaded (its graph's name); several may follow",
    )
    _store_options(unload)
    unload.set_defaults(handler=run_unload)

    sparql = subparsers.add_parser(
        "sparql",
        help="run a SPARQL query on the archive",
        description="SELECT/ASK results as a table or in the W3C SPARQL 1.1 JSON, CSV or TSV result formats; "
        "CONSTRUCT/DESCRIBE as Turtle. Article graphs are named by page URL: use GRAPH patterns.",
        epilog=epilog(),
    )
    sparql.add_argument("query", nargs="?", help="the query text")
    sparql.add_argument("--file", metavar="Q.rq", help="read the query from a file ('-' for stdin)")
    sparql.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to the string VALUE (or to an IRI written <...>): replaces the query's own "
        "'VALUES ?NAME { ... }', or adds one; repeat for several values",
    )
    _store_options(sparql)
    sparql.add_argument("--format", "-f", default="table", choices=_FORMATS, help="output format (default table)")
    sparql.add_argument("--wide", action="store_true", help="table: never shorten cells to fit the terminal's width")
    sparql.add_argument(
        "--timeout",
        type=_positive(float),
        metavar="S",
        help="stop the query after S seconds (exit 3); on the embedded store its process is killed, memory and all",
    )
    sparql.add_argument(
        "--max-rows",
        type=_positive(int),
        metavar="N",
        help="stop after N rows (or triples), with a warning; the rest are never computed",
    )
    sparql.set_defaults(handler=run_sparql)


def _open(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The archive the options name; an embedded one is created only by ``load``."""
    from ldpub.archive import open_store

    if args.endpoint:
        return open_store(endpoint=args.endpoint)
    return open_store(args.store, create=create)


def run_load(args: argparse.Namespace) -> int:
    from ldpub.archive import LoadSummary, load

    found = find_inputs(args.paths, LOAD)
    if found.problems:  # a load takes all its inputs or none: nothing is loaded
        for problem in found.problems[1:]:
            _err(f"ldpub: error: {problem}")
        raise found.problems[0]
    files = [Path(item.path) for item in found.inputs]
    show = not args.quiet and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)

    def on_error(error: LdpubError) -> None:
        message = f"ldpub: error: {error} (skipped)" if not args.fail_fast else f"ldpub: error: {error}"
        (bar.write if bar else _err)(message)

    def on_file(path: Path, articles: int) -> None:
        if bar:
            bar.update(1)

    def on_batch(so_far: LoadSummary) -> None:
        if bar:
            bar.set_postfix(articles=f"{so_far.articles:,}", quads=f"{so_far.quads:,}")

    store = _open(args, create=True)
    try:
        if args.batch:
            store.batch_size = max(1, args.batch)
        try:
            summary = load(
                store, files, fail_fast=args.fail_fast, on_error=on_error, on_file=on_file, on_batch=on_batch
            )
        except InputError:
            return 1
        if summary.batches > 1 and not args.no_compact and hasattr(store, "optimize"):
            if bar:
                bar.set_postfix_str("compacting the store", refresh=True)
            start = time.perf_counter()
            store.optimize()
            summary.seconds += time.perf_counter() - start
    finally:
        if bar:
            bar.close()
        store.close()
    if not args.quiet:
        _err(str(summary))
    return 1 if summary.failed else 0


def run_unload(args: argparse.Namespace) -> int:
    store = _open(args)
    missing = 0
    try:
        for url in args.urls:
            if not store.unload(url):
                _err(f"ldpub: error: {url}: no such article in the archive")
                missing += 1
    finally:
        store.close()
    return 1 if missing else 0


def run_sparql(args: argparse.Namespace) -> int:
    if (args.query is None) == (args.file is None):
        raise UsageError("give the query as text or with --file: one of them, not both")
    from ldpub.archive.query_text import parse_params, prepare_query

    text = args.query if args.file is None else _read_query(args.file)
    prepared = prepare_query(text, parse_params(args.param))
    for note in prepared.notes:
        _err(f"ldpub: note: {note}")
    from ldpub.archive import stream_query
    from ldpub.archive.results import render

    # The query runs in a process of its own, killed at --timeout or on Ctrl-C (exit 130); rows
    # are written as they come, so memory stays flat whatever the result's size.
    results = stream_query(
        prepared.text,
        store=args.store,
        endpoint=args.endpoint,
        timeout=args.timeout,
        max_rows=args.max_rows,
        start_method="fork",  # this process is one thread and holds no store
    )
    width = None if args.wide else shutil.get_terminal_size((120, 24)).columns
    try:
        for piece in render(results, args.format, width=width):
            sys.stdout.write(piece)
            sys.stdout.flush()
    finally:
        results.close()
    for warning in results.warnings:
        _err(f"ldpub: warning: {warning}")
    return 0


def _positive(kind: type[Any]) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value

    return parse


def _read_query(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise os_problem(exc, path, "read") from None


def _err(message: str) -> None:
    print(message, file=sys.stderr)
