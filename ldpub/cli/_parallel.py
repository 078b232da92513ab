"""Every core for many inputs: ``--jobs N``, ordered results, a progress bar on long runs.

A command hands :func:`ordered_map` a *factory* (a module-level function that builds the
per-process worker, e.g. a compiled validator) and the inputs; results come back in input
order, whatever finishes first, so output is the same for any ``--jobs``. Work is done in
processes (the work is CPU-bound Python), each building its worker once. Per-input errors are
values in the results, not exceptions, so one bad file does not stop the others.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

In = TypeVar("In")
Out = TypeVar("Out")

# Below this many inputs a pool costs more than it saves (start-up ~50 ms a process).
MIN_PARALLEL = 16
# A progress bar from this many inputs on (and only on a terminal).
MIN_PROGRESS = 200

_worker: Callable[[Any], Any] | None = None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help=f"processes to use (default: the usable cores, {usable_cores()} here; 1: no extra process)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        default=None,
        help="spread the work over a Dask cluster: its scheduler's address (needs ldpub[cluster]; "
        "the inputs on storage every worker reads at the same path; see docs/scale.md)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected at least 1 process")
    return value


def ordered_map(
    factory: Callable[[Any], Callable[[In], Out]],
    setting: Any,
    items: Sequence[In],
    *,
    jobs: int | None = None,
    label: str = "file",
    scheduler: str | None = None,
) -> Generator[Out, None, None]:
    """``factory(setting)(item)`` for each item, in order, on ``jobs`` processes (default: all cores),
    or on the workers of the Dask cluster whose scheduler is at ``scheduler`` (``ldpub.cluster``).

    The items go to the processes in batches of consecutive items (:func:`batches`), one task a
    batch, each run by :func:`run_batch`; results come back batch by batch, in input order.
    """
    if scheduler is not None:
        yield from _on_cluster(factory, setting, items, scheduler, label)
        return
    jobs = min(jobs or usable_cores(), len(items))
    # What is loaded by now (the vocabulary, schemas, the language model) lives as long as the
    # process: out of the collector's sight, it is not rescanned as results pile up (validate
    # -j1 ran 20% faster) nor copied into forked workers by the collector touching it.
    gc.freeze()
    yield from _counted(_on_cores(factory, setting, items, jobs), len(items), label)


def _on_cores(
    factory: Callable[[Any], Callable[[In], Out]], setting: Any, items: Sequence[In], jobs: int
) -> Iterator[Out]:
    """The results on this machine: in this process for one job or few items, else on a pool of ``jobs``."""
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        work = factory(setting)
        for batch in batches(items, 1):
            yield from run_batch(work, batch)
    else:
        from concurrent.futures import ProcessPoolExecutor  # 30 ms of imports: only when used

        pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start, initargs=(factory, setting))
        yield from _pooled(pool, batches(items, jobs))


def _on_cluster(
    factory: Callable[[Any], Callable[[In], Out]], setting: Any, items: Sequence[In], scheduler: str, label: str
) -> Iterator[Out]:
    from ldpub.cluster import cluster_map, scheduler_address

    address = scheduler_address(scheduler)  # a malformed address is a usage error before any import of Dask
    yield from _counted(cluster_map(factory, setting, items, scheduler=address), len(items), label)


def _counted(results: Iterator[Out], total: int, label: str) -> Iterator[Out]:
    """``results``, one by one, counted on a progress bar of ``total`` (where one is shown)."""
    bar = _progress(total, label)
    try:
        for result in results:
            if bar is not None:
                bar.update(1)
            yield result
    finally:
        if bar is not None:
            bar.close()


MAX_BATCH = 64  # items a task, at most: a progress bar that moves, little left over at the end


def batches(items: Sequence[In], jobs: int) -> list[Sequence[In]]:
    """``items`` cut into consecutive batches for ``jobs`` processes: about eight a process, so
    that a process that finishes early takes more, of at most :data:`MAX_BATCH` items each."""
    size = max(1, min(MAX_BATCH, len(items) // (jobs * 8) if jobs > 1 else MAX_BATCH))
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_batch(work: Callable[[In], Out], batch: Sequence[In]) -> list[Out]:
    """One batch through a worker (what ``factory(setting)`` made), results in its order: the
    unit of work of every process and of a cluster's task. A worker that works better on many
    items at once (the language model reads many texts faster together) says so with a ``batch``
    method, ``batch(items) -> results``, which is used instead of calling it on each item."""
    many = getattr(work, "batch", None)
    if many is not None:
        results: list[Out] = many(batch)
        return results
    return [work(item) for item in batch]


def _pooled(pool: ProcessPoolExecutor, parts: list[Sequence[Any]]) -> Iterator[Any]:
    with pool:
        for results in pool.map(_call, parts):
            yield from results


def _context() -> Any:
    import multiprocessing

    # fork shares what the parent has loaded (the vocabulary, the language model) at no cost.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(factory: Callable[[Any], Callable[[Any], Any]], setting: Any) -> None:
    global _worker
    _worker = factory(setting)


def _call(batch: Sequence[Any]) -> list[Any]:
    assert _worker is not None, "the pool's initializer builds the worker"
    return run_batch(_worker, batch)


def _progress(total: int, label: str) -> Any:
    if total < MIN_PROGRESS or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=label, file=sys.stderr, dynamic_ncols=True, leave=False)
