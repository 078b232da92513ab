"""The benchmarks still run: each imports, and the quick ones print their table on a tiny input.

Nothing here is timed; the figures come from full runs (README, Speed).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

BENCHMARKS = sorted(p.stem for p in (ROOT / "benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_imports(name: str) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    assert callable(module.main)


@pytest.mark.parametrize(
    ("name", "args", "baseline"),
    [
        ("bench_build", ["--articles", "20", "--plain", "1"], "plain (jsonschema + pyld + rdflib)"),
        ("bench_validate", ["--docs", "20", "--shacl", "2"], "pySHACL"),
        ("bench_archive", ["--articles", "60", "--rdflib-articles", "20", "--repeat", "1"], "rdflib"),
        ("bench_picture", ["--repeat", "1", "--no-large"], "networkx (the fallback)"),
        ("bench_limits", ["--quick"], "baseline: its thread abandoned"),
        ("bench_cluster", ["--articles", "20", "--steps", "build,validate"], "ldpub build DIR -j "),
        ("bench_cli_build", ["--articles", "20", "--rounds", "1", "--plain", "1"], "plain: jsonschema + pyld + rdflib"),
        ("bench_queries_at_scale", ["--articles", "60", "--repeat", "1", "--cli-repeat", "1"], "pyoxigraph"),
    ],
)
def test_benchmark_prints_ldpub_beside_its_baseline(name: str, args: list[str], baseline: str, tmp_path: Path) -> None:
    if name in ("bench_archive", "bench_queries_at_scale"):
        args = [*args, "--data", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, f"benchmarks/{name}.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "ldpub" in done.stdout and baseline in done.stdout
