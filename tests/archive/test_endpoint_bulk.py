"""Servers fed in bulk: Oxigraph (Graph Store Protocol POST /store) and Virtuoso (TTLP_MT over its
SQL port): the same archive as the embedded store, replacement kept, whole articles after a kill."""

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
from tests.archive.servers import Server, start_oxigraph, start_virtuoso
from tests.archive.test_crash import COPIES, OLD, ROOT, _jsonld_versions, _versions
from tests.support import EXAMPLE_RECORDS

pytestmark = pytest.mark.server

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
HEADLINES = "SELECT ?g ?h WHERE { GRAPH ?g { ?s <http://schema.org/headline> ?h } }"
ARTICLES = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://')) }"


@pytest.fixture(params=["oxigraph", "virtuoso"])
def bulk_env(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A fresh server of each kind (the kill test needs an empty one), with what its bulk path needs
    in the environment: for Virtuoso, the login, its SQL port and a directory it reads."""
    from tests.support import REQUIRE_REAL

    starter = start_oxigraph if request.param == "oxigraph" else start_virtuoso
    (tmp_path / "server").mkdir()
    try:
        server = starter(tmp_path / "server")
    except FileNotFoundError as exc:
        if REQUIRE_REAL:
            pytest.fail(f"{exc} (LDPUB_REQUIRE_REAL=1)")
        pytest.skip(str(exc))
    if server.name == "virtuoso":
        bulk = server.workdir / "bulk"
        bulk.mkdir()
        monkeypatch.setenv("LDPUB_ENDPOINT_USER", "dba")
        monkeypatch.setenv("LDPUB_ENDPOINT_PASSWORD", "dba")
        monkeypatch.setenv("LDPUB_VIRTUOSO_BULK_DIR", str(bulk))
        monkeypatch.setenv("LDPUB_VIRTUOSO_SQL", f"127.0.0.1:{server.sql_port}")
    yield server
    server.stop()


def _shapes(store: object) -> dict[str, tuple[int, str]]:
    """Per graph: its triple count and its headlines (sorted, so that no store's row order matters)."""
    counts = store.query(COUNTS)  # type: ignore[attr-defined]
    titles: dict[str, set[str]] = {}
    for row in store.query(HEADLINES).rows:  # type: ignore[attr-defined]
        titles.setdefault(row["g"].value, set()).add(row["h"].value)
    return {r["g"].value: (int(r["n"].value), " | ".join(sorted(titles.get(r["g"].value, ())))) for r in counts.rows}


def test_bulk_load_gives_the_embedded_archive_and_replaces(bulk_env: Server, tmp_path: Path) -> None:
    old_lines, new_lines, _, new_shape = _versions()
    (tmp_path / "old.nq").write_text("".join(old_lines), encoding="utf-8")
    (tmp_path / "new.nq").write_text("".join(new_lines), encoding="utf-8")
    with EndpointStore(bulk_env.query_url) as server:
        posts = []
        if bulk_env.name == "oxigraph":
            assert server.store_url == bulk_env.query_url.removesuffix("query") + "store"
            original = server._post_store
        else:
            assert server.virtuoso_bulk is not None
            original = server.virtuoso_bulk.load

        def counted(articles: list) -> None:  # type: ignore[type-arg]
            posts.append(len(articles))
            original(articles)

        if bulk_env.name == "oxigraph":
            server._post_store = counted  # type: ignore[method-assign]
        else:
            server.virtuoso_bulk.load = counted  # type: ignore[method-assign, union-attr]
        assert load(server, [tmp_path / "old.nq", *EXAMPLE_RECORDS]).articles == OLD + 3
        assert posts == [OLD + 3]  # all new: one bulk request
        assert load(server, [tmp_path / "new.nq"]).articles == COPIES  # OLD replaced, the rest new
        assert posts == [OLD + 3, COPIES - OLD]
        on_server = _shapes(server)
        assert load(server, [tmp_path / "new.nq"]).articles == COPIES  # again: nothing new, all replaced
        assert posts == [OLD + 3, COPIES - OLD]
        assert _shapes(server) == on_server
    on_server = {g: shape for g, shape in on_server.items() if g.startswith("https://") or g == ENTITIES_GRAPH}
    with EmbeddedStore(tmp_path / "embedded") as embedded:
        load(embedded, [tmp_path / "old.nq", *EXAMPLE_RECORDS])
        load(embedded, [tmp_path / "new.nq"])
        assert _shapes(embedded) == on_server
    assert all(on_server[url] == shape for url, shape in new_shape.items())
    assert ENTITIES_GRAPH in on_server


def test_built_jsonld_goes_in_bulk_as_text_and_gives_the_embedded_archive(bulk_env: Server, tmp_path: Path) -> None:
    """A folder of built JSON-LD files reaches each server's bulk path as N-Quads text, and the
    server holds what the embedded store holds for the same folder."""
    _, new_shape = _jsonld_versions(tmp_path)
    with EndpointStore(bulk_env.query_url) as server:
        sent: list[bool] = []
        if bulk_env.name == "oxigraph":
            original = server._post_store
        else:
            assert server.virtuoso_bulk is not None
            original = server.virtuoso_bulk.load

        def counted(articles: list) -> None:  # type: ignore[type-arg]
            sent.extend(a.has_text for a in articles)
            original(articles)

        if bulk_env.name == "oxigraph":
            server._post_store = counted  # type: ignore[method-assign]
        else:
            server.virtuoso_bulk.load = counted  # type: ignore[method-assign, union-attr]
        assert load(server, [tmp_path / "new"]).articles == COPIES
        on_server = _shapes(server)
    assert sent == [True] * COPIES
    on_server = {g: shape for g, shape in on_server.items() if g.startswith("https://") or g == ENTITIES_GRAPH}
    with EmbeddedStore(tmp_path / "embedded") as embedded:
        load(embedded, [tmp_path / "new"])
        assert _shapes(embedded) == on_server
    assert all(on_server[url][0] == own for url, (own, _) in new_shape.items())


def test_killed_bulk_load_leaves_whole_articles(bulk_env: Server, tmp_path: Path) -> None:
    old_lines, new_lines, old_shape, new_shape = _versions()
    (tmp_path / "old.nq").write_text("".join(old_lines), encoding="utf-8")
    (tmp_path / "new.nq").write_text("".join(new_lines), encoding="utf-8")
    url = bulk_env.query_url
    with EndpointStore(url) as server:
        assert load(server, [tmp_path / "old.nq"]).articles == OLD
    child = subprocess.Popen(
        [sys.executable, "-m", "ldpub", "load", str(tmp_path / "new.nq"), "--endpoint", url, "--batch", "40"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # killed with its group: Virtuoso's isql dies mid-transaction too
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until part of the new articles are in
            time.sleep(0.02)
            answer = httpx.post(url, data={"query": ARTICLES}, headers={"Accept": "application/sparql-results+json"})
            if int(answer.json()["results"]["bindings"][0]["n"]["value"]) > OLD + 120:
                break
        os.killpg(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the load finished before it was killed"
    with EndpointStore(url) as server:
        seen = {g: s for g, s in _shapes(server).items() if g.startswith("https://")}
    whole = [g for g, s in seen.items() if s in (old_shape[g], new_shape[g])]
    assert len(whole) == len(seen), [g for g in seen if g not in whole][:5]
    assert OLD + 120 <= len(seen) < COPIES
