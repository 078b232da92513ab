"""Line and column in the original file: JSON files, blocks inside pages, repaired blocks."""

from __future__ import annotations

import json

from ldpub.jsonld.positions import json_positions
from ldpub.validate import Validator
from tests.support import EXAMPLES as EXAMPLES_DIR

from .conftest import check


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of ``needle`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def test_json_positions_cover_keys_array_items_and_escapes() -> None:
    text = '{\n "a/b": [1, {"c~d": "x"}],\n "e\\u0041": {"f": [true, null]}}'
    positions = json_positions_dict(text)
    assert text[positions["/a~1b"]] == '"' and text[positions["/a~1b"] + 1] == "a"
    assert text[positions["/a~1b/1/c~0d"] + 1 : positions["/a~1b/1/c~0d"] + 4] == "c~d"
    assert text[positions["/eA/f/1"] : positions["/eA/f/1"] + 4] == "null"
    assert positions[""] == 0


def json_positions_dict(text: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    assert json_positions(text, positions) is True
    return positions


def test_finding_in_second_block_of_a_page_has_the_page_line_and_column() -> None:
    block1 = json.dumps({"@context": "https://schema.org", "@type": "WebSite", "name": "Example"})
    block2 = '{\n      "@context": "https://schema.org",\n      "@type": "NewsArticle",\n      "headlin": "x"\n    }'
    html = (
        "<!DOCTYPE html>\n<html>\n  <head>\n    <title>t</title>\n"
        f'    <script type="application/ld+json">{block1}</script>\n'
        f'    <script type="application/ld+json">\n    {block2}\n    </script>\n'
        "  </head>\n  <body><p>text</p></body>\n</html>\n"
    )
    [finding] = check(html, html=True).findings
    assert finding.code == "LD021" and finding.pointer == "/headlin"
    assert (finding.line, finding.column) == where(html, '"headlin"')


def test_positions_survive_repairs() -> None:
    body = (
        '{\n  "@context": "https://schema.org",\n  "@type": "NewsArticle",\n  "headline": "a\tb",\n  "auther": "x"\n};'
    )
    html = f'<html><head>\n<script type="application/ld+json">\n//<![CDATA[\n{body}\n//]]>\n</script></head></html>'
    findings = check(html, html=True).findings
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"LD002", "LD003", "LD005", "LD021"}
    assert (by_code["LD021"].line, by_code["LD021"].column) == where(html, '"auther"')
    assert (by_code["LD005"].line, by_code["LD005"].column) == where(html, "\t")
    line, column = where(html, "};")
    assert (by_code["LD002"].line, by_code["LD002"].column) == (line, column + 1)


def test_positions_survive_entity_decoding() -> None:
    body = (
        "{&quot;@context&quot;: &quot;https://schema.org&quot;,\n"
        " &quot;@type&quot;: &quot;Person&quot;, &quot;nmae&quot;: &quot;J&quot;}"
    )
    html = f'<html><head><script type="application/ld+json">{body}</script></head></html>'
    findings = {f.code: f for f in check(html, html=True).findings}
    assert set(findings) == {"LD004", "LD021"}
    assert (findings["LD021"].line, findings["LD021"].column) == where(html, "&quot;nmae")


def test_malformed_json_reports_the_fault_position_in_the_page() -> None:
    html = (
        '<html>\n<head>\n<script type="application/ld+json">\n'
        '{"@context": "https://schema.org",\n "name": "x" "y"}\n</script>\n</head></html>'
    )
    [finding] = check(html, html=True).findings
    assert finding.code == "LD001"
    assert (finding.line, finding.column) == where(html, '"y"')


def test_crlf_and_bom_files() -> None:
    text = '\ufeff{\r\n  "@context": "https://schema.org",\r\n  "@type": "Person",\r\n  "nmae": "J"\r\n}\r\n'
    [finding] = Validator().check_bytes(text.encode("utf-8"), "x.jsonld", suffix=".jsonld").findings
    assert (finding.line, finding.column) == (4, 3)


def test_json_locate_agrees_with_the_full_scan_on_every_pointer() -> None:
    from ldpub.jsonld.positions import json_locate

    for path in sorted((EXAMPLES_DIR).glob("*.jsonld")):
        text = path.read_text(encoding="utf-8")
        positions = json_positions_dict(text)
        seen: dict[str, tuple[int, int]] = {}  # shared, as for the findings of one document
        for pointer, offset in positions.items():
            assert json_locate(text, pointer) == offset, pointer
        for pointer in sorted(positions, reverse=True):
            assert json_locate(text, pointer, seen) == positions[pointer], pointer
    text = '{"a": 1, "a": {"b": [10, {"c": 2}]}, "d~/e": 3}'  # duplicate keys: the last wins
    assert json_locate(text, "/a/b/1/c") == text.index('"c"')
    assert json_locate(text, "/d~0~1e") == text.index('"d~/e"')
    assert json_locate(text, "/a/b/7") == text.index('"b"')  # missing: the nearest ancestor (its key)
    assert json_locate(text, "/zzz") == 0


def test_crlf_and_cr_pages_keep_exact_positions() -> None:
    html = (
        '<html>\r\n<head>\r\n<script type="application/ld+json">\r\n{"@context": "https://schema.org",\r\n'
        ' "@type": "Person",\r\n "nmae": "x"}\r\n</script>\r\n</head></html>'
    )
    for page in (html, html.replace("\r\n", "\r")):
        [finding] = Validator().check_bytes(page.encode(), "p.html", suffix=".html").findings
        assert (finding.code, finding.line, finding.column) == ("LD021", 6, 2)
