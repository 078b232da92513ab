"""A real ``ldpub serve`` (uvicorn on a free loopback port) over an archive of the examples."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ldpub.archive import EmbeddedStore, load
from tests.support import EXAMPLE_RECORDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("service") / "store"
    with EmbeddedStore(path) as store:
        assert load(store, EXAMPLE_RECORDS).articles == 3
    return path


@dataclass
class Serving:
    """A running ``ldpub serve``: its base URL, its process, and where its stderr (the log) goes."""

    url: str
    process: subprocess.Popen[str]
    log: Path

    def log_lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()


@contextmanager
def serving(*args: str, cwd: Path | None = None) -> Iterator[Serving]:
    """``ldpub serve ARGS`` on a free port, run as a user runs it."""
    port = _free_port()
    command = [sys.executable, "-m", "ldpub", "serve", "--port", str(port), *args]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "serve.log"
        with log.open("w", encoding="utf-8") as stderr:
            process = subprocess.Popen(command, stderr=stderr, text=True, cwd=cwd)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"ldpub serve did not start: {log.read_text(encoding='utf-8')}")
            time.sleep(0.2)
        try:
            yield Serving(url, process, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def running_service(*args: str, cwd: Path | None = None) -> Iterator[str]:
    """``ldpub serve ARGS`` on a free port, run as a user runs it; yields its base URL."""
    with serving(*args, cwd=cwd) as server:
        yield server.url


@pytest.fixture(scope="session")
def service_cwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The service's working directory: empty, so a test can see that nothing was written."""
    return tmp_path_factory.mktemp("service-cwd")


@pytest.fixture(scope="session")
def service(archive_dir: Path, service_cwd: Path) -> Iterator[str]:
    """The base URL of ``ldpub serve --store ARCHIVE`` run as a user runs it."""
    args = ("--store", str(archive_dir), "--max-bytes", "2000000", "--timeout", "20")
    with running_service(*args, cwd=service_cwd) as url:
        yield url
