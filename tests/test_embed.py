"""ldpub.embed: the page is spliced, never re-serialised; the block is stable and escaped."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

import ldpub
from ldpub.embed import MARKER, embed, embedded_graph, parse_graph, script_json
from ldpub.errors import InputError
from tests.browser import BREAKOUT_GRAPH, EMBED_DATA

OPEN = f'<script type="application/ld+json" {MARKER}="jsonld">'


def inserted_span(before: bytes, after: bytes) -> tuple[int, int]:
    """(start, end) of the one contiguous run of bytes ``after`` adds to ``before``; fails if
    ``after`` is not ``before`` with one insertion."""
    assert len(after) > len(before)
    p = 0
    while p < len(before) and before[p] == after[p]:
        p += 1
    q = 0
    while q < len(before) - p and before[-1 - q] == after[-1 - q]:
        q += 1
    assert p + q == len(before), "the page changed outside the inserted block"
    return p, len(after) - q


def find_all(text: str, what: str) -> list[int]:
    found, i = [], text.find(what)
    while i >= 0:
        found.append(i)
        i = text.find(what, i + 1)
    return found


def text_of(page: bytes) -> str:
    if page.startswith(b"\xff\xfe"):
        return page[2:].decode("utf-16-le")
    return page.decode("utf-8-sig")


# --------------------------------------------------------------------------- JSON


def test_script_json_cannot_close_or_escape_the_script() -> None:
    text = script_json(BREAKOUT_GRAPH)
    assert text.isascii()
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == BREAKOUT_GRAPH
    assert json.loads(script_json(BREAKOUT_GRAPH, indent=2)) == BREAKOUT_GRAPH


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1, 2}, object()])
def test_script_json_refuses_values_that_are_not_json(value: Any) -> None:
    with pytest.raises(InputError, match="not JSON"):
        script_json({"x": value})


# --------------------------------------------------------------------------- splicing


def test_embed_inserts_one_block_and_is_stable(embed_page: tuple[str, bytes], article_graph: dict[str, Any]) -> None:
    _, page = embed_page
    out = embed(page, BREAKOUT_GRAPH)
    assert embedded_graph(out) == BREAKOUT_GRAPH
    assert embed(out, BREAKOUT_GRAPH) == out, "a second run changed the page"
    # Replacing the block gives what embedding the new graph in the original page gives.
    again = embed(out, article_graph)
    assert again == embed(page, article_graph)
    assert embedded_graph(again) == article_graph
    if embedded_graph(page) is None:
        inserted_span(page, out)  # one contiguous insertion, nothing else changed
        assert text_of(out).count(OPEN) == text_of(page).count(OPEN) + 1


# Where the block lands: what follows it in the page.
PLACES = {
    "basic.html": "\n  </head>",
    "no-head.html": "\n<body>",
    "no-html.html": "\n<p>A fragment",
    "uppercase.html": "\n</HEAD>",
    "minified.html": "</head><body>",
    "tricky.html": "\n</head>\n<body>",
    "implicit-head-end.html": "\n<div>This div ends the head",
    "existing-block.html": "\n<script>window.__pageScriptRan",
    "xhtml.html": "\n</head>",
}


@pytest.mark.parametrize("name", sorted(PLACES))
def test_block_goes_at_the_end_of_the_head(name: str) -> None:
    page = (EMBED_DATA / name).read_text("utf-8")
    out = embed(page, {"@context": "https://schema.org"})
    # The new block is the first marker that is not where the page had one.
    theirs = [*find_all(page, OPEN), -1]
    ours = next(i for i, j in zip(find_all(out, OPEN), theirs, strict=False) if i != j)
    after_block = out[out.index("</script>", ours) + len("</script>") :]
    assert after_block.startswith(PLACES[name])


def test_block_is_indented_like_the_head() -> None:
    page = (EMBED_DATA / "basic.html").read_text("utf-8")
    out = embed(page, {"@context": "https://schema.org", "name": "x"})
    assert (
        f'    <script src="x.js"></script>\n    {OPEN}\n      {{\n'
        f'        "@context": "https://schema.org",\n        "name": "x"\n      }}\n'
        f"    </script>\n  </head>"
    ) in out.replace("<script>window.__pageScriptRan = true;</script>", '<script src="x.js"></script>')


def test_crlf_page_gets_crlf_block() -> None:
    page = (EMBED_DATA / "basic.html").read_bytes().replace(b"\n", b"\r\n")
    start, end = inserted_span(page, embed(page, {"a": 1}))
    block = embed(page, {"a": 1})[start:end]
    assert b"\n" not in block.replace(b"\r\n", b"")


def test_existing_block_is_replaced_in_place() -> None:
    page = (EMBED_DATA / "existing-block.html").read_bytes()
    old_start = page.index(b"<SCRIPT DATA-LDPUB")
    old_end = page.index(b"</SCRIPT >") + len(b"</SCRIPT >")
    assert embedded_graph(page) == json.loads(page[page.index(b">", old_start) + 1 : old_end - 10])
    out = embed(page, BREAKOUT_GRAPH)
    assert out.startswith(page[:old_start])
    assert out.endswith(page[old_end:])
    assert b'"headline": "old"' not in out
    assert b'"name": "Other block"' in out  # the page's own block is left alone


def test_not_fooled_by_markup_in_comments_scripts_attributes_and_raw_text() -> None:
    page = (EMBED_DATA / "tricky.html").read_bytes()
    assert embedded_graph(page) is None  # every marker in the page is text, not a block
    out = embed(page, BREAKOUT_GRAPH)
    start, _ = inserted_span(page, out)
    assert page[start:].startswith(b"</head>\n<body>")
    assert start == page.rindex(b"</head>")


def test_page_without_head_or_html_keeps_the_doctype_first() -> None:
    out = embed(b"<!DOCTYPE html><p>x</p>", {"a": 1})
    assert out == b"<!DOCTYPE html>" + OPEN.encode() + b'{"a":1}</script><p>x</p>'
    out = embed(b"\xef\xbb\xbf<p>x</p>", {"a": 1})
    assert out.startswith(b"\xef\xbb\xbf" + OPEN.encode())
    assert embed(out, {"a": 1}) == out


def test_head_with_no_end_keeps_meta_charset_before_the_block() -> None:
    page = b"<html><head><title>t</title><meta charset=utf-8><body>x"
    out = embed(page, {"a": 1})
    assert out.index(b"<meta charset") < out.index(OPEN.encode()) < out.index(b"<body>")


def test_late_meta_charset_stays_before_the_block() -> None:
    page = b"<!DOCTYPE html>\n<html><head>\nStray text\n<meta charset=utf-8><title>t</title>"
    out = embed(page, {"a": 1})
    assert out.startswith(page.split(b"<title>")[0] + OPEN.encode())
    # Browsers stop looking at the first body element past 1024 bytes; so does ldpub.
    page = b"<title>t</title>x" + b" " * 2000 + b"<div><meta charset=utf-8>"
    assert embed(page, {"a": 1}).startswith(b"<title>t</title>" + OPEN.encode())


def test_empty_page_and_text_only_head() -> None:
    assert embed(b"<html>", {"a": 1}).startswith(b"<html>" + OPEN.encode())
    out = embed(b"<title>t</title>Hello", {"a": 1})
    assert out.endswith(b"</script>Hello")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_pages_stay_utf16(codec: str) -> None:
    text = (EMBED_DATA / "basic.html").read_text("utf-8").replace("al-Tanf", "al-Tanf 😀 التنف")
    bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    page = bom + text.encode(codec)
    out = embed(page, BREAKOUT_GRAPH)
    assert out.startswith(bom)
    assert out[2:].decode(codec) == embed(text, BREAKOUT_GRAPH)
    assert embed(out, BREAKOUT_GRAPH) == out


def test_legacy_encoding_bytes_are_kept() -> None:
    page = "<meta charset=windows-1252><title>Café \u2013 “quotes”</title><p>Ünïcödé".encode("cp1252")
    graph = {"name": "Café \u2013 “quotes” مغاوير"}
    out = embed(page, graph)
    start, end = inserted_span(page, out)
    assert out[start:end].isascii()
    assert embedded_graph(out) == graph


def test_text_in_text_out() -> None:
    page = (EMBED_DATA / "tricky.html").read_text("utf-8")
    out = embed(page, BREAKOUT_GRAPH)
    assert isinstance(out, str)
    assert out.encode("utf-8") == embed(page.encode("utf-8"), BREAKOUT_GRAPH)


def test_graph_as_json_text() -> None:
    page = b"<title>t</title>"
    assert embed(page, '{"a": [1, "</script>"]}') == embed(page, {"a": [1, "</script>"]})


def test_large_page() -> None:
    body = "".join(f"<p class='p{i}'>Paragraph {i} &amp; <b>bold</b></p>\n" for i in range(60_000))
    page = f"<!DOCTYPE html>\n<html><head>\n<title>big</title>\n</head>\n<body>\n{body}</body></html>"
    out = embed(page.encode(), {"a": 1})
    assert embed(out, {"a": 1}) == out
    assert out.endswith(body.encode() + b"</body></html>")


def test_example_embedded_page_is_current() -> None:
    """examples/pages holds the seed as a page and the tool's output for it."""
    root = EMBED_DATA.parents[3]
    article = ldpub.build(root / "examples" / "syrian-observer-al-tanf.yaml")
    pages = root / "examples" / "pages"
    plain = (pages / "syrian-observer-al-tanf.html").read_bytes()
    embedded = (pages / "syrian-observer-al-tanf.embedded.html").read_bytes()
    assert embedded == embed(plain, article.jsonld), (
        "examples/pages/syrian-observer-al-tanf.embedded.html is stale; regenerate it with: "
        "ldpub build examples/syrian-observer-al-tanf.yaml | ldpub embed "
        "examples/pages/syrian-observer-al-tanf.html --graph - "
        "-o examples/pages/syrian-observer-al-tanf.embedded.html"
    )


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (b"<html><head>\n  <!-- never closed", r"^p\.html:2:3: broken HTML: this comment"),
        (b"<head><script>var a = 1;", r"^p\.html:1:7: broken HTML: this <script> element"),
        (b"<head><title>x", r"^p\.html:1:7: broken HTML: this <title> element"),
        (b'<head>\n<meta content="x>\n', r"^p\.html:2:1: broken HTML: this tag"),
        (b"<head><script>x</script", r"^p\.html:1:7: broken HTML: this <script> element"),
        (b"<html>\n\xc3\xa9\xc3\xa9<p>\x00", r"^p\.html:2:6: not an HTML page: binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"^p\.html:3:1: not an HTML page: binary"),
        (b"Just some text, no markup.", r"^p\.html: not an HTML page: no HTML tag"),
        (b'{"@context": "https://schema.org"}', r"^p\.html: not an HTML page: no HTML tag"),
        (b"", r"^p\.html: not an HTML page: no HTML tag"),
        (b"\xff\xfe<\x00p\x00>\x00x", r"^p\.html: not UTF-16 at byte 8"),
        (
            b"<head>\n" + 2 * b'<script type="application/ld+json" data-ldpub>{}</script>\n',
            r"^p\.html:3:1: a second ldpub JSON-LD block",
        ),
    ],
)
def test_bad_pages_are_clear_errors(page: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        embed(page, {"a": 1}, source="p.html")


def test_bad_graphs_are_clear_errors() -> None:
    with pytest.raises(InputError, match=r"^g\.jsonld:3:10: not JSON: Expecting value"):
        parse_graph(b'{\n  "a": 1,\n    "b": }', source="g.jsonld")
    with pytest.raises(InputError, match=r"^g\.jsonld: /: expected a JSON-LD object or array"):
        parse_graph(b'"just a string"', source="g.jsonld")
    with pytest.raises(InputError, match=r"^g\.jsonld:1:8: not UTF-8 text: byte 0xE9 at offset 7"):
        parse_graph(b'{"a": "\xe9"}', source="g.jsonld")
    with pytest.raises(InputError, match="not JSON"):
        embed(b"<title>t</title>", '{"a": NaN')
    with pytest.raises(InputError, match="must be a JSON-LD object or array"):
        embed(b"<title>t</title>", 42)  # type: ignore[call-overload]
    with pytest.raises(InputError, match=r"^g\.jsonld:1:11: not JSON: NaN is not a JSON number"):
        parse_graph(b'{"a": [1, NaN]}', source="g.jsonld")
    assert parse_graph(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_embedded_graph_reads_blocks_back() -> None:
    assert embedded_graph(b"<title>t</title>") is None
    page = '<head>\n<script data-ldpub type="application/ld+json">{"a": "é",\n "b": }</script>'
    with pytest.raises(InputError, match=r"^p\.html:3:7: the ldpub JSON-LD block is not JSON"):
        embedded_graph(page.encode(), source="p.html")
    with pytest.raises(InputError, match=r"^p\.html:3:7: the ldpub JSON-LD block is not JSON"):
        embedded_graph(page, source="p.html")
    page = page.replace("}<", '"ü"}<')
    assert embedded_graph(page.encode()) == embedded_graph(page) == {"a": "é", "b": "ü"}


def test_truncated_and_mangled_pages_never_crash() -> None:
    """Every prefix of the tricky page, and random damage to it: an embedded page that
    changed only by the block, or an InputError; nothing else."""
    page = (EMBED_DATA / "tricky.html").read_bytes()
    rng = random.Random(5)
    pages = [page[:n] for n in range(len(page))]
    for _ in range(300):
        damaged = bytearray(page)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.choice(b"<>/!-\"'= \n\x00\xff")
        pages.append(bytes(damaged))
    outcomes = {"ok": 0, "error": 0}
    for candidate in pages:
        try:
            out = embed(candidate, {"a": "</script>"})
        except InputError:
            outcomes["error"] += 1
            continue
        outcomes["ok"] += 1
        try:
            had_block = embedded_graph(candidate) is not None
        except InputError:  # damage inside the page's own ldpub-marked block
            had_block = True
        if not had_block:
            inserted_span(candidate, out)
        assert embed(out, {"a": "</script>"}) == out
    assert outcomes["ok"] > 100 and outcomes["error"] > 100
