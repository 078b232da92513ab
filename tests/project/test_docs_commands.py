"""Every ``ldpub`` command the reference pages in docs/ show is run, as written, on files like the ones it names.

The pages name a newsroom's own files (``page.html``, ``record.yaml``, ``public/``): the test makes
each from the examples first. A command must run to its end with the documented exit code (0, or
1 where it reports findings) and never with a usage error, a missing file or a traceback.
Commands with their own tests are skipped here: ``serve`` (tests/service), the diff and graph
page (tests/project/test_docs_diff_graph.py), and a line that needs a SPARQL server (tests/archive).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from tests.support import ROOT

PAGES = ["archive", "build", "embed", "extract", "validate"]


def commands(page: str) -> list[str]:
    text = (ROOT / "docs" / f"{page}.md").read_text()
    found = []
    for block in re.findall(r"```(?:sh|console|bash)\n(.*?)```", text, re.S):
        block = block.replace("\\\n", " ")  # continued lines
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            line = re.sub(r"\s+#\s.*$", "", line)  # the comment after a command
            if "ldpub " not in line or line.startswith("#") or "[" in line.split("#")[0]:
                continue  # not a command; or a synopsis with [optional] parts
            if "ldpub serve" in line or "--endpoint" in line:
                continue
            found.append(line)
    return found


def _newsroom(tmp: Path) -> None:
    """The files the pages name, made from the examples."""
    shutil.copytree(ROOT / "examples", tmp / "examples")
    shutil.copytree(ROOT / "vocab", tmp / "vocab")
    shutil.copytree(ROOT / "tests" / "data" / "pages", tmp / "tests" / "data" / "pages")
    page = ROOT / "examples" / "pages" / "syrian-observer-al-tanf.html"
    for name in ("page.html", "a.html", "b.html", "saved.html"):
        shutil.copy(page, tmp / name)
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.yaml", tmp / "record.yaml")
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.yaml", tmp / "seed.yaml")
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.txt", tmp / "story.txt")
    shutil.copy(ROOT / "tests" / "data" / "pages" / "evidence" / "newsroom.yaml", tmp / "newsroom.yaml")
    (tmp / "record.json").write_text(
        '{"url": "https://news.example.org/a.html", "headline": "A", "published": "2024-05-01T09:00:00+02:00",'
        ' "publisher": {"name": "Example News", "url": "https://news.example.org/"}}'
    )
    for folder in ("public", "site", "out"):
        (tmp / folder).mkdir()
        shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.jsonld", tmp / folder / "article.jsonld")
    shutil.copy(ROOT / "examples" / "syrian-observer-al-tanf.jsonld", tmp / "article.jsonld")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("docs")
    _newsroom(tmp)
    env = {k: v for k, v in os.environ.items() if k != "LDPUB_STORE"}
    env["PATH"] = sysconfig.get_path("scripts") + os.pathsep + env.get("PATH", "")
    archive = subprocess.run(
        ["bash", "-c", "ldpub build examples/*.yaml --out archive.nq"], cwd=tmp, env=env, capture_output=True
    )
    assert archive.returncode == 0, archive.stderr
    return tmp, env


@pytest.mark.parametrize(
    ("page", "command"), [(page, command) for page in PAGES for command in commands(page)], ids=lambda v: v[:60]
)
def test_the_command_runs_as_written(newsroom: tuple[Path, dict[str, str]], page: str, command: str) -> None:
    cwd, env = newsroom
    line = command.replace("/data/archive", str(cwd / "data-archive"))
    # the page fetched from the web in the docs: a saved copy here (no network in tests)
    line = line.replace("curl -s https://news.example/story", "cat page.html")
    done = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), f"{page}: {command}\nexit {done.returncode}\n{done.stderr[-1500:]}"
    assert "Traceback" not in done.stderr and "usage:" not in done.stderr, done.stderr[-1500:]
    assert "no such file" not in done.stderr.lower(), done.stderr[-1500:]


def test_each_page_shows_commands() -> None:
    assert {page: len(commands(page)) > 2 for page in PAGES} == dict.fromkeys(PAGES, True)
