"""Findings as values: a :class:`Finding` placed in a file, and a :class:`Problem` before it is.

The readers (JSON text, HTML pages, the JSON-LD walk) and the rules report :class:`Problem`
values; :class:`~ldpub.validate.api.Validator` places each one (line and column from its JSON
Pointer) and gives it its rule's severity, making a :class:`Finding`. Nothing here imports the
rules or the report, so every module of ``ldpub.validate`` can import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldpub.validate.severity import SEVERITY_RANK, Severity

__all__ = ["SEVERITY_RANK", "Finding", "Problem", "Severity"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: a stable ``code``, its severity, what and where (file, line:column, JSON Pointer, node)."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    node_id: str | None = None
    node_type: str | None = None

    def where(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        pointer = f" {self.pointer or '/'}" if self.pointer is not None else ""
        return f"{self.where()}: {self.severity} {self.code}{pointer}: {self.message}"


@dataclass(slots=True)
class Problem:
    """A finding in one document of a page, before its line and column are known.

    ``doc`` is the index of the document in the page (a file is one document, a page one per
    JSON-LD block); ``severity`` None means the rule's own (SHACL results bring theirs).
    """

    code: str
    message: str
    pointer: str | None = None
    node_id: str | None = None
    node_type: str | None = None
    doc: int = 0
    severity: Severity | None = None
