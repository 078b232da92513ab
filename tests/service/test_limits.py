"""The time limit answers at the limit, and bad input to every endpoint is a clear 4xx that writes nothing."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import httpx
import pytest

from tests.service.conftest import running_service
from tests.support import EXAMPLES

SEED_TEXT = (EXAMPLES / "syrian-observer-al-tanf.yaml").read_text()


def _big_graph(nodes: int) -> bytes:
    graph = [
        {"@type": "NewsArticle", "@id": f"urn:x:{i}", "headline": "h" * 40, "author": {"name": f"P{i}"}}
        for i in range(nodes)
    ]
    return json.dumps({"@context": "https://schema.org", "@graph": graph}).encode()


def test_slow_work_is_answered_at_the_time_limit() -> None:
    # ~3 MB of JSON-LD takes ldpub well over a second to check; the limit is 0.05 s. Before
    # the thread was abandoned on the limit, this answered 200 once the work had finished.
    big = _big_graph(20_000)
    with running_service("--timeout", "0.05") as url:
        started = time.monotonic()
        response = httpx.post(url + "/validate?name=big.jsonld", content=big, timeout=120)
        elapsed = time.monotonic() - started
        assert response.status_code == 503, response.text[:300]
        assert "longer than 0.05 s" in response.json()["error"]["message"]
        # the server goes on answering while the abandoned work ends in its thread
        assert httpx.get(url + "/healthz", timeout=10).json()["ok"] is True
    assert elapsed < 30


BAD_INPUTS = [
    ("/build", b"headline: [unclosed", {}, 422, "record.yaml:2:1: malformed YAML"),
    ("/build", b"- a list\n- not a record\n", {}, 422, "a record must be a mapping"),
    ("/extract", b"\x00\xff binary \x00 not text", {}, 422, "binary data"),  # as ldpub extract says it
    ("/embed", b'{"page": 3, "graph": {}}', {"Content-Type": "application/json"}, 422, "page"),
    ("/embed", b"[1, 2]", {"Content-Type": "application/json"}, 422, "JSON object"),
    ("/diff", b'{"old": "a: 1"}', {"Content-Type": "application/json"}, 422, "no new"),
    ("/diff", b"not json", {"Content-Type": "application/json"}, 422, "not JSON"),
    ("/diff", b'{"old": 1, "new": "x"}', {"Content-Type": "application/json"}, 422, "old"),
    ("/graph", b"headline: [unclosed", {}, 422, "malformed YAML"),
    ("/sparql", b"DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", {}, 422, "updates are refused"),
    ("/sparql", b"CLEAR ALL", {}, 422, "updates are refused"),
    ("/sparql", b"LOAD <http://127.0.0.1:9/x.ttl>", {}, 422, "updates are refused"),
    ("/validate", b"   \n", {}, 400, "empty"),
]


def _tree(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in path.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(("path", "content", "headers", "status", "says"), BAD_INPUTS)
def test_bad_input_is_a_clear_4xx_and_writes_nothing(
    service: str,
    service_cwd: Path,
    archive_dir: Path,
    path: str,
    content: bytes,
    headers: dict[str, str],
    status: int,
    says: str,
) -> None:
    before = _tree(archive_dir)
    response = httpx.post(service + path, content=content, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert "Traceback" not in response.text
    error = response.json()["error"]
    assert error["message"] and says in error["message"]
    assert list(service_cwd.iterdir()) == []
    assert _tree(archive_dir) == before


def test_the_archive_still_answers_after_the_refused_updates(service: str) -> None:
    for path, content, headers, _, _ in BAD_INPUTS:
        if path == "/sparql":
            httpx.post(service + path, content=content, headers=headers)
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = httpx.post(service + "/sparql", content=count).json()
    assert answer["results"]["bindings"][0]["n"]["value"] == "4"  # 3 articles + the entities graph
