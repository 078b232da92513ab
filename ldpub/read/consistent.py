"""The last step of an extraction: every reference in the record points to an entity of a type it can take.

The steps before this one type names from evidence, and evidence can disagree with what a reference
needs: "Washington said …" makes a place the author of a claim, "By Jane Doe, Washington" a place her
affiliation. schema.org says an author is a Person or an Organization, an affiliation an Organization,
a dateline's place a Place; a graph breaking that fails ``ldpub validate`` (LD023). Such a reference is
taken out of the record — the entity stays — with a warning that says what an editor should check,
so that whatever ``ldpub extract`` writes builds and validates. A country speaking ("South Korea
accused …") is the exception: the claim is its government's, a GovernmentOrganization entity
"Government of South Korea", with a warning too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ldpub.entities.authority import ORGANIZATION_TYPES, PERSON_TYPES
from ldpub.entities.gazetteer import lookup

AGENTS = PERSON_TYPES | ORGANIZATION_TYPES

Warn = Callable[[str, str | None], None]


def keep_consistent(record: dict[str, Any], warn: Warn) -> None:
    """Drop (with a warning) each reference in ``record`` to an entity whose type it cannot take."""
    entities = record.get("entities", {})

    def kind(key: Any) -> str | None:
        entity = entities.get(key) if isinstance(key, str) else None
        return str(entity.get("type")) if isinstance(entity, dict) else None

    for field in ("authors", "contributors", "editors"):
        if field in record:
            kept = [k for k in record[field] if kind(k) is None or kind(k) in AGENTS]
            for key in record[field]:
                if key not in kept:
                    warn(_message(entities, key, field.rstrip("s"), "a person or an organisation"), f"{field}")
            if kept:
                record[field] = kept
            else:
                del record[field]
    for i, claim in enumerate(record.get("claims", [])):
        author = claim.get("author")
        if isinstance(author, str) and kind(author) not in (None, *AGENTS):
            government = _government(entities, author)
            if government is not None:  # "South Korea accused …": its government
                claim["author"] = government
                warn(_governed(entities, author, government), f"claims/{i}/author")
                continue
            del claim["author"]
            warn(_message(entities, author, "claim's author", "a person or an organisation"), f"claims/{i}/author")
        elif isinstance(author, dict) and kind(author.get("affiliation")) in PERSON_TYPES:
            where = f"claims/{i}/author/affiliation"
            warn(_message(entities, author.pop("affiliation"), "source's affiliation", "an organisation"), where)
        source = claim.get("first_appeared_in", {})
        if kind(source.get("publisher")) not in (None, *ORGANIZATION_TYPES):
            where = f"claims/{i}/first_appeared_in/publisher"
            warn(_message(entities, source.pop("publisher"), "claim's first publisher", "an organisation"), where)
            if not source:
                del claim["first_appeared_in"]
    for key, entity in list(entities.items()):
        for field, wanted, allowed in _links(entity):
            if kind(entity[field]) not in (None, *allowed):
                warn(_message(entities, entity[field], f"{key}'s {field}", wanted), f"entities/{key}/{field}")
                del entity[field]


def _links(entity: dict[str, Any]) -> Iterator[tuple[str, str, frozenset[str]]]:
    if "affiliation" in entity:
        yield "affiliation", "an organisation", ORGANIZATION_TYPES
    if "parent" in entity:
        yield "parent", "an organisation", ORGANIZATION_TYPES
    if "contained_in" in entity:
        yield "contained_in", "a place", _PLACES


_PLACES = frozenset(
    {"Place", "Country", "State", "City", "AdministrativeArea", "Landform", "CivicStructure", "Accommodation"}
)


def _government(entities: dict[str, Any], key: str) -> str | None:
    """A country speaking ("South Korea accused …", "China said …") is its government: the key of a
    GovernmentOrganization entity "Government of South Korea", made once; None for any other place."""
    entity = entities.get(key, {})
    name = str(entity.get("name", ""))
    place = lookup(name) if entity.get("type") in _PLACES and name else None
    if place is None or place.kind != "country":
        return None
    government = f"{key}-government"
    entities.setdefault(government, {"type": "GovernmentOrganization", "name": f"Government of {name}"})
    return government


def _governed(entities: dict[str, Any], key: str, government: str) -> str:
    return (
        f"{entities[key].get('name', key)!r} is a country, and a claim's author is a person or an organisation: "
        f"attributed to {entities[government]['name']!r} ({government}); check whether the text means its "
        "government, a ministry or a named official"
    )


def _message(entities: dict[str, Any], key: str, role: str, wanted: str) -> str:
    entity = entities.get(key, {})
    return (
        f"{entity.get('name', key)!r} is a {entity.get('type', '?')} but a {role} is {wanted}: left out; "
        f"check whether the text means someone else (a government for its capital, a newsroom for its city)"
    )
