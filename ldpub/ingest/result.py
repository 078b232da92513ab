"""What an extractor returns: the article record it could build, and what it had to guess."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from ldpub.errors import Location, pointer
from ldpub.resources import resource_path


@dataclass(frozen=True, slots=True)
class ExtractWarning:
    """Something the extractor could not establish or had to leave out (a value, not an error)."""

    message: str
    location: Location = field(default_factory=Location)

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


@functools.cache
def _record_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resource_path("schemas", "article-record.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def record_problems(record: dict[str, Any]) -> list[ExtractWarning]:
    """Where ``record`` falls short of the article record schema (empty when it is complete)."""
    problems = []
    for error in sorted(_record_validator().iter_errors(record), key=lambda e: list(e.path)):
        problems.append(ExtractWarning(error.message, Location(pointer=pointer(error.path))))
    return problems
