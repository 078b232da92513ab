"""A JSON-LD document as nodes and their properties, for comparing (:mod:`ldpub.diff`) and drawing
(:mod:`ldpub.picture`): its RDF triples grouped by subject, readable labels, and the matching of
blank nodes between two versions of a document.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import pyoxigraph as ox

from ldpub.context import RDF_TYPE, SCHEMA, XSD
from ldpub.errors import InputError, Location
from ldpub.rdf import jsonld_to_nquads

_SCHEMA_HTTPS = "https://schema.org/"
_INTEGERS = frozenset(
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
)
_DECIMALS = frozenset(XSD + t for t in ("decimal", "double", "float"))
_BOOLEAN = XSD + "boolean"
_NAME_PROPERTIES = tuple(SCHEMA + p for p in ("name", "headline", "alternateName", "caption"))
# For a node with neither a name nor an IRI fragment: what it says, or where it is.
_CONTENT_PROPERTIES = tuple(SCHEMA + p for p in ("claimReviewed", "text", "url", "contentUrl"))
MAX_CANDIDATES = 50  # blank nodes weighed against each changed one
MAX_SHARED = 200  # a value this common (worstRating 1) tells nothing about which node is which
_HASH_ROUNDS = 6  # blank nodes nested deeper than this are told apart by what is nearer the top
LABEL_LENGTH = 60
VALUE_LENGTH = 120


class Term(NamedTuple):
    """An object of a triple: a node (IRI or blank-node key) or a literal with its datatype or language."""

    kind: str  # "node" or "literal"; "literal" sorts after "node"
    value: str
    datatype: str = ""
    language: str = ""

    @property
    def is_literal(self) -> bool:
        return self.kind == "literal"


class Graph:
    """Triples by subject. Keys are IRIs, or ``_:`` and a label for blank nodes."""

    def __init__(self) -> None:
        self.nodes: set[str] = set()  # subjects, and blank nodes that are only objects
        self._props: dict[str, dict[str, set[Term]]] = {}
        self.incoming: dict[str, list[tuple[str, str]]] = {}  # node → (subject, predicate) pointing at it

    def add(self, subject: str, predicate: str, obj: Term) -> None:
        self.nodes.add(subject)
        self._props.setdefault(subject, {}).setdefault(predicate, set()).add(obj)
        if obj.kind == "node":
            self.incoming.setdefault(obj.value, []).append((subject, predicate))
            if is_blank(obj.value):
                self.nodes.add(obj.value)

    def props(self, key: str) -> dict[str, set[Term]]:
        return self._props.get(key, {})

    def is_blank(self, key: str) -> bool:
        return is_blank(key)

    @property
    def blanks(self) -> list[str]:
        return sorted(k for k in self.nodes if is_blank(k))

    def links(self) -> Iterable[tuple[str, str, str]]:
        """(subject, predicate, object) for every triple whose object is a node of this graph."""
        for s, props in self._props.items():
            for p, objs in props.items():
                for o in objs:
                    if o.kind == "node" and o.value in self.nodes and p != RDF_TYPE:
                        yield s, p, o.value

    def renamed(self, names: dict[str, str]) -> Graph:
        """The same graph with blank-node keys renamed by ``names``."""
        out = Graph()
        for s, props in self._props.items():
            for p, objs in props.items():
                for o in objs:
                    if o.kind == "node" and o.value in names:
                        o = o._replace(value=names[o.value])
                    out.add(names.get(s, s), p, o)
        out.nodes |= {names.get(k, k) for k in self.nodes}
        return out

    def replace_with(self, other: Graph) -> None:
        self.nodes, self._props, self.incoming = other.nodes, other._props, other.incoming


def is_blank(key: str) -> bool:
    return key.startswith("_:")


def graph_of(doc: Any) -> Graph:
    """The RDF graph of a JSON-LD document (named graphs merged into one)."""
    nquads = jsonld_to_nquads(doc)
    g = Graph()
    try:
        for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            g.add(_key(quad.subject), quad.predicate.value, _term(quad.object))
    except SyntaxError as exc:  # an IRI pyld let through that is not an IRI
        raise InputError(f"not RDF: {exc}".splitlines()[0], Location(pointer="")) from None
    return g


def _key(node: Any) -> str:
    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else str(node.value)


def _term(obj: Any) -> Term:
    if isinstance(obj, ox.Literal):
        return Term("literal", obj.value, obj.datatype.value if obj.language is None else "", obj.language or "")
    return Term("node", _key(obj))


# --------------------------------------------------------------------------- labels


def local_name(predicate: str) -> str:
    """``headline`` for schema.org's headline, ``type`` for rdf:type, else the IRI."""
    if predicate == RDF_TYPE:
        return "type"
    for base in (SCHEMA, _SCHEMA_HTTPS):
        if predicate.startswith(base):
            return predicate[len(base) :]
    return predicate


def type_names(g: Graph, key: str) -> list[str]:
    return sorted(local_name(t.value) for t in g.props(key).get(RDF_TYPE, ()))


def short(text: str, limit: int | None = LABEL_LENGTH) -> str:
    text = " ".join(text.split())
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label(g: Graph, key: str, depth: int = 0, *, content_first: bool = False, limit: int | None = LABEL_LENGTH) -> str:
    """A node's name as a reader knows it: its name (headline, caption...), a rating's value, the
    ``#fragment`` of its IRI, or the IRI; for an unnamed blank node, whose value it is. With
    ``content_first``, what it says (a claim's text) before its fragment. Names longer than
    ``limit`` characters are cut (None: never)."""
    props = g.props(key)
    types = type_names(g, key)
    if any(t.endswith("Rating") for t in types):
        value, name = rating_text(g, key)
        if value is not None or name is not None:
            return "rating " + (value or "") + (f" ({name})" if name else "")
    for p in _NAME_PROPERTIES:
        values = props.get(p)
        if values:
            return short(min(values).value, limit)
    fragment = "" if is_blank(key) else urlsplit(key).fragment
    if fragment and not content_first:
        return "#" + fragment
    for p in _CONTENT_PROPERTIES:
        values = props.get(p)
        if values:
            return short(min(values).value, limit)
    if fragment:
        return "#" + fragment
    if not is_blank(key):
        return key
    held = g.incoming.get(key, [])
    if len(held) == 1 and depth < 3:
        holder, p = held[0]
        return f"({local_name(p)} of {label(g, holder, depth + 1, limit=limit)})"
    return "(unnamed)"


def rating_text(g: Graph, key: str) -> tuple[str | None, str | None]:
    """A rating's value and its name (``alternateName``), as text."""
    props = g.props(key)
    value = props.get(SCHEMA + "ratingValue")
    name = props.get(SCHEMA + "alternateName")
    return (min(value).value if value else None, min(name).value if name else None)


def value_text(g: Graph, term: Term, other: Term | None = None) -> str:
    """A value in a message: a quoted string (near where it differs from ``other``), a bare
    number, or a node's label."""
    if term.kind == "node":
        if term.value in g.nodes:
            return label(g, term.value)
        name = local_name(term.value)
        return name if name != term.value else term.value
    if term.datatype in _INTEGERS or term.datatype in _DECIMALS or term.datatype == _BOOLEAN:
        return term.value
    text = " ".join(term.value.split())
    if other is not None and other.is_literal and len(text) > VALUE_LENGTH:
        same = _common_prefix(text, " ".join(other.value.split()))
        if same > VALUE_LENGTH // 2:  # a long text changed in its middle: show where
            text = "…" + text[same - VALUE_LENGTH // 4 :]
    quoted = "'" + short(text, VALUE_LENGTH) + "'"
    return quoted + (f"@{term.language}" if term.language else "")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def term_value(g: Graph, term: Term, depth: int = 0) -> Any:
    """A value as JSON: a literal's value (numbers and booleans as such), a node's IRI, or a blank
    node's properties."""
    if term.kind == "literal":
        try:
            if term.datatype in _INTEGERS:
                return int(term.value)
            if term.datatype in _DECIMALS:
                return float(term.value)
        except ValueError:
            return term.value
        if term.datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if not is_blank(term.value):
        return term.value
    if depth > 3 or term.value not in g.nodes:
        return label(g, term.value)
    return {
        local_name(p): sorted((term_value(g, o, depth + 1) for o in objs), key=str)
        for p, objs in sorted(g.props(term.value).items())
    }


def main_node(g: Graph) -> str | None:
    """The article the document is about: its one Article-like node, else the page's mainEntity."""
    articles = [k for k in sorted(g.nodes) if any(t.endswith("Article") for t in type_names(g, k))]
    if len(articles) == 1:
        return articles[0]
    for key in sorted(g.nodes):
        for o in g.props(key).get(SCHEMA + "mainEntity", ()):
            if o.value in articles:
                return o.value
    return None


# --------------------------------------------------------------------------- blank nodes


def _content_hashes(g: Graph) -> dict[str, str]:
    """A hash of each blank node's content to a fixed depth: equal content, equal hash, in any graph."""
    blanks = g.blanks
    hashes = dict.fromkeys(blanks, "")
    for _ in range(_HASH_ROUNDS):
        hashes = {
            b: hashlib.sha1(
                repr(
                    sorted(
                        (p, o.kind, hashes.get(o.value, "?") if is_blank(o.value) else o.value, o.datatype, o.language)
                        for p, objs in g.props(b).items()
                        for o in objs
                    )
                ).encode()
            ).hexdigest()
            for b in blanks
        }
    return hashes


def _holders(g: Graph, key: str, hashes: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((hashes.get(s, "?") if is_blank(s) else s, p) for s, p in g.incoming.get(key, ())))


def match_blank_nodes(old: Graph, new: Graph) -> None:
    """Give blank nodes that are the same node in ``old`` and ``new`` the same key.

    First by content and holder (the subject and property pointing at them), then by content
    alone, then — for blank nodes whose content changed — by holder, type and how much of their
    content is the same. Unmatched blank nodes get keys of their own side.
    """
    h_old, h_new = _content_hashes(old), _content_hashes(new)
    pairs: dict[str, str] = {}  # old key → new key

    def pair_by(sig_old: dict[str, Any], sig_new: dict[str, Any]) -> None:
        waiting: dict[Any, list[str]] = {}
        taken = set(pairs.values())
        for b in new.blanks:
            if b not in taken:
                waiting.setdefault(sig_new[b], []).append(b)
        for a in old.blanks:
            if a not in pairs and waiting.get(sig_old[a]):
                pairs[a] = waiting[sig_old[a]].pop(0)

    pair_by(
        {b: (h_old[b], _holders(old, b, h_old)) for b in old.blanks},
        {b: (h_new[b], _holders(new, b, h_new)) for b in new.blanks},
    )
    pair_by(h_old, h_new)
    while _pair_changed(old, new, pairs):
        pass
    names: dict[str, str] = {}
    new_names: dict[str, str] = {}
    for i, (a, b) in enumerate(sorted(pairs.items())):
        names[a] = new_names[b] = f"_:m{i}"
    for i, a in enumerate(k for k in old.blanks if k not in names):
        names[a] = f"_:old{i}"
    for i, b in enumerate(k for k in new.blanks if k not in new_names):
        new_names[b] = f"_:new{i}"
    old.replace_with(old.renamed(names))
    new.replace_with(new.renamed(new_names))


def _pair_changed(old: Graph, new: Graph, pairs: dict[str, str]) -> bool:
    """Pair remaining blank nodes whose content changed; True if any was paired.

    A pair has the same types and a holder in common (or neither is held), and either shares
    some values — the pairs sharing most go first — or is the only unpaired blank node of its
    type under that holder on each side (a rating or an address whose every value changed).
    Values found on more than MAX_SHARED nodes are not weighed, and each node is weighed
    against at most MAX_CANDIDATES others, so thousands of changed blank nodes stay quick.
    """
    taken = set(pairs.values())
    left = [a for a in old.blanks if a not in pairs]
    right = [b for b in new.blanks if b not in taken]
    if not left or not right:
        return False
    types_new = {b: tuple(type_names(new, b)) for b in right}
    held_new = {b: frozenset(new.incoming.get(b, ())) for b in right}
    index: dict[tuple[str, Term], list[str]] = defaultdict(list)
    for b in right:
        for value in _values(new, b, None):
            index[value].append(b)
    scored = []
    groups_old: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for a in left:
        types = tuple(type_names(old, a))
        held = frozenset((pairs.get(s, "") if is_blank(s) else s, p) for s, p in old.incoming.get(a, ()))
        groups_old[(types, held)].append(a)
        shared: Counter[str] = Counter()
        for value in _values(old, a, pairs):
            bucket = index.get(value, ())
            if len(bucket) <= MAX_SHARED:
                shared.update(bucket)
        for b, n in shared.most_common(MAX_CANDIDATES):
            if types_new[b] == types and (held & held_new[b] or not (held or held_new[b])):
                scored.append((-(2 * len(held & held_new[b]) + n), a, b))
    found = False
    for _, a, b in sorted(scored):
        if a not in pairs and b not in taken:
            pairs[a] = b
            taken.add(b)
            found = True
    groups_new: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for b in right:
        if b not in taken:
            groups_new[(types_new[b], held_new[b])].append(b)
    for key, olds in groups_old.items():
        olds = [a for a in olds if a not in pairs]
        news = groups_new.get(key, [])
        if len(olds) == 1 and len(news) == 1 and key[1]:
            pairs[olds[0]] = news[0]
            found = True
    return found


def _values(g: Graph, key: str, pairs: dict[str, str] | None) -> set[tuple[str, Term]]:
    """A blank node's (property, value) pairs other than its types; blank values by their pair's key
    (``pairs`` given: an old node's values in the new graph's keys)."""
    out = set()
    for p, objs in g.props(key).items():
        if p == RDF_TYPE:
            continue
        for o in objs:
            if o.kind == "node" and is_blank(o.value):
                if pairs is None:
                    out.add((p, o))
                elif o.value in pairs:
                    out.add((p, o._replace(value=pairs[o.value])))
            else:
                out.add((p, o))
    return out
