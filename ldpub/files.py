"""Writing files whole or not at all: every file ldpub writes goes through :func:`write_atomic`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    A temporary file in the same directory, flushed to disk, then renamed over ``path``; a crash
    leaves no half-written file. Text is written as UTF-8 with the line ends it has. An existing
    file keeps its permissions; a new one gets the usual ``0o666`` less the umask (``mkstemp``
    alone would make it private).
    """
    path = Path(path)
    mode = _mode_for(path, _new_file_mode())
    tmp = _write_beside(path, data, sync=True)
    try:
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_beside(path: Path, data: str | bytes, *, sync: bool) -> str:
    """``data`` in a new temporary file beside ``path`` (its folder made if missing); its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            if sync:
                out.flush()
                os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _mode_for(path: Path, new_mode: int) -> int:
    """An existing file keeps its permissions; a new one gets ``new_mode``."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return new_mode


class AtomicFiles:
    """Many files written whole or not at all, with one disk sync for the lot instead of one each.

    Each file goes to a temporary name beside its target; :meth:`commit` syncs them to disk
    together (one ``sync``), renames each into place and syncs each folder
    once. A crash before the renames leaves every target as it was (and the temporaries, named
    ``.NAME.*.tmp``); a reader never sees half a file. Used as a context manager, it commits on
    success and removes the temporaries on error. ``every`` commits after that many files, so a
    long run shows its outputs as it goes.
    """

    def __init__(self, every: int = 2000) -> None:
        self.every = every
        self._pending: list[tuple[str, Path, int]] = []
        self._mode = _new_file_mode()

    def write(self, path: str | Path, data: str | bytes) -> None:
        path = Path(path)
        tmp = _write_beside(path, data, sync=False)  # synced with the others on commit
        self.adopt(tmp, path)
        if len(self._pending) >= self.every:
            self.commit()

    def adopt(self, tmp: str | Path, path: str | Path) -> None:
        """Take a file already written at ``tmp`` (beside ``path``) to be renamed to ``path`` on commit."""
        path = Path(path)
        self._pending.append((str(tmp), path, _mode_for(path, self._mode)))

    def commit(self) -> None:
        """Sync the pending files, rename them into place, sync their folders."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        _sync_files()
        folders = set()
        for tmp, path, mode in pending:
            os.chmod(tmp, mode)
            os.replace(tmp, path)
            folders.add(path.parent)
        for folder in folders:
            _fsync_folder(folder)

    def discard(self) -> None:
        for tmp, _, _ in self._pending:
            Path(tmp).unlink(missing_ok=True)
        self._pending = []

    def __enter__(self) -> AtomicFiles:
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


def _fsync_folder(folder: Path) -> None:
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

    Reads unbuffered, by the file's size: ``read(limit + 1)`` on a buffered file allocates the
    whole limit (10 MB) for every file, which made reading thousands of small files 5× slower.
    """
    with open(path, "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            return handle.read(limit + 1) or b""
        chunks = []
        total = 0
        while total <= limit:  # a file that grows while read (or has no size) still stops at the limit
            chunk = handle.read(min(max(size - total, 65536), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
