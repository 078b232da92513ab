"""Start and stop real SPARQL servers for the tests: Oxigraph server and Virtuoso 7.

Each runs on free 127.0.0.1 ports in its own temporary directory; ``start_*`` waits until
the server answers a query and returns a handle whose ``stop()`` ends it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    query_url: str
    process: subprocess.Popen[bytes]
    workdir: Path
    sql_port: int | None = None

    def stop(self) -> None:
        if self.process.poll() is None:
            if self.sql_port is not None and shutil.which("isql-vt"):
                subprocess.run(
                    ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", "exec=shutdown;"],
                    capture_output=True,
                    timeout=30,
                )
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def oxigraph_binary() -> str | None:
    candidate = Path(sysconfig.get_path("scripts")) / "oxigraph"
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


def start_oxigraph(workdir: Path) -> Server:
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("oxigraph (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(workdir / "data"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server("oxigraph", f"http://127.0.0.1:{port}/query", process, workdir)
    _wait_ready(server, 30)
    return server


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/vsp
ServerThreads = 4
MaxClientConnections = 4
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
DefaultQuery = ASK {{}}
"""


def start_virtuoso(workdir: Path) -> Server:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise FileNotFoundError("virtuoso-t (Debian package virtuoso-opensource-7-bin)")
    sql_port, http_port = free_port(), free_port()
    (workdir / "vsp").mkdir(parents=True, exist_ok=True)
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=workdir, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    process = subprocess.Popen(
        [binary, "-f", "-c", str(ini)], cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    server = Server("virtuoso", f"http://127.0.0.1:{http_port}/sparql", process, workdir, sql_port)
    _wait_ready(server, 90)
    return server


def _wait_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}")
        try:
            r = httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=2)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{server.name} did not become ready in {timeout} s")
