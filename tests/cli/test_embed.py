"""``ldpub embed``: output to a file, in place or to stdout; clear errors and exit codes."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ldpub.cli import main
from ldpub.embed import embed, embedded_graph
from tests.browser import BREAKOUT_GRAPH, EMBED_DATA
from tests.support import DATA, ROOT


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    page = tmp_path / "page.html"
    page.write_bytes((EMBED_DATA / "basic.html").read_bytes())
    graph = tmp_path / "article.jsonld"
    graph.write_text(json.dumps(BREAKOUT_GRAPH), "utf-8")
    return page, graph


def test_output_file(files: tuple[Path, Path], capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    page, graph = files
    out = page.parent / "out.html"
    assert main(["embed", str(page), "--graph", str(graph), "-o", str(out)]) == 0
    assert out.read_bytes() == embed(page.read_bytes(), BREAKOUT_GRAPH)
    stdout, stderr = capsysbinary.readouterr()
    assert stdout == b""  # and the one warning: BREAKOUT_GRAPH is not about the page
    assert stderr.startswith(b"ldpub embed: warning: ") and stderr.count(b"\n") == 1
    assert b"is not the page's canonical URL" in stderr
    assert [p.name for p in page.parent.iterdir() if p.name.startswith(".ldpub-")] == []


def test_stdout_is_the_default(files: tuple[Path, Path], capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    page, graph = files
    assert main(["embed", str(page), "-g", str(graph)]) == 0
    assert capsysbinary.readouterr().out == embed(page.read_bytes(), BREAKOUT_GRAPH)


def test_in_place_twice_keeps_the_bytes_and_permissions(files: tuple[Path, Path]) -> None:
    page, graph = files
    page.chmod(0o640)
    assert main(["embed", str(page), "--graph", str(graph), "--in-place"]) == 0
    once = page.read_bytes()
    assert embedded_graph(once) == BREAKOUT_GRAPH
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert main(["embed", str(page), "--graph", str(graph), "-i"]) == 0
    assert page.read_bytes() == once


def test_stdin_page(
    files: tuple[Path, Path],
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page, graph = files
    data = b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["embed", "-", "--graph", str(graph), "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == embed(data, BREAKOUT_GRAPH)


def test_stdin_graph(
    files: tuple[Path, Path],
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page, graph = files
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(graph.read_bytes())))
    assert main(["embed", str(page), "--graph", "-"]) == 0
    assert embedded_graph(capsysbinary.readouterr().out) == BREAKOUT_GRAPH


def test_graph_that_is_not_json(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    page, graph = files
    graph.write_text('{\n  "@context": "https://schema.org",\n  "name": \'x\'\n}\n', "utf-8")
    before = page.read_bytes()
    assert main(["embed", str(page), "--graph", str(graph), "--in-place"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"ldpub: error: {graph}:3:11: not JSON: Expecting value")
    assert err.count("\n") == 1
    assert page.read_bytes() == before


def test_broken_page_leaves_the_output_alone(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    page, graph = files
    page.write_bytes(b"<!DOCTYPE html>\n<html><head>\n<title>x</title>\n<!-- oops\n</head>")
    out = page.parent / "out.html"
    out.write_bytes(b"previous")
    assert main(["embed", str(page), "--graph", str(graph), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"ldpub: error: {page}:4:1: broken HTML: this comment is never closed\n"
    assert out.read_bytes() == b"previous"


def test_binary_page(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    page, graph = files
    page.write_bytes(bytes(range(256)) * 4)
    assert main(["embed", str(page), "--graph", str(graph)]) == 1
    assert "not an HTML page: binary data" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "--graph", "-"], "cannot both be standard input"),
        (["-", "--graph", "G", "--in-place"], "--in-place needs a PAGE file"),
        (["P", "--graph", "G", "--in-place", "-o", "x.html"], "not allowed with"),
        (["P"], "--graph"),
    ],
)
def test_usage_errors(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    page, graph = files
    args = [str(page) if a == "P" else str(graph) if a == "G" else a for a in args]
    assert main(["embed", *args]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_is_an_io_error(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    page, graph = files
    assert main(["embed", str(page.parent / "nope.html"), "--graph", str(graph)]) == 2
    assert "nope.html" in capsys.readouterr().err


def test_command_line_process(files: tuple[Path, Path]) -> None:
    page, graph = files
    out = page.parent / "out.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "ldpub", "embed", str(page), "--graph", str(graph), "-o", str(out)],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == embed(page.read_bytes(), BREAKOUT_GRAPH)


def test_a_page_with_its_own_article_json_ld_gets_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A real publisher page (Al Jazeera) carries its own NewsArticle block in <head>.
    import gzip

    from ldpub.embed import own_articles

    real = DATA / "pages/real/aljazeera-helicopter-crash.html.gz"
    page = tmp_path / "page.html"
    page.write_bytes(gzip.decompress(real.read_bytes()))
    graph = ROOT / "examples/syrian-observer-al-tanf.jsonld"
    out = tmp_path / "out.html"
    assert main(["embed", str(page), "--graph", str(graph), "-o", str(out)]) == 0
    found = own_articles(page.read_bytes(), json.loads(graph.read_text()))
    assert [a.type for a in found] == ["NewsArticle"]
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"ldpub embed: warning: {page}:{found[0].line}: the page's own JSON-LD already describes an article "
        f"(NewsArticle{' ' + found[0].id if found[0].id else ''}), so the page now has two article nodes; remove the "
        "page's block, or give it the @id of ldpub's article so both describe one node"
    )
    assert "is not the page's canonical URL https://www.aljazeera.com/" in err[1]  # nor is it this page's article
    assert b"data-ldpub" in out.read_bytes()
    # once embedded, ldpub's own block is not the page's: embedding again warns about the same one only
    again = own_articles(out.read_bytes(), json.loads(graph.read_text()))
    assert [(a.type, a.id) for a in again] == [(a.type, a.id) for a in found]


def test_the_same_article_id_in_the_page_is_not_a_second_article() -> None:
    from ldpub.embed import own_articles

    ours = {"@context": "https://schema.org", "@id": "https://n.example/a#article", "@type": "NewsArticle"}
    same = (
        '<html><head><script type="application/ld+json">{"@graph": [{"@id": "https://n.example/a#article", '
        '"@type": "NewsArticle", "headline": "x"}]}</script></head></html>'
    )
    other = same.replace("#article", "#story").replace('"NewsArticle"', '["WebPage", "ReportageNewsArticle"]')
    assert own_articles(same, ours) == []
    [found] = own_articles(other, ours)
    assert (found.line, found.type, found.id) == (1, "ReportageNewsArticle", "https://n.example/a#story")
    assert own_articles("<html><head><script type='application/ld+json'>{not json</script></head></html>", ours) == []


SEED_PAGE = ROOT / "examples" / "pages" / "syrian-observer-al-tanf.html"
SEED_URL = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html"


def test_the_article_s_own_page_embeds_without_a_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = ROOT / "examples" / "syrian-observer-al-tanf.jsonld"
    assert main(["embed", str(SEED_PAGE), "-g", str(graph), "-o", str(tmp_path / "out.html")]) == 0
    assert capsys.readouterr().err == ""


def test_another_article_s_graph_is_embedded_with_a_warning_naming_both_urls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = ROOT / "examples" / "fact-check-rukban-aid.jsonld"
    out = tmp_path / "out.html"
    assert main(["embed", str(SEED_PAGE), "-g", str(graph), "-o", str(out)]) == 0  # a warning, not a refusal
    line = next(i for i, text in enumerate(SEED_PAGE.read_text().splitlines(), 1) if 'rel="canonical"' in text)
    assert capsys.readouterr().err == (
        f"ldpub embed: warning: {SEED_PAGE}:{line}: the article's URL "
        "https://syrianobserver.com/fact-check/rukban-aid-convoys.html is not the page's canonical URL "
        f"{SEED_URL}: is this the article's page? (build the record with the page's URL, or embed the graph in its "
        "own page)\n"
    )
    assert embedded_graph(out.read_bytes()) == json.loads(graph.read_text())


@pytest.mark.parametrize(
    ("head", "article_url", "warned"),
    [
        ('<link rel="canonical" href="https://n.example/a.html">', "https://n.example/a.html", False),
        ('<link rel="canonical" href="https://n.example/a.html">', "https://N.EXAMPLE:443/a.html#x", False),
        (
            '<base href="https://n.example/news/"><link rel="canonical" href="a.html">',
            "https://n.example/news/a.html",
            False,
        ),
        ('<link rel="Canonical Alternate" href="https://n.example/b.html">', "https://n.example/a.html", True),
        ('<link rel="canonical" href="http://n.example/a.html">', "https://n.example/a.html", True),
        ('<link rel="canonical" href="https://n.example/a.html?page=2">', "https://n.example/a.html", True),
        ('<meta name="x" content="no canonical link">', "https://n.example/a.html", False),
    ],
)
def test_the_article_url_against_the_canonical_url(head: str, article_url: str, warned: bool) -> None:
    from ldpub.embed import url_mismatch

    page = f"<!doctype html>\n<html><head>\n{head}\n</head><body></body></html>"
    for node in (
        {"@type": "NewsArticle", "url": article_url},
        {"@type": "NewsArticle", "mainEntityOfPage": {"@id": article_url}},
        {
            "@graph": [
                {"@type": "WebPage", "url": "https://n.example/"},
                {"@id": article_url, "@type": "ReportageNewsArticle"},
            ]
        },
    ):
        found = url_mismatch(page, {"@context": "https://schema.org", **node})
        assert (found is not None) == warned, node
        if found is not None:
            assert found.line == 3
