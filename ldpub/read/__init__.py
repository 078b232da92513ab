"""Read: published pages and plain text → the fields of an article record.

``extract_html`` reads an HTML page (its structured data as evidence, trafilatura for the
body); ``ldpub.read.text.extract_text`` reads plain text. Both return an
:class:`ExtractResult`: the record and the warnings about what could not be established.

The extractors are imported on first use (trafilatura is slow to import), so that commands
which never extract do not pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ldpub.read.result import ExtractResult, ExtractWarning

if TYPE_CHECKING:
    from ldpub.read.html import extract_html, extract_html_file
    from ldpub.read.safe_html import MAX_PAGE_BYTES

_LAZY = {
    "extract_html": "ldpub.read.html",
    "extract_html_file": "ldpub.read.html",
    "MAX_PAGE_BYTES": "ldpub.read.safe_html",
    "extract_text": "ldpub.read.text",  # the plain-text extractor (its own module)
}

__all__ = [
    "MAX_PAGE_BYTES",
    "ExtractResult",
    "ExtractWarning",
    "extract_html",
    "extract_html_file",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
