"""Vocabulary: types, properties and values against the schema.org release pinned in ``vocab/``."""

from __future__ import annotations

import re
from typing import Any

from ldpub.context import schema_name, term_iri
from ldpub.validate.ranges import NOT_A_NODE, OUT_OF_RANGE, Range, hint, literal_problem, node_type_problem
from ldpub.validate.ranges import string_problem as _string_problem
from ldpub.validate.rules.registry import Rule, register

_ACTION_ANNOTATION = re.compile(r"^(.+)-(input|output)$")  # schema.org Actions: "query-input": "required name=q"


@register
class UnknownType(Rule):
    """unknown schema.org type (with a did-you-mean suggestion)"""

    code = "LD020"
    severity = "error"

    def check_type(self, local: str) -> str | None:
        if local in self.vocab.ancestors:
            return None
        return f"unknown schema.org type {local!r}{hint(self.vocab.suggest_type(local))}"


@register
class UnknownProperty(Rule):
    """unknown schema.org property (with a did-you-mean suggestion)

    A key that names no schema.org property, unless it annotates one of a potential action
    (``query-input``)."""

    code = "LD021"
    severity = "error"

    def check_property(self, key: str, range: Range | None, types: tuple[str, ...], label: str) -> str | None:
        if range is not None:
            return None
        vocab = self.vocab
        annotation = _ACTION_ANNOTATION.match(key)
        if annotation and schema_name(term_iri(annotation.group(1))[0]) in vocab.properties:
            return None  # a property annotation of a potential action, not a property
        local = schema_name(term_iri(key)[0]) or key
        if local in vocab.types:
            return f"{local!r} is a schema.org type, not a property"
        return f"unknown schema.org property {local!r}{hint(vocab.suggest_property(local))}"

    def node_type(self, label: str | None) -> str | None:
        return label or None


@register
class OutOfDomain(Rule):
    """a property used on a type outside its domain (schema:domainIncludes, with subclasses)

    A Role stands between a node and a value and takes the outer property's name (schema.org's
    Role pattern): it is not judged."""

    code = "LD022"
    severity = "error"

    def check_property(self, key: str, range: Range | None, types: tuple[str, ...], label: str) -> str | None:
        prop = range.prop if range is not None else None
        if not types or prop is None or not prop.domains:
            return None
        vocab = self.vocab
        known = [t for t in types if t in vocab.ancestors]
        if not known or any(vocab.in_domain(t, prop.name) for t in known) or vocab.any_is_a(tuple(known), ("Role",)):
            return None
        return f"{prop.name} is not a property of {label} (schema.org expects it on {', '.join(sorted(prop.domains))})"


@register
class OutOfRange(Rule):
    """a value outside the property's range (data type, enumeration member or node type)"""

    code = "LD023"
    severity = "error"

    def check_literal(self, value: Any, range: Range) -> str | None:
        problem = _string_problem(self.vocab, value, range) if isinstance(value, str) else literal_problem(value, range)
        return problem[1] if problem is not None and problem[0] == OUT_OF_RANGE else None

    def check_nested(self, types: tuple[str, ...], range: Range) -> str | None:
        if not range.nodes and not range.any_ok:
            return f"a node where {range.expected} is expected"
        if not types or range.any_ok or range.any_node:
            return None
        return node_type_problem(self.vocab, types, range)

    def check_reference(self, types: tuple[str, ...], range: Range) -> str | None:
        if not types or range.any_node or not range.nodes or range.any_ok:
            return None  # a reference where no node is expected is a URL: fine
        return node_type_problem(self.vocab, types, range)


@register
class TextForNode(Rule):
    """text (or a number) where a node is expected: schema.org accepts it, consumers may not"""

    code = "LD024"
    severity = "warning"

    def check_literal(self, value: Any, range: Range) -> str | None:
        problem = _string_problem(self.vocab, value, range) if isinstance(value, str) else literal_problem(value, range)
        return problem[1] if problem is not None and problem[0] == NOT_A_NODE else None


@register
class Superseded(Rule):
    """a term superseded in the vocabulary (schema:supersededBy)"""

    code = "LD025"
    severity = "warning"

    def check_type(self, local: str) -> str | None:
        vocab = self.vocab
        if local in vocab.ancestors and local in vocab.superseded:
            return f"type {local} is superseded by {vocab.superseded[local]}"
        return None

    def check_property(self, key: str, range: Range | None, types: tuple[str, ...], label: str) -> str | None:
        prop = range.prop if range is not None else None
        if prop is None or prop.superseded_by is None:
            return None
        return f"{prop.name} is superseded by {prop.superseded_by}"
