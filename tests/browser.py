"""A real headless Chromium for the pages tests (selenium + Debian's /usr/bin/chromedriver).

Skipped when Chromium, chromedriver or selenium is missing, unless LDPUB_REQUIRE_REAL=1 (CI),
where that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import REQUIRE_REAL

# Everything the browser sees, in document order, minus ldpub's block and whitespace-only
# text: what embedding must leave as it was.
_DOM_SIGNATURE_JS = """
const out = [];
function walk(node, path) {
  for (const c of node.childNodes) {
    if (c.nodeType === 1) {
      if (c.matches('script[data-ldpub]')) continue;
      const attrs = [...c.attributes].map(a => [a.name, a.value]);
      out.push([path, c.nodeName, attrs]);
      walk(c, path + '/' + c.nodeName);
      if (c instanceof HTMLTemplateElement) walk(c.content, path + '/' + c.nodeName + '#content');
    } else if (c.nodeType === 3) {
      if (c.data.trim()) out.push([path, '#text', c.data.trim()]);
    } else if (c.nodeType === 8) {
      out.push([path, '#comment', c.data]);
    }
  }
}
walk(document, '');
return JSON.stringify({
  dom: out,
  mode: document.compatMode,
  charset: document.characterSet,
  title: document.title,
});
"""

_LD_JSON_JS = """
return JSON.stringify([...document.querySelectorAll('script[type="application/ld+json"]')]
  .map(s => ({
    ldpub: s.hasAttribute('data-ldpub'),
    inHead: s.parentNode === document.head,
    data: JSON.parse(s.textContent),
  })));
"""


def _missing(what: str) -> None:
    message = f"{what} is not available"
    if REQUIRE_REAL:
        pytest.fail(f"{message} (LDPUB_REQUIRE_REAL=1)")
    pytest.skip(message)


class Browser:
    """A page-loading helper over one Chromium session."""

    def __init__(self, driver: Any, workdir: Path) -> None:
        self.driver = driver
        self.workdir = workdir
        self._count = 0

    def open(self, page: bytes, name: str = "page.html") -> None:
        """Load ``page`` (its exact bytes) from a file:// URL and wait until it has loaded."""
        self._count += 1
        # file:// pages are typed by their extension: keep ".html" last.
        suffix = ".xhtml" if name.endswith(".xhtml") else ".html"  # .xhtml: parsed as XML
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name.removesuffix(suffix))
        path = self.workdir / f"{self._count}-{stem}{suffix}"
        path.write_bytes(page)
        self.driver.get(path.as_uri())
        state = self.driver.execute_script("return document.readyState")
        assert state == "complete", f"{name} did not load: {state}"

    def ld_json(self) -> list[dict[str, Any]]:
        """Every application/ld+json block, parsed with the page's own JSON.parse (a block
        that does not parse makes the script throw, which fails the test)."""
        result: list[dict[str, Any]] = json.loads(self.driver.execute_script(_LD_JSON_JS))
        return result

    def dom_signature(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.driver.execute_script(_DOM_SIGNATURE_JS))
        return result

    def js(self, expression: str) -> Any:
        return self.driver.execute_script(f"return {expression}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the whole session (starting one takes ~1 s)."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if binary is None:
        _missing("chromium")
    if not os.path.exists(driver_path):
        _missing("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium")
    with tempfile.TemporaryDirectory(prefix="ldpub-chromium-") as tmp:
        options = webdriver.ChromeOptions()
        options.binary_location = str(binary)
        for arg in (
            "--headless=new",
            "--no-sandbox",  # required as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp}/profile",
        ):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            pages = Path(tmp) / "pages"
            pages.mkdir()
            yield Browser(driver, pages)
        finally:
            driver.quit()


# --------------------------------------------------------------------------- embed data

EMBED_DATA = Path(__file__).resolve().parent / "data" / "pages" / "embed"
EMBED_PAGES = sorted(p.name for p in EMBED_DATA.glob("*.html"))

# Values crafted to break out of a <script> block, each setting window.__pwned if it did.
BREAKOUT_GRAPH: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": "https://example.org/a?x=1&y=2#article",
    "headline": "</script><script>window.__pwned = 1</script>",
    "alternativeHeadline": "</SCRIPT ><script>window.__pwned = 2</script>",
    "description": "<!-- <script>window.__pwned = 3</script> -->",
    "abstract": "]]><script>window.__pwned = 4</script><![CDATA[",
    "text": "</script\t><script>window.__pwned = 5</script></script/ x>",
    "keywords": ["<!--", "-->", "<script>", "</script", "&lt;/script&gt;", "&amp;", "<\\/script>"],
    "articleBody": "line\u2028separator\u2029paragraph \\u003c/script\\u003e",
    "inLanguage": "ar",
    "alternateName": ["مغاوير الثورة", "😀 \u0000 \x7f \ufeff"],
    "</script><script>window.__pwned = 6</script>": "a key that tries it too",
    "wordCount": 1234,
    "isAccessibleForFree": True,
    "copyrightYear": None,
    "speakable": {"cssSelector": ["h1 > a", "p:not(.x)"]},
}


def _crlf(page: bytes) -> bytes:
    return page.replace(b"\n", b"\r\n")


# Each fixture page as-is, with CRLF or CR line ends, with a UTF-8 BOM and CRLF, as UTF-16.
VARIANTS = {
    "lf": lambda page: page,
    "crlf": _crlf,
    "cr": lambda page: page.replace(b"\n", b"\r"),
    "bom-crlf": lambda page: b"\xef\xbb\xbf" + _crlf(page),
    "utf16le": lambda page: b"\xff\xfe" + page.decode("utf-8").encode("utf-16-le"),
}


@pytest.fixture(params=[(n, v) for n in EMBED_PAGES for v in VARIANTS], ids=lambda p: "-".join(p))
def embed_page(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    """(name, bytes) of every fixture page in every variant."""
    name, variant = request.param
    return f"{name}[{variant}]", VARIANTS[variant]((EMBED_DATA / name).read_bytes())


@pytest.fixture
def article_graph() -> dict[str, Any]:
    graph: dict[str, Any] = json.loads((EMBED_DATA / "article.jsonld").read_text("utf-8"))
    return graph
