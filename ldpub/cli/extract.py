"""``ldpub extract``: article pages and plain text → article records (YAML or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from ldpub.cli import exit_code_for
from ldpub.errors import InputError, LdpubError, Location
from ldpub.files import write_atomic
from ldpub.ingest.result import ExtractResult
from ldpub.ingest.safe_html import MAX_PAGE_BYTES, decode_page, read_page
from ldpub.record import Record, RecordInvalid, check_record

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract article records from HTML pages or plain text",
        description="Read article pages (HTML) or plain text and write one article record per "
        "input. Warnings (what the input does not say) go to stderr. Exit code 1 when an input "
        "cannot be read as a page or its record is incomplete (it is still written).",
    )
    parser.add_argument("inputs", nargs="+", type=Path, metavar="PAGE.html|TEXT.txt")
    parser.add_argument("--entities", type=Path, metavar="FILE", help="entity authority file (Turtle) for text")
    parser.add_argument("--url", help="the page's URL, when it names no canonical URL itself")
    text = parser.add_argument_group("plain text only (what a text cannot say itself)")
    text.add_argument("--published", help="publication date-time, ISO 8601 with a time zone")
    text.add_argument("--language", help="BCP 47 language of the text, e.g. en")
    text.add_argument("--original-language", help="language of the original, for a translation")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="output file (one input) or folder (several); default: standard output",
    )
    parser.add_argument("--format", choices=("yaml", "json"), help="default: from OUT's suffix, else yaml")
    parser.add_argument("--max-bytes", type=int, default=MAX_PAGE_BYTES, help="refuse larger inputs")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if args.output and args.output.suffix == ".json" else "yaml")
    many = len(args.inputs) > 1
    if many and args.output and args.output.exists() and not args.output.is_dir():
        raise InputError("with several inputs, -o must be a folder", Location(str(args.output)))
    authority = load_authority(args.entities) if args.entities else None
    text_options = {
        name: value
        for name in ("published", "language", "original_language")
        if (value := getattr(args, name)) is not None
    }
    code = 0
    documents = []
    for path in args.inputs:
        try:
            result = extract_file(
                path,
                authority=authority,
                url=args.url,
                max_bytes=args.max_bytes,
                text_options=text_options,
            )
        except (LdpubError, OSError) as exc:  # one bad input: the others still run
            print(f"ldpub: error: {exc}", file=sys.stderr)
            code = max(code, exit_code_for(exc))
            continue
        for warning in result.warnings:
            print(f"ldpub: warning: {_where(path, warning)}", file=sys.stderr)
        try:
            check_record(Record(result.record))
        except RecordInvalid as invalid:
            for problem in invalid.errors:
                print(f"ldpub: incomplete record: {path}: {problem}", file=sys.stderr)
            code = max(code, 1)
        text = dump(result.record, fmt)
        if args.output and many:
            args.output.mkdir(parents=True, exist_ok=True)
            write_atomic(args.output / f"{path.stem}.{fmt}", text)
        elif args.output:
            write_atomic(args.output, text)
        else:
            documents.append(text)
    if documents and fmt == "yaml":
        sys.stdout.write("---\n".join(documents))
    elif documents:  # several JSON records: one JSON array
        sys.stdout.write(documents[0] if len(documents) == 1 else f"[{','.join(documents)}]\n")
    return code


def load_authority(path: Path) -> object:
    """The newsroom's entity authority file (``--entities``), for plain-text linking."""
    from ldpub.entities import Authority  # type: ignore[import-not-found, unused-ignore]

    authority: object = Authority.load(path)
    return authority


def extract_file(
    path: Path,
    *,
    authority: object | None = None,
    url: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    text_options: dict[str, str] | None = None,
) -> ExtractResult:
    """Extract a record from an HTML page or a plain-text file, chosen by suffix or content.

    ``authority`` (a loaded entity authority) and ``text_options`` (``published``,
    ``language``, ``original_language``) apply to plain text only.
    """
    if _is_html(path, max_bytes):
        from ldpub.ingest.html import extract_html_file  # trafilatura: imported when used

        return extract_html_file(path, url=url, max_bytes=max_bytes)
    # The plain-text extractor lives in its own module; imported here so HTML works without it.
    try:
        from ldpub.ingest.text import extract_text  # type: ignore[import-not-found, unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name != "ldpub.ingest.text":
            raise
        raise LdpubError(
            "plain-text extraction is not available in this version of ldpub", Location(str(path))
        ) from exc

    text = decode_page(read_page(path, max_bytes=max_bytes), source=str(path))
    result: ExtractResult = extract_text(text, source=str(path), authority=authority, url=url, **(text_options or {}))
    return result


def _is_html(path: Path, max_bytes: int) -> bool:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    head = read_page(path, max_bytes=max_bytes)[:1024].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta"))


def _where(path: Path, warning: object) -> str:
    text = str(warning)
    return text if text.startswith(str(path)) else f"{path}: {text}"


class _Dumper(yaml.SafeDumper):
    """YAML with multi-line strings (the body) as literal blocks, readable by an editor."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(record: dict[str, Any], fmt: str) -> str:
    """A record as YAML or JSON text."""
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
