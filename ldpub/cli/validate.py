"""``ldpub validate PATH... [-] [--profile NAME|FILE]... [--format text|json|sarif] [--strict] [-o FILE]``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ldpub.cli import epilog, inputs
from ldpub.cli._parallel import add_jobs_option, ordered_map
from ldpub.errors import EXIT_USAGE, LdpubError, Location, TooLargeError, os_problem
from ldpub.files import write_atomic
from ldpub.hints import for_validate
from ldpub.inputs import STDIN, VALIDATE
from ldpub.limits import size_message
from ldpub.validate import BUILTIN_PROFILES, Report, Validator, to_json, to_sarif, to_text
from ldpub.validate.report import use_colour
from ldpub.validate.sources import MAX_BYTES, read_file


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check structured data (JSON-LD files, HTML pages) offline against schema.org and profiles",
        description="Check JSON-LD files (.jsonld, .json), HTML pages (every application/ld+json block, "
        "microdata) and folders (recursively: the same files `ldpub extract` reads, pages by suffix or "
        "content); '-' reads stdin. Syntax, JSON-LD, the schema.org "
        "vocabulary (release in vocab/), and the selected profiles. Nothing is fetched.",
        epilog=epilog("validate exits 1 on an error (on a warning too with --strict)."),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or '-' for stdin")
    parser.add_argument(
        "--profile",
        "-p",
        action="append",
        default=[],
        metavar="NAME|FILE",
        help=f"also check a profile: {', '.join(BUILTIN_PROFILES)}, or a JSON Schema (.json) or SHACL (.ttl) "
        "file; repeatable",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "sarif"),
        default="text",
        help="the report: text (a line a finding), json, or sarif (for code scanning); default text",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--stdin-name", default="<stdin>", metavar="NAME", help="file name for stdin in reports")
    parser.add_argument(
        "--page",
        type=Path,
        metavar="PAGE.html",
        help="the HTML page the JSON-LD goes into: check that each paywalled part's cssSelector matches an "
        "element of it (an HTML input is checked against itself)",
    )
    add_jobs_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    Validator(args.profile)  # a bad profile raises LdpubError (exit 2) before any work
    page = None
    if args.page is not None:
        try:
            page = read_file(args.page)
        except OSError as exc:
            raise os_problem(exc, args.page, "read") from None
    found, code = inputs(args.paths, VALIDATE)
    work: list[tuple[str, bytes | None]] = []  # (file name, stdin's bytes)
    io_failed = code != 0
    named = {os.fspath(p) for p in args.paths}
    for item in found:
        if item.path == STDIN:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise TooLargeError(size_message(limit=MAX_BYTES), Location(args.stdin_name))
            work.append((args.stdin_name, data))
            continue
        hint = for_validate(item.path) if item.path in named else None
        if hint is not None:
            print(f"ldpub: error: {hint}", file=sys.stderr)
            io_failed = True
            continue
        work.append((item.path, None))
    if not work and not found:
        return code
    reports: list[Report] = []
    for outcome in ordered_map(_checker, (tuple(args.profile), page), work, jobs=args.jobs, scheduler=args.scheduler):
        if isinstance(outcome, str):
            print(f"ldpub: error: {outcome}", file=sys.stderr)
            io_failed = True
        else:
            reports.append(outcome)
    report = Report.merge(reports)
    out = sys.stdout if args.output in (None, "-") else None
    if args.format == "json":
        text = to_json(report)
    elif args.format == "sarif":
        text = to_sarif(report)
    else:
        text = to_text(report, colour=out is not None and use_colour(out))
    if out is not None:
        out.write(text)
    else:
        write_atomic(Path(args.output), text)
    if io_failed:
        return EXIT_USAGE
    return report.exit_code(strict=args.strict)


def _checker(setting: tuple[tuple[str, ...], bytes | None]) -> Callable[[tuple[str, bytes | None]], Report | str]:
    """The per-process worker: one input → its report, or the message saying why it was not read."""
    profiles, page = setting
    validator = Validator(list(profiles), page=page)

    def check(item: tuple[str, bytes | None]) -> Report | str:
        name, data = item
        if data is not None:  # stdin
            return validator.check_bytes(data, name)
        try:
            raw = read_file(name)
        except OSError as exc:
            return str(os_problem(exc, name, "read"))
        except LdpubError as exc:
            return str(exc)
        return validator.check_bytes(raw, name, suffix=os.path.splitext(name)[1].lower())

    return check
