"""The service beside the CLI, on the same documents: what a CMS calling ldpub at publish time gets.

Three ways to build (or validate) one article at a time, in the same run:
- ``ldpub serve``: requests/s over real HTTP from 8 concurrent clients (uvicorn, one process);
- the CLI, one ``ldpub build`` / ``ldpub validate`` process per article (how a CMS shells out);
- the library in this process (the ceiling: no HTTP, no process start).

    python -m benchmarks.bench_serve [--requests 400] [--cli 20]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

from benchmarks.synthetic import records
from ldpub.pipeline import build
from ldpub.record import parse_record
from ldpub.validate import Validator


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _hammer(url: str, path: str, bodies: list[bytes], concurrency: int) -> float:
    queue = list(bodies)
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:

        async def worker() -> None:
            while queue:
                body = queue.pop()
                response = await client.post(path, content=body)
                response.raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return len(bodies) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--cli", type=int, default=20, help="CLI processes per step (each starts Python)")
    args = parser.parse_args()
    recs = list(records(args.requests))
    texts = [yaml.safe_dump(r, allow_unicode=True, sort_keys=False) for r in recs]
    docs = [build(parse_record(t, file="r.yaml")).to_json() for t in texts]
    rows: list[tuple[str, str, float]] = []

    start = time.perf_counter()
    for t in texts:
        build(parse_record(t, file="r.yaml")).to_json()
    rows.append(("build", "library, in this process", len(texts) / (time.perf_counter() - start)))
    validator = Validator()
    start = time.perf_counter()
    for d in docs:
        validator.check_bytes(d.encode(), "a.jsonld", suffix=".jsonld")
    rows.append(("validate", "library, in this process", len(docs) / (time.perf_counter() - start)))

    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "ldpub", "serve", "--port", str(port)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        body_texts = [t.encode() for t in texts]
        asyncio.run(_hammer(url, "/build", body_texts[:20], 4))  # warm up
        rows.append(("build", "ldpub serve, 8 clients", asyncio.run(_hammer(url, "/build", body_texts, 8))))
        rows.append(
            (
                "validate",
                "ldpub serve, 8 clients",
                asyncio.run(_hammer(url, "/validate", [d.encode() for d in docs], 8)),
            )
        )
    finally:
        server.terminate()
        server.wait()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for step, data, suffix in (("build", texts, ".yaml"), ("validate", docs, ".jsonld")):
            paths = []
            for i, text in enumerate(data[: args.cli]):
                path = folder / f"a{i}{suffix}"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            start = time.perf_counter()
            for path in paths:
                command = [sys.executable, "-m", "ldpub", step, str(path)]
                subprocess.run(command, capture_output=True, check=step == "build")
            rows.append((step, "CLI, one process per article", len(paths) / (time.perf_counter() - start)))

    print(f"{len(texts)} synthetic articles; requests or articles per second, same run")
    print(f"{'step':<9} {'how':<32} {'per second':>11}")
    for step, how, rate in sorted(rows, key=lambda r: r[0]):
        print(f"{step:<9} {how:<32} {rate:>11,.1f}")


if __name__ == "__main__":
    main()
