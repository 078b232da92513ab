"""``ldpub extract`` on HTML pages: YAML/JSON output, files and folders, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import ldpub
from ldpub.cli import main
from ldpub.read import extract_html_file
from tests.support import ROOT

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"


def test_yaml_to_stdout_is_the_library_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(PAGES / "html-jsonld.html")]) == 0
    out = capsys.readouterr()
    assert yaml.safe_load(out.out) == extract_html_file(PAGES / "html-jsonld.html").record
    assert "body: |" in out.out  # the body is a literal block an editor can read
    # Only the names the newsroom's authority does not know yet are reported.
    assert all("is not in the authority file" in line for line in out.err.splitlines())


def test_json_output_file_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "record.json"
    assert main(["extract", str(PAGES / "html-microdata.html"), "-o", str(out)]) == 0
    record = json.loads(out.read_text())
    assert record == extract_html_file(PAGES / "html-microdata.html").record
    assert ldpub.build(out).url == "https://towncrier.example/2021/library-hours"
    assert capsys.readouterr().out == ""


def test_several_pages_to_a_folder_with_warnings_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [PAGES / "html-opengraph.html", PAGES / "html-jsonld.html"]
    assert main(["extract", *map(str, pages), "-o", str(tmp_path / "out")]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["html-jsonld.yaml", "html-opengraph.yaml"]
    for page in pages:
        record = ldpub.load_record(tmp_path / "out" / f"{page.stem}.yaml").data
        assert record == extract_html_file(page).record
    err = capsys.readouterr().err
    assert f"ldpub: warning: {PAGES / 'html-opengraph.html'}: /modified: " in err


def test_incomplete_record_is_written_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.yaml"
    assert main(["extract", str(PAGES / "html-no-article.html"), "-o", str(out)]) == 1
    assert yaml.safe_load(out.read_text()) == {"headline": "Site map"}
    err = capsys.readouterr().err
    assert "no article found" in err
    assert "incomplete record" in err and "url" in err


def test_url_option_overrides_the_pages_own_like_published(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = str(PAGES / "html-jsonld-body-only.html")
    assert main(["extract", page, "--url", "https://other.example/x"]) == 0  # no zone: no date, a warning
    captured = capsys.readouterr()
    assert yaml.safe_load(captured.out)["url"] == "https://other.example/x"  # the user's word wins
    assert (
        f"ldpub: warning: {page}: /url: the page names its URL https://quartier.example/blog/marche; "
        "--url https://other.example/x overrides it"
    ) in captured.err.splitlines()


def test_binary_input_is_a_one_line_error_and_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = tmp_path / "out"
    assert main(["extract", str(junk), str(PAGES / "html-jsonld.html"), "-o", str(out)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if "candidate" not in line]
    assert err == [f"ldpub: error: {junk}: expected an HTML page, found a PNG image"]
    assert [p.name for p in out.iterdir()] == ["html-jsonld.yaml"]


def test_too_large_and_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = str(PAGES / "html-jsonld.html")
    assert main(["extract", page, "--max-bytes", "100"]) == 1
    assert "larger than the 100-byte limit" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "nope.html")]) == 2
    assert "nope.html" in capsys.readouterr().err


def test_failed_extraction_leaves_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    out.write_text("previous\n")
    assert main(["extract", str(PAGES / "html-jsonld.html"), "-o", str(out), "--max-bytes", "10"])
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "ldpub", "extract", str(PAGES / "html-jsonld.html"), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert ldpub.build(out).url == "https://desertcourier.example/news/2022/09/al-tanf-patrols"


def test_text_inputs_go_to_the_text_extractor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text_module = pytest.importorskip("ldpub.read.text")
    path = tmp_path / "wire.txt"
    path.write_text(
        "Harbour bridge reopens after repairs\n\n"
        "The harbour bridge reopened on Tuesday after six weeks of repairs, the council said.\n"
    )
    options = ["--url", "https://coastgazette.example/bridge", "--language", "en"]
    main(["extract", str(path), "--format", "json", *options])
    record = json.loads(capsys.readouterr().out)
    expected = text_module.extract_text(path.read_text(), source=str(path), url=options[1], language="en").record
    assert record == expected
    assert record["headline"] == "Harbour bridge reopens after repairs"
