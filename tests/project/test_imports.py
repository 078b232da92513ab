"""The layout's rules, read from the source: the CLI is a skin nothing else imports, and no two
modules import each other (directly or round a loop). Every import counts, those inside
functions and under ``TYPE_CHECKING`` too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import ROOT

ENTRY_POINT = "ldpub.__main__"  # `python -m ldpub` runs the CLI


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted((ROOT / "ldpub").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that module ``name`` imports: ``from a.b import c`` is ``a.b.c`` when
    that is a module, else ``a.b``; relative imports are resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        wanted: list[str] = []
        if isinstance(node, ast.Import):
            wanted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            wanted = [f"{base}.{alias.name}" for alias in node.names]
        for target in wanted:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
    return targets


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_nothing_outside_the_cli_imports_it() -> None:
    graph = import_graph()
    importers = {
        name: sorted(t for t in targets if t == "ldpub.cli" or t.startswith("ldpub.cli."))
        for name, targets in graph.items()
        if not (name == "ldpub.cli" or name.startswith("ldpub.cli.")) and name != ENTRY_POINT
    }
    assert {name: found for name, found in importers.items() if found} == {}
    assert "ldpub.cli" in graph[ENTRY_POINT]


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_check_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    known = {"ldpub.a": tmp_path / "a.py", "ldpub.b": tmp_path / "b.py", "ldpub.cli": tmp_path / "cli.py"}
    known["ldpub.a"].write_text("def f():\n    from ldpub.cli import main\n    from . import b\n")
    known["ldpub.b"].write_text("import ldpub.a.nothing\n")
    known["ldpub.cli"].write_text("")
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph == {"ldpub.a": {"ldpub.cli", "ldpub.b"}, "ldpub.b": {"ldpub.a"}, "ldpub.cli": set()}
    assert cycles(graph) == [["ldpub.a", "ldpub.b"]]


@pytest.mark.parametrize("module", ["ldpub.service.app", "ldpub.service.routes", "ldpub.service.http"])
def test_the_service_is_a_skin_over_the_library(module: str) -> None:
    assert not [t for t in import_graph()[module] if t.startswith("ldpub.cli")]
