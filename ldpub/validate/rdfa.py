"""A page's schema.org RDFa as documents to check: read as ``ldpub extract`` reads it, placed in the page.

The nodes are :func:`ldpub.read.html_rdfa.rdfa_nodes`' (pyRdfa3, offline, ``<time datetime>`` kept),
turned into JSON-LD by :func:`ldpub.read.html_rdfa.as_jsonld`: one document a top-level node, of kind
``rdfa``. The RDF graph keeps no element, so a finding is placed by matching the nodes back to the
page: a node to its ``typeof`` element (by its IRI, else its types, in the page's order), a property
to the elements under it that name it. What cannot be matched is placed at its nearest matched parent.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from ldpub.jsonld import escape
from ldpub.read.html_rdfa import Node, as_jsonld, rdfa_nodes

_SCHEMA_IRIS = ("http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/")
_BEFORE_ATTRIBUTE = frozenset(" \t\n\r\f\"'/")  # not JavaScript's _typeof = …, nor data-typeof=


def maybe_rdfa(text: str) -> bool:
    """Can the page have schema.org RDFa nodes at all? No typed subject without a ``typeof=`` attribute
    (written in lower case, as RDFa writes it): one ``str.find`` scan, 0.1 ms a 180 KB page, where a
    case-blind regex takes 2.6 ms; JavaScript's ``typeof x`` and ``_typeof =`` are passed over."""
    at = text.find("typeof")
    while at >= 0:
        if at > 0 and text[at - 1] in _BEFORE_ATTRIBUTE and text[at + 6 : at + 16].lstrip()[:1] == "=":
            return True
        at = text.find("typeof", at + 6)
    return False


def rdfa_items(root: Any, base: str, warnings: list[str]) -> list[tuple[dict[str, Any], Node]]:
    """Each top-level schema.org node of the page's RDFa, as JSON-LD beside the node it came from."""
    return [(as_jsonld(node), node) for node in rdfa_nodes(root, base, warnings)]  # skips a page without any


def local_name(token: str) -> str | None:
    """The schema.org name an RDFa ``typeof``/``property`` token gives (a bare term is taken as the vocab's)."""
    if token.startswith("schema:"):
        return token[len("schema:") :] or None
    for prefix in _SCHEMA_IRIS:
        if token.startswith(prefix):
            return token[len(prefix) :] or None
    return None if ":" in token else token


def _names(element: Any, attribute: str) -> set[str]:
    return {n for token in (element.get(attribute) or "").split() if (n := local_name(token))}


def node_places(
    nodes: list[Node], root: Any, base: str, places: dict[Any, tuple[int, int]]
) -> list[dict[str, tuple[int, int]]]:
    """For each top-level node, JSON Pointers (into its :func:`as_jsonld` document) → line, column."""
    subjects = [e for e in root.xpath("//*[@typeof or @about or @resource]") if isinstance(e.tag, str)]
    used: set[Any] = set()
    out = []
    for node in nodes:
        table: dict[str, tuple[int, int]] = {}
        elements = _elements_of(node, subjects, used, base)
        used.update(elements[:1])
        if elements:
            _place(node, "", elements, places, table)
        out.append(table)
    return out


def _subject_iri(element: Any, base: str) -> str | None:
    """The IRI an element makes its subject: its ``about``, else (with no ``property``/``rel`` of its own,
    or with ``typeof``) its ``resource``."""
    name = element.get("about")
    if name is None and (element.get("typeof") is not None or (element.get("property") or element.get("rel")) is None):
        name = element.get("resource")
    return None if name is None else urljoin(base, name.strip())


def _elements_of(node: Node, subjects: list[Any], used: set[Any], base: str) -> list[Any]:
    """The elements a top-level node came from, its ``typeof`` element first: those naming its IRI, else
    the first unused ``typeof`` element naming all its types."""
    ids = node.get("@id") or []
    types = set(node.get("@type") or [])
    if ids:
        named = [e for e in subjects if _subject_iri(e, base) == ids[0]]
        named.sort(key=lambda e: not (types & _names(e, "typeof")))  # stable: a typeof element first
        if named:
            return named
    for element in subjects:
        if element not in used and element.get("typeof") is not None and types <= _names(element, "typeof"):
            return [element]
    return []


def _place(
    node: Node, pointer: str, scopes: list[Any], places: dict[Any, tuple[int, int]], out: dict[str, Any]
) -> None:
    """Pointers of ``node`` (matched to the elements ``scopes``) and of its properties and nested nodes → places."""
    if scopes[0] in places:
        out[pointer] = places[scopes[0]]
    found: dict[str, list[Any]] = {}

    def props(parent: Any) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            for name in _names(child, "property") | _names(child, "rel"):
                found.setdefault(name, []).append(child)
            if child.get("typeof") is None and child.get("about") is None:
                props(child)

    for scope in scopes:
        props(scope)
    for name, values in node.items():
        elements = found.get(name)
        if name.startswith("@") or not elements:
            continue
        key = escape(name)
        nested = [e for e in elements if e.get("typeof") is not None]
        plain = [e for e in elements if e.get("typeof") is None]
        nodes_seen = texts_seen = 0
        for i, value in enumerate(values):
            at = f"{pointer}/{key}/{i}" if len(values) > 1 else f"{pointer}/{key}"
            if isinstance(value, dict):
                if nodes_seen < len(nested):
                    _place(value, at, [nested[nodes_seen]], places, out)
                nodes_seen += 1
                continue
            pool = plain if plain else nested
            if texts_seen < len(pool) and pool[texts_seen] in places:
                out[at] = places[pool[texts_seen]]
            elif elements[0] in places:
                out[at] = places[elements[0]]
            texts_seen += 1
