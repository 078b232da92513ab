"""schema.org RDFa in a page, read into the evidence's node shape (:data:`~ldpub.read.html_evidence.Node`).

RDFa 1.1 is read by pyRdfa3 (RDFLib's RDFa distiller, the one extruct uses) on the page re-parsed by
lxml's HTML parser as extruct's DOM-compatible tree: no network (vocabulary expansion and its cache
off, the page's own bytes only: nothing is fetched for ``vocab``, ``prefix`` or a base), no DTD, no
entities. Only what says something in schema.org's vocabulary is kept (``http`` or ``https``, through
``vocab``, a ``schema:`` prefix or full IRIs); a page's other RDFa (OpenGraph's ``og:`` meta tags,
Drupal's ``sioc:``/``foaf:`` items) is not read, and a page with no schema.org RDFa is never handed to
the distiller at all (it is slow: ~15 ms an article page, ~120 ms a 55 KB page, 0.65 s to import).

Each subject typed in schema.org is a node, with its ``@id`` when it has an IRI; a blank node it
refers to is nested in it, as microdata and JSON-LD nest them; an IRI it refers to stays a string,
which the reader resolves by ``@id``. Nodes that nothing refers to come first; nodes and values are
in the page's order, as near as the text of their values places them (the RDF graph keeps none).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

Node = dict[str, list[Any]]

_SCHEMA = ("http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_MAX_DEPTH = 12  # as for JSON-LD: deeper nesting is no article metadata
# What a page must carry for its RDFa to be read: a typeof naming a schema.org type (only a subject
# with one is a node): a full schema.org IRI, a CURIE whose prefix means schema.org (``schema:``, in
# pyRdfa's initial context, or one a prefix or xmlns declaration maps to it), or a bare term where
# the page names schema.org as a vocab. Drupal's pages declare ``schema:`` on every page and type
# their items foaf:Image, sioc:Item: nothing of theirs is ever handed to the distiller.
_RDFA_ATTRIBUTES = "//@vocab | //@prefix | //@typeof"
_XMLNS = "//@*[starts-with(name(), 'xmlns:')]"
_PREFIX_PAIR = re.compile(r"([A-Za-z_][\w.-]*):\s+(\S+)")


def has_schema_rdfa(tree: lxml.html.HtmlElement) -> bool:
    """Does the page type anything in schema.org's vocabulary with RDFa? (one XPath; a second only
    for a typeof prefix the page's prefix attributes do not declare)"""
    vocabs: list[str] = []
    prefixes: dict[str, str] = {}
    types: list[str] = []
    for value in tree.xpath(_RDFA_ATTRIBUTES):
        name = value.attrname
        if name == "typeof":
            types.extend(value.split())
        elif name == "vocab":
            vocabs.append(value)
        else:
            prefixes.update((p.lower(), iri) for p, iri in _PREFIX_PAIR.findall(value))
    if not types:
        return False
    by_vocab = any(v.strip().startswith(_SCHEMA) for v in vocabs)
    unknown = []
    for token in types:
        if token.startswith(_SCHEMA):
            return True
        prefix, colon, _ = token.partition(":")
        if not colon:
            if by_vocab:
                return True
            continue
        iri = prefixes.get(prefix.lower())
        if iri is None and prefix.lower() == "schema":
            return True
        if iri is None:
            unknown.append(prefix.lower())
        elif iri.startswith(_SCHEMA):
            return True
    if unknown:  # XHTML-style declarations: xmlns:s="https://schema.org/"
        declared = {a.attrname.partition(":")[2].lower(): str(a) for a in tree.xpath(_XMLNS)}
        return any(declared.get(prefix, "").startswith(_SCHEMA) for prefix in unknown)
    return False


def rdfa_nodes(tree: lxml.html.HtmlElement, base_url: str | None, warnings: list[str]) -> list[Node]:
    """The schema.org nodes the page's RDFa describes (none when it has no schema.org RDFa)."""
    if not has_schema_rdfa(tree):
        return []
    try:
        graph = _distil(tree, base_url)
    except Exception as exc:  # pyRdfa raises whatever its parts raise: the rest of the page still counts
        warnings.append(f"RDFa could not be read ({type(exc).__name__}: {exc}); ignored")
        return []
    return _Nodes(graph, lxml.html.tostring(tree, encoding="unicode")).roots()


def as_jsonld(node: Node) -> dict[str, Any]:
    """A node as JSON-LD in schema.org's terms (one value bare, several a list), as microdata reads
    into JSON-LD: what ``ldpub validate`` checks of a page's RDFa (without ``@context``: the caller's)."""
    out: dict[str, Any] = {}
    for key, values in node.items():
        if key == "@type" and not values:
            continue
        converted = [as_jsonld(v) if isinstance(v, dict) else v for v in values]
        out[key] = converted[0] if len(converted) == 1 else converted
    return out


def _distil(tree: lxml.html.HtmlElement, base_url: str | None) -> Any:
    """The page's RDF, as pyRdfa3 reads its RDFa 1.1 (a DOM-compatible copy of the tree, offline)."""
    from extruct.xmldom import XmlDomHTMLParser
    from pyRdfa import Options
    from pyRdfa import pyRdfa as PyRdfa
    from pyRdfa.host import HostLanguage
    from rdflib import Graph

    parser = XmlDomHTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=False
    )
    text = lxml.html.tostring(tree, encoding="utf-8")
    dom = lxml.html.document_fromstring(text, parser=parser)
    options = Options(
        output_processor_graph=False,
        output_default_graph=True,
        embedded_rdf=False,  # no Turtle or RDF/XML islands: RDFa only
        space_preserve=True,
        vocab_expansion=False,  # never fetch the vocabulary a @vocab names
        vocab_cache=False,
        vocab_cache_report=False,
        refresh_vocab_cache=False,
        check_lite=False,
    )
    options.host_language = HostLanguage.html5  # HTML5+RDFa: <time datetime>, <data value>, <base href>
    return PyRdfa(options, base=base_url or "").graph_from_DOM(dom, graph=Graph(), pgraph=Graph())


def _local(iri: str) -> str | None:
    for prefix in _SCHEMA:
        if iri.startswith(prefix):
            return iri[len(prefix) :] or None
    return None


class _Nodes:
    """The graph's schema.org subjects as nodes."""

    def __init__(self, graph: Any, page: str) -> None:
        from rdflib import BNode, Literal, URIRef

        self.bnode, self.literal, self.uri = BNode, Literal, URIRef
        self.graph = graph
        self.page = page  # the page's markup: where a value's text first appears orders nodes
        self.edges: dict[Any, list[tuple[str, Any]]] = {}
        self.types: dict[Any, list[str]] = {}
        for subject, predicate, obj in graph:
            iri = str(predicate)
            if iri == _RDF_TYPE:
                local = _local(str(obj))
                if local:
                    self.types.setdefault(subject, []).append(local)
                continue
            name = _local(iri)
            if name:
                self.edges.setdefault(subject, []).append((name, obj))

    def roots(self) -> list[Node]:
        referred = {obj for edges in self.edges.values() for _, obj in edges if not isinstance(obj, self.literal)}
        subjects = [s for s in self.types if not isinstance(s, self.bnode) or s not in referred]
        subjects.sort(key=lambda s: (s in referred, self._place(s, 0), str(s)))
        return [self.node(s, 0, set()) for s in subjects]

    def node(self, subject: Any, depth: int, seen: set[Any]) -> Node:
        node: Node = {"@type": sorted(set(self.types.get(subject, [])))}
        if isinstance(subject, self.uri):
            node["@id"] = [str(subject)]
        seen = seen | {subject}
        for name, obj in sorted(self.edges.get(subject, []), key=lambda e: (e[0], self._key(e[1]))):
            value = self.value(obj, depth, seen)
            if value is not None and value != "":
                node.setdefault(name, []).append(value)
        return node

    def value(self, obj: Any, depth: int, seen: set[Any]) -> Any:
        if isinstance(obj, self.literal):
            python = obj.toPython()
            if isinstance(python, bool | int | float):
                return python
            return " ".join(str(obj).split())  # an element's text, its line breaks and indentation as spaces
        if isinstance(obj, self.bnode):
            if obj in seen or depth >= _MAX_DEPTH:
                return None
            return self.node(obj, depth + 1, seen)
        return str(obj)

    def _key(self, obj: Any) -> tuple[int, str]:
        return self._place(obj, 0), str(obj)

    def _place(self, obj: Any, depth: int) -> int:
        """Where ``obj`` is in the page, as near as its RDF tells (pyRdfa's graph keeps no order): an
        IRI or a literal where its text first appears, a blank node where the first of its values does."""
        if isinstance(obj, self.bnode):
            if depth >= 3:
                return _UNPLACED
            return min((self._place(o, depth + 1) for _, o in self.edges.get(obj, [])), default=_UNPLACED)
        text = str(obj).strip()
        found = self.page.find(text) if text else -1
        return found if found >= 0 else _UNPLACED


_UNPLACED = 1 << 60
