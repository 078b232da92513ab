"""What changed in an article's structured data: two documents compared as RDF graphs.

Both sides become RDF (:func:`ldpub.rdf.jsonld_to_nquads`), so JSON ordering, arrays (sets in
JSON-LD), repeated values and the choice between nesting a node and referring to it by ``@id``
make no difference. Nodes with an IRI are matched by IRI; blank nodes by their content and the
node that holds them (:mod:`ldpub.nodegraph`), so a changed blank node reads as its properties
changing, not as one node removed and another added. Each change is a value with a sentence an
editor reads ("headline changed: 'A' → 'B'", "author Jane Doe added").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ldpub.context import SCHEMA
from ldpub.errors import InputError, Location
from ldpub.inputs import Kind as InputKind
from ldpub.inputs import kind_by_name
from ldpub.nodegraph import (
    Graph,
    Term,
    graph_of,
    local_name,
    main_node,
    match_blank_nodes,
    rating_text,
    term_value,
    type_names,
    value_text,
)
from ldpub.nodegraph import label as node_label
from ldpub.utf8 import decode_utf8

__all__ = ["Change", "Diff", "diff", "diff_documents", "load_structured_data"]

Kind = Literal["added", "removed", "changed"]

_RATING_PARTS = ("ratingValue", "alternateName")


# --------------------------------------------------------------------------- loading


def load_structured_data(data: bytes | str, *, source: str) -> Any:
    """One JSON-LD document from an article record (YAML/JSON, built as ``ldpub build`` does),
    a JSON-LD document, or an HTML page (its JSON-LD blocks and microdata; several become a
    JSON-LD array). The kind is told by ``source``'s suffix, else by the content.

    Raises :class:`~ldpub.errors.InputError` naming ``source`` (and the line and column where
    known) for input that is none of these, a record that does not build, or JSON-LD that
    cannot be read as RDF offline (a remote context, say).
    """
    kind = kind_by_name(source)
    head = data.lstrip()[:1] if isinstance(data, str) else data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1].decode("latin-1")
    if kind is InputKind.PAGE or (kind not in (InputKind.RECORD, InputKind.JSONLD) and head == "<"):
        return _checked(_page_data(data, source), source)
    text = _text(data, source)
    if kind is InputKind.RECORD or head not in ("{", "["):
        return _record_data(text, source, "yaml")
    from ldpub.embed import parse_graph

    doc = parse_graph(text, source=source)
    if kind is not InputKind.JSONLD and _looks_like_record(doc):
        return _record_data(text, source, "json")
    return _checked(doc, source)


def _text(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return decode_utf8(data, source)


def _looks_like_record(doc: Any) -> bool:
    """A JSON object with no JSON-LD keyword at its top is an article record."""
    return isinstance(doc, dict) and not any(isinstance(k, str) and k.startswith("@") for k in doc)


def _record_data(text: str, source: str, fmt: str) -> Any:
    from ldpub.pipeline import build
    from ldpub.record import parse_record

    return build(parse_record(text, file=source, format=fmt)).jsonld


def _page_data(data: bytes | str, source: str) -> Any:
    from ldpub.validate.sources import documents_from_bytes

    raw = data.encode("utf-8") if isinstance(data, str) else data
    docs = documents_from_bytes(raw, source, suffix=".html")
    for doc in docs:
        if doc.data is None:
            bad = next((f for f in doc.findings if f.severity == "error"), None)
            if bad is None:  # an empty block: nothing to compare, nothing wrong
                continue
            raise InputError(bad.message, Location(source, line=bad.line, column=bad.column))
    found = [doc.data for doc in docs if doc.data is not None]
    if not found:
        raise InputError("the page has no JSON-LD block or schema.org microdata", Location(source))
    return found[0] if len(found) == 1 else found


def _checked(doc: Any, source: str) -> Any:
    """Fail here, naming the file, on JSON-LD that cannot become RDF (rather than in diff())."""
    from ldpub.rdf import jsonld_to_nquads

    try:
        jsonld_to_nquads(doc)
    except InputError as exc:
        raise type(exc)(exc.message, exc.location.with_file(source)) from None
    return doc


# --------------------------------------------------------------------------- changes


@dataclass(frozen=True)
class Change:
    """One change: a node ``added``/``removed``, or a property's value ``added``/``removed``/``changed``.

    ``node`` is the node's IRI (for a blank node, a readable label); ``property`` is None for a
    whole node; ``old``/``new`` are JSON values (a literal's value, a node's IRI or label, a
    whole node's properties as a mapping); ``message`` says it in words.
    """

    kind: Kind
    node: str
    node_type: str | None
    property: str | None
    old: Any
    new: Any
    message: str
    label: str = ""  # the node as the message names it ("Person Jane Doe")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "node": self.node,
            "node_type": self.node_type,
            "property": self.property,
            "old": self.old,
            "new": self.new,
            "message": self.message,
        }


@dataclass(frozen=True)
class Diff:
    """The changes from an old document to a new one; true when there is at least one."""

    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "changed": 0}
        for c in self.changes:
            out[c.kind] += 1
        return out

    def to_text(self) -> str:
        """One change a line; the empty string when nothing changed."""
        return "".join(c.message + "\n" for c in self.changes)

    def to_json_data(self) -> dict[str, Any]:
        """``{"changed": bool, "counts": {...}, "changes": [Change.to_dict(), ...]}``."""
        return {"changed": bool(self), "counts": self.counts(), "changes": [c.to_dict() for c in self.changes]}

    def to_json(self) -> str:
        """:meth:`to_json_data` as JSON text (UTF-8, indented, ending in a newline)."""
        return json.dumps(self.to_json_data(), ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        """A table for a code review; the empty string when nothing changed."""
        if not self.changes:
            return ""
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items() if n)
        total = len(self.changes)
        lines = [
            f"**Structured data: {total} change{'s' if total != 1 else ''}** ({counts})",
            "",
            "| change | node | what |",
            "| --- | --- | --- |",
        ]
        for c in self.changes:
            lines.append(f"| {c.kind} | {_md(c.label or c.node)} | {_md(c.message)} |")
        return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text for a Markdown table cell: no line breaks, pipes, markup or HTML."""
    out = " ".join(text.split())
    for ch in "\\`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out


# --------------------------------------------------------------------------- diff


def diff_documents(old: tuple[bytes | str, str], new: tuple[bytes | str, str]) -> Diff:
    """What changed from the ``old`` to the ``new`` document, each (its bytes or text, its name),
    read by :func:`load_structured_data`: what ``ldpub diff`` and ``POST /diff`` compare."""
    return diff(load_structured_data(old[0], source=old[1]), load_structured_data(new[0], source=new[1]))


def diff(old: Any, new: Any) -> Diff:
    """Compare two JSON-LD documents as RDF graphs, node by node and property by property.

    Raises :class:`~ldpub.errors.InputError` for a document that cannot be read as RDF offline.
    """
    g_old, g_new = graph_of(old), graph_of(new)
    match_blank_nodes(g_old, g_new)
    return Diff(_Differ(g_old, g_new).changes())


class _Differ:
    def __init__(self, old: Graph, new: Graph) -> None:
        self.old, self.new = old, new
        self.main = main_node(new) or main_node(old)

    def changes(self) -> list[Change]:
        old, new = self.old, self.new
        out: list[Change] = []
        folded = self._folded_blanks()
        for key in sorted(old.nodes | new.nodes, key=self._order):
            if key in folded:
                continue
            if key not in new.nodes:
                out.append(self._whole(key, "removed", old))
            elif key not in old.nodes:
                out.append(self._whole(key, "added", new))
            else:
                out.extend(self._properties(key))
        return out

    def _order(self, key: str) -> tuple[int, str, str, str]:
        g = self.new if key in self.new.nodes else self.old
        return (0 if key == self.main else 1, ", ".join(type_names(g, key)), node_label(g, key).casefold(), key)

    def _folded_blanks(self) -> set[str]:
        """Blank nodes added or removed as one property's value: told as that value, not as a node."""
        folded = set()
        for g, other in ((self.old, self.new), (self.new, self.old)):
            for key in g.nodes - other.nodes:
                held = g.incoming.get(key, [])
                if g.is_blank(key) and len(held) == 1 and held[0][0] in other.nodes:
                    folded.add(key)
        return folded

    def _named(self, g: Graph, key: str) -> str:
        types = type_names(g, key)
        name = node_label(g, key)
        return f"{types[0]} {name}" if types else name

    def _node(self, g: Graph, key: str) -> str:
        return node_label(g, key) if g.is_blank(key) else key

    def _whole(self, key: str, kind: Kind, g: Graph) -> Change:
        props = {local_name(p): sorted((term_value(g, o) for o in objs), key=str) for p, objs in g.props(key).items()}
        named = self._named(g, key)
        return Change(
            kind,
            self._node(g, key),
            ", ".join(type_names(g, key)) or None,
            None,
            props if kind == "removed" else None,
            props if kind == "added" else None,
            f"{named} {kind}",
            named,
        )

    def _properties(self, key: str) -> list[Change]:
        old, new = self.old, self.new
        before, after = old.props(key), new.props(key)
        node = self._node(new, key)
        types = ", ".join(type_names(new, key)) or None
        named = self._named(new, key)
        prefix = "" if key == self.main else named + " "
        skip = _RATING_PARTS if self._review_of(key) else ()
        out: list[Change] = []
        for p in sorted(before.keys() | after.keys(), key=local_name):
            name = local_name(p)
            if name in skip:
                continue  # told on the review
            gone = sorted(before.get(p, set()) - after.get(p, set()))
            came = sorted(after.get(p, set()) - before.get(p, set()))
            if len(gone) == 1 and len(came) == 1 and gone[0].is_literal == came[0].is_literal:
                a, b = value_text(old, gone[0], came[0]), value_text(new, came[0], gone[0])
                was, now = term_value(old, gone[0]), term_value(new, came[0])
                out.append(Change("changed", node, types, name, was, now, f"{prefix}{name} changed: {a} → {b}", named))
                continue
            for t in gone:
                message = f"{prefix}{name} {value_text(old, t)} removed"
                out.append(Change("removed", node, types, name, term_value(old, t), None, message, named))
            for t in came:
                message = f"{prefix}{name} {value_text(new, t)} added"
                out.append(Change("added", node, types, name, None, term_value(new, t), message, named))
            if name == "reviewRating":
                out.extend(self._rating(key, before.get(p, set()) & after.get(p, set()), node, types, named))
        return out

    def _rating(self, review: str, ratings: set[Term], node: str, types: str | None, named: str) -> list[Change]:
        """A review's rating value and name, changed, as one change on the review."""
        out = []
        for t in sorted(ratings):
            if t.kind != "node" or t.value not in self.old.nodes or t.value not in self.new.nodes:
                continue
            was, now = _rating_parts(self.old, t.value), _rating_parts(self.new, t.value)
            if was == now:
                continue
            (v0, n0), (v1, n1) = rating_text(self.old, t.value), rating_text(self.new, t.value)
            message = f"{named} rating {_arrow(v0, v1)}"
            if n0 or n1:
                message += f" ({_arrow(n0, n1)})"
            out.append(Change("changed", node, types, "reviewRating", was, now, message, named))
        return out

    def _review_of(self, rating: str) -> str | None:
        """The review (in both versions) whose rating ``rating`` is."""
        for parent, p in self.new.incoming.get(rating, ()):
            if local_name(p) == "reviewRating" and parent in self.old.nodes:
                return parent
        return None


def _rating_parts(g: Graph, key: str) -> dict[str, Any]:
    props = g.props(key)
    return {name: term_value(g, min(props[SCHEMA + name])) for name in _RATING_PARTS if props.get(SCHEMA + name)}


def _arrow(a: str | None, b: str | None) -> str:
    if a == b:
        return a or ""
    return f"{a or '(none)'} → {b or '(none)'}"
