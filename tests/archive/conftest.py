from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ldpub.archive import EmbeddedStore, load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_RECORDS = sorted(EXAMPLES.glob("*.yaml"))
QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store holding the three examples (read-only use: tests must not change it)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("archive") / "store")
    summary = load(store, EXAMPLE_RECORDS)
    assert summary.articles == 3 and not summary.failed
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()
