"""The README's quick start and its one-example-per-command block, run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from tests.support import ROOT

README = ROOT.joinpath("README.md").read_text()


def _block(after: str, lang: str = "sh") -> str:
    section = README.split(after, 1)[1]
    found = re.search(rf"```{lang}\n(.*?)```", section, re.S)
    assert found is not None, f"no {lang} block after {after!r}"
    return found.group(1)


def _commands(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture
def workdir(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A checkout's examples and vocabulary after command 1 (built into out/, loaded into ./ldpub-store)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "vocab", tmp_path / "vocab")
    env = {k: v for k, v in os.environ.items() if k != "LDPUB_STORE"}
    env["PATH"] = sysconfig.get_path("scripts") + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "100"
    setup = "ldpub build examples/*.yaml --out out --format jsonld,ttl,nq && ldpub load out/*.nq"
    done = subprocess.run(["bash", "-c", setup], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return tmp_path, env


def _run(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, f"{line}\n{done.stderr}"
    return done


def test_quick_start_as_written(workdir: tuple[Path, dict[str, str]]) -> None:
    cwd, env = workdir
    record = _block("## Your first article", "yaml")
    assert len(record.splitlines()) <= 15
    (cwd / "my-article.yaml").write_text(record)
    outputs = [_run(line, cwd, env) for line in _commands(_block("## Your first article"))]
    built, validated, _embedded, loaded, queried, extracted = outputs
    assert "out/my-article.jsonld" in built.stderr
    assert json.loads((cwd / "out/my-article.jsonld").read_text())["@graph"][1]["@type"] == "NewsArticle"
    assert "0 errors" in validated.stdout
    assert 'data-ldpub="jsonld"' in (cwd / "page.html").read_text()
    assert loaded.stderr.startswith("loaded 1 article (")
    assert "Maria Rossi" in queried.stdout and "Work on the bridge will start in June." in queried.stdout
    assert max(len(line) for line in queried.stdout.splitlines()) <= 100 or "-[ row" in queried.stdout
    assert "incomplete record" not in extracted.stderr
    # the extracted record is complete: it builds
    _run("ldpub build seed.yaml --out seed-out", cwd, env)


def test_one_example_per_command(workdir: tuple[Path, dict[str, str]]) -> None:
    cwd, env = workdir
    # What the examples name as a newsroom's own files: a site, old pages, a page and its article.
    shutil.copytree(cwd / "out", cwd / "site")
    shutil.copytree(cwd / "examples/pages", cwd / "old-pages")
    shutil.copy(cwd / "examples/pages/syrian-observer-al-tanf.html", cwd / "page.html")
    shutil.copy(cwd / "out/syrian-observer-al-tanf.jsonld", cwd / "out/article.jsonld")
    lines = _commands(_block("One example each"))
    assert [line.split()[1] for line in lines] == [
        "build", "validate", "load", "extract", "entities", "embed", "diff", "graph",
    ]  # fmt: skip
    for line in lines:
        _run(line, cwd, env)
    assert json.loads((cwd / "ldpub.sarif").read_text())["version"] == "2.1.0"
    assert sorted(p.name for p in (cwd / "records").iterdir()) == [
        "syrian-observer-al-tanf.embedded.yaml",
        "syrian-observer-al-tanf.yaml",
    ]
    assert 'data-ldpub="jsonld"' in (cwd / "page.html").read_text()
    assert (cwd / "graph.svg").read_text().lstrip().startswith("<svg")


def test_the_error_example_is_the_real_message(tmp_path: Path) -> None:
    shown = re.search(r"gives\n`(ldpub: error: my-article\.yaml:[^`]+)`", README)
    assert shown is not None
    record = _block("## Your first article", "yaml").replace(
        'published: "2024-05-01T09:00:00+02:00"', 'published: "2024-13-01"'
    )
    (tmp_path / "my-article.yaml").write_text(record)
    env = {**os.environ, "PATH": sysconfig.get_path("scripts") + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run(["ldpub", "build", "my-article.yaml"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == shown.group(1).replace("\n", " ")
