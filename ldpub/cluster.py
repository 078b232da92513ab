"""The same work as ``--jobs N``, spread over a Dask distributed cluster: one task per batch of inputs.

``ldpub extract|build|validate --scheduler tcp://HOST:PORT`` hands its inputs here instead of to
the local process pool (``cli/_parallel.py``); a program calls :func:`cluster_map` itself::

    from ldpub.cluster import cluster_map

    def builder(setting):                     # runs once in each worker process
        import ldpub
        return lambda path: ldpub.build(path).to_json()

    for text in cluster_map(builder, None, paths, scheduler="tcp://10.0.0.5:8786"):
        ...                                   # in the order of ``paths``, whichever worker did it

What a worker does is what one process of ``--jobs N`` does: ``factory(setting)`` builds its
worker once (kept while the same setting comes back), and each item of a batch goes through it.
Results come back to the caller in input order, whichever batch finishes first, so the output is
byte for byte that of ``--jobs N``; the caller writes every file (workers only read), so a batch
that is run twice (its worker died and the scheduler gave it to another) can neither lose nor
duplicate a file. Per-input problems are values in the results, as with ``--jobs``; only the
cluster's own failures raise :class:`ClusterError` (exit 3, as a store that cannot be reached).

The workers read the inputs by the paths the caller gives, so the inputs must be on storage that
every worker sees at the same path (a shared file system, see ``docs/scale.md``). A relative path
is read from the caller's working folder when the worker has that folder too.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ldpub.errors import StoreError

if TYPE_CHECKING:
    from distributed import Client, Future

In = TypeVar("In")
Out = TypeVar("Out")

# Batches a worker thread is given at most before it reports back (the window of batches in flight is
# this many per worker thread): enough to keep it busy, few enough that results do not pile up.
AHEAD = 2
# The largest batch: a batch lost with its worker is done again, so a batch stays small.
MAX_BATCH = 64
# Every this many batches the workers are counted again (a cluster that grows while the work runs).
RECOUNT = 32

_ADDRESS = re.compile(r"^(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[^\s/:\[\]]+):(?P<port>\d+)$")


class ClusterError(StoreError):
    """The cluster cannot do the work: its scheduler cannot be reached or is lost, it has no workers, or
    its workers keep dying on a batch of inputs."""


def scheduler_address(text: str) -> str:
    """A scheduler's address as Dask takes it (``tcp://HOST:PORT``; ``HOST:PORT`` means tcp), or a usage error."""
    from ldpub.errors import UsageError

    match = _ADDRESS.match(text.strip())
    if match is None or not 0 < int(match["port"]) < 65536:
        raise UsageError(f"--scheduler {text!r}: expected a Dask scheduler's address, tcp://HOST:PORT")
    scheme = match["scheme"] or "tcp"
    if scheme not in ("tcp", "tls", "ucx", "ws", "wss"):
        raise UsageError(f"--scheduler {text!r}: Dask schedulers listen on tcp://, tls://, ucx://, ws:// or wss://")
    return f"{scheme}://{match['host']}:{match['port']}"


def cluster_map(
    factory: Callable[[Any], Callable[[In], Out]],
    setting: Any,
    items: Sequence[In],
    *,
    scheduler: str | Client,
    batch: int | None = None,
    connect_timeout: float | None = None,
    workers_timeout: float = 60.0,
) -> Iterator[Out]:
    """``factory(setting)(item)`` for each item, in input order, on the workers of a Dask cluster.

    ``scheduler`` is the scheduler's address (``tcp://HOST:PORT``) or a ``distributed.Client``
    already connected (it is left open). ``batch`` is how many items a task takes (default: enough
    for about eight tasks a worker thread, at most :data:`MAX_BATCH`). ``connect_timeout`` is in
    seconds (default: Dask's ``distributed.comm.timeouts.connect``); ``workers_timeout`` is how long
    to wait for a scheduler that has no worker yet. ``factory`` and the results travel by pickle:
    ``factory`` must be importable by the workers (a module-level function of an installed module),
    and ldpub installed there at the same version.
    """
    if not items:
        return
    client, own = _connect(scheduler, connect_timeout)
    try:
        address = str(getattr(client.scheduler, "address", None) or scheduler)
        threads = _threads(client, workers_timeout, address)
        size = batch or max(1, min(MAX_BATCH, len(items) // (threads * 8)))
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        # The setting goes to the cluster once, as a task's result that the batches take in: a worker
        # fetches it once and keeps it. (Scattered data is lost with the worker holding it; a task's
        # result the scheduler computes again.)
        key = f"ldpub-setting-{uuid.uuid4().hex}"
        shipped = _cluster_call(lambda: client.submit(_setting, setting, key=key, pure=False), address)
        cwd = os.getcwd()
        window: deque[tuple[Future[list[Out]], Sequence[In]]] = deque()
        pending = iter(batches)

        def submit() -> bool:
            part = next(pending, None)
            if part is None:
                return False
            future = _cluster_call(
                lambda: client.submit(_run_batch, factory, shipped, key, cwd, list(part), pure=False), address
            )
            window.append((future, part))
            return True

        for _ in range(threads * AHEAD):
            submit()
        done = 0
        while window:
            future, part = window.popleft()
            results = _result(future, part, address)
            done += 1
            if done % RECOUNT == 0:  # workers that joined since (a cluster that grows) get batches too
                threads = _threads(client, workers_timeout, address)
            while len(window) < threads * AHEAD and submit():
                pass
            yield from results
    finally:
        if own:
            _close(client)


# --- the client's side ---------------------------------------------------------------------------


def _connect(scheduler: str | Client, timeout: float | None) -> tuple[Client, bool]:
    try:
        from distributed import Client
    except ImportError:
        from ldpub.errors import UsageError

        raise UsageError(
            "--scheduler needs Dask's distributed scheduler, which is not installed: pip install 'ldpub[cluster]'"
        ) from None

    if isinstance(scheduler, Client):
        return scheduler, False
    address = scheduler_address(scheduler)
    try:
        options: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        client = _untyped(Client)(address, set_as_default=False, **options)
    except (OSError, TimeoutError):  # refused, unknown host, timed out: Dask tries until its time is up
        from dask.config import get
        from dask.utils import parse_timedelta

        waited = timeout if timeout is not None else parse_timedelta(get("distributed.comm.timeouts.connect"), "s")
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} (tried for {waited:g} s); is `dask scheduler` running there?"
        ) from None
    except ValueError as exc:  # an address Dask cannot use
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({_reason(exc)})") from None
    return client, True


def _threads(client: Client, timeout: float, address: str) -> int:
    """The worker threads the cluster has (waiting up to ``timeout`` s for the first worker)."""
    workers = client.scheduler_info().get("workers", {})
    if not workers:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler at {address} has no workers (waited {timeout:.0f} s); start some with "
                f"`dask worker {address}`"
            ) from None
        workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def _result(future: Future[list[Any]], part: Sequence[Any], address: str) -> list[Any]:
    from distributed import KilledWorker

    try:
        return list(future.result())
    except KilledWorker:
        first, last = _name(part[0]), _name(part[-1])
        which = first if len(part) == 1 else f"{first} … {last} ({len(part)} inputs)"
        raise ClusterError(
            f"the Dask workers died on every try at the batch {which}; a worker is short of memory, or one of "
            f"these inputs brings it down: run them with --jobs to find which"
        ) from None
    except ClusterError:
        raise
    except (OSError, TimeoutError, _cancelled()):  # Dask's words for it name its sockets and tasks
        raise ClusterError(f"lost the Dask scheduler at {address} (the connection to it was lost)") from None


def _cluster_call(call: Callable[[], Any], address: str) -> Any:
    try:
        return call()
    except (OSError, TimeoutError, _cancelled()):  # Dask's words for it name its sockets and tasks
        raise ClusterError(f"lost the Dask scheduler at {address} (the connection to it was lost)") from None


def _cancelled() -> type[BaseException]:
    from concurrent.futures import CancelledError

    return CancelledError


def _close(client: Client) -> None:
    with contextlib.suppress(OSError, TimeoutError):  # the scheduler is gone already: nothing is left to close
        _untyped(client.close)(timeout=10)


def _untyped(call: Any) -> Any:
    """Dask's functions that carry no type hints, called from typed code."""
    return call


def _name(item: Any) -> str:
    """An input as the user named it: a path, or the first field of a (path, …) item."""
    if isinstance(item, tuple) and item:
        item = item[0]
    return os.fspath(item) if isinstance(item, (str, os.PathLike)) else repr(item)


def _reason(exc: BaseException) -> str:
    text = (str(exc).splitlines() or [""])[0].strip()
    return text or type(exc).__name__


# --- the worker's side ---------------------------------------------------------------------------

# The workers a process keeps, one a setting (callers sharing a cluster, each with its own settings).
KEEP_WORKERS = 4
_workers: dict[str, Callable[[Any], Any]] = {}
# One batch at a time in a worker process: the work is CPU-bound Python (threads would only share
# one core), and a batch runs in the caller's working folder.
_lock = threading.Lock()


def _setting(setting: Any) -> Any:
    return setting


def _run_batch(
    factory: Callable[[Any], Callable[[Any], Any]], setting: Any, key: str, cwd: str, items: list[Any]
) -> list[Any]:
    """A task: each of ``items`` through this process's worker for ``key`` (built on first use)."""
    with _lock:
        work = _workers.pop(key, None)
        if work is None:
            work = factory(setting)
        _workers[key] = work  # the most recently used last
        while len(_workers) > KEEP_WORKERS:  # an earlier run's: the oldest goes
            del _workers[next(iter(_workers))]
        here = os.getcwd()
        # A relative path means the caller's folder; where this machine has no such folder, such a
        # path is read from the root, so that it fails as a missing file rather than reading another.
        os.chdir(cwd if os.path.isdir(cwd) else "/")
        try:
            many = getattr(work, "batch", None)  # a worker that does a batch at once (extract's
            # language model over the batch's texts), as ldpub.cli._parallel.run_batch uses it
            return list(many(items)) if many is not None else [work(item) for item in items]
        finally:
            os.chdir(here)
