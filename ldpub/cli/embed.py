"""``ldpub embed PAGE.html --graph ARTICLE.jsonld [-o OUT | --in-place]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ldpub.cli import epilog
from ldpub.cli._stdio import STDIO, input_name, read_input
from ldpub.embed import embed, own_articles, parse_graph, url_mismatch
from ldpub.files import write_atomic


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "embed",
        help="embed an article's JSON-LD into its HTML page",
        description="Insert the JSON-LD graph into the page's <head> as "
        '<script type="application/ld+json" data-ldpub="jsonld">, or replace the one ldpub '
        "inserted before. Every other byte of the page is kept; running it again gives the "
        "same bytes.",
        epilog=epilog(),
    )
    parser.add_argument("page", metavar="PAGE", help="the HTML page (- for standard input)")
    parser.add_argument(
        "-g",
        "--graph",
        required=True,
        metavar="ARTICLE.jsonld",
        help="the JSON-LD to embed (- for standard input)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="write the page here (default, or -: standard output)")
    where.add_argument("-i", "--in-place", action="store_true", help="rewrite PAGE itself")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.page == STDIO and args.graph == STDIO:
        return _usage("PAGE and --graph cannot both be standard input")
    if args.in_place and args.page == STDIO:
        return _usage("--in-place needs a PAGE file, not standard input")
    graph = parse_graph(read_input(args.graph), source=input_name(args.graph))
    page, source = read_input(args.page), input_name(args.page)
    out = embed(page, graph, source=source)
    for other in own_articles(page, graph, source=source):
        print(
            f"ldpub embed: warning: {source}:{other.line}: the page's own JSON-LD already describes "
            f"an article ({other.type}{' ' + other.id if other.id else ''}), so the page now has two article nodes; "
            "remove the page's block, or give it the @id of ldpub's article so both describe one node",
            file=sys.stderr,
        )
    mismatch = url_mismatch(page, graph, source=source)
    if mismatch is not None:
        print(f"ldpub embed: warning: {source}:{mismatch.line}: {mismatch.message}", file=sys.stderr)
    for problem in _paywall(page, graph, source):
        print(f"ldpub embed: warning: {source}: {problem}", file=sys.stderr)
    target = args.page if args.in_place else args.output
    if target is None or target == STDIO:
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    elif not (args.in_place and out == page):  # unchanged: keep the file (and its mtime)
        write_atomic(target, out)
    return 0


def _paywall(page: bytes, graph: object, source: str) -> list[str]:
    """The graph's paywall markup against the page: each paywalled part's cssSelector must match."""
    from ldpub.paywall import mentions_paywall, paywall_problems
    from ldpub.read.safe_html import decode_page, parse_html

    if not mentions_paywall(graph):
        return []
    tree = parse_html(decode_page(page, source=source), source=source)
    return [f"{p.pointer}: {p.message} ({p.code})" for p in paywall_problems([graph], tree)]


def _usage(message: str) -> int:
    print(f"ldpub embed: error: {message}", file=sys.stderr)
    return 2
