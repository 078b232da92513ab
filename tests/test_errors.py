"""Errors mean exit codes and HTTP statuses, from one table, and say what was wrong without Python's words."""

from __future__ import annotations

import errno
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ldpub import errors
from ldpub.cli import main
from ldpub.errors import (
    EXIT_CODES,
    InputError,
    LdpubError,
    NoInputError,
    NotFoundError,
    StoreError,
    TooLargeError,
    UsageError,
    exit_code,
    exit_codes_table,
    http_status,
    os_problem,
)
from tests.support import ROOT, SEED


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (InputError("x"), 1, 422),
        (NotFoundError("x"), 1, 404),
        (TooLargeError("x"), 1, 413),
        (UsageError("x"), 2, 400),
        (NoInputError("x"), 2, 400),
        (LdpubError("x"), 2, 400),
        (StoreError("x"), 3, 503),
        (ValueError("a bug"), 4, 500),
        (OSError(errno.ENOENT, "gone"), 4, 500),  # the skins turn it into a UsageError first
    ],
)
def test_one_table_gives_the_exit_code_and_the_http_status(error: BaseException, code: int, status: int) -> None:
    assert (exit_code(error), http_status(error)) == (code, status)


def test_the_table_has_each_code_once_in_order() -> None:
    assert [row.code for row in EXIT_CODES] == [0, 1, 2, 3, 4]


def test_readme_and_docs_show_the_table_as_the_library_has_it() -> None:
    table = exit_codes_table()
    assert table in (ROOT / "README.md").read_text()
    assert table in (ROOT / "docs" / "architecture.md").read_text()


def test_help_shows_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["validate"], ["build"], ["diff"]):
        assert main([*command, "--help"]) == 0
        shown = " ".join(capsys.readouterr().out.split())
        assert errors.exit_codes_text() in shown


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOENT, "no such file or directory"),
        (errno.EEXIST, "a file of that name is in the way of a folder"),
        (errno.EACCES, "permission denied"),
        (errno.EISDIR, "is a folder, not a file"),
        (errno.EXDEV, "invalid cross-device link"),  # one with no words of ours: the system's, lower case
    ],
)
def test_an_os_error_says_what_and_what_to_do_never_errno(code: int, words: str) -> None:
    problem = os_problem(OSError(code, "system words", "out/a.jsonld"), doing="write")
    text = str(problem)
    assert text.startswith("out/a.jsonld: cannot write: ")
    assert "Errno" not in text and "; " in text
    assert words in text or code == errno.EXDEV


def test_a_rename_names_the_target_not_the_temporary_file() -> None:
    exc = IsADirectoryError(errno.EISDIR, "Is a directory", ".out.abc.tmp", None, "out")
    assert str(os_problem(exc)) == "out: is a folder, not a file; name a file"


def test_an_internal_error_exits_4_asking_for_a_report_and_shows_the_traceback_only_with_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ldpub.cli.build as command

    def broken(args: object) -> int:
        raise ZeroDivisionError("a bug in ldpub")

    monkeypatch.setattr(command, "run", broken)
    assert main(["build", str(SEED)]) == 4
    err = capsys.readouterr().err
    assert "ldpub: internal error" in err and "please report it" in err and "--debug" in err
    assert "Traceback" not in err and "ZeroDivisionError" not in err
    assert main(["--debug", "build", str(SEED)]) == 4
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: a bug in ldpub" in err


INTERNALS = re.compile(r"Errno|NoneType|Traceback|\bexpected \[|object has no attribute|\.tmp\b|<class ")


def test_no_message_shows_python_internals(tmp_path: Path) -> None:
    """Bad files and bad places, to every command: each message says what was wrong in words."""
    (tmp_path / "afile").write_text("x")
    (tmp_path / "dir").mkdir()
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "list.yaml").write_text("- 1\n")
    (tmp_path / "null.jsonld").write_text("null")
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\xff garbage")
    runs = [
        ["build", str(SEED), "--out", "afile"],
        ["build", str(SEED), "--out", "afile/x"],
        ["build", "empty.yaml"],
        ["build", "list.yaml"],
        ["validate", "null.jsonld", "-o", "dir"],
        ["validate", "missing.jsonld"],
        ["extract", "bin.html", "--settings", "dir"],
        ["extract", "bin.html", "--entities", "dir"],
        ["graph", "null.jsonld", "-o", "dir"],
        ["embed", "dir", "--graph", "null.jsonld"],
        ["sparql", "SELECT * WHERE {", "--store", "store"],
        ["sparql", "--file", "dir", "--store", "store"],
        ["entities", "list", "--entities", "dir"],
    ]
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-m", "ldpub", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        assert done.returncode in (1, 2), (args, done.stderr)
        assert "ldpub: error: " in done.stderr, (args, done.stderr)
        assert not INTERNALS.search(done.stderr), (args, done.stderr)
