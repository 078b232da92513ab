"""``ldpub extract``: article pages and plain text → article records (YAML or JSON)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ldpub.cli import epilog, inputs
from ldpub.cli._parallel import MIN_PARALLEL, add_jobs_option, ordered_map, usable_cores
from ldpub.errors import EXIT_FINDINGS, EXIT_OK, LdpubError, Location, UsageError, exit_code, os_problem
from ldpub.extract import ExtractOptions, analysed_ahead, dump, dump_many, extract_file, load_authority
from ldpub.files import AtomicFiles
from ldpub.inputs import EXTRACT, output_name
from ldpub.newsroom import authority_file, load_settings, with_options
from ldpub.read.safe_html import MAX_PAGE_BYTES


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract article records from HTML pages or plain text",
        description="Read article pages (HTML) or plain text and write one article record per "
        "input. Warnings (what the input does not say) go to stderr. Exit code 1 when an input "
        "cannot be read as a page or its record is incomplete (it is still written; with --strict, also when "
        "it lacks a publication date or a publisher). Several records on "
        "stdout: YAML as one YAML stream (documents between ---), JSON as JSON Lines.",
        epilog=epilog(),
    )
    parser.add_argument(
        "inputs", nargs="+", type=Path, metavar="PAGE.html|TEXT.txt|DIR", help="files, or folders of pages and texts"
    )
    parser.add_argument(
        "--authority",
        "--entities",
        dest="authority",
        type=Path,
        metavar="FILE",
        help="the newsroom's entity authority (Turtle): names it knows are linked to its entities "
        "(default: the settings file's `authority`; without either, names are not linked)",
    )
    parser.add_argument("--url", help="the page's URL; overrides the page's own (a warning when they differ)")
    parser.add_argument(
        "--published",
        help="publication date-time, ISO 8601 (with a time zone, or with --timezone); overrides the page's",
    )
    parser.add_argument("--language", help="BCP 47 language, e.g. en, when the input says none")
    newsroom = parser.add_argument_group("the newsroom's defaults (override --settings; each use is reported)")
    newsroom.add_argument("--settings", type=Path, metavar="FILE", help="YAML file of the newsroom's defaults")
    newsroom.add_argument("--timezone", metavar="ZONE", help="IANA time zone for dates without one, e.g. Asia/Beirut")
    newsroom.add_argument(
        "--url-template",
        metavar="TEMPLATE",
        help="URL for inputs naming none: {path} (relative to --root), {stem}, {name}",
    )
    newsroom.add_argument(
        "--root", type=Path, metavar="DIR", help="what {path} is relative to (default: current folder)"
    )
    parser.add_argument(
        "--claims",
        choices=("speech", "all"),
        default="speech",
        help="which attributions become claims: speech (said, told, wrote, denied …; the default) "
        "or all (beliefs and plans too: believes, plans to …)",
    )
    text = parser.add_argument_group("plain text only (what a text cannot say itself)")
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
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a record lacks what is recommended (a publication date, a publisher), not only warn",
    )
    add_jobs_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if args.output and args.output.suffix == ".json" else "yaml")
    found, code = inputs(args.inputs, EXTRACT)
    if not found:
        return code
    many = len(found) > 1 or any(path.is_dir() for path in args.inputs)
    if many and args.output and args.output.exists() and not args.output.is_dir():
        raise UsageError("with several inputs, -o must be a folder", Location(str(args.output)))
    settings = with_options(
        load_settings(args.settings) if args.settings else None,
        timezone=args.timezone,
        url_template=args.url_template,
        language=args.language,
    )
    authority = authority_file(args.authority, settings)
    options = ExtractOptions(
        url=args.url,
        published=args.published,
        language=args.language,
        original_language=args.original_language,
        settings=settings,
        root=args.root,
        max_bytes=args.max_bytes,
        authority=load_authority(authority) if authority else None,  # loaded once, before the processes fork
        claims=args.claims,
        strict=args.strict,
    )
    documents = []
    work = [Path(item.path) for item in found]
    if args.scheduler is None and len(work) >= MIN_PARALLEL and (args.jobs or usable_cores()) > 1:
        from ldpub.language.analysis import pipeline

        pipeline()  # the language model loaded once, here, and shared by the processes forked from this one
    with AtomicFiles() as files:
        for item, outcome in zip(
            found, ordered_map(_extractor, (options, fmt), work, jobs=args.jobs, scheduler=args.scheduler), strict=True
        ):
            for line in outcome.messages:
                print(line, file=sys.stderr)
            code = max(code, outcome.code)
            if outcome.text is None:
                continue
            if args.output and many:
                files.write(args.output / output_name(item.name, f".{fmt}"), outcome.text)
            elif args.output:
                files.write(args.output, outcome.text)
            else:
                documents.append(outcome.text)
    sys.stdout.write(dump_many(documents, fmt))
    return code


class _Outcome(NamedTuple):
    """One input's record text (None when unreadable), its stderr lines and its exit code."""

    text: str | None
    messages: list[str]
    code: int


class _Extractor:
    """The per-process worker: one page or text → its record, warnings and problems; a batch of
    them with their texts analysed together (:meth:`batch`, what ``--jobs`` calls)."""

    def __init__(self, one: Callable[[Path], _Outcome], options: ExtractOptions) -> None:
        self.one = one
        self.options = options

    def __call__(self, path: Path) -> _Outcome:
        return self.one(path)

    def batch(self, paths: Sequence[Path]) -> list[_Outcome]:
        with analysed_ahead(paths, self.options):
            return [self.one(path) for path in paths]


def _extractor(setting: tuple[ExtractOptions, str]) -> _Extractor:
    """The per-process worker (:class:`_Extractor`)."""
    options, fmt = setting

    def extract_one(path: Path) -> _Outcome:
        try:
            extracted = extract_file(path, options)
        except LdpubError as exc:  # one bad input: the others still run
            return _Outcome(None, [f"ldpub: error: {exc}"], exit_code(exc))
        except OSError as exc:
            problem = os_problem(exc, path, "read")
            return _Outcome(None, [f"ldpub: error: {problem}"], exit_code(problem))
        messages = [f"ldpub: warning: {_where(path, warning)}" for warning in extracted.warnings]
        messages += [f"ldpub: incomplete record: {path}: {problem}" for problem in extracted.problems]
        return _Outcome(dump(extracted.record, fmt), messages, EXIT_OK if extracted.complete else EXIT_FINDINGS)

    return _Extractor(extract_one, options)


def _where(path: Path, warning: object) -> str:
    text = str(warning)
    return text if text.startswith(str(path)) else f"{path}: {text}"
