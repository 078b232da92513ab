"""Embedded pages in a real headless Chromium: they load, every JSON-LD block parses with
JSON.parse, ldpub's block holds exactly the graph, nothing in it runs, and the browser sees
the rest of the page exactly as before."""

from __future__ import annotations

import random
from typing import Any

import pytest

import ldpub
from ldpub.embed import embed
from tests.browser import BREAKOUT_GRAPH, EMBED_DATA, Browser
from tests.support import ROOT

pytestmark = pytest.mark.browser


def ldpub_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [b for b in blocks if b["ldpub"]]


def check_embedded(
    chromium: Browser, page: bytes, graph: Any, name: str, *, in_head: bool = True
) -> list[dict[str, Any]]:
    """Load the page before and after embedding; return the JSON-LD blocks Chromium reads."""
    chromium.open(page, name)
    before = chromium.dom_signature()
    before_blocks = chromium.ld_json()
    chromium.open(embed(page, graph), name)
    blocks = chromium.ld_json()  # JSON.parse of every block (throws if one does not parse)
    ours = ldpub_blocks(blocks)
    assert len(ours) == 1, f"expected one ldpub block, Chromium sees {len(ours)}"
    assert ours[0]["inHead"] == in_head, "the block is not in <head>" if in_head else "in <head>"
    assert ours[0]["data"] == graph
    assert [b for b in blocks if not b["ldpub"]] == [b for b in before_blocks if not b["ldpub"]]
    assert chromium.js("window.__pwned") is None, "a value broke out of the script"
    after = chromium.dom_signature()
    assert after == before, "the page reads differently apart from the block"
    return blocks


def test_breakout_values_stay_inside_the_block(chromium: Browser, embed_page: tuple[str, bytes]) -> None:
    name, page = embed_page
    check_embedded(chromium, page, BREAKOUT_GRAPH, name)
    # The page's own scripts do run: the window.__pwned check above can fail.
    assert chromium.js("window.__pageScriptRan") is True


def test_replacing_the_block_in_chromium(chromium: Browser, article_graph: dict[str, Any]) -> None:
    page = embed((EMBED_DATA / "basic.html").read_bytes(), BREAKOUT_GRAPH)
    check_embedded(chromium, page, article_graph, "replaced.html")


def test_legacy_encoding_page(chromium: Browser) -> None:
    text = (
        '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Café – “al-Tanf”</title>'
        "<script>window.__pageScriptRan = true;</script></head><body><p>Ünïcödé</p></body></html>"
    )
    page = text.encode("cp1252")
    graph = {"@context": "https://schema.org", "name": "Café – “al-Tanf” التنف 😀", "x": "</script>"}
    check_embedded(chromium, page, graph, "cp1252.html")
    assert chromium.js("document.characterSet") == "windows-1252"
    assert chromium.js("document.title") == "Café – “al-Tanf”"


LATE_CHARSET = """<!DOCTYPE html>
<html>
<head>
Stray text ends the head here.
<meta charset="utf-8">
<title>Café in al-Tanf \u2013 التنف</title>
<script>window.__pageScriptRan = true;</script>
</head>
<body><p>Ünïcödé</p></body>
</html>
"""


def test_charset_declared_after_the_head_ended(chromium: Browser) -> None:
    """The block must not push a late <meta charset> out of the browser's prescan: it goes
    after that <meta> (in the body, where the browser has put the <meta> too)."""
    check_embedded(chromium, LATE_CHARSET.encode(), BREAKOUT_GRAPH, "late.html", in_head=False)
    assert chromium.js("document.characterSet") == "UTF-8"
    assert chromium.js("document.title") == "Café in al-Tanf \u2013 التنف"


def test_xhtml_page_parsed_as_xml(chromium: Browser) -> None:
    """Served as XHTML the page is parsed as XML: the block must be well-formed there too."""
    page = (EMBED_DATA / "xhtml.html").read_bytes()
    check_embedded(chromium, page, BREAKOUT_GRAPH, "xhtml.xhtml")
    assert chromium.js("document.contentType") == "application/xhtml+xml"
    assert chromium.js("document.querySelector('parsererror')") is None
    assert chromium.js("window.__pageScriptRan") is True


def test_built_seed_article_reads_back_equal(chromium: Browser) -> None:
    article = ldpub.build(ROOT / "examples" / "syrian-observer-al-tanf.yaml")
    page = (ROOT / "examples" / "pages" / "syrian-observer-al-tanf.html").read_bytes()
    check_embedded(chromium, page, article.jsonld, "seed.html")
    assert chromium.js("document.title").startswith("Meetings Between U.S. Officials")


def test_example_embedded_page_reads_back_equal(chromium: Browser) -> None:
    article = ldpub.build(ROOT / "examples" / "syrian-observer-al-tanf.yaml")
    embedded = ROOT / "examples" / "pages" / "syrian-observer-al-tanf.embedded.html"
    chromium.open(embedded.read_bytes(), "seed-embedded.html")
    (ours,) = ldpub_blocks(chromium.ld_json())
    assert ours["data"] == article.jsonld
    assert ours["inHead"]


# Pieces of head markup that a scanner could misread; random pages are made of them.
PIECES = [
    "<!-- a comment with </head> <body> -->",
    "<!-->",
    "<!--->",
    "<!-- ends with --!>",
    "<!---->",
    '<script>var a = "<!-- <script> </script> </head> -->";</script>',
    "<script><!-- </script>",
    '<script>var b = "</scripts> </scriptx>";</script>',
    "<SCRIPT>var c = 1;</SCRIPT >",
    '<script>var d = 2;</script foo=">">',
    "<style>/* </head> <body> */</style>",
    "<title>t </head> <body> <!--</title>",
    "<noscript><p>x</p></noscript>",
    "<template><div>inert</div></head></template>",
    '<meta name="a" content="a > b">',
    "<meta name=b content='<script data-ldpub type=\"application/ld+json\">'>",
    '<link rel="x" href="y"/>',
    "<?php echo 1 ?>",
    "<!x y>",
    "</foo>",
    "</ br>",
    '<base href="/">',
    "\n  ",
    "\r\n",
    "\t",
    '<script type="application/ld+json">{"a": "<\\/script>"}</script>',
    "<html lang=en>",
    "<head>",
    "</head>",
    "<body>",
    "text",
    "</br>",
    "<p>para",
    "<textarea>x</head></textarea>",
    "<svg><![CDATA[ </head> ]]></svg>",
    '<svg><desc><script>var s = "</desc></svg><p>";</script></desc></svg>',
    '<meta charset="utf-8">',
    '<meta http-equiv="content-type" content="text/html; charset=utf-8">',
]

# Whether the page declares its charset only in the body (its head had ended before).
_LATE_CHARSET_JS = """(() => {
  const declares = el => !!el && [...el.querySelectorAll('meta')]
    .some(m => m.hasAttribute('charset') || /charset/i.test(m.getAttribute('content') || ''));
  return !declares(document.head) && declares(document.body);
})()"""


@pytest.mark.parametrize("seed", range(25))
def test_random_pages_read_the_same(chromium: Browser, seed: int) -> None:
    """Random arrangements of tricky pieces: Chromium reads the page as before, plus one block
    in the head holding the graph."""
    rng = random.Random(seed)
    doctype = "<!DOCTYPE html>\n" if rng.random() < 0.7 else ""
    page = doctype + "".join(rng.choice(PIECES) for _ in range(rng.randint(2, 12))) + "\n<p>end</p>"
    chromium.open(page.encode(), f"random-{seed}-before.html")
    late_charset = chromium.js(_LATE_CHARSET_JS)
    check_embedded(chromium, page.encode(), BREAKOUT_GRAPH, f"random-{seed}.html", in_head=not late_charset)
