"""Article files → article graphs: each article's own triples, and the shared entities apart.

An article's graph is named by its page URL. Its own nodes are the page, ``{url}#…`` nodes
(article, claims, reviews, images…) and blank nodes; every other subject (people,
organisations and places under ``{base}entity/``, the publisher ``{base}#organization`` and
its logo, an entity's own ``id``) is shared across articles and goes into one entities graph,
where the same triple from many articles is stored once.

Inputs: records (``.yaml``, ``.yml``, ``.json``, built on the fly), built articles (``.jsonld``,
``.ttl``, ``.nt``), and N-Quads (``.nq``): a file without graph names is one article; with
graph names, every run of quads in one named graph is an article (graph = its URL) and quads
in :data:`ENTITIES_GRAPH` are its shared part — which is what :meth:`ArticleGraph.nquads`
writes, so an archive exported this way streams back in without holding it in memory.

Built JSON-LD and records take the fast way: the JSON-LD reader's N-Quads lines are split into
the article's and the shared ones as text, each given its graph, and the store's bulk path
parses that text itself (no pyoxigraph term objects in Python); text that is not the reader's
plain ``S P O .`` lines goes the general way. Either way, dates are typed as the archive stores
them (:mod:`ldpub.archive.dates`), and blank nodes are made distinct per article.
"""

from __future__ import annotations

import itertools
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ldpub.archive.dates import DATE_TYPES, archive_term, typed_date
from ldpub.errors import InputError, Location
from ldpub.inputs import LOAD, Kind, files_in, suffixes

ENTITIES_GRAPH = "urn:ldpub:entities"
RECORD_SUFFIXES = tuple(sorted(suffixes(Kind.RECORD, Kind.JSON), reverse=True))  # .yml, .yaml, .json
RDF_SUFFIXES = {".jsonld": "jsonld", ".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads"}
SUFFIXES = (*RECORD_SUFFIXES, *RDF_SUFFIXES)  # the same as ldpub.inputs.LOAD takes (a test says so)

_SCHEMAS = ("http://schema.org/", "https://schema.org/")
_MAIN_ENTITY_OF_PAGE = {ox.NamedNode(s + "mainEntityOfPage") for s in _SCHEMAS}
_WEB_PAGE = {ox.NamedNode(s + "WebPage") for s in _SCHEMAS}
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ENTITIES = ox.NamedNode(ENTITIES_GRAPH)


class ArticleGraph:
    """One article ready to load: its URL (= graph name) and its quads (own graph + entities graph),
    held as pyoxigraph quads or as the N-Quads text of them (:meth:`from_nquads`)."""

    __slots__ = ("_count", "_quads", "_text", "source", "url")

    def __init__(self, url: str, quads: Sequence[Any], source: str | None = None) -> None:
        self.url = url
        self._quads: Sequence[Any] | None = quads  # pyoxigraph Quads: kept internal, see nquads()
        self._text: str | None = None
        self._count = len(quads)
        self.source = source

    @classmethod
    def from_nquads(cls, url: str, text: str, count: int, source: str | None = None) -> ArticleGraph:
        """An article held as archive N-Quads text (``count`` lines, each quad in its graph; blank
        node labels its own): parsed only if its quads are asked for."""
        article = cls(url, (), source)
        article._quads, article._text, article._count = None, text, count
        return article

    @classmethod
    def from_triples(
        cls, url: str, own: Iterable[Any], shared: Iterable[Any], source: str | None = None
    ) -> ArticleGraph:
        graph = ox.NamedNode(url)
        quads = [ox.Quad(t.subject, t.predicate, archive_term(t.object, t.predicate), graph) for t in own]
        quads += [ox.Quad(t.subject, t.predicate, archive_term(t.object, t.predicate), _ENTITIES) for t in shared]
        return cls(url, quads, source)

    def __repr__(self) -> str:
        return f"ArticleGraph({self.url!r}, {self._count} quads)"

    @property
    def quad_count(self) -> int:
        return self._count

    @property
    def has_text(self) -> bool:
        """Whether the article is held as N-Quads text (a store's bulk path can take it as it is)."""
        return self._text is not None

    def quads(self) -> Sequence[Any]:
        if self._quads is None:
            self._quads = list(ox.parse(self._text or "", format=ox.RdfFormat.N_QUADS))
        return self._quads

    @property
    def own(self) -> list[Any]:
        """The article's own triples (its graph)."""
        return [q.triple for q in self.quads() if q.graph_name != _ENTITIES]

    @property
    def shared(self) -> list[Any]:
        """Its triples about shared entities (for the entities graph)."""
        return [q.triple for q in self.quads() if q.graph_name == _ENTITIES]

    def nquads(self) -> str:
        """The article as N-Quads: own triples in graph ``<url>``, shared ones in the entities graph."""
        if self._text is not None:
            return self._text
        out = ox.serialize(self.quads(), format=ox.RdfFormat.N_QUADS)
        assert out is not None
        return out.decode("utf-8")


def split_article(triples: Iterable[Any], *, source: str | None = None) -> ArticleGraph:
    """Find the article's page URL among ``triples`` and split them into own and shared."""
    triples = list(triples)
    pages = {t.object for t in triples if t.predicate in _MAIN_ENTITY_OF_PAGE and isinstance(t.object, ox.NamedNode)}
    if not pages:
        pages = {t.subject for t in triples if t.predicate == _RDF_TYPE and t.object in _WEB_PAGE}
    where = Location(source)
    if not pages:
        raise InputError("no article found (no schema:mainEntityOfPage or schema:WebPage node)", where)
    if len(pages) > 1:
        urls = ", ".join(sorted(p.value for p in pages))
        raise InputError(f"several articles in one document ({urls}); give each its own file or named graph", where)
    url = next(iter(pages)).value
    own: list[Any] = []
    shared: list[Any] = []
    for t in triples:
        (own if _is_own(t.subject, url) else shared).append(t)
    return ArticleGraph.from_triples(url, own, shared, source)


def _is_own(subject: Any, url: str) -> bool:
    if not isinstance(subject, ox.NamedNode):
        return True  # blank nodes (and quoted triples) belong to the document that made them
    value: str = subject.value
    return value == url or (value.startswith(url) and value[len(url)] == "#")


def read_articles(path: str | Path) -> Iterator[ArticleGraph]:
    """The articles in one file, by its suffix. Raises InputError (naming the file) if malformed.

    A single-article file is read whole before anything is yielded; a multi-article N-Quads
    file is streamed, so an error part-way comes after the articles before it.
    """
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        yield _from_record(path)
    elif suffix == ".jsonld":
        yield _from_jsonld(path)
    elif suffix == ".nq":
        yield from _from_nquads(path)
    elif suffix in RDF_SUFFIXES:
        yield split_article(_parse_single(path, RDF_SUFFIXES[suffix]), source=name)
    else:
        raise InputError(
            f"unknown file type {suffix or '(none)'}; expected one of {', '.join(SUFFIXES)}", Location(name)
        )


def _from_record(path: Path) -> ArticleGraph:
    from ldpub.pipeline import build  # the spine; imported late to keep the store light
    from ldpub.rdf import flat_graph_nquads

    article = build(path)
    lines = flat_graph_nquads(article.jsonld)
    fast = _article_text(lines, str(path)) if lines is not None else None
    return fast or _from_article_nquads(article.nquads(), str(path))


def _from_jsonld(path: Path) -> ArticleGraph:
    """A built article: ldpub's own shape by text (:func:`_article_text`), any other JSON-LD by the
    general reader and parser."""
    from ldpub.limits import parse_json
    from ldpub.rdf import flat_graph_nquads, jsonld_to_nquads

    name = str(path)
    doc = parse_json(path.read_bytes(), file=name)
    try:
        lines = flat_graph_nquads(doc)
        fast = _article_text(lines, name) if lines is not None else None
        return fast or _from_article_nquads(lines if lines is not None else jsonld_to_nquads(doc), name)
    except InputError as exc:
        raise InputError(exc.message, exc.location.with_file(name)) from None


def _from_article_nquads(text: str, source: str) -> ArticleGraph:
    triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=True)]
    return split_article(triples, source=source)


_SCHEMA_TERM = r"<https?://schema\.org/"
_WEB_PAGE_LINE = re.compile(rf"^(\S+) <{re.escape(_RDF_TYPE.value)}> {_SCHEMA_TERM}WebPage> \.$", re.M)
_COMMON_DATE = '"^^<http://schema.org/Date>'  # the datatype schema.org's context gives dates
_OTHER_DATES = re.compile("|".join(re.escape(f'"^^<{t}>') for t in sorted(DATE_TYPES) if f'"^^<{t}>' != _COMMON_DATE))
_BLANK_SUBJECT = re.compile(r"^_:", re.M)
_BLANK_OBJECT = re.compile(r" _:(?=[A-Za-z0-9_.-]+ \.$)", re.M)
_ENTITIES_TAIL = f" <{ENTITIES_GRAPH}> .\n"
_BLANK_RUN = secrets.token_hex(6)  # blank node labels of this process: distinct from any other's
_BLANK_COUNT = itertools.count()


def _pages(text: str) -> set[str]:
    """The ``<IRI>`` objects of the lines' ``schema:mainEntityOfPage`` (else the subjects typed
    ``schema:WebPage``). A line ends at the first " .\\n" after its object; text in a literal has no
    newline, so a predicate written inside a literal is followed by no such end."""
    pages = set()
    for marker in ("<http://schema.org/mainEntityOfPage> <", "<https://schema.org/mainEntityOfPage> <"):
        at = text.find(marker)
        while at != -1:
            start = at + len(marker) - 1
            end = text.find(">", start)
            if text.startswith(" .\n", end + 1) and text[at - 1 : at] == " ":
                pages.add(text[start : end + 1])
            at = text.find(marker, end)
    return pages or set(_WEB_PAGE_LINE.findall(text))


def _typed_dates(text: str) -> str:
    """``text`` with each date literal typed as the archive stores it (:mod:`ldpub.archive.dates`).

    Found by its datatype (``"^^<http://schema.org/Date>``…), split out by C string methods; a
    marker inside a literal (its quote escaped), or a literal whose opening quote does not follow
    the predicate's space, is left as it is."""
    markers = [_COMMON_DATE] if _COMMON_DATE in text else []
    markers += sorted({match.group(0) for match in _OTHER_DATES.finditer(text)})
    for marker in markers:
        pieces = text.split(marker)
        out = []
        for piece in pieces[:-1]:
            escaped = piece[-1:] == "\\" and (len(piece) - len(piece.rstrip("\\"))) % 2 == 1
            opening = piece.rfind('"')
            real = not escaped and piece[opening - 1 : opening] == " "
            typed = typed_date(piece[opening + 1 :]) if real else None
            out.append(f'{piece[: opening + 1]}{typed[0]}"^^<{typed[1]}>' if typed else piece + marker)
        out.append(pieces[-1])
        text = "".join(out)
    return text


def _article_text(text: str, source: str) -> ArticleGraph | None:
    """The article in archive N-Quads text (its own lines in its graph, the rest in the entities
    graph, dates typed, blank node labels its own), made from :func:`ldpub.rdf.flat_graph_nquads`'
    lines by C-level string work (dates there are always typed literals); None when ``text`` is
    not one article (the caller then parses it and says what is wrong)."""
    pages = _pages(text)
    if len(pages) != 1:
        return None
    page = pages.pop()
    if page[:1] != "<":
        return None
    text = _typed_dates(text)
    if "_:" in text:  # labels of this article's own in the batch (and in the store)
        label = f"_:l{_BLANK_RUN}a{next(_BLANK_COUNT)}x"
        text = _BLANK_OBJECT.sub(" " + label, _BLANK_SUBJECT.sub(label, text))
    lines = text.split(" .\n")  # " .\n" ends every line and is nowhere else (a newline in text is "\\n")
    if lines.pop():
        return None  # text after the last line's end: not the reader's lines
    stem = page[:-1]  # "<url": own subjects are <url> and <url#...>, and blank nodes
    n = len(stem)
    own = f" {page} .\n"
    shared = _ENTITIES_TAIL
    out = [
        line + (own if line[:2] == "_:" or (line.startswith(stem) and line[n] in "#>") else shared) for line in lines
    ]
    return ArticleGraph.from_nquads(page[1:-1], "".join(out), len(out), source)


def archive_nquads(article_nquads: str, source: str) -> str:
    """A built article's N-Quads (one graph) in the archive's shape: its own triples in the graph
    named by its URL, the shared ones in the entities graph; what :func:`read_articles` streams back."""
    return _from_article_nquads(article_nquads, source).nquads()


def _parse_single(path: Path, fmt: str) -> list[Any]:
    """The triples of a Turtle or N-Triples file (its blank nodes its own)."""
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    try:
        return [q.triple for q in ox.parse(path.read_bytes(), format=rdf_format, rename_blank_nodes=True)]
    except SyntaxError as exc:
        raise _syntax_error(exc, path, fmt) from None


def _from_nquads(path: Path) -> Iterator[ArticleGraph]:
    """Stream an N-Quads file: one article per run of quads in one named graph."""
    name = str(path)
    default: list[Any] = []
    url: str | None = None
    quads: list[Any] = []
    try:
        with path.open("rb") as stream:
            for quad in ox.parse(stream, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=True):
                graph = quad.graph_name
                obj = quad.object
                typed = archive_term(obj, quad.predicate)
                if typed is not obj:  # a date, typed as the archive stores it
                    quad = ox.Quad(quad.subject, quad.predicate, typed, graph)
                if isinstance(graph, ox.DefaultGraph):
                    default.append(quad.triple)
                elif graph == _ENTITIES:
                    quads.append(quad)
                elif isinstance(graph, ox.NamedNode):
                    if graph.value != url:
                        if url is not None:
                            yield ArticleGraph(url, quads, name)
                            quads = []
                        url = graph.value
                    quads.append(quad)
                else:
                    raise InputError("a blank node as graph name; articles are named by their URL", Location(name))
    except SyntaxError as exc:
        raise _syntax_error(exc, path, "N-Quads") from None
    if url is not None:
        if default:
            raise InputError("mixes triples in the default graph with named article graphs", Location(name))
        yield ArticleGraph(url, quads, name)
    elif default or quads:
        yield split_article(default + [q.triple for q in quads], source=name)
    else:
        raise InputError("no triples", Location(name))


def _syntax_error(exc: SyntaxError, path: Path, fmt: str) -> InputError:
    line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
    message = str(exc.msg if getattr(exc, "msg", None) else exc).splitlines()[0]
    return InputError(f"malformed {fmt}: {message}", Location(str(path), None, line, column))


def find_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files to load: each given file, and every record or built article under each folder (sorted;
    :data:`ldpub.inputs.LOAD`)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(map(Path, files_in(str(p), LOAD)))
        else:
            found.append(p)
    return found
