"""`ldpub validate` end to end: examples, mutated copies, formats (text, JSON, SARIF), exit codes, stdin."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from ldpub.cli import main
from ldpub.validate import Report, to_text, validate_document, validate_paths
from ldpub.validate.report import Finding
from tests.support import EXAMPLES, ROOT

from .conftest import DATA

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.jsonld")) + sorted((EXAMPLES / "pages").glob("*.html"))


def run_cli(*args: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> int:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    return main(["validate", *args])


def test_examples_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert EXAMPLE_FILES and len(EXAMPLE_FILES) >= 4
    assert run_cli(*map(str, EXAMPLE_FILES), "--strict") == 0
    assert f"{len(EXAMPLE_FILES)} files checked: 0 errors, 0 warnings" in capsys.readouterr().out


def test_examples_have_no_error_under_the_google_profiles() -> None:
    report = validate_paths(EXAMPLE_FILES, profiles=["google-article", "google-claimreview"])
    assert [str(f) for f in report if f.severity == "error"] == []
    built = validate_paths(sorted(EXAMPLES.glob("*.jsonld")), profiles=["ldpub"])
    assert [str(f) for f in built] == []  # what ldpub builds keeps its own house rules


def test_mutated_example_exits_1_with_the_right_pointers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads((EXAMPLES / "fact-check-rukban-aid.jsonld").read_text(encoding="utf-8"))
    index = {node["@id"]: i for i, node in enumerate(doc["@graph"])}
    article_at = next(i for i, n in enumerate(doc["@graph"]) if n.get("@type") == "NewsArticle")
    review_at = next(i for i, n in enumerate(doc["@graph"]) if n.get("@type") == "ClaimReview")
    article = doc["@graph"][article_at]
    article["datePublised"] = article.pop("datePublished")
    article["author"][0] = {"@id": "https://syrianobserver.com/entity/nobody"}
    doc["@graph"][review_at]["reviewRating"] = {"@id": doc["@graph"][review_at]["@id"]}  # a review, not a Rating
    assert index  # the graph is addressed by position in the pointers
    bad = tmp_path / "mutated.jsonld"
    bad.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    assert run_cli(str(bad), "--format", "json") == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    got = {(f["code"], f["pointer"]) for f in findings}
    assert got == {
        ("LD021", f"/@graph/{article_at}/datePublised"),
        ("LD014", f"/@graph/{article_at}/author/0"),
        ("LD023", f"/@graph/{review_at}/reviewRating"),
    }
    lines = bad.read_text(encoding="utf-8").splitlines()
    for f in findings:
        if f["code"] == "LD021":
            assert lines[f["line"] - 1][f["column"] - 1 :].startswith('"datePublised"')


def test_mutated_page_exits_1_with_pointer_and_page_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = EXAMPLES / "pages" / "syrian-observer-al-tanf.embedded.html"
    text = source.read_text(encoding="utf-8")
    assert text.count('"articleSection"') == 1
    page = tmp_path / "page.html"
    page.write_text(text.replace('"articleSection"', '"articleSecton"'), encoding="utf-8")
    assert run_cli(str(page), "--format", "json") == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["code"] == "LD021" and finding["pointer"] == "/@graph/1/articleSecton"
    assert "'articleSection'" in finding["message"]
    line = page.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert finding["line"] == 51 and line[finding["column"] - 1 :].startswith('"articleSecton"')


def test_sarif_output_validates_against_the_sarif_2_1_0_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "https://schema.org", "@type": "NewsArticle",\n "headlin": "x", "author": "J"}')
    out = tmp_path / "report.sarif"
    assert run_cli(str(bad), str(EXAMPLES), "--format", "sarif", "-o", str(out), "-p", "google-article") == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"LD021", "LD024", "GA001"}
    rules = run["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    [misspelt] = [r for r in results if r["ruleId"] == "LD021"]
    region = misspelt["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 2)
    assert misspelt["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("bad.jsonld")
    assert misspelt["level"] == "error"
    # an empty run validates too
    assert run_cli(str(EXAMPLES / "border-patrols-amman.jsonld"), "--format", "sarif") == 0
    jsonschema.Draft4Validator(schema).validate(json.loads(capsys.readouterr().out))


def test_json_report_follows_its_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads((ROOT / "schemas" / "validation-report.schema.json").read_text(encoding="utf-8"))
    bad = tmp_path / "bad.html"
    bad.write_text('<script type="application/ld+json">{"@type": "Thing"};</script>')
    assert run_cli(str(bad), str(EXAMPLES), "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(report)
    assert report["summary"]["errors"] == 1 and report["summary"]["warnings"] == 1
    assert str(bad) in report["files"] and len(report["files"]) == 1 + len(EXAMPLE_FILES)


def test_strict_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    warn = tmp_path / "warn.jsonld"
    warn.write_text('{"@context": "https://schema.org", "@type": "NewsArticle", "author": "Jane"}')
    assert run_cli(str(warn)) == 0
    assert run_cli(str(warn), "--strict") == 1


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    doc = '{"@context": "https://schema.org", "@type": "Persn"}'
    assert run_cli("-", stdin=doc, monkeypatch=monkeypatch) == 1
    out = capsys.readouterr().out
    assert "<stdin>" in out and "LD020" in out and "'Person'" in out
    page = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Person"}</script>'
    )
    assert run_cli("-", "--stdin-name", "page.html", stdin=page, monkeypatch=monkeypatch) == 0


def test_directories_are_walked_and_plain_json_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(EXAMPLES / "border-patrols-amman.jsonld", tmp_path / "a" / "ok.jsonld")
    (tmp_path / "a" / "b" / "bad.html").write_text(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Persn"}</script>'
    )
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    (tmp_path / "notes.txt").write_text("not checked")
    report = validate_paths([tmp_path])
    assert sorted(Path(f).name for f in report.files) == ["bad.html", "ok.jsonld", "package.json"]
    assert [(Path(f.file or "").name, f.code) for f in report] == [("bad.html", "LD020")]


def test_io_and_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(tmp_path / "missing.jsonld")) == 2
    assert "missing.jsonld" in capsys.readouterr().err
    assert run_cli(str(EXAMPLES), "--profile", str(tmp_path / "nope.json")) == 2
    broken = tmp_path / "broken-profile.json"
    broken.write_text("{not json")
    assert run_cli(str(EXAMPLES), "--profile", str(broken)) == 2
    assert run_cli(str(EXAMPLES), "--format", "xml") == 2


def test_text_output_groups_by_file_and_colours_only_on_a_terminal() -> None:
    findings = (
        Finding("LD021", "error", "unknown", "a.jsonld", 3, 5, "/x"),
        Finding("LD024", "warning", "text", "b.html", 10, 1, "/y"),
        Finding("LD014", "warning", "ref", "a.jsonld", 4, 1, "/z"),
    )
    report = Report(findings, ("a.jsonld", "b.html"))
    plain = to_text(report)
    assert "\033[" not in plain
    lines = plain.splitlines()
    assert lines[0] == "a.jsonld" and "LD021" in lines[1] and "LD014" in lines[2] and lines[3] == "b.html"
    assert lines[-1] == "2 files checked: 1 error, 2 warnings"
    assert "\033[31merror" in to_text(report, colour=True)


def test_colour_follows_the_terminal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "https://schema.org", "@type": "Persn"}')
    result = subprocess.run(
        [sys.executable, "-m", "ldpub", "validate", str(bad)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1 and "\033[" not in result.stdout  # a pipe: no colour


def test_library_api_on_parsed_json() -> None:
    report = validate_document({"@context": "https://schema.org", "@type": "NewsArticle", "headline": 3})
    assert report.ok() and report.codes == []
    report = validate_document({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": True})
    assert not report.ok() and report.codes == ["LD023"] and report.exit_code() == 1


def test_pre_commit_hook_definition() -> None:
    hooks: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "ldpub-validate" and hook["language"] == "python"
    assert hook["entry"].split() == ["ldpub", "validate"]
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.jsonld", "b.json", "c.html", "d.htm"))
    assert not pattern.search("e.py")
