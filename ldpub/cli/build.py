"""``ldpub build RECORD... [--out DIR] [--format jsonld,ttl,nq]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ldpub.cli._hints import for_build
from ldpub.emit import parse_formats, render, write_outputs
from ldpub.errors import InputError, LdpubError
from ldpub.pipeline import build
from ldpub.record import Record, RecordInvalid, load_record, parse_record


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build schema.org JSON-LD, Turtle and N-Quads from article records",
        description="Build each article record (YAML or JSON; '-' for stdin) into JSON-LD, "
        "Turtle and/or N-Quads. Without --out (or with --out -) the output goes to stdout.",
    )
    parser.add_argument("records", nargs="+", metavar="RECORD", help="record file (.yaml, .yml, .json) or '-'")
    parser.add_argument("--out", "-o", metavar="DIR", help="write DIR/<record name>.<ext> per format ('-': stdout)")
    parser.add_argument(
        "--format", "-f", default="jsonld", metavar="FORMATS", help="comma-separated: jsonld, ttl, nq (default jsonld)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    to_stdout = args.out in (None, "-")
    failed = 0
    for source in args.records:
        try:
            record = _read(source)
            rendered = render(build(record), formats)
        except RecordInvalid as exc:
            for error in exc.errors:
                print(f"ldpub: error: {error}", file=sys.stderr)
            failed += 1
            continue
        except InputError as exc:
            print(f"ldpub: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if to_stdout:
            sys.stdout.write("".join(rendered.values()))
        else:
            stem = "stdin" if source == "-" else Path(source).stem
            for path in write_outputs(rendered, Path(args.out), stem):
                print(path, file=sys.stderr)
    return 1 if failed else 0


def _read(source: str) -> Record:
    if source == "-":
        text = sys.stdin.read()
        hint = for_build("<stdin>", text)
        if hint is not None:
            raise InputError(hint)
        return parse_record(text, file="<stdin>")
    hint = for_build(source)
    if hint is not None:
        raise InputError(hint)
    try:
        return load_record(source)
    except OSError as exc:
        raise LdpubError(f"cannot read {source}: {exc.strerror}") from None
