"""Whole folders through the CLI, as a newsroom scripts it: build and validate with --jobs 1, 2, all.

Same inputs, same run, side by side: the in-process rate (``ldpub.build`` and render in a loop;
``Validator.check_bytes`` in a loop) and the CLI on 1 process, 2 and every usable core, writing
one file per article and format (``--out DIR``) or one archive file (``--out archive.nq``).
The CLI reads YAML files, so its baseline is the in-process path on the same files; the
rate with the records already parsed is printed too (YAML parsing is most of the cost).
Validation runs on --docs documents of each corpus (the built articles, repeated as needed).

The CLI runs as an installed package does: with its bytecode cached (a warm-up run writes it,
also where ``PYTHONDONTWRITEBYTECODE`` is set, which would make every run compile ldpub anew).

    python -m benchmarks.bench_cli [--articles 3000] [--docs 12000] [--steps build,validate]
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

import yaml

from benchmarks.bench_validate import publisher_documents
from benchmarks.synthetic import records
from ldpub.cli._parallel import usable_cores
from ldpub.emit import render
from ldpub.pipeline import build
from ldpub.record import load_record
from ldpub.validate import Validator


def _write_records(folder: Path, count: int) -> list[Path]:
    paths = []
    for i, record in enumerate(records(count)):
        path = folder / f"article-{i:06d}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cli(*args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ldpub", *args], capture_output=True, text=True, env=_ENV)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ldpub {' '.join(args[:3])} … failed: {done.stderr[-500:]}")
    return seconds


def _build_rows(paths: list[Path], root: Path, jobs: list[int]) -> list[tuple[str, str, float]]:
    n = len(paths)
    rows = []
    parsed = [load_record(p) for p in paths]
    start = time.perf_counter()
    for record in parsed:
        render(build(record), ["jsonld", "nq"])
    rows.append(("build", "in-process: build + render, records parsed (1 core)", n / (time.perf_counter() - start)))
    for j in jobs:
        out = root / f"out-{j}"
        seconds = _cli("build", *map(str, paths), "--out", str(out), "-f", "jsonld,nq", "-j", str(j))
        rows.append(("build", f"ldpub build --out DIR -f jsonld,nq -j {j}", n / seconds))
        shutil.rmtree(out)
    for j in jobs:
        seconds = _cli("build", *map(str, paths), "--out", str(root / "archive.nq"), "-j", str(j))
        rows.append(("build", f"ldpub build --out archive.nq -j {j}", n / seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--docs", type=int, default=12000, help="documents per validate corpus")
    parser.add_argument("--steps", default="build,validate")
    args = parser.parse_args()
    cores = usable_cores()
    jobs = sorted({1, 2, cores})
    _cli("--version")  # writes the bytecode cache, as installing does
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        paths = _write_records(root / "in", args.articles)
        n = len(paths)

        start = time.perf_counter()
        built = [render(build(p), ["jsonld", "nq"]) for p in paths]
        in_process = n / (time.perf_counter() - start)
        rows: list[tuple[str, str, float]] = []
        if "build" in args.steps:
            rows = [("build", "in-process: read YAML + build + render (1 core)", in_process)]
            rows += _build_rows(paths, root, jobs)
        docs_n = args.docs
        corpora: dict[str, list[bytes]] = {}
        if "validate" in args.steps:
            corpora = {
                "ldpub-built": [built[i % n]["jsonld"].encode() for i in range(docs_n)],
                "publisher-style": publisher_documents(docs_n),
            }
        for corpus, blobs in corpora.items():
            docs = root / corpus
            docs.mkdir()
            for i, blob in enumerate(blobs):
                (docs / f"a{i:06d}.jsonld").write_bytes(blob)
            validator = Validator()
            data = [(f.read_bytes(), str(f)) for f in sorted(docs.iterdir())]
            start = time.perf_counter()
            for raw, name in data:
                validator.check_bytes(raw, name, suffix=".jsonld")
            step = f"validate {corpus}"
            rows.append((step, "in-process: Validator.check_bytes (1 core)", docs_n / (time.perf_counter() - start)))
            for j in jobs:
                seconds = _cli("validate", str(docs), "-j", str(j), "--format", "json", "-o", str(root / "r.json"))
                rows.append((step, f"ldpub validate DIR -j {j}", docs_n / seconds))

    print(
        f"{n:,} synthetic articles, {args.docs:,} documents per validate corpus, {cores} usable cores; "
        "CLI times include process start (~0.15 s)"
    )
    print(f"{'step':<26} {'path':<52} {'articles/s':>11} {'× in-process':>13}")
    base: dict[str, float] = {}
    for step, _, rate in rows:
        base.setdefault(step, rate)  # each step's first row is its in-process baseline
    for step, label, rate in rows:
        print(f"{step:<26} {label:<52} {rate:>11,.0f} {rate / base[step]:>12.2f}×")


if __name__ == "__main__":
    main()
