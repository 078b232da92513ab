"""The names of the RDF formats, and the other names people type for them (``ttl`` for Turtle,
``nq`` for N-Quads, ``json-ld`` for JSON-LD): one table for every place a format is named."""

from __future__ import annotations

from ldpub.errors import UsageError

__all__ = ["RDF_FORMATS", "rdf_format"]

# canonical name → the names it also goes by (lower case; matched without regard to case)
RDF_FORMATS: dict[str, tuple[str, ...]] = {
    "jsonld": ("json-ld",),
    "turtle": ("ttl",),
    "nquads": ("nq", "n-quads"),
    "ntriples": ("nt", "n-triples"),
    "trig": (),
}
_BY_NAME = {alias: name for name, aliases in RDF_FORMATS.items() for alias in (name, *aliases)}


def rdf_format(name: str, allowed: tuple[str, ...] = tuple(RDF_FORMATS)) -> str:
    """The canonical name of the format ``name`` (any of its names, in any case), one of ``allowed``;
    :class:`UsageError` naming the formats and their other names otherwise."""
    canonical = _BY_NAME.get(name.strip().lower())
    if canonical is None or canonical not in allowed:
        known = ", ".join(f"{n} ({', '.join(RDF_FORMATS[n])})" if RDF_FORMATS[n] else n for n in allowed)
        raise UsageError(f"unknown format {name!r}; expected one of {known}")
    return canonical
