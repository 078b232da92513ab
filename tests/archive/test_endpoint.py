"""The archive on real SPARQL servers (Oxigraph server, Virtuoso 7) over the SPARQL 1.1 Protocol."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from ldpub.archive import EmbeddedStore, load, read_articles
from ldpub.archive.endpoint import EndpointStore
from ldpub.cli import main
from tests.archive.conftest import credentials
from tests.archive.expected import EXPECTED, ORDER, SEED, rows_of, sort_keys
from tests.archive.servers import Server, free_port, oxigraph_binary, start_oxigraph
from tests.support import EXAMPLE_RECORDS, EXAMPLES, QUERIES

pytestmark = pytest.mark.server


def full_rows(result: object) -> set[tuple[tuple[str, str], ...]]:
    return {tuple(sorted((k, t.value) for k, t in row.items())) for row in result.rows}  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_example_query_on_server(server: Server, loaded_store: EmbeddedStore, query: Path) -> None:
    """Each example query gives its expected rows, and the same rows as the embedded store."""
    columns, expected = EXPECTED[query.stem]
    text = query.read_text(encoding="utf-8")
    with EndpointStore(server.query_url) as store:
        result = store.query(text)
    assert rows_of(result, columns) == expected
    assert len(result.rows) == len(expected)
    assert full_rows(result) == full_rows(loaded_store.query(text))
    if query.stem in ORDER:
        keys = sort_keys(result, ORDER[query.stem])
        assert keys == sorted(keys)


def _variant(tmp_path: Path, url: str, **changes: object) -> Path:
    record = yaml.safe_load((EXAMPLES / "syrian-observer-al-tanf.yaml").read_text(encoding="utf-8"))
    record = copy.deepcopy(record)
    record["url"] = url
    record.update(changes)
    path = tmp_path / f"variant-{abs(hash((url, str(changes))))}.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return path


def _graph(store: EndpointStore, url: str) -> set[tuple[str, str, str]]:
    result = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}")
    return {(r["s"].value, r["p"].value, r["o"].value) for r in result.rows}


def test_reload_replaces_and_is_idempotent_then_unload(server: Server, tmp_path: Path) -> None:
    url = f"https://test.example/{server.name}/replace.html"
    first = _variant(tmp_path, url)
    second = _variant(tmp_path, url, headline="Changed", claims=[], reviews=[])
    with credentials(server), EndpointStore(server.query_url) as store:
        load(store, [first])
        before = _graph(store, url)
        load(store, [first])
        assert _graph(store, url) == before  # idempotent
        load(store, [second])
        (expected,) = read_articles(second)
        got = _graph(store, url)
        assert got == {(t.subject.value, t.predicate.value, t.object.value) for t in expected.own}
        assert got != before and not any("#claim-" in s for s, _, _ in got)
        assert store.unload(url) is True
        assert store.unload(url) is False
        assert _graph(store, url) == set()


def test_cli_against_server(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"https://test.example/{server.name}/cli.html"
    with credentials(server):
        assert main(["load", str(_variant(tmp_path, url)), "--endpoint", server.query_url]) == 0
        assert main(["sparql", f"ASK {{ GRAPH <{url}> {{ ?s ?p ?o }} }}", "--endpoint", server.query_url]) == 0
        assert capsys.readouterr().out == "yes\n"
        construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}"
        assert main(["sparql", construct, "--endpoint", server.query_url]) == 0
        triples = list(ox.parse(capsys.readouterr().out, format=ox.RdfFormat.TURTLE))
        assert len(triples) == len(next(iter(read_articles(_variant(tmp_path, url)))).own)
        assert main(["unload", url, "--endpoint", server.query_url]) == 0
    assert main(["sparql", "SELECT * WHERE {", "--endpoint", server.query_url]) == 1  # syntax: the server's 400
    assert "rejected the query" in capsys.readouterr().err


def test_unreachable_endpoint_is_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    assert main(["load", str(EXAMPLE_RECORDS[0]), "--endpoint", url]) == 3
    assert "cannot reach the endpoint" in capsys.readouterr().err
    assert main(["sparql", "ASK {}", "--endpoint", url]) == 3


def test_credentials_in_the_url_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sparql", "ASK {}", "--endpoint", "http://dba:secret@127.0.0.1:1/sparql"]) == 3
    err = capsys.readouterr().err
    assert "LDPUB_ENDPOINT_USER" in err and "secret" not in err


def test_virtuoso_auth_failure_is_exit_3_with_nothing_written(
    virtuoso_server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "https://test.example/virtuoso/auth.html"
    path = _variant(tmp_path, url)
    assert main(["load", str(path), "--endpoint", virtuoso_server.query_url]) == 3  # no credentials
    assert "refused the credentials" in capsys.readouterr().err
    with credentials(virtuoso_server, password="not-the-password"):
        assert main(["load", str(path), "--endpoint", virtuoso_server.query_url]) == 3
    err = capsys.readouterr().err
    assert "refused the credentials (HTTP 401)" in err and "not-the-password" not in err
    with EndpointStore(virtuoso_server.query_url) as store:
        assert _graph(store, url) == set()


def test_embedded_store_opens_in_oxigraph_serve(tmp_path: Path) -> None:
    """The embedded store's directory is an Oxigraph database: `oxigraph serve --location` serves it."""
    if oxigraph_binary() is None:
        pytest.skip("oxigraph is not available")
    with EmbeddedStore(tmp_path / "data") as store:
        load(store, EXAMPLE_RECORDS)
        local = store.query((EXAMPLES / "queries" / "claims-by-source.rq").read_text(encoding="utf-8"))
    served = start_oxigraph(tmp_path)  # serves tmp_path / "data"
    try:
        with EndpointStore(served.query_url) as remote:
            got = remote.query((EXAMPLES / "queries" / "claims-by-source.rq").read_text(encoding="utf-8"))
            assert SEED in {g.value for r in remote.query("SELECT ?g WHERE { GRAPH ?g {} }").rows for g in r.values()}
    finally:
        served.stop()
    assert full_rows(got) == full_rows(local) and len(local.rows) == 6


def test_oxigraph_binary_is_next_to_the_interpreter() -> None:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("oxigraph is not available")
    assert subprocess.run([binary, "--version"], capture_output=True, check=False).returncode == 0


def test_credentials_from_netrc(
    virtuoso_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without LDPUB_ENDPOINT_USER, the login comes from ~/.netrc's entry for the host."""
    url = "https://test.example/virtuoso/netrc.html"
    home = tmp_path / "home"
    home.mkdir()
    netrc = home / ".netrc"
    netrc.write_text("machine 127.0.0.1 login dba password dba\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("LDPUB_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("LDPUB_ENDPOINT_PASSWORD", raising=False)
    assert main(["load", str(_variant(tmp_path, url)), "--endpoint", virtuoso_server.query_url, "-q"]) == 0
    assert main(["unload", url, "--endpoint", virtuoso_server.query_url]) == 0
    assert capsys.readouterr().err == ""


def test_server_error_is_exit_3_with_nothing_written(
    virtuoso_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Updates sent to Virtuoso's anonymous, read-only /sparql: the server refuses them (HTTP 500)."""
    url = "https://test.example/virtuoso/server-error.html"
    monkeypatch.setenv("LDPUB_UPDATE_ENDPOINT", virtuoso_server.query_url)
    assert main(["load", str(_variant(tmp_path, url)), "--endpoint", virtuoso_server.query_url]) == 3
    err = capsys.readouterr().err
    assert "the endpoint refused the update: HTTP 5" in err and len(err.strip().splitlines()) == 1
    with EndpointStore(virtuoso_server.query_url) as store:
        assert _graph(store, url) == set()
