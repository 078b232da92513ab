"""Inputs to documents: JSON-LD files, HTML pages (every JSON-LD block, microdata, RDFa), stdin.

Each JSON-LD text becomes a :class:`Document`: the parsed JSON (or ``None``), the syntax
findings, and a way to turn a JSON Pointer into the line and column *in the original file*.
The faults real pages have — a trailing ``;``, a CDATA or comment wrapper, HTML-entity-encoded
JSON, raw control characters in strings — are repaired where the intent is unambiguous, each
with a finding, so that the other checks still run. Positions are computed only when a
finding needs one (a Python JSON scanner is 100× slower than orjson).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ldpub.errors import Location, TooLargeError, json_kind
from ldpub.files import read_at_most
from ldpub.inputs import HTML_SUFFIXES, JSON_SUFFIXES, VALIDATE, files_in
from ldpub.jsonld import escape
from ldpub.jsonld.positions import LineIndex, OffsetMap, Places, nearest, substitute
from ldpub.limits import MAX_BYTES, LimitError, check_depth, size_message, too_deep
from ldpub.validate.findings import Finding
from ldpub.validate.rules import REGISTRY


@dataclass
class Document:
    """One JSON-LD document: a file, or one block of a page."""

    file: str
    data: Any  # the parsed JSON; None when it could not be parsed
    findings: list[Finding] = field(default_factory=list)
    text: str = ""  # the JSON text that was parsed (after repairs)
    to_file_offset: Callable[[int], int] = field(default=lambda offset: offset)
    lines: LineIndex | None = None  # of the whole file
    block_line: int | None = None  # where an HTML block starts
    kind: str = "jsonld"  # "jsonld", "microdata" or "rdfa"
    source: bytes | None = None  # undecoded JSON bytes: decoded only if a finding needs a position
    places: dict[str, tuple[int, int]] | None = None  # microdata, RDFa: pointer -> line, column of its element
    _places: Places | None = None

    def locate(self, pointer: str | None) -> tuple[int | None, int | None]:
        """Line and column of what ``pointer`` names (a key for object members), or its nearest parent."""
        return self.locate_all([pointer])[0]

    def locate_all(self, pointers: list[str | None]) -> list[tuple[int | None, int | None]]:
        """:meth:`locate` for several pointers, scanning the text once, and only as far as needed."""
        if self.places is not None:
            places = self.places
            return [(places.get("") if p is None else nearest(places, p)) or (self.block_line, None) for p in pointers]
        if self.source is not None:
            self.text = one_line_break(self.source.decode("utf-8", "replace"))
            self.lines = LineIndex(self.text)
            self.source = None
        if self.lines is None or not self.text:
            return [(self.block_line, None)] * len(pointers)
        if self._places is None or self._places.text is not self.text:
            self._places = Places(self.text, self.lines, self.to_file_offset, self.block_line)
        return self._places.locate_all(pointers)


def finding(
    kind: str, doc_file: str, line: int | None = None, column: int | None = None, detail: Any = None
) -> Finding:
    """A problem of the kind the text reader reports, placed in the file (its rule gives code and message)."""
    return REGISTRY.finding(kind, doc_file, line, column, detail)


# --- JSON text with repairs ---------------------------------------------------------------------

_WRAPPER = re.compile(
    r"\A(\s*)(?://\s*)?(?:<!\[CDATA\[|<!--)(.*?)(?://\s*)?(?:\]\]>|-->)\s*\Z",
    re.DOTALL,
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_CONTROL = re.compile(r"[\x00-\x1f]")


def parse_json(
    text: str,
    *,
    file: str,
    start: int = 0,
    lines: LineIndex | None = None,
    block_line: int | None = None,
) -> Document:
    """Parse JSON text found at offset ``start`` of ``file`` (whose lines are ``lines``)."""
    lines = lines or LineIndex(text)
    base = OffsetMap()
    base.anchor(0, start)
    doc = Document(file, None, text=text, to_file_offset=base, lines=lines, block_line=block_line)
    if not text.strip():
        line = block_line or 1
        doc.findings.append(finding("empty-block", file, line))
        doc.text = ""
        return doc
    try:
        doc.data = orjson.loads(text)  # the fast path: nearly every document
        return _checked_top(doc)
    except orjson.JSONDecodeError as exc:
        first_error = exc
    repaired, to_original, notes = _repair(text)
    if notes:
        try:
            doc.data = orjson.loads(repaired)
        except orjson.JSONDecodeError as exc:
            first_error = exc
            offset = to_original(exc.pos)
        else:
            doc.text = repaired
            doc.to_file_offset = lambda offset: start + to_original(offset)
            for kind, offset, detail in notes:
                line, column = lines.position(start + offset)
                doc.findings.append(finding(kind, file, line, column, detail))
            return _checked_top(doc)
    else:
        offset = first_error.pos
    kind, detail = "malformed-json", first_error.msg
    if first_error.msg == "depth limit exceeded":  # orjson's own limit (1,024 levels): say ldpub's
        deep = too_deep(text)
        kind, detail, offset = "over-limit", deep.message, deep.offset if deep.offset is not None else offset
    line, column = lines.position(start + min(offset, len(text)))
    doc.findings.append(finding(kind, file, line, column, detail))
    doc.text = ""
    return doc


def _checked_top(doc: Document) -> Document:
    """A JSON value that cannot be a JSON-LD document (null, a number, a string) is a finding, and
    so is one over ldpub's limits (nested too deep: the same limit as every other command's)."""
    try:
        check_depth(doc.data, file=doc.file, text=doc.source if doc.source is not None else doc.text)
    except LimitError as exc:
        line, column = doc.locate("")
        if exc.offset is not None and doc.lines is not None:
            line, column = doc.lines.position(doc.to_file_offset(exc.offset))
        doc.findings.append(finding("over-limit", doc.file, line, column, exc.message))
        doc.data = None
        return doc
    if not isinstance(doc.data, (dict, list)):
        line, column = doc.locate("")
        problem = REGISTRY.finding("scalar-document", doc.file, line, column, json_kind(doc.data), pointer="")
        doc.findings.append(problem)
        doc.data = None
    return doc


def _repair(text: str) -> tuple[str, Callable[[int], int], list[tuple[str, int, str | None]]]:
    """Undo the faults pages have; return the text, a map back to ``text``'s offsets, and notes
    (the kind of each repair, where, and what it says)."""
    notes: list[tuple[str, int, str | None]] = []
    maps: list[OffsetMap] = []

    def note(kind: str, offset: int, detail: str | None = None) -> None:
        """Record a repair at ``offset`` of the text as it is now (mapped back to the original)."""
        for mapping in reversed(maps):
            offset = mapping(offset)
        notes.append((kind, offset, detail))

    wrapped = _WRAPPER.match(text)
    if wrapped:
        kind = "a CDATA section" if "CDATA" in text[: wrapped.start(2)] else "an HTML comment"
        note("wrapped", wrapped.start(2), kind)
        m = OffsetMap()
        m.anchor(0, wrapped.start(2))
        maps.append(m)
        text = wrapped.group(2)

    if text.lstrip()[:1] in ("{", "[") and ("&quot;" in text or "&#34;" in text or "&#x22;" in text.lower()):
        first = _ENTITY.search(text)
        note("entity-encoded", first.start() if first else 0)
        spans = [match.span() for match in _ENTITY.finditer(text)]
        text, m = substitute(text, spans, html.unescape)
        maps.append(m)

    controls = _controls_inside_strings(text) if _CONTROL.search(text) else []
    if controls:
        note("raw-controls", controls[0])
        spans = [(i, i + 1) for i in controls]
        text, m = substitute(text, spans, lambda piece: f"\\u{ord(piece):04x}")
        maps.append(m)

    comments, commas = _comments_and_trailing_commas(text) if ("/" in text or "," in text) else ([], [])
    if comments:
        note("js-comments", comments[0][0])
    if commas:
        note("trailing-comma", commas[0])
    if comments or commas:  # blanked out, so every offset stays where it was
        chars = list(text)
        for start, end in comments:
            chars[start:end] = [c if c in "\r\n" else " " for c in chars[start:end]]
        for at in commas:
            chars[at] = " "
        text = "".join(chars)

    stripped = text.rstrip()
    if stripped.endswith(";"):
        body = stripped[:-1]
        note("trailing-semicolon", len(body))
        text = body

    def to_original(offset: int) -> int:
        for mapping in reversed(maps):
            offset = mapping(offset)
        return offset

    return text, to_original, notes


def _comments_and_trailing_commas(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Spans of // and /* */ comments, and offsets of trailing commas, outside JSON strings."""
    comments: list[tuple[int, int]] = []
    commas: list[int] = []
    pending_comma = -1  # a comma seen, with only whitespace or comments after it so far
    i, n, in_string = 0, len(text), False
    while i < n:
        char = text[i]
        if in_string:
            if char == "\\":
                i += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string, pending_comma = True, -1
        elif char == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            comments.append((i, end))
            i = end
            continue
        elif char == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            comments.append((i, end))
            i = end
            continue
        elif char == ",":
            pending_comma = i
        elif char in "}]":
            if pending_comma >= 0:
                commas.append(pending_comma)
            pending_comma = -1
        elif not char.isspace():
            pending_comma = -1
        i += 1
    return comments, commas


def _controls_inside_strings(text: str) -> list[int]:
    """Offsets of raw control characters inside JSON strings (a character scan: the error path only)."""
    found, in_string, escaped = [], False, False
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            elif char < " ":
                found.append(i)
        elif char == '"':
            in_string = True
    return found


# --- files, pages, stdin ----------------------------------------------------------------------

_LDJSON = re.compile(r"^\s*application/ld\+json\s*(;.*)?$", re.IGNORECASE)
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>)?", re.IGNORECASE)


def documents_from_bytes(data: bytes, name: str, *, suffix: str | None = None) -> list[Document]:
    """The JSON-LD documents in one input (a JSON file or an HTML page, told by suffix or content)."""
    if suffix not in HTML_SUFFIXES and data.lstrip(b" \t\r\n")[:1] in (b"{", b"["):
        try:  # the fast path: well-formed UTF-8 JSON, parsed from the bytes
            return [_checked_top(Document(name, orjson.loads(data), source=data))]
        except orjson.JSONDecodeError:
            pass  # decode, then report or repair
    text = _decode(data, name)
    if isinstance(text, Finding):
        return [Document(name, None, [text])]
    text = one_line_break(text)  # lxml reads \r\n as \n: the same text for both keeps columns exact
    is_html = suffix in HTML_SUFFIXES if suffix else text.lstrip("\ufeff \t\r\n")[:1] == "<"
    if suffix and suffix not in HTML_SUFFIXES and suffix not in JSON_SUFFIXES:
        is_html = text.lstrip("\ufeff \t\r\n")[:1] == "<"
    if is_html:
        return documents_from_html(text, name)
    if not text.strip("\ufeff \t\n"):  # an empty file (an empty block in a page is only a warning, LD006)
        return [Document(name, None, [finding("empty-file", name, 1, 1)])]
    return [parse_json(text.lstrip("\ufeff"), file=name, start=1 if text.startswith("\ufeff") else 0)]


def one_line_break(text: str) -> str:
    """CRLF and CR line ends as LF: the same lines and columns, one way to count them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _decode(data: bytes, name: str) -> str | Finding:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return finding("binary", name)
    try:
        from ldpub.read.safe_html import _decode as decode_bytes

        return decode_bytes(data)
    except (UnicodeError, LookupError) as exc:
        return finding("undecodable", name, detail=exc)


def documents_from_html(text: str, name: str) -> list[Document]:
    """Every ``<script type="application/ld+json">`` block of a page (with its line), then its microdata,
    then its schema.org RDFa."""
    import lxml.etree
    import lxml.html

    lines = LineIndex(text)
    # Blank out the prolog (keeping its line breaks) so lxml's line numbers are the file's.
    body = _PROLOG.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text, count=1)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, default_doctype=False, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(body, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        return [Document(name, None, [finding("not-html", name, detail=exc)])]
    docs: list[Document] = []
    search_from = 0
    for script in root.iter("script"):
        if not _LDJSON.match(script.get("type") or ""):
            continue
        content = script.text or ""
        line = script.sourceline or 1
        tag_start = lines.line_start(line)
        start = text.find(content, max(tag_start, search_from)) if content else -1
        if start < 0:
            start = text.find(content, tag_start) if content else -1
        if start < 0:  # lxml changed the text (e.g. line ends): locate by the tag's line only
            doc = parse_json(content, file=name, lines=LineIndex(content), block_line=line)
            doc.lines = None
        else:
            search_from = start + len(content)
            doc = parse_json(content, file=name, start=start, lines=lines, block_line=line)
        docs.append(doc)
    if "itemscope" in text:
        docs.extend(_microdata(text, name, root))
    from ldpub.validate import rdfa

    if rdfa.maybe_rdfa(text):
        docs.extend(_rdfa(text, name, root))
    return docs


def _rdfa(text: str, name: str, root: Any) -> list[Document]:
    """schema.org RDFa, read as ``ldpub extract`` reads it (:mod:`ldpub.validate.rdfa`), at its elements' places."""
    from ldpub.validate import rdfa

    base = _page_url(root)
    warnings: list[str] = []
    items = rdfa.rdfa_items(root, base, warnings)
    docs = [Document(name, None, [finding("rdfa-unreadable", name, detail=w)]) for w in warnings]
    if not items:
        return docs
    tables = rdfa.node_places([node for _, node in items], root, base, _element_places(root, text))
    for (data, _), table in zip(items, tables, strict=True):
        docs.append(Document(name, {"@context": "https://schema.org", **data}, kind="rdfa", places=table))
    return docs


_PAGE_URL_PLACEHOLDER = "https://page.invalid/"


def _page_url(root: Any) -> str:
    """The page's own URL (``<base href>``, its canonical link, ``og:url``), to resolve microdata's
    ``href``/``src`` values against; a placeholder host when the page names none (they are URLs all the same)."""
    for path, attr in (
        ("//base[@href]", "href"),
        ("//link[@rel='canonical'][@href]", "href"),
        ("//meta[@property='og:url'][@content]", "content"),
    ):
        for element in root.xpath(path):
            url = (element.get(attr) or "").strip()
            if url.startswith(("http://", "https://")):
                return url
    return _PAGE_URL_PLACEHOLDER


_LINE_END = re.compile("\n")


def _element_places(root: Any, text: str) -> dict[Any, tuple[int, int]]:
    """Line and column of the start tag of every element of a page (lxml gives lines only).

    Start tags are found in document order from a cursor, on the line lxml reports."""
    starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
    places: dict[Any, tuple[int, int]] = {}
    cursor = 0
    lower = text.lower()
    for element in root.iter():
        if not isinstance(element.tag, str) or element.sourceline is None:
            continue
        line = element.sourceline
        line_start = starts[min(line, len(starts)) - 1]
        at = lower.find("<" + element.tag.lower(), max(cursor, line_start))
        if at < 0 or (line < len(starts) and at >= starts[line]):  # not on its line: give the line alone
            places[element] = (line, 1)
            continue
        places[element] = (line, at - line_start + 1)
        cursor = at + 1
    return places


def _item_places(
    element: Any, pointer: str, places: dict[Any, tuple[int, int]], out: dict[str, tuple[int, int]]
) -> None:
    """JSON Pointers of a microdata item's properties (as :func:`_microdata_node` builds them) → places."""
    if element in places:
        out[pointer] = places[element]
    found: dict[str, list[Any]] = {}

    def props(parent: Any) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            for name in (child.get("itemprop") or "").split():
                found.setdefault(name, []).append(child)
            if child.get("itemscope") is None:
                props(child)

    props(element)
    for name, elements in found.items():
        key = escape(name)
        for i, child in enumerate(elements):
            at = f"{pointer}/{key}/{i}" if len(elements) > 1 else f"{pointer}/{key}"
            if child.get("itemscope") is not None:
                _item_places(child, at, places, out)
            elif child in places:
                out[at] = places[child]


def _microdata(text: str, name: str, root: Any = None) -> list[Document]:
    """schema.org microdata, read by extruct and turned into JSON-LD, placed at its elements.

    Items of other vocabularies (data-vocabulary.org) and untyped items are left alone. RDFa is read
    by :func:`_rdfa`, not by extruct's RDFa reader: that one drops ``<time datetime>`` values (a
    page's ``<time property="datePublished" datetime="2024-05-01T09:00Z">1 May</time>`` reads as
    "1 May"), which would turn valid pages into false findings.
    """
    base = _page_url(root) if root is not None else _PAGE_URL_PLACEHOLDER
    try:  # href/src values are URLs, resolved against the page (extruct does it given a base)
        items = _microdata_reader().extract(text, base_url=base)
    except Exception as exc:  # extruct raises whatever its parsers raise
        return [Document(name, None, [finding("microdata-unreadable", name, detail=exc)])]
    tops: list[Any] = []
    places: dict[Any, tuple[int, int]] = {}
    if root is not None:
        tops = [e for e in root.iter() if isinstance(e.tag, str) and e.get("itemscope") is not None]
        tops = [e for e in tops if e.get("itemprop") is None]
        if len(tops) == len(items):
            places = _element_places(root, text)
    docs = []
    for i, item in enumerate(items):
        node = _microdata_node(item)
        if isinstance(node, dict):
            doc = Document(name, {"@context": "https://schema.org", **node}, kind="microdata")
            if places:
                doc.places = {}
                _item_places(tops[i], "", places, doc.places)
            docs.append(doc)
    return docs


def _microdata_reader() -> Any:
    """extruct's microdata reader, reading ``<time content="…">`` as schema.org's examples mean it.

    extruct gives a ``<time>`` without ``datetime`` the value "" (the spec says its text); pages
    write ``<time itemprop="datePublished" content="2019-11-15T10:45:02+00:00">Nov 15, 2019</time>``,
    ``content`` as on any other element, and that is the value they mean."""
    from extruct.w3cmicrodata import LxmlMicrodataExtractor

    class Reader(LxmlMicrodataExtractor):  # type: ignore[misc]
        def _extract_property_value(self, node: Any, *args: Any, **kwargs: Any) -> Any:
            if node.tag == "time" and node.get("datetime") is None and node.get("itemscope") is None:
                return (node.get("content") or "").strip() or self._extract_textContent(node).strip()
            return super()._extract_property_value(node, *args, **kwargs)

    return Reader()


def _microdata_node(item: Any) -> Any:
    """An extruct microdata item as a JSON-LD node (its text ``value`` is extruct's, not a property);
    None for an item that is not schema.org's."""
    if not isinstance(item, dict) or ("properties" not in item and "type" not in item):
        return item
    types = item.get("type")
    types = types if isinstance(types, list) else [types] if types else []
    if not types or not all(str(t).startswith(("http://schema.org/", "https://schema.org/")) for t in types):
        return None
    node: dict[str, Any] = {"@type": types if len(types) > 1 else types[0]}
    if item.get("id"):
        node["@id"] = item["id"]
    for key, value in (item.get("properties") or {}).items():
        values = [_microdata_node(v) for v in (value if isinstance(value, list) else [value])]
        values = [v for v in values if v is not None]
        if values:
            node[key] = values if len(values) > 1 else values[0]
    return node


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to check: the files given, and inside folders every JSON-LD file and page, recursively
    (:data:`ldpub.inputs.VALIDATE`)."""
    return map(Path, file_names(paths))


def file_names(paths: Iterable[str | Path]) -> Iterator[str]:
    """:func:`iter_files` as plain names: a folder of 10,000 files costs 20,000 Path objects less."""
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            yield from files_in(name, VALIDATE)
        else:
            yield name


def read_file(path: str | Path) -> bytes:
    """A file's bytes, refusing one over the size cap (OSError for an unreadable one)."""
    data = read_at_most(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise TooLargeError(size_message(limit=MAX_BYTES), Location(str(path)))
    return data
