"""A Dask cluster does what --jobs does: the same files byte for byte, errors per file, a dead worker's
batch done again with nothing lost or twice, and a scheduler that is not there is one line, exit 3.

The cluster is real: a LocalCluster of two worker processes (each under its nanny, which starts a
new one when a worker dies), on this machine's loopback.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dask
import pytest
from distributed import Client, LocalCluster

from ldpub.cli.build import _builder
from ldpub.cluster import ClusterError, cluster_map, scheduler_address
from ldpub.errors import EXIT_STORE, EXIT_USAGE, UsageError
from tests.support import EXAMPLES, ROOT, SEED, example_copies

COUNT = 24
BROKEN = COUNT // 2
PAGES = ROOT / "tests" / "data" / "pages"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    # A batch may be part of one worker's death and still be tried again; the second death is the end
    # of it (Dask's default is three), so that a test of a batch that always kills its worker is short.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
        ) as local,
        Client(local, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Copies of the examples, each at its own URL, and one broken record in the middle."""
    return example_copies(tmp_path_factory.mktemp("records"), COUNT, BROKEN)


def _ldpub(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ldpub", *args], capture_output=True, text=True, cwd=cwd, env=environ, timeout=120
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_on_the_cluster_writes_what_one_process_writes(
    cluster: Client, records: list[Path], tmp_path: Path
) -> None:
    address = cluster.scheduler.address
    # relative names, read by workers whose own working folder is another: the caller's folder counts
    names = [p.name for p in records]
    runs = {}
    for how in (["-j", "1"], ["--scheduler", address]):
        out = tmp_path / how[-1].replace("/", "_").replace(":", "_")
        done = _ldpub("build", *names, "--out", str(out), "-f", "jsonld,nq", *how, cwd=records[0].parent)
        assert done.returncode == 1, done.stderr  # the broken record
        runs[how[0]] = (done.stderr.replace(str(out), "OUT"), _tree(out))
    assert runs["--scheduler"] == runs["-j"]
    stderr, files = runs["--scheduler"]
    broken = records[BROKEN]
    assert f"ldpub: error: {broken.name}:" in stderr and "/published" in stderr
    assert len(files) == 2 * (COUNT - 1) and f"{broken.stem}.jsonld" not in files


def test_one_archive_file_from_the_cluster_is_the_one_from_one_process(
    cluster: Client, records: list[Path], tmp_path: Path
) -> None:
    good = [str(r) for i, r in enumerate(records) if i != BROKEN]
    one, spread = tmp_path / "one.nq", tmp_path / "spread.nq"
    assert _ldpub("build", *good, "--out", str(one), "-j", "1").returncode == 0
    done = _ldpub("build", *good, "--out", str(spread), "--scheduler", cluster.scheduler.address)
    assert done.returncode == 0, done.stderr
    assert spread.read_bytes() == one.read_bytes()


def test_validate_on_the_cluster_reports_what_one_process_reports(
    cluster: Client, records: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "built"
    _ldpub("build", *map(str, records), "--out", str(out))
    (out / "broken.jsonld").write_text('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": 5')
    reports = []
    for how in (["-j", "1"], ["--scheduler", cluster.scheduler.address]):
        done = _ldpub("validate", str(out), "--format", "json", *how)
        reports.append((done.returncode, json.loads(done.stdout), done.stderr))
    assert reports[0] == reports[1]
    code, report, _ = reports[1]
    assert code == 1 and len(report["files"]) == COUNT
    assert {f["file"] for f in report["findings"] if f["severity"] == "error"} == {str(out / "broken.jsonld")}


def test_extract_on_the_cluster_writes_what_one_process_writes(cluster: Client, tmp_path: Path) -> None:
    inputs = [
        *sorted(EXAMPLES.glob("*.txt")),
        EXAMPLES / "pages" / "syrian-observer-al-tanf.html",
        PAGES / "html-no-article.html",
        tmp_path / "missing.html",
    ]
    runs = {}
    for how in (["-j", "1"], ["--scheduler", cluster.scheduler.address]):
        out = tmp_path / how[0].strip("-")
        done = _ldpub("extract", *map(str, inputs), "-o", str(out), "--timezone", "Asia/Beirut", *how)
        runs[how[0]] = (done.returncode, done.stderr.replace(str(out), "OUT"), _tree(out))
    assert runs["--scheduler"] == runs["-j"]
    code, stderr, files = runs["--scheduler"]
    assert code == EXIT_USAGE and f"{tmp_path / 'missing.html'}" in stderr
    assert {Path(name).stem for name in files} >= {p.stem for p in inputs[:4]}


# --- a worker that dies --------------------------------------------------------------------------


def dying_builder(setting: tuple[Any, str, str]) -> Callable[[tuple[str, None]], Any]:
    """The build worker, except that the process running ``fatal`` is killed: the first time only
    (``once``; a marker file says it happened) or every time (``always``)."""
    build_setting, fatal, when = setting
    build = _builder(build_setting)

    def one(item: tuple[str, None]) -> Any:
        if item[0] == fatal:
            marker = Path(fatal + ".killed")
            with marker.open("a") as f:
                f.write(f"{os.getpid()}\n")
            if when == "always" or len(marker.read_text().split()) == 1:
                os.kill(os.getpid(), signal.SIGKILL)
        return build(item)

    return one


def test_a_worker_killed_midway_loses_nothing_and_repeats_nothing(cluster: Client, records: list[Path]) -> None:
    setting = (["jsonld", "nq"], False, False, None, False)
    items = [(str(p), None) for p in records]
    expected = list(map(_builder(setting), items))
    fatal = items[COUNT // 3][0]
    pids = {pid: address for address, pid in cluster.run(os.getpid).items()}
    results = list(cluster_map(dying_builder, (setting, fatal, "once"), items, scheduler=cluster, batch=3))
    assert results == expected  # every record once, in order, the same as one process builds them
    killed = [int(pid) for pid in Path(fatal + ".killed").read_text().split()]
    assert len(killed) == 2 and killed[0] in pids  # a worker died on the batch, which was done again
    assert killed[1] != killed[0]
    _two_workers_again(cluster, without=pids[killed[0]])  # its nanny starts a new worker in its place


def _two_workers_again(client: Client, without: str | None = None) -> None:
    """Wait for the cluster to have two workers again, none of them at address ``without`` (a dead one)."""
    deadline = time.monotonic() + 60
    while len(workers := set(client.scheduler_info()["workers"])) != 2 or without in workers:
        assert time.monotonic() < deadline, f"the cluster has workers {workers} a minute after one died"
        time.sleep(0.2)


def test_a_batch_that_kills_every_worker_is_named(cluster: Client, records: list[Path]) -> None:
    setting = (["jsonld"], False, False, None, False)
    fatal = str(records[1])
    items = [(str(p), None) for p in records[:3]]
    with pytest.raises(ClusterError) as caught:
        list(cluster_map(dying_builder, (setting, fatal, "always"), items, scheduler=cluster, batch=3))
    assert f"died on every try at the batch {records[0]} … {records[2]} (3 inputs)" in str(caught.value)
    assert len(Path(fatal + ".killed").read_text().split()) == 2  # tried twice (allowed-failures 1)
    time.sleep(1)  # the second death is being seen to
    _two_workers_again(cluster)


def test_a_scheduler_without_workers_says_so(records: list[Path]) -> None:
    setting = (["jsonld"], False, False, None, False)
    no_workers = r"has no workers \(waited 1 s\); start some with `dask worker tcp://"
    with (
        LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=":0") as empty,
        pytest.raises(ClusterError, match=no_workers),
    ):
        items = [(str(records[0]), None)]
        list(cluster_map(_builder, setting, items, scheduler=empty.scheduler_address, workers_timeout=1))


def slow_builder(setting: tuple[Any, float]) -> Callable[[tuple[str, None]], Any]:
    """The build worker, taking ``pause`` seconds more an item (time to stop the scheduler midway)."""
    build_setting, pause = setting
    build = _builder(build_setting)

    def one(item: tuple[str, None]) -> Any:
        time.sleep(pause)
        return build(item)

    return one


def test_a_scheduler_lost_midway_is_a_cluster_error(records: list[Path]) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}  # both unpickle this module's worker
    dask_cli = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen(
        [*dask_cli, "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--dashboard-address", ":0"],
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=environ,
    )
    worker = None
    try:
        with Client(address, timeout=60, set_as_default=False) as client:
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "distributed.cli.dask_worker",
                    address,
                    "--nthreads",
                    "1",
                    "--dashboard-address",
                    ":0",
                    "--no-nanny",
                ],
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
                env=environ,
            )
            client.wait_for_workers(1, timeout=60)
        setting = ((["jsonld"], False, False, None, False), 0.1)
        items = [(str(p), None) for p in records]
        results = cluster_map(slow_builder, setting, items, scheduler=address, batch=2)
        assert next(results)  # the first result is in: the work is under way
        scheduler.kill()
        with pytest.raises(ClusterError) as caught:
            list(results)
        assert str(caught.value) == f"lost the Dask scheduler at {address} (the connection to it was lost)"
    finally:
        for process in (scheduler, worker):
            if process is not None:
                process.kill()
                process.wait()


def process_of(pause: float) -> Callable[[int], tuple[int, int]]:
    """A worker that says which process did each item (after ``pause`` seconds)."""

    def one(item: int) -> tuple[int, int]:
        time.sleep(pause)
        return item, os.getpid()

    return one


def test_a_worker_that_joins_a_running_command_gets_batches() -> None:
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0") as growing,
        Client(growing, set_as_default=False) as client,
    ):
        results, in_flight = [], 0
        for n, result in enumerate(cluster_map(process_of, 0.05, list(range(160)), scheduler=client, batch=1)):
            results.append(result)
            if n == 0:
                growing.scale(2)
            if n == 120:  # the batches out: two a worker thread, for the two workers now
                in_flight = len(client.futures) - 1  # less the setting
        assert [item for item, _ in results] == list(range(160))
        assert len({pid for _, pid in results}) == 2
        assert in_flight >= 4


# --- a scheduler that is not there ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_exit_3(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    done = _ldpub(
        "build",
        str(SEED),
        "--out",
        str(tmp_path / "out"),
        "--scheduler",
        address,
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
    )
    assert done.returncode == EXIT_STORE
    assert done.stderr == (
        f"ldpub: error: cannot reach the Dask scheduler at {address} (tried for 1 s); is `dask scheduler` running "
        "there?\n"
    )
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["localhost", "tcp://localhost", "http://localhost:8786", "tcp://host:99999"])
def test_a_malformed_scheduler_address_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="--scheduler"):
        scheduler_address(text)
    done = _ldpub("validate", str(EXAMPLES / "syrian-observer-al-tanf.jsonld"), "--scheduler", text)
    assert done.returncode == EXIT_USAGE and done.stderr.startswith("ldpub: error: --scheduler ")


def test_scheduler_addresses_as_dask_takes_them() -> None:
    assert scheduler_address("10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert scheduler_address("tls://sched.example:8786") == "tls://sched.example:8786"
    assert scheduler_address("tcp://[::1]:8786") == "tcp://[::1]:8786"
