"""Wrong-tool detection: an input handed to the command that does not take it, and the one that does.

Each function returns the message to print (naming the command to use instead), or ``None``
when the input looks like what the command expects.
"""

from __future__ import annotations

import re
from pathlib import Path

from ldpub.inputs import HTML_SUFFIXES, JSON_SUFFIXES, RDF_SUFFIXES, RECORD_SUFFIXES, TEXT_SUFFIXES, looks_like_html

BUILT_SUFFIXES = RDF_SUFFIXES | {".jsonld"}


def for_build(source: str, text: str | None = None) -> str | None:
    """``ldpub build`` takes article records (YAML or JSON); pages, texts and built output go elsewhere."""
    suffix = Path(source).suffix.lower()
    if text is not None and looks_like_html(text):
        return (
            "standard input is an HTML page, not an article record; save it (page.html) and make a record "
            "from it with `ldpub extract page.html -o page.yaml`, then `ldpub build page.yaml`"
        )
    if suffix in HTML_SUFFIXES:
        return (
            f"{source} is an HTML page, not an article record; make a record from it with "
            f"`ldpub extract {source} -o {Path(source).stem}.yaml`, then `ldpub build {Path(source).stem}.yaml`"
        )
    if suffix in TEXT_SUFFIXES:
        return (
            f"{source} is plain text, not an article record; make a record from it with "
            f"`ldpub extract {source} -o {Path(source).stem}.yaml`, then `ldpub build {Path(source).stem}.yaml`"
        )
    if suffix in BUILT_SUFFIXES:
        return (
            f"{source} is already built output, not an article record; check it with `ldpub validate {source}` "
            f"or load it with `ldpub load {source}`"
        )
    return None


def for_validate(source: str) -> str | None:
    """``ldpub validate`` takes JSON-LD and HTML; an article record is checked by ``ldpub build``."""
    suffix = Path(source).suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return (
            f"{source} is an article record (YAML), not JSON-LD or HTML; check it with `ldpub build {source}` "
            f"(it reports every problem of the record), or validate what it builds: "
            f"`ldpub build {source} | ldpub validate -`"
        )
    if suffix in TEXT_SUFFIXES:
        return f"{source} is plain text, not JSON-LD or HTML; make a record from it with `ldpub extract {source}`"
    return None


RECORD_LIKE_SUFFIXES = RECORD_SUFFIXES | JSON_SUFFIXES
# The first line of a record written as YAML or JSON: a document marker, a brace, or a record's field.
_RECORD_START = re.compile(r'^(?:---\s*$|[{\[]|"?@context"?\s*:|(?:url|headline|type|publisher|entities)\s*:)')


def for_extract(source: str, text: str | None = None) -> str | None:
    """``ldpub extract`` reads pages and prose; a record (YAML, JSON, JSON-LD) is already what it would make."""
    suffix = Path(source).suffix.lower()
    if suffix == ".jsonld":
        built = "JSON-LD, as `ldpub build` writes it"
        return f"{source} is already a record ({built}); check it with `ldpub validate {source}`"
    if suffix in RECORD_LIKE_SUFFIXES:
        return f"{source} is already a record, not a page or a text; use `ldpub build {source}`"
    if text is not None and _is_record(text):
        return f"{source} is already a record (YAML or JSON), not article prose; use `ldpub build` on it"
    return None


def _is_record(text: str) -> bool:
    """Text that parses as a YAML or JSON mapping with an article's fields (``headline`` and ``url`` or ``body``)."""
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    if not _RECORD_START.match(first.strip()):
        return False
    import yaml

    try:
        data = yaml.safe_load(text[:1_000_000])
    except yaml.YAMLError:
        return False
    if (isinstance(data, dict) and "@graph" in data) or (isinstance(data, list) and data and isinstance(data[0], dict)):
        return True
    return isinstance(data, dict) and "headline" in data and ("url" in data or "body" in data)
