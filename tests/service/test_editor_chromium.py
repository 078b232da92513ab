"""The editor's page in real headless Chromium: paste the seed, see its graph and zero errors; paste a
broken document, see each finding at its line. Screenshots go to .ci/artifacts/ (kept by CI)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import Browser
from tests.service.conftest import running_service
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


def fresh(browser: Browser, service: str) -> None:
    """The page as a first visit sees it (nothing kept from an earlier test), once it has started."""
    browser.driver.get(service + "/")
    browser.driver.execute_script("localStorage.clear()")
    browser.driver.get(service + "/")
    deadline = time.monotonic() + 20
    while browser.js("document.body.dataset.ready") != "yes":
        assert time.monotonic() < deadline, "the page never started"
        time.sleep(0.05)


def _check(browser: Browser, service: str, text: str, kind: str = "auto") -> str:
    driver = browser.driver
    fresh(browser, service)
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
    marked = chromium.js("[...document.querySelectorAll('#lines span.error')].map(s => s.id)")
    assert marked == ["line-5", "line-6"]
    _screenshot(chromium, "editor-broken.png")


def test_a_record_with_problems_is_marked_in_the_record(chromium: Browser, service: str) -> None:
    text = Path(EXAMPLES / "syrian-observer-al-tanf.yaml").read_text()
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("published:"))
    broken = text.replace(lines[number - 1], 'published: "2022-13-01"')
    status = _check(chromium, service, broken, "record")
    assert status.startswith("1 error"), status
    assert chromium.js("[...document.querySelectorAll('#lines span.error')].map(s => s.id)") == [f"line-{number}"]


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
    fresh(chromium, service)
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


# --------------------------------------------------------------------------- the finished editor (issue 28)

SEED_TEXT = EXAMPLES / "syrian-observer-al-tanf.txt"
TEXT_FIELDS = {
    "f-url": "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html",
    "f-published": "2022-09-20 10:00",
    "f-timezone": "Asia/Damascus",
    "f-language": "en",
}
# Two of the seed's entities: the rest of its names are candidates.
SMALL_AUTHORITY = """@prefix schema: <https://schema.org/> .
<https://syrianobserver.com/entity/muhammad-farid-al-qassem> a schema:Person ;
    schema:name "Muhammad Farid al-Qassem" ; schema:alternateName "Farid Qassem", "Qassem" .
<https://syrianobserver.com/entity/maghawir-al-thawra> a schema:Organization ;
    schema:name "Maghawir al-Thawra" .
"""
RANK = {"error": 0, "warning": 1, "info": 2}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, service_cwd: Path) -> Iterator[tuple[str, Path]]:
    """``ldpub serve --authority FILE --writable``: its URL and its authority file."""
    path = tmp_path_factory.mktemp("writable") / "entities.ttl"
    path.write_text(SMALL_AUTHORITY, encoding="utf-8")
    with running_service("--authority", str(path), "--writable", cwd=service_cwd) as url:
        yield url, path


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory, service_cwd: Path) -> Iterator[tuple[str, Path]]:
    """``ldpub serve --authority FILE`` (read, never written)."""
    path = tmp_path_factory.mktemp("read-only") / "entities.ttl"
    path.write_text(SMALL_AUTHORITY, encoding="utf-8")
    with running_service("--authority", str(path), cwd=service_cwd) as url:
        yield url, path


def wait_for_check(browser: Browser, before: str = "") -> str:
    deadline = time.monotonic() + 90
    while (status := browser.js("document.getElementById('status').textContent")) in ("", "checking…", before):
        assert time.monotonic() < deadline, "the page never finished checking"
        time.sleep(0.1)
    return str(status)


def type_text(browser: Browser, service: str, text: str, fields: dict[str, str]) -> None:
    """A first visit: the text pasted into the input, the fields typed in."""
    from selenium.webdriver.common.by import By

    fresh(browser, service)
    browser.driver.execute_script(
        "const input = document.getElementById('input'); input.value = arguments[0];"
        "input.dispatchEvent(new Event('input'));",
        text,
    )
    for field, value in fields.items():
        element = browser.driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)


def findings(browser: Browser) -> list[dict[str, Any]]:
    script = """return [...document.querySelectorAll('#findings li')].map(li => {
      const a = li.querySelector('a');
      const id = a ? a.getAttribute('href').slice(1) : null;
      const exists = id !== null && !!document.getElementById(id);
      return {severity: li.dataset.severity, text: li.textContent, target: id, exists};
    })"""
    result: list[dict[str, Any]] = browser.driver.execute_script(script)
    return result


def test_plain_text_with_its_fields_builds_with_no_errors(chromium: Browser, service: str) -> None:
    from selenium.webdriver.common.by import By

    text = SEED_TEXT.read_text(encoding="utf-8")
    type_text(chromium, service, text, {"f-timezone": ""})
    assert chromium.js("document.getElementById('text-fields').hidden") is False  # a plain text: the fields show
    chromium.driver.find_element(By.ID, "check").click()
    status = wait_for_check(chromium)
    assert not status.startswith("0 errors") and status.endswith("nothing built"), status
    # what is missing points to the field that gives it (a URL is required; a date only recommended)
    targets = {f["target"] for f in findings(chromium) if f["severity"] == "error"}
    assert "f-url" in targets, findings(chromium)

    type_text(chromium, service, text, TEXT_FIELDS)
    chromium.driver.find_element(By.ID, "check").click()
    status = wait_for_check(chromium)
    assert status.startswith("0 errors,"), status
    assert "nothing built" not in status
    assert '"@type": "NewsArticle"' in chromium.js("document.getElementById('jsonld').textContent")
    assert '"datePublished": "2022-09-20T10:00:00+03:00"' in chromium.js(
        "document.getElementById('jsonld').textContent"
    )
    assert chromium.js("document.querySelectorAll('#picture svg g.node').length") > 10
    _screenshot(chromium, "editor-text.png")


def test_findings_are_sorted_and_each_links_to_its_spot(chromium: Browser, service: str) -> None:
    """A page with problems of its own: errors, then warnings (then notes), each with a link that
    leads to its line, its field or its name in the text; following one moves the focus there."""
    page = (EXAMPLES / "pages" / "syrian-observer-al-tanf.embedded.html").read_text(encoding="utf-8")
    broken = page.replace('"datePublished"', '"datePublised"', 1).replace('"headline": ', '"headline": 7, "x": ', 1)
    status = _check(chromium, service, broken)
    found = findings(chromium)
    assert any(f["severity"] == "error" for f in found) and any(f["severity"] == "warning" for f in found), found
    ranks = [RANK[f["severity"]] for f in found]
    assert ranks == sorted(ranks), [f["severity"] for f in found]
    assert all(f["target"] and f["exists"] for f in found), [f for f in found if not f["exists"]]
    first = found[0]
    assert first["target"].startswith("line-"), first  # the page's own error, at its line
    chromium.driver.find_element("css selector", "#findings li a").click()
    assert chromium.js("document.activeElement.id") == first["target"]
    assert status.split()[0] == str(sum(f["severity"] == "error" for f in found))


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("record", (EXAMPLES / "syrian-observer-al-tanf.yaml").read_text(encoding="utf-8"), "auto"),
        ("json-ld", (EXAMPLES / "fact-check-rukban-aid.jsonld").read_text(encoding="utf-8"), "auto"),
        ("page", (EXAMPLES / "pages" / "syrian-observer-al-tanf.html").read_text(encoding="utf-8"), "auto"),
        (
            "json-ld with errors",
            '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublised": 1}',
            "auto",
        ),
        ("eighty nodes", (EXAMPLES / "pictures" / "eighty-nodes.yaml").read_text(encoding="utf-8"), "record"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "",
)
def test_every_input_that_builds_gets_a_picture(
    chromium: Browser, service: str, name: str, text: str, kind: str
) -> None:
    status = _check(chromium, service, text, kind)
    assert "nothing built" not in status, status
    nodes = chromium.js("document.querySelectorAll('#picture svg g.node').length")
    assert nodes >= 1, f"{name}: no picture ({status})"


def test_a_page_whose_record_is_incomplete_shows_its_own_structured_data(chromium: Browser, service: str) -> None:
    """Nothing builds from a page that names no URL, but its own JSON-LD is drawn."""
    page = (ROOT / "tests" / "data" / "pages" / "evidence" / "zoneless-jsonld.html").read_text(encoding="utf-8")
    page = page.replace('<link rel="canonical" href="https://coastgazette.example/local/bridge-reopens">', "")
    status = _check(chromium, service, page)
    assert status.endswith("nothing built"), status
    assert chromium.js("document.querySelectorAll('#picture svg g.node').length") == 2
    assert "page's own structured data" in chromium.js("document.getElementById('picture').getAttribute('aria-label')")


def test_accept_writes_to_the_authority_only_when_the_server_may(
    chromium: Browser, service: str, writable: tuple[str, Path], read_only: tuple[str, Path]
) -> None:
    import httpx

    text = SEED_TEXT.read_text(encoding="utf-8")
    entry = {"key": "athr-press", "type": "NewsMediaOrganization", "name": "Athr Press"}
    # no authority, and an authority opened read-only: candidates listed, no accept control, the route refuses
    for url, path in ((service, None), read_only):
        before = path.read_bytes() if path else None
        type_text(chromium, url, text, TEXT_FIELDS)
        chromium.driver.find_element("id", "check").click()
        wait_for_check(chromium)
        keys = chromium.js("[...document.querySelectorAll('#candidates li')].map(li => li.dataset.key)")
        assert "athr-press" in keys
        assert chromium.js("document.querySelectorAll('#candidates button').length") == 0
        assert "ldpub entities add athr-press" in chromium.js("document.getElementById('candidates').textContent")
        refused = httpx.post(url + "/authority/entities", json=entry)
        assert refused.status_code == 403, refused.text
        assert "--authority FILE --writable" in refused.json()["error"]["message"]
        if path:
            assert path.read_bytes() == before
    # started with --authority FILE --writable: the control is there, and accepting writes the file
    url, path = writable
    type_text(chromium, url, text, TEXT_FIELDS)
    chromium.driver.find_element("id", "check").click()
    before = wait_for_check(chromium)
    assert chromium.js("document.querySelectorAll('#candidates button.accept').length") > 5
    chromium.driver.find_element("css selector", "#candidates li[data-key='athr-press'] button.accept").click()
    deadline = time.monotonic() + 60
    while "athr-press" in chromium.js("[...document.querySelectorAll('#candidates li')].map(li => li.dataset.key)"):
        assert time.monotonic() < deadline, "the accepted candidate is still listed"
        time.sleep(0.2)
    from ldpub.entities import Authority

    accepted = Authority.load(path).entities["athr-press"]
    assert (accepted.iri, accepted.type, accepted.name) == (
        "https://syrianobserver.com/entity/athr-press",
        "NewsMediaOrganization",
        "Athr Press",
    )
    assert path.read_text(encoding="utf-8").startswith(SMALL_AUTHORITY)  # the rest kept as written
    assert before != wait_for_check(chromium, before)


def test_a_reload_keeps_the_input_and_the_fields(chromium: Browser, service: str) -> None:
    from selenium.webdriver.common.by import By

    text = SEED_TEXT.read_text(encoding="utf-8")
    type_text(chromium, service, text, TEXT_FIELDS)
    chromium.driver.find_element(By.ID, "check").click()
    wait_for_check(chromium)
    chromium.driver.refresh()
    status = wait_for_check(chromium)  # the kept input is checked again
    assert chromium.js("document.getElementById('input').value") == text
    for field, value in TEXT_FIELDS.items():
        assert chromium.js(f"document.getElementById('{field}').value") == value
    assert status.startswith("0 errors,"), status
    chromium.driver.find_element(By.ID, "clear").click()
    chromium.driver.refresh()
    assert chromium.js("document.getElementById('input').value") == ""


def test_keyboard_alone_checks_a_text_and_follows_a_finding(chromium: Browser, writable: tuple[str, Path]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    url, _ = writable
    fresh(chromium, url)
    keys = ActionChains(chromium.driver)

    def tab_to(element_id: str, limit: int = 40) -> None:
        for _ in range(limit):
            if chromium.js("document.activeElement && document.activeElement.id") == element_id:
                return
            keys.send_keys(Keys.TAB).perform()
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("input")
    keys.send_keys(
        "Meetings Between U.S. Officials and al-Qassem in al-Tanf\n\nQassem met officials of the Jordanian "
        "intelligence on Saturday, according to the Political Commission of Rukban Camp.\n"
    ).perform()
    for field, value in TEXT_FIELDS.items():
        tab_to(field)
        keys.key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(value).perform()
    keys.send_keys(Keys.ENTER).perform()  # Enter in a field submits the form
    wait_for_check(chromium)
    link = chromium.js("document.querySelector('#findings li a').id || ''")
    assert link == ""  # links have no id: reach the first one by Tab
    for _ in range(40):
        keys.send_keys(Keys.TAB).perform()
        if chromium.js("document.activeElement.closest('#findings') !== null"):
            break
    target = chromium.js("document.activeElement.getAttribute('href')")
    assert target and target.startswith("#"), target
    keys.send_keys(Keys.ENTER).perform()
    assert chromium.js("document.activeElement.id") == target[1:]
    # and a candidate is accepted with the keyboard too
    tab_to_accept = "document.activeElement.classList.contains('accept')"
    for _ in range(80):
        keys.send_keys(Keys.TAB).perform()
        if chromium.js(tab_to_accept):
            break
    assert chromium.js(tab_to_accept), "Tab never reached an Accept button"


def axe_violations(browser: Browser) -> list[dict[str, Any]]:
    """axe-core (the copy axe-selenium-python ships, run in the page: no network) on the whole page."""
    import axe_selenium_python

    script = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    browser.driver.execute_script(script.read_text(encoding="utf-8"))
    browser.driver.set_script_timeout(240)
    results: dict[str, Any] = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(done, (e) => done({error: String(e)}));"
    )
    assert "error" not in results, results
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def test_axe_core_finds_no_serious_violation(chromium: Browser, writable: tuple[str, Path]) -> None:
    """On the empty page, and on the page showing a text's findings, fields, candidates with their
    accept control, picture, record and JSON-LD: keyboard access, names, contrast (WCAG 2 A/AA and
    axe's best practices)."""
    from selenium.webdriver.common.by import By

    url, _ = writable
    fresh(chromium, url)
    empty = axe_violations(chromium)
    type_text(chromium, url, SEED_TEXT.read_text(encoding="utf-8"), TEXT_FIELDS)
    chromium.driver.find_element(By.ID, "check").click()
    wait_for_check(chromium)
    assert chromium.js("document.querySelectorAll('#candidates button.accept').length") > 0
    full = axe_violations(chromium)
    serious = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in empty + full
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    chromium.driver.execute_script(  # axe scrolled the views while it looked: back to their tops
        "for (const id of ['lines', 'record', 'jsonld']) document.getElementById(id).scrollTop = 0;"
        "centre(document.getElementById('picture')); window.scrollTo(0, 0);"
    )
    _screenshot(chromium, "editor-candidates.png")  # docs/editor.png is a copy of it
