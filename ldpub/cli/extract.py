"""``ldpub extract``: article pages and plain text → article records (YAML or JSON)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import yaml

from ldpub.cli import exit_code_for
from ldpub.cli._parallel import add_jobs_option, ordered_map
from ldpub.errors import InputError, LdpubError, Location
from ldpub.files import AtomicFiles
from ldpub.ingest.newsroom import Defaults, Settings, check_template, given_datetime, load_settings, template_url, zone
from ldpub.ingest.result import ExtractResult, ExtractWarning
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
    parser.add_argument(
        "inputs", nargs="+", type=Path, metavar="PAGE.html|TEXT.txt|DIR", help="files, or folders of pages and texts"
    )
    parser.add_argument(
        "--entities",
        type=Path,
        metavar="FILE",
        help="entity authority file (Turtle): names it knows are linked to its entities",
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
    add_jobs_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if args.output and args.output.suffix == ".json" else "yaml")
    inputs = _expand(args.inputs)
    many = len(inputs) > 1 or any(path.is_dir() for path in args.inputs)
    if many and args.output and args.output.exists() and not args.output.is_dir():
        raise InputError("with several inputs, -o must be a folder", Location(str(args.output)))
    text_options = {
        name: value
        for name in ("published", "language", "original_language")
        if (value := getattr(args, name)) is not None
    }
    setting = _Setting(
        newsroom_settings(args),
        load_authority(args.entities) if args.entities else None,  # loaded once, before the processes fork
        args.url,
        args.max_bytes,
        text_options,
        args.root,
        fmt,
    )
    code = 0
    documents = []
    with AtomicFiles() as files:
        for (_, name), outcome in zip(
            inputs, ordered_map(_extractor, setting, [p for p, _ in inputs], jobs=args.jobs), strict=True
        ):
            for line in outcome.messages:
                print(line, file=sys.stderr)
            code = max(code, outcome.code)
            if outcome.text is None:
                continue
            if args.output and many:
                files.write(args.output / name.with_suffix(f".{fmt}"), outcome.text)
            elif args.output:
                files.write(args.output, outcome.text)
            else:
                documents.append(outcome.text)
    if documents and fmt == "yaml":
        sys.stdout.write("---\n".join(documents))
    elif documents:  # several JSON records: one JSON array
        sys.stdout.write(documents[0] if len(documents) == 1 else f"[{','.join(documents)}]\n")
    return code


def _expand(paths: list[Path]) -> list[tuple[Path, Path]]:
    """Each input file with its output name: a folder gives its pages and texts (sorted), named by
    their path inside it."""
    found: list[tuple[Path, Path]] = []
    suffixes = HTML_SUFFIXES | TEXT_SUFFIXES
    for path in paths:
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
            found.extend((f, f.relative_to(path)) for f in files)
        else:
            found.append((path, Path(path.name)))
    return found


class _Setting(NamedTuple):
    settings: Settings
    authority: object | None
    url: str | None
    max_bytes: int
    text_options: dict[str, str]
    root: Path | None
    fmt: str


class _Outcome(NamedTuple):
    """One input's record text (None when unreadable), its stderr lines and its exit code."""

    text: str | None
    messages: list[str]
    code: int


def _extractor(setting: _Setting) -> Callable[[Path], _Outcome]:
    """The per-process worker: one page or text → its record, warnings and problems."""

    def extract_one(path: Path) -> _Outcome:
        try:
            result = extract_file(
                path,
                authority=setting.authority,
                url=setting.url,
                max_bytes=setting.max_bytes,
                text_options=setting.text_options,
                settings=setting.settings,
                root=setting.root,
            )
        except (LdpubError, OSError) as exc:  # one bad input: the others still run
            return _Outcome(None, [f"ldpub: error: {_problem(path, exc)}"], exit_code_for(exc))
        messages = [f"ldpub: warning: {_where(path, warning)}" for warning in result.warnings]
        code = 0
        try:
            check_record(Record(result.record))
        except RecordInvalid as invalid:
            messages += [f"ldpub: incomplete record: {path}: {problem}" for problem in invalid.errors]
            code = 1
        return _Outcome(dump(result.record, setting.fmt), messages, code)

    return extract_one


def _problem(path: Path, exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, LdpubError):
        return f"{path}: cannot read: {exc.strerror or exc}"
    return str(exc)


def newsroom_settings(args: argparse.Namespace) -> Settings:
    """The settings file's defaults with the command line's options over them."""
    settings = load_settings(args.settings) if args.settings else Settings()
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if args.timezone is not None:
        values["timezone"] = zone(args.timezone)
        origins["timezone"] = f"--timezone {args.timezone}"
    if args.url_template is not None:
        values["url_template"] = check_template(args.url_template)
        origins["url_template"] = f"--url-template {args.url_template!r}"
    if args.language is not None:
        values["language"] = args.language  # for pages; a text's own --language is checked by extract_text
        origins["language"] = f"--language {args.language}"
    return dataclasses.replace(settings, overrides=Defaults(**values, origins=origins))


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
    settings: Settings | None = None,
    root: Path | None = None,
) -> ExtractResult:
    """Extract a record from an HTML page or a plain-text file, chosen by suffix or content.

    ``authority`` (a loaded entity authority) links the names of both; ``original_language``
    applies to plain text only (a page given it says so in a warning); ``published``, ``language`` and the
    newsroom's ``settings`` (time zone, URL template over ``path`` relative to ``root``,
    language, publisher) apply to both.
    """
    options = dict(text_options or {})
    settings = settings or Settings()
    if _is_html(path, max_bytes):
        from ldpub.ingest.html import extract_html_file  # trafilatura: imported when used

        page = extract_html_file(
            path,
            url=url,
            max_bytes=max_bytes,
            published=options.get("published"),
            settings=settings,
            root=root,
            authority=authority,
        )
        for name, given in (("--original-language", options.get("original_language")),):
            if given is not None:
                message = f"{name} applies to plain text only; not used for a page"
                page.warnings.append(ExtractWarning(message, Location(str(path))))
        return page
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
    url, inferred = _text_defaults(path, url, options, settings, root)
    result: ExtractResult = extract_text(text, source=str(path), authority=authority, url=url, **options)
    shown = {"url": url, **options}
    for name, how in inferred.items():
        result.warnings.append(ExtractWarning(f"{name} inferred {how}: {shown[name]}", Location(str(path), f"/{name}")))
    if inferred:
        result.record["inferred"] = inferred
    return result


def _text_defaults(
    path: Path, url: str | None, options: dict[str, str], settings: Settings, root: Path | None
) -> tuple[str | None, dict[str, str]]:
    """What the newsroom's settings add to a text's options (``options`` is updated): the URL
    from the template, the zone of a zone-less ``--published``, the language; and how."""
    inferred: dict[str, str] = {}
    defaults = settings.for_host(None)
    if url is None:
        url = template_url(defaults, path, root)
        if url is not None:
            inferred["url"] = f"from {defaults.label('url_template')}"
    defaults = settings.for_host(urlsplit(url).hostname if url else None)
    if "published" in options:
        value, how, _ = given_datetime(options["published"], defaults)
        if value and how:  # a zone-less --published completed with the newsroom's zone
            options["published"], inferred["published"] = value, how
    if "language" not in options and defaults.language:
        options["language"], inferred["language"] = defaults.language, f"from {defaults.label('language')}"
    return url, inferred


def _is_html(path: Path, max_bytes: int) -> bool:
    return is_page(path.name, lambda: read_page(path, max_bytes=max_bytes))


def is_page(name: str, data: Callable[[], bytes]) -> bool:
    """An HTML page (else plain text): by the name's suffix, else by how the content starts
    (``data`` is read only when the suffix does not say)."""
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    head = data()[:1024].lstrip().lower()
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
