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
        record = copy.deepcopy(bases[i % len(bases)])
        host = record["url"].split("/")[2]
        record["url"] = f"https://{host}/archive/{i // 1000:04d}/article-{i}.html"
        record["headline"] = f"{record['headline']} ({i})"
        record["body"] = f"{record.get('body', '')}\n\nArchive item {i}."
        month = 1 + i % 12
        record["published"] = f"20{10 + i % 15:02d}-{month:02d}-{1 + i % 28:02d}T10:00:00+03:00"
        record.pop("modified", None)
        renames = {key: f"{key}-{rng.randrange(shared_entities)}" for key in record.get("entities", {})}
        _rename_entities(record, renames)
        yield record


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
