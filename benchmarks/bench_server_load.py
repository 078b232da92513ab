"""Loading an archive into an Oxigraph server: the bulk path (Graph Store Protocol POST /store of
N-Quads) beside the SPARQL Update path it replaces for new articles, and pyoxigraph's own bulk_load
into an embedded store, on the same archive file in the same run.

    python -m benchmarks.bench_server_load [--archive /tmp/ldpub-bench-archive/archive-5000.nq]

The archive is the N-Quads file benchmarks/bench_archive.py caches (or any ``ldpub build --out
archive.nq`` output).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from ldpub.archive import load
from ldpub.archive.endpoint import EndpointStore
from tests.archive.servers import start_oxigraph


def _server_load(archive: Path, bulk: bool) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        server = start_oxigraph(Path(tmp))
        try:
            with EndpointStore(server.query_url) as store:
                if not bulk:
                    store.store_url = None  # the SPARQL Update path
                    store.batch_size = EndpointStore.batch_size
                start = time.perf_counter()
                summary = load(store, [archive])
                return summary.quads, time.perf_counter() - start
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=Path("/tmp/ldpub-bench-archive/archive-5000.nq"))
    args = parser.parse_args()
    rows = []
    for label, bulk in (("ldpub load --endpoint (bulk POST /store)", True), ("SPARQL Update path", False)):
        quads, seconds = _server_load(args.archive, bulk)
        rows.append((label, quads, seconds))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        ox.Store(tmp).bulk_load(path=str(args.archive), format=ox.RdfFormat.N_QUADS)
        rows.append(("pyoxigraph Store.bulk_load (embedded)", rows[0][1], time.perf_counter() - start))
    print(f"{args.archive.name}, wall time, same run")
    print(f"{'path':<44} {'quads':>10} {'s':>7} {'quads/s':>10}")
    for label, quads, seconds in rows:
        print(f"{label:<44} {quads:>10,} {seconds:>7.1f} {quads / seconds:>10,.0f}")


if __name__ == "__main__":
    main()
