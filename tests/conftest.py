"""Fixtures every test folder may use: records to change, and the session's headless Chromium."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ldpub.record import load_record
from tests.browser import article_graph, chromium, embed_page  # noqa: F401  (fixtures, shared)
from tests.support import REQUIRE_REAL, SEED


@pytest.fixture
def need_graphviz() -> None:
    """Graphviz's programs (Debian's graphviz: `dot`, `neato`): skipped without them, failed in CI."""
    from ldpub.picture import graphviz_available

    if not graphviz_available():
        if REQUIRE_REAL:
            pytest.fail("Graphviz (dot) is not installed (LDPUB_REQUIRE_REAL=1)")
        pytest.skip("Graphviz (dot) is not installed")


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
