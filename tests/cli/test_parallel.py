"""Many inputs on every core: --jobs gives the same output as one process, errors per file, one archive file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ldpub.archive import EmbeddedStore, load
from ldpub.cli import main
from ldpub.cli._parallel import MIN_PARALLEL
from ldpub.files import AtomicFiles, write_beside
from tests.support import ROOT, SEED, example_copies

COUNT = MIN_PARALLEL + 8  # enough for a pool


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Copies of the examples, each at its own URL, and one broken record in the middle."""
    return example_copies(tmp_path_factory.mktemp("records"), COUNT, COUNT // 2)


def _ldpub(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ldpub", *args], capture_output=True, text=True, cwd=ROOT)


def _as_json(records: list[Path], folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for path in records:
        copy = folder / f"{path.stem}.json"
        copy.write_text(json.dumps(yaml.safe_load(path.read_text()), ensure_ascii=False), encoding="utf-8")
        paths.append(copy)
    return paths


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_build_on_two_processes_writes_what_one_writes(records: list[Path], tmp_path: Path, suffix: str) -> None:
    """Byte-identical output folders from -j 1 and -j 2, from YAML records and from JSON records."""
    if suffix == "json":
        records = _as_json(records, tmp_path / "json")
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        done = _ldpub("build", *map(str, records), "--out", str(out), "-f", "jsonld,nq", "-j", jobs)
        assert done.returncode == 1  # the broken record
        outs[jobs] = (done.stderr.replace(str(out), "OUT"), {p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs["1"] == outs["2"]
    stderr, files = outs["2"]
    broken = records[COUNT // 2]
    assert f"ldpub: error: {broken}:" in stderr and "/published" in stderr
    assert len(files) == 2 * (COUNT - 1) and f"{broken.stem}.jsonld" not in files
    assert not [p for p in (tmp_path / "out-2").iterdir() if p.name.startswith(".")]  # no temporaries left
    # the order of the paths printed is the order of the inputs
    printed = [Path(line).stem for line in stderr.splitlines() if not line.startswith("ldpub:")]
    assert printed == sorted(printed)


def test_build_committing_ahead_writes_and_names_what_a_commit_at_the_end_does(
    records: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files committed in the background every few (sync, rename) as the run goes: the same
    files, and the same lines on stderr in the same order, as one commit at the end."""
    import ldpub.cli.build

    runs = {}
    for ahead, jobs in ((0, "1"), (3, "1"), (3, "2")):
        monkeypatch.setattr(ldpub.cli.build, "SYNC_AHEAD", ahead)
        out = tmp_path / f"out-{ahead}-{jobs}"
        assert main(["build", *map(str, records), "--out", str(out), "-f", "jsonld,ttl", "-j", jobs]) == 1
        stderr = capsys.readouterr().err.replace(str(out), "OUT")
        runs[ahead, jobs] = (stderr, {p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0, "1"] == runs[3, "1"] == runs[3, "2"]
    stderr, files = runs[3, "2"]
    assert len(files) == 2 * (COUNT - 1) and stderr.count("OUT/") == len(files)


def test_validate_on_two_processes_reports_what_one_reports(records: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "built"
    _ldpub("build", *map(str, records), "--out", str(out))
    (out / "broken.jsonld").write_text('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": 5')
    reports = []
    for jobs in ("1", "2"):
        done = _ldpub("validate", str(out), "--format", "json", "-j", jobs)
        assert done.returncode == 1
        reports.append(json.loads(done.stdout))
    assert reports[0] == reports[1]
    assert len(reports[0]["files"]) == COUNT
    assert {f["file"] for f in reports[0]["findings"] if f["severity"] == "error"} == {str(out / "broken.jsonld")}


def test_one_archive_file_loads_back_as_the_articles(records: list[Path], tmp_path: Path) -> None:
    good = [r for i, r in enumerate(records) if i != COUNT // 2]
    archive = tmp_path / "archive.nq"
    done = _ldpub("build", *map(str, good), "--out", str(archive), "-j", "2")
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"{archive}: {len(good)} articles\n"
    one_by_one = tmp_path / "one"
    with EmbeddedStore(tmp_path / "a") as from_archive, EmbeddedStore(one_by_one) as from_records:
        assert load(from_archive, [archive]).articles == len(good)
        assert load(from_records, good).articles == len(good)
        quads = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
        assert from_archive.query(quads).values() == from_records.query(quads).values()


def test_archive_file_needs_n_quads_and_a_failed_run_leaves_none(records: list[Path], tmp_path: Path) -> None:
    archive = tmp_path / "archive.nq"
    done = _ldpub("build", str(SEED), "--out", str(archive), "-f", "jsonld")
    assert done.returncode == 2
    assert "one archive file holds N-Quads only" in done.stderr
    assert not archive.exists()
    archive.write_text("old\n")
    done = _ldpub("build", *map(str, records), "--out", str(archive))
    assert done.returncode == 1
    # a broken record is reported and skipped; the archive holds the others, whole
    assert archive.read_text() != "old\n" and not list(tmp_path.glob(".archive.nq*"))


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEED), "-j", "0"]) == 2
    assert "expected at least 1 process" in capsys.readouterr().err


def test_atomic_files_appear_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    with AtomicFiles() as files:
        files.write(target, "new")
        files.write(tmp_path / "sub" / "b.txt", "b")
        assert target.read_text() == "old" and not (tmp_path / "sub" / "b.txt").exists()
    assert target.read_text() == "new" and (tmp_path / "sub" / "b.txt").read_text() == "b"
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(RuntimeError), AtomicFiles() as files:
        files.write(target, "newer")
        raise RuntimeError("crash before commit")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "b.txt", "sub"]


def test_adopted_files_have_the_mode_their_target_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's file (write_beside) has an existing target's permissions, or a new file's: the
    process that renames it into place (adopt) changes none, one system call a file fewer."""
    kept, new = tmp_path / "kept.jsonld", tmp_path / "new.jsonld"
    kept.write_text("old")
    os.chmod(kept, 0o640)
    umask = os.umask(0o022)
    try:
        written = [(write_beside(target, "new", "run1"), target) for target in (kept, new)]
    finally:
        os.umask(umask)
    monkeypatch.setattr(os, "chmod", lambda *args: pytest.fail("the committing process changed a mode"))
    with AtomicFiles() as files:
        for tmp, target in written:
            files.adopt(tmp, target)
    assert kept.read_text() == new.read_text() == "new"
    assert kept.stat().st_mode & 0o777 == 0o640 and new.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.jsonld", "new.jsonld"]
