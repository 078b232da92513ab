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


def example_copies(folder: Path, count: int, broken: int) -> list[Path]:
    """``count`` copies of the example records in ``folder``, each at its own URL, the one at
    index ``broken`` with a date that is none ("yesterday")."""
    import yaml

    paths = []
    for i in range(count):
        source = EXAMPLE_RECORDS[i % len(EXAMPLE_RECORDS)]
        record = yaml.safe_load(source.read_text())
        record["url"] = record["url"].replace(".html", f"-{i:03d}.html")
        if i == broken:
            record["published"] = "yesterday"
        path = folder / f"r{i:03d}-{source.stem}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
        paths.append(path)
    return paths
