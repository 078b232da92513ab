"""Loading a folder of built JSON-LD files: `ldpub load DIR` beside pyoxigraph's raw `bulk_load`
of the same quads, in the same run.

For each size, the synthetic archive (benchmarks/synthetic.py, as bench_archive.py makes it) is
built once into a folder of ``.jsonld`` files, 1,000 to a subfolder (what ``ldpub build --out``
writes by default), and the quads ldpub reads from them (each article in its graph, shared
entities in the entities graph, dates typed) are written once to an N-Quads file; both are
cached under --data. Then, alternating, --repeat times each, every run into an empty store:

- ``ldpub load DIR --store S --no-compact --quiet``, the command a user runs (its own process);
- ``pyoxigraph.Store(S).bulk_load(path=FILE.nq)`` in a process of its own: the same quads, parsed
  and written by the bulk loader alone (no reading of JSON-LD, no per-article atomicity, no
  replacing).

Printed: wall seconds (median), quads/s, the ratio, peak resident memory of each process and
the store's size on disk. Compaction (``ldpub load`` does it after a bulk load unless
--no-compact) is left out of both, and timed apart.

    python -m benchmarks.bench_load_jsonld [--articles 5000 100000] [--repeat 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_archive import jsonld_folder

RAW = "import sys, pyoxigraph as ox; ox.Store(sys.argv[1]).bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)"
COMPACT = "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); s.optimize(); s.flush()"


def quads_file(folder: Path, target: Path) -> tuple[Path, int]:
    """The quads ``ldpub load`` feeds the store for ``folder``, as one N-Quads file (cached)."""
    if not target.exists():
        from ldpub.archive.articles import find_inputs, read_articles

        tmp = target.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            for path in find_inputs([folder]):
                for article in read_articles(path):
                    out.write(article.nquads())
        tmp.replace(target)
    with target.open("rb") as f:
        return target, sum(1 for _ in f)


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of a command in a process of its own."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}… exited {process.returncode}")
    return wall, usage.ru_maxrss / 1024


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def measure(count: int, data: Path, repeat: int) -> dict[str, float]:
    folder = jsonld_folder(count, data)
    nq, quads = quads_file(folder, data / f"jsonld-{count}-quads.nq")
    store = data / "store-load-jsonld"
    ldpub = [sys.executable, "-m", "ldpub", "load", str(folder), "--store", str(store), "--no-compact", "--quiet"]
    raw = [sys.executable, "-c", RAW, str(store), str(nq)]
    times: dict[str, list[float]] = {"ldpub": [], "raw": []}
    memory: dict[str, float] = {"ldpub": 0.0, "raw": 0.0}
    disk = compact = 0.0
    for i in range(repeat):
        for name, command in (("raw", raw), ("ldpub", ldpub)) if i % 2 == 0 else (("ldpub", ldpub), ("raw", raw)):
            shutil.rmtree(store, ignore_errors=True)
            print(f"  {count:,} articles: {name} run {i + 1}...", file=sys.stderr, flush=True)
            wall, peak = run(command)
            times[name].append(wall)
            memory[name] = max(memory[name], peak)
            if name == "ldpub" and i == 0:
                disk = size_mb(store)
                compact, _ = run([sys.executable, "-c", COMPACT, str(store)])
    shutil.rmtree(store, ignore_errors=True)
    return {
        "articles": count,
        "quads": quads,
        "ldpub": statistics.median(times["ldpub"]),
        "raw": statistics.median(times["raw"]),
        "ldpub_mb": memory["ldpub"],
        "raw_mb": memory["raw"],
        "disk_mb": disk,
        "compact": compact,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[5000, 100_000], help="sizes (5,000 and 100,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating (median; default 3)")
    parser.add_argument("--data", type=Path, default=Path("/tmp/ldpub-bench-archive"), help="cache and stores")
    args = parser.parse_args()
    rows = [measure(count, args.data, args.repeat) for count in args.articles]
    print(f"\ncores: {os.cpu_count()}; median wall time of {args.repeat} runs each, alternating, same run")
    print(
        f"{'articles':>9} {'quads':>11} {'ldpub load s':>13} {'quads/s':>9} {'bulk_load s':>12} {'quads/s':>9} "
        f"{'ratio':>6} {'ldpub MB':>9} {'raw MB':>7} {'store MB':>9} {'compact s':>10}"
    )
    for m in rows:
        print(
            f"{m['articles']:>9,} {m['quads']:>11,} {m['ldpub']:>13.1f} {m['quads'] / m['ldpub']:>9,.0f} "
            f"{m['raw']:>12.1f} {m['quads'] / m['raw']:>9,.0f} {m['raw'] / m['ldpub']:>5.2f}× "
            f"{m['ldpub_mb']:>9,.0f} {m['raw_mb']:>7,.0f} {m['disk_mb']:>9,.0f} {m['compact']:>10.1f}"
        )
    print("ratio: ldpub load's rate over bulk_load's on the same quads (goal ≥ 0.5×)")


if __name__ == "__main__":
    main()
