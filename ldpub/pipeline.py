"""The spine: record → checked → schema.org JSON-LD → checked → RDF, in one call.

:func:`build` touches no file system beyond reading a record given by path; writing is
the caller's (or the CLI's) business.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jsonschema_rs
import orjson

from ldpub.errors import InputError, Location, os_problem, pointer
from ldpub.mapping import entity_base, map_graph
from ldpub.rdf import PREFIXES, jsonld_to_nquads, nquads_to_turtle
from ldpub.record import Record, RecordInvalid, check_record, load_record, parse_record, recommended_problems
from ldpub.resources import resource_path

if TYPE_CHECKING:
    from ldpub.newsroom import Settings

GRAPH_SCHEMA = "article-graph.schema.json"


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """Something a record lacks that it should have (a value, not an error): where, and what."""

    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Article:
    """One built article: its compact JSON-LD graph, and that graph as RDF."""

    url: str
    jsonld: dict[str, Any]
    entity_prefix: str | None = None  # IRIs of shared entities start with it: `entity:` in Turtle
    warnings: tuple[BuildWarning, ...] = ()  # what the record lacks that is recommended
    _nquads: list[str] = field(default_factory=list, repr=False)

    def to_json(self, *, indent: bool = True) -> str:
        """The JSON-LD document as text (deterministic: same record, same bytes)."""
        option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
        return orjson.dumps(self.jsonld, option=option).decode("utf-8")

    def nquads(self) -> str:
        """The graph as N-Quads (triples in the default graph), one per line."""
        if not self._nquads:
            self._nquads.append(jsonld_to_nquads(self.jsonld))
        return self._nquads[0]

    def turtle(self) -> str:
        """The graph as Turtle with ``schema:`` and ``xsd:`` prefixes."""
        prefixes = dict(PREFIXES)
        if self.entity_prefix:
            prefixes["entity"] = self.entity_prefix
        return nquads_to_turtle(self.nquads(), prefixes=prefixes)


def build_source(
    source: str, text: str | None = None, *, settings: Settings | None = None, strict: bool = False
) -> Article:
    """Build the record in file ``source``, or the record ``text`` named ``source`` (standard
    input, a request's body): what ``ldpub build`` and ``POST /build`` do with their input.

    A page, a plain text or built output handed in a record's place is an
    :class:`~ldpub.errors.InputError` that names the command to use instead; a file that cannot
    be read is a :class:`~ldpub.errors.UsageError`.
    """
    from ldpub.hints import for_build

    hint = for_build(source, text)
    if hint is not None:
        raise InputError(hint)
    if text is not None:
        return build(parse_record(text, file=source), settings=settings, strict=strict)
    try:
        return build(load_record(source), settings=settings, strict=strict)
    except OSError as exc:
        raise os_problem(exc, source, "read") from None


def build(
    record: str | Path | Record | Mapping[str, Any], *, settings: Settings | None = None, strict: bool = False
) -> Article:
    """Build one article from its record (a path, a :class:`Record` or a mapping).

    ``settings`` are the newsroom's (:func:`ldpub.newsroom.load_settings`): their publisher, site
    and breadcrumb rules fill what the record does not say (:func:`ldpub.newsroom.complete_record`).
    What the record lacks that is recommended (a date, a publisher) is in the article's
    ``warnings``; with ``strict`` it is an error instead.

    Raises :class:`~ldpub.errors.InputError` (a :class:`~ldpub.record.RecordInvalid` listing
    every problem) when the record is malformed or invalid.
    """
    rec = load_record(record)
    check_record(rec)
    data = rec.data
    if settings is not None:
        from ldpub.newsroom import complete_record

        data = complete_record(data, settings.for_host(urlsplit(str(data["url"])).hostname))
        if data is not rec.data:
            check_record(Record(data, rec.file, rec.text))  # the settings' parts, checked with the record
    warnings = tuple(BuildWarning(message, rec.locate(ptr)) for ptr, message in recommended_problems(data))
    if strict and warnings:
        raise RecordInvalid([InputError(w.message, w.location) for w in warnings])
    doc, own = map_graph(data)
    check_graph(doc if own == len(doc["@graph"]) else {**doc, "@graph": doc["@graph"][:own]}, file=rec.file)
    return Article(str(data["url"]), doc, entity_base(data) + "entity/", warnings)


@functools.cache
def _graph_validator() -> Any:
    schema = orjson.loads(resource_path("schemas", GRAPH_SCHEMA).read_bytes())
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def check_graph(doc: Mapping[str, Any], *, file: str | None = None) -> None:
    """Check an emitted document against ``schemas/article-graph.schema.json``.

    A failure here is a mapping bug or a record the record schema let through; either way
    it names the JSON Pointer into the emitted document.
    """
    validator = _graph_validator()
    if validator.is_valid(doc):
        return
    errors = [
        InputError(f"emitted JSON-LD invalid: {e.message}", Location(file, pointer(e.instance_path)))
        for e in validator.iter_errors(doc)
    ]
    raise RecordInvalid(errors)
