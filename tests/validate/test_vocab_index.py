"""The shipped vocabulary index is the vocabulary the Turtle file gives, and a stale one is not used."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from ldpub.resources import resource_path
from ldpub.validate import vocab


def test_the_shipped_index_equals_a_fresh_build() -> None:
    ttl = resource_path("vocab", "schemaorg-current-https.ttl")
    shipped = orjson.loads(resource_path("vocab", vocab.INDEX).read_bytes())
    fresh = vocab.build_vocabulary(ttl).to_data()
    assert {k: v for k, v in shipped.items() if k != "source_sha256"} == fresh, (
        "vocab/schemaorg-index.json is stale: run python -m ldpub.validate.vocab"
    )
    assert vocab.Vocabulary.from_data(shipped).to_data() == fresh


def test_a_stale_index_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stale = tmp_path / vocab.INDEX
    stale.write_bytes(
        orjson.dumps(
            {"source_sha256": "0" * 64, "types": [], "ancestors": {}, "properties": {}, "superseded": {}, "members": {}}
        )
    )
    real = vocab.resource_path

    def fake(folder: str, name: str) -> Path:
        return stale if name == vocab.INDEX else real(folder, name)

    monkeypatch.setattr(vocab, "resource_path", fake)
    vocab.vocabulary.cache_clear()
    try:
        built = vocab.vocabulary()
        assert "NewsArticle" in built.types and "headline" in built.properties
    finally:
        vocab.vocabulary.cache_clear()
