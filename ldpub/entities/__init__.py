"""Entities: the newsroom's authority file and its spellings.

- :mod:`ldpub.entities.authority` — the authority (``vocab/entities.ttl``) and mention finding
  under spelling and transliteration variants;
- :mod:`ldpub.entities.edit` — adding entities and spellings to the file (``ldpub entities``).

Finding names in text and linking them to the authority is :mod:`ldpub.language`'s work.
"""

from __future__ import annotations

from ldpub.entities.authority import (
    ENTITY_TYPES,
    ORGANIZATION_TYPES,
    PERSON_TYPES,
    Authority,
    Entity,
    Mention,
    SpanIndex,
    normalize_name,
    normalize_token,
    slug,
    tokenize,
)

__all__ = [
    "ENTITY_TYPES",
    "ORGANIZATION_TYPES",
    "PERSON_TYPES",
    "Authority",
    "Entity",
    "Mention",
    "SpanIndex",
    "normalize_name",
    "normalize_token",
    "slug",
    "tokenize",
]
