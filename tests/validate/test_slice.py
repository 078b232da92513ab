"""End to end: a file in, findings with pointers and positions out; the CLI's exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ldpub.cli import main
from tests.support import EXAMPLES

from .conftest import check, codes


def test_clean_article_has_no_finding(article: dict[str, Any]) -> None:
    assert codes(check(article, "google-article")) == []
    article["author"][0]["@id"] = "https://news.example.org/staff/jane-doe#person"
    assert codes(check(article, "google-article", "ldpub")) == []


def test_misspelt_property_is_an_error_with_pointer_line_and_suggestion(article: dict[str, Any]) -> None:
    article["datePublised"] = article.pop("datePublished")
    report = check(article)
    [finding] = report.findings
    assert finding.code == "LD021" and finding.severity == "error"
    assert finding.pointer == "/datePublised"
    assert "'datePublished'" in finding.message
    text = json.dumps(article, indent=2)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if '"datePublised"' in s)
    assert (finding.line, finding.column) == (line, 3)
    assert finding.node_type == "NewsArticle" and finding.node_id == article["@id"]


def test_cli_on_examples_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLES)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "https://schema.org", "@type": "NewsArticel", "headline": "x"}')
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "LD020" in out and "NewsArticle" in out
    assert main(["validate", str(tmp_path / "missing.jsonld")]) == 2
    assert main(["validate", str(bad), "--profile", "no-such-profile"]) == 2


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "https://schema.org", "@type": "NewsArticle",\n "headlin": "x"}')
    assert main(["validate", str(bad), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"errors": 1, "warnings": 0, "infos": 0}
    [finding] = data["findings"]
    assert finding["code"] == "LD021" and finding["pointer"] == "/headlin"
    assert (finding["line"], finding["column"]) == (2, 2)
