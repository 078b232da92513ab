"""Compact JSON-LD as nodes with their places: what every reader of publishers' JSON-LD shares.

ldpub reads compact schema.org JSON-LD in three places: validation walks it to judge it
(:mod:`ldpub.validate.checks`), the RDF writer turns it into N-Quads (:mod:`ldpub.rdf`), and diff
and graph read that RDF (:mod:`ldpub.nodegraph`). What a node is and where it is, they share:

* which ``@context`` is schema.org's, and what a key or ``@type`` stands for
  (:func:`ldpub.context.context_kind`, :func:`ldpub.context.term_iri`, :func:`ldpub.context.schema_name`);
* where a node or value is: its JSON Pointer (:mod:`ldpub.jsonld.pointers`) and, where the
  source text is known, its line and column in the file (:class:`ldpub.jsonld.positions.Places`).

The loops over a node's values stay two, one in validation and one in the RDF writer (with a
leaner copy for the flat graphs the build writes). What they would share is only the iteration:
each decides per value something the other never needs (is it clean for this property on this
type; which N-Quads term is it), with its own cheapest test inline. A shared loop calling back
once per value costs 4–6 µs for the ~190 values of a built article (measured beside the bare
loop), 4–5% of the flat N-Quads writer's time, for no code either side would lose.
"""

from ldpub.jsonld.pointers import escape, join, member, parent

__all__ = ["escape", "join", "member", "parent"]
