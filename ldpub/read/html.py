"""A published article page → an article record (``schemas/article-record.schema.json``).

Each field is taken from the best evidence the page has, in this order: the page's JSON-LD
article node, its microdata or RDFa, OpenGraph / ``article:*`` / other meta tags, then the markup
(``<link rel=canonical>``, ``<html lang>``, ``<h1>``, ``<title>``). The body comes from
:mod:`ldpub.read.html_body`. Anything the page does not say is left out with a warning,
never invented: a date without a time zone is completed only with the newsroom's time zone
(:mod:`ldpub.newsroom`), and every value read rather than stated (a zone applied, a URL
from a template, a date from a ``<time>`` element or the URL path) is a warning and is named
in the record's ``inferred``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import lxml.etree
import lxml.html

from ldpub.entities.authority import slug
from ldpub.errors import InputError, Location, TooLargeError
from ldpub.extras import POLICIES
from ldpub.language.annotate import candidate_message, link_record
from ldpub.newsroom import Defaults, Settings, given_datetime, template_url
from ldpub.read.consistent import keep_consistent
from ldpub.read.html_body import extract_body
from ldpub.read.html_dates import Choice, choose, url_dates
from ldpub.read.html_evidence import Evidence, Node, article_nodes, read_evidence, squash, walk
from ldpub.read.html_graph import GraphReader
from ldpub.read.result import ExtractResult, ExtractWarning
from ldpub.read.safe_html import MAX_PAGE_BYTES, decode_page, parse_html, read_page
from ldpub.read.text_layout import without_footers
from ldpub.record import HTTP_URL, field_pattern

RECORD_TYPES = frozenset(
    {
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "Article",
        "BlogPosting",
        "LiveBlogPosting",
        "DiscussionForumPosting",
    }
)
# "By …", "Analysis by …", "Text: …" before a name.
_BYLINE = re.compile(
    r"^\s*(?:(?:[^\W\d_]+\s+)?(?:by|von|par|por|di|door)\s+|[^\W\d_]{2,12}:\s+)",
    re.IGNORECASE,
)
_ROLE = re.compile(r"\b(?:writer|editor|correspondent|reporter|columnist|contributor)s?\b", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s+(?:and|&)\s+|\s*[;|]\s*|,\s+")
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014]{2,60}$")

_NOT_IN_IRI = re.compile(r'[ <>"{}|\\^`]')  # spaces and what an N-Quads IRI may not hold

# With no article metadata either, less text than this is navigation, not an article.
MIN_ARTICLE_WORDS = 50

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
# Other meta tags naming a publication date ("pub_date", "sn-post-date", "og:pubdate"…).
_PUBLISHED_NAME = re.compile(r"(?:publish|pub|post|issued).*(?:date|time)|date.*(?:publish|issued)")
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|copyright")
# Elements whose text is the publication date by their class ("article-publish-date", "byline-date").
_DATE_CLASS = "contains(translate(@class, 'DATE', 'date'), 'date') or contains(@class, 'publish')"


def extract_html(
    page: str | bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    published: str | None = None,
    settings: Settings | None = None,
    default_url: str | Callable[[], str | None] | None = None,
    authority: Any = None,
    link: bool = True,
    claims: str = "speech",
) -> ExtractResult:
    """Build an article record from an HTML page (its text or bytes).

    ``source`` names the page in messages (a file name); ``url`` is where the page was
    published, used when the page names no canonical URL and to resolve relative links.
    ``published`` (ISO 8601) is the publication date-time, overriding the page's own (a
    warning says when they differ). ``settings`` are the newsroom's defaults (time zone,
    language, publisher); ``default_url`` is the URL its template gives this page (or a
    function giving it, called only when needed), used when the page names none and no ``url``
    is given. The body's people, organisations, places and claims are found as in plain text
    (linked to ``authority``, an :class:`ldpub.entities.Authority`, when given); ``link=False``
    leaves them out; ``claims="all"`` adds beliefs and plans to the claims said or written.
    Returns the record (possibly incomplete) and the warnings about what the page lacks and what
    was inferred.
    Raises :class:`InputError` for input that is not an HTML page at all: empty, binary,
    larger than ``max_bytes``.
    """
    size = len(page)
    if size > max_bytes:
        raise TooLargeError(f"page is larger than the {max_bytes:,}-byte limit", Location(source))
    text = decode_page(page, source=source) if isinstance(page, bytes) else page
    if not text.strip():
        raise InputError("the page is empty", Location(source))
    tree = parse_html(text, source=source)
    reader = _PageReader(tree, source=source, url=url, settings=settings or Settings(), default_url=default_url)
    result = reader.record(published)
    if link and result.record.get("body"):
        _link(result, authority, source, claims)
    return result


def _link(result: ExtractResult, authority: Any, source: str | None, claims: str = "speech") -> None:
    """Entities and claims from the extracted body, beside the bylines the page's metadata gave."""
    record = result.record

    def warn(message: str, field: str | None = None) -> None:
        result.warnings.append(ExtractWarning.at(message, source, field))

    entities: dict[str, Any] = dict(record.get("entities", {}))
    # A wire footer ("Reporting by …; Editing by …") names the article's contributors, not its mentions.
    body, contributors, editors = without_footers(record["body"])
    headline = record.get("headline", "")
    link_record(record, headline, body, authority=authority, entities=entities, warn=warn, claims=claims)
    for field, names in (("contributors", contributors), ("editors", editors)):
        keys = [_person(name, entities, warn) for name in names]
        if keys:
            record[field] = list(dict.fromkeys(keys))
    if entities:
        record["entities"] = entities
    keep_consistent(record, warn)


def _person(name: str, entities: dict[str, Any], warn: Any) -> str:
    """The key of the person ``name`` among ``entities``, added (with a warning) when not there."""
    key = stem = slug(name) or "person"
    n = 2
    while key in entities and entities[key].get("name") != name:
        key, n = f"{stem}-{n}", n + 1
    if key not in entities:
        entities[key] = {"type": "Person", "name": name}
        warn(candidate_message(key, "Person", name, "in the footer"), f"entities/{key}")
    return key


def extract_html_file(
    path: str | Path,
    *,
    url: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    published: str | None = None,
    settings: Settings | None = None,
    root: Path | None = None,
    authority: Any = None,
    link: bool = True,
    claims: str = "speech",
) -> ExtractResult:
    """:func:`extract_html` on a file (read with a size cap, see :func:`read_page`); a URL
    template in ``settings`` is expanded over the file's path relative to ``root`` (default: the
    current folder)."""
    data = read_page(path, max_bytes=max_bytes)
    settings = settings or Settings()
    return extract_html(
        data,
        source=str(path),
        url=url,
        max_bytes=max_bytes,
        published=published,
        settings=settings,
        default_url=lambda: template_url(settings.for_host(None), Path(path), root),
        authority=authority,
        link=link,
        claims=claims,
    )


class _PageReader:
    """Reads one parsed page; each method picks one record field from the evidence."""

    def __init__(
        self,
        tree: lxml.html.HtmlElement,
        *,
        source: str | None,
        url: str | None,
        settings: Settings,
        default_url: str | Callable[[], str | None] | None,
    ):
        self.tree = tree
        self.source = source
        self.given_url = url
        self.settings = settings
        self.defaults: Defaults = settings.for_host(None)  # the page's own site, once its URL is known
        self.default_url = default_url
        self.inferred: dict[str, str] = {}
        self.base_url = url  # relative links resolve against this; the canonical URL once known
        self.evidence: Evidence = read_evidence(tree, base_url=url)
        self.warnings: list[ExtractWarning | str] = [self._warning(w) for w in self.evidence.warnings]
        self.article: Node = self._article(article_nodes(self.evidence.nodes))
        # JSON-LD graphs refer to people, organisations and images by @id: index them.
        self.by_id: dict[str, Node] = {
            str(node["@id"][0]): node for node in walk(self.evidence.nodes) if node.get("@id") and len(node) > 1
        }
        self.graph = GraphReader(
            self.evidence.nodes,
            self.article,
            self.by_id,
            jsonld_count=self.evidence.jsonld_count,
            absolute=self._absolute,
            warn=lambda message, field: self.warnings.append(self._warning(message, field)),
            date=self.date,
        )

    def _article(self, found: list[Node]) -> Node:
        """The page's article node: its JSON-LD one where it has one, completed with what its
        microdata (or RDFa) says and the JSON-LD does not; when the two disagree on the type, the JSON-LD's
        stands, with a warning."""
        count = self.evidence.jsonld_count
        index = {id(n): i for i, n in enumerate(self.evidence.nodes)}
        jsonld = [n for n in found if index.get(id(n), count) < count]
        microdata = [n for n in found if index.get(id(n), count) >= count]
        if not jsonld:
            return microdata[0] if microdata else {}
        article = jsonld[0]
        # The same article described twice (two blocks, two plugins): what the second says and the
        # first does not is the article's too.
        same = [n for n in jsonld[1:] if _same_article(article, n)]
        if same:
            merged = dict(article)
            for other in same:
                for prop, values in other.items():
                    if prop != "@type":
                        merged.setdefault(prop, values)
            self.evidence.nodes[index[id(article)]] = merged
            index[id(merged)] = index[id(article)]
            article = merged
        if microdata:
            other = microdata[0]
            ours, theirs = article.get("@type", []), other.get("@type", [])
            if theirs and set(ours).isdisjoint(theirs):
                self.warnings.append(
                    self._warning(
                        f"the page's JSON-LD says the article is a {'/'.join(map(str, ours))}, "
                        f"its {self.evidence.syntax(other)} a "
                        f"{'/'.join(map(str, theirs))}: the JSON-LD's type is kept",
                        "type",
                    )
                )
            merged = dict(article)
            for prop, values in other.items():
                merged.setdefault(prop, values)
            self.evidence.nodes[index[id(article)]] = merged
            article = merged
        return article

    def _warning(self, message: str, field: str | None = None) -> ExtractWarning:
        return ExtractWarning.at(message, self.source, field)

    def _infer(self, field: str, how: str, value: object) -> None:
        """Keep how a value was inferred (the record's ``inferred``) and say so in a warning."""
        self.inferred[field] = how
        shown = value if isinstance(value, str) else value.get("name") if isinstance(value, dict) else value
        self.warnings.append(self._warning(f"{field} inferred {how}: {shown}", field))

    # -- helpers ---------------------------------------------------------------------------

    def _texts(self, prop: str, node: Node | None = None) -> list[str]:
        """String values of ``prop`` on the article node (or ``node``), names of nested nodes."""
        out = []
        for value in (node if node is not None else self.article).get(prop, []):
            if isinstance(value, dict):
                value = _first(value.get("name", [])) or _first(value.get("@id", []))
            if isinstance(value, str | int | float) and str(value).strip():
                # Many CMSs HTML-escape inside JSON-LD ("&#8216;"): a JSON string needs none.
                out.append(squash(html.unescape(str(value))))
        return out

    def _linked(self, prop: str, node: Node | None = None) -> list[Any]:
        """Values of ``prop`` with references (``{"@id": …}``) replaced by the node they name."""
        values = (node if node is not None else self.article).get(prop, [])
        return [self.by_id.get(v, v) if isinstance(v, str) else v for v in values]

    def _page_level(self, prop: str) -> list[str]:
        """``prop`` from the page's other top-level nodes (a WebPage node carrying the dates).

        Nested nodes are not asked: they are often other stories (related links, lists).
        """
        return [t for node in self.evidence.nodes for t in self._texts(prop, node)]

    def _absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if self.base_url:
            try:
                href = urljoin(self.base_url, href)
            except ValueError:  # not a URL: a bracketed host that is no IP address, a bad port
                return None
        # An IRI keeps its non-ASCII letters; only what an RDF IRI cannot hold is percent-encoded.
        href = _NOT_IN_IRI.sub(lambda m: quote(m.group(), safe=""), href)
        return href if HTTP_URL.match(href) else None

    # -- fields ----------------------------------------------------------------------------

    def record(self, published_given: str | None = None) -> ExtractResult:
        record: dict[str, Any] = {}
        url = self.page_url()
        if url:
            record["url"] = url
        publisher = self.publisher(url)
        kind = self.type()
        if kind:
            record["type"] = kind
        headlines = self.headlines()
        if headlines:
            record["headline"] = _without_site_name(headlines[0], publisher)
        else:
            self.warnings.append(self._warning("the page has no headline", "headline"))
        for name, value in (
            ("alternative_headline", _first(self._texts("alternativeHeadline"))),
            ("description", self.description()),
            ("section", self.section()),
        ):
            if value and value != record.get("headline"):
                record[name] = value
        keywords = self.keywords()
        if keywords:
            record["keywords"] = keywords
        language = self.language()
        if language is None and self.defaults.language:
            language = self.defaults.language
            self._infer("language", f"from {self.defaults.label('language')}", language)
        if language:
            record["language"] = language
        published = self.published(published_given, url)
        if published:
            record["published"] = published
        modified = self.date("modified", self._date_candidates(["dateModified"], MODIFIED_META))
        if modified:
            record["modified"] = modified
        if publisher:
            record["publisher"] = publisher
        entities, authors = self.authors(publisher)
        if authors:
            record["authors"] = authors
        images = self.images()
        if images:
            record["images"] = images
        body = self.body(headlines)
        if body:
            record["body"] = body
        if entities:
            record["entities"] = entities
        self.page_graph(record, url)
        if self.inferred:
            record["inferred"] = self.inferred
        return ExtractResult(record, self.warnings)

    def page_url(self) -> str | None:
        """The page's URL (:meth:`url`, else the newsroom's template, said so), and the newsroom's
        settings for its host; a warning when there is none."""
        url = self.url()
        if url is None and self.default_url:
            url = self.default_url() if callable(self.default_url) else self.default_url
            if url:
                self._infer("url", f"from {self.defaults.label('url_template')}", url)
        if url:
            self.base_url = url
            self.defaults = self.settings.for_host(urlsplit(url).hostname)
        else:
            self.warnings.append(
                self._warning("the page gives no canonical URL (pass one with --url or --url-template)", "url")
            )
        return url

    def body(self, headlines: list[str]) -> str | None:
        """The article's text, unless the page shows no article (said in a warning)."""
        body = extract_body(self.tree, titles=headlines, fallback=self.json_body())
        words = len(body.split())
        if not self.article and "article" not in self.evidence.all_meta("og:type") and (words < MIN_ARTICLE_WORDS):
            self.warnings.append(
                self._warning(
                    f"no article found on the page: no article metadata and {words} words of text; body left out",
                    "body",
                )
            )
            return None
        if not body:
            self.warnings.append(self._warning("no article body found on the page", "body"))
        return body or None

    def url(self) -> str | None:
        """The page's URL: ``--url`` (the user's own statement, like ``--published``: it overrides
        the page's, with a warning when they differ), else as the page states it, else as read from
        its markup (inferred)."""
        stated = [
            *self.evidence.links.get("canonical", []),
            *self.evidence.all_meta("og:url"),
            *self._texts("url"),
            *self._texts("mainEntityOfPage"),
        ]
        url = _first(u for u in map(self._absolute, stated) if u)
        if url and "#" in url:  # "#comment-949890": a place in the page; the page is the URL before it
            url = url.split("#", 1)[0]
        given = self._absolute(self.given_url)
        if given and "#" in given:
            self.warnings.append(
                self._warning(f"--url {given} names a place in the page: the page is {given.split('#')[0]}", "url")
            )
            given = given.split("#", 1)[0]
        if url and given and url != given:
            self.warnings.append(self._warning(f"the page names its URL {url}; --url {given} overrides it", "url"))
        if url or given:
            return given or url
        for candidate, source in self._url_evidence():
            absolute = self._absolute(candidate)
            if absolute:
                self._infer("url", f"from {source}", absolute)
                return absolute
        return None

    def _url_evidence(self) -> list[tuple[str, str]]:
        """URLs the page gives without stating them as its own: its JSON-LD @id, its alternate
        for its own language, its ``<base href>`` (unless that is only the site's root)."""
        out = [
            (str(i).split("#")[0], f"the {self.evidence.syntax(self.article)} @id") for i in self.article.get("@id", [])
        ]
        language = (self.language() or "").lower()
        if language:
            for link in self.tree.xpath("//link[@rel='alternate'][@hreflang][@href]"):
                if link.get("hreflang", "").lower() == language:
                    out.append((link.get("href", ""), f"<link rel=alternate hreflang={language}>"))
        for href in self.tree.xpath("//base/@href")[:1]:
            if urlsplit(str(href)).path.strip("/"):
                out.append((str(href), "<base href>"))
        return out

    def type(self) -> str | None:
        for name in self.article.get("@type", []):
            if name in RECORD_TYPES:
                return str(name)
        return "Article" if self.article else None

    def page_graph(self, record: dict[str, Any], url: str | None) -> None:
        """What the page's structured data says beyond the article's own fields: its dates of
        writing, thumbnail, comments, paywall, speakable parts, media, live updates, site, page
        and breadcrumb, the schema.org properties the record has no field for, and other nodes."""
        graph, article = self.graph, self.article
        created = self.date("created", self._date_candidates(["dateCreated"], ()))
        if created:
            record["created"] = created
        thumbnail = graph.url(article, "thumbnailUrl")
        if thumbnail:
            record["thumbnail_url"] = thumbnail
        count = _int(_first(article.get("commentCount", [])))
        if count is not None or _first(article.get("commentCount", [])) in (0, "0"):
            record["comment_count"] = count or 0
        backstory = graph.text(article, "backstory")
        if backstory:
            record["backstory"] = backstory
        free, paywalled = graph.paywall()
        if free is not None and not (free and paywalled):
            record["free"] = free
        if paywalled:
            record["paywalled"] = paywalled
        speakable = graph.speakable(article)
        if speakable:
            record["speakable"] = speakable
        for field, kind, props in (
            ("videos", "VideoObject", ("video", "associatedMedia")),
            ("audio", "AudioObject", ("audio", "associatedMedia")),
        ):
            media = graph.media(kind, props)
            if media:
                record[field] = media
        live = graph.live()
        if live:
            record["live"] = live
        home = (record.get("publisher") or {}).get("url")
        site = graph.site(home)
        if site:
            record["site"] = site
        page = graph.page(url, record)
        if page:
            primary = page.get("primary_image")
            if primary and primary not in [i["url"] for i in record.get("images", [])]:
                record.setdefault("images", []).append({"url": primary})
            record["page"] = page
        if article and record.get("type"):
            kept = {k: v for k, v in article.items() if k != "isPartOf"}
            kept["isPartOf"] = [v for v in graph.linked(article.get("isPartOf", [])) if self._not_page(v)]
            skip = ("associatedMedia", "hasPart", "speakable")
            graph.put_extra(record, kept, "article", record["type"], skip=skip)
        others = graph.other_nodes()
        if others:
            record["other_nodes"] = others

    def _not_page(self, value: Any) -> bool:
        """An ``isPartOf`` that is not the page or site (a paywall's product, a series)."""
        if not isinstance(value, dict):
            return False
        return {"WebSite", *self.graph.page_types}.isdisjoint(self.graph.types(value))

    def headlines(self) -> list[str]:
        """Headline candidates, best first: metadata, then ``<h1>``, then ``<title>``."""
        candidates = [
            *self._texts("headline"),
            *self._texts("name"),
            *self.evidence.all_meta("og:title", "twitter:title"),
            *(squash(h.text_content()) for h in self.tree.xpath("//h1")[:2]),
        ]
        for title in self.tree.xpath("//title")[:1]:
            full = squash(title.text_content())
            candidates += [_TITLE_SUFFIX.sub("", full), full]
        return list(dict.fromkeys(c for c in candidates if c))

    def description(self) -> str | None:
        return _first(self._texts("description")) or self.evidence.first_meta(
            "og:description", "description", "twitter:description"
        )

    def section(self) -> str | None:
        candidates = [
            *self._texts("articleSection"),
            *self.evidence.all_meta("article:section", "section", "parsely-section", "category"),
        ]
        # A path or URL is where the section lives, not its name.
        section: str | None = _first(c for c in candidates if not c.startswith(("/", "http:", "https:")))
        return section

    def keywords(self) -> list[str]:
        raw = self._texts("keywords") or self.evidence.all_meta(
            "news_keywords", "keywords", "article:tag", "parsely-tags"
        )
        words = (squash(w) for value in raw for w in value.split(","))
        unique: dict[str, str] = {}
        for word in words:
            if word:
                unique.setdefault(word.casefold(), word)
        return list(unique.values())

    def language(self) -> str | None:
        candidates = [
            *self._texts("inLanguage"),
            self.tree.get("lang") or self.tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
            *self.evidence.all_meta("og:locale", "content-language", "language"),
        ]
        for candidate in candidates:
            tag = (candidate or "").strip().replace("_", "-")
            if field_pattern("language").match(tag):
                return tag
        return None

    def published(self, given: str | None, url: str | None) -> str | None:
        """The publication date: ``given`` (``--published``) if any, else the page's best evidence."""
        candidates = self._date_candidates(["datePublished", "dateCreated"], PUBLISHED_META)
        candidates += [(v, "<time datetime>") for v in self._time_elements()]
        candidates += self._marked_dates()
        candidates += url_dates(url)
        if given is None:
            return self.date("published", candidates)
        value, how, problem = given_datetime(given, self.defaults)
        if problem:
            self.warnings.append(self._warning(f"{problem}; the page's own date is used", "published"))
            return self.date("published", candidates)
        page = choose(candidates, self.defaults.timezone, self.defaults.label("timezone")).value
        if page and value and datetime.fromisoformat(page) != datetime.fromisoformat(value):
            self.warnings.append(
                self._warning(
                    f"the page gives the published date as {page}; --published {given} overrides it", "published"
                )
            )
        if how:
            self._infer("published", how, value)
        return value

    def _date_candidates(self, props: list[str], meta: Iterable[str]) -> list[tuple[str, str]]:
        """Dates the page states, best first: its article node, its other nodes, its meta tags."""
        out = []
        syntax = self.evidence.syntax(self.article)
        for prop in props:
            out += [(v, f"{syntax} {prop}") for v in self._texts(prop)]
        for prop in props:
            for node in self.evidence.nodes:
                out += [(v, f"{self.evidence.syntax(node)} {prop}") for v in self._texts(prop, node)]
        names = list(meta)
        if "article:published_time" in names:  # other meta tags named for the publication date
            names += [n for n in self.evidence.meta if _PUBLISHED_NAME.search(n) and not _NOT_PUBLISHED.search(n)]
        for name in dict.fromkeys(names):
            out += [(v, f"meta {name}") for v in self.evidence.all_meta(name)]
        return out

    def date(self, field: str, candidates: list[tuple[str, str]]) -> str | None:
        """The best date among ``candidates``; a zone-less one needs the newsroom's time zone."""
        choice: Choice = choose(candidates, self.defaults.timezone, self.defaults.label("timezone"))
        if choice.value:
            if choice.inferred:
                self._infer(field, choice.inferred, choice.value)
            return choice.value
        if choice.problem:
            hint = "" if self.defaults.timezone else " (pass the newsroom's --timezone, or timezone in --settings)"
            message = choice.problem.replace("{field}", field)
            self.warnings.append(self._warning(f"the page {message}; left out{hint}", field))
        elif field == "published":
            self.warnings.append(self._warning("the page gives no publication date", field))
        return None

    def _marked_dates(self) -> list[tuple[str, str]]:
        """Short texts of elements classed as a date ("article-publish-date"), when they agree:
        a page listing other stories has several dates, and then none of them is trusted."""
        found: dict[str, str] = {}
        for element in self.tree.xpath(f"//body//*[{_DATE_CLASS}]"):
            text = squash(element.text_content())
            if 6 <= len(text) <= 40 and re.search(r"\b(?:19|20)\d{2}\b", text):
                tag, cls = element.tag, squash(element.get("class") or "")
                found.setdefault(text, f'the text of <{tag} class="{cls}">')
        return list(found.items())[:1] if len(found) == 1 else []

    def _time_elements(self) -> list[str]:
        """``<time datetime>`` marked as the publication, else the article's first, else the
        page's only one (a page listing other stories has several: none of them is trusted)."""
        marked = self.tree.xpath(
            "//time[@pubdate or contains(@class, 'publish')]/@datetime | (//article//time[@datetime])[1]/@datetime"
        )
        every = self.tree.xpath("//time/@datetime")
        return [str(v) for v in marked] or ([str(every[0])] if len(every) == 1 else [])

    def publisher(self, url: str | None) -> dict[str, Any] | None:
        node = next((v for v in self._linked("publisher") if isinstance(v, dict)), {})
        name = (
            _first(self._texts("name", node))
            or _first([v for v in self._linked("publisher") if isinstance(v, str)])
            or self.evidence.first_meta("og:site_name", "application-name", "publisher")
        )
        home = self._absolute(_first(self._texts("url", node)))
        if not name and self.defaults.publisher:  # the newsroom's own name, not its host's
            newsroom = dict(self.defaults.publisher)
            self._infer("publisher", f"from {self.defaults.label('publisher')}", newsroom)
            return newsroom
        if not home and url:
            parts = urlsplit(url)
            home = f"{parts.scheme}://{parts.netloc}/"
        if (not name or HTTP_URL.match(name)) and home:
            name = urlsplit(home).hostname
            if name:
                name = name.removeprefix("www.")
        if not (name and home):
            self.warnings.append(self._warning("the page does not say who publishes it", "publisher"))
            return None
        publisher: dict[str, Any] = {"name": name, "url": home}
        if not node:  # the organisation the page describes apart from the article, by its name
            organisations = self.graph.top(["Organization", "NewsMediaOrganization", "Corporation"])
            node = next((n for n in organisations if self.graph.text(n, "name") == name), {})
        self.graph.used.add(id(node))
        logo = _first(self._image_objects(self._linked("logo", node)))
        if logo:
            publisher["logo"] = logo
        same_as = [u for u in map(self._absolute, self._texts("sameAs", node)) if u]
        if same_as:
            publisher["same_as"] = list(dict.fromkeys(same_as))
        alternates = [a for a in self._texts("alternateName", node) if a != name]
        if alternates:
            publisher["alternate_names"] = list(dict.fromkeys(alternates))
        policies = {key: url for key, prop in POLICIES.items() if (url := self.graph.url(node, prop))}
        if policies:
            publisher["policies"] = policies
        if node:
            self.graph.put_extra(publisher, node, "publisher", "NewsMediaOrganization")
        return publisher

    def authors(self, publisher: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
        """Bylines as entities keyed by a slug of their name (the publisher as ``publisher``)."""
        people: list[tuple[str, Node]] = []
        # With no article node, the page's own node (a WebPage with its author) says who wrote it.
        source = self.article or next(iter(self.graph.top(self.graph.page_types)), {})
        for value in self._linked("author", source) + self._linked("creator", source):
            if isinstance(value, dict):
                name = _first(self._texts("name", value))
                if name:
                    people += [(n, value) for n in _split_names(name)]
            elif isinstance(value, str) and not HTTP_URL.match(value.strip()):
                people += [(n, {}) for n in _split_names(value)]
        if not people:
            names = self.evidence.all_meta("author", "article:author", "parsely-author", "dc.creator")
            people = [(n, {}) for v in names if not HTTP_URL.match(v) for n in _split_names(v)]
        publisher_name = (publisher or {}).get("name", "").casefold()
        entities: dict[str, Any] = {}
        keys: list[str] = []
        unique: dict[str, tuple[str, Node]] = {}
        for name, node in people:
            unique.setdefault(name.casefold(), (name, node))
        for name, node in unique.values():
            if name.casefold() == publisher_name:
                keys.append("publisher")
                continue
            types = node.get("@type", [])
            entity: dict[str, Any] = {
                "type": "Organization" if "Organization" in types else "Person",
                "name": name,
            }
            page = self._absolute(_first(self._texts("url", node)))
            if page:
                entity["url"] = page
            same_as = [u for u in map(self._absolute, self._texts("sameAs", node)) if u]
            if same_as:
                entity["same_as"] = list(dict.fromkeys(same_as))
            job = _first(self._texts("jobTitle", node))
            if job:
                entity["job_title"] = job
            if node:
                self._describe(entity, node)
            key = slug(name) or f"author-{len(keys) + 1}"
            if key in entities and entities[key]["name"] != name:
                key = f"{key}-{len(keys) + 1}"
            entities.setdefault(key, entity)
            keys.append(key)
        return entities, list(dict.fromkeys(keys))

    def _describe(self, entity: dict[str, Any], node: Node) -> None:
        """A byline's description, portrait or logo, and the schema.org properties it has no field for."""
        self.graph.used.add(id(node))
        description = self.graph.text(node, "description")
        if description:
            entity["description"] = description
        for field in ("image", "logo") if entity["type"] == "Organization" else ("image",):
            found = self.graph.url(node, field)
            if found:
                entity[field] = found
        described = _first(self._image_objects([v for v in self._linked("image", node) if isinstance(v, dict)]))
        if described and len(described) > 1:  # a portrait with its caption or size
            entity["image"] = described
        self.graph.put_extra(entity, node, "entity", entity["type"])

    def images(self) -> list[dict[str, Any]]:
        images = self._image_objects(self._linked("image"))
        if not images:
            width = _int(self.evidence.first_meta("og:image:width"))
            height = _int(self.evidence.first_meta("og:image:height"))
            alt = self.evidence.first_meta("og:image:alt", "twitter:image:alt")
            for index, src in enumerate(
                self.evidence.all_meta("og:image", "og:image:url", "og:image:secure_url")
                or self.evidence.all_meta("twitter:image", "twitter:image:src")
            ):
                absolute = self._absolute(src)
                if absolute:
                    image: dict[str, Any] = {"url": absolute}
                    if index == 0:  # og:image:width/height/alt describe the first image
                        image |= {k: v for k, v in (("width", width), ("height", height)) if v}
                        if alt:
                            image["caption"] = alt
                    images.append(image)
        unique: dict[str, dict[str, Any]] = {}
        for image in images:
            unique.setdefault(image["url"], image)
        return list(unique.values())

    def _image_objects(self, values: list[Any]) -> list[dict[str, Any]]:
        out = []
        for value in values:
            if isinstance(value, str):
                absolute = self._absolute(value)
                if absolute:
                    out.append({"url": absolute})
            elif isinstance(value, dict):
                src = self._absolute(_first(self._texts("url", value)) or _first(self._texts("contentUrl", value)))
                if not src:
                    continue
                image: dict[str, Any] = {"url": src}
                for name, prop in (("caption", "caption"), ("credit", "creditText")):
                    text = _first(self._texts(prop, value))
                    if text:
                        image[name] = text
                for name in ("width", "height"):
                    size = _int(_first(self._texts(name, value)))
                    if size:
                        image[name] = size
                for name, prop in (("license", "license"), ("acquire_license_page", "acquireLicensePage")):
                    link = self.graph.url(value, prop)
                    if link:
                        image[name] = link
                notice = self.graph.text(value, "copyrightNotice")
                if notice:
                    image["copyright_notice"] = notice
                self.graph.used.add(id(value))
                self.graph.put_extra(image, value, "image", "ImageObject", skip=("creator",))
                out.append(image)
        return out

    def json_body(self) -> str | None:
        """The JSON-LD ``articleBody`` as text (some publishers put HTML in it)."""
        body = _first(self.article.get("articleBody", []))
        if not isinstance(body, str) or not body.strip():
            return None
        if "<" in body:
            try:
                fragment = lxml.html.fragment_fromstring(body, create_parent="div")
                body = "\n".join(squash(p.text_content()) for p in fragment.iter("p", "li", "h2", "h3")) or squash(
                    fragment.text_content()
                )
            except (ValueError, lxml.etree.ParserError):
                return None
        return body.strip() or None


def _same_article(one: Node, other: Node) -> bool:
    """Two article nodes of a page that describe one article: the same headline, or the same URL."""

    def keys(node: Node) -> set[str]:
        values = [*node.get("headline", []), *node.get("url", []), *node.get("mainEntityOfPage", [])]
        return {squash(str(v)).casefold() for v in values if isinstance(v, str) and v.strip()}

    return not keys(one).isdisjoint(keys(other))


def _without_site_name(headline: str, publisher: dict[str, Any] | None) -> str:
    """Drop a title suffix that is the site name: "Headline | TheHill" → "Headline"."""
    match = _TITLE_SUFFIX.search(headline)
    if match and publisher:
        suffix = slug(match.group(0).lstrip(" |\u2013\u2014-")).replace("-", "")
        host = (urlsplit(publisher["url"]).hostname or "").removeprefix("www.").split(".")[0]
        if suffix and suffix in (slug(publisher["name"]).replace("-", ""), host):
            return headline[: match.start()].strip()
    return headline


def _split_names(value: str) -> list[str]:
    """People in a byline: "By MEG KINNARD and ERRIN HAINES, AP Writer" → two names."""
    value = _BYLINE.sub("", squash(value))
    parts = [p.strip() for p in _NAME_SPLIT.split(value) if p.strip()]
    # "Doe, Jane" is one name: only split when every part looks like a full name.
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        names = [p for p in parts if not _ROLE.search(p)] or parts
    else:
        names = [value] if value else []
    return [n.title() if n.isupper() else n for n in names]


def _first(values: Iterable[Any]) -> Any:
    return next(iter(values), None)


def _int(value: object) -> int | None:
    try:
        number = int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None
