"""What the tests share: where the repository's files are, and small helpers over built graphs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE_RECORDS = sorted(EXAMPLES.glob("*.yaml"))
QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))
SEED = EXAMPLES / "syrian-observer-al-tanf.yaml"
DATA = ROOT / "tests" / "data"

# In CI a test that needs a real component (Oxigraph server, Virtuoso, Chromium) fails instead of
# skipping when the component is missing.
REQUIRE_REAL = os.environ.get("LDPUB_REQUIRE_REAL") == "1"


def nodes_by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The nodes of a built ``@graph`` by their ``@id``."""
    return {node["@id"]: node for node in doc["@graph"]}
