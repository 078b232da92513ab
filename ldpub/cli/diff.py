"""``ldpub diff OLD NEW [--format text|json|markdown] [--exit-code]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ldpub.cli import epilog
from ldpub.cli._stdio import STDIO, input_name, read_input

FORMATS = ("text", "json", "markdown")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what changed in an article's structured data between two versions",
        description="Compare two versions of an article's structured data — each a record (YAML/JSON), "
        "a JSON-LD file or an HTML page — as RDF graphs, node by node and property by property. "
        "Blank nodes are matched by content; the order of nodes and of array values does not count. "
        "Prints nothing when the graphs are the same.",
        epilog=epilog("diff exits 0 when it compared (also when something changed, unless --exit-code: then 1)."),
    )
    parser.add_argument("old", metavar="OLD", help="the old version (- for standard input)")
    parser.add_argument("new", metavar="NEW", help="the new version (- for standard input)")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="text (default), json or markdown")
    parser.add_argument(
        "--exit-code", action="store_true", help="exit 1 when something changed, 0 when not (like git diff)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.old == STDIO and args.new == STDIO:
        print("ldpub diff: error: OLD and NEW cannot both be standard input", file=sys.stderr)
        return 2
    from ldpub.diff import diff_documents  # imported when used: the CLI starts fast

    changes = diff_documents((read_input(args.old), input_name(args.old)), (read_input(args.new), input_name(args.new)))
    if changes:
        out = {"text": changes.to_text, "json": changes.to_json, "markdown": changes.to_markdown}[args.format]()
        sys.stdout.write(out)
    return 1 if args.exit_code and changes else 0
