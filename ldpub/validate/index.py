"""The nodes of a page, as the JSON-LD walk meets them: what profiles and reference checks read."""

from __future__ import annotations

from typing import Any, NamedTuple

from ldpub.validate.ranges import Range


class NodeInfo(NamedTuple):
    """A node object met in a page (a tuple: cheap to make)."""

    node: dict[str, Any]
    types: tuple[str, ...]  # schema.org local names
    pointer: str | None
    doc: int  # index of its document in the page
    top: bool  # at the top level of a document or its @graph


class Reference(NamedTuple):
    """An ``{"@id": …}`` value, resolved once the whole page is read."""

    ref: str  # the @id
    range: Range | None  # the property's range
    base: str | None  # the pointer of the node holding it
    key: str  # the property
    place: int | None  # its place in an array
    doc: int
    node_id: str | None  # the holding node's @id and types
    node_type: str | None


class PageIndex:
    """Every node of a page's documents, and who describes which @id."""

    __slots__ = ("_by_object", "by_id", "nodes", "refs")

    def __init__(self) -> None:
        self.nodes: list[NodeInfo] = []
        self.by_id: dict[str, list[NodeInfo]] = {}
        self.refs: list[Reference] = []
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
