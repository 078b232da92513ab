"""ldpub's house rules (the ``ldpub`` profile): every entity linkable, and described once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ldpub.validate.findings import Problem
from ldpub.validate.index import NodeInfo, PageIndex
from ldpub.validate.rules.google import at, values
from ldpub.validate.rules.registry import Rule, register
from ldpub.validate.vocab import Vocabulary

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")
ENTITY_TYPES = ("Person", "Organization", "Place", "Event", "Article")  # what others link to


@register
class AbsoluteIds(Rule):
    """ldpub: a node without an absolute @id (relative, blank or missing)

    Every node at the top of a document, and every entity others link to (a person, an
    organisation, a place, an event, an article) wherever it is."""

    code = "LP001"
    severity = "error"
    profile = "ldpub"

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__(vocab)
        self.entities = frozenset().union(*(vocab.descendants(t) for t in ENTITY_TYPES))

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterable[Problem]:
        node, where = info.node, info.pointer
        node_id = node.get("@id", node.get("id"))
        if isinstance(node_id, str):
            if _ABSOLUTE_IRI.match(node_id) and not node_id.startswith("_:"):
                return ()
            message = f"@id {node_id!r} is not an absolute IRI (use e.g. https://example.com/page#article)"
            return (Problem(self.code, message, at(where, "@id"), node_id, "/".join(info.types) or None, info.doc),)
        if len(node) > 1 and (info.top or not self.entities.isdisjoint(info.types)):
            message = "node has no @id: give every entity an absolute IRI so others can link to it"
            return (Problem(self.code, message, where, None, "/".join(info.types) or None, info.doc),)
        return ()


@register
class Publisher(Rule):
    """ldpub: an article without a publisher, or a publisher without a logo"""

    code = "LP002"
    severity = "error"
    profile = "ldpub"
    types = ("Article",)

    def check_node(self, info: NodeInfo, index: PageIndex) -> Iterator[Problem]:
        node, where, label = info.node, info.pointer, "/".join(info.types) or None
        node_id: Any = node.get("@id", node.get("id"))  # as written (the finding shows it)
        publishers = values(node, "publisher")
        if not publishers:
            yield Problem(self.code, "article has no publisher", where, node_id, label, info.doc)
        for publisher in publishers:
            target = index.resolve(publisher)
            if target is None:
                message = "the publisher is not described in the page (name and logo)"
            elif not values(target.node, "logo"):
                message = "the publisher has no logo"
            else:
                continue
            yield Problem(self.code, message, at(where, "publisher"), node_id, label, info.doc)


@register
class OneNodePerEntity(Rule):
    """ldpub: one entity described by more than one node"""

    code = "LP003"
    severity = "error"
    profile = "ldpub"

    def check_page(self, index: PageIndex, data: list[Any]) -> Iterator[Problem]:
        for node_id, infos in index.by_id.items():
            for extra in infos[1:]:
                first = infos[0].pointer or ""
                message = f"{node_id} is described by more than one node (also at {first}): merge them into one"
                yield Problem(self.code, message, extra.pointer, node_id, "/".join(extra.types) or None, extra.doc)
