"""Embed an article's JSON-LD into its HTML page, as a ``<script type="application/ld+json">``.

The page is spliced, never re-serialised: ldpub finds where the ``<head>`` ends (or the block it
inserted before, marked ``data-ldpub``) by scanning the page the way an HTML5 tokenizer does,
and every byte outside the inserted block stays as it was. Running :func:`embed` again replaces
its own block with the same bytes, so the result is stable.

Where the block goes, in the order the browser's parser would see it:

- the page already has an ldpub block: it is replaced where it is;
- otherwise the block goes at the end of the head: before ``</head>``, or before whatever ends
  the head implicitly (``<body>``, any element that does not belong in a head, visible text),
  on its own line with the indentation of the line above when the page is laid out in lines.
  A page with no ``<head>`` (or even no ``<html>``) gets it in the same place: the browser puts
  it into the implied head. It always comes after the DOCTYPE and after a
  ``<meta charset>``, so it cannot change the page's mode or encoding (a page whose
  ``<meta charset>`` comes only after its head has ended gets the block right after that
  ``<meta>``, in the body).

The JSON is written with ``<``, ``>`` and ``&`` as ``\\u003c``, ``\\u003e``, ``\\u0026`` and all
non-ASCII as ``\\uXXXX`` escapes (U+2028/2029 included), so no value can close the script
(``</script>``), open an escaped section (``<!--``, ``<script``) or end a CDATA section
(``]]>``), the block is valid in any ASCII-compatible encoding and in XHTML, and
``JSON.parse`` gives back exactly the same values.

No Python library reports source offsets for HTML5 tokens (``html.parser`` only approximates
the tokenizer, and differently across patch releases), hence the small scanner below. It
follows the WHATWG tokenizer for what matters here: comments (including ``<!-->`` and
``--!>``), bogus comments, DOCTYPE, attribute quoting, raw text and RCDATA elements, the
script-data escape states (``<!-- <script> </script>`` inside a script), and CDATA sections
inside ``<svg>``/``<math>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from ldpub.errors import InputError, Location, json_kind
from ldpub.limits import LimitError, MalformedJSON, check_depth, parse_json
from ldpub.utf8 import decode_utf8

__all__ = ["MARKER", "embed", "embedded_graph", "load_graph", "parse_graph", "script_json"]

#: The attribute that marks the block ldpub inserted, so it can be found and replaced.
MARKER = "data-ldpub"
_OPEN_TAG = f'<script type="application/ld+json" {MARKER}="jsonld">'
_CLOSE_TAG = "</script>"

# HTML's whitespace (after input preprocessing, CR is a line feed).
_WS = "\t\n\f\r "
# Elements whose content the tokenizer reads as text up to their end tag. With scripting
# enabled (as in every browser a reader uses) <noscript> is one of them.
_RAWTEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes", "noscript"})
_RCDATA = frozenset({"title", "textarea"})
# Start tags that may stay in <head>; any other start tag ends it (WHATWG "in head" mode).
_HEAD_TAGS = frozenset(
    {
        "html", "head", "base", "basefont", "bgsound", "link", "meta", "title",
        "noscript", "noframes", "style", "script", "template",
    }
)  # fmt: skip
# End tags that end the head ("in head" mode); other end tags there are ignored.
_HEAD_ENDERS = frozenset({"head", "body", "html", "br"})
# HTML start tags that break out of <svg>/<math> content back to HTML.
_BREAKOUT = frozenset(
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
        "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
        "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
        "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    }
)  # fmt: skip

_FLAGS = re.ASCII | re.IGNORECASE  # HTML names are ASCII case-insensitive, nothing more
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*", _FLAGS)
_SPACES = re.compile(r"[\t\n\f\r ]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />=][^\t\n\f\r />=]*", _FLAGS)
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_MARKER_TEXT = re.compile(re.escape(MARKER), _FLAGS)


@dataclass(frozen=True, slots=True)
class _Tag:
    start: int  # offset of "<"
    end: int  # offset after ">"
    name: str  # ASCII-lowercased
    is_end: bool
    attrs: dict[str, str]
    content_stop: int  # raw text elements: offset of their end tag's "<"; else == end
    content_end: int  # raw text elements: offset after their end tag; else == end


@dataclass(frozen=True, slots=True)
class _Text:
    start: int
    end: int


_Token = _Tag | _Text


class _PageError(Exception):
    """A problem at an offset of the page; the API turns it into an InputError with a line
    and column."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


def _unterminated(what: str, start: int) -> _PageError:
    return _PageError(f"broken HTML: this {what} is never closed", start)


# --------------------------------------------------------------------------- scanning


def _end_tag_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?=[\t\n\f\r />])", _FLAGS)


_SCRIPT_DATA = re.compile(r"</script(?=[\t\n\f\r />])|<!--", _FLAGS)
_SCRIPT_ESCAPED = re.compile(r"-->|</script(?=[\t\n\f\r />])|<script(?=[\t\n\f\r />])", _FLAGS)
_SCRIPT_DOUBLE = re.compile(r"-->|</script(?=[\t\n\f\r />])", _FLAGS)
_END_TAGS = {name: _end_tag_re(name) for name in _RAWTEXT | _RCDATA}


def _lower(name: str) -> str:
    """ASCII lowercase, as HTML does (str.lower maps e.g. the Kelvin sign to "k")."""
    return name.lower() if name.isascii() else "".join(c.lower() if c.isascii() else c for c in name)


def _end_tag_end(s: str, lt: int, name_end: int) -> int:
    """Offset after the ``>`` of the end tag at ``lt`` (its attributes are read like a start
    tag's, so a quoted ``>`` does not end it)."""
    return _parse_attrs(s, name_end, lt)[1]


def _script_content_end(s: str, pos: int, tag_start: int) -> int:
    """Where the script element's content ends (the ``<`` of ``</script``), per the script-data
    states: ``<!--`` escapes, ``<script`` inside an escape double-escapes, ``-->`` unescapes."""
    state = "data"
    while True:
        pattern = {"data": _SCRIPT_DATA, "escaped": _SCRIPT_ESCAPED, "double": _SCRIPT_DOUBLE}
        m = pattern[state].search(s, pos)
        if m is None:
            raise _unterminated("<script> element", tag_start)
        token = m.group().lower()
        if token == "<!--":
            state, pos = "escaped", m.start() + 2  # the "--" may also close it: "<!-->"
        elif token == "-->":
            state, pos = "data", m.end()
        elif token == "<script":
            state, pos = "double", m.end()
        elif state == "double":  # "</script" inside a double escape only ends that
            state, pos = "escaped", m.end()
        else:
            return m.start()


def _parse_attrs(s: str, pos: int, start: int) -> tuple[dict[str, str], int, bool]:
    """Attributes of a tag from ``pos`` (after its name); returns them, the offset after its
    ``>`` and whether it ends with ``/>``. The first of duplicate attributes wins, as in
    browsers."""
    attrs: dict[str, str] = {}
    n = len(s)
    while True:
        pos = _SPACES.match(s, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            raise _unterminated("tag", start)
        c = s[pos]
        if c == ">":
            return attrs, pos + 1, False
        if c == "/":
            if s.startswith(">", pos + 1):
                return attrs, pos + 2, True
            pos += 1
            continue
        # An attribute name may start with "=" (a parse error browsers accept).
        m = _ATTR_NAME.match(s, pos + 1) if c == "=" else _ATTR_NAME.match(s, pos)
        name_end = m.end() if m else pos + 1
        name = _lower(s[pos:name_end])
        pos = _SPACES.match(s, name_end).end()  # type: ignore[union-attr]
        value = ""
        if pos < n and s[pos] == "=":
            pos = _SPACES.match(s, pos + 1).end()  # type: ignore[union-attr]
            if pos >= n:
                raise _unterminated("tag", start)
            q = s[pos]
            if q in "\"'":
                close = s.find(q, pos + 1)
                if close < 0:
                    raise _unterminated("tag", start)
                value, pos = s[pos + 1 : close], close + 1
            elif q != ">":
                v = _UNQUOTED.match(s, pos).end()  # type: ignore[union-attr]
                value, pos = s[pos:v], v
        attrs.setdefault(name, value)


_INTEGRATION = {"svg": {"foreignobject", "desc", "title"}, "math": {"mi", "mo", "mn", "ms", "mtext"}}


class _Foreign:
    """Tracks <svg>/<math> content, roughly as the tree builder does, for the tokenizer."""

    def __init__(self) -> None:
        self.stack: list[tuple[bool, str]] = []  # (is foreign, name)

    @property
    def active(self) -> bool:
        return bool(self.stack) and self.stack[-1][0]

    def start_tag(self, name: str, self_closing: bool) -> bool:
        """Note a start tag; True if it is in foreign content (so not HTML raw text)."""
        if not self.active:
            if name in ("svg", "math") and not self_closing:
                self.stack.append((True, name))
                return True
            return name in ("svg", "math")
        if name in _BREAKOUT:  # back to HTML: close the foreign elements
            while self.active:
                self.stack.pop()
            return False
        root = next(n for is_foreign, n in reversed(self.stack) if is_foreign)
        if not self_closing:
            if name in _INTEGRATION.get(root, ()):
                self.stack.append((False, name))
            elif name in ("svg", "math"):
                self.stack.append((True, name))
        return True

    def end_tag(self, name: str) -> None:
        if self.stack and self.stack[-1] == (self.active, name):
            self.stack.pop()
        elif self.active and name in ("p", "br"):
            while self.active:
                self.stack.pop()


def _tokens(s: str, pos: int) -> Iterator[_Token]:
    """Tags and text runs of ``s`` from ``pos``, skipping comments, doctypes and the like."""
    n = len(s)
    # Open <svg>/<math> elements (no raw text elements in them, CDATA sections allowed) and
    # the HTML integration points inside them (<svg><title>, <foreignObject>, <math><mi>…).
    foreign = _Foreign()
    while pos < n:
        lt = s.find("<", pos)
        if lt < 0:
            yield _Text(pos, n)
            return
        if lt > pos:
            yield _Text(pos, lt)
        pos = lt
        nxt = s[pos + 1 : pos + 2]
        if nxt.isascii() and nxt.isalpha():  # start tag
            name_end = _TAG_NAME.match(s, pos + 1).end()  # type: ignore[union-attr]
            name = _lower(s[pos + 1 : name_end])
            attrs, end, self_closing = _parse_attrs(s, name_end, pos)
            content_stop = content_end = end
            in_foreign = foreign.start_tag(name, self_closing)
            if in_foreign:  # <svg> <script>, <style>, <title>: not raw text
                pass
            elif name == "script":
                content_stop = _script_content_end(s, end, pos)
                content_end = _end_tag_end(s, content_stop, content_stop + 8)
            elif name in _END_TAGS:
                m = _END_TAGS[name].search(s, end)
                if m is None:
                    raise _unterminated(f"<{name}> element", pos)
                content_stop = m.start()
                content_end = _end_tag_end(s, content_stop, m.end())
            elif name == "plaintext":
                yield _Tag(pos, end, name, False, attrs, n, n)
                return
            yield _Tag(pos, end, name, False, attrs, content_stop, content_end)
            pos = content_end
        elif nxt == "/":
            after = s[pos + 2 : pos + 3]
            if after.isascii() and after.isalpha():
                name_end = _TAG_NAME.match(s, pos + 2).end()  # type: ignore[union-attr]
                name = _lower(s[pos + 2 : name_end])
                end = _end_tag_end(s, pos, name_end)
                foreign.end_tag(name)
                yield _Tag(pos, end, name, True, {}, end, end)
                pos = end
            elif after == ">":  # "</>" is dropped
                pos += 3
            elif after == "":
                yield _Text(pos, n)
                return
            else:
                pos = _bogus_comment_end(s, pos)
        elif nxt == "!":
            if s.startswith("<!--", pos):
                pos = _comment_end(s, pos)
            elif foreign.active and s.startswith("<![CDATA[", pos):
                end = s.find("]]>", pos + 9)
                if end < 0:
                    raise _unterminated("CDATA section", pos)
                pos = end + 3
            else:  # DOCTYPE and bogus comments both end at the first ">"
                pos = _bogus_comment_end(s, pos)
        elif nxt == "?":
            pos = _bogus_comment_end(s, pos)
        else:  # a "<" that starts nothing is text
            yield _Text(pos, pos + 1)
            pos += 1


def _comment_end(s: str, pos: int) -> int:
    body = pos + 4
    if s.startswith(">", body):  # "<!-->"
        return body + 1
    if s.startswith("->", body):  # "<!--->"
        return body + 2
    m = _COMMENT_END.search(s, body)
    if m is None:
        raise _unterminated("comment", pos)
    return m.end()


def _bogus_comment_end(s: str, pos: int) -> int:
    end = s.find(">", pos + 2)
    if end < 0:
        raise _unterminated("markup declaration", pos)
    return end + 1


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True, slots=True)
class _Layout:
    head_end: int  # where a new block goes
    blocks: list[_Tag]  # ldpub blocks already in the page


def _is_ldpub_block(tag: _Tag) -> bool:
    # content_end > end: an HTML script with raw text content, not an <svg> <script>.
    return (
        tag.name == "script"
        and not tag.is_end
        and tag.content_end > tag.end
        and MARKER in tag.attrs
        and _lower(tag.attrs.get("type", "").strip(_WS)) == "application/ld+json"
    )


def _declares_charset(tag: _Tag) -> bool:
    if tag.name != "meta" or tag.is_end:
        return False
    if "charset" in tag.attrs:
        return True
    equiv = _lower(tag.attrs.get("http-equiv", "").strip(_WS))
    return equiv == "content-type" and "charset" in _lower(tag.attrs.get("content", ""))


# Browsers look for <meta charset> in the first 1024 bytes, and further while the tags they
# meet may belong in a head (WHATWG "prescan"; Chromium's HTMLMetaCharsetParser).
_PRESCAN = 1024
_PRESCAN_GOES_ON = _HEAD_TAGS | {"object"}


def _layout(s: str, start: int) -> _Layout:
    """Scan the page: where its head ends and where ldpub's blocks are."""
    head_end: int | None = None
    # <template> nesting: its content is inert (not in the document, does not end the head).
    template = 0
    template_start = 0  # where the outermost open <template> starts
    blocks: list[_Tag] = []
    last_marker = -1
    # A page that declares its charset only after its head has ended (stray text or an unknown
    # element before <meta charset>): the block goes after that <meta>, which must stay
    # where the browser's prescan finds it.
    charset_search = True
    after_charset: int | None = None
    for tok in _tokens(s, start):
        if isinstance(tok, _Tag) and tok.name == "template":
            if not tok.is_end and not template:
                template_start = tok.start
            template = max(template - 1, 0) if tok.is_end else template + 1
            continue
        if template:
            continue
        if isinstance(tok, _Tag) and _is_ldpub_block(tok):
            blocks.append(tok)
        if head_end is not None:
            if charset_search and isinstance(tok, _Tag) and not tok.is_end:
                if _declares_charset(tok):
                    after_charset, charset_search = tok.end, False
                elif tok.start - start > _PRESCAN and tok.name not in _PRESCAN_GOES_ON:
                    charset_search = False
            # Past the head only ldpub blocks matter: stop after the last marker text.
            if tok.end > last_marker and not charset_search:
                break
            continue
        if isinstance(tok, _Text):
            stripped = s[tok.start : tok.end].lstrip(_WS)
            if stripped:  # visible text ends the head
                head_end = tok.end - len(stripped)
        elif tok.is_end:
            if tok.name in _HEAD_ENDERS:
                head_end = tok.start
        elif tok.name not in _HEAD_TAGS:
            head_end = tok.start
        elif _declares_charset(tok):
            charset_search = False
        if head_end is not None:
            last_marker = max((m.start() for m in _MARKER_TEXT.finditer(s, head_end)), default=-1)
    if head_end is None:  # the page ends in its head: insert at the end, outside any template
        head_end = template_start if template else len(s)
    return _Layout(after_charset if after_charset is not None else head_end, blocks)


def _newline_of(s: str) -> str:
    m = _NEWLINE.search(s)
    return m.group() if m else "\n"


def _line_start(s: str, pos: int, start: int = 0) -> int:
    return max(s.rfind("\n", 0, pos) + 1, s.rfind("\r", 0, pos) + 1, start)


def _is_blank(text: str) -> bool:
    return text.strip(" \t") == ""


def _previous_indent(s: str, line_start: int, start: int) -> str:
    """The leading spaces/tabs of the last non-blank line before ``line_start``."""
    end = line_start
    while end > start:
        prev_start = _line_start(s, end - 1, start)
        line = s[prev_start:end].rstrip("\r\n")
        if not _is_blank(line):
            return line[: len(line) - len(line.lstrip(" \t"))]
        end = prev_start
    return ""


def _block(graph: Any, indent: str, nl: str, lined: bool) -> str:
    if not lined:  # the page is not laid out in lines here (minified): one line
        return f"{_OPEN_TAG}{script_json(graph)}{_CLOSE_TAG}"
    lines = script_json(graph, indent=2).split("\n")  # JSON strings hold no raw newline
    body = nl.join(f"{indent}  {line}" for line in lines)
    return f"{_OPEN_TAG}{nl}{body}{nl}{indent}{_CLOSE_TAG}"


def _splice(s: str, start: int, graph: Any) -> tuple[int, int, str]:
    """Where to cut ``s`` and what to put there: (start, end, new text).

    The block's layout depends only on the page around it, so a second run, which replaces
    the block, writes the same bytes: on its own line (indented like the line it starts on)
    when only spaces precede it, else on one line.
    """
    layout = _layout(s, start)
    if len(layout.blocks) > 1:
        raise _PageError(
            "a second ldpub JSON-LD block: keep one (ldpub replaces it) or none",
            layout.blocks[1].start,
        )
    if layout.blocks:
        old = layout.blocks[0]
        cut, cut_end = old.start, old.content_end
        line_start = _line_start(s, cut, start)
        lined = _is_blank(s[line_start:cut])
        indent = s[line_start:cut] if lined else ""
        nl = _newline_of(s[:cut] + s[cut_end:])
        return cut, cut_end, _block(graph, indent, nl, lined)
    at = layout.head_end
    line_start = _line_start(s, at, start)
    nl = _newline_of(s)
    if _is_blank(s[line_start:at]):  # the head ends at the start of a line: add a line
        indent = _previous_indent(s, line_start, start)
        return line_start, line_start, indent + _block(graph, indent, nl, True) + nl
    return at, at, _block(graph, "", nl, False)


# --------------------------------------------------------------------------- JSON


def script_json(graph: Mapping[str, Any] | Sequence[Any], *, indent: int | None = None) -> str:
    """The JSON text of ``graph`` as it goes inside a ``<script>``: ASCII only, with ``<``,
    ``>`` and ``&`` escaped as ``\\u003c``, ``\\u003e``, ``\\u0026``; ``JSON.parse`` (or
    ``json.loads``) of it gives ``graph`` back. Raises :class:`InputError` for values that
    are not JSON (NaN, infinities, sets, other objects)."""
    try:
        text = json.dumps(
            graph,
            ensure_ascii=True,  # also escapes U+2028/2029, which old JS engines choke on
            allow_nan=False,
            indent=indent,
            separators=(",", ": ") if indent is not None else (",", ":"),
        )
    except (TypeError, ValueError) as exc:
        raise InputError(f"the graph is not JSON: {exc}") from None
    # "<", ">" and "&" occur only inside strings in JSON text, where the escapes mean the same.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _as_graph(graph: Any) -> Any:
    if isinstance(graph, str):
        return parse_graph(graph)
    if not isinstance(graph, Mapping | list | tuple):
        raise InputError(f"the graph must be a JSON-LD object or array, not {json_kind(graph)}")
    check_depth(graph)
    script_json(graph)  # fail on values that are not JSON before touching the page
    return graph


def parse_graph(text: str | bytes, *, source: str | None = None) -> Any:
    """Parse JSON-LD text; a syntax error is an :class:`InputError` with its line and column."""
    if isinstance(text, bytes):
        text = decode_utf8(text, source)
    text = text.removeprefix("\ufeff")
    try:
        graph = parse_json(text, file=source)
    except MalformedJSON as exc:
        raise InputError(f"not JSON: {exc.reason}", exc.location) from None
    if not isinstance(graph, dict | list):
        raise InputError(
            f"expected a JSON-LD object or array, not {json_kind(graph)}",
            Location(source, pointer=""),
        )
    return graph


def load_graph(path: str) -> Any:
    """Read a JSON-LD file (e.g. the built ``Article.jsonld``); errors name the file."""
    with open(path, "rb") as f:
        return parse_graph(f.read(), source=path)


# --------------------------------------------------------------------------- encodings


@dataclass(frozen=True, slots=True)
class _Decoded:
    text: str  # one char per byte for ASCII-compatible pages, so offsets are byte offsets
    start: int  # where the document starts after a BOM (in text offsets)
    codec: str | None  # the UTF-16 codec; None: ASCII-compatible bytes read as Latin-1
    is_bytes: bool

    def location(self, pos: int, source: str | None) -> Location:
        line = 1 + len(_NEWLINE.findall(self.text, self.start, pos))
        prefix = self.text[_line_start(self.text, pos, self.start) : pos]
        if self.is_bytes and self.codec is None:  # count characters, not bytes
            prefix = prefix.encode("latin-1").decode("utf-8", "replace")
        return Location(source, line=line, column=len(prefix) + 1)


def _decode(page: bytes | str, source: str | None) -> _Decoded:
    if isinstance(page, str):
        return _Decoded(page, 1 if page.startswith("\ufeff") else 0, None, False)
    if page.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if page[0] == 0xFF else "utf-16-be"
        try:
            text = page[2:].decode(codec, "surrogatepass")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not UTF-16 at byte {exc.start + 2}, despite its byte order mark",
                Location(source),
            ) from None
        return _Decoded(text, 0, codec, True)
    start = 3 if page.startswith(b"\xef\xbb\xbf") else 0
    return _Decoded(page.decode("latin-1"), start, None, True)


def _check_html(page: _Decoded, source: str | None) -> None:
    nul = page.text.find("\0", page.start)
    if nul >= 0:
        raise InputError("not an HTML page: binary data (a NUL character)", page.location(nul, source))
    if not _MARKUP.search(page.text, page.start, page.start + 1_000_000):
        raise InputError("not an HTML page: no HTML tag or DOCTYPE", Location(source))


_MARKUP = re.compile(r"<(?:[a-z]|!doctype)", _FLAGS)


# --------------------------------------------------------------------------- API

Graph = Mapping[str, Any] | Sequence[Any] | str


@overload
def embed(page: bytes, graph: Graph, *, source: str | None = None) -> bytes: ...
@overload
def embed(page: str, graph: Graph, *, source: str | None = None) -> str: ...
def embed(page: bytes | str, graph: Graph, *, source: str | None = None) -> bytes | str:
    """Put ``graph`` (a JSON-LD object or array, or its JSON text) into ``page`` as ldpub's
    ``<script type="application/ld+json" data-ldpub="jsonld">``, replacing the one inserted
    before; every other byte of the page is kept. Bytes in, bytes out (the page's encoding is
    kept: any ASCII-compatible one, or UTF-16 with a byte order mark); text in, text out.
    ``source`` names the page in error messages.

    Raises :class:`InputError` when the page is not HTML (binary data, no markup), when a
    comment, tag or raw-text element before the end of the head runs to the end of the page,
    when the page has a second ldpub block (with the line and column of each problem), or
    when the graph is not JSON.
    """
    graph = _as_graph(graph)
    decoded = _decode(page, source)
    _check_html(decoded, source)
    try:
        cut, cut_end, block = _splice(decoded.text, decoded.start, graph)
    except _PageError as exc:
        raise InputError(exc.message, decoded.location(exc.pos, source)) from None
    if isinstance(page, str):
        return page[:cut] + block + page[cut_end:]
    if decoded.codec is None:
        return page[:cut] + block.encode("ascii") + page[cut_end:]
    # UTF-16: map text offsets to byte offsets (after the 2-byte BOM).
    byte_cut = 2 + len(decoded.text[:cut].encode(decoded.codec, "surrogatepass"))
    byte_end = byte_cut + len(decoded.text[cut:cut_end].encode(decoded.codec, "surrogatepass"))
    return page[:byte_cut] + block.encode(decoded.codec) + page[byte_end:]


def embedded_graph(page: bytes | str, *, source: str | None = None) -> Any | None:
    """The JSON-LD of ``page``'s ldpub block, parsed, or None if the page has none.
    Raises :class:`InputError` like :func:`embed`."""
    decoded = _decode(page, source)
    _check_html(decoded, source)
    try:
        layout = _layout(decoded.text, decoded.start)
    except _PageError as exc:
        raise InputError(exc.message, decoded.location(exc.pos, source)) from None
    if not layout.blocks:
        return None
    block = layout.blocks[0]
    content = decoded.text[block.end : block.content_stop]
    if decoded.is_bytes and decoded.codec is None:  # ldpub writes ASCII; others, likely UTF-8
        content = content.encode("latin-1").decode("utf-8", "replace")
    try:
        return parse_json(content, file=source)
    except (MalformedJSON, LimitError) as exc:
        at = exc.offset or 0
        where = decoded.location(block.end + len(content[:at].encode("utf-8")), source)
        if not (decoded.is_bytes and decoded.codec is None):
            where = decoded.location(block.end + at, source)
        if isinstance(exc, LimitError):
            raise LimitError(exc.message, where) from None
        raise InputError(f"the ldpub JSON-LD block is not JSON: {exc.reason}", where) from None


@dataclass(frozen=True)
class OwnArticle:
    """An article node the page's own JSON-LD (not ldpub's block) describes."""

    line: int  # the line of its ``<script>``
    type: str
    id: str | None


def own_articles(page: bytes | str, graph: Graph, *, source: str | None = None) -> list[OwnArticle]:
    """Article nodes in ``page``'s own JSON-LD blocks that are not ``graph``'s article.

    Embedding ``graph`` beside them gives the page two article nodes, which search engines read
    as two articles. A node with the same ``@id`` as the graph's article is the same node, so
    it is not listed.
    """
    from ldpub.read.safe_html import decode_page, parse_html

    ours = {n.get("@id") for n in _nodes(_as_graph(graph)) if _is_article(n)}
    text = page if isinstance(page, str) else decode_page(page, source=source)
    found = []
    for script in parse_html(text, source=source).iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json" or script.get("data-ldpub") is not None:
            continue
        try:
            data = parse_json(script.text or "")
        except InputError:
            continue  # not JSON, or over the limits: ``ldpub validate`` reports it; here it describes nothing
        for node in _nodes(data):
            node_id = node.get("@id") if isinstance(node.get("@id"), str) else None
            if _is_article(node) and node_id not in ours:
                found.append(OwnArticle(script.sourceline or 1, _article_type(node), node_id))
    return found


@dataclass(frozen=True)
class UrlMismatch:
    """The graph's article is about another page than the one it is embedded in."""

    line: int  # the line of the page's ``<link rel="canonical">``
    article_url: str
    canonical: str

    @property
    def message(self) -> str:
        return (
            f"the article's URL {self.article_url} is not the page's canonical URL {self.canonical}: "
            "is this the article's page? (build the record with the page's URL, or embed the graph in its own page)"
        )


def url_mismatch(page: bytes | str, graph: Graph, *, source: str | None = None) -> UrlMismatch | None:
    """The graph's article URL (its ``url``, else ``mainEntityOfPage``, else its ``@id`` without the
    fragment) against the page's canonical URL (``<link rel="canonical">``, resolved against
    ``<base href>``); None when they are the same page, or when the page or the graph names none.
    Scheme and host are compared without regard to case, the default port and the fragment dropped."""
    from urllib.parse import urljoin

    from ldpub.read.safe_html import decode_page, parse_html

    urls = [u for n in _nodes(_as_graph(graph)) if _is_article(n) and (u := _article_url(n))]
    if not urls:
        return None
    text = page if isinstance(page, str) else decode_page(page, source=source)
    root = parse_html(text, source=source)
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" not in rel or not href:
            continue
        canonical = urljoin(base, href) if base else href
        if any(_same_url(u, canonical) for u in urls):
            return None
        return UrlMismatch(link.sourceline or 1, urls[0], canonical)
    return None


def _article_url(node: Mapping[str, Any]) -> str | None:
    for key in ("url", "mainEntityOfPage"):
        value = node.get(key)
        value = value[0] if isinstance(value, list) and value else value
        value = value.get("@id") or value.get("url") if isinstance(value, dict) else value
        if isinstance(value, str) and value.strip():
            return value.strip()
    node_id = node.get("@id")
    return node_id.split("#", 1)[0] if isinstance(node_id, str) and node_id.startswith("http") else None


def _same_url(a: str, b: str) -> bool:
    from urllib.parse import urlsplit

    def key(url: str) -> tuple[str, str, str, str]:
        parts = urlsplit(url.strip())
        port = parts.port if parts.port not in (None, 80, 443) else None
        host = (parts.hostname or "") + (f":{port}" if port else "")
        return parts.scheme.lower(), host.lower(), parts.path or "/", parts.query

    try:
        return key(a) == key(b)
    except ValueError:  # a port that is not a number
        return a.strip() == b.strip()


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Top-level nodes of a JSON-LD document: itself, its array items, its ``@graph``."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _nodes(data["@graph"])
        else:
            yield data


def _article_type(node: Mapping[str, Any]) -> str:
    from ldpub.read.html_evidence import is_article_type  # lxml: imported when a page is read

    types = node.get("@type")
    names = [t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)]
    # "schema:NewsArticle" and "https://schema.org/NewsArticle" name the same type
    return next((t for t in names if is_article_type(t.rsplit("/", 1)[-1].rsplit(":", 1)[-1])), "")


def _is_article(node: Mapping[str, Any]) -> bool:
    return bool(_article_type(node))


def embed_with_warnings(page: str, graph: Graph, source: str | None = None) -> tuple[str, list[str]]:
    """:func:`embed`, and a warning for each article node the page's own JSON-LD already has
    (the page would then describe two articles), and one when the article's URL is not the page's
    canonical URL (:func:`url_mismatch`): what ``POST /embed`` answers."""
    out = embed(page, graph, source=source)
    warnings = [
        f"{source or 'page'}:{a.line}: the page's own JSON-LD already describes an article"
        for a in own_articles(page, graph, source=source)
    ]
    mismatch = url_mismatch(page, graph, source=source)
    if mismatch is not None:
        warnings.append(f"{source or 'page'}:{mismatch.line}: {mismatch.message}")
    return out, warnings
