"""Every file ldpub writes is whole or absent, with ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ldpub.files import write_atomic


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
