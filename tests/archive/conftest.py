from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ldpub.archive import EmbeddedStore, load
from ldpub.archive.endpoint import EndpointStore
from tests.archive.servers import Server, start_oxigraph, start_virtuoso
from tests.support import EXAMPLE_RECORDS, REQUIRE_REAL


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store holding the three examples (read-only use: tests must not change it)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("archive") / "store")
    summary = load(store, EXAMPLE_RECORDS)
    assert summary.articles == 3 and not summary.failed
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def _start(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    starter = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}[kind]
    try:
        server = starter(tmp_path_factory.mktemp(kind))
    except FileNotFoundError as exc:
        if REQUIRE_REAL:
            pytest.fail(f"{exc} is not available (LDPUB_REQUIRE_REAL=1)")
        pytest.skip(f"{exc} is not available")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _start("oxigraph", tmp_path_factory)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _start("virtuoso", tmp_path_factory)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    """Each real server in turn, holding the three examples (loaded once, with credentials)."""
    server: Server = request.getfixturevalue(f"{request.param}_server")
    if not getattr(server, "examples_loaded", False):
        with credentials(server), EndpointStore(server.query_url) as store:
            summary = load(store, EXAMPLE_RECORDS)
        assert summary.articles == 3 and not summary.failed
        server.examples_loaded = True  # type: ignore[attr-defined]
    return server


@contextlib.contextmanager
def credentials(server: Server, user: str = "dba", password: str = "dba") -> Iterator[None]:
    """Virtuoso's update endpoint needs the dba login; Oxigraph server has no authentication."""
    if server.name != "virtuoso":
        yield
        return
    saved = {k: os.environ.get(k) for k in ("LDPUB_ENDPOINT_USER", "LDPUB_ENDPOINT_PASSWORD")}
    os.environ.update(LDPUB_ENDPOINT_USER=user, LDPUB_ENDPOINT_PASSWORD=password)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
