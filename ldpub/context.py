"""The schema.org JSON-LD context, served offline and processed once per process.

ldpub never fetches a ``@context``: the schema.org context ships in ``vocab/`` and is
served for every spelling of schema.org's address; any other remote context is refused
with :class:`~ldpub.errors.RemoteContextError`.

Processing the 200 KB schema.org context is what makes generic JSON-LD tools slow
(20–200 ms a document), so the term table here is built once and reused by the fast
paths in :mod:`ldpub.rdf` and :mod:`ldpub.validate`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import orjson

from ldpub.errors import Location, RemoteContextError
from ldpub.resources import resource_path

SCHEMA = "http://schema.org/"
"""The namespace schema.org's context maps terms to (its ``@vocab``)."""
_SCHEMA_HTTPS = "https://schema.org/"

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Every address at which a document may name the schema.org context.
SCHEMA_CONTEXT_URLS = frozenset(
    f"{scheme}://{host}{path}"
    for scheme in ("http", "https")
    for host in ("schema.org", "www.schema.org")
    for path in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld")
)


def is_schema_context(url: str) -> bool:
    """True when ``url`` names the schema.org context (http or https, with or without ``/``)."""
    return url.strip() in SCHEMA_CONTEXT_URLS


@functools.cache
def schema_context_document() -> dict[str, Any]:
    """The vendored schema.org context document (``{"@context": {...}}``), parsed once."""
    data: dict[str, Any] = orjson.loads(resource_path("vocab", "schemaorgcontext.jsonld").read_bytes())
    return data


@dataclass(frozen=True, slots=True)
class Term:
    """A processed term definition: the IRI it expands to and its value coercion."""

    iri: str
    coerce: str | None  # "@id", "@vocab", a datatype IRI, or None


@functools.cache
def terms() -> dict[str, Term]:
    """The schema.org context's terms, expanded once (prefixes and ``@vocab`` resolved)."""
    ctx = schema_context_document()["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and not k.startswith("@")}

    def expand(value: str) -> str:
        if value.startswith("@"):
            return value
        prefix, sep, rest = value.partition(":")
        if sep and not rest.startswith("//") and prefix in prefixes:
            return prefixes[prefix] + rest
        if sep:
            return value
        return SCHEMA + value

    table: dict[str, Term] = {}
    for key, value in ctx.items():
        if key.startswith("@"):
            continue
        if isinstance(value, str):
            table[key] = Term(expand(value), None)
        elif isinstance(value, dict):
            coerce = value.get("@type")
            table[key] = Term(expand(value.get("@id", key)), expand(coerce) if coerce else None)
    return table


_GEN_DELIMS = (":", "/", "?", "#", "[", "]", "@")


@functools.cache
def prefixes() -> dict[str, str]:
    """The context's terms usable as prefixes of compact IRIs (JSON-LD 1.1: a simple term whose
    IRI ends in a gen-delim), e.g. ``schema`` → ``http://schema.org/``; ``name:x`` is no compact IRI."""
    ctx = schema_context_document()["@context"]
    return {k: v for k, v in ctx.items() if isinstance(v, str) and not k.startswith("@") and v.endswith(_GEN_DELIMS)}


def expand_iri(value: str, *, vocab: bool) -> str:
    """Expand a term, compact IRI or absolute IRI against the schema.org context.

    With ``vocab=True`` (property names and ``@type`` values) an undefined bare word is
    taken relative to ``http://schema.org/``, as JSON-LD's ``@vocab`` does.
    """
    table = terms()
    if vocab and value in table:
        return table[value].iri
    prefix, sep, rest = value.partition(":")
    if sep:
        namespace = prefixes().get(prefix)
        if namespace is not None and not rest.startswith("//"):  # a compact IRI such as schema:Person
            return namespace + rest
        return value  # an absolute IRI
    return SCHEMA + value if vocab else value


SCHEMA_CONTEXT = "schema"  # schema.org's context, by URL
INLINE_CONTEXT = "inline"  # schema.org's, with inline maps that define no term (@language, @vocab schema.org…)
REMOTE_CONTEXT = "remote"  # a URL other than schema.org's: never fetched
OTHER_CONTEXT = "other"  # anything else: needs JSON-LD's general algorithms
_PLAIN_CONTEXT_KEYS = frozenset(("@language", "@base", "@version", "@direction"))


def context_kind(ctx: Any, *, inline: bool) -> tuple[str, Any]:
    """What a ``@context`` value is, and the item that decided it (the first that is no schema.org URL).

    With ``inline``, a map that defines no term and sets no ``@base`` (``{"@vocab": "https://schema.org/"}``,
    ``{"@language": "en"}``) keeps it schema.org's (``INLINE_CONTEXT``); without, any map is ``OTHER_CONTEXT``.
    """
    kind = SCHEMA_CONTEXT
    for item in ctx if isinstance(ctx, list) else [ctx]:
        if isinstance(item, str):
            if is_schema_context(item):
                continue
            return REMOTE_CONTEXT, item
        if inline and isinstance(item, dict) and "@base" not in item and _plain_map(item):
            kind = INLINE_CONTEXT
            continue
        return OTHER_CONTEXT, item
    return kind, None


def _plain_map(item: dict[str, Any]) -> bool:
    vocab = item.get("@vocab")
    if item.keys() <= _PLAIN_CONTEXT_KEYS:
        return True
    return vocab in (SCHEMA, _SCHEMA_HTTPS) and item.keys() - {"@vocab"} <= _PLAIN_CONTEXT_KEYS


def term_iri(key: str) -> tuple[str, str | None]:
    """The IRI a property key or ``@type`` value stands for in schema.org's context, and the
    coercion of its values (``@id``, ``@vocab``, a datatype IRI, or None)."""
    term = terms().get(key)
    if term is not None:
        return term.iri, term.coerce
    return expand_iri(key, vocab=True), None


def schema_name(iri: str) -> str | None:
    """The schema.org name an IRI stands for (http or https), None for another vocabulary's IRI."""
    if iri.startswith(SCHEMA):
        return iri[len(SCHEMA) :] or None
    if iri.startswith(_SCHEMA_HTTPS):
        return iri[len(_SCHEMA_HTTPS) :] or None
    return None


def offline_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the schema.org context and refuses everything else."""
    if is_schema_context(url):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": schema_context_document(),
        }
    raise RemoteContextError(
        f"remote JSON-LD context {url!r} refused: ldpub never fetches remote documents "
        "(only schema.org's context is known, served from vocab/)",
        Location(pointer="/@context"),
    )
