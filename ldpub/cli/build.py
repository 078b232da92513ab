"""``ldpub build RECORD... [--out DIR] [--format jsonld,ttl,nq]``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ldpub.cli import epilog, inputs
from ldpub.cli._parallel import add_jobs_option, ordered_map
from ldpub.errors import EXIT_FINDINGS, LdpubError, UsageError, exit_code
from ldpub.files import AtomicFiles, AtomicStream, remove_temporaries, write_beside, write_error
from ldpub.inputs import BUILD, STDIN, output_name
from ldpub.limits import MAX_BYTES

# The pipeline is imported by the handlers, not here: every other command would pay for it at start.

# --out DIR: a sync starts in the background every this many files, so that the one before the
# renames at the end has little left to write (ldpub.files.AtomicFiles)
SYNC_AHEAD = 500


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build schema.org JSON-LD, Turtle and N-Quads from article records",
        description="Build each article record (YAML or JSON; '-' for stdin; a folder: every record in "
        "it) into JSON-LD, Turtle and/or N-Quads. Without --out (or with --out -) the output goes to "
        "stdout: several articles' JSON-LD as JSON Lines, one compact document a line.",
        epilog=epilog(),
    )
    parser.add_argument(
        "records", nargs="+", metavar="RECORD|DIR", help="record file (.yaml, .yml, .json), folder of them, or '-'"
    )
    parser.add_argument(
        "--out",
        "-o",
        metavar="DIR|FILE.nq",
        help="write DIR/<record name>.<ext> per format, a folder's records under the same names below DIR "
        "('-': stdout); a FILE.nq gets every article, in the "
        "archive's shape (one named graph each), for 'ldpub load'",
    )
    parser.add_argument(
        "--format",
        "-f",
        default=None,
        metavar="FORMATS",
        help="comma-separated: jsonld, ttl, nq, or their other names json-ld, turtle, nquads/n-quads (default jsonld)",
    )
    parser.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="the newsroom's settings (YAML): its publisher, site and breadcrumb rules fill what a record leaves out",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="a record without what is recommended (a publication date, a publisher) fails instead of warning",
    )
    add_jobs_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import ldpub.pipeline  # noqa: F401  (loaded here once, shared by the forked workers)
    from ldpub.emit import FORMATS, parse_formats

    archive = args.out is not None and args.out.lower().endswith(".nq")
    formats = parse_formats(args.format or ("nq" if archive else "jsonld"))
    if archive and formats != ["nq"]:
        raise UsageError(f"--out {args.out}: one archive file holds N-Quads only; drop --format or use --format nq")
    found, code = inputs(args.records, BUILD)
    if not found:
        return code
    if "ttl" in formats:
        import pyoxigraph  # noqa: F401  (Turtle's writer: loaded once, before the workers fork)
    if any(not item.path.lower().endswith(".json") for item in found):
        import yaml  # noqa: F401  (the same for the YAML reader; JSON records alone need none)
    to_stdout = args.out in (None, "-")
    settings = None
    if args.settings is not None:
        from ldpub.newsroom import load_settings

        settings = load_settings(args.settings)  # read once, before the workers fork
    items = [(item.path, sys.stdin.read(MAX_BYTES + 1) if item.path == STDIN else None, item.name) for item in found]
    # Several articles on stdout: JSON-LD as JSON Lines (one compact document a line).
    lines = to_stdout and len(found) > 1
    failed = 0
    out_dir = None if to_stdout or archive else Path(args.out)
    # Files to a folder are written by the local workers, each its own, as temporary files that
    # this process renames into place (a run's temporaries named for it, found and removed if it
    # fails). A cluster's workers send the text back instead: this machine's folder may not be theirs.
    here = out_dir is not None and args.scheduler is None
    out = _Out(str(out_dir), os.urandom(4).hex()) if here else None
    setting = (formats, archive, lines, settings, args.strict, out)
    outcomes = ordered_map(_builder, setting, items, jobs=args.jobs, scheduler=args.scheduler)
    # a file is named on stderr once it is in place (AtomicFiles renames them in batches), the
    # names of a batch in one write
    named: list[str] = []

    def name_them() -> None:
        if named:
            sys.stderr.write("".join(named))
            named.clear()

    try:
        with AtomicFiles(on_commit=lambda path: named.append(f"{path}\n"), sync_ahead=SYNC_AHEAD) as files:
            sink = AtomicStream(Path(args.out)) if archive else None
            try:
                for outcome in outcomes:
                    if isinstance(outcome, _WriteFailed):
                        raise write_error(outcome.target, OSError(outcome.errno, outcome.reason))
                    if isinstance(outcome, _Failed):
                        for error in outcome.messages:
                            print(f"ldpub: error: {error}", file=sys.stderr)
                        failed, code = failed + 1, max(code, outcome.code)
                        continue
                    for warning in outcome.warnings:
                        print(f"ldpub: warning: {warning}", file=sys.stderr)
                    if sink is not None:
                        sink.write(outcome.rendered["nq"])
                    elif out_dir is None:
                        sys.stdout.write("".join(outcome.rendered.values()))
                    elif out is None:  # sent back by a cluster's worker: written here
                        for fmt, text in outcome.rendered.items():
                            files.write(out_dir / output_name(outcome.name, FORMATS[fmt][0]), text)
                    for target, tmp in outcome.written:
                        files.adopt(tmp, target)
                    name_them()
            except BaseException:
                outcomes.close()  # the workers stopped, so that what they wrote can be removed
                if sink is not None:
                    sink.discard()
                if out is not None:
                    files.discard()
                    remove_temporaries(out.folder, out.run)
                raise
            if sink is not None:
                sink.commit()
                print(f"{args.out}: {len(items) - failed:,} articles", file=sys.stderr)
    finally:
        name_them()
    return code


class _Out(NamedTuple):
    """Where the workers write an article's files (``--out DIR``), and the run their temporaries are named for."""

    folder: str
    run: str


class _WriteFailed(NamedTuple):
    """A file a worker could not write: the run stops, as when this process cannot write."""

    target: str
    errno: int
    reason: str


class _Failed(NamedTuple):
    """A record that did not build: its messages and the exit code they call for."""

    messages: list[str]
    code: int


class _Built(NamedTuple):
    """A built record: its rendered formats (for stdout or an archive file), the files written
    for it as (target, temporary file) pairs (``--out DIR``), and the warnings about what it lacks."""

    rendered: dict[str, str]
    warnings: list[str]
    written: tuple[tuple[str, str], ...] = ()
    name: str = ""  # the output's name below --out DIR, for text sent back (from a cluster)


# (formats, archive file, JSON Lines, settings, strict[, where the workers write: --out DIR])
_Setting = tuple[Any, ...]


def _builder(setting: _Setting) -> Callable[[tuple[Any, ...]], _Built | _Failed | _WriteFailed]:
    """The per-process worker: (source, stdin text, name) → its rendered formats or written files,
    or its error messages."""
    from ldpub.emit import FORMATS, render
    from ldpub.pipeline import build_source
    from ldpub.record import RecordInvalid

    formats, archive, lines, settings, strict, *more = setting
    out = more[0] if more else None  # (a setting without it, as a caller of ldpub.cluster may give: text back)
    if archive:  # the archive's code (and pyoxigraph) only for an archive file: 40 ms of imports
        from ldpub.archive.articles import archive_nquads

    def build_one(item: tuple[Any, ...]) -> _Built | _Failed | _WriteFailed:
        source, text, *named = item
        name = named[0] if named else source
        try:
            options: dict[str, Any] = {"settings": settings, "strict": strict}
            if source == STDIN:
                article = build_source("<stdin>", text or "", **options)
            else:
                article = build_source(source, **options)
            warnings = [str(w) for w in article.warnings]
            if archive:  # the archive's shape: the article's graph and the entities graph
                return _Built({"nq": archive_nquads(article.nquads(), source)}, warnings)
            rendered = render(article, formats)
            if lines and "jsonld" in rendered:
                rendered["jsonld"] = article.to_json(indent=False)
        except RecordInvalid as exc:
            return _Failed([str(error) for error in exc.errors], EXIT_FINDINGS)
        except LdpubError as exc:
            return _Failed([str(exc)], exit_code(exc))
        stem = "stdin" if source == STDIN else name
        if out is None:
            return _Built(rendered, warnings, name=stem)
        written: list[tuple[str, str]] = []
        for fmt, content in rendered.items():
            target = os.path.join(out.folder, output_name(stem, FORMATS[fmt][0]))
            try:
                written.append((target, write_beside(target, content, out.run)))
            except OSError as exc:
                return _WriteFailed(target, exc.errno or 0, exc.strerror or str(exc))
        return _Built({}, warnings, tuple(written))

    return build_one
