"""The archive at scale: bulk load into the embedded store, example queries, rdflib beside it.

A synthetic archive of N articles shaped like the examples (benchmarks/synthetic.py records,
entity names made distinct per entity so that a name picks one entity, as in a real archive)
is built once by ldpub and streamed to an N-Quads file (each article in its graph, shared
entities in the entities graph), cached under --data. Then, in this process:

1. ``ldpub.archive.load`` streams it into a fresh embedded store: quads/s (CPU and wall) and
   resident memory sampled through the load (it must not grow with the archive);
2. each ``examples/queries/*.rq`` (its VALUES names pointed at one synthetic entity) runs on
   the full store, compacted and opened afresh as ``ldpub load`` leaves it: median ms of
   --repeat runs;
3. the same on the first --rdflib-articles articles, in a second embedded store and in
   rdflib's in-memory ``Dataset`` (the plain baseline).

    python benchmarks/bench_archive.py [--articles 100000] [--rdflib-articles 10000]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
ENTITY_PICK = 7  # the synthetic entity variant the queries ask about
ENTITIES = "<urn:ldpub:entities>"


# --- the synthetic archive --------------------------------------------------------------------


def distinct_names(record: dict[str, Any]) -> dict[str, Any]:
    """Suffix each entity's names with its pool number (``al-tanf-7`` → ``al-Tanf 7``)."""
    for key, entity in record.get("entities", {}).items():
        number = key.rsplit("-", 1)[-1]
        entity["name"] = f"{entity['name']} {number}"
        if "alternate_names" in entity:
            entity["alternate_names"] = [f"{n} {number}" for n in entity["alternate_names"]]
    return record


def generate(count: int, path: Path, source: Callable[[int], Iterable[dict[str, Any]]] | None = None) -> None:
    """Write ``count`` synthetic articles (``source(count)``, by default ``synthetic.records``) as
    N-Quads to ``path`` (atomically), streaming."""
    from benchmarks.synthetic import records
    from ldpub import build
    from ldpub.archive import split_article
    from ldpub.archive.articles import ox

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for i, record in enumerate((source or records)(count)):
            article = build(distinct_names(record))
            triples = [q.triple for q in ox.parse(article.nquads(), format=ox.RdfFormat.N_QUADS)]
            out.write(split_article(triples).nquads())
            if i and i % 10_000 == 0:
                print(f"  generated {i:,} articles", file=sys.stderr, flush=True)
    tmp.replace(path)


def generate_jsonld(count: int, folder: Path) -> None:
    """Write ``count`` synthetic articles as built JSON-LD files, as ``ldpub build --out`` does
    (one ``.jsonld`` per article, 1,000 to a folder), atomically (the folder appears whole)."""
    from benchmarks.synthetic import records
    from ldpub import build

    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    for i, record in enumerate(records(count)):
        path = tmp / f"{i // 1000:04d}" / f"article-{i}.jsonld"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build(distinct_names(record)).to_json(), encoding="utf-8")
        if i and i % 10_000 == 0:
            print(f"  built {i:,} articles", file=sys.stderr, flush=True)
    tmp.replace(folder)


def jsonld_folder(count: int, data: Path) -> Path:
    """The folder of ``count`` built ``.jsonld`` files of the synthetic archive (the default output
    of ``ldpub build``), cached under ``data``; the same articles as :func:`archive_file`."""
    folder = data / f"jsonld-{count}"
    if not folder.exists():
        data.mkdir(parents=True, exist_ok=True)
        print(f"building {count:,} synthetic articles into {folder} (cached for later runs)...", file=sys.stderr)
        subprocess.run([sys.executable, __file__, "--generate-jsonld", str(count), "--data", str(data)], check=True)
    return folder


def archive_file(count: int, data: Path) -> Path:
    path = data / f"archive-{count}.nq"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        print(f"building {count:,} synthetic articles into {path} (cached for later runs)...", file=sys.stderr)
        # In a child process, so that this process's peak memory is the load's alone.
        subprocess.run([sys.executable, __file__, "--generate", str(count), "--data", str(data)], check=True)
    return path


def head_articles(source: Path, count: int, target: Path) -> Path:
    """The first ``count`` articles of an archive file (articles are contiguous runs of graphs)."""
    if target.exists():
        return target
    seen = 0
    current = None
    with source.open("rb") as src, target.open("wb") as out:
        for line in src:
            graph = line.rstrip()[:-2].rsplit(b" ", 1)[-1]  # our own N-Quads: "... <graph> ."
            if graph != ENTITIES.encode() and graph != current:
                current = graph
                seen += 1
                if seen > count:
                    break
            out.write(line)
    return target


# --- measuring --------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class RssSampler:
    """Samples resident memory every ``interval`` seconds in a thread while in use."""

    def __init__(self, interval: float = 0.5) -> None:
        self.samples: list[tuple[float, float]] = []
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        start = time.perf_counter()
        while not self._stop.wait(self.interval):
            self.samples.append((time.perf_counter() - start, rss_mb()))

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append((self.samples[-1][0] if self.samples else 0.0, rss_mb()))

    def at(self, fraction: float) -> float:
        return self.samples[min(len(self.samples) - 1, int(fraction * len(self.samples)))][1]


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(CPU seconds, wall seconds, result)."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def bench_queries() -> dict[str, str]:
    """The example queries with their VALUES names pointed at synthetic entity ENTITY_PICK."""
    return {path.stem: point_at_entity(path.read_text(encoding="utf-8")) for path in QUERIES}


def point_at_entity(text: str) -> str:
    """An example query's ``VALUES ?spelling`` names pointed at synthetic entity ENTITY_PICK."""
    import pyoxigraph as ox

    def rename(match: re.Match[str]) -> str:
        literals = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(2))
        return match.group(1) + " ".join(str(ox.Literal(f"{v} {ENTITY_PICK}")) for v in literals) + match.group(3)

    return re.sub(r"(VALUES \?spelling \{ )(.*?)( \})", rename, text)


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def query_times(
    run: Callable[[str], int], queries: dict[str, str], repeat: int, *, warm_up: bool = True, timeout: int = 0
) -> dict[str, tuple[float, int]]:
    """Median wall ms of ``repeat`` runs (after one warm-up) and the row count, per query.

    With ``timeout`` (seconds; pure-Python engines only, by SIGALRM) a query that runs longer
    is given as (inf, -1).
    """
    signal.signal(signal.SIGALRM, _alarm)
    times = {}
    for name, text in queries.items():
        samples = []
        rows = -1
        try:
            for i in range(repeat + (1 if warm_up else 0)):
                signal.alarm(timeout)
                start = time.perf_counter()
                rows = run(text)
                elapsed = (time.perf_counter() - start) * 1000
                signal.alarm(0)
                if i or not warm_up:
                    samples.append(elapsed)
            times[name] = (statistics.median(samples), rows)
        except _Timeout:
            times[name] = (float("inf"), -1)
    return times


def embedded(path: Path, source: Path) -> tuple[Any, dict[str, Any]]:
    from ldpub.archive import EmbeddedStore, load

    shutil.rmtree(path, ignore_errors=True)
    store = EmbeddedStore(path)
    gc.collect()
    before = rss_mb()
    with RssSampler() as sampler:
        cpu, wall, summary = timed(lambda: load(store, [source]))
    return store, {
        "articles": summary.articles,
        "quads": summary.quads,
        "cpu": cpu,
        "wall": wall,
        "rss": [before, sampler.at(0.25), sampler.at(0.5), sampler.at(0.75), sampler.samples[-1][1]],
    }


def raw_bulk_load(path: Path, source: Path) -> dict[str, Any]:
    """pyoxigraph's own bulk loader on the same file: the ceiling (no replace, no per-article atomicity)."""
    import pyoxigraph as ox

    shutil.rmtree(path, ignore_errors=True)

    def run() -> None:
        ox.Store(str(path)).bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)

    cpu, wall, _ = timed(run)
    shutil.rmtree(path, ignore_errors=True)
    with source.open("rb") as f:
        quads = sum(1 for _ in f)  # quads given, as ldpub counts them (shared ones repeat)
    return {"quads": quads, "cpu": cpu, "wall": wall}


def rdflib_load(source: Path) -> tuple[Any, dict[str, Any]]:
    import rdflib

    gc.collect()
    before = rss_mb()
    dataset = rdflib.Dataset()
    cpu, wall, _ = timed(lambda: dataset.parse(str(source), format="nquads"))
    with source.open("rb") as f:
        quads = sum(1 for _ in f)
    return dataset, {"quads": quads, "cpu": cpu, "wall": wall, "rss": [before, rss_mb()]}


def _cell(timing: tuple[float, int], timeout: int) -> str:
    ms, rows = timing
    return f"> {timeout} s" if rows < 0 else f"{ms:>9.1f} ({rows:>3})"


def _count_rows(result: Any) -> int:
    return len(result.rows) if result.kind == "select" else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="archive size (default 100,000)")
    parser.add_argument("--rdflib-articles", type=int, default=10_000, help="subset for the rdflib side (10,000)")
    parser.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query (default 60)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median; default 5)")
    parser.add_argument("--data", type=Path, default=Path("/tmp/ldpub-bench-archive"), help="cache and stores")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--generate-jsonld", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.data / f"archive-{args.generate}.nq")
        return
    if args.generate_jsonld:
        generate_jsonld(args.generate_jsonld, args.data / f"jsonld-{args.generate_jsonld}")
        return

    from ldpub.archive import EmbeddedStore

    full = archive_file(args.articles, args.data)
    subset_n = min(args.rdflib_articles, args.articles)
    subset = head_articles(full, subset_n, args.data / f"archive-{args.articles}-head-{subset_n}.nq")
    queries = bench_queries()

    print(f"loading {args.articles:,} articles into the embedded store...", file=sys.stderr)
    big, big_load = embedded(args.data / "store-full", full)
    compact_cpu, compact_wall, _ = timed(big.optimize)  # what `ldpub load` does after a bulk load
    big.close()  # queried as a later `ldpub sparql` would: the store opened afresh
    big = EmbeddedStore(args.data / "store-full")
    big_q = query_times(lambda q: _count_rows(big.query(q)), queries, args.repeat)
    big.close()
    raw_full = raw_bulk_load(args.data / "store-raw", full)
    raw = raw_bulk_load(args.data / "store-raw", subset)
    small, small_load = embedded(args.data / "store-subset", subset)
    small.optimize()
    small.close()
    small = EmbeddedStore(args.data / "store-subset")
    small_q = query_times(lambda q: _count_rows(small.query(q)), queries, args.repeat)
    small.close()
    print(f"loading {subset_n:,} articles into rdflib...", file=sys.stderr)
    dataset, rdf_load = rdflib_load(subset)
    rdf_q = query_times(lambda q: len(list(dataset.query(q))), queries, 1, warm_up=False, timeout=args.rdflib_timeout)

    print()
    print(f"{'load':<42} {'articles':>9} {'quads':>11} {'cpu s':>7} {'wall s':>7} {'quads/s cpu':>12} {'wall':>10}")
    for name, n, m in (
        ("ldpub load → embedded store (pyoxigraph)", args.articles, big_load),
        ("pyoxigraph Store.bulk_load, same file", args.articles, raw_full),
        ("ldpub load → embedded store (pyoxigraph)", subset_n, small_load),
        ("pyoxigraph Store.bulk_load, same file", subset_n, raw),
        ("rdflib Dataset (in memory), parse N-Quads", subset_n, rdf_load),
    ):
        print(
            f"{name:<42} {n:>9,} {m['quads']:>11,} {m['cpu']:>7.1f} {m['wall']:>7.1f} "
            f"{m['quads'] / m['cpu']:>12,.0f} {m['quads'] / m['wall']:>10,.0f}"
        )
    print(
        f"then compacting the {args.articles:,}-article store (as `ldpub load` does after a bulk load): "
        f"{compact_cpu:.1f} s CPU, {compact_wall:.1f} s wall; with it, "
        f"{big_load['quads'] / (big_load['cpu'] + compact_cpu):,.0f} quads/s CPU"
    )
    for n, ours, theirs in ((args.articles, big_load, raw_full), (subset_n, small_load, raw)):
        print(f"{n:,} articles: ldpub load is {theirs['wall'] / ours['wall']:.2f}× bulk_load's rate (wall)")
    rss = big_load["rss"]
    print(
        f"\nresident memory during the {args.articles:,}-article load (MB): before {rss[0]:.0f}, "
        f"at 25% {rss[1]:.0f}, 50% {rss[2]:.0f}, 75% {rss[3]:.0f}, end {rss[4]:.0f}; "
        f"rdflib after {subset_n:,} articles: {rdf_load['rss'][1] - rdf_load['rss'][0]:+.0f} MB"
    )
    print(
        f"\n{'query (median ms, rows)':<32} {f'ldpub {args.articles:,}':>16} {f'ldpub {subset_n:,}':>16} "
        f"{f'rdflib {subset_n:,}':>16}"
    )
    for name in queries:
        cells = [_cell(t[name], args.rdflib_timeout) for t in (big_q, small_q, rdf_q)]
        print(f"{name:<32} " + " ".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
