"""Ingest: published pages and plain text → article records.

``extract_html`` reads an HTML page (its structured data as evidence, trafilatura for the
body); ``ldpub.ingest.text.extract_text`` reads plain text. Both return an
:class:`ExtractResult`: the record and the warnings about what could not be established.
"""

from ldpub.ingest.html import extract_html, extract_html_file
from ldpub.ingest.result import ExtractResult, ExtractWarning
from ldpub.ingest.safe_html import MAX_PAGE_BYTES

__all__ = [
    "MAX_PAGE_BYTES",
    "ExtractResult",
    "ExtractWarning",
    "extract_html",
    "extract_html_file",
]
