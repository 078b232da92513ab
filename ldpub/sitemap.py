"""A Google News sitemap: the articles of the last 48 hours, from records or from the archive.

Google News reads a sitemap of the articles a site published in the last two days: each URL
with its publication (name and language), publication date and title, at most 1,000 of them
(``<urlset>`` of the sitemaps.org protocol with the ``news:`` extension). :func:`news_sitemap`
writes one from :class:`NewsItem` values; :func:`items_from_records` and
:func:`items_from_archive` make them. A URL is written as a URI (a non-ASCII host in IDNA, the
rest percent-encoded in UTF-8), as the sitemaps protocol asks; the XML is escaped by lxml.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import lxml.etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 1000  # Google News reads at most this many news:news entries per sitemap
WINDOW = timedelta(hours=48)


@dataclass(frozen=True, slots=True)
class NewsItem:
    """One article as a news sitemap lists it."""

    url: str
    title: str
    published: datetime  # with its zone
    publication: str  # the publication's name, as Google News knows it
    language: str  # BCP 47 (en, en-GB, zh-Hant…); written as Google asks (en, zh-cn)


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A news sitemap's XML, and what was left out of it and why."""

    xml: bytes
    count: int
    notes: tuple[str, ...] = ()


def news_sitemap(items: Iterable[NewsItem], *, now: datetime, window: timedelta = WINDOW) -> Sitemap:
    """The news sitemap of the items published in ``window`` (48 hours) up to ``now`` (with a zone),
    newest first, at most 1,000. Raises :class:`ValueError` when none is (a sitemap needs one URL)."""
    since = now - window
    recent = [item for item in items if since <= item.published <= now]
    recent.sort(key=lambda item: (item.published, item.url), reverse=True)
    notes = []
    if len(recent) > MAX_URLS:
        notes.append(f"{len(recent) - MAX_URLS} older articles left out: a news sitemap lists at most {MAX_URLS}")
        recent = recent[:MAX_URLS]
    if not recent:
        raise ValueError(f"no article was published between {since.isoformat()} and {now.isoformat()}")
    urlset = lxml.etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for item in recent:
        url = lxml.etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        lxml.etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = iri_to_uri(item.url)
        news = lxml.etree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = lxml.etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        lxml.etree.SubElement(publication, f"{{{NEWS_NS}}}name").text = item.publication
        lxml.etree.SubElement(publication, f"{{{NEWS_NS}}}language").text = news_language(item.language)
        lxml.etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = item.published.isoformat()
        lxml.etree.SubElement(news, f"{{{NEWS_NS}}}title").text = item.title
    xml = lxml.etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Sitemap(xml, len(recent), tuple(notes))


def news_language(tag: str) -> str:
    """A BCP 47 tag as Google News asks: the ISO 639 code (``en-GB`` → ``en``), except Chinese,
    written ``zh-cn`` (Simplified) or ``zh-tw`` (Traditional)."""
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        traditional = {"hant", "tw", "hk", "mo"}
        return "zh-tw" if traditional.intersection(parts[1:]) else "zh-cn"
    return parts[0]


def iri_to_uri(iri: str) -> str:
    """An IRI as a URI (RFC 3987 §3.1): the host in IDNA, other non-ASCII percent-encoded as UTF-8."""
    try:
        parts = urlsplit(iri)
        host = parts.hostname or ""
    except ValueError:  # a bracketed host that is no IP address: percent-encode what needs it, no more
        return quote(iri, safe="/:@!$&'()*+,;=%-._~?#[]")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        ascii_host = quote(host, safe="")
    netloc = ascii_host
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username:
        netloc = f"{quote(parts.username, safe='%')}@{netloc}"
    safe = "/:@!$&'()*+,;=%-._~"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            quote(parts.fragment, safe=safe + "?"),
        )
    )


def items_from_records(
    records: Iterable[tuple[str, Mapping[str, Any]]], *, language: str | None = None, publication: str | None = None
) -> Iterator[NewsItem | str]:
    """A :class:`NewsItem` for each ``(source, record)``, or a note saying why it cannot be one
    (no date, no language or no publisher, here or in ``language``/``publication``)."""
    for source, record in records:
        published = record.get("published")
        lang = record.get("language") or record.get("site", {}).get("language") or language
        name = record.get("publisher", {}).get("name") or publication
        missing = [what for what, value in (("date", published), ("language", lang), ("publisher", name)) if not value]
        if missing:
            yield f"{source}: not in the news sitemap: no {' or '.join(missing)}"
            continue
        yield NewsItem(
            str(record["url"]), str(record["headline"]), datetime.fromisoformat(str(published)), str(name), str(lang)
        )


_ARCHIVE_QUERY = """PREFIX schema: <http://schema.org/>
SELECT ?url ?headline ?published ?language ?publication WHERE {
  GRAPH ?page {
    ?article schema:mainEntityOfPage ?page ; schema:headline ?headline ; schema:datePublished ?published .
    OPTIONAL { ?article schema:inLanguage ?language }
    OPTIONAL { ?article schema:publisher ?publisher }
  }
  OPTIONAL { GRAPH ?any { ?publisher schema:name ?publication } }
  BIND(STR(?page) AS ?url)
  FILTER(STR(?published) >= "SINCE")
}"""


def items_from_archive(
    store: Any, *, now: datetime, language: str | None = None, publication: str | None = None
) -> Iterator[NewsItem | str]:
    """The archive's articles of the window before ``now`` (a day's margin: their zones differ;
    :func:`news_sitemap` keeps the exact window), as :func:`items_from_records` gives them."""
    since = (now - WINDOW - timedelta(days=1)).date().isoformat()  # a date ldpub writes, no user text
    rows = store.query(_ARCHIVE_QUERY.replace("SINCE", since)).values()
    records: dict[str, dict[str, Any]] = {}
    for row in rows:
        record = records.setdefault(row["url"], {"url": row["url"], "headline": row["headline"]})
        record["published"] = row["published"]
        for key, column in (("language", "language"), ("publisher", "publication")):
            if row.get(column):
                record[key] = row[column] if key == "language" else {"name": row[column]}
    for url, record in sorted(records.items()):
        try:
            datetime.fromisoformat(record["published"])
        except ValueError:
            yield f"{url}: not in the news sitemap: its date {record['published']!r} is not ISO 8601"
            continue
        yield from items_from_records([(url, record)], language=language, publication=publication)
