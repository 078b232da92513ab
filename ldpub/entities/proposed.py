"""The entities an extraction proposes for the authority: the names it found in a text that the
authority does not know, typed from context (a ``candidate`` warning at ``/entities/KEY``, and the
record's entity under that key). What the editor's page lists with an "accept" control, and what
``ldpub entities add`` would take."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

__all__ = ["Proposed", "proposed_entities"]

_PREFIX = "/entities/"


@dataclass(frozen=True, slots=True)
class Proposed:
    key: str
    type: str
    name: str
    pointer: str  # the warning's place in the record: /entities/KEY
    message: str  # the warning: how the text named and typed it

    @property
    def command(self) -> str:
        """The command that accepts it."""
        return f"ldpub entities add {self.key} --type {self.type} --name {shlex.quote(self.name)}"

    def to_json(self) -> dict[str, str]:
        return {
            "key": self.key,
            "type": self.type,
            "name": self.name,
            "pointer": self.pointer,
            "message": self.message,
            "command": self.command,
        }


def proposed_entities(record: dict[str, Any], warnings: list[Any]) -> list[Proposed]:
    """The candidates of an extracted record, in the order of its warnings, each once."""
    entities = record.get("entities") or {}
    found: dict[str, Proposed] = {}
    for warning in warnings:
        location = getattr(warning, "location", None)
        pointer = getattr(location, "pointer", None) or ""
        message = str(getattr(warning, "message", warning))
        key = pointer[len(_PREFIX) :]
        entity = entities.get(key) if pointer.startswith(_PREFIX) else None
        if not message.startswith("candidate ") or not isinstance(entity, dict) or key in found:
            continue
        kind, name = entity.get("type"), entity.get("name")
        if isinstance(kind, str) and isinstance(name, str):
            found[key] = Proposed(key, kind, name, pointer, message)
    return list(found.values())
