"""Inputs to documents: JSON-LD files, HTML pages (every JSON-LD block, and microdata), stdin.

Each JSON-LD text becomes a :class:`Document`: the parsed JSON (or ``None``), the syntax
findings, and a way to turn a JSON Pointer into the line and column *in the original file*.
The faults real pages have — a trailing ``;``, a CDATA or comment wrapper, HTML-entity-encoded
JSON, raw control characters in strings — are repaired where the intent is unambiguous, each
with a finding, so that the other checks still run. Positions are computed only when a
finding needs one (a Python JSON scanner is 100× slower than orjson).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ldpub.errors import InputError
from ldpub.validate.codes import severity_of
from ldpub.validate.report import Finding

JSON_SUFFIXES = frozenset((".jsonld", ".json"))
HTML_SUFFIXES = frozenset((".html", ".htm", ".xhtml"))
MAX_BYTES = 20 * 1024 * 1024


class LineIndex:
    """Offsets (0-based characters) to 1-based line and column, for one text (counted on demand)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        text = self.text
        line = text.count("\n", 0, offset) + 1
        return line, offset - text.rfind("\n", 0, offset)

    def line_start(self, line: int) -> int:
        """Offset of the start of a 1-based line."""
        offset = 0
        for _ in range(line - 1):
            found = self.text.find("\n", offset)
            if found < 0:
                break
            offset = found + 1
        return offset


class OffsetMap:
    """Maps offsets in a repaired text back to the text it was made from (piecewise shifts)."""

    def __init__(self) -> None:
        self.new: list[int] = [0]
        self.old: list[int] = [0]

    def anchor(self, new: int, old: int) -> None:
        self.new.append(new)
        self.old.append(old)

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.new, offset) - 1
        return self.old[i] + (offset - self.new[i])


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
    kind: str = "jsonld"  # "jsonld" or "microdata"
    source: bytes | None = None  # undecoded JSON bytes: decoded only if a finding needs a position
    _positions: dict[str, int] | None = None
    _complete: bool = False  # the whole text has been scanned

    def locate(self, pointer: str | None) -> tuple[int | None, int | None]:
        """Line and column of what ``pointer`` names (a key for object members), or its nearest parent."""
        return self.locate_all([pointer])[0]

    def locate_all(self, pointers: list[str | None]) -> list[tuple[int | None, int | None]]:
        """:meth:`locate` for several pointers, scanning the text once, and only as far as needed."""
        if self.source is not None:
            self.text = self.source.decode("utf-8", "replace")
            self.lines = LineIndex(self.text)
            self.source = None
        if self.lines is None or not self.text:
            return [(self.block_line, None)] * len(pointers)
        if self._positions is None:
            self._positions = {}
        wanted = {p for p in pointers if p is not None and p not in self._positions}
        if wanted and not self._complete:
            self._complete = json_positions(self.text, self._positions, wanted)
        out: list[tuple[int | None, int | None]] = []
        for pointer in pointers:
            if pointer is None:
                out.append((self.block_line, None))
                continue
            while True:
                found = self._positions.get(pointer)
                if found is not None:
                    out.append(self.lines.position(self.to_file_offset(found)))
                    break
                if not pointer:
                    out.append((self.block_line, None))
                    break
                pointer = pointer.rpartition("/")[0]
        return out


def finding(code: str, message: str, doc_file: str, line: int | None = None, column: int | None = None) -> Finding:
    return Finding(code, severity_of(code), message, doc_file, line, column)


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
        doc.findings.append(finding("LD006", "empty JSON-LD block: nothing to check", file, line))
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
            for code, offset, message in notes:
                line, column = lines.position(start + offset)
                doc.findings.append(finding(code, message, file, line, column))
            return _checked_top(doc)
    else:
        offset = first_error.pos
    line, column = lines.position(start + min(offset, len(text)))
    doc.findings.append(finding("LD001", f"malformed JSON: {first_error.msg}", file, line, column))
    doc.text = ""
    return doc


def _checked_top(doc: Document) -> Document:
    """A JSON value that cannot be a JSON-LD document (null, a number, a string) is a finding."""
    if not isinstance(doc.data, (dict, list)):
        line, column = doc.locate("")
        message = f"a JSON-LD document is an object or an array, not {type(doc.data).__name__}"
        doc.findings.append(Finding("LD011", "error", message, doc.file, line, column, ""))
        doc.data = None
    return doc


def _repair(text: str) -> tuple[str, Callable[[int], int], list[tuple[str, int, str]]]:
    """Undo the faults pages have; return the text, a map back to ``text``'s offsets, and notes."""
    notes: list[tuple[str, int, str]] = []
    maps: list[OffsetMap] = []

    def note(code: str, offset: int, message: str) -> None:
        """Record a repair at ``offset`` of the text as it is now (mapped back to the original)."""
        for mapping in reversed(maps):
            offset = mapping(offset)
        notes.append((code, offset, message))

    wrapped = _WRAPPER.match(text)
    if wrapped:
        kind = "a CDATA section" if "CDATA" in text[: wrapped.start(2)] else "an HTML comment"
        note("LD003", wrapped.start(2), f"the JSON is wrapped in {kind}; read without it")
        m = OffsetMap()
        m.anchor(0, wrapped.start(2))
        maps.append(m)
        text = wrapped.group(2)

    if text.lstrip()[:1] in ("{", "[") and ("&quot;" in text or "&#34;" in text or "&#x22;" in text.lower()):
        first = _ENTITY.search(text)
        note("LD004", first.start() if first else 0, "the JSON is HTML-entity-encoded (&quot;…); read decoded")
        spans = [match.span() for match in _ENTITY.finditer(text)]
        text, m = _substitute(text, spans, html.unescape)
        maps.append(m)

    controls = _controls_inside_strings(text) if _CONTROL.search(text) else []
    if controls:
        note("LD005", controls[0], "raw control characters inside JSON strings; read as escaped")
        spans = [(i, i + 1) for i in controls]
        text, m = _substitute(text, spans, lambda piece: f"\\u{ord(piece):04x}")
        maps.append(m)

    stripped = text.rstrip()
    if stripped.endswith(";"):
        body = stripped[:-1]
        note("LD002", len(body), "a ';' after the JSON value (JSON is not JavaScript); ignored")
        text = body

    def to_original(offset: int) -> int:
        for mapping in reversed(maps):
            offset = mapping(offset)
        return offset

    return text, to_original, notes


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


def _substitute(text: str, spans: list[tuple[int, int]], replace: Callable[[str], str]) -> tuple[str, OffsetMap]:
    """Replace each span by ``replace(its text)``; the map takes result offsets back to ``text``'s."""
    mapping, parts, last, out = OffsetMap(), [], 0, 0
    for start, end in spans:
        parts.append(text[last:start])
        out += start - last
        mapping.anchor(out, start)
        replacement = replace(text[start:end])
        parts.append(replacement)
        out += len(replacement)
        mapping.anchor(out, end)
        last = end
    parts.append(text[last:])
    return "".join(parts), mapping


# --- JSON Pointer → offset --------------------------------------------------------------------

_TOKEN = re.compile(r'\s*("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+)')


def json_positions(text: str, positions: dict[str, int] | None = None, wanted: set[str] | None = None) -> bool:
    """Fill ``positions``: the offset of each value in JSON ``text`` by JSON Pointer (an object member: its key).

    With ``wanted``, stops as soon as all of those pointers are seen. Returns True when the
    whole text was scanned. Scanning in Python is slow, so it is done only for documents
    with findings, and only as far as their findings.
    """
    if positions is None:
        positions = {}
    remaining = set(wanted) if wanted else None
    # frames: [is_object, pointer, index, key_expected, member pointer]
    stack: list[list[Any]] = []
    pointer = ""
    for match in _TOKEN.finditer(text):
        token = match.group(1)
        first = token[0]
        top = stack[-1] if stack else None
        if top is not None and top[0] and top[3] and first == '"':
            key = orjson.loads(token) if "\\" in token else token[1:-1]
            top[4] = pointer = f"{top[1]}/{key.replace('~', '~0').replace('/', '~1')}"
        elif first in "{[" and len(token) == 1:
            pointer = "" if top is None else (top[4] if top[0] else f"{top[1]}/{top[2]}")
            stack.append([first == "{", pointer, 0, True, None])
        elif first in "}]" and len(token) == 1:
            if stack:
                stack.pop()
            continue
        elif token == ",":
            if top is not None:
                if top[0]:
                    top[3] = True
                else:
                    top[2] += 1
            continue
        elif token == ":":
            if top is not None:
                top[3] = False
            continue
        else:
            pointer = "" if top is None else (top[4] if top[0] else f"{top[1]}/{top[2]}")
        if pointer not in positions:
            positions[pointer] = match.start(1)
            if remaining is not None:
                remaining.discard(pointer)
                if not remaining:
                    return False
    return True


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
    is_html = suffix in HTML_SUFFIXES if suffix else text.lstrip("\ufeff \t\r\n")[:1] == "<"
    if suffix and suffix not in HTML_SUFFIXES and suffix not in JSON_SUFFIXES:
        is_html = text.lstrip("\ufeff \t\r\n")[:1] == "<"
    if is_html:
        return documents_from_html(text, name)
    return [parse_json(text.lstrip("\ufeff"), file=name, start=1 if text.startswith("\ufeff") else 0)]


def _decode(data: bytes, name: str) -> str | Finding:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return finding("LD007", "not text: binary data (a NUL byte)", name)
    try:
        from ldpub.ingest.safe_html import _decode as decode_bytes

        return decode_bytes(data)
    except (UnicodeError, LookupError) as exc:
        return finding("LD007", f"not text: {exc}", name)


def documents_from_html(text: str, name: str) -> list[Document]:
    """Every ``<script type="application/ld+json">`` block of a page (with its line), then its microdata."""
    import lxml.etree
    import lxml.html

    lines = LineIndex(text)
    # Blank out the prolog (keeping its line breaks) so lxml's line numbers are the file's.
    body = _PROLOG.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text, count=1)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, default_doctype=False, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(body, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        return [Document(name, None, [finding("LD007", f"cannot parse the page as HTML: {exc}", name)])]
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
        docs.extend(_microdata(text, name))
    return docs


def _microdata(text: str, name: str) -> list[Document]:
    """Microdata, read by extruct into JSON-LD shape (no line numbers for these).

    RDFa is not read: extruct's RDFa reader drops ``<time datetime>`` values (a page's
    ``<time property="datePublished" datetime="2024-05-01T09:00Z">1 May</time>`` reads as
    "1 May"), which would turn valid pages into false findings.
    """
    import extruct

    try:
        found = extruct.extract(text, syntaxes=["microdata"], uniform=True, errors="ignore")
    except Exception as exc:  # extruct raises whatever its parsers raise
        return [Document(name, None, [finding("LD011", f"cannot read microdata: {exc}", name)])]
    return [Document(name, item, kind="microdata") for item in found.get("microdata", [])]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to check: the files given, and inside directories every .jsonld/.json/.html/.htm, recursively."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in JSON_SUFFIXES | HTML_SUFFIXES:
                    yield child
        else:
            yield path


def read_file(path: Path) -> bytes:
    """A file's bytes, refusing one over the size cap (OSError for an unreadable one)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: larger than the {MAX_BYTES:,}-byte limit")
    return data
