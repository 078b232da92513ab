"""Oxigraph server fed in bulk (Graph Store Protocol POST /store): same archive, replacement kept, kill-safe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ldpub.archive import ENTITIES_GRAPH, EmbeddedStore, load
from ldpub.archive.endpoint import EndpointStore
from tests.archive.conftest import EXAMPLE_RECORDS
from tests.archive.servers import Server, start_oxigraph
from tests.archive.test_crash import COPIES, OLD, ROOT, _versions

pytestmark = pytest.mark.server

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
HEADLINES = "SELECT ?g ?h WHERE { GRAPH ?g { ?s <http://schema.org/headline> ?h } }"


@pytest.fixture
def fresh_oxigraph(tmp_path: Path) -> Iterator[Server]:
    """An Oxigraph server of its own (the kill test needs an empty one)."""
    from tests.archive.conftest import REQUIRE_REAL

    try:
        server = start_oxigraph(tmp_path)
    except FileNotFoundError as exc:
        if REQUIRE_REAL:
            pytest.fail(f"{exc} (LDPUB_REQUIRE_REAL=1)")
        pytest.skip(str(exc))
    yield server
    server.stop()


def _shapes(store: object) -> dict[str, tuple[int, str]]:
    counts = store.query(COUNTS)  # type: ignore[attr-defined]
    titles = {r["g"].value: r["h"].value for r in store.query(HEADLINES).rows}  # type: ignore[attr-defined]
    return {r["g"].value: (int(r["n"].value), titles.get(r["g"].value, "")) for r in counts.rows}


def test_bulk_load_gives_the_embedded_archive_and_replaces(fresh_oxigraph: Server, tmp_path: Path) -> None:
    old_lines, new_lines, _, new_shape = _versions()
    (tmp_path / "old.nq").write_text("".join(old_lines), encoding="utf-8")
    (tmp_path / "new.nq").write_text("".join(new_lines), encoding="utf-8")
    with EndpointStore(fresh_oxigraph.query_url) as server:
        assert server.store_url == fresh_oxigraph.query_url.removesuffix("query") + "store"
        posts = []
        original = server._post_store

        def counted(articles: list) -> None:  # type: ignore[type-arg]
            posts.append(len(articles))
            original(articles)

        server._post_store = counted  # type: ignore[method-assign]
        assert load(server, [tmp_path / "old.nq", *EXAMPLE_RECORDS]).articles == OLD + 3
        assert posts == [OLD + 3]  # all new: one bulk request
        assert load(server, [tmp_path / "new.nq"]).articles == COPIES  # OLD replaced, the rest new
        assert posts == [OLD + 3, COPIES - OLD]
        on_server = _shapes(server)
    with EmbeddedStore(tmp_path / "embedded") as embedded:
        load(embedded, [tmp_path / "old.nq", *EXAMPLE_RECORDS])
        load(embedded, [tmp_path / "new.nq"])
        assert _shapes(embedded) == on_server
    assert all(on_server[url] == shape for url, shape in new_shape.items())
    assert ENTITIES_GRAPH in on_server


def test_killed_bulk_load_leaves_whole_articles(fresh_oxigraph: Server, tmp_path: Path) -> None:
    old_lines, new_lines, old_shape, new_shape = _versions()
    (tmp_path / "old.nq").write_text("".join(old_lines), encoding="utf-8")
    (tmp_path / "new.nq").write_text("".join(new_lines), encoding="utf-8")
    url = fresh_oxigraph.query_url
    with EndpointStore(url) as server:
        assert load(server, [tmp_path / "old.nq"]).articles == OLD
    child = subprocess.Popen(
        [sys.executable, "-m", "ldpub", "load", str(tmp_path / "new.nq"), "--endpoint", url, "--batch", "40"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until part of the new articles are in
            time.sleep(0.02)
            answer = httpx.post(
                url,
                data={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"},
                headers={"Accept": "application/sparql-results+json"},
            )
            if int(answer.json()["results"]["bindings"][0]["n"]["value"]) > OLD + 120:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the load finished before it was killed"
    with EndpointStore(url) as server:
        seen = {g: s for g, s in _shapes(server).items() if g != ENTITIES_GRAPH}
    whole = [g for g, s in seen.items() if s in (old_shape[g], new_shape[g])]
    assert len(whole) == len(seen), [g for g in seen if g not in whole][:5]
    assert OLD + 120 <= len(seen) < COPIES
