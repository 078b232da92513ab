from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ldpub.record import load_record

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "syrian-observer-al-tanf.yaml"
EXAMPLE_RECORDS = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def seed() -> dict[str, Any]:
    """A fresh, mutable copy of the seed record."""
    return copy.deepcopy(dict(load_record(SEED).data))


@pytest.fixture
def minimal() -> dict[str, Any]:
    return {
        "url": "https://news.example.org/2024/a.html",
        "headline": "A headline",
        "published": "2024-05-01T09:00:00+02:00",
        "publisher": {"name": "Example News", "url": "https://news.example.org/"},
    }


def nodes_by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["@id"]: node for node in doc["@graph"]}
