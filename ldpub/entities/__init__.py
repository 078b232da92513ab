"""Entities: the newsroom's authority file, finding its entities in text, and candidates.

- :mod:`ldpub.entities.authority` — the authority (``vocab/entities.ttl``) and mention finding
  under spelling and transliteration variants;
- :mod:`ldpub.entities.candidates` — names the authority does not know, typed from context;
- :mod:`ldpub.entities.linking` — both over one text, as the text extractor and claims use them;
- :mod:`ldpub.entities.edit` — adding entities and spellings to the file (``ldpub entities``).
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
