"""ruff and mypy are part of the suite: a lint or type error fails it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [tool("ruff"), "check", "ldpub", "tests", "benchmarks"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied() -> None:
    paths = ["ldpub", "tests", "benchmarks"]
    result = subprocess.run([tool("ruff"), "format", "--check", *paths], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([tool("mypy")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# The public API: what `import ldpub` exports and the modules the README names as the library's
# entry points. `mypy --strict` on them (their imports are followed, not reported).
PUBLIC_API = [
    "ldpub/__init__.py",
    "ldpub/errors.py",
    "ldpub/pipeline.py",
    "ldpub/record.py",
    "ldpub/inputs.py",
    "ldpub/extract.py",
    "ldpub/read/__init__.py",
    "ldpub/validate/__init__.py",
    "ldpub/validate/api.py",
    "ldpub/archive/__init__.py",
    "ldpub/cluster.py",
    "ldpub/embed.py",
    "ldpub/diff.py",
    "ldpub/picture.py",
]


def test_mypy_strict_is_clean_on_the_public_api() -> None:
    result = subprocess.run(
        [tool("mypy"), "--strict", "--follow-imports=silent", *PUBLIC_API], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
