"""A user's SPARQL text made ready for the archive, without ever splicing user text into it.

Two things are done to the query, both on its tokens (strings and comments are never touched):

* ``https://schema.org/`` IRIs are rewritten to ``http://schema.org/``, the namespace the
  schema.org context gives and the archive holds; otherwise such a query finds nothing, silently.
* ``--param name=value`` binds ``?name``: the data block of the query's own
  ``VALUES ?name { … }`` is replaced, or a ``VALUES`` clause is added at the end. A value is a
  literal (or ``<IRI>``) serialised by pyoxigraph, escaped as RDF terms are, so it can never end
  the block or add to the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from ldpub.errors import InputError

SCHEMA_HTTPS = "https://schema.org/"
SCHEMA_HTTP = "http://schema.org/"

# SPARQL's lexical forms that may hold any text: long and short strings, comments, IRI references.
_TOKEN = re.compile(
    r"""(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<comment>\#[^\n]*)"""
    r"""|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)""",
)
_VALUES_HEAD = re.compile(r"\bVALUES\s+[?$](\w+)\s*\{", re.I)
_VARIABLE = re.compile(r"[?$](\w+)")
_NAME = re.compile(r"[A-Za-z_]\w*\Z")


@dataclass(frozen=True)
class PreparedQuery:
    """The query to run, and what was done to it (one line each, for the user)."""

    text: str
    notes: tuple[str, ...] = ()


def parse_params(pairs: Sequence[str]) -> dict[str, list[str]]:
    """``name=value`` pairs (from ``--param``) → ``{name: [values]}``; a name may repeat."""
    params: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _NAME.match(name):
            raise InputError(f"--param {pair!r}: expected NAME=VALUE, e.g. --param spelling='Farid Qassem'")
        params.setdefault(name, []).append(value)
    return params


def prepare_query(text: str, params: Mapping[str, Sequence[str]] | None = None) -> PreparedQuery:
    """Rewrite ``https://schema.org/`` IRIs and bind ``params`` (see the module's docstring)."""
    pieces = _pieces(text)
    notes: list[str] = []
    rewritten = 0
    for i, (kind, piece) in enumerate(pieces):
        if kind == "iri" and piece.startswith("<" + SCHEMA_HTTPS):
            pieces[i] = (kind, "<" + SCHEMA_HTTP + piece[1 + len(SCHEMA_HTTPS) :])
            rewritten += 1
    if rewritten:
        notes.append(
            f"read {SCHEMA_HTTPS} as {SCHEMA_HTTP} ({rewritten} IRI{'s' if rewritten != 1 else ''}): "
            f"the archive holds schema.org terms in the {SCHEMA_HTTP} namespace"
        )
    for name, values in (params or {}).items():
        block = "{ " + " ".join(_term(name, v) for v in values) + " }"
        if not _bind_values(pieces, name, block):
            if not any(kind == "code" and _has_variable(piece, name) for kind, piece in pieces):
                raise InputError(f"--param {name}: the query has no variable ?{name}")
            pieces.append(("code", f"\nVALUES ?{name} {block}\n"))
    return PreparedQuery("".join(piece for _, piece in pieces), tuple(notes))


def _pieces(text: str) -> list[tuple[str, str]]:
    """The query cut into ``code``, ``string``, ``comment`` and ``iri`` pieces, in order."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            pieces.append(("code", text[pos : match.start()]))
        pieces.append((match.lastgroup or "code", match.group()))
        pos = match.end()
    if pos < len(text):
        pieces.append(("code", text[pos:]))
    return pieces


def _bind_values(pieces: list[tuple[str, str]], name: str, block: str) -> bool:
    """Replace the data block of the query's ``VALUES ?name { … }``; False when it has none."""
    for start, (kind, piece) in enumerate(pieces):
        if kind != "code":
            continue
        head = next((m for m in _VALUES_HEAD.finditer(piece) if m.group(1) == name), None)
        if head is None:
            continue
        # The block ends at the first '}' in code after the head (data blocks do not nest).
        for end in range(start, len(pieces)):
            kind_end, text_end = pieces[end]
            offset = head.end() if end == start else 0
            close = text_end.find("}", offset) if kind_end == "code" else -1
            if close >= 0:
                before = piece[: head.end() - 1]
                after = text_end[close + 1 :]
                pieces[start : end + 1] = [("code", before + block + after)]
                return True
        return False
    return False


def _has_variable(code: str, name: str) -> bool:
    return any(m.group(1) == name for m in _VARIABLE.finditer(code))


def _term(name: str, value: str) -> str:
    """A value as an RDF term: ``<IRI>`` stays an IRI (checked), anything else is a string literal."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return str(ox.NamedNode(value[1:-1]))
        except ValueError as exc:
            raise InputError(f"--param {name}: {value} is not a valid IRI ({exc})") from None
    return str(ox.Literal(value))
