"""The JSON-LD walk: compact schema.org JSON-LD read directly, each rule called where it looks.

The hot path reads the document as the publisher wrote it: ``@context`` schema.org (http or
https, any spelling), nodes in ``@graph``, arrays or nested, ``@type`` a string or an array.
Every property key and ``@type`` is resolved once per process through the context's term
table and cached with its vocabulary answers (known? superseded? what range?), so checking a
node is a few dict lookups per property. Documents of any other shape (inline contexts,
``@reverse``, ``@nest``, nested contexts) are expanded by pyld with the offline loader and the
expanded form is walked by the same code; their findings carry the node, not a pointer.

The walk knows no rule: it reports what it reads as problems of a kind (a remote context, an
``@id`` that is no string…) and calls the registered rules' hooks (:mod:`ldpub.validate.rules`)
for each type, key and value it cannot tell clean from its caches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ldpub.context import (
    INLINE_CONTEXT,
    REMOTE_CONTEXT,
    SCHEMA_CONTEXT,
    context_kind,
    is_schema_context,
    offline_document_loader,
    schema_name,
    term_iri,
    terms,
)
from ldpub.errors import LdpubError, RemoteContextError, first_line, ldpub_error_in
from ldpub.jsonld import escape
from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex, Reference
from ldpub.validate.ranges import MISSING, Range, make_range
from ldpub.validate.rules import CORE, REGISTRY, Registry, Rule
from ldpub.validate.vocab import Vocabulary, vocabulary

__all__ = ["Checker", "NodeInfo", "PageIndex"]

# Keys that need JSON-LD's general algorithms: the document goes to pyld.
_GENERAL_KEYS = frozenset(("@reverse", "@nest", "@context", "@list", "@set"))
_NODE_KEYWORDS = frozenset(("@id", "id", "@type", "type", "@context", "@graph", "@included", "@index"))
_IGNORED_KEYWORDS = _NODE_KEYWORDS | {"@language", "@value"}

Check = tuple[Rule, Callable[..., str | None]]


class Checker:
    """JSON-LD and vocabulary checks; one per process (its caches grow with the terms met)."""

    def __init__(self, vocab: Vocabulary | None = None, registry: Registry = REGISTRY) -> None:
        self.vocab = vocab or vocabulary()
        self.terms = terms()
        self.registry = registry
        self.ranges: dict[str, Range | None] = {}  # key -> range (None: a term of another vocabulary)
        self.types: dict[str, str | None] = {}  # @type value -> schema.org local name (None: other vocabulary)
        self.escaped: dict[str, str] = {}
        # node types -> property key -> its range, for keys with nothing to report on such a node
        self.clean: dict[tuple[str, ...], dict[str, Range]] = {}
        # a @type (a string, or a tuple for an array of strings) with nothing to report
        self.clean_types: dict[str | tuple[str, ...], tuple[tuple[str, ...], str]] = {}
        rules = [cls(self.vocab) for cls in registry.of_profile(CORE)]

        def hooks(name: str) -> list[Check]:
            return [(rule, getattr(rule, name)) for rule in rules if name in rule.hooks()]

        self.type_checks = hooks("check_type")
        self.property_checks = hooks("check_property")
        self.literal_checks = hooks("check_literal")
        self.nested_checks = hooks("check_nested")
        self.reference_checks = hooks("check_reference")
        self.dangling_checks = hooks("check_dangling")

    # --- a page: documents → problems + index ---------------------------------------------------

    def check_page(self, docs: list[Any]) -> tuple[list[list[Problem]], PageIndex]:
        """Check the parsed JSON of a page's documents; problems per document, and the page's index."""
        index = PageIndex()
        out: list[list[Problem]] = []
        for i, data in enumerate(docs):
            found: list[Problem] = []
            out.append(found)
            if data is None:
                continue
            single = len(docs) == 1
            attempt = self._document(data, found, i, index if single else PageIndex())
            if single:
                index = attempt
            else:
                index.merge(attempt)
        self._references(index, out)
        return out, index

    def _document(self, data: Any, found: list[Problem], doc: int, index: PageIndex) -> PageIndex:
        """Walk one document (fast, else expanded by pyld); the index it filled."""
        walk = _Walk(self, found, index, doc)
        try:
            if walk.fast_document(data):
                return index
            found.clear()
            index = PageIndex()
            walk = _Walk(self, found, index, doc)
            try:
                self._general(data, walk)
            except _General:  # a shape the expanded walk does not know: said, never a traceback
                walk.problem("unknown-shape", "")
        except RecursionError:  # nodes nested hundreds deep: no publisher writes that
            found.clear()
            walk.problem("too-deep", "")
            index = PageIndex()
        return index

    def _general(self, data: Any, walk: _Walk) -> None:
        """Expand with pyld (offline loader), then walk the expanded form."""
        from pyld import jsonld  # the general algorithms: imported when a document needs them

        try:
            expanded = jsonld.expand(data, {"documentLoader": offline_document_loader})
        except jsonld.JsonLdError as exc:
            error = ldpub_error_in(exc) or exc
            if isinstance(error, RemoteContextError):
                walk.problem("context-refused", "/@context", detail=f"{error.message}; {unchecked(data)}")
            else:
                walk.problem("not-json-ld", "", detail=first_line(exc))
            return
        except LdpubError as exc:
            if isinstance(exc, RemoteContextError):
                walk.problem("context-refused", "/@context", detail=f"{exc.message}; {unchecked(data)}")
            else:
                walk.problem("context-unusable", "/@context", detail=exc.message)
            return
        walk.pointers = False
        for node in expanded:
            if isinstance(node, dict):
                if "@graph" in node:
                    for inner in node["@graph"]:
                        walk.node(inner, None, top=True)
                    if set(node) - {"@graph", "@id"}:
                        walk.node(node, None, top=True)
                else:
                    walk.node(node, None, top=True)

    def _references(self, index: PageIndex, out: list[list[Problem]]) -> None:
        """Dangling references, and the type of the node a reference points to."""
        by_id = index.by_id
        for ref in index.refs:
            found = by_id.get(ref[0])
            if found is None:
                self.report(out[ref[5]], self.dangling_checks, ref, ref[0], ref[1])
                continue
            rule = ref[1]
            if rule is not None and rule.types_matter:
                types = found[0].types
                if types and rule.type_problems.get(types, MISSING) is not None:
                    self.report(out[ref[5]], self.reference_checks, ref, types, rule)

    def report(self, out: list[Problem], checks: list[Check], ref: Reference, *args: Any) -> None:
        pointer = self.pointer(ref.base, ref.key, ref.place)
        for rule, check in checks:
            message = check(*args)
            if message is not None:
                out.append(Problem(rule.code, message, pointer, ref.node_id, ref.node_type, ref.doc))

    # --- resolution, cached --------------------------------------------------------------------

    def range(self, key: str) -> Range | Literal[False] | None:
        """The range of a property key; None for another vocabulary's term; False for an unknown term."""
        cached: Range | Literal[False] | None = self.ranges.get(key, False)
        if cached is not False:
            return cached
        iri, coerce = term_iri(key)
        local = schema_name(iri)
        if local is None:
            self.ranges[key] = None
            return None
        prop = self.vocab.properties.get(local)
        if prop is None:
            return False  # not cached: the miss path reports it, and misses are rare
        rule = make_range(self.vocab, prop, coerce)
        if len(self.ranges) < 50_000:
            self.ranges[key] = rule
        return rule

    def type_name(self, value: str) -> str | None:
        """The schema.org local name of a @type value (None: another vocabulary's type)."""
        found = self.types.get(value, False)
        if found is not False:
            return found  # type: ignore[return-value]
        local = schema_name(term_iri(value)[0])
        if len(self.types) < 50_000:
            self.types[value] = local
        return local

    def pointer(self, base: str | None, key: str, index: int | None) -> str | None:
        """The JSON Pointer of ``base``/key[/index] (built only when needed)."""
        if base is None:
            return None
        if index is None:
            return f"{base}/{self.escape(key)}"
        return f"{base}/{self.escape(key)}/{index}"

    def escape(self, key: str) -> str:
        found = self.escaped.get(key)
        if found is None:
            found = escape(key)
            if len(self.escaped) < 50_000:
                self.escaped[key] = found
        return found


class _Walk:
    """One document's walk: appends problems, fills the page index."""

    def __init__(self, checker: Checker, found: list[Problem], index: PageIndex, doc: int) -> None:
        self.c = checker
        self.found = found
        self.index = index
        self.doc = doc
        self.pointers = True

    def problem(
        self,
        kind: str,
        pointer: str | None,
        node_id: str | None = None,
        node_type: str | None = None,
        detail: Any = None,
    ) -> None:
        """A problem of the document's shape, reported by kind (its rule gives code and message)."""
        self.found.append(self.c.registry.problem(kind, pointer, node_id, node_type, self.doc, detail))

    def call(
        self, checks: list[Check], pointer: str | None, node_id: str | None, label: str | None, *args: Any
    ) -> bool:
        """Call each rule's hook with ``args``; True when one reported."""
        reported = False
        for rule, check in checks:
            message = check(*args)
            if message is not None:
                self.found.append(Problem(rule.code, message, pointer, node_id, rule.node_type(label), self.doc))
                reported = True
        return reported

    # --- documents ------------------------------------------------------------------------------

    def fast_document(self, data: Any) -> bool:
        """Walk a compact document; False when it needs the general algorithms."""
        try:
            if isinstance(data, list):
                for i, item in enumerate(data):
                    self.top(item, f"/{i}", inherited=False)
            else:
                self.top(data, "", inherited=False)
        except _General:
            return False
        return True

    def top(self, data: Any, pointer: str, *, inherited: bool) -> None:
        if not isinstance(data, dict):
            self.problem("document-not-object", pointer)
            return
        has_context = inherited
        if "@context" in data:
            if not self.context(data["@context"], pointer + "/@context", data):
                return
            has_context = True
        graph = data.get("@graph")
        if not has_context and isinstance(graph, list) and data.keys() == {"@graph"}:
            # {"@graph": [{"@context": …, …}, …]}: each node brings its own context (valid JSON-LD)
            for i, node in enumerate(graph):
                self.top(node, f"{pointer}/@graph/{i}", inherited=False)
            return
        if not has_context:
            self.problem("no-context", pointer, _str(data.get("@id")))
            return
        if graph is None:
            self.node(data, pointer, top=True, top_of_document=True)
            return
        items = graph if isinstance(graph, list) else [graph]
        base = pointer + "/@graph"
        for i, node in enumerate(items):
            where = f"{base}/{i}" if isinstance(graph, list) else base
            if isinstance(node, dict) and "@context" in node and not _same_context(node["@context"]):
                raise _General
            self.node(node, where, top=True, top_of_document=True)
        if len(data) > (2 if "@context" in data else 1):
            self.node(data, pointer, top=True, skip_graph=True, top_of_document=True)

    def context(self, ctx: Any, pointer: str, data: dict[str, Any]) -> bool:
        """True for a schema.org context; a problem (False) for a remote one, naming the nodes of
        ``data`` it leaves unchecked; _General for the rest."""
        if type(ctx) is str and is_schema_context(ctx):
            return True  # nearly every document, without the general rule's loop
        kind, item = context_kind(ctx, inline=True)
        if kind == REMOTE_CONTEXT:
            detail = f"{item!r} not read (ldpub never fetches remote documents): {unchecked(data)}"
            self.problem("remote-context", pointer, _str(data.get("@id", data.get("id"))), detail=detail)
            return False
        if kind != SCHEMA_CONTEXT and kind != INLINE_CONTEXT:
            raise _General
        return True

    # --- nodes ----------------------------------------------------------------------------------

    def node(
        self,
        node: Any,
        pointer: str | None,
        *,
        top: bool = False,
        skip_graph: bool = False,
        top_of_document: bool = False,
    ) -> NodeInfo | None:
        if type(node) is not dict:
            self.not_a_node(pointer, top)
            return None
        c = self.c
        get = node.get
        node_id = get("@id")
        if node_id is None:
            node_id = get("id")
        if type(node_id) not in _ID_TYPES:
            self.bad_id(node_id, pointer)
            node_id = None
        type_value = get("@type")
        if type_value is None:
            type_value = get("type")
        if type(type_value) is str and (cached := c.clean_types.get(type_value)) is not None:
            types, label = cached
        elif type_value is None:
            types, label = (), None
        else:
            types, label = self.types(type_value, pointer, node_id)
        doc = self.doc
        info = _new_tuple(NodeInfo, (node, types, pointer, doc, top))
        index = self.index
        index.nodes.append(info)
        if node_id is not None and len(node) > 1 and (len(node) > 2 or "@context" not in node):
            index.by_id.setdefault(node_id, []).append(info)  # a node that is only its @id describes nothing
        table = c.clean.get(types) or self.clean_table(types)
        refs = index.refs
        for key, value in node.items():
            rule = table.get(key)
            if rule is None:
                rule = self.slow_key(key, value, types, label, pointer, node_id, table, top_of_document, skip_graph)
                if rule is None:
                    continue
            kind = type(value)
            if kind is str:
                if rule.str_ok or rule.str_match(value):
                    continue
            elif kind is list:
                self.items(value, rule, pointer, key, node_id, label)
                continue
            elif kind is dict:
                if len(value) == 1 and type(ref := value.get("@id")) is str:
                    refs.append(_new_tuple(Reference, (ref, rule, pointer, key, None, doc, node_id, label)))
                else:
                    self.member(value, rule, pointer, key, None, node_id, label)
                continue
            elif kind in _NUMBERS and rule.number_fine:
                continue
            self.value(value, rule, pointer, key, None, node_id, label)
        return info

    def bad_id(self, node_id: Any, pointer: str | None) -> None:
        """An @id that is no string: said, and the node taken as having none."""
        self.problem("id-not-string", _join(pointer, "@id"), detail=type(node_id).__name__)

    def not_a_node(self, pointer: str | None, top: bool) -> None:
        """Not a JSON object where a node is: said at the top of a document, else the value's check says it."""
        if top:
            self.problem("node-not-object", pointer)

    def clean_table(self, types: tuple[str, ...]) -> dict[str, Range]:
        """The table of clean keys for nodes of ``types``, new: @id and @type strings pass the value
        loop untouched (their checks are made before it)."""
        table = self.c.clean[types] = {"@id": _KEYWORD, "@type": _KEYWORD, "id": _KEYWORD, "type": _KEYWORD}
        return table

    def items(
        self, value: list[Any], rule: Range, pointer: str | None, key: str, node_id: str | None, label: str | None
    ) -> None:
        """The items of an array value."""
        refs = self.index.refs
        for i, item in enumerate(value):
            kind = type(item)
            if kind is str:
                if rule.str_ok or rule.str_match(item):
                    continue
            elif kind is dict:
                if len(item) == 1 and type(ref := item.get("@id")) is str:
                    refs.append(_new_tuple(Reference, (ref, rule, pointer, key, i, self.doc, node_id, label)))
                else:
                    self.member(item, rule, pointer, key, i, node_id, label)
                continue
            self.value(item, rule, pointer, key, i, node_id, label)

    def member(
        self,
        value: dict[str, Any],
        rule: Range,
        pointer: str | None,
        key: str,
        index: int | None,
        node_id: str | None,
        label: str | None,
    ) -> None:
        """An object as a property's value, other than a reference: a typed node is walked, then its
        type checked against the range (only when the range's cache cannot tell it is fine); the rest
        goes to :meth:`value`."""
        if len(value) == 1 or "@type" not in value or "@value" in value or pointer is None or not rule.nodes:
            self.value(value, rule, pointer, key, index, node_id, label)
            return
        escaped = self.c.escaped.get(key) or self.c.escape(key)
        where = f"{pointer}/{escaped}" if index is None else f"{pointer}/{escaped}/{index}"
        child = self.node(value, where)
        if child is None or not child.types or not rule.types_matter:
            return
        if rule.type_problems.get(child.types, MISSING) is not None:
            self.call(self.c.nested_checks, where, node_id, label, child.types, rule)

    def slow_key(
        self,
        key: str,
        value: Any,
        types: tuple[str, ...],
        label: str | None,
        pointer: str | None,
        node_id: str | None,
        table: dict[str, Range],
        top_of_document: bool,
        skip_graph: bool,
    ) -> Range | None:
        """A key the node's table has no clean range for: keywords, then the property rules."""
        if key[:1] == "@" or key in _NODE_KEYWORDS:
            self.keyword(key, value, pointer, top_of_document, skip_graph)
            return None
        c = self.c
        rule = c.range(key)
        if rule is None:
            return None  # another vocabulary's term: not ours to check
        where = _join(pointer, c.escape(key))
        reported = self.call(c.property_checks, where, node_id, label, key, rule or None, types, label or "")
        if rule is False:
            return None  # no such property: its values are not judged
        if not reported and len(table) < 2000:
            table[key] = rule
        return rule

    def keyword(self, key: str, value: Any, pointer: str | None, top_of_document: bool, skip_graph: bool) -> None:
        """A keyword (or ``id``/``type``) as a node's key: walk what it holds, or hand over to pyld."""
        if key == "@context" and not top_of_document and not _same_context(value):
            raise _General  # a nested context changes what terms mean
        if key in _IGNORED_KEYWORDS:
            if key == "@graph" and not skip_graph:
                self.graph_in_node(value, pointer)
            elif key == "@included":
                for i, item in enumerate(value if isinstance(value, list) else [value]):
                    self.node(item, _join(pointer, f"@included/{i}"), top=True)
        elif key == "@reverse" and not self.pointers:  # expanded: {property IRI: [nodes]}
            self.reverse(value)
        elif key in _GENERAL_KEYS:
            raise _General
        # any other keyword-like key: JSON-LD ignores it

    def reverse(self, value: Any) -> None:
        """The nodes of an expanded ``@reverse``: checked as nodes (the property's direction is not)."""
        if not isinstance(value, dict):
            return
        for items in value.values():
            for item in items if isinstance(items, list) else [items]:
                if isinstance(item, dict) and "@value" not in item:
                    self.node(item, None)

    def graph_in_node(self, value: Any, pointer: str | None) -> None:
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            self.node(item, _join(pointer, f"@graph/{i}"), top=True)

    def types(self, value: Any, pointer: str | None, node_id: str | None) -> tuple[tuple[str, ...], str]:
        """The node's schema.org types and their label; the type rules called on each."""
        c = self.c
        key = value if type(value) is str else _types_key(value)
        if key is not None:
            cached = c.clean_types.get(key)
            if cached is not None:
                return cached
        before = len(self.found)
        found = self._types(value, pointer, node_id)
        if key is not None and len(self.found) == before and len(c.clean_types) < 10_000:
            c.clean_types[key] = found
        return found

    def _types(self, value: Any, pointer: str | None, node_id: str | None) -> tuple[tuple[str, ...], str]:
        c = self.c
        many = isinstance(value, list)
        names: list[str] = []
        for i, item in enumerate(value if many else [value]):
            where = _join(pointer, f"@type/{i}" if many else "@type")
            if not isinstance(item, str):
                self.problem("type-not-string", where, node_id)
                continue
            local = c.type_name(item)
            if local is None:
                continue  # another vocabulary's type
            names.append(local)
            self.call(c.type_checks, where, node_id, local, local)
        return tuple(names), "/".join(names) if names else ""

    # --- values ---------------------------------------------------------------------------------

    def value(
        self,
        item: Any,
        rule: Range,
        base: str | None,
        key: str,
        index: int | None,
        node_id: str | None,
        label: str | None,
    ) -> None:
        """Check one value of property ``key`` (at ``base``/key[/index]) against the rule's range."""
        if rule is _KEYWORD:
            return
        kind = type(item)
        if kind is dict:
            self.dict_value(item, rule, base, key, index, node_id, label)
        elif kind is list:
            pointer = self.c.pointer(base, key, index)
            for i, inner in enumerate(item):
                self.value(inner, rule, pointer, str(i), None, node_id, label)
        elif kind is str:
            if not (rule.str_ok or rule.str_match(item)):
                self.call(self.c.literal_checks, self.c.pointer(base, key, index), node_id, label, item, rule)
        elif item is not None and not rule.any_ok and not (kind is bool and rule.boolean_fine):
            self.call(self.c.literal_checks, self.c.pointer(base, key, index), node_id, label, item, rule)

    def dict_value(
        self,
        item: dict[str, Any],
        rule: Range,
        base: str | None,
        key: str,
        index: int | None,
        node_id: str | None,
        label: str | None,
    ) -> None:
        """A JSON object as a value: a reference, a value object, a list or set, or a node."""
        if base is None:
            pointer = None
        else:
            escaped = self.c.escaped.get(key) or self.c.escape(key)
            pointer = f"{base}/{escaped}" if index is None else f"{base}/{escaped}/{index}"
        keys = item.keys()
        if len(item) == 1 and ("@id" in keys or "id" in keys):
            ref = item.get("@id", item.get("id"))
            if isinstance(ref, str):
                self.index.refs.append(Reference(ref, rule, base, key, index, self.doc, node_id, label))
            else:
                self.problem("reference-id-not-string", pointer, node_id, label)
            return
        if "@value" in keys:
            inner = item["@value"]
            if "@type" in keys or inner is None or isinstance(inner, dict):
                return  # a typed literal says what it is
            self.value(inner, rule, pointer, "@value", None, node_id, label)
            return
        if "@list" in keys or "@set" in keys:
            name = "@list" if "@list" in keys else "@set"
            items = item[name]
            for i, inner in enumerate(items if isinstance(items, list) else [items]):
                self.value(inner, rule, pointer, name, i, node_id, label)
            return
        info = self.node(item, pointer)
        if info is not None:
            self.call(self.c.nested_checks, pointer, node_id, label, info.types, rule)


_new_tuple = tuple.__new__  # NodeInfo(...) without the Python-level __new__ of a NamedTuple
_ID_TYPES = frozenset((str, type(None)))  # what an @id may be (None: no @id)
_NUMBERS = frozenset((int, float))  # JSON numbers (not bool)

_KEYWORD = Range("@keyword", None, None, any_ok=True, str_ok=True)


_NAMED = 5  # the unchecked nodes a warning names (then how many more)
_REFERENCE_KEYS = frozenset(("@id", "id", "@context"))


def unchecked(data: Any) -> str:
    """The nodes of a document a third-party context leaves unchecked, in words: each by its
    ``@type`` and ``@id`` as written (a context we cannot read says what neither means)."""
    names: list[str] = []
    count = 0
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
            continue
        if not isinstance(item, dict) or "@value" in item:
            continue
        kind, ident = item.get("@type", item.get("type")), item.get("@id", item.get("id"))
        if item.keys() - _REFERENCE_KEYS:  # a node: more than a reference
            count += 1
            if len(names) < _NAMED:
                label = "/".join(str(t) for t in kind) if isinstance(kind, list) else str(kind or "a node")
                names.append(f"{label} <{ident}>" if isinstance(ident, str) else label)
        stack.extend(reversed([v for k, v in item.items() if k != "@context" and isinstance(v, dict | list)]))
    if not count:
        return "no node left unchecked"
    more = f" and {count - len(names)} more" if count > len(names) else ""
    return f"{count} node{'s' if count > 1 else ''} left unchecked: {', '.join(names)}{more}"


class _General(Exception):
    """The document needs JSON-LD's general algorithms."""


def _same_context(ctx: Any) -> bool:
    """True for a context that is schema.org's again (repeated in nested nodes by some plugins)."""
    return context_kind(ctx, inline=False)[0] == SCHEMA_CONTEXT


def _types_key(value: Any) -> tuple[str, ...] | None:
    """An array of @type strings as a key of the clean-types cache (None: not one)."""
    if type(value) is list and len(value) < 8 and all(type(item) is str for item in value):
        return tuple(value)
    return None


def _join(pointer: str | None, part: str) -> str | None:
    return None if pointer is None else f"{pointer}/{part}"


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
