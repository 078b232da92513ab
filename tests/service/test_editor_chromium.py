"""The editor's page in real headless Chromium: paste the seed, see its graph and zero errors; paste a
broken document, see each finding at its line. Screenshots go to .ci/artifacts/ (kept by CI)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.browser import Browser
from tests.support import EXAMPLES, ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / ".ci" / "artifacts"


def picture_labels(chromium: Browser) -> list[str]:
    """The picture's labels as read: a label's lines (one tspan each) joined by spaces."""
    script = (
        "[...document.querySelectorAll('#picture svg text')]"
        ".map(t => t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ')"
        " : t.textContent)"
    )
    labels: list[str] = chromium.js(script)
    return labels


def _check(browser: Browser, service: str, text: str, kind: str = "auto") -> str:
    driver = browser.driver
    driver.get(service + "/")
    driver.execute_script(
        "document.getElementById('input').value = arguments[0];document.getElementById('kind').value = arguments[1];",
        text,
        kind,
    )
    driver.execute_script("document.getElementById('check').click()")
    deadline = time.monotonic() + 60
    while (status := browser.js("document.getElementById('status').textContent")) in ("", "checking…"):
        assert time.monotonic() < deadline, "the page never finished checking"
        time.sleep(0.1)
    return str(status)


def _screenshot(browser: Browser, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.driver.set_window_size(1280, 2400)
    browser.driver.save_screenshot(str(ARTIFACTS / name))
    print(f"screenshot: {ARTIFACTS / name}")


def test_the_seed_record_shows_its_article_people_and_claims(chromium: Browser, service: str) -> None:
    status = _check(chromium, service, (EXAMPLES / "syrian-observer-al-tanf.yaml").read_text())
    assert status.startswith("0 errors"), status
    labels = picture_labels(chromium)
    joined = " ".join(labels)
    assert "Meetings Between" in joined  # the article
    assert "Muhammad Farid al-Qassem" in labels and "Maghawir al-Thawra" in labels  # a person, an organisation
    assert "claim" in labels and any(label.startswith("The proposal came at") for label in labels)  # its claims
    assert '"@type": "NewsArticle"' in chromium.js("document.getElementById('jsonld').textContent")
    assert chromium.js("document.getElementById('download').hidden") is False
    _screenshot(chromium, "editor-seed.png")


def test_a_broken_document_shows_each_finding_at_its_line(chromium: Browser, service: str) -> None:
    broken = (
        "{\n"
        '  "@context": "https://schema.org",\n'
        '  "@type": "NewsArticle",\n'
        '  "headline": "Bridge approved",\n'
        '  "datePublised": "2024-05-01T09:00:00+02:00",\n'
        '  "author": {"@type": "Person", "name": "Jane Doe", "birthDate": "yesterday"}\n'
        "}\n"
    )
    status = _check(chromium, service, broken)
    assert status.startswith("2 errors"), status
    findings = chromium.js("[...document.querySelectorAll('#findings li')].map(li => [li.className, li.textContent])")
    assert any(cls == "error" and "line 5" in text and "datePublised" in text for cls, text in findings), findings
    assert any(cls == "error" and "line 6" in text and "birthDate" in text for cls, text in findings), findings
    marked = chromium.js("[...document.querySelectorAll('#lines span.bad')].map(s => s.id)")
    assert marked == ["line-5", "line-6"]
    _screenshot(chromium, "editor-broken.png")


def test_a_record_with_problems_is_marked_in_the_record(chromium: Browser, service: str) -> None:
    text = Path(EXAMPLES / "syrian-observer-al-tanf.yaml").read_text()
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("published:"))
    broken = text.replace(lines[number - 1], 'published: "2022-13-01"')
    status = _check(chromium, service, broken, "record")
    assert status.startswith("1 error"), status
    assert chromium.js("[...document.querySelectorAll('#lines span.bad')].map(s => s.id)") == [f"line-{number}"]


_BLOB_TEXT_JS = """
const done = arguments[arguments.length - 1];
fetch(document.getElementById(arguments[0]).href).then(r => r.text()).then(done, e => done('failed: ' + e));
"""


def test_a_page_comes_back_with_the_block_embedded(chromium: Browser, service: str) -> None:
    page = (EXAMPLES / "pages" / "syrian-observer-al-tanf.html").read_text()
    status = _check(chromium, service, page)
    assert status.startswith("0 errors"), status
    assert chromium.js("document.getElementById('download-page').hidden") is False
    embedded = chromium.driver.execute_async_script(_BLOB_TEXT_JS, "download-page")
    assert 'data-ldpub="jsonld"' in embedded and "Meetings Between" in embedded
    # every byte of the page outside ldpub's block is kept
    assert embedded.count("<p") == page.count("<p")
    labels = picture_labels(chromium)
    assert "Muhammad Farid al-Qassem" in labels
    _screenshot(chromium, "editor-page.png")


def test_an_uploaded_file_is_checked(chromium: Browser, service: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    path = tmp_path / "seed.yaml"
    path.write_text((EXAMPLES / "syrian-observer-al-tanf.yaml").read_text())
    driver = chromium.driver
    driver.get(service + "/")
    driver.find_element(By.ID, "file").send_keys(str(path))
    deadline = time.monotonic() + 20
    while not chromium.js("document.getElementById('input').value"):
        assert time.monotonic() < deadline, "the uploaded file never reached the input"
        time.sleep(0.1)
    driver.find_element(By.ID, "check").click()
    while (status := chromium.js("document.getElementById('status').textContent")) in ("", "checking…"):
        assert time.monotonic() < deadline + 40, "the page never finished checking"
        time.sleep(0.1)
    assert str(status).startswith("0 errors"), status
    assert '"@type": "NewsArticle"' in chromium.js("document.getElementById('jsonld').textContent")


def test_markup_in_the_input_is_shown_as_text_and_never_runs(chromium: Browser, service: str) -> None:
    attack = '<img src=x onerror="window.__pwned=1">'
    document = (
        "{\n"
        '  "@context": "https://schema.org",\n'
        '  "@type": "NewsArticle",\n'
        f'  "headline": "{attack.replace(chr(34), chr(39))}",\n'
        f'  "author": {{"@type": "Person", "name": "</text><script>window.__pwned=2</script>"}},\n'
        '  "datePublised": "2024-05-01"\n'
        "}\n"
    )
    status = _check(chromium, service, document)
    assert status.startswith("1 error"), status
    time.sleep(0.5)  # an onerror handler would have run by now
    assert chromium.js("window.__pwned") is None
    labels = picture_labels(chromium)
    assert any("<img" in label for label in labels), labels
    assert chromium.js("document.querySelectorAll('#picture img, #picture script, #lines img').length") == 0
