"""Writing files whole or not at all: every file ldpub writes goes through this module.

Whatever fails — the disk fills, a write, flush, sync, close or rename raises — the target is
left as it was and no temporary file is left behind, and the error is a
:class:`~ldpub.errors.UsageError` naming the target: ``out/a.jsonld: cannot write: no space
left on the disk; free some space``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ldpub.errors import UsageError, os_problem


def write_error(path: str | Path, exc: OSError) -> UsageError:
    """The error for ``exc`` raised while writing ``path`` (not ldpub's temporary file beside it)."""
    return os_problem(exc, path, "write")


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    A temporary file in the same directory, flushed to disk, then renamed over ``path``; a crash
    leaves no half-written file, a failure no file at all. Text is written as UTF-8 with the line
    ends it has. An existing file keeps its permissions; a new one gets the usual ``0o666`` less
    the umask (``mkstemp`` alone would make it private). Raises :class:`~ldpub.errors.UsageError`.
    """
    path = Path(path)
    try:
        mode = _mode_for(path, _new_file_mode())
        tmp = _write_beside(path, data, sync=True)
        try:
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise write_error(path, exc) from None


def write_beside(path: str | Path, data: str | bytes, run: str = "") -> str:
    """``data`` in a new temporary file beside ``path``, not yet synced nor in place: for an
    :class:`AtomicFiles` to :meth:`~AtomicFiles.adopt` (a worker process writes, the one that
    commits adopts). The file has the mode ``path`` will keep: an existing file's permissions,
    or a new file's. ``run`` goes into its name (``.NAME.<run>-<pid>-<n>.tmp``), so that
    :func:`remove_temporaries` finds what a run left if it stopped before adopting. Raises
    OSError, leaving no file."""
    tmp = _write_beside(path, data, sync=False, run=run)
    try:
        mode = _mode_for(path, -1)
        if mode >= 0:  # an existing file's permissions, set here, in the worker
            os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def remove_temporaries(folder: str | Path, run: str) -> None:
    """Remove the temporary files of run ``run`` below ``folder`` (what its workers wrote and
    nobody adopted, when the run failed)."""
    if not run:
        return
    for tmp in Path(folder).rglob(f".*.{run}-*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _open_beside(path: str | Path, run: str = "") -> tuple[IO[bytes], str]:
    """A new temporary file beside ``path`` (its folder made if missing), open for writing, and its name.

    It is made with the mode a new file gets (``0o666`` less the umask), so that a new target
    needs no ``chmod``, and named ``.NAME.<pid>-<n>.tmp`` (a name taken, by a run that crashed,
    say, is skipped): two system calls a file where ``mkstemp`` and a ``mkdir`` each time took
    four. Every temporary file is opened here (tests put a failing file object in its place)."""
    folder, name = os.path.split(os.fspath(path))
    made = False
    while True:
        tmp = os.path.join(folder, f".{name}.{run}{'-' if run else ''}{_PID}-{next(_serial)}.tmp")
        try:
            fd = os.open(tmp, _CREATE, 0o666)
            break
        except FileExistsError:
            continue
        except FileNotFoundError:
            # the folder is missing: made (by this process or, at the same moment, by another
            # worker of the run), then the file tried once more
            if not folder or made:
                raise
            os.makedirs(folder, exist_ok=True)
            made = True
    try:
        return os.fdopen(fd, "wb"), tmp
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
_PID = os.getpid()
_serial = itertools.count()


def _after_fork() -> None:
    global _PID, _serial
    _PID, _serial = os.getpid(), itertools.count()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _close_quietly(out: IO[bytes]) -> None:
    """Close a file that failed, without a second error: a buffered file whose flush fails on
    closing still closes its descriptor (CPython's ``BufferedWriter.close``), then raises."""
    with contextlib.suppress(OSError):
        out.close()


def _write_beside(path: str | Path, data: str | bytes, *, sync: bool, run: str = "") -> str:
    """``data`` in a new temporary file beside ``path``; its name. On any failure, no file is left."""
    out, tmp = _open_beside(path, run) if run else _open_beside(path)
    try:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)
        out.flush()
        if sync:
            os.fsync(out.fileno())
        out.close()
    except BaseException:
        _close_quietly(out)
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _mode_for(path: str | Path, new_mode: int) -> int:
    """An existing file keeps its permissions; a new one gets ``new_mode``."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return new_mode


class AtomicFiles:
    """Many files written whole or not at all, with one disk sync for the lot instead of one each.

    Each file goes to a temporary name beside its target; :meth:`commit` syncs them to disk
    together (one ``sync``), renames each into place and syncs each folder once; ``on_commit``
    is called with each target once it is in place (so that progress output never names a file
    that is not there). A crash before the renames leaves every target as it was (and the
    temporaries, named ``.NAME.*.tmp``); a reader never sees half a file; any failure removes
    the temporaries not yet renamed and raises :class:`~ldpub.errors.UsageError` naming the file. Used as a
    context manager, it commits on success and removes the temporaries on error. ``every``
    commits after that many files, so a long run shows its outputs as it goes.

    ``sync_ahead``: after that many files, the files so far are committed in the background
    (one thread at a time: a ``sync``, then their renames and their folders' syncs, in order)
    while the caller goes on, so that the commit at the end has only the last few to sync and
    rename. What is renamed is named by ``on_commit`` on the caller's side, at the next commit
    (or when the run fails), so that the names come where they would without it; a background
    failure is raised by the next call.
    """

    def __init__(
        self, every: int = 2000, *, on_commit: Callable[[str | Path], None] | None = None, sync_ahead: int = 0
    ) -> None:
        # each target is kept (and given to ``on_commit``) as it was given, a Path or a path's
        # text: a Path made of each and its parent cost the main process of a build ~10 µs a file
        self.every = every
        self.on_commit = on_commit
        self.sync_ahead = sync_ahead
        self._pending: list[tuple[str, str | Path, int]] = []
        self._renamed = 0  # the first pending files that are in place already (renamed ahead)
        self._ahead: threading.Thread | None = None
        self._ahead_error: UsageError | None = None

    def write(self, path: str | Path, data: str | bytes) -> None:
        try:
            tmp = _write_beside(path, data, sync=False)  # synced with the others on commit
            mode = _mode_for(path, -1)  # -1: a new file, made with the mode a new file gets
        except OSError as exc:
            raise write_error(path, exc) from None
        self._add(tmp, Path(path), mode)

    def adopt(self, tmp: str | Path, path: str | Path) -> None:
        """Take a file already written at ``tmp`` (beside ``path``, with the mode ``path`` is to
        have, as :func:`write_beside` makes it) to be renamed to ``path`` on commit."""
        self._add(os.fspath(tmp), path, -1)

    def _add(self, tmp: str, path: str | Path, mode: int) -> None:
        self._pending.append((tmp, path, mode))
        if len(self._pending) >= self.every:
            self.commit()
        elif self.sync_ahead and len(self._pending) - self._renamed >= self.sync_ahead:
            if self._ahead is not None and self._ahead.is_alive():
                return  # the next batch starts when this one is done
            self._join_ahead()
            start, end = self._renamed, len(self._pending)
            self._ahead = threading.Thread(target=self._commit_ahead, args=(start, end), name="ldpub-commit-ahead")
            self._ahead.start()

    def _commit_ahead(self, start: int, end: int) -> None:
        """In the background: sync, then rename pending files ``start:end`` (the list only grows
        meanwhile), and sync their folders; ``_renamed`` counts each in place."""
        folders = set()
        try:
            _sync_for(self._pending[start][1])
            for i in range(start, end):
                tmp, path, mode = self._pending[i]
                _put_in_place(tmp, path, mode)
                self._renamed = i + 1
                folders.add(os.path.dirname(path) or ".")
        except UsageError as exc:
            self._ahead_error = exc
        finally:
            for folder in folders:
                _fsync_folder(folder)

    def _join_ahead(self) -> None:
        """Wait for the background commit; its failure raised here (what it renamed named first)."""
        if self._ahead is None:
            return
        self._ahead.join()
        self._ahead = None
        if self._ahead_error is not None:
            error, self._ahead_error = self._ahead_error, None
            self._name_renamed()
            raise error

    def _name_renamed(self) -> None:
        """Name the files renamed ahead and drop them from the pending list."""
        done, self._pending = self._pending[: self._renamed], self._pending[self._renamed :]
        self._renamed = 0
        if self.on_commit is not None:
            for _, path, _ in done:
                self.on_commit(path)

    def commit(self) -> None:
        """Sync the pending files, rename them into place, sync their folders."""
        self._join_ahead()
        self._name_renamed()
        if not self._pending:
            return
        pending = self._pending
        done: list[str | Path] = []
        try:
            _sync_for(pending[0][1])
            for tmp, path, mode in pending:
                _put_in_place(tmp, path, mode)
                done.append(path)
        finally:  # what was renamed is named; what was not is removed (by discard, from the pending list)
            self._pending = pending[len(done) :]
            for folder in {os.path.dirname(path) or "." for path in done}:
                _fsync_folder(folder)
            if self.on_commit is not None:
                for path in done:
                    self.on_commit(path)

    def discard(self) -> None:
        """Remove the temporaries not yet renamed (what was renamed ahead is named)."""
        with contextlib.suppress(UsageError):  # the error being handled is the one to report
            self._join_ahead()
        self._name_renamed()
        for tmp, _, _ in self._pending:
            Path(tmp).unlink(missing_ok=True)
        self._pending = []

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()


class AtomicStream:
    """One file written piece by piece (a whole archive's N-Quads, say), renamed into place whole.

    Pieces go to a temporary file beside ``path``; :meth:`commit` flushes, syncs and closes it,
    then renames it over ``path``; :meth:`discard` (or leaving the ``with`` block by an
    exception) removes it. A failure anywhere — a write, the flush or sync on commit, closing —
    leaves ``path`` as it was and no temporary file, and raises :class:`~ldpub.errors.UsageError` naming
    ``path``. Memory stays flat: pieces are written as they come.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._mode = _mode_for(self.path, _new_file_mode())
        try:
            self._out, self._tmp = _open_beside(self.path)
        except OSError as exc:
            raise write_error(self.path, exc) from None
        self._open = True

    def write(self, text: str | bytes) -> None:
        try:
            self._out.write(text.encode("utf-8") if isinstance(text, str) else text)
        except OSError as exc:
            self.discard()
            raise write_error(self.path, exc) from None

    def commit(self) -> None:
        try:
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()
            self._open = False
            os.chmod(self._tmp, self._mode)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise write_error(self.path, exc) from None
        _fsync_folder(self.path.parent)

    def discard(self) -> None:
        if self._open:
            _close_quietly(self._out)
            self._open = False
        Path(self._tmp).unlink(missing_ok=True)

    def __enter__(self) -> AtomicStream:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_files() -> None:
    """Flush every written file to disk in one call (``sync``): Python has no per-file-system
    ``syncfs``, and one system-wide sync costs far less than one ``fsync`` per file."""
    os.sync()


def _sync_for(path: str | Path) -> None:
    """:func:`_sync_files` before ``path`` and the files written with it are renamed into place;
    a failure is a write error naming ``path``."""
    try:
        _sync_files()
    except OSError as exc:
        raise write_error(path, exc) from None


def _put_in_place(tmp: str, path: str | Path, mode: int) -> None:
    """Give the temporary file ``tmp`` its mode (``-1``: as written) and rename it to ``path``."""
    try:
        if mode >= 0:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise write_error(path, exc) from None


def _fsync_folder(folder: str | Path) -> None:
    """Make the renames in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_at_most(path: str | Path, limit: int) -> bytes:
    """A file's bytes, at most ``limit + 1`` of them (so a caller can tell it is too large).

    Reads by the file's size, with the operating system's calls alone (open, fstat, one read,
    close, for a file within the limit): ``read(limit + 1)`` on a buffered file allocates the
    whole limit (10 MB) for every file, which made reading thousands of small files 5× slower,
    and Python's file object adds a seek, a terminal check and a last empty read to each file.
    """
    fd = os.open(path, _READ)
    try:
        return _read_fd(fd, limit)
    except OSError as exc:  # a folder opens, then fails to read: named as open() names it
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None
    finally:
        os.close(fd)


def _read_fd(fd: int, limit: int) -> bytes:
    size = os.fstat(fd).st_size
    want = min(size, limit) + 1
    first = os.read(fd, want)
    if size and len(first) < want:  # a file of known size, read to its end
        return first
    chunks = [first]
    total = len(first)
    while total <= limit:  # no size (a pipe, /proc), or a file that grows while read: up to the limit
        chunk = os.read(fd, min(65536, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
