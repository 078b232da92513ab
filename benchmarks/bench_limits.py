"""What the limits cost and what they save, each beside its baseline in the same run.

1. A large query result written as CSV: ``ldpub sparql`` (a worker process, the result streamed)
   beside the whole result collected in the process first (``EmbeddedStore.query``, what
   ``ldpub sparql`` did before): peak memory of the process that writes, and time.
2. A query that never ends, stopped at a time limit: the worker killed (``stream_query``) beside
   the thread the service used to abandon at its limit: the process's memory a few seconds on.
3. The cost of a bounded query: ``stream_query`` (fork, open read-only, run) beside the same
   small query in the process on a store it holds open.
4. A record with N unknown fields, checked: the time as N grows (linear now; each is located
   in one composed tree and only the first 20 are searched for a did-you-mean).

    python benchmarks/bench_limits.py              # the examples' store, 165k-row result
    python benchmarks/bench_limits.py --quick      # smaller, for a check that it runs
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = "SELECT ?c WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} }"  # 406 × 406 rows on the examples
FEW = "SELECT ?c WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d <http://schema.org/headline> ?f} }"  # 1,218 rows
GROWING = (
    "SELECT ?c ?f ?i (COUNT(*) AS ?n) WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?g ?h ?i} } "
    "GROUP BY ?c ?f ?i"
)

# Each measured path runs in a process of its own and prints its seconds and peak memory (VmHWM).
WHOLE = """
import re, sys, time
from ldpub.archive import EmbeddedStore
started = time.perf_counter()
with EmbeddedStore(sys.argv[1], read_only=True) as store:
    sys.stdout.write(store.query(sys.argv[2]).to_csv())
sys.stdout.flush()
hwm = re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read()).group(1)
print(time.perf_counter() - started, hwm, file=sys.stderr)
"""
STREAMED = """
import re, sys, time
from ldpub.cli import main
started = time.perf_counter()
main(["sparql", "--store", sys.argv[1], "-f", "csv", sys.argv[2]])
sys.stdout.flush()
hwm = re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read()).group(1)
print(time.perf_counter() - started, hwm, file=sys.stderr)
"""
ABANDONED = """
import re, sys, threading, time
from ldpub.archive import EmbeddedStore
store = EmbeddedStore(sys.argv[1], read_only=True)
threading.Thread(target=store.query, args=(sys.argv[2],), daemon=True).start()
time.sleep(float(sys.argv[3]))  # the limit: the caller answers, the thread goes on
time.sleep(2.0)
print(re.search(r"VmRSS:\\s*(\\d+)", open("/proc/self/status").read()).group(1), file=sys.stderr)
"""
KILLED = """
import re, sys, time
from ldpub.archive import stream_query
from ldpub.errors import QueryTimeout
try:
    stream_query(sys.argv[2], store=sys.argv[1], timeout=float(sys.argv[3])).collect()
except QueryTimeout:
    pass
time.sleep(2.0)
print(re.search(r"VmRSS:\\s*(\\d+)", open("/proc/self/status").read()).group(1), file=sys.stderr)
"""


def run(code: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return done.stderr.split()


def make_store(folder: Path) -> str:
    from ldpub.archive import EmbeddedStore, load

    path = folder / "store"
    with EmbeddedStore(path) as store:
        load(store, sorted((ROOT / "examples").glob("*.yaml")))
    return str(path)


def unknown_fields(counts: list[int]) -> list[tuple[int, float]]:
    from ldpub.record import RecordInvalid, check_record, parse_record

    seed = (ROOT / "examples" / "syrian-observer-al-tanf.yaml").read_text(encoding="utf-8")
    rows = []
    for count in counts:
        record = parse_record(seed + "".join(f"extra_field_{i}: {i}\n" for i in range(count)), file="r.yaml")
        started = time.perf_counter()
        with contextlib.suppress(RecordInvalid):
            check_record(record)
        rows.append((count, time.perf_counter() - started))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small result and short limits: a check that it runs")
    args = parser.parse_args(argv)
    query = FEW if args.quick else PAIRS
    limit = "0.5" if args.quick else "3"
    with tempfile.TemporaryDirectory() as folder:
        store = make_store(Path(folder))
        whole_s, whole_kb = run(WHOLE, store, query)
        streamed_s, streamed_kb = run(STREAMED, store, query)
        print("| result as CSV | seconds | peak memory of the writing process |")
        print("| --- | ---: | ---: |")
        print(f"| ldpub sparql (worker, streamed) | {float(streamed_s):.2f} | {int(streamed_kb) / 1024:.0f} MB |")
        print(f"| baseline: whole result in the process first | {float(whole_s):.2f} | {int(whole_kb) / 1024:.0f} MB |")
        (abandoned_kb,) = run(ABANDONED, store, GROWING, limit)
        (killed_kb,) = run(KILLED, store, GROWING, limit)
        print()
        print(f"| a query over its {limit} s limit | the caller's memory 2 s later |")
        print("| --- | ---: |")
        print(f"| ldpub: its worker killed | {int(killed_kb) / 1024:.0f} MB |")
        print(f"| baseline: its thread abandoned | {int(abandoned_kb) / 1024:.0f} MB |")
        from ldpub.archive import EmbeddedStore, stream_query

        small = "SELECT ?g WHERE { GRAPH ?g { ?s <http://schema.org/headline> ?h } }"
        repeat = 5 if args.quick else 20
        stream_query(small, store=store).collect()  # the fork server started once, as in a service
        started = time.perf_counter()
        for _ in range(repeat):
            stream_query(small, store=store, timeout=30).collect()
        bounded = (time.perf_counter() - started) / repeat
        with EmbeddedStore(store, read_only=True) as held:
            started = time.perf_counter()
            for _ in range(repeat):
                held.query(small)
            inline = (time.perf_counter() - started) / repeat
        print()
        print("| a small query | ms |")
        print("| --- | ---: |")
        print(f"| ldpub: bounded (a worker that opens the store) | {bounded * 1000:.1f} |")
        print(f"| baseline: in the process, on a store held open | {inline * 1000:.1f} |")
    counts = [100, 1000] if args.quick else [100, 1000, 5000, 20000]
    print()
    print("| unknown fields in a record | seconds to check it |")
    print("| ---: | ---: |")
    for count, seconds in unknown_fields(counts):
        print(f"| {count:,} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
