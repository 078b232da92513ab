"""Reading untrusted pages safely: size cap, binary junk detection, decoding, offline parsing.

Pages come from anywhere, so nothing here touches the network or expands an entity: the HTML
is parsed by lxml's HTML parser (``no_network=True``; it does not process DTDs, so an
``<!ENTITY … SYSTEM …>`` is never loaded nor expanded) after the XML declaration and any
DOCTYPE (with its internal subset) are cut off.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html

from ldpub.errors import InputError, Location, TooLargeError
from ldpub.files import read_at_most

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""Default cap on a page's size; real article pages are well under 5 MB."""

# Signatures of common binary formats, for a clearer message than "binary data".
_MAGIC = {
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>\s*)?", re.IGNORECASE)


def read_page(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """Read a page file, refusing one larger than ``max_bytes``.

    Raises :class:`InputError` for an oversized file, :class:`OSError` if it cannot be read.
    """
    path = Path(path)
    data = read_at_most(path, max_bytes)
    if len(data) > max_bytes:
        raise TooLargeError(f"file is larger than the {max_bytes:,}-byte limit for a page", Location(str(path)))
    return data


def decode_page(data: bytes, *, source: str | None = None) -> str:
    """Decode page bytes to text: BOM or UTF-8, then the declared charset, then a guess.

    Raises :class:`InputError` when the bytes are empty or binary (an image, an archive, random
    bytes) rather than a text page.
    """
    where = Location(source)
    if not data.strip():
        raise InputError("the page is empty", where)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"expected an HTML page, found {what}", where)
    text = _decode(data)
    sample = text[:65536]
    junk = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if junk > max(8, len(sample) // 100) or "\x00" in sample:  # no text has a NUL character
        raise InputError("expected an HTML page, found binary data", where)
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    # Latin-1 style pages without a declaration: cp1252 maps every byte but five.
    return data.decode("cp1252", "replace")


def parse_html(text: str, *, source: str | None = None) -> lxml.html.HtmlElement:
    """Parse HTML (or XHTML) text into an lxml tree: no network, no DTD, no entity expansion.

    Broken markup is repaired the way browsers do; text with no markup at all becomes a
    document with one paragraph. Raises :class:`InputError` when there is nothing to parse.
    """
    # The prolog goes (lxml would read an XML declaration as text), its line breaks stay: the
    # elements' sourceline is their line in the file.
    body = _PROLOG.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        default_doctype=False,
        collect_ids=False,
        huge_tree=False,
    )
    try:
        root = lxml.html.document_fromstring(body.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the page as HTML: {exc}", Location(source)) from exc
    if root is None:
        raise InputError("cannot parse the page as HTML: no document", Location(source))
    return root


def load_page(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> lxml.html.HtmlElement:
    """Read, check, decode and parse a page file (see :func:`read_page`, :func:`decode_page`)."""
    source = str(path)
    return parse_html(decode_page(read_page(path, max_bytes=max_bytes), source=source), source=source)
