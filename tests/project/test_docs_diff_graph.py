"""The runs shown in docs/diff-graph.md are what the commands print."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

from tests.support import ROOT

DOC = ROOT / "docs" / "diff-graph.md"


def console_runs() -> list[tuple[str, str]]:
    """(command, expected output) for every ``$ `` line of the page's console blocks, in order."""
    runs: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", DOC.read_text(), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            runs.append((command, output))
    return runs


def test_the_page_shows_each_command() -> None:
    commands = " ".join(command for command, _ in console_runs())
    assert "ldpub diff" in commands and "--exit-code" in commands and "--format markdown" in commands
    assert "ldpub graph" in commands


def test_each_run_prints_what_the_page_shows(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PATH": sysconfig.get_path("scripts") + os.pathsep + os.environ["PATH"]}
    for command, expected in console_runs():
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120
        )
        assert done.stderr == "", command
        assert done.stdout == expected, command
    assert (tmp_path / "graph.svg").read_text().startswith("<svg")


def test_the_picture_the_page_shows_is_the_eighty_node_example() -> None:
    """docs/graph-eighty-nodes.svg, shown on the page, is `ldpub graph` of examples/pictures/eighty-nodes.yaml:
    well-formed, every node of that graph (the bytes depend on Graphviz's version: not compared)."""
    from lxml import etree

    from ldpub.diff import load_structured_data
    from ldpub.nodegraph import graph_of

    assert "![The 80-node article graph" in DOC.read_text() and "(graph-eighty-nodes.svg)" in DOC.read_text()
    root = etree.fromstring((ROOT / "docs" / "graph-eighty-nodes.svg").read_bytes(), etree.XMLParser(no_network=True))
    ids = {n.get("data-id") for n in root.iterfind(".//{http://www.w3.org/2000/svg}g[@class='node']")}
    record = ROOT / "examples" / "pictures" / "eighty-nodes.yaml"
    assert ids == graph_of(load_structured_data(record.read_bytes(), source=str(record))).nodes
    assert len(ids) == 80
