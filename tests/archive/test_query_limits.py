"""Queries with limits that hold: stopped at their time and row limits, streamed in flat memory,
stopped by Ctrl-C.

Before (issue 29): ``ldpub sparql`` had no limit, collected the whole result before writing a
byte (1.6 GB in 25 s, nothing out) and ignored Ctrl-C; the service's time limit answered 503 and
left the query running in its thread, growing 60 MB/s. A query now runs in a worker process
that the caller kills at the limit.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ldpub.archive import EmbeddedStore, stream_query
from ldpub.archive.endpoint import EndpointStore
from ldpub.archive.results import render
from ldpub.cli import main
from ldpub.errors import InputError, QueryTimeout, UsageError
from tests.archive.servers import Server

# 406 quads in the three examples: a cross product of four is 27 billion solutions (no end in a test)
ENDLESS_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?g ?h ?i} GRAPH ?g4 {?j ?k ?l} }"
)
# ... and one that holds what it has seen (a group per solution): its memory grows 60 MB/s for as long as it runs
ENDLESS_GROWING = (
    "SELECT ?c ?f ?i (COUNT(*) AS ?n) WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?g ?h ?i} } "
    "GROUP BY ?c ?f ?i"
)
ENDLESS_ROWS = "SELECT * WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?g ?h ?i} }"
PAIRS = "SELECT ?c WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} }"  # 406 × 406 = 164,836 rows


def rss_mb(pid: int) -> float | None:
    """A process's resident memory in MB; None once it has ended."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class Sampler:
    """The resident memory of a process while its query worker runs, and the worker's, every 20 ms
    while a ``with`` block runs (the process's start, importing, is not the query's)."""

    def __init__(self, pid: int, worker: Callable[[], int | None]) -> None:
        self.pid = pid
        self.worker = worker
        self.samples: list[float] = []
        self.worker_samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            worker = self.worker()
            worker_rss = rss_mb(worker) if worker is not None else None
            if worker_rss is not None:
                self.worker_samples.append(worker_rss)
                own = rss_mb(self.pid)
                if own is not None:
                    self.samples.append(own)
            time.sleep(0.02)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth(self) -> float:
        assert len(self.samples) >= 5, "the worker was not seen running"
        return max(self.samples) - min(self.samples)

    @property
    def worker_growth(self) -> float:
        return max(self.worker_samples) - min(self.worker_samples) if self.worker_samples else 0.0


def child_of(pid: int) -> Callable[[], int | None]:
    def find() -> int | None:
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return None
        return int(children[0]) if children else None

    return find


def query_worker() -> int | None:
    children = multiprocessing.active_children()
    return children[-1].pid if children else None


@pytest.fixture(scope="module")
def store_path(loaded_store: EmbeddedStore) -> str:
    """The examples' store; the workers open it read-only beside the session's own handle."""
    return str(loaded_store.path)


def test_an_endless_query_is_stopped_at_its_limit_and_its_memory_goes_with_it(store_path: str) -> None:
    assert stream_query("ASK {}", store=store_path).collect().boolean is True  # the fork server started
    before = {p.pid for p in multiprocessing.active_children()}
    started = time.monotonic()
    with Sampler(os.getpid(), query_worker) as memory, pytest.raises(QueryTimeout, match=r"longer than 1\.5 s"):
        stream_query(ENDLESS_GROWING, store=store_path, timeout=1.5).collect()
    elapsed = time.monotonic() - started
    assert 1.5 <= elapsed < 6, elapsed  # stopped at the limit (plus killing and reaping the worker)
    assert {p.pid for p in multiprocessing.active_children()} <= before  # the worker is gone, with its memory
    assert memory.worker_growth > 30, memory.worker_samples  # the query did take memory: in its worker
    assert memory.growth < 20, memory.samples  # and none here (a few MB of the test's own noise)


def test_the_cli_stops_an_endless_query_at_its_limit_with_memory_flat(store_path: str) -> None:
    cli = subprocess.Popen(
        [sys.executable, "-m", "ldpub", "sparql", "--store", store_path, "--timeout", "1.5", ENDLESS_GROWING],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with Sampler(cli.pid, child_of(cli.pid)) as memory:
        out, err = cli.communicate(timeout=30)
    assert cli.returncode == 3 and out == ""
    assert err == "ldpub: error: the query took longer than 1.5 s and was stopped\n"
    assert memory.worker_growth > 30, memory.worker_samples
    assert memory.growth < 10, memory.samples


def test_the_row_limit_stops_the_query_there(store_path: str) -> None:
    started = time.monotonic()
    result = stream_query(ENDLESS_ROWS, store=store_path, max_rows=1234).collect()
    assert len(result.rows) == 1234 and time.monotonic() - started < 10
    assert result.warnings == ("the result stops at the row limit (1,234 rows); there may be more",)
    whole = stream_query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", store=store_path, max_rows=1000
    ).collect()
    assert len(whole.rows) == 4 and whole.warnings == ()
    graph = stream_query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", store=store_path, max_rows=10
    ).collect()
    import pyoxigraph as ox

    assert len(list(ox.parse(graph.turtle or "", format=ox.RdfFormat.TURTLE))) == 10


def test_a_large_result_is_written_as_it_comes_in_flat_memory(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    with out.open("w") as sink:
        cli = subprocess.Popen(
            [sys.executable, "-m", "ldpub", "sparql", "--store", store_path, "-f", "csv", PAIRS],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
        )
        with Sampler(cli.pid, child_of(cli.pid)) as memory:
            _, err = cli.communicate(timeout=120)
    assert cli.returncode == 0, err
    with out.open(newline="") as lines:
        assert sum(1 for _ in csv.reader(lines)) == 1 + 406 * 406  # some values span lines
    # 165k rows written as they came: the process never held more than a few batches
    assert memory.growth < 15, (min(memory.samples), max(memory.samples))


def test_ctrl_c_stops_a_query_at_once_with_130(store_path: str) -> None:
    for query in (ENDLESS_COUNT, ENDLESS_ROWS):  # busy in the engine, and busy writing rows
        cli = subprocess.Popen(
            [sys.executable, "-m", "ldpub", "sparql", "--store", store_path, "-f", "tsv", query],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        sent = time.monotonic()
        cli.send_signal(signal.SIGINT)
        _, err = cli.communicate(timeout=10)
        assert cli.returncode == 130, err
        assert time.monotonic() - sent < 2 and "Traceback" not in err


def test_errors_are_messages(store_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match="SPARQL syntax error"):
        stream_query("SELECT ?x WHERE {", store=store_path)
    with pytest.raises(UsageError, match="no archive at"):
        stream_query("ASK {}", store=tmp_path / "nothing")
    assert main(["sparql", "--store", store_path, "--max-rows", "0", "ASK {}"]) == 2
    assert "must be more than 0" in capsys.readouterr().err


def test_streamed_formats_match_the_whole_result(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each format written batch by batch (of 50 rows here) is the text the whole result gives."""
    from ldpub.archive import query_worker
    from ldpub.archive import results as results_module

    monkeypatch.setattr(query_worker, "BATCH_ROWS", 50)  # seen by a forked worker

    def stream_query(text: str, *, store: str) -> Any:
        return query_worker.run_query(store, text, start_method="fork")

    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
    with EmbeddedStore(store_path, read_only=True) as store:
        whole = store.query(query)
    assert len(whole.rows) == 406
    saved = results_module.TABLE_ROWS
    results_module.TABLE_ROWS = 10_000
    try:
        for fmt, expected in (("json", whole.to_json()), ("csv", whole.to_csv()), ("tsv", whole.to_tsv())):
            assert "".join(render(stream_query(query, store=store_path), fmt)) == expected, fmt
        assert "".join(render(stream_query(query, store=store_path), "table", width=100)) == whole.to_table(width=100)
    finally:
        results_module.TABLE_ROWS = saved


def test_a_streamed_table_past_its_sizing_rows_keeps_every_row(
    store_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ldpub.archive import results as results_module

    monkeypatch.setattr(results_module, "TABLE_ROWS", 100)
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
    text = "".join(render(stream_query(query, store=store_path), "table", width=10_000))
    lines = text.splitlines()
    assert lines[-1] == "(406 rows)" and len(lines) == 2 + 406 + 1
    narrow = "".join(render(stream_query(query, store=store_path), "table", width=40))
    assert "-[ row 406 ]" in narrow and narrow.endswith("(406 rows)\n")


@pytest.fixture
def endpoint(server: Server) -> Iterator[str]:
    yield server.query_url


@pytest.mark.server
def test_endpoint_results_stream_within_the_limits(endpoint: str, loaded_store: EmbeddedStore) -> None:
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), 'http://www.openlinksw')) }"
    with EndpointStore(endpoint) as store:
        whole = store.query(query)
    streamed = stream_query(query, endpoint=endpoint).collect()
    assert {tuple(sorted((k, t.value) for k, t in r.items())) for r in streamed.rows} == {
        tuple(sorted((k, t.value) for k, t in r.items())) for r in whole.rows
    }
    cut = stream_query(query, endpoint=endpoint, max_rows=7).collect()
    assert len(cut.rows) == 7 and "row limit (7 rows)" in cut.warnings[-1]
    assert stream_query("ASK { GRAPH ?g { ?s ?p ?o } }", endpoint=endpoint).collect().boolean is True


class _SlowEndpoint(BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers ASK at once and sends a SELECT's rows one every 0.1 s, forever."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head": {}, "boolean": true}')

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head": {"vars": ["n"]}, "results": {"bindings": [')
        try:
            for n in range(100_000):
                self.wfile.write(b"," * (n > 0) + b'{"n": {"type": "literal", "value": "%d"}}' % n)
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:  # the client has gone
            pass


@pytest.fixture
def slow_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowEndpoint)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


def test_an_endpoint_that_never_ends_is_stopped_at_the_limit(slow_endpoint: str) -> None:
    started = time.monotonic()
    rows = []
    with pytest.raises(QueryTimeout), stream_query("SELECT ?n {}", endpoint=slow_endpoint, timeout=1) as results:
        for batch in results.batches():
            rows.extend(batch)
    assert 1 <= time.monotonic() - started < 3
    cut = stream_query("SELECT ?n {}", endpoint=slow_endpoint, max_rows=3).collect()
    assert [r["n"].value for r in cut.rows] == ["0", "1", "2"] and cut.warnings
