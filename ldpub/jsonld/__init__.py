"""Compact JSON-LD as nodes with their places: JSON Pointers, and lines and columns in the text."""

from ldpub.jsonld.pointers import escape, join, member, parent

__all__ = ["escape", "join", "member", "parent"]
