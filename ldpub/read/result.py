"""What an extractor returns: the article record it could build, and what it had to guess."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ldpub.errors import Location


@dataclass(frozen=True, slots=True)
class ExtractWarning:
    """Something the extractor could not establish or had to leave out (a value, not an error)."""

    message: str
    location: Location = field(default_factory=Location)

    @classmethod
    def at(cls, message: str, source: str | None, field: str | None = None) -> ExtractWarning:
        """A warning about the record's ``field`` (its JSON Pointer is ``/field``) of the input ``source``."""
        return cls(message, Location(source, f"/{field}" if field else None))

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


@dataclass(slots=True)
class ExtractResult:
    """An article record (a dict following ``schemas/article-record.schema.json``) and warnings.

    ``warnings`` holds :class:`ExtractWarning` values (plain strings are accepted too); print
    them with ``str()``.
    """

    record: dict[str, Any]
    warnings: list[ExtractWarning | str] = field(default_factory=list)
