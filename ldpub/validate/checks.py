"""JSON-LD and vocabulary checks, walking compact schema.org JSON-LD directly.

The hot path reads the document as the publisher wrote it: ``@context`` schema.org (http or
https, any spelling), nodes in ``@graph``, arrays or nested, ``@type`` a string or an array.
Every property key and ``@type`` is resolved once per process through the context's term
table and cached with its vocabulary answers (known? superseded? what range?), so checking a
node is a few dict lookups per property. Documents of any other shape (inline contexts,
``@reverse``, ``@nest``, nested contexts) are expanded by pyld with the offline loader and the
expanded form is walked by the same code; their findings carry the node, not a pointer.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from ldpub.context import SCHEMA, expand_iri, is_schema_context, offline_document_loader, terms
from ldpub.errors import LdpubError, RemoteContextError, first_line, ldpub_error_in
from ldpub.validate.ranges import (
    MISSING,
    Rule,
    hint,
    literal_problem,
    make_rule,
    node_type_problem,
    string_problem,
)
from ldpub.validate.vocab import SCHEMA_HTTPS, Vocabulary, vocabulary

_ACTION_ANNOTATION = re.compile(r"^(.+)-(input|output)$")  # schema.org Actions: "query-input": "required name=q"
_SAFE_CONTEXT_KEYS = frozenset(("@language", "@base", "@version", "@direction"))
# Keys that need JSON-LD's general algorithms: the document goes to pyld.
_GENERAL_KEYS = frozenset(("@reverse", "@nest", "@context"))
_NODE_KEYWORDS = frozenset(("@id", "id", "@type", "type", "@context", "@graph", "@included", "@index"))

Raw = tuple[str, str, str | None, str | None, str | None]  # code, message, pointer, node id, node type


class NodeInfo(NamedTuple):
    """A node object met in a page: what profiles and reference checks need (a tuple: cheap to make)."""

    node: dict[str, Any]
    types: tuple[str, ...]  # schema.org local names
    pointer: str | None
    doc: int  # index of its document in the page
    top: bool  # at the top level of a document or its @graph


class PageIndex:
    """Every node of a page's documents, and who describes which @id."""

    __slots__ = ("_by_object", "by_id", "nodes", "refs")

    def __init__(self) -> None:
        self.nodes: list[NodeInfo] = []
        self.by_id: dict[str, list[NodeInfo]] = {}
        # (the @id, the property's rule, node pointer, key, index, document, referring node's id and type)
        self.refs: list[tuple[str, Rule | None, str | None, str, int | None, int, str | None, str | None]] = []
        self._by_object: dict[int, NodeInfo] | None = None

    def merge(self, other: PageIndex) -> None:
        self.nodes.extend(other.nodes)
        self.refs.extend(other.refs)
        for key, infos in other.by_id.items():
            self.by_id.setdefault(key, []).extend(infos)

    def resolve(self, value: Any) -> NodeInfo | None:
        """The node a value is, or refers to by @id within the page (None: text, or not in the page)."""
        if isinstance(value, dict):
            ref = value.get("@id", value.get("id"))
            if len(value) == 1 and isinstance(ref, str):
                found = self.by_id.get(ref)
                return found[0] if found else None
            if len(self.nodes) < 64:  # a typical page: a scan is cheaper than building a map
                for info in self.nodes:
                    if info.node is value:
                        return info
                return None
            if self._by_object is None:
                self._by_object = {id(info.node): info for info in self.nodes}
            return self._by_object.get(id(value))
        if isinstance(value, str):
            found = self.by_id.get(value)
            return found[0] if found else None
        return None


class Checker:
    """JSON-LD and vocabulary checks; one per process (its caches grow with the terms met)."""

    def __init__(self, vocab: Vocabulary | None = None) -> None:
        self.vocab = vocab or vocabulary()
        self.terms = terms()
        self.rules: dict[str, Rule | None] = {}  # key -> rule (None: a term of another vocabulary)
        self.types: dict[str, str | None] = {}  # @type value -> schema.org local name (None: other vocabulary)
        self.escaped: dict[str, str] = {}
        # node types -> property key -> its rule, for keys with nothing to report on such a node
        self.clean: dict[tuple[str, ...], dict[str, Rule]] = {}
        self.clean_types: dict[str, tuple[tuple[str, ...], str]] = {}  # a @type string with nothing to report

    # --- a page: documents → raw findings + index ---------------------------------------------

    def check_page(self, docs: list[Any]) -> tuple[list[list[Raw]], PageIndex]:
        """Check the parsed JSON of a page's documents; findings per document, and the page's index."""
        index = PageIndex()
        out: list[list[Raw]] = []
        for i, data in enumerate(docs):
            raw: list[Raw] = []
            out.append(raw)
            if data is None:
                continue
            single = len(docs) == 1
            attempt = index if single else PageIndex()  # one document (the common case): no merge
            walk = _Walk(self, raw, attempt, i)
            try:
                if not walk.fast_document(data):
                    raw.clear()
                    attempt = PageIndex()
                    if single:
                        index = attempt
                    walk = _Walk(self, raw, attempt, i)
                    try:
                        self._general(data, walk)
                    except _General:  # a shape the expanded walk does not know: said, never a traceback
                        raw.append(("LD011", "a JSON-LD shape ldpub cannot check", "", None, None))
            except RecursionError:  # nodes nested hundreds deep: no publisher writes that
                raw.clear()
                raw.append(("LD011", "nodes nested too deeply to check (hundreds of levels)", "", None, None))
                attempt = PageIndex()
                if single:
                    index = attempt
            if not single:
                index.merge(attempt)
        self._references(index, out)
        return out, index

    def _general(self, data: Any, walk: _Walk) -> None:
        """Expand with pyld (offline loader), then walk the expanded form."""
        from pyld import jsonld  # the general algorithms: imported when a document needs them

        try:
            expanded = jsonld.expand(data, {"documentLoader": offline_document_loader})
        except jsonld.JsonLdError as exc:
            error = ldpub_error_in(exc) or exc
            if isinstance(error, RemoteContextError):
                walk.raw.append(("LD010", error.message, "/@context", None, None))
            else:
                walk.raw.append(("LD011", f"not valid JSON-LD: {first_line(exc)}", "", None, None))
            return
        except LdpubError as exc:
            code = "LD010" if isinstance(exc, RemoteContextError) else "LD011"
            walk.raw.append((code, exc.message, "/@context", None, None))
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

    def _references(self, index: PageIndex, out: list[list[Raw]]) -> None:
        """Dangling references, and the type of the node a reference points to."""
        by_id = index.by_id
        for ref, rule, base, key, i, doc, node_id, node_type in index.refs:
            found = by_id.get(ref)
            if found is not None:
                if rule is None or rule.any_node or not rule.nodes or rule.any_ok or not found[0].types:
                    continue
                problem = rule.type_problems.get(found[0].types, MISSING)
                if problem is MISSING:
                    problem = node_type_problem(self.vocab, found[0].types, rule)
                if problem:
                    out[doc].append(("LD023", problem, self.pointer(base, key, i), node_id, node_type))
                continue
            pointer = self.pointer(base, key, i)
            if found is None:
                if ref.startswith("_:"):
                    out[doc].append(
                        (
                            "LD013",
                            f"reference to blank node {ref} that no node in the page describes",
                            pointer,
                            node_id,
                            node_type,
                        )
                    )
                elif rule is None or not rule.url_ok:
                    out[doc].append(
                        (
                            "LD014",
                            f"reference to {ref} that no node in the page describes (define it, or link by URL)",
                            pointer,
                            node_id,
                            node_type,
                        )
                    )
                continue

    # --- resolution, cached --------------------------------------------------------------------

    def rule(self, key: str) -> Rule | Literal[False] | None:
        """The rule for a property key; None for another vocabulary's term; False for an unknown term."""
        cached: Rule | Literal[False] | None = self.rules.get(key, False)
        if cached is not False:
            return cached
        term = self.terms.get(key)
        if term is not None:
            iri, coerce = term.iri, term.coerce
        else:
            iri, coerce = expand_iri(key, vocab=True), None
        local = _schema_local(iri)
        if local is None:
            self.rules[key] = None
            return None
        prop = self.vocab.properties.get(local)
        if prop is None:
            return False  # not cached: the miss path reports it, and misses are rare
        rule = make_rule(self.vocab, prop, coerce)
        if len(self.rules) < 50_000:
            self.rules[key] = rule
        return rule

    def type_name(self, value: str) -> str | None:
        """The schema.org local name of a @type value (None: another vocabulary's type)."""
        found = self.types.get(value, False)
        if found is not False:
            return found  # type: ignore[return-value]
        term = self.terms.get(value)
        iri = term.iri if term is not None else expand_iri(value, vocab=True)
        local = _schema_local(iri)
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
            found = key.replace("~", "~0").replace("/", "~1")
            if len(self.escaped) < 50_000:
                self.escaped[key] = found
        return found


class _Walk:
    """One document's walk: appends raw findings, fills the page index."""

    def __init__(self, checker: Checker, raw: list[Raw], index: PageIndex, doc: int) -> None:
        self.c = checker
        self.raw = raw
        self.index = index
        self.doc = doc
        self.pointers = True

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
            self.raw.append(("LD011", "a JSON-LD document is an object or an array of objects", pointer, None, None))
            return
        has_context = inherited
        if "@context" in data:
            if not self.context(data["@context"], pointer + "/@context"):
                return
            has_context = True
        graph = data.get("@graph")
        if not has_context and isinstance(graph, list) and data.keys() == {"@graph"}:
            # {"@graph": [{"@context": …, …}, …]}: each node brings its own context (valid JSON-LD)
            for i, node in enumerate(graph):
                self.top(node, f"{pointer}/@graph/{i}", inherited=False)
            return
        if not has_context:
            self.raw.append(
                ("LD012", 'no "@context": add "@context": "https://schema.org"', pointer, _str(data.get("@id")), None)
            )
            return
        if graph is not None:
            items = graph if isinstance(graph, list) else [graph]
            base = pointer + "/@graph"
            for i, node in enumerate(items):
                where = f"{base}/{i}" if isinstance(graph, list) else base
                if isinstance(node, dict) and "@context" in node and not _same_context(node["@context"]):
                    raise _General
                self.node(node, where, top=True, top_of_document=True)
            if len(data) > (2 if "@context" in data else 1):
                self.node(data, pointer, top=True, skip_graph=True, top_of_document=True)
            return
        self.node(data, pointer, top=True, top_of_document=True)

    def context(self, ctx: Any, pointer: str) -> bool:
        """True for a schema.org context; a finding (False) for a remote one; _General for the rest."""
        for item in ctx if isinstance(ctx, list) else [ctx]:
            if isinstance(item, str):
                if is_schema_context(item):
                    continue
                self.raw.append(
                    (
                        "LD010",
                        f"remote @context {item!r} refused: ldpub never fetches remote documents "
                        "(only schema.org's context is known)",
                        pointer,
                        None,
                        None,
                    )
                )
                return False
            if isinstance(item, dict):
                vocab = item.get("@vocab")
                plain = item.keys() <= _SAFE_CONTEXT_KEYS
                schema_vocab = vocab in (SCHEMA, SCHEMA_HTTPS) and item.keys() - {"@vocab"} <= _SAFE_CONTEXT_KEYS
                if (plain or schema_vocab) and "@base" not in item:
                    continue
            raise _General
        return True

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
            if top:
                self.raw.append(("LD011", "a node is a JSON object", pointer, None, None))
            return None
        c = self.c
        get = node.get
        node_id = get("@id")
        if node_id is None:
            node_id = get("id")
        if node_id is not None and type(node_id) is not str:
            message = f"@id must be a string, not {type(node_id).__name__}"
            self.raw.append(("LD011", message, _join(pointer, "@id"), None, None))
            node_id = None
        type_value = get("@type")
        if type_value is None:
            type_value = get("type")
        if type_value is None:
            types: tuple[str, ...] = ()
            label: str | None = None
        else:
            cached = c.clean_types.get(type_value) if type(type_value) is str else None
            types, label = cached if cached is not None else self.types(type_value, pointer, node_id)
        doc = self.doc
        info = _new_tuple(NodeInfo, (node, types, pointer, doc, top))
        index = self.index
        index.nodes.append(info)
        if node_id is not None and len(node) > 1 and not (len(node) == 2 and "@context" in node):
            same = index.by_id.get(node_id)
            if same is None:
                index.by_id[node_id] = [info]
            else:
                same.append(info)
        table = c.clean.get(types)
        if table is None:
            # @id and @type strings pass the value loop untouched; their checks were made above
            table = c.clean[types] = {"@id": _KEYWORD, "@type": _KEYWORD, "id": _KEYWORD, "type": _KEYWORD}
        refs = index.refs
        for key, value in node.items():
            rule = table.get(key)
            if rule is None:
                rule = self.slow_key(
                    key, value, node, types, label, pointer, node_id, table, top_of_document, skip_graph
                )
                if rule is None:
                    continue
            kind = type(value)
            if kind is str:
                if rule.str_ok or rule.str_match(value):
                    continue
            elif kind is list:
                for i, item in enumerate(value):
                    kind = type(item)
                    if kind is str:
                        if rule.str_ok or rule.str_match(item):
                            continue
                    elif kind is dict:
                        if len(item) == 1:
                            ref = item.get("@id")
                            if type(ref) is str:
                                refs.append((ref, rule, pointer, key, i, doc, node_id, label))
                                continue
                        elif "@type" in item and "@value" not in item and pointer is not None and rule.nodes:
                            self.nested(
                                item, rule, f"{pointer}/{c.escaped.get(key) or c.escape(key)}/{i}", node_id, label
                            )
                            continue
                    self.value(item, rule, pointer, key, i, node_id, label)
                continue
            elif kind is dict:
                if len(value) == 1:
                    ref = value.get("@id")
                    if type(ref) is str:
                        refs.append((ref, rule, pointer, key, None, doc, node_id, label))
                        continue
                elif "@type" in value and "@value" not in value and pointer is not None and rule.nodes:
                    self.nested(value, rule, f"{pointer}/{c.escaped.get(key) or c.escape(key)}", node_id, label)
                    continue
            elif (kind is int or kind is float) and rule.number_fine:
                continue
            self.value(value, rule, pointer, key, None, node_id, label)
        return info

    def nested(self, value: dict[str, Any], rule: Rule, pointer: str, node_id: str | None, label: str | None) -> None:
        """A typed node as a property's value: walk it, then check its type against the range."""
        child = self.node(value, pointer)
        if child is not None and child.types and not rule.any_node and not rule.any_ok:
            problem = rule.type_problems.get(child.types, MISSING)
            if problem is MISSING:
                problem = node_type_problem(self.c.vocab, child.types, rule)
            if problem:
                self.raw.append(("LD023", problem, pointer, node_id, label))

    def slow_key(
        self,
        key: str,
        value: Any,
        node: dict[str, Any],
        types: tuple[str, ...],
        label: str | None,
        pointer: str | None,
        node_id: str | None,
        table: dict[str, Rule],
        top_of_document: bool,
        skip_graph: bool,
    ) -> Rule | None:
        """A key the node's table has no clean rule for: keywords, unknown terms, domain, supersession."""
        c = self.c
        if key[:1] == "@" or key in _NODE_KEYWORDS:
            if key == "@context" and not top_of_document and not _same_context(value):
                raise _General  # a nested context changes what terms mean
            if key in _NODE_KEYWORDS or key in ("@language", "@value"):
                if key == "@graph" and not skip_graph:
                    self.graph_in_node(value, pointer)
                elif key == "@included":
                    for i, item in enumerate(value if isinstance(value, list) else [value]):
                        self.node(item, _join(pointer, f"@included/{i}"), top=True)
                return None
            if key == "@reverse" and not self.pointers:  # expanded: {property IRI: [nodes]}
                self.reverse(value)
                return None
            if key in _GENERAL_KEYS or key in ("@list", "@set"):
                raise _General
            return None  # a keyword-like key: JSON-LD ignores it
        rule = c.rule(key)
        if rule is False:
            annotation = _ACTION_ANNOTATION.match(key)
            if annotation and c.rule(annotation.group(1)) not in (False, None):
                return None  # a property annotation of a potential action, not a property
            self.unknown_property(key, pointer, node_id, label)
            return None
        if rule is None:
            return None  # another vocabulary's term: not ours to check
        vocab = c.vocab
        prop = rule.prop
        clean = True
        if types and prop is not None and prop.domains:
            known = [t for t in types if t in vocab.ancestors]
            # A Role stands between a node and a value and takes the outer property's name (schema.org's Role pattern).
            if (
                known
                and not any(vocab.in_domain(t, rule.name) for t in known)
                and not vocab.any_is_a(tuple(known), ("Role",))
            ):
                clean = False
                self.raw.append(
                    (
                        "LD022",
                        f"{rule.name} is not a property of {label}"
                        f" (schema.org expects it on {', '.join(sorted(prop.domains))})",
                        _join(pointer, c.escape(key)),
                        node_id,
                        label,
                    )
                )
        if prop is not None and prop.superseded_by is not None:
            clean = False
            message = f"{rule.name} is superseded by {prop.superseded_by}"
            self.raw.append(("LD025", message, _join(pointer, c.escape(key)), node_id, label))
        if clean and len(table) < 2000:
            table[key] = rule
        return rule

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
        """The node's schema.org types and their label; findings for unknown or superseded ones."""
        c = self.c
        key = value if type(value) is str else None
        if key is not None:
            cached = c.clean_types.get(key)
            if cached is not None:
                return cached
        before = len(self.raw)
        found = self._types(value, pointer, node_id)
        if key is not None and len(self.raw) == before and len(c.clean_types) < 10_000:
            c.clean_types[key] = found
        return found

    def _types(self, value: Any, pointer: str | None, node_id: str | None) -> tuple[tuple[str, ...], str]:
        c = self.c
        items = value if isinstance(value, list) else [value]
        names: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str):
                where = _join(pointer, "@type" if not isinstance(value, list) else f"@type/{i}")
                self.raw.append(("LD011", "@type must be a string or an array of strings", where, node_id, None))
                continue
            local = c.type_name(item)
            if local is None:
                continue  # another vocabulary's type
            names.append(local)
            vocab = c.vocab
            if local not in vocab.ancestors:
                where = _join(pointer, "@type" if not isinstance(value, list) else f"@type/{i}")
                suggestion = hint(vocab.suggest_type(local))
                self.raw.append(("LD020", f"unknown schema.org type {local!r}{suggestion}", where, node_id, local))
            elif local in vocab.superseded:
                where = _join(pointer, "@type" if not isinstance(value, list) else f"@type/{i}")
                self.raw.append(
                    ("LD025", f"type {local} is superseded by {vocab.superseded[local]}", where, node_id, local)
                )
        return tuple(names), "/".join(names) if names else ""

    def unknown_property(self, key: str, pointer: str | None, node_id: str | None, label: str | None) -> None:
        c = self.c
        term = c.terms.get(key)
        local = _schema_local(term.iri if term is not None else expand_iri(key, vocab=True)) or key
        if local in c.vocab.types:
            message = f"{local!r} is a schema.org type, not a property"
        else:
            message = f"unknown schema.org property {local!r}{hint(c.vocab.suggest_property(local))}"
        self.raw.append(("LD021", message, _join(pointer, c.escape(key)), node_id, label or None))

    def value(
        self,
        item: Any,
        rule: Rule,
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
        if kind is str:
            if rule.str_ok or rule.str_match(item):
                return
            problem = string_problem(self.c.vocab, item, rule)
            if problem is not None:
                self.raw.append((problem[0], problem[1], self.c.pointer(base, key, index), node_id, label))
            return
        if kind is dict:
            if base is None:
                pointer = None
            else:
                escaped = self.c.escaped.get(key) or self.c.escape(key)
                pointer = f"{base}/{escaped}" if index is None else f"{base}/{escaped}/{index}"
            keys = item.keys()
            if len(item) == 1 and ("@id" in keys or "id" in keys):
                ref = item.get("@id", item.get("id"))
                if isinstance(ref, str):
                    self.index.refs.append((ref, rule, base, key, index, self.doc, node_id, label))
                else:
                    self.raw.append(("LD011", "@id must be a string", pointer, node_id, label))
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
            if info is None:
                return
            if not rule.nodes and not rule.any_ok:
                self.raw.append(("LD023", f"a node where {rule.expected} is expected", pointer, node_id, label))
                return
            if info.types and not rule.any_ok and not rule.any_node:
                mismatch = rule.type_problems.get(info.types, MISSING)
                if mismatch is MISSING:
                    mismatch = node_type_problem(self.c.vocab, info.types, rule)
                if mismatch:
                    self.raw.append(("LD023", mismatch, pointer, node_id, label))
            return
        if kind is list:
            pointer = self.c.pointer(base, key, index)
            for i, inner in enumerate(item):
                self.value(inner, rule, pointer, str(i), None, node_id, label)
            return
        if item is None or rule.any_ok:
            return
        problem = literal_problem(item, rule)
        if problem is not None:
            self.raw.append((problem[0], problem[1], self.c.pointer(base, key, index), node_id, label))


_new_tuple = tuple.__new__  # NodeInfo(...) without the Python-level __new__ of a NamedTuple

_KEYWORD = Rule("@keyword", None, None, any_ok=True, str_ok=True)


class _General(Exception):
    """The document needs JSON-LD's general algorithms."""


def _same_context(ctx: Any) -> bool:
    """True for a context that is schema.org's again (repeated in nested nodes by some plugins)."""
    items = ctx if isinstance(ctx, list) else [ctx]
    return all(isinstance(item, str) and is_schema_context(item) for item in items)


def _join(pointer: str | None, part: str) -> str | None:
    return None if pointer is None else f"{pointer}/{part}"


def _schema_local(iri: str) -> str | None:
    if iri.startswith(SCHEMA):
        return iri[len(SCHEMA) :] or None
    if iri.startswith(SCHEMA_HTTPS):
        return iri[len(SCHEMA_HTTPS) :] or None
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
