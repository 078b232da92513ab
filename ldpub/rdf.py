"""JSON-LD to RDF and back, offline; Turtle and N-Quads out.

Generic JSON-LD processors re-process the 200 KB schema.org context for every document
(20–200 ms each). :func:`jsonld_to_nquads` instead reads compact JSON-LD whose context is
schema.org with the context's term table built once (:mod:`ldpub.context`), which is what
ldpub emits and what nearly every publisher writes. Any document outside that shape
(other contexts, ``@list``, ``@reverse``, nested contexts...) goes to pyld with the
offline document loader, so the result is the same either way — the tests check both
paths give isomorphic graphs. Turtle is written by pyoxigraph.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin

from ldpub.context import (
    RDF_TYPE,
    REMOTE_CONTEXT,
    SCHEMA,
    SCHEMA_CONTEXT,
    XSD,
    context_kind,
    expand_iri,
    is_schema_context,
    offline_document_loader,
    prefixes,
    terms,
)
from ldpub.errors import InputError, LdpubError, Location, first_line, ldpub_error_in

PREFIXES = {"schema": SCHEMA, "xsd": XSD}

_XSD_STRING = XSD + "string"
_XSD_BOOLEAN = XSD + "boolean"
_XSD_INTEGER = XSD + "integer"
_XSD_DOUBLE = XSD + "double"
# Unicode spaces (a no-break space) too: pyld takes such an IRI for a relative one and drops it
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x20<>\"{}|\\^`]*$")
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
_ID_KEYS = frozenset(("@id", "id"))
_DOC_KEYS = frozenset(("@context", "@graph"))
_NESTED_DOC_KEYS = frozenset(("@context", "@graph", "@reverse", "@included", "@nest"))
_TYPE_KEYS = frozenset(("@type", "type"))
_RDF_TYPE = f"<{RDF_TYPE}>"
_KEYWORD_FORM = re.compile(r"^@[A-Za-z]+$")  # JSON-LD 1.1 ignores an IRI of this form
_COLON_FIRST = re.compile(r"^[^/?#]*:")  # not absolute, yet a ':' in its first segment: no IRI reference
_SPECIAL_KEYS = frozenset(("@list", "@set", "@reverse", "@context", "@graph", "@included", "@nest"))


class _Unsupported(Exception):
    """The document needs the general JSON-LD algorithms: hand it to pyld."""


def jsonld_to_nquads(doc: Any, *, base: str | None = None) -> str:
    """N-Quads (one triple a line, default graph) for a JSON-LD document, offline.

    Raises :class:`~ldpub.errors.RemoteContextError` for a remote context other than
    schema.org's, and :class:`~ldpub.errors.InputError` for a document pyld rejects.
    """
    text = fast_nquads(doc, base=base)
    return pyld_nquads(doc, base=base) if text is None else text


def fast_nquads(doc: Any, *, base: str | None = None) -> str | None:
    """:func:`jsonld_to_nquads` by the fast reader alone: N-Triples lines ``S P O .`` (one space
    between terms), or None for a document that needs pyld's general algorithms.

    Raises :class:`~ldpub.errors.RemoteContextError` for a remote context other than schema.org's.
    """
    text = flat_graph_nquads(doc)
    if text is not None:
        return text
    fast = _FastToRdf(base)
    try:
        lines = fast.document(doc)
    except _Unsupported:
        return None
    # Removing repeated triples hashes every line (15% of the work): only when one may repeat.
    return "".join(dict.fromkeys(lines) if fast.may_repeat else lines)


def pyld_nquads(doc: Any, *, base: str | None = None) -> str:
    """N-Quads by pyld's full JSON-LD algorithms (slow with schema.org; the reference path).

    With no ``base``, relative IRIs are dropped, as the JSON-LD spec says (pyld would resolve
    them against a made-up ``http://example.org/base/``): they are resolved against a base of
    a scheme of ldpub's own, and every triple that names such an IRI is left out.
    IRIs that are not well-formed (a space, a control character) are left out too, as JSON-LD
    1.1's toRdf says (pyld writes them, and its N-Quads would not parse).
    """
    from pyld import jsonld  # the general algorithms: imported when needed, so the CLI starts fast

    options: dict[str, Any] = {"documentLoader": offline_document_loader, "base": base or _NO_BASE}
    try:
        try:
            dataset = jsonld.to_rdf(doc, dict(options))
        except (jsonld.JsonLdError, LdpubError):
            raise
        except Exception:  # pyld fails on IRIs of a keyword's form ("sameAs": "@word"), which JSON-LD ignores
            dataset = jsonld.to_rdf(_without_keyword_iris(doc, False), dict(options))
    except jsonld.JsonLdError as exc:
        raise _unwrap(exc) from None
    except LdpubError:
        raise
    except Exception as exc:  # any other fault of pyld's on odd input is the input's
        raise InputError(f"invalid JSON-LD: {first_line(exc)}", Location(pointer="")) from None
    kept = {
        name: [t for t in triples if not any(_dropped(t[part]) for part in ("subject", "predicate", "object"))]
        for name, triples in dataset.items()
        if name == "@default" or _dropped({"type": "IRI", "value": name}) is False
    }
    result: str = jsonld.JsonLdProcessor.to_nquads(kept)
    return result


_NO_BASE_SCHEME = "ldpub-no-base:"
_NO_BASE = _NO_BASE_SCHEME + "//base/"
_NOT_IN_IRI = re.compile(r'[\s\x00-\x20<>"{}|\\^`]')  # what an N-Quads IRIREF cannot hold, and spaces
_DROPPED_VALUE: Any = object()


def _dropped(term: Mapping[str, Any]) -> bool:
    """True for an IRI that was relative with no base, or is not well-formed."""
    if term["type"] != "IRI":
        return False
    value = str(term["value"])
    return value.startswith(_NO_BASE_SCHEME) or _NOT_IN_IRI.search(value) is not None


def _without_keyword_iris(value: Any, coerced: bool) -> Any:
    """``value`` without the IRIs of a keyword's form where JSON-LD ignores them (``@id``-typed terms)."""
    if isinstance(value, list):
        items = (_without_keyword_iris(item, coerced) for item in value)
        return [item for item in items if item is not _DROPPED_VALUE]
    if isinstance(value, str):
        return _DROPPED_VALUE if coerced and _KEYWORD_FORM.match(value) else value
    if not isinstance(value, dict):
        return value
    ref = value.get("@id")
    if len(value) == 1 and isinstance(ref, str) and _KEYWORD_FORM.match(ref):
        return _DROPPED_VALUE
    out = {}
    for key, item in value.items():
        term = terms().get(key)
        kept = item if key == "@context" else _without_keyword_iris(item, term is not None and term.coerce == "@id")
        if kept is not _DROPPED_VALUE:
            out[key] = kept
    return out


def _unwrap(exc: BaseException) -> LdpubError:
    """The ldpub error inside a pyld error chain (our loader's refusal), or a new InputError."""
    return ldpub_error_in(exc) or InputError(f"invalid JSON-LD: {exc}".splitlines()[0], Location(pointer=""))


def flat_graph_nquads(doc: Any) -> str | None:
    """N-Triples lines ``S P O .`` for a document of the shape ldpub's mapper writes (schema.org's
    context by URL, a flat ``@graph`` of nodes with absolute ``@id``s and terms of the context),
    or None for any other. In such a document every property has its term's coercion: a date
    property's text is typed ``schema:Date``, never plain.

    Raises :class:`~ldpub.errors.RemoteContextError` for a remote context other than schema.org's.
    """
    if isinstance(doc, dict) and doc.keys() == _DOC_KEYS and isinstance(doc["@graph"], list):
        try:
            _check_context(doc["@context"])
            return _flat_graph_nquads(doc["@graph"])
        except _Unsupported:
            pass  # not that shape after all
    return None


def _flat_graph_nquads(nodes: list[Any]) -> str:
    """N-Quads for a flat ``@graph`` of the shape ldpub's mapper writes (the build's hot path).

    Each node has an absolute ``@id``, at most one ``@type`` and schema.org terms whose values are
    text, numbers, booleans or ``{"@id"}`` references (or lists of them); no subject twice. That
    shape needs none of :class:`_FastToRdf`'s bookkeeping (blank nodes, aliases, nesting,
    repeated subjects), so one lean loop writes it, a fifth faster. Anything else raises
    ``_Unsupported`` part-way, and the general reader starts over; the lines are the same.
    """
    out: list[str] = []
    append = out.append
    predicates = _PREDICATES
    subjects: set[str] = set()
    repeats = False  # a list that names one object twice: its lines repeat
    for node in nodes:
        if type(node) is not dict:
            raise _Unsupported
        subject = _flat_iri(node.get("@id"))
        if subject in subjects:
            raise _Unsupported
        subjects.add(subject)
        for key, value in node.items():
            found = predicates.get(key)
            if found is None:
                if key == "@id":
                    continue
                if key == "@type" and type(value) is str:
                    append(f"{subject} {_RDF_TYPE} {_vocab_term(value)} .\n")
                    continue
                if key[:1] == "@" or key in _ID_KEYS or key in _TYPE_KEYS:
                    raise _Unsupported
                found = _predicate(key)
            p, coerce, alias = found
            if alias:
                raise _Unsupported
            if type(value) is not list:
                obj = _flat_object(value, coerce)
                if obj is not None:
                    append(f"{subject} {p} {obj} .\n")
                continue
            start = len(out)
            for item in value:
                obj = _flat_object(item, coerce)
                if obj is not None:
                    append(f"{subject} {p} {obj} .\n")
            if len(out) - start > 1 and not repeats:
                repeats = len(set(out[start:])) < len(out) - start
    return "".join(dict.fromkeys(out) if repeats else out)


def _flat_object(item: Any, coerce: str | None) -> str | None:
    """The object term for one value in a flat graph (None: a null, which JSON-LD drops)."""
    kind = type(item)
    if kind is str:
        if coerce is None:
            plain = item.isprintable() and '"' not in item and "\\" not in item
            return f'"{item}"' if plain else f'"{_escape(item)}"'
        if coerce == "@id":
            return _flat_iri(item)
        return _scalar(item, coerce)
    if kind is dict:
        return _flat_iri(item.get("@id") if len(item) == 1 else None)
    if item is None:
        return None
    return _scalar(item, coerce)


def _flat_iri(value: Any) -> str:
    """``<iri>`` for an absolute IRI that is no compact IRI of the context (``schema:Name``)."""
    if type(value) is not str:
        raise _Unsupported
    term = _IRI_CACHE.get(value)
    if term is not None:
        return term
    if not value.startswith(_WEB_SCHEMES) and value.partition(":")[0] in prefixes():
        raise _Unsupported
    return _iri(value)


def _scalar(item: Any, coerce: str | None) -> str:
    """The object term for text under a datatype or ``@vocab``, or for a number or boolean."""
    if isinstance(item, str):
        if coerce == "@vocab":
            return _vocab_term(item)
        return _literal(item, coerce or _XSD_STRING)
    if coerce == "@id" or coerce == "@vocab":
        coerce = None  # JSON-LD coerces strings only: a number or boolean stays a typed literal
    if isinstance(item, bool):
        return _literal("true" if item else "false", coerce or _XSD_BOOLEAN)
    if isinstance(item, (int, float)):
        # JSON-LD 1.1: an integral number below 10^21 is an xsd:integer, any other a double
        if float(item).is_integer() and abs(item) < 1e21 and coerce != _XSD_DOUBLE:
            return _literal(str(int(item)), coerce or _XSD_INTEGER)
        return _literal(_canonical_double(float(item)), coerce or _XSD_DOUBLE)
    raise _Unsupported  # a nested list (a list of lists needs @list semantics)


class _FastToRdf:
    """JSON-LD → RDF for compact documents in the schema.org context (the common case)."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.terms = terms()
        self.blank = 0
        self.blank_labels: dict[str, str] = {}
        self.out: list[str] = []
        # A line can only repeat when a subject is described twice, when two keys of a node
        # name one property ("type" and "@type", a term and its IRI), or when a list's values
        # give the same object twice. node() notes each case; only then are lines deduplicated.
        self.subjects: set[str] = set()
        self.may_repeat = False

    def document(self, doc: Any) -> list[str]:
        if isinstance(doc, dict) and doc.keys() == _DOC_KEYS and isinstance(doc["@graph"], list):
            _check_context(doc.get("@context"))  # the common shape: one context, a flat @graph
            for node in doc["@graph"]:
                if not isinstance(node, dict) or not _NESTED_DOC_KEYS.isdisjoint(node):
                    raise _Unsupported
                self.node(node)
            return self.out
        for node in self._top_nodes(doc, context_known=False):
            self.node(node)
        return self.out

    def _top_nodes(self, doc: Any, *, context_known: bool) -> Iterator[dict[str, Any]]:
        if isinstance(doc, list):
            for item in doc:
                yield from self._top_nodes(item, context_known=context_known)
            return
        if not isinstance(doc, dict):
            raise _Unsupported
        if "@context" in doc:
            _check_context(doc["@context"])
            context_known = True
        if "@graph" in doc:
            if set(doc) - {"@context", "@graph"}:
                raise _Unsupported  # a named graph
            graph = doc["@graph"]  # (with no context at the top, each node may bring its own)
            yield from self._top_nodes(graph if isinstance(graph, list) else [graph], context_known=context_known)
            return
        if not context_known:
            raise _Unsupported  # no context: terms are not schema.org's; let pyld decide
        rest = {k: v for k, v in doc.items() if k != "@context"}
        if rest:
            yield rest

    def node(self, node: Mapping[str, Any]) -> str | None:
        """Emit a node object's triples; return its subject term (None: a relative IRI, dropped)."""
        node_id = node.get("@id")
        subject = _IRI_CACHE.get(node_id) if type(node_id) is str else None
        if subject is None or subject in self.subjects:  # not a known IRI met for the first time
            subject, out = self.subject(node)
        else:
            self.subjects.add(subject)
            out = self.out
        append = out.append
        value_of = self.value
        iris = _IRI_CACHE
        predicates = _PREDICATES
        for key, value in node.items():
            # keywords, and a term seen for the first time, after the terms already resolved
            found = predicates.get(key) or _NODE_KEYS.get(key) or _predicate(_term_key(key))
            p, coerce, alias = found
            if alias:
                self.may_repeat = True  # another key of the node may name the same property
            if p is _ID:
                continue
            if p is _TYPE:
                self.types(key, value, subject, out)
                continue
            if type(value) is list:
                self.values(value, subject, p, coerce, out)
                continue
            # The common cases inline (plain text, IRIs, {"@id"} references); the rest in value().
            kind = type(value)
            obj: str | None
            if kind is str and coerce is None:
                # Three C-level scans beat a regex search; text with a newline or tab (not
                # printable) goes the regex way in _escape().
                plain = value.isprintable() and '"' not in value and "\\" not in value
                obj = f'"{value}"' if plain else f'"{_escape(value)}"'
            elif kind is str and coerce == "@id":
                obj = iris.get(value) or self.node_id(value)
            elif kind is dict and len(value) == 1 and type(value.get("@id")) is str:
                obj = iris.get(value["@id"]) or self.node_id(value["@id"])
            else:
                obj = value_of(value, coerce)
            if obj is not None:
                append(f"{subject} {p} {obj} .\n")
        return subject

    def subject(self, node: Mapping[str, Any]) -> tuple[str | None, list[str]]:
        """A node's subject term (a new blank node when it has no @id), and the lines to write its
        triples to (a list of no use for a relative @id with no base, whose triples are dropped)."""
        node_id = node.get("@id")
        if node_id is None:
            node_id = node.get("id")
        subject: str | None
        if node_id is None:
            subject = self.new_blank()
        else:  # node_id() refuses what is no string (a list, an object) before any cache sees it
            subject = (_IRI_CACHE.get(node_id) if type(node_id) is str else None) or self.node_id(node_id)
        if subject is None:  # a relative @id with no base: its triples are dropped, its nested nodes' are not
            if not isinstance(node_id, str) or _KEYWORD_FORM.match(node_id):
                raise _Unsupported  # "@id": "@word": pyld says what becomes of the node
            return None, []
        if subject in self.subjects:
            self.may_repeat = True
        self.subjects.add(subject)
        return subject, self.out

    def types(self, key: str, value: Any, subject: str | None, out: list[str]) -> None:
        """The rdf:type triples of a node's ``@type`` (or ``type``)."""
        types = value if isinstance(value, list) else [value]
        start = len(out)
        for t in types:
            if not isinstance(t, str):
                raise _Unsupported
            out.append(f"{subject} {_RDF_TYPE} {_vocab_term(t)} .\n")
        if key == "type":
            self.may_repeat = True  # the node may also have "@type"
        if len(types) > 1:
            self.note_repeats(start, out)

    def values(self, value: list[Any], subject: str | None, p: str, coerce: str | None, out: list[str]) -> None:
        """The triples of an array value; a list's objects are kept to see whether one repeats
        (cheaper than hashing lines)."""
        objs: list[str] = []
        iris = _IRI_CACHE
        for item in value:
            kind = type(item)
            obj: str | None
            if kind is str and coerce is None:
                plain = item.isprintable() and '"' not in item and "\\" not in item
                obj = f'"{item}"' if plain else f'"{_escape(item)}"'
            elif kind is str and coerce == "@id":
                obj = iris.get(item) or self.node_id(item)
            elif kind is dict and len(item) == 1 and type(item.get("@id")) is str:
                obj = iris.get(item["@id"]) or self.node_id(item["@id"])
            else:
                obj = self.value(item, coerce)
            if obj is None:
                continue
            out.append(f"{subject} {p} {obj} .\n")
            objs.append(obj)
        if len(objs) > 1 and len(set(objs)) < len(objs):
            self.may_repeat = True

    def note_repeats(self, start: int, out: list[str]) -> None:
        """Note whether the lines emitted since ``start`` (one key's types) repeat one."""
        lines = out[start:]
        if len(set(lines)) < len(lines):
            self.may_repeat = True

    def value(self, item: Any, coerce: str | None) -> str | None:
        if isinstance(item, str):
            if coerce is None:
                return _literal(item, _XSD_STRING)
            if coerce == "@id":
                return self.node_id(item)
            return _scalar(item, coerce)
        if isinstance(item, dict):
            if len(item) == 1 and "@id" in item:  # a reference: the commonest object value
                return self.node_id(item["@id"])
            if "@value" in item:
                return self.value_object(item)
            if not _SPECIAL_KEYS.isdisjoint(item):
                raise _Unsupported
            return self.node(item)
        if item is None:
            return None
        return _scalar(item, coerce)

    def value_object(self, item: Mapping[str, Any]) -> str | None:
        if set(item) - {"@value", "@type", "@language"}:
            raise _Unsupported
        value = item["@value"]
        if value is None:
            return None
        language = item.get("@language")
        if language is not None:
            if not isinstance(value, str) or not isinstance(language, str):
                raise _Unsupported
            return f'"{_escape(value)}"@{language.lower()}'
        datatype = item.get("@type")
        if datatype is not None:
            if not isinstance(datatype, str):
                raise _Unsupported
            datatype = expand_iri(datatype, vocab=True)
        return self.value(value, datatype) if not isinstance(value, dict) else None

    def node_id(self, value: Any) -> str | None:
        """The term for an IRI or blank node label; None for a value JSON-LD drops ("@word")."""
        if not isinstance(value, str):
            raise _Unsupported
        if value.startswith("_:"):
            label = self.blank_labels.get(value)
            if label is None:
                label = self.blank_labels[value] = self.new_blank()
            return label
        prefix, colon, rest = value.partition(":")
        if colon and not rest.startswith("//"):
            namespace = prefixes().get(prefix)
            if namespace is not None:  # a compact IRI with one of the context's prefixes: schema:Foo
                return _iri(namespace + rest)
        try:
            return _iri(value)
        except _Unsupported:
            if _KEYWORD_FORM.match(value) or _NOT_IN_IRI.search(value) or _COLON_FIRST.match(value):
                return None  # the form of a keyword, or not a well-formed IRI: JSON-LD drops it
            if self.base is None:
                return None  # a relative IRI with no base: JSON-LD drops it
            return _iri(urljoin(self.base, value))

    def iri(self, value: str) -> str:
        return _iri(value)

    def new_blank(self) -> str:
        label = f"_:b{self.blank}"
        self.blank += 1
        return label


def _check_context(ctx: Any) -> None:
    """Accept schema.org's context by URL; refuse other remote ones; hand the rest to pyld (an
    inline context, even one that defines no term, changes how pyld writes the graph)."""
    if type(ctx) is str and is_schema_context(ctx):
        return  # the build's case, without the general rule's loop
    kind, item = context_kind(ctx, inline=False)
    if kind == REMOTE_CONTEXT:
        offline_document_loader(item)  # raises RemoteContextError
    elif kind != SCHEMA_CONTEXT:
        raise _Unsupported


_ID = "@id"  # the predicate of the _NODE_KEYS: not a predicate, the node's @id (or its alias)
_TYPE = "@type"  # its types
_NODE_KEYS: dict[str, tuple[str, str | None, bool]] = {
    "@id": (_ID, None, False),
    "id": (_ID, None, False),
    "@type": (_TYPE, None, False),
    "type": (_TYPE, None, False),
}
_IRI_CACHE: dict[str, str] = {}
_WEB_SCHEMES = ("https://", "http://")  # no prefix of the context is named http or https
_PREDICATES: dict[str, tuple[str, str | None, bool]] = {}


def _iri(value: str) -> str:
    """``<iri>`` for an absolute IRI, checked once per distinct IRI (the cache is bounded)."""
    term = _IRI_CACHE.get(value)
    if term is None:
        if not _ABSOLUTE_IRI.match(value):
            raise _Unsupported
        if len(_IRI_CACHE) > 200_000:
            _IRI_CACHE.clear()
        term = _IRI_CACHE[value] = f"<{value}>"
    return term


def _term_key(key: str) -> str:
    """A key that may name a property: not a keyword (those need the general algorithms)."""
    if key[:1] == "@":
        raise _Unsupported
    return key


def _predicate(key: str) -> tuple[str, str | None, bool]:
    """The predicate term and value coercion for a property key in the schema.org context, and
    whether another key may name the same property (a compact or absolute IRI, a shared IRI)."""
    term = terms().get(key)
    if term is not None:
        found = (_iri(term.iri), term.coerce, _term_iri_counts()[term.iri] > 1)
    else:
        # A bare word the context lacks ("query-input") expands by @vocab alone; any other key for
        # the same property has a ':' and is an alias itself, so the word alone needs no check.
        found = (_iri(expand_iri(key, vocab=True)), None, ":" in key)
    if len(_PREDICATES) < 10_000:
        _PREDICATES[key] = found
    return found


@functools.cache
def _term_iri_counts() -> Counter[str]:
    return Counter(term.iri for term in terms().values())


@functools.lru_cache(maxsize=4096)
def _vocab_term(value: str) -> str:
    return _iri(expand_iri(value, vocab=True))


def _escape(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _literal(lexical: str, datatype: str) -> str:
    text = f'"{_escape(lexical)}"'
    return text if datatype == _XSD_STRING else f"{text}^^<{datatype}>"


def _canonical_double(value: float) -> str:
    """XSD canonical double, as JSON-LD's toRdf writes it (1.5 → 1.5E0, 1e-07 → 1.0E-7)."""
    return re.sub(r"(\d)0*E\+?(-)?0*(\d)", r"\1E\2\3", f"{value:1.15E}")


# --- formats out ------------------------------------------------------------------------------


def nquads_to_turtle(nquads: str, *, prefixes: Mapping[str, str] | None = None) -> str:
    """Turtle with readable prefixes (``schema:``, ``xsd:``) for N-Triples/N-Quads text."""
    import pyoxigraph as ox  # here: JSON-LD alone (build's default) needs none of it, 3 ms of every start

    triples = [q.triple for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)]
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes or PREFIXES))
    assert data is not None  # no output file given: the bytes come back
    return data.decode("utf-8")


def parse_rdf(data: str | bytes, format: str, *, base: str | None = None) -> str:
    """N-Quads for RDF text in ``format`` ("turtle", "nquads", "ntriples", "trig", "jsonld", or another
    of their names: "ttl", "nq", "json-ld"…, see :mod:`ldpub.formats`)."""
    from ldpub.formats import rdf_format

    format = rdf_format(format)
    if format == "jsonld":
        from ldpub.limits import parse_json

        return jsonld_to_nquads(parse_json(data), base=base)
    import pyoxigraph as ox

    fmt = getattr(ox.RdfFormat, _FORMATS[format])
    try:
        quads = list(ox.parse(data, format=fmt, base_iri=base))
    except SyntaxError as exc:
        line, col = _syntax_position(exc)
        raise InputError(
            f"malformed {format}: {exc.msg if hasattr(exc, 'msg') else exc}", Location(None, None, line, col)
        ) from None
    out = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert out is not None
    return out.decode("utf-8")


_FORMATS = {"turtle": "TURTLE", "nquads": "N_QUADS", "ntriples": "N_TRIPLES", "trig": "TRIG"}  # pyoxigraph's names


def _syntax_position(exc: SyntaxError) -> tuple[int | None, int | None]:
    return getattr(exc, "lineno", None), getattr(exc, "offset", None)


@functools.cache
def _schema_context() -> dict[str, Any]:
    return offline_document_loader("https://schema.org")["document"]  # type: ignore[no-any-return]


def nquads_to_jsonld(nquads: str) -> dict[str, Any]:
    """Compact schema.org JSON-LD for N-Quads, by pyld (slow: for round trips, not hot paths)."""
    from pyld import jsonld  # the general algorithms: imported when needed, so the CLI starts fast

    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads", "useNativeTypes": False})
    compacted: dict[str, Any] = jsonld.compact(
        expanded, "https://schema.org", {"documentLoader": offline_document_loader, "graph": True}
    )
    return compacted
