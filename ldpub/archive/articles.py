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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

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
    """One article ready to load: its URL (= graph name) and its quads (own graph + entities graph)."""

    __slots__ = ("_quads", "source", "url")

    def __init__(self, url: str, quads: Sequence[Any], source: str | None = None) -> None:
        self.url = url
        self._quads = quads  # pyoxigraph Quads: kept internal, see nquads()
        self.source = source

    @classmethod
    def from_triples(
        cls, url: str, own: Iterable[Any], shared: Iterable[Any], source: str | None = None
    ) -> ArticleGraph:
        graph = ox.NamedNode(url)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in own]
        quads += [ox.Quad(t.subject, t.predicate, t.object, _ENTITIES) for t in shared]
        return cls(url, quads, source)

    def __repr__(self) -> str:
        return f"ArticleGraph({self.url!r}, {len(self._quads)} quads)"

    @property
    def quad_count(self) -> int:
        return len(self._quads)

    def quads(self) -> Sequence[Any]:
        return self._quads

    @property
    def own(self) -> list[Any]:
        """The article's own triples (its graph)."""
        return [q.triple for q in self._quads if q.graph_name != _ENTITIES]

    @property
    def shared(self) -> list[Any]:
        """Its triples about shared entities (for the entities graph)."""
        return [q.triple for q in self._quads if q.graph_name == _ENTITIES]

    def nquads(self) -> str:
        """The article as N-Quads: own triples in graph ``<url>``, shared ones in the entities graph."""
        out = ox.serialize(self._quads, format=ox.RdfFormat.N_QUADS)
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

    return _from_article_nquads(build(path).nquads(), str(path))


def _from_article_nquads(text: str, source: str) -> ArticleGraph:
    triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]
    return split_article(triples, source=source)


def archive_nquads(article_nquads: str, source: str) -> str:
    """A built article's N-Quads (one graph) in the archive's shape: its own triples in the graph
    named by its URL, the shared ones in the entities graph; what :func:`read_articles` streams back."""
    return _from_article_nquads(article_nquads, source).nquads()


def _parse_single(path: Path, fmt: str) -> list[Any]:
    from ldpub.rdf import jsonld_to_nquads

    data = path.read_bytes()
    if fmt == "jsonld":
        from ldpub.limits import parse_json

        doc = parse_json(data, file=str(path))
        try:
            text = jsonld_to_nquads(doc)
        except InputError as exc:
            raise InputError(exc.message, exc.location.with_file(str(path))) from None
        return [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    try:
        return [q.triple for q in ox.parse(data, format=rdf_format)]
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
            for quad in ox.parse(stream, format=ox.RdfFormat.N_QUADS):
                graph = quad.graph_name
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
