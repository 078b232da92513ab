from __future__ import annotations

from typing import Any

import pytest

from ldpub.validate import Report, Validator
from tests.support import ROOT

DATA = ROOT / "tests" / "data" / "validate"

_VALIDATORS: dict[tuple[str, ...], Validator] = {}


def validator(*profiles: str) -> Validator:
    """One compiled validator per profile set for the whole session (as a long-running process would)."""
    if profiles not in _VALIDATORS:
        _VALIDATORS[profiles] = Validator(list(profiles))
    return _VALIDATORS[profiles]


def check(doc: Any, *profiles: str, html: bool = False) -> Report:
    """Validate a document (dict/list → JSON text; str → JSON-LD or, with html=True, a page)."""
    import orjson

    text = doc if isinstance(doc, str) else orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode()
    return validator(*profiles).check_bytes(
        text.encode("utf-8"), "doc.html" if html else "doc.jsonld", suffix=".html" if html else ".jsonld"
    )


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


@pytest.fixture
def article() -> dict[str, Any]:
    """A NewsArticle as publishers write it: nested author and publisher, an image URL."""
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": "https://news.example.org/2024/a.html#article",
        "headline": "Council approves the new bridge",
        "url": "https://news.example.org/2024/a.html",
        "datePublished": "2024-05-01T09:00:00+02:00",
        "dateModified": "2024-05-01T11:30:00+02:00",
        "image": ["https://news.example.org/img/bridge-1x1.jpg", "https://news.example.org/img/bridge-16x9.jpg"],
        "author": [{"@type": "Person", "name": "Jane Doe", "url": "https://news.example.org/staff/jane-doe"}],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "@id": "https://news.example.org/#org",
            "name": "Example News",
            "logo": {"@type": "ImageObject", "url": "https://news.example.org/logo.png", "width": 600, "height": 60},
        },
    }
