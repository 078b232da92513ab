"""Queries at archive size: every example query and date-filtered queries on 100,000 articles.

The archive is generated with realistic variety (benchmarks/synthetic.py ``varied_records``:
5,000 people, 2,000 organisations and 1,000 places in all, claims and reviews as in the
examples, publication dates spread over ten years in three time zones), built by ldpub and
streamed to N-Quads once (cached under --data). Then:

1. ``ldpub.archive.load`` into a fresh embedded store, compacted as ``ldpub load`` leaves it:
   wall time, peak resident memory of this process, disk of the store and of the N-Quads;
2. every ``examples/queries/*.rq`` (its VALUES names pointed at one synthetic entity) and two
   date queries (an ``xsd:dateTime`` range with a name, and ``YEAR()`` over the whole archive):
   - in process through ``EmbeddedStore.query`` (the figure the ≤ 50 ms goal is about), beside
     pyoxigraph's own ``Store.query`` on the same files (the floor: the engine with nothing of
     ldpub around it), and ldpub's own share timed alone: reading the result from pyoxigraph's
     SPARQL JSON into its rows;
   - through the CLI, ``ldpub sparql --store`` and ``ldpub sparql --endpoint``, wall time per
     command beside ``ldpub --version`` (the process start every command pays);
   - on the Oxigraph server (``oxigraph serve-read-only`` on the same store directory) over
     HTTP, with the server's resident memory.
3. with ``--compare-with REV``, the example queries as written at git revision REV beside
   today's, by pyoxigraph alone, interleaved run by run: the rows of each, in order, must be
   the same (a rewrite for speed that changes the answer is reported as such).

    python benchmarks/bench_queries_at_scale.py [--articles 100000] [--repeat 5] [--compare-with REV]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_archive import QUERIES, ROOT, RssSampler, bench_queries, generate, point_at_entity

ENTITY_PICK = 7  # as bench_archive: the synthetic variant the queries ask about
PERSON = "Mohammed Farid al-Kassem"  # a person of the examples; variant ENTITY_PICK is asked about

DATE_QUERIES = {
    "date: person's articles in 2020": f"""PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT ?article ?published WHERE {{
  VALUES ?spelling {{ "{PERSON} {ENTITY_PICK}" }}
  GRAPH <urn:ldpub:entities> {{
    {{ ?person schema:name ?spelling }} UNION {{ ?person schema:alternateName ?spelling }}
  }}
  GRAPH ?page {{
    {{ ?article schema:mentions ?person }} UNION {{ ?article schema:about ?person }}
    ?article schema:datePublished ?published .
  }}
  FILTER(?published >= "2020-01-01T00:00:00Z"^^xsd:dateTime && ?published < "2021-01-01T00:00:00Z"^^xsd:dateTime)
}}
ORDER BY ?published""",
    "date: articles per year, all": """PREFIX schema: <http://schema.org/>
SELECT ?year (COUNT(?article) AS ?articles) WHERE {
  GRAPH ?page { ?article schema:mainEntityOfPage ?page ; schema:datePublished ?published . }
  BIND(YEAR(?published) AS ?year)
}
GROUP BY ?year
ORDER BY ?year""",
}


def archive_file(count: int, data: Path) -> Path:
    path = data / f"varied-{count}.nq"
    if not path.exists():
        print(f"building {count:,} varied synthetic articles into {path} (cached)...", file=sys.stderr)
        subprocess.run([sys.executable, __file__, "--generate", str(count), "--data", str(data)], check=True)
    return path


def disk_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def rss_of(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def median_ms(run: Any, repeat: int) -> tuple[float, int]:
    rows = run()  # warm-up (and the row count)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), rows


def cli(*args: str) -> int:
    """Run ``ldpub ARGS`` with CSV output; the number of result rows."""
    done = subprocess.run(
        [sys.executable, "-m", "ldpub", *args, "--format", "csv"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"ldpub {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return max(0, len(done.stdout.splitlines()) - 1)


def http_rows(endpoint: str, query: str) -> int:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(endpoint, data=body, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return max(0, len(response.read().decode().splitlines()) - 1)


def queries_at(revision: str) -> dict[str, str]:
    """The example queries as written at git revision ``revision`` (those that existed then)."""
    out = {}
    for path in QUERIES:
        done = subprocess.run(
            ["git", "show", f"{revision}:{path.relative_to(ROOT).as_posix()}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            out[path.stem] = point_at_entity(done.stdout)
    if not out:
        raise SystemExit(f"no example queries at revision {revision!r}")
    return out


def rows_in_order(store: Any, query: str) -> list[tuple[str, ...]]:
    """The result's rows in the order given, each the terms of its variables sorted by name."""
    result = store.query(query)
    names = sorted(v.value for v in result.variables)
    return [tuple("" if s[n] is None else str(s[n]) for n in names) for s in result]


def compare(store: Any, revision: str, queries: dict[str, str], repeat: int) -> list[str]:
    """Each example query as at ``revision`` and as now, by pyoxigraph alone, interleaved: the lines to print."""
    before = queries_at(revision)
    lines = [f"\nexample queries as at {revision} and now, pyoxigraph alone (median ms of {repeat}, interleaved)"]
    lines.append(f"{'query':<34}{'before':>10}{'now':>10}{'rows':>7}  same rows, same order")
    for name, old in before.items():
        now = queries[name]
        same = rows_in_order(store, old) == rows_in_order(store, now)
        samples: dict[str, list[float]] = {"before": [], "now": []}
        for _ in range(repeat):
            for key, text in (("before", old), ("now", now)):
                start = time.perf_counter()
                rows = sum(1 for _ in store.query(text))
                samples[key].append((time.perf_counter() - start) * 1000)
        b, n = statistics.median(samples["before"]), statistics.median(samples["now"])
        lines.append(f"{name:<34}{b:>10.1f}{n:>10.1f}{rows:>7}  {'yes' if same else 'NO'}")
    return lines


def conversion_ms(store: Any, queries: dict[str, str], repeat: int) -> dict[str, float]:
    """ldpub's share of each in-process query: its result read from pyoxigraph's SPARQL JSON into
    ldpub's rows (``QueryResult.from_json``, as ``EmbeddedStore.query`` does), median ms."""
    import pyoxigraph as ox

    from ldpub.archive.results import QueryResult

    out = {}
    for name, text in queries.items():
        data = store.query(text).serialize(format=ox.QueryResultsFormat.JSON)
        out[name], _ = median_ms(lambda data=data: len(QueryResult.from_json(data).rows), repeat)
    return out


def start_server(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    from tests.archive.servers import free_port, oxigraph_binary

    binary = oxigraph_binary()
    if binary is None:
        raise SystemExit("the oxigraph server is not installed (it comes with the test extras)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    for _ in range(200):
        try:
            http_rows(endpoint, "ASK {}")
            return process, endpoint
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the oxigraph server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="archive size (default 100,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query in process (median)")
    parser.add_argument("--cli-repeat", type=int, default=3, help="timed runs per CLI command (median)")
    parser.add_argument("--data", type=Path, default=Path("/tmp/ldpub-bench-queries"), help="cache and store")
    parser.add_argument(
        "--reuse-store", action="store_true", help="query the store a previous run loaded (no load figures)"
    )
    parser.add_argument(
        "--compare-with",
        metavar="REV",
        help="also time the example queries as written at git revision REV (same rows and order checked)",
    )
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        from benchmarks.synthetic import varied_records

        generate(args.generate, args.data / f"varied-{args.generate}.nq", varied_records)
        return

    import pyoxigraph as ox

    from ldpub.archive import EmbeddedStore, load

    source = archive_file(args.articles, args.data)
    store_dir = args.data / f"store-{args.articles}"
    loaded: tuple[Any, float, float] | None = None
    if not (args.reuse_store and store_dir.exists()):
        shutil.rmtree(store_dir, ignore_errors=True)
        print(f"loading {args.articles:,} articles into the embedded store...", file=sys.stderr)
        store = EmbeddedStore(store_dir)
        start = time.perf_counter()
        with RssSampler() as sampler:
            summary = load(store, [source])
            store.optimize()
        loaded = (summary, time.perf_counter() - start, max(rss for _, rss in sampler.samples))
        store.close()

    queries = {**bench_queries(), **DATE_QUERIES}
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for i, (name, text) in enumerate(queries.items()):
            files[name] = Path(tmp) / f"q{i}.rq"
            files[name].write_text(text, encoding="utf-8")

        ours = EmbeddedStore(store_dir)
        embedded = {n: median_ms(lambda q=q: len(ours.query(q).rows), args.repeat) for n, q in queries.items()}
        ours.close()
        raw_store = ox.Store.read_only(str(store_dir))
        raw = {n: median_ms(lambda q=q: sum(1 for _ in raw_store.query(q)), args.repeat) for n, q in queries.items()}
        comparison = compare(raw_store, args.compare_with, queries, args.repeat) if args.compare_with else []
        conversion = conversion_ms(raw_store, queries, args.repeat)

        start_ms, _ = median_ms(
            lambda: (
                subprocess.run([sys.executable, "-m", "ldpub", "--version"], capture_output=True, check=True).returncode
            ),
            args.cli_repeat,
        )
        cli_store = {
            n: median_ms(lambda f=f: cli("sparql", "--store", str(store_dir), "--file", str(f)), args.cli_repeat)
            for n, f in files.items()
        }
        process, endpoint = start_server(store_dir)
        try:
            server = {n: median_ms(lambda q=q: http_rows(endpoint, q), args.repeat) for n, q in queries.items()}
            cli_server = {
                n: median_ms(lambda f=f: cli("sparql", "--endpoint", endpoint, "--file", str(f)), args.cli_repeat)
                for n, f in files.items()
            }
            server_rss = rss_of(process.pid)
        finally:
            process.kill()
            process.wait()

    print(f"\n{args.articles:,} articles; {os.cpu_count()} cores")
    if loaded is not None:
        summary, load_wall, peak = loaded
        print(
            f"load + compaction of {summary.quads:,} quads: {load_wall:.0f} s wall "
            f"({summary.quads / load_wall:,.0f} quads/s); peak resident memory of the loading process {peak:,.0f} MB"
        )
    print(
        f"disk: store {disk_mb(store_dir):,.0f} MB, N-Quads {disk_mb(source):,.0f} MB "
        f"(per 100,000 articles: store {disk_mb(store_dir) * 100_000 / args.articles:,.0f} MB); "
        f"Oxigraph server resident after the queries {server_rss:,.0f} MB"
    )
    print(f"process start, `ldpub --version`: {start_ms:.0f} ms (in every CLI figure below)\n")
    header = ("query (median ms, rows)", "ldpub", "pyoxigraph", "sparql --store", "server HTTP", "sparql --endpoint")
    print(f"{header[0]:<34}" + "".join(f"{h:>19}" for h in header[1:]) + "   of which ldpub's rows")
    worst = 0.0
    for name in queries:
        cells = [embedded[name], raw[name], cli_store[name], server[name], cli_server[name]]
        print(f"{name:<34}" + "".join(f"{ms:>12.1f} ({rows:>4})" for ms, rows in cells) + f"{conversion[name]:>12.1f}")
        if name not in DATE_QUERIES:
            worst = max(worst, embedded[name][0])
    print(f"\nslowest example query in process: {worst:.1f} ms (goal ≤ 50 ms at 100,000 articles)")
    print("\n".join(comparison))


if __name__ == "__main__":
    main()
