"""Bad and hostile pages: a clear error or a best-effort record, never a crash or a request."""

from __future__ import annotations

import http.server
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from ldpub.errors import InputError
from ldpub.read import extract_html, extract_html_file
from ldpub.read.safe_html import decode_page, parse_html


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = b'<!ENTITY leak "LEAKED-FROM-SERVER">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 recording every request made to it."""
    requests: ClassVar[list[str]] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_external_entities_are_neither_fetched_nor_expanded(server: tuple[str, list[str]], tmp_path: Path) -> None:
    base, requests = server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE-CONTENT")
    page = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html SYSTEM "{base}/xhtml.dtd" [
  <!ENTITY file SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "{base}/entity">
  <!ENTITY % param SYSTEM "{base}/param"> %param;
  <!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Entity test</title>
<link rel="canonical" href="https://example.org/entities"/></head>
<body><article><p>File: &file; Remote: &remote; Leak: &leak; Bomb: &b;</p>
<p>{"Plain article text that should come through unharmed. " * 8}</p></article></body></html>"""
    path = tmp_path / "xxe.xhtml"
    path.write_text(page)
    result = extract_html_file(path)
    dumped = repr(result.record)
    assert requests == []
    assert "TOP-SECRET" not in dumped
    assert "LEAKED" not in dumped
    assert "AAAAAAAAAA" not in dumped
    assert result.record["headline"] == "Entity test"
    assert "Plain article text" in result.record["body"]


def test_remote_jsonld_context_is_not_fetched(server: tuple[str, list[str]]) -> None:
    base, requests = server
    page = f"""<html><head><script type="application/ld+json">
    {{"@context": "{base}/context.jsonld", "@type": "NewsArticle", "headline": "Remote"}}
    </script><script type="application/ld+json">
    {{"@context": ["https://schema.org", "{base}/more.jsonld"], "@type": "NewsArticle"}}
    </script><title>Local title</title></head><body><p>Text.</p></body></html>"""
    result = extract_html(page)
    assert requests == []
    assert result.record["headline"] == "Local title"
    assert sum("not fetched" in str(w) for w in result.warnings) == 2


def test_images_and_links_are_not_fetched(server: tuple[str, list[str]]) -> None:
    base, requests = server
    page = f"""<html><head><link rel="stylesheet" href="{base}/style.css">
    <meta property="og:image" content="{base}/og.png"><script src="{base}/app.js"></script>
    <link rel="canonical" href="{base}/article"></head>
    <body><img src="{base}/inline.png"><iframe src="{base}/frame"></iframe>
    <p>{"Words of the article. " * 30}</p></body></html>"""
    result = extract_html(page)
    assert requests == []
    assert result.record["images"] == [{"url": f"{base}/og.png"}]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "gzip"),
        (b"%PDF-1.7\n" + bytes(100), "PDF"),
        (random.Random(5).randbytes(4096), "binary data"),
        (b"<html>" + bytes(range(32)) * 40 + b"</html>", "binary data"),
    ],
)
def test_not_a_page_is_a_clear_error(data: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        extract_html_file(path)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_bytes(b"<html><body>" + b"<p>filler text</p>" * 10_000 + b"</body></html>")
    with pytest.raises(InputError, match="larger than the 50,000-byte limit"):
        extract_html_file(path, max_bytes=50_000)
    with pytest.raises(InputError, match="limit"):
        extract_html(path.read_bytes(), max_bytes=50_000)


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Broken</title><body><p>Unclosed <b>bold <i>italic<p>next",
        "</p></div></html><html><html><body><<<>>>&&&;;<p>text",
        "<p>" * 5000 + "deep",
        "<script>var x = '</script><p>after script</p>",
        "plain words, no markup at all",
        '<html><head><script type="application/ld+json">[1, "x", null, {"@type": 3}]</script>',
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": '
        + "[" * 500
        + "]" * 500
        + "}</script>",
        '<meta property="article:published_time" content="2022-02-30T10:00:00+01:00">',
        '<meta property="og:image:width" content="wide"><meta property="og:image" content="x">',
    ],
)
def test_broken_html_never_crashes(page: str) -> None:
    result = extract_html(page)
    assert isinstance(result.record, dict)
    assert all(str(w) for w in result.warnings)


def test_random_markup_soup_never_crashes() -> None:
    rng = random.Random(7)
    pieces = ["<p>", "</p>", "<div>", "<script>", "</script>", "&amp;", "&#x0;", "<!--", "-->"]
    pieces += ["<![CDATA[", "]]>", "<?php", "?>", "text ", "<meta content=", '"', "'", "\u202e"]
    for _ in range(20):
        page = "".join(rng.choice(pieces) for _ in range(200))
        extract_html(page)


def test_legacy_encoding_is_decoded_from_the_meta_charset() -> None:
    page = '<html><head><meta charset="iso-8859-7"><title>Ειδήσεις</title></head></html>'
    text = decode_page(page.encode("iso-8859-7"))
    assert "Ειδήσεις" in text
    assert parse_html(text).findtext(".//title") == "Ειδήσεις"
