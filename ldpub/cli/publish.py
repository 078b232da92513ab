"""``ldpub sitemap`` (a Google News sitemap) and ``ldpub feed --claims`` (the ClaimReview data feed):
what a newsroom publishes besides its pages. Each file is written whole or not at all."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ldpub.cli import inputs
from ldpub.errors import InputError, UsageError
from ldpub.inputs import BUILD


def register(subparsers: Any) -> None:
    sitemap = subparsers.add_parser(
        "sitemap",
        help="write a Google News sitemap of the articles of the last 48 hours",
        description="A Google News sitemap (sitemaps.org <urlset> with the news: extension) of the articles "
        "published in the 48 hours before --now, newest first, at most 1,000: from article records (files or "
        "folders) or from the archive (--archive). Each needs a date, a language and a publisher name (from the "
        "record, else --settings). Written whole or not at all; nothing is written when no article is recent.",
    )
    sitemap.add_argument("records", nargs="*", metavar="RECORD|DIR", help="article records (.yaml, .yml, .json)")
    sitemap.add_argument("--archive", action="store_true", help="list the archive's articles instead of records")
    where = sitemap.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="embedded store (default: $LDPUB_STORE or ./ldpub-store)")
    where.add_argument("--endpoint", metavar="URL", help="SPARQL query endpoint of a server")
    _common(sitemap)
    sitemap.set_defaults(handler=run_sitemap)

    feed = subparsers.add_parser(
        "feed",
        help="write the ClaimReview data feed (a schema.org DataFeed of the records' fact-checks)",
        description="A schema.org DataFeed (JSON-LD) of every ClaimReview in the records, each with the claim, "
        "rating and reviewer it needs to stand alone; check it with `ldpub validate -p google-claimreview`. "
        "Written whole or not at all.",
    )
    feed.add_argument("records", nargs="+", metavar="RECORD|DIR", help="article records (.yaml, .yml, .json)")
    feed.add_argument("--claims", action="store_true", required=True, help="the ClaimReview feed (the only one)")
    feed.add_argument(
        "--url", metavar="URL", help="where the feed is published: its @id (default: {base}claim-reviews)"
    )
    feed.add_argument("--name", help="the feed's name")
    _common(feed)
    feed.set_defaults(handler=run_feed)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: standard output)")
    parser.add_argument("--now", metavar="DATETIME", help="ISO 8601 date-time with a zone (default: the clock's)")
    parser.add_argument("--settings", type=Path, metavar="FILE", help="the newsroom's settings (publisher, language)")


def _now(args: argparse.Namespace) -> datetime:
    if args.now is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        now = datetime.fromisoformat(args.now)
    except ValueError:
        now = None
    if now is None or now.tzinfo is None:
        raise UsageError(f"--now {args.now!r} is not an ISO 8601 date-time with a time zone")
    return now


def _record_files(paths: list[str]) -> list[Path]:
    """The records the paths hold (files, and folders' records), as ``ldpub build`` finds them."""
    found, code = inputs(paths, BUILD)
    if code:
        raise UsageError("no article records to read (see above)")
    return [Path(item.path) for item in found]


def _write(args: argparse.Namespace, data: bytes) -> None:
    from ldpub.files import write_atomic

    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(args.output), data)


def _settings(args: argparse.Namespace) -> Any:
    from ldpub.newsroom import Settings, load_settings

    return load_settings(args.settings) if args.settings else Settings()


def run_sitemap(args: argparse.Namespace) -> int:
    from ldpub.newsroom import complete_record
    from ldpub.record import check_record, load_record
    from ldpub.sitemap import items_from_archive, items_from_records, news_sitemap

    if args.archive == bool(args.records):
        raise UsageError("give article records, or --archive (not both)")
    now, settings = _now(args), _settings(args)
    defaults = settings.for_host(None)
    language = defaults.language
    publication = (defaults.publisher or {}).get("name")
    if args.archive:
        from ldpub.archive import open_store

        options: dict[str, Any] = {"endpoint": args.endpoint} if args.endpoint else {"read_only": True}
        with open_store(args.store, **options) as store:
            found = list(items_from_archive(store, now=now, language=language, publication=publication))
    else:
        records = []
        for path in _record_files(args.records):
            record = load_record(path)
            check_record(record)
            records.append((str(path), complete_record(record.data, defaults)))
        found = list(items_from_records(records, language=language, publication=publication))
    for note in (f for f in found if isinstance(f, str)):
        print(f"ldpub sitemap: warning: {note}", file=sys.stderr)
    try:
        sitemap = news_sitemap([f for f in found if not isinstance(f, str)], now=now)
    except ValueError as exc:
        raise InputError(f"{exc}: no sitemap written (a news sitemap lists at least one article)") from None
    for note in sitemap.notes:
        print(f"ldpub sitemap: warning: {note}", file=sys.stderr)
    _write(args, sitemap.xml)
    print(f"ldpub sitemap: {sitemap.count} article{'' if sitemap.count == 1 else 's'} listed", file=sys.stderr)
    return 0


def run_feed(args: argparse.Namespace) -> int:
    import orjson

    from ldpub.feed import claim_review_feed
    from ldpub.pipeline import build

    now, settings = _now(args), _settings(args)
    graphs, bases = [], []
    for path in _record_files(args.records):
        article = build(path, settings=settings)
        graphs.append(article.jsonld)
        bases.append((article.entity_prefix or "").removesuffix("entity/"))
    if args.url is None and not bases:
        raise UsageError("no article records found")
    feed_id = args.url or f"{bases[0]}claim-reviews"
    try:
        document = claim_review_feed(graphs, feed_id=feed_id, now=now, name=args.name)
    except ValueError as exc:
        raise InputError(f"{exc}: no feed written") from None
    _write(args, orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    count = len(document["@graph"][0]["dataFeedElement"])
    print(f"ldpub feed: {count} claim review{'' if count == 1 else 's'}", file=sys.stderr)
    return 0
