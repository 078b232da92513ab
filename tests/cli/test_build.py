"""`ldpub build`: files, stdout, stdin, formats, exit codes, and no partial output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from ldpub import build
from ldpub.cli import main
from tests.support import EXAMPLE_RECORDS, ROOT, SEED


def test_writes_one_file_per_article_and_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", *map(str, EXAMPLE_RECORDS), "--out", str(tmp_path), "--format", "jsonld,ttl,nq"])
    assert code == 0
    for record in EXAMPLE_RECORDS:
        article = build(record)
        assert json.loads((tmp_path / f"{record.stem}.jsonld").read_text()) == article.jsonld
        written = rdflib.Graph().parse(tmp_path / f"{record.stem}.ttl", format="turtle")
        assert isomorphic(written, rdflib.Graph().parse(data=article.nquads(), format="nt"))
        assert (tmp_path / f"{record.stem}.nq").read_text() == article.nquads()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{r.stem}.{ext}" for r in EXAMPLE_RECORDS for ext in ("jsonld", "ttl", "nq")
    )


def test_prints_to_stdout_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEED)]) == 0
    assert json.loads(capsys.readouterr().out) == build(SEED).jsonld


def test_reads_stdin_with_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SEED.read_text(encoding="utf-8")))
    assert main(["build", "-", "--format", "ttl"]) == 0
    assert capsys.readouterr().out == build(SEED).turtle()


def test_invalid_record_exits_1_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SEED.read_text(encoding="utf-8").replace('published: "2022-09-20T10:00:00+03:00"', "published: soon")
    )
    out = tmp_path / "out"
    assert main(["build", str(bad), "--out", str(out), "--format", "jsonld,ttl"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"ldpub: error: {bad}:") and "/published" in err[0]
    assert not out.exists() or not any(out.iterdir())


def test_one_bad_record_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["build", str(bad), str(SEED), "--out", str(tmp_path)]) == 1
    assert (tmp_path / f"{SEED.stem}.jsonld").exists()
    assert not (tmp_path / "bad.jsonld").exists()


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 2
    assert main(["build", str(SEED), "--format", "xml"]) == 2  # an unknown format name is a usage error
    assert main(["build", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_no_temporary_files_left_behind(tmp_path: Path) -> None:
    assert main(["build", str(SEED), "--out", str(tmp_path), "-f", "jsonld,ttl"]) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_console_script_runs_as_a_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ldpub", "build", str(SEED), "--format", "ttl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "schema:Claim" in result.stdout


def test_committed_example_outputs_are_up_to_date() -> None:
    """examples/*.jsonld and *.ttl are what `ldpub build` makes of examples/*.yaml today."""
    for record in EXAMPLE_RECORDS:
        article = build(record)
        assert record.with_suffix(".jsonld").read_text(encoding="utf-8") == article.to_json()
        assert record.with_suffix(".ttl").read_text(encoding="utf-8") == article.turtle()


def test_output_cut_short_by_the_reader_is_no_error() -> None:
    # `ldpub build ... | head -1`: the pipe closes early; ldpub stops quietly with exit 0.
    examples = [str(p) for p in EXAMPLE_RECORDS] * 20  # far more than a pipe buffer holds
    proc = subprocess.Popen(
        [sys.executable, "-m", "ldpub", "build", *examples, "--format", "ttl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"@prefix")
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
