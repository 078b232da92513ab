"""``ldpub graph FILE [-o graph.svg]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ldpub.cli import epilog
from ldpub.cli._stdio import STDIO, input_name, read_input
from ldpub.files import write_atomic


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "graph",
        help="an SVG picture of an article's nodes and links",
        description="Draw the structured data of a record (YAML/JSON), a JSON-LD file or an HTML page as "
        "an SVG picture: nodes by kind as shapes and colours with their names inside, the article outlined "
        "in bold, links as arrows labelled with their property. Laid out by Graphviz when its programs are "
        "installed (no two labels overlap), else by networkx.",
        epilog=epilog(),
    )
    parser.add_argument("file", metavar="FILE", help="record, JSON-LD or page (- for standard input)")
    parser.add_argument("-o", "--output", metavar="OUT.svg", help="write the SVG here (default, or -: standard output)")
    parser.add_argument(
        "--layout",
        choices=("auto", "graphviz", "networkx"),
        default="auto",
        help="who lays the picture out: Graphviz (its `neato` must be installed; exit 1 if not), networkx, "
        "or auto: Graphviz when installed, else networkx (default)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    data, source = read_input(args.file), input_name(args.file)
    from ldpub.picture import picture_of  # graphviz, networkx and numpy: imported when used

    svg = picture_of(data, source, layout=args.layout)
    if args.output is None or args.output == STDIO:
        sys.stdout.write(svg)
    else:
        write_atomic(args.output, svg)
    return 0
