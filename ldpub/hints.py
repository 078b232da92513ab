"""Wrong-tool detection: an input handed to the command that does not take it, and the one that does.

Each function returns the message to print (naming the command to use instead), or ``None``
when the input looks like what the command expects.
"""

from __future__ import annotations

from pathlib import Path

from ldpub.inputs import HTML_SUFFIXES, RDF_SUFFIXES, RECORD_SUFFIXES, TEXT_SUFFIXES, looks_like_html

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
