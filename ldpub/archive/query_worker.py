"""SPARQL queries on the embedded store in a worker process, stopped at their limits.

pyoxigraph has no way to interrupt a query from Python: its evaluation runs in Rust, where
neither a time limit, nor Ctrl-C, nor an abandoned thread reaches it, and an aggregate or
``ORDER BY`` over a cross product holds all its memory until it ends (some ``ORDER BY``
queries even abort the process from a failed sort in pyoxigraph 0.5). So each query runs in a
process of its own, which opens the store read-only, reads the solutions lazily and sends them
as it goes, in batches, through a pipe:

- at the row limit it stops reading solutions (the rest are never computed);
- at the time limit, or on Ctrl-C, the caller kills it: its memory goes with it;
- the caller's memory stays flat whatever the result's size: it holds one batch at a time.

The worker opens the store read-only, so a query sees the last committed state, even while
another process loads (an open that races with the loader's compaction is tried again).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

import orjson
import pyoxigraph as ox

from ldpub.archive.results import ResultStream
from ldpub.errors import InputError, Location, QueryTimeout, StoreError, first_line

BATCH_ROWS = 500  # solutions (or triples) per message
BATCH_SECONDS = 0.2  # or fewer, when they come slowly: the first rows show at once
OPEN_ATTEMPTS = 5  # a read-only open can race with a loader's compaction


def run_query(
    path: str,
    text: str,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    start_method: str | None = None,
) -> ResultStream:
    """Start ``text`` on the store at ``path`` in a worker process; its results as they come.

    Raises :class:`~ldpub.errors.InputError` for a syntax error, :class:`QueryTimeout` past
    ``timeout`` seconds (the worker is killed), :class:`~ldpub.errors.StoreError` if the store
    cannot be read or the worker dies (callers say first when there is no store at ``path``:
    :func:`~ldpub.archive.embedded.require_store`). ``start_method``: ``fork`` where the caller is one
    thread with no store open (the CLI), else ``forkserver`` (the default: safe in a server).
    """
    worker = _Worker(path, text, timeout, max_rows, start_method or "forkserver")
    try:
        header = worker.receive()
    except BaseException:
        worker.stop()
        worker.close()
        raise
    return ResultStream(
        header["kind"],
        variables=tuple(header.get("vars", ())),
        boolean=header.get("boolean"),
        parts=worker.parts(),
        close=worker.stop,
        max_rows=max_rows,
    )


class _Worker:
    """The caller's side: the process, its pipe, and the deadline."""

    def __init__(self, path: str, text: str, timeout: float | None, max_rows: int | None, method: str) -> None:
        self.path = path
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.timeout = timeout
        context: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["ldpub.archive.query_worker"])
        self._receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_main, args=(path, text, max_rows, sending), daemon=True)
        self._process.start()
        sending.close()  # the worker holds the only writing end: its exit is the pipe's end
        self._lock = threading.Lock()

    def receive(self) -> dict[str, Any]:
        """The next message: a dict (header, end) or, for data, ``{"rows": [...]}`` / ``{"turtle": ...}``."""
        remaining = None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
        try:
            if not self._receiving.poll(remaining):
                self.stop()
                raise QueryTimeout(f"the query took longer than {self.timeout:g} s and was stopped")
            data = self._receiving.recv_bytes()
        except (EOFError, OSError):
            raise self._died() from None
        message: dict[str, Any] = orjson.loads(data)
        if "error" in message:
            self.stop()
            kind, text = message["error"], message["message"]
            if kind == "syntax":
                raise InputError(f"SPARQL syntax error: {text}")
            raise StoreError(text, Location(self.path))
        return message

    def parts(self) -> Iterator[Any]:
        """Batches of rows (lists of dicts of terms) or Turtle text, then the end; the worker stopped."""
        try:
            while True:
                message = self.receive()
                if "rows" in message:
                    yield message["rows"]
                elif "turtle" in message:
                    yield message["turtle"]
                else:
                    yield {"end": True, "cut": message.get("cut", False)}
                    return
        finally:
            self.stop()
            self.close()

    def stop(self) -> None:
        """Kill the worker (if it runs) and reap it: whatever it held is freed now. Any thread may
        call it; a reader blocked on the pipe then sees its end."""
        with self._lock:
            if self._process.pid is not None and self._process.exitcode is None:
                with contextlib.suppress(OSError):
                    self._process.kill()
            self._process.join(5)

    def close(self) -> None:
        """Close the caller's end of the pipe (by the thread that reads it)."""
        self._receiving.close()

    def _died(self) -> StoreError:
        self._process.join(5)
        code = self._process.exitcode
        if code is not None and code < 0 and code != -signal.SIGKILL:
            how = f"the query engine crashed on this query ({signal.Signals(-code).name})"
        else:
            how = f"the query process exited with code {code}" if code else "the query process stopped"
        return StoreError(f"{how} before the result was complete", Location(self.path))


# --- the worker's side -----------------------------------------------------------------------------


def _main(path: str, text: str, max_rows: int | None, out: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle: it kills this process
    _die_with_parent()
    # every failure goes to the caller as a message; a crash in the query engine (a Rust panic
    # prints a backtrace) is the caller's to report, in a line of its own
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    try:
        _answer(path, text, max_rows, out)
    except (BrokenPipeError, EOFError):  # the caller has gone (stopped the query)
        pass
    except StoreError as exc:
        with contextlib.suppress(OSError):
            out.send_bytes(orjson.dumps({"error": "store", "message": exc.message}))
    except BaseException as exc:  # every failure is a message to the caller, never a traceback
        with contextlib.suppress(OSError):
            out.send_bytes(orjson.dumps({"error": "store", "message": f"the query failed: {first_line(exc)}"}))
    finally:
        with contextlib.suppress(OSError):
            out.close()


def _die_with_parent() -> None:
    """Linux: this process is killed when the one that started it ends (a caller killed with -9)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _answer(path: str, text: str, max_rows: int | None, out: Connection) -> None:
    store = _open(path)
    try:
        result: Any = store.query(text)
    except SyntaxError as exc:
        out.send_bytes(orjson.dumps({"error": "syntax", "message": first_line(exc)}))
        return
    if isinstance(result, ox.QueryBoolean):
        out.send_bytes(orjson.dumps({"kind": "ask", "boolean": bool(result)}))
        out.send_bytes(orjson.dumps({"end": True}))
        return
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        out.send_bytes(orjson.dumps({"kind": "select", "vars": variables}))
        cut = _send_batches(result, max_rows, out, lambda batch: {"rows": [_row(s, variables) for s in batch]})
    else:
        out.send_bytes(orjson.dumps({"kind": "graph"}))

        def turtle(batch: list[Any]) -> dict[str, Any]:
            data = ox.serialize(batch, format=ox.RdfFormat.TURTLE)
            return {"turtle": (data or b"").decode("utf-8")}

        cut = _send_batches(result, max_rows, out, turtle)
    out.send_bytes(orjson.dumps({"end": True, "cut": cut}))


def _send_batches(results: Iterator[Any], max_rows: int | None, out: Connection, encode: Any) -> bool:
    """Send the results in batches, stopping at ``max_rows``; whether they were cut there."""
    batch: list[Any] = []
    sent = 0
    last = time.monotonic()
    for item in results:
        batch.append(item)
        now = time.monotonic()
        if len(batch) >= BATCH_ROWS or now - last >= BATCH_SECONDS:
            out.send_bytes(orjson.dumps(encode(batch)))
            sent += len(batch)
            batch, last = [], now
        if max_rows is not None and sent + len(batch) >= max_rows:
            if batch:
                out.send_bytes(orjson.dumps(encode(batch)))
            return True
    if batch:
        out.send_bytes(orjson.dumps(encode(batch)))
    return False


def _open(path: str) -> Any:
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            # a loader's compaction removed a file between reading the list and opening it
            if attempt == OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _row(solution: Any, variables: list[str]) -> dict[str, Any]:
    row = {}
    for i, name in enumerate(variables):
        term = solution[i]
        if term is not None:
            row[name] = _term_json(term)
    return row


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_json(term: Any) -> dict[str, Any]:
    """A pyoxigraph term in the SPARQL 1.1 JSON results form (as pyoxigraph's own writer has it)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return {"type": "uri", "value": term.value}
    if kind is ox.Literal:
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    if kind is ox.BlankNode:
        return {"type": "bnode", "value": term.value}
    return {
        "type": "triple",
        "value": {
            "subject": _term_json(term.subject),
            "predicate": _term_json(term.predicate),
            "object": _term_json(term.object),
        },
    }


__all__ = ["QueryTimeout", "run_query"]
