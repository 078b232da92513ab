"""Every file ldpub writes is whole or absent, with ordinary permissions."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ldpub.files
from ldpub.cli import main
from ldpub.errors import UsageError
from ldpub.files import AtomicFiles, AtomicStream, write_atomic, write_beside
from tests.support import SEED


def test_new_file_gets_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "sub" / "a.ttl", "x\n")
    finally:
        os.umask(old)
    path = tmp_path / "sub" / "a.ttl"
    assert path.read_text() == "x\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode_and_bytes_are_written_as_given(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonld"
    path.write_text("old")
    with pytest.raises(TypeError):
        write_atomic(path, 42)  # type: ignore[arg-type]
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonld"]


def test_read_at_most_stops_past_the_limit(tmp_path: Path) -> None:
    from ldpub.files import read_at_most

    small = tmp_path / "small"
    small.write_bytes(b"x" * 11_000)
    assert read_at_most(small, 10_000_000) == b"x" * 11_000
    big = tmp_path / "big"
    big.write_bytes(b"y" * 5_000)
    assert read_at_most(big, 4_096) == b"y" * 4_097  # one byte past: the caller knows it is too large
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert read_at_most(empty, 10) == b""
    assert read_at_most(big, 5_000) == b"y" * 5_000


def test_read_at_most_reads_what_has_no_size_and_names_a_folder(tmp_path: Path) -> None:
    import threading

    from ldpub.files import read_at_most

    fifo = tmp_path / "fifo"  # no size to go by: read until its end, or one byte past the limit
    os.mkfifo(fifo)

    def send(size: int) -> None:
        with contextlib.suppress(BrokenPipeError):  # the reader stopped at its limit
            fifo.write_bytes(b"z" * size)

    for limit, sent, expected in ((100_000, 70_000, 70_000), (1_000, 70_000, 1_001)):
        writer = threading.Thread(target=send, args=(sent,))
        writer.start()
        assert read_at_most(fifo, limit) == b"z" * expected
        writer.join()
    with pytest.raises(IsADirectoryError) as info:
        read_at_most(tmp_path, 10)
    assert info.value.filename == str(tmp_path)


# --- failures: the disk fills while writing, flushing, syncing, closing or renaming -------------

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
FULL = "cannot write: no space left on the disk; free some space"


class FailingFile(io.BufferedWriter):
    """A real temporary file that fails as a full disk does, at one step: ``write`` (after
    ``budget`` bytes), ``flush`` or ``close`` (which, like CPython's, still closes the descriptor)."""

    def __init__(self, raw: io.FileIO, step: str, budget: int = 0) -> None:
        super().__init__(raw)
        self.step, self.budget = step, budget

    def write(self, data: Any) -> int:
        if self.step == "write":
            if len(data) > self.budget:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            self.budget -= len(data)
        return super().write(data)

    def flush(self) -> None:
        if self.step in ("flush", "close") and not self.closed:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().flush()

    def close(self) -> None:
        if self.step == "close" and not self.closed:
            self.raw.close()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().close()


def fail_at(monkeypatch: pytest.MonkeyPatch, step: str, budget: int = 0) -> None:
    """Make every file ldpub writes fail at ``step``: one of write, flush, close, fsync, rename."""
    real_open = ldpub.files._open_beside

    def open_failing(path: Path, *run: str) -> tuple[Any, str]:
        out, tmp = real_open(path, *run)
        out.detach()  # keep the descriptor, in the failing writer
        return FailingFile(io.FileIO(os.open(tmp, os.O_WRONLY), "w"), step, budget), tmp

    if step in ("write", "flush", "close"):
        monkeypatch.setattr(ldpub.files, "_open_beside", open_failing)
    elif step == "fsync":
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(ENOSPC))
        monkeypatch.setattr(ldpub.files, "_sync_files", lambda: (_ for _ in ()).throw(ENOSPC))
    else:
        monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(ENOSPC))


STEPS = ["write", "flush", "close", "fsync", "rename"]


def assert_failed_cleanly(info: pytest.ExceptionInfo[UsageError], target: Path) -> None:
    assert str(info.value) == f"{target}: {FULL}"


@pytest.mark.parametrize("step", STEPS)
def test_write_atomic_leaves_the_old_file_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "a.jsonld"
    target.write_text("old")
    fail_at(monkeypatch, step)
    with pytest.raises(UsageError) as info:
        write_atomic(target, "new" * 10_000)
    assert_failed_cleanly(info, target)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonld"]


@pytest.mark.parametrize("step", STEPS)
def test_atomic_files_leave_no_file_and_name_none_that_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    named: list[Path] = []
    (tmp_path / "kept.ttl").write_text("old")
    fail_at(monkeypatch, step)
    with pytest.raises(UsageError) as info, AtomicFiles(on_commit=named.append) as files:
        files.write(tmp_path / "a.jsonld", "a" * 10_000)
        files.write(tmp_path / "kept.ttl", "b" * 10_000)
    assert str(info.value).endswith(": " + FULL)
    assert named == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.ttl"]
    assert (tmp_path / "kept.ttl").read_text() == "old"


@pytest.mark.parametrize("ahead", [0, 1, 2], ids=["at-the-end", "ahead-by-1", "ahead-by-2"])
def test_a_rename_failing_halfway_removes_the_rest_and_names_what_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: int
) -> None:
    named: list[Path] = []
    real_replace = os.replace
    calls = []

    def replace_twice(a: str, b: str) -> None:
        calls.append(b)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace_twice)
    with (
        pytest.raises(UsageError, match=r"c\.nq: cannot write"),
        AtomicFiles(on_commit=named.append, sync_ahead=ahead) as files,
    ):
        for name in ("a.nq", "b.nq", "c.nq", "d.nq"):
            files.write(tmp_path / name, name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nq", "b.nq"]
    assert named == [tmp_path / "a.nq", tmp_path / "b.nq"]  # what is in place, and only that


def test_files_committed_ahead_are_synced_before_their_rename_and_named_at_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str]] = []  # in the order they happen, in either thread
    real_sync, real_write, real_replace = ldpub.files._sync_files, ldpub.files._write_beside, os.replace

    def sync() -> None:
        events.append(("sync", threading.current_thread().name))
        real_sync()

    def write(path: Path, *args: Any, **kwargs: Any) -> str:
        tmp = real_write(path, *args, **kwargs)
        events.append(("wrote", Path(path).name))
        return tmp

    def replace(tmp: str, path: Path) -> None:
        real_replace(tmp, path)
        events.append(("renamed", Path(path).name))

    monkeypatch.setattr(ldpub.files, "_sync_files", sync)
    monkeypatch.setattr(ldpub.files, "_write_beside", write)
    monkeypatch.setattr(os, "replace", replace)
    named: list[Path] = []
    with AtomicFiles(sync_ahead=2, on_commit=named.append) as files:
        for i in range(7):
            files.write(tmp_path / f"{i}.txt", "x")
        assert named == []  # what is in place already is named with the rest, where it would be
    assert ("sync", "ldpub-commit-ahead") in events
    for i in range(7):  # each file renamed after a sync begun after it was written
        wrote, renamed = events.index(("wrote", f"{i}.txt")), events.index(("renamed", f"{i}.txt"))
        assert any(kind == "sync" for kind, _ in events[wrote:renamed])
    assert named == [tmp_path / f"{i}.txt" for i in range(7)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{i}.txt" for i in range(7)]


@pytest.mark.parametrize("ahead", [0, 1], ids=["at-the-end", "ahead"])
def test_targets_are_named_as_given_and_their_folders_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: int
) -> None:
    """A target given as text is named as that text, a Path as that Path; the folder of a bare
    name is the working folder, synced as the others."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    synced: list[str] = []
    monkeypatch.setattr(ldpub.files, "_fsync_folder", lambda folder: synced.append(os.fspath(folder)))
    named: list[str | Path] = []
    with AtomicFiles(on_commit=named.append, sync_ahead=ahead) as files:
        files.adopt(write_beside("a.txt", "a"), "a.txt")
        files.adopt(write_beside("sub/b.txt", "b"), "sub/b.txt")
        files.write(Path("sub/c.txt"), "c")
    assert named == ["a.txt", "sub/b.txt", Path("sub/c.txt")]
    assert sorted(set(synced)) == [".", "sub"]
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "a.txt",
        "sub",
        "sub/b.txt",
        "sub/c.txt",
    ]


def test_a_sync_failing_ahead_is_raised_by_the_next_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ldpub.files, "_sync_files", lambda: (_ for _ in ()).throw(ENOSPC))
    named: list[Path] = []
    with pytest.raises(UsageError) as info, AtomicFiles(sync_ahead=1, on_commit=named.append) as files:
        for name in ("a.nq", "b.nq", "c.nq"):
            files.write(tmp_path / name, name)
    assert str(info.value) == f"{tmp_path / 'a.nq'}: {FULL}"
    assert named == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("step", STEPS)
def test_a_streamed_file_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    target = tmp_path / "archive.nq"
    fail_at(monkeypatch, step, budget=50_000)
    with pytest.raises(UsageError) as info, AtomicStream(target) as out:
        for _ in range(100):
            out.write("<s> <p> <o> <g> .\n" * 100)  # 180 kB in all: past the budget when writes fail
    assert_failed_cleanly(info, target)
    assert list(tmp_path.iterdir()) == []


def _records(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"r{i}.yaml"
        path.write_text(text.replace("al-tanf-meetings", f"al-tanf-meetings-{i}"))
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("step", STEPS)
def test_build_to_an_archive_file_on_a_full_disk_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], step: str
) -> None:
    records = _records(tmp_path / "records", 3)
    out = tmp_path / "out" / "archive.nq"
    fail_at(monkeypatch, step, budget=20_000)
    assert main(["build", *records, "-o", str(out), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert err == f"ldpub: error: {out}: {FULL}\n"
    assert list((tmp_path / "out").iterdir()) == []


def test_build_names_only_the_files_it_has_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path / "records", 4)
    out = tmp_path / "out"
    monkeypatch.setattr(AtomicFiles.__init__, "__defaults__", (2,))  # commit every 2 files
    real_replace = os.replace
    calls = []

    def replace_five(a: str, b: str) -> None:
        calls.append(b)
        if len(calls) > 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace_five)
    assert main(["build", *records, "-o", str(out), "-f", "jsonld,ttl", "-j", "1"]) == 2
    named = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("ldpub:")]
    assert named and all(Path(line).exists() for line in named)
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(line).name for line in named)


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 256 kB tmpfs, where mounting one is allowed (root in a container); else skipped."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_build_on_a_real_full_disk_leaves_no_temporary_file(small_tmpfs: Path, tmp_path: Path) -> None:
    records = _records(tmp_path / "records", 40)  # about 1 MB of N-Quads, for a 256 kB disk
    out = small_tmpfs / "archive.nq"
    done = subprocess.run(
        [sys.executable, "-m", "ldpub", "build", *records, "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"ldpub: error: {out}: {FULL}"
    assert list(small_tmpfs.iterdir()) == []
    dirs = small_tmpfs / "site"
    done = subprocess.run(
        [sys.executable, "-m", "ldpub", "build", *records, "-o", str(dirs), "-f", "jsonld,ttl,nq"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and FULL in done.stderr
    assert "Traceback" not in done.stderr and "Errno" not in done.stderr
    named = [line for line in done.stderr.splitlines() if not line.startswith("ldpub:")]
    assert sorted(p.name for p in dirs.iterdir()) == sorted(Path(line).name for line in named)
    assert not [p for p in dirs.iterdir() if p.name.startswith(".")]


def test_a_folder_another_worker_makes_at_the_same_moment_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two workers of `build --out DIR -j 2` both found DIR missing; the one that lost the race
    # saw it made by the other and gave up ("cannot write: no such file or directory")
    import ldpub.files

    folder = tmp_path / "out"
    real_open = os.open
    calls = []

    def racing_open(path: str, flags: int, mode: int = 0o777) -> int:
        calls.append(path)
        if len(calls) == 1:
            folder.mkdir()  # the other worker, between this worker's attempt and its look
            raise FileNotFoundError(path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", racing_open)
    out, tmp = ldpub.files._open_beside(folder / "a.jsonld")
    out.close()
    assert Path(tmp).parent == folder and len(calls) == 2
