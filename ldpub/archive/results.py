"""Query results as plain Python values, in the W3C SPARQL 1.1 result formats.

A SELECT or ASK result is kept as its SPARQL 1.1 Query Results JSON document (what every
server sends, and what pyoxigraph writes), so the embedded store and a remote endpoint give
the same object; CSV and TSV are written by pyoxigraph from it. CONSTRUCT and DESCRIBE give
Turtle text.

A :class:`ResultStream` is the same result as it comes, batch by batch: :func:`render` writes
it in any of the formats piece by piece, so that printing or sending a result of any size
holds one batch in memory (a text table sizes its columns by its first 1,000 rows).
"""

from __future__ import annotations

import codecs
import json
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
import pyoxigraph as ox

from ldpub.errors import StoreError


@dataclass(frozen=True)
class Term:
    """One RDF term of a result row: ``type`` is ``uri``, ``literal``, ``bnode`` or ``triple``."""

    type: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class QueryResult:
    """The result of one query. ``kind`` is ``select``, ``ask`` or ``graph``."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, Term], ...] = ()
    boolean: bool | None = None
    turtle: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @classmethod
    def from_json(cls, data: bytes | str | dict[str, Any], *, warnings: tuple[str, ...] = ()) -> QueryResult:
        """From a SPARQL 1.1 JSON result (SPARQL 1.0's ``typed-literal`` is accepted too)."""
        doc = orjson.loads(data) if isinstance(data, bytes | str) else data
        if "boolean" in doc:
            return cls("ask", boolean=bool(doc["boolean"]), warnings=warnings)
        try:
            variables = tuple(doc["head"].get("vars", ()))
            rows = tuple(rows_of_bindings(doc["results"]["bindings"]))
        except (KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"the endpoint sent a malformed SPARQL JSON result ({exc!r})") from None
        return cls("select", variables, rows, warnings=warnings)

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON; for a graph result, the Turtle text."""
        if self.kind == "graph":
            return self.turtle or ""
        if self.kind == "ask":
            return orjson.dumps({"head": {}, "boolean": self.boolean}).decode() + "\n"
        bindings = [{k: _term_json(t) for k, t in row.items()} for row in self.rows]
        doc = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n"

    def to_csv(self) -> str:
        return self._serialize(ox.QueryResultsFormat.CSV)

    def to_tsv(self) -> str:
        return self._serialize(ox.QueryResultsFormat.TSV)

    def _serialize(self, fmt: Any) -> str:
        if self.kind == "graph":
            return self.turtle or ""
        if self.kind == "ask":  # CSV/TSV have no boolean form: write it as one cell
            return f"{'true' if self.boolean else 'false'}\n"
        parsed = ox.parse_query_results(self.to_json(), format=ox.QueryResultsFormat.JSON)
        out = parsed.serialize(format=fmt)
        return out.decode("utf-8") if out is not None else ""

    def to_table(self, *, width: int | None = None) -> str:
        """A readable text table (not a standard format): one row per solution, then a count.

        When the table is wider than ``width`` (a terminal's columns), each solution is shown as
        a block of ``variable  value`` lines instead, as psql's expanded display does: nothing
        is cut, and nothing wraps mid-table.
        """
        if self.kind == "graph":
            return self.turtle or ""
        if self.kind == "ask":
            return ("yes" if self.boolean else "no") + "\n"
        cells = [[_cell(row.get(v)) for v in self.variables] for row in self.rows]
        widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(self.variables)]
        count = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
        if width is not None and sum(widths) + 2 * (len(widths) - 1) > width:
            return _expanded(self.variables, cells, width) + count + "\n"
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.variables, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)
        lines.append(count)
        return "\n".join(lines) + "\n"

    def values(self) -> list[dict[str, str]]:
        """Rows as plain ``{variable: value}`` strings (unbound variables left out)."""
        return [{k: t.value for k, t in row.items()} for row in self.rows]


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_from_json(v: dict[str, Any]) -> Term:
    """A term of a SPARQL JSON result (1.1, or 1.0's ``typed-literal``)."""
    return _term(v)


def rows_of_bindings(bindings: list[Binding]) -> list[dict[str, Term]]:
    """Solutions in SPARQL JSON form as rows of :class:`Term`; a term that comes again (the
    same entity or verdict in many rows) is made once and shared (terms are immutable)."""
    made: dict[tuple[str, str, str | None, str | None], Term] = {}
    rows = []
    for binding in bindings:
        row = {}
        for name, v in binding.items():
            value = v["value"]
            if value.__class__ is str:
                key = (value, v["type"], v.get("datatype"), v.get("xml:lang"))
                term = made.get(key)
                if term is None:
                    term = made[key] = _term(v)
            else:  # quoted triples, Virtuoso's JSON numbers
                term = _term(v)
            row[name] = term
        rows.append(row)
    return rows


_new = object.__new__
_set = object.__setattr__


def _term(v: dict[str, Any]) -> Term:
    kind = v["type"]
    if kind == "typed-literal":  # SPARQL 1.0 JSON (Virtuoso)
        kind = "literal"
    datatype = v.get("datatype")
    if datatype in (_XSD_STRING, _RDF_LANG_STRING):
        datatype = None  # RDF 1.1: plain literals are xsd:string; servers differ in saying so
    value = v["value"]
    if kind == "triple" or not isinstance(value, str):  # quoted triples; Virtuoso's JSON numbers
        value = orjson.dumps(value).decode()
    # Term(...) as the dataclass would make it, without its four frozen-field setattr calls
    term = _new(Term)
    _set(term, "__dict__", {"type": kind, "value": value, "datatype": datatype, "lang": v.get("xml:lang")})
    return term


def _term_json(t: Term) -> dict[str, Any]:
    if t.type == "triple":
        return {"type": "triple", "value": orjson.loads(t.value)}
    out: dict[str, Any] = {"type": t.type, "value": t.value}
    if t.lang:
        out["xml:lang"] = t.lang
    elif t.datatype:
        out["datatype"] = t.datatype
    return out


def _expanded(variables: tuple[str, ...], cells: list[list[str]], width: int, start: int = 0) -> str:
    """One block per solution: a ``-[ row N ]---`` rule (N from ``start + 1``), then ``variable  value`` for each."""
    label = max((len(v) for v in variables), default=0)
    out = []
    for n, row in enumerate(cells, start + 1):
        rule = f"-[ row {n} ]"
        out.append(rule + "-" * max(0, min(width, 40) - len(rule)))
        for v, c in zip(variables, row, strict=True):
            # long text wraps under its value; an IRI (no spaces) is never broken
            lines = textwrap.wrap(c, max(20, width - label - 2), break_long_words=False, break_on_hyphens=False)
            indent = " " * (label + 2)
            out.append(f"{v.ljust(label)}  " + f"\n{indent}".join(lines or [""]))
    return "\n".join(out) + ("\n" if out else "")


def _cell(t: Term | None) -> str:
    if t is None:
        return ""
    if t.type == "uri":
        return f"<{t.value}>"
    if t.type == "bnode":
        return f"_:{t.value}"
    return t.value.replace("\n", " ")


# --- results as they come ---------------------------------------------------------------------

Binding = dict[str, dict[str, Any]]  # one solution in SPARQL 1.1 JSON form: variable → term object


class ResultStream:
    """A query's result as it comes: for SELECT, batches of rows (:meth:`batches`); for
    CONSTRUCT/DESCRIBE, pieces of Turtle (:meth:`turtle`); for ASK, :attr:`boolean` at once.

    ``parts`` yields lists of solutions in SPARQL 1.1 JSON form (or Turtle text), then a
    ``{"end": True, "cut": bool}`` mark: ``cut`` when the source stopped at ``max_rows``
    (there may have been more rows), which adds a warning. :meth:`close` stops the source (a
    worker process, an HTTP response); a stream used as a context manager is closed on leaving it.
    """

    def __init__(
        self,
        kind: str,
        *,
        variables: tuple[str, ...] = (),
        boolean: bool | None = None,
        parts: Iterator[Any] | None = None,
        close: Callable[[], None] | None = None,
        max_rows: int | None = None,
        warnings: tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.variables = variables
        self.boolean = boolean
        self.max_rows = max_rows
        self.warnings = list(warnings)
        self.cut = False
        self._parts = parts if parts is not None else iter(())
        self._closers = [close] if close is not None else []

    def _pieces(self) -> Iterator[Any]:
        for part in self._parts:
            if isinstance(part, dict):
                if part.get("cut"):
                    self.cut = True
                    limit = f" ({self.max_rows:,} rows)" if self.max_rows is not None else ""
                    self.warnings.append(f"the result stops at the row limit{limit}; there may be more")
                return
            yield part

    def bindings(self) -> Iterator[list[Binding]]:
        """The solutions of a SELECT result in SPARQL 1.1 JSON form, a batch at a time."""
        for part in self._pieces():
            if part:
                yield part

    def batches(self) -> Iterator[list[dict[str, Term]]]:
        """The rows of a SELECT result (variable → :class:`Term`), a batch at a time."""
        for batch in self.bindings():
            yield rows_of_bindings(batch)

    def turtle(self) -> Iterator[str]:
        """A CONSTRUCT/DESCRIBE result as pieces of Turtle text (each whole statements)."""
        yield from self._pieces()

    def collect(self) -> QueryResult:
        """The whole result in memory (for results known to be small, or limited)."""
        try:
            if self.kind == "ask":
                return QueryResult("ask", boolean=self.boolean, warnings=tuple(self.warnings))
            if self.kind == "graph":
                turtle = "".join(self.turtle())
                return QueryResult("graph", turtle=turtle, warnings=tuple(self.warnings))
            rows = tuple(row for batch in self.batches() for row in batch)
            return QueryResult("select", self.variables, rows, warnings=tuple(self.warnings))
        finally:
            self.close()

    def close(self) -> None:
        """Stop the source: what it holds (a worker process, a connection) is freed now."""
        for close in self._closers:
            close()

    def on_close(self, close: Callable[[], None]) -> None:
        """Call ``close`` too when the stream is closed (after the source's own)."""
        self._closers.append(close)

    def __enter__(self) -> ResultStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


TABLE_ROWS = 1000  # a streamed text table sizes its columns by this many rows


def render(stream: ResultStream, fmt: str, *, width: int | None = None) -> Iterator[str]:
    """``stream`` as text in ``fmt`` (``json``, ``csv``, ``tsv`` or ``table``), piece by piece;
    a graph result is Turtle whatever ``fmt`` says. Each piece is the text of one batch."""
    if stream.kind == "graph":
        yield from stream.turtle()
        return
    if stream.kind == "ask":
        result = QueryResult("ask", boolean=stream.boolean)
        yield {"json": result.to_json, "csv": result.to_csv, "tsv": result.to_tsv}.get(fmt, result.to_table)()
        return
    if fmt == "json":
        yield from _json_pieces(stream)
    elif fmt in ("csv", "tsv"):
        yield from _delimited_pieces(stream, ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.TSV)
    else:
        yield from _table_pieces(stream, width)


def _json_pieces(stream: ResultStream) -> Iterator[str]:
    """SPARQL JSON laid out as :meth:`QueryResult.to_json` writes it, a batch of solutions at a time."""
    doc = {"head": {"vars": list(stream.variables)}, "results": {"bindings": [0]}}
    head, _, tail = orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode().partition("      0")
    started = False
    for batch in stream.bindings():
        pieces = (orjson.dumps(row, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n      ") for row in batch)
        yield (",\n      " if started else head + "      ") + ",\n      ".join(pieces)
        started = True
    yield tail + "\n" if started else QueryResult("select", stream.variables).to_json()


def _delimited_pieces(stream: ResultStream, fmt: Any) -> Iterator[str]:
    """CSV or TSV by pyoxigraph's writer, a batch at a time (the header line once)."""
    header = True
    for batch in stream.bindings():
        text = _serialize_bindings(stream.variables, batch, fmt)
        yield text if header else text.split("\n", 1)[1]
        header = False
    if header:
        yield _serialize_bindings(stream.variables, [], fmt)


def _serialize_bindings(variables: tuple[str, ...], bindings: list[Binding], fmt: Any) -> str:
    doc = orjson.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}})
    out = ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return out.decode("utf-8") if out is not None else ""


def _table_pieces(stream: ResultStream, width: int | None) -> Iterator[str]:
    """:meth:`QueryResult.to_table`, its columns sized by the first :data:`TABLE_ROWS` rows, the
    rest laid out in them as they come (a wider cell widens its own line only)."""
    first: list[dict[str, Term]] = []
    batches = stream.batches()
    for batch in batches:
        first.extend(batch)
        if len(first) >= TABLE_ROWS:
            break
    else:
        yield QueryResult("select", stream.variables, tuple(first)).to_table(width=width)
        return
    variables = stream.variables
    cells = [[_cell(row.get(v)) for v in variables] for row in first]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    expanded = width is not None and sum(widths) + 2 * (len(widths) - 1) > width

    def lines(rows: list[list[str]], start: int) -> str:
        if expanded:
            assert width is not None
            return _expanded(variables, rows, width, start)
        return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in rows)

    if not expanded:
        yield "  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip() + "\n"
        yield "  ".join("-" * w for w in widths) + "\n"
    yield lines(cells, 0)
    count = len(cells)
    for batch in batches:
        rows = [[_cell(row.get(v)) for v in variables] for row in batch]
        yield lines(rows, count)
        count += len(rows)
    yield f"({count} row{'s' if count != 1 else ''})\n"


# --- SPARQL JSON read as it comes -------------------------------------------------------------

_BINDINGS = re.compile(r'"bindings"\s*:\s*\[')
_HEAD = re.compile(r'"head"\s*:\s*')
_BOOLEAN = re.compile(r'"boolean"\s*:\s*(true|false)')
_DECODER = json.JSONDecoder()


class JsonResultReader:
    """A SPARQL JSON result read from pieces of bytes as they arrive: the head (or the boolean)
    first, then the solutions one at a time, each normalised as :class:`QueryResult` reads them
    (SPARQL 1.0's ``typed-literal``, numbers as values). Memory holds one piece and one solution,
    not the document (servers write ``head`` before ``results``; one that does not is read whole).
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._text = ""
        self._pos = 0
        self._done = False
        self.variables: tuple[str, ...] = ()
        self.boolean: bool | None = None
        self._whole: list[Binding] | None = None  # a result whose head comes last, read whole

    def _more(self) -> bool:
        if self._done:
            return False
        for chunk in self._chunks:
            if chunk:
                if self._pos > 65536:  # drop what has been read
                    self._text, self._pos = self._text[self._pos :], 0
                self._text += self._decoder.decode(chunk)
                return True
        self._text += self._decoder.decode(b"", final=True)
        self._done = True
        return False

    def read_head(self) -> str:
        """Read up to the first solution; ``select`` (with :attr:`variables`) or ``ask``."""
        while True:
            boolean = _BOOLEAN.search(self._text)
            bindings = _BINDINGS.search(self._text)
            head = _HEAD.search(self._text)
            if boolean and not bindings:
                self.boolean = boolean.group(1) == "true"
                return "ask"
            if head and bindings and head.start() < bindings.start():
                try:
                    value, _ = _DECODER.raw_decode(self._text, head.end())
                except ValueError:
                    value = None
                if isinstance(value, dict):
                    self.variables = tuple(str(v) for v in value.get("vars", ()))
                    self._pos = bindings.end()
                    return "select"
            elif bindings and not head and self._done:
                raise StoreError("the endpoint sent a SPARQL JSON result with no head")
            elif bindings and head and bindings.start() < head.start():  # results before head: read it whole
                while self._more():
                    pass
                result = QueryResult.from_json(self._text)
                self.variables = result.variables
                self._whole = [{k: _term_json(t) for k, t in row.items()} for row in result.rows]
                self._pos = len(self._text)
                return "select"
            if not self._more():
                if self._text.strip():
                    raise StoreError("the endpoint sent a malformed SPARQL JSON result")
                raise StoreError("the endpoint sent an empty answer")

    def solutions(self) -> Iterator[Binding]:
        """The solutions, one at a time (after :meth:`read_head`)."""
        if self._whole is not None:
            yield from self._whole
            return
        while True:
            while True:  # skip whitespace and commas between solutions
                while self._pos < len(self._text) and self._text[self._pos] in " \t\r\n,":
                    self._pos += 1
                if self._pos < len(self._text) or not self._more():
                    break
            if self._pos >= len(self._text):
                raise StoreError("the endpoint's SPARQL JSON result ends in the middle")
            if self._text[self._pos] == "]":
                return
            try:
                value, end = _DECODER.raw_decode(self._text, self._pos)
            except ValueError:
                if self._more():
                    continue
                raise StoreError("the endpoint sent a malformed SPARQL JSON result") from None
            if end == len(self._text) and not self._done and self._more():
                continue  # a number or string may go on in the next piece
            self._pos = end
            if not isinstance(value, dict):
                raise StoreError("the endpoint sent a malformed SPARQL JSON result")
            try:
                yield {k: _term_json(_term(v)) for k, v in value.items()}
            except (KeyError, TypeError, AttributeError) as exc:
                raise StoreError(f"the endpoint sent a malformed SPARQL JSON result ({exc!r})") from None
