"""Loading an archive into SPARQL servers: each server's bulk path beside the SPARQL Update path it
replaces for new articles, on the same archive file in the same run, with wall time, quads/s and
peak memory of the server and of the loading process, and a 1M-article extrapolation.

- Oxigraph server: Graph Store Protocol ``POST /store`` of N-Quads per 2,000 articles, beside
  SPARQL Update (200 articles a request); and the server's own ``POST /store`` of the whole file;
- Virtuoso 7: ``TTLP_MT`` transactions per 1,000 articles over the SQL port, beside SPARQL Update
  (1,000 triples a request);
- pyoxigraph's ``bulk_load`` into an embedded store, the ceiling of the same file.

    python -m benchmarks.bench_server_load [--archive /tmp/ldpub-bench-archive/archive-5000.nq]
        [--input DIR_OR_FILE] [--servers oxigraph,virtuoso] [--paths bulk,update] [--time-limit SECONDS]

The archive is the N-Quads file benchmarks/bench_archive.py caches (or any ``ldpub build --out
archive.nq`` output). ``--input`` gives what ldpub loads instead, the same articles in another
form: the folder of built ``.jsonld`` files bench_load_jsonld.py caches, with ``--archive`` its
``jsonld-N-quads.nq`` (the servers' own load and the embedded ``bulk_load`` still read the
archive file). Each load starts from an empty server of its own.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pyoxigraph as ox

from ldpub.archive import LoadSummary, load
from ldpub.archive.endpoint import EndpointStore
from tests.archive.servers import Server, start_oxigraph, start_virtuoso


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class PeakMemory:
    """Peak resident memory (MB) of the server and of this process, sampled twice a second."""

    def __init__(self, server_pid: int) -> None:
        self.pids = {"server": server_pid, "client": os.getpid()}
        self.peak = dict.fromkeys(self.pids, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            for who, pid in self.pids.items():
                with suppress(OSError):
                    self.peak[who] = max(self.peak[who], _rss_mb(pid))
            if self._stop.wait(0.5):
                return

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def _server(kind: str) -> Iterator[Server]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("LDPUB_BENCH_TMP")) as tmp:
        server = (start_oxigraph if kind == "oxigraph" else start_virtuoso)(Path(tmp))
        try:
            yield server
        finally:
            server.stop()


def _store(server: Server, bulk: bool) -> EndpointStore:
    if server.name == "virtuoso":
        os.environ.update(LDPUB_ENDPOINT_USER="dba", LDPUB_ENDPOINT_PASSWORD="dba")
        bulk_dir = server.workdir / "bulk"
        bulk_dir.mkdir(exist_ok=True)
        if bulk:
            return EndpointStore(server.query_url, bulk_dir=bulk_dir, sql_address=f"127.0.0.1:{server.sql_port}")
        return EndpointStore(server.query_url)
    store = EndpointStore(server.query_url)
    if not bulk:
        store.store_url = None  # the SPARQL Update path
        store.batch_size = EndpointStore.batch_size
    return store


class _TimeUp(Exception):
    """The load ran past --time-limit: measured on what it stored so far."""


def ldpub_load(kind: str, archive: Path, bulk: bool, limit: float | None) -> dict[str, float]:
    so_far = LoadSummary()

    def on_batch(summary: LoadSummary) -> None:
        so_far.articles, so_far.quads = summary.articles, summary.quads
        if limit is not None and time.perf_counter() - start > limit:
            raise _TimeUp

    with _server(kind) as server, _store(server, bulk) as store, PeakMemory(server.process.pid) as memory:
        start = time.perf_counter()
        try:
            load(store, [archive], on_batch=on_batch)
            stopped = 0.0
        except _TimeUp:
            stopped = 1.0
        wall = time.perf_counter() - start
    return {"articles": so_far.articles, "quads": so_far.quads, "wall": wall, "stopped": stopped, **memory.peak}


def raw_post(archive: Path, quads: int) -> dict[str, float]:
    """The Oxigraph server's own transactional POST /store of the whole file, streamed."""
    with _server("oxigraph") as server, PeakMemory(server.process.pid) as memory:
        url = server.query_url.removesuffix("query") + "store"
        start = time.perf_counter()
        with archive.open("rb") as body:
            response = httpx.post(url, content=body, headers={"Content-Type": "application/n-quads"}, timeout=None)
        response.raise_for_status()
        wall = time.perf_counter() - start
    return {"quads": quads, "wall": wall, **memory.peak}


def embedded_bulk_load(archive: Path, quads: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("LDPUB_BENCH_TMP")) as tmp:
        start = time.perf_counter()
        ox.Store(tmp).bulk_load(path=str(archive), format=ox.RdfFormat.N_QUADS)
        return {"quads": quads, "wall": time.perf_counter() - start, "server": 0.0, "client": _rss_mb(os.getpid())}


def _archive_counts(archive: Path) -> tuple[int, int]:
    """(quads, articles) of an archive file: its lines, and its graphs but the entities graph."""
    graphs: set[bytes] = set()
    quads = 0
    with archive.open("rb") as f:
        for line in f:
            quads += 1
            graphs.add(line[line.rindex(b"<") :])
    return quads, len(graphs - {b"<urn:ldpub:entities> .\n"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=Path("/tmp/ldpub-bench-archive/archive-5000.nq"))
    parser.add_argument("--input", type=Path, help="what ldpub loads (default: the archive file)")
    parser.add_argument("--servers", default="oxigraph,virtuoso")
    parser.add_argument("--paths", default="bulk,update")
    parser.add_argument(
        "--time-limit", type=float, help="stop a load after this many seconds; its row covers what it stored"
    )
    args = parser.parse_args()
    runs: list[tuple[str, Callable[[], dict[str, float]]]] = []
    labels = {
        ("oxigraph", True): "Oxigraph server: ldpub bulk (POST /store)",
        ("oxigraph", False): "Oxigraph server: SPARQL Update path",
        ("virtuoso", True): "Virtuoso: ldpub bulk (TTLP_MT, SQL port)",
        ("virtuoso", False): "Virtuoso: SPARQL Update path",
    }
    for kind in args.servers.split(","):
        for path in args.paths.split(","):
            bulk = path == "bulk"
            runs.append(
                (
                    labels[kind, bulk],
                    lambda kind=kind, bulk=bulk: ldpub_load(kind, args.input or args.archive, bulk, args.time_limit),
                )
            )
    rows: list[tuple[str, dict[str, float]]] = []
    for label, run in runs:
        print(f"{label}...", flush=True)
        rows.append((label, run()))
        print(f"  {rows[-1][1]}", flush=True)
    complete = [m for _, m in rows if not m["stopped"]]
    if complete:
        given, articles = int(complete[0]["quads"]), int(complete[0]["articles"])
    else:
        given, articles = _archive_counts(args.archive)
    if "oxigraph" in args.servers:
        rows.append(("Oxigraph server: its own POST of the file", raw_post(args.archive, given)))
    rows.append(("pyoxigraph Store.bulk_load (embedded)", embedded_bulk_load(args.archive, given)))
    source = f"{args.input} (ldpub), {args.archive.name} (the others)" if args.input else args.archive.name
    print(f"\n{source}: {given:,} quads given; wall time, same run")
    header = (
        f"{'path':<44} {'articles':>9} {'wall s':>8} {'quads/s':>9} {'server MB':>10} {'client MB':>10} "
        f"{'1M articles':>12}"
    )
    print(header)
    for label, m in rows:
        n = int(m.get("articles", articles))
        per_million = m["wall"] * 1_000_000 / n / 3600 if n else 0.0
        note = "  (stopped at the time limit)" if m.get("stopped") else ""
        print(
            f"{label:<44} {n:>9,} {m['wall']:>8.1f} {m['quads'] / m['wall']:>9,.0f} {m['server']:>10,.0f} "
            f"{m['client']:>10,.0f} {per_million:>10.1f} h{note}"
        )
    print("(1M articles: each row's wall time scaled linearly by the articles it stored)")


if __name__ == "__main__":
    main()
