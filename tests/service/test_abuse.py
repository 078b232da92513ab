"""The service under abuse (issue 29): a query cannot take its memory or run past the limit, a
client that hangs up is one log line, a stalled upload is dropped, deep input is 422, and loads
made while it runs are seen.

Before: ``POST /sparql`` with a cross product answered 503 at the time limit and went on in its
thread, growing 60 MB/s (3.1 GB after 42 s); 1,100 disconnects gave 84,000 log lines; a
stalled upload was held for ever; 100,000-deep input to /build, /graph, /diff gave 500; a
running ``serve --store`` never saw later loads.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ldpub.limits import DEPTH_MESSAGE
from tests.service.conftest import Serving, serving
from tests.support import EXAMPLE_RECORDS, EXAMPLES

GROWING = (  # a group per solution of a three-way cross product: grows ~60 MB/s for as long as it runs
    "SELECT ?c ?f ?i (COUNT(*) AS ?n) WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?g ?h ?i} } "
    "GROUP BY ?c ?f ?i"
)
ROWS = "SELECT * WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?g ?h ?i} }"  # 67 million rows
PAIRS = "SELECT ?c WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} }"  # 164,836 rows
COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def descendants(pid: int) -> list[int]:
    """A process's children and theirs (of any of its threads: the fork server is started by one)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


class Memory:
    """The server's resident memory and its processes' (query workers), every 20 ms meanwhile."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.server: list[float] = []
        self.others: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            own = rss_mb(self.pid)
            if own is not None:
                self.server.append(own)
            self.others.append(sum(rss_mb(p) or 0.0 for p in descendants(self.pid)))
            time.sleep(0.02)

    def __enter__(self) -> Memory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture(scope="module")
def served(archive_dir: Path) -> Iterator[Serving]:
    with serving("--store", str(archive_dir), "--timeout", "1.5", "--max-rows", "200000") as server:
        yield server


def test_an_endless_query_is_stopped_at_the_limit_with_the_server_flat(served: Serving) -> None:
    httpx.post(served.url + "/sparql", content=COUNT, timeout=30)  # the fork server is started
    time.sleep(0.5)  # and that query's worker reaped
    workers_before = len(descendants(served.process.pid))
    with Memory(served.process.pid) as memory:
        started = time.monotonic()
        response = httpx.post(served.url + "/sparql", content=GROWING, timeout=30)
        elapsed = time.monotonic() - started
        time.sleep(0.3)
    assert response.status_code == 503, response.text
    assert response.json()["error"]["message"] == "the query took longer than 1.5 s and was stopped"
    assert 1.5 <= elapsed < 5
    assert max(memory.others) - min(memory.others) > 30  # the query grew, in its own process ...
    assert max(memory.server) - min(memory.server) < 15, memory.server  # ... the server did not
    assert len(descendants(served.process.pid)) == workers_before  # and that process is gone
    assert httpx.post(served.url + "/sparql", content=COUNT, timeout=30).json()["results"]["bindings"]


def test_a_large_answer_is_streamed_with_the_server_flat_and_cut_at_the_row_limit(archive_dir: Path) -> None:
    with serving("--store", str(archive_dir), "--max-rows", "200000", "--timeout", "120") as server:
        httpx.post(server.url + "/sparql", content=COUNT, timeout=30)  # the fork server is started
        with (
            Memory(server.process.pid) as memory,
            httpx.stream(
                "POST", server.url + "/sparql", content=PAIRS, headers={"Accept": "text/csv"}, timeout=120
            ) as response,
        ):
            assert response.status_code == 200 and response.headers["x-ldpub-row-limit"] == "200000"
            size = sum(len(chunk) for chunk in response.iter_bytes())
    assert size > 5_000_000  # 164,836 rows of IRIs and text
    assert max(memory.server) - min(memory.server) < 20, (min(memory.server), max(memory.server))
    with serving("--store", str(archive_dir), "--max-rows", "1000") as small:
        cut = httpx.post(small.url + "/sparql", content=ROWS, timeout=60)
        assert cut.status_code == 200 and len(cut.json()["results"]["bindings"]) == 1000
        time.sleep(0.2)
        assert any("row limit (1,000 rows)" in line for line in small.log_lines())


def test_an_answer_cut_by_the_time_limit_is_incomplete_not_short(served: Serving) -> None:
    # rows come at once, then the limit (1.5 s) falls in the middle of the answer: the connection
    # is cut, so a client cannot take what it got for the whole result
    with (
        pytest.raises(httpx.RemoteProtocolError),
        httpx.stream(
            "POST", served.url + "/sparql", content=ROWS, headers={"Accept": "text/tab-separated-values"}, timeout=60
        ) as response,
    ):
        assert response.status_code == 200
        for _ in response.iter_bytes():
            pass
    time.sleep(0.2)
    assert any("the answer was cut off: the query took longer than 1.5 s" in line for line in served.log_lines())


def _hang_up(url: str, path: str, sent: bytes) -> None:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 100000\r\n\r\n".encode()
        connection.sendall(head + sent)


def test_a_thousand_clients_that_hang_up_are_a_thousand_short_lines(archive_dir: Path) -> None:
    with serving("--store", str(archive_dir)) as server:
        for i in range(1000):
            _hang_up(server.url, ("/build", "/validate", "/graph", "/sparql")[i % 4], b"x" * (i % 50))
        deadline = time.monotonic() + 30
        while len(server.log_lines()) < 1001 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        lines = server.log_lines()
    assert lines[0].startswith("ldpub: serving on")
    gone = lines[1:]
    assert len(gone) == 1000, gone[-5:]
    assert all(line.startswith("ldpub serve: POST /") and "the client went away after" in line for line in gone)
    assert max(len(line) for line in gone) < 100


def test_a_stalled_upload_is_dropped_after_the_body_timeout(archive_dir: Path) -> None:
    with serving("--store", str(archive_dir), "--body-timeout", "1") as server:
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            started = time.monotonic()
            connection.sendall(b"POST /build HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\nurl: https://")
            answer = b""
            while chunk := connection.recv(65536):  # the server answers, then closes
                answer += chunk
            elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive within 1 s (13 bytes came)" in answer
    assert 1 <= elapsed < 5


def test_serve_store_sees_loads_made_after_it_started_and_reads_during_one(tmp_path: Path) -> None:
    from ldpub.archive.articles import archive_nquads
    from ldpub.pipeline import build
    from ldpub.record import parse_record

    store = tmp_path / "store"
    load = [sys.executable, "-m", "ldpub", "load", "-q", "--store", str(store)]
    assert subprocess.run([*load, str(EXAMPLE_RECORDS[0])]).returncode == 0

    def articles(url: str) -> int:
        response = httpx.post(url + "/sparql", content=COUNT, timeout=60)
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"]) - 1  # less the entities graph

    text = (EXAMPLES / "syrian-observer-al-tanf.yaml").read_text(encoding="utf-8")
    many = tmp_path / "many.nq"
    with many.open("w", encoding="utf-8") as out:
        for i in range(40):
            article = build(parse_record(text.replace("al-tanf-meetings", f"al-tanf-meetings-{i}")))
            out.write(archive_nquads(article.nquads(), f"r{i}.yaml"))
    with serving("--store", str(store), "--timeout", "20") as server:
        assert articles(server.url) == 1
        loading = subprocess.Popen([*load, "--batch", "2", str(many)])  # 20 transactions
        seen = []
        while loading.poll() is None:
            seen.append(articles(server.url))  # never a lock error: the last committed state
        assert loading.returncode == 0
        assert len(seen) >= 2 and seen == sorted(seen), seen
        assert articles(server.url) == 41  # and the whole load, without a restart


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deep_input_is_422_with_the_message_every_command_gives(service: str, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    record = '{"url": "https://a.example/x", "headline": "h", "notes": ' + deep + "}"
    jsonld = '{"@context": "https://schema.org", "@type": "NewsArticle", "about": ' + deep + "}"
    requests = [
        ("/build?name=r.json", record.encode(), {}),
        ("/graph?name=d.jsonld", jsonld.encode(), {}),
        ("/diff", json.dumps({"old": jsonld, "new": "{}", "old_name": "d.jsonld"}).encode(), {}),
        ("/diff", b'{"old": ' + deep.encode() + b', "new": ""}', {"Content-Type": "application/json"}),
        ("/embed", b'{"page": "<html></html>", "graph": ' + deep.encode() + b"}", {"Content-Type": "application/json"}),
    ]
    for path, content, headers in requests:
        response = httpx.post(service + path, content=content, headers=headers, timeout=60)
        assert response.status_code == 422, (path, response.text[:300])
        assert DEPTH_MESSAGE in response.json()["error"]["message"], (path, response.text[:300])
