"""``ldpub load / unload / sparql`` on the embedded store, and the batch-fault policy."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from ldpub.archive import EmbeddedStore
from ldpub.cli import main
from tests.archive.expected import AMMAN, FACT, SEED
from tests.support import EXAMPLE_RECORDS, EXAMPLES

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_load_then_query_in_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["load", *map(str, EXAMPLE_RECORDS), "--store", store]) == 0
    assert "loaded 3 articles (" in capsys.readouterr().err
    query = "SELECT ?page WHERE { GRAPH ?page { ?a <http://schema.org/mainEntityOfPage> ?page } } ORDER BY ?page"

    assert main(["sparql", query, "--store", store, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"] == ["page"]
    assert [b["page"] for b in doc["results"]["bindings"]] == [{"type": "uri", "value": u} for u in (FACT, SEED, AMMAN)]

    assert main(["sparql", query, "--store", store, "--format", "csv"]) == 0
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [["page"], [FACT], [SEED], [AMMAN]]

    assert main(["sparql", query, "--store", store, "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["?page", f"<{FACT}>", f"<{SEED}>", f"<{AMMAN}>"]

    assert main(["sparql", query, "--store", store]) == 0
    table = capsys.readouterr().out
    assert f"<{SEED}>" in table and table.rstrip().endswith("(3 rows)")

    assert main(["sparql", f"ASK {{ GRAPH <{SEED}> {{ ?s ?p ?o }} }}", "--store", store, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True

    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SEED}> {{ ?s ?p ?o }} }}"
    assert main(["sparql", construct, "--store", store]) == 0
    turtle = capsys.readouterr().out
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) > 100


def test_query_from_file_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    main(["load", str(EXAMPLES / "fact-check-rukban-aid.yaml"), "--store", store, "-q"])
    assert capsys.readouterr().err == ""  # --quiet: no summary
    q = EXAMPLES / "queries" / "unverified-or-disputed-claims.rq"
    assert main(["sparql", "--file", str(q), "--store", store, "--format", "csv"]) == 0
    assert "disputed,False" in capsys.readouterr().out
    assert main(["sparql", "SELECT ?x WHERE {", "--store", store]) == 1
    assert "SPARQL syntax error" in capsys.readouterr().err
    assert main(["sparql", "--store", store]) == 2  # no query at all


def test_unload_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    main(["load", *map(str, EXAMPLE_RECORDS), "--store", store, "-q"])
    assert main(["unload", FACT, "--store", store]) == 0
    assert main(["unload", FACT, "--store", store]) == 1
    assert "no such article" in capsys.readouterr().err
    with EmbeddedStore(store) as s:
        assert s.articles() == sorted([SEED, AMMAN])


@pytest.mark.parametrize("command", [["sparql", "ASK {}"], ["unload", "https://news.example.org/a.html"]])
@pytest.mark.parametrize("where", ["default", "--store", "LDPUB_STORE", "empty directory"])
def test_no_archive_is_exit_2_and_nothing_is_created(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    where: str,
) -> None:
    """A query or an unload on a store nobody loaded says so; it used to create an empty store and
    answer with 0 rows."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LDPUB_STORE", raising=False)
    args, path = list(command), "ldpub-store"
    if where == "--store":
        args += ["--store", "archives/news"]
        path = "archives/news"
    elif where == "LDPUB_STORE":
        monkeypatch.setenv("LDPUB_STORE", "elsewhere")
        path = "elsewhere"
    elif where == "empty directory":
        (tmp_path / "ldpub-store").mkdir()
    assert main(args) == 2
    assert capsys.readouterr().err == f"ldpub: error: no archive at {path} (run `ldpub load` first)\n"
    expected = ["ldpub-store"] if where == "empty directory" else []
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    if expected:
        assert not any((tmp_path / "ldpub-store").iterdir())
    # `ldpub load` makes it; then the same command works
    assert main(["load", str(EXAMPLE_RECORDS[0]), *args[len(command) :], "-q"]) == 0
    assert main(args) in (0, 1)  # ASK answers; unloading an article that is not there is exit 1
    assert "no archive" not in capsys.readouterr().err


@pytest.fixture
def batch_with_bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in EXAMPLE_RECORDS:
        shutil.copy(p, folder / p.name)
    (folder / "d-broken.ttl").write_text("<http://x> <http://y> .\n", encoding="utf-8")
    (folder / "c-invalid.yaml").write_text("url: not-a-url\nheadline: x\n", encoding="utf-8")
    return folder


def test_bad_files_are_reported_and_skipped(
    tmp_path: Path, batch_with_bad_files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert main(["load", str(batch_with_bad_files), "--store", store]) == 1
    err = capsys.readouterr().err
    assert "d-broken.ttl:1" in err and "c-invalid.yaml" in err and "(skipped)" in err
    assert "loaded 3 articles" in err and "2 files skipped" in err
    with EmbeddedStore(store) as s:
        assert s.articles() == sorted([SEED, AMMAN, FACT])


def test_fail_fast_stops_at_the_first_bad_file(
    tmp_path: Path, batch_with_bad_files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert main(["load", str(batch_with_bad_files), "--store", store, "--fail-fast"]) == 1
    err = capsys.readouterr().err
    assert "c-invalid.yaml" in err and "d-broken.ttl" not in err
    with EmbeddedStore(store) as s:  # files sort: border-patrols-amman.yaml came before c-invalid.yaml
        assert s.articles() == [AMMAN]


def test_unknown_and_missing_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["load", str(tmp_path / "nope.yaml"), "--store", store]) == 2
    odd = tmp_path / "a.txt"
    odd.write_text("hello", encoding="utf-8")
    assert main(["load", str(odd), "--store", store]) == 1
    assert "unknown file type .txt" in capsys.readouterr().err


def test_store_in_use_is_a_store_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second process cannot open a store a writer holds: exit 3, with a hint."""
    import subprocess
    import sys

    store = tmp_path / "store"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import pyoxigraph,sys; s=pyoxigraph.Store({str(store)!r}); print('ok', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        assert main(["load", str(EXAMPLE_RECORDS[0]), "--store", str(store)]) == 3
        assert "cannot open the store" in capsys.readouterr().err
    finally:
        holder.communicate("")


@pytest.mark.parametrize("compact", [True, False])
def test_load_in_several_batches_then_compact(tmp_path: Path, compact: bool) -> None:
    """Batches of one article each (three transactions), compacted at the end unless --no-compact."""
    store = str(tmp_path / "store")
    args = ["load", *map(str, EXAMPLE_RECORDS), "--store", store, "--batch", "1", "-q"]
    assert main(args + ([] if compact else ["--no-compact"])) == 0
    with EmbeddedStore(store) as s:
        assert s.articles() == sorted([SEED, AMMAN, FACT])
        assert int(s.query(COUNT).rows[0]["n"].value) == 406
