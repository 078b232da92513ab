"""Compact JSON-LD as nodes with their places: what every reader of publishers' JSON-LD shares.

ldpub reads compact schema.org JSON-LD in three places: validation walks it to judge it
(:mod:`ldpub.validate.checks`), the RDF writer turns it into N-Quads (:mod:`ldpub.rdf`), and diff
and graph read that RDF (:mod:`ldpub.nodegraph`). What a node is and where it is, they share:

* which ``@context`` is schema.org's, and what a key or ``@type`` stands for
  (:func:`ldpub.context.context_kind`, :func:`ldpub.context.term_iri`, :func:`ldpub.context.schema_name`);
* where a node or value is: its JSON Pointer (:mod:`ldpub.jsonld.pointers`) and, where the
  source text is known, its line and column in the file (:class:`ldpub.jsonld.positions.Places`).

The loops over a node's values stay two, one in validation and one in the RDF writer (with a
leaner copy for the flat graphs the build writes): each is a hot path with its own cheapest
test per value (is it clean for this property and type; which N-Quads term is it), and a shared
loop calling back per value costs a method call for each of the ~150 values of an article.
"""

from ldpub.jsonld.pointers import escape, join, member, parent

__all__ = ["escape", "join", "member", "parent"]
