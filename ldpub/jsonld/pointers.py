"""JSON Pointers (RFC 6901): where a node or value is in a JSON document, as text."""

from __future__ import annotations


def escape(key: str) -> str:
    """A key as one reference token of a pointer: ``~`` → ``~0``, ``/`` → ``~1``."""
    return key.replace("~", "~0").replace("/", "~1")


def join(pointer: str | None, part: str) -> str | None:
    """``pointer/part`` (``part`` already a token or tokens); None stays None (no pointer known)."""
    return None if pointer is None else f"{pointer}/{part}"


def member(pointer: str | None, key: str, index: int | None = None) -> str | None:
    """The pointer of property ``key`` of the object at ``pointer``, or of its ``index``-th value."""
    if pointer is None:
        return None
    if index is None:
        return f"{pointer}/{escape(key)}"
    return f"{pointer}/{escape(key)}/{index}"


def parent(pointer: str) -> str:
    """The pointer one level up ("" is the document, its own parent)."""
    return pointer.rpartition("/")[0]
