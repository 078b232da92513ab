"""The cluster beside the local pool: build, validate and extract with ``--scheduler`` and with ``--jobs``.

Same inputs, same run: each command with ``--jobs N`` (N: the usable cores; the baseline) and with
``--scheduler`` pointed at a Dask ``LocalCluster`` of N one-thread worker processes on this machine,
started once before the timings (as a real cluster is running before its first job). Inputs:
--articles synthetic records (``benchmarks/synthetic.py``) as JSON files; their built JSON-LD for
validate; for extract, --texts copies of the plain-text examples (``examples/*.txt`` and
``benchmarks/texts/*.txt``), each with its own name. Printed: wall seconds, articles/s, the
cluster's rate as a ratio of the pool's, the bytes written per article (what a 5-million-article
archive needs on disk, ``docs/scale.md``), the command's peak resident memory (its largest
process) and each cluster worker's resident memory at the end.

    python -m benchmarks.bench_cluster [--articles 100000] [--texts 200] [--steps build,validate,extract]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orjson

from benchmarks.synthetic import records
from ldpub.cli._parallel import usable_cores

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "benchmarks" / "texts").glob("*.txt"))
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _write_records(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i, record in enumerate(records(count)):
        sub = folder / f"{i // 10_000:03d}"  # 10,000 files a folder, as an archive is laid out
        if i % 10_000 == 0:
            sub.mkdir()
        (sub / f"article-{i:07d}.json").write_bytes(orjson.dumps(record))


def _write_texts(folder: Path, count: int) -> int:
    folder.mkdir(parents=True)
    words = 0
    for i in range(count):
        text = TEXTS[i % len(TEXTS)].read_text(encoding="utf-8")
        (folder / f"text-{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


class Timing(NamedTuple):
    wall: float  # seconds
    peak: float  # MB resident, the command's largest process
    cpu: float  # seconds: the command's processes (with --jobs its pool's too; with --scheduler the caller's alone)


def _run(*args: str) -> Timing:
    """How long ``ldpub ARGS`` took, in how much memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "ldpub", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_ENV
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"ldpub {' '.join(args[:2])} … failed: {stderr.decode()[-500:]}")
    return Timing(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def _bytes(folder: Path, suffix: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}"))


def _worker_mb(client: Any) -> list[float]:
    import psutil

    return sorted(v / 1e6 for v in client.run(lambda: psutil.Process().memory_info().rss).values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="records to build and validate (100,000)")
    parser.add_argument("--texts", type=int, default=200, help="plain texts to extract (200)")
    parser.add_argument("--steps", default="build,validate,extract")
    parser.add_argument("--data", type=Path, default=None, help="where the inputs and outputs go (a temporary folder)")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    cores = usable_cores()
    steps = args.steps.split(",")
    root = Path(tempfile.mkdtemp(prefix="ldpub-bench-cluster-", dir=args.data))
    rows: list[tuple[str, str, int, Timing, str]] = []
    notes: list[str] = []
    try:
        _run("--version")  # writes the bytecode cache, as installing does
        with (
            LocalCluster(
                n_workers=cores, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
            ) as local,
            Client(local) as client,
        ):
            address = local.scheduler_address
            if "build" in steps or "validate" in steps:
                print(f"writing {args.articles:,} records…", file=sys.stderr)
                _write_records(root / "records", args.articles)
                size = _bytes(root / "records", ".json")
                notes.append(f"records (JSON): {size / 1e6:,.0f} MB, {size / args.articles:,.0f} bytes an article")
            for step in ("build", "validate"):
                if step not in steps:
                    continue
                for how, option in ((f"-j {cores}", ["-j", str(cores)]), ("--scheduler", ["--scheduler", address])):
                    print(f"{step} {how}…", file=sys.stderr)
                    tag = how.split()[0].strip("-")
                    if step == "build":
                        out = root / f"built-{tag}"
                        timing = _run("build", str(root / "records"), "--out", str(out), *option)
                        size = _bytes(out, ".jsonld")
                        written = f"{size / args.articles:,.0f} B/article JSON-LD"
                    else:
                        timing = _run(
                            "validate", str(root / "built-j"), *option, "-f", "json", "-o", str(root / "r.json")
                        )
                        written = f"report {(root / 'r.json').stat().st_size / 1e6:,.1f} MB"
                    rows.append((step, f"ldpub {step} DIR {how}", args.articles, timing, written))
                if step == "build":
                    built = sorted((root / "built-j").rglob("*.jsonld"))
                    same = len(built) == args.articles and all(
                        a.read_bytes() == (root / "built-scheduler" / a.relative_to(root / "built-j")).read_bytes()
                        for a in built
                    )
                    notes.append(f"build: the cluster's files are the pool's, byte for byte: {same}")
                    shutil.rmtree(root / "built-scheduler")
                    archive = root / "archive.nq"
                    timing = _run("build", str(root / "records"), "--out", str(archive), "-j", str(cores))
                    rows.append(
                        (
                            "build",
                            f"ldpub build DIR --out archive.nq -j {cores}",
                            args.articles,
                            timing,
                            f"{archive.stat().st_size / args.articles:,.0f} B/article N-Quads",
                        )
                    )
            if "extract" in steps:
                words = _write_texts(root / "texts", args.texts)
                notes.append(f"texts: {args.texts:,}, {words / args.texts:,.0f} words each on average")
                for how, option in ((f"-j {cores}", ["-j", str(cores)]), ("--scheduler", ["--scheduler", address])):
                    print(f"extract {how}…", file=sys.stderr)
                    out = root / f"extracted-{how.split()[0].strip('-')}"
                    timing = _run("extract", str(root / "texts"), "-o", str(out), "--timezone", "UTC", *option)
                    size = _bytes(out, ".yaml")
                    rows.append(
                        (
                            "extract",
                            f"ldpub extract DIR {how}",
                            args.texts,
                            timing,
                            f"{size / args.texts:,.0f} B/record",
                        )
                    )
            workers = _worker_mb(client)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(
        f"{cores} usable cores; the cluster: a LocalCluster of {cores} one-thread worker processes on this machine, "
        "started before the timings; wall times include the command's start; CPU: the command's processes "
        "(with --jobs its pool's too, so n / CPU s is the rate of one core; with --scheduler the caller's alone, "
        "so n / CPU s is the most one caller can take in)"
    )
    print(
        f"{'step':<8} {'path':<44} {'inputs':>8} {'wall s':>8} {'per s':>8} {'× pool':>7} {'CPU s':>8} "
        f"{'n/CPU s':>8} {'peak MB':>8}  written"
    )
    base: dict[str, float] = {}
    for step, label, n, (wall, peak, cpu), written in rows:
        rate = n / wall
        base.setdefault(step, rate)  # each step's first row is the pool (--jobs), the baseline
        ratio = rate / base[step]
        print(
            f"{step:<8} {label:<44} {n:>8,} {wall:>8.1f} {rate:>8,.1f} {ratio:>6.2f}× {cpu:>8.1f} {n / cpu:>8,.1f} "
            f"{peak:>8,.0f}  {written}"
        )
    for note in notes:
        print(note)
    print(f"cluster workers' resident memory at the end (MB): {', '.join(f'{mb:,.0f}' for mb in workers)}")


if __name__ == "__main__":
    main()
