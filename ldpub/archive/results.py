"""Query results as plain Python values, in the W3C SPARQL 1.1 result formats.

A SELECT or ASK result is kept as its SPARQL 1.1 Query Results JSON document (what every
server sends, and what pyoxigraph writes), so the embedded store and a remote endpoint give
the same object; CSV and TSV are written by pyoxigraph from it. CONSTRUCT and DESCRIBE give
Turtle text.
"""

from __future__ import annotations

import textwrap
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
    def from_json(cls, data: bytes | dict[str, Any], *, warnings: tuple[str, ...] = ()) -> QueryResult:
        """From a SPARQL 1.1 JSON result (SPARQL 1.0's ``typed-literal`` is accepted too)."""
        doc = orjson.loads(data) if isinstance(data, bytes | str) else data
        if "boolean" in doc:
            return cls("ask", boolean=bool(doc["boolean"]), warnings=warnings)
        try:
            variables = tuple(doc["head"].get("vars", ()))
            rows = tuple({k: _term(v) for k, v in b.items()} for b in doc["results"]["bindings"])
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
    return Term(kind, value, datatype, v.get("xml:lang"))


def _term_json(t: Term) -> dict[str, Any]:
    if t.type == "triple":
        return {"type": "triple", "value": orjson.loads(t.value)}
    out: dict[str, Any] = {"type": t.type, "value": t.value}
    if t.lang:
        out["xml:lang"] = t.lang
    elif t.datatype:
        out["datatype"] = t.datatype
    return out


def _expanded(variables: tuple[str, ...], cells: list[list[str]], width: int) -> str:
    """One block per solution: a ``-[ row N ]---`` rule, then ``variable  value`` for each."""
    label = max((len(v) for v in variables), default=0)
    out = []
    for n, row in enumerate(cells, 1):
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
