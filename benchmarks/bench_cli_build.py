"""``ldpub build`` of a folder of records to ``--out DIR``, beside the in-process build and the plain path.

Same records, same run, interleaved (each row the best of ``--rounds``; wall time):

- **in-process, records parsed**: ``render(build(record), ["jsonld"])`` in a loop over records
  already in memory, on one core; and the same on every core used, run at once (one process
  per core over its share of the records, the slowest one timed): what this machine gives
  right now for "in-process rate × cores";
- **in-process, from the files**: the same, reading each JSON record file (``build(path)``);
- **plain path**: jsonschema + pyld + rdflib on ``--plain`` records (``bench_build.plain_path``);
- **the CLI**: ``ldpub build DIR --out OUT -j N`` on the JSON records and on the same records as
  YAML, for ``-j 1`` and ``-j`` every usable core, from process start to exit (the bytecode
  cached first, as installing does), with the CPU seconds it used (all its processes; the
  least of the rounds). The runs go in another order each round, each after a ``sync``. Each run
  writes to a new folder; they are removed at the end (a folder of thousands of files removed
  just before makes the next run's file creation several times slower on ext4). Where
  ``/dev/shm`` is writable, the JSON run is repeated with its output there (memory, no disk);
- **bare file creation**: a loop creating one file an article of the built JSON-LD's size, in
  a new folder beside the CLI's (no ldpub at all): the disk's own floor for ``--out DIR``;
- **process start**: a new interpreter importing what ``ldpub build`` imports, and exiting.

Then the CLI's wall time (``-j`` every core, JSON) in parts, from the same run's figures: the
process start, reading and building the records from their files (in-process, divided by the
cores), creating the files (the bare loop, divided by the cores), and the rest (the workers'
start, passing records and results, renames, syncs, the main process's own share). Their sum
without the rest is a floor no command that reads and writes a file an article can go under on
this machine: its rate is printed beside the goal's.

The goals of issue 27 are printed as ratios: the CLI on JSON at ≥ 0.8× (in-process rate × cores
used), ≥ 40× the plain path, and from YAML ≥ 0.6× of the CLI from JSON.

    python -m benchmarks.bench_cli_build [--articles 3000] [--plain 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orjson
import yaml

from benchmarks.bench_build import plain_path
from benchmarks.synthetic import records
from ldpub.cli._parallel import usable_cores
from ldpub.emit import render
from ldpub.pipeline import build
from ldpub.record import Record, load_record

_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_parsed: list[Record] = []  # the records in memory, shared with the forked processes


def _write(folder: Path, count: int) -> tuple[Path, Path, list[dict[str, Any]]]:
    (folder / "json").mkdir()
    (folder / "yaml").mkdir()
    data = list(records(count))
    for i, record in enumerate(data):
        (folder / "json" / f"article-{i:06d}.json").write_bytes(orjson.dumps(record, option=orjson.OPT_INDENT_2))
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (folder / "yaml" / f"article-{i:06d}.yaml").write_text(text, encoding="utf-8")
    return folder / "json", folder / "yaml", data


def _build_slice(part: tuple[int, int]) -> float:
    start = time.perf_counter()
    for record in _parsed[part[0] : part[1]]:
        render(build(record), ["jsonld"])
    return time.perf_counter() - start


def _timed(work: Any) -> tuple[float, float]:
    """Wall and CPU seconds of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _in_process_on(cores: int) -> float:
    """Articles/s of ``cores`` processes building their share of the parsed records at once."""
    n = len(_parsed)
    parts = [(n * i // cores, n * (i + 1) // cores) for i in range(cores)]
    with ProcessPoolExecutor(cores, mp_context=get_context("fork")) as pool:
        list(pool.map(_build_slice, [(0, 1)] * cores))  # every process started and warm
        slowest = max(pool.map(_build_slice, parts))
    return n / slowest


def _from_files(paths: list[Path]) -> None:
    for path in paths:
        render(build(path), ["jsonld"])


def _bare_files(folder: Path, count: int, size: int) -> float:
    """Files/s of a bare loop creating ``count`` files of ``size`` bytes in a new folder (open,
    write, close): what any program writing one file an article pays this disk, at the least."""
    folder.mkdir()
    data = b"x" * size
    start = time.perf_counter()
    for i in range(count):
        fd = os.open(folder / f"f{i:06d}.jsonld", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.write(fd, data)
        os.close(fd)
    return count / (time.perf_counter() - start)


_IMPORTS = "import ldpub.cli, ldpub.cli.build, ldpub.pipeline, ldpub.emit, ldpub.files"


def _start() -> float:
    """Wall seconds of a new interpreter importing what ``ldpub build`` imports (then exiting)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _IMPORTS], check=True, env=_ENV)
    return time.perf_counter() - start


def _cli(folder: Path, out: Path, jobs: int, other: Path | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (every process of the command) of one ``ldpub build`` (of the
    ldpub in the source tree ``other``, given)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ldpub", "build", str(folder), "--out", str(out), "-j", str(jobs)],
        capture_output=True,
        text=True,
        env=_ENV if other is None else {**_ENV, "PYTHONPATH": str(other)},
        cwd=other,  # `-m` looks in the working folder first
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"ldpub build failed: {done.stderr[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--plain", type=int, default=10, help="records through the plain path (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; each row keeps its best")
    parser.add_argument(
        "--compare-with",
        type=Path,
        metavar="TREE",
        help="another ldpub source tree (git archive main | tar -x -C TREE): its CLI run too, in the same rounds",
    )
    args = parser.parse_args()
    cores = usable_cores()
    jobs = sorted({1, cores})
    subprocess.run([sys.executable, "-m", "ldpub", "--version"], capture_output=True, env=_ENV)  # bytecode cached
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def keep(name: str, rate: float, seconds: float | None = None) -> None:
        best[name] = max(rate, best.get(name, 0))
        if seconds is not None:
            cpu[name] = min(seconds, cpu.get(name, seconds))

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        json_dir, yaml_dir, data = _write(root, args.articles)
        json_paths = sorted(json_dir.iterdir())
        _parsed.extend(load_record(p) for p in json_paths)
        n = len(_parsed)
        size = len(render(build(_parsed[0]), ["jsonld"])["jsonld"].encode())  # warm, as a long-running process
        shm = Path("/dev/shm")
        memory = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else None
        gc.freeze()
        runs = 0
        start_wall = float("inf")  # process start, the least of the rounds
        for _ in range(args.rounds):
            wall, used = _timed(lambda: _build_slice((0, n)))
            keep("in-process, records parsed, 1 core", n / wall, used)
            if cores > 1:
                keep(f"in-process, records parsed, {cores} processes at once", _in_process_on(cores))
            wall, used = _timed(lambda: _from_files(json_paths))
            keep("in-process, from the JSON files, 1 core", n / wall, used)
            runs += 1
            keep(
                "bare loop: create, write, close a file an article (no ldpub)",
                _bare_files(root / f"bare-{runs}", n, size),
            )
            start_wall = min(_start(), start_wall)
            tasks: list[tuple[str, Path, Path, int, Path | None]] = []
            for j in jobs:
                for kind, folder in (("JSON", json_dir), ("YAML", yaml_dir)):
                    tasks.append((f"ldpub build DIR --out OUT -j {j}, {kind}", folder, root, j, None))
                    if args.compare_with is not None:
                        label = f"  the same, {args.compare_with.name}'s ldpub, -j {j}, {kind}"
                        tasks.append((label, folder, root, j, args.compare_with))
                if memory is not None:
                    tasks.append((f"ldpub build DIR --out /dev/shm/OUT -j {j}, JSON", json_dir, memory, j, None))
            shift = runs % len(tasks)  # each round in another order: no run always follows the same one
            for label, folder, into, j, other in tasks[shift:] + tasks[:shift]:
                runs += 1
                os.sync()  # what the last run wrote is on disk before this one starts
                wall, used = _cli(folder, into / f"out-{runs}", j, other)
                keep(label, n / wall, used)
        if memory is not None:
            shutil.rmtree(memory)
        start = time.perf_counter()
        plain_path(data[: args.plain])
        plain = args.plain / (time.perf_counter() - start)

    one = best["in-process, records parsed, 1 core"]
    print(f"{n:,} synthetic articles (benchmarks/synthetic.py), {cores} usable cores, best of {args.rounds} rounds")
    print(f"{'path':<58} {'articles/s':>10} {'CPU µs/article':>15} {'× plain':>8}")
    for name, rate in [*best.items(), ("plain: jsonschema + pyld + rdflib (1 core)", plain)]:
        per_article = f"{cpu[name] / n * 1e6:,.0f}" if name in cpu else ""
        print(f"{name:<58} {rate:>10,.0f} {per_article:>15} {rate / plain:>7,.0f}×")
    cli_json = best[f"ldpub build DIR --out OUT -j {cores}, JSON"]
    cli_yaml = best[f"ldpub build DIR --out OUT -j {cores}, YAML"]
    together = best.get(f"in-process, records parsed, {cores} processes at once", one)
    print()
    ratios = [
        (f"CLI -j {cores} (JSON) ÷ (in-process 1 core × {cores} cores)", f"{cli_json / (one * cores):.2f}", "≥ 0.8"),
        (f"CLI -j {cores} (JSON) ÷ in-process on {cores} cores at once, measured", f"{cli_json / together:.2f}", ""),
        (f"CLI -j {cores} (JSON) ÷ plain path", f"{cli_json / plain:,.0f}×", "≥ 40×"),
        (f"CLI -j {cores} from YAML ÷ from JSON", f"{cli_yaml / cli_json:.2f}", "≥ 0.6"),
    ]
    in_memory = best.get(f"ldpub build DIR --out /dev/shm/OUT -j {cores}, JSON")
    if in_memory is not None:
        ratios.insert(
            2,
            (
                f"the same, output in memory (/dev/shm) ÷ (in-process × {cores} cores)",
                f"{in_memory / (one * cores):.2f}",
                "",
            ),
        )
    for name, value, goal in ratios:
        print(f"{name:<62} {value:>6}  {'goal ' + goal if goal else ''}")
    print()
    print(f"Where the wall time of `ldpub build DIR --out OUT -j {cores}` (JSON) goes, from this run's figures:")
    start = start_wall
    reading = n / best["in-process, from the JSON files, 1 core"] / cores
    creating = n / best["bare loop: create, write, close a file an article (no ldpub)"] / cores
    wall = n / cli_json
    floor = start + reading + creating
    parts = [
        ("process start and imports (a new interpreter importing them)", start),
        (f"reading and building the records from their files, ÷ {cores} cores", reading),
        (f"creating a file an article (the bare loop), ÷ {cores} cores", creating),
        ("the rest: workers' start, records and results passed, renames, syncs, waits", wall - floor),
    ]
    for name, seconds in parts:
        print(f"  {name:<76} {seconds * 1e3:6,.0f} ms  {seconds / wall:4.0%}")
    print(f"  {'the CLI, measured':<76} {wall * 1e3:6,.0f} ms")
    print(
        f"floor (the first three parts, no overhead at all): {n / floor:,.0f} articles/s = "
        f"{n / floor / (one * cores):.2f} × (in-process 1 core × {cores} cores); the CLI is at "
        f"{cli_json / (n / floor):.2f} of its floor"
    )


if __name__ == "__main__":
    main()
