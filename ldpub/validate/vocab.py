"""The pinned schema.org release as lookup tables: types, properties, domains, ranges.

Built once per process from ``vocab/schemaorg-current-https.ttl``, or read from
``vocab/schemaorg-index.json``, the same tables written by ``python -m ldpub.validate.vocab``
with the SHA-256 of the Turtle file they come from: reading it takes 10 ms where building takes
200 ms, which every ``ldpub validate`` run paid. An index whose hash does not match the Turtle
file is ignored (the tables are built from the file), and a test checks that the shipped index
equals a fresh build. Every answer the checks need on their hot path is a dict or frozenset
lookup; the per-(type, property) answers are memoised as they are asked.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import orjson
import pyoxigraph as ox

from ldpub.resources import resource_path

INDEX = "schemaorg-index.json"
SCHEMA_HTTPS = "https://schema.org/"
SCHEMA_HTTP = "http://schema.org/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDF_TYPE = _RDF + "type"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# schema.org's data types; a value of one of these is a literal, not a node.
DATA_TYPES = frozenset(
    (
        "Text",
        "URL",
        "Date",
        "DateTime",
        "Time",
        "Number",
        "Integer",
        "Float",
        "Boolean",
        "PronounceableText",
        "CssSelectorType",
        "XPathType",
        "DataType",
    )
)


_MEMO_LIMIT = 100_000  # entries of a memo keyed by the input's types and properties


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    domains: frozenset[str]
    ranges: frozenset[str]
    superseded_by: str | None


class Vocabulary:
    """schema.org terms by local name (``NewsArticle``, ``headline``)."""

    @classmethod
    def from_data(cls, data: dict[str, object]) -> Vocabulary:
        """The tables of :meth:`to_data` back as a vocabulary."""
        self = cls.__new__(cls)
        self._set(
            frozenset(data["types"]),  # type: ignore[call-overload]
            {k: frozenset(v) for k, v in data["ancestors"].items()},  # type: ignore[attr-defined]
            {
                name: Property(name, frozenset(d), frozenset(r), s)
                for name, (d, r, s) in data["properties"].items()  # type: ignore[attr-defined]
            },
            dict(data["superseded"]),  # type: ignore[call-overload]
            {k: frozenset(v) for k, v in data["members"].items()},  # type: ignore[attr-defined]
        )
        return self

    def to_data(self) -> dict[str, object]:
        """The tables as JSON-ready lists and dicts (sorted, so the file is stable)."""
        return {
            "types": sorted(self.types),
            "ancestors": {k: sorted(v) for k, v in sorted(self.ancestors.items())},
            "properties": {
                n: [sorted(p.domains), sorted(p.ranges), p.superseded_by] for n, p in sorted(self.properties.items())
            },
            "superseded": dict(sorted(self.superseded.items())),
            "members": {k: sorted(v) for k, v in sorted(self.members.items())},
        }

    def __init__(self, triples: list[ox.Triple]) -> None:
        classes: set[str] = set()
        superclasses: dict[str, set[str]] = defaultdict(set)
        domains: dict[str, set[str]] = defaultdict(set)
        ranges: dict[str, set[str]] = defaultdict(set)
        instance_of: dict[str, set[str]] = defaultdict(set)
        properties: set[str] = set()
        superseded: dict[str, str] = {}
        # rdf:type objects other than rdfs:Class and rdf:Property: enumeration members, data types
        kinds = {_RDFS + "Class": classes, _RDF + "Property": properties}
        edges = {
            _RDFS + "subClassOf": superclasses,
            SCHEMA_HTTPS + "domainIncludes": domains,
            SCHEMA_HTTPS + "rangeIncludes": ranges,
        }
        for t in triples:
            s = _local(t.subject)
            o = t.object
            if s is None or isinstance(o, ox.Triple):
                continue
            p = t.predicate.value
            if p == _RDF_TYPE and o.value in kinds:
                kinds[o.value].add(s)
                continue
            name = _local(o)
            if name is None:
                continue
            if p == _RDF_TYPE:
                instance_of[s].add(name)
            elif p in edges:
                edges[p][s].add(name)
            elif p == SCHEMA_HTTPS + "supersededBy":
                superseded[s] = name
        classes |= {name for name, types in instance_of.items() if "DataType" in types}
        ancestors = {c: frozenset(_closure(c, superclasses)) for c in classes}
        props = {
            name: Property(name, frozenset(domains[name]), frozenset(ranges[name]), superseded.get(name))
            for name in properties
        }
        self._set(frozenset(classes), ancestors, props, superseded, _members(instance_of, ancestors))

    def _set(
        self,
        types: frozenset[str],
        ancestors: dict[str, frozenset[str]],
        properties: dict[str, Property],
        superseded: dict[str, str],
        members: dict[str, frozenset[str]],
    ) -> None:
        self.types: frozenset[str] = types
        self.ancestors: dict[str, frozenset[str]] = ancestors
        self.properties: dict[str, Property] = properties
        self.superseded: dict[str, str] = superseded
        self.members: dict[str, frozenset[str]] = members
        self._domain_cache: dict[tuple[str, str], bool] = {}
        self._any_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}
        self._descendants: dict[str, frozenset[str]] = {}
        self._sorted_types = sorted(self.types)
        self._sorted_properties = sorted(self.properties)

    def descendants(self, ancestor: str) -> frozenset[str]:
        """``ancestor`` and all its subclasses (memoised)."""
        found = self._descendants.get(ancestor)
        if found is None:
            found = self._descendants[ancestor] = frozenset(t for t, anc in self.ancestors.items() if ancestor in anc)
        return found

    def any_is_a(self, types: tuple[str, ...], ancestors: tuple[str, ...]) -> bool:
        """True when one of ``types`` is one of ``ancestors`` or a subclass of one (memoised)."""
        key = (types, ancestors)
        found = self._any_cache.get(key)
        if found is None:
            if len(self._any_cache) > _MEMO_LIMIT:  # keys come from the input: a service must not grow for ever
                self._any_cache.clear()
            found = self._any_cache[key] = any(self.is_a(t, a) for t in types for a in ancestors)
        return found

    def is_a(self, type_name: str, ancestor: str) -> bool:
        """True when ``type_name`` is ``ancestor`` or one of its subclasses."""
        anc = self.ancestors.get(type_name)
        return anc is not None and ancestor in anc

    def in_domain(self, type_name: str, prop: str) -> bool:
        """True when ``prop`` may be used on ``type_name`` (following the subclass hierarchy)."""
        key = (type_name, prop)
        found = self._domain_cache.get(key)
        if found is None:
            info = self.properties.get(prop)
            anc = self.ancestors.get(type_name, frozenset())
            found = info is None or not info.domains or not anc.isdisjoint(info.domains)
            if len(self._domain_cache) > _MEMO_LIMIT:
                self._domain_cache.clear()
            self._domain_cache[key] = found
        return found

    def suggest_type(self, name: str) -> str | None:
        return _suggest(name, self._sorted_types)

    def suggest_property(self, name: str) -> str | None:
        return _suggest(name, self._sorted_properties)


def _suggest(name: str, choices: list[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.75)
    return close[0] if close else None


def _local(term: object) -> str | None:
    value = getattr(term, "value", "")
    if isinstance(term, ox.NamedNode):
        for ns in (SCHEMA_HTTPS, SCHEMA_HTTP):
            if value.startswith(ns):
                return value[len(ns) :]
    return None


def _members(instance_of: dict[str, set[str]], ancestors: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Each enumeration member → the enumeration types it belongs to (with their ancestors)."""
    enumerations = {c for c, anc in ancestors.items() if "Enumeration" in anc and c != "Enumeration"}
    members: dict[str, frozenset[str]] = {}
    for member, types in instance_of.items():
        found = {a for t in types if t in enumerations for a in ancestors[t]}
        if found:
            members[member] = frozenset(found)
    return members


def _closure(start: str, parents: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


@functools.cache
def vocabulary() -> Vocabulary:
    """The schema.org vocabulary of ``vocab/``, once per process (from its index when it matches)."""
    path = resource_path("vocab", "schemaorg-current-https.ttl")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        index = orjson.loads(resource_path("vocab", INDEX).read_bytes())
    except (FileNotFoundError, orjson.JSONDecodeError):
        index = None
    if isinstance(index, dict) and index.get("source_sha256") == digest:
        return Vocabulary.from_data(index)
    return build_vocabulary(path)


def build_vocabulary(path: Path) -> Vocabulary:
    """The vocabulary built from a schema.org Turtle file."""
    triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    return Vocabulary(triples)


def write_index() -> Path:
    """Write ``vocab/schemaorg-index.json`` for the checkout's Turtle file; return its path."""
    path = resource_path("vocab", "schemaorg-current-https.ttl")
    data = {"source_sha256": hashlib.sha256(path.read_bytes()).hexdigest(), **build_vocabulary(path).to_data()}
    target = path.with_name(INDEX)
    target.write_bytes(orjson.dumps(data) + b"\n")
    return target


if __name__ == "__main__":
    print(write_index())
