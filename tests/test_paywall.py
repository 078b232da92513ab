"""Paywall markup checked against the page: each paywalled part's cssSelector must match an
element of it, in ldpub embed and ldpub validate (--page for JSON-LD, the page itself for HTML).
The pages are skeletons in the shapes of real paywalled pages (tests/data/pages/graph)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ldpub
from ldpub.cli import main
from ldpub.paywall import paywall_problems
from ldpub.read.html import extract_html_file
from ldpub.read.safe_html import parse_html
from tests.support import DATA

GRAPH = DATA / "pages" / "graph"
MATCHING = GRAPH / "paywalled.html"  # <div class="ArticlePage-content paywall">
NOT_MATCHING = GRAPH / "paywall-bar.html"  # only "paywall-bar": '.paywall' selects nothing


def built_graph(tmp_path: Path) -> Path:
    """The article of the paywalled page, built as ldpub would embed it."""
    record = extract_html_file(MATCHING, link=False).record
    out = tmp_path / "article.jsonld"
    out.write_text(ldpub.build(record).to_json(), encoding="utf-8")
    return out


def codes(page: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(page), "--format", "json", *extra])
    return code, capsys.readouterr().out


def test_the_pages_own_markup_is_checked_against_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = codes(MATCHING, capsys=capsys)
    assert code == 0 and "PG00" not in out
    code, out = codes(NOT_MATCHING, capsys=capsys)
    assert code == 1 and '"code": "PG001"' in out and "'.paywall' matches no element of the page" in out


def test_validate_page_checks_json_ld_against_the_page_it_goes_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = built_graph(tmp_path)
    assert codes(graph, "--page", str(MATCHING), capsys=capsys)[0] == 0
    code, out = codes(graph, "--page", str(NOT_MATCHING), capsys=capsys)
    assert code == 1 and '"pointer": "/@graph/' in out and "PG001" in out


def test_embed_warns_when_a_selector_matches_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = built_graph(tmp_path)
    assert main(["embed", str(MATCHING), "--graph", str(graph), "-o", str(tmp_path / "ok.html")]) == 0
    assert "PG001" not in capsys.readouterr().err
    assert main(["embed", str(NOT_MATCHING), "--graph", str(graph), "-o", str(tmp_path / "bad.html")]) == 0
    err = capsys.readouterr().err
    assert "ldpub embed: warning:" in err and "cssSelector '.paywall' matches no element of the page (PG001)" in err
    assert (tmp_path / "bad.html").exists()  # the page is still written: the markup is the thing to fix


def test_not_free_without_a_paywalled_part_is_a_finding() -> None:
    doc = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H", "isAccessibleForFree": "False"}
    (problem,) = paywall_problems([doc], None)
    assert (problem.code, problem.pointer) == ("PG002", "")
    report = ldpub.validate.validate_document(__import__("json").dumps(doc))
    assert [f.code for f in report.findings] == ["PG002"]


def test_nested_paywalled_parts_and_a_selector_that_is_no_selector() -> None:
    page = parse_html('<div class="paywall"><p class="premium">x</p></div>')
    doc = {
        "@type": "NewsArticle",
        "isAccessibleForFree": False,
        "hasPart": [
            {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
            {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".premium"},
            {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": "div[["},
        ],
    }
    found = {(p.code, p.pointer) for p in paywall_problems([doc], page)}
    assert found == {("PG003", "/hasPart/1/cssSelector"), ("PG001", "/hasPart/2/cssSelector")}


def test_a_record_marked_not_free_without_selectors_builds_with_a_warning(minimal: dict) -> None:
    article = ldpub.build({**minimal, "free": False})
    assert [w.location.pointer for w in article.warnings] == ["/paywalled"]
