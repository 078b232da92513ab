"""The mutated inputs of tests/fuzz.py sent to ``ldpub serve``: documented statuses only (never
500), JSON errors without a traceback, nothing in the server's log but its own one-line events,
and the server's memory bounded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fuzz import STATUSES, cases, requests
from tests.service.conftest import Serving, serving

INPUTS = 80
SEED = 2929


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@pytest.fixture(scope="module")
def server(archive_dir: Path) -> Iterator[Serving]:
    with serving("--store", str(archive_dir), "--timeout", "20", "--max-bytes", "5000000") as running:
        yield running


def test_mutated_inputs_get_documented_statuses_from_the_service(server: Serving) -> None:
    failures = []
    start = peak = rss_mb(server.process.pid)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for number, case in enumerate(cases(INPUTS, SEED)):
            extract = number % 3 == 0 and len(case.data) < 30_000
            for path, content, headers in requests(case, extract=extract):
                response = client.post(path, content=content, headers=headers)
                where = f"{path} ({case.seed.name}, {'+'.join(case.mutations)})"
                if response.status_code not in STATUSES:
                    failures.append(f"{where}: HTTP {response.status_code} {response.text[:200]}")
                elif response.status_code != 200 and "Traceback" in response.text:
                    failures.append(f"{where}: a traceback in the answer")
            peak = max(peak, rss_mb(server.process.pid))
    log = [line for line in server.log_lines()[1:] if not line.startswith("ldpub serve: ")]
    assert not failures, "\n".join(failures[:20])
    assert not log, log[:20]  # no internal error, no traceback: only the service's own one-line events
    assert peak - start < 600, (start, peak)
