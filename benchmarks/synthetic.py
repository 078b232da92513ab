"""Synthetic article records shaped like examples/*.yaml, for benchmarks.

Article ``i`` is one of the examples with its own URL, headline and body, claims and
entities renamed so that an archive gets both shared entities (the same key across many
articles: a newsroom's recurring people and places) and a long tail of new ones.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((ROOT / "examples").glob("*.yaml"))


def templates() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in TEMPLATES]


def records(count: int, *, seed: int = 7, shared_entities: int = 2000) -> Iterator[dict[str, Any]]:
    """``count`` distinct records; entity keys drawn from a pool of ``shared_entities`` per key."""
    rng = random.Random(seed)
    bases = templates()
    for i in range(count):
        record = _article(bases, i)
        month = 1 + i % 12
        record["published"] = f"20{10 + i % 15:02d}-{month:02d}-{1 + i % 28:02d}T10:00:00+03:00"
        renames = {key: f"{key}-{rng.randrange(shared_entities)}" for key in record.get("entities", {})}
        _rename_entities(record, renames)
        yield record


def _article(bases: list[dict[str, Any]], i: int) -> dict[str, Any]:
    """Article ``i``: a copy of one of the templates with its own URL, headline and body (its
    publication date is the caller's to set)."""
    record = copy.deepcopy(bases[i % len(bases)])
    host = record["url"].split("/")[2]
    record["url"] = f"https://{host}/archive/{i // 1000:04d}/article-{i}.html"
    record["headline"] = f"{record['headline']} ({i})"
    record["body"] = f"{record.get('body', '')}\n\nArchive item {i}."
    record.pop("modified", None)
    return record


def _rename_entities(record: dict[str, Any], renames: dict[str, str]) -> None:
    def ref(value: Any) -> Any:
        return renames.get(value, value) if isinstance(value, str) else value

    record["entities"] = {renames[k]: v for k, v in record.get("entities", {}).items()}
    for entity in record["entities"].values():
        for name in ("affiliation", "parent", "contained_in"):
            if name in entity:
                entity[name] = ref(entity[name])
    for name in ("authors", "about", "mentions"):
        if name in record:
            record[name] = [ref(v) for v in record[name]]
    if "dateline" in record:
        record["dateline"]["place"] = ref(record["dateline"]["place"])
    for claim in record.get("claims", []):
        if isinstance(claim.get("author"), str):
            claim["author"] = ref(claim["author"])
        elif isinstance(claim.get("author"), dict) and "affiliation" in claim["author"]:
            claim["author"]["affiliation"] = ref(claim["author"]["affiliation"])
        source = claim.get("first_appeared_in", {})
        if "publisher" in source:
            source["publisher"] = ref(source["publisher"])
    for review in record.get("reviews", []):
        if "reviewer" in review:
            review["reviewer"] = ref(review["reviewer"])
    translation = record.get("translation", {})
    if "translator" in translation:
        translation["translator"] = ref(translation["translator"])


PERSON_TYPES = frozenset({"Person"})
PLACE_TYPES = frozenset({"Place", "City", "Country", "AdministrativeArea", "State", "Landform"})


def varied_records(
    count: int,
    *,
    people: int = 5000,
    organisations: int = 2000,
    places: int = 1000,
    years: int = 10,
    seed: int = 11,
) -> Iterator[dict[str, Any]]:
    """``count`` records drawing on ``people`` persons, ``organisations`` and ``places`` in all.

    Each entity key of the templates gets a pool of variants sized so that the pools of one
    kind add up to the given total; publication dates fall anywhere in the ``years`` years
    before 2025, at any minute of the day, in one of three time zones.
    """
    rng = random.Random(seed)
    bases = templates()
    keys: dict[str, set[str]] = {"person": set(), "organisation": set(), "place": set()}
    for base in bases:
        for key, entity in base.get("entities", {}).items():
            keys[_kind(entity)].add(key)
    kinds = {kind: len(names) for kind, names in keys.items()}
    totals = {"person": people, "organisation": organisations, "place": places}
    pool = {kind: max(1, -(-totals[kind] // max(1, n))) for kind, n in kinds.items()}
    zones = ("+00:00", "+03:00", "-05:00")
    for i in range(count):
        record = _article(bases, i)
        day = rng.randrange(years * 365)
        year, rest = 2025 - years + day // 365, day % 365
        month, mday = 1 + rest // 31 % 12, 1 + rest % 28
        record["published"] = (
            f"{year}-{month:02d}-{mday:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00{rng.choice(zones)}"
        )
        entities = record.get("entities", {})
        renames = {key: f"{key}-{rng.randrange(pool[_kind(entity)])}" for key, entity in entities.items()}
        _rename_entities(record, renames)
        yield record


def _kind(entity: dict[str, Any]) -> str:
    kind = entity.get("type", "Thing")
    if kind in PERSON_TYPES:
        return "person"
    return "place" if kind in PLACE_TYPES else "organisation"
